import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes GitHub pull requests, reviews and review comments need.
public protocol GitHubSink {
    func upsertGitHubPullRequest(_ p: GitHubPullRequest, author: Pseudonym, sourceId: Int64) throws
    func upsertGitHubReview(_ r: GitHubReview, reviewer: Pseudonym, sourceId: Int64) throws
    func upsertGitHubReviewComment(_ c: GitHubReviewComment, commenter: Pseudonym, sourceId: Int64) throws
}

/// GitHub REST pull requests, reviews and review comments, as `gh api --paginate` writes them.
public struct GitHubAdapter: JSONSourceAdapter {
    public static let formats: [InputFormat] = [.githubPullRequests, .githubReviews, .githubReviewComments]

    public static func recognise(_ sniff: JSONSniff) -> InputFormat? {
        let keys = sniff.allKeys
        if keys.contains("pull_request_url") {
            if keys.contains("pull_request_review_id") { return .githubReviewComments }
            if keys.contains("submitted_at") { return .githubReviews }
        }
        if keys.contains("number") && (keys.contains("merged_at") || (keys.contains("head") && keys.contains("base"))) {
            return .githubPullRequests
        }
        return nil
    }

    public init(file: IngestFile) {}

    public func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] { Self.arrayOrLines(sniff) }

    public func recordProjection(_ format: InputFormat) -> JSONProjection? { Self.projection(format) }

    static func projection(_ format: InputFormat) -> JSONProjection? {
        switch format {
        case .githubPullRequests: GitHubReader.pullRequestFields
        case .githubReviews: GitHubReader.reviewFields
        case .githubReviewComments: GitHubReader.reviewCommentFields
        default: nil
        }
    }

    public mutating func read(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        switch file.format {
        case .githubPullRequests:
            try file.keep(GitHubReader.pullRequest(node, path: path, file: file.path, diagnostics: &diagnostics)) { row in
                try sink.upsertGitHubPullRequest(row, author: file.pseudonym(row.author), sourceId: file.sourceId)
            }
        case .githubReviews:
            try file.keep(GitHubReader.review(node, path: path, file: file.path, diagnostics: &diagnostics)) { row in
                try sink.upsertGitHubReview(row, reviewer: file.pseudonym(row.reviewer), sourceId: file.sourceId)
            }
        default:
            try file.keep(GitHubReader.reviewComment(node, path: path, file: file.path, diagnostics: &diagnostics)) { row in
                try sink.upsertGitHubReviewComment(row, commenter: file.pseudonym(row.commenter), sourceId: file.sourceId)
            }
        }
    }
}
