import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Stores a governance record (consent under a pseudonym); each kind is idempotent on its natural key.
    public func upsertGovernance(_ row: GovernanceRow, person: Pseudonym?, sourceId: Int64) throws {
        let person = person?.text
        if let person, try erased(person) { return }
        switch row {
        case .consent(let c):
            try db.cachedStatement(sql: """
                INSERT INTO consent (person, programme, effective, status, source_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (person, programme, effective) DO UPDATE SET status = excluded.status, source_id = excluded.source_id
                """).execute(arguments: [person ?? "", c.programme, c.effective.iso8601, c.status.rawValue, sourceId])
        case .policyChange(let p):
            try db.cachedStatement(sql: """
                INSERT INTO policy_change (day, change, metrics, source_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (day, change) DO UPDATE SET metrics = excluded.metrics, source_id = excluded.source_id
                """).execute(arguments: [p.day.iso8601, p.change, p.metrics.joined(separator: ";"), sourceId])
        case .dispute(let d):
            try db.cachedStatement(sql: """
                INSERT INTO dispute (dispute_id, filed, resolved, outcome, metric, team, period, exclude, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dispute_id) DO UPDATE SET filed = excluded.filed, resolved = excluded.resolved, outcome = excluded.outcome,
                  metric = excluded.metric, team = excluded.team, period = excluded.period, exclude = excluded.exclude, source_id = excluded.source_id
                """).execute(arguments: [d.id, d.filed.iso8601, d.resolved?.iso8601, d.outcome, d.metric, d.team, d.period?.description,
                                         d.exclusions.isEmpty ? nil : d.exclusions.map(\.description).joined(separator: ";"), sourceId])
        case .decision(let d):
            try db.cachedStatement(sql: """
                INSERT INTO decision (day, decision, metric, action, approver, alternatives, review, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, decision) DO UPDATE SET metric = excluded.metric, action = excluded.action, approver = excluded.approver,
                  alternatives = excluded.alternatives, review = excluded.review, source_id = excluded.source_id
                """).execute(arguments: [d.day.iso8601, d.decision, d.metric, d.action, d.approver, d.alternatives, d.review?.iso8601, sourceId])
        case .approval(let a):
            try db.cachedStatement(sql: """
                INSERT INTO approval (reference, approver, scope, granted, expires, source_id) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (reference) DO UPDATE SET approver = excluded.approver, scope = excluded.scope, granted = excluded.granted,
                  expires = excluded.expires, source_id = excluded.source_id
                """).execute(arguments: [a.reference, a.approver, a.scope, a.granted?.iso8601, a.expires.iso8601, sourceId])
        }
    }
}
