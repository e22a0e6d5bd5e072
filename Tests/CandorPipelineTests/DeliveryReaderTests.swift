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

@Suite("Deployments and incidents")
struct DeliveryReaderTests {
    @Test("DevLake webhook deployments and incidents: object, array or NDJSON; links kept; titles not stored")
    func devlake() throws {
        let h = try IngestHarness()
        let deployments = """
            [{"id":"d-101","displayTitle":"SECRET-TITLE","startedDate":"2026-07-01T09:00:00Z","finishedDate":"2026-07-01T09:12:00Z","result":"SUCCESS","environment":"PRODUCTION","deploymentCommits":[{"repoUrl":"https://github.com/acme/checkout","commitSha":"abc","startedDate":"2026-07-01T09:00:00Z","finishedDate":"2026-07-01T09:12:00Z"}]},
             {"id":"d-102","startedDate":"2026-07-02T09:00:00Z","finishedDate":"2026-07-02T09:10:00Z","result":"failure","environment":"production","deploymentCommits":[{"repoUrl":"git@github.com:acme/checkout.git","commitSha":"def","startedDate":"2026-07-02T09:00:00Z","finishedDate":"2026-07-02T09:10:00Z"}]}]
            """
        let d = try h.ingestor.ingest(path: try h.folder.write("deployments.json", deployments))
        #expect(d.format == .devlakeDeployments && d.status == .ingested(rows: 2), "\(d.diagnostics)")
        let incident = #"{"issueKey":"INC-7","title":"SECRET-INCIDENT","originalStatus":"Resolved","createdDate":"2026-07-02T10:00:00Z","resolutionDate":"2026-07-02T12:30:00Z","status":"DONE","severity":"SEV2","deploymentId":"d-102"}"#
        let i = try h.ingestor.ingest(path: try h.folder.write("incident.json", incident))
        #expect(i.format == .devlakeIncidents && i.status == .ingested(rows: 1), "\(i.diagnostics)")
        #expect(try !databaseContains(h, "SECRET-TITLE") && !databaseContains(h, "SECRET-INCIDENT"))
        #expect(try h.store.tableCounts()["deployment"] == 2 && h.store.tableCounts()["incident"] == 1)
    }

    @Test("the documented CSVs")
    func csv() throws {
        let h = try IngestHarness()
        let deployments = "deployment_id,repository,environment,started_at,finished_at,result\nd-1,acme/search,production,2026-07-01T09:00:00Z,2026-07-01T09:12:00Z,success\nd-2,acme/search,staging,2026-07-01T10:00:00Z,2026-07-01T10:01:00Z,FAILURE\n"
        #expect(try h.ingestor.ingest(path: try h.folder.write("deployments.csv", deployments)).status == .ingested(rows: 2))
        let incidents = "incident_id,repository,created_at,resolved_at,severity,caused_by_deployment\nINC-1,acme/search,2026-07-01T11:00:00Z,,SEV3,d-1\n"
        let outcome = try h.ingestor.ingest(path: try h.folder.write("incidents.csv", incidents))
        #expect(outcome.format == .incidentsCSV && outcome.status == .ingested(rows: 1), "\(outcome.diagnostics)")
    }

    @Test("an incident that names no repository is counted as such in the coverage, not read as an unmatched repository (it crashed the read)")
    func incidentWithoutRepository() throws {
        let h = try IngestHarness()
        // DevLake's webhook names no repository unless the payload carries one.
        let incidents = #"""
            {"issueKey":"INC-1","title":"t","createdDate":"2026-07-01T11:00:00Z","status":"TODO"}
            {"issueKey":"INC-2","title":"t","createdDate":"2026-07-02T11:00:00Z","status":"TODO","repository":"acme/search"}

            """#
        #expect(try h.ingestor.ingest(path: try h.folder.write("incidents.json", incidents)).status == .ingested(rows: 2))
        let period = Period("2026-Q3")!
        let delivery = try #require(try h.store.coverage(period).first { $0.source == .delivery })
        #expect(delivery.records == 2 && delivery.placed == 0 && delivery.noRepository == 1 && delivery.unmatched == 1)
        #expect(try h.store.unmatchedRepositories(period).map(\.name) == ["acme/search"])
        let line = CoverageView.lines([delivery], unmatched: [], periodDays: 92, k: 5)[0]
        #expect(line.contains("1 in repositories no directory entry owns") && line.contains("1 name no repository: in no team's figure"), "\(line)")
    }

    @Test("bad rows are located", arguments: [
        ("d-1,acme/search,prod,2026-07-01T09:00:00Z,2026-07-01T09:12:00Z,success", "DEL014", 17),
        ("d-1,acme/search,production,2026-07-01 09:00,2026-07-01T09:12:00Z,success", "DEL013", 28),
        ("d-1,acme/search,production,2026-07-01T09:00:00Z,2026-07-01T08:12:00Z,success", "DEL002", 49),
        (",acme/search,production,2026-07-01T09:00:00Z,2026-07-01T09:12:00Z,success", "DEL011", 1),
    ])
    func bad(row: String, code: String, column: Int) throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("d.csv", "deployment_id,repository,environment,started_at,finished_at,result\n\(row)\n"))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.code == code && d.line == 2 && d.column == column, "\(d)")
    }

    @Test("bad JSON records are located by path")
    func badJSON() throws {
        let h = try IngestHarness()
        let text = #"[{"id":"d-1","startedDate":"2026-07-01T09:00:00Z","finishedDate":"2026-07-01T09:12:00Z","environment":"MOON","deploymentCommits":[{"repoUrl":"https://github.com/acme/x"}]}]"#
        let outcome = try h.ingestor.ingest(path: try h.folder.write("d.json", text))
        #expect(outcome.diagnostics.first?.message.hasPrefix("$[0].environment: expected one of") == true)
        #expect(try h.store.tableCounts()["deployment"] == 0)
    }
}
