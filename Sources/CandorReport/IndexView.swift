import CandorVocabulary
import CandorPolicy
import CandorAnalysis

/// The index of a report folder (issue 21): every quarter's reports, and per metric a trend across
/// every quarter the folder holds — the organisation and each team (a team hidden in every quarter
/// keeps its row, saying why), values with intervals, the
/// programme changes that touch the metric marked — with each team's quarter-on-quarter change tested.
///
/// It reads only what the quarters' reviews published (their `figures.json`): a value hidden there is
/// hidden here, so disclosure control is the reviews' own and the index adds no figure; what it derives
/// — a change between two published values — reveals nothing the two do not.
public struct IndexView: Sendable {
    public struct Quarter: Sendable {
        public var period: String
        public var folder: String
        public var hasTeams: Bool
        public var registry: String
        public var k: String
    }
    public struct Cell: Sendable {
        public var shown: Bool
        public var value: String
        public var interval: String
        public var label: String
        /// Why there is no value (hidden, retired, no data), from the quarter's figures.
        public var note: String
        public var hasChange: Bool
        public var change: String
        public var significant: Bool
    }
    public struct Row: Sendable {
        public var label: String
        public var isOrganisation: Bool
        public var cells: [Cell]
    }
    public struct Column: Sendable {
        public var period: String
        /// A programme change or definition change touching the metric falls in this quarter.
        public var marked: Bool
    }
    public struct Line: Sendable { public var text: String }
    public struct Metric: Sendable {
        public var id: String
        public var name: String
        public var dimension: String
        public var kind: String
        public var columns: [Column]
        public var rows: [Row]
        public var changes: [Line]
        public var hasChanges: Bool
        public var notes: [Line]
        public var hasNotes: Bool
    }

    public var title: String
    public var generatedAt: String
    public var purpose: String
    public var quarters: [Quarter]
    public var metrics: [Metric]
    public var hasMetrics: Bool
    public var unread: [Line]
    public var hasUnread: Bool
    public var tests: Int
    public var discoveries: Int
    public var familyNote: String
}

/// Builds the index from the figures the folder's quarters published. Pure.
public enum IndexBuilder {
    public struct Inputs: Sendable {
        /// Each quarter's published figures, with the folder they are in (relative to the index).
        public var published: [(period: Period, figures: FiguresFile, hasTeams: Bool)]
        /// Figures files that could not be read, with why: listed, never silently left out.
        public var unread: [(path: String, reason: String)]
        public var changes: [ProgrammeChange]
        public var policy: Policy
        public var generatedAt: String

        public init(published: [(period: Period, figures: FiguresFile, hasTeams: Bool)], unread: [(path: String, reason: String)],
                    changes: [ProgrammeChange], policy: Policy, generatedAt: String) {
            self.published = published
            self.unread = unread
            self.changes = changes
            self.policy = policy
            self.generatedAt = generatedAt
        }
    }

    /// One quarter-on-quarter test: a metric's value for one scope in two consecutive quarters.
    struct Test: Hashable {
        var metric: String, scope: String, period: Period
    }

    public static func build(_ input: Inputs) -> IndexView {
        let published = input.published.sorted { $0.period < $1.period }
        let periods = published.map(\.period)
        // Scorecard figures of the organisation and each team, overall (no per-assistant part).
        func key(_ r: FiguresFile.Row) -> String { r.scope == "organisation" ? "" : r.name }
        var cells: [String: [String: [Period: FiguresFile.Row]]] = [:]   // metric → scope → period → row
        for q in published {
            for r in q.figures.rows where r.table == "scorecard" && r.part.isEmpty && (r.scope == "organisation" || r.scope == "team") {
                cells[r.metric, default: [:]][key(r), default: [:]][q.period] = r
            }
        }

        // Every change between consecutive quarters both published, under one definition, each with an
        // interval: a z-test of the difference with standard errors from the two intervals (Altman &
        // Bland 2003, BMJ 326:219), judged together under the policy's false discovery rate (Benjamini &
        // Hochberg 1995). For medians the interval-derived standard error is an approximation.
        var pValues: [Test: (p: Double, difference: Double)] = [:]
        for (metric, scopes) in cells {
            for (scope, byPeriod) in scopes {
                for (before, after) in zip(periods, periods.dropFirst()) where after == before.next {
                    guard let a = byPeriod[before], let b = byPeriod[after], a.status == "shown", b.status == "shown",
                          a.metricVersion == b.metricVersion, let x = a.value, let y = b.value,
                          let al = a.lower, let au = a.upper, let bl = b.lower, let bu = b.upper,
                          let test = SignalStatistics.difference(before: x, ValueInterval(lower: al, upper: au),
                                                                 after: y, ValueInterval(lower: bl, upper: bu)) else { continue }
                    pValues[Test(metric: metric, scope: scope, period: after)] = (test.p, y - x)
                }
            }
        }
        let order = pValues.keys.sorted { ($0.metric, $0.scope, $0.period) < ($1.metric, $1.scope, $1.period) }
        let adjusted = Dictionary(uniqueKeysWithValues: zip(order, BenjaminiHochberg.adjusted(order.map { pValues[$0]!.p })))
        let alpha = input.policy.signals.alpha

        var metrics: [IndexView.Metric] = []
        for definition in MetricRegistry.all {
            let id = definition.id.rawValue
            guard let scopes = cells[id] else { continue }
            let touching = input.changes.filter { $0.metrics.isEmpty || $0.metrics.contains(id) }
            let columns = periods.map { p in
                IndexView.Column(period: p.description, marked: touching.contains { $0.day >= p.first && $0.day <= p.last })
            }
            // Alphabetically as the reviews list them (case-insensitive), never a ranking.
            let teams = scopes.keys.filter { !$0.isEmpty }.sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
            let rows = ([""] + teams).compactMap { scope -> IndexView.Row? in
                guard let byPeriod = scopes[scope] else { return nil }
                let row = periods.map { p -> IndexView.Cell in
                    guard let r = byPeriod[p] else {
                        return IndexView.Cell(shown: false, value: "", interval: "", label: "", note: "not in this quarter's figures",
                                              hasChange: false, change: "", significant: false)
                    }
                    guard r.status == "shown", let value = r.value else {
                        let why = r.reason.isEmpty ? (r.status == "hidden" ? "hidden" : "no data") : r.reason
                        return IndexView.Cell(shown: false, value: "", interval: "", label: "", note: why, hasChange: false, change: "", significant: false)
                    }
                    var cell = IndexView.Cell(shown: true, value: definition.unit.format(value),
                                              interval: r.lower.flatMap { l in r.upper.map { definition.unit.format(l) + "–" + definition.unit.format($0) } } ?? "no interval",
                                              label: r.label, note: "", hasChange: false, change: "", significant: false)
                    let test = Test(metric: id, scope: scope, period: p)
                    if let t = pValues[test], let q = adjusted[test] {
                        cell.hasChange = true
                        cell.significant = q <= alpha
                        cell.change = Self.difference(t.difference, unit: definition.unit) + " since " + p.previous.description
                            + (cell.significant ? ": a change worth discussing (adjusted p \(Self.p(q)))" : ", within noise")
                    } else if let before = byPeriod[p.previous], before.status == "shown", before.metricVersion != r.metricVersion {
                        cell.hasChange = true
                        cell.change = "definition changed since \(p.previous.description): not compared"
                    }
                    return cell
                }
                return IndexView.Row(label: scope.isEmpty ? "Organisation" : scope, isOrganisation: scope.isEmpty, cells: row)
            }
            let changes = touching.filter { c in periods.contains { c.day >= $0.first && c.day <= $0.last } }
                .sorted { ($0.day, $0.description) < ($1.day, $1.description) }
                .map { IndexView.Line(text: "\($0.day) (\(Period(containing: $0.day))): \($0.description)") }
            var notes: [IndexView.Line] = []
            for p in periods {
                // Once per retirement, in the first quarter of the folder it covers.
                if let retired = input.policy.retirement(of: id, in: p), p == retired.from || (retired.from < p && p == periods.first) {
                    notes.append(IndexView.Line(text: "Retired by the policy from \(retired.from)" + (retired.until.map { " until \($0)" } ?? "")
                                                + (retired.decision.map { " (decision of \($0))" } ?? "") + ": not published in the quarters it covers."))
                }
            }
            metrics.append(IndexView.Metric(id: id, name: definition.name, dimension: definition.dimension.rawValue.capitalized,
                                            kind: definition.kind.rawValue, columns: columns, rows: rows,
                                            changes: changes, hasChanges: !changes.isEmpty, notes: notes, hasNotes: !notes.isEmpty))
        }

        let discoveries = adjusted.values.filter { $0 <= alpha }.count
        let familyNote = pValues.isEmpty
            ? "No two consecutive quarters both published a value with an interval: nothing is compared."
            : "Every quarter-on-quarter change of a value with an interval is tested (a z-test of the difference, each standard error from its published 95% interval: Altman & Bland 2003; for medians an approximation), and the \(pValues.count) tests in this index are judged together at a false discovery rate of \(Format.percent(alpha, decimals: 0)) (Benjamini–Hochberg): \(discoveries) \(discoveries == 1 ? "is a change" : "are changes") worth discussing. A change is a question, not a finding."
        return IndexView(
            title: "Reports index", generatedAt: input.generatedAt, purpose: input.policy.purpose,
            quarters: published.map { IndexView.Quarter(period: $0.period.description, folder: $0.period.description, hasTeams: $0.hasTeams,
                                                        registry: $0.figures.registry, k: Format.count($0.figures.minimumGroupSize)) },
            metrics: metrics, hasMetrics: !metrics.isEmpty,
            unread: input.unread.sorted { $0.path < $1.path }.map { IndexView.Line(text: "\($0.path): \($0.reason)") }, hasUnread: !input.unread.isEmpty,
            tests: pValues.count, discoveries: discoveries, familyNote: familyNote)
    }

    /// A signed difference in the metric's unit: percentage points for a proportion.
    static func difference(_ d: Double, unit: MetricDefinition.Unit) -> String {
        let sign = d > 0 ? "+" : d < 0 ? "−" : "±"
        switch unit {
        case .proportion: return sign + Format.fixed(abs(d) * 100, decimals: 1) + " points"
        default: return sign + unit.format(abs(d))
        }
    }

    static func p(_ q: Double) -> String { q < 0.001 ? "< 0.001" : "= " + Format.fixed(q, decimals: 3) }
}
