import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes deployments and incidents need.
public protocol DeliverySink {
    func upsertDeployment(_ d: Deployment, sourceId: Int64) throws
    func upsertIncident(_ i: Incident, sourceId: Int64) throws
}

/// Deployments and incidents as CSV (`deployment_id,…` / `incident_id,…`).
public struct DeliveryCSVAdapter: CSVSourceAdapter {
    public static let formats: [InputFormat] = [.deploymentsCSV, .incidentsCSV]

    public static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat? {
        if names.contains("deployment_id") && names.contains("started_at") { return .deploymentsCSV }
        return names.contains("incident_id") && names.contains("created_at") ? .incidentsCSV : nil
    }

    let reader: DeliveryCSVReader

    public init(header: [String], file: IngestFile, sink: some RecordSink) throws {
        reader = try DeliveryCSVReader(kind: file.format == .deploymentsCSV ? .deployments : .incidents, header: header, file: file.path)
        file.ignoredColumns = reader.ignoredColumns
    }

    public mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        switch reader.decode(record, diagnostics: &diagnostics) {
        case .deployment(let d)?: try file.keep(d) { try sink.upsertDeployment($0, sourceId: file.sourceId) }
        case .incident(let i)?: try file.keep(i) { try sink.upsertIncident($0, sourceId: file.sourceId) }
        case nil: break
        }
    }
}

/// Deployments and incidents in Apache DevLake's webhook shape (JSON).
public struct DeliveryJSONAdapter: JSONSourceAdapter {
    public static let formats: [InputFormat] = [.devlakeDeployments, .devlakeIncidents]

    public static func recognise(_ sniff: JSONSniff) -> InputFormat? {
        let keys = sniff.allKeys
        if keys.contains("deploymentCommits") || (keys.contains("startedDate") && keys.contains("finishedDate") && keys.contains("id")) {
            return .devlakeDeployments
        }
        return keys.contains("issueKey") && keys.contains("createdDate") ? .devlakeIncidents : nil
    }

    public init(file: IngestFile) {}

    public func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] { Self.arrayOrLines(sniff) }

    public mutating func read(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        if file.format == .devlakeDeployments {
            try file.keep(DeliveryReader.deployment(node, path: path, file: file.path, diagnostics: &diagnostics)) {
                try sink.upsertDeployment($0, sourceId: file.sourceId)
            }
        } else {
            try file.keep(DeliveryReader.incident(node, path: path, file: file.path, diagnostics: &diagnostics)) {
                try sink.upsertIncident($0, sourceId: file.sourceId)
            }
        }
    }
}
