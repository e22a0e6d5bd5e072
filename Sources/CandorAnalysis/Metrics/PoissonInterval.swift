import Foundation

/// The exact (Garwood 1936) 95% interval for the mean of a Poisson count: the λ at which observing k
/// or more (lower) and k or fewer (upper) each has probability 2.5%. F. Garwood (1936), "Fiducial
/// limits for the Poisson distribution", Biometrika 28:437–442; the same limits as
/// χ²(0.025, 2k)/2 and χ²(0.975, 2k + 2)/2. Solved by bisection on the Poisson distribution function,
/// summed in log space, so it is exact to the bisection's tolerance without a χ² table. Pure.
public enum PoissonInterval {
    public static func interval(count k: Int64) -> ValueInterval {
        precondition(k >= 0)
        let lower = k == 0 ? 0 : solve { lambda in 1 - cdf(k - 1, lambda) - 0.025 }   // P(X ≥ k; λ) = 0.025, increasing in λ
        let upper = solve { lambda in 0.025 - cdf(k, lambda) }                          // P(X ≤ k; λ) = 0.025, decreasing in λ
        return ValueInterval(lower: lower, upper: upper)
    }

    /// P(X ≤ k) for X ~ Poisson(λ).
    static func cdf(_ k: Int64, _ lambda: Double) -> Double {
        guard k >= 0 else { return 0 }
        if lambda == 0 { return 1 }
        var logTerm = -lambda, sum = exp(logTerm)
        var i: Int64 = 1
        while i <= k {
            logTerm += log(lambda) - log(Double(i))
            sum += exp(logTerm)
            i += 1
        }
        return min(1, sum)
    }

    /// The root of an increasing `f` on [0, ∞), to a relative tolerance of 1e-12.
    static func solve(_ f: (Double) -> Double) -> Double {
        var lo = 0.0, hi = 1.0
        while f(hi) < 0 { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if f(mid) < 0 { lo = mid } else { hi = mid }
            if hi - lo <= 1e-12 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }
}
