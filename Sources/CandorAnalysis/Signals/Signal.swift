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

    /// One change judged on its own: significant when its test (``test(_:_:)``) has a two-sided p-value
    /// below `alpha`. A report judges every change of a period together instead (``TestFamily/movement(_:_:)``).
    /// Values without intervals, or labelled low or suppressed, never move: below minimum evidence
    /// nothing fires.
    public static func of(_ before: MetricValue, _ after: MetricValue, alpha: Double = 0.01) -> Movement {
        guard let test = test(before, after), test.p < alpha, let higher = MetricDirection.higherIsBetter[after.metric] else { return .unclear }
        return (test.direction > 0) == higher ? .improved : .worsened
    }

    /// The change's test, when both values carry enough evidence to be compared: for a median with its
    /// items (``MetricValue/observations``), a permutation test of the difference in medians; otherwise
    /// the difference of the two estimates with standard errors from their intervals.
    public static func test(_ before: MetricValue, _ after: MetricValue) -> ChangeTest? {
        guard untestable[after.metric] == nil,
              before.label == .high || before.label == .medium, after.label == .high || after.label == .medium,
              let b = before.estimate, let a = after.estimate else { return nil }
        if let ob = before.observations, let oa = after.observations {
            guard let t = MedianComparison.test(before: ob, after: oa, seed: MedianComparison.seed(after.metric.rawValue, after.team ?? "")) else { return nil }
            return ChangeTest(direction: t.difference, p: t.p,
                              statistic: "permutation test of the difference in medians, sequential, at most \(Format.count(MedianComparison.permutations)) relabellings")
        }
        guard let bi = before.interval, let ai = after.interval, let t = SignalStatistics.difference(before: b, bi, after: a, ai) else { return nil }
        return ChangeTest(direction: t.z, p: t.p, statistic: "z = \(Format.fixed(t.z, decimals: 2))")
    }
}

extension Movement {
    /// Metrics whose values in two periods no valid test compares, and why (the reports print it).
    public static let untestable: [MetricID: String] = [
        "quality.time_to_fix": "no test compares the quarters: each median is over every finding seen so far, so a finding open across both is in both, and the two are not independent samples",
    ]
}

/// A test of whether a value changed between two periods: its direction (positive: a rise), its
/// two-sided p-value, and how it was computed, as reports print it.
public struct ChangeTest: Sendable, Equatable {
    public var direction: Double
    public var p: Double
    /// "z = 2.09", or the test's name.
    public var statistic: String
}
