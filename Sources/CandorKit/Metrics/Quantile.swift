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
}
