/// One GitHub Copilot seat: a person holds a licence from one day until it is cancelled.
///
/// From `GET /orgs/{org}/copilot/billing/seats` (or `/enterprises/{enterprise}/copilot/billing/seats`).
/// Kept: who (pseudonymised), the scope, the days the seat was assigned, last updated, ends and was
/// last used, the plan and the team that assigned it. Not kept: the editor and its version, the
/// exact times, the assignee's profile.
public struct CopilotSeat: Sendable, Equatable {
    /// `org:<login>` for the enterprise listing (each seat names its organisation), else `--scope`.
    public var scope: String
    /// The seat holder's GitHub login (pseudonymised before storage).
    public var assignee: SourcePersonID
    /// The day the seat was assigned (`created_at`).
    public var assigned: Day
    /// The day the seat was last changed (`updated_at`; the assignment day when absent).
    public var updated: Day
    /// The day the seat ends (`pending_cancellation_date`), if it is being cancelled.
    public var cancels: Day?
    /// The day of the holder's last Copilot activity (`last_activity_at`), if any.
    public var lastActivity: Day?
    /// `business`, `enterprise`, … (`plan_type`), when the export says.
    public var plan: String?
    /// The slug of the team through which the seat was assigned (`assigning_team.slug`), when there is one.
    public var assigningTeam: String?

    public init(scope: String, assignee: SourcePersonID, assigned: Day, updated: Day, cancels: Day? = nil, lastActivity: Day? = nil,
                plan: String? = nil, assigningTeam: String? = nil) {
        self.scope = scope
        self.assignee = assignee
        self.assigned = assigned
        self.updated = updated
        self.cancels = cancels
        self.lastActivity = lastActivity
        self.plan = plan
        self.assigningTeam = assigningTeam
    }
}
