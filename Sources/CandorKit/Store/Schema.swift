import GRDB

/// The database schema, as ordered migrations. Never edit a shipped migration; add one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-skeleton") { db in
            // Governance tier: every input file ever ingested, by content hash.
            try db.execute(sql: """
                CREATE TABLE source_file (
                    id INTEGER PRIMARY KEY,
                    sha256 TEXT NOT NULL UNIQUE,
                    path TEXT NOT NULL,
                    format TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    rows INTEGER NOT NULL DEFAULT 0,
                    ignored_columns TEXT NOT NULL DEFAULT '',
                    warnings INTEGER NOT NULL DEFAULT 0,
                    ingested_at TEXT NOT NULL
                )
                """)
            // Raw tier: one row per pseudonymous person per UTC day (Q Developer user activity report).
            let counts = QDeveloperMetric.allCases.map { "\($0.columnName) INTEGER NOT NULL DEFAULT 0" }
                .joined(separator: ",\n    ")
            try db.execute(sql: """
                CREATE TABLE qdev_activity (
                    day TEXT NOT NULL,
                    person TEXT NOT NULL,
                    \(counts),
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, person)
                ) WITHOUT ROWID
                """)
            // Directory: person → team over time; from/to inclusive, to NULL = current.
            try db.execute(sql: """
                CREATE TABLE team_membership (
                    person TEXT NOT NULL,
                    team TEXT NOT NULL,
                    valid_from TEXT NOT NULL,
                    valid_to TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (person, valid_from)
                ) WITHOUT ROWID
                """)
        }
        return migrator
    }
}
