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
    /// How it was tested.
    public var test: String
    public var alternatives: [String]
    public var question: String
}

/// Which direction is an improvement for a metric (registry id → true when higher is better).
public enum MetricDirection {
    public static let higherIsBetter: [String: Bool] = [
        "ai.active_share": true, "ai.acceptance_rate": true, "ai.accepted_lines_per_active_day": true, "ai.persistence": true,
        "quality.new_findings_rate": false, "quality.open_high_severity": false, "quality.time_to_fix": false, "quality.suppression_share": false,
        "flow.review_pickup": false, "flow.cycle_time": false, "flow.review_depth": false,
        "outcome.change_failure_rate": false, "outcome.defect_escape": false, "outcome.restore_time": false,
        "experience.satisfaction": true, "trust.opt_in_rate": true, "trust.dispute_rate": false, "trust.self_view_uptake": true,
    ]
}

/// How a metric moved between two periods, judged by its intervals.
public enum Movement: Sendable, Equatable {
    case improved, worsened, unclear

    /// Significant when the two 95% intervals do not overlap — a conservative test (N. Schenker and
    /// J. F. Gentleman (2001), "On judging the significance of differences by examining the overlap
    /// between confidence intervals", The American Statistician 55(3):182–186: non-overlap implies a
    /// significant difference; overlap does not imply its absence). Values without intervals, or
    /// labelled low or suppressed, are never significant: below minimum evidence nothing fires.
    public static func of(_ before: MetricValue, _ after: MetricValue) -> Movement {
        guard let higher = MetricDirection.higherIsBetter[after.metric],
              before.label == .high || before.label == .medium, after.label == .high || after.label == .medium,
              before.estimate != nil, after.estimate != nil, let b = before.interval, let a = after.interval else { return .unclear }
        let up = a.lower > b.upper, down = a.upper < b.lower
        guard up || down else { return .unclear }
        return up == higher ? .improved : .worsened
    }
}
