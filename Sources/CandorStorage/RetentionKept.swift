import CandorVocabulary
import GRDB

// What retention leaves behind so that a purge changes no published figure (docs/tiers.md):
// the days each source had records on (`source_day_kept`, no person in it), the count of ThumbsDown
// reactions a CodeGuru recommendation had (`codeguru_recommendation.thumbs_down_kept`: the reactions
// name people and follow the raw window; the recommendation names no one and follows the aggregate
// window), and how far back each tier has been purged (`retention_horizon`, main file), so reports
// can say which counts cover only what is still held.

extension Schema {
    /// Dataset files: the days and reaction counts retention keeps.
    static func registerRetentionKept(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("d13-retention-kept") { db in
            try db.execute(sql: "CREATE TABLE source_day_kept (family TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (family, day)) WITHOUT ROWID")
            try db.execute(sql: "ALTER TABLE codeguru_recommendation ADD COLUMN thumbs_down_kept INTEGER NOT NULL DEFAULT 0")
        }
    }

    /// Main database: how far back each tier has been purged.
    static func registerRetentionHorizon(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v36-retention-horizon") { db in
            try db.execute(sql: "CREATE TABLE retention_horizon (tier TEXT NOT NULL PRIMARY KEY, before TEXT NOT NULL) WITHOUT ROWID")
            try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES ('retention_horizon', 'governance', 'derived', 'governance', 'main')")
        }
        registerDatasetCatalog(&migrator, "v37-source-day-kept", tables: ["source_day_kept"])
        // Disputes are placed on a cell (team, metric, period) and may name exclusions (issue 20, item 3).
        migrator.registerMigration("v38-dispute-cells") { db in
            try db.execute(sql: "ALTER TABLE dispute ADD COLUMN team TEXT")
            try db.execute(sql: "ALTER TABLE dispute ADD COLUMN period TEXT")
            try db.execute(sql: "ALTER TABLE dispute ADD COLUMN exclude TEXT")
        }
    }
}

extension StoreQueries {
    /// Per source family, the days its records are dated by (`d`), over the tables `table` names: what
    /// "records on N of M days" counts. Raw families follow the raw window; the others the aggregate window.
    static func sourceDayQueries(_ table: (String) -> String) -> [(family: SourceFamily, sql: String, raw: Bool)] {
        [
            (.qDeveloper, "SELECT day AS d FROM \(table("qdev_activity"))", true),
            (.kiro, "SELECT day AS d FROM \(table("kiro_user_day"))", true),
            (.assistantUsage, "SELECT day AS d FROM \(table("assistant_usage_day"))", true),
            (.copilot, "SELECT day AS d FROM \(table("copilot_user_day")) UNION SELECT day FROM \(table("copilot_scope_day"))", true),
            (.github, "SELECT substr(created_at, 1, 10) AS d FROM \(table("github_pull_request")) UNION SELECT substr(submitted_at, 1, 10) FROM \(table("github_review"))", true),
            (.delivery, "SELECT substr(finished_at, 1, 10) AS d FROM \(table("deployment")) UNION SELECT substr(created_at, 1, 10) FROM \(table("incident"))", false),
            (.events, "SELECT substr(time, 1, 10) AS d FROM \(table("tool_event"))", true),
            (.survey, "SELECT day AS d FROM \(table("survey_response"))", true),
            (.codeGuruReviewer, "SELECT substr(created_at, 1, 10) AS d FROM \(table("codeguru_code_review"))", false),
            (.codeGuruSecurity, "SELECT substr(created_at, 1, 10) AS d FROM \(table("codeguru_security_finding")) UNION SELECT day FROM \(table("codeguru_security_metric_day"))", false),
            (.sarif, "SELECT substr(completed_at, 1, 10) AS d FROM \(table("sarif_scan"))", false),
        ]
    }
}

extension StoreWriter {
    /// Before retention deletes: every day before the window's start that a source has records on
    /// (each row a window deletes is dated before its start), and each CodeGuru recommendation's
    /// ThumbsDown count from the reactions the raw window removes.
    func keepBeforeRetention(raw: String, long: String) throws {
        for entry in StoreQueries.sourceDayQueries(t) {
            try db.execute(sql: "INSERT OR IGNORE INTO \(t("source_day_kept")) (family, day) SELECT ?, d FROM (\(entry.sql)) WHERE d IS NOT NULL AND d < ?",
                           arguments: [entry.family.rawValue, entry.raw ? raw : long])
        }
        try db.execute(sql: """
            UPDATE \(t("codeguru_recommendation")) AS r SET thumbs_down_kept = MAX(r.thumbs_down_kept, (
                SELECT COUNT(*) FROM \(t("codeguru_feedback")) f
                WHERE f.code_review_arn = r.code_review_arn AND f.recommendation_id = r.recommendation_id AND f.reaction = 'ThumbsDown'))
            WHERE r.code_review_arn IN (SELECT arn FROM \(t("codeguru_code_review")) WHERE created_at < ?)
            """, arguments: [raw])
    }
}

extension CandorStore {
    /// Records that `tier` has been purged of everything before `day` (the furthest back any purge reached is kept).
    static func recordHorizon(_ db: Database, tier: String, before day: Day) throws {
        try db.execute(sql: """
            INSERT INTO retention_horizon (tier, before) VALUES (?, ?) ON CONFLICT (tier) DO UPDATE SET before = MAX(before, excluded.before)
            """, arguments: [tier, day.iso8601])
    }
}

extension StoreReading {
    /// The day before which a purge has deleted the raw tier's records (nil: no purge has removed any by age).
    public func rawRetentionHorizon() throws -> Day? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT before FROM retention_horizon WHERE tier = 'raw'").flatMap(Day.parse)
        }
    }
}
