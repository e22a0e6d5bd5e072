import CandorPolicy
import CandorVocabulary
import Foundation

/// What the gaming-signal detectors found for one period, and what they could check.
public struct SignalReport: Sendable {
    public var period: Period
    public var previous: Period
    /// Sorted by team, then in the detectors' order.
    public var signals: [Signal]
    /// Teams the detectors looked at (shown in the report).
    public var checkedTeams: [String]
    /// Teams not looked at because disclosure control hides them (a count: their names are in the scorecard).
    public var hiddenTeams: Int
    /// Per detector id, a line saying what it checked or why it could not.
    public var coverage: [String: String]
    /// The previous period's scorecard, as its own report shows it (for "since last quarter").
    public var before: Scorecard? = nil
    /// Every test behind the period's outputs and its decision (false discovery rate control).
    public var family: TestFamily

    public init(period: Period, previous: Period, signals: [Signal], checkedTeams: [String], hiddenTeams: Int, coverage: [String: String], before: Scorecard? = nil,
                family: TestFamily) {
        self.period = period
        self.previous = previous
        self.signals = signals
        self.checkedTeams = checkedTeams
        self.hiddenTeams = hiddenTeams
        self.coverage = coverage
        self.before = before
        self.family = family
    }
}
