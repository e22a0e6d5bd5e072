import Foundation

/// One team's security findings for the security-reviewer view.
public struct SecurityTeamFindings: Sendable, Equatable {
    /// The owning team (repository directory as of the period's end); nil when no team owns the repository.
    public var team: String?
    /// SARIF results of each repository's latest scan in the period, by level.
    public var sarifByLevel: [String: Int] = [:]
    /// Of those, results with an accepted suppression.
    public var sarifSuppressed = 0
    /// CodeGuru Security findings still open, by severity.
    public var openBySeverity: [String: Int] = [:]
    /// Finding categories (SARIF rule, CodeGuru rule or detector) with counts.
    public var categories: [String: Int] = [:]

    public init(team: String? = nil, sarifByLevel: [String: Int] = [:], openBySeverity: [String: Int] = [:], categories: [String: Int] = [:]) {
        self.team = team
        self.sarifByLevel = sarifByLevel
        self.openBySeverity = openBySeverity
        self.categories = categories
    }
}
