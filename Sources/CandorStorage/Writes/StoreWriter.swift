import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

/// Writes inside one ``CandorStore/transaction(_:)``.
public struct StoreWriter {
    let db: Database
    /// The dataset file that receives telemetry records; nil when the transaction writes none.
    let dataset: Dataset?
    /// The week parts this transaction has marked for the tiers' refresh (shared by copies).
    let marks: TierMarks

    init(db: Database, dataset: Dataset? = nil, marks: TierMarks = TierMarks()) {
        self.db = db
        self.dataset = dataset
        self.marks = marks
    }

    /// `table` in the writer's dataset file. Without a dataset the name is left bare, which resolves
    /// to a read-only view: a telemetry write outside a dataset fails instead of landing anywhere.
    func t(_ table: String) -> String {
        dataset.map { "\($0.rawValue).\(table)" } ?? table
    }

    /// The statement of a hot write (one run per record), made once per transaction: `sql` is called
    /// the first time only, so a record neither rebuilds the SQL text nor hashes it into GRDB's cache.
    func prepared(_ kind: HotWrite.Kind, in file: Dataset? = nil, _ sql: () -> String) throws -> Statement {
        let key = HotWrite(kind: kind, dataset: file ?? dataset)
        if let statement = marks.statements[key] { return statement }
        let statement = try db.cachedStatement(sql: sql())
        marks.statements[key] = statement
        return statement
    }

    /// Whether `person` (a pseudonym) was erased (`candor erase`): a write of their record then stores
    /// nothing and counts it, so no export, directory or registry read again brings them back.
    func erased(_ person: String) throws -> Bool {
        if marks.erased == nil { marks.erased = Set(try String.fetchAll(db, sql: "SELECT person FROM erased_person")) }
        guard !marks.erased!.isEmpty, marks.erased!.contains(person) else { return false }
        marks.erasedRecords += 1
        return true
    }

    /// Records this transaction read and did not store because their person was erased.
    public var erasedRecords: Int { marks.erasedRecords }

    /// The source file already stored with this content hash, if any.
    ///
    /// A telemetry file counts as stored only when its dataset file says so too: the main and dataset
    /// files commit one after the other, so a crash between them leaves the file to be read again.
    public func sourceFile(sha256: String) throws -> SourceFileSummary? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT path, format, rows, dataset FROM source_file WHERE sha256 = ?"), arguments: [sha256]) else {
            return nil
        }
        if (row["dataset"] as String?) != nil,
           try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM dataset_source WHERE sha256 = ?)"), arguments: [sha256]) != true {
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
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM source_file WHERE sha256 = ?"), arguments: [sha256]) {
            try db.cachedStatement(sql: "UPDATE source_file SET path = ?, format = ?, ingested_at = ?, dataset = ?, category = ? WHERE id = ?")
                .execute(arguments: [path, format.rawValue, ingestedAt, dataset?.rawValue, category, existing])
            return existing
        }
        try db.cachedStatement(sql: "INSERT INTO source_file (sha256, path, format, bytes, ingested_at, dataset, category) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [sha256, path, format.rawValue, bytes, ingestedAt, dataset?.rawValue, category])
        return db.lastInsertedRowID
    }

    /// Records how many records of a file had each field left out by the policy (replacing an earlier count).
    public func replaceFieldDrops(sourceId: Int64, drops: [String: Int]) throws {
        try db.cachedStatement(sql: "DELETE FROM field_drop WHERE source_id = ?").execute(arguments: [sourceId])
        for (field, records) in drops.sorted(by: { $0.key < $1.key }) {
            try db.cachedStatement(sql: "INSERT INTO field_drop (source_id, field, records) VALUES (?, ?, ?)").execute(arguments: [sourceId, field, records])
        }
    }

    /// Completes a file's record once all its rows are in.
    public func finishSource(id: Int64, rows: Int, ignoredColumns: [String], warnings: Int, rejectedRows: Int = 0) throws {
        try db.cachedStatement(sql: "UPDATE source_file SET rows = ?, ignored_columns = ?, warnings = ?, rejected_rows = ? WHERE id = ?")
            .execute(arguments: [rows, ignoredColumns.joined(separator: ","), warnings, rejectedRows, id])
        if dataset != nil {
            try db.cachedStatement(sql: "INSERT INTO \(t("dataset_source")) (sha256, source_id) SELECT sha256, id FROM source_file WHERE id = ? ON CONFLICT (sha256) DO NOTHING")
                .execute(arguments: [id])
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
                                    database: db, dataset: dataset, marks: marks)
    }

    /// Whether `alias` is stored for another person than `person`.
    public func aliasBelongsToAnother(_ alias: Pseudonym, than person: Pseudonym) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM person_alias WHERE alias = ? AND person <> ?)"),
                          arguments: [alias.text, person.text]) ?? false
    }

    /// Records that `alias` (a pseudonymous id in another tool) is `person`.
    public func upsertPersonAlias(alias: Pseudonym, person: Pseudonym, sourceId: Int64) throws {
        let (alias, person) = (alias.text, person.text)
        if try erased(person) || erased(alias) { return }
        try db.cachedStatement(sql: """
            INSERT INTO person_alias (alias, person, source_id) VALUES (?, ?, ?)
            ON CONFLICT (alias) DO UPDATE SET person = excluded.person, source_id = excluded.source_id
            """).execute(arguments: [alias, person, sourceId])
    }

    /// The table and subject column of a directory's intervals.
    static func intervalTable(_ subject: DirectorySubject) -> (table: String, column: String) {
        subject == .people ? ("membership_interval", "person") : ("repository_ownership", "repository")
    }

    /// Records that a person moved on `day` from `prior` to `team` (either may be nil: a change that
    /// names neither moves nobody), and re-derives their memberships.
    public func upsertMembershipChange(person: Pseudonym, day: Day, team: String?, prior: String?, department: String?, sourceId: Int64) throws {
        if try erased(person.text) { return }
        try db.cachedStatement(sql: """
            INSERT INTO membership_change (person, day, team, prior_team, department, source_id) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (person, day) DO UPDATE SET team = excluded.team, prior_team = excluded.prior_team, department = excluded.department,
              source_id = excluded.source_id
            """).execute(arguments: [person.text, day.iso8601, team, prior, department, sourceId])
        try rederiveMemberships(person: person.text)
    }

    /// A person's memberships as candor reads them: the directory's intervals, split at each change
    /// (latest first). A change on a day inside an interval of another team than its new one moves the
    /// person from that day (a directory as of an earlier date); a change to the interval's own team,
    /// with a prior team, says where the person was before that day (a snapshot of today, as HR systems
    /// export). A change outside every interval, or that names no team, changes nothing: the
    /// directory's own dates say when people join and leave.
    func rederiveMemberships(person: String) throws {
        struct Interval { var team: String; var from: Day; var to: Day?; var department: String?; var teamEmail: String?; var source: Int64 }
        var intervals = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT team, valid_from, valid_to, department, team_email, source_id FROM membership_interval WHERE person = ? ORDER BY valid_from
            """), arguments: [person]).compactMap { row -> Interval? in
            guard let from = Day.parse(row["valid_from"] as String) else { return nil }
            return Interval(team: row["team"], from: from, to: (row["valid_to"] as String?).flatMap(Day.parse), department: row["department"],
                            teamEmail: row["team_email"], source: row["source_id"])
        }
        for change in try Row.fetchAll(db.cachedStatement(sql: "SELECT day, team, prior_team, department, source_id FROM membership_change WHERE person = ? ORDER BY day DESC"),
                                       arguments: [person]) {
            guard let day = Day.parse(change["day"] as String),
                  let i = intervals.firstIndex(where: { $0.from <= day && ($0.to.map { day <= $0 } ?? true) }) else { continue }
            let team = (change["team"] as String?).flatMap { $0.isEmpty ? nil : $0 }, prior = (change["prior_team"] as String?).flatMap { $0.isEmpty ? nil : $0 }
            var before = intervals[i], after = intervals[i]
            if let team, team != intervals[i].team {
                after.team = team
                after.department = change["department"]
                after.teamEmail = nil
                after.source = change["source_id"]
            } else if let prior, prior != intervals[i].team, intervals[i].from < day {
                before.team = prior
                before.department = nil
                before.teamEmail = nil
                before.source = change["source_id"]
            } else {
                continue
            }
            guard intervals[i].from < day else { intervals[i] = after; continue }
            before.to = day.adding(days: -1)
            after.from = day
            intervals[i] = before
            intervals.insert(after, at: i + 1)
        }
        try db.cachedStatement(sql: "DELETE FROM team_membership WHERE person = ?").execute(arguments: [person])
        for m in intervals {
            try db.cachedStatement(sql: """
                INSERT INTO team_membership (person, team, valid_from, valid_to, department, team_email, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [person, m.team, m.from.iso8601, m.to?.iso8601, m.department, m.teamEmail, m.source])
        }
    }

    /// Adds or replaces a team interval of a person (a pseudonym) or repository, keyed by subject and start day.
    public func upsertInterval(_ member: IntervalMember, team: String, from: Day, to: Day?, department: String? = nil,
                               teamEmail: String? = nil, sourceId: Int64) throws {
        let (subject, id) = (member.subject, member.storedKey)
        let (table, column) = Self.intervalTable(subject)
        if subject == .people, try erased(id) { return }
        if subject == .people {
            // What the directory said; the memberships candor reads follow from it and the changes.
            try db.cachedStatement(sql: """
                INSERT INTO membership_interval (person, team, valid_from, valid_to, department, team_email, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person, valid_from) DO UPDATE SET team = excluded.team, valid_to = excluded.valid_to,
                  department = excluded.department, team_email = excluded.team_email, source_id = excluded.source_id
                """).execute(arguments: [id, team, from.iso8601, to?.iso8601, department, teamEmail, sourceId])
            try rederiveMemberships(person: id)
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
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT team, valid_from FROM \(table)
            WHERE \(column) = ? AND valid_from <> ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
            ORDER BY valid_from LIMIT 1
            """), arguments: [id, from.iso8601, to?.iso8601 ?? "9999-12-31", from.iso8601])
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

extension StoreWriter {
    /// The consent registry's objections to `programme`, for the ingest gate: every status change of
    /// every person in it, under their own pseudonym and each alias the directory lists for them (a
    /// registry row keyed by an alias counts for the person behind it too).
    public func objectionCalendar(programme: String) throws -> ObjectionCalendar {
        var changes: [String: [(day: Day, objecting: Bool)]] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT COALESCE(a.person, c.person) AS person, c.effective AS effective, c.status AS status
            FROM consent c LEFT JOIN person_alias a ON a.alias = c.person WHERE c.programme = ?
            ORDER BY 1, 2
            """, arguments: [programme])
        guard !rows.isEmpty else { return .none }
        var aliases: [String: [String]] = [:]
        // Only the aliases of people the registry names (not the whole directory's, for every file).
        for row in try Row.fetchAll(db, sql: """
            SELECT person, alias FROM person_alias WHERE person IN (
              SELECT COALESCE(a.person, c.person) FROM consent c LEFT JOIN person_alias a ON a.alias = c.person WHERE c.programme = ?)
            """, arguments: [programme]) {
            aliases[row["person"], default: []].append(row["alias"])
        }
        for row in rows {
            guard let day = Day.parse(row["effective"] as String), let status = ConsentStatus(rawValue: row["status"]) else { continue }
            let person: String = row["person"]
            for id in [person] + (aliases[person] ?? []) { changes[id, default: []].append((day, status.objects)) }
        }
        return ObjectionCalendar(changes: changes)
    }
}
