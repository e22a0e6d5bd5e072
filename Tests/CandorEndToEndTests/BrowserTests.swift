import Foundation
import Testing

/// Every example HTML report, opened in headless Chromium (Debian's `chromium`): no console error,
/// no blocked or external request, accessibility checks, a print rendering, and a screenshot in
/// .build/screenshots/. The checker is scripts/test-support/browser-check.py.
@Suite("Reports in a real browser", .serialized)
struct BrowserTests {
    static let checker = CandorBinary.packageRoot.appendingPathComponent("scripts/test-support/browser-check.py").path
    static let screenshots = CandorBinary.packageRoot.appendingPathComponent(".build/screenshots").path

    struct Outcome { var status: Int32; var lines: [[String: Any]]; var stderr: String }

    static func check(_ files: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [checker, screenshots] + files
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return Outcome(status: process.terminationStatus, lines: lines, stderr: String(decoding: errors, as: UTF8.self))
    }

    @Test("every example report opens cleanly, passes the accessibility checks and prints")
    func exampleReports() throws {
        let reports = CandorBinary.packageRoot.appendingPathComponent("reports")
        let pages = try filesBelow(reports).keys.filter { $0.hasSuffix(".html") }.sorted().map { reports.appendingPathComponent($0).path }
        // acme: 3 quarters × (review, transparency, 8 team summaries) and the index; Kestrel: 2 × (2 + 13) and the index.
        #expect(pages.count == 62)
        let outcome = try Self.check(pages)
        #expect(outcome.status == 0, "browser-check failed (is Debian's chromium installed? scripts/install-system-packages --test): \(outcome.stderr)")
        #expect(outcome.lines.count == pages.count)
        for line in outcome.lines {
            #expect(line["ok"] as? Bool == true, "\(line["file"] ?? ""): \(line["problems"] ?? "")")
            #expect((line["text_elements_checked"] as? Int ?? 0) > 20)
            #expect(FileManager.default.fileExists(atPath: line["screenshot"] as? String ?? ""))
            // Every governance review opens with its one-page summary: printed alone on A4, one page.
            if (line["file"] as? String ?? "").hasSuffix("governance.html") {
                #expect(line["summary_pages"] as? Int == 1, "\(line["file"] ?? ""): the summary prints on \(line["summary_pages"] ?? "no") pages")
            }
        }
    }

    @Test("the one-page summary still prints on one A4 page at its largest: 30 teams, and every list at its cap")
    func summaryAtItsLargest() throws {
        let temp = try TemporaryFolder()
        var html = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q3/governance.html"), encoding: .utf8)
        // The summary table's first team row, 22 more times: 30 teams (the most the summary shows one by one).
        let start = try #require(html.range(of: "<tr><th scope=\"row\">Checkout</th>"))
        let end = try #require(html.range(of: "</tr>", range: start.upperBound..<html.endIndex))
        let row = String(html[start.lowerBound..<end.upperBound])
        let extra = (9...30).map { row.replacingOccurrences(of: ">Checkout<", with: ">Team number \($0) of the organisation<") }.joined(separator: "\n")
        html.insert(contentsOf: "\n" + extra, at: end.upperBound)
        // Every list at the length the summary allows: five moves, six signals and a "more", four decisions and the policy line.
        let long = "a metric with a long name rose: 30.1% in 2026-Q2 → 34.3% (organisation)"
        let moves = try #require(html.range(of: "<li>Inline suggestion acceptance rate rose"))
        html.insert(contentsOf: (1...3).map { _ in "<li>\(long)</li>\n" }.joined(), at: moves.lowerBound)
        let decisions = "<p>No decision is due for review by the end of next quarter, and the policy carries out every recorded decision.</p>"
        #expect(html.contains(decisions))
        html = html.replacingOccurrences(of: decisions, with: "<ul>\n" + (1...4).map { _ in
            "<li>Review due by 2027-02-15: Keep Swift suggestions for Mobile and look again once a quarter of data is in (decided 2026-11-18, ai.acceptance_rate)</li>\n"
        }.joined() + "<li>1 recorded decision(s) the policy does not carry out: see “Decisions and the metrics they use” below.</li>\n</ul>")
        let path = temp.path("governance.html")
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try Self.check([path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.lines.first?["summary_pages"] as? Int == 1, "\(outcome.lines)")
    }

    @Test("the reports written only on request — a self-view and a security review — open cleanly too")
    func onRequestReports() throws {
        let temp = try TemporaryFolder()
        let db = temp.path("acme.sqlite"), out = temp.path("reports")
        let common = ["--out", out, "--database", db, "--policy", "fixtures/acme/policy.yml", "--now", "2026-10-05T09:00:00Z"]
        let run = try CandorBinary.run(["run", "fixtures/acme", "--out", out, "--database", db, "--period", "2026-Q3", "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        try CandorBinary.renewExampleApprovals(database: db, file: temp.path("approvals.csv"))
        let selfView = try CandorBinary.run(["report", "self-view", "--period", "2026-Q3", "--person", "f7b57549-a5fa-1e22-74d5-b3c1154dd756"] + common)
        let security = try CandorBinary.run(["report", "security-review", "--period", "2026-Q3", "--approval", "SEC-1"] + common)
        #expect(selfView.status == 0 && security.status == 0, "\(selfView.stderr)\(security.stderr)")
        let pages = try filesBelow(URL(fileURLWithPath: out)).keys.filter { $0.hasPrefix("self-view/") && $0.hasSuffix(".html") || $0 == "security-review/2026-Q3.html" }
            .sorted().map { out + "/" + $0 }
        #expect(pages.count == 2)
        let outcome = try Self.check(pages)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for line in outcome.lines { #expect(line["ok"] as? Bool == true, "\(line["file"] ?? ""): \(line["problems"] ?? "")") }
    }

    @Test("the checker itself catches a script, an external request, poor contrast and missing structure")
    func negativeControl() throws {
        let bad = CandorBinary.packageRoot.appendingPathComponent("fixtures/browser/bad-page.html").path
        let outcome = try Self.check([bad])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let problems = (outcome.lines.first?["problems"] as? [String]) ?? []
        for expected in ["Content Security Policy", "request other than the page: https://example.com/x.png", "<html> has no lang attribute",
                         "heading level skips from h1 to h3", "<th> without scope", "<svg> without a <title>", "<img> without alt", "contrast"] {
            #expect(problems.contains { $0.contains(expected) }, "\(expected) not caught: \(problems)")
        }
    }
}
