import Foundation
import Testing

/// Issue 17, items 13 and 4: satisfaction is reported per survey item beside the pooled value, and no
/// published share of answers sits at 0% or 100% — there it would give every respondent's answer.
/// Read from the published figures files alone.
@Suite("Satisfaction per item, and no share of answers where everyone answered alike")
struct SurveyItemsTests {
    static let folders = ["reports/2026-Q2", "reports/2026-Q3", "reports/kestrel/2026-Q2", "reports/kestrel/2026-Q3"]

    @Test("every shown satisfaction cell carries its items, each a share of the respondents who answered it", arguments: folders)
    func items(folder: String) throws {
        let rows = try FiguresAttackTests.rows(folder).filter { $0.table == "scorecard" && $0.metric == "experience.satisfaction" }
        let wholes = rows.filter { $0.part.isEmpty && $0.status == "shown" }
        #expect(!wholes.isEmpty)
        for whole in wholes {
            let items = rows.filter { $0.scope == whole.scope && $0.name == whole.name && $0.part.hasPrefix("item:") }
            #expect(items.count >= 2, "\(folder) \(whole.scope) \(whole.name): \(items.count) item rows")
            // Each item is a share of people (one answer per respondent), so its events are its n.
            for item in items where item.status == "shown" { #expect(item.value.map { $0 >= 0 && $0 <= 1 } ?? false) }
        }
    }

    @Test("no shown satisfaction cell, pooled or per item, is 0% or 100%", arguments: folders)
    func uniform(folder: String) throws {
        let rows = try FiguresAttackTests.rows(folder).filter { $0.table == "scorecard" && $0.metric == "experience.satisfaction" && $0.status == "shown" }
        for row in rows { #expect(row.value != 0 && row.value != 1, "\(folder) \(row.scope) \(row.name) \(row.part): \(row.value ?? -1)") }
    }
}
