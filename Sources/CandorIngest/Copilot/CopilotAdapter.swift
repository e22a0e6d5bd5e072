import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes GitHub Copilot needs.
public protocol CopilotSink {
    func upsertCopilotUserDay(_ row: CopilotUserDay, person: Pseudonym, sourceId: Int64) throws
    func upsertCopilotUserTeam(_ row: CopilotUserTeam, person: Pseudonym, sourceId: Int64) throws
    func upsertCopilotScopeDay(_ row: CopilotScopeDay, sourceId: Int64) throws
}

/// GitHub Copilot usage-metrics reports (`users-1-day`, `user-teams-1-day`) and the legacy
/// `/copilot/metrics` API.
public struct CopilotAdapter: JSONSourceAdapter {
    let format: InputFormat

    public init(file: IngestFile) { format = file.format }

    public func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] {
        if format == .copilotLegacyMetrics { return CopilotLegacyMetricsReader.recordPatterns }
        // Wrapped in {"day_totals": [...]} or one row per line (NDJSON).
        return sniff.rootKeys.contains("day_totals") ? [[.key("day_totals"), .anyIndex]] : (sniff.rootIsArray ? [[.anyIndex]] : [[]])
    }

    public mutating func read(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        switch format {
        case .copilotUsers:
            try file.keep(CopilotUsageReader.userDay(node, path: path, file: file.path, diagnostics: &diagnostics)) { row in
                try sink.upsertCopilotUserDay(row, person: file.pseudonym(row.login), sourceId: file.sourceId)
            }
        case .copilotUserTeams:
            try file.keep(CopilotUsageReader.userTeam(node, path: path, file: file.path, diagnostics: &diagnostics)) { row in
                try sink.upsertCopilotUserTeam(row, person: file.pseudonym(row.login), sourceId: file.sourceId)
            }
        default:
            try file.keep(CopilotLegacyMetricsReader.day(node, path: path, file: file.path, scope: file.options.scope, diagnostics: &diagnostics)) {
                try sink.upsertCopilotScopeDay($0, sourceId: file.sourceId)
            }
        }
    }
}
