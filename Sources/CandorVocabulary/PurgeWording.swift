/// How purges are worded, in the log, the audit entry, the refusal and the transparency report.
/// A purge entry is (tier, reason, rows): retention's windows and revocations delete rows of a tier;
/// minimisation clears fields of rows that stay (tier `cleared`) and deletes records no published
/// figure reads (tier `unread`).
public enum PurgeWording {
    /// Rows whose optional fields the policy no longer keeps were cleared; the rows stay.
    public static let cleared = "cleared"
    /// Records no published figure reads, of a source without a stated purpose, were deleted.
    public static let unread = "unread"

    /// The reason a retention window of `days` gives for what it deletes.
    public static func windowReason(_ days: Int) -> String { "older than \(days) days" }

    /// Whether an entry cleared fields of rows that stay (minimisation), rather than deleting rows.
    public static func isCleared(tier: String) -> Bool { tier == cleared }

    /// One entry in words: "12 raw rows deleted (older than 90 days)", "fields cleared in 3 rows (q-developer
    /// fields the policy does not keep)", "2 records deleted (events records no published figure reads)".
    public static func describe(_ entry: (tier: String, reason: String, rows: Int)) -> String {
        let n = Format.count(entry.rows), s = entry.rows == 1 ? "" : "s"
        switch entry.tier {
        case cleared: return "fields cleared in \(n) row\(s) (\(entry.reason))"
        case unread: return "\(n) record\(s) deleted (\(entry.reason))"
        default: return "\(n) \(entry.tier) row\(s) deleted (\(entry.reason))"
        }
    }
}
