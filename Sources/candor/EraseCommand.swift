import ArgumentParser
import CandorPipeline
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary

struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase one person's records from every source and tier, at their request (the right to erasure).",
        discussion: """
            Removes every record held under the person's pseudonym and the ids the directory links to \
            it — raw records, the tiers, directory rows, aliases, consent entries — in every database \
            file, and puts their ids on an erasure list so no export read again brings the records back \
            (ingest counts and skips them, ERA001). Team totals already made keep the person's \
            contribution anonymously, as for anyone who leaves. Without --confirm, lists what would go \
            and erases nothing. Recorded in the audit log under the person's reference, never their id.
            """)

    @Option(name: .long, help: ArgumentHelp("The person's id in any tool the directory knows (it is pseudonymised before use).", valueName: "id"))
    var person: String

    @Flag(name: .long, help: "Erase. Without it, only list what would be erased.")
    var confirm = false

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    func run() throws {
        let times = try clock.resolve(), now = times.now
        try reportingErrors {
            let opened = try Workspace.open(policyPath: workspace.policyPath(inputs: []), database: workspace.database)
            for w in opened.warnings { StandardErrorLog(quiet: false).diagnostic(w) }
            try Audit.recordClock(times, command: "erase", policy: opened.policy, store: opened.store, actor: audit.resolved)
            let pseudonym = opened.pseudonymiser.pseudonym(for: SourcePersonID(person)).text
            let reference = SelfView.reference(pseudonym)
            guard confirm else {
                let held = try opened.store.subjectAccess(person: pseudonym).filter { !$0.rows.isEmpty && $0.table != "erased_person" }
                for table in held { print("would erase \(table.table): \(table.rows.count) row\(table.rows.count == 1 ? "" : "s") (\(table.label))") }
                print(held.isEmpty ? "nothing is held under \(reference)…; nothing erased"
                      : "nothing erased: run again with --confirm to erase these records of \(reference)… (this cannot be undone)")
                return
            }
            let erasure = try opened.store.erase(person: pseudonym, time: Timestamp.iso8601(now))
            try Audit.recordErasure(reference: reference, removed: erasure.removed, policy: opened.policy, store: opened.store,
                                    actor: audit.resolved, now: now)
            for entry in erasure.removed { print("erased \(entry.table): \(entry.rows) row\(entry.rows == 1 ? "" : "s")") }
            print("erased \(erasure.removed.reduce(0) { $0 + $1.rows }) rows of \(reference)…; their ids are on the erasure list")
            guard erasure.logEmptied else {
                throw OutputError(path: opened.store.path,
                                 message: "the rows are deleted, but another process is reading the database, so their bytes stay in the write-ahead log",
                                 hint: "close every other candor or sqlite3 reading this database, then run the same `candor erase --confirm` again")
            }
        }
    }
}
