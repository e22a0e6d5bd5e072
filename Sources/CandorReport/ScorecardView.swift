import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The scorecard section's view model: per dimension, per metric, one row per team (alphabetical)
/// and the organisation, every value with its interval, n and label. Pure; all strings formatted.
public struct ScorecardView: Sendable {
    public struct Row: Sendable {
        public var team: String
        public var shown: Bool
        public var value: String
        public var interval: String
        public var people: String
        public var events: String
        public var label: String
        public var note: String
        /// The same metric per assistant, for metrics that combine assistants (each with its own interval).
        public var parts: [Row] = []
    }
    public struct Metric: Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var pairedName: String
        public var pairedId: String
        public var definition: String
        public var decision: String
        public var caveats: [String]
        public var neverUsedFor: String
        public var formula: String
        public var intervalMethod: String
        public var unit: String
        public var rows: [Row]
        public var organisation: Row
        public var changes: [String]
        public var hasChanges: Bool
        public var chart: WeeklyChart?
        public var hasChart: Bool { chart != nil }
        /// Completeness: per source, days with data of the days in the period, or why there is none.
        public var completeness: String
        /// The organisation's value against the previous period, with whether it moved and what may explain it.
        public var sincePrevious: String
        public var hasSincePrevious: Bool
        /// Significant shifts in the weekly series, each with its explanation or "unexplained".
        public var shifts: [String]
        public var hasShifts: Bool
    }
    public struct Dimension: Sendable {
        public var title: String
        public var metrics: [Metric]
    }
    public var dimensions: [Dimension]
    /// The organisation's significant moves since the previous quarter, one line each (the one-page summary).
    public var moves: [String] = [] { didSet { hasMoves = !moves.isEmpty } }
    /// Stored: the templates read stored properties only.
    public var hasMoves = false

    static let titles: [MetricDefinition.Dimension: String] = [.adoption: "Adoption", .quality: "Quality", .flow: "Flow",
                                                              .outcome: "Outcomes", .experience: "Experience", .trust: "Trust"]
    static let order: [MetricDefinition.Dimension] = [.adoption, .quality, .flow, .outcome, .experience, .trust]

    /// A value in its metric's unit.
    public static func format(_ value: Double, _ unit: MetricDefinition.Unit) -> String { unit.format(value) }

    /// "q-developer 92 of 92 days · copilot: no data in the period", for a metric's sources.
    static func completeness(_ m: MetricDefinition, _ card: Scorecard) -> String {
        if m.sources.isEmpty { return "the consent registry and dispute log" }
        return m.sources.map { source -> String in
            if card.securityOutcomesRead && [.codeGuruSecurity, .sarif].contains(source)
                && MetricRegistry.securityOutcomeMetrics.contains(m.id) {
                return "\(source.rawValue): counts and dates through the security-outcome tier"
            }
            guard card.readable.contains(source) else { return "\(source.rawValue): not among this audience's datasets" }
            let days = card.sourceDays[source] ?? 0
            return days == 0 ? "\(source.rawValue): no data in the period" : "\(source.rawValue) \(days) of \(card.periodDays) days"
        }.joined(separator: " · ")
    }

    /// "Organisation: 30.1% (…) in 2026-Q2 → 32.8% (…): a significant rise (z = 4.10, p < 0.001); changes that may explain it: …"
    /// Significance is the period's family's verdict (``TestFamily``); without one (a scorecard built
    /// outside a report) the change is judged on its own at `TestFamily.perTest`.
    static func sincePrevious(_ m: MetricDefinition, now: MetricValue?, before: MetricValue?, previous: Period?, changes: [ProgrammeChange],
                              family: TestFamily) -> String {
        guard let now, let before, let previous, let a = now.estimate, let b = before.estimate,
              now.label != .suppressed, before.label != .suppressed else { return "" }
        func shown(_ v: MetricValue, _ e: Double) -> String {
            format(e, m.unit) + (v.interval.map { " (95% \(format($0.lower, m.unit))–\(format($0.upper, m.unit)))" } ?? "")
        }
        var text = "Organisation: \(shown(before, b)) in \(previous) → \(shown(now, a))"
        if let reason = Movement.untestable[m.id] { return text + ": \(reason)." }
        guard let (test, significant) = family.judge(before, now) else {
            return text + ": too little evidence in one of the quarters to say whether it moved."
        }
        let p = test.p < 0.001 ? "p < 0.001" : "p = \(Format.fixed(test.p, decimals: 3))"
        guard significant else { return text + ": no significant change (\(test.statistic), \(p))." }
        text += ": a significant \(test.direction > 0 ? "rise" : "fall") (\(test.statistic), \(p))"
        // Only changes inside the later quarter's window (its days and the 14 before): one in the middle of
        // the earlier quarter shaped both quarters' values and explains no move between them.
        let from = ProgrammeChange.windowStart(of: Period(containing: previous.last.adding(days: 1)))
        let touching = changes.filter { $0.metrics.contains(m.id.rawValue) && $0.day >= from }
        return text + (touching.isEmpty ? "; no recorded change touching this metric falls between \(from.iso8601) and the quarter's end, so the reason is worth discussing."
            : "; a recorded change in that window touches this metric — check that it applied to the work measured before crediting it: "
                + touching.map { "\($0.day.iso8601) \($0.description)" }.joined(separator: "; ") + ".")
    }

    public static func build(_ card: Scorecard, changes: [ProgrammeChange], before: Scorecard? = nil, previous: Period? = nil,
                             changesSincePrevious: [ProgrammeChange] = [], family: TestFamily = .perTest(alpha: 0.01)) -> ScorecardView {
        func row(_ v: MetricValue, _ unit: MetricDefinition.Unit, name: String? = nil) -> Row {
            let shown = v.label != .suppressed
            let team = v.team ?? GovernanceViewBuilder.organisationLabel
            var r = Row(team: name ?? team, shown: shown,
                        value: v.estimate.map { format($0, unit) } ?? "–",
                        interval: v.interval.map { "\(format($0.lower, unit))–\(format($0.upper, unit))" } ?? "–",
                        people: shown ? Format.count(v.people) : "", events: shown ? Format.count(v.events) : "",
                        label: v.label.rawValue, note: ((v.note.map { [$0] } ?? []) + (shown ? v.disputes : [])).joined(separator: "; "))
            // Parts only beside a shown whole, and only where more than one assistant was used.
            if shown && v.estimate != nil && v.parts.count > 1 {
                r.parts = v.parts.keys.sorted().map { row(v.parts[$0]!, unit, name: "\(team): \($0.name)") }
            }
            return r
        }
        func since(_ m: MetricDefinition) -> String {
            sincePrevious(m, now: card.values[m.id]?.last { $0.team == nil }, before: before?.values[m.id]?.last { $0.team == nil },
                          previous: previous, changes: changesSincePrevious, family: family)
        }
        let dimensions = order.map { dimension in
            Dimension(title: titles[dimension]!, metrics: MetricRegistry.all.filter { $0.dimension == dimension }.map { m in
                let values = card.values[m.id] ?? []
                let touching = changes.filter { $0.metrics.contains(m.id.rawValue) }.map { "\($0.day.iso8601): \($0.description)" }
                let shifts = card.shifts.filter { $0.metric == m.id }.map { shift -> String in
                    "\(shift.team ?? GovernanceViewBuilder.organisationLabel), from the week of \(shift.week.iso8601): \(format(shift.before, m.unit)) → "
                        + "\(format(shift.after, m.unit)) (Pettitt test, permutation p = \(Format.fixed(shift.pValue, decimals: 3))): "
                        + (shift.explanation.map { "coincides with \($0.day.iso8601) \($0.description)" } ?? "unexplained shift — worth discussing")
                }
                return Metric(id: m.id.rawValue, name: m.name, kind: m.kind.rawValue,
                              pairedName: MetricRegistry.metric(m.pairedWith)?.name ?? m.pairedWith.rawValue, pairedId: m.pairedWith.rawValue, definition: m.definition, decision: m.decision, caveats: m.caveats,
                              neverUsedFor: m.neverUsedFor.joined(separator: "; "), formula: m.formula, intervalMethod: m.interval, unit: m.unit.rawValue,
                              rows: values.filter { $0.team != nil }.map { row($0, m.unit) },
                              organisation: values.last(where: { $0.team == nil }).map { row($0, m.unit) }
                                ?? row(.noData(m.id, team: nil), m.unit),
                              changes: touching, hasChanges: !touching.isEmpty,
                              chart: WeeklyChart.build(id: "trend-" + m.id.rawValue.replacingOccurrences(of: ".", with: "-"), metric: m, subject: "organisation",
                                                       series: card.weekly[m.id] ?? [], changes: changes.filter { $0.metrics.contains(m.id.rawValue) },
                                                       shifts: card.shifts.filter { $0.metric == m.id && $0.team == nil }),
                              completeness: completeness(m, card),
                              sincePrevious: since(m), hasSincePrevious: !since(m).isEmpty,
                              shifts: shifts, hasShifts: !shifts.isEmpty)
            })
        }
        // The one-page summary's "what changed": each metric whose organisation value moved significantly
        // under the period's family (the same verdict as its section's sentence).
        var moves: [String] = []
        for m in order.flatMap({ d in MetricRegistry.all.filter { $0.dimension == d } }) {
            guard let previous, let now = card.values[m.id]?.last(where: { $0.team == nil }), let then = before?.values[m.id]?.last(where: { $0.team == nil }),
                  let a = now.estimate, let b = then.estimate, now.label != .suppressed, then.label != .suppressed, Movement.untestable[m.id] == nil,
                  let (test, significant) = family.judge(then, now), significant else { continue }
            func shown(_ v: MetricValue, _ e: Double) -> String {
                format(e, m.unit) + (v.interval.map { " (95% \(format($0.lower, m.unit))–\(format($0.upper, m.unit)))" } ?? "")
            }
            let p = test.p < 0.001 ? "p < 0.001" : "p = \(Format.fixed(test.p, decimals: 3))"
            moves.append("\(m.name) \(test.direction > 0 ? "rose" : "fell"), organisation: \(shown(then, b)) in \(previous) → \(shown(now, a)); \(p)")
        }
        var view = ScorecardView(dimensions: dimensions)
        // The summary holds one page: at most five moves, then how many more the sections below give.
        view.moves = moves.count <= 5 ? moves : Array(moves.prefix(4)) + ["and \(moves.count - 4) more, each in its metric's section below."]
        return view
    }
}
