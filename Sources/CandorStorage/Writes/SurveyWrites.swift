import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Stores an anonymous survey response (idempotent by its content key).
    public func upsertSurveyResponse(_ r: SurveyResponse, sourceId: Int64) throws {
        // The survey tier: the response's part, and the part it had if a later file moved it.
        if let had = try Row.fetchOne(db, sql: "SELECT day FROM \(t("survey_response")) WHERE response_key = ?", arguments: [r.key]) {
            try markSurveyDay((had["day"] as String?).flatMap(Day.parse))
        }
        try markSurveyDay(r.day)
        try db.cachedStatement(sql: """
            INSERT INTO \(t("survey_response")) (response_key, team, day, source_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (response_key) DO UPDATE SET team = excluded.team, day = excluded.day, source_id = excluded.source_id
            """).execute(arguments: [r.key, r.team, r.day?.iso8601, sourceId])
        try db.cachedStatement(sql: "DELETE FROM \(t("survey_answer")) WHERE response_key = ?").execute(arguments: [r.key])
        let insert = try db.cachedStatement(sql: "INSERT INTO \(t("survey_answer")) (response_key, item, value) VALUES (?, ?, ?)")
        for a in r.answers { try insert.execute(arguments: [r.key, a.item, a.value]) }
    }
}
