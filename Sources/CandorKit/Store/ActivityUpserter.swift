import GRDB
import GRDBSQLite

/// A prepared statement that upserts Q Developer activity rows, binding values straight into
/// SQLite: ingest runs it once per person-day, so it avoids boxing 47 values per row.
///
/// The only place candor calls the SQLite C API itself; everything else goes through GRDB.
public struct ActivityUpserter {
    let statement: Statement
    let database: Database
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

    init(statement: Statement, database: Database) throws {
        self.statement = statement
        self.database = database
        let expected = QDeveloperMetric.allCases.count + 3
        precondition(sqlite3_bind_parameter_count(statement.sqliteStatement) == Int32(expected))
    }

    /// Stores one row under `person` (a pseudonym, never a source id).
    public func upsert(day: Day, person: String, counts: [Int64], sourceId: Int64) throws {
        let s = statement.sqliteStatement
        var code = dayText.text(for: day).withCString { sqlite3_bind_text(s, 1, $0, -1, SQLITE_TRANSIENT) }
        if code == SQLITE_OK { code = person.withCString { sqlite3_bind_text(s, 2, $0, -1, SQLITE_TRANSIENT) } }
        var index: Int32 = 3
        for value in counts where code == SQLITE_OK {
            code = sqlite3_bind_int64(s, index, value)
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
    }
}

/// SQLite's "copy the bytes now" destructor (SQLITE_TRANSIENT is a C macro Swift cannot import).
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
