import CandorVocabulary
import CandorPolicy

/// Whether a median moved between two periods, by a test valid for a median: a two-sided permutation
/// test of the difference in (Kaplan–Meier) medians. Pure and seeded.
///
/// The two periods' items are pooled and relabelled at random, keeping each period's size; the p-value
/// is the share of relabellings whose difference in medians is at least as large in absolute value
/// as the observed one, counting the observed labelling (p = (1 + #{|dᵢ| ≥ |d|}) / (1 + B); Good,
/// *Permutation, Parametric and Bootstrap Tests of Hypotheses*, 3rd ed., 2005, §3.1; Phipson and Smyth
/// 2010 for the +1), drawn sequentially (``SequentialPValue``, Besag and Clifford 1991): relabellings
/// stop at ``stopAfter`` as extreme (p = h/L), else at ``permutations`` — so a small p-value is
/// resolved far enough for the period's false-discovery control and a null one costs little. A censored item (still open) keeps its censoring, so the medians are Kaplan–Meier
/// medians (R survival's convention); with no censoring they are ordinary medians. A z-test built
/// from two bootstrap intervals assumes the medians are normal and independent, which a multi-peaked
/// distribution of times breaks.
public enum MedianComparison {
    /// At most this many relabellings; the sequential test stops at ``stopAfter`` as extreme.
    public static let permutations = 20_000
    public static let stopAfter = 50

    /// The observed difference (after − before) and its two-sided permutation p-value; nil when either
    /// period's median is undefined (fewer than half the items had the event).
    public static func test(before: [KaplanMeier.Observation], after: [KaplanMeier.Observation], seed: UInt64,
                            permutations: Int = permutations) -> (difference: Double, p: Double)? {
        guard let b = KaplanMeier.median(before).median, let a = KaplanMeier.median(after).median else { return nil }
        let observed = a - b
        // Sorted once: each relabelling keeps the order, so each group's curve is built in one pass.
        let pooled = (before + after).sorted { ($0.time, $0.event ? 0 : 1) < ($1.time, $1.event ? 0 : 1) }
        var labels = [Bool](repeating: false, count: pooled.count)
        for i in 0..<after.count { labels[i] = true }
        var generator = SeededGenerator(seed: seed)
        let tolerance = 1e-9 * max(1, abs(observed))
        var first: [KaplanMeier.Observation] = [], second: [KaplanMeier.Observation] = []
        first.reserveCapacity(before.count); second.reserveCapacity(after.count)
        let p = SequentialPValue.estimate(stopAfter: stopAfter, atMost: permutations) {
            labels.shuffle(using: &generator)
            first.removeAll(keepingCapacity: true); second.removeAll(keepingCapacity: true)
            for (o, isAfter) in zip(pooled, labels) { if isAfter { second.append(o) } else { first.append(o) } }
            // A relabelling without a median in one group counts as extreme: the test stays conservative.
            guard let mb = KaplanMeier.median(first).median, let ma = KaplanMeier.median(second).median else { return true }
            return abs(ma - mb) >= abs(observed) - tolerance
        }.p
        return (observed, p)
    }

    /// A stable seed for a metric's comparison in one scope (FNV-1a of its parts).
    public static func seed(_ parts: String...) -> UInt64 { SeededGenerator.seed(parts) }
}
