@testable import CandorAnalysis
import Testing

/// Issue 17, item 7: a quarter-on-quarter change of a median is judged by a test valid for a median.
@Suite("Comparing medians between periods")
struct MedianComparisonTests {
    static func items(_ times: [Double]) -> [KaplanMeier.Observation] { times.map { .init(time: $0, event: true) } }

    @Test("two-peaked times: moving one item across the gap flips the median, and the permutation test does not call it a change")
    func twoPeaks() throws {
        // Before: 10 quick (1 h) and 11 slow (50 h) → median 50 h; after: 11 quick, 10 slow → median 1 h.
        let before = Self.items(Array(repeating: 1, count: 10) + Array(repeating: 50, count: 11))
        let after = Self.items(Array(repeating: 1, count: 11) + Array(repeating: 50, count: 10))
        let t = try #require(MedianComparison.test(before: before, after: after, seed: 7))
        #expect(t.difference == -49)
        #expect(t.p > 0.3, "p = \(t.p)")
    }

    @Test("a real shift is found; identical samples are not; the result is repeatable")
    func knownAnswers() throws {
        let early = Self.items((1...20).map(Double.init)), late = Self.items((31...50).map(Double.init))
        let shift = try #require(MedianComparison.test(before: early, after: late, seed: 1))
        #expect(shift.difference == 30 && shift.p < 0.01)
        // Every relabelling is at least as extreme as no difference at all: p = 1.
        #expect(MedianComparison.test(before: early, after: early, seed: 1)?.p == 1)
        #expect(MedianComparison.test(before: early, after: late, seed: 1)?.p == MedianComparison.test(before: early, after: late, seed: 1)?.p)
        // A median that does not exist (fewer than half closed) gives no test.
        let open = [KaplanMeier.Observation(time: 5, event: false), .init(time: 6, event: false), .init(time: 1, event: true)]
        #expect(MedianComparison.test(before: early, after: open, seed: 1) == nil)
    }

    @Test("Movement uses it for medians and names it")
    func named() throws {
        var before = MetricValue(metric: "flow.cycle_time", team: nil, estimate: 50, interval: ValueInterval(lower: 40, upper: 60), people: 20, events: 21, label: .high)
        var after = MetricValue(metric: "flow.cycle_time", team: nil, estimate: 1, interval: ValueInterval(lower: 0.5, upper: 2), people: 20, events: 21, label: .high)
        before.observations = Self.items(Array(repeating: 1, count: 10) + Array(repeating: 50, count: 11))
        after.observations = Self.items(Array(repeating: 1, count: 11) + Array(repeating: 50, count: 10))
        let test = try #require(Movement.test(before, after))
        #expect(test.statistic.hasPrefix("permutation test of the difference in medians") && test.p > 0.05 && test.direction < 0)
        #expect(Movement.of(before, after) == .unclear)
    }
}

@Suite("Comparing medians: relabellings without a median")
struct MedianComparisonUndefinedTests {
    @Test("a relabelling that leaves a group without a median counts as extreme, so p cannot be overstated")
    func undefined() throws {
        // Before: 3 closed early, 3 still open; after: 4 closed late, 2 open — many relabellings leave a group below half closed.
        let before = [1.0, 2, 3].map { KaplanMeier.Observation(time: $0, event: true) } + [10.0, 10, 10].map { KaplanMeier.Observation(time: $0, event: false) }
        let after = [20.0, 21, 22, 23].map { KaplanMeier.Observation(time: $0, event: true) } + [30.0, 30].map { KaplanMeier.Observation(time: $0, event: false) }
        let t = try #require(MedianComparison.test(before: before, after: after, seed: 3))
        #expect(t.p > 0.05, "p = \(t.p)")
    }
}

@Suite("Comparing medians: overlapping samples")
struct OverlappingMedianTests {
    @Test("median time to fix is never compared between quarters: each is over every finding seen so far, so the samples overlap")
    func timeToFix() {
        let before = MetricValue(metric: "quality.time_to_fix", team: nil, estimate: 20, interval: ValueInterval(lower: 18, upper: 22), people: 30, events: 80, label: .high)
        let after = MetricValue(metric: "quality.time_to_fix", team: nil, estimate: 40, interval: ValueInterval(lower: 38, upper: 42), people: 30, events: 90, label: .high)
        #expect(Movement.test(before, after) == nil && Movement.untestable["quality.time_to_fix"] != nil)
        var family = TestFamily(level: 0.05)
        #expect(family.movement(before, after) == .unclear && family.size == 0)
    }
}
