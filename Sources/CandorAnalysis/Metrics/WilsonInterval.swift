import CandorPolicy
import CandorVocabulary
import Foundation

/// A two-sided confidence interval for a proportion.
public struct ProportionInterval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
}

/// The Wilson score interval for a binomial proportion.
///
/// E. B. Wilson (1927), "Probable inference, the law of succession, and statistical inference",
/// JASA 22:209–212; in the form of R. G. Newcombe (1998), "Two-sided confidence intervals for the
/// single proportion: comparison of seven methods", Statistics in Medicine 17:857–872, method 3:
///
///     (2np + z² ± z·√(z² + 4np(1−p))) / (2(n + z²))
///
/// Unlike the Wald interval it stays inside [0, 1] and behaves at 0 and n successes.
/// It assumes independent trials; events that cluster by person make it too narrow, which the
/// methodology text of every metric that uses it says.
public enum WilsonInterval {
    /// z for a two-sided 95% interval: Φ⁻¹(0.975).
    public static let z95 = 1.959963984540054

    /// The interval for `successes` out of `trials`, or nil when there are no trials.
    public static func interval(successes: Int64, trials: Int64, z: Double = z95) -> ProportionInterval? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = 2 * n * p + z2
        let spread = z * (z2 + 4 * n * p * (1 - p)).squareRoot()
        let denominator = 2 * (n + z2)
        let lower = successes == 0 ? 0 : (centre - spread) / denominator
        let upper = successes == trials ? 1 : (centre + spread) / denominator
        return ProportionInterval(lower: max(0, lower), upper: min(1, upper))
    }
}
