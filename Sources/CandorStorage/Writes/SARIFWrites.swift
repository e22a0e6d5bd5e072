import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreWriter {
    /// Records a SARIF scan and clears its earlier results: the file being read defines the scan.
    public func replaceSARIFScan(key: String, run: SARIFRun, sourceId: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM \(t("sarif_result")) WHERE scan_key = ?").execute(arguments: [key])
        try db.cachedStatement(sql: """
            INSERT INTO \(t("sarif_scan")) (scan_key, repository, tool, revision, completed_at, source_id) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (scan_key) DO UPDATE SET repository = excluded.repository, tool = excluded.tool, revision = excluded.revision,
              completed_at = excluded.completed_at, source_id = excluded.source_id
            """).execute(arguments: [key, run.repository ?? "", run.tool ?? "", run.revision, run.completedAt.map { Timestamp.iso8601(seconds: $0) }, sourceId])
    }

    /// Stores a SARIF result in its scan. Results with the same identity in one scan get `#2`, `#3`, … appended.
    public func insertSARIFResult(scanKey: String, _ r: SARIFResult, sourceId: Int64) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO \(t("sarif_result")) (scan_key, result_key, rule_id, level, uri, start_line, baseline_state,
              suppression_kind, suppression_status, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var key = r.key
        var ordinal = 1
        while true {
            try statement.execute(arguments: [scanKey, key, r.ruleId, r.level, r.uri, r.startLine, r.baselineState,
                                              r.suppressionKind, r.suppressionStatus, sourceId])
            if db.changesCount > 0 { return }
            ordinal += 1
            key = r.key + "#\(ordinal)"
        }
    }
}
