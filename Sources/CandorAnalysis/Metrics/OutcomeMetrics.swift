import CandorVocabulary
import CandorPolicy

/// `outcome.change_failure_rate`, `outcome.defect_escape`, `outcome.restore_time`. Pure.
///
/// Deployments and incidents name no person, so the label's n is the number of deployments (or incidents).
public enum OutcomeMetrics {
    /// failed deployments ÷ deployments, with a Wilson interval (DORA's change failure rate).
    public static func changeFailureRate(_ deployments: [DeploymentFacts], team: String?) -> MetricValue {
        let id = MetricRegistry.changeFailureRate.id
        guard !deployments.isEmpty else { return .noData(id, team: team) }
        let failed = deployments.filter(\.failed).count
        return MetricValue(metric: id, team: team, estimate: Double(failed) / Double(deployments.count),
                           interval: WilsonInterval.interval(successes: Int64(failed), trials: Int64(deployments.count)).map(ValueInterval.init),
                           people: deployments.count, events: deployments.count)
    }

    /// Incidents linked to one of `deployments` per 100 deployments (Wilson interval on the share, × 100).
    public static func defectEscape(_ deployments: [DeploymentFacts], incidents: [IncidentFacts], team: String?) -> MetricValue {
        let id = MetricRegistry.defectEscape.id
        guard !deployments.isEmpty else { return .noData(id, team: team) }
        let ids = Set(deployments.map(\.id))
        let linked = min(deployments.count, incidents.filter { $0.causedBy.map(ids.contains) ?? false }.count)
        let interval = WilsonInterval.interval(successes: Int64(linked), trials: Int64(deployments.count))
        return MetricValue(metric: id, team: team, estimate: 100 * Double(linked) / Double(deployments.count),
                           interval: interval.map { ValueInterval(lower: 100 * $0.lower, upper: 100 * $0.upper) },
                           people: deployments.count, events: linked)
    }

    /// Kaplan–Meier median hours to resolve; unresolved incidents censored at `periodEnd`.
    public static func restoreTime(_ incidents: [IncidentFacts], team: String?, periodEnd: Int64) -> MetricValue {
        let id = MetricRegistry.restoreTime.id
        guard !incidents.isEmpty else { return .noData(id, team: team) }
        let observations = incidents.map { i in
            i.resolvedAt.map { KaplanMeier.Observation(time: Double(max(0, $0 - i.createdAt)) / 3600, event: true) }
                ?? KaplanMeier.Observation(time: Double(max(0, periodEnd - i.createdAt)) / 3600, event: false)
        }
        let m = KaplanMeier.median(observations)
        let interval = m.lower.flatMap { l in m.upper.map { ValueInterval(lower: l, upper: $0) } }
        var value = MetricValue(metric: id, team: team, estimate: m.median, interval: interval, people: incidents.count, events: incidents.count,
                                note: m.median == nil ? "fewer than half of the incidents were resolved" : nil)
        value.observations = observations
        return value
    }
}
