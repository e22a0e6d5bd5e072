import Foundation
import Testing

/// An attacker who holds every number a period publishes — the figures files list them all, every
/// table, metric and assistant part — tries to recover a hidden cell from the others (issue 17: the
/// red team differences across all numbers of a period together, not one table at a time).
@Suite("Attacking all of a period's published figures together")
struct FiguresAttackTests {
    struct Row { var table, metric, scope, name, part, status: String; var value: Double?; var events: Int? }

    static func rows(_ folder: String) throws -> [Row] {
        let text = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent(folder).appendingPathComponent("figures.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            // Text columns that could hold commas are quoted; the numeric ones are not, and the first eight are plain.
            var fields: [String] = [], current = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle(); continue }
                if ch == "," && !quoted { fields.append(current); current = ""; continue }
                current.append(ch)
            }
            fields.append(current)
            return Row(table: fields[1], metric: fields[2], scope: fields[4], name: fields[5], part: fields[6], status: fields[7],
                       value: Double(fields[8]), events: Int(fields[10]))
        }
    }

    @Test("no hidden team cell follows from its table's shown organisation and shown teams",
          arguments: ["reports/2026-Q2", "reports/2026-Q3", "reports/kestrel/2026-Q2", "reports/kestrel/2026-Q3"])
    func subtraction(folder: String) throws {
        let all = try Self.rows(folder)
        let groups = Dictionary(grouping: all) { "\($0.table)|\($0.metric)|\($0.part)" }
        for (key, rows) in groups.sorted(by: { $0.key < $1.key }) {
            guard let organisation = rows.first(where: { $0.scope == "organisation" }), organisation.status == "shown" else { continue }
            var hidden = rows.filter { $0.scope == "team" && $0.status == "hidden" }
            // For an assistant's part, a team hidden whole hides its part too (its part rows are not published).
            if let first = rows.first, !first.part.isEmpty {
                let partNames = Set(rows.map(\.name))
                hidden += all.filter { $0.table == first.table && $0.metric == first.metric && $0.part.isEmpty && $0.scope == "team"
                    && $0.status == "hidden" && !partNames.contains($0.name) }
            }
            // One hidden team beside a shown total: its events are the total less the shown teams'.
            // (The acceptance table's departments are totals too: each is checked as its own table below.)
            if !key.hasPrefix("acceptance|") {
                #expect(hidden.count != 1, "\(folder) \(key): the only hidden team, \(hidden.first?.name ?? ""), follows from the organisation's total")
            }
            // A total at 0% or 100% gives every hidden cell beneath it that same value.
            if let v = organisation.value, v == 0 || v == 1, key.contains("ai.") || key.contains("experience.") || key.contains("trust.") {
                #expect(hidden.isEmpty, "\(folder) \(key): the organisation at \(v) gives the hidden teams' values")
            }
        }
    }
}
