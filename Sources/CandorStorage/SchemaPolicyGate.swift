import CandorPolicy
import CandorVocabulary
import GRDB

extension Schema {
    /// Every table candor keeps, classified: storage tier, sensitivity and policy category. A test
    /// checks that no table is missing, so a new table cannot arrive unclassified.
    static let catalog: [(table: String, tier: String, sensitivity: Sensitivity, category: String)] = [
        ("assistant_day", "aggregate", .derived, "ai-assistant-usage"),
        ("assistant_person_part", "enriched", .derived, "ai-assistant-usage"),
        ("assistant_team_day", "aggregate", .derived, "ai-assistant-usage"),
        ("assistant_team_part", "aggregate", .derived, "ai-assistant-usage"),
        ("assistant_usage_day", "raw", .metadata, "ai-assistant-usage"),
        ("audit_log", "governance", .metadata, "governance"),
        ("codeguru_code_review", "raw", .metadata, "code-quality"),
        ("codeguru_feedback", "raw", .metadata, "code-quality"),
        ("codeguru_recommendation", "raw", .metadata, "code-quality"),
        ("codeguru_security_finding", "raw", .metadata, "security-findings"),
        ("codeguru_security_metric_day", "aggregate", .derived, "security-findings"),
        ("consent", "governance", .metadata, "governance"),
        ("copilot_scope_day", "aggregate", .derived, "ai-assistant-usage"),
        ("copilot_seat", "raw", .metadata, "ai-assistant-usage"),
        ("copilot_user_day", "raw", .metadata, "ai-assistant-usage"),
        ("copilot_user_feature_day", "raw", .metadata, "ai-assistant-usage"),
        ("copilot_user_team_day", "raw", .metadata, "ai-assistant-usage"),
        ("data_catalog", "governance", .metadata, "governance"),
        ("decision", "governance", .metadata, "governance"),
        ("deployment", "raw", .metadata, "delivery"),
        ("dispute", "governance", .metadata, "governance"),
        ("field_drop", "governance", .derived, "governance"),
        ("event_acceptance", "enriched", .derived, "tool-events"),
        ("event_dirty", "governance", .derived, "governance"),
        ("event_followup", "enriched", .derived, "tool-events"),
        ("frozen_week", "governance", .derived, "governance"),
        ("github_pull_request", "raw", .metadata, "code-review"),
        ("github_review", "raw", .metadata, "code-review"),
        ("github_review_comment", "raw", .metadata, "code-review"),
        ("incident", "raw", .metadata, "delivery"),
        ("kiro_user_day", "raw", .metadata, "ai-assistant-usage"),
        ("membership_change", "governance", .metadata, "directory"),
        ("membership_interval", "governance", .metadata, "directory"),
        ("person_alias", "governance", .metadata, "directory"),
        ("policy_change", "governance", .metadata, "governance"),
        ("pull_request_dirty", "governance", .derived, "governance"),
        ("pull_request_fact", "enriched", .derived, "code-review"),
        ("policy_version", "governance", .metadata, "governance"),
        ("purge_log", "governance", .derived, "governance"),
        ("qdev_activity", "raw", .metadata, "ai-assistant-usage"),
        ("qdev_person_week", "enriched", .derived, "ai-assistant-usage"),
        ("qdev_team_week", "aggregate", .derived, "ai-assistant-usage"),
        ("repository_ownership", "governance", .metadata, "directory"),
        ("sarif_result", "raw", .metadata, "security-findings"),
        ("sarif_scan", "raw", .metadata, "security-findings"),
        ("seat_dirty", "governance", .derived, "governance"),
        ("seat_frozen", "governance", .derived, "governance"),
        ("seat_holder", "enriched", .derived, "ai-assistant-usage"),
        ("seat_seen", "governance", .derived, "governance"),
        ("source_day_kept", "governance", .derived, "governance"),
        ("security_outcome", "aggregate", .derived, "security-findings"),
        ("security_outcome_state", "governance", .derived, "governance"),
        ("source_file", "governance", .metadata, "governance"),
        ("survey_answer", "raw", .metadata, "developer-experience"),
        ("survey_dirty", "governance", .derived, "governance"),
        ("survey_frozen", "governance", .derived, "governance"),
        ("survey_item_part", "aggregate", .derived, "developer-experience"),
        ("survey_response", "raw", .metadata, "developer-experience"),
        ("survey_team_part", "aggregate", .derived, "developer-experience"),
        ("survey_threshold_part", "aggregate", .derived, "developer-experience"),
        ("team_membership", "governance", .metadata, "directory"),
        ("tier_dirty", "governance", .derived, "governance"),
        ("tier_frozen", "governance", .derived, "governance"),
        ("tier_gap", "governance", .derived, "governance"),
        ("tier_generation", "governance", .derived, "governance"),
        ("tier_state", "governance", .derived, "governance"),
        ("tool_event", "raw", .metadata, "tool-events"),
        ("tool_event_attribute", "raw", .metadata, "tool-events"),
    ]

    /// The policy gate's tables: per-file dataset and category, per-field drop counts, the catalog,
    /// and Q Developer counts that may be withheld (NULL) by the allow-list.
    static func registerPolicyGate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v19-policy-gate") { db in
            try db.execute(sql: "ALTER TABLE source_file ADD COLUMN dataset TEXT")
            try db.execute(sql: "ALTER TABLE source_file ADD COLUMN category TEXT NOT NULL DEFAULT ''")
            try db.execute(sql: """
                CREATE TABLE field_drop (
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    field TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    PRIMARY KEY (source_id, field)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE data_catalog (
                    table_name TEXT NOT NULL PRIMARY KEY,
                    tier TEXT NOT NULL,
                    sensitivity TEXT NOT NULL,
                    category TEXT NOT NULL
                ) WITHOUT ROWID
                """)
            for entry in catalog {
                try db.execute(sql: "INSERT INTO data_catalog VALUES (?, ?, ?, ?)",
                               arguments: [entry.table, entry.tier, entry.sensitivity.rawValue, entry.category])
            }
            // Q Developer counts become nullable: a count the policy withholds is unknown, not 0.
            let counts = QDeveloperMetric.allCases.map { "\($0.columnName) INTEGER" }.joined(separator: ",\n    ")
            let columns = (["day", "person"] + QDeveloperMetric.allCases.map(\.columnName) + ["source_id"]).joined(separator: ", ")
            try db.execute(sql: "DROP VIEW qdev_activity_team")
            try db.execute(sql: """
                CREATE TABLE qdev_activity_v19 (
                    day TEXT NOT NULL,
                    person TEXT NOT NULL,
                    \(counts),
                    source_id INTEGER NOT NULL REFERENCES source_file(id),
                    PRIMARY KEY (day, person)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "INSERT INTO qdev_activity_v19 (\(columns)) SELECT \(columns) FROM qdev_activity")
            try db.execute(sql: "DROP TABLE qdev_activity")
            try db.execute(sql: "ALTER TABLE qdev_activity_v19 RENAME TO qdev_activity")
            try db.execute(sql: "CREATE VIEW qdev_activity_team AS " + personTeamView("qdev_activity", "r.day", "person"))
            // Earlier files: their dataset and category follow from their format.
            for format in InputFormat.allCases {
                let family = SourceFamily(format: format)
                try db.execute(sql: "UPDATE source_file SET dataset = ?, category = ? WHERE format = ?",
                               arguments: [family?.defaultDataset.rawValue, family?.category ?? "governance", format.rawValue])
            }
        }
    }
}
