import GRDB

/// The enriched and aggregate tiers, and retention: the only place data is deleted.
extension StoreWriter {
    /// Recomputes the enriched (person × week) and aggregate (team × week) rows of every week that
    /// has raw Q Developer rows from `sourceId` — or, with nil, of every week that still has raw rows
    /// (after a directory changes who is in which team). Weeks whose raw rows were purged keep
    /// their stored tiers.
    public func refreshWeeklyTiers(sourceId: Int64?) throws {
        // The days to recompute: whole ISO weeks around the source's rows (a range on the primary key).
        let range: Row?
        if let sourceId {
            range = try Row.fetchOne(db, sql: "SELECT MIN(day), MAX(day) FROM qdev_activity WHERE source_id = ?", arguments: [sourceId])
        } else {
            range = try Row.fetchOne(db, sql: "SELECT MIN(day), MAX(day) FROM qdev_activity")
        }
        guard let range, let first = (range[0] as String?).flatMap(Day.parse), let last = (range[1] as String?).flatMap(Day.parse) else { return }
        let from = first.isoWeekStart.iso8601, to = last.isoWeekStart.adding(days: 6).iso8601
        // Weeks that purge has cut into keep the tiers computed while they were whole.
        let open = "NOT IN (SELECT week FROM frozen_week)"
        let weekOf = "date(a.day, '-' || ((CAST(strftime('%w', a.day) AS INTEGER) + 6) % 7) || ' days')"
        try db.execute(sql: "DELETE FROM qdev_person_week WHERE week BETWEEN ? AND ? AND week \(open)", arguments: [from, to])
        try db.execute(sql: """
            INSERT INTO qdev_person_week (week, person, active_days, accepted, shown)
            SELECT \(weekOf) AS week, a.person, COUNT(*), SUM(a.Inline_AcceptanceCount), SUM(a.Inline_SuggestionsCount)
            FROM qdev_activity a WHERE a.day BETWEEN ? AND ? AND \(weekOf) \(open)
            GROUP BY week, a.person
            """, arguments: [from, to])
        try db.execute(sql: "DELETE FROM qdev_team_week WHERE week BETWEEN ? AND ? AND week \(open)", arguments: [from, to])
        try db.execute(sql: """
            INSERT INTO qdev_team_week (week, team, contributors, accepted, shown, accepted_squares, shown_squares, largest_shown)
            SELECT week, team, COUNT(*), SUM(accepted), SUM(shown), SUM(accepted * accepted), SUM(shown * shown), MAX(shown)
            FROM (SELECT \(weekOf) AS week, COALESCE(a.team, '') AS team, a.person,
                         SUM(a.Inline_AcceptanceCount) AS accepted, SUM(a.Inline_SuggestionsCount) AS shown
                  FROM qdev_activity_team a WHERE a.day BETWEEN ? AND ? AND \(weekOf) \(open)
                  GROUP BY week, team, a.person)
            GROUP BY week, team
            """, arguments: [from, to])
    }
}

/// What one purge removed.
public struct PurgeResult: Sendable, Equatable {
    /// (tier, reason, rows) for every deletion, in order.
    public var removed: [(tier: String, reason: String, rows: Int)]

    public static func == (a: PurgeResult, b: PurgeResult) -> Bool {
        a.removed.map(\.tier) == b.removed.map(\.tier) && a.removed.map(\.reason) == b.removed.map(\.reason) && a.removed.map(\.rows) == b.removed.map(\.rows)
    }

    public var total: Int { removed.reduce(0) { $0 + $1.rows } }
}

extension CandorStore {
    /// Enforces retention and revocations, then makes the deletion physical.
    ///
    /// Raw rows older than `rawDays` before `today`, enriched weeks older than `enrichedDays`, aggregate
    /// weeks older than `aggregateDays`, and every raw and enriched row of a person whose consent to
    /// `revocationProgramme` is revoked. `secure_delete` overwrites freed pages and a
    /// `wal_checkpoint(TRUNCATE)` empties the write-ahead log, so the bytes are gone from both files.
    /// What was removed is recorded (counts only) in `purge_log`.
    public func purge(today: Day, retention: Policy.Retention, revocationProgramme: String, time: String) throws -> PurgeResult {
        let result: PurgeResult = try queue.write { db in
            var removed: [(String, String, Int)] = []
            func run(_ tier: String, _ reason: String, _ sql: String, _ arguments: StatementArguments) throws {
                try db.execute(sql: sql, arguments: arguments)
                let n = db.changesCount
                removed.append((tier, reason, n))
                try db.execute(sql: "INSERT INTO purge_log (time, tier, reason, rows) VALUES (?, ?, ?, ?)", arguments: [time, tier, reason, n])
            }
            let revoked = """
                SELECT c.person FROM consent c WHERE c.programme = ? AND c.status = 'revoked'
                  AND c.effective = (SELECT MAX(c2.effective) FROM consent c2 WHERE c2.person = c.person AND c2.programme = c.programme)
                """
            let weekOf = "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days')"
            try db.execute(sql: "INSERT OR IGNORE INTO frozen_week SELECT DISTINCT \(weekOf) FROM qdev_activity WHERE person IN (\(revoked)) OR day < ?",
                           arguments: [revocationProgramme, today.adding(days: -retention.rawDays).iso8601])
            try run("raw", "consent revoked", "DELETE FROM qdev_activity WHERE person IN (\(revoked))", [revocationProgramme])
            try run("enriched", "consent revoked", "DELETE FROM qdev_person_week WHERE person IN (\(revoked))", [revocationProgramme])
            try run("raw", "older than \(retention.rawDays) days", "DELETE FROM qdev_activity WHERE day < ?",
                    [today.adding(days: -retention.rawDays).iso8601])
            try run("enriched", "older than \(retention.enrichedDays) days", "DELETE FROM qdev_person_week WHERE week < ?",
                    [today.adding(days: -retention.enrichedDays).iso8601])
            try run("aggregate", "older than \(retention.aggregateDays) days", "DELETE FROM qdev_team_week WHERE week < ?",
                    [today.adding(days: -retention.aggregateDays).iso8601])
            return PurgeResult(removed: removed)
        }
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return result
    }

    /// Rows in the weekly tiers (tests and the transparency report).
    public func weeklyTierCounts() throws -> (enriched: Int, aggregate: Int) {
        try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM qdev_person_week") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM qdev_team_week") ?? 0)
        }
    }

    /// Σ accepted and Σ shown over a team's aggregate weeks (tests).
    public func aggregateTotals(team: String) throws -> (accepted: Int64, shown: Int64) {
        try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(accepted), 0), COALESCE(SUM(shown), 0) FROM qdev_team_week WHERE team = ?", arguments: [team])!
            return (row[0], row[1])
        }
    }
}
