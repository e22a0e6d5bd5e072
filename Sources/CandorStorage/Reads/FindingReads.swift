import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

/// What the store holds from SARIF logs (tests and the data-quality section).
public struct SARIFSummary: Sendable, Equatable {
    public var scans: Int
    public var results: Int
    public var suppressed: Int
    public var underReview: Int
    public var absent: Int
    public var repositories: [String]
    public var tools: [String]
}

extension StoreReading {
    public func sarifSummary() throws -> SARIFSummary {
        try queue.read { db in
            SARIFSummary(
                scans: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_scan") ?? 0,
                results: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result") ?? 0,
                suppressed: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result WHERE suppression_kind IS NOT NULL AND suppression_status = 'accepted'") ?? 0,
                underReview: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result WHERE suppression_status = 'underReview'") ?? 0,
                absent: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result WHERE baseline_state = 'absent'") ?? 0,
                repositories: try String.fetchAll(db, sql: "SELECT DISTINCT repository FROM sarif_scan ORDER BY repository"),
                tools: try String.fetchAll(db, sql: "SELECT DISTINCT tool FROM sarif_scan ORDER BY tool"))
        }
    }

    /// How many records of a raw table the directory attributes to a team (as of each record's day),
    /// and how many it does not: `view` is one of the `*_team` views.
    public func attribution(view: String) throws -> (attributed: Int, unattributed: Int) {
        let views: Set<String> = ["qdev_activity_team", "kiro_user_day_team", "assistant_usage_day_team", "copilot_user_day_team", "copilot_user_feature_day_team",
                                  "tool_event_team", "github_pull_request_team", "sarif_scan_team", "codeguru_code_review_team", "deployment_team"]
        precondition(views.contains(view), "unknown attribution view \(view)")
        try refreshRepositoryKeys()
        return try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(team), COUNT(*) - COUNT(team) FROM \(view)")!
            return (row[0], row[1])
        }
    }

    /// SARIF scans per `repository|tool`, as snapshots for ``FindingLifecycle``.
    public func sarifScanSnapshots() throws -> [String: [ScanSnapshot]] {
        try queue.read { db in
            var scans: [String: (scope: String, time: Int64, findings: [String: FindingObservation])] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT scan_key, repository, tool, completed_at FROM sarif_scan ORDER BY scan_key") {
                let completed: String? = row["completed_at"]
                let time = completed.flatMap(Timestamp.parseISO8601) ?? 0
                scans[row["scan_key"]] = (row["repository"] as String + "|" + (row["tool"] as String), time, [:])
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT scan_key, result_key, baseline_state, suppression_kind, suppression_status FROM sarif_result ORDER BY scan_key, result_key
                """) {
                let key: String = row["scan_key"]
                let suppressed = (row["suppression_kind"] as String?) != nil && (row["suppression_status"] as String?) == "accepted"
                scans[key]?.findings[row["result_key"]] = FindingObservation(suppressed: suppressed, absent: (row["baseline_state"] as String?) == "absent")
            }
            var out: [String: [ScanSnapshot]] = [:]
            for scan in scans.values { out[scan.scope, default: []].append(ScanSnapshot(time: scan.time, findings: scan.findings)) }
            return out.mapValues { $0.sorted { $0.time < $1.time } }
        }
    }

    /// CodeGuru Reviewer code reviews per repository, as snapshots for ``FindingLifecycle``: a
    /// recommendation's identity is its rule and file; ThumbsDown reactions and growing excluded
    /// lines are carried over.
    public func codeGuruReviewSnapshots() throws -> [String: [ScanSnapshot]] {
        try queue.read { db in
            var thumbsDown: Set<String> = []
            // Reactions still held, and those retention removed (kept as a count on the recommendation).
            for row in try Row.fetchAll(db, sql: """
                SELECT code_review_arn, recommendation_id FROM codeguru_feedback WHERE reaction = 'ThumbsDown'
                UNION SELECT code_review_arn, recommendation_id FROM codeguru_recommendation WHERE thumbs_down_kept > 0
                """) {
                thumbsDown.insert((row[0] as String) + "|" + (row[1] as String))
            }
            var findings: [String: [String: FindingObservation]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code_review_arn, recommendation_id, finding_key FROM codeguru_recommendation") {
                let arn: String = row[0], id: String = row[1]
                let key: String = row[2]
                var o = findings[arn]?[key] ?? FindingObservation()
                if thumbsDown.contains(arn + "|" + id) { o.thumbsDown = true }
                findings[arn, default: [:]][key] = o
            }
            var out: [String: [ScanSnapshot]] = [:]
            var previousSuppressed: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT arn, repository, created_at, suppressed_lines FROM codeguru_code_review ORDER BY repository, created_at, arn") {
                let repository: String = row["repository"]
                let suppressed: Int64 = (row["suppressed_lines"] as Int64?) ?? 0
                let grew = previousSuppressed[repository].map { suppressed > $0 } ?? false
                previousSuppressed[repository] = suppressed
                let time = (row["created_at"] as String?).flatMap(Timestamp.parseISO8601) ?? 0
                out[repository, default: []].append(ScanSnapshot(time: time, findings: findings[row["arn"]] ?? [:], exclusionsGrew: grew))
            }
            return out
        }
    }
}
