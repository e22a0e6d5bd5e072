/// One day of the legacy GitHub Copilot metrics API for an organisation, enterprise or team.
///
/// There is no person-level data in this format: it is stored at scope × day grain only.
public struct CopilotScopeDay: Sendable, Equatable {
    public var day: Day
    /// What the file covers, given with `--scope` (e.g. `org:acme`, `team:frontend`); GitHub does not say inside the file.
    public var scope: String
    public var activeUsers: Int64
    public var engagedUsers: Int64
    /// Sums over the leaf `editors[].models[].languages[]` of `copilot_ide_code_completions`.
    public var completionSuggestions: Int64 = 0
    public var completionAcceptances: Int64 = 0
    public var linesSuggested: Int64 = 0
    public var linesAccepted: Int64 = 0
    /// Sums over `copilot_ide_chat.editors[].models[]`.
    public var ideChats: Int64 = 0
    public var ideChatInsertions: Int64 = 0
    public var ideChatCopies: Int64 = 0
    /// Sums over `copilot_dotcom_chat.models[]` and `copilot_dotcom_pull_requests.repositories[].models[]`.
    public var dotcomChats: Int64 = 0
    public var pullRequestSummaries: Int64 = 0

    /// Storage order of the counters.
    public var values: [Int64] {
        [activeUsers, engagedUsers, completionSuggestions, completionAcceptances, linesSuggested, linesAccepted,
         ideChats, ideChatInsertions, ideChatCopies, dotcomChats, pullRequestSummaries]
    }

    /// Storage column names, in the order of ``values``.
    public static let columnNames = ["active_users", "engaged_users", "completion_suggestions", "completion_acceptances",
                                     "lines_suggested", "lines_accepted", "ide_chats", "ide_chat_insertions", "ide_chat_copies",
                                     "dotcom_chats", "pull_request_summaries"]

    public init(day: Day, scope: String, activeUsers: Int64, engagedUsers: Int64, completionSuggestions: Int64 = 0, completionAcceptances: Int64 = 0, linesSuggested: Int64 = 0, linesAccepted: Int64 = 0, ideChats: Int64 = 0, ideChatInsertions: Int64 = 0, ideChatCopies: Int64 = 0, dotcomChats: Int64 = 0, pullRequestSummaries: Int64 = 0) {
        self.day = day
        self.scope = scope
        self.activeUsers = activeUsers
        self.engagedUsers = engagedUsers
        self.completionSuggestions = completionSuggestions
        self.completionAcceptances = completionAcceptances
        self.linesSuggested = linesSuggested
        self.linesAccepted = linesAccepted
        self.ideChats = ideChats
        self.ideChatInsertions = ideChatInsertions
        self.ideChatCopies = ideChatCopies
        self.dotcomChats = dotcomChats
        self.pullRequestSummaries = pullRequestSummaries
    }
}
