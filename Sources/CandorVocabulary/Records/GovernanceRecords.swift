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

/// A dispute about collected data or a report: counted, never attributed. One that names its
/// metric and period (and a team, or none for the organisation) is placed on that cell: an open one
/// shows as open, an upheld one annotates the cell in every report and applies its exclusions.
public struct DisputeRecord: Sendable, Equatable {
    public var id: String
    public var filed: Day
    public var resolved: Day?
    /// `open`, `upheld`, `rejected` or `withdrawn`.
    public var outcome: String
    public var metric: String?
    /// The team whose cell it is about (nil: the organisation's).
    public var team: String?
    /// The quarter whose figures it is about.
    public var period: Period?
    /// What the figure should leave out, applied once the dispute is upheld.
    public var exclusions: [DisputeExclusion]

    public init(id: String, filed: Day, resolved: Day? = nil, outcome: String, metric: String? = nil, team: String? = nil,
                period: Period? = nil, exclusions: [DisputeExclusion] = []) {
        self.id = id
        self.filed = filed
        self.resolved = resolved
        self.outcome = outcome
        self.metric = metric
        self.team = team
        self.period = period
        self.exclusions = exclusions
    }
}

/// What an upheld dispute takes out of a figure: a repository's records, or the records of some days.
public enum DisputeExclusion: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The metrics whose figures exclusions can be applied to: each of their records (a pull request)
    /// names its repository and its day. (The metric registry holds the same list: `DisputeTests`.)
    public static let excludableMetrics: [String] = ["flow.review_pickup", "flow.cycle_time", "flow.review_depth"]

    /// A repository, as `owner/name` or a bare name (compared without case).
    case repository(String)
    /// Days from the first to the last, both included.
    case days(Day, Day)

    /// `repository:acme/checkout-web`, `days:2026-08-10..2026-08-14` (the column's own form).
    public var description: String {
        switch self {
        case .repository(let name): "repository:\(name)"
        case .days(let first, let last): first == last ? "days:\(first.iso8601)" : "days:\(first.iso8601)..\(last.iso8601)"
        }
    }

    /// Reads one `;`-separated item of the `exclude` column; nil when it is not one.
    public static func parse(_ text: String) -> DisputeExclusion? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let kind = trimmed[..<colon].lowercased(), value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        switch kind {
        case "repository":
            guard !value.isEmpty, value.count <= 200, !value.contains(where: { $0.isWhitespace || $0 == ";" }) else { return nil }
            return .repository(value)
        case "days":
            // Strictly YYYY-MM-DD: a board's minute is read by people in many locales.
            func iso(_ text: String) -> Day? {
                let t = text.trimmingCharacters(in: .whitespaces)
                return t.utf8.count == 10 && t.utf8.dropFirst(4).first == UInt8(ascii: "-") ? Day.parse(t) : nil
            }
            let ends = value.components(separatedBy: "..")
            guard ends.count <= 2, let first = iso(ends[0]), let last = ends.count == 2 ? iso(ends[1]) : first, first <= last,
                  last.dayNumber - first.dayNumber < 366 else { return nil }
            return .days(first, last)
        default:
            return nil
        }
    }

    /// All of a column's items, or nil when any is not one.
    public static func parseList(_ text: String) -> [DisputeExclusion]? {
        let items = text.split(separator: ";").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        var out: [DisputeExclusion] = []
        for item in items {
            guard let exclusion = parse(item) else { return nil }
            out.append(exclusion)
        }
        return out
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
