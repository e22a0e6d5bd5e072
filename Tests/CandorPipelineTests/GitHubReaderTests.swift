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

@Suite("GitHub pull requests, reviews and review comments")
struct GitHubReaderTests {
    static func pr(_ n: Int, merged: String = "\"2026-07-02T15:00:00Z\"", author: String = "alice") -> String {
        #"{"url":"https://api.github.com/repos/acme/checkout/pulls/\#(n)","number":\#(n),"state":"closed","title":"SECRET-TITLE","body":"SECRET-BODY","draft":false,"user":{"login":"\#(author)","id":1,"type":"User"},"created_at":"2026-07-01T09:00:00Z","updated_at":"2026-07-02T15:00:00Z","closed_at":"2026-07-02T15:00:00Z","merged_at":\#(merged),"head":{"ref":"f","sha":"abc","repo":{"full_name":"acme/checkout"}},"base":{"ref":"main","repo":{"full_name":"acme/checkout","owner":{"login":"acme"}}},"labels":[],"requested_reviewers":[]}"#
    }

    @Test("gh api --paginate output: concatenated page arrays; titles and bodies not stored")
    func pages() throws {
        let h = try IngestHarness()
        let text = "[" + Self.pr(1) + "," + Self.pr(2, merged: "null") + "]\n[" + Self.pr(3, author: "dependabot[bot]") + "]\n"
        let outcome = try h.ingestor.ingest(path: try h.folder.write("pulls.json", text))
        #expect(outcome.format == .githubPullRequests)
        #expect(outcome.status == .ingested(rows: 3), "\(outcome.diagnostics)")
        #expect(try !databaseContains(h, "SECRET-TITLE") && !databaseContains(h, "SECRET-BODY") && !databaseContains(h, "alice"))
        // The same PRs as NDJSON (gh api --jq '.[]') update, not add.
        let nd = [Self.pr(1), Self.pr(2), Self.pr(3)].joined(separator: "\n") + "\n"
        #expect(try h.ingestor.ingest(path: try h.folder.write("pulls.ndjson", nd)).status == .ingested(rows: 3))
        #expect(try h.store.tableCounts()["github_pull_request"] == 3)
    }

    @Test("reviews and review comments are tied to their pull request through the URL")
    func reviews() throws {
        let h = try IngestHarness()
        let reviews = #"[{"id":80,"node_id":"x","user":{"login":"bob","type":"User"},"body":"SECRET-REVIEW","state":"APPROVED","submitted_at":"2026-07-01T11:00:00Z","commit_id":"abc","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1","author_association":"MEMBER"},{"id":81,"user":{"login":"copilot-pull-request-reviewer[bot]","type":"Bot"},"state":"COMMENTED","submitted_at":"2026-07-01T09:05:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#
        let outcome = try h.ingestor.ingest(path: try h.folder.write("reviews.json", reviews))
        #expect(outcome.format == .githubReviews && outcome.status == .ingested(rows: 2), "\(outcome.diagnostics)")
        let comments = #"[{"id":10,"pull_request_review_id":80,"user":{"login":"bob"},"body":"SECRET-COMMENT","diff_hunk":"SECRET-HUNK","created_at":"2026-07-01T10:55:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#
        let second = try h.ingestor.ingest(path: try h.folder.write("comments.json", comments))
        #expect(second.format == .githubReviewComments && second.status == .ingested(rows: 1), "\(second.diagnostics)")
        for secret in ["SECRET-REVIEW", "SECRET-COMMENT", "SECRET-HUNK", "bob"] { #expect(try !databaseContains(h, secret)) }
    }

    @Test("bad records are located", arguments: [
        (pr(1).replacingOccurrences(of: #""state":"closed""#, with: #""state":"merged""#), "JSON015", "$[0].state"),
        (pr(1).replacingOccurrences(of: #""user":{"login":"alice","id":1,"type":"User"}"#, with: #""user":null"#), "GH001", "$[0].user: no user"),
        (pr(1).replacingOccurrences(of: #""created_at":"2026-07-01T09:00:00Z""#, with: #""created_at":"2026-07-03T09:00:00Z""#), "GH003", "merged_at is before created_at"),
        (pr(1).replacingOccurrences(of: #""number":1"#, with: #""number":"one""#), "JSON011", "$[0].number"),
    ])
    func bad(record: String, code: String, message: String) throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("bad.json", "[" + Self.pr(9) + ",\n" + record + "]"))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.code == code && d.message.contains(message.replacingOccurrences(of: "$[0]", with: "$[1]")) && d.line == 2, "\(d)")
    }

    @Test("pull request URLs")
    func urls() {
        #expect(GitHubReader.pullFromURL("https://api.github.com/repos/acme/checkout/pulls/42")! == ("acme/checkout", 42))
        #expect(GitHubReader.pullFromURL("https://github.com/acme/checkout") == nil)
        #expect(GitHubReader.pullFromURL("https://api.github.com/repos/acme/checkout/issues/7/comments")! == ("acme/checkout", 7))
        #expect(GitHubReader.pullFromURL("https://ghe.example/api/v3/repos/acme/checkout/pulls/9")! == ("acme/checkout", 9))
        #expect(GitHubReader.pullFromURL("https://api.github.com/repos/acme/checkout/commits/42") == nil)
        #expect(GitHubReader.pullFromURL("https://api.github.com/repos/acme/checkout/pulls/4x2") == nil)
        #expect(GitHubReader.pullFromURL("https://api.github.com/repos/acme/checkout/pulls") == nil)
        #expect(GitHubReader.pullFromURL("repos/acme/checkout/pulls/42") == nil)
        #expect(GitHubReader.pullFromURL("") == nil)
    }
}
