import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

/// Purpose separation in storage: telemetry lives in one SQLite file per dataset (coaching,
/// operational, compliance) beside the main database, which keeps only governance tables
/// (source files, consent, directory, policy versions, audit log, purge log, ...).
///
/// Every dataset file has the same tables; a record goes to the file of its source's dataset
/// (policy `sources:`). Writers name the dataset's schema explicitly. Readers attach only the
/// datasets they may see (read-only for reports) and read through temporary views named after the
/// tables, which union the attached files, so a query never changes with what is attached.
extension Schema {
    /// Tables that live in the dataset files (everything the catalog does not keep in main).
    static let datasetTables: [String] = catalog.filter { $0.tier != "governance" }.map(\.table) + ["frozen_week", "dataset_source", "tier_dirty", "tier_frozen", "tier_state", "pull_request_dirty", "survey_dirty", "survey_frozen", "event_dirty", "seat_dirty", "seat_frozen", "seat_seen", "source_day_kept", "security_outcome_state"]

    /// Views that attribute records to teams; created per connection over whatever is attached.
    static let teamViews: [(name: String, sql: String)] = [
        ("qdev_activity_team", personTeamView("qdev_activity", "r.day", "person")),
        ("kiro_user_day_team", personTeamView("kiro_user_day", "r.day", "person")),
        ("assistant_usage_day_team", personTeamView("assistant_usage_day", "r.day", "person")),
        ("copilot_user_day_team", personTeamView("copilot_user_day", "r.day", "person")),
        ("copilot_user_feature_day_team", personTeamView("copilot_user_feature_day", "r.day", "person")),
        ("tool_event_team", personTeamView("tool_event", "substr(r.time, 1, 10)", "person")),
        ("github_pull_request_team", repositoryTeamView("github_pull_request", "substr(r.created_at, 1, 10)")),
        ("sarif_scan_team", repositoryTeamView("sarif_scan", "substr(COALESCE(r.completed_at, '9999-12-31'), 1, 10)")),
        ("codeguru_code_review_team", repositoryTeamView("codeguru_code_review", "substr(r.created_at, 1, 10)")),
        ("deployment_team", repositoryTeamView("deployment", "substr(r.finished_at, 1, 10)")),
    ]

    /// Records with the team owning their repository on the day, matched through the canonical
    /// repository keys (``RepositoryKeys``: URL, owner/name and bare names alike).
    static func repositoryTeamView(_ table: String, _ dayExpression: String) -> String {
        "SELECT r.*, \(RepositoryKeys.ownerSQL(raw: "r.repository", day: dayExpression)) AS team FROM \(table) r"
    }

    /// The dataset files' schema: the telemetry tables and indexes as the main migrations left them
    /// at v19 (the last version that kept them in main), without foreign keys to `source_file`,
    /// which lives in another file. Computed once from an in-memory run of those migrations.
    static let datasetSchema: [String] = {
        do {
            let memory = try DatabaseQueue()
            try migrator.migrate(memory, upTo: "v19-policy-gate")
            let tables = Set(datasetTables)
            var statements = try memory.read { db in
                try Row.fetchAll(db, sql: "SELECT type, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC, tbl_name, name")
                    .filter { tables.contains($0["tbl_name"] as String) }
                    .map { ($0["sql"] as String).replacingOccurrences(of: " REFERENCES source_file(id)", with: "") }
            }
            statements.append("CREATE TABLE dataset_source (sha256 TEXT NOT NULL PRIMARY KEY, source_id INTEGER NOT NULL) WITHOUT ROWID")
            return statements
        } catch {
            fatalError("candor's own schema failed to build: \(error)")
        }
    }()

    /// Each dataset table's CREATE statement at the newest dataset schema (for a reader granted no dataset).
    static let currentDatasetTables: [String: String] = {
        do {
            let memory = try DatabaseQueue()
            try datasetMigrator.migrate(memory)
            return try memory.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb_%'")
                    .map { ($0["name"] as String, $0["sql"] as String) })
            }
        } catch {
            fatalError("candor's own dataset schema failed to build: \(error)")
        }
    }()

    /// Migrations of a dataset file.
    static var datasetMigrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("d1-telemetry") { db in
            for statement in datasetSchema { try db.execute(sql: statement) }
        }
        migrator.registerMigration("d2-aggregate-cross-products") { db in
            // Σ accepted × shown per team-week: with the sums of squares it gives a ratio's variance
            // once the person-weeks are gone (NULL for weeks aggregated before this column existed).
            try db.execute(sql: "ALTER TABLE qdev_team_week ADD COLUMN accepted_shown INTEGER")
        }
        migrator.registerMigration("d3-frozen-by-revocation") { db in
            // 1 when a revocation cut into the week (its reports then come from the team totals).
            try db.execute(sql: "ALTER TABLE frozen_week ADD COLUMN revoked INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("d4-lookup-indexes") { db in
            // A pull request's reviews and comments are looked up by (repository, number): without these
            // each lookup scanned the repository's whole history (quadratic in pull requests per repository).
            // The review index covers what the lookups read, so SQLite prefers it to the primary key's prefix.
            try db.execute(sql: "CREATE INDEX github_review_by_pull_request ON github_review (repository, number, state, reviewer_is_bot, submitted_at, reviewer)")
            try db.execute(sql: "CREATE INDEX github_review_comment_by_pull_request ON github_review_comment (repository, number)")
            // Whether an accepted suggestion was later modified or reverted is looked up by its id: without
            // this each look-up read every such event (quadratic in suggestions).
            try db.execute(sql: "CREATE INDEX tool_event_attribute_by_value ON tool_event_attribute (name, value)")
        }
        migrator.registerMigration("d5-copilot-seats") { db in
            // Who holds a Copilot seat, from when until when: one row per (scope, holder, day assigned).
            // `seen` is the latest day a seats export listed it (the export itself has no date).
            try db.execute(sql: """
                CREATE TABLE copilot_seat (
                    scope TEXT NOT NULL,
                    person TEXT NOT NULL,
                    assigned TEXT NOT NULL,
                    seen TEXT NOT NULL,
                    cancels TEXT,
                    plan TEXT,
                    assigning_team TEXT,
                    source_id INTEGER NOT NULL,
                    PRIMARY KEY (scope, person, assigned)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("d6-assistant-usage") { db in
            // Other assistants' use, from the generic usage CSV: one row per (day, person, tool). The
            // counters are NULL where the file does not count them (the row is activity only).
            try db.execute(sql: """
                CREATE TABLE assistant_usage_day (
                    day TEXT NOT NULL,
                    person TEXT NOT NULL,
                    tool TEXT NOT NULL,
                    shown INTEGER,
                    accepted INTEGER,
                    lines INTEGER,
                    source_id INTEGER NOT NULL,
                    PRIMARY KEY (day, person, tool)
                ) WITHOUT ROWID
                """)
        }
        registerAssistantTier(&migrator)
        registerTierStateGeneration(&migrator)
        registerSurveyTier(&migrator)
        registerEventTier(&migrator)
        registerSeatTier(&migrator)
        registerAssistantTeamPart(&migrator)
        registerRetentionKept(&migrator)
        registerSecurityOutcomeTier(&migrator)
        return migrator
    }

    /// Main database: the catalog learns of the generic assistant-usage table (in the dataset files).
    static func registerAssistantUsage(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v25-assistant-usage") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES (?, ?, ?, ?, 'dataset')",
                           arguments: ["assistant_usage_day", "raw", Sensitivity.metadata.rawValue, "ai-assistant-usage"])
        }
    }

    /// Main database: the catalog learns of the Copilot seat table, which lives in the dataset files.
    static func registerCopilotSeats(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v23-copilot-seats") { db in
            // A database made before this version has every other table in its catalog already.
            try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES (?, ?, ?, ?, 'dataset')",
                           arguments: ["copilot_seat", "raw", Sensitivity.metadata.rawValue, "ai-assistant-usage"])
        }
    }

    /// Main database: what directories said (`membership_interval`) apart from the memberships candor
    /// reads (`team_membership`), which follow from it and the directory's changes (`membership_change`:
    /// a move to another team on a day).
    static func registerMembershipChanges(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v24-membership-changes") { db in
            try db.execute(sql: """
                CREATE TABLE membership_interval (
                    person TEXT NOT NULL,
                    team TEXT NOT NULL,
                    valid_from TEXT NOT NULL,
                    valid_to TEXT,
                    department TEXT,
                    team_email TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (person, valid_from)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                INSERT INTO membership_interval (person, team, valid_from, valid_to, department, team_email, source_id)
                SELECT person, team, valid_from, valid_to, department, team_email, source_id FROM team_membership
                """)
            try db.execute(sql: """
                CREATE TABLE membership_change (
                    person TEXT NOT NULL,
                    day TEXT NOT NULL,
                    team TEXT,
                    prior_team TEXT,
                    department TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (person, day)
                ) WITHOUT ROWID
                """)
            // Consent rows under an alias are found through it (StoreReading.consentCondition).
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS person_alias_by_person ON person_alias (person)")
            for table in ["membership_interval", "membership_change"] {
                try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES (?, 'governance', ?, 'directory', 'main')",
                               arguments: [table, Sensitivity.metadata.rawValue])
            }
        }
    }

    /// Main database: departments on memberships (for department subtotals in reports).
    static func registerDepartments(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v21-departments") { db in
            try db.execute(sql: "ALTER TABLE team_membership ADD COLUMN department TEXT")
        }
        // The team's mailing address (the directory's optional team_email column): where its summary goes.
        migrator.registerMigration("v22-team-email") { db in
            try db.execute(sql: "ALTER TABLE team_membership ADD COLUMN team_email TEXT")
        }
    }

    /// Main database: the telemetry tables and team views move out to the dataset files.
    static func registerDatasetSplit(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v20-datasets-apart") { db in
            for view in teamViews { try db.execute(sql: "DROP VIEW IF EXISTS \(view.name)") }
            for table in datasetTables where try db.tableExists(table) {
                try db.execute(sql: "DROP TABLE \(table)")
            }
            // The catalog says where each table lives.
            try db.execute(sql: "INSERT INTO data_catalog VALUES ('dataset_source', 'governance', 'metadata', 'governance')")
            try db.execute(sql: "ALTER TABLE data_catalog ADD COLUMN location TEXT NOT NULL DEFAULT 'main'")
            for table in datasetTables {
                try db.execute(sql: "UPDATE data_catalog SET location = 'dataset' WHERE table_name = ?", arguments: [table])
            }
        }
    }
}
