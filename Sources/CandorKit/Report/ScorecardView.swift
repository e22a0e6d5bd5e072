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
        /// Significant shifts in the weekly series, each with its explanation or "unexplained".
        public var shifts: [String]
        public var hasShifts: Bool
    }
    public struct Dimension: Sendable {
        public var title: String
        public var metrics: [Metric]
    }
    public var dimensions: [Dimension]

    static let titles: [MetricDefinition.Dimension: String] = [.adoption: "Adoption", .quality: "Quality", .flow: "Flow",
                                                              .outcome: "Outcomes", .experience: "Experience", .trust: "Trust"]
    static let order: [MetricDefinition.Dimension] = [.adoption, .quality, .flow, .outcome, .experience, .trust]

    /// A value in its metric's unit.
    public static func format(_ value: Double, _ unit: MetricDefinition.Unit) -> String {
        switch unit {
        case .proportion: Format.percent(value)
        case .hours: Format.fixed(value, decimals: 1) + " h"
        case .days: Format.fixed(value, decimals: 1) + " d"
        case .perThousandLines: Format.fixed(value, decimals: 2)
        case .count: Format.count(Int(value.rounded()))
        case .linesPerDay, .perHundredDeployments, .perHundredPeople: Format.fixed(value, decimals: 1)
        }
    }

    /// "q-developer 92 of 92 days · copilot: no data in the period", for a metric's sources.
    static func completeness(_ m: MetricDefinition, _ card: Scorecard) -> String {
        if m.sources.isEmpty { return "the consent registry and dispute log" }
        return m.sources.map { source -> String in
            guard card.readable.contains(source) else { return "\(source.rawValue): not among this audience's datasets" }
            let days = card.sourceDays[source] ?? 0
            return days == 0 ? "\(source.rawValue): no data in the period" : "\(source.rawValue) \(days) of \(card.periodDays) days"
        }.joined(separator: " · ")
    }

    public static func build(_ card: Scorecard, changes: [ProgrammeChange]) -> ScorecardView {
        func row(_ v: MetricValue, _ unit: MetricDefinition.Unit) -> Row {
            let shown = v.label != .suppressed
            return Row(team: v.team ?? GovernanceViewBuilder.organisationLabel, shown: shown,
                       value: v.estimate.map { format($0, unit) } ?? "–",
                       interval: v.interval.map { "\(format($0.lower, unit))–\(format($0.upper, unit))" } ?? "–",
                       people: shown ? Format.count(v.people) : "", events: shown ? Format.count(v.events) : "",
                       label: v.label.rawValue, note: v.note ?? "")
        }
        let dimensions = order.map { dimension in
            Dimension(title: titles[dimension]!, metrics: MetricRegistry.all.filter { $0.dimension == dimension }.map { m in
                let values = card.values[m.id] ?? []
                let touching = changes.filter { $0.metrics.contains(m.id) }.map { "\($0.day.iso8601): \($0.description)" }
                let shifts = card.shifts.filter { $0.metric == m.id }.map { shift -> String in
                    "\(shift.team ?? GovernanceViewBuilder.organisationLabel), from the week of \(shift.week.iso8601): \(format(shift.before, m.unit)) → "
                        + "\(format(shift.after, m.unit)) (Pettitt test, permutation p = \(Format.fixed(shift.pValue, decimals: 3))): "
                        + (shift.explanation.map { "coincides with \($0.day.iso8601) \($0.description)" } ?? "unexplained shift — worth discussing")
                }
                return Metric(id: m.id, name: m.name, kind: m.kind.rawValue, pairedName: MetricRegistry.metric(m.pairedWith)?.name ?? m.pairedWith,
                              pairedId: m.pairedWith, definition: m.definition, decision: m.decision, caveats: m.caveats,
                              neverUsedFor: m.neverUsedFor.joined(separator: "; "), formula: m.formula, intervalMethod: m.interval, unit: m.unit.rawValue,
                              rows: values.filter { $0.team != nil }.map { row($0, m.unit) },
                              organisation: values.last(where: { $0.team == nil }).map { row($0, m.unit) }
                                ?? row(.noData(m.id, team: nil), m.unit),
                              changes: touching, hasChanges: !touching.isEmpty,
                              chart: WeeklyChart.build(id: "trend-" + m.id.replacingOccurrences(of: ".", with: "-"), metric: m, subject: "organisation",
                                                       series: card.weekly[m.id] ?? [], changes: changes.filter { $0.metrics.contains(m.id) },
                                                       shifts: card.shifts.filter { $0.metric == m.id && $0.team == nil }),
                              completeness: completeness(m, card),
                              shifts: shifts, hasShifts: !shifts.isEmpty)
            })
        }
        return ScorecardView(dimensions: dimensions)
    }
}
