@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

/// A seeded mutation fuzzer over every reader: each format's real fixture file, mutated thousands of
/// times (bytes flipped, inserted, deleted, duplicated; runs of syntax characters; NUL, invalid
/// UTF-8, bidirectional controls; splices of another format), ingested through the whole pipeline.
/// No input may crash or hang candor, and every file it rejects must say why, with a location.
///
/// `CANDOR_FUZZ_ITERATIONS` (default 150 per format, about 3,500 files in all) and `CANDOR_FUZZ_SEED`
/// scale it up: `scripts/fuzz` runs 5,000 per format.
@Suite("Mutation fuzzing of every reader")
struct MutationFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["CANDOR_FUZZ_ITERATIONS"] ?? "") ?? 150
    static let seed = UInt64(ProcessInfo.processInfo.environment["CANDOR_FUZZ_SEED"] ?? "") ?? 20261125

    /// Each fixture, cut to its first 40 lines (a JSON document is then broken, which is a mutation too).
    static func seedBytes(_ file: String) throws -> [UInt8] {
        let bytes = try HostileBasicsTests.bytes(file)
        var newlines = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            newlines += 1
            if newlines == 40 { return Array(bytes[...i]) }
        }
        return bytes
    }

    static let runs: [[UInt8]] = [
        Array(repeating: UInt8(ascii: "["), count: 5000), Array(repeating: UInt8(ascii: "{"), count: 5000),
        Array(repeating: UInt8(ascii: "\""), count: 3001), Array(repeating: UInt8(ascii: ","), count: 5000),
        Array(repeating: 0x0A, count: 2000), Array("\u{202E}\u{2066}".utf8), [0x00, 0x00], [0xFF, 0xFE, 0xC3], [0xED, 0xA0, 0x80],
        Array("=HYPERLINK(\"http://evil.example\")".utf8), Array("\r\nBcc: x@evil.example\r\n".utf8), Array("<script>".utf8),
        Array("\\u0000\\ud800".utf8), Array("1e999999".utf8), Array("-0.0e-400".utf8), Array("9999-99-99".utf8),
    ]

    static func mutate(_ input: [UInt8], other: [UInt8], rng: inout SeededGenerator) -> [UInt8] {
        var b = input
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            let at = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count))
            switch rng.next() % 7 {
            case 0 where !b.isEmpty: b[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
            case 2 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + 1 + Int(rng.next() % 64)))
            case 3 where !b.isEmpty:
                let end = min(b.count, at + 1 + Int(rng.next() % 256))
                b.insert(contentsOf: Array(b[at..<end]), at: at)
            case 4: b.insert(contentsOf: runs[Int(rng.next() % UInt64(runs.count))], at: at)
            case 5 where !other.isEmpty:
                let from = Int(rng.next() % UInt64(other.count))
                b.insert(contentsOf: other[from..<min(other.count, from + 1 + Int(rng.next() % 512))], at: at)
            default: b = Array(b.prefix(at))
            }
        }
        return b
    }

    @Test("no mutated file crashes or hangs a reader, and every rejection is located", arguments: HostileBasicsTests.examples)
    func fuzz(format: InputFormat, file: String) throws {
        let (h, ingestor) = try HostileBasicsTests.harness()
        let seedFile = try Self.seedBytes(file)
        let others = try HostileBasicsTests.examples.map { try Self.seedBytes($0.1) }
        var rng = SeededGenerator(seed: Self.seed &+ UInt64(HostileBasicsTests.examples.firstIndex { $0.1 == file }!) &* 7919)
        var outcomes = (ingested: 0, rejected: 0, unchanged: 0)
        var slowest = 0.0
        for i in 0..<Self.iterations {
            let mutated = Self.mutate(seedFile, other: others[Int(rng.next() % UInt64(others.count))], rng: &rng)
            let path = h.folder.path("m\(i)")
            try Data(mutated).write(to: URL(fileURLWithPath: path))
            let started = Date()
            let outcome = try ingestor.ingest(path: path)
            slowest = max(slowest, Date().timeIntervalSince(started))
            switch outcome.status {
            case .ingested: outcomes.ingested += 1
            case .unchanged: outcomes.unchanged += 1
            case .rejected:
                outcomes.rejected += 1
                let errors = outcome.diagnostics.filter { $0.severity == .error }
                #expect(!errors.isEmpty, "mutation \(i) of \(file) was rejected without an error")
                #expect(errors.allSatisfy { $0.file == path && $0.line != nil && !$0.message.isEmpty && !$0.code.isEmpty },
                        "mutation \(i) of \(file): an error without a location: \(errors.prefix(2))")
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        // A generous bound: a file of a few kilobytes takes milliseconds; seconds would mean a blow-up.
        #expect(slowest < 5, "\(format): the slowest mutated file took \(slowest) s")
        #expect(outcomes.rejected > 0 && outcomes.ingested + outcomes.rejected + outcomes.unchanged == Self.iterations)
        #expect(try h.store.integrityCheck() == "ok")
    }
}
