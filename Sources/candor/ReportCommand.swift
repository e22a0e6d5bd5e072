import ArgumentParser
import CandorPipeline
import CandorPolicy
import CandorReport
import CandorVocabulary

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report for a period as Markdown and HTML.",
        discussion: """
            all: every published report for the period — governance, transparency and the team summaries — \
            and <out>/<period>/manifest.json (SHA-256 of every input and output, versions, policy hash). \
            governance: <out>/<period>/governance.md and .html, for the governance board. \
            transparency: <out>/<period>/transparency.md and .html, for all staff. \
            team: <out>/<period>/team/<team>.md, .html and .eml (to the team's team_email in the directory, \
            from the policy's email: sender; send them with `candor send`). \
            security-review: finding levels and categories per team, for security reviewers; needs --approval REF. \
            self-view: one person's own data (--person ID, or --all-consented), only for people who opted in, \
            written to <out>/self-view/<pseudonym>/<period> readable by the owner only. \
            Every file is written through a temporary file and a rename.
            """)

    @Argument(help: ArgumentHelp("The report: all, \(ReportKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var choice: ReportChoice

    @Option(name: .long, help: ArgumentHelp("The quarter to report, e.g. 2026-Q3.", valueName: "period"))
    var period: Period

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out = "reports"

    @Option(name: .long, help: ArgumentHelp("A folder of NAME.mustache files overriding the built-in templates.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Why the report is requested: \(Purpose.known.joined(separator: ", ")). Prohibited uses are refused.", valueName: "purpose"))
    var purpose = "governance-review"

    @Option(name: .long, help: ArgumentHelp("The approval (ticket, minute or letter) that allows a report reading security findings; recorded in the audit log.", valueName: "ref"))
    var approval: String?

    @Option(name: .long, help: ArgumentHelp("For self-view: the person's id in the telemetry (pseudonymised before use).", valueName: "id"))
    var person: String?

    @Flag(name: .long, help: "For self-view: write one for everyone whose self-view consent is opted_in today.")
    var allConsented = false

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: ArgumentHelp("With `all`: an SSH private key to sign the report folder's manifest with (candor verify --public-key checks it).", valueName: "key"))
    var sign: String?

    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    @Flag(name: .shortAndLong, help: "Print only problems, not progress.")
    var quiet = false

    var kind: ReportKind? { if case .single(let kind) = choice { kind } else { nil } }

    func validate() throws {
        if kind == .selfView && (person == nil) == !allConsented {
            throw ValidationError("self-view needs exactly one of --person ID or --all-consented")
        }
        if kind != .selfView && (person != nil || allConsented) {
            throw ValidationError("--person and --all-consented are for the self-view only")
        }
        if kind != nil && sign != nil {
            throw ValidationError("--sign signs the report folder's manifest, which only `report all` (and `run`) write: use `candor report all --sign KEY`")
        }
    }

    func run() throws {
        let log = StandardErrorLog(quiet: quiet)
        let times = try clock.resolve(), now = times.now
        try reportingErrors {
            let opened = try Workspace.open(policyPath: workspace.policyPath(inputs: []), database: workspace.database)
            for w in opened.warnings { log.diagnostic(w) }
            try Audit.recordPolicy(opened.policy, store: opened.store, actor: audit.resolved, now: now)
            try Audit.recordClock(times, command: "report \(kind?.rawValue ?? "all") \(period)", policy: opened.policy, store: opened.store,
                                  actor: audit.resolved)
            let declared = try Audit.checkPurpose(purpose, policy: opened.policy, store: opened.store, actor: audit.resolved, now: now,
                                                  command: "report \(kind?.rawValue ?? "all")")
            // Retention before anything is read: what is past the windows goes (or the report is refused, if the policy says so).
            _ = try RetentionGate.enforce(policy: opened.policy, store: opened.store, clock: times, actor: audit.resolved,
                                          command: "report \(kind?.rawValue ?? "all") \(period)", log: log)
            var builder = ReportWriter(policy: opened.policy, store: opened.store,
                                        templates: try TemplateSet(overridesFrom: templates), now: now, log: log)
            builder.approval = approval
            builder.publishedFolder = out
            builder.machineTime = times.machine
            builder.signingKey = sign
            guard let kind else {
                // A policy that lets a published report read the compliance dataset makes `report all` restricted too.
                var approvals: [ReportKind: String] = [:]
                for published in [ReportKind.governance, .transparency, .team] {
                    approvals[published] = try Audit.checkAccess(published, period: period, builder: builder, store: opened.store,
                                                                 actor: audit.resolved, people: audit.people, now: now).approval
                }
                for path in try builder.writeAll(period: period, to: out, store: opened.store, purpose: declared, actor: audit.resolved,
                                                 approvals: approvals) {
                    print(path)
                }
                for path in try builder.writeIndex(to: out, store: opened.store, purpose: declared, actor: audit.resolved) { print(path) }
                return
            }
            let (datasets, approved) = try Audit.checkAccess(kind, period: period, builder: builder, store: opened.store, actor: audit.resolved,
                                                             people: audit.people, now: now)
            let written: [String]
            if kind == .selfView {
                let people = try allConsented ? opened.store.selfViewSubscribers(on: Timestamp.day(now))
                    : [opened.pseudonymiser.pseudonym(for: SourcePersonID(person!)).text]
                written = try Audit.writeSelfViews(builder, period: period, people: people, to: out, store: opened.store,
                                                   actor: audit.resolved, now: now)
                print("wrote \(people.count) self-view\(people.count == 1 ? "" : "s") (each readable by its owner only)")
            } else {
                written = try builder.write(kind, period: period, to: out)
            }
            try Audit.recordReport(command: "report \(kind.rawValue) \(period)", purpose: declared, audience: kind.audience,
                                   datasets: datasets, approval: approved ?? approval, policy: opened.policy, templates: builder.templates, written: written,
                                   store: opened.store, actor: audit.resolved, now: now)
            if kind != .selfView { for path in written { print(path) } }
        }
    }
}
