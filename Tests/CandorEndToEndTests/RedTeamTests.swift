import Foundation
import CandorVocabulary
import Testing

/// Plays the attacker against the published example reports: from the numbers a report shows, try
/// to recover any suppressed figure by differencing the organisation total, the department
/// subtotals and the visible teams, at every level and all at once. Success for the attacker is
/// failure for the test.
@Suite("Red team: differencing the published reports")
struct RedTeamTests {
    struct Row { var team: String; var rowClass: String; var people: Int?; var shown: Int?; var accepted: Int? }

    /// The acceptance table of a published governance report: its rows and the organisation row.
    static func table(_ html: String) -> (teams: [Row], organisation: Row) {
        func ints(_ cells: [String]) -> [Int?] { cells.map { Int($0.replacingOccurrences(of: ",", with: "")) } }
        var teams: [Row] = []
        var organisation = Row(team: "", rowClass: "", people: nil, shown: nil, accepted: nil)
        let body = html.components(separatedBy: "<table class=\"metric\">").dropFirst().first ?? ""
        for line in body.components(separatedBy: "\n") where line.hasPrefix("<tr") && line.contains("scope=\"row\"") {
            let team = line.components(separatedBy: "scope=\"row\">")[1].components(separatedBy: "</th>")[0]
            let classes = line.hasPrefix("<tr class=\"") ? line.dropFirst(11).components(separatedBy: "\"")[0] : ""
            let rowClass = classes.split(separator: " ").first { $0 != "suppressed" }.map(String.init) ?? "team"
            let cells = line.components(separatedBy: "<td class=\"num\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
            let values = ints(Array(cells))
            let row = Row(team: team, rowClass: rowClass, people: values.first ?? nil, shown: values.count > 1 ? values[1] : nil,
                          accepted: values.count > 2 ? values[2] : nil)
            if team == "Organisation" { organisation = row } else { teams.append(row) }
        }
        return (teams, organisation)
    }

    /// The table as a hierarchy: cell 0 is the organisation; department rows own the team rows after them.
    static func hierarchy(_ rows: [Row]) -> (children: [[Int]], cells: [Row]) {
        var children: [[Int]] = [[]]
        var currentDepartment: Int?
        for row in rows {
            let index = children.count
            children.append([])
            switch row.rowClass {
            case "department": children[0].append(index); currentDepartment = index
            case "in-department": children[currentDepartment!].append(index)
            default: children[0].append(index); currentDepartment = nil
            }
        }
        return (children, rows)
    }

    /// Every example governance review: both organisations' periods (reports/<period>, reports/kestrel/<period>).
    static var reports: [URL] {
        let base = CandorBinary.packageRoot.appendingPathComponent("reports")
        return [base, base.appendingPathComponent("kestrel")].flatMap { root in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { Period($0) != nil }.sorted()
                .map { root.appendingPathComponent($0).appendingPathComponent("governance.html") }
        }
    }

    @Test("no suppressed figure follows from the published totals at any level, nor does a group smaller than k")
    func differencing() throws {
        #expect(!Self.reports.isEmpty)
        var attacked = 0
        defer { #expect(attacked >= 2, "the example reports should include suppressed rows to attack") }
        for url in Self.reports {
            let html = try String(contentsOf: url, encoding: .utf8)
            let (rows, organisation) = Self.table(html)
            #expect(!rows.isEmpty, "\(url.lastPathComponent): no table")
            #expect(rows.contains { $0.rowClass == "department" }, "\(url.path): the example should have departments")
            let all = [organisation] + rows
            let (children, _) = Self.hierarchy(rows)
            let hidden = Set(all.indices.filter { all[$0].people == nil })
            if hidden.isEmpty { continue }
            attacked += 1
            // Solving every total at once recovers no hidden cell.
            let recovered = LinearAttacker.recovered(children: children, hidden: hidden)
            #expect(recovered.isEmpty, "\(url.path): recovered \(recovered.map { all[$0].team })")
            // Wherever a published total has hidden parts, they are at least two and at least k people together.
            for (total, parts) in children.enumerated() where !parts.isEmpty && !hidden.contains(total) {
                let hiddenParts = parts.filter { hidden.contains($0) }
                guard !hiddenParts.isEmpty else { continue }
                let residualPeople = all[total].people! - parts.filter { !hidden.contains($0) }.reduce(0) { $0 + all[$1].people! }
                #expect(hiddenParts.count >= 2, "\(url.path): \(all[hiddenParts[0]].team) alone is hidden under \(all[total].team)")
                #expect(residualPeople >= 5, "\(url.path): the hidden parts of \(all[total].team) are \(residualPeople) people")
            }
        }
    }

    @Test("scorecard tables: organisation minus the visible teams never isolates one hidden team")
    func scorecardDifferencing() throws {
        var attacked = 0
        for url in Self.reports {
            let html = try String(contentsOf: url, encoding: .utf8)
            for body in html.components(separatedBy: "<table class=\"metric scorecard\">").dropFirst() {
                let table = body.components(separatedBy: "</table>")[0]
                var rows: [(team: String, n: Int?, events: Int?)] = []
                for line in table.components(separatedBy: "\n") where line.hasPrefix("<tr") && line.contains("scope=\"row\"") {
                    let team = line.components(separatedBy: "scope=\"row\">")[1].components(separatedBy: "</th>")[0]
                    let numbers = line.components(separatedBy: "<td class=\"num\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
                        .map { Int($0.replacingOccurrences(of: ",", with: "")) }
                    rows.append((team, numbers.count >= 3 ? numbers[1] : nil, numbers.count >= 3 ? numbers[2] : nil))
                }
                guard let organisation = rows.last, organisation.team == "Organisation", let orgEvents = organisation.events else { continue }
                let teams = rows.dropLast()
                let hidden = teams.filter { $0.n == nil }
                guard !hidden.isEmpty else { continue }
                attacked += 1
                let visibleEvents = teams.compactMap(\.events).reduce(0, +)
                // The residual the attacker learns covers at least two hidden teams (or one and the people outside the directory).
                #expect(hidden.count >= 2, "\(url.lastPathComponent): only \(hidden[0].team) is hidden; its events would be \(orgEvents - visibleEvents)")
            }
        }
        #expect(attacked >= 10)
    }

    @Test("the attack works on an unprotected table, so the test can fail")
    func attackWorks() {
        // Three teams, one hidden, and an organisation total: subtraction recovers the hidden one.
        let html = """
            <table class="metric">
            <tr><th scope="row">A</th><td class="num">6</td><td class="num">100</td><td class="num">30</td><td>x</td></tr>
            <tr class="suppressed"><th scope="row">B</th><td colspan="5">suppressed</td></tr>
            <tr><th scope="row">Organisation</th><td class="num">9</td><td class="num">150</td><td class="num">40</td><td>x</td></tr>
            </table>
            """
        let (teams, organisation) = Self.table(html)
        let hidden = teams.filter { $0.people == nil }
        #expect(hidden.count == 1)
        #expect(organisation.accepted! - teams[0].accepted! == 10)   // B's accepted suggestions, recovered
        let (children, _) = Self.hierarchy(teams)
        #expect(LinearAttacker.recovered(children: children, hidden: [2]) == [2])
    }
}
