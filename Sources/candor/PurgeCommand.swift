import ArgumentParser
import CandorPipeline
import CandorPolicy
import CandorStorage
import CandorVocabulary

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete data past its retention window and everything of people who revoked consent.",
        discussion: """
            Windows come from the policy's retention_days, counted back from --now. `run` and every report \
            purge first on their own (or refuse, under retention_enforcement: refuse). Deleted pages are \
            overwritten (secure_delete) and the write-ahead log is truncated, so the bytes are gone. \
            What was removed is recorded (counts only) and written to the audit log.
            """)

    @Option(name: .long, help: ArgumentHelp("A programme whose revocations and objections remove a person's records (repeatable; default both): ai-adoption (AI-assistant use, IDE events, seats) or engineering-metrics (pull requests, reviews, comments).", valueName: "programme"))
    var programme: [String] = []

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    func run() throws {
        let times = try clock.resolve(), now = times.now
        let result = try reportingErrors { () throws -> PurgeResult in
            let opened = try Workspace.open(policyPath: workspace.policyPath(), database: workspace.database)
            try Audit.recordClock(times, command: "purge", policy: opened.policy, store: opened.store, actor: audit.resolved)
            let programmes = programme.isEmpty ? [Policy.assistantProgramme, Policy.engineeringProgramme] : programme
            return try RetentionGate.purge(policy: opened.policy, store: opened.store, now: now, programmes: programmes, actor: audit.resolved)
        }
        for r in result.removed where r.rows > 0 { print(PurgeWording.describe(r)) }
        let cleared = result.removed.filter { PurgeWording.isCleared(tier: $0.tier) }.reduce(0) { $0 + $1.rows }
        print("purged \(result.total - cleared) rows" + (cleared > 0 ? "; fields cleared in \(cleared) rows" : ""))
    }
}
