import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// Everything one `candor run` needs, injected so a run is reproducible: same inputs and the
/// same `now` give byte-identical reports.
public struct RunConfiguration: Sendable {
    /// The organisation folder: `policy.yml` and an `inputs/` folder of exports.
    public var workspace: String
    /// Overrides the database the policy names.
    public var database: String?
    /// Where reports go: `<out>/<period>/<kind>.{md,html}`.
    public var outDirectory: String
    /// Periods to report; empty means every quarter with data.
    public var periods: [Period]
    public var now: Date
    /// The machine's clock when the run started, when `now` was given (`--now`): an earlier `now` is
    /// recorded in the audit log and stated in the transparency report.
    public var machineTime: Date?
    /// Overrides for the built-in templates.
    public var templatesDirectory: String?
    /// Who runs it, for the audit log.
    public var actor: String = operatingSystemUser()
    /// The declared purpose of the reports.
    public var purpose: String = "governance-review"
    /// An SSH private key to sign the report folder's manifest with (`--sign`).
    public var signingKey: String?

    public init(workspace: String, database: String?, outDirectory: String, periods: [Period], now: Date, templatesDirectory: String?) {
        self.workspace = workspace
        self.database = database
        self.outDirectory = outDirectory
        self.periods = periods
        self.now = now
        self.templatesDirectory = templatesDirectory
    }

    /// `now` and the machine's clock.
    public var clock: CommandClock { CommandClock(now: now, machine: machineTime ?? now) }

    var policyPath: String { URL(fileURLWithPath: workspace).appendingPathComponent("policy.yml").path }
    var inputsPath: String { URL(fileURLWithPath: workspace).appendingPathComponent("inputs").path }
}

/// The main job: ingest an organisation's exports, then write every report for its periods.
public struct Run: Sendable {
    public let configuration: RunConfiguration
    public let log: any ProgressLog

    public init(_ configuration: RunConfiguration, log: any ProgressLog) {
        self.configuration = configuration
        self.log = log
    }

    /// What a run did.
    public struct Result: Sendable {
        public var ingest: IngestSummary
        public var written: [String]
    }

    public func execute() throws -> Result {
        let c = configuration
        log.progress("[1/3] policy: \(c.policyPath)")
        let workspace = try Workspace.open(policyPath: c.policyPath, database: c.database)
        for w in workspace.warnings { log.diagnostic(w) }
        try Audit.recordPolicy(workspace.policy, store: workspace.store, actor: c.actor, now: c.now)
        try Audit.recordClock(c.clock, command: "run", policy: workspace.policy, store: workspace.store, actor: c.actor)
        let purpose = try Audit.checkPurpose(c.purpose, policy: workspace.policy, store: workspace.store, actor: c.actor, now: c.now, command: "run")
        let templates = try TemplateSet(overridesFrom: c.templatesDirectory)

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: c.inputsPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: c.inputsPath, message: "no inputs folder", hint: "put the exports to read in an inputs/ folder beside policy.yml")
        }
        let files = InputDiscovery.expand([c.inputsPath])
        log.progress("[2/3] ingest: \(files.count) files")
        var ingestor = Ingestor(store: workspace.store, pseudonymiser: workspace.pseudonymiser, log: log, now: c.now, survey: workspace.policy.survey)
        ingestor.policy = workspace.policy
        let summary = try ingestor.ingest(paths: files)
        try Audit.recordIngest(summary, policy: workspace.policy, store: workspace.store, actor: c.actor, now: c.now)

        // Retention before anything is read: what is past the windows goes (or the run stops, if the policy says to refuse).
        _ = try RetentionGate.enforce(policy: workspace.policy, store: workspace.store, clock: c.clock, actor: c.actor, command: "run", log: log)

        let periods = c.periods.isEmpty ? try dataPeriods(workspace.store, today: Timestamp.day(c.now)) : c.periods
        log.progress("[3/3] reports: \(periods.map(\.description).joined(separator: ", "))")
        var builder = ReportWriter(policy: workspace.policy, store: workspace.store, templates: templates, now: c.now, log: log)
        builder.publishedFolder = c.outDirectory
        builder.machineTime = c.machineTime
        builder.signingKey = c.signingKey
        var written: [String] = []
        for period in periods.sorted() {
            written += try builder.writeAll(period: period, to: c.outDirectory, store: workspace.store, purpose: purpose, actor: c.actor)
        }
        // The folder's index: every quarter it holds (this run's and earlier ones'), and the trends across them.
        if !periods.isEmpty { written += try builder.writeIndex(to: c.outDirectory, store: workspace.store, purpose: purpose, actor: c.actor) }
        return Result(ingest: summary, written: written)
    }

    /// Every quarter with AI-assistant data (any assistant, in any tier) that has ended by `today`; a
    /// quarter still under way is a review of part of a quarter, so it is reported only when no
    /// quarter with data has ended yet (or when `--period` names it).
    private func dataPeriods(_ store: some StoreReading, today: Day) throws -> [Period] {
        guard let range = try store.assistantDataDayRange() else { return [] }
        var periods: [Period] = []
        var p = Period(containing: range.first)
        let last = Period(containing: range.last)
        while p <= last {
            periods.append(p)
            p = p.next
        }
        let ended = periods.filter { $0.last < today }
        return ended.isEmpty ? periods : ended
    }
}
