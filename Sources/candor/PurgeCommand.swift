import ArgumentParser
import CandorPipeline
import CandorStorage
import CandorVocabulary

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete data past its retention window and everything of people who revoked consent.",
        discussion: """
            Windows come from the policy's retention_days, counted back from --now. Deleted pages are \
            overwritten (secure_delete) and the write-ahead log is truncated, so the bytes are gone. \
            What was removed is recorded (counts only) and written to the audit log.
            """)

    @Option(name: .long, help: ArgumentHelp("The programme whose revocations and objections remove a person's records: ai-adoption (AI-assistant use, IDE events, seats) or engineering-metrics (pull requests, reviews, comments).", valueName: "programme"))
    var programme = "ai-adoption"

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    func run() throws {
        let now = try clock.resolve()
        let result = try reportingErrors { () throws -> PurgeResult in
            let opened = try Workspace.open(policyPath: workspace.policyPath(), database: workspace.database)
            let result = try opened.store.purge(today: Timestamp.day(now), retention: opened.policy.retention,
                                                revocationProgramme: programme, time: Timestamp.iso8601(now))
            try opened.store.appendAudit(time: Timestamp.iso8601(now), actor: audit.resolved, command: "purge", purpose: "retention",
                                         audience: .nobody, datasets: AuditDatasets(Dataset.allCases.map(\.rawValue)), inputs: [opened.policy.sha256],
                                         outputs: result.removed.map { "\($0.tier):\($0.rows):\($0.reason.replacingOccurrences(of: " ", with: "_"))" })
            return result
        }
        for r in result.removed { print("\(r.tier): removed \(r.rows) rows (\(r.reason))") }
        print("purged \(result.total) rows")
    }
}
