import CandorVocabulary
import CandorPolicy

/// Time-to-event with censoring: how long findings take to close when some are still open.
///
/// E. L. Kaplan and P. Meier (1958), "Nonparametric estimation from incomplete observations", JASA
/// 53:457–481: S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ / nᵢ), with nᵢ at risk just before tᵢ
/// (an item censored at tᵢ is still at risk at tᵢ). Variance by Greenwood's formula:
/// Var S(t) = S(t)² Σ dᵢ / (nᵢ (nᵢ − dᵢ)).
///
/// The median follows R survival's convention (`print.survfit`, `quantile.survfit`): the smallest
/// event time with S(t) < 0.5, except where S(t) is exactly 0.5 from an event time to the next, where
/// it is their midpoint (and that event time when no event follows). Whether S(t) is exactly 0.5 is
/// decided in exact integer arithmetic — 2·Π(nᵢ − dᵢ) = Π nᵢ — never by a rounded floating product,
/// which lands either side of 0.5. Its 95% interval follows R. Brookmeyer and J. Crowley
/// (1982), "A confidence interval for the median survival time", Biometrics 38:29–41, by inverting
/// the test of S(t) = 0.5 with the plain (linear) Greenwood band: the lower limit is the first time the
/// band's lower edge S − z·SE reaches 0.5, the upper limit the first time its upper edge S + z·SE
/// does (R `survfit(conf.type = "plain")`); nil where the band never gets there.
public enum KaplanMeier {
    /// One item: how long it was observed, and whether the event (e.g. the fix) happened then
    /// (false: still open when last seen — censored).
    public struct Observation: Sendable, Equatable {
        public var time: Double
        public var event: Bool

        public init(time: Double, event: Bool) {
            self.time = time
            self.event = event
        }
    }

    /// One step of the curve.
    public struct Step: Sendable, Equatable {
        public var time: Double
        public var atRisk: Int
        public var events: Int
        public var survival: Double
        public var standardError: Double
    }

    public struct Median: Sendable, Equatable {
        /// nil when fewer than half the items had the event.
        public var median: Double?
        public var lower: Double?
        public var upper: Double?
        public var items: Int
        public var events: Int
    }

    /// The curve at each event time, in time order.
    public static func curve(_ observations: [Observation]) -> [Step] {
        let sorted = observations.sorted { $0.time < $1.time }
        var atRisk = sorted.count
        var survival = 1.0, greenwood = 0.0
        var steps: [Step] = []
        var i = 0
        while i < sorted.count {
            let t = sorted[i].time
            var events = 0, leaving = 0
            while i < sorted.count && sorted[i].time == t {
                if sorted[i].event { events += 1 }
                leaving += 1
                i += 1
            }
            if events > 0 {
                survival *= 1 - Double(events) / Double(atRisk)
                if atRisk > events { greenwood += Double(events) / (Double(atRisk) * Double(atRisk - events)) }
                let se = atRisk > events ? survival * greenwood.squareRoot() : 0
                steps.append(Step(time: t, atRisk: atRisk, events: events, survival: survival, standardError: se))
            }
            atRisk -= leaving
        }
        return steps
    }

    /// The median time and its Brookmeyer–Crowley 95% interval.
    public static func median(_ observations: [Observation], z: Double = WilsonInterval.z95) -> Median {
        let steps = curve(observations)
        let median = exactMedian(steps)
        let lower = steps.first { $0.survival - z * $0.standardError <= 0.5 }?.time
        let upper = steps.first { $0.survival + z * $0.standardError <= 0.5 }?.time
        return Median(median: median, lower: lower, upper: upper, items: observations.count,
                      events: observations.filter(\.event).count)
    }

    /// The median by R survival's convention, with S(t) compared to 0.5 exactly (see the type's comment).
    static func exactMedian(_ steps: [Step]) -> Double? {
        // The floating product decides every step that is clearly above or below 0.5 (its relative error
        // is far below 1e-9 for any number of steps); only a step within that margin is decided exactly,
        // S = Π (n − d) / n as big integers, where S = 0.5 exactly is 2·num = den.
        for (i, step) in steps.enumerated() {
            if step.survival > 0.5 + 1e-9 { continue }
            if step.survival < 0.5 - 1e-9 { return step.time }
            var numerator = BigNatural(1), denominator = BigNatural(1)
            for s in steps[...i] {
                numerator.multiply(by: UInt64(s.atRisk - s.events))
                denominator.multiply(by: UInt64(s.atRisk))
            }
            numerator.multiply(by: 2)
            switch numerator.compare(denominator) {
            case .below: return step.time
            case .equal: return i + 1 < steps.count ? (step.time + steps[i + 1].time) / 2 : step.time
            case .above: continue
            }
        }
        return nil
    }
}

/// A natural number of any size, for exact products of small factors (Kaplan–Meier's median).
struct BigNatural: Equatable {
    /// Base 2³² digits, least significant first.
    private(set) var digits: [UInt32]

    init(_ value: UInt32) { digits = [value] }

    mutating func multiply(by factor: UInt64) {
        // Counts of items at risk: a factor below 2³² keeps each partial product within 64 bits.
        precondition(factor <= UInt64(UInt32.max), "a Kaplan–Meier factor beyond 2³²")
        var carry: UInt64 = 0
        for i in digits.indices {
            let product = UInt64(digits[i]) * factor + carry
            digits[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        while carry > 0 { digits.append(UInt32(truncatingIfNeeded: carry)); carry >>= 32 }
        normalise()
    }

    private mutating func normalise() {
        while digits.count > 1 && digits.last == 0 { digits.removeLast() }
    }

    enum Order { case below, equal, above }

    func compare(_ other: BigNatural) -> Order {
        if digits.count != other.digits.count { return digits.count < other.digits.count ? .below : .above }
        for i in digits.indices.reversed() where digits[i] != other.digits[i] { return digits[i] < other.digits[i] ? .below : .above }
        return .equal
    }
}
