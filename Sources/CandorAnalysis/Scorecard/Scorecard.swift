import CandorPolicy
import CandorVocabulary
import Foundation

/// One week of a series: the week's Monday, the value and, where the metric has one, its 95% interval.
public struct WeeklyPoint: Sendable, Equatable {
    public var week: Day
    public var value: Double
    public var lower: Double?
    public var upper: Double?

    public init(week: Day, value: Double, interval: ProportionInterval? = nil) {
        self.week = week
        self.value = value
        self.lower = interval?.lower
        self.upper = interval?.upper
    }
}

/// Every registry metric for every team and the organisation in one period, after disclosure control.
public struct Scorecard: Sendable {
    /// Teams in display order (alphabetical), each with its department if any.
    public var teams: [String] { didSet { position = Self.positions(teams) } }
    /// Each team's place in `teams` (and so in every list of `values`), for ``value(_:team:)``.
    private var position: [String: Int]
    /// Values by metric id; each list holds the teams in `teams` order, then the organisation (team nil).
    public var values: [MetricID: [MetricValue]]
    /// Teams too small in the directory: hidden in every metric where they have a figure, with why.
    public var suppressed: [String: SuppressionReason]
    /// Every weekly series of a shown team or the organisation tested for a shift: its most likely
    /// change and p-value, significant or not (the period's family decides: ``TestFamily``).
    public var shiftTests: [Shift] = []
    /// The shifts the period's family calls significant (empty until it has decided).
    public var shifts: [Shift] = []
    /// Completeness: days in the period with any record, per source this reader can see, and the period's length.
    public var sourceDays: [SourceFamily: Int] = [:]
    /// The disputes about this period's figures: each placed one with its cell and what it did, and
    /// each that could not be placed with why (for the governance review).
    public var disputes: [String] = []
    /// Whether this audience read the security-outcome tier (counts and dates of security findings).
    public var securityOutcomesRead = false
    public var readable: Set<SourceFamily> = []
    public var periodDays = 0
    /// The organisation's weekly series, by metric (for the charts).
    public var weekly: [MetricID: [WeeklyPoint]] = [:]
    /// Each shown team's weekly series, by metric then team (for the team summaries' charts).
    public var teamWeekly: [MetricID: [String: [WeeklyPoint]]] = [:]

    public init(teams: [String], values: [MetricID: [MetricValue]], suppressed: [String: SuppressionReason]) {
        self.teams = teams
        self.values = values
        self.suppressed = suppressed
        position = Self.positions(teams)
    }

    static func positions(_ teams: [String]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, team) in teams.enumerated() where out[team] == nil { out[team] = i }
        return out
    }

    /// A metric's value for a team (nil: the organisation), in constant time where the list is in
    /// `teams` order (as the builder makes it); otherwise by looking through the list. Looking
    /// through every list for every team was quadratic in the number of teams.
    public func value(_ metric: MetricID, team: String?) -> MetricValue? {
        guard let list = values[metric] else { return nil }
        let i = team.map { position[$0] ?? -1 } ?? teams.count
        if i >= 0 && i < list.count && list[i].team == team { return list[i] }
        return list.first { $0.team == team }
    }

    package static func hidden(_ value: MetricValue, reason: SuppressionReason, k: Int) -> MetricValue {
        var hidden = MetricValue(metric: value.metric, team: value.team, estimate: nil, interval: nil, people: 0, events: 0, label: .suppressed)
        switch reason {
        case .fewerThanK: hidden.note = "fewer than \(k) people"
        // A cell hidden because everyone answered alike is marked like a complement: a mark of its own
        // would tell each member of the team that everyone else answered as they did.
        case .complementary, .uniform: hidden.note = "hidden so a smaller group's figures cannot be worked out"
        case .dominance: hidden.note = "one person contributed most of it"
        }
        return hidden
    }
}
