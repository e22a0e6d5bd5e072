/// The gaming-signal detectors that compare a team's metrics between two periods. Pure.
public enum Detectors {
    static func fmt(_ v: MetricValue) -> String {
        guard let e = v.estimate, let unit = MetricRegistry.metric(v.metric)?.unit else { return "–" }
        let interval = v.interval.map { " (95% \(ScorecardView.format($0.lower, unit))–\(ScorecardView.format($0.upper, unit)))" } ?? ""
        return ScorecardView.format(e, unit) + interval
    }

    /// 1. Leading without outcome: a leading metric improved significantly while its paired outcome
    /// did not improve or got worse.
    public static func leadingWithoutOutcome(before: [String: MetricValue], after: [String: MetricValue], team: String?) -> [Signal] {
        MetricRegistry.all.filter { $0.kind == .leading }.compactMap { leading in
            guard let lb = before[leading.id], let la = after[leading.id], Movement.of(lb, la) == .improved,
                  let ob = before[leading.pairedWith], let oa = after[leading.pairedWith], oa.estimate != nil, ob.estimate != nil,
                  Movement.of(ob, oa) != .improved else { return nil }
            let outcome = MetricRegistry.metric(leading.pairedWith)!
            return Signal(detector: "leading-without-outcome", team: team,
                          title: "\(leading.name) improved; \(outcome.name) did not",
                          evidence: ["\(leading.name): \(fmt(lb)) → \(fmt(la))", "\(outcome.name): \(fmt(ob)) → \(fmt(oa))"],
                          test: "the leading metric's 95% intervals do not overlap between the periods; the outcome's do, or moved the wrong way",
                          alternatives: ["the outcome lags the leading metric by more than a quarter", "the team's work changed in kind (new product, new codebase)",
                                         "the outcome is measured on too few events to move yet"],
                          question: "What did we expect \(leading.name.lowercased()) to change, and what would show us it has?")
        }
    }

    /// 2. Acceptance inflation: acceptance up while accepted lines per active day or persistence went down.
    public static func acceptanceInflation(before: [String: MetricValue], after: [String: MetricValue], team: String?) -> Signal? {
        guard let ab = before["ai.acceptance_rate"], let aa = after["ai.acceptance_rate"], Movement.of(ab, aa) == .improved else { return nil }
        let worse = ["ai.persistence", "ai.accepted_lines_per_active_day"].compactMap { id -> String? in
            guard let b = before[id], let a = after[id], Movement.of(b, a) == .worsened else { return nil }
            return "\(MetricRegistry.metric(id)!.name): \(fmt(b)) → \(fmt(a))"
        }
        guard !worse.isEmpty else { return nil }
        return Signal(detector: "acceptance-inflation", team: team, title: "More suggestions accepted, less of them kept",
                      evidence: ["Inline suggestion acceptance rate: \(fmt(ab)) → \(fmt(aa))"] + worse,
                      test: "non-overlapping 95% intervals in opposite directions",
                      alternatives: ["suggestions got shorter (more, smaller acceptances)", "the team now accepts and then adapts suggestions on purpose"],
                      question: "Are we accepting suggestions we later undo, and what would make them worth keeping?")
    }

    /// 7. Survey selection: satisfaction up while the response rate fell.
    public static func surveySelection(before: MetricValue, after: MetricValue, responseRateBefore: Double, responseRateAfter: Double,
                                       team: String?, minimumDrop: Double = 0.10) -> Signal? {
        guard Movement.of(before, after) == .improved, responseRateBefore - responseRateAfter >= minimumDrop else { return nil }
        return Signal(detector: "survey-selection", team: team, title: "Satisfaction rose as fewer people answered",
                      evidence: ["Developer satisfaction (favourable): \(fmt(before)) → \(fmt(after))",
                                 "response rate: \(Format.percent(responseRateBefore, decimals: 0)) → \(Format.percent(responseRateAfter, decimals: 0))"],
                      test: "non-overlapping 95% intervals, and a response-rate fall of at least \(Format.percent(minimumDrop, decimals: 0)) points",
                      alternatives: ["the survey ran at a busier time", "real improvement, with fewer people feeling the need to answer"],
                      question: "Who stopped answering, and would their answers have changed the picture?")
    }
}
