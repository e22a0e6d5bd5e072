import Foundation

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
