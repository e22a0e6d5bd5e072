import CandorPolicy
import CandorVocabulary
import GRDB
import GRDBSQLite

/// A prepared statement that upserts Q Developer activity rows, binding values straight into
/// SQLite: ingest runs it once per person-day, so it avoids boxing 47 values per row.
///
/// With `SQLiteBinding.swift`, the only places candor calls the SQLite C API itself; everything else
/// goes through GRDB.
public struct ActivityUpserter {
    let statement: Statement
    let insertNew: Statement
    let previous: Statement
    let database: Database
    /// The dataset file the rows go to.
    let dataset: Dataset?
    /// Changes to the enriched tier (person × week) made by this file's rows, applied at the end.
    let deltas = WeekDeltas()

    /// Per (week, person): the change in active days, accepted and shown. Flushed to the enriched
    /// tier whenever it holds ``WeekDeltas/flushThreshold`` entries, so memory stays bounded.
    final class WeekDeltas {
        struct Key: Hashable { var week: Int; var slot: Int }
        var values: [Key: (person: String, days: Int64, accepted: Int64, shown: Int64)] = [:]
        /// Weeks already flushed, for the aggregate refresh at the end of the file.
        var flushedWeeks: Set<String> = []
        static let flushThreshold = 50_000
    }
    /// Rows arrive grouped by day: the day's text is made once per day, not once per row.
    private let dayText = DayTextCache()

    final class DayTextCache {
        var day = Int.min
        var text = ""
        func text(for d: Day) -> String {
            if d.dayNumber != day { day = d.dayNumber; text = d.iso8601 }
            return text
        }
    }

    /// The week parts this file's rows touch, for the assistants' tier.
    let marks: TierMarks

    init(statement: Statement, insertNew: Statement, previous: Statement, database: Database, dataset: Dataset?, marks: TierMarks) throws {
        self.dataset = dataset
        self.marks = marks
        self.statement = statement
        self.insertNew = insertNew
        self.previous = previous
        self.database = database
        let expected = QDeveloperMetric.allCases.count + 3
        precondition(sqlite3_bind_parameter_count(statement.sqliteStatement) == Int32(expected))
    }

    /// Stores one row under `person` (a pseudonym, never a source id).
    /// `slot` is a number that stands for `person` within this file (it keys the weekly changes).
    public func upsert(day: Day, person: Pseudonym, slot: Int, counts: [Int64], sourceId: Int64) throws {
        let person = person.text
        if try StoreWriter(db: database, dataset: dataset, marks: marks).erased(person) { return }
        // The common case is a new (day, person): one INSERT that does nothing on conflict. Only when
        // the row exists are its old values read (for the weekly tier) and the row replaced.
        var old: (Int64, Int64)?
        if try !bindAndStep(insertNew, day: day, person: person, counts: counts, sourceId: sourceId) {
            let p = previous.sqliteStatement
            _ = dayText.text(for: day).withCString { sqlite3_bind_text(p, 1, $0, -1, SQLITE_TRANSIENT) }
            _ = person.withCString { sqlite3_bind_text(p, 2, $0, -1, SQLITE_TRANSIENT) }
            if sqlite3_step(p) == SQLITE_ROW { old = (sqlite3_column_int64(p, 0), sqlite3_column_int64(p, 1)) }
            sqlite3_reset(p)
            _ = try bindAndStep(statement, day: day, person: person, counts: counts, sourceId: sourceId)
        }
        try StoreWriter(db: database, dataset: dataset, marks: marks).markAssistantDay(day)
        let key = WeekDeltas.Key(week: day.isoWeekStart.dayNumber, slot: slot)
        let accepted = max(0, counts[QDeveloperMetric.acceptedIndex]), shown = max(0, counts[QDeveloperMetric.shownIndex])
        var d = deltas.values[key] ?? (person, 0, 0, 0)
        d.days += old == nil ? 1 : 0
        d.accepted += accepted - (old?.0 ?? 0)
        d.shown += shown - (old?.1 ?? 0)
        deltas.values[key] = d
        if deltas.values.count >= WeekDeltas.flushThreshold {
            try StoreWriter(db: database, dataset: dataset).flushPersonWeeks(self)
        }
    }

    /// Applies this file's changes to the person-week tier, then refreshes the team weeks they touch
    /// (the team-week tier keeps only what `consent` allows).
    public func finish(consent: ConsentRule?) throws {
        try StoreWriter(db: database, dataset: dataset).applyWeeklyDeltas(self, consent: consent)
    }

    /// Binds one row to `statement` and runs it; returns whether it changed a row.
    private func bindAndStep(_ statement: Statement, day: Day, person: String, counts: [Int64], sourceId: Int64) throws -> Bool {
        let s = statement.sqliteStatement
        var code = dayText.text(for: day).withCString { sqlite3_bind_text(s, 1, $0, -1, SQLITE_TRANSIENT) }
        if code == SQLITE_OK { code = person.withCString { sqlite3_bind_text(s, 2, $0, -1, SQLITE_TRANSIENT) } }
        var index: Int32 = 3
        for value in counts where code == SQLITE_OK {
            // A count the policy withholds is stored as NULL (unknown), never as 0.
            code = value < 0 ? sqlite3_bind_null(s, index) : sqlite3_bind_int64(s, index, value)
            index += 1
        }
        if code == SQLITE_OK { code = sqlite3_bind_int64(s, index, sourceId) }
        if code == SQLITE_OK {
            code = sqlite3_step(s)
            if code == SQLITE_DONE { code = SQLITE_OK }
        }
        let reset = sqlite3_reset(s)
        guard code == SQLITE_OK, reset == SQLITE_OK else {
            let failing = code == SQLITE_OK ? reset : code
            throw DatabaseError(resultCode: ResultCode(rawValue: failing),
                                message: String(cString: sqlite3_errmsg(database.sqliteConnection)),
                                sql: statement.sql)
        }
        return sqlite3_changes(database.sqliteConnection) > 0
    }
}
