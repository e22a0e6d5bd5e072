import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreReading {
    /// Each team's department as of `day`: from the newest membership row of the team that started
    /// by then and names a department. Teams without one are absent.
    public func teamDepartments(asOf day: Day) throws -> [String: String] {
        try queue.read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT team, department FROM team_membership WHERE department IS NOT NULL AND valid_from <= ?
                ORDER BY team, valid_from, department
                """, arguments: [day.iso8601]) {
                out[row["team"]] = row["department"]
            }
            return out
        }
    }

    /// Each team's mailing addresses as of `day` (the directory's `team_email` column): from the
    /// newest membership row of the team that started by then and names one. Teams without one are absent.
    public func teamAddresses(asOf day: Day) throws -> [String: [MailAddress]] {
        try queue.read { db in
            var out: [String: [MailAddress]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT team, team_email FROM team_membership WHERE team_email IS NOT NULL AND valid_from <= ?
                ORDER BY team, valid_from, team_email
                """, arguments: [day.iso8601]) {
                out[row["team"]] = MailAddress.list(row["team_email"] as String) ?? []
            }
            return out
        }
    }

    /// Per source family and field: how many records had a value the policy's allow-list left out
    /// (every file ingested so far), sorted by source and field.
    public func fieldDrops() throws -> [FieldDropCount] {
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.format, f.field, SUM(f.records) AS records FROM field_drop f JOIN source_file s ON s.id = f.source_id
                GROUP BY s.format, f.field
                """)
        }
        var totals: [FieldDropCount.Key: Int] = [:]
        for row in rows {
            let format: String = row["format"]
            let family = InputFormat(rawValue: format).flatMap(SourceFamily.init(format:))?.rawValue ?? format
            totals[.init(source: family, field: row["field"]), default: 0] += row["records"] as Int
        }
        return totals.map { FieldDropCount(source: $0.key.source, field: $0.key.field, records: $0.value) }
            .sorted { ($0.source, $0.field) < ($1.source, $1.field) }
    }

    /// Programme changes in `from...to`: the policy-change log and new policy versions (after the first), by day.
    public func programmeChanges(from: Day, to: Day) throws -> [ProgrammeChange] {
        try queue.read { db in
            var out: [ProgrammeChange] = []
            for row in try Row.fetchAll(db, sql: "SELECT day, change, metrics FROM policy_change WHERE day BETWEEN ? AND ? ORDER BY day, change",
                                        arguments: [from.iso8601, to.iso8601]) {
                let metrics: String = row["metrics"]
                out.append(ProgrammeChange(day: Day.parse(row["day"] as String)!, description: row["change"],
                                           metrics: metrics.isEmpty ? [] : metrics.components(separatedBy: ";")))
            }
            let versions = try Row.fetchAll(db, sql: "SELECT sha256, first_seen FROM policy_version ORDER BY first_seen, sha256")
            for row in versions.dropFirst() {
                let seen: String = row["first_seen"]
                guard let day = Day.parse(String(seen.prefix(10))), day >= from, day <= to else { continue }
                let sha: String = row["sha256"]
                out.append(ProgrammeChange(day: day, description: "The policy file changed (SHA-256 \(sha.prefix(12))…).", metrics: []))
            }
            return out.sorted { ($0.day, $0.description) < ($1.day, $1.description) }
        }
    }
}
