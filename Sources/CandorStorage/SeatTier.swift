import CandorPolicy
import CandorVocabulary
import GRDB

// The seats tier (docs/tiers.md): who held a Copilot seat on each quarter's last day, in which team,
// made at ingest with the directory applied, so that licence coverage reads neither raw seats nor
// membership, and a purge of raw seats (they follow the raw window from the seat's end) changes no
// published figure.
//
// A seat counts on day d when it was assigned by d, not cancelled by d, and an export on or after d
// listed it. A stored seat marks the quarter ends from its assignment to the last export that listed
// it (`seat_dirty`); a directory change remakes every quarter end. Whether any seat export reached a
// day is the highest `seen` ever stored (`seat_seen`, never purged). Purge freezes the quarter ends
// the raw window has passed (`seat_frozen`); the tier names people, so it follows the enriched window,
// and a quarter end whose holders that window removed is marked (`persons_gone`): its coverage is then
// said to be gone, never shown as nobody holding a seat.

extension Schema {
    /// Dataset files: the seats tier and its upkeep tables.
    static func registerSeatTier(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("d11-seat-tier") { db in
            try db.execute(sql: """
                CREATE TABLE seat_holder (quarter_end TEXT NOT NULL, team TEXT NOT NULL, person TEXT NOT NULL, PRIMARY KEY (quarter_end, team, person)) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE TABLE seat_seen (id INTEGER PRIMARY KEY CHECK (id = 1), seen TEXT NOT NULL)")
            try db.execute(sql: "CREATE TABLE seat_dirty (quarter_end TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID")
            try db.execute(sql: "CREATE TABLE seat_frozen (quarter_end TEXT NOT NULL PRIMARY KEY, persons_gone INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID")
            try db.execute(sql: "INSERT INTO seat_seen (id, seen) SELECT 1, MAX(seen) FROM copilot_seat HAVING MAX(seen) IS NOT NULL")
            try db.execute(sql: "INSERT INTO seat_dirty (quarter_end) VALUES ('*')")
        }
    }

    /// Main database: the catalog learns of the seats tier's tables (in the dataset files).
    static func registerSeatTierCatalog(_ migrator: inout DatabaseMigrator) {
        registerDatasetCatalog(&migrator, "v30-seat-tier", tables: seatTierTables)
    }

    static let seatTierTables: Set<String> = ["seat_holder", "seat_seen", "seat_dirty", "seat_frozen"]
}

extension StoreWriter {
    /// Marks the quarter ends a seat assigned on `assigned` and listed until `seen` can count on.
    func markSeat(assigned: Day, seen: Day) throws {
        var quarter = Period(containing: assigned)
        let last = Period(containing: seen)
        while quarter.first <= last.first {
            let end = quarter.last.iso8601
            if marks.seatQuarters.insert(end).inserted {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(t("seat_dirty")) (quarter_end) VALUES (?)").execute(arguments: [end])
            }
            quarter = Period(containing: quarter.last.adding(days: 1))
        }
        try db.cachedStatement(sql: """
            INSERT INTO \(t("seat_seen")) (id, seen) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seen = MAX(seen, excluded.seen)
            """).execute(arguments: [seen.iso8601])
    }

    /// Whether this file's seats tier has anything to make.
    func seatTierNeedsRefresh() throws -> Bool {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t("seat_dirty")))") == true { return true }
        return try tierGeneration("seats") != currentTierGeneration()
    }

    /// Makes the marked quarter ends of this file's seats tier again (every one when marked `*` or when
    /// the directory changed), except frozen ones; returns how many were made.
    @discardableResult
    func refreshSeatTier() throws -> Int {
        let generation = try currentTierGeneration()
        let behind = try tierGeneration("seats") != generation
        var dirty = Set(try String.fetchAll(db, sql: "SELECT quarter_end FROM \(t("seat_dirty"))"))
        if dirty.contains("*") || behind {
            dirty = Set(try String.fetchAll(db, sql: "SELECT DISTINCT quarter_end FROM \(t("seat_holder"))"))
            let seats = try Row.fetchAll(db, sql: "SELECT MIN(assigned) AS first, MAX(seen) AS last FROM \(t("copilot_seat"))")
            if let row = seats.first, let first = (row["first"] as String?).flatMap(Day.parse), let last = (row["last"] as String?).flatMap(Day.parse) {
                var quarter = Period(containing: first)
                while quarter.first <= last {
                    dirty.insert(quarter.last.iso8601)
                    quarter = Period(containing: quarter.last.adding(days: 1))
                }
            }
        }
        let frozen = Set(try String.fetchAll(db, sql: "SELECT quarter_end FROM \(t("seat_frozen"))"))
        let ends = dirty.subtracting(frozen).subtracting(["*"]).sorted()
        let delete = try db.makeStatement(sql: "DELETE FROM \(t("seat_holder")) WHERE quarter_end = ?")
        let insert = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO \(t("seat_holder")) (quarter_end, team, person)
            SELECT ?1, m.team, m.person FROM \(t("copilot_seat")) s
            JOIN team_membership m ON m.person = \(StoreQueries.resolved("s.person"))
              AND m.valid_from <= ?1 AND (m.valid_to IS NULL OR m.valid_to >= ?1)
            WHERE s.assigned <= ?1 AND (s.cancels IS NULL OR s.cancels > ?1) AND s.seen >= ?1
            """)
        for end in ends {
            try delete.execute(arguments: [end])
            try insert.execute(arguments: [end])
        }
        try db.execute(sql: "DELETE FROM \(t("seat_dirty"))")
        try db.execute(sql: "INSERT OR REPLACE INTO \(t("tier_state")) (tier, generation) VALUES ('seats', ?)", arguments: [generation])
        return ends.count
    }
}

extension StoreReading {
    /// Throws unless the seats tier this handle reads is up to date.
    func requireSeatTier() throws {
        let (dirty, behind) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seat_dirty") ?? 0, try Self.tiersBehindDirectory(db, tier: "seats"))
        }
        if dirty > 0 || behind {
            throw StoreError(path: path, message: "the seats tier has changed since it was made",
                             hint: "run `candor ingest` with the same policy (it brings the tiers up to date), then this report again")
        }
    }

    /// Copilot seat holders on the period's last day, per team (from the seats tier); whether any seat
    /// export reached that day (without one, coverage cannot be said); and whether the enriched window
    /// has removed that day's holders (then neither can it).
    public func copilotSeatHoldersByTeam(_ period: Period) throws -> (byTeam: [String: Set<String>], exported: Bool, gone: Bool) {
        try prepareSeatTier()
        return try queue.read { db in
            let d = period.last.iso8601
            let exported = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM seat_seen WHERE seen >= ?)", arguments: [d]) ?? false
            var out: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT team, person FROM seat_holder WHERE quarter_end = ?", arguments: [d]) {
                out[row["team"], default: []].insert(row["person"])
            }
            let gone = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM seat_frozen WHERE quarter_end = ? AND persons_gone = 1)", arguments: [d]) ?? false
            return (out, exported, gone)
        }
    }
}
