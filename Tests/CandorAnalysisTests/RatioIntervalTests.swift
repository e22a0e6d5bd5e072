@testable import CandorVocabulary
@testable import CandorAnalysis
import Testing

@Suite("Ratio interval from cluster sums (Cochran 1977, eq. 6.13)")
struct RatioIntervalTests {
    /// Clusters (y, x): accepted and shown per person-week.
    static let clusters: [(Double, Double)] = [(2, 10), (5, 10), (1, 4), (6, 20), (0, 6)]

    @Test("matches the variance computed cluster by cluster")
    func knownAnswer() throws {
        let y = Self.clusters.reduce(0) { $0 + $1.0 }, x = Self.clusters.reduce(0) { $0 + $1.1 }
        let r = y / x  // 14 / 50 = 0.28
        // Σ(yᵢ − r xᵢ)² by hand: (2−2.8)² + (5−2.8)² + (1−1.12)² + (6−5.6)² + (0−1.68)² = 0.64 + 4.84 + 0.0144 + 0.16 + 2.8224 = 8.4768
        let residual = Self.clusters.reduce(0) { $0 + ($1.0 - r * $1.1) * ($1.0 - r * $1.1) }
        #expect(abs(residual - 8.4768) < 1e-9)
        let variance = 5.0 / 4.0 * 8.4768 / (50 * 50)  // 0.0042384
        let half = WilsonInterval.z95 * variance.squareRoot()  // ≈ 0.127601
        let sums = ClusterSums(n: 5, y: 14, x: 50, yy: Self.clusters.reduce(0) { $0 + $1.0 * $1.0 },
                               xx: Self.clusters.reduce(0) { $0 + $1.1 * $1.1 }, xy: Self.clusters.reduce(0) { $0 + $1.0 * $1.1 })
        let interval = try #require(RatioInterval.interval(sums))
        #expect(abs(interval.lower - (0.28 - half)) < 1e-12 && abs(interval.upper - (0.28 + half)) < 1e-12)
        #expect(abs(half - 0.127601) < 1e-5)
    }

    @Test("without Σxy the interval is wider, never narrower; sums add; too few clusters give none")
    func conservativeAndEdges() throws {
        let full = ClusterSums(n: 5, y: 14, x: 50, yy: 66, xx: 652, xy: 194)
        var unknown = full
        unknown.xy = nil
        let a = try #require(RatioInterval.interval(full)), b = try #require(RatioInterval.interval(unknown))
        #expect(b.lower <= a.lower && b.upper >= a.upper)
        #expect(full + full == ClusterSums(n: 10, y: 28, x: 100, yy: 132, xx: 1304, xy: 388))
        #expect((full + unknown).xy == nil)
        #expect(RatioInterval.interval(ClusterSums(n: 1, y: 1, x: 2, yy: 1, xx: 4, xy: 2)) == nil)
        #expect(RatioInterval.interval(ClusterSums(n: 3, y: 0, x: 0, yy: 0, xx: 0, xy: 0)) == nil)
    }
}
