import CandorVocabulary
import CandorPolicy

/// A registry entry: what a metric is, how it is computed, and what it must never be used for.
///
/// Every number candor prints comes from one of these, and every report section that shows
/// a metric prints its methodology and caveats beside it.
public struct MetricDefinition: Sendable, Equatable {
    public enum Dimension: String, Sendable { case adoption, quality, flow, outcome, experience, trust }
    public enum Kind: String, Sendable { case leading, outcome }
    /// What a value is measured in; decides its formatting and which interval applies.
    public enum Unit: String, Sendable { case proportion, hours, days, perThousandLines = "per 1,000 lines", count, linesPerDay = "lines per active day", perHundredDeployments = "per 100 deployments", perHundredPeople = "per 100 people" }

    public var id: MetricID
    public var name: String
    public var dimension: Dimension
    public var kind: Kind
    /// The decision this metric helps a team make.
    public var decision: String
    public var definition: String
    public var formula: String
    public var methodology: String
    public var caveats: [String]
    /// Uses this metric must never serve.
    public var neverUsedFor: [String]
    /// The programme whose consent rules govern the data behind it.
    public var programme: String
    public var unit: Unit = .proportion
    /// The metric it must be read beside: a leading metric's outcome, an outcome's leading metric.
    public var pairedWith: MetricID = ""
    /// The sources it is computed from (policy `sources:` names).
    public var sources: [SourceFamily] = []
    /// How its 95% interval is computed, in one line.
    public var interval: String = ""
    /// What a value's n counts (the figures files' `n` column).
    public var n: String = ""
    /// The definition's version: raised whenever what the value means or how it is computed changes,
    /// so published figures files say which definition each value was computed under (errata compare them).
    public var version: Int = 1
}

extension MetricDefinition.Unit {
    /// A value in this unit, as reports print it: `31.4%`, `12.5 h`, `1,204`.
    public func format(_ value: Double) -> String {
        switch self {
        case .proportion: Format.percent(value)
        case .hours: Format.fixed(value, decimals: 1) + " h"
        case .days: Format.fixed(value, decimals: 1) + " d"
        case .perThousandLines: Format.fixed(value, decimals: 2)
        case .count: Format.count(Int(value.rounded()))
        case .linesPerDay, .perHundredDeployments, .perHundredPeople: Format.fixed(value, decimals: 1)
        }
    }
}
