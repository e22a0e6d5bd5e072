import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Stores a CodeGuru Reviewer code review, replacing an earlier record of the same ARN.
    public func upsertCodeGuruCodeReview(_ r: CodeGuruCodeReview, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_code_review")) (arn, repository, provider_type, state, type, pull_request_id, created_at, updated_at,
              metered_lines, suppressed_lines, findings, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (arn) DO UPDATE SET repository = excluded.repository, provider_type = excluded.provider_type,
              state = excluded.state, type = excluded.type, pull_request_id = excluded.pull_request_id,
              created_at = excluded.created_at, updated_at = excluded.updated_at,
              metered_lines = COALESCE(excluded.metered_lines, metered_lines),
              suppressed_lines = COALESCE(excluded.suppressed_lines, suppressed_lines),
              findings = COALESCE(excluded.findings, findings), source_id = excluded.source_id
            """).execute(arguments: [r.arn, r.repository, r.providerType, r.state, r.type, r.pullRequestId,
                                     Timestamp.iso8601(seconds: r.createdAt), r.updatedAt.map { Timestamp.iso8601(seconds: $0) },
                                     r.meteredLines, r.suppressedLines, r.findings, sourceId])
    }

    /// Stores a recommendation, replacing one with the same code review and id.
    public func upsertCodeGuruRecommendation(_ r: CodeGuruRecommendation, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_recommendation")) (code_review_arn, recommendation_id, file_path, start_line, end_line, category, rule_id, severity, finding_key, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code_review_arn, recommendation_id) DO UPDATE SET file_path = excluded.file_path, start_line = excluded.start_line,
              end_line = excluded.end_line, category = excluded.category, rule_id = excluded.rule_id, severity = excluded.severity,
              finding_key = excluded.finding_key, source_id = excluded.source_id
            """).execute(arguments: [r.codeReviewArn, r.recommendationId, r.filePath, r.startLine, r.endLine, r.category, r.ruleId, r.severity, r.findingKey, sourceId])
    }

    /// Stores a person's (pseudonymous) reaction to a recommendation, replacing their earlier one.
    public func upsertCodeGuruFeedback(_ r: CodeGuruFeedback, person: Pseudonym, sourceId: Int64) throws {
        if try erased(person.text) { return }
        let person = person.text
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_feedback")) (code_review_arn, recommendation_id, person, reaction, source_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (code_review_arn, recommendation_id, person) DO UPDATE SET reaction = excluded.reaction, source_id = excluded.source_id
            """).execute(arguments: [r.codeReviewArn, r.recommendationId, person, r.reaction, sourceId])
    }

    /// Stores a CodeGuru Security finding; a later export of the same finding (e.g. now Closed) replaces it.
    public func upsertCodeGuruSecurityFinding(_ f: CodeGuruSecurityFinding, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_security_finding")) (resource, finding_id, status, severity, type, detector_id, rule_id, file_path,
              start_line, end_line, created_at, updated_at, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (resource, finding_id) DO UPDATE SET status = excluded.status, severity = excluded.severity, type = excluded.type,
              detector_id = excluded.detector_id, rule_id = excluded.rule_id, file_path = excluded.file_path, start_line = excluded.start_line,
              end_line = excluded.end_line, created_at = excluded.created_at, updated_at = excluded.updated_at, source_id = excluded.source_id
            """).execute(arguments: [f.resource, f.id, f.status, f.severity, f.type, f.detectorId, f.ruleId, f.filePath, f.startLine, f.endLine,
                                     Timestamp.iso8601(seconds: f.createdAt), f.updatedAt.map { Timestamp.iso8601(seconds: $0) }, sourceId])
    }

    /// Stores a day of findings metrics for one severity and scope.
    public func upsertCodeGuruSecurityMetric(_ m: CodeGuruSecurityMetric, scope: String, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("codeguru_security_metric_day")) (day, scope, severity, new_findings, closed_findings, open_findings, mean_days_to_close, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, scope, severity) DO UPDATE SET new_findings = excluded.new_findings, closed_findings = excluded.closed_findings,
              open_findings = excluded.open_findings, mean_days_to_close = excluded.mean_days_to_close, source_id = excluded.source_id
            """).execute(arguments: [m.day.iso8601, scope, m.severity, m.newFindings, m.closedFindings, m.openFindings, m.meanDaysToClose, sourceId])
    }
}
