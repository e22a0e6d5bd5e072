@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorReport
import CandorAnalysis
import Foundation
import CandorTestSupport
import Testing

@Suite("Templates")
struct TemplateTests {
    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    @Test("the built-in templates are exactly templates/ (run scripts/embed-templates after editing)")
    func embeddedMatchFolder() throws {
        let folder = Self.root.appendingPathComponent("templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        var onDisk: [String: String] = [:]
        for f in files {
            onDisk[String(f.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
        }
        #expect(Set(onDisk.keys) == Set(EmbeddedTemplates.files.keys), "run scripts/embed-templates")
        for (name, text) in onDisk {
            #expect(EmbeddedTemplates.files[name] == text, "templates/\(name).mustache differs from the built-in copy: run scripts/embed-templates")
        }
        for name in TemplateSet.required { #expect(onDisk[name] != nil) }
    }

    static func view(team: String = "Checkout") -> GovernanceView {
        let policy = try! Policy.parse("purpose: Learn *together* <b>\nkey_file: k\nminimum_group_size: 3\n", path: "/p/policy.yml")
        let totals = (0..<4).flatMap { i in
            [InlineTotals(team: team, person: "p\(i)", accepted: 10, shown: 40, activeDays: 3),
             InlineTotals(team: "Small", person: "s\(i % 2)", accepted: 1, shown: 2, activeDays: 1),
             InlineTotals(team: "Zeta", person: "z\(i)", accepted: 1, shown: 2, activeDays: 1)]
        }
        return GovernanceViewBuilder.build(.init(
            period: Period("2026-Q3")!, policy: policy, generatedAt: "2026-10-05 09:00 UTC", totals: totals,
            coverage: Coverage(daysWithData: 46, rows: 12, files: 3, firstDay: Day(year: 2026, month: 7, day: 1), lastDay: Day(year: 2026, month: 8, day: 15),
                               rowsWithoutTeam: 2, directoryFiles: 1),
            cmarkVersion: "0.30.2").decided())
    }

    @Test("the governance template fills every field and leaves no Mustache tag")
    func governanceComplete() throws {
        let templates = try TemplateSet.builtIn()
        let md = try templates.render("governance.md", Self.view())
        #expect(!md.contains("{{") && !md.contains("}}"))
        for expected in ["# Governance review 2026-Q3", "Learn \\*together\\* \\<b\\>", "suppressed (fewer than 3 people)",
                         "<th scope=\"row\">Checkout</th>", "46 of the 92 days", "50% complete", "policy SHA-256 ",
                         "Never used for:", "Some Amazon Q Developer person-day rows belong to people", "2026-07-01 to 2026-09-30"] {
            #expect(md.contains(expected), "missing: \(expected)")
        }
        // The HTML block has no blank line inside it (a blank line would end it).
        let table = md.components(separatedBy: "<table").last!.components(separatedBy: "</table>").first!
        #expect(!table.contains("\n\n"))
    }

    @Test("beyond 30 teams the one-page summary shows the organisation, and every team's row follows it in a table of its own")
    func summaryBeyondThirtyTeams() throws {
        let policy = try Policy.parse("purpose: Learn.\nkey_file: k\nminimum_group_size: 3\n", path: "/p/policy.yml")
        func build(_ teams: Int) -> GovernanceView {
            let totals = (0..<teams).flatMap { t in (0..<3).map { i in
                InlineTotals(team: "Team \(t < 10 ? "0" : "")\(t)", person: "p\(t)-\(i)", accepted: 10 + i, shown: 40, activeDays: 3)
            } }
            var inputs = GovernanceViewBuilder.Inputs(period: Period("2026-Q3")!, policy: policy, generatedAt: "2026-10-05 09:00 UTC", totals: totals,
                                                      coverage: Coverage(daysWithData: 46, rows: 12, files: 3, rowsWithoutTeam: 0, directoryFiles: 1),
                                                      cmarkVersion: "0.30.2")
            inputs.scorecard = Scorecard(teams: Array(Set(totals.compactMap(\.team))).sorted(), values: [:], suppressed: [:])
            return GovernanceViewBuilder.build(inputs.decided())
        }
        let templates = try TemplateSet.builtIn()
        let thirty = build(30)
        #expect(!thirty.overview.teamsApart && thirty.overview.rows.count == 30 && thirty.overview.apart.isEmpty)
        let many = build(31)
        #expect(many.overview.teamsApart && many.overview.rows.isEmpty && many.overview.apart.first?.overview.rows.count == 31)
        let md = try templates.render("governance.md", many)
        let summary = try #require(md.components(separatedBy: "</section>").first)
        #expect(summary.contains("With 31 teams, one page holds the organisation's row only") && !summary.contains(">Team 07</th>"))
        let after = md.components(separatedBy: "</section>").dropFirst().joined()
        #expect(after.contains("### The scorecard at a glance, by team") && after.contains("<th scope=\"row\">Team 07</th>"))
    }

    @Test("a hostile team name is inert in the table and in the page")
    func hostileTeam() throws {
        let templates = try TemplateSet.builtIn()
        let hostile = "<script>alert(1)</script>\n\n# x [a](javascript:alert(1)) \"onmouseover=x"
        let view = Self.view(team: TeamName.clean(hostile))
        let md = try templates.render("governance.md", view)
        let html = try HTMLPage.render(markdown: md, title: view.title, templates: templates)
        #expect(!html.contains("<script") && !html.contains("href=\"javascript") && !html.contains("\"onmouseover"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("the page is self-contained: CSP, inline style, no scripts or external references")
    func page() throws {
        let html = try HTMLPage.render(markdown: "# T\n\ntext\n", title: "T <x>", templates: try TemplateSet.builtIn())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(html.contains("<title>T &lt;x&gt;</title>"))
        #expect(html.contains("<style>") && !html.contains("<script") && !html.contains("<link"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("url("))
    }

    @Test("--templates overrides one template and keeps the others; a broken template names its line")
    func overrides() throws {
        let folder = try TemporaryFolder()
        try folder.write("style.mustache", "body { color: black; }\n")
        let set = try TemplateSet(overridesFrom: folder.url.path)
        #expect(set.origins["style"] == folder.path("style.mustache"))
        #expect(set.origins["governance.md"] == "built-in")
        try folder.write("governance.md.mustache", "line one\n{{#open}}\nnever closed\n")
        #expect { try TemplateSet(overridesFrom: folder.url.path) } throws: {
            ($0 as? TemplateError).map { $0.file.hasSuffix("governance.md.mustache") && $0.line != nil } ?? false
        }
        #expect(throws: TemplateError.self) { try TemplateSet(overridesFrom: folder.path("missing")) }
    }
}

@Suite("Atomic output")
struct AtomicFileTests {
    @Test("files are written whole, replace the old ones, and leave no temporary files")
    func writes() throws {
        let folder = try TemporaryFolder()
        let a = folder.path("out/a.md"), b = folder.path("out/b.html")
        try AtomicFile.write([(a, "one"), (b, "two")])
        try AtomicFile.write([(a, "three"), (b, "four")])
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "three")
        #expect(try String(contentsOfFile: b, encoding: .utf8) == "four")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")).sorted() == ["a.md", "b.html"])
    }

    @Test("if one file of a set cannot be written, none is replaced")
    func allOrNothing() throws {
        let folder = try TemporaryFolder()
        let a = folder.path("a.md")
        try AtomicFile.write("old", to: a)
        // A regular file where a folder is needed makes the second write fail.
        try folder.write("blocker", "x")
        #expect(throws: OutputError.self) { try AtomicFile.write([(a, "new"), (folder.path("blocker/b.html"), "x")]) }
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["a.md", "blocker"])
    }
}
