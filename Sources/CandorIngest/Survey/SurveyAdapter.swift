import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes the developer survey needs.
public protocol SurveySink {
    func upsertSurveyResponse(_ r: SurveyResponse, sourceId: Int64) throws
}

/// A developer-survey CSV, read through the policy's `survey:` mapping.
public struct SurveyAdapter: CSVSourceAdapter {
    public static let formats: [InputFormat] = [.survey]

    /// A survey is whatever the policy's `survey:` mapping describes, so it is asked first.
    public static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat? {
        guard let survey, SurveyReader.matches(header: header, mapping: survey) else { return nil }
        return .survey
    }

    var reader: SurveyReader

    public init(header: [String], file: IngestFile, sink: some RecordSink) throws {
        guard let mapping = file.options.survey else {
            throw DiagnosticList([Diagnostic(.error, file: file.path, line: 1, code: "SRV003", message: "the policy has no survey: mapping",
                                             hint: "add one to policy.yml naming the team and item columns")])
        }
        reader = try SurveyReader(header: header, file: file.path, mapping: mapping)
        file.ignoredColumns = reader.ignoredColumns
        if !reader.ignoredColumns.isEmpty {
            file.note(Diagnostic(.note, file: file.path, line: 1, code: "SRV020",
                message: "not read: \(reader.ignoredColumns.count) column(s) outside the survey mapping (free text and identities are never stored)"))
        }
    }

    public mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        try file.keep(reader.decode(record, diagnostics: &diagnostics)) { try sink.upsertSurveyResponse($0, sourceId: file.sourceId) }
    }
}
