/// One GitHub Copilot seat: a person holds a licence from one day until it is cancelled.
///
/// From `GET /orgs/{org}/copilot/billing/seats` (or `/enterprises/{enterprise}/copilot/billing/seats`).
/// Kept: who (pseudonymised), the scope, the day the seat was assigned and the day it ends, the plan
/// and the team that assigned it — licence facts, like the directory's, which the policy does not
/// gate. Not read: last activity, the editor and its version, exact times, the assignee's profile.
public struct CopilotSeat: Sendable, Equatable {
    /// `org:<organization id>` for the enterprise listing (each seat names its organisation; the usage
    /// reports name organisations the same way), else `--scope`.
    public var scope: String
    /// The seat holder's GitHub login (pseudonymised before storage).
    public var assignee: SourcePersonID
    /// The day the seat was assigned (`created_at`).
    public var assigned: Day
    /// The day the seat ends (`pending_cancellation_date`), if it is being cancelled.
    public var cancels: Day?
    /// `business`, `enterprise`, … (`plan_type`), when the export says.
    public var plan: String?
    /// The slug of the team through which the seat was assigned (`assigning_team.slug`), when there is one.
    public var assigningTeam: String?

    public init(scope: String, assignee: SourcePersonID, assigned: Day, cancels: Day? = nil, plan: String? = nil, assigningTeam: String? = nil) {
        self.scope = scope
        self.assignee = assignee
        self.assigned = assigned
        self.cancels = cancels
        self.plan = plan
        self.assigningTeam = assigningTeam
    }
}
