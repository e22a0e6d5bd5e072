import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Stores a Kiro user-report row under `person`, replacing one for the same day, person and client.
    public func upsertKiroUserDay(_ row: KiroUserReportRecord, person: Pseudonym, sourceId: Int64) throws {
        if try erased(person.text) { return }
        let person = person.text
        try markAssistantDay(row.day)
        try db.cachedStatement(sql: """
            INSERT INTO \(t("kiro_user_day")) (day, person, client_type, chat_conversations, total_messages, credits_used, overage_credits_used, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, person, client_type) DO UPDATE SET chat_conversations = excluded.chat_conversations,
              total_messages = excluded.total_messages, credits_used = excluded.credits_used,
              overage_credits_used = excluded.overage_credits_used, source_id = excluded.source_id
            """).execute(arguments: [row.day.iso8601, person, row.clientType, row.chatConversations, row.totalMessages,
                                     row.creditsUsed, row.overageCreditsUsed, sourceId])
    }
}

extension StoreWriter {
    /// Stores a generic assistant-usage row under `person`, replacing one for the same day, person and tool.
    public func upsertAssistantUsageDay(_ row: AssistantUsageRecord, person: Pseudonym, sourceId: Int64) throws {
        if try erased(person.text) { return }
        try markAssistantDay(row.day)
        try db.cachedStatement(sql: """
            INSERT INTO \(t("assistant_usage_day")) (day, person, tool, shown, accepted, lines, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, person, tool) DO UPDATE SET shown = excluded.shown, accepted = excluded.accepted, lines = excluded.lines,
              source_id = excluded.source_id
            """).execute(arguments: [row.day.iso8601, person.text, row.tool, row.shown, row.accepted, row.lines, sourceId])
    }
}
