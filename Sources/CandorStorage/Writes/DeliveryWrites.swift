import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Stores a deployment, replacing an earlier record with the same id.
    public func upsertDeployment(_ d: Deployment, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("deployment")) (deployment_id, repository, environment, started_at, finished_at, result, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (deployment_id) DO UPDATE SET repository = excluded.repository, environment = excluded.environment,
              started_at = excluded.started_at, finished_at = excluded.finished_at, result = excluded.result, source_id = excluded.source_id
            """).execute(arguments: [d.id, d.repository, d.environment, Timestamp.iso8601(seconds: d.startedAt),
                                     Timestamp.iso8601(seconds: d.finishedAt), d.result, sourceId])
    }

    /// Stores an incident, replacing an earlier record with the same id (keeping a known cause if the new one has none).
    public func upsertIncident(_ i: Incident, sourceId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(t("incident")) (incident_id, repository, component, created_at, resolved_at, status, severity, priority, caused_by_deployment, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (incident_id) DO UPDATE SET repository = COALESCE(excluded.repository, repository), component = excluded.component,
              created_at = excluded.created_at, resolved_at = excluded.resolved_at, status = excluded.status, severity = excluded.severity,
              priority = excluded.priority, caused_by_deployment = COALESCE(excluded.caused_by_deployment, caused_by_deployment),
              source_id = excluded.source_id
            """).execute(arguments: [i.id, i.repository, i.component, Timestamp.iso8601(seconds: i.createdAt),
                                     i.resolvedAt.map { Timestamp.iso8601(seconds: $0) }, i.status, i.severity, i.priority, i.causedByDeployment, sourceId])
    }
}
