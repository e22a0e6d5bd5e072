import Foundation
import Testing
@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline

@Suite("Programme changes")
struct ProgrammeChangeTests {
    @Test("the policy-change log and new policy versions are programme changes of their period; the first version is not")
    func changes() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("changes.csv", "date,change,metrics\n2026-08-17,New review rule,flow.review_depth\n2026-04-02,Earlier,\n"))
        #expect(try h.store.recordPolicyVersion(sha256: String(repeating: "a", count: 64), time: "2026-06-01T00:00:00Z"))
        #expect(try !h.store.recordPolicyVersion(sha256: String(repeating: "a", count: 64), time: "2026-07-01T00:00:00Z"))
        #expect(try h.store.recordPolicyVersion(sha256: String(repeating: "b", count: 64), time: "2026-09-03T10:00:00Z"))
        let q3 = Period("2026-Q3")!
        let changes = try h.store.programmeChanges(from: q3.first, to: q3.last)
        #expect(changes.map(\.day.iso8601) == ["2026-08-17", "2026-09-03"])
        #expect(changes[0].metrics == ["flow.review_depth"] && changes[1].description.hasPrefix("The policy file changed (SHA-256 bbbbbbbbbbbb"))
    }
}
