@testable import CandorAnalysis
import CandorVocabulary
import Testing

/// Issue 17, item 12: many tests, one false discovery rate — every test behind a period's outputs is
/// one family, controlled by Benjamini–Hochberg, and each test gets one verdict wherever it appears.
@Suite("False discovery rate over a period's tests")
struct FalseDiscoveryTests {
    /// Benjamini & Hochberg (1995), §4: fifteen p-values from a study of myocardial infarction treatments.
    static let paper = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000]

    @Test("the paper's example: at q = 0.05 the step-up procedure rejects the four smallest (Bonferroni rejects three)")
    func paperExample() throws {
        let threshold = try #require(BenjaminiHochberg.threshold(Self.paper.shuffled(), q: 0.05))
        #expect(threshold == 0.0095)
        #expect(Self.paper.filter { $0 <= threshold }.count == 4)
        #expect(Self.paper.filter { $0 <= 0.05 / 15 }.count == 3)
        #expect(BenjaminiHochberg.threshold([0.2, 0.5, 0.9], q: 0.05) == nil)
        #expect(BenjaminiHochberg.threshold([], q: 0.05) == nil)
    }

    @Test("adjusted p-values equal R's p.adjust(p, \"BH\") on the paper's example")
    func adjusted() {
        let expected = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857, 0.063857, 0.0645, 0.0765, 0.486, 0.581182, 0.714875, 0.753231, 0.813214, 1]
        let got = BenjaminiHochberg.adjusted(Self.paper)
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) { #expect(abs(g - e) < 1e-6, "\(g) vs \(e)") }
        // A test rejected by the threshold is exactly one whose adjusted p is at most q.
        let threshold = BenjaminiHochberg.threshold(Self.paper, q: 0.05)!
        #expect(zip(Self.paper, got).allSatisfy { ($0.0 <= threshold) == ($0.1 <= 0.05) })
    }

    @Test("a family collects every test first (all pass while collecting), then judges each by one threshold")
    func family() {
        var family = TestFamily(level: 0.05)
        var passed = 0
        for (i, p) in Self.paper.enumerated() where family.significant("t\(i)", p: p) { passed += 1 }
        // The same test twice is one test.
        if family.significant("t0", p: Self.paper[0]) { passed += 1 }
        #expect(passed == 16)
        #expect(family.size == 15)
        family.decide()
        #expect(family.threshold == 0.0095 && family.discoveries == 4)
        let verdicts = [family.significant("t3", p: 0.0095), family.significant("t4", p: 0.0201),
                        // A test the family did not collect (another audience's reader) is never significant:
                        // its p-value was not among the m the rate is controlled over.
                        family.significant("elsewhere", p: 0.001), family.significant("elsewhere-2", p: 0.01)]
        #expect(verdicts == [true, false, false, false])
        // A family of one test at a time judges any test by its level.
        var single = TestFamily.perTest(alpha: 0.05)
        let judged = single.significant("anything", p: 0.04)
        #expect(judged)
        // A per-test α of 0.05 would have called nine of these significant.
        #expect(Self.paper.filter { $0 < 0.05 }.count == 9)
    }

    @Test("a family with no discovery calls nothing significant, not even p = 0")
    func none() {
        var family = TestFamily(level: 0.01)
        _ = family.significant("a", p: 0.5)
        _ = family.significant("b", p: 0.9)
        family.decide()
        let verdicts = [family.significant("a", p: 0.5), family.significant("c", p: 0)]
        #expect(family.discoveries == 0 && verdicts == [false, false])
    }

    @Test("a change between periods gets one verdict, however often it is asked")
    func movement() {
        func v(_ e: Double, _ lo: Double, _ hi: Double) -> MetricValue {
            MetricValue(metric: "ai.acceptance_rate", team: "T", estimate: e, interval: ValueInterval(lower: lo, upper: hi), people: 20, events: 400, label: .high)
        }
        var family = TestFamily(level: 0.01)
        // Collecting: the direction only, so every test a detector could reach is collected.
        let collected = [family.movement(v(0.25, 0.24, 0.26), v(0.30, 0.29, 0.31)), family.movement(v(0.25, 0.20, 0.30), v(0.27, 0.22, 0.32))]
        #expect(collected == [.improved, .improved])
        family.decide()
        #expect(family.size == 2 && family.discoveries == 1)
        let decided = [family.movement(v(0.25, 0.24, 0.26), v(0.30, 0.29, 0.31)), family.movement(v(0.25, 0.20, 0.30), v(0.27, 0.22, 0.32))]
        #expect(decided == [.improved, .unclear])
        #expect(family.judge(v(0.25, 0.24, 0.26), v(0.30, 0.29, 0.31))?.significant == true)
    }
}

@Suite("Sequential Monte Carlo p-values")
struct SequentialPValueTests {
    @Test("Besag and Clifford (1991): stop at h exceedances (p = h/L), else (X + 1)/(n + 1)")
    func knownAnswers() {
        var draws = 0
        let always = SequentialPValue.estimate(stopAfter: 10, atMost: 1_000) { draws += 1; return true }
        #expect(always.p == 1 && draws == 10)
        // At least one draw, whatever is asked: a p-value stays in (0, 1].
        #expect(SequentialPValue.estimate(stopAfter: 10, atMost: 0) { true }.p <= 1)
        let never = SequentialPValue.estimate(stopAfter: 10, atMost: 1_000) { false }
        #expect(never.p == 1.0 / 1_001 && never.draws == 1_000)
        var i = 0
        // Every fourth draw exceeds: the tenth exceedance is the 40th draw.
        let quarter = SequentialPValue.estimate(stopAfter: 10, atMost: 1_000) { i += 1; return i % 4 == 0 }
        #expect(quarter.p == 10.0 / 40 && quarter.draws == 40)
    }

    @Test("a clean 7 + 7 split is judged near its exact permutation p-value, 2 of C(14, 7) = 3,432 orders, not at a fixed 2,000 permutations' floor")
    func resolution() throws {
        let first: [Double] = (0..<7).map { 0.2 + Double($0) * 0.001 }
        let second: [Double] = (0..<7).map { 0.5 + Double($0) * 0.001 }
        let series = first + second
        let result = try #require(ChangePoint.test(series, seed: 3))
        let exact = 2.0 / 3_432
        #expect(result.pValue > exact / 2 && result.pValue < exact * 2, "p = \(result.pValue)")
    }
}
