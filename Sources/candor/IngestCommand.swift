import ArgumentParser
import CandorPipeline
import CandorVocabulary

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read export files into the store, one transaction per file.",
        discussion: """
            Formats are recognised by content (see `candor formats`). Folders are read recursively. \
            A file with any error is rejected whole and the others are still ingested; the same file \
            twice, or exports that overlap on the same person and day, never count twice.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    @Option(name: .long, help: ArgumentHelp("Read every file as this format instead of recognising it.", valueName: "name"))
    var format: InputFormat?

    @Option(name: .long, help: ArgumentHelp("What aggregate-only exports cover when the file does not say, e.g. team:frontend (Copilot legacy metrics).", valueName: "scope"))
    var scope = Ingestor.defaultScope

    @Option(name: .long, help: ArgumentHelp("The CodeGuru Reviewer code review ARN for recommendation or feedback files that do not name it.", valueName: "arn"))
    var codeReview: String?

    @Option(name: .long, help: ArgumentHelp("The repository (OWNER/NAME) of SARIF logs that do not name one.", valueName: "repository"))
    var repository: String?

    @Flag(name: .long, help: "Store a file's good records even when some are bad; the bad ones' problems go to rejects/ beside the database.")
    var skipBadRows = false

    @Flag(name: .long, help: "Read files again even if the same bytes were ingested before (rows are replaced, never added twice).")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only problems, not progress.")
    var quiet = false

    @Argument(help: ArgumentHelp("Export files or folders.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file or folder to ingest") }
        if scope.isEmpty || scope.count > 100 || scope.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--scope must be 1 to 100 printable characters, e.g. org:acme or team:frontend")
        }
    }

    func run() throws {
        let log = StandardErrorLog(quiet: quiet)
        let times = try clock.resolve(), now = times.now
        let summary = try reportingErrors {
            let opened = try Workspace.open(policyPath: workspace.policyPath(inputs: files), database: workspace.database)
            for w in opened.warnings { log.diagnostic(w) }
            try Audit.recordClock(times, command: "ingest", policy: opened.policy, store: opened.store, actor: audit.resolved)
            try Audit.recordPolicy(opened.policy, store: opened.store, actor: audit.resolved, now: now)
            var ingestor = Ingestor(store: opened.store, pseudonymiser: opened.pseudonymiser, log: log, now: now, forcedFormat: format, scope: scope, codeReviewArn: codeReview, repository: repository,
                                    survey: opened.policy.survey)
            ingestor.force = force
            ingestor.policy = opened.policy
            ingestor.skipBadRows = skipBadRows
            let paths = InputDiscovery.expand(files)
            if paths.isEmpty {
                throw OutputError(path: files.joined(separator: " "), message: "no files to ingest",
                                  hint: "the folder is empty, or holds only hidden files")
            }
            let summary = try ingestor.ingest(paths: paths)
            try Audit.recordIngest(summary, policy: opened.policy, store: opened.store, actor: audit.resolved, now: now)
            return summary
        }
        let unchanged = summary.files.filter { if case .unchanged = $0.status { return true } else { return false } }.count
        print("ingested \(summary.files.count - unchanged - summary.rejectedCount) files (\(summary.ingestedRows) rows), \(unchanged) unchanged, \(summary.rejectedCount) rejected")
        if summary.rejectedCount > 0 { throw ExitCode(2) }
    }
}
