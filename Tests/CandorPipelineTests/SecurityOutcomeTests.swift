@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

/// Security outcomes reach the board (issue 20, item 8): open High and Critical findings and time to
/// fix, from a tier of counts and dates in the operational file; categories stay in the compliance file.
@Suite("Security outcomes for the board")
struct SecurityOutcomeTests {
    static func policy(_ folder: TemporaryFolder) throws -> Policy {
        try Policy.parse(MinimisationTests.base, path: folder.path("policy.yml"))
    }

    @Test("the board reads open High and Critical findings as a count, the tier holds no category or rule, and a stale tier is refused")
    func boardSeesCounts() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("repos.csv", "repository,team,from,to\nacme/checkout,Checkout,2025-01-01,\n"))
        // Five people in the team: a team's figures are shown from the minimum group size on.
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\n" + (1...5).map { "p\($0),Checkout,2025-01-01,\n" }.joined()))
        func finding(_ id: String, severity: String, status: String, updated: String = "2026-08-20T10:00:00Z") -> String {
            CodeGuruSecurityTests.finding(id, status: status, created: "\"2026-07-02T08:00:00Z\"")
                .replacingOccurrences(of: #""severity":"High""#, with: #""severity":"\#(severity)""#)
                .replacingOccurrences(of: #""resource":{"id":"checkout""#, with: #""resource":{"id":"acme/checkout""#)
                .replacingOccurrences(of: #""updatedAt":"2025-06-25T10:00:00.123Z""#, with: #""updatedAt":"\#(updated)""#)
        }
        let text = #"{"findings":[\#(finding("f-1", severity: "High", status: "Open")),\#(finding("f-2", severity: "Critical", status: "Closed")),"#
            + #"\#(finding("f-3", severity: "Medium", status: "Open")),\#(finding("f-4", severity: "Critical", status: "Open", updated: "2026-07-03T00:00:00Z"))]}"#
        #expect(try h.ingestor.ingest(path: try h.folder.write("findings.json", text)).status == .ingested(rows: 4))
        let policy = try Self.policy(h.folder)
        let writer = ReportWriter(policy: policy, store: h.store, templates: try TemplateSet(overridesFrom: nil), now: Date(timeIntervalSince1970: 0), log: SilentLog())

        // Before any report has made the tier, a board reader refuses it rather than read it as empty.
        let stale = try h.store.reader(datasets: [.coaching, .operational])
        #expect(throws: StoreError.self) { _ = try stale.securityOutcomes(asOf: Period("2026-Q3")!.last) }

        let board = try writer.policyReader(datasets: [.coaching, .operational])
        #expect(!board.datasets.contains(.compliance))
        let outcomes = try board.securityOutcomes(asOf: Period("2026-Q3")!.last)
        #expect(outcomes.count == 4 && outcomes.allSatisfy { $0.repository == "acme/checkout" && $0.source == "codeguru-security" })
        let q3 = Period("2026-Q3")!
        let card = try writer.decided(board, q3, weeklySeries: false).scorecard
        // f-1 (High) and f-4 (Critical) are open at the period's end; f-2 was fixed; f-3 is Medium.
        #expect(card.value(MetricRegistry.openHighSeverity.id, team: nil)?.estimate == 2)
        // Time to fix reads the same tier: f-2 fixed after 49 days, the others censored at the period's end.
        #expect(card.value(MetricRegistry.timeToFix.id, team: nil)?.events == 4)
        // The operational file holds no category, rule, detector or path of any finding.
        let operational = try Data(contentsOf: URL(fileURLWithPath: h.folder.path("candor.operational.sqlite")))
        for secret in ["python-hardcoded-credentials", "hardcoded-credentials", "cwe-798", "src/a.py", "Vulnerability"] {
            #expect(operational.range(of: Data(secret.utf8)) == nil, "\(secret) in the operational file")
        }
        // A finding ingested later makes the tier stale until the next report makes it again.
        _ = try h.ingestor.ingest(path: try h.folder.write("more.json", #"{"findings":[\#(finding("f-5", severity: "High", status: "Open"))]}"#))
        #expect(throws: StoreError.self) { _ = try h.store.reader(datasets: [.operational]).securityOutcomes(asOf: Period("2026-Q3")!.last) }
        #expect(try writer.policyReader(datasets: [.operational]).securityOutcomes(asOf: Period("2026-Q3")!.last).count == 5)
    }
}
