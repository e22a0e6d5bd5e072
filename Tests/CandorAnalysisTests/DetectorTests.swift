@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorAnalysis
import Testing

@Suite("Signal statistics (known answers)")
struct SignalStatisticsTests {
    @Test("normal tail, difference of two estimates, binomial tail, Fisher exact")
    func knownAnswers() throws {
        #expect(abs(SignalStatistics.normalUpperTail(1.959_964) - 0.025) < 1e-6)
        #expect(abs(SignalStatistics.normalUpperTail(0) - 0.5) < 1e-12)
        // Altman & Bland (2003): se from each 95% interval; 0.25 (0.24–0.26) → 0.30 (0.29–0.31): z = 0.05 / √2·(0.02/3.92) = 6.93.
        let d = try #require(SignalStatistics.difference(before: 0.25, ValueInterval(lower: 0.24, upper: 0.26), after: 0.30, ValueInterval(lower: 0.29, upper: 0.31)))
        #expect(abs(d.z - 6.929) < 0.001 && d.p < 1e-10)
        #expect(SignalStatistics.difference(before: 1, ValueInterval(lower: 1, upper: 1), after: 2, ValueInterval(lower: 2, upper: 2)) == nil)
        // P(X ≥ 8 | Binomial(10, ½)) = 56/1024.
        #expect(abs(SignalStatistics.binomialUpperTail(8, n: 10, p: 0.5) - 56.0 / 1024) < 1e-12)
        #expect(SignalStatistics.binomialUpperTail(0, n: 10, p: 0.3) == 1)
        // Fisher (R: fisher.test(matrix(c(7, 3, 1, 9), 2), alternative = "greater")$p.value = 0.009883).
        #expect(abs(SignalStatistics.fisherGreater(x1: 1, n1: 10, x2: 7, n2: 10) - 0.009_883) < 1e-6)
        #expect(SignalStatistics.fisherGreater(x1: 0, n1: 0, x2: 3, n2: 5) == 1)
    }

    @Test("bunching: counts the three bins, mirrored for lower-is-better metrics; p is the binomial tail against ⅓")
    func bunching() {
        let values = Array(repeating: 0.29, count: 5) + Array(repeating: 0.30, count: 15) + Array(repeating: 0.33, count: 5) + [0.10, 0.50]
        let b = SignalStatistics.bunching(values, threshold: 0.30, width: 0.02)
        #expect(b.below == 5 && b.past == 15 && b.beyond == 5 && b.excess == 3)
        // P(X ≥ 15 | Binomial(25, ⅓)) = 0.005600.
        #expect(abs(b.p - 0.005_600) < 1e-6)
        let mirrored = SignalStatistics.bunching(values, threshold: 0.30, width: 0.02, pastIsAbove: false)
        #expect(mirrored.past == 20 && mirrored.below == 0)   // at or just under a lower-is-better target
    }

    @Test("burst: quasi-Poisson z with dispersion from the baseline's weeks")
    func burst() throws {
        // Window 14 days × 10, baseline 70 days × 5 (no spread: φ = 1): E = 490/6, z = (140 − E)/√(E·5/6) = 7.07.
        let b = try #require(SignalStatistics.burst(window: Array(repeating: 10, count: 14), baseline: Array(repeating: 5, count: 70)))
        #expect(b.ratio == 2 && b.dispersion == 1 && abs(b.p - 7.7e-13) < 1e-13)
        // Spread in the baseline widens the test: weeks alternating 0 and 70 (φ = 70) leave the same surge unremarkable.
        let noisy = (0..<10).flatMap { Array(repeating: $0 % 2 == 0 ? 0 : 10, count: 7) }
        let n = try #require(SignalStatistics.burst(window: Array(repeating: 10, count: 14), baseline: noisy))
        #expect(n.dispersion > 30 && n.p > 0.01)
        #expect(SignalStatistics.burst(window: [1], baseline: [1, 2]) == nil)   // too short a baseline
    }
}

@Suite("Gaming-signal detectors (known cases)")
struct DetectorTests {
    static func v(_ id: MetricID, _ e: Double, _ lo: Double, _ hi: Double, people: Int = 20, events: Int = 1000) -> MetricValue {
        MetricValue(metric: id, team: "T", estimate: e, interval: ValueInterval(lower: lo, upper: hi), people: people, events: events)
    }
    static let t = SignalThresholds()

    @Test("movement: a significant difference with enough evidence, in the metric's own direction")
    func movement() {
        #expect(Movement.of(Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26), Self.v("ai.acceptance_rate", 0.30, 0.29, 0.31)) == .improved)
        #expect(Movement.of(Self.v("flow.cycle_time", 20, 18, 22), Self.v("flow.cycle_time", 30, 27, 33)) == .worsened)   // longer is worse
        #expect(Movement.of(Self.v("ai.acceptance_rate", 0.25, 0.20, 0.30), Self.v("ai.acceptance_rate", 0.28, 0.26, 0.30)) == .unclear)
        // Below minimum evidence (a low label) nothing moves; a suppressed value never does.
        #expect(Movement.of(Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26, people: 3), Self.v("ai.acceptance_rate", 0.30, 0.29, 0.31, people: 3)) == .unclear)
        var hidden = Self.v("ai.acceptance_rate", 0.30, 0.29, 0.31)
        hidden.label = .suppressed
        #expect(Movement.of(Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26), hidden) == .unclear)
    }

    @Test("leading without outcome fires when an adoption metric improves and its pair does not; not when both improve")
    func leadingWithoutOutcome() {
        let before: [MetricID: MetricValue] = ["ai.acceptance_rate": Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26), "ai.persistence": Self.v("ai.persistence", 0.85, 0.82, 0.88)]
        var after: [MetricID: MetricValue] = ["ai.acceptance_rate": Self.v("ai.acceptance_rate", 0.32, 0.31, 0.33), "ai.persistence": Self.v("ai.persistence", 0.84, 0.81, 0.87)]
        let signals = Detectors.leadingWithoutOutcome(before: before, after: after, team: "T", alpha: 0.01)
        #expect(signals.map(\.detector) == ["leading-without-outcome"] && signals[0].title.contains("persistence of accepted AI code did not follow"))
        #expect(signals[0].question.hasSuffix("?") && !signals[0].alternatives.isEmpty && signals[0].test.contains("p < 0.001"))
        after["ai.persistence"] = Self.v("ai.persistence", 0.93, 0.91, 0.95)
        #expect(Detectors.leadingWithoutOutcome(before: before, after: after, team: "T", alpha: 0.01).isEmpty)
        // Flow metrics are not adoption metrics: rubber-stamp reviews has its own detector.
        let flow = Detectors.leadingWithoutOutcome(before: ["flow.review_pickup": Self.v("flow.review_pickup", 3, 2.8, 3.2), "flow.review_depth": Self.v("flow.review_depth", 0.2, 0.18, 0.22)],
                                                   after: ["flow.review_pickup": Self.v("flow.review_pickup", 1, 0.9, 1.1), "flow.review_depth": Self.v("flow.review_depth", 0.2, 0.18, 0.22)],
                                                   team: "T", alpha: 0.01)
        #expect(flow.isEmpty)
    }

    @Test("acceptance inflation, churn after acceptance and survey selection")
    func inflationChurnSurvey() {
        let before: [MetricID: MetricValue] = ["ai.acceptance_rate": Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26), "signal.lines_per_acceptance": Self.v("signal.lines_per_acceptance", 2.5, 2.3, 2.7)]
        let after: [MetricID: MetricValue] = ["ai.acceptance_rate": Self.v("ai.acceptance_rate", 0.32, 0.31, 0.33), "signal.lines_per_acceptance": Self.v("signal.lines_per_acceptance", 1.2, 1.1, 1.3)]
        let inflation = Detectors.acceptanceInflation(before: before, after: after, team: "T", alpha: 0.01)
        #expect(inflation?.evidence.count == 2 && inflation?.evidence[1].hasPrefix("AI lines per accepted suggestion") == true)
        #expect(Detectors.acceptanceInflation(before: before, after: before, team: "T", alpha: 0.01) == nil)
        let p1 = Self.v("ai.persistence", 0.88, 0.85, 0.91), p2 = Self.v("ai.persistence", 0.60, 0.55, 0.65)
        #expect(Detectors.churnAfterAcceptance(before: p1, after: p2, team: "T", alpha: 0.01)?.evidence.first?.contains("12% → 40%") == true)
        #expect(Detectors.churnAfterAcceptance(before: p2, after: p1, team: "T", alpha: 0.01) == nil)
        let s1 = Self.v("experience.satisfaction", 0.45, 0.30, 0.60, people: 9, events: 18), s2 = Self.v("experience.satisfaction", 0.72, 0.50, 0.90, people: 5, events: 10)
        #expect(Detectors.surveySelection(before: s1, after: s2, responseRateBefore: 0.9, responseRateAfter: 0.55, team: "T", thresholds: Self.t) != nil)
        #expect(Detectors.surveySelection(before: s1, after: s2, responseRateBefore: 0.9, responseRateAfter: 0.78, team: "T", thresholds: Self.t) == nil)
        var hidden = s2
        hidden.label = .suppressed
        #expect(Detectors.surveySelection(before: s1, after: hidden, responseRateBefore: 0.9, responseRateAfter: 0.2, team: "T", thresholds: Self.t) == nil)
    }

    @Test("suppression instead of fixing: fewer new findings with more suppressed (Fisher) or less scanned; nothing when findings rose")
    func suppression() {
        let nb = Self.v("quality.new_findings_rate", 4, 2, 6, people: 2, events: 8), na = Self.v("quality.new_findings_rate", 1, 0.5, 1.5, people: 2, events: 2)
        let clean = Detectors.QualityCounts(closed: 10, hidden: 1, repositoriesScanned: 2, meteredLines: 4000, excludedLines: 0)
        let suppressing = Detectors.QualityCounts(closed: 10, hidden: 7, repositoriesScanned: 2, meteredLines: 4000, excludedLines: 0)
        let s = Detectors.suppressionInsteadOfFixing(newBefore: nb, newAfter: na, before: clean, after: suppressing, team: "T", thresholds: Self.t)
        #expect(s?.test.contains("Fisher exact p = 0.010") == true)   // 1/10 → 7/10 is p = 0.0099 < 0.01
        #expect(s?.evidence.contains { $0.contains("1 of 10 (10%) → 7 of 10 (70%)") } == true)
        let unscanned = Detectors.QualityCounts(closed: 10, hidden: 1, repositoriesScanned: 1, meteredLines: 2000, excludedLines: 0)
        #expect(Detectors.suppressionInsteadOfFixing(newBefore: nb, newAfter: na, before: clean, after: unscanned, team: "T", thresholds: Self.t)?.evidence.contains("repositories scanned: 2 → 1") == true)
        let excluding = Detectors.QualityCounts(closed: 10, hidden: 1, repositoriesScanned: 2, meteredLines: 3000, excludedLines: 1000)
        #expect(Detectors.suppressionInsteadOfFixing(newBefore: nb, newAfter: na, before: clean, after: excluding, team: "T", thresholds: Self.t) != nil)
        #expect(Detectors.suppressionInsteadOfFixing(newBefore: na, newAfter: nb, before: clean, after: suppressing, team: "T", thresholds: Self.t) == nil)
        #expect(Detectors.suppressionInsteadOfFixing(newBefore: nb, newAfter: na, before: clean, after: clean, team: "T", thresholds: Self.t) == nil)
    }

    @Test("rubber-stamp reviews: faster pickup with shallower reviews; faster pickup alone is not a signal")
    func rubberStamp() {
        let before: [MetricID: MetricValue] = ["flow.review_pickup": Self.v("flow.review_pickup", 2.5, 2.2, 2.8), "flow.review_depth": Self.v("flow.review_depth", 0.25, 0.18, 0.32),
                      "signal.quick_approvals": Self.v("signal.quick_approvals", 0.0, 0, 0.04, events: 100)]
        var after: [MetricID: MetricValue] = ["flow.review_pickup": Self.v("flow.review_pickup", 0.1, 0.08, 0.12), "flow.review_depth": Self.v("flow.review_depth", 0.70, 0.62, 0.78),
                     "signal.quick_approvals": Self.v("signal.quick_approvals", 0.6, 0.5, 0.7, events: 100)]
        #expect(Detectors.rubberStamp(before: before, after: after, team: "T", alpha: 0.01)?.evidence.count == 3)
        // A bimodal pickup (half stamped, half not) leaves the median unclear; quick approvals still show it.
        after["flow.review_pickup"] = Self.v("flow.review_pickup", 0.4, 0.07, 1.4)
        #expect(Detectors.rubberStamp(before: before, after: after, team: "T", alpha: 0.01)?.evidence.first?.hasPrefix("approvals within 5 minutes") == true)
        after["flow.review_depth"] = before["flow.review_depth"]
        #expect(Detectors.rubberStamp(before: before, after: after, team: "T", alpha: 0.01) == nil)   // faster but as deep: no signal
    }

    @Test("threshold bunching and pre-review bursts respect their minimum evidence")
    func withinPeriod() {
        let bunched = Array(repeating: 0.29, count: 4) + Array(repeating: 0.305, count: 20) + Array(repeating: 0.33, count: 5)
        let s = Detectors.thresholdBunching(bunched, metric: "ai.acceptance_rate", target: 0.30, team: "T", thresholds: Self.t)
        // A bin of fewer than k person-weeks is coarsened (issue 17, item 3).
        #expect(s?.evidence.first == "person-weeks by value — 28.0%–30.0%: fewer than 5 · 30.0%–32.0%: 20 · 32.0%–34.0%: 5")
        #expect(Detectors.thresholdBunching(Array(bunched.prefix(12)), metric: "ai.acceptance_rate", target: 0.30, team: "T", thresholds: Self.t) == nil)   // 12 < 20 values
        let smooth = Array(repeating: 0.29, count: 10) + Array(repeating: 0.31, count: 11) + Array(repeating: 0.33, count: 10)
        #expect(Detectors.thresholdBunching(smooth, metric: "ai.acceptance_rate", target: 0.30, team: "T", thresholds: Self.t) == nil)
        let review = ReviewDate(day: Day(year: 2026, month: 6, day: 15)!, name: "promotion committee")
        let burst = Detectors.preReviewBurst(activity: "pull requests opened", window: Array(repeating: 4, count: 14), baseline: Array(repeating: 2, count: 70),
                                             review: review, team: "T", thresholds: Self.t)
        #expect(burst?.title == "Pull requests opened surged before the promotion committee (2026-06-15)")
        // Too few events in the window: nothing, however large the ratio.
        #expect(Detectors.preReviewBurst(activity: "x", window: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6], baseline: Array(repeating: 0, count: 70),
                                         review: review, team: "T", thresholds: Self.t) == nil)
    }
}

/// The detectors as one test at a time would judge them: each test on its own at `alpha` (a report
/// judges a period's tests together: ``TestFamily``).
extension Detectors {
    static func leadingWithoutOutcome(before: [MetricID: MetricValue], after: [MetricID: MetricValue], team: String?, alpha: Double) -> [Signal] {
        var family = TestFamily.perTest(alpha: alpha)
        return leadingWithoutOutcome(before: before, after: after, team: team, family: &family)
    }
    static func acceptanceInflation(before: [MetricID: MetricValue], after: [MetricID: MetricValue], team: String?, alpha: Double) -> Signal? {
        var family = TestFamily.perTest(alpha: alpha)
        return acceptanceInflation(before: before, after: after, team: team, family: &family)
    }
    static func rubberStamp(before: [MetricID: MetricValue], after: [MetricID: MetricValue], team: String?, alpha: Double) -> Signal? {
        var family = TestFamily.perTest(alpha: alpha)
        return rubberStamp(before: before, after: after, team: team, family: &family)
    }
    static func churnAfterAcceptance(before: MetricValue, after: MetricValue, team: String?, alpha: Double) -> Signal? {
        var family = TestFamily.perTest(alpha: alpha)
        return churnAfterAcceptance(before: before, after: after, team: team, family: &family)
    }
    static func suppressionInsteadOfFixing(newBefore: MetricValue, newAfter: MetricValue, before: QualityCounts, after: QualityCounts,
                                           team: String?, thresholds: SignalThresholds) -> Signal? {
        var family = TestFamily.perTest(alpha: thresholds.alpha)
        return suppressionInsteadOfFixing(newBefore: newBefore, newAfter: newAfter, before: before, after: after, team: team, thresholds: thresholds, family: &family)
    }
    static func thresholdBunching(_ values: [Double], metric: MetricID, target: Double, team: String?, thresholds: SignalThresholds) -> Signal? {
        var family = TestFamily.perTest(alpha: thresholds.alpha)
        return thresholdBunching(values, metric: metric, target: target, team: team, thresholds: thresholds, family: &family)
    }
    static func preReviewBurst(activity: String, window: [Int], baseline: [Int], review: ReviewDate, team: String?, thresholds: SignalThresholds) -> Signal? {
        var family = TestFamily.perTest(alpha: thresholds.alpha)
        return preReviewBurst(activity: activity, window: window, baseline: baseline, review: review, team: team, thresholds: thresholds, family: &family)
    }
}
