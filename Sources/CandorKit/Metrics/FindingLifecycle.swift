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

/// The lifecycle of one finding identity.
public struct FindingHistory: Sendable, Equatable {
    public var state: FindingState
    /// When it was first reported.
    public var firstSeen: Int64
    /// When it stopped being open (fixed, suppressed or dismissed); nil while open.
    public var closedAt: Int64?
}

/// Derives finding states from successive scans of one scope. Pure. The rules (docs/formats.md,
/// "Finding lifecycle"):
///
/// 1. In each scan, a reported finding is `open`, or `suppressed` if the scan says so, or `fixed`
///    if the scan reports it `absent`. A finding reported again after closing is open again.
/// 2. An open finding missing from a later scan closed at that scan's time: `dismissed` if anyone
///    reacted ThumbsDown to it, else `suppressed` if that scan excluded more code than the one
///    before, else `fixed`.
/// 3. A finding still reported in the latest scan stays open (CodeGuru Reviewer has no status:
///    a recommendation that recurs stays open).
public enum FindingLifecycle {
    public static func histories(_ scans: [ScanSnapshot]) -> [String: FindingHistory] {
        var out: [String: FindingHistory] = [:]
        var thumbsDown: Set<String> = []
        for scan in scans.sorted(by: { $0.time < $1.time }) {
            for (key, observation) in scan.findings.sorted(by: { $0.key < $1.key }) {
                if observation.thumbsDown { thumbsDown.insert(key) }
                var h = out[key] ?? FindingHistory(state: .open, firstSeen: scan.time, closedAt: nil)
                if observation.absent {
                    if h.state == .open { h.state = .fixed; h.closedAt = scan.time }
                } else if observation.suppressed {
                    if h.state == .open || h.closedAt == nil { h.state = .suppressed; h.closedAt = scan.time }
                } else {
                    h.state = .open
                    h.closedAt = nil
                }
                out[key] = h
            }
            for (key, h) in out where h.state == .open && scan.findings[key] == nil {
                var closed = h
                closed.closedAt = scan.time
                closed.state = thumbsDown.contains(key) ? .dismissed : scan.exclusionsGrew ? .suppressed : .fixed
                out[key] = closed
            }
        }
        return out
    }
}
