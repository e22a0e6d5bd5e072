import CandorParsing
import CandorPolicy
import CandorVocabulary

/// Decodes GitHub Copilot seat assignments: `GET /orgs/{org}/copilot/billing/seats` (or the
/// enterprise's), as `gh api --paginate` writes it (`{"total_seats": n, "seats": [...]}` per page)
/// or as one seat per line (`--jq '.seats[]'`).
///
/// A seat is kept per (scope, holder, day assigned): who holds a licence, from when, until when,
/// on which plan and through which team. Last activity, editors, profiles and exact times are not
/// read. A seat assigned to a team or an organisation rather than a person is not a person's seat:
/// it is counted, not stored.
public enum CopilotSeatReader {
    /// Longest plan name and team slug kept.
    static let maxNameLength = 100

    /// What one seat object is.
    public enum Decoded {
        case seat(CopilotSeat)
        /// A seat whose assignee is a team or an organisation.
        case notAPerson
    }

    /// Where the seats are in a file that starts as `sniff` shows.
    public static func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]]? {
        sniff.rootKeys.contains("seats") ? [[.key("seats"), .anyIndex]] : nil
    }

    /// Decodes one seat; `scope` is used when the seat does not name its organisation.
    public static func seat(_ node: JSONNode, path: JSONPath, file: String, scope: String, diagnostics: inout [Diagnostic]) -> Decoded? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let assigned = f.timestamp("created_at")
        let cancels = f.day("pending_cancellation_date", required: false)
        let plan = f.string("plan_type", required: false, maxLength: maxNameLength)
        var login: String?
        if var assignee = f.object("assignee") {
            let type = assignee.string("type", required: false, maxLength: 40)
            if let type, type != "User" {
                f.absorb(assignee)
                return f.isValid ? .notAPerson : nil
            }
            login = assignee.string("login", maxLength: 100)
            f.absorb(assignee)
            if let empty = login, empty.isEmpty {
                f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "COP021",
                                                message: "\(path).assignee.login is empty", hint: "every seat names the person who holds it"))
            }
        } else if f.isValid {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "COP020",
                                            message: "\(path).assignee is missing", hint: "every seat names who holds it; re-export the seats"))
        }
        var team: String?
        if var assigning = f.object("assigning_team") {
            team = assigning.string("slug", required: false, maxLength: maxNameLength).map(TeamName.clean)
            f.absorb(assigning)
        }
        // The enterprise listing names each seat's organisation: its id, as the usage reports' scope does.
        var seatScope = scope
        if var organisation = f.object("organization") {
            if let id = organisation.identifier("id", required: false) { seatScope = "org:" + id }
            f.absorb(organisation)
        }
        guard f.isValid, let assigned, let login, !login.isEmpty else { return nil }
        return .seat(CopilotSeat(scope: seatScope, assignee: SourcePersonID(login), assigned: Day(dayNumber: Int(assigned / 86_400)),
                                 cancels: cancels, plan: plan.map(TeamName.clean), assigningTeam: team))
    }
}
