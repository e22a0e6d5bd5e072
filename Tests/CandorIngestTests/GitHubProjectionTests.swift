@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorIngest
import Foundation
import Testing

/// The GitHub readers read only the members their projections name. Every GitHub file of both
/// example organisations is read with and without the projection: the records and every message
/// must be the same, so a reader that starts reading a member the projection forgot fails here.
@Suite("GitHub projections")
struct GitHubProjectionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files() -> [String] {
        let fixtures = root.appendingPathComponent("fixtures")
        guard let walk = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil) else { return [] }
        return walk.compactMap { ($0 as? URL)?.path }.filter { $0.contains("/github/") && $0.hasSuffix(".json") }.sorted()
    }

    static func read(_ path: String, format: InputFormat, sniff: JSONSniff, projected: Bool) throws -> [String] {
        var stream = JSONRecordStream(source: try ByteSource(path: path), records: GitHubAdapter.arrayOrLines(sniff))
        if projected { stream.projection = GitHubAdapter.projection(format) }
        var out: [String] = []
        try stream.forEach { item in
            guard case .record(let node, let at) = item else { return }
            var diagnostics: [Diagnostic] = []
            switch format {
            case .githubPullRequests: out.append("\(String(describing: GitHubReader.pullRequest(node, path: at, file: path, diagnostics: &diagnostics)))")
            case .githubReviews: out.append("\(String(describing: GitHubReader.review(node, path: at, file: path, diagnostics: &diagnostics)))")
            default: out.append("\(String(describing: GitHubReader.reviewComment(node, path: at, file: path, diagnostics: &diagnostics)))")
            }
            out += diagnostics.map { "\($0)" }
        }
        return out
    }

    @Test("every GitHub file in the fixtures reads the same with and without the projection")
    func fixtures() throws {
        let files = Self.files()
        #expect(files.count > 100)
        var formats: Set<InputFormat> = []
        for path in files {
            let prefix = Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(64 * 1024))
            let sniff = JSONSniff(prefix: prefix)
            guard let format = GitHubAdapter.recognise(sniff) else { continue }
            formats.insert(format)
            let whole = try Self.read(path, format: format, sniff: sniff, projected: false)
            let projected = try Self.read(path, format: format, sniff: sniff, projected: true)
            #expect(whole == projected, "\(path)")
            #expect(!whole.isEmpty, "\(path)")
        }
        #expect(formats == [.githubPullRequests, .githubReviews, .githubReviewComments])
    }

    @Test("a pull request as GitHub's REST API writes it, repository objects and all, reads the same both ways, with every problem")
    func fullShape() throws {
        let repo = #"{"id": 1, "name": "x", "full_name": "acme/x", "private": true, "owner": {"login": "acme", "id": 9, "type": "Organization", "site_admin": false}, "html_url": "https://github.com/acme/x", "description": "d", "fork": false, "topics": ["a"], "license": null, "permissions": {"admin": false}}"#
        let good = #"{"url": "https://api.github.com/repos/acme/x/pulls/3", "id": 5, "number": 3, "state": "closed", "locked": false, "title": "t", "#
            + #""user": {"login": "ana", "id": 1, "type": "User", "site_admin": false}, "body": "b", "labels": [{"id": 1, "name": "bug"}], "#
            + #""created_at": "2026-07-01T10:00:00Z", "updated_at": "2026-07-02T10:00:00Z", "closed_at": "2026-07-02T10:00:00Z", "merged_at": "2026-07-02T09:00:00Z", "#
            + #""draft": false, "head": {"ref": "f", "sha": "a", "repo": \#(repo)}, "base": {"ref": "main", "sha": "b", "repo": \#(repo)}, "#
            + #""_links": {"self": {"href": "x"}}, "author_association": "MEMBER", "review_comments": 2, "additions": 10, "deletions": 3}"#
        let broken = #"{"number": "three", "state": "merged", "user": null, "created_at": "yesterday", "base": {"repo": 7}, "merged_at": 5}"#
        let text = "[" + good + ",\n" + broken + "]"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gh-projection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pulls.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let sniff = JSONSniff(prefix: Array(text.utf8))
        let whole = try Self.read(path, format: .githubPullRequests, sniff: sniff, projected: false)
        let projected = try Self.read(path, format: .githubPullRequests, sniff: sniff, projected: true)
        #expect(whole == projected)
        #expect(whole.first?.contains("acme/x") == true)
        #expect(whole.count > 3)
    }
}
