import Foundation
import Testing

/// Minimal by default is also true (issue 20, item 7): both example organisations, run with every
/// optional field and every record kept (`fields: all` and a purpose for every source), publish the
/// same figures and the same signals as the example runs, which keep only what the field map says a
/// figure reads. A field the map left out that a figure does read would show here as a changed number.
@Suite("Minimal by default changes no published figure")
struct MinimalFieldsTests {
    /// The policy's `sources:` section keeping everything, under a purpose, for every source.
    static let keepEverything = "sources:\n" + [
        "q-developer", "kiro", "copilot", "assistant-usage", "codeguru-reviewer", "codeguru-security", "sarif", "github", "delivery", "events", "survey",
    ].map { family in
        let dataset = ["codeguru-security", "sarif"].contains(family) ? "compliance" : ["codeguru-reviewer", "github", "delivery"].contains(family) ? "operational" : "coaching"
        let fields = ["kiro", "assistant-usage", "survey"].contains(family) ? "" : ", fields: all"
        return "  \(family): {dataset: \(dataset)\(fields), purpose: \"A test that keeps everything\"}"
    }.joined(separator: "\n") + "\n"

    @Test("every field and record kept: the same figures.json and the same signals, in both quarters", arguments: [
        ("fixtures/acme", "reports"), ("fixtures/kestrel", "reports/kestrel"),
    ])
    func sameFigures(fixture: String, committed: String) throws {
        let temp = try TemporaryFolder()
        let org = temp.path("org")
        try FileManager.default.copyItem(atPath: CandorBinary.packageRoot.appendingPathComponent(fixture).path, toPath: org)
        let policyPath = org + "/policy.yml"
        var lines = try String(contentsOfFile: policyPath, encoding: .utf8).components(separatedBy: "\n")
        // Take out the organisation's own sources: section (its key and indented entries), then keep everything.
        if let start = lines.firstIndex(of: "sources:") {
            var end = start + 1
            while end < lines.count, lines[end].hasPrefix("  ") { end += 1 }
            lines.removeSubrange(start..<end)
        }
        try Data((lines.joined(separator: "\n") + "\n" + Self.keepEverything).utf8).write(to: URL(fileURLWithPath: policyPath))
        let run = try CandorBinary.run(["run", org, "--out", temp.path("all"), "--database", temp.path("all.sqlite"), "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        #expect(!run.stderr.contains("IN009") && !run.stderr.contains("EVT022"), "nothing was left unstored")

        // The transparency report says what is kept beyond the figures, and why.
        let transparency = try String(contentsOfFile: temp.path("all/2026-Q3/transparency.md"), encoding: .utf8)
        #expect(transparency.contains("- Also kept, beyond what the published figures read, for this purpose the policy states: A test that keeps everything"))
        #expect(transparency.contains("additions (no published figure reads it)") || !fixture.hasSuffix("acme"))
        #expect(transparency.contains("merged\\_at (read by Median hours from open to merge)"))

        let root = CandorBinary.packageRoot.appendingPathComponent(committed)
        // The example run says which files it read and did not store; this one stored them all.
        let keptReview = try String(contentsOfFile: temp.path("all/2026-Q3/governance.md"), encoding: .utf8)
        let minimalReview = try String(contentsOf: root.appendingPathComponent("2026-Q3/governance.md"), encoding: .utf8)
        #expect(!keptReview.contains("Read and not stored") && minimalReview.contains("Read and not stored (0 records above)"))
        for period in ["2026-Q2", "2026-Q3"] {
            let everything = try String(contentsOfFile: temp.path("all/\(period)/figures.json"), encoding: .utf8)
            let minimal = try String(contentsOf: root.appendingPathComponent("\(period)/figures.json"), encoding: .utf8)
            #expect(everything == minimal, "\(fixture) \(period): keeping every field changed a published figure")
            let signals = { (text: String) in text.components(separatedBy: "\n## Signals worth discussing").dropFirst().first?.components(separatedBy: "\n## ").first }
            let all = try #require(signals(try String(contentsOfFile: temp.path("all/\(period)/governance.md"), encoding: .utf8)))
            let kept = try #require(signals(try String(contentsOf: root.appendingPathComponent("\(period)/governance.md"), encoding: .utf8)))
            #expect(all == kept, "\(fixture) \(period): keeping every field changed the signals")
        }
    }
}
