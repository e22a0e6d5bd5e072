@testable import CandorAnalysis
import Testing

/// Issue 17, item 8: the Kaplan–Meier median follows R survival's convention, decided exactly.
@Suite("Kaplan–Meier median convention")
struct KaplanMeierConventionTests {
    static func events(_ times: [Double]) -> [KaplanMeier.Observation] { times.map { .init(time: $0, event: true) } }

    @Test("where S(t) stays exactly 0.5 over an interval the median is its midpoint (R survival, print.survfit), however the products round")
    func midpoint() {
        // S after 3 of 6 events is 5/6 · 4/5 · 3/4 = 1/2 exactly; in floating point the product may land either side.
        #expect(KaplanMeier.median(Self.events([1, 2, 3, 4, 5, 6])).median == 3.5)
        #expect(KaplanMeier.median(Self.events([2, 4, 6, 8])).median == 5)
        // Ten items, an event at each of 1…10: S = 1/2 exactly from 5 to 6 → 5.5.
        #expect(KaplanMeier.median(Self.events((1...10).map(Double.init))).median == 5.5)
    }

    @Test("otherwise the smallest t with S(t) < 0.5")
    func smallestBelow() {
        #expect(KaplanMeier.median(Self.events([1, 2, 3])).median == 2)
        let censored = [KaplanMeier.Observation(time: 1, event: true), .init(time: 2, event: false), .init(time: 3, event: true), .init(time: 4, event: true)]
        // S: 3/4 at 1; at 3: 3/4 · 1/2 = 3/8 < 1/2.
        #expect(KaplanMeier.median(censored).median == 3)
    }
}
