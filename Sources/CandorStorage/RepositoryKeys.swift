import CandorPolicy
import CandorVocabulary
import GRDB

/// Each repository name the store holds → its canonical key (``RepositoryIdentity``), in two temp
/// tables of the connection that the repository views join through:
///
/// - `repository_key(raw, key, ambiguous)`: every name a directory or a record uses;
/// - `repository_owner_key(key, team, valid_from, valid_to)`: the repository directory by key.
///
/// The keys depend on every name in the store (a bare name resolves to the one `owner/name` that ends
/// in it), so they are recomputed before a read that joins repositories, whenever the store changed
/// since (`total_changes()` of the connection and the files' `data_version`).
enum RepositoryKeys {
    /// The record tables that name a repository, with their column.
    static let sources: [(table: String, column: String)] = [
        ("github_pull_request", "repository"), ("sarif_scan", "repository"), ("codeguru_code_review", "repository"),
        ("deployment", "repository"), ("incident", "repository"), ("codeguru_security_finding", "resource"),
        // The security-outcome tier names the same repositories for readers without the compliance file.
        ("security_outcome", "repository"),
    ]

    /// Creates the connection's tables (empty): the repository views refer to them.
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS repository_key (raw TEXT NOT NULL PRIMARY KEY, key TEXT, ambiguous TEXT) WITHOUT ROWID;
            CREATE TEMP TABLE IF NOT EXISTS repository_owner_key (key TEXT NOT NULL, team TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT);
            CREATE INDEX IF NOT EXISTS temp.repository_owner_key_by_key ON repository_owner_key (key, valid_from);
            CREATE TEMP TABLE IF NOT EXISTS repository_naming (owner TEXT, alias TEXT, target TEXT);
            CREATE TEMP TABLE IF NOT EXISTS repository_key_state (stamp TEXT);
            """)
    }

    /// Sets the naming rule of the connection (the policy's `repositories:`); the keys follow on the next read.
    static func setNaming(_ db: Database, _ naming: RepositoryNaming) throws {
        try db.execute(sql: "DELETE FROM repository_naming")
        try db.execute(sql: "INSERT OR REPLACE INTO repository_key_state (rowid, stamp) VALUES (1, 'stale')")
        try db.execute(sql: "INSERT INTO repository_naming (owner) VALUES (?)", arguments: [naming.owner])
        for (alias, target) in naming.aliases.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO repository_naming (alias, target) VALUES (?, ?)", arguments: [alias, target])
        }
    }

    /// The connection's naming rule (as ``setNaming(_:_:)`` left it).
    static func naming(_ db: Database) throws -> RepositoryNaming {
        var naming = RepositoryNaming()
        for row in try Row.fetchAll(db, sql: "SELECT owner, alias, target FROM repository_naming") {
            if let owner: String = row["owner"] { naming.owner = owner }
            if let alias: String = row["alias"], let target: String = row["target"] { naming.aliases[alias] = target }
        }
        return naming
    }

    /// A naming rule as one line of text (what the pull-request tier records it was made under).
    static func text(_ naming: RepositoryNaming) -> String {
        ([naming.owner ?? ""] + naming.aliases.sorted { $0.key < $1.key }.map { "\($0.key)\u{1F}\($0.value)" }).joined(separator: "\u{1E}")
    }

    /// The rule `text(_:)` wrote.
    static func naming(text: String) -> RepositoryNaming {
        var parts = text.components(separatedBy: "\u{1E}")
        let owner = parts.removeFirst()
        var aliases: [String: String] = [:]
        for part in parts {
            let pair = part.components(separatedBy: "\u{1F}")
            if pair.count == 2 { aliases[pair[0]] = pair[1] }
        }
        return RepositoryNaming(owner: owner.isEmpty ? nil : owner, aliases: aliases)
    }

    /// A digest of the keys and owners the connection resolves names to (after ``refresh(_:)``): equal
    /// digests place every repository in the same team.
    static func digest(_ db: Database) throws -> String {
        var hasher = StreamingSHA256()
        for sql in ["SELECT raw || '|' || COALESCE(key, '') || '|' || COALESCE(ambiguous, '') FROM repository_key ORDER BY raw",
                    "SELECT key || '|' || team || '|' || valid_from || '|' || COALESCE(valid_to, '') FROM repository_owner_key ORDER BY 1"] {
            let rows = try String.fetchCursor(db, sql: sql)
            while let line = try rows.next() {
                Array((line + "\n").utf8).withUnsafeBufferPointer { hasher.update($0) }
            }
        }
        return hasher.finalize()
    }

    /// Recomputes the keys if the store changed since they were made.
    static func refresh(_ db: Database) throws {
        let stamp = try String.fetchOne(db, sql: "SELECT total_changes() || '/' || (SELECT data_version FROM pragma_data_version)") ?? ""
        if try String.fetchOne(db, sql: "SELECT stamp FROM repository_key_state") == stamp { return }
        let naming = try naming(db)
        var raws = Set(try String.fetchAll(db, sql: "SELECT DISTINCT repository FROM repository_ownership"))
        for (table, column) in sources {
            raws.formUnion(try String.fetchAll(db, sql: "SELECT DISTINCT \(column) FROM \(table) WHERE \(column) IS NOT NULL"))
        }
        let resolved = RepositoryIdentity.resolve(raws, naming: naming)
        try db.execute(sql: "DELETE FROM repository_key; DELETE FROM repository_owner_key")
        for (raw, resolution) in resolved.sorted(by: { $0.key < $1.key }) {
            switch resolution {
            case .key(let key): try db.execute(sql: "INSERT INTO repository_key (raw, key) VALUES (?, ?)", arguments: [raw, key])
            case .ambiguous(_, let candidates):
                try db.execute(sql: "INSERT INTO repository_key (raw, key, ambiguous) VALUES (?, NULL, ?)", arguments: [raw, candidates.joined(separator: ", ")])
            }
        }
        try db.execute(sql: """
            INSERT INTO repository_owner_key (key, team, valid_from, valid_to)
            SELECT k.key, o.team, o.valid_from, o.valid_to FROM repository_ownership o JOIN repository_key k ON k.raw = o.repository WHERE k.key IS NOT NULL
            """)
        // The stamp as the next check will read it: this refresh's writes, and the one row written below
        // (a REPLACE that resolves a conflict counts as one change).
        let changes = try Int.fetchOne(db, sql: "SELECT total_changes()") ?? 0
        let version = try Int.fetchOne(db, sql: "SELECT data_version FROM pragma_data_version") ?? 0
        try db.execute(sql: "INSERT OR REPLACE INTO repository_key_state (rowid, stamp) VALUES (1, ?)", arguments: ["\(changes + 1)/\(version)"])
    }

    /// The team owning the repository `raw` on the day `dayExpression` (SQL), through the keys.
    /// `fallback` (SQL) is the key to use for a name the store does not hold (a caller's own text).
    static func ownerSQL(raw: String, day: String, fallback: String = "NULL") -> String {
        """
        (SELECT o.team FROM repository_owner_key o WHERE o.key = COALESCE((SELECT k.key FROM repository_key k WHERE k.raw = \(raw)), \(fallback))
           AND \(day) >= o.valid_from AND (o.valid_to IS NULL OR \(day) <= o.valid_to) ORDER BY o.valid_from DESC LIMIT 1)
        """
    }
}

extension StoreReading {
    /// Brings the connection's repository keys up to date; every read that joins repositories calls it first.
    func refreshRepositoryKeys() throws {
        try queue.inDatabase { db in try RepositoryKeys.refresh(db) }
    }

    /// Sets how this connection resolves repository names (the policy's `repositories:` section).
    public func useRepositoryNaming(_ naming: RepositoryNaming) throws {
        try queue.inDatabase { db in try RepositoryKeys.setNaming(db, naming) }
    }
}
