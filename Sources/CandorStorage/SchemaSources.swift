import CandorPolicy
import CandorVocabulary
import GRDB

extension Schema {
    /// The tables of each telemetry source, v10 back to v3, registered in the order they always were
    /// (a migration's identity and place never change once released).
    static func registerSourceTables(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10-events") { db in
            try db.execute(sql: """
                CREATE TABLE tool_event (
                    event_key TEXT NOT NULL PRIMARY KEY,
                    type TEXT NOT NULL,
                    time TEXT NOT NULL,
                    person TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE tool_event_attribute (
                    event_key TEXT NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (event_key, name)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE INDEX tool_event_by_type_time ON tool_event (type, time)")
        }
        migrator.registerMigration("v9-delivery") { db in
            try db.execute(sql: """
                CREATE TABLE deployment (
                    deployment_id TEXT NOT NULL PRIMARY KEY,
                    repository TEXT NOT NULL,
                    environment TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT NOT NULL,
                    result TEXT NOT NULL,
                    source_id INTEGER NOT NULL REFERENCES source_file(id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE incident (
                    incident_id TEXT NOT NULL PRIMARY KEY,
                    repository TEXT,
                    component TEXT,
                    created_at TEXT NOT NULL,
                    resolved_at TEXT,
                    status TEXT,
                    severity TEXT,
                    priority TEXT,
                    caused_by_deployment TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v8-github") { db in
            try db.execute(sql: """
                CREATE TABLE github_pull_request (
                    repository TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    author_is_bot INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    draft INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    closed_at TEXT,
                    merged_at TEXT,
                    review_comments INTEGER,
                    additions INTEGER,
                    deletions INTEGER,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (repository, number)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE github_review (
                    repository TEXT NOT NULL,
                    review_id TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    reviewer TEXT NOT NULL,
                    reviewer_is_bot INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    submitted_at TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (repository, review_id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE github_review_comment (
                    repository TEXT NOT NULL,
                    comment_id TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    review_id TEXT,
                    commenter TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (repository, comment_id)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v7-sarif") { db in
            try db.execute(sql: """
                CREATE TABLE sarif_scan (
                    scan_key TEXT NOT NULL PRIMARY KEY,
                    repository TEXT NOT NULL,
                    tool TEXT NOT NULL,
                    revision TEXT,
                    completed_at TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id)
                ) WITHOUT ROWID
                """)
            // Messages are free text and never stored.
            try db.execute(sql: """
                CREATE TABLE sarif_result (
                    scan_key TEXT NOT NULL,
                    result_key TEXT NOT NULL,
                    rule_id TEXT NOT NULL,
                    level TEXT NOT NULL,
                    uri TEXT,
                    start_line INTEGER,
                    baseline_state TEXT,
                    suppression_kind TEXT,
                    suppression_status TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (scan_key, result_key)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v6-codeguru-security") { db in
            try db.execute(sql: """
                CREATE TABLE codeguru_security_finding (
                    resource TEXT NOT NULL,
                    finding_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    type TEXT,
                    detector_id TEXT,
                    rule_id TEXT,
                    file_path TEXT,
                    start_line INTEGER,
                    end_line INTEGER,
                    created_at TEXT NOT NULL,
                    updated_at TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (resource, finding_id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE codeguru_security_metric_day (
                    day TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    new_findings REAL NOT NULL,
                    closed_findings REAL NOT NULL,
                    open_findings REAL NOT NULL,
                    mean_days_to_close REAL,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, scope, severity)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v5-codeguru-reviewer") { db in
            try db.execute(sql: """
                CREATE TABLE codeguru_code_review (
                    arn TEXT NOT NULL PRIMARY KEY,
                    repository TEXT NOT NULL,
                    provider_type TEXT,
                    state TEXT NOT NULL,
                    type TEXT,
                    pull_request_id TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT,
                    metered_lines INTEGER,
                    suppressed_lines INTEGER,
                    findings INTEGER,
                    source_id INTEGER NOT NULL REFERENCES source_file(id)
                ) WITHOUT ROWID
                """)
            // Metadata only: descriptions are free text and never stored.
            try db.execute(sql: """
                CREATE TABLE codeguru_recommendation (
                    code_review_arn TEXT NOT NULL,
                    recommendation_id TEXT NOT NULL,
                    file_path TEXT NOT NULL,
                    start_line INTEGER,
                    end_line INTEGER,
                    category TEXT,
                    rule_id TEXT,
                    severity TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (code_review_arn, recommendation_id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE codeguru_feedback (
                    code_review_arn TEXT NOT NULL,
                    recommendation_id TEXT NOT NULL,
                    person TEXT NOT NULL,
                    reaction TEXT,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (code_review_arn, recommendation_id, person)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v4-kiro") { db in
            try db.execute(sql: """
                CREATE TABLE kiro_user_day (
                    day TEXT NOT NULL,
                    person TEXT NOT NULL,
                    client_type TEXT NOT NULL,
                    chat_conversations INTEGER NOT NULL DEFAULT 0,
                    total_messages INTEGER NOT NULL DEFAULT 0,
                    credits_used REAL NOT NULL DEFAULT 0,
                    overage_credits_used REAL NOT NULL DEFAULT 0,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, person, client_type)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v3-copilot-legacy") { db in
            // Aggregate grain only: the legacy API has no person-level data.
            let counters = CopilotScopeDay.columnNames.map { "\($0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ",\n    ")
            try db.execute(sql: """
                CREATE TABLE copilot_scope_day (
                    day TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    \(counters),
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, scope)
                ) WITHOUT ROWID
                """)
        }
    }
}

extension Schema {
    /// GitHub Copilot usage-metrics tables (raw tier, person × day).
    static func registerCopilot(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-copilot-usage") { db in
            let counters = CopilotCounters.columnNames.map { "\($0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ",\n    ")
            try db.execute(sql: """
                CREATE TABLE copilot_user_day (
                    day TEXT NOT NULL,
                    person TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    \(counters),
                    used_agent INTEGER NOT NULL DEFAULT 0,
                    used_chat INTEGER NOT NULL DEFAULT 0,
                    used_cli INTEGER NOT NULL DEFAULT 0,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, person, scope)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE copilot_user_feature_day (
                    day TEXT NOT NULL,
                    person TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    feature TEXT NOT NULL,
                    \(counters),
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, person, scope, feature)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE copilot_user_team_day (
                    day TEXT NOT NULL,
                    person TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    team_id TEXT NOT NULL,
                    team_slug TEXT NOT NULL,
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, person, scope, team_id)
                ) WITHOUT ROWID
                """)
        }
    }
}
