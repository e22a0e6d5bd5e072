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

    /// The sums over `clusters`, added in the order given (callers sort them, so the same clusters give
    /// the same sums to the last bit wherever they are computed).
    public static func of(_ clusters: [(y: Int64, x: Int64)]) -> ClusterSums {
        var s = ClusterSums(n: 0, y: 0, x: 0, yy: 0, xx: 0, xy: 0)
        for c in clusters {
            let y = Double(c.y), x = Double(c.x)
            s.n += 1; s.y += c.y; s.x += c.x; s.yy += y * y; s.xx += x * x; s.xy = (s.xy ?? 0) + x * y
        }
        return s
    }

    public static func + (a: ClusterSums, b: ClusterSums) -> ClusterSums {
        ClusterSums(n: a.n + b.n, y: a.y + b.y, x: a.x + b.x, yy: a.yy + b.yy, xx: a.xx + b.xx,
                    xy: a.xy.flatMap { l in b.xy.map { l + $0 } })
    }
}
