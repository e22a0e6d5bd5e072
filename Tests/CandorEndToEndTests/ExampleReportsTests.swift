import Foundation
import Testing

/// The committed example reports are what the README's main command produces from fixtures/acme.
@Suite("Example reports (golden)")
struct ExampleReportsTests {
    /// The arguments of `scripts/example` after `candor`, with the output and database swapped for a
    /// temporary folder. Keep in sync with scripts/example (checked below).
    static let exampleArguments = ["run", "fixtures/acme", "--out", "reports", "--database", ".candor/acme.sqlite", "--now", "2027-01-05T09:00:00Z"]

    static func arguments(out: String, database: String) -> [String] {
        var args = exampleArguments
        args[args.firstIndex(of: "--out")! + 1] = out
        args[args.firstIndex(of: "--database")! + 1] = database
        return args
    }

    @Test("scripts/example runs exactly these arguments, for both organisations")
    func scriptInSync() throws {
        let script = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("scripts/example"), encoding: .utf8)
        #expect(script.contains("candor " + Self.exampleArguments.joined(separator: " ")))
        #expect(script.contains("candor " + Self.kestrelArguments.joined(separator: " ")))
    }

    /// The second example organisation's run (scripts/example): its reports go to reports/kestrel/.
    static let kestrelArguments = ["run", "fixtures/kestrel", "--out", "reports/kestrel", "--database", ".candor/kestrel.sqlite", "--now", "2026-10-05T09:00:00Z"]

    /// Rebuilds the example reports and compares them byte for byte with reports/.
    /// `CANDOR_RECORD=1 swift test --filter ExampleReports` rewrites reports/ and fails, so a
    /// re-record is never a silent pass.
    @Test("reports/ is current")
    func golden() throws {
        try Self.compare(Self.exampleArguments, committed: "reports", status: 0) { !$0.hasPrefix("kestrel/") }
    }

    @Test("reports/kestrel/ is current (the second organisation, every file read through its policy)")
    func goldenKestrel() throws {
        try Self.compare(Self.kestrelArguments, committed: "reports/kestrel", status: 0) { _ in true }
    }

    static func compare(_ arguments: [String], committed folder: String, status: Int32, keep: (String) -> Bool) throws {
        let temp = try TemporaryFolder()
        var args = arguments
        args[args.firstIndex(of: "--out")! + 1] = temp.path("reports")
        args[args.firstIndex(of: "--database")! + 1] = temp.path("org.sqlite")
        let result = try CandorBinary.run(args + ["--quiet"])
        #expect(result.status == status, "stderr: \(result.stderr)")
        let built = try filesBelow(temp.url.appendingPathComponent("reports"))
        let committedFolder = CandorBinary.packageRoot.appendingPathComponent(folder)
        if ProcessInfo.processInfo.environment["CANDOR_RECORD"] == "1" {
            for (relative, _) in try filesBelow(committedFolder) where keep(relative) {
                try? FileManager.default.removeItem(at: committedFolder.appendingPathComponent(relative))
            }
            for (relative, data) in built {
                let url = committedFolder.appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            Issue.record("recorded \(built.count) files into \(folder)/; unset CANDOR_RECORD and run the tests again")
            return
        }
        let committed = try filesBelow(committedFolder).filter { !$0.key.hasPrefix(".") && keep($0.key) }
        #expect(Set(built.keys) == Set(committed.keys), "\(folder)/ has a different set of files; re-record with CANDOR_RECORD=1")
        for (relative, data) in built.sorted(by: { $0.key < $1.key }) {
            guard let old = committed[relative] else { continue }
            if old != data {
                let firstDiff = firstDifferingLine(String(decoding: old, as: UTF8.self), String(decoding: data, as: UTF8.self))
                Issue.record("\(folder)/\(relative) is out of date (\(firstDiff)); if the change is intended, re-record with CANDOR_RECORD=1")
            }
        }
        #expect(built.keys.contains("2026-Q2/governance.html") && built.keys.contains("2026-Q3/governance.md"))
        if folder == "reports" { #expect(built.keys.contains("2026-Q4/governance.md"), "the example covers three quarters") }
    }

    @Test("the same inputs and --now give byte-identical reports, from any working directory")
    func deterministic() throws {
        let a = try TemporaryFolder(), b = try TemporaryFolder()
        let fixtures = CandorBinary.packageRoot.appendingPathComponent("fixtures/acme").path
        let first = try CandorBinary.run(["run", fixtures, "--out", a.path("r"), "--database", a.path("db.sqlite"), "--now", "2026-10-05", "-q"], in: a.url)
        let second = try CandorBinary.run(["run", fixtures, "--out", b.path("r"), "--database", b.path("db.sqlite"), "--now", "2026-10-05", "-q"], in: URL(fileURLWithPath: "/"))
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let x = try filesBelow(a.url.appendingPathComponent("r")), y = try filesBelow(b.url.appendingPathComponent("r"))
        #expect(!x.isEmpty && x == y)
        // A quarter added later (fixtures/README.md) changes no earlier figure: the committed example,
        // dated 2027-01-05 with Q3's daily records purged by then, publishes the very Q2 and Q3 figures
        // a run dated 2026-10-05 (before Q4 and its purge) does.
        #expect(x["2026-Q4/figures.json"] == nil, "Q4 has not ended on 2026-10-05")
        for quarter in ["2026-Q2", "2026-Q3"] {
            let committed = try Data(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/\(quarter)/figures.json"))
            #expect(x["\(quarter)/figures.json"] == committed, "\(quarter)'s figures moved when Q4 was added")
        }
        // Re-running on the same database (everything already ingested) changes nothing either — but
        // the transparency report, whose audit-log summary now counts the first run's requests, and
        // the manifest that hashes it.
        let third = try CandorBinary.run(["run", fixtures, "--out", a.path("r2"), "--database", a.path("db.sqlite"), "--now", "2026-10-05"], in: a.url)
        #expect(third.status == 0)
        #expect(third.stderr.contains("unchanged since last ingest, skipped"))
        let again = try filesBelow(a.url.appendingPathComponent("r2"))
        func stable(_ files: [String: Data]) -> [String: Data] { files.filter { !$0.key.contains("transparency.") && !$0.key.hasSuffix("manifest.json") } }
        #expect(stable(again) == stable(x) && again.count == x.count)
        let before = String(decoding: x["2026-Q3/transparency.md"] ?? Data(), as: UTF8.self)
        let after = String(decoding: again["2026-Q3/transparency.md"] ?? Data(), as: UTF8.self)
        #expect(before != after && before.components(separatedBy: "## Who asked for reports")[0] == after.components(separatedBy: "## Who asked for reports")[0])
    }

    @Test("the example governance report shows departments and their teams alphabetically, intervals, and the suppressed team; people outside the directory are no row")
    func content() throws {
        let html = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q3/governance.html"), encoding: .utf8)
        let teams = ["Commerce (department)", "Checkout", "Payments", "Platform (department)", "Data Platform", "Docs Tools", "Identity",
                     "Platform &amp; Infra", "Product (department)", "Mobile", "Search"]
        var cursor = html.startIndex
        for team in teams {
            let range = try #require(html.range(of: "<th scope=\"row\">\(team)</th>", range: cursor..<html.endIndex), "\(team) missing or out of order")
            cursor = range.upperBound
        }
        #expect(html.contains("<tr class=\"suppressed in-department\"><th scope=\"row\">Docs Tools</th><td colspan=\"5\">suppressed (fewer than 5 people)</td></tr>"))
        #expect(html.contains("%–") && !html.contains("Not in the directory"))
        #expect(html.contains("Content-Security-Policy"))
        let q2 = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q2/governance.md"), encoding: .utf8)
        let q3 = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q3/governance.md"), encoding: .utf8)
        // The planted shifts (fixtures/README.md): one explained by the policy-change log, one not.
        #expect(q2.contains("- Payments, from the week of 2026-05-11") && q2.contains("coincides with 2026-05-04 Amazon Q Developer inline suggestions enabled for Kotlin"))
        // Data Platform's planted rise moves the organisation's series from the week it was planted; the team's
        // own 13-week series (p ≈ 0.007) is at the edge of the family's threshold (fixtures/README.md).
        #expect(q3.contains("- Organisation, from the week of 2026-08-03") && q3.contains("unexplained shift — worth discussing"))
        // The planted gaming patterns (fixtures/planted.csv) appear as prompts, with evidence, test, alternatives and a question.
        #expect(q2.contains("### Checkout: Inline suggestion acceptance rate piles up just past the target of 30.0%"))
        #expect(q2.contains("### Identity: Pull requests opened surged before the promotion committee (2026-06-15)"))
        for title in ["### Checkout: Fewer new findings, with more suppressed or less scanned", "### Checkout: Satisfaction rose as fewer people answered",
                      "### Checkout: More accepted AI code is undone soon after",
                      "### Data Platform: Inline suggestion acceptance rate rose; persistence of accepted AI code did not follow",
                      "### Identity: More suggestions accepted, less code kept from each", "### Payments: Reviews got faster and shallower"] {
            #expect(q3.contains(title), "\(title)")
        }
        #expect(q3.contains("**A question to discuss:**") && q3.contains("Other explanations to rule out first:"))
        // Q2's least-loss pattern hides Search's review metrics as the complement for Docs Tools (the team
        // with fewest members beside it): the Q3 rubber stamps have no published baseline and are not raised.
        #expect(!q2.contains("### Search:") && !q3.contains("### Search: Reviews got faster and shallower"))
        // Every registry metric is in the scorecard, with a label or an honest note.
        for metric in ["ai.active\\_share", "quality.time\\_to\\_fix", "flow.review\\_pickup", "outcome.change\\_failure\\_rate",
                       "experience.satisfaction", "trust.self\\_view\\_uptake"] {
            #expect(q3.contains("Metric \(metric) ·"), "\(metric)")
        }
        // Three quarters (fixtures/README.md); the board's decision of 2026-09-29 retires accepted lines per
        // active day from the quarter after it: published in Q3, and in Q4 its place says it was retired.
        let q4 = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q4/governance.md"), encoding: .utf8)
        let retired = "retired by the governance board from 2026-Q4 (decision of 2026-09-29)"
        #expect(q4.contains("- Accepted AI lines per active day (ai.accepted\\_lines\\_per\\_active\\_day): " + retired))
        let q3Figures = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q3/figures.json"), encoding: .utf8)
        let q4Figures = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q4/figures.json"), encoding: .utf8)
        func organisationLine(_ text: String) -> String {
            text.split(separator: "\n").first { $0.contains(#""metric": "ai.accepted_lines_per_active_day""#) && $0.contains(#""scope": "organisation""#) }.map(String.init) ?? ""
        }
        #expect(organisationLine(q3Figures).contains(#""status": "shown""#))
        #expect(organisationLine(q4Figures).contains(#""status": "empty""#) && organisationLine(q4Figures).contains(retired))
        #expect(q4.contains("- 2026-10-12: Amazon Q Developer inline suggestions enabled for Swift"))
        // The one-page summary compares with the quarter before only when that quarter has figures.
        #expect(q2.contains("No organisation figure moved significantly: there is no earlier quarter to compare with."))
        #expect(q3.contains("### What changed since 2026-Q2") && q3.contains("- Inline suggestion acceptance rate rose, organisation: 30.1% (95% 28.4%–31.7%) in 2026-Q2 → 34.3%"))
        // The folder's index: every quarter, and trends with a real change in them (fixtures/README.md): Identity's
        // inflated acceptance falls back in Q4, Mobile's rises with the Swift suggestions of 2026-10-12.
        let index = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/index.md"), encoding: .utf8)
        for quarter in ["2026-Q2", "2026-Q3", "2026-Q4"] { #expect(index.contains("- **\(quarter)**: [governance review](")) }
        let acceptance = index.components(separatedBy: "### Inline suggestion acceptance rate").dropFirst().first?.components(separatedBy: "### ").first ?? ""
        let identity = acceptance.split(separator: "\n").first { $0.contains(">Identity</th>") } ?? ""
        let mobile = acceptance.split(separator: "\n").first { $0.contains(">Mobile</th>") } ?? ""
        #expect(identity.contains("−8.7 points since 2026-Q3: a change worth discussing"), "\(identity)")
        #expect(mobile.contains("+7.5 points since 2026-Q3: a change worth discussing") && acceptance.contains("2026-Q4 †"))
        #expect(acceptance.contains("- 2026-10-12 (2026-Q4): Amazon Q Developer inline suggestions enabled for Swift"))
        let docsTools = acceptance.split(separator: "\n").first { $0.contains(">Docs Tools</th>") } ?? ""
        #expect(docsTools.contains("fewer than 5 people") && !docsTools.contains("%<span"), "a team every quarter hid says so, with no value")
        // The security outcome reaches the board as counts and durations, never categories.
        #expect(q3.contains("codeguru-security: counts and dates through the security-outcome tier") && !q3.contains("python-hardcoded-credentials"))
        // No false alarm: Q3's objectors (from 2026-08-01) and the Data Platform joiner (2026-07-20) move
        // nobody's weekly active share — objectors leave both counts, joiners count from their first week.
        let activeShare = q3.components(separatedBy: "#### Share of people using an AI assistant").dropFirst().first?.components(separatedBy: "#### ").first ?? ""
        #expect(!activeShare.isEmpty && !activeShare.contains("Shifts in the weekly series"))
        #expect(q2.contains("Search</th><td class=\"num\">"))   // shown: no longer hidden to protect the outsiders' row
        // No report names a path on the machine that made it: inputs are relative to their common folder.
        let manifest = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q3/manifest.json"), encoding: .utf8)
        for text in [q2, q3, manifest] { #expect(!text.contains(CandorBinary.packageRoot.path)) }
        #expect(manifest.contains("\"inputsRelativeTo\" : \"inputs\"") && manifest.contains("\"path\" : \"directory.csv\""))
        #expect(manifest.contains("\"path\" : \"team/payments.eml\""))
    }
}

func firstDifferingLine(_ a: String, _ b: String) -> String {
    let x = a.components(separatedBy: "\n"), y = b.components(separatedBy: "\n")
    for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : nil) != (i < y.count ? y[i] : nil) {
        return "first difference at line \(i + 1)"
    }
    return "same lines, different bytes"
}

@Suite("Errata in the next review")
struct ErrataEndToEndTests {
    @Test("a figures file published under an older definition is listed as errata in the review written over it")
    func errataListed() throws {
        let temp = try TemporaryFolder()
        let out = URL(fileURLWithPath: temp.path("reports"))
        try FileManager.default.createDirectory(at: out.appendingPathComponent("2026-Q3"), withIntermediateDirectories: true)
        // The committed Q3 figures, as if published before change failure counted incident-causing deployments.
        let committed = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q3/figures.json"), encoding: .utf8)
        let old = committed.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.contains(#""metric": "outcome.change_failure_rate""#), line.contains(#""scope": "organisation""#) else { return String(line) }
            return line.replacingOccurrences(of: #""metric_version": 2"#, with: #""metric_version": 1"#)
                .replacing(#/"value": [0-9.]+/#, with: #""value": 0.072165"#)
        }.joined(separator: "\n")
        try old.write(to: out.appendingPathComponent("2026-Q3/figures.json"), atomically: true, encoding: .utf8)
        let result = try CandorBinary.run(["run", "fixtures/acme", "--out", out.path, "--database", temp.path("a.sqlite"), "--now", "2026-10-05T09:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let review = try String(contentsOf: out.appendingPathComponent("2026-Q3/governance.md"), encoding: .utf8)
        #expect(review.contains("## Errata"))
        #expect(review.contains("| 2026-Q3 | Change failure rate | Organisation | 7.2% |"), "\(review.components(separatedBy: "## Errata").dropFirst().first?.prefix(900) ?? "")")
    }
}
