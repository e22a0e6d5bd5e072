/// The three purposes data is kept for; each lives apart and a report reads only what its purpose allows.
public enum Dataset: String, CaseIterable, Sendable, Comparable {
    /// How teams use their tools: AI assistant activity, tool events, the developer survey.
    case coaching
    /// How work flows: pull requests, reviews, deployments, incidents, code-review findings.
    case operational
    /// Security findings: CodeGuru Security and SARIF results. Read only with an approval reference.
    case compliance

    public static func < (a: Dataset, b: Dataset) -> Bool { a.rawValue < b.rawValue }
}

/// How sensitive a stored value is.
///
/// `content` (prompts, responses, code, snippets, file contents, free text) is never stored: the
/// readers have no field for it. Everything candor keeps is `metadata` (pseudonymous records about
/// activity) or `derived` (rollups candor computes from metadata).
public enum Sensitivity: String, Sendable {
    case content, metadata, derived
}

/// A group of input formats from one tool, governed by one `sources:` entry in the policy.
public enum SourceFamily: String, CaseIterable, Sendable {
    case qDeveloper = "q-developer"
    case kiro
    case copilot
    /// Other AI assistants, read from the generic per-person-day usage CSV.
    case assistantUsage = "assistant-usage"
    case codeGuruReviewer = "codeguru-reviewer"
    case codeGuruSecurity = "codeguru-security"
    case sarif
    case github
    case delivery
    case events
    case survey

    /// The family of an input format; nil for governance inputs (directories, consent, policy
    /// changes, disputes, decisions), which are not telemetry and always kept.
    public init?(format: InputFormat) {
        switch format {
        case .qDeveloperActivity: self = .qDeveloper
        case .kiroUserReport: self = .kiro
        case .assistantUsage: self = .assistantUsage
        case .copilotUsers, .copilotUserTeams, .copilotLegacyMetrics, .copilotSeats: self = .copilot
        case .codeGuruRecommendations, .codeGuruCodeReviews, .codeGuruFeedback: self = .codeGuruReviewer
        case .codeGuruSecurityFindings, .codeGuruSecurityMetrics: self = .codeGuruSecurity
        case .sarif: self = .sarif
        case .githubPullRequests, .githubReviews, .githubReviewComments: self = .github
        case .devlakeDeployments, .devlakeIncidents, .deploymentsCSV, .incidentsCSV: self = .delivery
        case .events: self = .events
        case .survey: self = .survey
        case .directory, .directoryChanges, .repositoryDirectory, .consent, .policyChanges, .disputes, .decisions, .approvals: return nil
        }
    }

    /// The dataset a family belongs to unless the policy says otherwise.
    public var defaultDataset: Dataset {
        switch self {
        case .qDeveloper, .kiro, .copilot, .assistantUsage, .events, .survey: .coaching
        case .codeGuruReviewer, .github, .delivery: .operational
        case .codeGuruSecurity, .sarif: .compliance
        }
    }

    /// The policy category: what the records are about, shown beside every source in reports.
    public var category: String {
        switch self {
        case .qDeveloper, .kiro, .copilot, .assistantUsage: "ai-assistant-usage"
        case .events: "tool-events"
        case .survey: "developer-experience"
        case .codeGuruReviewer: "code-quality"
        case .github: "code-review"
        case .delivery: "delivery"
        case .codeGuruSecurity, .sarif: "security-findings"
        }
    }

    /// Field names that always mean content and can never be allowed, whatever the policy says.
    public static let contentFields: Set<String> = [
        "prompt", "prompts", "response", "responses", "code", "snippet", "snippets", "file_contents", "contents", "body",
        "message", "messages", "comment", "comments", "text", "diff", "patch", "title", "description", "suggestion_text",
    ]
}
