import Foundation

/// One entry of the tamper-evident audit log.
///
/// Every command that reads or writes data appends one: who, what, why, for whom, from which
/// inputs, to which outputs. Each entry holds the SHA-256 of the previous one, so editing,
/// deleting or reordering entries breaks the chain (`candor audit verify`).
public struct AuditEntry: Sendable, Equatable {
    /// 1, 2, 3, … with no gaps.
    public var sequence: Int64
    /// `2026-10-05T09:00:00Z`.
    public var time: String
    /// `--actor`, else the operating-system user.
    public var actor: String
    /// `init`, `ingest`, `report governance`, `run`, `purge`, `refused`, …
    public var command: String
    /// The declared purpose of the request.
    public var purpose: String
    /// Who the output is for (`governance-board`, `all-staff`, `team`, `self`, …), or `-`.
    public var audience: String
    /// Datasets read or written (`raw`, `coaching`, …), comma-separated, or `-`.
    public var datasets: String
    /// SHA-256 of every input file, sorted.
    public var inputs: [String]
    /// `path sha256` of every output file, sorted.
    public var outputs: [String]
    /// The previous entry's hash (64 zeros for the first).
    public var previous: String
    /// SHA-256 of this entry's canonical form, previous hash included.
    public var hash: String

    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical text that is hashed: one field per line, lists joined by spaces.
    public var canonical: String {
        [String(sequence), time, actor, command, purpose, audience, datasets, inputs.joined(separator: " "),
         outputs.joined(separator: " "), previous].map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
    }

    /// A new entry chained after `previous`.
    public static func make(sequence: Int64, time: String, actor: String, command: String, purpose: String, audience: String,
                            datasets: String, inputs: [String], outputs: [String], previous: String) -> AuditEntry {
        var e = AuditEntry(sequence: sequence, time: time, actor: actor, command: command, purpose: purpose, audience: audience,
                           datasets: datasets, inputs: inputs.sorted(), outputs: outputs.sorted(), previous: previous, hash: "")
        e.hash = SHA256Digest.hex(of: Array(e.canonical.utf8))
        return e
    }

    public init(sequence: Int64, time: String, actor: String, command: String, purpose: String, audience: String, datasets: String, inputs: [String], outputs: [String], previous: String, hash: String) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.command = command
        self.purpose = purpose
        self.audience = audience
        self.datasets = datasets
        self.inputs = inputs
        self.outputs = outputs
        self.previous = previous
        self.hash = hash
    }
}
