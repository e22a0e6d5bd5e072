@testable import CandorAnalysis
@testable import CandorVocabulary
import Testing

/// Issue 17, item 9: intervals valid for rare events, and labels that do not vouch for a degenerate interval.
@Suite("Honest intervals and labels")
struct IntervalHonestyTests {
    @Test("the exact Poisson interval matches Garwood's tabulated limits")
    func garwood() {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 5e-4 }
        // Garwood (1936) / χ² limits: k = 0 → 0–3.689; 4 → 1.090–10.242; 10 → 4.795–18.390.
        for (k, lo, hi) in [(Int64(0), 0.0, 3.6889), (4, 1.0899, 10.2416), (10, 4.7954, 18.3904)] {
            let i = PoissonInterval.interval(count: k)
            #expect(close(i.lower, lo) && close(i.upper, hi), "k = \(k): \(i)")
        }
    }

    @Test("four findings in two repositories get the exact Poisson interval, not a collapsed bootstrap, and the note says why")
    func fewRepositories() {
        let history = FindingHistory(state: .open, firstSeen: 100, closedAt: nil)
        let findings = (0..<4).map { FindingFacts(team: "T", repository: $0 < 2 ? "a" : "b", history: history, inBaseline: false) }
        let v = QualityMetrics.newFindingsRate(findings, lines: ["a": 5000, "b": 5000], scans: [:], team: "T", from: 0, to: 1000, seed: 1)
        #expect(v.estimate == 0.4 && v.label == .low)
        #expect(abs((v.interval?.lower ?? 0) - 0.10899) < 1e-4 && abs((v.interval?.upper ?? 0) - 1.02416) < 1e-4)
        #expect(v.note?.contains("exact Poisson") == true)
    }

    @Test("a zero-width interval earns no confidence")
    func degenerate() {
        #expect(ConfidenceLabel.label(people: 40, estimate: 56, lower: 56, upper: 56) == .low)
        #expect(ConfidenceLabel.label(people: 40, estimate: 56, lower: 55, upper: 57) == .high)
    }
}
