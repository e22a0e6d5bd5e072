import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes Amazon CodeGuru Security needs.
public protocol CodeGuruSecuritySink {
    func upsertCodeGuruSecurityFinding(_ f: CodeGuruSecurityFinding, sourceId: Int64) throws
    func upsertCodeGuruSecurityMetric(_ m: CodeGuruSecurityMetric, scope: String, sourceId: Int64) throws
}

/// Amazon CodeGuru Security `GetFindings` and `ListFindingsMetrics` responses.
public struct CodeGuruSecurityAdapter: JSONSourceAdapter {
    public static let formats: [InputFormat] = [.codeGuruSecurityFindings, .codeGuruSecurityMetrics]

    public static func recognise(_ sniff: JSONSniff) -> InputFormat? {
        if sniff.rootKeys.contains("findingsMetrics") { return .codeGuruSecurityMetrics }
        let keys = sniff.allKeys
        if sniff.rootKeys.contains("findings") && (keys.contains("severity") || keys.contains("status") || keys.contains("detectorId")) {
            return .codeGuruSecurityFindings
        }
        return nil
    }

    let format: InputFormat

    public init(file: IngestFile) { format = file.format }

    public func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] {
        [[.key(format == .codeGuruSecurityMetrics ? "findingsMetrics" : "findings"), .anyIndex]]
    }

    public mutating func read(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        if file.format == .codeGuruSecurityFindings {
            try file.keep(CodeGuruSecurityReader.finding(node, path: path, file: file.path, diagnostics: &diagnostics)) {
                try sink.upsertCodeGuruSecurityFinding($0, sourceId: file.sourceId)
            }
        } else if let rows = CodeGuruSecurityReader.metrics(node, path: path, file: file.path, diagnostics: &diagnostics) {
            // One record is a day: its severities are stored as rows of their own.
            try file.keep(CodeGuruSecurityMetricDay(metrics: rows)) { day in
                for row in day.metrics { try sink.upsertCodeGuruSecurityMetric(row, scope: file.options.scope, sourceId: file.sourceId) }
            }
        }
    }
}

/// One day of `ListFindingsMetrics`: its rows per severity, kept or left out together.
struct CodeGuruSecurityMetricDay: GatedRecord {
    var metrics: [CodeGuruSecurityMetric]
    /// None: the metrics are account-level counts.
    static let gatedFields: [GatedField<CodeGuruSecurityMetricDay>] = []
}
