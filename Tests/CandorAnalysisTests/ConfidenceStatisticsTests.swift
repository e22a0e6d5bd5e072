@testable import CandorVocabulary
@testable import CandorAnalysis
import Testing

@Suite("Confidence statistics (known answers)")
struct ConfidenceStatisticsTests {
    @Test("quantiles: Hyndman–Fan type 7, as R's quantile() gives them")
    func quantiles() {
        // R: quantile(c(1, 2, 3, 4), c(0.25, 0.5, 0.9)) → 1.75 2.50 3.70
        #expect(Quantile.of([4, 1, 3, 2], 0.25) == 1.75)
        #expect(Quantile.median([4, 1, 3, 2]) == 2.5)
        #expect(abs(Quantile.of([1, 2, 3, 4], 0.9)! - 3.7) < 1e-12)
        #expect(Quantile.median([7]) == 7 && Quantile.median([]) == nil)
    }

    @Test("Kaplan–Meier on the AML maintained group: median 31 weeks, Brookmeyer–Crowley (plain Greenwood) interval 18–48")
    func kaplanMeier() {
        // Embury et al. (1977), the `aml` data of R's survival package, maintained arm: + marks censoring.
        let data: [(Double, Bool)] = [(9, true), (13, true), (13, false), (18, true), (23, true), (28, false), (31, true),
                                      (34, true), (45, false), (48, true), (161, false)]
        let observations = data.map { KaplanMeier.Observation(time: $0.0, event: $0.1) }
        let curve = KaplanMeier.curve(observations)
        // S: 10/11, ×9/10, ×7/8, ×6/7, ×4/5, ×3/4, ×1/2 (R: 0.909 0.818 0.716 0.614 0.491 0.368 0.184).
        let expected = [0.909091, 0.818182, 0.715909, 0.613636, 0.490909, 0.368182, 0.184091]
        #expect(curve.map(\.time) == [9, 13, 18, 23, 31, 34, 48])
        #expect(zip(curve.map(\.survival), expected).allSatisfy { abs($0 - $1) < 1e-6 })
        // Greenwood standard errors (R: 0.0867 0.1163 0.1397 0.1526 0.1642 0.1627 0.1535).
        let se = [0.086678, 0.116291, 0.139666, 0.152633, 0.164193, 0.162668, 0.153492]
        #expect(zip(curve.map(\.standardError), se).allSatisfy { abs($0 - $1) < 1e-5 })
        let m = KaplanMeier.median(observations)
        #expect(m.median == 31 && m.lower == 18 && m.upper == 48 && m.items == 11 && m.events == 7)
        // Fewer than half closed: no median, said as nil, not guessed.
        let open = KaplanMeier.median([.init(time: 5, event: true), .init(time: 9, event: false), .init(time: 9, event: false)])
        #expect(open.median == nil)
    }

    @Test("cluster bootstrap: seeded and repeatable, degenerate when every person is alike, close to Cochran's interval")
    func clusterBootstrap() throws {
        let same = Array(repeating: (y: 3.0, x: 10.0), count: 8)
        let flat = try #require(Bootstrap.ratioOfSums(same, seed: 1))
        #expect(abs(flat.lower - 0.3) < 1e-12 && abs(flat.upper - 0.3) < 1e-12)
        var g = SeededGenerator(seed: 99)
        let people = (0..<60).map { _ -> (y: Double, x: Double) in
            let x = Double(20 + g.next() % 200), rate = 0.15 + 0.3 * g.unit()
            return (y: (x * rate).rounded(), x: x)
        }
        let a = try #require(Bootstrap.ratioOfSums(people, seed: 7)), b = try #require(Bootstrap.ratioOfSums(people, seed: 7))
        #expect(a == b)
        #expect(Bootstrap.ratioOfSums(people, seed: 8) != a)
        // Against the linearisation interval from the same clusters (Cochran 1977): the two agree to a few tenths of a point.
        let sums = people.reduce(ClusterSums(n: 0, y: 0, x: 0, yy: 0, xx: 0, xy: 0)) {
            $0 + ClusterSums(n: 1, y: Int64($1.y), x: Int64($1.x), yy: $1.y * $1.y, xx: $1.x * $1.x, xy: $1.x * $1.y)
        }
        let cochran = try #require(RatioInterval.interval(sums))
        #expect(abs(a.lower - cochran.lower) < 0.006 && abs(a.upper - cochran.upper) < 0.006, "\(a) vs \(cochran)")
        #expect(Bootstrap.ratioOfSums([(y: 1, x: 2)], seed: 1) == nil)
    }

    @Test("bootstrap median: repeatable, brackets the median, degenerate on equal values")
    func bootstrapMedian() throws {
        let hours = [1.0, 2, 2, 3, 4, 5, 8, 9, 12, 30, 48]
        let i = try #require(Bootstrap.median(hours, seed: 3))
        #expect(i == Bootstrap.median(hours, seed: 3))
        #expect(i.lower <= 5 && i.upper >= 5 && i.lower >= 1 && i.upper <= 48)
        #expect(Bootstrap.median([4, 4, 4], seed: 1) == ValueInterval(lower: 4, upper: 4))
    }

    @Test("bootstrap median by counting draws over the sorted sample equals sorting every resample, bit for bit")
    func bootstrapMedianCounting() {
        var g = SeededGenerator(seed: 99)
        for n in [2, 3, 4, 5, 10, 11, 37, 200] {
            for ties in [false, true] {
                // Unsorted values; with ties, few distinct ones (hours rounded), as merge times often are.
                let values = (0..<n).map { _ in ties ? Double(g.next() % 4) : g.unit() * 100 - 20 }
                #expect(Bootstrap.median(values, resamples: 2000, seed: UInt64(n)) == Bootstrap.medianBySorting(values, seed: UInt64(n)),
                        "n = \(n), ties: \(ties)")
            }
        }
    }

    @Test("Pettitt: U by hand for a step series; the exact permutation p-value of a perfect 3 + 3 step is 0.1")
    func pettitt() throws {
        #expect(ChangePoint.statistics([1, 2, 3, 10, 11, 12]) == [5, 8, 9, 8, 5])
        let step = try #require(ChangePoint.test([1, 2, 3, 10, 11, 12], seed: 11))
        #expect(step.index == 2 && step.statistic == 9 && step.meanBefore == 2 && step.meanAfter == 11)
        // Of the 720 orders of six distinct values, 72 reach K = 9 (the three largest all on one side of the middle).
        #expect(abs(step.pValue - 0.1) < 0.03, "\(step.pValue)")
        #expect(try #require(ChangePoint.test([1, 2, 3, 10, 11, 12], seed: 11)) == step)
        // Thirteen weeks with a clear shift after week 6: significant; a flat series: not.
        let shifted = [30.0, 31, 29, 30, 32, 30, 31, 40, 41, 39, 42, 40, 41]
        let found = try #require(ChangePoint.test(shifted, seed: 5))
        #expect(found.index == 6 && found.pValue < 0.01)
        let flat = try #require(ChangePoint.test([5, 5, 5, 5, 5, 5, 5], seed: 5))
        #expect(flat.statistic == 0 && flat.pValue == 1)
        #expect(ChangePoint.test([1, 2, 3], seed: 1) == nil)
    }

    @Test("Pettitt permutation test: the running-sum K of each shuffle equals K recomputed from U_t, so p-values match the direct O(n²) version")
    func pettittRunningSums() throws {
        var g = SeededGenerator(seed: 4)
        for n in [6, 7, 10, 13, 26] {
            // Few distinct values (ties), as weekly rates rounded to a point often have.
            let x = (0..<n).map { i in Double(g.next() % 5) + (i >= n / 2 ? 1.5 : 0) }
            let fast = try #require(ChangePoint.test(x, permutations: 500, seed: UInt64(n)))
            // The direct version: shuffle the values with the same generator and recompute every U_t.
            var generator = SeededGenerator(seed: UInt64(n))
            // Drawn sequentially as the fast version draws them: stop at the 50th as extreme (p = 50/L).
            var shuffled = x, atLeast = 0, expected: Double? = nil
            for draw in 1...500 {
                for i in stride(from: n - 1, to: 0, by: -1) { shuffled.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
                if ChangePoint.maximum(ChangePoint.statistics(shuffled)).value >= fast.statistic { atLeast += 1 }
                if atLeast == ChangePoint.stopAfter { expected = Double(atLeast) / Double(draw); break }
            }
            #expect(fast.pValue == expected ?? Double(1 + atLeast) / 501, "n = \(n)")
        }
    }

    @Test("labels: suppressed, then people and the interval's coefficient of variation (Statistics Canada cut-offs)")
    func labels() {
        #expect(ConfidenceLabel.label(people: 40, estimate: 0.3, lower: 0.28, upper: 0.32, suppressed: true) == .suppressed)
        // CV = 0.04 / (3.92 × 0.3) ≈ 3.4%.
        #expect(ConfidenceLabel.label(people: 40, estimate: 0.3, lower: 0.28, upper: 0.32) == .high)
        #expect(ConfidenceLabel.label(people: 6, estimate: 0.3, lower: 0.28, upper: 0.32) == .medium)
        // CV = 0.3 / (3.92 × 0.3) ≈ 25.5%: medium even with many people.
        #expect(ConfidenceLabel.label(people: 40, estimate: 0.3, lower: 0.15, upper: 0.45) == .medium)
        // CV ≈ 42.5%: low.
        #expect(ConfidenceLabel.label(people: 40, estimate: 0.3, lower: 0.05, upper: 0.55) == .low)
        #expect(ConfidenceLabel.label(people: 40, estimate: 0.3, lower: nil, upper: nil) == .low)
        #expect(ConfidenceLabel.label(people: 40, estimate: 0, lower: 0, upper: 0.1) == .low)
        #expect(ConfidenceLabel.label(people: 4, estimate: 0.3, lower: 0.3, upper: 0.3) == .low)
    }
}

@Suite("Shifts and their explanations")
struct ShiftExplanationTests {
    static let weeks = (0..<13).map { Day(year: 2026, month: 7, day: 6)!.adding(days: 7 * $0) }
    static let series = [0.30, 0.31, 0.29, 0.30, 0.32, 0.30, 0.31, 0.40, 0.41, 0.39, 0.42, 0.40, 0.41]
    static func change(_ day: Day, _ metrics: [String]) -> ProgrammeChange {
        ProgrammeChange(day: day, description: "a change", metrics: metrics)
    }

    @Test("a shift within seven days of a change to the metric coincides with it; otherwise it is unexplained; a flat series is tested and gets p = 1")
    func explain() throws {
        let id: MetricID = "ai.acceptance_rate"
        // The shift is at the eighth week (2026-08-24).
        let explained = try #require(ShiftExplanation.shift(metric: id, team: "T", weeks: Self.weeks, values: Self.series,
                                                            changes: [Self.change(Day(year: 2026, month: 8, day: 20)!, [id.rawValue])], seed: 1))
        #expect(explained.week == Day(year: 2026, month: 8, day: 24)! && explained.explanation?.day == Day(year: 2026, month: 8, day: 20)!)
        #expect(abs(explained.before - 0.3043) < 0.001 && abs(explained.after - 0.405) < 0.001)
        // A change too far away, or to another metric, explains nothing.
        for change in [Self.change(Day(year: 2026, month: 8, day: 10)!, [id.rawValue]), Self.change(Day(year: 2026, month: 8, day: 24)!, ["flow.cycle_time"])] {
            let unexplained = try #require(ShiftExplanation.shift(metric: id, team: "T", weeks: Self.weeks, values: Self.series, changes: [change], seed: 1))
            #expect(unexplained.explanation == nil)
        }
        // Every series is tested and kept with its p-value: the period's family decides which are reported.
        #expect(explained.pValue < 0.01)
        #expect(ShiftExplanation.shift(metric: id, team: "T", weeks: Self.weeks, values: Array(repeating: 0.3, count: 13), changes: [], seed: 1)?.pValue == 1)
    }
}
