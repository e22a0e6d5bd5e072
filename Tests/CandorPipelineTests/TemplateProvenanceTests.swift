@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

/// A `--templates` folder can change what a report says about the programme (its purpose, what the
/// data is never used for). Every template used is therefore hashed into the manifest and the audit
/// entry, and every report rendered with a replaced one says so above its content.
@Suite("Templates in the manifest and the audit log")
struct TemplateProvenanceTests {
    @Test("every template is hashed into the manifest and each audit entry; a replaced one is named there and in every report")
    func overridesAreRecorded() throws {
        let folder = try TemporaryFolder()
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.path]))
        let policy = try Policy.load(path: FixtureIngestTests.acme.appendingPathComponent("policy.yml").path)
        let q3 = Period("2026-Q3")!
        func run(_ templates: TemplateSet, out: String) throws -> (templates: [[String: String]], entries: [AuditEntry]) {
            let writer = ReportWriter(policy: policy, store: store, templates: templates, now: Date(timeIntervalSince1970: 1_791_000_000), log: SilentLog())
            let before = try store.auditEntries().count
            _ = try writer.writeAll(period: q3, to: out, store: store, purpose: "governance-review", actor: "test")
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/2026-Q3/manifest.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return (try #require(json["templates"] as? [[String: String]]), Array(try store.auditEntries().dropFirst(before)))
        }

        let builtIn = try TemplateSet(overridesFrom: nil)
        let plain = try run(builtIn, out: folder.path("plain"))
        #expect(plain.templates.map { $0["name"] ?? "" } == EmbeddedTemplates.files.keys.sorted())
        #expect(plain.templates.allSatisfy { $0["origin"] == "built-in" })
        #expect(plain.templates.first { $0["name"] == "transparency.md" }?["sha256"]
                == SHA256Digest.hex(of: Array(EmbeddedTemplates.files["transparency.md"]!.utf8)))
        #expect(Self.commands(plain.entries) == Self.expected && plain.entries.allSatisfy { $0.inputs.contains("templates:" + builtIn.fingerprint) })
        #expect(!plain.entries.contains { $0.inputs.contains { $0.hasPrefix("template-override:") } })
        #expect(try !String(contentsOfFile: folder.path("plain/2026-Q3/governance.md"), encoding: .utf8).contains("Changed templates"))

        // A transparency report that no longer says what the data is never used for.
        let custom = folder.path("custom")
        try FileManager.default.createDirectory(atPath: custom, withIntermediateDirectories: true)
        let text = "{{%CONTENT_TYPE: MARKDOWN}}\n# Transparency\n\nAll is well.\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: custom + "/transparency.md.mustache"))
        let replaced = try TemplateSet(overridesFrom: custom)
        #expect(replaced.overridden == ["transparency.md"] && replaced.fingerprint != builtIn.fingerprint)
        let changed = try run(replaced, out: folder.path("changed"))
        let entry = try #require(changed.templates.first { $0["name"] == "transparency.md" })
        #expect(entry["origin"] == "override" && entry["sha256"] == SHA256Digest.hex(of: Array(text.utf8)))
        #expect(changed.templates.filter { $0["origin"] == "override" }.count == 1)
        let override = "template-override:transparency.md:" + SHA256Digest.hex(of: Array(text.utf8))
        #expect(Self.commands(changed.entries) == Self.expected && changed.entries.allSatisfy { $0.inputs.contains(override) && $0.inputs.contains("templates:" + replaced.fingerprint) })
        // The notice is candor's, after the template's own title, in the replaced report and every other one.
        let transparency = try String(contentsOfFile: folder.path("changed/2026-Q3/transparency.md"), encoding: .utf8)
        #expect(transparency.hasPrefix("# Transparency\n\n> **Changed templates.** This report was rendered with 1 of candor's templates replaced"))
        #expect(transparency.hasSuffix("All is well.\n"))
        let html = try String(contentsOfFile: folder.path("changed/2026-Q3/transparency.html"), encoding: .utf8)
        #expect(html.contains("<strong>Changed templates.</strong>"))
        #expect(try String(contentsOfFile: folder.path("changed/2026-Q3/governance.md"), encoding: .utf8).contains("> **Changed templates.**"))
    }

    static let expected: Set<String> = ["report governance 2026-Q3", "report transparency 2026-Q3", "report team 2026-Q3", "manifest 2026-Q3"]
    static func commands(_ entries: [AuditEntry]) -> Set<String> { Set(entries.map(\.command)) }

    @Test("a template whose name is not one word is recorded as one word in the audit log")
    func oddNames() throws {
        let folder = try TemporaryFolder()
        try folder.write("my style.mustache", "body {}\n")
        let set = try TemplateSet(overridesFrom: folder.url.path)
        let inputs = Audit.templateInputs(set)
        #expect(inputs.count == 2 && inputs[1].hasPrefix("template-override:my_style:") && !inputs[1].contains(" "))
        #expect(set.overrideNotice?.contains("my style") == true)
    }
}
