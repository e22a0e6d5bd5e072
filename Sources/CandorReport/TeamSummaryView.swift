import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// One team's summary: the team beside the organisation in every metric, its weekly trends, the
/// programme changes that touch its numbers, and its signals as questions. Built from the same
/// scorecard the governance review shows (the same cells hidden), so no report reveals what
/// another hides. Pure; every field is a formatted string.
///
/// The template renders in three modes: `web` (the Markdown file and the HTML page: SVG charts),
/// `mail` (the email's HTML part: inline styles, charts as HTML/CSS bars) and `plain` (the email's
/// text part: no HTML at all).
public struct TeamSummaryView: Sendable {
    public struct Row: Sendable {
        public var dimension: String
        public var firstInDimension: Bool
        public var metric: String
        public var kind: String
        public var teamShown: Bool
        public var teamValue: String
        public var teamInterval: String
        public var teamLabel: String
        public var teamNote: String
        /// The disputes on the team's shown figure ("upheld dispute D-3 …"), or "".
        public var teamDispute: String = "" { didSet { hasTeamDispute = !teamDispute.isEmpty } }
        /// (Stored: templates read stored properties only.)
        public var hasTeamDispute = false
        public var teamBar: Bar
        public var orgShown: Bool
        public var orgValue: String
        public var orgInterval: String
        public var orgBar: Bar
    }
    /// An interval bar on the row's scale, in % of the bar's width.
    public struct Bar: Sendable {
        public var start: String
        public var width: String
        public var mark: String
    }
    public struct WeekRow: Sendable {
        public var week: String
        public var value: String
        public var interval: String
        public var hasInterval: Bool
        public var bar: Bar
    }
    public struct Trend: Sendable {
        public var name: String
        /// The SVG chart (web mode) — the email modes use `weeks` instead.
        public var chart: WeeklyChart?
        public var weeks: [WeekRow]
        public var organisationLast: String
    }
    public struct Question: Sendable {
        public var title: String
        public var evidence: [String]
        public var alternatives: [String]
        public var question: String
        /// The alternatives as one sentence (a stored property: templates see stored properties only).
        public var alternativesText: String
    }
    public struct Change: Sendable {
        public var text: String
    }

    public var title: String
    public var team: String
    public var period: String
    public var periodStart: String
    public var periodEnd: String
    public var generatedAt: String
    public var purpose: String
    public var k: String
    public var teamShown: Bool
    public var hiddenReason: String
    public var rows: [Row]
    public var trends: [Trend]
    public var hasTrends: Bool
    public var changes: [Change]
    public var hasChanges: Bool
    public var questions: [Question]
    public var hasQuestions: Bool
    public var neverUsedFor: String
    public var replyTo: String
    public var hasReplyTo: Bool
    public var candorVersion: String
    public var policySHA256: String
    /// Render mode: exactly one is true.
    public var web = true
    public var mail = false
    public var plain = false

    /// The view for one rendering mode.
    /// Each mode carries only what it renders (templates reflect over every value they are given).
    public func mode(web: Bool = false, mail: Bool = false, plain: Bool = false) -> TeamSummaryView {
        var copy = self
        copy.web = web; copy.mail = mail; copy.plain = plain
        for i in copy.trends.indices {
            if web { copy.trends[i].weeks = [] } else { copy.trends[i].chart = nil }
        }
        return copy
    }
}

/// Builds team summaries. Pure.
public enum TeamSummaryViewBuilder {
    public struct Inputs: Sendable {
        public var period: Period
        public var policy: Policy
        public var generatedAt: String
        /// The scorecard as the governance review shows it (hidden teams already applied).
        public var scorecard: Scorecard
        /// The teams the review hides everywhere, and why.
        public var hidden: [String: SuppressionReason]
        public var signals: [Signal]
        /// Programme changes in the period and the two weeks before.
        public var changes: [ProgrammeChange]

        public init(period: Period, policy: Policy, generatedAt: String, scorecard: Scorecard, hidden: [String: SuppressionReason],
                    signals: [Signal], changes: [ProgrammeChange]) {
            self.period = period
            self.policy = policy
            self.generatedAt = generatedAt
            self.scorecard = scorecard
            self.hidden = hidden
            self.signals = signals
            self.changes = changes
        }
    }

    static func bar(_ value: Double?, _ interval: ValueInterval?, scale: Double) -> TeamSummaryView.Bar {
        guard scale > 0 else { return .init(start: "0", width: "0", mark: "0") }
        func pct(_ v: Double) -> Double { min(100, max(0, v / scale * 100)) }
        let lower = interval.map { pct($0.lower) } ?? value.map(pct) ?? 0
        let upper = interval.map { pct($0.upper) } ?? value.map(pct) ?? 0
        return .init(start: Format.fixed(lower, decimals: 2), width: Format.fixed(max(0.5, upper - lower), decimals: 2),
                     mark: Format.fixed(value.map(pct) ?? 0, decimals: 2))
    }

    static func reasonText(_ reason: SuppressionReason, k: Int) -> String {
        switch reason {
        case .fewerThanK: "fewer than \(k) people in the team had data, so its figures could describe individuals"
        case .complementary, .uniform: "they are hidden to protect a smaller team's figures, which could otherwise be worked out from yours and a total"
        case .dominance: "one person contributed most of the team's data, so the figures would describe that person"
        }
    }

    /// The summary of `team`.
    public static func build(team: String, _ input: Inputs) -> TeamSummaryView {
        let k = input.policy.minimumGroupSize
        let card = input.scorecard
        let hiddenReason = input.hidden[team] ?? card.suppressed[team]
        var rows: [TeamSummaryView.Row] = []
        var trends: [TeamSummaryView.Trend] = []
        for dimension in ScorecardView.order {
            for (i, m) in MetricRegistry.all.filter({ $0.dimension == dimension }).enumerated() {
                let values = card.values[m.id] ?? []
                let mine = hiddenReason == nil ? card.value(m.id, team: team) : nil
                let org = values.last { $0.team == nil }
                let teamShown = mine.map { $0.label != .suppressed && $0.estimate != nil } ?? false
                let orgShown = org.map { $0.label != .suppressed && $0.estimate != nil } ?? false
                let scale: Double = m.unit == .proportion ? 1
                    : ([mine?.interval?.upper, mine?.estimate, org?.interval?.upper, org?.estimate].compactMap { $0 }.max() ?? 0) * 1.1
                func shown(_ v: MetricValue?) -> (String, String) {
                    guard let v, let e = v.estimate, v.label != .suppressed else { return ("–", "") }
                    return (ScorecardView.format(e, m.unit), v.interval.map { "\(ScorecardView.format($0.lower, m.unit))–\(ScorecardView.format($0.upper, m.unit))" } ?? "no interval")
                }
                let t = shown(teamShown ? mine : nil), o = shown(org)
                var note: String
                if teamShown { note = "" }
                else if hiddenReason != nil || mine?.label == .suppressed { note = "hidden (\(mine?.note ?? "disclosure control"))" }
                else { note = mine?.note ?? "no data" }
                // The disputes on the team's own cell, wherever it is not hidden.
                var dispute = ""
                if hiddenReason == nil, let mine, mine.label != .suppressed, !mine.disputes.isEmpty {
                    if teamShown { dispute = mine.disputes.joined(separator: "; ") } else { note = ([note] + mine.disputes).joined(separator: "; ") }
                }
                rows.append(.init(dimension: ScorecardView.titles[dimension]!, firstInDimension: i == 0, metric: m.name, kind: m.kind.rawValue,
                                  teamShown: teamShown, teamValue: t.0, teamInterval: t.1, teamLabel: teamShown ? mine!.label.rawValue : "",
                                  teamNote: note, teamDispute: dispute, hasTeamDispute: !dispute.isEmpty, teamBar: bar(mine?.estimate, mine?.interval, scale: scale),
                                  orgShown: orgShown, orgValue: o.0, orgInterval: o.1, orgBar: bar(org?.estimate, org?.interval, scale: scale)))
                if hiddenReason == nil, teamShown, let series = card.teamWeekly[m.id]?[team],
                   let chart = WeeklyChart.build(id: "trend-" + m.id.rawValue.replacingOccurrences(of: ".", with: "-"), metric: m, subject: team,
                                                 series: series, comparison: card.weekly[m.id] ?? [], comparisonLabel: "organisation",
                                                 changes: input.changes.filter { $0.metrics.contains(m.id.rawValue) },
                                                 shifts: card.shifts.filter { $0.metric == m.id && $0.team == team }) {
                    let top = m.unit == .proportion ? 1 : (series.map { $0.upper ?? $0.value }.max() ?? 0) * 1.1
                    let weeks = series.map { p in
                        let interval = p.lower.flatMap { lo in p.upper.map { ValueInterval(lower: lo, upper: $0) } }
                        return TeamSummaryView.WeekRow(
                            week: p.week.iso8601, value: ScorecardView.format(p.value, m.unit),
                            interval: interval.map { "\(ScorecardView.format($0.lower, m.unit))–\(ScorecardView.format($0.upper, m.unit))" } ?? "",
                            hasInterval: interval != nil, bar: bar(p.value, interval, scale: top))
                    }
                    trends.append(.init(name: m.name, chart: chart, weeks: weeks,
                                        organisationLast: (card.weekly[m.id]?.last).map { ScorecardView.format($0.value, m.unit) } ?? "–"))
                }
            }
        }
        let changes = input.changes.sorted { ($0.day, $0.description) < ($1.day, $1.description) }.map { change -> TeamSummaryView.Change in
            let names = change.metrics.compactMap { MetricRegistry.metric(MetricID(rawValue: $0))?.name ?? $0 }
            return .init(text: "\(change.day.iso8601): \(change.description)" + (names.isEmpty ? "" : " (touches \(names.joined(separator: ", ")))"))
        }
        let questions = hiddenReason != nil ? [] : input.signals.filter { $0.team == team }.map {
            TeamSummaryView.Question(title: $0.title, evidence: $0.evidence, alternatives: $0.alternatives, question: $0.question,
                                     alternativesText: $0.alternatives.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.joined(separator: "; "))
        }
        return TeamSummaryView(
            title: "Team summary: \(team), \(input.period)", team: team, period: input.period.description,
            periodStart: input.period.first.iso8601, periodEnd: input.period.last.iso8601, generatedAt: input.generatedAt,
            purpose: input.policy.purpose, k: String(k), teamShown: hiddenReason == nil,
            hiddenReason: hiddenReason.map { reasonText($0, k: k) } ?? "",
            rows: rows, trends: trends, hasTrends: !trends.isEmpty, changes: changes, hasChanges: !changes.isEmpty,
            questions: questions, hasQuestions: !questions.isEmpty,
            neverUsedFor: input.policy.prohibitedUses.joined(separator: ", "),
            replyTo: input.policy.email?.replyTo?.address ?? input.policy.email?.from.address ?? "", hasReplyTo: input.policy.email != nil,
            candorVersion: CandorVersion.string, policySHA256: input.policy.sha256)
    }
}
