import CandorVocabulary
import CandorPolicy
import CandorStorage
import CandorAnalysis
import CandorReport
import CandorPipeline
import CandorTestSupport
import Foundation
import Testing

/// The planted-pattern tests of the gaming signals: the fixture generator plants each of the eight
/// patterns in a named team and period (its `planted.csv`) and leaves everything else clean; every
/// detector runs on every shown team in both periods, and must find exactly the planted cells.
@Suite("Gaming signals on planted organisations", .serialized)
struct PlantedSignalsTests {
    struct Cell: Hashable, Comparable, CustomStringConvertible {
        var detector: String, team: String, period: String
        var description: String { "\(detector) · \(team) · \(period)" }
        static func < (a: Cell, b: Cell) -> Bool { a.description < b.description }
    }

    struct Outcome {
        var found: [Cell: [Signal]]
        var planted: Set<Cell>
        var allowed: Set<Cell>
        var reports: [SignalReport]
        var scorecards: [Scorecard]
    }

    /// Ingests the organisation folder `organisation` (policy.yml, candor.key, inputs/, planted.csv) and
    /// runs the detectors for 2026-Q2 and 2026-Q3 as the governance review would.
    static func run(_ organisation: URL, rejected: Int = 0) throws -> Outcome {
        let folder = try TemporaryFolder()
        let policy = try Policy.load(path: organisation.appendingPathComponent("policy.yml").path)
        let store = try CandorStore(path: folder.path("org.sqlite"))
        var ingestor = Ingestor(store: store, pseudonymiser: Pseudonymiser(key: try PseudonymKey.load(path: policy.keyFile)),
                                log: SilentLog(), now: Date(timeIntervalSince1970: 1_790_000_000), survey: policy.survey)
        ingestor.policy = policy
        let summary = try ingestor.ingest(paths: InputDiscovery.expand([organisation.path]))
        #expect(summary.rejectedCount == rejected)
        // As the governance review computes them: only for the teams it shows.
        let builder = ReportWriter(policy: policy, store: store, templates: try TemplateSet(overridesFrom: nil), now: Date(timeIntervalSince1970: 0), log: SilentLog())
        var found: [Cell: [Signal]] = [:], reports: [SignalReport] = [], cards: [Scorecard] = []
        for period in [Period("2026-Q2")!, Period("2026-Q3")!] {
            let (report, card) = try builder.signals(period: period)
            for s in report.signals { found[Cell(detector: s.detector, team: s.team ?? "organisation", period: period.description), default: []].append(s) }
            reports.append(report)
            cards.append(card)
        }
        let csv = try String(contentsOf: organisation.appendingPathComponent("planted.csv"), encoding: .utf8)
        // expected: "yes" must be found; "either" is a real pattern at the edge of significance by construction, so it may be.
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 4).map(String.init) }
        let planted = Set(rows.filter { $0[3] == "yes" }.map { Cell(detector: $0[0], team: $0[1], period: $0[2]) })
        let allowed = Set(rows.map { Cell(detector: $0[0], team: $0[1], period: $0[2]) })
        return Outcome(found: found, planted: planted, allowed: allowed, reports: reports, scorecards: cards)
    }

    /// Recall and false alarms over every (detector, shown team, period) cell.
    static func check(_ outcome: Outcome, label: String, everyDetector: Bool = true) {
        if everyDetector { #expect(Set(outcome.planted.map(\.detector)) == Set(Detectors.all.map(\.id))) }
        let missed = outcome.planted.subtracting(outcome.found.keys).sorted()
        let falseAlarms = Set(outcome.found.keys).subtracting(outcome.allowed).sorted()
        let cells = outcome.reports.reduce(0) { $0 + $1.checkedTeams.count } * Detectors.all.count - outcome.allowed.count
        let recall = Double(outcome.planted.count - missed.count) / Double(outcome.planted.count)
        print("\(label): recall \(recall) (\(outcome.planted.count - missed.count) of \(outcome.planted.count)), false alarms \(falseAlarms.count) of \(cells) clean cells")
        #expect(missed.isEmpty, "\(label): planted but not found: \(missed)")
        #expect(falseAlarms.isEmpty, "\(label): signals on clean cells: \(falseAlarms.map { "\($0): \(outcome.found[$0]!.map(\.evidence))" })")
        // Every signal reads as a prompt: evidence, a test, alternatives and a question.
        for signals in outcome.found.values {
            for s in signals {
                #expect(!s.evidence.isEmpty && !s.test.isEmpty && !s.alternatives.isEmpty && s.question.hasSuffix("?"), "\(s.detector)")
            }
        }
    }

    /// Teams hidden by disclosure control are never looked at: the patterns planted in them (Search's
    /// September rubber stamps, Platform & Infra's suppressions) raise nothing, and no signal's text
    /// names a hidden team or quotes a hidden value.
    static func checkHidden(_ outcome: Outcome) {
        for (report, card) in zip(outcome.reports, outcome.scorecards) {
            let hidden = Set(card.suppressed.keys)
            #expect(report.hiddenTeams == hidden.count && !hidden.isEmpty)
            for s in report.signals {
                #expect(!hidden.contains(s.team ?? ""), "\(s.detector) on hidden team \(s.team ?? "")")
                let text = ([s.title, s.test] + s.evidence).joined(separator: " ")
                for team in hidden { #expect(!text.contains(team), "\(s.detector) mentions \(team)") }
            }
        }
    }

    @Test("fixtures/acme: every planted pattern found, no signal on any clean team-period, hidden teams never signalled")
    func acme() throws {
        let outcome = try Self.run(CandorBinary.packageRoot.appendingPathComponent("fixtures/acme"))
        Self.check(outcome, label: "fixtures/acme")
        Self.checkHidden(outcome)
        #expect(outcome.reports.map(\.checkedTeams.count).allSatisfy { $0 >= 4 })
    }

    @Test("fixtures/kestrel, generated apart from candor's code: every planted pattern found, no signal on any clean team-period")
    func kestrel() throws {
        let outcome = try Self.run(CandorBinary.packageRoot.appendingPathComponent("fixtures/kestrel"))
        Self.check(outcome, label: "fixtures/kestrel", everyDetector: false)
        Self.checkHidden(outcome)
        #expect(outcome.planted.count == 7 && outcome.reports.map(\.checkedTeams.count).allSatisfy { $0 >= 7 })
    }

    @Test("an independently seeded organisation with different effect sizes: the same recall, no false alarm")
    func secondGeneration() throws {
        let temp = try TemporaryFolder()
        let organisation = temp.url.appendingPathComponent("second")
        let process = Process()
        process.executableURL = CandorBinary.executable.deletingLastPathComponent().appendingPathComponent("candor-fixtures")
        process.arguments = [organisation.path, "--seed", "777001", "--effect", "0.8"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try FileManager.default.copyItem(at: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme/policy.yml"),
                                         to: organisation.appendingPathComponent("policy.yml"))
        let outcome = try Self.run(organisation)
        Self.check(outcome, label: "seed 777001, effect 0.8")
        Self.checkHidden(outcome)
    }
}
