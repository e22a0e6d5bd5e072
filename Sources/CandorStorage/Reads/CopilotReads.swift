import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreReading {
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

extension StoreReading {
    /// Copilot seats held on `day`, per scope and plan: assigned on or before it, not yet ended (a seat
    /// whose cancellation date is `day` has ended), and listed by an export of that day or later (a seat
    /// no export since has listed may have been taken away). The licensed population adoption is measured against.
    public func copilotSeatHolders(on day: Day) throws -> [(scope: String, plan: String?, holders: Int)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT scope, plan, COUNT(DISTINCT person) AS holders FROM copilot_seat
                WHERE assigned <= ? AND (cancels IS NULL OR cancels > ?) AND seen >= ?
                GROUP BY scope, plan ORDER BY scope, plan
                """, arguments: [day.iso8601, day.iso8601, day.iso8601])
                .map { (scope: $0["scope"], plan: $0["plan"], holders: $0["holders"]) }
        }
    }
}

