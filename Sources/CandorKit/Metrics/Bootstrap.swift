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
    public static func median(_ values: [Double], resamples: Int = minimumResamples, seed: UInt64) -> ValueInterval? {
        guard values.count >= 2 else { return nil }
        var generator = SeededGenerator(seed: seed)
        let n = values.count
        var medians: [Double] = []
        medians.reserveCapacity(max(resamples, minimumResamples))
        var sample = [Double](repeating: 0, count: n)
        for _ in 0..<max(resamples, minimumResamples) {
            for i in 0..<n { sample[i] = values[Int(generator.next() % UInt64(n))] }
            medians.append(Quantile.median(sample)!)
        }
        medians.sort()
        return ValueInterval(lower: Quantile.sorted(medians, 0.025)!, upper: Quantile.sorted(medians, 0.975)!)
    }
}
