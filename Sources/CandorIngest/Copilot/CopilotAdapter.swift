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
    public static let formats: [InputFormat] = [.copilotUsers, .copilotUserTeams, .copilotLegacyMetrics, .copilotSeats]

    public static func recognise(_ sniff: JSONSniff) -> InputFormat? {
        let keys = sniff.allKeys
        if sniff.rootIsArray && keys.contains("date")
            && (keys.contains("copilot_ide_code_completions") || keys.contains("total_active_users") || keys.contains("copilot_ide_chat")) {
            return .copilotLegacyMetrics
        }
        if (sniff.rootKeys.contains("seats") && sniff.rootKeys.contains("total_seats"))
            || (keys.contains("assignee") && keys.contains("created_at") && (keys.contains("plan_type") || keys.contains("last_activity_at")
                || keys.contains("pending_cancellation_date"))) {
            return .copilotSeats
        }
        if keys.contains("user_login") && keys.contains("day") {
            if keys.contains("team_id") || keys.contains("slug") { return .copilotUserTeams }
            let activity = CopilotCounters.fieldNames + ["totals_by_feature", "totals_by_ide", "used_chat", "used_agent", "used_cli"]
            if activity.contains(where: keys.contains) { return .copilotUsers }
        }
        return nil
    }

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
                let person = file.pseudonym(row.login)
                if file.withheld(person, on: row.day) { return }
                try sink.upsertCopilotUserDay(row, person: person, sourceId: file.sourceId)
            }
        case .copilotUserTeams:
            try file.keep(CopilotUsageReader.userTeam(node, path: path, file: file.path, diagnostics: &diagnostics)) { row in
                let person = file.pseudonym(row.login)
                if file.withheld(person, on: row.day) { return }
                try sink.upsertCopilotUserTeam(row, person: person, sourceId: file.sourceId)
            }
        case .copilotSeats:
            switch CopilotSeatReader.seat(node, path: path, file: file.path, scope: file.options.scope, diagnostics: &diagnostics) {
            case .seat(let seat)?:
                try file.keep(seat) { seat in
                    let person = file.pseudonym(seat.assignee)
                    if file.withheld(person, on: file.options.day) { return }
                    try sink.upsertCopilotSeat(seat, person: person, seen: file.options.day, sourceId: file.sourceId)
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
