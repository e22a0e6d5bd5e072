import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Stores a Copilot user-day under `person` (a pseudonym), replacing any earlier row for the same
    /// day, person and scope together with its per-feature rows.
    public func upsertCopilotUserDay(_ row: CopilotUserDay, person: Pseudonym, sourceId: Int64) throws {
        if try erased(person.text) { return }
        let person = person.text
        try markAssistantDay(row.day)
        let columns = CopilotCounters.columnNames
        let day = row.day.iso8601
        try prepared(.copilotUserDay) { """
            INSERT INTO \(t("copilot_user_day")) (day, person, scope, \(columns.joined(separator: ", ")), used_agent, used_chat, used_cli, features_withheld, source_id)
            VALUES (?, ?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?, ?, ?, ?, ?)
            ON CONFLICT (day, person, scope) DO UPDATE SET
            \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")),
            used_agent = excluded.used_agent, used_chat = excluded.used_chat, used_cli = excluded.used_cli,
            features_withheld = excluded.features_withheld, source_id = excluded.source_id
            """ }.run(in: db) { b in
            b.text(day); b.text(person); b.text(row.scope); b.ints(row.totals.values)
            b.bool(row.usedAgent); b.bool(row.usedChat); b.bool(row.usedCLI); b.bool(row.featuresWithheld); b.int(sourceId)
        }
        try prepared(.copilotFeatureDelete) { "DELETE FROM \(t("copilot_user_feature_day")) WHERE day = ? AND person = ? AND scope = ?" }
            .run(in: db) { b in b.text(day); b.text(person); b.text(row.scope) }
        let insert = try prepared(.copilotFeatureInsert) { """
            INSERT INTO \(t("copilot_user_feature_day")) (day, person, scope, feature, \(columns.joined(separator: ", ")), source_id)
            VALUES (?, ?, ?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)
            """ }
        for (feature, counters) in row.features {
            try insert.run(in: db) { b in b.text(day); b.text(person); b.text(row.scope); b.text(feature); b.ints(counters.values); b.int(sourceId) }
        }
    }

    /// Stores a legacy-API day for a scope, replacing an earlier one for the same day and scope.
    public func upsertCopilotScopeDay(_ row: CopilotScopeDay, sourceId: Int64) throws {
        let columns = CopilotScopeDay.columnNames
        try db.cachedStatement(sql: """
            INSERT INTO \(t("copilot_scope_day")) (day, scope, \(columns.joined(separator: ", ")), source_id)
            VALUES (?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)
            ON CONFLICT (day, scope) DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")), source_id = excluded.source_id
            """).execute(arguments: StatementArguments([row.day.iso8601, row.scope] as [any DatabaseValueConvertible] + row.values + [sourceId]))
    }

    /// Stores a Copilot user-team membership for a day (idempotent).
    public func upsertCopilotUserTeam(_ row: CopilotUserTeam, person: Pseudonym, sourceId: Int64) throws {
        if try erased(person.text) { return }
        let person = person.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("copilot_user_team_day")) (day, person, scope, team_id, team_slug, source_id) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, person, scope, team_id) DO UPDATE SET team_slug = excluded.team_slug, source_id = excluded.source_id
            """).execute(arguments: [row.day.iso8601, person, row.scope, row.teamId, row.slug, sourceId])
    }
}
