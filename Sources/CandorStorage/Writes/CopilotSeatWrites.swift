import CandorPolicy
import CandorVocabulary
import GRDB

extension StoreWriter {
    /// Adds or replaces a Copilot seat, keyed by scope, holder and day assigned.
    public func upsertCopilotSeat(_ seat: CopilotSeat, person: Pseudonym, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("copilot_seat")) (scope, person, assigned, updated, cancels, last_activity, plan, assigning_team, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (scope, person, assigned) DO UPDATE SET updated = excluded.updated, cancels = excluded.cancels,
              last_activity = excluded.last_activity, plan = excluded.plan, assigning_team = excluded.assigning_team, source_id = excluded.source_id
            """).execute(arguments: [seat.scope, person.text, seat.assigned.iso8601, seat.updated.iso8601, seat.cancels?.iso8601,
                                     seat.lastActivity?.iso8601, seat.plan, seat.assigningTeam, sourceId])
    }
}
