import CandorVocabulary

extension SourceFamily {
    /// Fields a policy may leave out (the allow-list's vocabulary). Fields not listed here are the
    /// record's identity and time (day, pseudonymous person, repository, ids), without which it means nothing.
    public var optionalFields: [String] {
        switch self {
        case .qDeveloper: QDeveloperMetric.allCases.map(\.rawValue)
        case .kiro, .assistantUsage: []
        case .copilot: ["feature_breakdown"]
        case .codeGuruReviewer:
            (CodeGuruCodeReview.gatedFields.map(\.name) + CodeGuruRecommendation.gatedFields.map(\.name)
                + CodeGuruFeedback.gatedFields.map(\.name)).uniqued()
        case .codeGuruSecurity: CodeGuruSecurityFinding.gatedFields.map(\.name)
        case .sarif: SARIFResult.gatedFields.map(\.name)
        case .github:
            (GitHubPullRequest.gatedFields.map(\.name) + GitHubReview.gatedFields.map(\.name)
                + GitHubReviewComment.gatedFields.map(\.name)).uniqued()
        case .delivery: Incident.gatedFields.map(\.name)
        case .events: ToolEvent.keptAttributes.sorted()
        case .survey: []
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    package func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
