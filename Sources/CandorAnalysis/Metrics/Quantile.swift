import CandorVocabulary
import CandorPolicy

/// Sample quantiles.
///
/// R. J. Hyndman and Y. Fan (1996), "Sample quantiles in statistical packages", The American
/// Statistician 50(4):361–365, definition 7 (R's and NumPy's default): with the sorted sample
/// x₍₁₎ ≤ … ≤ x₍ₙ₎, h = (n − 1)·p + 1 and Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎).
public enum Quantile {
    /// Q(p) of an already sorted sample; nil when it is empty.
    public static func sorted(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let h = Double(values.count - 1) * min(1, max(0, p))
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        return values[lower] + (h - Double(lower)) * (values[upper] - values[lower])
    }

    /// Q(p) of a sample in any order.
    public static func of(_ values: [Double], _ p: Double) -> Double? { sorted(values.sorted(), p) }

    /// The median (Q(0.5)).
    public static func median(_ values: [Double]) -> Double? { of(values, 0.5) }

    /// A distribution-free 95% interval for the median of an already sorted sample: the order
    /// statistics x₍ⱼ₎ and x₍ₖ₎ with j = ⌊(n − z√n)/2⌋ and k = ⌈1 + (n + z√n)/2⌉ (1-based), the
    /// normal approximation to the binomial(n, ½) ranks (W. J. Conover (1999), Practical
    /// Nonparametric Statistics, 3rd ed., §3.2; for n = 100 it gives x₍₄₀₎ and x₍₆₁₎). Nil below 6
    /// values, where no pair of ranks covers the median with 95% confidence.
    public static func medianInterval(sorted values: [Double], z: Double = WilsonInterval.z95) -> ProportionInterval? {
        let n = Double(values.count)
        guard values.count >= 6 else { return nil }
        let j = max(1, Int(((n - z * n.squareRoot()) / 2).rounded(.down)))
        let k = min(values.count, Int((1 + (n + z * n.squareRoot()) / 2).rounded(.up)))
        return ProportionInterval(lower: values[j - 1], upper: values[k - 1])
    }
}
