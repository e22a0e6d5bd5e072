@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

@Suite("Scorecard on fixtures/acme")
struct ScorecardTests {
    static func acmeScorecard(_ period: String = "2026-Q3") throws -> (Scorecard, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.path]))
        let policy = try Policy.load(path: FixtureIngestTests.acme.appendingPathComponent("policy.yml").path)
        let writer = ReportWriter(policy: policy, store: store, templates: try TemplateSet(overridesFrom: nil),
                                  now: Date(timeIntervalSince1970: 0), log: SilentLog())
        let reader = try writer.policyReader(datasets: policy.audiences[.governanceBoard]!)
        return (try writer.decided(reader, Period(period)!, weeklySeries: false).scorecard, folder)
    }

    @Test("every metric has a value or an honest note for every team and the organisation")
    func complete() throws {
        let (card, _) = try Self.acmeScorecard()
        for metric in MetricRegistry.all {
            let list = try #require(card.values[metric.id], "\(metric.id)")
            #expect(list.count == card.teams.count + 1, "\(metric.id)")
            for v in list { #expect(v.estimate != nil || v.note != nil, "\(metric.id) \(v.team ?? "organisation")") }
        }
        // The organisation's values agree with independent computations on the same fixtures.
        func org(_ id: MetricID) -> MetricValue { card.values[id]!.last! }
        let acceptance = org(MetricRegistry.acceptanceRate.id)
        #expect(acceptance.team == nil && acceptance.events > 100_000 && acceptance.label == .high)
        #expect(org(MetricRegistry.persistence.id).estimate.map { $0 > 0.5 && $0 < 1 } == true)
        #expect(org(MetricRegistry.reviewPickup.id).estimate != nil && org(MetricRegistry.cycleTime.id).interval != nil)
        #expect(org(MetricRegistry.changeFailureRate.id).estimate.map { $0 > 0 && $0 < 0.5 } == true)
        #expect(org(MetricRegistry.satisfaction.id).note?.hasPrefix("response rate") == true)
        // Open High and Critical findings reach the board as a count from the security-outcome tier.
        #expect(org(MetricRegistry.openHighSeverity.id).estimate.map { $0 > 0 } == true)
        // A team's empty cell says why: its source sent nothing, or nothing of it joined the team.
        for metric in MetricRegistry.all {
            for v in card.values[metric.id]! where v.team != nil && v.estimate == nil && v.label != .suppressed {
                if metric.sources.contains(where: { (card.sourceDays[$0] ?? 0) > 0 && card.readable.contains($0) }) {
                    #expect(v.note?.hasPrefix("no data: no record of") == true || v.note?.contains("datasets") == true || v.note == "organisation only"
                            || v.note?.hasPrefix("no data: no Copilot seat") == true || (v.note?.isEmpty == false && v.note != "no data from this source"),
                            "\(metric.id) \(v.team!): \(v.note ?? "")")
                }
            }
        }
        // Docs Tools (3 people) is hidden wherever it has a figure; where it has none, it says so.
        #expect(card.suppressed["Docs Tools"] == .fewerThanK(k: 5))
        for metric in MetricRegistry.all {
            let value = card.values[metric.id]!.first { $0.team == "Docs Tools" }
            #expect(value?.label == .suppressed || (value?.estimate == nil && value?.note != nil), "\(metric.id)")
        }
    }
}

@Suite("Scorecard and audiences")
struct ScorecardAudienceTests {
    @Test("open High and Critical findings and time to fix are one number for the board and the security reviewers; an audience without the operational file gets none")
    func openHighSeverity() throws {
        let folder = try TemporaryFolder()
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.path]))
        let policy = try Policy.load(path: FixtureIngestTests.acme.appendingPathComponent("policy.yml").path)
        let writer = ReportWriter(policy: policy, store: store, templates: try TemplateSet(overridesFrom: nil), now: Date(timeIntervalSince1970: 0), log: SilentLog())
        let q3 = Period("2026-Q3")!
        let security = try ScorecardAssembly(store: writer.policyReader(datasets: [.operational, .compliance]), policy: policy, departments: [:]).build(q3).computed
        let board = try ScorecardAssembly(store: writer.policyReader(datasets: [.coaching, .operational]), policy: policy, departments: [:]).build(q3).computed
        for metric in [MetricRegistry.openHighSeverity.id, MetricRegistry.timeToFix.id] {
            #expect(security.values[metric] == board.values[metric], "\(metric)")
        }
        let organisation = try #require(board.values[MetricRegistry.openHighSeverity.id]?.last)
        #expect(organisation.team == nil && (organisation.estimate ?? 0) > 0)
        let coachingOnly = try ScorecardAssembly(store: writer.policyReader(datasets: [.coaching]), policy: policy, departments: [:]).build(q3).computed
        #expect(coachingOnly.values[MetricRegistry.openHighSeverity.id]?.allSatisfy { $0.estimate == nil && $0.note?.contains("not among this audience's datasets") == true } == true)
    }
}
