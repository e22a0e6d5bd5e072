@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorAnalysis
@testable import CandorReport
import Foundation
import Testing

@Suite("Report building blocks (known answers)")
struct ReportPiecesTests {
    @Test("the distribution-free median interval picks Conover's ranks")
    func medianInterval() throws {
        let values = (1...100).map(Double.init)
        // n = 100: ranks 40 and 61 (Conover 1999, §3.2).
        #expect(Quantile.medianInterval(sorted: values) == ProportionInterval(lower: 40, upper: 61))
        // n = 10: j = ⌊(10 − 1.96·√10)/2⌋ = 1, k = ⌈1 + (10 + 1.96·√10)/2⌉ = 10.
        #expect(Quantile.medianInterval(sorted: (1...10).map(Double.init)) == ProportionInterval(lower: 1, upper: 10))
        #expect(Quantile.medianInterval(sorted: [1, 2, 3, 4, 5]) == nil)
    }

    @Test("team file names are lowercase ASCII words; clashes and non-Latin names get a hash")
    func slugs() {
        let slugs = TeamSlug.assign(["Platform & Infra", "Platform  Infra", "Checkout", "../../etc", "Équipe Ω", "支付"])
        #expect(slugs["Checkout"] == "checkout")
        #expect(slugs["../../etc"] == "etc")
        #expect(slugs["Équipe Ω"] == "quipe")
        #expect(slugs["Platform & Infra"]!.hasPrefix("platform-infra-") && slugs["Platform  Infra"]!.hasPrefix("platform-infra-"))
        #expect(slugs["Platform & Infra"] != slugs["Platform  Infra"])
        #expect(slugs["支付"]!.hasPrefix("team-") && slugs["支付"]!.count == 13)
        #expect(slugs.values.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") } })
    }

    @Test("plain text from candor's Markdown reads as written; email HTML styles only libcmark's own tags")
    func emailBodies() {
        let markdown = Escape.markdown("Platform & Infra <b>*x*</b> 50\\% a\\b")
        #expect(EmailBody.plainText(fromMarkdown: markdown) == "Platform & Infra <b>*x*</b> 50\\% a\\b")
        let html = CommonMark.html(from: "# T\n\n" + Escape.markdown("<h2>not a heading</h2>") + "\n")
        let styled = EmailBody.inlineStyles(html)
        #expect(styled.hasPrefix("<h1 style=\""))
        #expect(styled.contains("&lt;h2&gt;not a heading&lt;/h2&gt;") && !styled.contains("<h2 style"))
    }

    @Test("a weekly chart carries its band, the comparison, markers and a text summary")
    func weeklyChart() throws {
        let m = MetricRegistry.acceptanceRate
        let monday = Day(year: 2026, month: 7, day: 6)!
        let series = (0..<4).map { WeeklyPoint(week: monday.adding(days: 7 * $0), value: 0.30 + 0.01 * Double($0),
                                                interval: ProportionInterval(lower: 0.28 + 0.01 * Double($0), upper: 0.32 + 0.01 * Double($0))) }
        let org = series.map { WeeklyPoint(week: $0.week, value: 0.25) }
        let change = ProgrammeChange(day: monday.adding(days: 8), description: "Kotlin enabled", metrics: [m.id.rawValue])
        let chart = try #require(WeeklyChart.build(id: "t", metric: m, subject: "Payments", series: series, comparison: org,
                                                   comparisonLabel: "organisation", changes: [change], shifts: []))
        #expect(chart.hasBand && chart.band.split(separator: " ").count == 8)
        #expect(chart.hasComparison && chart.comparison.split(separator: " ").count == 4)
        #expect(chart.markers.map(\.kind) == ["change"])
        #expect(chart.summary.contains("4 weeks from 2026-07-06 to 2026-07-27: 30.0% in the first week, 33.0% in the last"))
        #expect(chart.summary.contains("shaded band") && chart.summary.contains("1 programme change marked"))
        // Every y coordinate stays inside the plot.
        let ys = (chart.points + " " + chart.band + " " + chart.comparison).split(separator: " ").compactMap { Double($0.split(separator: ",")[1]) }
        #expect(ys.allSatisfy { $0 >= 8 && $0 <= 140 })
        #expect(WeeklyChart.build(id: "t", metric: m, subject: "x", series: Array(series.prefix(1)), changes: [], shifts: []) == nil)
    }

    @Test("the transparency report shows small consent counts as a range and what is never stored")
    func transparencyCounts() throws {
        var policy = try Policy.parse("version: 1\npurpose: Help teams.\nkey_file: k\nprogrammes: {ai-adoption: required, self-view: optional}\n", path: "p.yml")
        policy.minimumGroupSize = 5
        let facts = TransparencyFacts(sources: [(format: "q-developer-activity", files: 2, records: 300, firstIngested: "2026-10-01", lastIngested: "2026-10-01")],
                                      purges: [], consent: ["self-view": ["opted_in": 7, "revoked": 1], "ai-adoption": ["opted_out": 3]],
                                      disputes: [(Day(year: 2026, month: 7, day: 1)!, Day(year: 2026, month: 7, day: 11)!, "upheld"),
                                                 (Day(year: 2026, month: 8, day: 1)!, nil, "open")])
        let view = TransparencyViewBuilder.build(.init(period: Period("2026-Q3")!, policy: policy, generatedAt: "now", facts: facts, fieldDrops: [],
                                                   audit: [], changes: [], cmarkVersion: "0"))
        let selfView = try #require(view.consent.first { $0.label == "self-view" })
        #expect(selfView.values == ["optional (only if you opt in)", "7", "0", "fewer than 5"])
        #expect(view.consent.first { $0.label == "ai-adoption" }?.values == ["required (you may object)", "0", "fewer than 5", "0"])
        #expect(view.disputes.map(\.text) == ["2 filed in 2026-Q3; 1 resolved, 1 still open.", "Outcomes: open 1, upheld 1.", "Median time to resolve: 10 days."])
        #expect(view.sources.map(\.name) == ["Amazon Q Developer (user activity reports)"])
        #expect(view.neverStored.contains("prompt") && view.neverStored.contains("snippet"))
        #expect(view.refusals == "No request was refused.")
    }

    @Test("a hidden team's summary shows only the organisation, and no questions")
    func hiddenTeamSummary() throws {
        let policy = try Policy.parse("version: 1\npurpose: Help teams.\nkey_file: k\n", path: "p.yml")
        let m = MetricRegistry.acceptanceRate
        let card = Scorecard(teams: ["Tiny"], values: [m.id: [
            MetricValue(metric: m.id, team: "Tiny", estimate: 0.5, interval: ValueInterval(lower: 0.4, upper: 0.6), people: 3, events: 100, label: .medium),
            MetricValue(metric: m.id, team: nil, estimate: 0.3, interval: ValueInterval(lower: 0.28, upper: 0.32), people: 50, events: 9000, label: .high),
        ]], suppressed: [:])
        let signal = Signal(detector: "x", team: "Tiny", title: "Something", evidence: [], test: "t", alternatives: [], question: "Q?")
        let view = TeamSummaryViewBuilder.build(team: "Tiny", .init(period: Period("2026-Q3")!, policy: policy, generatedAt: "now", scorecard: card,
                                                                hidden: ["Tiny": .fewerThanK(k: 5)], signals: [signal], changes: []))
        #expect(!view.teamShown && view.hiddenReason.contains("fewer than 5 people"))
        let row = try #require(view.rows.first { $0.metric == m.name })
        #expect(!row.teamShown && row.teamValue == "–" && row.orgValue == "30.0%")
        #expect(view.questions.isEmpty && view.trends.isEmpty)
    }

    @Test("input paths are shown relative to the folder they share")
    func relativePaths() {
        let files = ["/home/a/org/inputs/x/1.csv", "/home/a/org/inputs/directory.csv", "/home/a/org/inputs/x/y/2.json"]
            .map { InputFileRecord(path: $0, sha256: "h", format: "f", records: 1) }
        let r = InputFileRecord.relativised(files)
        #expect(r.root == "inputs")
        #expect(r.files.map(\.path) == ["directory.csv", "x/1.csv", "x/y/2.json"])
        #expect(InputFileRecord.relativised([]).root == "")
    }

    @Test("every CSV cell candor writes is safe to open in a spreadsheet (OWASP CSV injection)", arguments: [
        ("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        ("+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\""), ("-2+3", "\"'-2+3\""), ("@SUM(A1:A9)", "\"'@SUM(A1:A9)\""),
        ("\tTAB", "\"'\tTAB\""), ("\rCR", "\"'\rCR\""), ("plain text", "plain text"), ("a,b", "\"a,b\""), ("2026-07-01", "2026-07-01"),
    ])
    func csvCells(input: String, expected: String) {
        #expect(CSVCell.escape(input) == expected)
    }
}

@Suite("The overview's empty cells")
struct OverviewCauseTests {
    @Test("a compact empty cell keeps the cause the scorecard's note gives")
    func causes() {
        #expect(GovernanceSummary.shortCause("no data: compliance not among this audience's datasets") == "no data: not readable here")
        #expect(GovernanceSummary.shortCause("no data: no record from github in the period") == "no data: none sent")
        #expect(GovernanceSummary.shortCause("no data: no record of github joined this team (see Coverage)") == "no data: none joined")
        #expect(GovernanceSummary.shortCause("fewer than half of the findings have been fixed") == "no value: fewer than half fixed")
        #expect(GovernanceSummary.shortCause(nil) == "no data")
    }
}
