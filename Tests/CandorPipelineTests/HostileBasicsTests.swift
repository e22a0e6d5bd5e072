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

/// The same four kinds of bad input against every reader, using a real file of each format from
/// fixtures/acme: truncated, wrong-shaped, wrong-typed and oversized. Each must be rejected with a
/// located diagnostic and leave the database unchanged.
@Suite("Bad input against every reader")
struct HostileBasicsTests {
    /// One committed fixture file per format.
    static let examples: [(InputFormat, String)] = [
        (.qDeveloperActivity, "AWSLogs/111122223333/QDeveloperLogs/by_user_analytic/us-east-1/2026/07/01/00/111122223333_by_user_analytic_20260701T000000Z.csv"),
        (.kiroUserReport, "AWSLogs/111122223333/KiroLogs/user_report/us-east-1/2026/09/24/00/KIRO_IDE_111122223333_user_report_20260924T020000Z.csv"),
        (.directory, "directory.csv"),
        (.repositoryDirectory, "repositories.csv"),
        (.copilotUsers, "github/copilot/users-1-day/2026-09-01.ndjson"),
        (.copilotUserTeams, "github/copilot/user-teams-1-day/2026-09-15.ndjson"),
        (.copilotLegacyMetrics, "github/copilot/legacy-metrics-2026-q2.json"),
        (.codeGuruRecommendations, "codeguru/reviewer/search/pr-143-recommendations.json"),
        (.codeGuruCodeReviews, "codeguru/reviewer/search/pr-143-describe.json"),
        (.codeGuruSecurityFindings, "codeguru/security/findings-checkout-web.json"),
        (.codeGuruSecurityMetrics, "codeguru/security/findings-metrics-2026-q3.json"),
        (.sarif, "sarif/search-2026-09-28.sarif"),
        (.githubPullRequests, "github/pulls/search.json"),
        (.githubReviews, "github/reviews/search.json"),
        (.githubReviewComments, "github/review-comments/checkout-web.json"),
        (.devlakeDeployments, "delivery/deployments-2026-q3.json"),
        (.incidentsCSV, "delivery/incidents-2026-q3.csv"),
        (.survey, "survey/developer-survey-2026-q3.csv"),
        (.events, "events/ide-2026-09.jsonl"),
        (.consent, "governance/consent.csv"),
        (.policyChanges, "governance/policy-changes.csv"),
        (.disputes, "governance/disputes.csv"),
        (.decisions, "governance/decisions.csv"),
        (.approvals, "governance/approvals.csv"),
    ]

    static func harness() throws -> (IngestHarness, Ingestor) {
        let h = try IngestHarness()
        let policy = try Policy.load(path: FixtureIngestTests.acme.appendingPathComponent("policy.yml").path)
        let ingestor = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(), now: Date(),
                                survey: policy.survey)
        return (h, ingestor)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: FixtureIngestTests.acme.appendingPathComponent("inputs").appendingPathComponent(relative)))
    }

    @Test("each example is recognised as its format and ingests", arguments: examples)
    func recognised(format: InputFormat, file: String) throws {
        let (h, ingestor) = try Self.harness()
        let path = try h.folder.write("good", String(decoding: try Self.bytes(file), as: UTF8.self))
        let outcome = try ingestor.ingest(path: path)
        #expect(outcome.format == format)
        #expect(outcome.status != .rejected, "\(outcome.diagnostics.prefix(3))")
    }

    @Test("truncated in the middle of a record", arguments: examples)
    func truncated(format: InputFormat, file: String) throws {
        let (h, ingestor) = try Self.harness()
        var b = try Self.bytes(file)
        // Cut inside the last record: drop the final line break and the last few bytes.
        while b.last == 0x0A || b.last == 0x0D { b.removeLast() }
        b.removeLast(min(3, b.count / 2))
        if !format.isJSON { b += Array(",\"unterminated".utf8) }
        let outcome = try ingestor.ingest(path: try h.folder.write("truncated", String(decoding: b, as: UTF8.self)))
        #expect(outcome.status == .rejected, "\(format)")
        let error = try #require(outcome.diagnostics.first { $0.severity == .error })
        #expect(error.line != nil, "\(error)")
        #expect(try h.store.tableCounts().values.allSatisfy { $0 == 0 })
    }

    @Test("wrong-shaped: a record that is not what the format holds", arguments: examples.filter { $0.0.isJSON })
    func wrongShape(format: InputFormat, file: String) throws {
        let (h, ingestor0) = try Self.harness()
        var ingestor = ingestor0
        ingestor = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(), now: Date(), forcedFormat: format)
        let text = format == .sarif ? #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"versionControlProvenance":[{"repositoryUri":"a/b"}],"results":["just a string"]}]}"#
            : format == .codeGuruCodeReviews ? #"{"CodeReview":[1,2]}"#
            : format == .codeGuruRecommendations ? #"{"CodeReviewArn":"arn:aws:codeguru-reviewer:x:code-review:y","RecommendationSummaries":[42]}"#
            : format == .codeGuruSecurityFindings ? #"{"findings":[true]}"#
            : format == .codeGuruSecurityMetrics ? #"{"findingsMetrics":["x"]}"#
            : #"[1, "two", null]"#
        let outcome = try ingestor.ingest(path: try h.folder.write("shape.json", text))
        #expect(outcome.status == .rejected, "\(format): \(outcome.diagnostics)")
        #expect(outcome.diagnostics.contains { $0.code == "JSON010" || $0.code == "JSON011" }, "\(format): \(outcome.diagnostics)")
        #expect(try h.store.tableCounts().values.allSatisfy { $0 == 0 })
    }

    @Test("oversized: a 2 MiB value is refused without being stored", arguments: examples)
    func oversized(format: InputFormat, file: String) throws {
        let (h, ingestor) = try Self.harness()
        let b = try Self.bytes(file)
        let text = String(decoding: b, as: UTF8.self)
        let huge = String(repeating: "A", count: 2 << 20)
        // Give the first object a huge extra member (JSON) or a huge first field on the second line (CSV).
        var hostile: String
        if format.isJSON {
            guard let range = text.range(of: "{\"") else { Issue.record("no object in \(file)"); return }
            hostile = text.replacingCharacters(in: range, with: "{\"pad\":\"\(huge)\",\"")
        } else {
            var lines = text.components(separatedBy: "\n")
            guard lines.count > 1 else { Issue.record("no data line in \(file)"); return }
            let fields = lines[1].components(separatedBy: ",")
            lines[1] = ([huge] + fields.dropFirst()).joined(separator: ",")
            hostile = lines.joined(separator: "\n")
        }
        let outcome = try ingestor.ingest(path: try h.folder.write("big", hostile))
        #expect(outcome.status == .rejected, "\(format)")
        #expect(outcome.diagnostics.contains { ["CSV003", "JSON001", "JSON013", "QDEV011", "DIR010", "KIRO010", "IN002", "GOV011", "DEL012", "SRV010", "COP002"].contains($0.code) || $0.severity == .error })
        #expect(try h.store.tableCounts().values.allSatisfy { $0 == 0 })
        #expect(try !databaseContains(h, String(repeating: "A", count: 64)))
    }
}
