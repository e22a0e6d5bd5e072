import CandorPolicy
import CandorVocabulary
import GRDB

extension StoreReading {
    /// Per programme and status, the people whose latest registry entry on or before `day` has that
    /// status: what every statement about consent in every report is read from.
    public func consentCounts(on day: Day) throws -> [String: [String: Int]] {
        try queue.read { db in try Self.consentCounts(db, on: day) }
    }

    static func consentCounts(_ db: Database, on day: Day) throws -> [String: [String: Int]] {
        var consent: [String: [String: Int]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.programme AS programme, c.status AS status, COUNT(*) AS people FROM consent c
            WHERE c.effective <= ? AND c.effective = (SELECT MAX(c2.effective) FROM consent c2
                  WHERE c2.person = c.person AND c2.programme = c.programme AND c2.effective <= ?)
            GROUP BY c.programme, c.status ORDER BY c.programme, c.status
            """, arguments: [day.iso8601, day.iso8601]) {
            consent[row["programme"], default: [:]][row["status"]] = row["people"]
        }
        return consent
    }

    /// The governance facts behind the transparency report, as of `day` and for `period`.
    public func transparencyFacts(period: Period, on day: Day) throws -> TransparencyFacts {
        try queue.read { db in
            let sources = try Row.fetchAll(db, sql: """
                SELECT format, COUNT(*) AS files, SUM(rows) AS records, MIN(ingested_at) AS first, MAX(ingested_at) AS last
                FROM source_file GROUP BY format ORDER BY format
                """).map { (format: $0["format"] as String, files: $0["files"] as Int, records: $0["records"] as Int? ?? 0,
                            firstIngested: $0["first"] as String, lastIngested: $0["last"] as String) }
            let purges = try Row.fetchAll(db, sql: "SELECT time, tier, reason, rows FROM purge_log ORDER BY time, tier, reason")
                .map { (time: $0["time"] as String, tier: $0["tier"] as String, reason: $0["reason"] as String, rows: $0["rows"] as Int) }
            let consent = try Self.consentCounts(db, on: day)
            let disputes = try Row.fetchAll(db, sql: """
                SELECT filed, resolved, outcome FROM dispute WHERE filed BETWEEN ? AND ? ORDER BY filed, dispute_id
                """, arguments: [period.first.iso8601, period.last.iso8601])
                .compactMap { row -> (filed: Day, resolved: Day?, outcome: String)? in
                    guard let filed = Day.parse(row["filed"] as String) else { return nil }
                    return (filed, (row["resolved"] as String?).flatMap(Day.parse), row["outcome"] as String)
                }
            return TransparencyFacts(sources: sources, purges: purges, consent: consent, disputes: disputes)
        }
    }
}

extension StoreReading {
    /// Every input file ingested so far, by path then hash.
    public func inputFiles() throws -> [InputFileRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT path, sha256, format, rows FROM source_file ORDER BY path, sha256").map {
                InputFileRecord(path: $0["path"], sha256: $0["sha256"], format: $0["format"], records: $0["rows"])
            }
        }
    }
}
