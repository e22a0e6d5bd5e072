/// Counters GitHub reports per user and day, overall and per feature.
public struct CopilotCounters: Sendable, Equatable {
    public var userInitiatedInteractions: Int64 = 0
    public var codeGenerations: Int64 = 0
    public var codeAcceptances: Int64 = 0
    public var locSuggestedToAdd: Int64 = 0
    public var locSuggestedToDelete: Int64 = 0
    public var locAdded: Int64 = 0
    public var locDeleted: Int64 = 0

    public init() {}

    /// The counters in storage order.
    public var values: [Int64] {
        [userInitiatedInteractions, codeGenerations, codeAcceptances, locSuggestedToAdd, locSuggestedToDelete, locAdded, locDeleted]
    }

    /// Storage column names, in the order of ``values``.
    public static let columnNames = ["interactions", "generations", "acceptances", "loc_suggested_add", "loc_suggested_delete", "loc_added", "loc_deleted"]

    /// The JSON field names, in the order of ``values``.
    public static let fieldNames = ["user_initiated_interaction_count", "code_generation_activity_count", "code_acceptance_activity_count",
                                    "loc_suggested_to_add_sum", "loc_suggested_to_delete_sum", "loc_added_sum", "loc_deleted_sum"]
}

/// One user's Copilot activity on one day, from the usage-metrics `users-1-day` report.
public struct CopilotUserDay: Sendable, Equatable {
    public var day: Day
    /// The GitHub login (the source id that is pseudonymised).
    public var login: SourcePersonID
    /// `org:<organization_id>` or `enterprise:<enterprise_id>`: the report's scope. The same user-day
    /// in an organisation report and an enterprise report are two scopes, stored apart.
    public var scope: String
    public var totals: CopilotCounters
    public var usedAgent: Bool
    public var usedChat: Bool
    public var usedCLI: Bool
    /// Per `feature` (`code_completion`, `chat_panel_agent_mode`, …), sorted by feature.
    public var features: [(feature: String, counters: CopilotCounters)]
    /// Whether the policy withheld the per-feature breakdown (`feature_breakdown`): the day then counts
    /// no suggestions or lines, as against a day whose export simply has no completion rows.
    public var featuresWithheld = false

    public static func == (a: CopilotUserDay, b: CopilotUserDay) -> Bool {
        a.day == b.day && a.login == b.login && a.scope == b.scope && a.totals == b.totals && a.usedAgent == b.usedAgent
            && a.featuresWithheld == b.featuresWithheld
            && a.usedChat == b.usedChat && a.usedCLI == b.usedCLI
            && a.features.map(\.feature) == b.features.map(\.feature) && a.features.map(\.counters) == b.features.map(\.counters)
    }

    public init(day: Day, login: SourcePersonID, scope: String, totals: CopilotCounters, usedAgent: Bool, usedChat: Bool, usedCLI: Bool, features: [(feature: String, counters: CopilotCounters)]) {
        self.day = day
        self.login = login
        self.scope = scope
        self.totals = totals
        self.usedAgent = usedAgent
        self.usedChat = usedChat
        self.usedCLI = usedCLI
        self.features = features
    }
}

/// One user's membership of one GitHub team on one day, from the `user-teams-1-day` report.
public struct CopilotUserTeam: Sendable, Equatable {
    public var day: Day
    public var login: SourcePersonID
    public var scope: String
    public var teamId: String
    public var slug: String

    public init(day: Day, login: SourcePersonID, scope: String, teamId: String, slug: String) {
        self.day = day
        self.login = login
        self.scope = scope
        self.teamId = teamId
        self.slug = slug
    }
}
