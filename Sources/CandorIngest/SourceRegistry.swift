import CandorParsing
import CandorPolicy
import CandorVocabulary

/// Everything the adapters write: the store's writer conforms to this (in `CandorPipeline`), so a
/// source whose writes the store lacks does not compile.
///
/// Adding a source adds its sink here and its adapter to ``SourceRegistry``.
public protocol RecordSink: QDeveloperSink, KiroSink, AssistantUsageSink, DirectorySink, GovernanceSink, SurveySink, DeliverySink, GitHubSink,
    CodeGuruReviewerSink, CodeGuruSecuritySink, CopilotSink, SARIFSink, EventSink {}

/// The one list of sources: every adapter, in the order formats are recognised. A format is read by
/// the adapter that lists it; a file is recognised by the first adapter that claims its header or
/// its JSON members (earlier adapters win, so the more specific shapes come first).
public enum SourceRegistry {
    /// CSV adapters, in recognition order (the policy's survey mapping first: it says what the
    /// organisation's survey export looks like).
    public static var csvAdapters: [any CSVSourceAdapter.Type] {
        [SurveyAdapter.self, KiroAdapter.self, AssistantUsageAdapter.self, QDeveloperAdapter.self, DeliveryCSVAdapter.self, GovernanceAdapter.self, DirectoryChangesAdapter.self, DirectoryAdapter.self]
    }

    /// JSON adapters, in recognition order.
    public static var jsonAdapters: [any JSONSourceAdapter.Type] {
        [CodeGuruReviewerAdapter.self, SARIFAdapter.self, DeliveryJSONAdapter.self, EventAdapter.self, GitHubAdapter.self,
         CodeGuruSecurityAdapter.self, CopilotAdapter.self]
    }

    /// The adapter that reads a CSV format.
    public static func csvAdapter(for format: InputFormat) -> (any CSVSourceAdapter.Type)? {
        csvAdapters.first { $0.formats.contains(format) }
    }

    /// The adapter that reads a JSON format.
    public static func jsonAdapter(for format: InputFormat) -> (any JSONSourceAdapter.Type)? {
        jsonAdapters.first { $0.formats.contains(format) }
    }

    /// The format of a CSV file with this header row, if any adapter claims it.
    public static func recognise(csvHeader header: [String], survey: SurveyMapping? = nil) -> InputFormat? {
        let names = Set(header.map { $0.trimmingASCIISpaces().lowercased() })
        for adapter in csvAdapters {
            if let format = adapter.recognise(header: header, names: names, survey: survey) { return format }
        }
        return nil
    }

    /// The format of a JSON file that starts as `sniff` shows, if any adapter claims it.
    public static func recognise(json sniff: JSONSniff) -> InputFormat? {
        for adapter in jsonAdapters {
            if let format = adapter.recognise(sniff) { return format }
        }
        return nil
    }
}
