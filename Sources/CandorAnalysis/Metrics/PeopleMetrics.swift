import CandorVocabulary
import CandorPolicy

/// `experience.satisfaction` and the trust metrics: counts about people, never who. Pure.
public enum PeopleMetrics {
    /// Favourable answers ÷ answers, with the ratio-estimator interval over respondents (each person's
    /// answers one cluster: they are not independent; Cochran 1977, §6.3–6.4); the note gives the
    /// response rate (responses ÷ team size).
    /// Each mapped item is a part of its own (`items`: per item id, the respondents who answered it and
    /// how many favourably): one answer per respondent, so its interval is Wilson's over respondents.
    /// The items can ask about unlike things (friction, trust in AI): the pooled value is read beside them.
    /// The scorecard gives items for the organisation only (``ScorecardDisclosure/uniformAnswers``).
    public static func satisfaction(favourable: Int, answers: Int, responses: Int, teamSize: Int, team: String?, respondents: ClusterSums,
                                    items: [String: (answers: Int, favourable: Int)] = [:]) -> MetricValue {
        let id = MetricRegistry.satisfaction.id
        guard answers > 0 else { return .noData(id, team: team) }
        let rate = teamSize > 0 ? Format.percent(min(1, Double(responses) / Double(teamSize)), decimals: 0) : "unknown"
        // Answers are anonymous: people the programme does not count (who objected, or whom the directory
        // does not place) may answer, so responses can exceed the people counted.
        let of = responses <= teamSize ? "\(responses) of \(teamSize)" : "\(responses) responses from a team of \(teamSize) counted; answers are anonymous"
        var value = MetricValue(metric: id, team: team, estimate: Double(favourable) / Double(answers),
                                interval: RatioInterval.interval(respondents).map(ValueInterval.init),
                                people: responses, events: answers, note: "response rate \(rate) (\(of))")
        for (item, count) in items where count.answers > 0 {
            let yes = min(count.favourable, count.answers)
            value.parts[.item(item)] = MetricValue(metric: id, team: team, estimate: Double(yes) / Double(count.answers),
                                                   interval: WilsonInterval.interval(successes: Int64(yes), trials: Int64(count.answers)).map(ValueInterval.init),
                                                   people: count.answers, events: count.answers)
        }
        return value
    }

    /// People opted in ÷ people in scope (Wilson), for `metric` (opt-in rate or self-view uptake).
    public static func share(_ metric: MetricID, count: Int, of people: Int, team: String?) -> MetricValue {
        guard people > 0 else { return .noData(metric, team: team) }
        var value = MetricValue(metric: metric, team: team, estimate: Double(min(count, people)) / Double(people),
                                interval: WilsonInterval.interval(successes: Int64(min(count, people)), trials: Int64(people)).map(ValueInterval.init),
                                people: people, events: count)
        value.contributors = count   // the people opted in: the count the share publishes
        return value
    }

    /// Disputes filed per 100 people; the note gives the Kaplan–Meier median days to resolve (open ones censored at `to`).
    public static func disputes(filed: [(filed: Day, resolved: Day?)], people: Int, to: Day, team: String?) -> MetricValue {
        let id = MetricRegistry.disputeRate.id
        guard people > 0 else { return .noData(id, team: team) }
        let m = KaplanMeier.median(filed.map { d in
            d.resolved.map { .init(time: Double($0.dayNumber - d.filed.dayNumber), event: true) }
                ?? .init(time: Double(to.dayNumber - d.filed.dayNumber), event: false)
        })
        let resolution = filed.isEmpty ? "no disputes" : m.median.map { "median \(Format.fixed($0, decimals: 0)) days to resolve" } ?? "most still open"
        let interval = WilsonInterval.interval(successes: Int64(min(filed.count, people)), trials: Int64(people))
        return MetricValue(metric: id, team: team, estimate: 100 * Double(filed.count) / Double(people),
                           interval: interval.map { ValueInterval(lower: 100 * $0.lower, upper: 100 * $0.upper) },
                           people: people, events: filed.count, note: resolution)
    }
}
