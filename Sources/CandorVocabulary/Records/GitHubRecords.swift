/// A pull request, as `gh api repos/OWNER/REPO/pulls` writes it. Titles and bodies are not kept.
public struct GitHubPullRequest: Sendable, Equatable {
    /// `OWNER/REPO` (from `base.repo.full_name`, else the `url`).
    public var repository: String
    public var number: Int64
    /// The author's login (pseudonymised before storage).
    public var author: SourcePersonID
    public var authorIsBot: Bool
    /// `open` or `closed`.
    public var state: String
    public var draft: Bool
    /// Seconds since 1970, UTC.
    public var createdAt: Int64
    public var closedAt: Int64?
    public var mergedAt: Int64?
    /// Only on single-PR responses.
    public var reviewComments: Int64?
    public var additions: Int64?
    public var deletions: Int64?

    public init(repository: String, number: Int64, author: SourcePersonID, authorIsBot: Bool, state: String, draft: Bool, createdAt: Int64, closedAt: Int64? = nil, mergedAt: Int64? = nil, reviewComments: Int64? = nil, additions: Int64? = nil, deletions: Int64? = nil) {
        self.repository = repository
        self.number = number
        self.author = author
        self.authorIsBot = authorIsBot
        self.state = state
        self.draft = draft
        self.createdAt = createdAt
        self.closedAt = closedAt
        self.mergedAt = mergedAt
        self.reviewComments = reviewComments
        self.additions = additions
        self.deletions = deletions
    }
}

/// A pull-request review (`pulls/N/reviews`). The body is not kept.
public struct GitHubReview: Sendable, Equatable {
    public var repository: String
    public var number: Int64
    public var id: String
    public var reviewer: SourcePersonID
    public var reviewerIsBot: Bool
    /// `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` or `PENDING`.
    public var state: String
    public var submittedAt: Int64?

    public init(repository: String, number: Int64, id: String, reviewer: SourcePersonID, reviewerIsBot: Bool, state: String, submittedAt: Int64? = nil) {
        self.repository = repository
        self.number = number
        self.id = id
        self.reviewer = reviewer
        self.reviewerIsBot = reviewerIsBot
        self.state = state
        self.submittedAt = submittedAt
    }
}

/// A review comment (`pulls/comments` or `pulls/N/comments`). The body and diff hunk are not kept.
public struct GitHubReviewComment: Sendable, Equatable {
    public var repository: String
    public var number: Int64
    public var id: String
    public var reviewId: String?
    public var commenter: SourcePersonID
    public var createdAt: Int64

    public init(repository: String, number: Int64, id: String, reviewId: String? = nil, commenter: SourcePersonID, createdAt: Int64) {
        self.repository = repository
        self.number = number
        self.id = id
        self.reviewId = reviewId
        self.commenter = commenter
        self.createdAt = createdAt
    }
}
