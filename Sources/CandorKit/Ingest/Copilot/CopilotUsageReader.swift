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

    mutating func read(_ fields: inout JSONFields) {
        var read: [Int64] = []
        for name in Self.fieldNames { read.append(fields.count(name) ?? 0) }
        (userInitiatedInteractions, codeGenerations, codeAcceptances, locSuggestedToAdd, locSuggestedToDelete, locAdded, locDeleted)
            = (read[0], read[1], read[2], read[3], read[4], read[5], read[6])
    }
}

/// One user's Copilot activity on one day, from the usage-metrics `users-1-day` report.
public struct CopilotUserDay: Sendable, Equatable {
    public var day: Day
    /// The GitHub login (the source id that is pseudonymised).
    public var login: String
    /// `org:<organization_id>` or `enterprise:<enterprise_id>`: the report's scope. The same user-day
    /// in an organisation report and an enterprise report are two scopes, stored apart.
    public var scope: String
    public var totals: CopilotCounters
    public var usedAgent: Bool
    public var usedChat: Bool
    public var usedCLI: Bool
    /// Per `feature` (`code_completion`, `chat_panel_agent_mode`, …), sorted by feature.
    public var features: [(feature: String, counters: CopilotCounters)]

    public static func == (a: CopilotUserDay, b: CopilotUserDay) -> Bool {
        a.day == b.day && a.login == b.login && a.scope == b.scope && a.totals == b.totals && a.usedAgent == b.usedAgent
            && a.usedChat == b.usedChat && a.usedCLI == b.usedCLI
            && a.features.map(\.feature) == b.features.map(\.feature) && a.features.map(\.counters) == b.features.map(\.counters)
    }
}

/// One user's membership of one GitHub team on one day, from the `user-teams-1-day` report.
public struct CopilotUserTeam: Sendable, Equatable {
    public var day: Day
    public var login: String
    public var scope: String
    public var teamId: String
    public var slug: String
}

/// Decodes GitHub Copilot usage-metrics report rows.
///
/// Accepts the NDJSON files the report endpoints link to (one row per line) and the JSON-wrapped
/// variant (`{"report_start_day": …, "day_totals": [rows]}`) published with GitHub's
/// copilot-metrics-viewer. Unknown fields are ignored, so newer reports keep working.
public enum CopilotUsageReader {
    /// Rows are each top-level value (NDJSON) or the elements of `day_totals` (wrapped).
    public static let recordPatterns: [[JSONPathPattern]] = [[], [.key("day_totals"), .anyIndex]]

    /// Longest feature name kept.
    static let maxFeatureLength = 64

    static func scope(_ fields: inout JSONFields) -> String? {
        if let org = fields.identifier("organization_id", required: false) { return "org:" + org }
        if let ent = fields.identifier("enterprise_id", required: false) { return "enterprise:" + ent }
        fields.diagnostics.append(Diagnostic(.error, file: fields.file, line: fields.node.line, column: fields.node.column, code: "COP001",
                                             message: "\(fields.path): neither organization_id nor enterprise_id is present",
                                             hint: "the report row must say which organisation or enterprise it covers"))
        return nil
    }

    static func login(_ fields: inout JSONFields) -> String? {
        guard let login = fields.string("user_login", maxLength: 100) else { return nil }
        if login.isEmpty {
            fields.diagnostics.append(Diagnostic(.error, file: fields.file, line: fields.node.line, column: fields.node.column, code: "COP002",
                                                 message: "\(fields.path).user_login is empty", hint: "every row names its user"))
            return nil
        }
        return login
    }

    /// Decodes a `users-1-day` row.
    public static func userDay(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> CopilotUserDay? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let day = f.day("day")
        let login = login(&f)
        let scope = scope(&f)
        var totals = CopilotCounters()
        totals.read(&f)
        let usedAgent = f.bool("used_agent"), usedChat = f.bool("used_chat"), usedCLI = f.bool("used_cli")
        var features: [String: CopilotCounters] = [:]
        for (item, itemPath) in f.array("totals_by_feature") {
            var g = JSONFields(item, path: itemPath, file: file)
            if let name = g.string("feature", maxLength: maxFeatureLength) {
                var c = CopilotCounters()
                c.read(&g)
                if features[name] != nil {
                    g.diagnostics.append(Diagnostic(.error, file: file, line: item.line, column: item.column, code: "COP003",
                                                    message: "\(itemPath): feature '\(name)' appears twice for this user and day",
                                                    hint: "the export is inconsistent; re-export the day"))
                }
                features[name] = c
            }
            f.absorb(g)
        }
        guard f.isValid, let day, let login, let scope else { return nil }
        return CopilotUserDay(day: day, login: login, scope: scope, totals: totals, usedAgent: usedAgent, usedChat: usedChat,
                              usedCLI: usedCLI, features: features.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// Decodes a `user-teams-1-day` row.
    public static func userTeam(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> CopilotUserTeam? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let day = f.day("day")
        let login = login(&f)
        let scope = scope(&f)
        let team = f.identifier("team_id")
        let slug = f.string("slug", maxLength: 100)
        guard f.isValid, let day, let login, let scope, let team, let slug else { return nil }
        return CopilotUserTeam(day: day, login: login, scope: scope, teamId: team, slug: TeamName.clean(slug))
    }
}
