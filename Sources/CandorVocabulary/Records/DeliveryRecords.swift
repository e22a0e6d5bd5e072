/// A deployment: when it ran, where, and whether it succeeded.
public struct Deployment: Sendable, Equatable {
    public var id: String
    /// `OWNER/REPO` (normalised from a repository URL when needed).
    public var repository: String
    /// `production`, `staging`, `testing` or `development`.
    public var environment: String
    /// Seconds since 1970, UTC.
    public var startedAt: Int64
    public var finishedAt: Int64
    /// `success`, `failure`, `abort` or `manual`.
    public var result: String

    public init(id: String, repository: String, environment: String, startedAt: Int64, finishedAt: Int64, result: String) {
        self.id = id
        self.repository = repository
        self.environment = environment
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
    }
}

/// An incident, optionally linked to the deployment that caused it. Titles are not kept.
public struct Incident: Sendable, Equatable {
    public var id: String
    public var repository: String?
    public var component: String?
    public var createdAt: Int64
    public var resolvedAt: Int64?
    /// `todo`, `in_progress` or `done` when given.
    public var status: String?
    public var severity: String?
    public var priority: String?
    /// The deployment that caused it, when the export says so.
    public var causedByDeployment: String?

    public init(id: String, repository: String? = nil, component: String? = nil, createdAt: Int64, resolvedAt: Int64? = nil, status: String? = nil, severity: String? = nil, priority: String? = nil, causedByDeployment: String? = nil) {
        self.id = id
        self.repository = repository
        self.component = component
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
        self.status = status
        self.severity = severity
        self.priority = priority
        self.causedByDeployment = causedByDeployment
    }
}
