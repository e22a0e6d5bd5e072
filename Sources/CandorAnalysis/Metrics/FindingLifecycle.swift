import CandorVocabulary
import CandorPolicy

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
