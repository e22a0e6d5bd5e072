import CandorVocabulary
import CandorPolicy

/// The label every value carries: how far a reader may lean on it.
///
/// A value is **suppressed** when disclosure control hides it. Otherwise the rule uses the number of
/// people behind it and its coefficient of variation, estimated from the 95% interval as
/// CV ≈ (upper − lower) / (2 · 1.96 · |estimate|), with the cut-offs statistical agencies publish for
/// survey estimates (Statistics Canada, *Labour Force Survey: guide*, "data quality": CV ≤ 16.5%
/// acceptable, 16.6–33.3% use with caution, above 33.3% too unreliable):
///
/// - **high**: at least 10 people and CV ≤ 16.5%;
/// - **medium**: at least 5 people and CV ≤ 33.3%;
/// - **low**: anything else, including a value without an interval or an estimate of 0 with a
///   non-zero interval (its relative uncertainty is unbounded).
public enum ConfidenceLabel: String, Sendable, Equatable, CaseIterable {
    case high, medium, low, suppressed

    public static let highPeople = 10, mediumPeople = 5
    public static let highCV = 0.165, mediumCV = 0.333

    /// The coefficient of variation implied by a 95% interval around `estimate`; nil when undefined.
    public static func coefficientOfVariation(estimate: Double, lower: Double, upper: Double) -> Double? {
        let width = upper - lower
        // A zero-width interval says the sample could not show its own variation (every resample or
        // every step gave the same value): no evidence of precision, so no coefficient of variation.
        guard width > 0 else { return nil }
        guard estimate != 0 else { return nil }
        return width / (2 * WilsonInterval.z95 * abs(estimate))
    }

    public static func label(people: Int, estimate: Double?, lower: Double?, upper: Double?, suppressed: Bool = false) -> ConfidenceLabel {
        if suppressed { return .suppressed }
        guard let estimate, let lower, let upper,
              let cv = coefficientOfVariation(estimate: estimate, lower: lower, upper: upper) else { return .low }
        if people >= highPeople && cv <= highCV { return .high }
        if people >= mediumPeople && cv <= mediumCV { return .medium }
        return .low
    }
}
