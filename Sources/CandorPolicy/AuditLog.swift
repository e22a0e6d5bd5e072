import CandorVocabulary
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

/// Checks an audit chain. Pure.
public enum AuditVerifier {
    /// What is wrong with a chain, or an empty list when it is intact.
    ///
    /// `head` is the (sequence, hash) recorded outside the database when the last entry was
    /// appended; it catches the deletion of the newest entries, which a chain alone cannot.
    public static func problems(_ entries: [AuditEntry], head: (sequence: Int64, hash: String)?) -> [String] {
        var problems: [String] = []
        var previous = AuditEntry.genesis
        for (index, e) in entries.enumerated() {
            let expected = Int64(index + 1)
            if e.sequence != expected {
                problems.append("entry \(e.sequence) stands where entry \(expected) should: entries were deleted or reordered")
                break
            }
            if e.previous != previous {
                problems.append("entry \(e.sequence) does not follow entry \(e.sequence - 1): the chain is broken (an entry was edited, deleted or reordered)")
                break
            }
            let recomputed = SHA256Digest.hex(of: Array(e.canonical.utf8))
            if recomputed != e.hash {
                problems.append("entry \(e.sequence) was edited after it was written (its content no longer matches its hash)")
                break
            }
            previous = e.hash
        }
        if problems.isEmpty, let head {
            let last = entries.last
            if last?.sequence != head.sequence || last?.hash != head.hash {
                problems.append("the log ends at entry \(last?.sequence ?? 0) but entry \(head.sequence) was written: newest entries were deleted or replaced")
            }
        }
        return problems
    }
}

/// The operating-system user running candor, for the audit log's actor.
public func operatingSystemUser() -> String {
    if let name = ProcessInfo.processInfo.environment["USER"], !name.isEmpty { return name }
    if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return "uid \(geteuid())"
}
