import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

// The audit trail in one place: entries are appended here (each chained to the one before by its
// SHA-256, the head kept beside the database) and read and verified here.

/// Who an audited action's output is for, as the audit log records it.
public enum AuditAudience: Sendable, Equatable {
    /// No one reads an output of it (an ingest, `init`, a policy version, a purge, a refused purpose): `-`.
    case nobody
    /// One of the policy's audiences, with the approval reference its reports need, if any.
    case audience(Audience, approval: String? = nil)
    /// One person's self-view, by its reference (the start of the pseudonym, never a source id).
    case selfView(reference: String)

    /// The text the entry holds (and its hash covers).
    public var recorded: String {
        switch self {
        case .nobody: "-"
        case .audience(let audience, let approval): audience.rawValue + (approval.map { " (approval \($0))" } ?? "")
        case .selfView(let reference): "self \(reference)"
        }
    }
}

/// The datasets an audited action read or wrote, as the audit log records them.
public struct AuditDatasets: Sendable, Equatable {
    /// Dataset names, in the order recorded.
    public var names: [String]

    public init(_ names: [String]) { self.names = names }

    /// None (`-`).
    public static let none = AuditDatasets([])

    /// `datasets`, sorted by name.
    public static func sorted(_ datasets: some Collection<Dataset>) -> AuditDatasets { AuditDatasets(datasets.sorted().map(\.rawValue)) }

    /// The text the entry holds: the names joined by commas, or `-`.
    public var recorded: String { names.isEmpty ? "-" : names.joined(separator: ",") }
}

extension CandorStore {
    /// Where the newest audit entry's sequence and hash are kept, outside the database.
    public var auditHeadPath: String { path + ".audit-head" }

    /// Appends an audit entry chained to the last one, in one transaction, then records the new head
    /// beside the database.
    @discardableResult
    public func appendAudit(time: String, actor: String, command: String, purpose: String, audience: AuditAudience,
                            datasets: AuditDatasets, inputs: [String], outputs: [String]) throws -> AuditEntry {
        let (audience, datasets) = (audience.recorded, datasets.recorded)
        let entry: AuditEntry = try queue.write { db in
            let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
            let entry = AuditEntry.make(sequence: (last?[0] as Int64? ?? 0) + 1, time: time, actor: actor, command: command, purpose: purpose,
                                        audience: audience, datasets: datasets, inputs: inputs, outputs: outputs,
                                        previous: last?[1] as String? ?? AuditEntry.genesis)
            try db.execute(sql: """
                INSERT INTO audit_log (sequence, time, actor, command, purpose, audience, datasets, inputs, outputs, previous, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.sequence, entry.time, entry.actor, entry.command, entry.purpose, entry.audience, entry.datasets,
                                 entry.inputs.joined(separator: " "), entry.outputs.joined(separator: "\n"), entry.previous, entry.hash])
            return entry
        }
        try AtomicFile.write("\(entry.sequence) \(entry.hash)\n", to: auditHeadPath, mode: 0o600)
        return entry
    }

    /// The head recorded beside the database, if any.
    public func auditHead() -> (sequence: Int64, hash: String)? {
        guard let text = try? String(contentsOfFile: auditHeadPath, encoding: .utf8) else { return nil }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count == 2, let sequence = Int64(parts[0]) else { return nil }
        return (sequence, String(parts[1]))
    }

    /// Records the policy's hash the first time candor runs under it; returns whether it is new.
    @discardableResult
    public func recordPolicyVersion(sha256: String, time: String) throws -> Bool {
        try queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO policy_version (sha256, first_seen) VALUES (?, ?)", arguments: [sha256, time])
            return db.changesCount > 0
        }
    }
}

extension StoreReading {
    /// Every audit entry, in sequence order.
    public func auditEntries() throws -> [AuditEntry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY sequence").map { row in
                let inputs: String = row["inputs"], outputs: String = row["outputs"]
                return AuditEntry(sequence: row["sequence"], time: row["time"], actor: row["actor"], command: row["command"],
                                  purpose: row["purpose"], audience: row["audience"], datasets: row["datasets"],
                                  inputs: inputs.isEmpty ? [] : inputs.components(separatedBy: " "),
                                  outputs: outputs.isEmpty ? [] : outputs.components(separatedBy: "\n"),
                                  previous: row["previous"], hash: row["hash"])
            }
        }
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
