import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The personal self-view's view model: one person's own data, for them alone. Pure.
public struct SelfView: Sendable {
    public struct Line: Sendable { public var label: String; public var value: String }
    public struct Week: Sendable { public var week: String; public var activeDays: String; public var shown: String; public var accepted: String; public var rate: String }
    /// One metric: the person's own value and interval beside their team's and the organisation's.
    public struct MetricRow: Sendable {
        public var metric: String
        public var you: String
        public var youInterval: String
        public var hasYouInterval: Bool
        public var youNote: String
        public var hasYouNote: Bool
        public var team: String
        public var organisation: String
    }
    /// One audit entry that read data of the person's team.
    public struct Use: Sendable { public var time: String; public var command: String; public var audience: String; public var purpose: String }

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
    public var team: String
    public var hasTeam: Bool
    public var k: String
    /// The datasets this view read (the policy's grant to the self audience).
    public var datasets: String
    public var neverUsedFor: String
    public var policySHA256: String
    public var metrics: [MetricRow]
    public var hasMetrics: Bool
    public var uses: [Use]
    public var hasUses: Bool
    public var useCount: String

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
        /// The person's own figures (``PersonalMetrics``), and the period's figures file as published
        /// (nil: not yet published), for their team's and the organisation's beside them — read from what
        /// was published, never decided again, so a self-view can show no cell the reports hide.
        public var personal: [MetricValue] = []
        public var published: FiguresFile?
        /// The audit log, for the entries that read the period's team data.
        public var audit: [AuditEntry] = []

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

    /// A cell of the team's (or, with `team` nil, the organisation's) figure as the figures file published it.
    static func published(_ figures: FiguresFile?, _ m: MetricDefinition, team: String?) -> String {
        guard let figures else { return "not yet published" }
        guard let row = figures.rows.first(where: { $0.table == "scorecard" && $0.metric == m.id.rawValue && $0.part.isEmpty
                                                   && $0.scope == (team == nil ? "organisation" : "team") && $0.name == (team ?? "") }) else {
            return "not published"
        }
        switch row.status {
        case "shown":
            guard let value = row.value else { return "not published" }
            let interval = row.lower.flatMap { lo in row.upper.map { " (\(ScorecardView.format(lo, m.unit))–\(ScorecardView.format($0, m.unit)))" } } ?? ""
            return ScorecardView.format(value, m.unit) + interval
        case "hidden": return "hidden (\(row.reason.isEmpty ? "disclosure control" : row.reason))"
        default: return row.reason.isEmpty ? "no data" : row.reason
        }
    }

    public static func build(_ input: Inputs) -> SelfView {
        let period = input.period.description
        let metrics = input.personal.compactMap { own -> MetricRow? in
            guard let m = MetricRegistry.metric(own.metric) else { return nil }
            let retired = input.policy.retirement(of: m.id.rawValue, in: input.period)

            let interval = retired != nil ? "" : own.interval.map { "\(ScorecardView.format($0.lower, m.unit))–\(ScorecardView.format($0.upper, m.unit))" }
                ?? (own.estimate == nil ? "" : "no interval")
            let note = retired?.note ?? own.note ?? ""
            return MetricRow(metric: m.name,
                             you: retired != nil ? "–" : own.estimate.map { ScorecardView.format($0, m.unit) } ?? "–",
                             youInterval: interval, hasYouInterval: !interval.isEmpty, youNote: note, hasYouNote: !note.isEmpty,
                             team: input.team == nil ? "no team" : published(input.published, m, team: input.team),
                             organisation: published(input.published, m, team: nil))
        }
        // The audit entries that read the period's data of teams (every published report of the period
        // does): who asked, for whom, and why. Self-views and refusals are not reads of the team's data.
        let uses = input.audit.filter { e in
            e.command.contains(period) && !e.command.hasPrefix("refused") && !e.command.hasPrefix("dated") && !e.command.hasPrefix("purge")
                && !e.command.hasPrefix("manifest")
                && !e.audience.hasPrefix("self") && e.audience != "-"
        }.map {
            // The audience without an approval's details (who approved a restricted report is not this page's business).
            Use(time: String($0.time.prefix(10)), command: $0.command, audience: String($0.audience.prefix { $0 != " " }), purpose: $0.purpose)
        }
        let shown = input.weeks.reduce(0) { $0 + $1.shown }, accepted = input.weeks.reduce(0) { $0 + $1.accepted }
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
            team: input.team ?? "",
            hasTeam: input.team != nil,
            k: String(input.policy.minimumGroupSize),
            datasets: input.datasets.isEmpty ? "none" : input.datasets.sorted().map(\.rawValue).joined(separator: " and "),
            neverUsedFor: input.policy.prohibitedUses.joined(separator: ", "),
            policySHA256: input.policy.sha256,
            metrics: metrics, hasMetrics: !metrics.isEmpty,
            uses: uses, hasUses: !uses.isEmpty, useCount: Format.count(uses.count))
    }
}
