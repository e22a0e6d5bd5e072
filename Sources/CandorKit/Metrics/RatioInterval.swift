/// Sums over clusters (e.g. person-weeks) that are enough to estimate a ratio and its variance
/// without the clusters themselves: what the aggregate tier keeps.
public struct ClusterSums: Sendable, Equatable {
    /// Number of clusters.
    public var n: Int
    /// Σy (numerator, e.g. accepted) and Σx (denominator, e.g. shown).
    public var y: Int64
    public var x: Int64
    /// Σy², Σx², and Σxy; `xy` nil when unknown (the interval then assumes the widest case, Σxy = 0).
    public var yy: Double
    public var xx: Double
    public var xy: Double?

    public init(n: Int, y: Int64, x: Int64, yy: Double, xx: Double, xy: Double?) {
        self.n = n; self.y = y; self.x = x; self.yy = yy; self.xx = xx; self.xy = xy
    }

    public static func + (a: ClusterSums, b: ClusterSums) -> ClusterSums {
        ClusterSums(n: a.n + b.n, y: a.y + b.y, x: a.x + b.x, yy: a.yy + b.yy, xx: a.xx + b.xx,
                    xy: a.xy.flatMap { l in b.xy.map { l + $0 } })
    }
}

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
