import CandorPolicy
import CandorVocabulary
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
        registerCopilot(&migrator)
        migrator.registerMigration("v18-policy-versions") { db in
            // Every policy file candor has run under, by content hash: a change shows up in reports.
            try db.execute(sql: "CREATE TABLE policy_version (sha256 TEXT NOT NULL PRIMARY KEY, first_seen TEXT NOT NULL) WITHOUT ROWID")
        }
        migrator.registerMigration("v17-retention-tiers") { db in
            // Enriched tier: Q Developer inline totals per person per ISO week (week = its Monday).
            try db.execute(sql: """
                CREATE TABLE qdev_person_week (
                    week TEXT NOT NULL,
                    person TEXT NOT NULL,
                    active_days INTEGER NOT NULL,
                    accepted INTEGER NOT NULL,
                    shown INTEGER NOT NULL,
                    PRIMARY KEY (week, person)
                ) WITHOUT ROWID
                """)
            // Aggregate tier: per team per week — contributors, sums, sums of squares and the largest single
            // contribution, enough for rates, intervals and dominance checks after the lower tiers expire.
            try db.execute(sql: """
                CREATE TABLE qdev_team_week (
                    week TEXT NOT NULL,
                    team TEXT NOT NULL,
                    contributors INTEGER NOT NULL,
                    accepted INTEGER NOT NULL,
                    shown INTEGER NOT NULL,
                    accepted_squares INTEGER NOT NULL,
                    shown_squares INTEGER NOT NULL,
                    largest_shown INTEGER NOT NULL,
                    PRIMARY KEY (week, team)
                ) WITHOUT ROWID
                """)
            // Weeks whose raw rows purge has cut into: their tiers are never recomputed from what is left.
            try db.execute(sql: "CREATE TABLE frozen_week (week TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID")
            // What purge removed, for the transparency report.
            try db.execute(sql: """
                CREATE TABLE purge_log (
                    id INTEGER PRIMARY KEY,
                    time TEXT NOT NULL,
                    tier TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    rows INTEGER NOT NULL
                )
                """)
        }
        migrator.registerMigration("v16-audit-log") { db in
            // Append-only: each entry carries the SHA-256 of the previous one (Policy/AuditLog.swift).
            try db.execute(sql: """
                CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY,
                    time TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    command TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    audience TEXT NOT NULL,
                    datasets TEXT NOT NULL,
                    inputs TEXT NOT NULL,
                    outputs TEXT NOT NULL,
                    previous TEXT NOT NULL,
                    hash TEXT NOT NULL
                )
                """)
            try db.execute(sql: "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
            try db.execute(sql: "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
        }
        migrator.registerMigration("v15-team-attribution") { db in
            // Attribution as of the day of each record: a person's team (through their GitHub alias for
            // GitHub data) or a repository's owning team on that day. NULL when the directory has none.
            let personTeam = Schema.personTeamView
            let repositoryTeam = { (table: String, dayExpression: String) in
                """
                SELECT r.*, (SELECT o.team FROM repository_ownership o
                             WHERE o.repository = r.repository
                               AND \(dayExpression) >= o.valid_from AND (o.valid_to IS NULL OR \(dayExpression) <= o.valid_to)
                             ORDER BY o.valid_from DESC LIMIT 1) AS team
                FROM \(table) r
                """
            }
            try db.execute(sql: "CREATE VIEW qdev_activity_team AS " + personTeam("qdev_activity", "r.day", "person"))
            try db.execute(sql: "CREATE VIEW kiro_user_day_team AS " + personTeam("kiro_user_day", "r.day", "person"))
            try db.execute(sql: "CREATE VIEW copilot_user_day_team AS " + personTeam("copilot_user_day", "r.day", "person"))
            try db.execute(sql: "CREATE VIEW copilot_user_feature_day_team AS " + personTeam("copilot_user_feature_day", "r.day", "person"))
            try db.execute(sql: "CREATE VIEW tool_event_team AS " + personTeam("tool_event", "substr(r.time, 1, 10)", "person"))
            try db.execute(sql: "CREATE VIEW github_pull_request_team AS " + repositoryTeam("github_pull_request", "substr(r.created_at, 1, 10)"))
            try db.execute(sql: "CREATE VIEW sarif_scan_team AS " + repositoryTeam("sarif_scan", "substr(COALESCE(r.completed_at, '9999-12-31'), 1, 10)"))
            try db.execute(sql: "CREATE VIEW codeguru_code_review_team AS " + repositoryTeam("codeguru_code_review", "substr(r.created_at, 1, 10)"))
            try db.execute(sql: "CREATE VIEW deployment_team AS " + repositoryTeam("deployment", "substr(r.finished_at, 1, 10)"))
            try db.execute(sql: "CREATE INDEX team_membership_by_person ON team_membership (person, valid_from)")
        }
        migrator.registerMigration("v14-rejected-rows") { db in
            try db.execute(sql: "ALTER TABLE source_file ADD COLUMN rejected_rows INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v13-person-alias") { db in
            // A person's pseudonymous ids in other tools → their directory pseudonym.
            try db.execute(sql: """
                CREATE TABLE person_alias (
                    alias TEXT NOT NULL PRIMARY KEY,
                    person TEXT NOT NULL,
                    source_id INTEGER NOT NULL REFERENCES source_file(id)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v12-survey") { db in
            // Anonymous responses: the team and the day, never a person or a free-text answer.
            try db.execute(sql: """
                CREATE TABLE survey_response (
                    response_key TEXT NOT NULL PRIMARY KEY,
                    team TEXT NOT NULL,
                    day TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE survey_answer (
                    response_key TEXT NOT NULL,
                    item TEXT NOT NULL,
                    value INTEGER NOT NULL,
                    PRIMARY KEY (response_key, item)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v11-governance-inputs") { db in
            try db.execute(sql: """
                CREATE TABLE repository_ownership (
                    repository TEXT NOT NULL,
                    team TEXT NOT NULL,
                    valid_from TEXT NOT NULL,
                    valid_to TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (repository, valid_from)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE consent (
                    person TEXT NOT NULL,
                    programme TEXT NOT NULL,
                    effective TEXT NOT NULL,
                    status TEXT NOT NULL,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (person, programme, effective)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE policy_change (
                    day TEXT NOT NULL,
                    change TEXT NOT NULL,
                    metrics TEXT NOT NULL,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, change)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE dispute (
                    dispute_id TEXT NOT NULL PRIMARY KEY,
                    filed TEXT NOT NULL,
                    resolved TEXT,
                    outcome TEXT NOT NULL,
                    metric TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE decision (
                    day TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    metric TEXT,
                    action TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, decision)
                ) WITHOUT ROWID
                """)
        }
        registerSourceTables(&migrator)
        registerPolicyGate(&migrator)
        registerDatasetSplit(&migrator)
        registerDepartments(&migrator)
        registerCopilotSeats(&migrator)
        registerMembershipChanges(&migrator)
        registerAssistantUsage(&migrator)
        registerAssistantTierCatalog(&migrator)
        registerTierGeneration(&migrator)
        registerSurveyTierCatalog(&migrator)
        registerEventTierCatalog(&migrator)
        registerSeatTierCatalog(&migrator)
        registerAssistantTeamPartCatalog(&migrator)
        registerTierGaps(&migrator)
        registerApprovals(&migrator)
        registerErasure(&migrator)
        registerRetentionHorizon(&migrator)
        registerSecurityOutcomeCatalog(&migrator)
        // Registry 2026.8: a pull request's comment count is unknown (not 0) without its own field or a
        // review-comments export of its repository, and a Q Developer day with withheld counts leaves the
        // acceptance rate: every derived tier not frozen is made again under the new rules.
        migrator.registerMigration("v40-tiers-registry-2026-8") { db in
            try db.execute(sql: "UPDATE tier_generation SET n = n + 1 WHERE id = 1")
        }
        return migrator
    }

    /// A view's body: the rows of `table` with the team their person belonged to on the record's day.
    static func personTeamView(_ table: String, _ dayExpression: String, _ personColumn: String) -> String {
        """
        SELECT r.*, (SELECT m.team FROM team_membership m
                     WHERE m.person = COALESCE((SELECT a.person FROM person_alias a WHERE a.alias = r.\(personColumn)), r.\(personColumn))
                       AND \(dayExpression) >= m.valid_from AND (m.valid_to IS NULL OR \(dayExpression) <= m.valid_to)
                     ORDER BY m.valid_from DESC LIMIT 1) AS team
        FROM \(table) r
        """
    }
}
