@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Testing

@Suite("Metric registry")
struct MetricRegistryTests {
    @Test("every metric the scorecard promises is registered, once, with all its text")
    func complete() {
        let ids = MetricRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == [
            "ai.active_share", "ai.licence_coverage", "ai.acceptance_rate", "ai.accepted_lines_per_active_day", "ai.persistence",
            "quality.new_findings_rate", "quality.open_high_severity", "quality.time_to_fix", "quality.suppression_share",
            "flow.review_pickup", "flow.cycle_time", "flow.review_depth",
            "outcome.change_failure_rate", "outcome.defect_escape", "outcome.restore_time",
            "experience.satisfaction", "trust.opt_in_rate", "trust.dispute_rate", "trust.self_view_uptake",
        ])
        for m in MetricRegistry.all {
            #expect(m.id.rawValue.hasPrefix(m.dimension.rawValue == "adoption" ? "ai." : m.dimension.rawValue + "."), "\(m.id)")
            for text in [m.name, m.decision, m.definition, m.formula, m.methodology, m.interval] { #expect(!text.isEmpty, "\(m.id)") }
            #expect(!m.caveats.isEmpty && !m.neverUsedFor.isEmpty, "\(m.id)")
            #expect(Policy.defaultProgrammes[m.programme] != nil, "\(m.id): programme \(m.programme) is not a default programme")
        }
    }

    @Test("balance: every metric names a partner that exists, and every leading metric is read beside an outcome")
    func balance() throws {
        for m in MetricRegistry.all {
            let partner = try #require(MetricRegistry.metric(m.pairedWith), "\(m.id) → \(m.pairedWith)")
            #expect(partner.id != m.id)
            if m.kind == .leading { #expect(partner.kind == .outcome, "\(m.id) is leading but is read beside \(partner.id), another leading metric") }
        }
        // Every dimension of the scorecard has at least one metric.
        #expect(Set(MetricRegistry.all.map(\.dimension.rawValue)) == ["adoption", "quality", "flow", "outcome", "experience", "trust"])
    }

    @Test("explain prints the whole methodology; rates are ratios of sums")
    func explain() throws {
        let text = try #require(MetricRegistry.metric("ai.acceptance_rate")).explanation
        for part in ["ai.acceptance_rate — Inline suggestion acceptance rate", "read beside ai.persistence (Persistence of accepted AI code)",
                     "Formula: Σ accepted ÷ Σ shown", "Inline_AcceptanceCount ÷ Inline_SuggestionsCount", "code_acceptance_activity_count ÷ code_generation_activity_count", "95% interval:", "Caveats:", "Never used for:"] {
            #expect(text.contains(part), "\(part)")
        }
        #expect(MetricRegistry.metric("ai.nothing") == nil)
    }
}

@Suite("Decisions and metric bloat")
struct DecisionsViewTests {
    @Test("decisions carry the report they relied on; metrics no decision used for two quarters are retirement candidates")
    func decisions() {
        let decisions = [DecisionEntry(day: Day(year: 2026, month: 8, day: 3)!, decision: "Keep reviewing pickup", metric: "flow.review_pickup", action: "keep"),
                         DecisionEntry(day: Day(year: 2026, month: 4, day: 20)!, decision: "Watch acceptance", metric: "ai.acceptance_rate", action: nil),
                         DecisionEntry(day: Day(year: 2025, month: 11, day: 1)!, decision: "Old", metric: "flow.cycle_time", action: nil)]
        let audit = [AuditEntry(sequence: 1, time: "2026-07-06T09:00:00Z", actor: "a", command: "run 2026-Q2", purpose: "governance-review",
                                audience: "governance-board", datasets: "coaching,operational", inputs: [],
                                outputs: ["reports/2026-Q2/governance.md 1111", "reports/2026-Q2/governance.html abcdef0123456789"], previous: "", hash: "h")]
        let view = DecisionsView.build(period: Period("2026-Q3")!, decisions: decisions, audit: audit)
        #expect(view.decisions == ["2026-08-03: Keep reviewing pickup (metric flow.review_pickup, action: keep) — relied on reports/2026-Q2/governance.html (SHA-256 abcdef012345…, written 2026-07-06T09:00:00Z)"])
        // Used in Q3 or Q2: pickup and acceptance; cycle time's decision is too old.
        #expect(!view.retire.contains { $0.contains("flow.review_pickup") || $0.contains("ai.acceptance_rate") })
        #expect(view.retire.contains("Median hours from open to merge (flow.cycle_time)"))
        #expect(view.retire.count == MetricRegistry.all.count - 2)
    }
}

@Suite("Registry changes as annotations")
struct RegistryChangeAnnotationTests {
    @Test("candor's own definition changes are listed on the metrics they touch, like policy changes")
    func registryChangeAnnotated() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\n" + (0..<6).map { "p\($0),T,2026-01-01,\n" }.joined()))
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", RetentionTests.header + (0..<6).map { "p\($0),2026-11-24,3,10\n" }.joined()))
        let markdown = try TierFallbackTests.builder(h).governance(period: Period("2026-Q4")!).markdown
        let acceptance = try #require(markdown.components(separatedBy: "#### Inline suggestion acceptance rate").dropFirst().first?
            .components(separatedBy: "#### ").first)
        #expect(acceptance.contains("2026-11-25: Metric registry 2026.2"))
        let cycle = try #require(markdown.components(separatedBy: "#### Median hours from open to merge").dropFirst().first?.components(separatedBy: "#### ").first)
        #expect(!cycle.contains("Metric registry 2026.2"))
    }
}
