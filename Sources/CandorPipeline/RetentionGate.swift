import CandorPolicy
import CandorStorage
import CandorVocabulary
import Foundation

/// A report refused because records past the policy's retention windows are still held and the
/// policy says to refuse rather than purge (`retention_enforcement: refuse`).
public struct RetentionRefused: Error, Refusal {
    /// Rows past the windows, per tier and reason.
    public var pending: PurgeResult
    /// The `--now` the purge must be run with (the time the report was asked for).
    public var now: String
    /// The policy and database the report used, for the command that purges.
    public var policyPath: String
    public var databasePath: String

    public var errorDescription: String? {
        let lines = pending.removed.filter { $0.rows > 0 }.map(PurgeWording.describe)
        return "refused: the database holds \(Format.count(pending.total)) rows the policy no longer allows — past its retention windows, or beyond what it keeps ("
            + lines.joined(separator: "; ") + "); the policy says to refuse rather than purge (retention_enforcement: refuse). "
            + "Run `candor purge --policy \(Self.quoted(policyPath)) --database \(Self.quoted(databasePath)) --now \(now)` first "
            + "(or set retention_enforcement: purge); this refusal is recorded in the audit log"
    }

    /// A path as a shell argument: as it is when it needs no quoting, else in single quotes.
    static func quoted(_ path: String) -> String {
        path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+@:,=".unicodeScalars.contains($0) }
            ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Enforces the policy's retention windows before anything reads the store for a report: what is
/// past them is purged first (the default), or the report is refused with the command that purges.
/// Judged at the command's `now` (so examples stay reproducible); a `now` earlier than the machine's
/// clock is recorded by ``Audit/recordClock(_:command:policy:store:actor:)`` and stated in the
/// transparency report.
public enum RetentionGate {
    /// What enforcement did: nothing was past the windows, or it purged these rows.
    public enum Outcome: Sendable, Equatable {
        case compliant
        case purged(PurgeResult)
    }

    /// Purges (or refuses) per `policy.retention.enforcement`; revocations and objections of both
    /// programmes are applied with retention, as `candor purge` does.
    public static func enforce(policy: Policy, store: CandorStore, clock: CommandClock, actor: String, command: String,
                               log: any ProgressLog) throws -> Outcome {
        let today = Timestamp.day(clock.now), time = Timestamp.iso8601(clock.now)
        let programmes = [Policy.assistantProgramme, Policy.engineeringProgramme]
        // First what a purge would remove, in a transaction rolled back: nothing to do is the usual case.
        let pending = try store.purge(today: today, retention: policy.retention, revocationProgrammes: programmes, time: time, dryRun: true,
                                      minimise: policy.storedSources, assistantConsent: policy.consentRule(for: Policy.assistantProgramme))
        guard pending.total > 0 else {
            log.progress("retention: nothing is past the policy's windows or beyond what it keeps on \(today)")
            return .compliant
        }
        switch policy.retention.enforcement {
        case .refuse:
            try store.appendAudit(time: time, actor: actor, command: "refused " + command, purpose: "retention: \(pending.total) rows past the windows",
                                  audience: .nobody, datasets: .none, inputs: [policy.sha256], outputs: [])
            throw RetentionRefused(pending: pending, now: time, policyPath: policy.path, databasePath: store.path)
        case .purge:
            log.progress("retention: purging \(Format.count(pending.total)) rows past the policy's windows or beyond what it keeps on \(today) before \(command)")
            return .purged(try purge(policy: policy, store: store, now: clock.now, programmes: programmes, actor: actor, before: command))
        }
    }

    /// Purges as of `now` — retention, and the revocations and objections of `programmes` — makes the
    /// security-outcome tier again at once (purged findings' dates leave the operational file too), and
    /// records it; what `candor purge` and every report's enforcement do.
    public static func purge(policy: Policy, store: CandorStore, now: Date, programmes: [String], actor: String,
                             before command: String? = nil) throws -> PurgeResult {
        let result = try store.purge(today: Timestamp.day(now), retention: policy.retention, revocationProgrammes: programmes,
                                     time: Timestamp.iso8601(now), minimise: policy.storedSources,
                                     assistantConsent: policy.consentRule(for: Policy.assistantProgramme))
        try SecurityOutcomes.refresh(store)
        try Audit.recordPurge(result, before: command, policy: policy, store: store, actor: actor, now: now)
        return result
    }
}

extension Policy {
    /// The policy's entry for every source, listed or not: what a purge minimises stored records to.
    var storedSources: [SourcePolicy] { SourceFamily.allCases.map { sourcePolicy(for: $0) } }
}
