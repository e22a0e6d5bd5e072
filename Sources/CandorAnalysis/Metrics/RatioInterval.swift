import CandorVocabulary
import CandorPolicy

/// A 95% interval for a ratio of sums r = Σy / Σx over clusters, by Taylor linearisation.
///
/// W. G. Cochran (1977), *Sampling Techniques*, 3rd ed., §6.3–6.4, eq. 6.13 with no finite-population
/// correction: v(r) = n / (n − 1) · Σ(yᵢ − r·xᵢ)² / (Σx)², where Σ(yᵢ − r·xᵢ)² = Σy² − 2r·Σxy + r²·Σx².
/// Clusters (people, or person-weeks) rather than single events are the units, so the interval is
/// honest about events clustering by person. Clipped to [0, 1] for proportions.
public enum RatioInterval {
    public static func interval(_ s: ClusterSums, z: Double = WilsonInterval.z95) -> ProportionInterval? {
        guard s.n >= 2, s.x > 0 else { return nil }
        let r = Double(s.y) / Double(s.x)
        let xy = s.xy ?? 0
        let residual = max(0, s.yy - 2 * r * xy + r * r * s.xx)
        let variance = Double(s.n) / Double(s.n - 1) * residual / (Double(s.x) * Double(s.x))
        let half = z * variance.squareRoot()
        return ProportionInterval(lower: max(0, r - half), upper: min(1, r + half))
    }
}
