import CandorPolicy
import CandorVocabulary
import GRDB

/// The store reads behind the gaming-signal detectors (everything else comes from the scorecard).
extension StoreReading {
    /// Per repository, CodeGuru Reviewer's metered and excluded (suppressed) lines and the
    /// recommendations marked ThumbsDown, over the period's code reviews (detector 3).
    public func codeReviewCoverage(_ period: Period) throws -> [String: (metered: Int64, excluded: Int64, thumbsDown: Int)] {
        try queue.read { db in
            var out: [String: (metered: Int64, excluded: Int64, thumbsDown: Int)] = [:]
            let range: StatementArguments = [period.first.iso8601, period.last.iso8601]
            // Thumbs-down reactions per repository in one grouped pass (a per-repository subquery read
            // every reaction again for each repository: quadratic in repositories).
            var down: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.repository, COUNT(*) AS down FROM codeguru_feedback f JOIN codeguru_code_review r ON r.arn = f.code_review_arn
                WHERE f.reaction = 'ThumbsDown' AND substr(r.created_at, 1, 10) BETWEEN ? AND ? GROUP BY r.repository
                """, arguments: range) {
                down[row["repository"]] = row["down"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT r.repository, COALESCE(SUM(r.metered_lines), 0) AS metered, COALESCE(SUM(r.suppressed_lines), 0) AS excluded
                FROM codeguru_code_review r WHERE substr(r.created_at, 1, 10) BETWEEN ? AND ? GROUP BY r.repository
                """, arguments: range) {
                let repository: String = row["repository"]
                out[repository] = (row["metered"], row["excluded"], down[repository] ?? 0)
            }
            return out
        }
    }
}
