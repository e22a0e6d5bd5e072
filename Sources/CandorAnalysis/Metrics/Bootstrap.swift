import CandorVocabulary
import CandorPolicy

/// A confidence interval for a quantity that is not a simple proportion.
public struct ValueInterval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// Seeded bootstrap intervals (percentile method).
///
/// B. Efron and R. J. Tibshirani (1993), *An Introduction to the Bootstrap*, ch. 13 (percentile
/// intervals); for clustered data, A. C. Davison and D. V. Hinkley (1997), *Bootstrap Methods and
/// their Application*, §3.8: resample whole clusters (here: people), because events of one person
/// are not independent. Percentiles use ``Quantile`` (Hyndman–Fan type 7). The same seed gives the
/// same interval on every platform (``SeededGenerator``).
public enum Bootstrap {
    /// Fewest resamples candor draws: percentile limits at 2.5% and 97.5% are unstable below about 2,000.
    public static let minimumResamples = 2000

    /// A 95% interval for Σy ÷ Σx, resampling clusters (one (y, x) per person) with replacement.
    /// nil with fewer than two clusters or no denominator.
    public static func ratioOfSums(_ clusters: [(y: Double, x: Double)], resamples: Int = minimumResamples, seed: UInt64) -> ValueInterval? {
        guard clusters.count >= 2, clusters.reduce(0, { $0 + $1.x }) > 0 else { return nil }
        var generator = SeededGenerator(seed: seed)
        let n = clusters.count
        var estimates: [Double] = []
        estimates.reserveCapacity(max(resamples, minimumResamples))
        for _ in 0..<max(resamples, minimumResamples) {
            var y = 0.0, x = 0.0
            for _ in 0..<n {
                let c = clusters[Int(generator.next() % UInt64(n))]
                y += c.y
                x += c.x
            }
            // A resample with no denominator has no ratio; it is skipped, as Davison & Hinkley advise for undefined replicates.
            if x > 0 { estimates.append(y / x) }
        }
        estimates.sort()
        guard let lower = Quantile.sorted(estimates, 0.025), let upper = Quantile.sorted(estimates, 0.975) else { return nil }
        return ValueInterval(lower: lower, upper: upper)
    }

    /// A 95% interval for the median of `values`, resampling values with replacement. nil with fewer than two.
    ///
    /// Each resample is kept as counts over the sorted sample (a draw of value i adds one to its
    /// rank's count), and its median is read off the running counts — the same draws and the same
    /// multiset as sorting every resample, in linear instead of n log n time per resample.
    public static func median(_ values: [Double], resamples: Int = minimumResamples, seed: UInt64) -> ValueInterval? {
        guard values.count >= 2 else { return nil }
        var generator = SeededGenerator(seed: seed)
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        let sorted = order.map { values[$0] }
        var rank = [Int](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[i] = r }
        // Hyndman–Fan type 7 at p = ½ (Quantile.sorted): the order statistics at ⌊h⌋ and ⌊h⌋ + 1 (0-based), h = (n − 1)/2.
        let h = Double(n - 1) * 0.5
        let lowerPosition = Int(h.rounded(.down)), upperPosition = min(lowerPosition + 1, n - 1)
        var medians: [Double] = []
        medians.reserveCapacity(max(resamples, minimumResamples))
        var counts = [Int32](repeating: 0, count: n)
        for _ in 0..<max(resamples, minimumResamples) {
            for r in counts.indices { counts[r] = 0 }
            for _ in 0..<n { counts[rank[Int(generator.next() % UInt64(n))]] += 1 }
            var seen = 0, r = 0
            while seen + Int(counts[r]) <= lowerPosition { seen += Int(counts[r]); r += 1 }
            let low = sorted[r]
            var high = low
            if upperPosition > lowerPosition && seen + Int(counts[r]) <= upperPosition {
                seen += Int(counts[r]); r += 1
                while seen + Int(counts[r]) <= upperPosition { seen += Int(counts[r]); r += 1 }
                high = sorted[r]
            }
            medians.append(low + (h - Double(lowerPosition)) * (high - low))
        }
        medians.sort()
        return ValueInterval(lower: Quantile.sorted(medians, 0.025)!, upper: Quantile.sorted(medians, 0.975)!)
    }

    /// ``median(_:resamples:seed:)`` as first written, sorting every resample: kept for the tests
    /// that prove the counting version gives exactly the same intervals.
    static func medianBySorting(_ values: [Double], resamples: Int = minimumResamples, seed: UInt64) -> ValueInterval? {
        guard values.count >= 2 else { return nil }
        var generator = SeededGenerator(seed: seed)
        let n = values.count
        var medians: [Double] = []
        var sample = [Double](repeating: 0, count: n)
        for _ in 0..<max(resamples, minimumResamples) {
            for i in 0..<n { sample[i] = values[Int(generator.next() % UInt64(n))] }
            medians.append(Quantile.median(sample)!)
        }
        medians.sort()
        return ValueInterval(lower: Quantile.sorted(medians, 0.025)!, upper: Quantile.sorted(medians, 0.975)!)
    }
}
