import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

// The assistants' tier (docs/tiers.md): every AI assistant's use, per person and week part, with the
// directory's team and the consent registry applied when it is made, so that reports read sums and
// day masks instead of joining raw rows to membership and consent.
//
// A **week part** is an ISO week cut at a quarter boundary (`Day.weekPart`), named by its first day.
// Per (part, team, person, assistant) the tier keeps day masks (bit i = the part's week's day i,
// Monday = 0), so active days stay exact when masks of several assistants, or of several dataset
// files, are ORed; and the sums every adoption read needs. Team `''` holds use on days the directory
// places the person in no team (the weekly series count them for the organisation).
//
// Upkeep is by dirty parts: a write of an assistant's row marks its part in `tier_dirty` (in the
// same transaction); `refreshAssistantTier` recomputes the marked parts from raw rows and clears
// them in one transaction, so a crash in between leaves them dirty, never wrong. A directory or
// consent change marks everything (`*`). Parts purge has cut into (`tier_frozen`) are never
// recomputed: they stay as first made, except that a consent change still removes the person-parts
// it now excludes.

/// The parts a transaction has marked dirty, so each is written once per transaction.
final class TierMarks {
    var lastDay = Int.min
    var parts: Set<Int> = []
    var pullRequests: Set<PullRequestMark> = []
    var surveyParts: Set<String> = []
    var eventQuarters: Set<String> = []
    var seatQuarters: Set<String> = []
    /// The hot writes' statements, prepared once per transaction (``StoreWriter/prepared(_:_:)``).
    var statements: [HotWrite: Statement] = [:]
    /// The erased people's ids (`erased_person`), read once per transaction; nil until first needed.
    var erased: Set<String>?
    /// Records this transaction did not store because their person was erased.
    var erasedRecords = 0
    init() {}
}

/// A pull request this transaction has marked (in its own dataset file, or in every one).
struct PullRequestMark: Hashable {
    var repository: String
    var number: Int64
    var everywhere: Bool
}

/// A write ingest runs once per record, whose statement a transaction prepares once.
struct HotWrite: Hashable {
    enum Kind: Hashable { case pullRequest, review, reviewComment, markPullRequest, copilotUserDay, copilotFeatureDelete, copilotFeatureInsert }
    var kind: Kind
    /// The dataset file the statement writes to (nil: the writer's own).
    var dataset: Dataset?
}

extension Schema {
    /// Dataset files: the assistants' tier and its upkeep tables.
    static func registerAssistantTier(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("d7-assistant-tier") { db in
            try db.execute(sql: """
                CREATE TABLE assistant_person_part (
                    part TEXT NOT NULL,
                    team TEXT NOT NULL,
                    person TEXT NOT NULL,
                    assistant TEXT NOT NULL,
                    day_mask INTEGER NOT NULL,
                    line_mask INTEGER NOT NULL,
                    count_mask INTEGER NOT NULL,
                    lined_count_mask INTEGER NOT NULL,
                    days INTEGER NOT NULL,
                    accepted INTEGER NOT NULL,
                    shown INTEGER NOT NULL,
                    lines INTEGER NOT NULL,
                    counted_accepted INTEGER NOT NULL,
                    counted_shown INTEGER NOT NULL,
                    lined_accepted INTEGER NOT NULL,
                    lined_lines INTEGER NOT NULL,
                    all_lines INTEGER NOT NULL,
                    PRIMARY KEY (part, team, person, assistant)
                ) WITHOUT ROWID
                """)
            // Per team, assistant and day: suggestions accepted on rows that count them (the pre-review
            // burst detector's series); and the days each assistant's exports cover, anyone's.
            try db.execute(sql: """
                CREATE TABLE assistant_team_day (
                    day TEXT NOT NULL, team TEXT NOT NULL, assistant TEXT NOT NULL, accepted INTEGER NOT NULL,
                    PRIMARY KEY (day, team, assistant)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE TABLE assistant_day (day TEXT NOT NULL, assistant TEXT NOT NULL, PRIMARY KEY (day, assistant)) WITHOUT ROWID")
            try db.execute(sql: "CREATE TABLE tier_dirty (part TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID")
            // Parts purge has cut into; `persons_gone` once the enriched window removed their person rows.
            try db.execute(sql: "CREATE TABLE tier_frozen (part TEXT NOT NULL PRIMARY KEY, persons_gone INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID")
            // Per tier, the consent rule it was made under (NULL programme: none); for the pull-request
            // tier also the repository naming and a digest of the repository keys it placed teams by.
            try db.execute(sql: "CREATE TABLE tier_state (tier TEXT NOT NULL PRIMARY KEY, programme TEXT, required INTEGER, naming TEXT, keys TEXT) WITHOUT ROWID")
            // The pull-request tier (PullRequestTier.swift): per pull request, its facts as the flow
            // metrics read them, made at ingest with the owning team and the consent registry applied.
            try db.execute(sql: """
                CREATE TABLE pull_request_fact (
                    part TEXT NOT NULL,
                    repository TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    team TEXT NOT NULL,
                    author TEXT NOT NULL,
                    author_is_bot INTEGER NOT NULL,
                    draft INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    merged_at TEXT,
                    closed_at TEXT,
                    comments INTEGER,
                    first_review TEXT,
                    approvals TEXT,
                    frozen INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (part, repository, number)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE UNIQUE INDEX pull_request_fact_by_key ON pull_request_fact (repository, number)")
            try db.execute(sql: "CREATE TABLE pull_request_dirty (repository TEXT NOT NULL, number INTEGER NOT NULL, PRIMARY KEY (repository, number)) WITHOUT ROWID")
            try db.execute(sql: "INSERT INTO pull_request_dirty (repository, number) VALUES ('*', 0)")
            // A file made before the tier: everything its raw rows hold is to be made.
            try db.execute(sql: "INSERT INTO tier_dirty (part) VALUES ('*')")
        }
    }

    /// Dataset files: per part and team, the team totals of counted suggestions over every assistant
    /// (each person one cluster: their sums across assistants), as first made. Reports of a period
    /// whose person rows are gone (a revocation, the enriched window) read them, so those figures keep
    /// every assistant, and every contribution anonymously.
    static func registerAssistantTeamPart(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("d12-assistant-team-part") { db in
            try db.execute(sql: """
                CREATE TABLE assistant_team_part (
                    part TEXT NOT NULL, team TEXT NOT NULL, contributors INTEGER NOT NULL, accepted INTEGER NOT NULL, shown INTEGER NOT NULL,
                    accepted_squares INTEGER NOT NULL, shown_squares INTEGER NOT NULL, largest_shown INTEGER NOT NULL, accepted_shown INTEGER NOT NULL,
                    PRIMARY KEY (part, team)
                ) WITHOUT ROWID
                """)
            // Parts not frozen are made again with their team totals; frozen ones have none (their
            // periods keep reading the weekly team tier).
            try db.execute(sql: "INSERT OR IGNORE INTO tier_dirty (part) VALUES ('*')")
            try db.execute(sql: "ALTER TABLE tier_frozen ADD COLUMN without_team_totals INTEGER NOT NULL DEFAULT 0")
            try db.execute(sql: "UPDATE tier_frozen SET without_team_totals = 1")
            // Parts a revocation cut into before: their figures came from the weekly team tier, and stay so.
            for day in ["week", "date(week, '+6 days')"] {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO tier_frozen (part, without_team_totals)
                    SELECT DISTINCT max(week, \(StoreQueries.quarterStart(day))), 1 FROM frozen_week WHERE revoked = 1
                    """)
            }
        }
    }

    /// Main database: the catalog learns of `assistant_team_part`.
    static func registerAssistantTeamPartCatalog(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v31-assistant-team-part") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES ('assistant_team_part', 'aggregate', 'derived', 'ai-assistant-usage', 'dataset')")
        }
    }

    /// Dataset files: the tiers record the directory's generation they were made at (NULL: made
    /// before it was counted, so made again once).
    static func registerTierStateGeneration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("d8-tier-generation") { db in
            try db.execute(sql: "ALTER TABLE tier_state ADD COLUMN generation INTEGER")
        }
    }

    /// Main database: `tier_generation` counts every change to the directory, its aliases and the
    /// consent registry, by triggers in the same file as those tables, so the count moves in the
    /// same commit as the change. Each dataset file's tiers record the count they were made at: a
    /// tier whose count differs is made again, even when the dataset file's own marks were lost
    /// (a crash between the main file's commit and the dataset files': attached files in WAL mode
    /// commit one by one).
    static func registerTierGeneration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v27-tier-generation") { db in
            try db.execute(sql: "CREATE TABLE tier_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO tier_generation (id, n) VALUES (1, 1)")
            for table in ["team_membership", "person_alias", "consent"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_\(event.lowercased())_generation AFTER \(event) ON \(table)
                        BEGIN UPDATE tier_generation SET n = n + 1 WHERE id = 1; END
                        """)
                }
            }
            try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES ('tier_generation', 'governance', 'derived', 'governance', 'main')")
        }
    }

    /// Main database: the catalog learns of the tier's tables (in the dataset files).
    static func registerAssistantTierCatalog(_ migrator: inout DatabaseMigrator) {
        registerDatasetCatalog(&migrator, "v26-assistant-tier", tables: assistantTierTables)
    }

    /// Main database: a migration `identifier` that enters `tables` (kept in the dataset files) in the
    /// catalog, as `catalog` classifies them.
    static func registerDatasetCatalog(_ migrator: inout DatabaseMigrator, _ identifier: String, tables: Set<String>) {
        migrator.registerMigration(identifier) { db in
            for entry in catalog where tables.contains(entry.table) {
                try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES (?, ?, ?, ?, 'dataset')",
                               arguments: [entry.table, entry.tier, entry.sensitivity.rawValue, entry.category])
            }
        }
    }

    /// The tables that say whether the tiers are up to date.
    static let upkeepTables: Set<String> = ["tier_dirty", "tier_state", "pull_request_dirty", "survey_dirty", "event_dirty", "seat_dirty", "seat_seen"]

    static let assistantTierTables: Set<String> = ["assistant_person_part", "assistant_team_day", "assistant_day", "tier_dirty", "tier_frozen", "tier_state",
                                                   "pull_request_fact", "pull_request_dirty"]
}

extension StoreQueries {
    /// SQL for the Monday-based index (0…6) of the ISO date `day`.
    static func weekdayIndex(_ day: String) -> String { "((CAST(strftime('%w', \(day)) AS INTEGER) + 6) % 7)" }

    /// SQL for the week part (`Day.weekPart`) of the ISO date `day`: its ISO week's Monday, or the
    /// first day of its quarter when that is later.
    static func weekPart(_ day: String) -> String { "max(\(monday(day)), \(quarterStart(day)))" }

    /// SQL for the last day of the week part that starts on `part`: its week's Sunday, or its quarter's last day.
    static func partEnd(_ part: String) -> String {
        "min(date(\(monday(part)), '+6 days'), date(\(quarterStart(part)), '+3 months', '-1 day'))"
    }

    static func monday(_ day: String) -> String { "date(\(day), '-' || \(weekdayIndex(day)) || ' days')" }

    static func quarterStart(_ day: String) -> String {
        let month = "substr(\(day), 6, 2)"
        return "(substr(\(day), 1, 5) || CASE WHEN \(month) < '04' THEN '01' WHEN \(month) < '07' THEN '04' WHEN \(month) < '10' THEN '07' ELSE '10' END || '-01')"
    }

    /// The assistants' raw tables (a row in any of them is use of an assistant on its day).
    static let assistantTables = ["qdev_activity", "copilot_user_day", "kiro_user_day", "assistant_usage_day"]
}

/// How the tier's consent rule is chosen on a refresh.
public enum TierRule: Sendable, Equatable {
    /// Under this rule (nil: no consent filter); a tier made under another is made again.
    case rule(ConsentRule?)
    /// Under the rule it was last made under, or this one for a file never made.
    case recorded(default: ConsentRule?)

    /// The rule a refresh makes the tier under, given the one it was `recorded` under (nil: never made).
    func resolved(recorded: ConsentRule??) -> ConsentRule? {
        switch self {
        case .rule(let wanted): return wanted
        case .recorded(let fallback): return recorded ?? fallback
        }
    }
}

extension StoreWriter {
    /// Marks `day`'s week part for the assistants' tier.
    func markAssistantDay(_ day: Day) throws {
        guard day.dayNumber != marks.lastDay else { return }
        marks.lastDay = day.dayNumber
        let part = day.weekPart
        guard marks.parts.insert(part.dayNumber).inserted else { return }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(t("tier_dirty")) (part) VALUES (?)").execute(arguments: [part.iso8601])
    }

    /// Marks every part of this dataset file's tier (a directory or consent change).
    func markAllAssistantParts() throws {
        try db.execute(sql: "INSERT OR IGNORE INTO \(t("tier_dirty")) (part) VALUES ('*')")
    }

    /// The rule this dataset file's `tier` was made under, if it was made (`.some(nil)`: under none).
    func tierRule(_ tier: String) throws -> ConsentRule?? {
        guard let row = try Row.fetchOne(db, sql: "SELECT programme, required FROM \(t("tier_state")) WHERE tier = ?", arguments: [tier]) else { return nil }
        guard let programme: String = row["programme"] else { return .some(nil) }
        return .some(ConsentRule(programme: programme, required: row["required"] as Bool? ?? true))
    }

    /// Whether a tier made under a consent rule has anything to do in this dataset file under `rule`:
    /// marks in `dirtyTable`, another directory generation, or another rule.
    func consentTierNeedsRefresh(_ tier: String, dirtyTable: String, _ rule: TierRule) throws -> Bool {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t(dirtyTable)))") == true { return true }
        if try tierGeneration(tier) != currentTierGeneration() { return true }
        guard case .rule(let wanted) = rule else { return try tierRule(tier) == nil }
        return try tierRule(tier) != .some(wanted)
    }

    /// The main file's count of directory, alias and consent changes.
    func currentTierGeneration() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT n FROM main.tier_generation WHERE id = 1") ?? 0
    }

    /// The generation `tier` of this dataset file was made at (nil: never made, or made before it was counted).
    func tierGeneration(_ tier: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT generation FROM \(t("tier_state")) WHERE tier = ?", arguments: [tier])
    }

    /// Whether a refresh under `rule` has anything to do in this dataset file.
    func assistantTierNeedsRefresh(_ rule: TierRule) throws -> Bool {
        try consentTierNeedsRefresh("assistant", dirtyTable: "tier_dirty", rule)
    }

    /// Recomputes the dirty parts of this dataset file's assistants' tier from raw rows (every part
    /// when marked `*` or when the tier was made under another consent rule), except frozen parts;
    /// returns how many parts were made.
    @discardableResult
    func refreshAssistantTier(_ rule: TierRule) throws -> Int {
        let recorded = try tierRule("assistant")
        let consent = rule.resolved(recorded: recorded)
        var dirty = Set(try String.fetchAll(db, sql: "SELECT part FROM \(t("tier_dirty"))"))
        let generation = try currentTierGeneration()
        let behind = try tierGeneration("assistant") != generation
        let everything = recorded != .some(consent) || dirty.contains("*") || behind
        if everything {
            // Every part the raw rows or the tier hold.
            let days = StoreQueries.assistantTables.map { "SELECT day FROM \(t($0))" }.joined(separator: " UNION ")
            dirty = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT \(StoreQueries.weekPart("day")) FROM (\(days))
                UNION SELECT part FROM \(t("assistant_person_part"))
                UNION SELECT DISTINCT \(StoreQueries.weekPart("day")) FROM \(t("assistant_day"))
                """))
        }
        let frozen = Set(try String.fetchAll(db, sql: "SELECT part FROM \(t("tier_frozen"))"))
        let parts = dirty.subtracting(frozen).compactMap(Day.parse).sorted()
        var made: AssistantPartMaker?
        func maker() throws -> AssistantPartMaker {
            if let made { return made }
            let new = try AssistantPartMaker(db: db, consent: consent)
            made = new
            return new
        }
        if everything && !frozen.isEmpty {
            // A consent change (an objection, a withdrawal, another rule) reaches frozen parts too: they
            // cannot be made again, so a person-part that reaches a day the registry or the rule now
            // excludes is removed whole. The part's team-day totals keep that use anonymously, as
            // they keep a leaver's. A rule that would now admit more people cannot add them back.
            let maker = try maker()
            var gone: [(String, String, String, String)] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT r.part, r.team, r.person, r.assistant, r.day_mask FROM \(t("assistant_person_part")) r
                WHERE r.part IN (SELECT part FROM \(t("tier_frozen")))
                """)
            while let row = try rows.next() {
                guard let part = Day.parse(row[0]) else { continue }
                if !maker.allowsEveryDay(row[2], part: part, mask: row[4]) { gone.append((row[0], row[1], row[2], row[3])) }
            }
            // The part's team totals lose what the removed person-parts counted (each person one cluster:
            // their sums across assistants before and after); the largest person's shown stays as an
            // upper bound. The daily team series keeps it, as it keeps a leaver's.
            let cluster = try db.cachedStatement(sql: """
                SELECT COALESCE(SUM(counted_accepted), 0), COALESCE(SUM(counted_shown), 0) FROM \(t("assistant_person_part"))
                WHERE part = ? AND team = ? AND person = ? AND count_mask <> 0
                """)
            func sums(_ part: String, _ team: String, _ person: String) throws -> (a: Int64, s: Int64) {
                let row = try Row.fetchOne(cluster, arguments: [part, team, person])!
                return (row[0], row[1])
            }
            var before: [[String]: (a: Int64, s: Int64)] = [:]
            for key in gone where before[[key.0, key.1, key.2]] == nil { before[[key.0, key.1, key.2]] = try sums(key.0, key.1, key.2) }
            let delete = try db.cachedStatement(sql: "DELETE FROM \(t("assistant_person_part")) WHERE part = ? AND team = ? AND person = ? AND assistant = ?")
            for key in gone { try delete.execute(arguments: [key.0, key.1, key.2, key.3]) }
            let subtract = try db.cachedStatement(sql: """
                UPDATE \(t("assistant_team_part")) SET contributors = contributors - ?, accepted = accepted - ?, shown = shown - ?,
                    accepted_squares = accepted_squares - ?, shown_squares = shown_squares - ?, accepted_shown = accepted_shown - ?
                WHERE part = ? AND team = ?
                """)
            for (key, old) in before.sorted(by: { $0.key.joined() < $1.key.joined() }) {
                let new = try sums(key[0], key[1], key[2])
                let counted = { (c: (a: Int64, s: Int64)) -> Int in c.a > 0 || c.s > 0 ? 1 : 0 }
                try subtract.execute(arguments: [counted(old) - counted(new), old.a - new.a, old.s - new.s, old.a * old.a - new.a * new.a,
                                                 old.s * old.s - new.s * new.s, old.a * old.s - new.a * new.s, key[0], key[1]])
            }
            try db.execute(sql: "DELETE FROM \(t("assistant_team_part")) WHERE contributors <= 0")
        }
        if !parts.isEmpty {
            let maker = try maker()
            // One part at a time: memory is one week's people, whatever the range.
            for part in parts {
                let range: StatementArguments = [part.iso8601, maker.partEnd(part).iso8601]
                try db.execute(sql: "DELETE FROM \(t("assistant_person_part")) WHERE part = ?", arguments: [part.iso8601])
                try db.execute(sql: "DELETE FROM \(t("assistant_team_day")) WHERE day BETWEEN ? AND ?", arguments: range)
                try db.execute(sql: "DELETE FROM \(t("assistant_day")) WHERE day BETWEEN ? AND ?", arguments: range)
                try db.execute(sql: "DELETE FROM \(t("assistant_team_part")) WHERE part = ?", arguments: [part.iso8601])
                try maker.make(part: part, writer: self)
            }
        }
        try db.execute(sql: "DELETE FROM \(t("tier_dirty"))")
        try db.execute(sql: "INSERT OR REPLACE INTO \(t("tier_state")) (tier, programme, required, generation) VALUES ('assistant', ?, ?, ?)",
                       arguments: [consent?.programme, consent?.required, generation])
        return parts.count
    }
}

extension StoreReading {
    /// Whether any dataset file's `tier` was made at another generation of the directory and registry.
    static func tiersBehindDirectory(_ db: Database, tier: String) throws -> Bool {
        let current = try Int64.fetchOne(db, sql: "SELECT n FROM main.tier_generation WHERE id = 1") ?? 0
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tier_state WHERE tier = ? AND generation IS NOT ?)",
                                 arguments: [tier, current]) ?? false
    }

    /// Throws unless the assistants' tier this handle reads is up to date and made under `consent`:
    /// a handle that cannot write refuses to read a stale tier, and says what brings it up to date.
    func requireAssistantTier(_ consent: ConsentRule?) throws {
        let (dirty, rules, behind) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tier_dirty") ?? 0,
             try Row.fetchAll(db, sql: "SELECT DISTINCT programme, required FROM tier_state WHERE tier = 'assistant'"),
             try Self.tiersBehindDirectory(db, tier: "assistant"))
        }
        if behind {
            throw StoreError(path: path, message: "the assistants' tier was made before the directory or the consent registry last changed",
                             hint: "run `candor ingest` with the same policy (it brings the tiers up to date), then this report again")
        }
        let made = rules.map { row -> ConsentRule? in
            (row["programme"] as String?).map { ConsentRule(programme: $0, required: row["required"] as Bool? ?? true) }
        }
        if dirty > 0 {
            throw StoreError(path: path, message: "the assistants' tier has \(dirty) week part\(dirty == 1 ? "" : "s") changed since it was made",
                             hint: "run `candor ingest` with the same policy (it brings the tiers up to date), then this report again")
        }
        if made.contains(where: { $0 != consent }) {
            let describe: (ConsentRule?) -> String = { $0.map { "the \($0.programme) programme (\($0.required ? "required" : "optional"))" } ?? "no consent rule" }
            throw StoreError(path: path, message: "the assistants' tier was made under \(made.map(describe).joined(separator: " and ")), not \(describe(consent))",
                             hint: "run `candor ingest` with this policy to make the tier again under its programmes, then this report again")
        }
    }
}
