import Foundation

/// Which tier a period's figures come from.
public enum PeriodSource: String, Sendable, Equatable {
    /// Person-day rows (the raw tier) for the whole period.
    case raw
    /// Raw rows for part of the period are purged: person × week rows (the enriched tier).
    case enriched
    /// Person-weeks are purged too: team × week sums (the aggregate tier).
    case aggregate
}

/// A team's sums over the aggregate tier's weeks in a period.
public struct TeamWeekSums: Sendable, Equatable {
    /// The team; nil for people the directory placed in no team.
    public var team: String?
    public var weeks: Int
    /// The largest number of contributors in any one week: a lower bound on the people behind the sums.
    public var largestWeeklyContributors: Int
    /// Person-weeks, accepted and shown, with the squares and cross products.
    public var sums: ClusterSums
    /// Σ over weeks of the largest person-week `shown`: an upper bound on one person's part of `shown`.
    public var largestShownSum: Int64
    /// Per week: contributors (for the organisation's lower bound across teams).
    public var contributorsByWeek: [String: Int]

    public init(team: String? = nil, weeks: Int, largestWeeklyContributors: Int, sums: ClusterSums, largestShownSum: Int64, contributorsByWeek: [String: Int]) {
        self.team = team
        self.weeks = weeks
        self.largestWeeklyContributors = largestWeeklyContributors
        self.sums = sums
        self.largestShownSum = largestShownSum
        self.contributorsByWeek = contributorsByWeek
    }
}
