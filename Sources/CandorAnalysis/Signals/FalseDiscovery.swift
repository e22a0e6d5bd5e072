import CandorVocabulary
import CandorPolicy
import Foundation

/// The Benjamini–Hochberg step-up procedure: with m p-values sorted p₍₁₎ ≤ … ≤ p₍ₘ₎, let k be the
/// largest i with p₍ᵢ₎ ≤ i·q/m; reject every hypothesis with p ≤ p₍ₖ₎. For independent (or positively
/// dependent) tests the expected share of false discoveries among the discoveries is at most q.
/// Y. Benjamini and Y. Hochberg (1995), "Controlling the false discovery rate: a practical and powerful
/// approach to multiple testing", J. R. Statist. Soc. B 57(1):289–300, §3; positive dependence:
/// Benjamini and Yekutieli (2001), Ann. Statist. 29(4):1165–1188. Pure.
public enum BenjaminiHochberg {
    /// p₍ₖ₎, the largest p-value rejected at level `q`; nil when the procedure rejects none.
    public static func threshold(_ pValues: [Double], q: Double) -> Double? {
        let sorted = pValues.sorted()
        let m = Double(sorted.count)
        var found: Double? = nil
        for (i, p) in sorted.enumerated() where p <= Double(i + 1) * q / m { found = p }
        return found
    }

    /// Adjusted p-values in the input's order, as R's `p.adjust(p, "BH")` gives them:
    /// p̃₍ᵢ₎ = min over j ≥ i of min(1, p₍ⱼ₎·m/j). A test is rejected at q exactly when p̃ ≤ q.
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var out = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let i = order[rank - 1]
            running = min(running, pValues[i] * Double(m) / Double(rank))
            out[i] = min(1, running)
        }
        return out
    }
}

/// One period's family of tests: every test behind any output of the period — the changes since
/// the previous period, the weekly shifts, and every test a signal detector runs — judged together,
/// so the false discovery rate over everything the period calls significant is at most `level`
/// (``BenjaminiHochberg``), and a test has one verdict wherever it appears.
///
/// Used in two passes. While collecting, every test passes (each detector then runs every test it
/// could reach, whatever the others find) and its p-value is kept under a key naming the test;
/// ``decide()`` then sets the threshold, and the same code run again gets each test's verdict. A test
/// asked for after the decision that was not collected (another audience's reader) is judged by the
/// same threshold.
public struct TestFamily: Sendable, Equatable {
    /// The false discovery rate controlled (the policy's `signals.alpha`).
    public let level: Double
    /// Every test's p-value, by key.
    public private(set) var pValues: [String: Double] = [:]
    /// Changes between periods already computed, by key (a permutation test is run once).
    private var changes: [String: ChangeTest] = [:]
    /// Whether ``decide()`` has run.
    public private(set) var decided = false
    /// Whether a test the family did not collect is judged by the threshold (a family of one test at a
    /// time); otherwise such a test is not significant — its p-value was never among the m.
    private var judgesUncollected = false
    /// The largest p-value that is a discovery; nil when decided with none (or not yet decided).
    public private(set) var threshold: Double? = nil

    public init(level: Double) { self.level = level }

    /// A family of one test at a time: each test judged at `alpha` on its own (for unit tests of a detector).
    public static func perTest(alpha: Double) -> TestFamily {
        var family = TestFamily(level: alpha)
        family.decided = true
        family.threshold = alpha
        family.judgesUncollected = true
        return family
    }

    /// Distinct tests collected.
    public var size: Int { pValues.count }
    /// Tests that are discoveries.
    public var discoveries: Int {
        guard decided, let threshold else { return 0 }
        return pValues.values.filter { $0 <= threshold }.count
    }

    /// While collecting: keeps `p` under `key` and answers true. Once decided: whether the test is a
    /// discovery — a test the family did not collect (another audience's reader computing a different
    /// value) is not, since it was never among the tests the rate is controlled over.
    public mutating func significant(_ key: String, p: Double) -> Bool {
        guard decided else {
            pValues[key] = p
            return true
        }
        return verdict(key, p: p)
    }

    /// A decided family's verdict on the test `key` with p-value `p`.
    public func verdict(_ key: String, p: Double) -> Bool {
        guard judgesUncollected || pValues[key] != nil else { return false }
        return isDiscovery(p)
    }

    /// A scope in a key: the team, or the organisation (a character no team name holds).
    public static func scope(_ team: String?) -> String { team ?? "\u{0}organisation" }

    /// Whether `p` is at most the decided threshold (false before the decision).
    public func isDiscovery(_ p: Double) -> Bool {
        guard decided, let threshold else { return false }
        return p <= threshold
    }

    /// Sets the threshold from every p-value collected.
    public mutating func decide() {
        threshold = BenjaminiHochberg.threshold(Array(pValues.values), q: level)
        decided = true
    }

    /// The key of a change between periods: the metric, its scope and both values as compared (a
    /// median's items by an FNV-1a digest), so the same comparison asked twice (the scorecard and a
    /// signal) is one test.
    static func key(_ before: MetricValue, _ after: MetricValue) -> String {
        func bits(_ x: Double?) -> String { x.map { String($0.bitPattern, radix: 16) } ?? "-" }
        func items(_ o: [KaplanMeier.Observation]?) -> String {
            guard let o else { return "-" }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for item in o {
                for word in [item.time.bitPattern, item.event ? 1 : 0] {
                    hash ^= word
                    hash = hash &* 0x0000_0100_0000_01b3
                }
            }
            return "\(o.count):\(String(hash, radix: 16))"
        }
        func value(_ v: MetricValue) -> String {
            "\(bits(v.estimate)),\(bits(v.interval?.lower)),\(bits(v.interval?.upper)),\(v.people),\(v.events),\(items(v.observations))"
        }
        return "change|\(after.metric.rawValue)|\(scope(after.team))|\(value(before))|\(value(after))"
    }

    /// The change's test (``Movement/test(_:_:)``), computed once per family.
    public mutating func change(_ before: MetricValue, _ after: MetricValue) -> ChangeTest? {
        let key = Self.key(before, after)
        if let known = changes[key] { return known }
        guard let test = Movement.test(before, after) else { return nil }
        changes[key] = test
        return test
    }

    /// How a metric moved, as this family judges it: while collecting, by its direction alone.
    public mutating func movement(_ before: MetricValue, _ after: MetricValue) -> Movement {
        guard let test = change(before, after), significant(Self.key(before, after), p: test.p),
              let higher = MetricDirection.higherIsBetter[after.metric] else { return .unclear }
        return (test.direction > 0) == higher ? .improved : .worsened
    }

    /// A change's test and its verdict, without collecting (for a report that prints a decided family's verdicts).
    public func judge(_ before: MetricValue, _ after: MetricValue) -> (test: ChangeTest, significant: Bool)? {
        let key = Self.key(before, after)
        guard let test = changes[key] ?? Movement.test(before, after) else { return nil }
        return (test, verdict(key, p: test.p))
    }

    /// "false discovery rate of 5% over the period's 214 tests (Benjamini–Hochberg: p ≤ 0.0031)"
    public var criterion: String {
        let base = "false discovery rate of \(rate) over the period's \(Format.count(size)) test\(size == 1 ? "" : "s")"
        guard decided else { return base + " (Benjamini–Hochberg)" }
        guard let threshold else { return base + " (Benjamini–Hochberg: none significant)" }
        return base + " (Benjamini–Hochberg: p ≤ \(Self.format(threshold)))"
    }

    /// The level as a percentage: "1%", "0.5%".
    public var rate: String { Format.percent(level, decimals: (level * 100).rounded() == level * 100 ? 0 : 1) }

    /// What the reports say about the family: how many tests, the rule, the threshold and the discoveries.
    public var statement: String {
        guard decided else { return "" }
        let found = discoveries
        return "Every test behind this period's verdicts — the organisation's change since the previous quarter in each metric, every weekly series "
            + "tested for a shift, and every test a signal detector runs — is one family of \(Format.count(size)) test\(size == 1 ? "" : "s"), judged together: "
            + "a result is called significant only when the Benjamini–Hochberg procedure at a false discovery rate of \(rate) (the policy's `signals.alpha`) "
            + "makes it a discovery — "
            + (threshold.map { "here p ≤ \(Self.format($0)), \(Format.count(found)) discover\(found == 1 ? "y" : "ies")" } ?? "here none")
            + ". On average, at most \(rate) of the results called significant are false alarms, and a test has the same verdict wherever it "
            + "appears: the review, the team summaries and their emails."
    }

    /// Two significant digits, at least three decimals: 0.012, 0.0031, 0.000052.
    static func format(_ p: Double) -> String {
        guard p > 0 else { return "0" }
        let decimals = min(12, max(3, Int((-log10(p)).rounded(.up)) + 1))
        return Format.fixed(p, decimals: decimals)
    }
}

/// A Monte Carlo p-value that stops early when the answer is clearly not small: draw until `h`
/// draws are at least as extreme as the observed statistic (p = h/L after L draws), or until `n`
/// draws (p = (X + 1)/(n + 1) with X < h exceedances). Valid — P(p ≤ u) ≤ u under the null — and
/// it spends its draws where a small p-value needs them: a clearly null test stops after about h/p
/// draws, a clear effect is resolved down to 1/(n + 1).
/// J. Besag and P. Clifford (1991), "Sequential Monte Carlo p-values", Biometrika 78(2):301–304.
public enum SequentialPValue {
    public static func estimate(stopAfter h: Int, atMost n: Int, _ exceeds: () -> Bool) -> (p: Double, draws: Int) {
        let n = max(1, n), h = max(1, h)
        var extreme = 0
        for draw in 1...n {
            if exceeds() {
                extreme += 1
                if extreme == h { return (Double(h) / Double(draw), draw) }
            }
        }
        return (Double(extreme + 1) / Double(n + 1), n)
    }
}
