import Foundation
import Testing

/// Plays the attacker against the published example reports: from the numbers a report shows, try
/// to recover any suppressed team's figures by differencing the organisation total and the visible
/// teams. Success for the attacker is failure for the test.
@Suite("Red team: differencing the published reports")
struct RedTeamTests {
    struct Row { var team: String; var people: Int?; var shown: Int?; var accepted: Int? }

    /// The acceptance table of a published governance report.
    static func table(_ html: String) -> (teams: [Row], organisation: Row) {
        func ints(_ cells: [String]) -> [Int?] { cells.map { Int($0.replacingOccurrences(of: ",", with: "")) } }
        var teams: [Row] = []
        var organisation = Row(team: "", people: nil, shown: nil, accepted: nil)
        let body = html.components(separatedBy: "<table class=\"metric\">").dropFirst().first ?? ""
        for line in body.components(separatedBy: "\n") where line.hasPrefix("<tr") && line.contains("scope=\"row\"") {
            let team = line.components(separatedBy: "scope=\"row\">")[1].components(separatedBy: "</th>")[0]
            let cells = line.components(separatedBy: "<td class=\"num\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
            let values = ints(Array(cells))
            let row = Row(team: team, people: values.first ?? nil, shown: values.count > 1 ? values[1] : nil, accepted: values.count > 2 ? values[2] : nil)
            if team == "Organisation" { organisation = row } else { teams.append(row) }
        }
        return (teams, organisation)
    }

    static var reports: [URL] {
        let root = CandorBinary.packageRoot.appendingPathComponent("reports")
        let periods = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return periods.sorted().map { root.appendingPathComponent($0).appendingPathComponent("governance.html") }
    }

    @Test("organisation minus visible teams never isolates one hidden team, nor a group smaller than k")
    func differencing() throws {
        #expect(!Self.reports.isEmpty)
        var attacked = 0
        defer { #expect(attacked >= 2, "the example reports should include suppressed teams to attack") }
        for url in Self.reports {
            let html = try String(contentsOf: url, encoding: .utf8)
            let (teams, organisation) = Self.table(html)
            let hidden = teams.filter { $0.people == nil }
            let visible = teams.filter { $0.people != nil }
            #expect(!teams.isEmpty, "\(url.lastPathComponent): no table")
            guard let orgPeople = organisation.people, let orgShown = organisation.shown, let orgAccepted = organisation.accepted else { continue }
            let residualPeople = orgPeople - visible.reduce(0) { $0 + $1.people! }
            let residualShown = orgShown - visible.reduce(0) { $0 + $1.shown! }
            let residualAccepted = orgAccepted - visible.reduce(0) { $0 + $1.accepted! }
            if hidden.isEmpty { continue }
            attacked += 1
            // The attacker learns only the hidden teams' combined figures: never one team alone…
            #expect(hidden.count >= 2, "\(url.path): one hidden team could be recovered (\(hidden[0].team): \(residualAccepted)/\(residualShown))")
            // …and never a group smaller than the minimum group size.
            #expect(residualPeople >= 5, "\(url.path): the hidden teams together are \(residualPeople) people")
        }
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
    }
}
