import CandorVocabulary
import CandorPolicy

/// Did a weekly series shift, and when?
///
/// A. N. Pettitt (1979), "A non-parametric approach to the change-point problem", Applied
/// Statistics 28(2):126–135: for a split after position t, U_t = Σ_{i ≤ t} Σ_{j > t} sgn(x_j − x_i);
/// K = max_t |U_t| and the change is after the t that attains it (the first, on ties). Rank-based, so
/// one wild week does not make a shift.
///
/// Significance by a seeded permutation test instead of Pettitt's asymptotic approximation, which
/// is poor for the 10–13 weeks of a quarter, drawn sequentially (``SequentialPValue``, Besag and
/// Clifford 1991): permutations until ``stopAfter`` have K* ≥ K (p = h/L), or at most
/// ``defaultPermutations`` (p = (1 + #{K* ≥ K}) / (B + 1): B. Phipson and G. K. Smyth (2010),
/// "Permutation p-values should never be zero", Stat. Appl. Genet. Mol. Biol. 9(1):39). So a small
/// p-value is resolved far enough for the period's false-discovery control (``TestFamily``), and a
/// clearly null series costs a few hundred permutations. Permutations break any order in time, so K
/// is judged against series with the same values and no shift.
public enum ChangePoint {
    public struct Result: Sendable, Equatable {
        /// The series changes after this index (0-based: the first segment is 0...index).
        public var index: Int
        public var statistic: Int
        public var pValue: Double
        /// Mean of the values before and after the change, for the evidence line.
        public var meanBefore: Double
        public var meanAfter: Double
    }

    /// Fewest weeks a series needs before candor tests it.
    public static let minimumLength = 6
    /// At most this many permutations; the sequential test stops at ``stopAfter`` exceedances.
    public static let defaultPermutations = 200_000
    public static let stopAfter = 50

    /// Pettitt's U_t for every split t = 0 … n − 2.
    public static func statistics(_ x: [Double]) -> [Int] {
        let n = x.count
        guard n >= 2 else { return [] }
        // U_t = U_{t−1} + Σ_j sgn(x_t − x_j) over all j (Pettitt 1979, eq. 2.1's recursion).
        var u: [Int] = []
        var running = 0
        for t in 0..<(n - 1) {
            var v = 0
            for j in 0..<n where j != t { v += x[t] < x[j] ? 1 : (x[t] > x[j] ? -1 : 0) }
            running += v
            u.append(running)
        }
        return u
    }

    static func maximum(_ u: [Int]) -> (index: Int, value: Int) {
        var best = (index: 0, value: -1)
        for (i, value) in u.enumerated() where abs(value) > best.value { best = (i, abs(value)) }
        return best
    }

    /// The most likely change and its permutation p-value; nil for series shorter than ``minimumLength``.
    public static func test(_ x: [Double], permutations: Int = defaultPermutations, seed: UInt64) -> Result? {
        guard x.count >= minimumLength else { return nil }
        let observed = maximum(statistics(x))
        var generator = SeededGenerator(seed: seed)
        // Each value's Σ_j sgn(x_i − x_j) over all j does not depend on the order, and U_t is the running
        // sum of those terms in time order: so a permutation's K is the largest |prefix sum| of the
        // permuted terms — O(n) per permutation instead of O(n²), the same K for the same shuffle.
        var terms = x.map { xi in x.reduce(0) { $0 + (xi < $1 ? 1 : (xi > $1 ? -1 : 0)) } }
        let p = SequentialPValue.estimate(stopAfter: stopAfter, atMost: permutations) {
            // Fisher–Yates with the seeded generator.
            for i in stride(from: terms.count - 1, to: 0, by: -1) {
                terms.swapAt(i, Int(generator.next() % UInt64(i + 1)))
            }
            var running = 0, largest = 0
            for t in 0..<(terms.count - 1) {
                running += terms[t]
                largest = max(largest, abs(running))
            }
            return largest >= observed.value
        }.p
        let before = x[0...observed.index], after = x[(observed.index + 1)...]
        return Result(index: observed.index, statistic: observed.value, pValue: p,
                      meanBefore: before.reduce(0, +) / Double(before.count), meanAfter: after.reduce(0, +) / Double(after.count))
    }
}
