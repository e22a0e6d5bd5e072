import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes SARIF logs need.
public protocol SARIFSink {
    /// The SHA-256 of the source file (a run's scan key includes it).
    func sourceSHA256(id: Int64) throws -> String
    func replaceSARIFScan(key: String, run: SARIFRun, sourceId: Int64) throws
    func insertSARIFResult(scanKey: String, _ r: SARIFResult, sourceId: Int64) throws
}

/// SARIF 2.1.0 logs from any analyser: a first pass reads each run (tool, repository, baseline),
/// then every result is stored under its run's scan.
public struct SARIFAdapter: JSONSourceAdapter {
    public static let formats: [InputFormat] = [.sarif]

    public static func recognise(_ sniff: JSONSniff) -> InputFormat? {
        sniff.rootKeys.contains("runs") && (sniff.rootKeys.contains("version") || sniff.rootKeys.contains("$schema")) ? .sarif : nil
    }

    /// The scan key of each run, by its index in `runs`.
    var scanKeys: [Int: String] = [:]

    public init(file: IngestFile) {}

    public func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] { SARIFReader.resultPatterns }

    public var contextPatterns: [[JSONPathPattern]]? { [] }

    public mutating func begin(source: () throws -> ByteSource, file: IngestFile, sink: some RecordSink) throws {
        var runDiagnostics: [Diagnostic] = []
        let runs = try SARIFReader.runs(source: try source(), file: file.path, repositoryOverride: file.options.repository,
                                        diagnostics: &runDiagnostics)
        try file.recordFile(runDiagnostics)
        guard file.accepting else { return }
        let sha = try sink.sourceSHA256(id: file.sourceId)
        for (index, run) in runs.sorted(by: { $0.key < $1.key }) {
            let key = run.scanKey(fileSHA256: sha)
            scanKeys[index] = key
            try sink.replaceSARIFScan(key: key, run: run, sourceId: file.sourceId)
        }
    }

    public mutating func read(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        guard case .index(let run)? = path.components.dropFirst().first, let scanKey = scanKeys[run] else { return }
        try file.keep(SARIFReader.result(node, path: path, file: file.path, diagnostics: &diagnostics)) {
            try sink.insertSARIFResult(scanKey: scanKey, $0, sourceId: file.sourceId)
        }
    }
}
