import ArgumentParser
import CandorPipeline
import CandorPolicy
import CandorVocabulary

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The main job: ingest an organisation folder's exports and write all its reports.",
        discussion: """
            The folder holds policy.yml (with its key file) and an inputs/ folder of exports, read \
            recursively in path order. Before any report is read, what is past the policy's retention \
            windows is purged (or the run refused, under retention_enforcement: refuse). Reports go to \
            <out>/<period>/. Without --period, every quarter with data that has ended by --now is reported \
            (the quarter under way only when none has ended).
            """)

    @Argument(help: ArgumentHelp("The organisation folder.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out = "reports"

    @Option(name: .long, help: ArgumentHelp("A quarter to report (repeatable).", valueName: "period"))
    var period: [Period] = []

    @Option(name: .long, help: ArgumentHelp("The SQLite database (default: the policy's).", valueName: "path"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("A folder of NAME.mustache files overriding the built-in templates.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Why the reports are requested: \(Purpose.known.joined(separator: ", ")). Prohibited uses are refused.", valueName: "purpose"))
    var purpose = "governance-review"

    @Option(name: .long, help: ArgumentHelp("An SSH private key: sign the report folder's manifest with it (ssh-keygen -Y sign; check with candor verify --public-key).", valueName: "key"))
    var sign: String?

    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    @Flag(name: .shortAndLong, help: "Print only problems, not progress.")
    var quiet = false

    func run() throws {
        let log = StandardErrorLog(quiet: quiet)
        let times = try clock.resolve()
        var configuration = RunConfiguration(workspace: directory, database: database, outDirectory: out,
                                             periods: period, now: times.now, templatesDirectory: templates)
        configuration.machineTime = times.machine
        configuration.actor = audit.resolved
        configuration.purpose = purpose
        configuration.signingKey = sign
        let result = try reportingErrors { try Run(configuration, log: log).execute() }
        for path in result.written { print(path) }
        if result.ingest.rejectedCount > 0 {
            log.write("\(result.ingest.rejectedCount) input file(s) rejected; reports were written without them")
            throw ExitCode(2)
        }
    }
}
