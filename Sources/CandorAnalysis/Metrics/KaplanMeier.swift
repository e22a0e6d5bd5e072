import CandorVocabulary
import CandorPolicy

/// Time-to-event with censoring: how long findings take to close when some are still open.
///
/// E. L. Kaplan and P. Meier (1958), "Nonparametric estimation from incomplete observations", JASA
/// 53:457–481: S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ / nᵢ), with nᵢ at risk just before tᵢ
/// (an item censored at tᵢ is still at risk at tᵢ). Variance by Greenwood's formula:
/// Var S(t) = S(t)² Σ dᵢ / (nᵢ (nᵢ − dᵢ)).
///
/// The median is the first time S(t) ≤ 0.5. Its 95% interval follows R. Brookmeyer and J. Crowley
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
        let median = steps.first { $0.survival <= 0.5 }?.time
        let lower = steps.first { $0.survival - z * $0.standardError <= 0.5 }?.time
        let upper = steps.first { $0.survival + z * $0.standardError <= 0.5 }?.time
        return Median(median: median, lower: lower, upper: upper, items: observations.count,
                      events: observations.filter(\.event).count)
    }
}
