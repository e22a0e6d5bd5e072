import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes Amazon CodeGuru Reviewer API responses (API 2019-09-19): `ListRecommendations` (with or
/// without an exporter's `CodeReviewArn` wrapper), `DescribeCodeReview`, `ListCodeReviews` and
/// `ListRecommendationFeedback`. Timestamps may be epoch seconds (the wire format) or ISO 8601.
public enum CodeGuruReviewerReader {
    public static let severities: Set<String> = ["Info", "Low", "Medium", "High", "Critical"]
    public static let categories: Set<String> = [
        "AWSBestPractices", "AWSCloudFormationIssues", "DuplicateCode", "CodeMaintenanceIssues", "ConcurrencyIssues",
        "InputValidations", "PythonBestPractices", "JavaBestPractices", "ResourceLeaks", "SecurityIssues", "CodeInconsistencies",
    ]
    public static let states: Set<String> = ["Completed", "Pending", "Failed", "Deleting"]
    public static let reactions: Set<String> = ["ThumbsUp", "ThumbsDown"]

    /// A CodeGuru Reviewer code-review ARN (`arn:aws:codeguru-reviewer:…:code-review:…`), or an error.
    package static func arn(_ text: String?, _ f: inout JSONFields, key: String) -> String? {
        guard let text else { return nil }
        guard text.hasPrefix("arn:aws"), text.contains(":codeguru-reviewer:"), text.count <= 1600 else {
            f.diagnostics.append(Diagnostic(.error, file: f.file, line: (f.node[key] ?? f.node).line, column: (f.node[key] ?? f.node).column,
                                            code: "CGR001", message: "\(f.path.appending(key: key)): not a CodeGuru Reviewer ARN",
                                            hint: "CodeReviewArn looks like arn:aws:codeguru-reviewer:REGION:ACCOUNT:association:…:code-review:…"))
            return nil
        }
        return text
    }

    /// `DescribeCodeReview`'s `CodeReview` or an element of `ListCodeReviews`' `CodeReviewSummaries`.
    public static func codeReview(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> CodeGuruCodeReview? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let arn = arn(f.string("CodeReviewArn", maxLength: 1600), &f, key: "CodeReviewArn")
        let name = f.string("RepositoryName", maxLength: 100)
        let owner = f.string("Owner", required: false, maxLength: 100)
        // `OWNER/NAME` when the owner is known, as the repository directory names repositories.
        let repository = name.map { n in owner.map { "\($0)/\(n)" } ?? n }
        let provider = f.string("ProviderType", required: false, maxLength: 64)
        let state = f.enumeration("State", states)
        let type = f.string("Type", required: false, maxLength: 64)
        let pr = f.identifier("PullRequestId", required: false)
        let created = f.timestamp("CreatedTimeStamp")
        let updated = f.timestamp("LastUpdatedTimeStamp", required: false)
        var metrics = f.object("Metrics") ?? f.object("MetricsSummary")
        let metered = metrics?.countIfPresent("MeteredLinesOfCodeCount")
        let suppressed = metrics?.countIfPresent("SuppressedLinesOfCodeCount")
        let findings = metrics?.countIfPresent("FindingsCount")
        if let m = metrics { f.absorb(m) }
        guard f.isValid, let arn, let repository, let state, let created else { return nil }
        return CodeGuruCodeReview(arn: arn, repository: repository, providerType: provider, state: state, type: type, pullRequestId: pr,
                                  createdAt: created, updatedAt: updated, meteredLines: metered, suppressedLines: suppressed, findings: findings)
    }

    /// An element of `RecommendationSummaries`, belonging to the code review `arn`.
    public static func recommendation(_ node: JSONNode, path: JSONPath, file: String, arn: String,
                                      diagnostics: inout [Diagnostic]) -> CodeGuruRecommendation? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let id = f.string("RecommendationId", maxLength: 64)
        let filePath = f.string("FilePath", maxLength: 1024)
        let start = f.integer("StartLine"), end = f.integer("EndLine")
        let category = f.enumeration("RecommendationCategory", categories, required: false)
        let severity = f.enumeration("Severity", severities, required: false)
        var rule = f.object("RuleMetadata")
        let ruleId = rule?.string("RuleId", required: false, maxLength: 64)
        if let r = rule { f.absorb(r) }
        if let start, let end, end < start {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "CGR002",
                                            message: "\(path): EndLine \(end) is before StartLine \(start)", hint: "re-export the recommendations"))
        }
        guard f.isValid, let id, let filePath else { return nil }
        return CodeGuruRecommendation(codeReviewArn: arn, recommendationId: id, filePath: filePath, startLine: start, endLine: end,
                                      category: category, ruleId: ruleId, severity: severity)
    }

    /// An element of `RecommendationFeedbackSummaries`.
    public static func feedback(_ node: JSONNode, path: JSONPath, file: String, arn: String, diagnostics: inout [Diagnostic]) -> CodeGuruFeedback? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let id = f.string("RecommendationId", maxLength: 64)
        let user = f.string("UserId", maxLength: 256)
        var reaction: String?
        let list = f.array("Reactions")
        if list.count > 1 {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "CGR003",
                                            message: "\(path).Reactions: more than one reaction", hint: "the API allows at most one; re-export the feedback"))
        } else if let (item, itemPath) = list.first {
            if let s = item.string, reactions.contains(s) {
                reaction = s
            } else {
                f.diagnostics.append(Diagnostic(.error, file: file, line: item.line, column: item.column, code: "JSON015",
                                                message: "\(itemPath): expected ThumbsDown or ThumbsUp", hint: "re-export the feedback"))
            }
        }
        guard f.isValid, let id, let user, !user.isEmpty else { return nil }
        return CodeGuruFeedback(codeReviewArn: arn, recommendationId: id, userId: SourcePersonID(user), reaction: reaction)
    }
}
