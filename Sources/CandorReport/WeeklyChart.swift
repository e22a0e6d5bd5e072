import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// A weekly trend as an inline SVG's view model: the series, its 95% band, an optional comparison
/// series (the organisation, in a team's summary), and markers for programme changes and detected
/// shifts. Every coordinate is a formatted string; `title` and `summary` make it readable without
/// sight (SVG `<title>` and `<desc>`, referenced by `aria-labelledby`). Pure.
public struct WeeklyChart: Sendable {
    public struct Marker: Sendable { public var x: String; public var label: String; public var kind: String }
    public struct Tick: Sendable { public var y: String; public var label: String }
    /// A unique id within the page, for `aria-labelledby`.
    public var id: String
    public var title: String
    public var summary: String
    public var caption: String
    public var points: String
    /// The 95% band as a closed polygon (upper edge left to right, lower edge back); empty if none.
    public var band: String
    public var hasBand: Bool
    public var comparison: String
    public var hasComparison: Bool
    public var comparisonLabel: String
    public var dots: [Marker]
    public var markers: [Marker]
    public var ticks: [Tick]
    public var first: String
    public var last: String

    /// Plot geometry: a 600 × 160 box, the y axis labels in the left 48 units, the dates below.
    static let width = 600.0, height = 160.0, left = 48.0, bottom = 20.0

    /// The chart of `series` (at least two weeks), or nil.
    /// - Parameters:
    ///   - comparison: a second series drawn thin and dashed (e.g. the organisation beside a team).
    ///   - subject: whose series it is ("organisation", or the team's name), for the title.
    public static func build(id: String, metric m: MetricDefinition, subject: String, series: [WeeklyPoint],
                             comparison: [WeeklyPoint] = [], comparisonLabel: String = "", changes: [ProgrammeChange], shifts: [Shift]) -> WeeklyChart? {
        guard series.count >= 2, let firstWeek = series.first?.week, let lastWeek = series.last?.week else { return nil }
        let shownComparison = comparison.filter { $0.week >= firstWeek && $0.week <= lastWeek }
        var values = series.map(\.value) + shownComparison.map(\.value)
        values += series.compactMap(\.lower) + series.compactMap(\.upper)
        let unitScale = m.unit == .proportion ? 100.0 : 1.0
        var low = ((values.min()! * unitScale).rounded(.down) - 1) / unitScale
        var high = ((values.max()! * unitScale).rounded(.up) + 1) / unitScale
        if m.unit == .proportion { low = max(0, low); high = min(1, high) }
        if m.unit != .proportion { low = max(0, low) }
        if high <= low { high = low + 1 / unitScale }
        let span = Double(lastWeek.dayNumber - firstWeek.dayNumber)
        func x(_ day: Day) -> Double { left + (width - left - 8) * Double(day.dayNumber - firstWeek.dayNumber) / max(1, span) }
        func y(_ v: Double) -> Double { 8 + (height - bottom - 8) * (1 - (v - low) / (high - low)) }
        func f(_ v: Double) -> String { Format.fixed(v, decimals: 1) }
        func polyline(_ points: [WeeklyPoint]) -> String { points.map { "\(f(x($0.week))),\(f(y($0.value)))" }.joined(separator: " ") }
        let format = { (v: Double) in ScorecardView.format(v, m.unit) }

        let banded = series.filter { $0.lower != nil && $0.upper != nil }
        let band = banded.count == series.count
            ? (banded.map { "\(f(x($0.week))),\(f(y($0.upper!)))" } + banded.reversed().map { "\(f(x($0.week))),\(f(y($0.lower!)))" }).joined(separator: " ")
            : ""
        let dots = series.map { p -> Marker in
            let interval = p.lower.flatMap { lo in p.upper.map { "; 95% interval \(format(lo))–\(format($0))" } } ?? ""
            return Marker(x: f(x(p.week)), label: f(y(p.value)), kind: "week of \(p.week.iso8601): \(format(p.value))\(interval)")
        }
        var markers = changes.filter { $0.day >= firstWeek && $0.day <= lastWeek.adding(days: 6) }
            .map { Marker(x: f(x($0.day)), label: "\($0.day.iso8601): \($0.description)", kind: "change") }
        markers += shifts.map { Marker(x: f(x($0.week)), label: "shift from the week of \($0.week.iso8601)", kind: "shift") }
        let ticks = [low, (low + high) / 2, high].map { Tick(y: f(y($0)), label: format($0)) }

        let first = series.first!, last = series.last!
        let lowest = series.min { $0.value < $1.value }!, highest = series.max { $0.value < $1.value }!
        var summary = "\(series.count) weeks from \(firstWeek.iso8601) to \(lastWeek.iso8601): \(format(first.value)) in the first week, "
            + "\(format(last.value)) in the last; lowest \(format(lowest.value)) (week of \(lowest.week.iso8601)), "
            + "highest \(format(highest.value)) (week of \(highest.week.iso8601))."
        if !band.isEmpty { summary += " The shaded band is each week's 95% interval." }
        if !shownComparison.isEmpty, let c = shownComparison.last { summary += " The dashed line is the \(comparisonLabel) (\(format(c.value)) in its last week)." }
        let changeCount = markers.filter { $0.kind == "change" }.count, shiftCount = markers.count - changeCount
        if changeCount > 0 { summary += " \(changeCount) programme change\(changeCount == 1 ? "" : "s") marked." }
        if shiftCount > 0 { summary += " \(shiftCount) detected shift\(shiftCount == 1 ? "" : "s") marked." }
        var caption = "\(m.name), \(subject), by ISO week"
        var legend: [String] = []
        if !band.isEmpty { legend.append("shaded: 95% interval") }
        if !shownComparison.isEmpty { legend.append("dashed grey: \(comparisonLabel)") }
        if changeCount > 0 { legend.append("dashed brown: programme changes") }
        if shiftCount > 0 { legend.append("dotted red: detected shifts") }
        if !legend.isEmpty { caption += " (" + legend.joined(separator: "; ") + ")" }
        return WeeklyChart(id: id, title: "\(m.name), \(subject), weekly", summary: summary, caption: caption,
                           points: polyline(series), band: band, hasBand: !band.isEmpty, comparison: polyline(shownComparison),
                           hasComparison: !shownComparison.isEmpty, comparisonLabel: comparisonLabel,
                           dots: dots, markers: markers, ticks: ticks, first: firstWeek.iso8601, last: lastWeek.iso8601)
    }
}
