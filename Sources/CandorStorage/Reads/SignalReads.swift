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
                SELECT r.repository, SUM(n) AS down FROM (
                  SELECT f.code_review_arn AS arn, COUNT(*) AS n FROM codeguru_feedback f WHERE f.reaction = 'ThumbsDown' GROUP BY f.code_review_arn, f.recommendation_id
                  UNION ALL
                  -- the reactions retention removed, where none of the recommendation's is still held
                  SELECT k.code_review_arn, k.thumbs_down_kept FROM codeguru_recommendation k WHERE k.thumbs_down_kept > 0
                    AND NOT EXISTS (SELECT 1 FROM codeguru_feedback f WHERE f.code_review_arn = k.code_review_arn
                                      AND f.recommendation_id = k.recommendation_id AND f.reaction = 'ThumbsDown')
                ) d JOIN codeguru_code_review r ON r.arn = d.arn
                WHERE substr(r.created_at, 1, 10) BETWEEN ? AND ? GROUP BY r.repository
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
