import CandorVocabulary

/// One person's own figures for their self-view (issue 20, item 9): the team metrics' measures over
/// that person's records alone, each with an interval valid for one person. Pure.
///
/// A team's intervals treat people as the independent units; one person is a single unit, so their
/// own intervals treat what repeats within them instead: week parts for the assistants' ratios (a
/// day's suggestions are not independent of each other, a week's largely are of the next week's;
/// Cochran 1977, §6.3–6.4, with weeks as the clusters), pull requests for the flow medians (as the
/// team figures do), approvals for review depth and accepted suggestions for persistence (Wilson).
/// `people` is 1 and the label comes from the interval's width, as elsewhere.
public enum PersonalMetrics {
    /// Σ accepted ÷ Σ shown over the person's week parts, ratio-estimator interval with parts as clusters.
    public static func acceptanceRate(_ parts: [PersonPart]) -> MetricValue {
        let id = MetricRegistry.acceptanceRate.id
        let used = parts.filter { $0.shown > 0 }
        let shown = used.reduce(0) { $0 + $1.shown }, accepted = used.reduce(0) { $0 + $1.accepted }
        guard shown > 0 else { return .noData(id, team: nil) }
        let sums = ClusterSums.of(used.map { (y: $0.accepted, x: $0.shown) })
        return MetricValue(metric: id, team: nil, estimate: Double(accepted) / Double(shown),
                           interval: RatioInterval.interval(sums).map(ValueInterval.init), people: 1, events: Int(shown),
                           note: sums.n < 2 ? "one week of use: no interval" : "weeks as the units: \(sums.n) weeks")
    }

    /// Σ accepted lines ÷ Σ days whose rows count lines, with a seeded bootstrap over week parts.
    public static func acceptedLinesPerActiveDay(_ parts: [PersonPart], seed: UInt64) -> MetricValue {
        let id = MetricRegistry.acceptedLines.id
        let used = parts.filter { $0.countingDays > 0 }
        let days = used.reduce(0) { $0 + $1.countingDays }
        guard days > 0 else { return .noData(id, team: nil) }
        let lines = used.reduce(0) { $0 + $1.lines }
        return MetricValue(metric: id, team: nil, estimate: Double(lines) / Double(days),
                           interval: Bootstrap.ratioOfSums(used.map { (y: Double($0.lines), x: Double($0.countingDays)) }, seed: seed),
                           people: 1, events: days, note: "weeks as the units: \(used.count) weeks")
    }

    /// Kept ÷ accepted over the person's accepted suggestions, Wilson interval (suggestions as trials).
    public static func persistence(_ outcomes: [SuggestionOutcome]) -> MetricValue {
        let id = MetricRegistry.persistence.id
        let accepted = outcomes.reduce(0) { $0 + $1.accepted }
        guard accepted > 0 else { return .noData(id, team: nil) }
        let kept = outcomes.reduce(0) { $0 + $1.accepted - min($1.accepted, $1.undone) }
        return MetricValue(metric: id, team: nil, estimate: Double(kept) / Double(accepted),
                           interval: WilsonInterval.interval(successes: Int64(kept), trials: Int64(accepted)).map(ValueInterval.init),
                           people: 1, events: accepted, note: "accepted suggestions as the units")
    }

    /// The flow metrics over the pull requests the person opened (as the team figures measure them).
    public static func flow(_ prs: [PullRequestFacts], periodEnd: Int64, seed: UInt64) -> [MetricValue] {
        [FlowMetrics.reviewPickup(prs, team: nil, periodEnd: periodEnd),
         FlowMetrics.cycleTime(prs, team: nil, seed: seed),
         FlowMetrics.reviewDepth(prs, team: nil).withoutComments]
    }
}
