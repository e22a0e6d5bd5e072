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

@Suite("Amazon CodeGuru Reviewer")
struct CodeGuruReviewerTests {
    static let arn = "arn:aws:codeguru-reviewer:us-west-2:123456789012:association:a1b2:code-review:PullRequest-github-org-repo-42-abcd1234"
    static let recommendations = """
        {"CodeReviewArn":"\(arn)",
         "RecommendationSummaries":[
          {"FilePath":"src/app/cache.py","RecommendationId":"3be1b2e5d7ef6e29","StartLine":63,"EndLine":64,
           "Description":"**Problem** SECRET-DESCRIPTION containsKey() and get() may not be thread-safe","RecommendationCategory":"ConcurrencyIssues",
           "RuleMetadata":{"RuleId":"python-atomicity-violation","RuleName":"Atomicity violation","ShortDescription":"…","LongDescription":"…","RuleTags":["concurrency"]},
           "Severity":"Medium"},
          {"FilePath":"src/app/db.py","RecommendationId":"77aa","StartLine":10,"EndLine":10,"RecommendationCategory":"ResourceLeaks",
           "RuleMetadata":{"RuleId":"python-resource-leak"},"Severity":"High"}],
         "NextToken":null}
        """

    @Test("ListRecommendations with the exporter's wrapper: metadata stored, descriptions never")
    func recommendations() throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("recs.json", Self.recommendations))
        #expect(outcome.format == .codeGuruRecommendations)
        #expect(outcome.status == .ingested(rows: 2), "\(outcome.diagnostics)")
        #expect(try h.store.tableCounts()["codeguru_recommendation"] == 2)
        #expect(try !databaseContains(h, "SECRET-DESCRIPTION") && !databaseContains(h, "thread-safe"))
        // The same recommendations again (another page delivery) add nothing.
        _ = try h.ingestor.ingest(path: try h.folder.write("recs-again.json", Self.recommendations + "\n"))
        #expect(try h.store.tableCounts()["codeguru_recommendation"] == 2)
    }

    @Test("by default no file path or rule is stored, yet two findings of one rule in two files stay two findings")
    func identityWithoutPaths() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Policy.parse(MinimisationTests.base, path: h.folder.path("p.yml"))
        let describe = #"{"CodeReview":{"Name":"pr-42","CodeReviewArn":"\#(Self.arn)","RepositoryName":"checkout","Owner":"acme","ProviderType":"GitHub","State":"Completed","CreatedTimeStamp":"2026-07-01T10:00:00Z","Type":"PullRequest","PullRequestId":"42","Metrics":{"MeteredLinesOfCodeCount":1200,"SuppressedLinesOfCodeCount":0,"FindingsCount":2}}}"#
        _ = try ingestor.ingest(path: try h.folder.write("describe.json", describe))
        let recs = #"{"CodeReviewArn":"\#(Self.arn)","RecommendationSummaries":[{"FilePath":"src/SECRET-PATH-A.py","RecommendationId":"r1","StartLine":1,"EndLine":2,"RuleMetadata":{"RuleId":"secret-rule-x"}},{"FilePath":"src/SECRET-PATH-B.py","RecommendationId":"r2","StartLine":1,"EndLine":2,"RuleMetadata":{"RuleId":"secret-rule-x"}}]}"#
        #expect(try ingestor.ingest(path: try h.folder.write("recs.json", recs)).status == .ingested(rows: 2))
        for secret in ["SECRET-PATH-A", "SECRET-PATH-B", "secret-rule-x"] { #expect(try !databaseContains(h, secret), "\(secret) is stored") }
        let snapshots = try h.store.codeGuruReviewSnapshots()
        #expect(snapshots.values.flatMap { $0 }.first?.findings.count == 2)
    }

    @Test("the CodeReviewArn may come after the list, or from --code-review; without either the file is rejected")
    func arnPlacement() throws {
        let h = try IngestHarness()
        let body = #"{"RecommendationSummaries":[{"FilePath":"a.py","RecommendationId":"r1","StartLine":1,"EndLine":2}]"#
        let after = try h.ingestor.ingest(path: try h.folder.write("after.json", body + #","CodeReviewArn":"\#(Self.arn)"}"#))
        #expect(after.status == .ingested(rows: 1), "\(after.diagnostics)")
        let plain = try h.folder.write("plain.json", body.replacingOccurrences(of: "r1", with: "r2") + "}")
        let missing = try h.ingestor.ingest(path: plain)
        #expect(missing.status == .rejected && missing.diagnostics.map(\.code) == ["CGR005"])
        let given = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(), now: Date(), codeReviewArn: Self.arn)
        #expect(try given.ingest(path: plain).status == .ingested(rows: 1))
        #expect(try h.store.tableCounts()["codeguru_recommendation"] == 2)
    }

    @Test("DescribeCodeReview and ListCodeReviews, with epoch or ISO timestamps")
    func codeReviews() throws {
        let h = try IngestHarness()
        let describe = #"{"CodeReview":{"Name":"pr-42","CodeReviewArn":"\#(Self.arn)","RepositoryName":"checkout","Owner":"acme","ProviderType":"GitHub","State":"Completed","CreatedTimeStamp":1618874226.226,"LastUpdatedTimeStamp":"2021-04-19T23:30:00Z","Type":"PullRequest","PullRequestId":"42","Metrics":{"MeteredLinesOfCodeCount":1200,"SuppressedLinesOfCodeCount":35,"FindingsCount":3}}}"#
        #expect(try h.ingestor.ingest(path: try h.folder.write("describe.json", describe)).status == .ingested(rows: 1))
        let list = #"{"CodeReviewSummaries":[{"Name":"pr-42","CodeReviewArn":"\#(Self.arn)","RepositoryName":"checkout","State":"Completed","CreatedTimeStamp":1618874226,"MetricsSummary":{"MeteredLinesOfCodeCount":1200,"FindingsCount":3}}]}"#
        #expect(try h.ingestor.ingest(path: try h.folder.write("list.json", list)).status == .ingested(rows: 1))
        #expect(try h.store.tableCounts()["codeguru_code_review"] == 1)
    }

    @Test("feedback is stored per pseudonymous person; a later reaction replaces the earlier one")
    func feedback() throws {
        let h = try IngestHarness()
        let first = #"{"CodeReviewArn":"\#(Self.arn)","RecommendationFeedbackSummaries":[{"RecommendationId":"3be1","Reactions":["ThumbsDown"],"UserId":"AIDA-ALICE"}]}"#
        let second = #"{"CodeReviewArn":"\#(Self.arn)","RecommendationFeedbackSummaries":[{"RecommendationId":"3be1","Reactions":[],"UserId":"AIDA-ALICE"},{"RecommendationId":"3be1","Reactions":["ThumbsUp"],"UserId":"AIDA-BOB"}]}"#
        #expect(try h.ingestor.ingest(path: try h.folder.write("f1.json", first)).status == .ingested(rows: 1))
        #expect(try h.ingestor.ingest(path: try h.folder.write("f2.json", second)).status == .ingested(rows: 2))
        #expect(try h.store.tableCounts()["codeguru_feedback"] == 2)
        #expect(try !databaseContains(h, "AIDA-ALICE"))
    }

    @Test("wrong types, enums and shapes are located by JSON path", arguments: [
        (#"{"RecommendationId":"r","FilePath":"a","Severity":"Severe"}"#, "JSON015", "$.RecommendationSummaries[0].Severity: expected one of Critical, High, Info, Low, Medium"),
        (#"{"RecommendationId":"r","FilePath":"a","StartLine":"1"}"#, "JSON011", "$.RecommendationSummaries[0].StartLine: expected a whole number"),
        (#"{"RecommendationId":"r"}"#, "JSON012", "$.RecommendationSummaries[0].FilePath: required field is missing"),
        (#"{"RecommendationId":"r","FilePath":"a","StartLine":9,"EndLine":3}"#, "CGR002", "EndLine 3 is before StartLine 9"),
        (#""just a string""#, "JSON010", "$.RecommendationSummaries[0]: expected an object, found a string"),
        (#"{"RecommendationId":"r","FilePath":"\#(String(repeating: "p", count: 2000))"}"#, "JSON013", "longer than 1024 characters"),
    ])
    func bad(record: String, code: String, message: String) throws {
        let h = try IngestHarness()
        let text = "{\"CodeReviewArn\":\"\(Self.arn)\",\n\"RecommendationSummaries\":[\n\(record)]}"
        let outcome = try h.ingestor.ingest(path: try h.folder.write("bad.json", text))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.code == code && d.message.contains(message) && d.line == 3, "\(d)")
        #expect(try h.store.tableCounts().values.allSatisfy { $0 == 0 })
    }

    @Test("a wrapper ARN that is not a CodeGuru ARN is rejected")
    func badArn() throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("x.json", #"{"CodeReviewArn":"nope","RecommendationSummaries":[]}"#))
        #expect(outcome.status == .rejected && outcome.diagnostics.map(\.code) == ["CGR001"])
    }
}
