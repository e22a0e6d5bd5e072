import Foundation

/// What one scan says about one finding.
public struct FindingObservation: Sendable, Equatable {
    /// The scan reports it suppressed (SARIF `suppressions` with status accepted).
    public var suppressed: Bool
    /// The scan reports it as gone (SARIF `baselineState: absent`; CodeGuru Security `Closed`).
    public var absent: Bool
    /// Someone reacted ThumbsDown to it (CodeGuru Reviewer feedback).
    public var thumbsDown: Bool

    public init(suppressed: Bool = false, absent: Bool = false, thumbsDown: Bool = false) {
        self.suppressed = suppressed
        self.absent = absent
        self.thumbsDown = thumbsDown
    }
}

/// One scan (a SARIF run, a CodeGuru code review) of one scope (a repository and tool).
public struct ScanSnapshot: Sendable, Equatable {
    /// Seconds since 1970; scans are taken in this order.
    public var time: Int64
    /// Findings by stable identity (a fingerprint, or rule + file).
    public var findings: [String: FindingObservation]
    /// The scan excluded more code than the previous one (CodeGuru `SuppressedLinesOfCodeCount` grew).
    public var exclusionsGrew: Bool

    public init(time: Int64, findings: [String: FindingObservation], exclusionsGrew: Bool = false) {
        self.time = time
        self.findings = findings
        self.exclusionsGrew = exclusionsGrew
    }
}

/// One finding's history within a team's repository, for the quality metrics.
public struct FindingFacts: Sendable, Equatable {
    public var team: String?
    public var repository: String
    public var history: FindingHistory
    /// Reported in the repository's first scan: a baseline, not new.
    public var inBaseline: Bool
    public init(team: String?, repository: String, history: FindingHistory, inBaseline: Bool) {
        self.team = team; self.repository = repository; self.history = history; self.inBaseline = inBaseline
    }
}

/// A finding's state over a series of scans or code reviews.
public enum FindingState: String, Sendable, Equatable, CaseIterable {
    /// Still reported in the latest scan.
    case open
    /// Gone from a later scan (or reported `absent`, or `Closed` by the tool).
    case fixed
    /// Hidden rather than fixed: an accepted SARIF suppression, or gone while the scan excluded more code.
    case suppressed
    /// Gone after someone rejected it (a CodeGuru Reviewer ThumbsDown).
    case dismissed
}

/// The lifecycle of one finding identity.
public struct FindingHistory: Sendable, Equatable {
    public var state: FindingState
    /// When it was first reported.
    public var firstSeen: Int64
    /// When it stopped being open (fixed, suppressed or dismissed); nil while open.
    public var closedAt: Int64?

    public init(state: FindingState, firstSeen: Int64, closedAt: Int64? = nil) {
        self.state = state
        self.firstSeen = firstSeen
        self.closedAt = closedAt
    }

    /// Seen by `time` (Unix seconds) and not yet closed then.
    public func isOpen(at time: Int64) -> Bool { firstSeen <= time && (closedAt.map { $0 > time } ?? true) }
}

/// A security finding as the security-outcome tier keeps it (docs/tiers.md): counts and durations
/// only — which analyser, which repository, its severity and when it opened and stopped being open —
/// never its category, rule, file or line. Made from the compliance dataset for the audiences that
/// may read the operational one (the governance board and teams, by default).
public struct SecurityOutcome: Sendable, Equatable {
    /// `codeguru-security` or `sarif`.
    public var source: String
    public var repository: String
    /// Lower-cased: CodeGuru Security's `high`, `critical`, …; SARIF's level (`error`, `warning`, `note`).
    public var severity: String
    public var history: FindingHistory
    /// The day the history is as of (a SARIF result's lifecycle from the scans up to that day, the end of
    /// a quarter: a later scan can reopen a finding, and must not change a finished quarter); nil for a
    /// CodeGuru Security finding, whose one record says when it opened and closed.
    public var asOf: Day?

    public init(source: String, repository: String, severity: String, history: FindingHistory, asOf: Day? = nil) {
        self.source = source
        self.repository = repository
        self.severity = severity
        self.history = history
        self.asOf = asOf
    }

    /// High or Critical (a SARIF `error`), the severities the board's count is about.
    public var isHighOrCritical: Bool { ["high", "critical", "error"].contains(severity) }
}
