import Foundation
import Testing

/// Issue 17, items 13 and 4: satisfaction is reported per survey item beside the pooled value, and no
/// published share of answers sits at 0% or 100% — there it would give every respondent's answer.
/// Read from the published figures files alone.
@Suite("Satisfaction per item, and no share of answers where everyone answered alike")
struct SurveyItemsTests {
    static let folders = ["reports/2026-Q2", "reports/2026-Q3", "reports/kestrel/2026-Q2", "reports/kestrel/2026-Q3"]

    @Test("the organisation's satisfaction carries its items, each a share of the respondents who answered it; a team's is pooled only", arguments: folders)
    func items(folder: String) throws {
        let rows = try FiguresAttackTests.rows(folder).filter { $0.table == "scorecard" && $0.metric == "experience.satisfaction" }
        let organisation = rows.filter { $0.scope == "organisation" }
        #expect(organisation.contains { $0.part.isEmpty && $0.status == "shown" })
        let items = organisation.filter { $0.part.hasPrefix("item:") }
        #expect(items.count >= 2, "\(folder): \(items.count) item rows")
        for item in items where item.status == "shown" { #expect(item.value.map { $0 > 0 && $0 < 1 } ?? false) }
        // A team's items, a few respondents each, could be worked out from its pooled value and the rest.
        #expect(!rows.contains { $0.scope == "team" && $0.part.hasPrefix("item:") })
    }

    @Test("no shown satisfaction cell, pooled or per item, is 0% or 100%", arguments: folders)
    func uniform(folder: String) throws {
        let rows = try FiguresAttackTests.rows(folder).filter { $0.table == "scorecard" && $0.metric == "experience.satisfaction" && $0.status == "shown" }
        for row in rows { #expect(row.value != 0 && row.value != 1, "\(folder) \(row.scope) \(row.name) \(row.part): \(row.value ?? -1)") }
    }
}

/// Issue 17, item 3: every published count of people is at least k or coarsened — including counts
/// that two published headcounts of one team would give by difference (the survey's response rate
/// against active share's n gave the number who objected).
@Suite("Counts of people across a period's figures")
struct PeopleCountAcrossFiguresTests {
    @Test("a team's headcounts agree wherever they are published, so no difference gives a count below k", arguments: SurveyItemsTests.folders)
    func headcounts(folder: String) throws {
        let k = 5
        let rows = try FiguresAttackTests.rows(folder)
        let csv = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent(folder).appendingPathComponent("figures.csv"), encoding: .utf8)
        var checked = 0
        for active in rows where active.table == "scorecard" && active.metric == "ai.active_share" && active.part.isEmpty && active.status == "shown" {
            let n = try #require(csv.split(separator: "\n").first { $0.contains(",scorecard,ai.active_share,") && $0.contains(",\(active.scope),\(active.name),,shown,") }
                .flatMap { Int($0.split(separator: ",", omittingEmptySubsequences: false)[9]) })
            // "response rate 56% (5 of 9)" in the satisfaction row's reason column.
            guard let line = csv.split(separator: "\n").first(where: { $0.contains(",scorecard,experience.satisfaction,") && $0.contains(",\(active.scope),\(active.name),,shown,") }),
                  let range = line.range(of: "response rate "), let open = line[range.upperBound...].firstIndex(of: "(") else { continue }
            let inside = line[line.index(after: open)...].prefix { $0 != ")" }.components(separatedBy: " of ")
            guard inside.count == 2, let size = Int(inside[1]) else { continue }
            let gap = abs(size - n)
            #expect(gap == 0 || gap >= k, "\(folder) \(active.scope) \(active.name): active share n = \(n), response-rate headcount \(size)")
            checked += 1
        }
        #expect(checked > 0)
    }
}

/// The red team over prose: every report and email of the example sets, read as text — no count of
/// people printed in a sentence is between 1 and k − 1.
@Suite("Counts of people in every report's prose")
struct PeopleCountProseTests {
    @Test("no sentence of any published report or email prints a count of people below k")
    func prose() throws {
        let k = 5
        let root = CandorBinary.packageRoot.appendingPathComponent("reports")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
            .filter { ["md", "eml"].contains($0.pathExtension) } ?? []
        #expect(files.count > 20)
        let pattern = try NSRegularExpression(pattern: #"(?<![\d.,%–-])(\d[\d,]*) (people|persons?|respondents?|person-weeks?|objectors?|members?|developers?)\b"#)
        var found = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text), let n = Int(text[range].replacingOccurrences(of: ",", with: "")) else { continue }
                found += 1
                #expect(n == 0 || n >= k, "\(file.lastPathComponent): \(text[Range(match.range, in: text)!])")
            }
        }
        #expect(found > 0)
    }
}
