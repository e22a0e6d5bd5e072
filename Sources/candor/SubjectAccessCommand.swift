import ArgumentParser
import CandorPipeline
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary

struct SubjectAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject-access",
        abstract: "Write everything candor holds about one person, for them (the right of access).",
        discussion: """
            Writes <out>/subject-access/<pseudonym>/: a README saying what is held and what is not, \
            and one CSV per table that holds records under the person's pseudonym (and the ids the \
            directory links to it). Written whatever the person's consent — access is a right, not \
            an opt-in — readable by its owner only (files 0600, folders 0700), and recorded in the \
            audit log under the person's reference, never their id.
            """)

    @Option(name: .long, help: ArgumentHelp("The person's id in any tool the directory knows (it is pseudonymised before use).", valueName: "id"))
    var person: String

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out = "reports"

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    func run() throws {
        let times = try clock.resolve(), now = times.now
        let written = try reportingErrors { () throws -> [String] in
            let opened = try Workspace.open(policyPath: workspace.policyPath(inputs: []), database: workspace.database)
            for w in opened.warnings { StandardErrorLog(quiet: false).diagnostic(w) }
            try Audit.recordClock(times, command: "subject-access", policy: opened.policy, store: opened.store, actor: audit.resolved)
            let pseudonym = opened.pseudonymiser.pseudonym(for: SourcePersonID(person)).text
            let written = try SubjectAccess.write(store: opened.store, policy: opened.policy, person: pseudonym, to: out, now: now)
            try Audit.recordSubjectAccess(reference: SelfView.reference(pseudonym), written: written, policy: opened.policy,
                                          store: opened.store, actor: audit.resolved, now: now)
            return written
        }
        print("wrote \(written.count) file\(written.count == 1 ? "" : "s") to \(written.first.map { String($0.dropLast("/README.md".count)) } ?? out) (readable by its owner only)")
    }
}
