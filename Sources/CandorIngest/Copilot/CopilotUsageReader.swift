import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes GitHub Copilot usage-metrics report rows.
///
/// Accepts the NDJSON files the report endpoints link to (one row per line) and the JSON-wrapped
/// variant (`{"report_start_day": …, "day_totals": [rows]}`) published with GitHub's
/// copilot-metrics-viewer. Unknown fields are ignored, so newer reports keep working.
public enum CopilotUsageReader {
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
        return CopilotUserDay(day: day, login: SourcePersonID(login), scope: scope, totals: totals, usedAgent: usedAgent, usedChat: usedChat,
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
        return CopilotUserTeam(day: day, login: SourcePersonID(login), scope: scope, teamId: team, slug: TeamName.clean(slug))
    }
}

extension CopilotCounters {
    /// Reads the counters from a Copilot usage record.
    mutating func read(_ fields: inout JSONFields) {
        var read: [Int64] = []
        for name in Self.fieldNames { read.append(fields.count(name) ?? 0) }
        (userInitiatedInteractions, codeGenerations, codeAcceptances, locSuggestedToAdd, locSuggestedToDelete, locAdded, locDeleted)
            = (read[0], read[1], read[2], read[3], read[4], read[5], read[6])
    }
}
