import Testing
@testable import CandorAnalysis
@testable import CandorVocabulary

/// The period's one disclosure decision, with known answers (no database).
@Suite("Period disclosure")
struct PeriodDisclosureTests {
    static func people(_ team: String, _ n: Int, shown: Int64 = 10) -> [InlineTotals] {
        (0..<n).map { InlineTotals(team: team, person: "\(team)-\($0)", accepted: 5, shown: shown, activeDays: 1) }
    }

    @Test("a team below k is hidden for that reason, and one more team is hidden so its cell cannot be recovered from the total")
    func complementary() {
        // Organisation = Big (8) + Mid (6) + Tiny (2): Tiny is below k = 5; hiding it alone would leave
        // it recoverable as organisation − Big − Mid, so the smallest other team (Mid) is hidden too.
        let totals = Self.people("Big", 8) + Self.people("Mid", 6) + Self.people("Tiny", 2)
        let d = PeriodDisclosure.decide(totals: totals, teamWeeks: [], source: .raw, departments: [:], scorecard: .empty, policy: DisclosurePolicy(k: 5, dominanceThreshold: 0.5))
        #expect(d.decisions.count == d.table.entries.count + 1)
        #expect(d.organisation == .shown)
        #expect(d.hiddenTeams == ["Tiny": .fewerThanK(k: 5), "Mid": .complementary])
        #expect(d.cells.count == 3)
    }

    @Test("every team at or above k, none dominated: nothing is hidden")
    func nothingHidden() {
        let totals = Self.people("A", 5) + Self.people("B", 7)
        let d = PeriodDisclosure.decide(totals: totals, teamWeeks: [], source: .raw, departments: [:], scorecard: .empty, policy: DisclosurePolicy(k: 5, dominanceThreshold: 0.5))
        #expect(d.hiddenTeams.isEmpty && d.cells.allSatisfy { $0 == .shown })
    }

    @Test("a team where one person contributes most is hidden as dominated, never with its value")
    func dominance() {
        var totals = Self.people("Even", 6) + Self.people("Third", 6)
        totals += [InlineTotals(team: "Skewed", person: "s-big", accepted: 300, shown: 900, activeDays: 30)] + Self.people("Skewed", 5)
        let d = PeriodDisclosure.decide(totals: totals, teamWeeks: [], source: .raw, departments: [:], scorecard: .empty, policy: DisclosurePolicy(k: 5, dominanceThreshold: 0.5))
        guard case .dominance? = d.hiddenTeams["Skewed"] else {
            Issue.record("Skewed should be hidden as dominated: \(d.hiddenTeams)")
            return
        }
    }
}
