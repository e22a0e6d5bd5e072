import CandorVocabulary

/// A field of a decoded record that the policy's allow-list may leave out.
public struct GatedField<Row>: Sendable {
    public let name: String
    /// Clears the field; returns whether it held a value (a drop worth counting).
    let clear: @Sendable (inout Row) -> Bool

    public init(_ name: String, _ keyPath: WritableKeyPath<Row, String?> & Sendable) {
        self.name = name
        clear = { row in defer { row[keyPath: keyPath] = nil }; return row[keyPath: keyPath] != nil }
    }

    public init(_ name: String, _ keyPath: WritableKeyPath<Row, Int64?> & Sendable) {
        self.name = name
        clear = { row in defer { row[keyPath: keyPath] = nil }; return row[keyPath: keyPath] != nil }
    }

    public init(_ name: String, clear: @escaping @Sendable (inout Row) -> Bool) {
        self.name = name
        self.clear = clear
    }
}

/// A record type whose optional fields the policy governs. Every record type candor stores is one
/// (with no fields when the policy has nothing to leave out), so nothing reaches the store ungated.
public protocol GatedRecord {
    /// The fields a policy may leave out.
    static var gatedFields: [GatedField<Self>] { get }
    /// Clears what `gate`'s policy leaves out; by default, every gated field it does not allow.
    mutating func applyGate(_ gate: FieldGate)
}

extension GatedRecord {
    public mutating func applyGate(_ gate: FieldGate) { gate.clearGatedFields(&self) }
}

/// Minimisation at ingest: clears every field of a record that the policy does not allow for its
/// source, before the record reaches the store, and counts what it cleared per field.
///
/// One gate serves one input file; its counts are stored with the file for the transparency report.
public final class FieldGate {
    public let family: SourceFamily?
    /// Allowed optional fields; nil when everything candor reads is allowed.
    let allowed: Set<String>?
    /// Records per field that held a value the policy left out.
    public private(set) var drops: [String: Int] = [:]
    /// Q Developer metric positions to clear (precomputed: ingest runs this once per row).
    package let clearedMetricIndexes: [Int]

    /// Whether records no published figure reads are stored: only when the policy states a purpose
    /// for the source (`purpose:`), or when there is no policy (readers' tests).
    public let keepsUnreadRecords: Bool

    public init(family: SourceFamily?, policy: SourcePolicy?, keepsUnreadRecords: Bool = true) {
        self.family = family
        self.keepsUnreadRecords = keepsUnreadRecords
        let allowed = policy?.allowedFields
        self.allowed = allowed
        if family == .qDeveloper, let allowed {
            clearedMetricIndexes = QDeveloperMetric.allCases.filter { !allowed.contains($0.rawValue) }.map(\.index)
        } else {
            clearedMetricIndexes = []
        }
    }

    /// Whether the policy allows `field` of this source.
    public func allows(_ field: String) -> Bool { allowed?.contains(field) ?? true }

    /// Clears the fields the policy leaves out.
    public func apply<Row: GatedRecord>(_ row: inout Row) { row.applyGate(self) }

    /// Clears every gated field of `row` the policy does not allow, counting those that held a value.
    public func clearGatedFields<Row: GatedRecord>(_ row: inout Row) {
        guard let allowed else { return }
        for field in Row.gatedFields where !allowed.contains(field.name) {
            if field.clear(&row) { drops[field.name, default: 0] += 1 }
        }
    }

    /// Clears the Q Developer counts the policy leaves out: they are stored as NULL (unknown), never as 0.
    public func apply(qDeveloperCounts counts: inout [Int64]) {
        for index in clearedMetricIndexes {
            if counts[index] != 0 { drops[QDeveloperMetric.allCases[index].rawValue, default: 0] += 1 }
            counts[index] = QDeveloperMetric.withheld
        }
    }

    /// Counts a record read and not stored because no published figure reads it (and the policy states
    /// no purpose for its source), under `what`; at most 20 kinds per file are named, the rest together.
    public func countUnread(_ what: String) {
        let name = drops[what] != nil || drops.count < 20 ? what : "records of other kinds no figure reads"
        drops[name, default: 0] += 1
    }

    /// Removes event attributes the policy leaves out.
    func removeAttributes(_ event: inout ToolEvent) {
        guard let allowed else { return }
        event.attributes.removeAll { attribute in
            guard !allowed.contains(attribute.name) else { return false }
            drops[attribute.name, default: 0] += 1
            return true
        }
    }

    /// Removes Copilot's per-feature breakdown when the policy leaves it out.
    func removeFeatureBreakdown(_ day: inout CopilotUserDay) {
        guard !allows("feature_breakdown") else { return }
        day.featuresWithheld = true
        guard !day.features.isEmpty else { return }
        drops["feature_breakdown", default: 0] += 1
        day.features = []
    }
}

extension QDeveloperMetric {
    /// Stands for a count the policy withholds; stored as NULL.
    static let withheld: Int64 = -1
}

extension GitHubPullRequest: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [
        GatedField("closed_at", \.closedAt), GatedField("merged_at", \.mergedAt), GatedField("review_comments", \.reviewComments),
        GatedField("additions", \.additions), GatedField("deletions", \.deletions),
    ]
}

extension GitHubReview: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [GatedField("submitted_at", \.submittedAt)]
}

extension GitHubReviewComment: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [GatedField("review_id", \.reviewId)]
}

extension CodeGuruCodeReview: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [
        GatedField("provider_type", \.providerType), GatedField("type", \.type), GatedField("pull_request_id", \.pullRequestId),
        GatedField("updated_at", \.updatedAt), GatedField("metered_lines", \.meteredLines),
        GatedField("suppressed_lines", \.suppressedLines), GatedField("findings", \.findings),
    ]
}

extension CodeGuruRecommendation: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [
        GatedField("file_path", clear: { row in defer { row.filePath = "" }; return !row.filePath.isEmpty }),
        GatedField("start_line", \.startLine), GatedField("end_line", \.endLine), GatedField("category", \.category),
        GatedField("rule_id", \.ruleId), GatedField("severity", \.severity),
    ]
}

extension CodeGuruFeedback: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [GatedField("reaction", \.reaction)]
}

extension CodeGuruSecurityFinding: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [
        GatedField("type", \.type), GatedField("detector_id", \.detectorId), GatedField("rule_id", \.ruleId),
        GatedField("file_path", \.filePath), GatedField("start_line", \.startLine), GatedField("end_line", \.endLine),
        GatedField("updated_at", \.updatedAt),
    ]
}

extension SARIFResult: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [
        GatedField("uri", \.uri), GatedField("start_line", \.startLine), GatedField("baseline_state", \.baselineState),
        GatedField("suppression", clear: { row in
            defer { row.suppressionKind = nil; row.suppressionStatus = nil }
            return row.suppressionKind != nil || row.suppressionStatus != nil
        }),
    ]
}

extension Incident: GatedRecord {
    public static let gatedFields: [GatedField<Self>] = [
        GatedField("repository", \.repository), GatedField("component", \.component), GatedField("resolved_at", \.resolvedAt),
        GatedField("status", \.status), GatedField("severity", \.severity), GatedField("priority", \.priority),
        GatedField("caused_by_deployment", \.causedByDeployment),
    ]
}

extension Deployment: GatedRecord {
    /// None: a deployment is its identity, repository, environment, times and result.
    public static let gatedFields: [GatedField<Deployment>] = []
}

extension CopilotScopeDay: GatedRecord {
    /// None: the legacy metrics API has only organisation- or team-level counts.
    public static let gatedFields: [GatedField<CopilotScopeDay>] = []
}

extension QDeveloperActivityRecord: GatedRecord {
    /// The counts are gated by metric name (``FieldGate/apply(qDeveloperCounts:)``), not as fields.
    public static let gatedFields: [GatedField<QDeveloperActivityRecord>] = []
    public mutating func applyGate(_ gate: FieldGate) {
        if !gate.clearedMetricIndexes.isEmpty { gate.apply(qDeveloperCounts: &counts) }
    }
}

extension ToolEvent: GatedRecord {
    /// Attributes are gated by name (``keptAttributes`` are the ones a policy may allow).
    public static let gatedFields: [GatedField<ToolEvent>] = []
    public mutating func applyGate(_ gate: FieldGate) { gate.removeAttributes(&self) }
}

extension CopilotUserDay: GatedRecord {
    /// The per-feature breakdown (`feature_breakdown`) is the one optional part.
    public static let gatedFields: [GatedField<CopilotUserDay>] = []
    public mutating func applyGate(_ gate: FieldGate) { gate.removeFeatureBreakdown(&self) }
}

extension AssistantUsageRecord: GatedRecord {
    /// None: the file's mapping (or candor's header) is its allow-list — a counter it does not name is never read.
    public static let gatedFields: [GatedField<AssistantUsageRecord>] = []
}

extension KiroUserReportRecord: GatedRecord {
    /// None: candor keeps only the report's counts and credits.
    public static let gatedFields: [GatedField<KiroUserReportRecord>] = []
}

extension CopilotUserTeam: GatedRecord {
    /// None: a team membership on a day.
    public static let gatedFields: [GatedField<CopilotUserTeam>] = []
}

extension MembershipRecord: GatedRecord {
    /// None: the directory is governance data, always kept.
    public static let gatedFields: [GatedField<MembershipRecord>] = []
}

extension MembershipChangeRecord: GatedRecord {
    /// None: a directory change is governance data, always kept.
    public static let gatedFields: [GatedField<MembershipChangeRecord>] = []
}

extension GovernanceRow: GatedRecord {
    /// None: consent, policy changes, disputes and decisions are governance data, always kept.
    public static let gatedFields: [GatedField<GovernanceRow>] = []
}

extension SurveyResponse: GatedRecord {
    /// None: the survey mapping already names the only columns read.
    public static let gatedFields: [GatedField<SurveyResponse>] = []
}

extension CopilotSeat: GatedRecord {
    /// None: a seat is who holds a licence, on which plan and from when; nothing else is read.
    public static let gatedFields: [GatedField<CopilotSeat>] = []
}
