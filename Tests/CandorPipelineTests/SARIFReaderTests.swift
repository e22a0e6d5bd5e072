@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import GRDB
import Testing

@Suite("SARIF 2.1.0")
struct SARIFReaderTests {
    static func log(results: String, provenance: Bool = true, version: String = "2.1.0") -> String {
        let vcp = provenance ? #","versionControlProvenance":[{"repositoryUri":"https://github.com/acme/checkout.git","revisionId":"abc123","branch":"main"}]"# : ""
        return """
            {"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"\(version)","runs":[{
              "results":[\(results)],
              "tool":{"driver":{"name":"CodeQL","rules":[{"id":"py/sql-injection","fullDescription":{"text":"RULE-TEXT"}}]}}\(vcp),
              "invocations":[{"executionSuccessful":true,"endTimeUtc":"2026-07-02T10:00:00Z"}],
              "artifacts":[{"location":{"uri":"src/a.py"}}]}]}
            """
    }

    static let results = """
        {"ruleId":"py/sql-injection","level":"error","message":{"text":"SECRET-MESSAGE"},
         "locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/a.py"},"region":{"startLine":10,"startColumn":5}}}],
         "partialFingerprints":{"primaryLocationLineHash":"aa11:1"},"baselineState":"new"},
        {"ruleId":"py/clear-text-logging","message":{"text":"m"},
         "locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/b.py"},"region":{"startLine":3}}}],
         "suppressions":[{"kind":"inSource","justification":"SECRET-JUSTIFICATION"}]},
        {"ruleId":"py/unused-import","level":"note","locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/c.py"},"region":{"startLine":1}}}],
         "suppressions":[{"kind":"external","status":"underReview"}]},
        {"ruleId":"py/unused-import","level":"note","locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/c.py"},"region":{"startLine":1}}}]},
        {"rule":{"id":"py/absent"},"baselineState":"absent"}
        """

    @Test("results with tool and repository given after them; suppressions, baseline states; no message text stored")
    func ingest() throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("codeql.sarif", Self.log(results: Self.results)))
        #expect(outcome.format == .sarif)
        #expect(outcome.status == .ingested(rows: 5), "\(outcome.diagnostics)")
        #expect(try h.store.tableCounts()["sarif_scan"] == 1 && h.store.tableCounts()["sarif_result"] == 5)
        for secret in ["SECRET-MESSAGE", "SECRET-JUSTIFICATION", "RULE-TEXT"] { #expect(try !databaseContains(h, secret)) }
        let summary = try h.store.sarifSummary()
        #expect(summary == .init(scans: 1, results: 5, suppressed: 1, underReview: 1, absent: 1, repositories: ["acme/checkout"], tools: ["CodeQL"]))
    }

    @Test("a policy that drops uri and start_line leaves no file or line anywhere: a result without a fingerprint is keyed by a digest")
    func locationKeyDigest() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Policy.parse(MinimisationTests.base + "sources:\n  sarif: {fields: [baseline_state, suppression]}\n", path: h.folder.path("p.yml"))
        let outcome = try ingestor.ingest(path: try h.folder.write("codeql.sarif", Self.log(results: Self.results)))
        #expect(outcome.status == .ingested(rows: 5), "\(outcome.diagnostics)")
        for located in ["src/b.py", "src/c.py", "|3|", "|1|"] { #expect(try !databaseContains(h, located), "\(located) is still stored") }
        let keys = try h.store.queue.read { db in try String.fetchAll(db, sql: "SELECT result_key FROM sarif_result ORDER BY result_key") }
        #expect(keys.filter { $0.hasPrefix("loc:") }.count == 4 && keys.contains("primaryLocationLineHash=aa11:1"), "\(keys)")
    }

    @Test("a database from before the digest: its location keys become the digests the reader now makes, so the next scan matches them")
    func locationKeyMigration() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("codeql.sarif", Self.log(results: Self.results)))
        let digests = try h.store.queue.read { db in try String.fetchAll(db, sql: "SELECT result_key FROM sarif_result ORDER BY result_key") }
        // The keys as an earlier candor stored them, and its migrations.
        for file in h.store.files {
            let queue = try DatabaseQueue(path: file)
            try queue.write { db in
                guard try db.tableExists("sarif_result") else { return }
                try db.execute(sql: "UPDATE sarif_result SET result_key = 'py/clear-text-logging|src/b.py|3|' WHERE result_key = ?",
                               arguments: [SARIFResult.locationKey(rule: "py/clear-text-logging", uri: "src/b.py", line: 3, column: nil)])
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'd16-sarif-location-keys'")
            }
            try queue.close()
        }
        #expect(try h.store.queue.read { db in try String.fetchAll(db, sql: "SELECT result_key FROM sarif_result") }.contains("py/clear-text-logging|src/b.py|3|"))
        let upgraded = try CandorStore(path: h.store.path)
        #expect(try upgraded.queue.read { db in try String.fetchAll(db, sql: "SELECT result_key FROM sarif_result ORDER BY result_key") } == digests)
        #expect(SARIFResult.isPlainLocationKey("r|a.py|1|", rule: "r") && SARIFResult.isPlainLocationKey("a=b|x.py||", rule: "a=b"))
        #expect(!SARIFResult.isPlainLocationKey("primaryLocationLineHash=aa|11", rule: "r") && !SARIFResult.isPlainLocationKey("fp=x", rule: "fp"))
    }

    @Test("a later export of the same scan replaces its results")
    func sameScan() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("a.sarif", Self.log(results: Self.results)))
        let fewer = Self.log(results: #"{"ruleId":"py/sql-injection","partialFingerprints":{"primaryLocationLineHash":"aa11:1"}}"#)
        #expect(try h.ingestor.ingest(path: try h.folder.write("b.sarif", fewer)).status == .ingested(rows: 1))
        #expect(try h.store.tableCounts()["sarif_result"] == 1)
    }

    @Test("repository from --repository when the log names none; otherwise rejected")
    func repository() throws {
        let h = try IngestHarness()
        let path = try h.folder.write("semgrep.sarif", Self.log(results: #"{"ruleId":"r"}"#, provenance: false))
        let rejected = try h.ingestor.ingest(path: path)
        #expect(rejected.status == .rejected && rejected.diagnostics.map(\.code) == ["SARIF002"])
        let given = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(), now: Date(), repository: "acme/search")
        #expect(try given.ingest(path: path).status == .ingested(rows: 1))
        #expect(try h.store.sarifSummary().repositories == ["acme/search"])
    }

    @Test("bad logs are located", arguments: [
        (log(results: #"{"ruleId":"r"}"#, version: "2.0.0"), "SARIF001", "not a SARIF 2.1.0 log"),
        (log(results: #"{"ruleId":"r","level":"fatal"}"#), "JSON015", "$.runs[0].results[0].level: expected one of error, none, note, warning"),
        (log(results: #"{"message":{"text":"x"}}"#), "SARIF010", "$.runs[0].results[0]: the result names no rule"),
        (log(results: #"{"ruleId":"r","suppressions":[{"kind":"magic"}]}"#), "JSON015", "$.runs[0].results[0].suppressions[0].kind"),
        (log(results: #"{"ruleId":"r","locations":[{"physicalLocation":{"region":{"startLine":"ten"}}}]}"#), "JSON011", "region.startLine: expected a whole number"),
    ])
    func bad(text: String, code: String, message: String) throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("bad.sarif", text))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.code == code && d.message.contains(message), "\(d)")
        #expect(try h.store.tableCounts().values.allSatisfy { $0 == 0 })
    }

    @Test("repository URIs are normalised")
    func normalise() {
        #expect(SARIFReader.normaliseRepository("https://github.com/acme/checkout.git") == "acme/checkout")
        #expect(SARIFReader.normaliseRepository("git@github.com:acme/checkout.git") == "acme/checkout")
        #expect(SARIFReader.normaliseRepository("acme/checkout/") == "acme/checkout")
        #expect(SARIFReader.normaliseRepository("  ") == nil)
    }
}
