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
    /// The tables an erasure empties of a person, per file: every table a subject access request reads.
    static var erasureTables: [(table: String, columns: [String])] { subjectTables.map { ($0.table, $0.columns) } }
    /// Tables of the main file (governance); the others are in each dataset file.
    static let mainPersonTables: Set<String> = ["team_membership", "membership_interval", "membership_change", "person_alias", "consent", "erased_person"]
}

extension CandorStore {
    /// Erases `person` (a pseudonym) at their request: every record under it or an id the directory
    /// links to it, from every source and tier, in every file. The team totals of the week parts their
    /// records reached are frozen first, so figures already published keep their contribution
    /// anonymously, as they do for anyone who leaves, and a report made again cannot be differenced to
    /// recover it. Their ids go on the erasure list, so ingest never stores their records again.
    /// Returns the rows removed per table (tables with none left out); `secure_delete` and a
    /// truncated write-ahead log make the bytes unrecoverable.
    public func erase(person: String, time: String) throws -> [(table: String, rows: Int)] {
        // The tiers first, so the parts frozen below hold everything the person's raw rows held.
        try refreshTiers(.recorded)
        let removed: [(table: String, rows: Int)] = try queue.write { db in
            let ids = try Array(Set([person] + String.fetchAll(db, sql: """
                SELECT alias FROM person_alias WHERE person = ?1 UNION SELECT person FROM person_alias WHERE alias = ?1
                UNION SELECT alias FROM person_alias WHERE person IN (SELECT person FROM person_alias WHERE alias = ?1)
                """, arguments: [person]))).sorted()
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
                for entry in StoreQueries.erasureTables where !StoreQueries.mainPersonTables.contains(entry.table) {
                    let condition = entry.columns.map { "\($0) IN (\(marks))" }.joined(separator: " OR ")
                    try db.execute(sql: "DELETE FROM \(writer.t(entry.table)) WHERE \(condition)",
                                   arguments: StatementArguments(Array(repeating: ids, count: entry.columns.count).flatMap { $0 }))
                    counts[entry.table, default: 0] += db.changesCount
                }
                // Other people's pull requests are made again from what remains (a review or comment gone).
                try writer.markAllPullRequests()
            }
            for entry in StoreQueries.erasureTables where StoreQueries.mainPersonTables.contains(entry.table) && entry.table != "erased_person" {
                let condition = entry.columns.map { "\($0) IN (\(marks))" }.joined(separator: " OR ")
                try db.execute(sql: "DELETE FROM \(entry.table) WHERE \(condition)",
                               arguments: StatementArguments(Array(repeating: ids, count: entry.columns.count).flatMap { $0 }))
                counts[entry.table, default: 0] += db.changesCount
            }
            for id in ids {
                try db.execute(sql: "INSERT OR IGNORE INTO erased_person (person, erased) VALUES (?, ?)", arguments: [id, time])
            }
            let total = counts.values.reduce(0, +)
            try db.execute(sql: "INSERT INTO purge_log (time, tier, reason, rows) VALUES (?, 'raw and enriched', 'erased at the person''s request', ?)",
                           arguments: [time, total])
            return counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { (table: $0.key, rows: $0.value) }
        }
        try refreshTiers(.recorded)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return removed
    }
}
