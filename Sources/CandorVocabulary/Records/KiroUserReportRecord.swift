/// One row of the Kiro per-client `user_report` CSV: one person, one day, one client type.
public struct KiroUserReportRecord: Sendable, Equatable {
    public var day: Day
    public var userId: SourcePersonID
    /// `KIRO_IDE`, `KIRO_CLI`, `PLUGIN`, …
    public var clientType: String
    public var chatConversations: Int64
    public var totalMessages: Int64
    public var creditsUsed: Double
    public var overageCreditsUsed: Double

    public init(day: Day, userId: SourcePersonID, clientType: String, chatConversations: Int64, totalMessages: Int64, creditsUsed: Double, overageCreditsUsed: Double) {
        self.day = day
        self.userId = userId
        self.clientType = clientType
        self.chatConversations = chatConversations
        self.totalMessages = totalMessages
        self.creditsUsed = creditsUsed
        self.overageCreditsUsed = overageCreditsUsed
    }
}
