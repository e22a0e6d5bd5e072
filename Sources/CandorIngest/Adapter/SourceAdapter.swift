import CandorParsing
import CandorPolicy
import CandorVocabulary

/// Reads one CSV format: maps the header, then decodes, gates, pseudonymises and writes each row.
///
/// One adapter value reads one file. Its folder under `Sources/CandorIngest/` holds the reader, the
/// adapter and the sink protocol that names the store writes the source needs; its formats are
/// listed once, in ``SourceRegistry``.
public protocol CSVSourceAdapter {
    /// The formats this adapter reads.
    static var formats: [InputFormat] { get }
    /// The format of a file whose header is `header` (`names`: its names trimmed and lowercased), if it
    /// is one of this adapter's; `survey` is the policy's survey mapping. Asked in the registry's order.
    static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat?
    /// Maps `header`; throws a `DiagnosticList` when the file cannot be read as this format (it is rejected whole).
    init(header: [String], file: IngestFile, sink: some RecordSink) throws
    /// Reads one record after the header. Problems go to `diagnostics`; what is kept goes through `file.keep`.
    mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws
    /// Runs once after the last record, whether or not the file will be kept: checks and notes.
    mutating func finish(file: IngestFile, sink: some RecordSink) throws
    /// Runs once the file is accepted, inside its transaction: work on the store that follows from
    /// the whole file (the weekly tiers).
    mutating func complete(file: IngestFile, sink: some RecordSink) throws
}

extension CSVSourceAdapter {
    public mutating func finish(file: IngestFile, sink: some RecordSink) throws {}
    public mutating func complete(file: IngestFile, sink: some RecordSink) throws {}
}

/// Reads one JSON format: says where its records are, then decodes, gates, pseudonymises and writes each.
public protocol JSONSourceAdapter {
    /// The formats this adapter reads.
    static var formats: [InputFormat] { get }
    /// The format of a file that starts as `sniff` shows, if it is one of this adapter's. Asked in the registry's order.
    static func recognise(_ sniff: JSONSniff) -> InputFormat?
    init(file: IngestFile)
    /// Where the records are in a file that starts as `sniff` shows (wrapped, an array, JSON lines, …).
    func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]]
    /// Values outside the records the adapter wants to see (nil: the stream's default, top-level scalars).
    var contextPatterns: [[JSONPathPattern]]? { get }
    /// The members of a record of `format` the reader reads (nil: build every member). Members not
    /// named are still validated as JSON but never built.
    func recordProjection(_ format: InputFormat) -> JSONProjection?
    /// Runs before the records are streamed (a format that needs a first pass reads it here).
    mutating func begin(source: () throws -> ByteSource, file: IngestFile, sink: some RecordSink) throws
    /// A context value (see ``contextPatterns``).
    mutating func context(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws
    /// Reads one record.
    mutating func read(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws
    /// Runs once after the last record, whether or not the file will be kept: checks and notes.
    mutating func finish(file: IngestFile, sink: some RecordSink) throws
    /// Runs once the file is accepted, inside its transaction: work on the store that follows from the whole file.
    mutating func complete(file: IngestFile, sink: some RecordSink) throws
}

extension JSONSourceAdapter {
    public var contextPatterns: [[JSONPathPattern]]? { nil }
    public func recordProjection(_ format: InputFormat) -> JSONProjection? { nil }
    public mutating func begin(source: () throws -> ByteSource, file: IngestFile, sink: some RecordSink) throws {}
    public mutating func context(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink,
                                 diagnostics: inout [Diagnostic]) throws {}
    public mutating func finish(file: IngestFile, sink: some RecordSink) throws {}
    public mutating func complete(file: IngestFile, sink: some RecordSink) throws {}

    /// `gh api --paginate` writes arrays (one per page); `--jq '.[]'` writes one object per line.
    static func arrayOrLines(_ sniff: JSONSniff) -> [[JSONPathPattern]] {
        sniff.rootIsArray ? [[.anyIndex]] : [[]]
    }
}
