import Foundation
import Testing

/// Every string field of every input format made hostile, one field at a time: fixtures/acme with
/// one file of each format rewritten so that each of its fields (each CSV column, each JSON member
/// path) carries a payload in one record — markup, `javascript:` and `data:` links, formulas, header
/// breaks, bidirectional overrides, terminal escapes, template syntax, cmark's pathological runs, NUL,
/// and one 1 MiB value per file (in its last field, so the names that recognise the format stay
/// within the 64 KiB candor looks at). Ingested with `--skip-bad-rows` (a record whose id or date is a
/// payload is rejected, located, into rejects/), then every published report and email is checked
/// against the allow-list, every rejects file for formula neutralisation, and the terminal output
/// for escape sequences.
@Suite("Hostile strings in every field of every format")
struct HostileFieldsTests {
    /// One file of each format candor reads (relative to inputs/).
    static let files = [
        "AWSLogs/111122223333/QDeveloperLogs/by_user_analytic/us-east-1/2026/07/01/00/111122223333_by_user_analytic_20260701T000000Z.csv",
        "AWSLogs/111122223333/KiroLogs/user_report/us-east-1/2026/09/24/00/KIRO_IDE_111122223333_user_report_20260924T020000Z.csv",
        "directory.csv", "repositories.csv",
        "github/copilot/users-1-day/2026-09-01.ndjson", "github/copilot/user-teams-1-day/2026-09-15.ndjson",
        "github/copilot/legacy-metrics-2026-q2.json",
        "codeguru/reviewer/search/pr-180-recommendations.json", "codeguru/reviewer/search/pr-180-describe.json",
        "codeguru/reviewer/search/pr-180-feedback-2.json",
        "codeguru/security/findings-checkout-web.json", "codeguru/security/findings-metrics-2026-q3.json",
        "sarif/search-2026-09-28.sarif",
        "github/pulls/search.json", "github/reviews/search.json", "github/review-comments/search.json",
        "delivery/deployments-2026-q3.json", "delivery/incidents-2026-q3.csv",
        "survey/developer-survey-2026-q3.csv", "events/ide-2026-09.jsonl",
        "governance/consent.csv", "governance/policy-changes.csv", "governance/disputes.csv", "governance/decisions.csv",
        "governance/approvals.csv",
    ]

    /// The payloads, taken in turn; the first field of each file gets `huge` instead.
    static let payloads = [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1)) ![i](javascript:alert(2)) <javascript:alert(3)>",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "a\r\nBcc: victim@evil.example\r\nX-Evil: 1",
        "\u{202E}live\u{202C} {{purpose}} {{{purpose}}}",
        "<img src=x onerror=alert(1)> <a href=\"data:text/html;base64,PHNjcmlwdD4=\">d</a>",
        String(repeating: "*_[`<!--", count: 1200),
        "\u{1B}[31mred\u{1B}]0;title\u{07}\u{1B}[0m",
        "+cmd|' /C calc'!A0",
        "a\u{0}b",
    ]
    static let huge = String(repeating: "A", count: 1 << 20)

    // MARK: CSV

    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false } }
                else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else if c != "\r" { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Column c of data row 1 + (c mod rows) gets a payload. NUL is left out: a CSV with NUL is
    /// rejected whole (a binary file), which the reader tests cover; here the rest must get through.
    static func hostileCSV(_ text: String, next: inout Int) -> String {
        var rows = parseCSV(text)
        guard rows.count > 1 else { return text }
        for c in rows[0].indices {
            let r = 1 + c % (rows.count - 1)
            guard c < rows[r].count else { continue }
            var payload = c == 0 ? huge : payloads[next % payloads.count]
            if c != 0 { next += 1 }
            if payload.contains("\u{0}") { payload = payloads[0] }
            rows[r][c] = payload
        }
        return rows.map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    /// Every string leaf's path (array indices dropped), in document order.
    static func leafPaths(_ value: Any, _ path: String, into paths: inout [String]) {
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() { leafPaths(object[key]!, path + "." + key, into: &paths) }
        } else if let array = value as? [Any] {
            for element in array { leafPaths(element, path + "[]", into: &paths) }
        } else if value is String {
            paths.append(path)
        }
    }

    /// Replaces the string leaves chosen in `chosen` (path → occurrence number) with payloads.
    static func replace(_ value: Any, _ path: String, seen: inout [String: Int], chosen: [String: Int],
                        payloadFor: (String) -> String) -> Any {
        if let object = value as? [String: Any] {
            var out: [String: Any] = [:]
            for key in object.keys.sorted() { out[key] = replace(object[key]!, path + "." + key, seen: &seen, chosen: chosen, payloadFor: payloadFor) }
            return out
        } else if let array = value as? [Any] {
            return array.map { replace($0, path + "[]", seen: &seen, chosen: chosen, payloadFor: payloadFor) }
        } else if value is String {
            let n = seen[path, default: 0]
            seen[path] = n + 1
            return chosen[path] == n ? payloadFor(path) : value
        }
        return value
    }

    /// Each distinct member path holding a string gets a payload in one of its occurrences
    /// (spread over the records, so most records keep all but one field). JSON lines and
    /// concatenated pages are rewritten value by value.
    static func hostileJSON(_ data: Data, next: inout Int) throws -> Data {
        let text = String(decoding: data, as: UTF8.self)
        let values: [Any]
        if let whole = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            values = [whole]
        } else {
            values = try text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .map { try JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) }
        }
        var paths: [String] = []
        for v in values { leafPaths(v, "$", into: &paths) }
        var occurrences: [String: Int] = [:]
        // SARIF's version and schema say what the file is: with a payload there it is rejected whole.
        for p in paths where p != "$.version" && p != "$.$schema" { occurrences[p, default: 0] += 1 }
        var chosen: [String: Int] = [:]
        for (i, p) in occurrences.keys.sorted().enumerated() { chosen[p] = i % occurrences[p]! }
        // The 1 MiB value goes in its path's last occurrence: in the first record it would push the
        // names that recognise the format out of the 64 KiB candor looks at, and the file would be
        // rejected whole (tested in the reader tests) instead of exercising the fields.
        let hugePath = occurrences.keys.sorted().last
        if let hugePath { chosen[hugePath] = occurrences[hugePath]! - 1 }
        var assigned: [String: String] = [:]
        for p in occurrences.keys.sorted() {
            if p == hugePath { assigned[p] = huge; continue }
            assigned[p] = payloads[next % payloads.count]
            next += 1
        }
        var seen: [String: Int] = [:]
        let rewritten = values.map { replace($0, "$", seen: &seen, chosen: chosen, payloadFor: { assigned[$0]! }) }
        let lines = try rewritten.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.fragmentsAllowed, .sortedKeys]), as: UTF8.self) }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    @Test("the rewriting reaches every field: each CSV column and each JSON member path carries a payload once")
    func rewritingCoversEveryField() throws {
        var next = 0
        let csv = Self.hostileCSV("a,b,c\n1,2,3\n4,5,6\n", next: &next)
        let rows = Self.parseCSV(csv)
        #expect(rows[1][0] == Self.huge && rows[2][1] == Self.payloads[0] && rows[1][2] == Self.payloads[1])
        next = 0
        let json = try Self.hostileJSON(Data(#"[{"a":"x","b":{"c":"y"}},{"a":"z","b":{"c":"w"}}]"#.utf8), next: &next)
        let parsed = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        #expect(parsed[0]["a"] as? String == Self.payloads[0] && parsed[1]["a"] as? String == "z")
        #expect((parsed[0]["b"] as? [String: Any])?["c"] as? String == "y" && (parsed[1]["b"] as? [String: Any])?["c"] as? String == Self.huge)
    }

    @Test("ingest keeps or rejects each record with a location; every report and email stays inside the allow-list; no formula, no escape sequence")
    func everyFieldOfEveryFormat() throws {
        let temp = try TemporaryFolder()
        let org = temp.url.appendingPathComponent("acme")
        try FileManager.default.copyItem(at: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme"), to: org)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: org.appendingPathComponent("candor.key").path)
        var next = 0
        for file in Self.files {
            let url = org.appendingPathComponent("inputs/" + file)
            let data = try Data(contentsOf: url)
            let isJSON = [".json", ".ndjson", ".jsonl", ".sarif"].contains { file.hasSuffix($0) }
            let hostile = isJSON ? try Self.hostileJSON(data, next: &next) : Data(Self.hostileCSV(String(decoding: data, as: UTF8.self), next: &next).utf8)
            try hostile.write(to: url)
        }

        let started = Date()
        let database = temp.path("db/acme.sqlite")
        let ingest = try CandorBinary.run(["ingest", "--policy", org.appendingPathComponent("policy.yml").path, "--database", database,
                                           "--skip-bad-rows", "--now", "2026-10-05T09:00:00Z", org.appendingPathComponent("inputs").path])
        // Exit 2: some files are rejected whole — those whose file-level field (a CodeGuru wrapper's
        // CodeReviewArn, a SARIF run's repository) became a payload, and the consent registry, whose
        // programme became one (an objection candor cannot place refuses the registry: GOV020); every
        // other file keeps its good records.
        #expect(ingest.status == 2, "status \(ingest.status): \(ingest.stderr.suffix(2000))")
        let problems = ingest.stderr.split(separator: "\n").filter { $0.contains("error:") || $0.contains("warning:") }
        #expect(problems.count >= 10, "payloads in ids and dates must be rejected")
        // Every problem is located: the file, and for a record its line.
        for line in problems { #expect(line.contains("/inputs/"), "unlocated: \(line.prefix(300))") }
        let rejectedWhole = Set(problems.filter { $0.contains("error:") && !$0.contains("warning:") }.compactMap { $0.split(separator: ":").first.map(String.init) })
        #expect(rejectedWhole.count <= 4, "files rejected whole: \(rejectedWhole.sorted())")
        // Terminal escapes never reach the terminal raw.
        #expect(!ingest.stderr.contains("\u{1B}") && !ingest.stdout.contains("\u{1B}"), "an escape sequence reached the terminal")

        let report = try CandorBinary.run(["report", "all", "--period", "2026-Q3", "--policy", org.appendingPathComponent("policy.yml").path,
                                           "--database", database, "--out", temp.path("out"), "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(report.status == 0, "\(report.stderr.suffix(2000))")
        #expect(!report.stderr.contains("\u{1B}"))
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 240, "the hostile run took \(seconds) s: something grows faster than it should")

        let out = temp.url.appendingPathComponent("out/2026-Q3")
        let pages = try filesBelow(out).keys.filter { $0.hasSuffix(".html") || $0.hasSuffix(".eml") }.sorted().map { out.appendingPathComponent($0).path }
        #expect(pages.count >= 2 + 2 * 7, "governance, transparency, and a page and an email for each team")
        _ = try HostileReportTests.checkAllowList(pages + [temp.url.appendingPathComponent("out/index.html").path])
        // Payloads reached the reports — as text — so the checks above were not vacuous.
        let all = try pages.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
        let arrived = ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "javascript:alert(1)", "=HYPERLINK(",
                       "{{purpose}}", "+cmd|"].filter { all.contains($0) }
        #expect(arrived.count >= 2, "only \(arrived) reached a report")
        // No report carries a 1 MiB value or a raw escape or bidi override.
        for page in pages {
            let text = try String(contentsOfFile: page, encoding: .utf8)
            #expect(!text.contains(String(repeating: "A", count: 5000)), "\(page) carries an oversized value")
            #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}") && !text.contains("\u{0}"), "\(page)")
        }

        // Every rejects file neutralises spreadsheet formulas in every cell.
        let rejectsFolder = temp.path("db/rejects")
        let rejects = (try? FileManager.default.contentsOfDirectory(atPath: rejectsFolder)) ?? []
        #expect(!rejects.isEmpty)
        for name in rejects {
            let rows = Self.parseCSV(try String(contentsOfFile: rejectsFolder + "/" + name, encoding: .utf8))
            for row in rows.dropFirst() {
                for cell in row { #expect(!(cell.first.map { "=+-@\t\r".contains($0) } ?? false), "\(name): cell starts a formula: \(cell.prefix(80))") }
            }
        }
    }
}
