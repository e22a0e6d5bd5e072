import CandorPolicy
import CandorVocabulary
import GRDB

// The security-outcome tier (docs/tiers.md): every CodeGuru Security finding and SARIF result as
// counts and durations only (source, repository, severity, first seen, closed, how) — no category,
// rule, file or line — kept in the operational dataset file, so that the audiences that may read it
// (the governance board and teams, by default) see open High and Critical findings and time to fix
// without the compliance dataset, whose categories stay for approved security reviewers. It is made
// again wholesale whenever the compliance inputs or the purge log change (a fingerprint says when):
// the pipeline reads the findings' lifecycle through the writer and hands the outcomes here.

extension Schema {
    /// Dataset files: the tier and its fingerprint.
    static func registerSecurityOutcomeTier(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("d14-security-outcome") { db in
            try db.execute(sql: """
                CREATE TABLE security_outcome (id INTEGER PRIMARY KEY, source TEXT NOT NULL, repository TEXT NOT NULL, severity TEXT NOT NULL,
                  first_seen INTEGER NOT NULL, closed_at INTEGER, state TEXT NOT NULL, as_of TEXT)
                """)
            try db.execute(sql: "CREATE TABLE security_outcome_state (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT NOT NULL)")
        }
        // Every scorecard reads one quarter's rows.
        migrator.registerMigration("d15-security-outcome-as-of") { db in
            try db.execute(sql: "CREATE INDEX security_outcome_as_of ON security_outcome (as_of)")
        }
        // A SARIF result without a fingerprint was keyed by its rule, file, line and column as text: a
        // policy that dropped uri and start_line still stored them there. Keys become digests of that
        // text, so results already stored match the same results read again.
        migrator.registerMigration("d16-sarif-location-keys") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT scan_key, result_key, rule_id FROM sarif_result")
            for row in rows {
                let key: String = row["result_key"]
                guard SARIFResult.isPlainLocationKey(key, rule: row["rule_id"]) else { continue }
                try db.execute(sql: "UPDATE OR IGNORE sarif_result SET result_key = ? WHERE scan_key = ? AND result_key = ?",
                               arguments: [SARIFResult.locationKey(plain: key), row["scan_key"] as String, key])
            }
        }
        // A Copilot day whose per-feature breakdown the policy withheld counts no suggestions or lines.
        migrator.registerMigration("d17-copilot-features-withheld") { db in
            try db.execute(sql: "ALTER TABLE copilot_user_day ADD COLUMN features_withheld INTEGER NOT NULL DEFAULT 0")
        }
        // A CodeGuru Reviewer finding's identity (rule and file) is a digest made at ingest, so a policy
        // may drop file_path and rule_id; recommendations already stored get theirs from their columns.
        migrator.registerMigration("d18-codeguru-finding-key") { db in
            try db.execute(sql: "ALTER TABLE codeguru_recommendation ADD COLUMN finding_key TEXT NOT NULL DEFAULT ''")
            for row in try Row.fetchAll(db, sql: "SELECT code_review_arn, recommendation_id, rule_id, file_path FROM codeguru_recommendation") {
                try db.execute(sql: "UPDATE codeguru_recommendation SET finding_key = ? WHERE code_review_arn = ? AND recommendation_id = ?",
                               arguments: [CodeGuruRecommendation.findingKey(ruleId: row[2], filePath: row[3]), row[0] as String, row[1] as String])
            }
        }
    }

    /// Main database: the catalog learns of the tier.
    static func registerSecurityOutcomeCatalog(_ migrator: inout DatabaseMigrator) {
        registerDatasetCatalog(&migrator, "v39-security-outcome", tables: ["security_outcome", "security_outcome_state"])
    }
}

extension CandorStore {
    /// CodeGuru Security findings as outcomes: Open stays open, Closed is a fix at its last update (left
    /// out when the update time is not stored).
    public func codeGuruSecurityOutcomes() throws -> [SecurityOutcome] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT resource, severity, status, created_at, updated_at FROM codeguru_security_finding ORDER BY resource, finding_id
                """).compactMap { row in
                guard let opened = (row["created_at"] as String?).flatMap(Timestamp.parseISO8601) else { return nil }
                var closed: Int64?
                if (row["status"] as String?) == "Closed" {
                    // Closed with no time (a policy that does not keep updated_at): when it stopped being open is
                    // unknown, so it can be placed neither among the open nor among the fixed.
                    guard let at = (row["updated_at"] as String?).flatMap(Timestamp.parseISO8601) else { return nil }
                    closed = at
                }
                return SecurityOutcome(source: SourceFamily.codeGuruSecurity.rawValue, repository: row["resource"],
                                       severity: ((row["severity"] as String?) ?? "unknown").lowercased(),
                                       history: FindingHistory(state: closed == nil ? .open : .fixed, firstSeen: opened, closedAt: closed))
            }
        }
    }

    /// Each SARIF result's level in every scan that reported it, oldest first, per `repository|tool`
    /// scope and result key (scan times as ``ScanSnapshot`` has them).
    public func sarifResultLevels() throws -> [String: [String: [(time: Int64, level: String)]]] {
        try queue.read { db in
            var out: [String: [String: [(time: Int64, level: String)]]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT s.repository || '|' || s.tool AS scope, s.completed_at, r.result_key, r.level FROM sarif_result r JOIN sarif_scan s ON s.scan_key = r.scan_key
                ORDER BY COALESCE(s.completed_at, ''), s.scan_key
                """) {
                let time = (row["completed_at"] as String?).flatMap(Timestamp.parseISO8601) ?? 0
                out[row["scope"], default: [:]][row["result_key"], default: []].append((time, ((row["level"] as String?) ?? "warning").lowercased()))
            }
            return out
        }
    }

    /// Replaces the tier with `outcomes`, in the operational dataset file (emptied in the others), and
    /// records `fingerprint`; one transaction.
    public func replaceSecurityOutcomes(_ outcomes: [SecurityOutcome], fingerprint: String) throws {
        try queue.write { db in
            for dataset in Dataset.allCases {
                let w = StoreWriter(db: db, dataset: dataset)
                try db.execute(sql: "DELETE FROM \(w.t("security_outcome"))")
                try db.execute(sql: "DELETE FROM \(w.t("security_outcome_state"))")
            }
            let w = StoreWriter(db: db, dataset: .operational)
            let insert = try db.makeStatement(sql: """
                INSERT INTO \(w.t("security_outcome")) (source, repository, severity, first_seen, closed_at, state, as_of) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for o in outcomes {
                try insert.execute(arguments: [o.source, o.repository, o.severity, o.history.firstSeen, o.history.closedAt, o.history.state.rawValue,
                                               o.asOf?.iso8601])
            }
            try db.execute(sql: "INSERT INTO \(w.t("security_outcome_state")) (id, fingerprint) VALUES (1, ?)", arguments: [fingerprint])
        }
    }
}

extension StoreReading {
    /// What the tier was made from: the compliance inputs ingested (their SHA-256) and the purges run.
    /// A different fingerprint means the tier must be made again.
    public func securityOutcomeFingerprint() throws -> String {
        try queue.read { db in
            let formats = [InputFormat.codeGuruSecurityFindings, .sarif].map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let files = try String.fetchAll(db, sql: "SELECT sha256 FROM source_file WHERE format IN (\(formats)) ORDER BY sha256")
            let purges = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(MAX(time), '') AS last FROM purge_log")
            let text = files.joined(separator: "\n") + "\npurges \(purges?["n"] as Int? ?? 0) \(purges?["last"] as String? ?? "")"
            return SHA256Digest.hex(of: Array(text.utf8))
        }
    }

    /// The fingerprint the tier was last made under (nil: never made).
    public func securityOutcomeState() throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT fingerprint FROM security_outcome_state LIMIT 1") }
    }

    /// The security-outcome tier as of `day`, through whatever datasets this handle attached (empty
    /// without the operational file): CodeGuru Security's findings, and SARIF results' lifecycle from the
    /// scans up to the latest quarter end on or before `day`. A tier older than the compliance inputs or
    /// the last purge is refused, never read as if it were current.
    public func securityOutcomes(asOf day: Day) throws -> [SecurityOutcome] {
        if datasets.contains(.operational), try securityOutcomeState() != securityOutcomeFingerprint() {
            throw StoreError(path: path, message: "the security-outcome tier was made before the latest security findings or purge",
                             hint: "make the report with `candor report` or `candor run`, which bring the tier up to date before reading")
        }
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT source, repository, severity, first_seen, closed_at, state, as_of FROM security_outcome
                WHERE as_of IS NULL OR as_of = (SELECT MAX(as_of) FROM security_outcome WHERE as_of <= ?) ORDER BY id
                """, arguments: [day.iso8601]).compactMap { row in
                guard let state = FindingState(rawValue: row["state"]) else { return nil }
                return SecurityOutcome(source: row["source"], repository: row["repository"], severity: row["severity"],
                                       history: FindingHistory(state: state, firstSeen: row["first_seen"], closedAt: row["closed_at"]),
                                       asOf: (row["as_of"] as String?).flatMap(Day.parse))
            }
        }
    }
}
