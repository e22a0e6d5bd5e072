@testable import CandorVocabulary
@testable import CandorAnalysis
@testable import CandorPolicy
@testable import CandorReport
import Foundation
import Testing

@Suite("Figures files and errata")
struct ErrataTests {
    static func row(_ metric: MetricDefinition, version: Int, name: String, status: String = "shown", value: Double?) -> FiguresFile.Row {
        FiguresFile.Row(table: "scorecard", metric: metric.id.rawValue, metricVersion: version, scope: name.isEmpty ? "organisation" : "team", name: name,
                        part: "", status: status, value: value, n: value == nil ? nil : 9, events: value == nil ? nil : 90, lower: nil, upper: nil,
                        method: "", label: "", reason: status == "hidden" ? "fewer than 5 people" : "")
    }

    @Test("a published figure whose metric's definition changed is listed with its old and new value; an unchanged definition or value is not")
    func errata() throws {
        let cfr = MetricRegistry.changeFailureRate, cycle = MetricRegistry.cycleTime
        #expect(cfr.version > 1 && cycle.version == 1)
        let published = FiguresFile(period: "2026-Q3", registry: "2026.3", minimumGroupSize: 5, rows: [
            Self.row(cfr, version: 1, name: "Checkout", value: 0.048), Self.row(cfr, version: 1, name: "Search", value: 0.1),
            Self.row(cfr, version: 1, name: "", value: 0.07), Self.row(cycle, version: 1, name: "", value: 30),
        ])
        let current = FiguresFile(period: "2026-Q3", registry: MetricRegistry.version, minimumGroupSize: 5, rows: [
            Self.row(cfr, version: cfr.version, name: "Checkout", value: 0.143), Self.row(cfr, version: cfr.version, name: "Search", value: 0.1),
            Self.row(cfr, version: cfr.version, name: "", status: "hidden", value: nil), Self.row(cycle, version: 1, name: "", value: 31),
        ])
        // Round trip through the JSON the files hold.
        let reread = try #require(FiguresFile.parse(json: Array(published.json.utf8)))
        #expect(reread == published)
        let errata = Errata.compare(published: reread, current: current)
        #expect(errata.map(\.cell) == ["Checkout", "Organisation"])
        #expect(errata[0].published == "4.8%" && errata[0].now == "14.3%" && errata[0].versions == "version 1 → \(cfr.version)")
        #expect(errata[1].now == "hidden" && errata[1].why.contains("an incident names"))
    }

    @Test("figures files escape text for CSV and JSON, and a hidden cell carries no value, n or interval")
    func escaping() {
        var hidden = Self.row(MetricRegistry.cycleTime, version: 1, name: "=HYPERLINK(\"x\")", status: "hidden", value: nil)
        hidden.reason = "a \"quoted\"\nreason"
        let file = FiguresFile(period: "2026-Q3", registry: "r", minimumGroupSize: 5, rows: [hidden])
        #expect(file.csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        #expect(file.json.contains(#""name": "=HYPERLINK(\"x\")""#) && file.json.contains(#"a \"quoted\"\nreason"#))
        #expect(file.json.contains(#""value": null, "n": null, "events": null, "lower": null, "upper": null"#))
    }
}

@Suite("Consent statements and small counts (issue 17, items 3 and 5)")
struct ConsentStatementTests {
    static func inputs(_ registry: [String: [String: Int]]) -> GovernanceViewBuilder.Inputs {
        var input = GovernanceViewBuilder.Inputs(period: Period("2026-Q3")!, policy: try! Policy.parse("purpose: x\nkey_file: k\n", path: "/p.yml"), generatedAt: "now", totals: [],
                                                 coverage: Coverage(daysWithData: 0, rows: 0, files: 0, firstDay: nil, lastDay: nil,
                                                                    rowsWithoutTeam: 0, directoryFiles: 0), cmarkVersion: "0")
        input.registry = registry
        input.registryDay = Day(year: 2026, month: 9, day: 30)!
        return input
    }

    @Test("every statement about objections comes from the registry, says as of which day, and coarsens a count below k")
    func fromTheRegistry() {
        let none = GovernanceSummary.consentStatement(Self.inputs([:]), programme: "ai-adoption")
        #expect(none == "As of 2026-09-30, the consent registry holds no objection to the ai-adoption programme.")
        let six = GovernanceSummary.consentStatement(Self.inputs(["ai-adoption": ["opted_out": 5, "revoked": 1, "opted_in": 3]]), programme: "ai-adoption")
        #expect(six?.contains("As of 2026-09-30, the consent registry records that 5 people have objected to the ai-adoption programme and fewer than 5 people have withdrawn from it") == true)
        let two = GovernanceSummary.consentStatement(Self.inputs(["ai-adoption": ["opted_out": 2]]), programme: "ai-adoption")
        #expect(two?.contains("fewer than 5 people have objected") == true && two?.contains(" 2 ") == false)
        #expect(GovernanceSummary.consentStatement(Self.inputs([:]), programme: "not-a-programme") == nil)
    }

    @Test("threshold bunching prints a bin of fewer than k person-weeks as 'fewer than k'")
    func bunchingBins() throws {
        let values = Array(repeating: 0.29, count: 3) + Array(repeating: 0.31, count: 40) + Array(repeating: 0.33, count: 4)
        var family = TestFamily.perTest(alpha: 0.01)
        let signal = try #require(Detectors.thresholdBunching(values, metric: "ai.acceptance_rate", target: 0.30, team: "T",
                                                             thresholds: SignalThresholds(), minimumGroupSize: 5, family: &family))
        #expect(signal.evidence[0].contains("30.0%–32.0%: 40") && signal.evidence[0].components(separatedBy: "fewer than 5").count == 3, "\(signal.evidence)")
        // With a coarsened bin, no total it could be recovered from (3 + 40 + 4 = 47).
        #expect(!signal.evidence[1].contains("47"))
        // An empty bin is no one: printed as 0.
        let empty = try #require(Detectors.thresholdBunching(Array(repeating: 0.31, count: 40) + Array(repeating: 0.33, count: 4), metric: "ai.acceptance_rate",
                                                            target: 0.30, team: "T", thresholds: SignalThresholds(), minimumGroupSize: 5, family: &family))
        #expect(empty.evidence[0].contains("28.0%–30.0%: 0 ·"), "\(empty.evidence)")
    }
}

@Suite("Naming a change only inside its window (issue 17, item 16)")
struct ChangeWindowTests {
    @Test("a quarter-on-quarter move names only changes from 14 days before the later quarter, and asks that they be checked")
    func window() {
        let m = MetricRegistry.acceptanceRate
        let before = MetricValue(metric: m.id, team: nil, estimate: 0.30, interval: ValueInterval(lower: 0.29, upper: 0.31), people: 50, events: 9000, label: .high)
        let after = MetricValue(metric: m.id, team: nil, estimate: 0.35, interval: ValueInterval(lower: 0.34, upper: 0.36), people: 50, events: 9000, label: .high)
        let may = ProgrammeChange(day: Day(year: 2026, month: 5, day: 4)!, description: "Kotlin enabled", metrics: [m.id.rawValue])
        let june = ProgrammeChange(day: Day(year: 2026, month: 6, day: 20)!, description: "New model", metrics: [m.id.rawValue])
        let q2 = Period("2026-Q2")!
        let onlyMay = ScorecardView.sincePrevious(m, now: after, before: before, previous: q2, changes: [may], family: .perTest(alpha: 0.05))
        #expect(onlyMay.contains("no recorded change touching this metric falls between 2026-06-17 and the quarter's end") && !onlyMay.contains("Kotlin"))
        let withJune = ScorecardView.sincePrevious(m, now: after, before: before, previous: q2, changes: [may, june], family: .perTest(alpha: 0.05))
        #expect(withJune.contains("check that it applied to the work measured before crediting it: 2026-06-20 New model.") && !withJune.contains("Kotlin"))
    }
}

@Suite("Review findings: errata and small counts")
struct ReviewFindingTests {
    @Test("a cell hidden when published is never listed in the errata, whatever it is now")
    func hiddenStaysOut() {
        let cfr = MetricRegistry.changeFailureRate
        let published = FiguresFile(period: "2026-Q2", registry: "old", minimumGroupSize: 5,
                                    rows: [ErrataTests.row(cfr, version: 1, name: "A", status: "hidden", value: nil)])
        let current = FiguresFile(period: "2026-Q2", registry: MetricRegistry.version, minimumGroupSize: 5,
                                  rows: [ErrataTests.row(cfr, version: cfr.version, name: "A", value: 0.2)])
        #expect(Errata.compare(published: published, current: current).isEmpty)
    }

    @Test("objections and withdrawals are counted and coarsened apart, so neither follows from a sum")
    func apart() {
        let s = GovernanceSummary.consentStatement(ConsentStatementTests.inputs(["ai-adoption": ["opted_out": 3, "revoked": 6]]), programme: "ai-adoption")
        #expect(s?.contains("fewer than 5 people have objected") == true && s?.contains("6 people have withdrawn") == true && s?.contains("9 people") == false)
    }

    @Test("a share of people rests, for disclosure, on the people it counts: one opted-in person of 101 is hidden")
    func smallCount() {
        let v = PeopleMetrics.share(MetricRegistry.optInRate.id, count: 1, of: 101, team: nil)
        #expect(v.protectedPeople == 1 && v.people == 101)
    }
}
