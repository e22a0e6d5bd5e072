/// A consent-registry entry: a person's choice about a programme from a day on.
public struct ConsentRecord: Sendable, Equatable {
    public var personId: SourcePersonID
    public var programme: String
    public var status: ConsentStatus
    public var effective: Day

    public init(personId: SourcePersonID, programme: String, status: ConsentStatus, effective: Day) {
        self.personId = personId
        self.programme = programme
        self.status = status
        self.effective = effective
    }
}

/// An entry of the policy-change log: what changed in the programme, when, and which metrics it touches.
public struct PolicyChangeRecord: Sendable, Equatable {
    public var day: Day
    /// Written by the governance board for every reader; shown in reports (escaped), never interpreted.
    public var change: String
    /// Metric ids it touches (`ai.acceptance_rate`, …); empty = the whole programme.
    public var metrics: [String]

    public init(day: Day, change: String, metrics: [String]) {
        self.day = day
        self.change = change
        self.metrics = metrics
    }
}

/// A dispute about collected data or a report: counted, never attributed.
public struct DisputeRecord: Sendable, Equatable {
    public var id: String
    public var filed: Day
    public var resolved: Day?
    /// `open`, `upheld`, `rejected` or `withdrawn`.
    public var outcome: String
    public var metric: String?

    public init(id: String, filed: Day, resolved: Day? = nil, outcome: String, metric: String? = nil) {
        self.id = id
        self.filed = filed
        self.resolved = resolved
        self.outcome = outcome
        self.metric = metric
    }
}

/// A governance decision: what the board decided, when, about which metric.
public struct DecisionRecord: Sendable, Equatable {
    public var day: Day
    public var decision: String
    public var metric: String?
    /// E.g. `keep`, `change`, `retire`.
    public var action: String?
    /// Who approved it, the alternatives the board considered, and when it is to be reviewed (optional columns).
    public var approver: String?
    public var alternatives: String?
    public var review: Day?

    public init(day: Day, decision: String, metric: String? = nil, action: String? = nil,
                approver: String? = nil, alternatives: String? = nil, review: Day? = nil) {
        self.day = day
        self.decision = decision
        self.metric = metric
        self.action = action
        self.approver = approver
        self.alternatives = alternatives
        self.review = review
    }
}

/// One row of a governance CSV.
public enum GovernanceRow: Sendable, Equatable {
    case consent(ConsentRecord), policyChange(PolicyChangeRecord), dispute(DisputeRecord), decision(DecisionRecord), approval(ApprovalRecord)
}

/// An approval a governance board (or whoever the policy names) gave for a restricted report: a
/// `--approval REF` is honoured only when it is listed here, in scope, not expired, and not given
/// by the person running candor.
public struct ApprovalRecord: Sendable, Equatable {
    public var reference: String
    /// Who approved (a name or handle, compared with the operating-system user and `--actor`).
    public var approver: String
    /// The report it opens (`security-review`), optionally for one quarter (`security-review:2026-Q3`).
    public var scope: String
    public var granted: Day?
    public var expires: Day

    public init(reference: String, approver: String, scope: String, granted: Day? = nil, expires: Day) {
        self.reference = reference
        self.approver = approver
        self.scope = scope
        self.granted = granted
        self.expires = expires
    }
}
