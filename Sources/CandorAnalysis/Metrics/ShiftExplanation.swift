import CandorVocabulary
import CandorPolicy

/// A significant shift in a team's weekly series, and what (if anything) explains it.
public struct Shift: Sendable, Equatable {
    public var metric: MetricID
    /// nil for the organisation.
    public var team: String?
    /// The first week after the change.
    public var week: Day
    public var before: Double
    public var after: Double
    public var pValue: Double
    /// The change within ±7 days that affects the metric, if any.
    public var explanation: ProgrammeChange?

    /// The test's key in a period's family (``TestFamily``).
    public var familyKey: String { "shift|\(metric.rawValue)|\(TestFamily.scope(team))" }
}

/// Finds shifts in weekly series and matches them to changes. Pure.
public enum ShiftExplanation {
    /// A change explains a shift within this many days of it.
    public static let window = 7

    /// The most likely shift in one weekly series (weeks ascending), with its p-value and explanation,
    /// significant or not: whether it is reported is the period's decision over all its tests.
    public static func shift(metric: MetricID, team: String?, weeks: [Day], values: [Double], changes: [ProgrammeChange], seed: UInt64) -> Shift? {
        guard weeks.count == values.count, let result = ChangePoint.test(values, seed: seed),
              result.index + 1 < weeks.count else { return nil }
        let week = weeks[result.index + 1]
        let explanation = changes.filter { $0.metrics.contains(metric.rawValue) && abs($0.day.dayNumber - week.dayNumber) <= window }
            .min { abs($0.day.dayNumber - week.dayNumber) < abs($1.day.dayNumber - week.dayNumber) }
        return Shift(metric: metric, team: team, week: week, before: result.meanBefore, after: result.meanAfter, pValue: result.pValue,
                     explanation: explanation)
    }
}
