import CandorPolicy
import CandorVocabulary
import GRDB

extension StoreWriter {
    /// Adds or replaces a Copilot seat, keyed by scope, holder and day assigned; `seen` (the day of the
    /// export that listed it) only moves forward.
    public func upsertCopilotSeat(_ seat: CopilotSeat, person: Pseudonym, seen: Day, sourceId: Int64) throws {
        if try erased(person.text) { return }
        // The seats tier: the quarter ends the seat can count on, to the last export that listed it.
        let had = try String.fetchOne(db, sql: "SELECT seen FROM \(t("copilot_seat")) WHERE scope = ? AND person = ? AND assigned = ?",
                                      arguments: [seat.scope, person.text, seat.assigned.iso8601]).flatMap(Day.parse)
        try markSeat(assigned: seat.assigned, seen: max(seen, had ?? seen))
        try db.cachedStatement(sql: """
            INSERT INTO \(t("copilot_seat")) (scope, person, assigned, seen, cancels, plan, assigning_team, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (scope, person, assigned) DO UPDATE SET seen = MAX(seen, excluded.seen), cancels = excluded.cancels,
              plan = excluded.plan, assigning_team = excluded.assigning_team, source_id = excluded.source_id
            """).execute(arguments: [seat.scope, person.text, seat.assigned.iso8601, seen.iso8601, seat.cancels?.iso8601,
                                     seat.plan, seat.assigningTeam, sourceId])
    }
}
