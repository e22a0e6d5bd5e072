import CandorPolicy
import CandorVocabulary
import GRDB

extension Schema {
    /// The erasure list: the ids of people erased at their request, so that no export, directory or
    /// registry read again brings their records back (main file).
    static func registerErasure(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v35-erasure") { db in
            try db.execute(sql: "CREATE TABLE erased_person (person TEXT NOT NULL PRIMARY KEY, erased TEXT NOT NULL) WITHOUT ROWID")
            try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES ('erased_person', 'governance', 'metadata', 'governance', 'main')")
        }
    }
}

extension StoreQueries {
    /// Of the tables an erasure empties (every table a subject access request reads), those of the main
    /// file (governance); the others are in each dataset file.
    static let mainPersonTables: Set<String> = ["team_membership", "membership_interval", "membership_change", "person_alias", "consent", "erased_person"]
}

extension CandorStore {
    /// Erases `person` (a pseudonym) at their request: every record under it or an id the directory
    /// links to it, from every source and tier, in every file. The AI-assistant team totals of the week
    /// parts their records reached are frozen first, so those figures keep their contribution
    /// anonymously, as they do for anyone who leaves, and a report made again cannot be differenced to
    /// recover it. (Known limit: the flow, persistence, survey-response and consent-uptake figures are
    /// made again without them, as after a revocation, so a report made again differs there.) Their
    /// ids go on the erasure list first, so ingest never stores their records again, and an erase run
    /// again after a crash removes every listed id's rows. Returns the rows removed per table and
    /// whether the write-ahead log could be emptied; `secure_delete` and a `VACUUM` of every file make
    /// the deleted bytes unrecoverable from the database files.
    public func erase(person: String, time: String) throws -> Erasure {
        // The ids go on the erasure list first, in a transaction of the main file alone: a crash later
        // leaves them listed, and an erase run again removes every listed id's rows, whatever links remain.
        try queue.write { db in
            let ids = try String.fetchAll(db, sql: """
                SELECT ?1 UNION SELECT alias FROM person_alias WHERE person = ?1 UNION SELECT person FROM person_alias WHERE alias = ?1
                UNION SELECT alias FROM person_alias WHERE person IN (SELECT person FROM person_alias WHERE alias = ?1)
                """, arguments: [person])
            for id in ids { try db.execute(sql: "INSERT OR IGNORE INTO erased_person (person, erased) VALUES (?, ?)", arguments: [id, time]) }
        }
        // The tiers first, so the parts frozen below hold everything the person's raw rows held.
        try refreshTiers(.recorded)
        let removed: [(table: String, rows: Int)] = try queue.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT person FROM erased_person ORDER BY person")
            let marks = ids.map { _ in "?" }.joined(separator: ", ")
            let arguments = StatementArguments(ids)
            var counts: [String: Int] = [:]
            for dataset in Dataset.allCases {
                let writer = StoreWriter(db: db, dataset: dataset)
                // Their week parts stay as first made: the team totals keep their use anonymously.
                try db.execute(sql: "INSERT OR IGNORE INTO \(writer.t("tier_frozen")) (part) SELECT DISTINCT part FROM \(writer.t("assistant_person_part")) WHERE person IN (\(marks))",
                               arguments: arguments)
                let weekOf = "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days')"
                for table in StoreQueries.assistantTables {
                    try db.execute(sql: """
                        INSERT INTO \(writer.t("frozen_week")) (week, revoked) SELECT DISTINCT \(weekOf), 1 FROM \(writer.t(table)) WHERE person IN (\(marks))
                        ON CONFLICT (week) DO UPDATE SET revoked = 1
                        """, arguments: arguments)
                }
                try db.execute(sql: "DELETE FROM \(writer.t("tool_event_attribute")) WHERE event_key IN (SELECT event_key FROM \(writer.t("tool_event")) WHERE person IN (\(marks)))",
                               arguments: arguments)
                counts["tool_event_attribute", default: 0] += db.changesCount
                for entry in StoreQueries.subjectTables where !StoreQueries.mainPersonTables.contains(entry.table) {
                    let condition = entry.columns.map { "\($0) IN (\(marks))" }.joined(separator: " OR ")
                    try db.execute(sql: "DELETE FROM \(writer.t(entry.table)) WHERE \(condition)",
                                   arguments: StatementArguments(Array(repeating: ids, count: entry.columns.count).flatMap { $0 }))
                    counts[entry.table, default: 0] += db.changesCount
                }
                // Other people's pull requests are made again from what remains (a review or comment gone).
                try writer.markAllPullRequests()
            }
            for entry in StoreQueries.subjectTables where StoreQueries.mainPersonTables.contains(entry.table) && entry.table != "erased_person" {
                let condition = entry.columns.map { "\($0) IN (\(marks))" }.joined(separator: " OR ")
                try db.execute(sql: "DELETE FROM \(entry.table) WHERE \(condition)",
                               arguments: StatementArguments(Array(repeating: ids, count: entry.columns.count).flatMap { $0 }))
                counts[entry.table, default: 0] += db.changesCount
            }
            let total = counts.values.reduce(0, +)
            if total > 0 {
                try db.execute(sql: "INSERT INTO purge_log (time, tier, reason, rows) VALUES (?, 'raw and enriched', 'erased at the person''s request', ?)",
                               arguments: [time, total])
            }
            return counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { (table: $0.key, rows: $0.value) }
        }
        try refreshTiers(.recorded)
        // secure_delete overwrote the deleted cells, but copies SQLite left in free space inside pages
        // (from earlier page rearrangements) can survive: every file is rebuilt, then its log emptied.
        // Each file on a plain connection of its own: this one's temporary views, named like the tables,
        // would capture the index definitions VACUUM replays.
        var emptied = true
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        for file in files {
            let plain = try DatabaseQueue(path: file, configuration: configuration)
            try plain.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                // Busy when another connection is reading: the log then keeps the old pages until it can be emptied.
                let busy: Int = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")?[0] ?? 1
                if busy != 0 { emptied = false }
            }
            try plain.close()
        }
        return Erasure(removed: removed, logEmptied: emptied)
    }
}

/// What an erasure removed, and whether the write-ahead log could be emptied (not while another
/// process reads the database: the deleted rows' bytes then stay in the log until it can be).
public struct Erasure: Sendable {
    public var removed: [(table: String, rows: Int)]
    public var logEmptied: Bool
}
