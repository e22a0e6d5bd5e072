import CandorParsing
import CandorPolicy
import CandorVocabulary

/// Decodes GitHub Copilot seat assignments: `GET /orgs/{org}/copilot/billing/seats` (or the
/// enterprise's), as `gh api --paginate` writes it (`{"total_seats": n, "seats": [...]}` per page)
/// or as one seat per line (`--jq '.seats[]'`).
///
/// A seat is kept per (scope, holder, day assigned): who holds a licence, from when, until when,
/// on which plan and through which team. Profiles, editors and exact times are not kept.
public enum CopilotSeatReader {
    /// Longest plan name and team slug kept.
    static let maxNameLength = 100

    /// Where the seats are in a file that starts as `sniff` shows.
    public static func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] {
        if sniff.rootKeys.contains("seats") { return [[.key("seats"), .anyIndex]] }
        return sniff.rootIsArray ? [[.anyIndex]] : [[]]
    }

    /// Decodes one seat; `scope` is used when the seat does not name its organisation.
    public static func seat(_ node: JSONNode, path: JSONPath, file: String, scope: String, diagnostics: inout [Diagnostic]) -> CopilotSeat? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let assigned = f.timestamp("created_at")
        let updated = f.timestamp("updated_at", required: false)
        let cancels = f.day("pending_cancellation_date", required: false)
        let lastActivity = f.timestamp("last_activity_at", required: false)
        let plan = f.string("plan_type", required: false, maxLength: maxNameLength)
        var login: String?
        if var assignee = f.object("assignee") {
            login = assignee.string("login", maxLength: 100)
            f.absorb(assignee)
        } else if f.isValid {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "COP010",
                                            message: "\(path).assignee is missing", hint: "every seat names the person who holds it; re-export the seats"))
        }
        if let empty = login, empty.isEmpty {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "COP011",
                                            message: "\(path).assignee.login is empty", hint: "every seat names the person who holds it"))
        }
        var team: String?
        if var assigning = f.object("assigning_team") {
            team = assigning.string("slug", required: false, maxLength: maxNameLength).map(TeamName.clean)
            f.absorb(assigning)
        }
        var seatScope = scope
        if var organisation = f.object("organization") {
            if let name = organisation.string("login", required: false, maxLength: 100), !name.isEmpty { seatScope = "org:" + name }
            f.absorb(organisation)
        }
        guard f.isValid, let assigned, let login, !login.isEmpty else { return nil }
        let assignedDay = Day(dayNumber: Int(assigned / 86_400))
        return CopilotSeat(scope: seatScope, assignee: SourcePersonID(login), assigned: assignedDay,
                           updated: updated.map { Day(dayNumber: Int($0 / 86_400)) } ?? assignedDay, cancels: cancels,
                           lastActivity: lastActivity.map { Day(dayNumber: Int($0 / 86_400)) }, plan: plan, assigningTeam: team)
    }
}
