import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

/// The SQLite store: the only place in candor that speaks SQL.
///
/// Opened in WAL mode with `synchronous=NORMAL` (safe from corruption, see sqlite.org/pragma.html)
/// and `secure_delete=ON` so deleted personal data does not linger in free pages.
/// Waits up to 30 s for another candor process holding the write lock.
public struct CandorStore: StoreReading {
    /// Page cache per database file, in KiB (see the PRAGMA where connections are prepared).
    static let cacheKiB = 32 * 1024
    /// A report's page cache per file: it reads the tiers (sums, not raw rows joined per row), so a
    /// smaller cache costs it little and keeps its memory flat.
    static let readerCacheKiB = 8 * 1024

    let queue: DatabaseQueue
    /// The main database file (governance tables); each dataset has a file beside it.
    public let path: String
    /// The datasets this handle can read.
    public let datasets: Set<Dataset>
    /// The tiers this open's upgrade made from what earlier purges had left (said once, recorded in `tier_gap`).
    public let upgradeGaps: [TierGap]
    /// The mode of the database's folder when group or others can enter it (candor does not change a
    /// folder it did not make; the workspace warns), nil when it is private.
    public let folderOpenToOthers: mode_t?
    /// The connection the store's reads go through (the same one its transactions use).
    public var connection: StoreConnection { StoreConnection(queue: queue) }

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
        // The files hold pseudonymised person-level records: 0600, in a folder made 0700 when candor
        // makes it. Each file is made (or narrowed) before SQLite opens it, so the write-ahead log and
        // shared-memory files SQLite creates beside it take its mode.
        do {
            folderOpenToOthers = try PrivateFiles.folder(folder)
            for file in [path] + Dataset.allCases.map({ Self.datasetPath(path, $0) }) {
                try PrivateFiles.file(file)
                for suffix in ["-wal", "-shm", "-journal"] { try PrivateFiles.narrowIfPresent(file + suffix) }
            }
            try PrivateFiles.narrowIfPresent(path + ".audit-head")
        } catch let error as OutputError {
            throw StoreError(path: error.path, message: error.message, hint: error.hint)
        }
        try Self.migrate(path: path, migrator: Schema.migrator, isMain: true)
        // An upgrade of a store that has purged before makes new tiers from what remains: the gaps are recorded.
        let purged = try Self.hasPurged(path)
        var gaps: [TierGap] = []
        for dataset in Dataset.allCases {
            gaps += try Self.migrate(path: Self.datasetPath(path, dataset), migrator: Schema.datasetMigrator, isMain: false, purged: purged)
        }
        self.path = path
        self.datasets = Set(Dataset.allCases)
        self.queue = try Self.open(path: path, datasets: datasets, reader: false)
        // One gap per tier: the latest day any file still reaches is the earliest whole one.
        var merged: [String: TierGap] = [:]
        for gap in gaps {
            guard let known = merged[gap.tier] else { merged[gap.tier] = gap; continue }
            // Files that reach back to different days: the figures are whole only from the latest of them.
            if let a = known.from, let b = gap.from { merged[gap.tier]!.from = max(a, b) } else { merged[gap.tier]!.from = known.from ?? gap.from }
        }
        let upgradeGaps = merged.keys.sorted().map { merged[$0]! }
        self.upgradeGaps = upgradeGaps
        if !upgradeGaps.isEmpty {
            try queue.write { db in
                for gap in upgradeGaps {
                    try db.execute(sql: "INSERT OR REPLACE INTO tier_gap (tier, figures, reaches) VALUES (?, ?, ?)", arguments: [gap.tier, gap.figures, gap.from?.iso8601])
                }
            }
        }
    }

    /// A connection to the main file at `path` with `datasets` attached and read through views;
    /// read-only (no write-ahead log set-up, every attached file read-only) when `reader` is set.
    static func open(path: String, datasets: Set<Dataset>, reader: Bool) throws -> DatabaseQueue {
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
            let cache = reader ? Self.readerCacheKiB : Self.cacheKiB
            try db.execute(sql: "PRAGMA main.cache_size = -\(cache)")
            for dataset in attached {
                try db.execute(sql: "ATTACH DATABASE ? AS \(dataset.rawValue)", arguments: [Self.datasetPath(path, dataset)])
                try db.execute(sql: "PRAGMA \(dataset.rawValue).cache_size = -\(cache)")
                // `synchronous` is per file: without this an attached file keeps SQLite's default (FULL),
                // which syncs its write-ahead log at every commit — one fdatasync per ingested file.
                if !reader { try db.execute(sql: "PRAGMA \(dataset.rawValue).synchronous = NORMAL") }
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
                    // The tiers' upkeep tables are read whole: a mark in a file that was clean when the
                    // reader opened must still be seen.
                    if reader && !Schema.upkeepTables.contains(table) {
                        let filled = try attached.filter { try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \($0.rawValue).\(table))") == true }
                        arms = filled.isEmpty ? [attached[0]] : filled
                    }
                    try db.execute(sql: "CREATE TEMP VIEW \(table) AS " + arms.map { "SELECT * FROM \($0.rawValue).\(table)" }.joined(separator: " UNION ALL "))
                }
            }
            try RepositoryKeys.create(db)
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
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: "cannot open the database (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))",
                             hint: "check that it is a candor database and that its folder is writable")
        }
    }

    /// A read-only handle on the same store that sees only `datasets` (the others are not attached).
    /// It can read what a report needs and nothing else: it has no transaction, purge or audit append.
    /// The assistants' tier is brought up to date first, under the consent rule it was made under.
    public func reader(datasets: Set<Dataset>) throws -> StoreReader {
        try refreshTiers(.recorded)
        return StoreReader(path: path, datasets: datasets, connection: StoreConnection(queue: try Self.open(path: path, datasets: datasets, reader: true)))
    }

    /// Brings one file's schema up to date on a plain connection (no attachments, no views).
    /// Whether the main file at `path` records any purge.
    private static func hasPurged(_ path: String) throws -> Bool {
        // Waits for another candor process's write as every other connection does (without the busy
        // timeout, an ingest started beside another failed at once with "database is locked").
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM purge_log WHERE rows > 0)") ?? false }
    }

    @discardableResult
    private static func migrate(path: String, migrator: DatabaseMigrator, isMain: Bool, purged: Bool = false) throws -> [TierGap] {
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
            let before = try queue.read { db in try migrator.appliedIdentifiers(db) }
            try migrator.migrate(queue)
            var gaps: [TierGap] = []
            // A file made now holds nothing to rebuild; one upgraded after purges may.
            if purged && !before.isEmpty {
                let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
                gaps = try queue.read { db in try tierGaps(db, newlyApplied: applied.subtracting(before)) }
            }
            try queue.close()
            return gaps
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: "cannot open the database (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))",
                             hint: "check that it is a candor database and that its folder is writable")
        }
    }

    public func prepareAssistantTier(_ consent: ConsentRule?) throws {
        try refreshTiers(TierRequest(assistants: .rule(consent), pullRequests: TierRequest.recorded.pullRequests, naming: nil))
    }

    public func prepareEventTier(_ consent: ConsentRule?) throws {
        var request = TierRequest.recorded
        request.events = .rule(consent)
        try refreshTiers(request)
    }

    public func prepareSeatTier() throws {
        try refreshTiers(.recorded)
    }

    public func prepareSurveyTier() throws {
        try refreshTiers(.recorded)
    }

    public func preparePullRequestTier(_ consent: ConsentRule?) throws {
        let naming = try queue.inDatabase { db in try RepositoryKeys.naming(db) }
        try refreshTiers(TierRequest(assistants: TierRequest.recorded.assistants, pullRequests: .rule(consent), naming: naming))
    }

    /// The source file already ingested with this content hash, if any.
    ///
    /// Not `queue.read`: GRDB's read turns `PRAGMA query_only` on and off around the block, and SQLite
    /// expires every prepared statement when a flag pragma changes, so each file's writes were compiled
    /// again (a quarter of a CodeGuru ingest). Two look-ups on the one writing connection need no
    /// isolation from it.
    public func sourceFile(sha256: String) throws -> SourceFileSummary? {
        try queue.unsafeRead { db in try StoreWriter(db: db).sourceFile(sha256: sha256) }
    }

    /// Runs `body` in one write transaction: everything it wrote is kept if it returns, and
    /// nothing if it throws.
    /// `dataset` is where telemetry records written in the transaction go (nil: governance tables only).
    public func transaction<T>(dataset: Dataset? = nil, _ body: (StoreWriter) throws -> T) throws -> T {
        try queue.write { db in try body(StoreWriter(db: db, dataset: dataset)) }
    }

}

/// A database problem, with what to do.
public struct StoreError: Error, LocalizedError {
    public var path: String
    public var message: String
    public var hint: String
    public var errorDescription: String? { "\(path): \(message) — \(hint)" }
}

