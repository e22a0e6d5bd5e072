import Foundation

/// What the transparency report reads: governance facts only (counts, never a person's record).
public struct TransparencyFacts: Sendable {
    /// Files and records ingested so far, per input format.
    public var sources: [(format: String, files: Int, records: Int, firstIngested: String, lastIngested: String)]
    /// Purge runs: time, tier, reason, rows removed.
    public var purges: [(time: String, tier: String, reason: String, rows: Int)]
    /// Per programme and status: people whose latest consent entry on the day has that status.
    public var consent: [String: [String: Int]]
    /// Disputes filed in the period: filed, resolved, outcome.
    public var disputes: [(filed: Day, resolved: Day?, outcome: String)]

    public init(sources: [(format: String, files: Int, records: Int, firstIngested: String, lastIngested: String)], purges: [(time: String, tier: String, reason: String, rows: Int)], consent: [String: [String: Int]], disputes: [(filed: Day, resolved: Day?, outcome: String)]) {
        self.sources = sources
        self.purges = purges
        self.consent = consent
        self.disputes = disputes
    }
}

/// One ingested input file, for the manifest.
public struct InputFileRecord: Sendable, Equatable, Encodable {
    public var path: String
    public var sha256: String
    public var format: String
    public var records: Int

    public init(path: String, sha256: String, format: String, records: Int) {
        self.path = path
        self.sha256 = sha256
        self.format = format
        self.records = records
    }
}
