import Foundation

/// What the flow metrics need to know about one pull request (all times in seconds since 1970).
public struct PullRequestFacts: Sendable, Equatable {
    public var team: String?
    /// The repository, as the export names it (an upheld dispute may exclude it).
    public var repository: String = ""
    /// Pseudonymous author.
    public var author: String
    public var openedAt: Int64
    public var draft: Bool
    public var authorIsBot: Bool
    /// The first review by someone other than the author (bots excluded).
    public var firstReviewAt: Int64?
    public var mergedAt: Int64?
    public var closedAt: Int64?
    /// Review comments on the pull request (nil when the export does not say).
    public var reviewComments: Int?
    /// Approvals given, and how many of them within ``quickApprovalSeconds`` of opening (the times
    /// themselves are not kept: a report holds every pull request of a period, so each is a few numbers).
    public var approvalCount: Int
    public var quickApprovals: Int

    /// Approvals this soon after opening count as given without reading (5 minutes).
    public static let quickApprovalSeconds: Int64 = 300

    /// `approvals`: when each approval was given.
    public init(team: String?, author: String, openedAt: Int64, draft: Bool = false, authorIsBot: Bool = false, firstReviewAt: Int64? = nil,
                mergedAt: Int64? = nil, closedAt: Int64? = nil, reviewComments: Int? = nil, approvals: [Int64] = []) {
        self.team = team; self.author = author; self.openedAt = openedAt; self.draft = draft; self.authorIsBot = authorIsBot
        self.firstReviewAt = firstReviewAt; self.mergedAt = mergedAt; self.closedAt = closedAt; self.reviewComments = reviewComments
        self.approvalCount = approvals.count
        self.quickApprovals = approvals.reduce(0) { $0 + ($1 - openedAt <= Self.quickApprovalSeconds ? 1 : 0) }
    }
}
