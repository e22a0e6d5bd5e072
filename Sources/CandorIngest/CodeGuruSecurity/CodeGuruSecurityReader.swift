import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes Amazon CodeGuru Security responses (API 2018-05-10): `GetFindings` / `BatchGetFindings`
/// (`findings[]`) and `ListFindingsMetrics` (`findingsMetrics[]`, per account per day). Times may be
/// epoch seconds (the wire format) or ISO 8601.
public enum CodeGuruSecurityReader {
    public static let severities: Set<String> = ["Critical", "High", "Medium", "Low", "Info"]
    public static let statuses: Set<String> = ["Open", "Closed"]
    static let metricSeverities = ["critical", "high", "medium", "low", "info"]

    public static func finding(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> CodeGuruSecurityFinding? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let id = f.string("id", maxLength: 256)
        let status = f.enumeration("status", statuses)
        let severity = f.enumeration("severity", severities)
        let type = f.string("type", required: false, maxLength: 128)
        let detector = f.string("detectorId", required: false, maxLength: 256)
        let rule = f.string("ruleId", required: false, maxLength: 256)
        let created = f.timestamp("createdAt")
        let updated = f.timestamp("updatedAt", required: false)
        var resource: String?
        if var r = f.object("resource") {
            resource = r.string("id", maxLength: 256)
            f.absorb(r)
        } else {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "JSON012",
                                            message: "\(path).resource: required field is missing", hint: "every finding names the scanned resource"))
        }
        var filePath: String?, start: Int64?, end: Int64?
        if var v = f.object("vulnerability") {
            if var p = v.object("filePath") {
                filePath = p.string("path", required: false, maxLength: 1024) ?? p.string("name", required: false, maxLength: 1024)
                start = p.integer("startLine")
                end = p.integer("endLine")
                v.absorb(p)
            }
            f.absorb(v)
        }
        guard f.isValid, let id, let status, let severity, let created, let resource else { return nil }
        return CodeGuruSecurityFinding(resource: resource, id: id, status: status, severity: severity, type: type, detectorId: detector,
                                       ruleId: rule, filePath: filePath, startLine: start, endLine: end, createdAt: created, updatedAt: updated)
    }

    /// One `findingsMetrics[]` element: a day, one value per severity.
    public static func metrics(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> [CodeGuruSecurityMetric]? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let seconds = f.timestamp("date")
        func perSeverity(_ key: String) -> [String: Double] {
            guard var o = f.object(key) else { return [:] }
            var out: [String: Double] = [:]
            for s in metricSeverities { out[s] = o.nonNegativeNumber(s) }
            f.absorb(o)
            return out
        }
        let new = perSeverity("newFindings"), closed = perSeverity("closedFindings"), open = perSeverity("openFindings")
        let mean = perSeverity("meanTimeToClose")
        guard f.isValid, let seconds else { return nil }
        let day = Day(dayNumber: Int(seconds / 86400))
        return metricSeverities.map { s in
            CodeGuruSecurityMetric(day: day, severity: s.prefix(1).uppercased() + s.dropFirst(), newFindings: new[s] ?? 0,
                                   closedFindings: closed[s] ?? 0, openFindings: open[s] ?? 0, meanDaysToClose: mean[s])
        }
    }
}
