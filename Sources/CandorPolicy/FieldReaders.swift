import CandorVocabulary

/// What reads an optional field once it is stored: a metric of the registry, a gaming-signal
/// detector, or the security review (the approved security reviewers' categories).
public enum FieldReader: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A registry metric id (its value, parts, weekly series and self-view).
    case metric(String)
    /// A gaming-signal detector id (docs/signals.md).
    case signal(String)
    /// The security review (`candor report security`): findings by category.
    case securityReview

    public var description: String {
        switch self {
        case .metric(let id): id
        case .signal(let id): "signal " + id
        case .securityReview: "security review"
        }
    }

    public static func < (a: FieldReader, b: FieldReader) -> Bool {
        func rank(_ r: FieldReader) -> (Int, String) {
            switch r {
            case .metric(let id): (0, id)
            case .signal(let id): (1, id)
            case .securityReview: (2, "")
            }
        }
        return rank(a) < rank(b)
    }
}

/// The registry's field map (issue 20, item 7): for every optional field of every source, what
/// reads it after ingest. A field no published figure reads is not kept by default — a source the
/// policy does not list keeps ``SourceFamily/usedFields`` and the starter policy lists exactly those.
///
/// The map lives beside the gates, not in the metric registry (`CandorAnalysis`), so that the policy's
/// default can be minimal without the policy depending on analysis; `FieldMapTests` in the analysis
/// tests holds it to the registry (every metric it names exists and lists the source; every signal is
/// a detector), and `MinimalFieldsTests` runs both example organisations with every field and with
/// these only, and finds the same published figures.
///
/// Each entry was traced from the field's column to every query that reads it; a field with no
/// reader is listed with none, so a new gated field cannot be added without a decision here.
extension SourceFamily {
    public var fieldReaders: [String: [FieldReader]] {
        let acceptance: [FieldReader] = [.metric("ai.acceptance_rate"), .signal("acceptance-inflation"), .signal("leading-without-outcome"),
                                         .signal("threshold-bunching"), .signal("pre-review-burst")]
        let closure: [FieldReader] = [.metric("quality.suppression_share"), .metric("quality.time_to_fix"), .metric("quality.open_high_severity"),
                                      .signal("suppression-instead-of-fixing"), .securityReview]
        switch self {
        case .qDeveloper:
            var map = Dictionary(uniqueKeysWithValues: QDeveloperMetric.allCases.map { ($0.rawValue, [FieldReader]()) })
            map[QDeveloperMetric.inlineAcceptanceCount.rawValue] = acceptance
            map[QDeveloperMetric.inlineSuggestionsCount.rawValue] = acceptance.filter { $0 != .signal("pre-review-burst") }
            map[QDeveloperMetric.inlineAICodeLines.rawValue] = [.metric("ai.accepted_lines_per_active_day"), .signal("acceptance-inflation"),
                                                                .signal("leading-without-outcome")]
            return map
        case .kiro, .assistantUsage, .survey:
            return [:]
        case .copilot:
            // Only the code_completion feature's counts are read.
            return ["feature_breakdown": [.metric("ai.acceptance_rate"), .metric("ai.accepted_lines_per_active_day"), .signal("acceptance-inflation"),
                                          .signal("leading-without-outcome"), .signal("threshold-bunching"), .signal("pre-review-burst")]]
        case .codeGuruReviewer:
            return [
                "provider_type": [], "type": [], "pull_request_id": [], "updated_at": [], "findings": [],
                "metered_lines": [.metric("quality.new_findings_rate"), .signal("suppression-instead-of-fixing"), .signal("leading-without-outcome")],
                "suppressed_lines": [.metric("quality.suppression_share"), .metric("quality.time_to_fix"), .signal("suppression-instead-of-fixing")],
                // A recommendation's identity (rule and file) is a digest made before the gate: the columns themselves feed nothing.
                "file_path": [], "rule_id": [],
                "start_line": [], "end_line": [], "category": [], "severity": [],
                // ThumbsDown dismisses a recommendation.
                "reaction": [.metric("quality.suppression_share"), .metric("quality.time_to_fix"), .signal("suppression-instead-of-fixing")],
            ]
        case .codeGuruSecurity:
            return [
                "type": [.securityReview], "detector_id": [.securityReview], "rule_id": [.securityReview],
                "file_path": [], "start_line": [], "end_line": [],
                // When a Closed finding closed.
                "updated_at": [.metric("quality.time_to_fix"), .metric("quality.open_high_severity"), .securityReview],
            ]
        case .sarif:
            // A result's identity (fingerprint, or rule and location) is made before the gate, so
            // dropping uri and start_line changes no lifecycle.
            return ["uri": [], "start_line": [], "baseline_state": closure, "suppression": closure]
        case .github:
            return [
                "closed_at": [.metric("flow.review_pickup")],
                "merged_at": [.metric("flow.cycle_time")],
                "review_comments": [.metric("flow.review_depth"), .signal("rubber-stamp-reviews")],
                "additions": [], "deletions": [],
                "submitted_at": [.metric("flow.review_pickup"), .metric("flow.review_depth"), .signal("rubber-stamp-reviews")],
                "review_id": [],
            ]
        case .delivery:
            return [
                "repository": [.metric("outcome.defect_escape"), .metric("outcome.restore_time")],
                "component": [], "status": [], "severity": [], "priority": [],
                "resolved_at": [.metric("outcome.restore_time")],
                "caused_by_deployment": [.metric("outcome.change_failure_rate"), .metric("outcome.defect_escape"), .signal("leading-without-outcome")],
            ]
        case .events:
            var map = Dictionary(uniqueKeysWithValues: ToolEvent.keptAttributes.map { ($0, [FieldReader]()) })
            // Persistence links a follow-up to its acceptance by suggestion id, or by tool and time.
            for linking in ["suggestion_id", "tool"] {
                map[linking] = [.metric("ai.persistence"), .signal("churn-after-acceptance"), .signal("acceptance-inflation"), .signal("leading-without-outcome")]
            }
            return map
        }
    }

    /// The optional fields something published reads, in ``optionalFields`` order: what a source the
    /// policy does not list keeps, and what the starter policy lists.
    public var usedFields: [String] {
        let readers = fieldReaders
        return optionalFields.filter { !(readers[$0] ?? []).isEmpty }
    }

    /// Fields that mean nothing without another: keeping the key while dropping a value it needs
    /// would bias a figure (accepted suggestions without the suggestions shown would raise the
    /// acceptance rate), so the policy refuses it.
    public var fieldRequirements: [String: [String]] {
        switch self {
        case .qDeveloper:
            [QDeveloperMetric.inlineAcceptanceCount.rawValue: [QDeveloperMetric.inlineSuggestionsCount.rawValue],
             QDeveloperMetric.inlineSuggestionsCount.rawValue: [QDeveloperMetric.inlineAcceptanceCount.rawValue]]
        case .codeGuruReviewer:
            // Suppressed lines are read as a share of the lines metered.
            ["suppressed_lines": ["metered_lines"]]
        default: [:]
        }
    }
}
