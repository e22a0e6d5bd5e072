import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes GitHub Copilot needs.
public protocol CopilotSink {
    func upsertCopilotUserDay(_ row: CopilotUserDay, person: Pseudonym, sourceId: Int64) throws
    func upsertCopilotUserTeam(_ row: CopilotUserTeam, person: Pseudonym, sourceId: Int64) throws
    func upsertCopilotScopeDay(_ row: CopilotScopeDay, sourceId: Int64) throws
    /// Stores a seat as held when a seats export of `seen` listed it.
    func upsertCopilotSeat(_ seat: CopilotSeat, person: Pseudonym, seen: Day, sourceId: Int64) throws
}

/// GitHub Copilot usage-metrics reports (`users-1-day`, `user-teams-1-day`), the legacy
/// `/copilot/metrics` API and seat assignments (`/copilot/billing/seats`).
public struct CopilotAdapter: JSONSourceAdapter {
    let format: InputFormat
    /// Seats assigned to a team or an organisation, not a person: counted, not stored.
    var notPersonSeats = 0

    public init(file: IngestFile) { format = file.format }

    public func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] {
        if format == .copilotLegacyMetrics { return CopilotLegacyMetricsReader.recordPatterns }
        if format == .copilotSeats { return CopilotSeatReader.recordPatterns(sniff) ?? Self.arrayOrLines(sniff) }
        // Wrapped in {"day_totals": [...]} or one row per line (NDJSON).
        return sniff.rootKeys.contains("day_totals") ? [[.key("day_totals"), .anyIndex]] : Self.arrayOrLines(sniff)
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
        case .copilotSeats:
            switch CopilotSeatReader.seat(node, path: path, file: file.path, scope: file.options.scope, diagnostics: &diagnostics) {
            case .seat(let seat)?:
                try file.keep(seat) { seat in
                    try sink.upsertCopilotSeat(seat, person: file.pseudonym(seat.assignee), seen: file.options.day, sourceId: file.sourceId)
                }
            case .notAPerson?: notPersonSeats += 1
            case nil: break
            }
        default:
            try file.keep(CopilotLegacyMetricsReader.day(node, path: path, file: file.path, scope: file.options.scope, diagnostics: &diagnostics)) {
                try sink.upsertCopilotScopeDay($0, sourceId: file.sourceId)
            }
        }
    }

    public mutating func finish(file: IngestFile, sink: some RecordSink) throws {
        if notPersonSeats > 0 {
            file.note(Diagnostic(.note, file: file.path, code: "COP022",
                message: "\(notPersonSeats) seat(s) assigned to a team or an organisation, not a person, were counted and not stored"))
        }
    }
}
