@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

/// A board decision takes effect through the policy: a retired metric is not published in the
/// quarters its retirement covers, and a decision the policy does not carry out is said in the review.
@Suite("Decisions that take effect")
struct RetiredMetricEffectTests {
    static let retire = DecisionEntry(day: Day.parse("2026-09-29")!, decision: "Retire accepted lines per active day",
                                      metric: "ai.accepted_lines_per_active_day", action: "retire")

    @Test("a retirement the policy does not list is flagged from the decision on; one it lists is shown as in force")
    func unreflected() {
        let q3 = Period("2026-Q3")!
        let missing = DecisionsView.build(period: q3, decisions: [Self.retire], audit: [])
        #expect(missing.unreflected == ["The decision of 2026-09-29 to retire ai.accepted_lines_per_active_day is not in the policy: until its retired_metrics lists it (from 2026-Q4), the metric is still published."])
        #expect(DecisionsView.build(period: Period("2026-Q2")!, decisions: [Self.retire], audit: []).unreflected.isEmpty, "not before the decision")
        #expect(DecisionsView.build(period: Period("2027-Q1")!, decisions: [Self.retire], audit: []).hasUnreflected, "in every later review")
        let listed = RetiredMetric(metric: "ai.accepted_lines_per_active_day", from: Period("2026-Q4")!, decision: Self.retire.day)
        let carried = DecisionsView.build(period: q3, decisions: [Self.retire], audit: [], retired: [listed])
        #expect(!carried.hasUnreflected)
        #expect(carried.retired == ["Accepted AI lines per active day (ai.accepted_lines_per_active_day): retired by the governance board from 2026-Q4 (decision of 2026-09-29)"])
        // Retired from Q4: still a candidate for retirement in Q3's list, no longer in Q4's.
        let q4 = DecisionsView.build(period: Period("2026-Q4")!, decisions: [Self.retire], audit: [], retired: [listed])
        #expect(!q4.retire.contains { $0.contains("ai.accepted_lines_per_active_day") })
        // The board keeps it after all, but the policy still retires it.
        let keep = DecisionEntry(day: Day.parse("2026-11-02")!, decision: "Bring it back", metric: "ai.accepted_lines_per_active_day", action: "keep")
        let kept = DecisionsView.build(period: Period("2026-Q4")!, decisions: [Self.retire, keep], audit: [], retired: [listed])
        #expect(kept.unreflected.count == 1 && kept.unreflected[0].contains("to keep ai.accepted_lines_per_active_day is not in the policy: it still retires the metric from 2026-Q4"))
        // A retirement the board reversed before the policy carried it out is not flagged.
        #expect(!DecisionsView.build(period: Period("2027-Q1")!, decisions: [Self.retire, keep], audit: []).hasUnreflected)
        // Kept before the retirement began: the entry is to go, not to end.
        let early = DecisionEntry(day: Day.parse("2026-09-30")!, decision: "On second thought", metric: "ai.accepted_lines_per_active_day", action: "keep")
        let reversedEarly = DecisionsView.build(period: Period("2026-Q3")!, decisions: [Self.retire, early], audit: [], retired: [listed])
        #expect(reversedEarly.unreflected.count == 1 && reversedEarly.unreflected[0].contains("(remove that entry to publish it again)"), "\(reversedEarly.unreflected)")
        let addedBack = RetiredMetric(metric: "ai.accepted_lines_per_active_day", from: Period("2026-Q4")!, until: Period("2026-Q4")!, decision: Self.retire.day)
        #expect(!DecisionsView.build(period: Period("2026-Q4")!, decisions: [Self.retire, keep], audit: [], retired: [addedBack]).hasUnreflected)
    }

    @Test("a decision names its approver, the alternatives considered and its review date when the input gives them")
    func accountable() {
        var d = Self.retire
        d.approver = "engineering board"
        d.alternatives = "keep it beside quality measures; replace it with persistence"
        d.review = Day.parse("2027-03-31")
        let line = DecisionsView.build(period: Period("2026-Q3")!, decisions: [d], audit: []).decisions[0]
        #expect(line.hasSuffix("no candor report was written before it; approved by engineering board; alternatives considered: keep it beside quality measures; replace it with persistence; to be reviewed by 2027-03-31"))
    }

    @Test("in the quarters a retirement covers, every cell of the metric says so and none carries a figure")
    func notPublished() throws {
        let folder = try TemporaryFolder()
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.path]))
        var policy = try Policy.load(path: FixtureIngestTests.acme.appendingPathComponent("policy.yml").path)
        let metric = MetricRegistry.acceptedLines.id
        func analyse(_ policy: Policy) throws -> GovernanceViewBuilder.Inputs {
            let writer = ReportWriter(policy: policy, store: store, templates: try TemplateSet(overridesFrom: nil),
                                      now: Date(timeIntervalSince1970: 1_791_000_000), log: SilentLog())
            return try writer.analyse(try writer.reader(for: .governance), Period("2026-Q3")!)
        }
        let before = try analyse(policy)
        #expect(before.scorecard.values[metric]?.contains { $0.estimate != nil } == true)
        policy.retiredMetrics = [RetiredMetric(metric: metric.rawValue, from: Period("2026-Q3")!, decision: Day.parse("2026-06-30"))]
        let after = try analyse(policy)
        let cells = try #require(after.scorecard.values[metric])
        #expect(!cells.isEmpty && cells.allSatisfy { $0.estimate == nil && $0.interval == nil && $0.note == "retired by the governance board from 2026-Q3 (decision of 2026-06-30)" })
        #expect(after.scorecard.weekly[metric] == nil && after.scorecard.teamWeekly[metric] == nil)
        #expect(!after.scorecard.shiftTests.contains { $0.metric == metric })
        // A retired metric feeds no signal either: with the acceptance rate retired, its target is not tested.
        policy.retiredMetrics = [RetiredMetric(metric: MetricRegistry.acceptanceRate.id.rawValue, from: Period("2026-Q3")!)]
        let noRate = try analyse(policy)
        #expect(noRate.signals?.coverage["threshold-bunching"]?.contains("ai.acceptance_rate: not run, retired by the governance board from 2026-Q3") == true,
                "\(noRate.signals?.coverage["threshold-bunching"] ?? "none")")
        #expect(before.signals?.coverage["threshold-bunching"]?.contains("not run") != true)
        // Every other metric is as it was.
        for (other, list) in before.scorecard.values where other != metric {
            #expect(after.scorecard.values[other]?.map(\.estimate) == list.map(\.estimate), "\(other)")
        }
    }

    @Test("the policy may retire only metrics the registry defines")
    func unknownMetric() throws {
        var policy = try Policy.load(path: FixtureIngestTests.acme.appendingPathComponent("policy.yml").path)
        policy.retiredMetrics = [RetiredMetric(metric: "ai.lines_per_day", from: Period("2026-Q4")!, line: 12)]
        #expect { try Workspace.checkRetiredMetrics(policy) } throws: { ($0 as? PolicyError)?.line == 12 && ($0 as? PolicyError)?.message.contains("ai.lines_per_day") == true }
    }
}
