import CandorParsing
import CandorPolicy
import CandorVocabulary

/// Everything the adapters write: the store's writer conforms to this (in `CandorPipeline`), so a
/// source whose writes the store lacks does not compile.
///
/// Adding a source adds its sink here and its adapter to ``SourceRegistry``.
public protocol RecordSink: QDeveloperSink, KiroSink, DirectorySink, GovernanceSink, SurveySink, DeliverySink, GitHubSink,
    CodeGuruReviewerSink, CodeGuruSecuritySink, CopilotSink, SARIFSink, EventSink {}

/// The one list of sources: which adapter reads each format, and in which order formats are recognised.
public enum SourceRegistry {
    /// The adapter that reads a CSV format.
    public static func csvAdapter(for format: InputFormat) -> (any CSVSourceAdapter.Type)? {
        switch format {
        case .qDeveloperActivity: QDeveloperAdapter.self
        case .kiroUserReport: KiroAdapter.self
        case .directory, .repositoryDirectory: DirectoryAdapter.self
        case .consent, .policyChanges, .disputes, .decisions: GovernanceAdapter.self
        case .survey: SurveyAdapter.self
        case .deploymentsCSV, .incidentsCSV: DeliveryCSVAdapter.self
        default: nil
        }
    }

    /// The adapter that reads a JSON format.
    public static func jsonAdapter(for format: InputFormat) -> (any JSONSourceAdapter.Type)? {
        switch format {
        case .githubPullRequests, .githubReviews, .githubReviewComments: GitHubAdapter.self
        case .copilotUsers, .copilotUserTeams, .copilotLegacyMetrics, .copilotSeats: CopilotAdapter.self
        case .codeGuruRecommendations, .codeGuruCodeReviews, .codeGuruFeedback: CodeGuruReviewerAdapter.self
        case .codeGuruSecurityFindings, .codeGuruSecurityMetrics: CodeGuruSecurityAdapter.self
        case .sarif: SARIFAdapter.self
        case .events: EventAdapter.self
        case .devlakeDeployments, .devlakeIncidents: DeliveryJSONAdapter.self
        default: nil
        }
    }
}
