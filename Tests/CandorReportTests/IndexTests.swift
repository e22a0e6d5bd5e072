@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorAnalysis
@testable import CandorReport
import Foundation
import Testing

/// The report folder's index (issue 21, item 1): trends of what the quarters published, each
/// quarter-on-quarter change tested under one false-discovery decision, nothing the reviews hid.
@Suite("Reports index")
struct IndexTests {
    static let policy = try! Policy.parse("version: 1\npurpose: Help teams learn.\nkey_file: k\n"
                                          + "retired_metrics:\n  - {metric: flow.cycle_time, from: 2026-Q3, decision: 2026-06-20}\n", path: "p.yml")

    static func row(_ metric: String, _ team: String?, _ status: String = "shown", value: Double? = nil, lower: Double? = nil, upper: Double? = nil,
                    version: Int = 2, reason: String = "") -> FiguresFile.Row {
        FiguresFile.Row(table: "scorecard", metric: metric, metricVersion: version, scope: team == nil ? "organisation" : "team", name: team ?? "",
                        part: "", status: status, value: value, n: value == nil ? nil : 9, events: value == nil ? nil : 100, lower: lower, upper: upper,
                        method: "m", label: status == "shown" ? "medium" : "", reason: reason)
    }

    static func quarter(_ p: String, _ rows: [FiguresFile.Row]) -> (period: Period, figures: FiguresFile, hasTeams: Bool) {
        (Period(p)!, FiguresFile(period: p, registry: "2026.8", minimumGroupSize: 5, rows: rows), true)
    }

    static func build(_ quarters: [(period: Period, figures: FiguresFile, hasTeams: Bool)], changes: [ProgrammeChange] = [],
                      unread: [(path: String, reason: String)] = []) -> IndexView {
        IndexBuilder.build(IndexBuilder.Inputs(published: quarters, unread: unread, changes: changes, policy: policy, generatedAt: "2027-01-05 09:00 UTC"))
    }

    @Test("a change is judged from the two published intervals (Altman & Bland 2003) under Benjamini–Hochberg over every test in the index")
    func knownAnswer() throws {
        let rate = "ai.acceptance_rate"
        // Payments: 30.0% [28.04, 31.96] → 40.0% [38.04, 41.96]: se = 0.01 each, z = 0.10 / √2·0.01 = 7.07, p ≈ 1.5e-12.
        // Search: 30.0% [26.08, 33.92] → 31.0% [27.08, 34.92]: se = 0.02 each, z = 0.01 / 0.0283 = 0.354, p = 0.724.
        let index = Self.build([
            Self.quarter("2026-Q2", [Self.row(rate, "Payments", value: 0.30, lower: 0.2804, upper: 0.3196),
                                     Self.row(rate, "Search", value: 0.30, lower: 0.2608, upper: 0.3392)]),
            Self.quarter("2026-Q3", [Self.row(rate, "Payments", value: 0.40, lower: 0.3804, upper: 0.4196),
                                     Self.row(rate, "Search", value: 0.31, lower: 0.2708, upper: 0.3492)]),
        ])
        #expect(index.tests == 2 && index.discoveries == 1)
        let z = SignalStatistics.difference(before: 0.30, ValueInterval(lower: 0.2608, upper: 0.3392), after: 0.31, ValueInterval(lower: 0.2708, upper: 0.3492))!
        #expect(abs(z.z - 0.3536) < 0.001 && abs(z.p - 0.7237) < 0.001)
        let metric = try #require(index.metrics.first { $0.id == rate })
        let payments = try #require(metric.rows.first { $0.label == "Payments" })
        #expect(payments.cells[1].significant && payments.cells[1].change.hasPrefix("+10.0 points since 2026-Q2: a change worth discussing"))
        let search = try #require(metric.rows.first { $0.label == "Search" })
        // BH over the two: Search's adjusted p = 0.724 × 2 / 2 = 0.724: within noise.
        #expect(!search.cells[1].significant && search.cells[1].change == "+1.0 points since 2026-Q2, within noise")
        #expect(!payments.cells[0].hasChange, "the first quarter has nothing to compare with")
    }

    @Test("what a review hid stays hidden with its reason, every quarter's too; a definition change is not compared")
    func disclosureAndVersions() throws {
        let pickup = "flow.review_pickup"
        let index = Self.build([
            Self.quarter("2026-Q2", [Self.row(pickup, nil, value: 20, lower: 18, upper: 22), Self.row(pickup, "Checkout", value: 10, lower: 8, upper: 12, version: 1),
                                     Self.row(pickup, "Docs Tools", "hidden", reason: "fewer than 5 people"),
                                     Self.row(pickup, "Search", "hidden", reason: "hidden so a smaller group's figures cannot be worked out")]),
            Self.quarter("2026-Q3", [Self.row(pickup, nil, value: 21, lower: 19, upper: 23), Self.row(pickup, "Checkout", value: 11, lower: 9, upper: 13),
                                     Self.row(pickup, "Docs Tools", "hidden", reason: "fewer than 5 people"),
                                     Self.row(pickup, "Search", value: 15, lower: 12, upper: 18)]),
        ], unread: [("2026-Q1/figures.json", "not a figures file candor wrote for 2026-Q1")])
        let metric = try #require(index.metrics.first { $0.id == pickup })
        #expect(metric.rows.map(\.label) == ["Organisation", "Checkout", "Docs Tools", "Search"], "Docs Tools, hidden in every quarter, says so")
        #expect(metric.rows[2].cells.allSatisfy { !$0.shown && $0.value.isEmpty && $0.note == "fewer than 5 people" })
        let search = try #require(metric.rows.first { $0.label == "Search" })
        #expect(!search.cells[0].shown && search.cells[0].value.isEmpty && search.cells[0].note == "hidden so a smaller group's figures cannot be worked out")
        #expect(!search.cells[1].hasChange, "no change is computed against a hidden value")
        let checkout = try #require(metric.rows.first { $0.label == "Checkout" })
        #expect(checkout.cells[1].change == "definition changed since 2026-Q2: not compared")
        #expect(index.tests == 1, "only the organisation's change is tested")
        #expect(index.hasUnread && index.unread.first?.text.contains("2026-Q1/figures.json") == true)
    }

    @Test("programme changes mark the quarters they fall in, for the metrics they touch; a retirement is said once")
    func changesAndRetirement() throws {
        let index = Self.build([
            Self.quarter("2026-Q2", [Self.row("ai.acceptance_rate", nil, value: 0.3, lower: 0.29, upper: 0.31),
                                     Self.row("flow.cycle_time", nil, value: 30, lower: 25, upper: 35)]),
            Self.quarter("2026-Q3", [Self.row("ai.acceptance_rate", nil, value: 0.3, lower: 0.29, upper: 0.31),
                                     Self.row("flow.cycle_time", nil, "empty", reason: "retired by the governance board from 2026-Q3 (decision of 2026-06-20)")]),
        ], changes: [ProgrammeChange(day: Day(year: 2026, month: 8, day: 17)!, description: "Kotlin suggestions", metrics: ["ai.acceptance_rate"])])
        let rate = try #require(index.metrics.first { $0.id == "ai.acceptance_rate" })
        #expect(rate.columns.map(\.marked) == [false, true] && rate.changes.map(\.text) == ["2026-08-17 (2026-Q3): Kotlin suggestions"])
        let cycle = try #require(index.metrics.first { $0.id == "flow.cycle_time" })
        #expect(cycle.columns.map(\.marked) == [false, false] && !cycle.hasChanges)
        #expect(cycle.notes.map(\.text) == ["Retired by the policy from 2026-Q3 (decision of 2026-06-20): not published in the quarters it covers."])
        #expect(cycle.rows.first?.cells[1].note.hasPrefix("retired by the governance board") == true)
    }

    @Test("the index renders through the templates, escaping what came from inputs")
    func renders() throws {
        let index = Self.build([
            Self.quarter("2026-Q2", [Self.row("ai.acceptance_rate", "<script>alert(1)</script>", value: 0.3, lower: 0.29, upper: 0.31)]),
        ])
        let templates = try TemplateSet(overridesFrom: nil)
        let markdown = try templates.render("index.md", index)
        #expect(markdown.contains("&lt;script&gt;") && !markdown.contains("<script>"))
        #expect(markdown.contains("[governance review](2026\\-Q2/governance.html)") || markdown.contains("[governance review](2026-Q2/governance.html)"))
    }
}
