import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Reads SARIF 2.1.0 logs from any analyser (CodeQL, Semgrep, …).
///
/// Two streaming passes: the first collects each run's tool, repository and revision (which may
/// appear before or after its results); the second reads `runs[].results[]`. Rule catalogues,
/// artifacts and messages are skipped without being built.
public enum SARIFReader {
    public static let levels: Set<String> = ["error", "warning", "note", "none"]
    public static let baselineStates: Set<String> = ["new", "unchanged", "updated", "absent"]
    public static let suppressionKinds: Set<String> = ["inSource", "external"]
    public static let suppressionStatuses: Set<String> = ["accepted", "underReview", "rejected"]

    public static let resultPatterns: [[JSONPathPattern]] = [[.key("runs"), .anyIndex, .key("results"), .anyIndex]]
    static let runContext: [[JSONPathPattern]] = [
        [.key("version")],
        [.key("runs"), .anyIndex, .key("tool"), .key("driver"), .key("name")],
        [.key("runs"), .anyIndex, .key("versionControlProvenance")],
        [.key("runs"), .anyIndex, .key("invocations"), .anyIndex, .key("endTimeUtc")],
        [.key("runs"), .anyIndex, .key("automationDetails"), .key("id")],
    ]

    /// Pass 1: each run's context, by run index. `repositoryOverride` (`--repository`) wins.
    public static func runs(source: ByteSource, file: String, repositoryOverride: String?,
                            diagnostics: inout [Diagnostic]) throws -> [Int: SARIFRun] {
        var runs: [Int: SARIFRun] = [:]
        var version: String?
        var problems: [Diagnostic] = []
        try JSONRecordStream(source: source, records: [], context: runContext).forEach { item in
            guard case .context(let node, let path) = item else { return }
            if path == JSONPath([.key("version")]) { version = node.string; return }
            guard case .index(let run)? = path.components.dropFirst().first else { return }
            var r = runs[run] ?? SARIFRun()
            switch path.components.dropFirst(2).first {
            case .key("tool")?:
                if let name = node.string, !name.isEmpty, name.count <= 100 { r.tool = name }
            case .key("versionControlProvenance")?:
                if let first = node.array?.first {
                    if let uri = first["repositoryUri"]?.string { r.repository = normaliseRepository(uri) }
                    if let revision = first["revisionId"]?.string, revision.count <= 100 { r.revision = revision }
                }
            case .key("invocations")?:
                if let text = node.string, let seconds = Timestamp.parseISO8601(text) { r.completedAt = max(r.completedAt ?? 0, seconds) }
            case .key("automationDetails")?:
                if let id = node.string, id.count <= 200 { r.automationId = id }
            default: break
            }
            runs[run] = r
        }
        if version != "2.1.0" {
            problems.append(Diagnostic(.error, file: file, line: 1, code: "SARIF001",
                                       message: "not a SARIF 2.1.0 log (version is \(version.map { excerpt(Array($0.utf8)) } ?? "missing"))",
                                       hint: "candor reads SARIF 2.1.0; ask the analyser for that version"))
        }
        for (index, run) in runs.sorted(by: { $0.key < $1.key }) {
            var r = run
            if let repositoryOverride { r.repository = repositoryOverride }
            if r.repository == nil {
                problems.append(Diagnostic(.error, file: file, line: 1, code: "SARIF002",
                                           message: "$.runs[\(index)] names no repository (no versionControlProvenance)",
                                           hint: "pass --repository OWNER/NAME for this file"))
            }
            if r.tool == nil {
                problems.append(Diagnostic(.error, file: file, line: 1, code: "SARIF003",
                                           message: "$.runs[\(index)].tool.driver.name is missing", hint: "every SARIF run names its analyser"))
            }
            // An analyser that writes no invocation time (JetBrains Qodana) dates its run in the
            // automation id instead (`<repo>/qodana/2026-07-14`): the scan is taken as of that day's
            // start, and a note says so. Without either, the scan has no day and is in no period.
            if r.completedAt == nil, let id = r.automationId, let day = Self.trailingDay(id) {
                r.completedAt = Int64(day.dayNumber) * 86_400
                problems.append(Diagnostic(.note, file: file, line: 1, code: "SARIF010",
                                           message: "$.runs[\(index)] has no invocation time: the scan is dated \(day.iso8601), from its automationDetails.id"))
            } else if r.completedAt == nil {
                problems.append(Diagnostic(.warning, file: file, line: 1, code: "SARIF011",
                                           message: "$.runs[\(index)] says neither when it ran (invocations[].endTimeUtc) nor a day in automationDetails.id: its findings are in no period",
                                           hint: "ask the analyser for invocation times, or name the run's day at the end of automationDetails.id"))
            }
            runs[index] = r
        }
        diagnostics += problems
        return runs
    }

    /// A `YYYY-MM-DD` at the end of an automation id (after a `/`), if any.
    static func trailingDay(_ id: String) -> Day? {
        guard let last = id.split(separator: "/").last, last.utf8.count == 10 else { return nil }
        return Day.parse(String(last)).flatMap { String(last).dropFirst(4).first == "-" ? $0 : nil }
    }

    /// `https://github.com/acme/checkout.git` → `acme/checkout`; other forms are kept as given (trimmed).
    public static func normaliseRepository(_ uri: String) -> String? {
        var s = uri.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty, s.count <= 300 else { return nil }
        if let scheme = s.range(of: "://") {
            s = String(s[scheme.upperBound...])
            if let slash = s.firstIndex(of: "/") { s = String(s[s.index(after: slash)...]) }
        } else if s.hasPrefix("git@"), let colon = s.firstIndex(of: ":") {
            s = String(s[s.index(after: colon)...])
        }
        if s.hasSuffix(".git") { s.removeLast(4) }
        while s.hasSuffix("/") { s.removeLast() }
        return s.isEmpty ? nil : s
    }

    /// Pass 2: one result.
    public static func result(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> SARIFResult? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        var ruleId = f.string("ruleId", required: false, maxLength: 255)
        if ruleId == nil, var rule = f.object("rule") {
            ruleId = rule.string("id", required: false, maxLength: 255)
            f.absorb(rule)
        }
        let level = f.enumeration("level", levels, required: false) ?? "warning"
        let baseline = f.enumeration("baselineState", baselineStates, required: false)
        var uri: String?, line: Int64?, column: Int64?
        if let (location, locationPath) = f.array("locations").first {
            var l = JSONFields(location, path: locationPath, file: file)
            if var physical = l.object("physicalLocation") {
                if var artifact = physical.object("artifactLocation") {
                    uri = artifact.string("uri", required: false, maxLength: 2048)
                    physical.absorb(artifact)
                }
                if var region = physical.object("region") {
                    line = region.integer("startLine")
                    column = region.integer("startColumn")
                    physical.absorb(region)
                }
                l.absorb(physical)
            }
            f.absorb(l)
        }
        var kind: String?, status: String?
        for (suppression, suppressionPath) in f.array("suppressions") {
            var s = JSONFields(suppression, path: suppressionPath, file: file)
            let k = s.enumeration("kind", suppressionKinds)
            let st = s.enumeration("status", suppressionStatuses, required: false) ?? "accepted"
            // An accepted suppression outweighs one under review or rejected.
            if let k, kind == nil || (st == "accepted" && status != "accepted") { kind = k; status = st }
            f.absorb(s)
        }
        var fingerprint: String?
        for key in ["fingerprints", "partialFingerprints"] where fingerprint == nil {
            if let members = node[key]?.members, let first = members.sorted(by: { $0.key < $1.key }).first, let value = first.value.string,
               value.count <= 512 {
                fingerprint = first.key + "=" + value
            }
        }
        guard f.isValid else { return nil }
        guard let ruleId, !ruleId.isEmpty else {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "SARIF010",
                                            message: "\(path): the result names no rule (ruleId or rule.id)", hint: "re-export the log"))
            return nil
        }
        let key = fingerprint ?? SARIFResult.locationKey(rule: ruleId, uri: uri, line: line, column: column)
        return SARIFResult(key: key, ruleId: ruleId, level: level, uri: uri, startLine: line, baselineState: baseline,
                           suppressionKind: kind, suppressionStatus: status)
    }
}
