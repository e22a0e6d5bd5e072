import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Reads deployments and incidents: the Apache DevLake webhook JSON shapes
/// (`backend/plugins/webhook/api/{deployments,issues}.go`) and candor's documented CSVs
/// (docs/formats.md).
public enum DeliveryReader {
    static let environments: Set<String> = ["production", "staging", "testing", "development"]
    static let results: Set<String> = ["success", "failure", "abort", "manual"]
    static let statuses: Set<String> = ["todo", "in_progress", "done"]

    /// A DevLake webhook deployment.
    public static func deployment(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> Deployment? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let id = f.identifier("id")
        let started = f.timestamp("startedDate"), finished = f.timestamp("finishedDate")
        let result = lowered(&f, "result", results, required: false) ?? "success"
        let environment = lowered(&f, "environment", environments, required: false) ?? "production"
        var repository: String?
        if let (commit, commitPath) = f.array("deploymentCommits").first {
            var c = JSONFields(commit, path: commitPath, file: file)
            repository = c.string("repoUrl", maxLength: 500).flatMap(SARIFReader.normaliseRepository)
            f.absorb(c)
        }
        if repository == nil, let r = f.string("repository", required: false, maxLength: 300) { repository = SARIFReader.normaliseRepository(r) }
        if repository == nil {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "DEL001",
                                            message: "\(path): no repository (deploymentCommits[0].repoUrl)", hint: "every deployment names what it deployed"))
        }
        if let started, let finished, finished < started {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "DEL002",
                                            message: "\(path): finishedDate is before startedDate", hint: "check the deployment's times"))
        }
        guard f.isValid, let id, let started, let finished, let repository else { return nil }
        return Deployment(id: id, repository: repository, environment: environment, startedAt: started, finishedAt: finished, result: result)
    }

    /// A DevLake webhook incident (an `/issues` record of type INCIDENT).
    public static func incident(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> Incident? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let id = f.identifier("issueKey")
        let created = f.timestamp("createdDate")
        let resolved = f.timestamp("resolutionDate", required: false)
        let status = lowered(&f, "status", statuses, required: false)
        let severity = f.string("severity", required: false, maxLength: 32)
        let priority = f.string("priority", required: false, maxLength: 32)
        let component = f.string("component", required: false, maxLength: 200)
        let repository = f.string("repository", required: false, maxLength: 300).flatMap(SARIFReader.normaliseRepository)
        let deployment = f.identifier("deploymentId", required: false)
        if let created, let resolved, resolved < created {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "DEL003",
                                            message: "\(path): resolutionDate is before createdDate", hint: "check the incident's times"))
        }
        guard f.isValid, let id, let created else { return nil }
        return Incident(id: id, repository: repository, component: component, createdAt: created, resolvedAt: resolved, status: status,
                        severity: severity, priority: priority, causedByDeployment: deployment)
    }

    static func lowered(_ f: inout JSONFields, _ key: String, _ allowed: Set<String>, required: Bool) -> String? {
        guard let raw = f.string(key, required: required, maxLength: 32) else { return nil }
        let value = raw.lowercased()
        guard allowed.contains(value) else {
            let at = f.node[key] ?? f.node
            f.diagnostics.append(Diagnostic(.error, file: f.file, line: at.line, column: at.column, code: "JSON015",
                                            message: "\(f.path.appending(key: key)): expected one of \(allowed.sorted().joined(separator: ", ")) (any case)",
                                            hint: "re-export the data"))
            return nil
        }
        return value
    }
}

/// Decodes the documented deployment and incident CSVs (header names are case-insensitive):
///
///     deployment_id,repository,environment,started_at,finished_at,result
///     incident_id,repository,created_at,resolved_at,severity,caused_by_deployment
///
/// Times are ISO 8601 (`2026-07-01T09:00:00Z`); `resolved_at`, `severity` and `caused_by_deployment` may be blank.
public struct DeliveryCSVReader {
    public enum Kind: Sendable { case deployments, incidents }
    public static let deploymentColumns = ["deployment_id", "repository", "environment", "started_at", "finished_at", "result"]
    public static let incidentColumns = ["incident_id", "repository", "created_at", "resolved_at", "severity", "caused_by_deployment"]
    static let requiredIncident = ["incident_id", "repository", "created_at"]

    public let kind: Kind
    public let file: String
    let columns: [String: Int]
    let fieldCount: Int
    public let ignoredColumns: [String]

    public init(kind: Kind, header: [String], file: String) throws(DiagnosticList) {
        self.kind = kind
        self.file = file
        let known = kind == .deployments ? Self.deploymentColumns : Self.incidentColumns
        var columns: [String: Int] = [:]
        var ignored: [String] = []
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingASCIISpaces().lowercased()
            if known.contains(name) && columns[name] == nil { columns[name] = i } else { ignored.append(raw.trimmingASCIISpaces()) }
        }
        let required = kind == .deployments ? Self.deploymentColumns : Self.requiredIncident
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw DiagnosticList([Diagnostic(.error, file: file, line: 1, code: "DEL010", message: "the header lacks \(missing.joined(separator: ", "))",
                                             hint: "the header is " + known.joined(separator: ","))])
        }
        self.columns = columns
        self.fieldCount = header.count
        self.ignoredColumns = ignored
    }

    public enum Row: Sendable, Equatable { case deployment(Deployment), incident(Incident) }

    public func decode(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> Row? {
        if let problem = record.fieldCountProblem(expected: fieldCount, file: file, hint: "a comma inside a value needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        var ok = true
        func text(_ column: String, required: Bool, max: Int = 300) -> String? {
            guard let i = columns[column] else { return nil }
            let value = record.string(i).trimmingASCIISpaces()
            if value.isEmpty {
                if required {
                    diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(i), code: "DEL011",
                                                  message: "\(column) is empty", hint: "this column is required"))
                    ok = false
                }
                return nil
            }
            if value.count > max || value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(i), code: "DEL012",
                                              message: "\(column) is longer than \(max) characters or holds control characters", hint: "check the value"))
                ok = false
                return nil
            }
            return value
        }
        func time(_ column: String, required: Bool) -> Int64? {
            guard let value = text(column, required: required) else { return nil }
            guard let seconds = Timestamp.parseISO8601(value) else {
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(columns[column]!), code: "DEL013",
                                              message: "\(column) \(excerpt(Array(value.utf8))) is not an ISO 8601 time", hint: "write times as 2026-07-01T09:00:00Z"))
                ok = false
                return nil
            }
            return seconds
        }
        func choice(_ column: String, _ allowed: Set<String>) -> String? {
            guard let value = text(column, required: true)?.lowercased() else { return nil }
            guard allowed.contains(value) else {
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(columns[column]!), code: "DEL014",
                                              message: "\(column) must be one of \(allowed.sorted().joined(separator: ", "))", hint: "fix the value"))
                ok = false
                return nil
            }
            return value
        }
        switch kind {
        case .deployments:
            let id = text("deployment_id", required: true, max: 200)
            let repository = text("repository", required: true).flatMap(SARIFReader.normaliseRepository)
            let environment = choice("environment", DeliveryReader.environments)
            let started = time("started_at", required: true), finished = time("finished_at", required: true)
            let result = choice("result", DeliveryReader.results)
            if let started, let finished, finished < started {
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(columns["finished_at"]!), code: "DEL002",
                                              message: "finished_at is before started_at", hint: "check the deployment's times"))
                ok = false
            }
            guard ok, let id, let repository, let environment, let started, let finished, let result else { return nil }
            return .deployment(Deployment(id: id, repository: repository, environment: environment, startedAt: started, finishedAt: finished, result: result))
        case .incidents:
            let id = text("incident_id", required: true, max: 200)
            let repository = text("repository", required: true).flatMap(SARIFReader.normaliseRepository)
            let created = time("created_at", required: true), resolved = time("resolved_at", required: false)
            let severity = text("severity", required: false, max: 32)
            let cause = text("caused_by_deployment", required: false, max: 200)
            if let created, let resolved, resolved < created {
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(columns["resolved_at"]!), code: "DEL003",
                                              message: "resolved_at is before created_at", hint: "check the incident's times"))
                ok = false
            }
            guard ok, let id, let created else { return nil }
            return .incident(Incident(id: id, repository: repository, component: nil, createdAt: created, resolvedAt: resolved,
                                      status: resolved == nil ? nil : "done", severity: severity, priority: nil, causedByDeployment: cause))
        }
    }
}
