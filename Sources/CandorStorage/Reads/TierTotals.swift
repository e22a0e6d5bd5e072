import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreReading {
    /// Rows in the weekly tiers (tests and the transparency report).
    public func weeklyTierCounts() throws -> (enriched: Int, aggregate: Int) {
        try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM qdev_person_week") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM qdev_team_week") ?? 0)
        }
    }

    /// Σ accepted and Σ shown over a team's aggregate weeks (tests).
    public func aggregateTotals(team: String) throws -> (accepted: Int64, shown: Int64) {
        try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(accepted), 0), COALESCE(SUM(shown), 0) FROM qdev_team_week WHERE team = ?", arguments: [team])!
            return (row[0], row[1])
        }
    }
}
