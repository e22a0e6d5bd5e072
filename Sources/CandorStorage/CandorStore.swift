import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

/// The SQLite store: the only place in candor that speaks SQL.
///
/// Opened in WAL mode with `synchronous=NORMAL` (safe from corruption, see sqlite.org/pragma.html)
/// and `secure_delete=ON` so deleted personal data does not linger in free pages.
/// Waits up to 30 s for another candor process holding the write lock.
public struct CandorStore: Sendable {
    /// Page cache per database file, in KiB (see the PRAGMA where connections are prepared).
    static let cacheKiB = 32 * 1024

    let queue: DatabaseQueue
    /// The main database file (governance tables); each dataset has a file beside it.
    public let path: String
    /// The datasets this handle can read.
    public let datasets: Set<Dataset>
    /// Whether this handle is a read-only reader (reports).
    public let isReader: Bool

    /// The file that holds `dataset`'s records for the main database at `mainPath`:
    /// `acme.sqlite` → `acme.coaching.sqlite`.
    public static func datasetPath(_ mainPath: String, _ dataset: Dataset) -> String {
        let url = URL(fileURLWithPath: mainPath)
        let ext = url.pathExtension
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem).\(dataset.rawValue)\(ext.isEmpty ? "" : "." + ext)").path
    }

    /// Every file of the store: the main database and the dataset files.
    public var files: [String] { [path] + Dataset.allCases.map { Self.datasetPath(path, $0) } }

    /// Opens (creating if needed) the database at `path` and its dataset files, and brings their
    /// schemas up to date. This handle writes, and reads every dataset.
    public init(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(path: path, message: "cannot create the database folder", hint: "check that \(folder) is writable")
        }
        try Self.migrate(path: path, migrator: Schema.migrator, isMain: true)
        for dataset in Dataset.allCases { try Self.migrate(path: Self.datasetPath(path, dataset), migrator: Schema.datasetMigrator, isMain: false) }
        try self.init(path: path, datasets: Set(Dataset.allCases), reader: false)
    }

    private init(path: String, datasets: Set<Dataset>, reader: Bool) throws {
        self.path = path
        self.datasets = datasets
        self.isReader = reader
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        // A reader's attached files are opened with its flags: read-only too.
        configuration.readonly = reader
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if !reader {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            let attached = Dataset.allCases.filter { datasets.contains($0) }
            // A page cache of 32 MiB per file (SQLite's default is 2 MiB): a quarter of a large organisation
            // is joined row by row against the directory and consent, and with the default cache every
            // look-up read its pages again from the operating system. Bounded, whatever the input size.
            try db.execute(sql: "PRAGMA main.cache_size = -\(Self.cacheKiB)")
            for dataset in attached {
                try db.execute(sql: "ATTACH DATABASE ? AS \(dataset.rawValue)", arguments: [Self.datasetPath(path, dataset)])
                try db.execute(sql: "PRAGMA \(dataset.rawValue).cache_size = -\(Self.cacheKiB)")
            }
            // Reads go through views named after the tables, over the attached files only.
            for table in Schema.datasetTables {
                if attached.isEmpty {
                    let create = Schema.currentDatasetTables[table]!
                    try db.execute(sql: create.replacingOccurrences(of: "CREATE TABLE ", with: "CREATE TEMP TABLE "))
                } else {
                    // A reader sees a snapshot: its views skip files whose table is empty, so the usual
                    // single-file view is flattened by SQLite and keeps that file's indexes.
                    var arms = attached
                    if reader {
                        let filled = try attached.filter { try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \($0.rawValue).\(table))") == true }
                        arms = filled.isEmpty ? [attached[0]] : filled
                    }
                    try db.execute(sql: "CREATE TEMP VIEW \(table) AS " + arms.map { "SELECT * FROM \($0.rawValue).\(table)" }.joined(separator: " UNION ALL "))
                }
            }
            for view in Schema.teamViews { try db.execute(sql: "CREATE TEMP VIEW \(view.name) AS \(view.sql)") }
            // For profiling: CANDOR_TRACE_SQL=SECONDS prints every statement slower than that to stderr.
            if let threshold = ProcessInfo.processInfo.environment["CANDOR_TRACE_SQL"].flatMap(Double.init) {
                db.trace(options: .profile) { event in
                    if case .profile(let statement, let duration) = event, duration >= threshold {
                        FileHandle.standardError.write(Data("candor: SQL \(Format.fixed(duration, decimals: 3)) s: \(statement.sql)\n".utf8))
                    }
                }
            }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: "cannot open the database (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))",
                             hint: "check that it is a candor database and that its folder is writable")
        }
    }

    /// A read-only handle on the same store that sees only `datasets` (the others are not attached).
    public func reader(datasets: Set<Dataset>) throws -> CandorStore {
        try CandorStore(path: path, datasets: datasets, reader: true)
    }

    /// Brings one file's schema up to date on a plain connection (no attachments, no views).
    private static func migrate(path: String, migrator: DatabaseMigrator, isMain: Bool) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            if isMain {
                let legacy = try queue.read { db -> Bool in
                    let applied = try migrator.appliedIdentifiers(db)
                    guard applied.contains("v1-skeleton"), !applied.contains("v20-datasets-apart") else { return false }
                    for table in Schema.datasetTables where try db.tableExists(table) {
                        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") == true { return true }
                    }
                    return false
                }
                if legacy {
                    throw StoreError(path: path, message: "this database keeps all telemetry in one file, as candor did before datasets were kept apart",
                                     hint: "ingest the same exports into a new database (--database NEW.sqlite); keep this file for its audit log")
                }
            }
            try migrator.migrate(queue)
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: "cannot open the database (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))",
                             hint: "check that it is a candor database and that its folder is writable")
        }
    }

    /// The source file already ingested with this content hash, if any.
    public func sourceFile(sha256: String) throws -> SourceFileSummary? {
        try queue.read { db in try StoreWriter(db: db).sourceFile(sha256: sha256) }
    }

    /// Runs `body` in one write transaction: everything it wrote is kept if it returns, and
    /// nothing if it throws.
    /// `dataset` is where telemetry records written in the transaction go (nil: governance tables only).
    public func transaction<T>(dataset: Dataset? = nil, _ body: (StoreWriter) throws -> T) throws -> T {
        precondition(!isReader, "a reader cannot write")
        return try queue.write { db in try body(StoreWriter(db: db, dataset: dataset)) }
    }

    /// Per person and team, the inline suggestion totals for days in `from...to`.
    ///
    /// A day's row counts for the team the person belonged to on that day; `team` is nil for
    /// rows of people the directory does not place in any team on that day.
    ///
    /// `consent` applies the consent registry as of each row's day: for a required programme, rows of
    /// people who objected (opted out or revoked) are left out; for an optional one, only rows of people
    /// who opted in are used.
    public func inlineTotals(from: Day, to: Day, consent: ConsentRule? = nil) throws -> [InlineTotals] {
        try queue.read { db in
            var arguments: StatementArguments = [from.iso8601, to.iso8601]
            let filter = consent.map { rule -> String in
                arguments += [rule.programme]
                return "AND " + Self.consentCondition(rule, day: "a.day", person: "a.person")
            } ?? ""
            return try Row.fetchAll(db, sql: """
                SELECT m.team AS team, a.person AS person,
                       SUM(a.Inline_AcceptanceCount) AS accepted,
                       SUM(a.Inline_SuggestionsCount) AS shown,
                       COUNT(*) AS days
                FROM qdev_activity a
                LEFT JOIN team_membership m
                  ON m.person = a.person AND a.day >= m.valid_from AND (m.valid_to IS NULL OR a.day <= m.valid_to)
                WHERE a.day BETWEEN ? AND ? \(filter)
                GROUP BY m.team, a.person
                ORDER BY m.team, a.person
                """, arguments: arguments)
            .map { InlineTotals(team: $0["team"], person: $0["person"], accepted: $0["accepted"], shown: $0["shown"], activeDays: $0["days"]) }
        }
    }

    /// How many people and person-day rows the consent rule leaves out in `from...to` — counts only, never who.
    public func consentExclusions(from: Day, to: Day, consent: ConsentRule) throws -> (people: Int, rows: Int) {
        try queue.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT a.person), COUNT(*) FROM qdev_activity a
                WHERE a.day BETWEEN ? AND ? AND NOT (\(Self.consentCondition(consent, day: "a.day", person: "a.person")))
                """, arguments: [from.iso8601, to.iso8601, consent.programme])!
            return (row[0], row[1])
        }
    }

    /// SQL that is true when a row may be used under `rule` (the programme is the next argument).
    static func consentCondition(_ rule: ConsentRule, day: String, person: String) -> String {
        let latest = """
            (SELECT c.status FROM consent c WHERE c.person = \(person) AND c.programme = ? AND c.effective <= \(day)
             ORDER BY c.effective DESC LIMIT 1)
            """
        return rule.required ? "COALESCE(\(latest), 'none') NOT IN ('opted_out', 'revoked')" : "COALESCE(\(latest), 'none') = 'opted_in'"
    }

    /// What the store holds for days in `from...to`: days with any Q Developer row, and the files they came from.
    public func coverage(from: Day, to: Day) throws -> Coverage {
        try queue.read { db in
            let days = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT day) FROM qdev_activity WHERE day BETWEEN ? AND ?",
                                        arguments: [from.iso8601, to.iso8601]) ?? 0
            let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM qdev_activity WHERE day BETWEEN ? AND ?",
                                        arguments: [from.iso8601, to.iso8601]) ?? 0
            let files = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM source_file WHERE id IN
                  (SELECT DISTINCT source_id FROM qdev_activity WHERE day BETWEEN ? AND ?)
                """, arguments: [from.iso8601, to.iso8601]) ?? 0
            let first = try String.fetchOne(db, sql: "SELECT MIN(day) FROM qdev_activity WHERE day BETWEEN ? AND ?",
                                            arguments: [from.iso8601, to.iso8601]).flatMap(Day.parse)
            let last = try String.fetchOne(db, sql: "SELECT MAX(day) FROM qdev_activity WHERE day BETWEEN ? AND ?",
                                           arguments: [from.iso8601, to.iso8601]).flatMap(Day.parse)
            let unplaced = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM qdev_activity a WHERE a.day BETWEEN ? AND ? AND NOT EXISTS
                  (SELECT 1 FROM team_membership m WHERE m.person = a.person AND a.day >= m.valid_from
                   AND (m.valid_to IS NULL OR a.day <= m.valid_to))
                """, arguments: [from.iso8601, to.iso8601]) ?? 0
            let directoryFiles = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_file WHERE format = 'directory'") ?? 0
            let rejected = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(rejected_rows), 0) FROM source_file WHERE id IN
                  (SELECT DISTINCT source_id FROM qdev_activity WHERE day BETWEEN ? AND ?)
                """, arguments: [from.iso8601, to.iso8601]) ?? 0
            return Coverage(daysWithData: days, rows: rows, files: files, firstDay: first, lastDay: last,
                            rowsWithoutTeam: unplaced, directoryFiles: directoryFiles, rejectedRows: rejected)
        }
    }

    /// Row counts per table, for tests and `candor status`.
    public func tableCounts() throws -> [String: Int] {
        try queue.read { db in
            var out: [String: Int] = [:]
            for table in ["source_file", "qdev_activity", "team_membership", "copilot_user_day", "copilot_user_feature_day",
                          "copilot_user_team_day", "copilot_scope_day", "copilot_seat", "kiro_user_day",
                          "codeguru_code_review", "codeguru_recommendation", "codeguru_feedback",
                          "codeguru_security_finding", "codeguru_security_metric_day", "sarif_scan", "sarif_result",
                          "github_pull_request", "github_review", "github_review_comment", "deployment", "incident",
                          "tool_event", "tool_event_attribute", "repository_ownership", "consent", "policy_change", "dispute", "decision",
                          "survey_response", "survey_answer", "person_alias"] {
                out[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return out
        }
    }

    /// SHA-256 over the content of every data table (all but `source_file`), rows in key order:
    /// equal digests mean equal data. For idempotency tests and `candor status`. `excluding` leaves
    /// tables out (e.g. `audit_log`, which records each run).
    public func contentDigest(excluding: Set<String> = []) throws -> String {
        try queue.read { db in
            var hasher = StreamingSHA256()
            // Main's tables and the dataset tables (read through the views over the attached files).
            let tables = (try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                  AND name <> 'source_file'
                """) + Schema.datasetTables.filter { $0 != "dataset_source" }).sorted()
            for table in tables where !excluding.contains(table) {
                let columns = try db.columns(in: table).count
                let order = (1...columns).map(String.init).joined(separator: ", ")
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
                var line = Array("\(table)\n".utf8)
                line.withUnsafeBufferPointer { hasher.update($0) }
                while let row = try rows.next() {
                    line = Array((row.databaseValues.map { $0.description }.joined(separator: "\u{1F}") + "\n").utf8)
                    line.withUnsafeBufferPointer { hasher.update($0) }
                }
            }
            return hasher.finalize()
        }
    }

    /// `PRAGMA integrity_check` result ("ok" when healthy).
    public func integrityCheck() throws -> String {
        try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}

/// Writes inside one ``CandorStore/transaction(_:)``.
public struct StoreWriter {
    let db: Database
    /// The dataset file that receives telemetry records; nil when the transaction writes none.
    let dataset: Dataset?

    init(db: Database, dataset: Dataset? = nil) {
        self.db = db
        self.dataset = dataset
    }

    /// `table` in the writer's dataset file. Without a dataset the name is left bare, which resolves
    /// to a read-only view: a telemetry write outside a dataset fails instead of landing anywhere.
    func t(_ table: String) -> String {
        dataset.map { "\($0.rawValue).\(table)" } ?? table
    }

    /// The source file already stored with this content hash, if any.
    ///
    /// A telemetry file counts as stored only when its dataset file says so too: the main and dataset
    /// files commit one after the other, so a crash between them leaves the file to be read again.
    public func sourceFile(sha256: String) throws -> SourceFileSummary? {
        guard let row = try Row.fetchOne(db, sql: "SELECT path, format, rows, dataset FROM source_file WHERE sha256 = ?", arguments: [sha256]) else {
            return nil
        }
        if (row["dataset"] as String?) != nil,
           try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM dataset_source WHERE sha256 = ?)", arguments: [sha256]) != true {
            return nil
        }
        return SourceFileSummary(path: row["path"], format: row["format"], rows: row["rows"])
    }

    /// The content hash of a source file being ingested.
    public func sourceSHA256(id: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT sha256 FROM source_file WHERE id = ?", arguments: [id]) ?? ""
    }

    /// Records an input file before its rows; returns its id. A file read again (`--force`) keeps its id.
    /// `dataset` is nil for governance inputs (directories, consent, ...); `category` is the policy category.
    public func insertSource(sha256: String, path: String, format: InputFormat, bytes: Int64, ingestedAt: String,
                             dataset: Dataset? = nil, category: String = "governance") throws -> Int64 {
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM source_file WHERE sha256 = ?", arguments: [sha256]) {
            try db.execute(sql: "UPDATE source_file SET path = ?, format = ?, ingested_at = ?, dataset = ?, category = ? WHERE id = ?",
                           arguments: [path, format.rawValue, ingestedAt, dataset?.rawValue, category, existing])
            return existing
        }
        try db.execute(sql: "INSERT INTO source_file (sha256, path, format, bytes, ingested_at, dataset, category) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [sha256, path, format.rawValue, bytes, ingestedAt, dataset?.rawValue, category])
        return db.lastInsertedRowID
    }

    /// Records how many records of a file had each field left out by the policy (replacing an earlier count).
    public func replaceFieldDrops(sourceId: Int64, drops: [String: Int]) throws {
        try db.execute(sql: "DELETE FROM field_drop WHERE source_id = ?", arguments: [sourceId])
        for (field, records) in drops.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO field_drop (source_id, field, records) VALUES (?, ?, ?)", arguments: [sourceId, field, records])
        }
    }

    /// Completes a file's record once all its rows are in.
    public func finishSource(id: Int64, rows: Int, ignoredColumns: [String], warnings: Int, rejectedRows: Int = 0) throws {
        try db.execute(sql: "UPDATE source_file SET rows = ?, ignored_columns = ?, warnings = ?, rejected_rows = ? WHERE id = ?",
                       arguments: [rows, ignoredColumns.joined(separator: ","), warnings, rejectedRows, id])
        if dataset != nil {
            try db.execute(sql: "INSERT INTO \(t("dataset_source")) (sha256, source_id) SELECT sha256, id FROM source_file WHERE id = ? ON CONFLICT (sha256) DO NOTHING",
                           arguments: [id])
        }
    }

    /// A prepared upsert for Q Developer activity rows: a later row for the same (day, person)
    /// replaces the earlier one, so re-ingesting or overlapping exports never double count.
    public func qDeveloperActivityUpserter() throws -> ActivityUpserter {
        let columns = QDeveloperMetric.allCases.map(\.columnName)
        let sql = """
            INSERT INTO \(t("qdev_activity")) (day, person, \(columns.joined(separator: ", ")), source_id)
            VALUES (?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)
            ON CONFLICT (day, person) DO UPDATE SET
            \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")), source_id = excluded.source_id
            """
        let insertNew = """
            INSERT INTO \(t("qdev_activity")) (day, person, \(columns.joined(separator: ", ")), source_id)
            VALUES (?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)
            ON CONFLICT (day, person) DO NOTHING
            """
        return try ActivityUpserter(statement: db.makeStatement(sql: sql), insertNew: db.makeStatement(sql: insertNew),
                                    previous: db.makeStatement(sql: "SELECT Inline_AcceptanceCount, Inline_SuggestionsCount FROM \(t("qdev_activity")) WHERE day = ? AND person = ?"),
                                    database: db, dataset: dataset)
    }

    /// Records that `alias` (a pseudonymous id in another tool) is `person`.
    public func upsertPersonAlias(alias: Pseudonym, person: Pseudonym, sourceId: Int64) throws {
        let (alias, person) = (alias.text, person.text)
        try db.cachedStatement(sql: """
            INSERT INTO person_alias (alias, person, source_id) VALUES (?, ?, ?)
            ON CONFLICT (alias) DO UPDATE SET person = excluded.person, source_id = excluded.source_id
            """).execute(arguments: [alias, person, sourceId])
    }

    /// The table and subject column of a directory's intervals.
    static func intervalTable(_ subject: DirectorySubject) -> (table: String, column: String) {
        subject == .people ? ("team_membership", "person") : ("repository_ownership", "repository")
    }

    /// Adds or replaces a team interval of a person (a pseudonym) or repository, keyed by subject and start day.
    public func upsertInterval(_ member: IntervalMember, team: String, from: Day, to: Day?, department: String? = nil,
                               teamEmail: String? = nil, sourceId: Int64) throws {
        let (subject, id) = (member.subject, member.storedKey)
        let (table, column) = Self.intervalTable(subject)
        if subject == .people {
            try db.cachedStatement(sql: """
                INSERT INTO team_membership (person, team, valid_from, valid_to, department, team_email, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person, valid_from) DO UPDATE SET team = excluded.team, valid_to = excluded.valid_to,
                  department = excluded.department, team_email = excluded.team_email, source_id = excluded.source_id
                """).execute(arguments: [id, team, from.iso8601, to?.iso8601, department, teamEmail, sourceId])
            return
        }
        try db.cachedStatement(sql: """
            INSERT INTO \(table) (\(column), team, valid_from, valid_to, source_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (\(column), valid_from) DO UPDATE SET team = excluded.team, valid_to = excluded.valid_to, source_id = excluded.source_id
            """).execute(arguments: [id, team, from.iso8601, to?.iso8601, sourceId])
    }

    /// An existing interval of the subject that overlaps `from...to` and starts on another day.
    public func overlappingInterval(_ member: IntervalMember, from: Day, to: Day?) throws -> (team: String, from: Day)? {
        let (subject, id) = (member.subject, member.storedKey)
        let (table, column) = Self.intervalTable(subject)
        let row = try Row.fetchOne(db, sql: """
            SELECT team, valid_from FROM \(table)
            WHERE \(column) = ? AND valid_from <> ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
            ORDER BY valid_from LIMIT 1
            """, arguments: [id, from.iso8601, to?.iso8601 ?? "9999-12-31", from.iso8601])
        guard let row, let start = Day.parse(row["valid_from"] as String) else { return nil }
        return (row["team"], start)
    }
}

/// A file already in the store.
public struct SourceFileSummary: Sendable, Equatable {
    public var path: String
    public var format: String
    public var rows: Int
}

/// A database problem, with what to do.
public struct StoreError: Error, LocalizedError {
    public var path: String
    public var message: String
    public var hint: String
    public var errorDescription: String? { "\(path): \(message) — \(hint)" }
}

extension CandorStore {
    /// The first and last day with any Q Developer activity, if any.
    public func activityDayRange() throws -> (first: Day, last: Day)? {
        try queue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT MIN(day) AS first, MAX(day) AS last FROM qdev_activity"),
                  let first = (row["first"] as String?).flatMap(Day.parse),
                  let last = (row["last"] as String?).flatMap(Day.parse) else { return nil }
            return (first, last)
        }
    }
}

extension StoreWriter {
    /// Stores a Copilot user-day under `person` (a pseudonym), replacing any earlier row for the same
    /// day, person and scope together with its per-feature rows.
    public func upsertCopilotUserDay(_ row: CopilotUserDay, person: Pseudonym, sourceId: Int64) throws {
        let person = person.text
        let columns = CopilotCounters.columnNames
        let key: [any DatabaseValueConvertible] = [row.day.iso8601, person, row.scope]
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO \(t("copilot_user_day")) (day, person, scope, \(columns.joined(separator: ", ")), used_agent, used_chat, used_cli, source_id)
            VALUES (?, ?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?, ?, ?, ?)
            ON CONFLICT (day, person, scope) DO UPDATE SET
            \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")),
            used_agent = excluded.used_agent, used_chat = excluded.used_chat, used_cli = excluded.used_cli, source_id = excluded.source_id
            """)
        try upsert.execute(arguments: StatementArguments(key + row.totals.values + [row.usedAgent, row.usedChat, row.usedCLI, sourceId]))
        try db.cachedStatement(sql: "DELETE FROM \(t("copilot_user_feature_day")) WHERE day = ? AND person = ? AND scope = ?")
            .execute(arguments: StatementArguments(key))
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(t("copilot_user_feature_day")) (day, person, scope, feature, \(columns.joined(separator: ", ")), source_id)
            VALUES (?, ?, ?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)
            """)
        for (feature, counters) in row.features {
            try insert.execute(arguments: StatementArguments(key + [feature] + counters.values + [sourceId]))
        }
    }

    /// Stores a legacy-API day for a scope, replacing an earlier one for the same day and scope.
    public func upsertCopilotScopeDay(_ row: CopilotScopeDay, sourceId: Int64) throws {
        let columns = CopilotScopeDay.columnNames
        try db.cachedStatement(sql: """
            INSERT INTO \(t("copilot_scope_day")) (day, scope, \(columns.joined(separator: ", ")), source_id)
            VALUES (?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)
            ON CONFLICT (day, scope) DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")), source_id = excluded.source_id
            """).execute(arguments: StatementArguments([row.day.iso8601, row.scope] as [any DatabaseValueConvertible] + row.values + [sourceId]))
    }

    /// Stores a Kiro user-report row under `person`, replacing one for the same day, person and client.
    public func upsertKiroUserDay(_ row: KiroUserReportRecord, person: Pseudonym, sourceId: Int64) throws {
        let person = person.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("kiro_user_day")) (day, person, client_type, chat_conversations, total_messages, credits_used, overage_credits_used, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, person, client_type) DO UPDATE SET chat_conversations = excluded.chat_conversations,
              total_messages = excluded.total_messages, credits_used = excluded.credits_used,
              overage_credits_used = excluded.overage_credits_used, source_id = excluded.source_id
            """).execute(arguments: [row.day.iso8601, person, row.clientType, row.chatConversations, row.totalMessages,
                                     row.creditsUsed, row.overageCreditsUsed, sourceId])
    }

    /// Stores a CodeGuru Reviewer code review, replacing an earlier record of the same ARN.
    public func upsertCodeGuruCodeReview(_ r: CodeGuruCodeReview, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_code_review")) (arn, repository, provider_type, state, type, pull_request_id, created_at, updated_at,
              metered_lines, suppressed_lines, findings, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (arn) DO UPDATE SET repository = excluded.repository, provider_type = excluded.provider_type,
              state = excluded.state, type = excluded.type, pull_request_id = excluded.pull_request_id,
              created_at = excluded.created_at, updated_at = excluded.updated_at,
              metered_lines = COALESCE(excluded.metered_lines, metered_lines),
              suppressed_lines = COALESCE(excluded.suppressed_lines, suppressed_lines),
              findings = COALESCE(excluded.findings, findings), source_id = excluded.source_id
            """).execute(arguments: [r.arn, r.repository, r.providerType, r.state, r.type, r.pullRequestId,
                                     Timestamp.iso8601(seconds: r.createdAt), r.updatedAt.map { Timestamp.iso8601(seconds: $0) },
                                     r.meteredLines, r.suppressedLines, r.findings, sourceId])
    }

    /// Stores a recommendation, replacing one with the same code review and id.
    public func upsertCodeGuruRecommendation(_ r: CodeGuruRecommendation, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_recommendation")) (code_review_arn, recommendation_id, file_path, start_line, end_line, category, rule_id, severity, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code_review_arn, recommendation_id) DO UPDATE SET file_path = excluded.file_path, start_line = excluded.start_line,
              end_line = excluded.end_line, category = excluded.category, rule_id = excluded.rule_id, severity = excluded.severity,
              source_id = excluded.source_id
            """).execute(arguments: [r.codeReviewArn, r.recommendationId, r.filePath, r.startLine, r.endLine, r.category, r.ruleId, r.severity, sourceId])
    }

    /// Stores a person's (pseudonymous) reaction to a recommendation, replacing their earlier one.
    public func upsertCodeGuruFeedback(_ r: CodeGuruFeedback, person: Pseudonym, sourceId: Int64) throws {
        let person = person.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_feedback")) (code_review_arn, recommendation_id, person, reaction, source_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (code_review_arn, recommendation_id, person) DO UPDATE SET reaction = excluded.reaction, source_id = excluded.source_id
            """).execute(arguments: [r.codeReviewArn, r.recommendationId, person, r.reaction, sourceId])
    }

    /// Stores a CodeGuru Security finding; a later export of the same finding (e.g. now Closed) replaces it.
    public func upsertCodeGuruSecurityFinding(_ f: CodeGuruSecurityFinding, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_security_finding")) (resource, finding_id, status, severity, type, detector_id, rule_id, file_path,
              start_line, end_line, created_at, updated_at, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (resource, finding_id) DO UPDATE SET status = excluded.status, severity = excluded.severity, type = excluded.type,
              detector_id = excluded.detector_id, rule_id = excluded.rule_id, file_path = excluded.file_path, start_line = excluded.start_line,
              end_line = excluded.end_line, created_at = excluded.created_at, updated_at = excluded.updated_at, source_id = excluded.source_id
            """).execute(arguments: [f.resource, f.id, f.status, f.severity, f.type, f.detectorId, f.ruleId, f.filePath, f.startLine, f.endLine,
                                     Timestamp.iso8601(seconds: f.createdAt), f.updatedAt.map { Timestamp.iso8601(seconds: $0) }, sourceId])
    }

    /// Stores a day of findings metrics for one severity and scope.
    public func upsertCodeGuruSecurityMetric(_ m: CodeGuruSecurityMetric, scope: String, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_security_metric_day")) (day, scope, severity, new_findings, closed_findings, open_findings, mean_days_to_close, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, scope, severity) DO UPDATE SET new_findings = excluded.new_findings, closed_findings = excluded.closed_findings,
              open_findings = excluded.open_findings, mean_days_to_close = excluded.mean_days_to_close, source_id = excluded.source_id
            """).execute(arguments: [m.day.iso8601, scope, m.severity, m.newFindings, m.closedFindings, m.openFindings, m.meanDaysToClose, sourceId])
    }

    /// Records a SARIF scan and clears its earlier results: the file being read defines the scan.
    public func replaceSARIFScan(key: String, run: SARIFRun, sourceId: Int64) throws {
        try db.execute(sql: "DELETE FROM \(t("sarif_result")) WHERE scan_key = ?", arguments: [key])
        try db.execute(sql: """
            INSERT INTO \(t("sarif_scan")) (scan_key, repository, tool, revision, completed_at, source_id) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (scan_key) DO UPDATE SET repository = excluded.repository, tool = excluded.tool, revision = excluded.revision,
              completed_at = excluded.completed_at, source_id = excluded.source_id
            """, arguments: [key, run.repository ?? "", run.tool ?? "", run.revision, run.completedAt.map { Timestamp.iso8601(seconds: $0) }, sourceId])
    }

    /// Stores a SARIF result in its scan. Results with the same identity in one scan get `#2`, `#3`, … appended.
    public func insertSARIFResult(scanKey: String, _ r: SARIFResult, sourceId: Int64) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO \(t("sarif_result")) (scan_key, result_key, rule_id, level, uri, start_line, baseline_state,
              suppression_kind, suppression_status, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var key = r.key
        var ordinal = 1
        while true {
            try statement.execute(arguments: [scanKey, key, r.ruleId, r.level, r.uri, r.startLine, r.baselineState,
                                              r.suppressionKind, r.suppressionStatus, sourceId])
            if db.changesCount > 0 { return }
            ordinal += 1
            key = r.key + "#\(ordinal)"
        }
    }

    /// Stores a pull request under a pseudonymous author; a later export of it (merged, closed) replaces it.
    /// Counts only on single-PR responses are kept when a list export lacks them.
    public func upsertGitHubPullRequest(_ p: GitHubPullRequest, author: Pseudonym, sourceId: Int64) throws {
        let author = author.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("github_pull_request")) (repository, number, author, author_is_bot, state, draft, created_at, closed_at, merged_at,
              review_comments, additions, deletions, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (repository, number) DO UPDATE SET author = excluded.author, author_is_bot = excluded.author_is_bot,
              state = excluded.state, draft = excluded.draft, created_at = excluded.created_at, closed_at = excluded.closed_at,
              merged_at = excluded.merged_at, review_comments = COALESCE(excluded.review_comments, review_comments),
              additions = COALESCE(excluded.additions, additions), deletions = COALESCE(excluded.deletions, deletions),
              source_id = excluded.source_id
            """).execute(arguments: [p.repository, p.number, author, p.authorIsBot, p.state, p.draft, Timestamp.iso8601(seconds: p.createdAt),
                                     p.closedAt.map { Timestamp.iso8601(seconds: $0) }, p.mergedAt.map { Timestamp.iso8601(seconds: $0) },
                                     p.reviewComments, p.additions, p.deletions, sourceId])
    }

    /// Stores a review under a pseudonymous reviewer (idempotent by review id).
    public func upsertGitHubReview(_ r: GitHubReview, reviewer: Pseudonym, sourceId: Int64) throws {
        let reviewer = reviewer.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("github_review")) (repository, review_id, number, reviewer, reviewer_is_bot, state, submitted_at, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (repository, review_id) DO UPDATE SET number = excluded.number, reviewer = excluded.reviewer,
              reviewer_is_bot = excluded.reviewer_is_bot, state = excluded.state, submitted_at = excluded.submitted_at, source_id = excluded.source_id
            """).execute(arguments: [r.repository, r.id, r.number, reviewer, r.reviewerIsBot, r.state,
                                     r.submittedAt.map { Timestamp.iso8601(seconds: $0) }, sourceId])
    }

    /// Stores a review comment under a pseudonymous commenter (idempotent by comment id).
    public func upsertGitHubReviewComment(_ c: GitHubReviewComment, commenter: Pseudonym, sourceId: Int64) throws {
        let commenter = commenter.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("github_review_comment")) (repository, comment_id, number, review_id, commenter, created_at, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (repository, comment_id) DO UPDATE SET number = excluded.number, review_id = excluded.review_id,
              commenter = excluded.commenter, created_at = excluded.created_at, source_id = excluded.source_id
            """).execute(arguments: [c.repository, c.id, c.number, c.reviewId, commenter, Timestamp.iso8601(seconds: c.createdAt), sourceId])
    }

    /// Stores a deployment, replacing an earlier record with the same id.
    public func upsertDeployment(_ d: Deployment, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("deployment")) (deployment_id, repository, environment, started_at, finished_at, result, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (deployment_id) DO UPDATE SET repository = excluded.repository, environment = excluded.environment,
              started_at = excluded.started_at, finished_at = excluded.finished_at, result = excluded.result, source_id = excluded.source_id
            """).execute(arguments: [d.id, d.repository, d.environment, Timestamp.iso8601(seconds: d.startedAt),
                                     Timestamp.iso8601(seconds: d.finishedAt), d.result, sourceId])
    }

    /// Stores an incident, replacing an earlier record with the same id (keeping a known cause if the new one has none).
    public func upsertIncident(_ i: Incident, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("incident")) (incident_id, repository, component, created_at, resolved_at, status, severity, priority, caused_by_deployment, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (incident_id) DO UPDATE SET repository = COALESCE(excluded.repository, repository), component = excluded.component,
              created_at = excluded.created_at, resolved_at = excluded.resolved_at, status = excluded.status, severity = excluded.severity,
              priority = excluded.priority, caused_by_deployment = COALESCE(excluded.caused_by_deployment, caused_by_deployment),
              source_id = excluded.source_id
            """).execute(arguments: [i.id, i.repository, i.component, Timestamp.iso8601(seconds: i.createdAt),
                                     i.resolvedAt.map { Timestamp.iso8601(seconds: $0) }, i.status, i.severity, i.priority, i.causedByDeployment, sourceId])
    }

    /// Stores an event (idempotent by its key) with its kept attributes, under a pseudonymous actor.
    public func upsertEvent(_ e: ToolEvent, person: Pseudonym?, sourceId: Int64) throws {
        let person = person?.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("tool_event")) (event_key, type, time, person, source_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (event_key) DO UPDATE SET type = excluded.type, time = excluded.time, person = excluded.person, source_id = excluded.source_id
            """).execute(arguments: [e.key, e.type, Timestamp.iso8601(seconds: e.time), person, sourceId])
        try db.cachedStatement(sql: "DELETE FROM \(t("tool_event_attribute")) WHERE event_key = ?").execute(arguments: [e.key])
        let insert = try db.cachedStatement(sql: "INSERT INTO \(t("tool_event_attribute")) (event_key, name, value) VALUES (?, ?, ?)")
        for a in e.attributes { try insert.execute(arguments: [e.key, a.name, a.value]) }
    }

    /// Stores a governance record (consent under a pseudonym); each kind is idempotent on its natural key.
    public func upsertGovernance(_ row: GovernanceRow, person: Pseudonym?, sourceId: Int64) throws {
        let person = person?.text
        switch row {
        case .consent(let c):
            try db.cachedStatement(sql: """
                INSERT INTO consent (person, programme, effective, status, source_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (person, programme, effective) DO UPDATE SET status = excluded.status, source_id = excluded.source_id
                """).execute(arguments: [person ?? "", c.programme, c.effective.iso8601, c.status, sourceId])
        case .policyChange(let p):
            try db.cachedStatement(sql: """
                INSERT INTO policy_change (day, change, metrics, source_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (day, change) DO UPDATE SET metrics = excluded.metrics, source_id = excluded.source_id
                """).execute(arguments: [p.day.iso8601, p.change, p.metrics.joined(separator: ";"), sourceId])
        case .dispute(let d):
            try db.cachedStatement(sql: """
                INSERT INTO dispute (dispute_id, filed, resolved, outcome, metric, source_id) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (dispute_id) DO UPDATE SET filed = excluded.filed, resolved = excluded.resolved, outcome = excluded.outcome,
                  metric = excluded.metric, source_id = excluded.source_id
                """).execute(arguments: [d.id, d.filed.iso8601, d.resolved?.iso8601, d.outcome, d.metric, sourceId])
        case .decision(let d):
            try db.cachedStatement(sql: """
                INSERT INTO decision (day, decision, metric, action, source_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (day, decision) DO UPDATE SET metric = excluded.metric, action = excluded.action, source_id = excluded.source_id
                """).execute(arguments: [d.day.iso8601, d.decision, d.metric, d.action, sourceId])
        }
    }

    /// Stores an anonymous survey response (idempotent by its content key).
    public func upsertSurveyResponse(_ r: SurveyResponse, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("survey_response")) (response_key, team, day, source_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (response_key) DO UPDATE SET team = excluded.team, day = excluded.day, source_id = excluded.source_id
            """).execute(arguments: [r.key, r.team, r.day?.iso8601, sourceId])
        try db.cachedStatement(sql: "DELETE FROM \(t("survey_answer")) WHERE response_key = ?").execute(arguments: [r.key])
        let insert = try db.cachedStatement(sql: "INSERT INTO \(t("survey_answer")) (response_key, item, value) VALUES (?, ?, ?)")
        for a in r.answers { try insert.execute(arguments: [r.key, a.item, a.value]) }
    }

    /// Stores a Copilot user-team membership for a day (idempotent).
    public func upsertCopilotUserTeam(_ row: CopilotUserTeam, person: Pseudonym, sourceId: Int64) throws {
        let person = person.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("copilot_user_team_day")) (day, person, scope, team_id, team_slug, source_id) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, person, scope, team_id) DO UPDATE SET team_slug = excluded.team_slug, source_id = excluded.source_id
            """).execute(arguments: [row.day.iso8601, person, row.scope, row.teamId, row.slug, sourceId])
    }
}

extension CandorStore {
    /// Sums of legacy-API counters for `scope` over days in `from...to` (tests and reports).
    public func copilotScopeTotals(scope: String, from: Day, to: Day) throws -> (days: Int, values: [Int64]) {
        try queue.read { db in
            let columns = CopilotScopeDay.columnNames.map { "COALESCE(SUM(\($0)), 0)" }.joined(separator: ", ")
            guard let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), \(columns) FROM copilot_scope_day WHERE scope = ? AND day BETWEEN ? AND ?",
                                             arguments: [scope, from.iso8601, to.iso8601]) else { return (0, []) }
            return (row[0], (1...CopilotScopeDay.columnNames.count).map { row[$0] })
        }
    }

    /// Sums of Copilot counters for days in `from...to`, overall and for one feature (tests and reports).
    public func copilotTotals(from: Day, to: Day, feature: String? = nil) throws -> (rows: Int, counters: [Int64]) {
        try queue.read { db in
            let columns = CopilotCounters.columnNames.map { "COALESCE(SUM(\($0)), 0)" }.joined(separator: ", ")
            let row: Row?
            if let feature {
                row = try Row.fetchOne(db, sql: "SELECT COUNT(*), \(columns) FROM copilot_user_feature_day WHERE day BETWEEN ? AND ? AND feature = ?",
                                       arguments: [from.iso8601, to.iso8601, feature])
            } else {
                row = try Row.fetchOne(db, sql: "SELECT COUNT(*), \(columns) FROM copilot_user_day WHERE day BETWEEN ? AND ?",
                                       arguments: [from.iso8601, to.iso8601])
            }
            guard let row else { return (0, []) }
            return (row[0], (1...CopilotCounters.columnNames.count).map { row[$0] })
        }
    }
}

/// What the store holds from SARIF logs (tests and the data-quality section).
public struct SARIFSummary: Sendable, Equatable {
    public var scans: Int
    public var results: Int
    public var suppressed: Int
    public var underReview: Int
    public var absent: Int
    public var repositories: [String]
    public var tools: [String]
}

extension CandorStore {
    public func sarifSummary() throws -> SARIFSummary {
        try queue.read { db in
            SARIFSummary(
                scans: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_scan") ?? 0,
                results: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result") ?? 0,
                suppressed: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result WHERE suppression_kind IS NOT NULL AND suppression_status = 'accepted'") ?? 0,
                underReview: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result WHERE suppression_status = 'underReview'") ?? 0,
                absent: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result WHERE baseline_state = 'absent'") ?? 0,
                repositories: try String.fetchAll(db, sql: "SELECT DISTINCT repository FROM sarif_scan ORDER BY repository"),
                tools: try String.fetchAll(db, sql: "SELECT DISTINCT tool FROM sarif_scan ORDER BY tool"))
        }
    }
}

extension CandorStore {
    /// How many records of a raw table the directory attributes to a team (as of each record's day),
    /// and how many it does not: `view` is one of the `*_team` views.
    public func attribution(view: String) throws -> (attributed: Int, unattributed: Int) {
        let views: Set<String> = ["qdev_activity_team", "kiro_user_day_team", "copilot_user_day_team", "copilot_user_feature_day_team",
                                  "tool_event_team", "github_pull_request_team", "sarif_scan_team", "codeguru_code_review_team", "deployment_team"]
        precondition(views.contains(view), "unknown attribution view \(view)")
        return try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(team), COUNT(*) - COUNT(team) FROM \(view)")!
            return (row[0], row[1])
        }
    }

    /// SARIF scans per `repository|tool`, as snapshots for ``FindingLifecycle``.
    public func sarifScanSnapshots() throws -> [String: [ScanSnapshot]] {
        try queue.read { db in
            var scans: [String: (scope: String, time: Int64, findings: [String: FindingObservation])] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT scan_key, repository, tool, completed_at FROM sarif_scan ORDER BY scan_key") {
                let completed: String? = row["completed_at"]
                let time = completed.flatMap(Timestamp.parseISO8601) ?? 0
                scans[row["scan_key"]] = (row["repository"] as String + "|" + (row["tool"] as String), time, [:])
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT scan_key, result_key, baseline_state, suppression_kind, suppression_status FROM sarif_result ORDER BY scan_key, result_key
                """) {
                let key: String = row["scan_key"]
                let suppressed = (row["suppression_kind"] as String?) != nil && (row["suppression_status"] as String?) == "accepted"
                scans[key]?.findings[row["result_key"]] = FindingObservation(suppressed: suppressed, absent: (row["baseline_state"] as String?) == "absent")
            }
            var out: [String: [ScanSnapshot]] = [:]
            for scan in scans.values { out[scan.scope, default: []].append(ScanSnapshot(time: scan.time, findings: scan.findings)) }
            return out.mapValues { $0.sorted { $0.time < $1.time } }
        }
    }

    /// CodeGuru Reviewer code reviews per repository, as snapshots for ``FindingLifecycle``: a
    /// recommendation's identity is its rule and file; ThumbsDown reactions and growing excluded
    /// lines are carried over.
    public func codeGuruReviewSnapshots() throws -> [String: [ScanSnapshot]] {
        try queue.read { db in
            var thumbsDown: Set<String> = []
            for row in try Row.fetchAll(db, sql: "SELECT code_review_arn, recommendation_id FROM codeguru_feedback WHERE reaction = 'ThumbsDown'") {
                thumbsDown.insert((row[0] as String) + "|" + (row[1] as String))
            }
            var findings: [String: [String: FindingObservation]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code_review_arn, recommendation_id, rule_id, file_path FROM codeguru_recommendation") {
                let arn: String = row[0], id: String = row[1]
                let key = ((row[2] as String?) ?? "?") + "|" + (row[3] as String)
                var o = findings[arn]?[key] ?? FindingObservation()
                if thumbsDown.contains(arn + "|" + id) { o.thumbsDown = true }
                findings[arn, default: [:]][key] = o
            }
            var out: [String: [ScanSnapshot]] = [:]
            var previousSuppressed: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT arn, repository, created_at, suppressed_lines FROM codeguru_code_review ORDER BY repository, created_at, arn") {
                let repository: String = row["repository"]
                let suppressed: Int64 = (row["suppressed_lines"] as Int64?) ?? 0
                let grew = previousSuppressed[repository].map { suppressed > $0 } ?? false
                previousSuppressed[repository] = suppressed
                let time = (row["created_at"] as String?).flatMap(Timestamp.parseISO8601) ?? 0
                out[repository, default: []].append(ScanSnapshot(time: time, findings: findings[row["arn"]] ?? [:], exclusionsGrew: grew))
            }
            return out
        }
    }
}

extension CandorStore {
    /// Where the newest audit entry's sequence and hash are kept, outside the database.
    public var auditHeadPath: String { path + ".audit-head" }

    /// Appends an audit entry chained to the last one, in one transaction, then records the new head
    /// beside the database.
    @discardableResult
    public func appendAudit(time: String, actor: String, command: String, purpose: String, audience: String,
                            datasets: String, inputs: [String], outputs: [String]) throws -> AuditEntry {
        let entry: AuditEntry = try queue.write { db in
            let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
            let entry = AuditEntry.make(sequence: (last?[0] as Int64? ?? 0) + 1, time: time, actor: actor, command: command, purpose: purpose,
                                        audience: audience, datasets: datasets, inputs: inputs, outputs: outputs,
                                        previous: last?[1] as String? ?? AuditEntry.genesis)
            try db.execute(sql: """
                INSERT INTO audit_log (sequence, time, actor, command, purpose, audience, datasets, inputs, outputs, previous, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.sequence, entry.time, entry.actor, entry.command, entry.purpose, entry.audience, entry.datasets,
                                 entry.inputs.joined(separator: " "), entry.outputs.joined(separator: "\n"), entry.previous, entry.hash])
            return entry
        }
        try AtomicFile.write("\(entry.sequence) \(entry.hash)\n", to: auditHeadPath, mode: 0o600)
        return entry
    }

    /// Every audit entry, in sequence order.
    public func auditEntries() throws -> [AuditEntry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY sequence").map { row in
                let inputs: String = row["inputs"], outputs: String = row["outputs"]
                return AuditEntry(sequence: row["sequence"], time: row["time"], actor: row["actor"], command: row["command"],
                                  purpose: row["purpose"], audience: row["audience"], datasets: row["datasets"],
                                  inputs: inputs.isEmpty ? [] : inputs.components(separatedBy: " "),
                                  outputs: outputs.isEmpty ? [] : outputs.components(separatedBy: "\n"),
                                  previous: row["previous"], hash: row["hash"])
            }
        }
    }

    /// The head recorded beside the database, if any.
    public func auditHead() -> (sequence: Int64, hash: String)? {
        guard let text = try? String(contentsOfFile: auditHeadPath, encoding: .utf8) else { return nil }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count == 2, let sequence = Int64(parts[0]) else { return nil }
        return (sequence, String(parts[1]))
    }
}

extension CandorStore {
    /// Records the policy's hash the first time candor runs under it; returns whether it is new.
    @discardableResult
    public func recordPolicyVersion(sha256: String, time: String) throws -> Bool {
        try queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO policy_version (sha256, first_seen) VALUES (?, ?)", arguments: [sha256, time])
            return db.changesCount > 0
        }
    }

    /// Each team's department as of `day`: from the newest membership row of the team that started
    /// by then and names a department. Teams without one are absent.
    public func teamDepartments(asOf day: Day) throws -> [String: String] {
        try queue.read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT team, department FROM team_membership WHERE department IS NOT NULL AND valid_from <= ?
                ORDER BY team, valid_from, department
                """, arguments: [day.iso8601]) {
                out[row["team"]] = row["department"]
            }
            return out
        }
    }

    /// Each team's mailing addresses as of `day` (the directory's `team_email` column): from the
    /// newest membership row of the team that started by then and names one. Teams without one are absent.
    public func teamAddresses(asOf day: Day) throws -> [String: [MailAddress]] {
        try queue.read { db in
            var out: [String: [MailAddress]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT team, team_email FROM team_membership WHERE team_email IS NOT NULL AND valid_from <= ?
                ORDER BY team, valid_from, team_email
                """, arguments: [day.iso8601]) {
                out[row["team"]] = MailAddress.list(row["team_email"] as String) ?? []
            }
            return out
        }
    }

    /// Per source family and field: how many records had a value the policy's allow-list left out
    /// (every file ingested so far), sorted by source and field.
    public func fieldDrops() throws -> [FieldDropCount] {
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.format, f.field, SUM(f.records) AS records FROM field_drop f JOIN source_file s ON s.id = f.source_id
                GROUP BY s.format, f.field
                """)
        }
        var totals: [FieldDropCount.Key: Int] = [:]
        for row in rows {
            let format: String = row["format"]
            let family = InputFormat(rawValue: format).flatMap(SourceFamily.init(format:))?.rawValue ?? format
            totals[.init(source: family, field: row["field"]), default: 0] += row["records"] as Int
        }
        return totals.map { FieldDropCount(source: $0.key.source, field: $0.key.field, records: $0.value) }
            .sorted { ($0.source, $0.field) < ($1.source, $1.field) }
    }

    /// Programme changes in `from...to`: the policy-change log and new policy versions (after the first), by day.
    public func programmeChanges(from: Day, to: Day) throws -> [ProgrammeChange] {
        try queue.read { db in
            var out: [ProgrammeChange] = []
            for row in try Row.fetchAll(db, sql: "SELECT day, change, metrics FROM policy_change WHERE day BETWEEN ? AND ? ORDER BY day, change",
                                        arguments: [from.iso8601, to.iso8601]) {
                let metrics: String = row["metrics"]
                out.append(ProgrammeChange(day: Day.parse(row["day"] as String)!, description: row["change"],
                                           metrics: metrics.isEmpty ? [] : metrics.components(separatedBy: ";")))
            }
            let versions = try Row.fetchAll(db, sql: "SELECT sha256, first_seen FROM policy_version ORDER BY first_seen, sha256")
            for row in versions.dropFirst() {
                let seen: String = row["first_seen"]
                guard let day = Day.parse(String(seen.prefix(10))), day >= from, day <= to else { continue }
                let sha: String = row["sha256"]
                out.append(ProgrammeChange(day: day, description: "The policy file changed (SHA-256 \(sha.prefix(12))…).", metrics: []))
            }
            return out.sorted { ($0.day, $0.description) < ($1.day, $1.description) }
        }
    }
}
