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

@Suite("Amazon CodeGuru Security")
struct CodeGuruSecurityTests {
    static func finding(_ id: String, status: String = "Open", created: String = "1750636800", extra: String = "") -> String {
        #"{"id":"\#(id)","title":"SECRET-TITLE","description":"SECRET-DESCRIPTION","type":"Vulnerability","status":"\#(status)","severity":"High","createdAt":\#(created),"updatedAt":"2025-06-25T10:00:00.123Z","generatorId":"AmazonCodeGuruSecurity","detectorId":"python/hardcoded-credentials@v1.0","detectorTags":["cwe-798"],"ruleId":"python-hardcoded-credentials","resource":{"id":"checkout","subResourceId":"x"},"vulnerability":{"id":"v","itemCount":1,"filePath":{"name":"a.py","path":"src/a.py","startLine":3,"endLine":4,"codeSnippet":[{"number":3,"content":"SECRET-CODE = 'hunter2'"}]}},"remediation":{"recommendation":{"text":"SECRET-FIX"},"suggestedFixes":[{"description":"d","code":"SECRET-PATCH"}]}\#(extra)}"#
    }

    @Test("GetFindings: lifecycle metadata stored; titles, descriptions, code and fixes never")
    func findings() throws {
        let h = try IngestHarness()
        let text = #"{"findings":[\#(Self.finding("f-1")),\#(Self.finding("f-2", created: "\"2025-06-20T08:00:00Z\""))],"nextToken":null}"#
        let outcome = try h.ingestor.ingest(path: try h.folder.write("findings.json", text))
        #expect(outcome.format == .codeGuruSecurityFindings)
        #expect(outcome.status == .ingested(rows: 2), "\(outcome.diagnostics)")
        for secret in ["SECRET-TITLE", "SECRET-DESCRIPTION", "SECRET-CODE", "hunter2", "SECRET-FIX", "SECRET-PATCH"] {
            #expect(try !databaseContains(h, secret), "\(secret) stored")
        }
        // A later export where f-1 is Closed updates it instead of adding a row.
        let later = #"{"findings":[\#(Self.finding("f-1", status: "Closed"))]}"#
        #expect(try h.ingestor.ingest(path: try h.folder.write("later.json", later)).status == .ingested(rows: 1))
        #expect(try h.store.tableCounts()["codeguru_security_finding"] == 2)
    }

    @Test("ListFindingsMetrics: one row per day and severity")
    func metrics() throws {
        let h = try IngestHarness()
        let text = #"{"findingsMetrics":[{"date":1750636800,"newFindings":{"critical":0,"high":2,"medium":5,"low":1,"info":0},"closedFindings":{"critical":0,"high":1,"medium":3,"low":0,"info":0},"openFindings":{"critical":1,"high":7,"medium":22,"low":9,"info":3},"meanTimeToClose":{"critical":0,"high":4.5,"medium":11.2,"low":0,"info":0}}]}"#
        let outcome = try h.ingestor.ingest(path: try h.folder.write("metrics.json", text))
        #expect(outcome.format == .codeGuruSecurityMetrics && outcome.status == .ingested(rows: 1), "\(outcome.diagnostics)")
        #expect(try h.store.tableCounts()["codeguru_security_metric_day"] == 5)
    }

    @Test("bad findings are located", arguments: [
        (#","status":"Suppressed""#, "JSON015", ".status: expected one of Closed, Open"),
        (#","createdAt":"yesterday""#, "JSON014", ".createdAt: expected a time"),
        (#","resource":"checkout""#, "JSON011", ".resource: expected an object"),
    ])
    func bad(override: String, code: String, message: String) throws {
        let h = try IngestHarness()
        // A later duplicate key wins in most parsers; candor takes the first, so put the override first.
        let record = Self.finding("f-1").replacingOccurrences(of: #"{"id":"f-1""#, with: #"{"id":"f-1"\#(override)"#)
        let outcome = try h.ingestor.ingest(path: try h.folder.write("bad.json", #"{"findings":[\#(record)]}"#))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.code == code && d.message.contains("$.findings[0]" + message), "\(d)")
    }
}
