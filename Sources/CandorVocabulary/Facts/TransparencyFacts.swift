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

extension InputFileRecord {
    /// The records with the folder all their paths share removed, so a report or manifest names
    /// inputs the same on every machine and from any working directory; and that folder's name.
    public static func relativised(_ files: [InputFileRecord]) -> (files: [InputFileRecord], root: String) {
        let folders = files.map { Array($0.path.split(separator: "/", omittingEmptySubsequences: false).dropLast()) }
        guard var common = folders.first else { return (files, "") }
        for folder in folders.dropFirst() {
            var n = 0
            while n < common.count && n < folder.count && common[n] == folder[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        let drop = common.count
        let out = files.map { f -> InputFileRecord in
            var copy = f
            copy.path = f.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(drop).joined(separator: "/")
            return copy
        }.sorted { ($0.path, $0.sha256) < ($1.path, $1.sha256) }
        return (out, common.last.map(String.init) ?? "")
    }
}
