@testable import CandorVocabulary
@testable import CandorAnalysis
import Testing

@Suite("Finding lifecycle")
struct FindingLifecycleTests {
    typealias O = FindingObservation

    @Test("recurring stays open; disappearing is fixed; the latest scan decides")
    func basic() {
        let h = FindingLifecycle.histories([
            ScanSnapshot(time: 10, findings: ["a": O(), "b": O()]),
            ScanSnapshot(time: 20, findings: ["a": O(), "c": O()]),
        ])
        #expect(h["a"] == FindingHistory(state: .open, firstSeen: 10, closedAt: nil))
        #expect(h["b"] == FindingHistory(state: .fixed, firstSeen: 10, closedAt: 20))
        #expect(h["c"] == FindingHistory(state: .open, firstSeen: 20, closedAt: nil))
    }

    @Test("gone while the review excluded more code: suppressed; gone after a ThumbsDown: dismissed")
    func suppressedAndDismissed() {
        let h = FindingLifecycle.histories([
            ScanSnapshot(time: 10, findings: ["a": O(), "b": O(thumbsDown: true), "c": O()]),
            ScanSnapshot(time: 20, findings: ["c": O()], exclusionsGrew: true),
        ])
        #expect(h["a"]?.state == .suppressed && h["a"]?.closedAt == 20)
        #expect(h["b"]?.state == .dismissed)
        #expect(h["c"]?.state == .open)
    }

    @Test("SARIF: accepted suppressions and absent baseline states; reopening")
    func sarif() {
        let h = FindingLifecycle.histories([
            ScanSnapshot(time: 30, findings: ["x": O(), "y": O(), "z": O()]),
            ScanSnapshot(time: 10, findings: ["x": O()]),                       // out of order on purpose
            ScanSnapshot(time: 50, findings: ["x": O(suppressed: true), "y": O(absent: true)]),
            ScanSnapshot(time: 70, findings: ["x": O(suppressed: true), "z": O()]),
        ])
        #expect(h["x"] == FindingHistory(state: .suppressed, firstSeen: 10, closedAt: 50))
        #expect(h["y"] == FindingHistory(state: .fixed, firstSeen: 30, closedAt: 50))
        // z vanished at 50 (fixed), came back at 70: open again.
        #expect(h["z"] == FindingHistory(state: .open, firstSeen: 30, closedAt: nil))
    }

    @Test("no scans, no findings")
    func empty() {
        #expect(FindingLifecycle.histories([]).isEmpty)
    }
}
