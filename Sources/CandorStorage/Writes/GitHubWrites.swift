import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Stores a pull request under a pseudonymous author; a later export of it (merged, closed) replaces it.
    /// Counts only on single-PR responses are kept when a list export lacks them.
    public func upsertGitHubPullRequest(_ p: GitHubPullRequest, author: Pseudonym, sourceId: Int64) throws {
        if try erased(author.text) { return }
        let author = author.text
        try markPullRequest(p.repository, p.number)
        try prepared(.pullRequest) { """
            INSERT INTO \(t("github_pull_request")) (repository, number, author, author_is_bot, state, draft, created_at, closed_at, merged_at,
              review_comments, additions, deletions, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (repository, number) DO UPDATE SET author = excluded.author, author_is_bot = excluded.author_is_bot,
              state = excluded.state, draft = excluded.draft, created_at = excluded.created_at, closed_at = excluded.closed_at,
              merged_at = excluded.merged_at, review_comments = COALESCE(excluded.review_comments, review_comments),
              additions = COALESCE(excluded.additions, additions), deletions = COALESCE(excluded.deletions, deletions),
              source_id = excluded.source_id
            """ }.run(in: db) { b in
            b.text(p.repository); b.int(p.number); b.text(author); b.bool(p.authorIsBot); b.text(p.state); b.bool(p.draft)
            b.text(Timestamp.iso8601(seconds: p.createdAt)); b.text(p.closedAt.map { Timestamp.iso8601(seconds: $0) })
            b.text(p.mergedAt.map { Timestamp.iso8601(seconds: $0) }); b.int(p.reviewComments); b.int(p.additions); b.int(p.deletions)
            b.int(sourceId)
        }
    }

    /// Stores a review under a pseudonymous reviewer (idempotent by review id).
    public func upsertGitHubReview(_ r: GitHubReview, reviewer: Pseudonym, sourceId: Int64) throws {
        if try erased(reviewer.text) { return }
        let reviewer = reviewer.text
        try markPullRequest(r.repository, r.number, everywhere: true)
        try prepared(.review) { """
            INSERT INTO \(t("github_review")) (repository, review_id, number, reviewer, reviewer_is_bot, state, submitted_at, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (repository, review_id) DO UPDATE SET number = excluded.number, reviewer = excluded.reviewer,
              reviewer_is_bot = excluded.reviewer_is_bot, state = excluded.state, submitted_at = excluded.submitted_at, source_id = excluded.source_id
            """ }.run(in: db) { b in
            b.text(r.repository); b.text(r.id); b.int(r.number); b.text(reviewer); b.bool(r.reviewerIsBot); b.text(r.state)
            b.text(r.submittedAt.map { Timestamp.iso8601(seconds: $0) }); b.int(sourceId)
        }
    }

    /// Stores a review comment under a pseudonymous commenter (idempotent by comment id).
    public func upsertGitHubReviewComment(_ c: GitHubReviewComment, commenter: Pseudonym, sourceId: Int64) throws {
        if try erased(commenter.text) { return }
        let commenter = commenter.text
        try markPullRequest(c.repository, c.number, everywhere: true)
        try prepared(.reviewComment) { """
            INSERT INTO \(t("github_review_comment")) (repository, comment_id, number, review_id, commenter, created_at, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (repository, comment_id) DO UPDATE SET number = excluded.number, review_id = excluded.review_id,
              commenter = excluded.commenter, created_at = excluded.created_at, source_id = excluded.source_id
            """ }.run(in: db) { b in
            b.text(c.repository); b.text(c.id); b.int(c.number); b.text(c.reviewId); b.text(commenter)
            b.text(Timestamp.iso8601(seconds: c.createdAt)); b.int(sourceId)
        }
    }
}
