import CandorPolicy
import CandorVocabulary
import Foundation

/// `flow.review_pickup`, `flow.cycle_time`, `flow.review_depth` for one group of pull requests. Pure.
public enum FlowMetrics {
    /// Approvals this soon after opening count as given without reading (5 minutes).
    public static let quickApprovalSeconds: Int64 = PullRequestFacts.quickApprovalSeconds

    static func people(_ prs: [PullRequestFacts]) -> Int { Set(prs.map(\.author)).count }

    /// Distinct authors of the pull requests `include` keeps, without copying them.
    static func people(_ prs: [PullRequestFacts], where include: (PullRequestFacts) -> Bool) -> Int {
        var authors = Set<String>()
        for pr in prs where include(pr) { authors.insert(pr.author) }
        return authors.count
    }

    /// Median hours to the first non-author review; never-reviewed pull requests are censored at
    /// their close or at `periodEnd` (Kaplan–Meier, Brookmeyer–Crowley interval).
    public static func reviewPickup(_ prs: [PullRequestFacts], team: String?, periodEnd: Int64) -> MetricValue {
        let eligible = prs.filter { !$0.draft && !$0.authorIsBot }
        guard !eligible.isEmpty else { return .noData(MetricRegistry.reviewPickup.id, team: team) }
        let observations = eligible.map { pr -> KaplanMeier.Observation in
            if let review = pr.firstReviewAt { return .init(time: Double(max(0, review - pr.openedAt)) / 3600, event: true) }
            return .init(time: Double(max(0, (pr.closedAt ?? periodEnd) - pr.openedAt)) / 3600, event: false)
        }
        let m = KaplanMeier.median(observations)
        let interval = m.lower.flatMap { l in m.upper.map { ValueInterval(lower: l, upper: $0) } }
        var value = MetricValue(metric: MetricRegistry.reviewPickup.id, team: team, estimate: m.median, interval: interval,
                                people: people(eligible), events: eligible.count,
                                note: m.median == nil ? "fewer than half of the pull requests were reviewed" : (interval == nil ? "the interval has no upper limit yet" : nil))
        value.observations = observations
        return value
    }

    /// Median hours from opening to merge of merged pull requests, with a seeded bootstrap interval.
    public static func cycleTime(_ prs: [PullRequestFacts], team: String?, seed: UInt64) -> MetricValue {
        var hours: [Double] = []
        for pr in prs where !pr.authorIsBot { if let merged = pr.mergedAt { hours.append(Double(max(0, merged - pr.openedAt)) / 3600) } }
        guard !hours.isEmpty else { return .noData(MetricRegistry.cycleTime.id, team: team) }
        var value = MetricValue(metric: MetricRegistry.cycleTime.id, team: team, estimate: Quantile.median(hours),
                                interval: Bootstrap.median(hours, seed: seed), people: people(prs) { !$0.authorIsBot && $0.mergedAt != nil },
                                events: hours.count)
        value.observations = hours.map { KaplanMeier.Observation(time: $0, event: true) }
        return value
    }

    /// Share of approvals on pull requests without review comments (the estimate), and share given
    /// within five minutes of opening (in `quickShare`), each over approvals with a Wilson interval.
    public static func reviewDepth(_ prs: [PullRequestFacts], team: String?) -> (withoutComments: MetricValue, quickShare: MetricValue) {
        // One pass, no copies: a report holds every pull request of the period.
        var approvals = 0, silent = 0, quick = 0, all = 0
        for pr in prs where !pr.authorIsBot {
            all += pr.approvalCount
            quick += pr.quickApprovals
            if let comments = pr.reviewComments {
                approvals += pr.approvalCount
                if comments == 0 { silent += pr.approvalCount }
            }
        }
        let id = MetricRegistry.reviewDepth.id
        guard approvals > 0 else { return (.noData(id, team: team), .noData(id, team: team)) }
        let counted = people(prs) { !$0.authorIsBot && $0.reviewComments != nil }
        func value(_ k: Int, _ n: Int, _ note: String) -> MetricValue {
            MetricValue(metric: id, team: team, estimate: Double(k) / Double(n),
                        interval: WilsonInterval.interval(successes: Int64(k), trials: Int64(n)).map(ValueInterval.init),
                        people: counted, events: n, note: note)
        }
        return (value(silent, approvals, "approvals on pull requests with no review comments"),
                value(quick, all, "approvals within 5 minutes of opening"))
    }
}
