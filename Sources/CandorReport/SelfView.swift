import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The personal self-view's view model: one person's own data, for them alone. Pure.
public struct SelfView: Sendable {
    public struct Line: Sendable { public var label: String; public var value: String }
    public struct Week: Sendable { public var week: String; public var activeDays: String; public var shown: String; public var accepted: String; public var rate: String }

    public var title: String
    public var period: String
    public var reference: String
    public var generatedAt: String
    public var purpose: String
    public var consents: [Line]
    public var holdings: [Line]
    public var hasWeeks: Bool
    public var weeks: [Week]
    public var totalShown: String
    public var totalAccepted: String
    public var totalRate: String
    public var totalInterval: String
    public var team: String
    public var hasTeam: Bool
    public var k: String
    /// The datasets this view read (the policy's grant to the self audience).
    public var datasets: String
    public var neverUsedFor: String
    public var policySHA256: String

    public struct Inputs: Sendable {
        public var period: Period
        public var pseudonym: String
        public var policy: Policy
        public var generatedAt: String
        public var consents: [(programme: String, status: ConsentStatus, since: Day)]
        public var holdings: [(label: String, records: Int)]
        public var weeks: [PersonWeek]
        public var team: String?
        public var datasets: Set<Dataset> = []

        public init(period: Period, pseudonym: String, policy: Policy, generatedAt: String,
                    consents: [(programme: String, status: ConsentStatus, since: Day)], holdings: [(label: String, records: Int)],
                    weeks: [PersonWeek], team: String?, datasets: Set<Dataset> = []) {
            self.period = period
            self.pseudonym = pseudonym
            self.policy = policy
            self.generatedAt = generatedAt
            self.consents = consents
            self.holdings = holdings
            self.weeks = weeks
            self.team = team
            self.datasets = datasets
        }
    }

    /// A stable, short reference the person quotes in a dispute (the start of their pseudonym).
    public static func reference(_ pseudonym: String) -> String { String(pseudonym.prefix(12)) }

    public static func build(_ input: Inputs) -> SelfView {
        let shown = input.weeks.reduce(0) { $0 + $1.shown }, accepted = input.weeks.reduce(0) { $0 + $1.accepted }
        let interval = WilsonInterval.interval(successes: accepted, trials: shown)
        return SelfView(
            title: "Your data in candor, \(input.period)",
            period: input.period.description,
            reference: reference(input.pseudonym),
            generatedAt: input.generatedAt,
            purpose: input.policy.purpose,
            consents: input.consents.map { Line(label: $0.programme, value: "\($0.status.wording) since \($0.since.iso8601)") },
            holdings: input.holdings.map { Line(label: $0.label, value: Format.count($0.records)) },
            hasWeeks: !input.weeks.isEmpty,
            weeks: input.weeks.map { w in
                Week(week: w.week.iso8601, activeDays: Format.count(w.activeDays), shown: Format.count(w.shown), accepted: Format.count(w.accepted),
                     rate: w.shown > 0 ? Format.percent(Double(w.accepted) / Double(w.shown)) : "–")
            },
            totalShown: Format.count(shown),
            totalAccepted: Format.count(accepted),
            totalRate: shown > 0 ? Format.percent(Double(accepted) / Double(shown)) : "–",
            totalInterval: interval.map { "\(Format.percent($0.lower))–\(Format.percent($0.upper))" } ?? "–",
            team: input.team ?? "",
            hasTeam: input.team != nil,
            k: String(input.policy.minimumGroupSize),
            datasets: input.datasets.isEmpty ? "none" : input.datasets.sorted().map(\.rawValue).joined(separator: " and "),
            neverUsedFor: input.policy.prohibitedUses.joined(separator: ", "),
            policySHA256: input.policy.sha256)
    }
}
