import Testing
@testable import CandorKit

@Suite("Gaming-signal detectors (known cases)")
struct DetectorTests {
    static func v(_ id: String, _ e: Double, _ lo: Double, _ hi: Double, people: Int = 20) -> MetricValue {
        MetricValue(metric: id, team: "T", estimate: e, interval: ValueInterval(lower: lo, upper: hi), people: people, events: 1000)
    }

    @Test("movement: only non-overlapping intervals with enough evidence count, in the metric's own direction")
    func movement() {
        #expect(Movement.of(Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26), Self.v("ai.acceptance_rate", 0.30, 0.29, 0.31)) == .improved)
        #expect(Movement.of(Self.v("flow.cycle_time", 20, 18, 22), Self.v("flow.cycle_time", 30, 27, 33)) == .worsened)   // longer is worse
        #expect(Movement.of(Self.v("ai.acceptance_rate", 0.25, 0.20, 0.30), Self.v("ai.acceptance_rate", 0.28, 0.26, 0.30)) == .unclear)
        // Below minimum evidence (a low label) nothing moves.
        #expect(Movement.of(Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26, people: 3), Self.v("ai.acceptance_rate", 0.30, 0.29, 0.31, people: 3)) == .unclear)
    }

    @Test("leading without outcome fires when the leading metric improves and its pair does not; not when both improve")
    func leadingWithoutOutcome() {
        let before = ["ai.acceptance_rate": Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26), "ai.persistence": Self.v("ai.persistence", 0.85, 0.82, 0.88)]
        var after = ["ai.acceptance_rate": Self.v("ai.acceptance_rate", 0.32, 0.31, 0.33), "ai.persistence": Self.v("ai.persistence", 0.84, 0.81, 0.87)]
        let signals = Detectors.leadingWithoutOutcome(before: before, after: after, team: "T")
        #expect(signals.map(\.detector) == ["leading-without-outcome"] && signals[0].title.contains("Persistence of accepted AI code did not"))
        #expect(signals[0].question.hasSuffix("?") && !signals[0].alternatives.isEmpty)
        after["ai.persistence"] = Self.v("ai.persistence", 0.93, 0.91, 0.95)
        #expect(Detectors.leadingWithoutOutcome(before: before, after: after, team: "T").isEmpty)
    }

    @Test("acceptance inflation and survey selection")
    func inflationAndSurvey() {
        let before = ["ai.acceptance_rate": Self.v("ai.acceptance_rate", 0.25, 0.24, 0.26), "ai.persistence": Self.v("ai.persistence", 0.90, 0.88, 0.92)]
        let after = ["ai.acceptance_rate": Self.v("ai.acceptance_rate", 0.32, 0.31, 0.33), "ai.persistence": Self.v("ai.persistence", 0.75, 0.72, 0.78)]
        #expect(Detectors.acceptanceInflation(before: before, after: after, team: "T")?.evidence.count == 2)
        #expect(Detectors.acceptanceInflation(before: before, after: before, team: "T") == nil)
        let s1 = Self.v("experience.satisfaction", 0.55, 0.50, 0.60), s2 = Self.v("experience.satisfaction", 0.72, 0.67, 0.77)
        #expect(Detectors.surveySelection(before: s1, after: s2, responseRateBefore: 0.8, responseRateAfter: 0.5, team: "T") != nil)
        #expect(Detectors.surveySelection(before: s1, after: s2, responseRateBefore: 0.8, responseRateAfter: 0.78, team: "T") == nil)
    }
}
