import CandorVocabulary
import GRDB

extension Schema {
    /// The approvals a governance input lists for restricted reports (main file, governance tier).
    static func registerApprovals(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v33-approvals") { db in
            try db.execute(sql: """
                CREATE TABLE approval (
                    reference TEXT NOT NULL PRIMARY KEY,
                    approver TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    granted TEXT,
                    expires TEXT NOT NULL,
                    source_id INTEGER REFERENCES source_file (id)
                )
                """)
            try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES ('approval', 'governance', 'metadata', 'governance', 'main')")
        }
        // Decisions carry who approved them, the alternatives considered and a review date.
        migrator.registerMigration("v34-decision-accountability") { db in
            try db.execute(sql: "ALTER TABLE decision ADD COLUMN approver TEXT")
            try db.execute(sql: "ALTER TABLE decision ADD COLUMN alternatives TEXT")
            try db.execute(sql: "ALTER TABLE decision ADD COLUMN review TEXT")
        }
    }
}

extension StoreReading {
    /// The approval listed under `reference`, if any.
    public func approval(reference: String) throws -> ApprovalRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT reference, approver, scope, granted, expires FROM approval WHERE reference = ?", arguments: [reference])
                .flatMap { row in
                    Day.parse(row["expires"] as String).map { expires in
                        ApprovalRecord(reference: row["reference"], approver: row["approver"], scope: row["scope"],
                                       granted: (row["granted"] as String?).flatMap(Day.parse), expires: expires)
                    }
                }
        }
    }
}
