import CandorPolicy
import CandorVocabulary
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tests behind the gaming signals. Pure; every one has known-answer tests (`SignalStatisticsTests`).
public enum SignalStatistics {
    /// P(Z ≥ z) for a standard normal Z, through the complementary error function
    /// (Abramowitz & Stegun 1964, 7.1.2 and 26.2.29: Q(z) = ½ erfc(z/√2)).
    public static func normalUpperTail(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// The difference between two independent estimates, judged from their 95% intervals: each
    /// standard error is the interval's width ÷ (2 × 1.96), z = (after − before) ÷ √(se₁² + se₂²), and
    /// the two-sided p-value is 2·Q(|z|) (D. G. Altman and J. M. Bland (2003), "Interaction revisited: the
    /// difference between two estimates", BMJ 326:219). More powerful than asking whether the intervals
    /// overlap, which tests at about p < 0.006 (Schenker & Gentleman 2001). Nil without an interval
    /// or when both intervals have zero width.
    public static func difference(before: Double, _ beforeInterval: ValueInterval, after: Double, _ afterInterval: ValueInterval)
        -> (z: Double, p: Double)? {
        let se1 = (beforeInterval.upper - beforeInterval.lower) / (2 * 1.959_964), se2 = (afterInterval.upper - afterInterval.lower) / (2 * 1.959_964)
        let se = (se1 * se1 + se2 * se2).squareRoot()
        guard se > 0, se.isFinite else { return nil }
        let z = (after - before) / se
        return (z, min(1, 2 * normalUpperTail(abs(z))))
    }

    /// log C(n, k).
    static func logChoose(_ n: Int, _ k: Int) -> Double { lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) }

    /// P(X ≥ k) for X ~ Binomial(n, p), summed exactly in log space.
    public static func binomialUpperTail(_ k: Int, n: Int, p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        var total = 0.0
        for i in k...n { total += exp(logChoose(n, i) + Double(i) * log(p) + Double(n - i) * log1p(-p)) }
        return min(1, total)
    }

    /// One-sided Fisher exact test that the second proportion `x2 / n2` is larger than the first
    /// `x1 / n1`: P(X ≥ x2) under the hypergeometric distribution of the 2×2 table with fixed margins
    /// (R. A. Fisher (1935), The Design of Experiments, §2; R's `fisher.test(alternative = "greater")`
    /// on the table [[x2, n2−x2], [x1, n1−x1]]).
    public static func fisherGreater(x1: Int, n1: Int, x2: Int, n2: Int) -> Double {
        let successes = x1 + x2, total = n1 + n2
        guard n1 > 0, n2 > 0, successes > 0 else { return 1 }
        let upper = min(n2, successes)
        guard x2 <= upper else { return 0 }
        var p = 0.0
        for x in x2...upper where successes - x <= n1 {
            p += exp(logChoose(n2, x) + logChoose(n1, successes - x) - logChoose(total, successes))
        }
        return min(1, p)
    }

    /// Threshold bunching: values piling up in the bin just past a target. With bins of `width`
    /// around `threshold` — `below` = [t − w, t), `past` = [t, t + w), `beyond` = [t + w, t + 2w)
    /// (mirrored when `pastIsAbove` is false) — a density that is locally linear puts one third of the
    /// three bins' values in the middle one, so `past` ~ Binomial(total, ⅓) without bunching; the p-value
    /// is P(X ≥ past). The excess is past ÷ the neighbours' mean. This is the counting idea behind
    /// bunching estimators (E. Saez (2010), "Do taxpayers bunch at kink points?", AEJ: Economic Policy
    /// 2(3):180–212) and the density-discontinuity test of J. McCrary (2008), J. Econometrics 142:698–714,
    /// reduced to three bins so it can run on one team's values.
    public struct Bunching: Sendable, Equatable {
        public var below: Int
        public var past: Int
        public var beyond: Int
        public var p: Double
        /// `past` ÷ the mean of the two neighbouring bins (∞ when both are empty).
        public var excess: Double
    }

    public static func bunching(_ values: [Double], threshold t: Double, width w: Double, pastIsAbove: Bool = true) -> Bunching {
        var below = 0, past = 0, beyond = 0
        // Values exactly on a bin edge belong to the bin that starts there; a tiny tolerance keeps
        // 0.3 (stored as 0.29999…) on the target's side.
        let epsilon = 1e-9
        for value in values {
            let d = pastIsAbove ? value - t : t - value
            if d >= -w - epsilon && d < -epsilon { below += 1 } else if d >= -epsilon && d < w - epsilon { past += 1 } else if d >= w - epsilon && d < 2 * w - epsilon { beyond += 1 }
        }
        let neighbours = Double(below + beyond) / 2
        return Bunching(below: below, past: past, beyond: beyond, p: binomialUpperTail(past, n: below + past + beyond, p: 1.0 / 3.0),
                        excess: neighbours > 0 ? Double(past) / neighbours : .infinity)
    }

    /// A surge in a count over the `window` days before a date, against the rest of the period: under
    /// a constant rate the window's share of all events is the window's share of the days; the events'
    /// overdispersion φ (variance ÷ mean of the baseline's whole weeks, at least 1) widens the
    /// variance, as in quasi-Poisson models (R. W. M. Wedderburn (1974), Biometrika 61:439–447;
    /// McCullagh & Nelder (1989), Generalized Linear Models, §4.5.2). z = (W − E) ÷ √(φ·E·(1 − f)) with
    /// E = (W + B)·f, f = window days ÷ all days; one-sided p = Q(z).
    public struct Burst: Sendable, Equatable {
        public var windowEvents: Int
        public var windowDays: Int
        public var baselineEvents: Int
        public var baselineDays: Int
        public var ratio: Double
        public var dispersion: Double
        public var p: Double
    }

    public static func burst(window: [Int], baseline: [Int]) -> Burst? {
        guard !window.isEmpty, baseline.count >= 14 else { return nil }
        let w = window.reduce(0, +), b = baseline.reduce(0, +)
        let weeks = stride(from: 0, to: baseline.count - baseline.count % 7, by: 7).map { Double(baseline[$0..<$0 + 7].reduce(0, +)) }
        let mean = weeks.reduce(0, +) / Double(weeks.count)
        let variance = weeks.count > 1 ? weeks.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(weeks.count - 1) : mean
        let dispersion = mean > 0 ? max(1, variance / mean) : 1
        let f = Double(window.count) / Double(window.count + baseline.count)
        let expected = Double(w + b) * f
        let ratio = b > 0 ? (Double(w) / Double(window.count)) / (Double(b) / Double(baseline.count)) : (w > 0 ? .infinity : 1)
        let p = expected > 0 ? normalUpperTail((Double(w) - expected) / (dispersion * expected * (1 - f)).squareRoot()) : 1
        return Burst(windowEvents: w, windowDays: window.count, baselineEvents: b, baselineDays: baseline.count, ratio: ratio, dispersion: dispersion, p: p)
    }
}
