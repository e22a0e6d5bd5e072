import CandorParsing
import CandorPolicy
import CandorVocabulary

extension InputFormat {
    /// Recognises a JSON format from the member names at the start of the file.
    public static func detect(json sniff: JSONSniff) -> InputFormat? {
        let keys = sniff.allKeys
        if sniff.rootKeys.contains("RecommendationSummaries") { return .codeGuruRecommendations }
        if sniff.rootKeys.contains("CodeReview") || sniff.rootKeys.contains("CodeReviewSummaries") { return .codeGuruCodeReviews }
        if sniff.rootKeys.contains("RecommendationFeedbackSummaries") { return .codeGuruFeedback }
        if sniff.rootKeys.contains("runs") && (sniff.rootKeys.contains("version") || sniff.rootKeys.contains("$schema")) { return .sarif }
        if keys.contains("deploymentCommits") || (keys.contains("startedDate") && keys.contains("finishedDate") && keys.contains("id")) {
            return .devlakeDeployments
        }
        if keys.contains("issueKey") && keys.contains("createdDate") { return .devlakeIncidents }
        if sniff.rootKeys.contains("type") && sniff.rootKeys.contains("time") && (sniff.rootKeys.contains("actor") || sniff.rootKeys.contains("attributes")) {
            return .events
        }
        if keys.contains("pull_request_url") {
            if keys.contains("pull_request_review_id") { return .githubReviewComments }
            if keys.contains("submitted_at") { return .githubReviews }
        }
        if keys.contains("number") && (keys.contains("merged_at") || (keys.contains("head") && keys.contains("base"))) {
            return .githubPullRequests
        }
        if sniff.rootKeys.contains("findingsMetrics") { return .codeGuruSecurityMetrics }
        if sniff.rootKeys.contains("findings") && (keys.contains("severity") || keys.contains("status") || keys.contains("detectorId")) {
            return .codeGuruSecurityFindings
        }
        if sniff.rootIsArray && keys.contains("date")
            && (keys.contains("copilot_ide_code_completions") || keys.contains("total_active_users") || keys.contains("copilot_ide_chat")) {
            return .copilotLegacyMetrics
        }
        if (sniff.rootKeys.contains("seats") && sniff.rootKeys.contains("total_seats"))
            || (keys.contains("assignee") && keys.contains("created_at") && (keys.contains("plan_type") || keys.contains("last_activity_at")
                || keys.contains("pending_cancellation_date"))) {
            return .copilotSeats
        }
        if keys.contains("user_login") && keys.contains("day") {
            if keys.contains("team_id") || keys.contains("slug") { return .copilotUserTeams }
            let activity = CopilotCounters.fieldNames + ["totals_by_feature", "totals_by_ide", "used_chat", "used_agent", "used_cli"]
            if activity.contains(where: keys.contains) { return .copilotUsers }
        }
        return nil
    }

    /// Recognises a CSV format from its header row.
    public static func detect(csvHeader header: [String]) -> InputFormat? {
        let names = Set(header.map { $0.trimmingASCIISpaces().lowercased() })
        if names.contains("userid"), names.contains("date"), names.contains("client_type") || names.contains("credits_used") {
            return .kiroUserReport
        }
        if names.contains("userid"), names.contains("date"),
           header.contains(where: { QDeveloperMetric.named($0.trimmingASCIISpaces()) != nil }) {
            return .qDeveloperActivity
        }
        if names.contains("deployment_id") && names.contains("started_at") { return .deploymentsCSV }
        if names.contains("incident_id") && names.contains("created_at") { return .incidentsCSV }
        if DirectoryReader.repositoryColumns.allSatisfy(names.contains) { return .repositoryDirectory }
        if let kind = GovernanceCSVReader.detect(names) {
            switch kind {
            case .consent: return .consent
            case .policyChanges: return .policyChanges
            case .disputes: return .disputes
            case .decisions: return .decisions
            }
        }
        if DirectoryReader.requiredColumns.allSatisfy(names.contains) {
            return .directory
        }
        return nil
    }

    /// What a file that matched no format looks like, for the error message.
    package static func describeUnknown(prefix: [UInt8]) -> String {
        let first = prefix.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        if prefix.isEmpty { return "the file is empty" }
        if prefix.contains(0) { return "the file looks binary" }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return "it is JSON, but its fields match no known export" }
        return "its header row matches no known export"
    }
}
