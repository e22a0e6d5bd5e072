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

    /// The quarter before `period` and `period` itself: the window a metric must have been used in.
    static func window(_ period: Period) -> (Day, Day) {
        (period.previous.first, period.last)
    }

    public static func build(period: Period, decisions: [DecisionEntry], audit: [AuditEntry]) -> DecisionsView {
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
            return "\(d.day.iso8601): \(d.decision)" + (what.isEmpty ? "" : " (\(what))") + " — \(provenance)"
        }
        let (from, to) = window(period)
        let used = Set(decisions.filter { $0.day >= from && $0.day <= to }.compactMap(\.metric))
        let retire = MetricRegistry.all.filter { !used.contains($0.id.rawValue) }.map { "\($0.name) (\($0.id))" }
        return DecisionsView(decisions: lines, hasDecisions: !lines.isEmpty, retire: retire, hasRetire: !retire.isEmpty)
    }
}
