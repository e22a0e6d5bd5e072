import CandorVocabulary
import Foundation
import Yams

/// A metric the governance board retired: from the quarter `from` (the one after its decision) it is
/// computed no more and every report says so in its place; `until`, when the board adds it back, is
/// the last quarter it stays retired.
///
///     retired_metrics:
///       - metric: ai.accepted_lines_per_active_day
///         from: 2026-Q4
///         decision: 2026-09-29
public struct RetiredMetric: Sendable, Equatable {
    public var metric: String
    public var from: Period
    public var until: Period?
    /// The decision that retired it (a day of the decisions input).
    public var decision: Day?
    /// The policy line, for messages.
    public var line: Int?

    public init(metric: String, from: Period, until: Period? = nil, decision: Day? = nil, line: Int? = nil) {
        self.metric = metric
        self.from = from
        self.until = until
        self.decision = decision
        self.line = line
    }

    public func covers(_ period: Period) -> Bool { from <= period && (until.map { period <= $0 } ?? true) }

    /// What a report says in the place of the retired metric's figures.
    public var note: String {
        "retired by the governance board from \(from)" + (decision.map { " (decision of \($0))" } ?? "")
            + (until.map { ", until \($0)" } ?? "")
    }

    static func parse(_ node: Node?, path: String) throws -> [RetiredMetric] {
        guard let node else { return [] }
        let example = "for example:  retired_metrics: [{metric: ai.accepted_lines_per_active_day, from: 2026-Q4, decision: 2026-09-29}]"
        guard let list = node.sequence else {
            throw PolicyError(path: path, line: node.mark?.line, message: "retired_metrics must be a list", hint: example)
        }
        var out: [RetiredMetric] = []
        for item in list {
            let line = item.mark?.line
            guard let map = item.mapping else {
                throw PolicyError(path: path, line: line, message: "each retired metric is a mapping of metric, from and (optionally) decision and until", hint: example)
            }
            var metric: String?, from: Period?, until: Period?, decision: Day?
            for (key, value) in map {
                let text = value.string ?? ""
                switch key.string ?? "" {
                case "metric":
                    guard text.contains("."), text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }) else {
                        throw PolicyError(path: path, line: value.mark?.line, message: "'\(text)' is not a metric id",
                                          hint: "metric ids look like ai.acceptance_rate (see docs/metrics.md)")
                    }
                    metric = text
                case "from", "until":
                    guard let period = Period(text) else {
                        throw PolicyError(path: path, line: value.mark?.line, message: "\(key.string ?? "") '\(text)' is not a quarter",
                                          hint: "write it as YYYY-Qn, e.g. 2026-Q4 (a metric is retired from the quarter after its decision)")
                    }
                    if key.string == "from" { from = period } else { until = period }
                case "decision":
                    guard let day = Day.parse(text) else {
                        throw PolicyError(path: path, line: value.mark?.line, message: "decision '\(text)' is not a date",
                                          hint: "the day of the board's decision, as in the decisions input: YYYY-MM-DD")
                    }
                    decision = day
                default:
                    throw PolicyError(path: path, line: key.mark?.line, message: "unknown key '\(key.string ?? "")' in a retired metric",
                                      hint: "the keys are metric, from, until and decision")
                }
            }
            guard let metric, let from else {
                throw PolicyError(path: path, line: line, message: "a retired metric needs its metric and the quarter it is retired from", hint: example)
            }
            if let until, until < from {
                throw PolicyError(path: path, line: line, message: "until \(until) is before from \(from)", hint: "until is the last quarter the metric stays retired")
            }
            if let decision, Period(containing: decision) >= from {
                throw PolicyError(path: path, line: line, message: "\(metric) is retired from \(from), the quarter of its decision (\(decision)) or before",
                                  hint: "a retirement takes effect from the quarter after the decision: from: \(Period(containing: decision).next)")
            }
            if out.contains(where: { $0.metric == metric && ($0.covers(from) || covers(from: from, until: until, period: $0.from)) }) {
                throw PolicyError(path: path, line: line, message: "\(metric) is retired twice over the same quarters", hint: "keep one entry per span of quarters")
            }
            out.append(RetiredMetric(metric: metric, from: from, until: until, decision: decision, line: line))
        }
        return out
    }

    private static func covers(from: Period, until: Period?, period: Period) -> Bool {
        from <= period && (until.map { period <= $0 } ?? true)
    }
}
