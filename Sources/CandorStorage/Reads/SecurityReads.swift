import CandorPolicy
import CandorVocabulary
import GRDB

extension StoreReading {
    /// Security findings per owning team for `period`. Reads only what the reader attached: through
    /// a handle without the compliance dataset every table here is empty.
    public func securityFindings(_ period: Period) throws -> [SecurityTeamFindings] {
        try refreshRepositoryKeys()
        return try queue.read { db in
            let first = period.first.iso8601, last = period.last.iso8601
            var teams: [String: SecurityTeamFindings] = [:]
            func owner(_ repository: String) throws -> String {
                try String.fetchOne(db, sql: "SELECT \(RepositoryKeys.ownerSQL(raw: "?", day: "?", fallback: "?"))",
                                    arguments: [repository, RepositoryIdentity.normalise(repository), last, last]) ?? ""
            }
            // Each repository and tool's latest scan completed in the period.
            for row in try Row.fetchAll(db, sql: """
                SELECT s.repository, r.level, r.rule_id, (r.suppression_kind IS NOT NULL AND r.suppression_status = 'accepted') AS suppressed
                FROM sarif_result r JOIN sarif_scan s ON s.scan_key = r.scan_key
                WHERE substr(s.completed_at, 1, 10) BETWEEN ? AND ?
                  AND s.completed_at = (SELECT MAX(s2.completed_at) FROM sarif_scan s2 WHERE s2.repository = s.repository AND s2.tool = s.tool
                                        AND substr(s2.completed_at, 1, 10) BETWEEN ? AND ?)
                """, arguments: [first, last, first, last]) {
                let team = try owner(row["repository"])
                var entry = teams[team] ?? SecurityTeamFindings(team: team.isEmpty ? nil : team)
                entry.sarifByLevel[row["level"], default: 0] += 1
                if row["suppressed"] as Bool { entry.sarifSuppressed += 1 }
                entry.categories[row["rule_id"], default: 0] += 1
                teams[team] = entry
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT resource, severity, COALESCE(rule_id, detector_id, type, 'unclassified') AS category FROM codeguru_security_finding
                WHERE status = 'Open' AND substr(created_at, 1, 10) <= ?
                """, arguments: [last]) {
                let team = try owner(row["resource"])
                var entry = teams[team] ?? SecurityTeamFindings(team: team.isEmpty ? nil : team)
                entry.openBySeverity[row["severity"], default: 0] += 1
                entry.categories[row["category"], default: 0] += 1
                teams[team] = entry
            }
            return teams.values.sorted { ($0.team ?? "\u{10FFFF}") < ($1.team ?? "\u{10FFFF}") }
        }
    }
}
