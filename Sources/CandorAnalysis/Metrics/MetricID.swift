import CandorVocabulary

/// A metric's registry id (`ai.acceptance_rate`, `flow.review_pickup`, …): what a value, a shift or a
/// signal is about. Its text is what reports, the policy-change log and the decision log write.
public struct MetricID: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (a: MetricID, b: MetricID) -> Bool { a.rawValue < b.rawValue }
}
