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

/// Purpose separation: each dataset in its own file; a report attaches only what its audience may see, read-only.
@Suite("Policy gate: datasets kept apart")
struct PurposeSeparationTests {
    /// A store with fixtures/acme's GitHub, SARIF and Q Developer exports ingested under `policyText`.
    static func ingested(_ folder: TemporaryFolder, policyText: String? = nil) throws -> (CandorStore, Policy) {
        let policy = try Policy.parse(policyText ?? MinimisationTests.base, path: folder.path("policy.yml"))
        let store = try CandorStore(path: folder.path("c.sqlite"))
        var ingestor = Ingestor(store: store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(), now: Date())
        ingestor.policy = policy
        let inputs = FixtureIngestTests.acme.appendingPathComponent("inputs")
        let summary = try ingestor.ingest(paths: InputDiscovery.expand(["github/pulls", "sarif", "AWSLogs", "directory.csv"].map {
            inputs.appendingPathComponent($0).path
        }))
        #expect(summary.rejectedCount == 0)
        return (store, policy)
    }

    static func count(_ db: Database, _ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }

    @Test("records go to their dataset's file; the main file holds governance only")
    func separateFiles() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.ingested(folder)
        for dataset in Dataset.allCases { #expect(FileManager.default.fileExists(atPath: CandorStore.datasetPath(store.path, dataset))) }
        #expect(CandorStore.datasetPath("/x/acme.sqlite", .compliance) == "/x/acme.compliance.sqlite")
        let counts = try store.queue.read { db in
            try ["compliance.sarif_result", "coaching.sarif_result", "operational.sarif_result", "operational.github_pull_request",
                 "compliance.github_pull_request", "coaching.qdev_activity", "coaching.qdev_team_week"].map { try Self.count(db, $0) }
        }
        #expect(counts[0] > 0 && counts[1] == 0 && counts[2] == 0)
        #expect(counts[3] > 0 && counts[4] == 0)
        #expect(counts[5] > 0 && counts[6] > 0)
        let inMain = try store.queue.read { db in (try db.tableExists("qdev_activity", in: "main"), try db.tableExists("sarif_result", in: "main")) }
        #expect(!inMain.0 && !inMain.1)
        // Opened again, plain SQLite sees only governance tables in the main file.
        let plain = try DatabaseQueue(path: store.path)
        try plain.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            #expect(!tables.contains("sarif_result") && !tables.contains("qdev_activity") && tables.contains("audit_log"))
        }
    }

    @Test("the policy decides the dataset: a source moved to compliance leaves the other files")
    func policyMovesSource() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.ingested(folder, policyText: MinimisationTests.base + "sources:\n  github: {dataset: compliance}\n")
        let moved = try store.queue.read { db in (try Self.count(db, "compliance.github_pull_request"), try Self.count(db, "operational.github_pull_request")) }
        #expect(moved.0 > 0 && moved.1 == 0)
        let board = try store.reader(datasets: [.coaching, .operational])
        #expect(try board.tableCounts()["github_pull_request"] == 0)
    }

    @Test("a reader attaches only its datasets, read-only: no other file is reachable and nothing can be written")
    func readerSeesOnlyItsDatasets() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.ingested(folder)
        #expect(try store.tableCounts()["sarif_result"]! > 0)
        let board = try store.reader(datasets: [.coaching, .operational])
        let counts = try board.tableCounts()
        #expect(counts["sarif_result"] == 0 && counts["sarif_scan"] == 0)
        #expect(counts["github_pull_request"]! > 0 && counts["qdev_activity"]! > 0)
        try board.queue.read { db in
            let attached = try String.fetchAll(db, sql: "SELECT name FROM pragma_database_list ORDER BY name")
            #expect(attached == ["coaching", "main", "operational", "temp"])
            #expect(throws: (any Error).self) { try Self.count(db, "compliance.sarif_result") }
        }
        #expect(throws: (any Error).self) {
            try board.queue.writeWithoutTransaction { db in try db.execute(sql: "DELETE FROM coaching.qdev_activity") }
        }
        #expect(throws: (any Error).self) {
            try board.queue.writeWithoutTransaction { db in try db.execute(sql: "DELETE FROM main.consent") }
        }
        // An audience granted nothing sees empty tables, not an error.
        let nothing = try store.reader(datasets: [])
        #expect(try nothing.tableCounts()["qdev_activity"] == 0)
        #expect(try store.tableCounts()["qdev_activity"]! > 0)
    }

    @Test("a telemetry write outside a dataset transaction fails instead of landing in the main file")
    func writesNeedADataset() throws {
        let folder = try TemporaryFolder()
        let store = try CandorStore(path: folder.path("c.sqlite"))
        #expect(throws: (any Error).self) {
            try store.transaction { w in
                try w.upsertDeployment(Deployment(id: "d1", repository: "r", environment: "prod", startedAt: 0, finishedAt: 1, result: "SUCCESS"), sourceId: 1)
            }
        }
    }

    @Test("reports read only their audience's datasets; a compliance grant needs an approval reference")
    func reportAccess() throws {
        let folder = try TemporaryFolder()
        let (store, policy) = try Self.ingested(folder)
        var builder = ReportWriter(policy: policy, store: store, templates: try TemplateSet(overridesFrom: nil), now: Date(), log: SilentLog())
        #expect(try builder.datasets(for: .governance) == [.coaching, .operational])
        let narrowed = try Policy.parse(MinimisationTests.base + "audiences:\n  governance-board: [operational]\n  team: [operational]\n  all-staff: [operational]\n", path: folder.path("p.yml"))
        let narrow = ReportWriter(policy: narrowed, store: store, templates: try TemplateSet(overridesFrom: nil), now: Date(), log: SilentLog())
        #expect(try narrow.datasets(for: .governance) == [.operational])
        // With coaching withheld the governance review has no activity to show, and says so.
        let markdown = try narrow.governance(period: Period("2026-Q3")!).markdown
        #expect(markdown.contains("No inline suggestions were recorded in this period."))
        // Security findings: only the security-reviewer view reads them, and only with an approval reference.
        #expect(throws: ApprovalRequired.self) { try builder.datasets(for: .securityReview) }
        builder.approval = "   "
        #expect(throws: ApprovalRequired.self) { try builder.datasets(for: .securityReview) }
        builder.approval = "SEC-42"
        #expect(try builder.datasets(for: .securityReview) == [.operational, .compliance])
        #expect(try !store.securityFindings(Period("2026-Q3")!).isEmpty)
        #expect(try store.reader(datasets: builder.datasets(for: .governance)).securityFindings(Period("2026-Q3")!).isEmpty)
    }

    @Test("a database from before the split is refused with what to do, and left untouched")
    func legacyRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v19-policy-gate")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO source_file (id, sha256, path, format, bytes, ingested_at) VALUES (1, 'x', 'p', 'deployments-csv', 1, 't')")
            try db.execute(sql: "INSERT INTO deployment VALUES ('d', 'r', 'prod', 't', 't', 'SUCCESS', 1)")
        }
        try queue.close()
        #expect { try CandorStore(path: path) } throws: { ($0 as? StoreError)?.message.contains("one file") == true }
        let again = try DatabaseQueue(path: path)
        #expect(try again.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM deployment") } == 1)
    }
}
