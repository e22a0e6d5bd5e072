import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// Records what candor did in the tamper-evident audit log, and checks declared purposes.
public enum Audit {
    /// Refuses a prohibited or unknown purpose, recording a refusal in the audit log first.
    /// - Returns: the normalised purpose.
    public static func checkPurpose(_ declared: String, policy: Policy, store: CandorStore, actor: String, now: Date, command: String) throws -> String {
        switch Purpose.evaluate(declared, prohibited: policy.prohibitedUses) {
        case .allowed(let purpose):
            return purpose
        case .prohibited(let use):
            try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: "refused " + command, purpose: clean(declared),
                                  audience: .nobody, datasets: .none, inputs: [policy.sha256], outputs: [])
            throw PurposeRefused(declared: declared, prohibitedUse: use)
        case .unknown:
            throw PurposeRefused(declared: declared, prohibitedUse: nil)
        }
    }

    /// The datasets `kind` may read, and for a restricted one (its audience reads the compliance
    /// dataset) the approval that opens it, as the audit log records it. A request without an
    /// approval, or with one that does not open the report (``ApprovalCheck``), is refused and logged.
    /// `people` are everyone running the command (the operating-system user, and `--actor`).
    public static func checkAccess(_ kind: ReportKind, period: Period, builder: ReportWriter, store: CandorStore, actor: String,
                                   people: [String], now: Date) throws -> (datasets: Set<Dataset>, approval: String?) {
        func refuse(_ reason: String) throws {
            try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: "refused report \(kind.rawValue) \(period)", purpose: clean(reason),
                                  audience: .audience(kind.audience), datasets: .none, inputs: [builder.policy.sha256], outputs: [])
        }
        let datasets: Set<Dataset>
        do {
            datasets = try builder.datasets(for: kind)
        } catch let error as ApprovalRequired {
            try refuse("no approval")
            throw error
        }
        guard datasets.contains(.compliance), let reference = builder.approval?.trimmingCharacters(in: .whitespaces) else { return (datasets, nil) }
        let listed = try store.approval(reference: reference)
        if let problem = ApprovalCheck.problem(listed, reference: reference, kind: kind, period: period, today: Timestamp.day(now),
                                               machineDay: builder.machineTime.map(Timestamp.day), people: people) {
            try refuse("approval \(reference) refused: \(problem)")
            throw ApprovalRefused(reference: reference, reason: problem)
        }
        return (datasets, listed.map { "\($0.reference), approved by \($0.approver) until \($0.expires)" })
    }

    /// Writes self-views for `people` (pseudonyms); a person without self-view consent is refused,
    /// and the refusal is logged under their reference (the start of the pseudonym, never a source id).
    public static func writeSelfViews(_ builder: ReportWriter, period: Period, people: [String], to out: String,
                                      store: CandorStore, actor: String, now: Date) throws -> [String] {
        var written: [String] = []
        // Read once for everyone: the published figures, the period's outcomes and pull requests, the log.
        let context = people.isEmpty ? nil : try builder.selfViewContext(period: period)
        for person in people {
            do {
                written += try builder.writeSelfView(period: period, person: person, to: out, context: context)
            } catch let refusal as SelfViewRefused {
                try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: "refused report self-view \(period)",
                                      purpose: "no self-view consent", audience: .selfView(reference: refusal.reference), datasets: .none,
                                      inputs: [builder.policy.sha256], outputs: [])
                throw refusal
            }
        }
        return written
    }

    /// Records a command told a time (`--now`) earlier than the machine's clock: an entry at the
    /// machine's time naming the time the command used, so setting the clock back is never silent
    /// (it would count retention, and judge approvals, from an earlier day).
    public static func recordClock(_ clock: CommandClock, command: String, policy: Policy, store: CandorStore, actor: String) throws {
        guard clock.isBackdated || clock.isForwarded else { return }
        try store.appendAudit(time: Timestamp.iso8601(clock.machine), actor: actor, command: "dated \(command)", purpose: "clock",
                              audience: .nobody, datasets: .none, inputs: [policy.sha256, "now:" + Timestamp.iso8601(clock.now)], outputs: [])
    }

    /// Records a purge: every dataset, and per tier and reason the rows removed (counts only).
    /// `before` names the command the purge was enforced for (nil: `candor purge` itself).
    public static func recordPurge(_ result: PurgeResult, before command: String? = nil, policy: Policy, store: CandorStore, actor: String, now: Date) throws {
        try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: command.map { "purge (before \($0))" } ?? "purge", purpose: "retention",
                              audience: .nobody, datasets: AuditDatasets(Dataset.allCases.map(\.rawValue)), inputs: [policy.sha256],
                              outputs: result.removed.map { "\($0.tier):\($0.rows):\($0.reason.replacingOccurrences(of: " ", with: "_"))" })
    }

    /// Records the policy version in force; a new one is also an audit entry.
    public static func recordPolicy(_ policy: Policy, store: CandorStore, actor: String, now: Date) throws {
        if try store.recordPolicyVersion(sha256: policy.sha256, time: Timestamp.iso8601(now)) {
            try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: "policy version", purpose: "governance", audience: .nobody,
                                  datasets: .none, inputs: [policy.sha256], outputs: [])
        }
    }

    /// Records an ingest: the SHA-256 of every file read, and the database written.
    public static func recordIngest(_ summary: IngestSummary, policy: Policy, store: CandorStore, actor: String, now: Date) throws {
        let written = Set(summary.files.compactMap { file -> String? in
            guard file.status != .rejected, let family = file.format.flatMap(SourceFamily.init(format:)) else { return nil }
            return policy.sourcePolicy(for: family).dataset.rawValue
        })
        try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: "ingest", purpose: "ingest", audience: .nobody,
                              datasets: AuditDatasets(written.sorted()), inputs: Array(Set(summary.files.compactMap { $0.status == .rejected ? nil : $0.sha256 })),
                              outputs: [clean(store.path)])
    }

    /// Records written reports with the SHA-256 of each file.
    /// `datasets` are those the report attached; an approval reference is recorded with the audience.
    /// The inputs are the policy's hash, the templates' fingerprint and, for each template a
    /// `--templates` folder replaced, its name and hash.
    public static func recordReport(command: String, purpose: String, audience: Audience, datasets: Set<Dataset>, approval: String? = nil,
                                    policy: Policy, templates: TemplateSet, written: [String], store: CandorStore, actor: String, now: Date) throws {
        let outputs = written.map { path in clean(path) + " " + ((try? fileSHA256(path)) ?? "unreadable") }
        try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: command, purpose: purpose,
                              audience: .audience(audience, approval: approval.map(clean)),
                              datasets: .sorted(datasets), inputs: [policy.sha256] + templateInputs(templates), outputs: outputs)
    }

    /// The audit inputs that say which templates rendered a report.
    static func templateInputs(_ templates: TemplateSet) -> [String] {
        ["templates:" + templates.fingerprint]
            + templates.overridden.map { name in
                // One word per input (the log separates them by spaces): the name's letters, digits, `.`, `-` and `_`.
                let word = String(name.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) ? Character($0) : "_" })
                return "template-override:" + word + ":" + (templates.digests[name] ?? "")
            }
    }

    /// Records one message handed to the mail command: its report, Message-ID, recipients and hash.
    public static func recordSend(_ message: OutgoingMessage, purpose: String, store: CandorStore, actor: String, now: Date) throws {
        try store.appendAudit(time: Timestamp.iso8601(now), actor: actor,
                              command: clean("send \(message.report) \(message.messageID) to \(message.to.joined(separator: ", "))"),
                              purpose: purpose, audience: .audience(.team), datasets: .none, inputs: [],
                              outputs: [clean(message.path) + " " + message.sha256])
    }

    /// Records a subject access request answered: the person's reference (the start of the pseudonym,
    /// never an id), every dataset read, and each file written with its hash.
    public static func recordSubjectAccess(reference: String, written: [String], policy: Policy, store: CandorStore, actor: String, now: Date) throws {
        let outputs = written.map { path in clean(path) + " " + ((try? fileSHA256(path)) ?? "unreadable") }
        try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: "subject-access \(reference)", purpose: "right of access",
                              audience: .selfView(reference: reference), datasets: AuditDatasets(Dataset.allCases.map(\.rawValue)),
                              inputs: [policy.sha256], outputs: outputs)
    }

    /// Records an erasure: the person's reference (never an id) and the rows removed per table.
    public static func recordErasure(reference: String, removed: [(table: String, rows: Int)], policy: Policy, store: CandorStore,
                                     actor: String, now: Date) throws {
        try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: "erase \(reference)", purpose: "right to erasure",
                              audience: .nobody, datasets: AuditDatasets(Dataset.allCases.map(\.rawValue)), inputs: [policy.sha256],
                              outputs: removed.map { "\($0.table):\($0.rows)" })
    }

    /// Records `candor init`.
    public static func recordInit(policyPath: String, store: CandorStore, actor: String, now: Date) throws {
        try store.appendAudit(time: Timestamp.iso8601(now), actor: actor, command: "init", purpose: "setup", audience: .nobody, datasets: .none,
                              inputs: [], outputs: [clean(policyPath) + " " + (try fileSHA256(policyPath))])
    }

    static func fileSHA256(_ path: String) throws -> String {
        let source = try ByteSource(path: path)
        var hasher = StreamingSHA256()
        try source.forEachChunk { hasher.update($0) }
        return hasher.finalize()
    }

    /// Audit fields are one line each.
    static func clean(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }
}
