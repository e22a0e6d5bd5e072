import ArgumentParser
import CandorMail
import CandorPipeline
import CandorPolicy
import Foundation

struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Email the team summaries `candor report team` wrote.",
        discussion: """
            Hands each .eml under DIR to a sendmail-compatible command, which reads the recipients \
            from the message's To header — the team's team_email from the directory. The command is \
            run without a shell. Every message sent is recorded in the audit log (Message-ID, \
            recipients, SHA-256). With --dry-run, lists what would be sent and sends nothing. \
            Example: candor send reports/2026-Q3/team --sendmail "msmtp -t"
            """)

    @Argument(help: ArgumentHelp("A folder of .eml files (searched recursively), or one .eml file.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("The sendmail-compatible command that reads a message on standard input.", valueName: "command"))
    var sendmail = "sendmail -t -i"

    @Flag(name: .long, help: "List the messages and their recipients; send nothing.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Why the messages are sent: \(Purpose.known.joined(separator: ", ")).", valueName: "purpose"))
    var purpose = "team-improvement"

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    @Flag(name: .shortAndLong, help: "Print only problems, not progress.")
    var quiet = false

    func run() throws {
        let log = StandardErrorLog(quiet: quiet)
        let times = try clock.resolve(), now = times.now
        try reportingErrors {
            let messages = try Mailer.collect(directory)
            if messages.isEmpty {
                log.write("no .eml files under \(directory); write them with `candor report team --period P`")
                return
            }
            if dryRun {
                for m in messages {
                    print("would send \(m.path): to \(m.to.joined(separator: ", ")); subject \(m.subject); \(m.messageID)")
                }
                print("\(messages.count) message\(messages.count == 1 ? "" : "s") would be sent with: \(sendmail)")
                return
            }
            let command = try Mailer.command(sendmail)
            let opened = try Workspace.open(policyPath: workspace.policyPath(inputs: []), database: workspace.database)
            for w in opened.warnings { log.diagnostic(w) }
            try Audit.recordClock(times, command: "send", policy: opened.policy, store: opened.store, actor: audit.resolved)
            let declared = try Audit.checkPurpose(purpose, policy: opened.policy, store: opened.store, actor: audit.resolved, now: now,
                                                  command: "send")
            var failures = 0
            for (i, m) in messages.enumerated() {
                do {
                    try Mailer.send(m, command: command)
                    try Audit.recordSend(m, purpose: declared, store: opened.store, actor: audit.resolved, now: now)
                    log.progress("[\(i + 1)/\(messages.count)] sent \(m.path) to \(m.to.joined(separator: ", "))")
                } catch let error as MailError {
                    failures += 1
                    log.write("error: \(error.localizedDescription)")
                }
            }
            print("sent \(messages.count - failures) of \(messages.count) message\(messages.count == 1 ? "" : "s")")
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
