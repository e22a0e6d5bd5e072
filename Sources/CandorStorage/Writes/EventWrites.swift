import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Stores an event (idempotent by its key) with its kept attributes, under a pseudonymous actor.
    public func upsertEvent(_ e: ToolEvent, person: Pseudonym?, sourceId: Int64) throws {
        if let person, try erased(person.text) { return }
        let person = person?.text
        // The events tier: the quarters the event's day (and the day it had, if a later file moved it) can change.
        let linking = ToolEvent.figureTypes
        if let had = try Row.fetchOne(db.cachedStatement(sql: "SELECT type, time FROM \(t("tool_event")) WHERE event_key = ?"), arguments: [e.key]),
           linking.contains(had["type"] as String), let day = Day.parse(String((had["time"] as String).prefix(10))) {
            try markEventDay(day)
        }
        if linking.contains(e.type), let day = Day.parse(String(Timestamp.iso8601(seconds: e.time).prefix(10))) { try markEventDay(day) }
        try db.cachedStatement(sql: """
            INSERT INTO \(t("tool_event")) (event_key, type, time, person, source_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (event_key) DO UPDATE SET type = excluded.type, time = excluded.time, person = excluded.person, source_id = excluded.source_id
            """).execute(arguments: [e.key, e.type, Timestamp.iso8601(seconds: e.time), person, sourceId])
        try db.cachedStatement(sql: "DELETE FROM \(t("tool_event_attribute")) WHERE event_key = ?").execute(arguments: [e.key])
        let insert = try db.cachedStatement(sql: "INSERT INTO \(t("tool_event_attribute")) (event_key, name, value) VALUES (?, ?, ?)")
        for a in e.attributes { try insert.execute(arguments: [e.key, a.name, a.value]) }
    }
}
