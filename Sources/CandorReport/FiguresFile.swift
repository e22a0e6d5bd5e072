import CandorAnalysis
import Foundation
import CandorPolicy
import CandorVocabulary

/// Every figure a period's governance review publishes, as data: `figures.csv` and `figures.json`
/// beside the reports (docs/reports.md, "Figures files"). One row per cell of the acceptance table
/// and of every scorecard metric (teams, the organisation, each assistant's part): its value, the
/// people or units it rests on, its events, its 95% interval and how it was computed, its confidence
/// label — or why it is hidden or empty. Built from the scorecard as shown (the period's disclosure
/// applied), so a hidden cell's value, n and interval are never in it. Pure.
public struct FiguresFile: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// `acceptance` (the acceptance table) or `scorecard`.
        public var table: String
        public var metric: String
        /// The metric definition's version (``MetricDefinition/version``) the value was computed under.
        public var metricVersion: Int
        /// `organisation`, `department` or `team`.
        public var scope: String
        /// The team or department; empty for the organisation.
        public var name: String
        /// An assistant's part (its raw name), or empty for the whole.
        public var part: String
        /// `shown`, `hidden` or `empty`.
        public var status: String
        public var value: Double?
        public var n: Int?
        public var events: Int?
        public var lower: Double?
        public var upper: Double?
        public var method: String
        public var label: String
        /// Why a cell is hidden or empty; empty when shown.
        public var reason: String
        /// The disputes on the cell (open, or upheld and what that did); empty for hidden cells.
        public var disputes: String = ""
    }

    public var period: String
    public var registry: String
    public var minimumGroupSize: Int
    public var rows: [Row]

    public static let columns = ["period", "table", "metric", "metric_version", "scope", "name", "part", "status", "value", "n", "events",
                                 "lower", "upper", "method", "label", "reason", "disputes"]

    /// The figures of the review `input` describes (its scorecard as shown, its acceptance table and disclosure decision).
    public static func build(_ input: GovernanceViewBuilder.Inputs) -> FiguresFile {
        guard let disclosure = input.disclosure else {
            preconditionFailure("figures were asked for before the period's disclosure was decided")
        }
        let k = input.policy.minimumGroupSize
        var rows: [Row] = []
        // The acceptance table: the organisation, then departments and teams in the table's order.
        let acceptance = MetricRegistry.acceptanceRate
        func acceptanceRow(_ figures: TeamAcceptance, scope: String, name: String, decision: CellDecision) -> Row {
            var row = Row(table: "acceptance", metric: acceptance.id.rawValue, metricVersion: acceptance.version, scope: scope, name: name,
                          part: "", status: "shown", value: nil, n: nil, events: nil, lower: nil, upper: nil,
                          method: figures.clusterSums != nil ? AcceptanceTable.aggregateMethod : AcceptanceTable.method, label: "", reason: "")
            if let reason = decision.reason {
                row.status = "hidden"
                row.method = ""
                row.reason = Self.reason(reason, k: k)
            } else if let rate = figures.rate {
                row.value = rate
                row.n = figures.people
                row.events = Int(figures.shown)
                row.lower = figures.interval?.lower
                row.upper = figures.interval?.upper
                row.label = ConfidenceLabel.label(people: figures.people, estimate: rate, lower: figures.interval?.lower,
                                                  upper: figures.interval?.upper).rawValue
                // The disputes on the metric's cell for this team or the organisation (a department has its own row, none).
                if scope != "department" {
                    row.disputes = (input.scorecard.values[acceptance.id]?.first { $0.team == (scope == "organisation" ? nil : name) }?.disputes ?? [])
                        .joined(separator: "; ")
                }
            } else {
                row.status = "empty"
                row.method = ""
                row.reason = "no inline suggestions in the period"
            }
            return row
        }
        rows.append(acceptanceRow(disclosure.table.organisation, scope: "organisation", name: "", decision: disclosure.organisation))
        for (entry, decision) in zip(disclosure.table.entries, disclosure.cells) {
            rows.append(acceptanceRow(entry.figures, scope: entry.isDepartment ? "department" : "team",
                                      name: entry.figures.team ?? "", decision: decision))
        }
        // The scorecard: metric by metric in the registry's order; teams alphabetically, then the organisation.
        let card = input.scorecard
        for metric in MetricRegistry.all {
            guard let list = card.values[metric.id] else { continue }
            for value in list {
                rows.append(scorecardRow(value, metric: metric, part: "", k: k))
                for (key, part) in value.parts.sorted(by: { $0.key < $1.key }) {
                    var row = scorecardRow(part, metric: metric, part: key.key, k: k)
                    // A survey item is a share of the respondents who answered it: one answer each.
                    if case .item = key, row.status == "shown", part.interval != nil { row.method = Self.itemMethod }
                    rows.append(row)
                }
            }
        }
        return FiguresFile(period: input.period.description, registry: MetricRegistry.version, minimumGroupSize: k, rows: rows)
    }

    /// How a satisfaction item's interval is computed.
    public static let itemMethod = "Wilson score interval with the respondents who answered the item as the trials"

    static func scorecardRow(_ value: MetricValue, metric: MetricDefinition, part: String, k: Int) -> Row {
        var row = Row(table: "scorecard", metric: metric.id.rawValue, metricVersion: metric.version, scope: value.team == nil ? "organisation" : "team",
                      name: value.team ?? "", part: part, status: "shown", value: nil, n: nil, events: nil, lower: nil, upper: nil,
                      method: metric.interval, label: "", reason: "")
        if value.label == .suppressed {
            row.status = "hidden"
            row.method = ""
            row.reason = value.note ?? "hidden"
        } else if let estimate = value.estimate {
            row.disputes = value.disputes.joined(separator: "; ")
            row.value = estimate
            row.n = value.people
            row.events = value.events
            row.lower = value.interval?.lower
            row.upper = value.interval?.upper
            if value.interval == nil { row.method = "no interval" }
            row.label = value.label.rawValue
            row.reason = value.note ?? ""
        } else {
            row.status = "empty"
            row.method = ""
            row.reason = value.note ?? "no data"
            row.disputes = value.disputes.joined(separator: "; ")
        }
        return row
    }

    static func reason(_ reason: SuppressionReason, k: Int) -> String {
        switch reason {
        case .fewerThanK(let k): "fewer than \(k) people"
        case .dominance: "one person contributed most of it"
        case .complementary, .uniform: "hidden so a smaller group's figures cannot be worked out"
        }
    }

    /// Numbers as the files write them: six decimals, so a recomputation can compare them exactly.
    static func number(_ v: Double?) -> String { v.map { Format.fixed($0, decimals: 6) } ?? "" }
    static func integer(_ v: Int?) -> String { v.map(String.init) ?? "" }

    /// `figures.csv`: a header, then one line per row (text cells quoted and neutralised for spreadsheets).
    public var csv: String {
        var lines = [Self.columns.joined(separator: ",")]
        for r in rows {
            lines.append([CSVCell.escape(period), r.table, r.metric, String(r.metricVersion), r.scope, CSVCell.escape(r.name), r.part, r.status,
                          Self.number(r.value), Self.integer(r.n), Self.integer(r.events), Self.number(r.lower), Self.number(r.upper),
                          CSVCell.escape(r.method), r.label, CSVCell.escape(r.reason), CSVCell.escape(r.disputes)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `figures.json`: the period, the registry version, the minimum group size and the rows, keys in a fixed order.
    public var json: String {
        func s(_ text: String) -> String { Self.jsonString(text) }
        func n(_ v: Double?) -> String { v.map { Format.fixed($0, decimals: 6) } ?? "null" }
        func i(_ v: Int?) -> String { v.map(String.init) ?? "null" }
        var out = "{\n  \"period\": \(s(period)),\n  \"metric_registry\": \(s(registry)),\n  \"minimum_group_size\": \(minimumGroupSize),\n  \"figures\": ["
        for (index, r) in rows.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"table\": \(s(r.table)), \"metric\": \(s(r.metric)), \"metric_version\": \(r.metricVersion), \"scope\": \(s(r.scope)), "
                + "\"name\": \(s(r.name)), \"part\": \(s(r.part)), \"status\": \(s(r.status)), \"value\": \(n(r.value)), \"n\": \(i(r.n)), "
                + "\"events\": \(i(r.events)), \"lower\": \(n(r.lower)), \"upper\": \(n(r.upper)), \"method\": \(s(r.method)), "
                + "\"label\": \(s(r.label)), \"reason\": \(s(r.reason)), \"disputes\": \(s(r.disputes))}"
        }
        out += rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension FiguresFile {
    /// Reads a `figures.json` this version or an earlier one wrote (for errata); nil when it is not one.
    public static func parse(json data: [UInt8]) -> FiguresFile? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
              let period = object["period"] as? String, let list = object["figures"] as? [[String: Any]] else { return nil }
        func text(_ row: [String: Any], _ key: String) -> String { row[key] as? String ?? "" }
        func number(_ row: [String: Any], _ key: String) -> Double? { (row[key] as? NSNumber)?.doubleValue }
        func integer(_ row: [String: Any], _ key: String) -> Int? { (row[key] as? NSNumber)?.intValue }
        let rows = list.map { r in
            Row(table: text(r, "table"), metric: text(r, "metric"), metricVersion: integer(r, "metric_version") ?? 1, scope: text(r, "scope"),
                name: text(r, "name"), part: text(r, "part"), status: text(r, "status"), value: number(r, "value"), n: integer(r, "n"),
                events: integer(r, "events"), lower: number(r, "lower"), upper: number(r, "upper"), method: text(r, "method"),
                label: text(r, "label"), reason: text(r, "reason"), disputes: text(r, "disputes"))
        }
        return FiguresFile(period: period, registry: object["metric_registry"] as? String ?? "", minimumGroupSize: integer(object, "minimum_group_size") ?? 0,
                           rows: rows)
    }
}

/// A published figure whose metric's definition has changed since: the old and the new value, and why.
public struct Erratum: Sendable, Equatable {
    public var period: String
    public var metric: String
    /// "Organisation", a department or a team, with an assistant's part after a colon.
    public var cell: String
    public var published: String
    public var now: String
    public var versions: String
    public var why: String
}

/// Compares a period's figures as published with the same period's figures now, for every metric whose
/// definition version changed in between (docs/reports.md, "Errata"). Pure.
public enum Errata {
    public static func compare(published: FiguresFile, current: FiguresFile) -> [Erratum] {
        var now: [String: FiguresFile.Row] = [:]
        func key(_ r: FiguresFile.Row) -> String { [r.table, r.metric, r.scope, r.name, r.part].joined(separator: "|") }
        for r in current.rows { now[key(r)] = r }
        var out: [Erratum] = []
        for old in published.rows {
            guard let definition = MetricRegistry.metric(MetricID(rawValue: old.metric)), definition.version != old.metricVersion,
                  // A cell hidden when published stays out of the errata: its value now, beside the totals
                  // published then, could give away what that decision protected.
                  old.status == "shown" else { continue }
            let new = now[key(old)]
            func shown(_ r: FiguresFile.Row?) -> String {
                guard let r else { return "not published" }
                switch r.status {
                case "shown": return r.value.map { definition.unit.format($0) } ?? "no value"
                case "hidden": return "hidden"
                default: return "no value"
                }
            }
            let before = shown(old), after = shown(new)
            guard before != after else { continue }
            let cell = (old.scope == "organisation" ? "Organisation" : old.name + (old.scope == "department" ? " (department)" : ""))
                + (old.part.isEmpty ? "" : ": " + (Assistant(rawValue: old.part)?.name ?? old.part))
                + (old.table == "acceptance" ? " (acceptance table)" : "")
            let why = MetricRegistry.changes.last { $0.metrics.contains(old.metric) }?.description ?? "the definition changed"
            out.append(Erratum(period: published.period, metric: definition.name, cell: cell, published: before, now: after,
                               versions: "version \(old.metricVersion) → \(definition.version)", why: why))
        }
        return out
    }
}

extension FiguresFile {
    /// The teams this figures file shows — in the acceptance table, and per metric of the scorecard as a
    /// whole figure — for the next period's choice of complements (``PreviousPublication``).
    public func publication(source: String) -> PreviousPublication {
        var acceptance: Set<String> = [], metrics: [MetricID: Set<String>] = [:]
        for row in rows where row.scope == "team" && row.part.isEmpty && row.status == "shown" {
            if row.table == "acceptance" { acceptance.insert(row.name) }
            if row.table == "scorecard" { metrics[MetricID(rawValue: row.metric), default: []].insert(row.name) }
        }
        return PreviousPublication(acceptance: acceptance, metrics: metrics, source: source)
    }
}
