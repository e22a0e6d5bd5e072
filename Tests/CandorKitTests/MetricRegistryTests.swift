import Testing
@testable import CandorKit

@Suite("Metric registry")
struct MetricRegistryTests {
    @Test("every metric the scorecard promises is registered, once, with all its text")
    func complete() {
        let ids = MetricRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == [
            "ai.active_share", "ai.acceptance_rate", "ai.accepted_lines_per_active_day", "ai.persistence",
            "quality.new_findings_rate", "quality.open_high_severity", "quality.time_to_fix", "quality.suppression_share",
            "flow.review_pickup", "flow.cycle_time", "flow.review_depth",
            "outcome.change_failure_rate", "outcome.defect_escape", "outcome.restore_time",
            "experience.satisfaction", "trust.opt_in_rate", "trust.dispute_rate", "trust.self_view_uptake",
        ])
        for m in MetricRegistry.all {
            #expect(m.id.hasPrefix(m.dimension.rawValue == "adoption" ? "ai." : m.dimension.rawValue + "."), "\(m.id)")
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
                     "Formula: Σ Inline_AcceptanceCount ÷ Σ Inline_SuggestionsCount", "95% interval:", "Caveats:", "Never used for:"] {
            #expect(text.contains(part), "\(part)")
        }
        #expect(MetricRegistry.metric("ai.nothing") == nil)
    }
}
