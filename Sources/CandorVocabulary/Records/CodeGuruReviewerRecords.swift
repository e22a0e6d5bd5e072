/// A CodeGuru Reviewer code review (from `DescribeCodeReview` or `ListCodeReviews`).
public struct CodeGuruCodeReview: Sendable, Equatable {
    public var arn: String
    public var repository: String
    public var providerType: String?
    public var state: String
    public var type: String?
    public var pullRequestId: String?
    /// Seconds since 1970, UTC.
    public var createdAt: Int64
    public var updatedAt: Int64?
    public var meteredLines: Int64?
    /// Lines excluded by the repository's `aws-codeguru-reviewer.yml` (a suppression signal).
    public var suppressedLines: Int64?
    public var findings: Int64?

    public init(arn: String, repository: String, providerType: String? = nil, state: String, type: String? = nil, pullRequestId: String? = nil, createdAt: Int64, updatedAt: Int64? = nil, meteredLines: Int64? = nil, suppressedLines: Int64? = nil, findings: Int64? = nil) {
        self.arn = arn
        self.repository = repository
        self.providerType = providerType
        self.state = state
        self.type = type
        self.pullRequestId = pullRequestId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.meteredLines = meteredLines
        self.suppressedLines = suppressedLines
        self.findings = findings
    }
}

/// A CodeGuru Reviewer recommendation: metadata only. The `Description` and rule descriptions are
/// free text and are never stored.
public struct CodeGuruRecommendation: Sendable, Equatable {
    public var codeReviewArn: String
    public var recommendationId: String
    public var filePath: String
    public var startLine: Int64?
    public var endLine: Int64?
    public var category: String?
    public var ruleId: String?
    public var severity: String?
    /// The finding's identity across code reviews: a digest of its rule and file, made when it is read,
    /// so that a policy that drops `file_path` or `rule_id` stores neither and still tells findings apart.
    public var findingKey: String

    public init(codeReviewArn: String, recommendationId: String, filePath: String, startLine: Int64? = nil, endLine: Int64? = nil, category: String? = nil, ruleId: String? = nil, severity: String? = nil) {
        self.codeReviewArn = codeReviewArn
        self.recommendationId = recommendationId
        self.filePath = filePath
        self.startLine = startLine
        self.endLine = endLine
        self.category = category
        self.ruleId = ruleId
        self.severity = severity
        findingKey = Self.findingKey(ruleId: ruleId, filePath: filePath)
    }

    /// `rf:` and the SHA-256 of `rule|file` (`?` for no rule): the identity the lifecycle matches on.
    public static func findingKey(ruleId: String?, filePath: String) -> String {
        "rf:" + SHA256Digest.hex(of: Array(((ruleId ?? "?") + "|" + filePath).utf8))
    }
}

/// A reaction to a recommendation (`ThumbsUp` / `ThumbsDown`) by a person.
public struct CodeGuruFeedback: Sendable, Equatable {
    public var codeReviewArn: String
    public var recommendationId: String
    /// The reacting user's id (pseudonymised before storage).
    public var userId: SourcePersonID
    /// nil when the reaction was withdrawn (an empty `Reactions` list).
    public var reaction: String?

    public init(codeReviewArn: String, recommendationId: String, userId: SourcePersonID, reaction: String? = nil) {
        self.codeReviewArn = codeReviewArn
        self.recommendationId = recommendationId
        self.userId = userId
        self.reaction = reaction
    }
}
