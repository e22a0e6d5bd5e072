import CandorParsing
import CandorPolicy
import CandorVocabulary
import Foundation

/// The store writes Amazon CodeGuru Reviewer needs.
public protocol CodeGuruReviewerSink {
    func upsertCodeGuruCodeReview(_ r: CodeGuruCodeReview, sourceId: Int64) throws
    func upsertCodeGuruRecommendation(_ r: CodeGuruRecommendation, sourceId: Int64) throws
    func upsertCodeGuruFeedback(_ r: CodeGuruFeedback, person: Pseudonym, sourceId: Int64) throws
}

/// Amazon CodeGuru Reviewer `DescribeCodeReview` / `ListCodeReviews`, `ListRecommendations` and
/// `ListRecommendationFeedback` responses.
///
/// Recommendations and feedback belong to a code review named by a wrapper field, which may come
/// after the list: records wait (in a bounded buffer) until it is known, or `--code-review` names it.
public struct CodeGuruReviewerAdapter: JSONSourceAdapter {
    public static let formats: [InputFormat] = [.codeGuruRecommendations, .codeGuruCodeReviews, .codeGuruFeedback]

    public static func recognise(_ sniff: JSONSniff) -> InputFormat? {
        if sniff.rootKeys.contains("RecommendationSummaries") { return .codeGuruRecommendations }
        if sniff.rootKeys.contains("CodeReview") || sniff.rootKeys.contains("CodeReviewSummaries") { return .codeGuruCodeReviews }
        if sniff.rootKeys.contains("RecommendationFeedbackSummaries") { return .codeGuruFeedback }
        return nil
    }

    let format: InputFormat
    var arn: String?
    var waiting: [(JSONNode, JSONPath)] = []
    /// Most records held while the code review is not yet known.
    static let maxWaiting = 100_000

    public init(file: IngestFile) {
        format = file.format
        arn = file.options.codeReviewArn
    }

    /// The AWS CLI's own output of `list-recommendations` and `list-recommendation-feedback` does not
    /// repeat the code review's ARN; exported per code review, the `describe-code-review` output
    /// beside them names it. Read from there (only that file, only its `CodeReview.CodeReviewArn`)
    /// when neither the file nor `--code-review` says.
    public mutating func begin(source: () throws -> ByteSource, file: IngestFile, sink: some RecordSink) throws {
        guard arn == nil, format == .codeGuruRecommendations || format == .codeGuruFeedback else { return }
        let sibling = URL(fileURLWithPath: file.path).deletingLastPathComponent().appendingPathComponent("describe-code-review.json").path
        // A regular file only (never a link, a pipe or a device), and a small one.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: sibling), attributes[.type] as? FileAttributeType == .typeRegular,
              let size = attributes[.size] as? Int, size <= 1 << 20 else { return }
        var found: String?
        try? JSONRecordStream(source: try ByteSource(path: sibling), records: [[.key("CodeReview")]]).forEach { item in
            if case .record(let node, _) = item { found = node["CodeReviewArn"]?.string }
        }
        guard let found, found.hasPrefix("arn:"), found.utf8.count <= 1600 else { return }
        arn = found
        file.note(Diagnostic(.note, file: file.path, line: 1, code: "CGR006",
                             message: "the code review is the one describe-code-review.json beside this file names"))
    }

    public func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] {
        switch format {
        case .codeGuruRecommendations: [[.key("RecommendationSummaries"), .anyIndex]]
        case .codeGuruFeedback: [[.key("RecommendationFeedbackSummaries"), .anyIndex]]
        default: [[.key("CodeReview")], [.key("CodeReviewSummaries"), .anyIndex]]
        }
    }

    public mutating func context(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink,
                                 diagnostics: inout [Diagnostic]) throws {
        guard path == JSONPath([.key("CodeReviewArn")]), format == .codeGuruRecommendations || format == .codeGuruFeedback else { return }
        var f = JSONFields(JSONNode(.object([JSONNode.Member(key: "CodeReviewArn", value: node)]), line: node.line, column: node.column),
                           path: JSONPath(), file: file.path)
        if let found = CodeGuruReviewerReader.arn(f.string("CodeReviewArn", maxLength: 1600), &f, key: "CodeReviewArn") {
            if let given = file.options.codeReviewArn, given != found {
                f.diagnostics.append(Diagnostic(.error, file: file.path, line: node.line, column: node.column, code: "CGR004",
                                                message: "$.CodeReviewArn differs from --code-review",
                                                hint: "drop --code-review for files that name their code review"))
            }
            arn = found
            for (n, p) in waiting { try store(n, at: p, arn: found, file: file, sink: sink, diagnostics: &diagnostics) }
            waiting.removeAll()
        }
        diagnostics = f.diagnostics + diagnostics
    }

    public mutating func read(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        if format == .codeGuruCodeReviews {
            try file.keep(CodeGuruReviewerReader.codeReview(node, path: path, file: file.path, diagnostics: &diagnostics)) {
                try sink.upsertCodeGuruCodeReview($0, sourceId: file.sourceId)
            }
        } else if let arn {
            try store(node, at: path, arn: arn, file: file, sink: sink, diagnostics: &diagnostics)
        } else {
            if waiting.count >= Self.maxWaiting { throw DiagnosticList([Self.missingArn(file.path)]) }
            waiting.append((node, path))
        }
    }

    func store(_ node: JSONNode, at path: JSONPath, arn: String, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        if format == .codeGuruRecommendations {
            try file.keep(CodeGuruReviewerReader.recommendation(node, path: path, file: file.path, arn: arn, diagnostics: &diagnostics)) {
                try sink.upsertCodeGuruRecommendation($0, sourceId: file.sourceId)
            }
        } else {
            try file.keep(CodeGuruReviewerReader.feedback(node, path: path, file: file.path, arn: arn, diagnostics: &diagnostics)) { row in
                try sink.upsertCodeGuruFeedback(row, person: file.pseudonym(row.userId), sourceId: file.sourceId)
            }
        }
    }

    public mutating func finish(file: IngestFile, sink: some RecordSink) throws {
        if !waiting.isEmpty { try file.recordFile([Self.missingArn(file.path)]) }
    }

    static func missingArn(_ path: String) -> Diagnostic {
        Diagnostic(.error, file: path, line: 1, code: "CGR005", message: "the file does not say which code review its records belong to",
                   hint: "add the exporter's CodeReviewArn wrapper field, or pass --code-review ARN")
    }
}
