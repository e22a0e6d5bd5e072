import GRDB
import GRDBSQLite

/// Binds a hot write's values straight into SQLite, in order, without boxing them as
/// `StatementArguments` (an array of existentials converted to `DatabaseValue`s per row).
///
/// Ingest stores one row per pull request, review, comment and Copilot user-day: at 10,000 people that
/// is over half a million rows, and the boxing, the per-row SQL text and its look-up in GRDB's
/// statement cache were a fifth of the GitHub ingest's time. With ``StoreWriter/prepared(_:_:)`` a
/// hot write makes its SQL once per transaction and binds here. Values are stored exactly as GRDB
/// stores them: text copied (`SQLITE_TRANSIENT`), integers and booleans as 64-bit integers, nil as NULL.
///
/// With `ActivityUpserter.swift`, the only places candor calls the SQLite C API itself.
struct RowBinder {
    fileprivate let handle: OpaquePointer
    fileprivate var index: Int32 = 1
    fileprivate var code = SQLITE_OK

    fileprivate init(_ handle: OpaquePointer) { self.handle = handle }

    mutating func text(_ value: String?) {
        guard code == SQLITE_OK else { return }
        if let value {
            // A native string is stored NUL-terminated, so this lends its bytes without a copy; an empty
            // string binds '' (never NULL).
            code = value.withCString { sqlite3_bind_text(handle, index, $0, -1, SQLITE_TRANSIENT) }
        } else {
            code = sqlite3_bind_null(handle, index)
        }
        index += 1
    }

    mutating func int(_ value: Int64?) {
        guard code == SQLITE_OK else { return }
        code = value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index)
        index += 1
    }

    mutating func bool(_ value: Bool?) { int(value.map { $0 ? 1 : 0 }) }

    mutating func ints(_ values: [Int64]) { for v in values { int(v) } }
}

extension Statement {
    /// Binds every parameter through `bind`, in order, and runs the statement to completion.
    /// Throws the database's error (a constraint, a full disk) as GRDB would; binding fewer or more
    /// values than the statement has parameters is a programming error and stops.
    func run(in db: Database, _ bind: (inout RowBinder) -> Void) throws {
        let handle = sqliteStatement
        var binder = RowBinder(handle)
        bind(&binder)
        precondition(binder.code != SQLITE_OK || binder.index - 1 == sqlite3_bind_parameter_count(handle),
                     "bound \(binder.index - 1) of \(sqlite3_bind_parameter_count(handle)) parameters: \(sql)")
        var code = binder.code
        if code == SQLITE_OK {
            code = sqlite3_step(handle)
            if code == SQLITE_DONE || code == SQLITE_ROW { code = SQLITE_OK }
        }
        let reset = sqlite3_reset(handle)
        guard code == SQLITE_OK, reset == SQLITE_OK else {
            let failing = code == SQLITE_OK ? reset : code
            throw DatabaseError(resultCode: ResultCode(rawValue: failing),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
    }
}

/// SQLite's "copy the bytes now" destructor (SQLITE_TRANSIENT is a C macro Swift cannot import).
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
