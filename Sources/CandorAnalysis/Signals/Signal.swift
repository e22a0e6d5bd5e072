import CandorVocabulary
import CandorPolicy

/// A prompt for human review that a metric may be moving without real engineering benefit.
/// Never a verdict on people: every signal carries its evidence, the test behind it, the
/// explanations that would make it harmless, and a question for the team to discuss.
public struct Signal: Sendable, Equatable {
    /// The detector's id, e.g. `leading-without-outcome`.
    public var detector: String
    /// nil for the organisation.
    public var team: String?
    public var title: String
    /// The numbers behind it, already formatted.
    public var evidence: [String]
    /// How it was tested, with the p-value or interval.
    public var test: String
    public var alternatives: [String]
    public var question: String
}

/// Which direction is an improvement for a metric (registry id → true when higher is better).
public enum MetricDirection {
    public static let higherIsBetter: [MetricID: Bool] = [
        "ai.active_share": true, "ai.acceptance_rate": true, "ai.accepted_lines_per_active_day": true, "ai.persistence": true,
        "quality.new_findings_rate": false, "quality.open_high_severity": false, "quality.time_to_fix": false, "quality.suppression_share": false,
        "flow.review_pickup": false, "flow.cycle_time": false, "flow.review_depth": false,
        "outcome.change_failure_rate": false, "outcome.defect_escape": false, "outcome.restore_time": false,
        "experience.satisfaction": true, "trust.opt_in_rate": true, "trust.dispute_rate": false, "trust.self_view_uptake": true,
        // Not registry metrics: read by the detectors beside them.
        "signal.lines_per_acceptance": true, "signal.quick_approvals": false,
    ]
}

/// How a metric moved between two periods.
public enum Movement: Sendable, Equatable {
    case improved, worsened, unclear

    /// Significant when the difference of the two estimates, with standard errors taken from their 95%
    /// intervals, has a two-sided p-value below `alpha` (``SignalStatistics/difference(before:_:after:_:)``).
    /// Values without intervals, or labelled low or suppressed, never move: below minimum evidence
    /// nothing fires.
    public static func of(_ before: MetricValue, _ after: MetricValue, alpha: Double = 0.01) -> Movement {
        guard let test = test(before, after), test.p < alpha, let higher = MetricDirection.higherIsBetter[after.metric] else { return .unclear }
        return (test.z > 0) == higher ? .improved : .worsened
    }

    /// The z and p of the change, when both values carry enough evidence to be compared.
    public static func test(_ before: MetricValue, _ after: MetricValue) -> (z: Double, p: Double)? {
        guard before.label == .high || before.label == .medium, after.label == .high || after.label == .medium,
              let b = before.estimate, let a = after.estimate, let bi = before.interval, let ai = after.interval else { return nil }
        return SignalStatistics.difference(before: b, bi, after: a, ai)
    }
}
