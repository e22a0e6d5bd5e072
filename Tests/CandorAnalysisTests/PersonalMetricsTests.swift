@testable import CandorVocabulary
@testable import CandorAnalysis
import Testing

/// One person's own figures for their self-view: the team measures over their records, with
/// intervals whose units repeat within one person (weeks, pull requests, accepted suggestions).
@Suite("Personal figures")
struct PersonalMetricsTests {
    /// RatioIntervalTests' clusters, now one person's week parts: 14 accepted of 50 shown.
    static let parts: [PersonPart] = [(2, 10), (5, 10), (1, 4), (6, 20), (0, 6)].enumerated().map { i, c in
        PersonPart(part: Day(year: 2026, month: 7, day: 6)!.adding(days: 7 * i), activeDays: 3, countingDays: 2, accepted: c.0, shown: c.1, lines: Int64(10 * (i + 1)))
    }

    @Test("acceptance: Σ accepted ÷ Σ shown, ratio-estimator interval with week parts as clusters (Cochran 1977, §6.3–6.4)")
    func acceptance() throws {
        let v = PersonalMetrics.acceptanceRate(Self.parts)
        #expect(v.estimate == 0.28 && v.people == 1 && v.events == 50 && v.team == nil)
        // The same known answer as RatioIntervalTests: half-width 1.96 × √(5/4 × 8.4768 / 50²) ≈ 0.127601.
        let interval = try #require(v.interval)
        #expect(abs(interval.lower - (0.28 - 0.127601)) < 1e-5 && abs(interval.upper - (0.28 + 0.127601)) < 1e-5)
        #expect(v.note == "weeks as the units: 5 weeks")
        // One week: no interval, and says so; nothing shown: no data.
        #expect(PersonalMetrics.acceptanceRate([Self.parts[0]]).interval == nil)
        #expect(PersonalMetrics.acceptanceRate([Self.parts[0]]).note == "one week of use: no interval")
        #expect(PersonalMetrics.acceptanceRate([]).estimate == nil)
    }

    @Test("accepted lines per active day: Σ lines ÷ Σ days that count lines, bootstrap over weeks, repeatable")
    func lines() throws {
        let v = PersonalMetrics.acceptedLinesPerActiveDay(Self.parts, seed: 7)
        #expect(v.estimate == 150.0 / 10.0 && v.events == 10)
        let interval = try #require(v.interval)
        #expect(interval.lower <= 15 && 15 <= interval.upper)
        #expect(PersonalMetrics.acceptedLinesPerActiveDay(Self.parts, seed: 7) == v)
    }

    @Test("persistence: kept ÷ accepted with a Wilson interval over accepted suggestions; an undone count never above what was accepted")
    func persistence() throws {
        let v = PersonalMetrics.persistence([SuggestionOutcome(person: "p", accepted: 2, undone: 0), SuggestionOutcome(person: "p", accepted: 1, undone: 5)])
        #expect(v.estimate == 2.0 / 3.0 && v.events == 3)
        // Wilson 95% for 2 of 3 (Newcombe 1998, method 3): 0.2077–0.9385.
        let interval = try #require(v.interval)
        #expect(abs(interval.lower - 0.2077) < 1e-4 && abs(interval.upper - 0.9385) < 1e-4)
    }

    @Test("flow: the team measures over the person's own pull requests")
    func flow() {
        let prs = (0..<4).map { i in
            PullRequestFacts(team: "T", author: "p", openedAt: Int64(i) * 86_400, firstReviewAt: Int64(i) * 86_400 + Int64(i + 1) * 3600,
                             mergedAt: Int64(i) * 86_400 + 10 * 3600)
        }
        let values = PersonalMetrics.flow(prs, periodEnd: 30 * 86_400, seed: 1)
        #expect(values.map(\.metric) == [MetricRegistry.reviewPickup.id, MetricRegistry.cycleTime.id, MetricRegistry.reviewDepth.id])
        #expect(values[0].estimate == FlowMetrics.reviewPickup(prs, team: nil, periodEnd: 30 * 86_400).estimate)
        #expect(values[1].estimate == 10)
    }
}
