import CandorVocabulary

/// Which teams' figures the previous period published (read from its figures file): a team shown then
/// and hidden now loses its quarter-on-quarter comparison too, which ``MinimumLossSuppression`` counts
/// as loss. What was published, not what candor would decide today, is what readers hold.
public struct PreviousPublication: Sendable, Equatable {
    /// Teams the previous period's acceptance table showed.
    public var acceptance: Set<String>
    /// Per metric, the teams whose whole figure the previous period's scorecard showed.
    public var metrics: [MetricID: Set<String>]
    /// Where it was read from (the disclosure summary names it); nil when nothing was read.
    public var source: String?

    public init(acceptance: Set<String>, metrics: [MetricID: Set<String>], source: String?) {
        self.acceptance = acceptance
        self.metrics = metrics
        self.source = source
    }

    /// No previous period published (or none could be read): no comparison to lose.
    public static let none = PreviousPublication(acceptance: [], metrics: [:], source: nil)
}
