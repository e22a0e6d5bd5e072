import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// Decisions and metric bloat: what the board decided in the period, what each decision relied on,
/// and which metrics no decision has used for two quarters (candidates to retire). Pure.
public struct DecisionsView: Sendable {
    public var decisions: [String]
    public var hasDecisions: Bool
    public var retire: [String]
    public var hasRetire: Bool
    /// Recorded decisions the policy does not carry out (a retirement it does not list, a metric kept
    /// that it still retires).
    public var unreflected: [String]
    public var hasUnreflected: Bool
    /// Stored: the templates read stored properties only.
    public var unreflectedCount = ""
    /// The policy's retirements in force this quarter or from the next.
    public var retired: [String]
    public var hasRetired: Bool
    /// Decisions whose review date falls by the end of the next quarter (or has passed), for the one-page summary.
    public var due: [String] = [] { didSet { hasDue = !due.isEmpty } }
    /// Stored: the templates read stored properties only.
    public var hasDue = false

    /// The quarter before `period` and `period` itself: the window a metric must have been used in.
    static func window(_ period: Period) -> (Day, Day) {
        (period.previous.first, period.last)
    }

    public static func build(period: Period, decisions: [DecisionEntry], audit: [AuditEntry], retired: [RetiredMetric] = []) -> DecisionsView {
        let inPeriod = decisions.filter { $0.day >= period.first && $0.day <= period.last }
        let lines = inPeriod.map { d -> String in
            // Provenance: the newest governance review candor wrote before the decision, with its SHA-256.
            let before = audit.filter { ($0.command.hasPrefix("run") || $0.command.hasPrefix("report governance")) && $0.time < d.day.iso8601 }
            let relied = before.last?.outputs.first { $0.contains("governance.html") }
            let provenance = relied.map { output -> String in
                let parts = output.split(separator: " ")
                return "relied on \(parts.first.map(String.init) ?? output) (SHA-256 \(parts.last.map { String($0.prefix(12)) } ?? "?")…, written \(before.last!.time))"
            } ?? "no candor report was written before it"
            let what = [d.metric.map { "metric \($0)" }, d.action.map { "action: \($0)" }].compactMap { $0 }.joined(separator: ", ")
            let accountable = [d.approver.map { "approved by \($0)" }, d.alternatives.map { "alternatives considered: \($0)" },
                               d.review.map { "to be reviewed by \($0)" }].compactMap { $0 }
            return "\(d.day.iso8601): \(d.decision)" + (what.isEmpty ? "" : " (\(what))") + " — \(provenance)"
                + (accountable.isEmpty ? "" : "; " + accountable.joined(separator: "; "))
        }
        // A decision takes effect through the policy, from the quarter after it: one the policy does not
        // carry out is said, in every review from the decision on.
        // Only each metric's latest retire or keep decision counts: a retirement the board reversed is not
        // one the policy should carry out.
        let keeping: Set<String> = ["keep", "reinstate", "restore"]
        var latest: [String: DecisionEntry] = [:]
        for d in decisions where d.day <= period.last {
            guard let metric = d.metric, let action = d.action, action == "retire" || keeping.contains(action) else { continue }
            if latest[metric].map({ $0.day <= d.day }) ?? true { latest[metric] = d }
        }
        var unreflected: [String] = []
        for (metric, d) in latest.sorted(by: { ($0.value.day, $0.key) < ($1.value.day, $1.key) }) {
            let decided = Period(containing: d.day), effective = decided.next
            let entries = retired.filter { $0.metric == metric }
            if d.action == "retire", !entries.contains(where: { $0.decision == d.day || $0.from == effective }) {
                unreflected.append("The decision of \(d.day) to retire \(metric) is not in the policy: until its retired_metrics lists it "
                                   + "(from \(effective)), the metric is still published.")
            } else if d.action != "retire", let entry = entries.first(where: { $0.covers(effective) }) {
                let fix = entry.from > decided ? "remove that entry" : "set until: \(decided) on that entry"
                unreflected.append("The decision of \(d.day) to \(d.action ?? "keep") \(metric) is not in the policy: it still retires the metric from \(entry.from)"
                                   + " (\(fix) to publish it again).")
            }
        }
        let shown = retired.filter { $0.covers(period) || $0.covers(period.next) }
            .sorted { ($0.from, $0.metric) < ($1.from, $1.metric) }
            .map { r in "\(MetricRegistry.all.first { $0.id.rawValue == r.metric }.map { "\($0.name) (\(r.metric))" } ?? r.metric): \(r.note)" }
        let retiredNow = Set(retired.filter { $0.covers(period) }.map(\.metric))
        let (from, to) = window(period)
        let used = Set(decisions.filter { $0.day >= from && $0.day <= to }.compactMap(\.metric))
        let retire = MetricRegistry.all.filter { !used.contains($0.id.rawValue) && !retiredNow.contains($0.id.rawValue) }.map { "\($0.name) (\($0.id))" }
        let due = decisions.filter { d in d.day <= period.last && (d.review.map { $0 <= period.next.last } ?? false) }
            .sorted { ($0.review!, $0.day) < ($1.review!, $1.day) }
            .map { d in "Review \(d.review! <= period.last ? "was due on" : "due by") \(d.review!): \(d.decision) (decided \(d.day)\(d.metric.map { ", \($0)" } ?? ""))" }
        var view = DecisionsView(decisions: lines, hasDecisions: !lines.isEmpty, retire: retire, hasRetire: !retire.isEmpty,
                                 unreflected: unreflected, hasUnreflected: !unreflected.isEmpty, retired: shown, hasRetired: !shown.isEmpty)
        view.unreflectedCount = Format.count(unreflected.count)
        // The summary holds one page: at most four decisions due, then how many more.
        view.due = due.count <= 4 ? due : Array(due.prefix(3)) + ["and \(due.count - 3) more decisions due for review."]
        return view
    }
}
