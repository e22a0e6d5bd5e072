import Foundation

/// A deployment and an incident as the outcome metrics see them (times in seconds since 1970).
public struct DeploymentFacts: Sendable, Equatable {
    public var team: String?
    public var id: String
    public var failed: Bool
    public init(team: String?, id: String, failed: Bool) { self.team = team; self.id = id; self.failed = failed }
}

public struct IncidentFacts: Sendable, Equatable {
    public var team: String?
    public var createdAt: Int64
    public var resolvedAt: Int64?
    /// The deployment the export says caused it.
    public var causedBy: String?
    public init(team: String?, createdAt: Int64, resolvedAt: Int64?, causedBy: String?) {
        self.team = team; self.createdAt = createdAt; self.resolvedAt = resolvedAt; self.causedBy = causedBy
    }
}
