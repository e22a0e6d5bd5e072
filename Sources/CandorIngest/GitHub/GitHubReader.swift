import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes GitHub REST pull requests, reviews and review comments as `gh api --paginate` writes
/// them: one JSON array per page (concatenated), a single object, or NDJSON (`--jq '.[]'`).
public enum GitHubReader {
    public static let reviewStates: Set<String> = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]

    // The members each reader below reads, and nothing else: the record stream builds only these
    // (a GitHub pull request carries two repository objects of some eighty members each, titles,
    // bodies and links, none of which candor keeps). A reader that reads a new member must name it
    // here; `GitHubProjectionTests` reads every GitHub file in the fixtures, and a pull request of the
    // REST API's full shape, both ways and compares.
    static let userFields = JSONProjection(["login": nil, "type": nil])
    public static let pullRequestFields = JSONProjection([
        "number": nil, "state": nil, "draft": nil, "user": userFields, "created_at": nil, "closed_at": nil, "merged_at": nil,
        "review_comments": nil, "additions": nil, "deletions": nil, "url": nil,
        "base": JSONProjection(["repo": JSONProjection(["full_name": nil])]),
    ])
    public static let reviewFields = JSONProjection([
        "id": nil, "user": userFields, "state": nil, "submitted_at": nil, "pull_request_url": nil,
    ])
    public static let reviewCommentFields = JSONProjection([
        "id": nil, "pull_request_review_id": nil, "user": userFields, "created_at": nil, "pull_request_url": nil,
    ])
    /// `https://api.github.com/repos/OWNER/REPO/pulls/42` → (`OWNER/REPO`, 42).
    static func pullFromURL(_ url: String) -> (String, Int64)? {
        // Byte by byte on the UTF-8 view: Foundation's `range(of:)` bridges to NSString and the standard
        // library's generic `firstRange(of:)` builds a searcher, once per review and comment.
        let slash = UInt8(ascii: "/")
        let marker = Array("/repos/".utf8)
        let bytes = url.utf8
        var start: String.Index?
        var i = bytes.startIndex
        while i != bytes.endIndex {
            if bytes[i] == slash, bytes[i...].starts(with: marker) { start = bytes.index(i, offsetBy: marker.count); break }
            i = bytes.index(after: i)
        }
        guard let start else { return nil }
        let parts = bytes[start...].split(separator: slash, maxSplits: 4)
        guard parts.count >= 4 else { return nil }
        let kind = parts[2]
        guard kind.elementsEqual("pulls".utf8) || kind.elementsEqual("issues".utf8),
              let n = Int64(Substring(parts[3])) else { return nil }
        return ("\(Substring(parts[0]))/\(Substring(parts[1]))", n)
    }

    static func user(_ f: inout JSONFields, _ key: String) -> (login: String, bot: Bool)? {
        guard var u = f.object(key) else {
            f.diagnostics.append(Diagnostic(.error, file: f.file, line: f.node.line, column: f.node.column, code: "GH001",
                                            message: "\(f.path).\(key): no user (a deleted account?)",
                                            hint: "GitHub writes null for deleted accounts; remove the record or re-export"))
            return nil
        }
        let login = u.string("login", maxLength: 100)
        let type = u.string("type", required: false, maxLength: 32)
        f.absorb(u)
        guard let login, !login.isEmpty else { return nil }
        return (login, type == "Bot" || login.hasSuffix("[bot]"))
    }

    public static func pullRequest(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> GitHubPullRequest? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let number = f.count("number", default: nil)
        let state = f.enumeration("state", ["open", "closed"])
        let draft = f.bool("draft")
        let author = user(&f, "user")
        let created = f.timestamp("created_at")
        let closed = f.timestamp("closed_at", required: false)
        let merged = f.timestamp("merged_at", required: false)
        let reviewComments = f.countIfPresent("review_comments")
        let additions = f.countIfPresent("additions"), deletions = f.countIfPresent("deletions")
        var repository: String?
        if var base = f.object("base"), var repo = base.object("repo") {
            repository = repo.string("full_name", required: false, maxLength: 200)
            base.absorb(repo)
            f.absorb(base)
        }
        if repository == nil, let url = node["url"]?.string { repository = pullFromURL(url)?.0 }
        if repository == nil {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "GH002",
                                            message: "\(path): no repository (base.repo.full_name or url)", hint: "export with gh api repos/OWNER/REPO/pulls"))
        }
        if let created, let merged, merged < created {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "GH003",
                                            message: "\(path): merged_at is before created_at", hint: "re-export the pull requests"))
        }
        guard f.isValid, let number, let state, let author, let created, let repository else { return nil }
        return GitHubPullRequest(repository: repository, number: number, author: SourcePersonID(author.login), authorIsBot: author.bot, state: state, draft: draft,
                                 createdAt: created, closedAt: closed, mergedAt: merged, reviewComments: reviewComments,
                                 additions: additions, deletions: deletions)
    }

    public static func review(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> GitHubReview? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let id = f.identifier("id")
        let reviewer = user(&f, "user")
        let state = f.enumeration("state", reviewStates)
        let submitted = f.timestamp("submitted_at", required: false)
        let url = f.string("pull_request_url", maxLength: 500)
        let pull = url.flatMap(pullFromURL)
        if url != nil && pull == nil {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "GH004",
                                            message: "\(path).pull_request_url does not name a pull request", hint: "re-export the reviews"))
        }
        guard f.isValid, let id, let reviewer, let state, let pull else { return nil }
        return GitHubReview(repository: pull.0, number: pull.1, id: id, reviewer: SourcePersonID(reviewer.login), reviewerIsBot: reviewer.bot,
                            state: state, submittedAt: submitted)
    }

    public static func reviewComment(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> GitHubReviewComment? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let id = f.identifier("id")
        let review = f.identifier("pull_request_review_id", required: false)
        let commenter = user(&f, "user")
        let created = f.timestamp("created_at")
        let url = f.string("pull_request_url", maxLength: 500)
        let pull = url.flatMap(pullFromURL)
        if url != nil && pull == nil {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "GH004",
                                            message: "\(path).pull_request_url does not name a pull request", hint: "re-export the comments"))
        }
        guard f.isValid, let id, let commenter, let created, let pull else { return nil }
        return GitHubReviewComment(repository: pull.0, number: pull.1, id: id, reviewId: review, commenter: SourcePersonID(commenter.login), createdAt: created)
    }
}
