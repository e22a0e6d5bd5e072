import Foundation
import Testing

/// The committed reports survive an independent recomputation: `scripts/recompute` (standard-library
/// Python, written from docs/ by someone who never read candor's code, never calling candor)
/// recomputes every figure of both example organisations from the raw fixture files and compares it
/// with the figures files. A definition and its implementation cannot drift apart silently.
@Suite("Independent recomputation")
struct RecomputationTests {
    @Test("scripts/recompute matches every published figure of fixtures/acme and fixtures/kestrel")
    func recompute() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/recompute"]
        process.currentDirectoryURL = CandorBinary.packageRoot
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recompute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: out, encoding: .utf8)
        let summary = text.split(separator: "\n").filter { $0.hasPrefix("== ") && $0.contains("rows checked") }.joined(separator: "\n")
        #expect(process.terminationStatus == 0, "\(summary)\n\(text.suffix(4000))")
        // acme 2026-Q2 to Q4, kestrel 2026-Q2 and Q3.
        #expect(summary.split(separator: "\n").count == 5, "\(text.prefix(2000))")
        // The interval attack (docs/disclosure.md): an exact rational simplex per hidden count, over every
        // table of every period of both organisations, finds each primary cell within its protection interval.
        let attacks = text.split(separator: "\n").filter { $0.hasPrefix("== interval attack ") }
        #expect(attacks.count == 5 && attacks.allSatisfy { $0.hasSuffix("all protected") }, "\(attacks.joined(separator: "\n"))")
    }
}
