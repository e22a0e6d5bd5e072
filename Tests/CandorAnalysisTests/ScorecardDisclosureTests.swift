import Testing
@testable import CandorAnalysis
@testable import CandorVocabulary

/// The scorecard's per-metric disclosure decision and its application, with known answers (no database).
@Suite("Scorecard disclosure")
struct ScorecardDisclosureTests {
    static let rate = MetricRegistry.acceptanceRate.id          // about people: rests on its own contributors
    static let findings = MetricRegistry.newFindingsRate.id     // about code: rests on the team in the directory

    /// A computed scorecard: `people` per team for the acceptance rate (nil: no data), every team with
    /// a findings rate; the organisation's people are the teams' together.
    static func card(sizes: [String: Int], people: [String: Int?]) -> UndisclosedScorecard {
        let teams = sizes.keys.sorted()
        func value(_ metric: MetricID, _ team: String?, _ n: Int?) -> MetricValue {
            n.map { MetricValue(metric: metric, team: team, estimate: 0.3, interval: nil, people: $0, events: $0 * 10) } ?? .noData(metric, team: team)
        }
        let org = people.values.compactMap { $0 }.reduce(0, +)
        var card = Scorecard(teams: teams, values: [
            rate: teams.map { value(rate, $0, people[$0] ?? nil) } + [value(rate, nil, org)],
            findings: teams.map { value(findings, $0, 4) } + [value(findings, nil, 4 * teams.count)],
        ], suppressed: [:])
        card.shifts = teams.map { Shift(metric: rate, team: $0, week: Day(year: 2026, month: 7, day: 6)!, before: 0.2, after: 0.4, pValue: 0.01, explanation: nil) }
        card.teamWeekly = [rate: Dictionary(uniqueKeysWithValues: teams.map { ($0, [WeeklyPoint(week: Day(year: 2026, month: 7, day: 6)!, value: 0.3)]) })]
        return UndisclosedScorecard(computed: card, teamSizes: sizes)
    }

    static func decide(_ raw: UndisclosedScorecard) -> PeriodDisclosure {
        PeriodDisclosure.decide(totals: [], teamWeeks: [], source: .raw, departments: [:], scorecard: raw, policy: DisclosurePolicy(k: 5, dominanceThreshold: 1))
    }

    @Test("a team below k in the directory is hidden wherever it has a figure, with the smallest other team as its complement in that metric")
    func directory() {
        let raw = Self.card(sizes: ["A": 10, "B": 6, "C": 3], people: ["A": 10, "B": 6, "C": 3])
        let d = Self.decide(raw)
        // C is hidden wherever it has a figure; B only in the metrics where it protects C.
        #expect(d.scorecard.directory == ["C": .fewerThanK(k: 5)])
        #expect(d.scorecard.metrics[Self.findings]?.teams == ["C": .fewerThanK(k: 5), "B": .complementary])
        let card = d.apply(to: raw)
        #expect(card.suppressed == ["C": .fewerThanK(k: 5)])
        for metric in [Self.rate, Self.findings] {
            #expect(card.value(metric, team: "C")?.label == .suppressed && card.value(metric, team: "C")?.note == "fewer than 5 people")
            #expect(card.value(metric, team: "B")?.estimate == nil && card.value(metric, team: "A")?.estimate == 0.3)
            #expect(card.value(metric, team: nil)?.estimate == 0.3)
        }
        // A hidden cell keeps neither its shift nor its weekly series.
        #expect(card.shifts.map(\.team) == ["A"])
        #expect(card.teamWeekly[Self.rate]?.keys.sorted() == ["A"])
    }

    @Test("issue 17, item 4: an organisation at 100% would give every hidden team's value, so it is hidden too; at 90% it is shown")
    func boundary() {
        func card(_ estimate: Double) -> UndisclosedScorecard {
            let teams = ["A", "B", "C", "D"]
            func v(_ team: String?, _ n: Int) -> MetricValue { MetricValue(metric: Self.rate, team: team, estimate: estimate, interval: nil, people: n, events: n * 10) }
            let computed = Scorecard(teams: teams, values: [Self.rate: [v("A", 10), v("B", 8), v("C", 3), v("D", 7), v(nil, 28)]], suppressed: [:])
            return UndisclosedScorecard(computed: computed, teamSizes: ["A": 10, "B": 8, "C": 3, "D": 7])
        }
        let full = Self.decide(card(1.0)).scorecard.metrics[Self.rate]
        #expect(full?.teams == ["C": .fewerThanK(k: 5)] && full?.organisation == .complementary)   // no total published: no complement needed
        let most = Self.decide(card(0.9)).scorecard.metrics[Self.rate]
        #expect(most?.teams["C"] == .fewerThanK(k: 5) && most?.organisation == nil)
    }

    @Test("the acceptance table's organisation at 100% would give a hidden team's rate: it is hidden too")
    func tableBoundary() {
        func totals(_ team: String, _ n: Int, accepted: Int64) -> [InlineTotals] {
            (0..<n).map { InlineTotals(team: team, person: "\(team)\($0)", accepted: accepted, shown: 10, activeDays: 3) }
        }
        let all = totals("A", 6, accepted: 10) + totals("B", 6, accepted: 10) + totals("C", 2, accepted: 10)
        let full = PeriodDisclosure.decide(totals: all, teamWeeks: [], source: .raw, departments: [:], scorecard: .empty,
                                           policy: DisclosurePolicy(k: 5, dominanceThreshold: 1))
        #expect(!full.organisation.isShown)
        let most = totals("A", 6, accepted: 9) + totals("B", 6, accepted: 10) + totals("C", 2, accepted: 10)
        let partly = PeriodDisclosure.decide(totals: most, teamWeeks: [], source: .raw, departments: [:], scorecard: .empty,
                                             policy: DisclosurePolicy(k: 5, dominanceThreshold: 1))
        #expect(partly.organisation.isShown)
    }

    @Test("a metric about people hides a team whose contributors are below k, and a complement; a metric about code does not")
    func perMetric() {
        // Every team is large in the directory, but only 2 of B's people used the assistant.
        let raw = Self.card(sizes: ["A": 10, "B": 10, "C": 9], people: ["A": 10, "B": 2, "C": 9])
        let d = Self.decide(raw)
        #expect(d.scorecard.directory.isEmpty)
        #expect(d.scorecard.metrics[Self.rate]?.teams == ["B": .fewerThanK(k: 5), "C": .complementary])
        #expect(d.scorecard.metrics[Self.rate]?.organisation == nil)
        #expect(d.scorecard.metrics[Self.findings]?.teams == [:])
        let card = d.apply(to: raw)
        #expect(card.value(Self.rate, team: "B")?.label == .suppressed && card.value(Self.rate, team: "C")?.label == .suppressed)
        #expect(card.value(Self.findings, team: "B")?.estimate == 0.3)
        #expect(card.suppressed.isEmpty)
        #expect(card.shifts.map(\.team) == ["A"])
    }

    @Test("an organisation below k in a metric about people is hidden; a team the acceptance table hides is hidden in the acceptance rate, and only there")
    func organisationAndAcceptance() {
        let raw = Self.card(sizes: ["A": 10, "B": 10], people: ["A": 2, "B": 1])
        let totals = (0..<8).map { InlineTotals(team: "A", person: "a\($0)", accepted: 5, shown: 10, activeDays: 1) }
            + (0..<2).map { InlineTotals(team: "B", person: "b\($0)", accepted: 5, shown: 10, activeDays: 1) }
        let d = PeriodDisclosure.decide(totals: totals, teamWeeks: [], source: .raw, departments: [:], scorecard: raw, policy: DisclosurePolicy(k: 5, dominanceThreshold: 1))
        #expect(d.scorecard.metrics[Self.rate]?.organisation == .fewerThanK(k: 5))
        let card = d.apply(to: raw)
        #expect(card.value(Self.rate, team: nil)?.label == .suppressed)
        // B has 2 people in the acceptance table: hidden there and in the acceptance rate (the same
        // figures), not in the findings rate, where B's 10 people in the directory stand behind it.
        #expect(d.hiddenTeams["B"] == .fewerThanK(k: 5))
        #expect(card.value(Self.rate, team: "B")?.label == .suppressed)
        #expect(card.value(Self.findings, team: "B")?.estimate == 0.3 && card.suppressed["B"] == nil)
    }

    @Test("a metric the decision did not see is protected by the directory's decision (fail closed)")
    func unseenMetric() {
        let decidedOver = Self.card(sizes: ["A": 10, "B": 6, "C": 3], people: ["A": 10, "B": 6, "C": 3])
        let d = Self.decide(decidedOver)
        var other = decidedOver.computed
        other.values = ["signal.other": ["A", "B", "C"].map { MetricValue(metric: "signal.other", team: $0, estimate: 1, interval: nil, people: 9, events: 9) }]
        let card = d.apply(to: UndisclosedScorecard(computed: other, teamSizes: decidedOver.teamSizes))
        #expect(card.value("signal.other", team: "C")?.label == .suppressed && card.value("signal.other", team: "B")?.label == .suppressed)
        #expect(card.value("signal.other", team: "A")?.estimate == 1)
    }
}

extension ScorecardDisclosureTests {
    @Test("a team with no data is no complement: the one hidden beside a small team is one whose value would give it away")
    func noDataIsNoComplement() {
        // Organisation = A (10) + C (2): B sent nothing. Hiding B instead of A would leave C = organisation − A.
        let raw = Self.card(sizes: ["A": 10, "B": 10, "C": 10], people: ["A": 10, "B": nil, "C": 2])
        let cells = Self.decide(raw).scorecard.metrics[Self.rate]
        #expect(cells?.teams == ["C": .fewerThanK(k: 5), "A": .complementary])
        #expect(cells?.organisation == nil)
    }
}

extension ScorecardDisclosureTests {
    static func withParts(_ team: String?, people: Int, parts: [MetricPart: Int]) -> MetricValue {
        var v = MetricValue(metric: rate, team: team, estimate: 0.3, interval: nil, people: people, events: people * 10)
        for (a, n) in parts { v.parts[a] = MetricValue(metric: rate, team: team, estimate: 0.3, interval: nil, people: n, events: n * 10) }
        return v
    }

    @Test("a part below k is hidden with a complement, never the whole less the others; the organisation's part hides when one team's part alone is hidden")
    func parts() {
        // A: Q 9, Copilot 3 — Copilot below k, Q hidden as its complement (else A − Q = Copilot).
        // B: Copilot 8 only. Organisation: Q 9, Copilot 11 — A's Copilot part is the only hidden
        // Copilot part, so the organisation's Copilot part (= A's + B's) would give it away: hidden, and Q with it.
        var card = Scorecard(teams: ["A", "B"], values: [Self.rate: [Self.withParts("A", people: 10, parts: [.qDeveloper: 9, .copilot: 3]),
                                                              Self.withParts("B", people: 8, parts: [.copilot: 8]),
                                                              Self.withParts(nil, people: 18, parts: [.qDeveloper: 9, .copilot: 11])]],
                             suppressed: [:])
        card.teamWeekly = [:]
        let raw = UndisclosedScorecard(computed: card, teamSizes: ["A": 10, "B": 8])
        let d = Self.decide(raw)
        let cells = d.scorecard.metrics[Self.rate]
        #expect(cells?.parts["A"] == [.copilot: .fewerThanK(k: 5), .qDeveloper: .complementary])
        #expect(cells?.parts["B"] == nil)
        #expect(cells?.parts[nil] == [.copilot: .complementary, .qDeveloper: .complementary])
        let shown = d.apply(to: raw)
        #expect(shown.value(Self.rate, team: "A")?.estimate == 0.3)
        #expect(shown.value(Self.rate, team: "A")?.parts[.copilot]?.label == .suppressed)
        #expect(shown.value(Self.rate, team: "B")?.parts[.copilot]?.estimate == 0.3)
        #expect(shown.value(Self.rate, team: nil)?.parts.values.allSatisfy { $0.label == .suppressed } == true)
    }

    @Test("two hidden parts of one assistant with k people together leave the organisation's part shown")
    func organisationPartShown() {
        let card = Scorecard(teams: ["A", "B", "C"], values: [Self.rate: [
            Self.withParts("A", people: 10, parts: [.qDeveloper: 9, .copilot: 3]),
            Self.withParts("B", people: 10, parts: [.qDeveloper: 8, .copilot: 2]),
            Self.withParts("C", people: 8, parts: [.copilot: 8]),
            Self.withParts(nil, people: 28, parts: [.qDeveloper: 17, .copilot: 13])]], suppressed: [:])
        let d = Self.decide(UndisclosedScorecard(computed: card, teamSizes: ["A": 10, "B": 10, "C": 8]))
        let cells = d.scorecard.metrics[Self.rate]
        // Copilot: A (3) and B (2) hidden, 5 together; Q: A and B hidden as complements, 17 together.
        #expect(cells?.parts[nil] == nil)
    }
}

extension ScorecardDisclosureTests {
    @Test("a complement is hidden only in the metrics that need it: where the small team has no figure, the team it would protect shows")
    func complementPerMetric() {
        // C (3 people) has an acceptance rate but no findings rate (no repository): B protects C in the
        // acceptance rate only, and shows its findings rate.
        var raw = Self.card(sizes: ["A": 10, "B": 6, "C": 3], people: ["A": 10, "B": 6, "C": 3])
        var values = raw.computed.values
        values[Self.findings] = values[Self.findings]!.map { v in v.team == "C" ? .noData(Self.findings, team: "C") : v }
        var card = raw.computed
        card.values = values
        raw = UndisclosedScorecard(computed: card, teamSizes: raw.teamSizes)
        let shown = Self.decide(raw).apply(to: raw)
        #expect(shown.value(Self.rate, team: "B")?.label == .suppressed && shown.value(Self.rate, team: "C")?.label == .suppressed)
        #expect(shown.value(Self.findings, team: "B")?.estimate == 0.3 && shown.value(Self.findings, team: "C")?.note == "no data from this source")
        #expect(shown.suppressed == ["C": .fewerThanK(k: 5)])
    }
}


extension ScorecardDisclosureTests {
    @Test("a small team alone in its department with a figure gets a complement among the teams, not a department the scorecard never shows")
    func loneInDepartment() {
        // Y's only team with a findings figure is C (3 people; D sent nothing): hiding department Y
        // instead of a team would leave C = organisation − A − B. B, the smallest other, is hidden with it.
        var raw = Self.card(sizes: ["A": 10, "B": 8, "C": 3, "D": 6], people: ["A": 10, "B": 8, "C": 3, "D": 6])
        var card = raw.computed
        card.values[Self.findings] = card.values[Self.findings]!.map { v in v.team == "D" ? .noData(Self.findings, team: "D") : v }
        raw = UndisclosedScorecard(computed: card, teamSizes: raw.teamSizes)
        let d = PeriodDisclosure.decide(totals: [], teamWeeks: [], source: .raw, departments: ["A": "X", "B": "X", "C": "Y", "D": "Y"],
                                        scorecard: raw, policy: DisclosurePolicy(k: 5, dominanceThreshold: 1))
        #expect(d.scorecard.metrics[Self.findings]?.teams == ["C": .fewerThanK(k: 5), "B": .complementary])
        // Where D has a figure, the complement is D, in C's own department.
        #expect(d.scorecard.metrics[Self.rate]?.teams == ["C": .fewerThanK(k: 5), "D": .complementary])
    }
}
