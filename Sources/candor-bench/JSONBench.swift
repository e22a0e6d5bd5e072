import CandorIngest
import CandorParsing
import CandorVocabulary
import Foundation

/// The JSON path without the store: the pull-request export (`inputs/github/pulls/*.json`, GitHub's
/// REST shape) read three ways, each timed over every file, on one core — the tokenizer alone, the
/// record stream (every record built as a node tree), and ingest's path: the stream building only
/// the members GitHub's pull-request reader reads (its projection), with the reader. Files are read from the page cache after a warm-up
/// pass, so the rates are the parser's, not the disk's; each rate is the best of three passes, as the
/// machine's other work only ever slows a pass down. Issue 19's target: ≥ 100 MB/s for the stream.
enum JSONBench {
    struct Rates {
        var megabytes: Double, tokenizer: Double, stream: Double, reader: Double, records: Int
        /// Records the pull-request reader refused (a real export may hold some; the rate counts them too).
        var rejected: Int
    }

    static func run(pulls folder: URL) throws -> Rates? {
        let paths = files(under: folder, suffix: ".json")
        guard !paths.isEmpty else { return nil }
        let contents = try paths.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }
        let bytes = contents.reduce(0) { $0 + $1.count }
        let clock = ContinuousClock()
        func best(_ body: () throws -> Void) rethrows -> Duration {
            var fastest = Duration.seconds(1_000_000)
            for _ in 0..<3 { fastest = min(fastest, try clock.measure(body)) }
            return fastest
        }

        var tokens = 0
        let tokenizer = try best {
            for data in contents {
                var t = JSONTokenizer()
                try data.withUnsafeBufferPointer { buffer in
                    try t.consume(buffer) { _, _, _ in tokens += 1 }
                }
                try t.finish { _, _, _ in tokens += 1 }
            }
        }
        var records = 0
        let stream = try best {
            for data in contents {
                try JSONRecordStream(source: ByteSource(bytes: data, name: "bench"), records: [[.anyIndex]]).forEach { _ in records += 1 }
            }
        }
        var kept = 0
        let reader = try best {
            var diagnostics: [Diagnostic] = []
            for data in contents {
                var stream = JSONRecordStream(source: ByteSource(bytes: data, name: "bench"), records: [[.anyIndex]])
                stream.projection = GitHubReader.pullRequestFields
                try stream.forEach { item in
                    guard case .record(let node, let path) = item else { return }
                    diagnostics.removeAll(keepingCapacity: true)
                    if GitHubReader.pullRequest(node, path: path, file: "bench", diagnostics: &diagnostics) != nil { kept += 1 }
                }
            }
        }
        let mb = Double(bytes) / 1_000_000
        return Rates(megabytes: mb, tokenizer: mb / seconds(tokenizer), stream: mb / seconds(stream), reader: mb / seconds(reader),
                     records: records / 3, rejected: (records - kept) / 3)
    }
}
