import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// The kinds of report candor writes.
public enum ReportKind: String, CaseIterable, Sendable {
    case governance
    /// What is collected, why, who sees it and what it is never used for: for all staff.
    case transparency
    /// One summary per team (Markdown, HTML and an email), for the team.
    case team
    /// One person's own data, only for people who opted in to the self-view programme.
    case selfView = "self-view"
    /// Security finding levels and categories per team, for security reviewers, with an approval.
    case securityReview = "security-review"

    /// Who the report is for: it reads only the datasets the policy grants this audience.
    public var audience: Audience {
        switch self {
        case .governance: .governanceBoard
        case .transparency: .allStaff
        case .team: .team
        case .selfView: .self
        case .securityReview: .securityReviewer
        }
    }

    /// The reports `candor run` publishes into the reports folder (never the personal self-view).
    public static let published: [ReportKind] = [.governance, .transparency, .team]
}

/// A self-view was requested for someone who has not opted in to it.
public struct SelfViewRefused: Error, Refusal {
    public var reference: String
    public var errorDescription: String? {
        "no self-view for \(reference): this person has not opted in to the self-view programme (or has withdrawn) — "
            + "a self-view is written only for people whose consent registry entry says opted_in"
    }
}

/// A report whose audience may see the compliance dataset was requested without an approval reference.
public struct ApprovalRequired: Error, Refusal {
    public var kind: String
    public var errorDescription: String? {
        "the \(kind) report reads security findings (the compliance dataset) — pass --approval REF naming the approval "
            + "(ticket, minute or letter) that allows it; the reference is recorded in the audit log"
    }
}

/// An `--approval` that does not open the report: not listed in the approvals input, for another
/// report or quarter, not yet granted or expired, or given by the person running candor.
public struct ApprovalRefused: Error, Refusal {
    public var reference: String
    public var reason: String
    public var errorDescription: String? {
        "approval \(reference) does not open this report: \(reason) — a restricted report needs an approval listed in the "
            + "governance approvals input (reference,approver,scope,expires), in scope and in date, given by someone other than the person running candor"
    }
}

/// Decides whether an approval opens a restricted report (pure: the store's row, the request, the day).
public enum ApprovalCheck {
    /// Why `approval` (the row listed under `reference`, nil if none) does not open `kind` for
    /// `period` on `today` when `people` run candor; nil when it does.
    /// `machineDay` is the machine's clock: an approval that has expired by it stays expired whatever `today` (`--now`) says.
    public static func problem(_ approval: ApprovalRecord?, reference: String, kind: ReportKind, period: Period, today: Day, machineDay: Day? = nil,
                               people: [String]) -> String? {
        guard let approval else { return "it is not listed in the approvals input (ingest the governance approvals CSV that records it)" }
        let parts = approval.scope.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts[0] != kind.rawValue { return "it is for \(approval.scope), not \(kind.rawValue)" }
        if parts.count == 2 && parts[1] != period.description { return "it is for \(parts[1]), not \(period)" }
        if let granted = approval.granted, today < granted { return "it is granted from \(granted), after today (\(today))" }
        if let machineDay, let granted = approval.granted, machineDay < granted {
            return "it is granted from \(granted), after the machine's clock (\(machineDay)); a report dated later with --now does not bring it forward"
        }
        if approval.expires < today { return "it expired on \(approval.expires)" }
        if let machineDay, approval.expires < machineDay {
            return "it expired on \(approval.expires) by the machine's clock (\(machineDay)); a report dated earlier with --now does not revive it"
        }
        func same(_ a: String, _ b: String) -> Bool {
            a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
        }
        if let own = people.first(where: { same($0, approval.approver) }) {
            return "it was given by \(own), who is running candor: no one approves their own request"
        }
        return nil
    }
}

/// Renders reports from the store and writes them atomically.
public struct ReportWriter: Sendable {
    public let policy: Policy
    public let store: CandorStore
    public let templates: TemplateSet
    /// The report time, printed in every report; injected so output is reproducible.
    public let now: Date
    public let log: any ProgressLog
    /// The approval reference that opens the compliance dataset (`--approval`).
    public var approval: String?
    /// The report folder whose figures files are what earlier periods published (`--out`): a period's
    /// disclosure decision reads the previous period's, so it keeps the comparisons readers have.
    public var publishedFolder: String?
    /// An SSH private key (`--sign`): the folder's manifest is signed with it (``ManifestSignature``).
    public var signingKey: String?
    /// The machine's clock, when `now` was given: a `now` earlier than it is stated in the transparency report.
    public var machineTime: Date?
    /// The report's day is before the machine's (stated in the transparency report).
    public var isBackdated: Bool { machineTime.map { CommandClock(now: now, machine: $0).isDatedEarlier } ?? false }

    public init(policy: Policy, store: CandorStore, templates: TemplateSet, now: Date, log: any ProgressLog) {
        self.policy = policy
        self.store = store
        self.templates = templates
        self.now = now
        self.log = log
    }

    /// The datasets a report kind may read: its audience's grant in the policy. The compliance
    /// dataset also needs an approval reference.
    public func datasets(for kind: ReportKind) throws -> Set<Dataset> {
        let granted = policy.audiences[kind.audience] ?? []
        if granted.contains(.compliance) && (approval ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ApprovalRequired(kind: kind.rawValue)
        }
        return granted
    }

    /// A read-only view of the store with only `kind`'s datasets attached.
    func reader(for kind: ReportKind) throws -> StoreReader {
        try policyReader(datasets: datasets(for: kind))
    }

    /// A reader of `datasets` that resolves repository names as the policy says.
    func policyReader(datasets: Set<Dataset>) throws -> StoreReader {
        // The tiers, made under this policy's programmes and repository naming (nothing to do when they already are).
        try store.refreshTiers(.policy(policy))
        try SecurityOutcomes.refresh(store)
        let reader = try store.reader(datasets: datasets)
        try reader.useRepositoryNaming(policy.repositories)
        return reader
    }

    /// The acceptance table's inputs for `period`, as `store` reads them: from the tiers that remain
    /// once purge has cut into the period. Nothing is decided here.
    func acceptanceInputs(_ store: some StoreReading, _ period: Period) throws -> GovernanceViewBuilder.Inputs {
        let consent = policy.consentRule(for: MetricRegistry.acceptanceRate.programme)
        let source = try store.periodSource(period)
        var inputs = GovernanceViewBuilder.Inputs(
            period: period, policy: policy, generatedAt: Timestamp.readable(now),
            totals: source == .raw ? try store.inlineTotals(from: period.first, to: period.last, consent: consent)
                : source == .enriched ? try store.personWeekTotals(period, consent: consent) : [],
            coverage: try store.coverage(from: period.first, to: period.last),
            cmarkVersion: CommonMark.libraryVersion,
            consentExcluded: source == .raw ? try store.consentExclusions(from: period.first, to: period.last, consent: consent) : (0, 0))
        inputs.source = source
        // The transparency report's day: the period's end, or today for a period not over yet.
        inputs.registryDay = min(Timestamp.day(now), period.last)
        inputs.registry = try store.consentCounts(on: inputs.registryDay)
        inputs.departments = try store.teamDepartments(asOf: period.last)
        if source == .aggregate { inputs.teamWeeks = try store.teamWeekSums(period) }
        return inputs
    }

    /// One period as an audience's reader computes it, with the period's disclosure decision applied.
    struct DecidedPeriod {
        /// The acceptance table's inputs, `disclosure` set.
        var inputs: GovernanceViewBuilder.Inputs
        /// The scorecard as every output shows it.
        var scorecard: Scorecard
    }

    /// `period` read through `store` (an audience's reader) and the period's disclosure decision,
    /// applied. The decision is made once per period for every audience's outputs: `decision` when
    /// given (made for another audience of the same run); otherwise over what the governance board
    /// reads — this reader's own figures when it reads exactly that (the policy lets no published
    /// audience read more), else a board reader's. So `report team` alone hides what `run` hides.
    func decided(_ store: some StoreReading, _ period: Period, weeklySeries: Bool, changes: [ProgrammeChange] = [],
                 decision given: PeriodDisclosure? = nil) throws -> DecidedPeriod {
        func compute(_ reader: some StoreReading, weekly: Bool) throws -> (GovernanceViewBuilder.Inputs, UndisclosedScorecard) {
            let inputs = try acceptanceInputs(reader, period)
            var assembly = ScorecardAssembly(store: reader, policy: policy, departments: inputs.departments)
            assembly.source = inputs.source
            assembly.changes = changes
            assembly.weeklySeries = weekly
            return (inputs, try assembly.build(period))
        }
        func decide(_ inputs: GovernanceViewBuilder.Inputs, _ raw: UndisclosedScorecard) -> PeriodDisclosure {
            PeriodDisclosure.decide(totals: inputs.totals, teamWeeks: inputs.teamWeeks, source: inputs.source, departments: inputs.departments,
                                    scorecard: raw, policy: disclosurePolicy, previous: previousPublication(before: period))
        }
        var (inputs, raw) = try compute(store, weekly: weeklySeries)
        let board = policy.audiences[.governanceBoard] ?? []
        // The figures the decision is made over: this reader's when it reads what the board reads.
        let decidedOn = store.datasets == board ? nil : try compute(try policyReader(datasets: board), weekly: false)
        let decision = given ?? decidedOn.map { decide($0.0, $0.1) } ?? decide(inputs, raw)
        inputs.disclosure = decision
        return DecidedPeriod(inputs: inputs, scorecard: decision.apply(to: raw, decidedOn: decidedOn?.1))
    }

    /// What the period before `period` published, from its figures file in ``publishedFolder``: none when
    /// there is no folder or no file; a file candor cannot read is said and taken as none (it steers only
    /// the choice among equally safe patterns, never whether a cell is protected).
    func previousPublication(before period: Period) -> PreviousPublication {
        switch publishedFigures(period.previous) {
        case .none: return .none
        case .unusable(let problem):
            log.progress("\(problem): the choice of complements for \(period) does not read it")
            return .none
        case .figures(let figures): return figures.publication(source: "\(period.previous.description)/figures.json")
        }
    }

    /// What ``publishedFolder`` holds for a period: nothing, a figures file candor wrote for it, or a
    /// file it cannot use (and why).
    enum PublishedFigures {
        case none
        case figures(FiguresFile)
        case unusable(String)

        var file: FiguresFile? { if case .figures(let f) = self { f } else { nil } }
    }

    /// The figures file ``publishedFolder`` holds for `period`.
    func publishedFigures(_ period: Period) -> PublishedFigures {
        guard let folder = publishedFolder else { return .none }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(period.description).appendingPathComponent("figures.json").path
        guard FileManager.default.fileExists(atPath: path) else { return .none }
        // An input like any other: capped before it is read (a figures file of 4,000 teams is a few MiB).
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        guard size <= Self.previousFiguresLimit, let data = FileManager.default.contents(atPath: path) else {
            return .unusable("\(path) is larger than \(Self.previousFiguresLimit >> 20) MiB or cannot be read")
        }
        guard let figures = FiguresFile.parse(json: Array(data)), figures.period == period.description else {
            return .unusable("\(path) is not a figures file candor wrote for \(period)")
        }
        return .figures(figures)
    }

    /// The largest previous figures file read.
    static let previousFiguresLimit: Int64 = 64 << 20

    func previousFiguresPath(before period: Period) -> String? {
        publishedFolder.map { URL(fileURLWithPath: $0).appendingPathComponent(period.previous.description).appendingPathComponent("figures.json").path }
    }

    /// `candor coverage`: per source, what was read for `period` and what joined a team, through what
    /// the governance board may read (``CoverageView``).
    public func coverage(period: Period) throws -> [String] {
        let reader = try reader(for: .governance)
        return CoverageView.lines(try reader.coverage(period), unmatched: try reader.unmatchedRepositories(period),
                                  periodDays: period.dayCount, k: policy.minimumGroupSize,
                                  retentionNote: CoverageView.retentionNote(period, rawHorizon: try reader.rawRetentionHorizon(), rawDays: policy.retention.rawDays))
    }

    /// The gaming signals of the governance review, only for cells the period's decision shows — in
    /// this period and, for the detectors that compare, in the previous one (with its own decision).
    /// `family` is the period's decision over its tests when already made (the review's, for another
    /// audience's outputs); otherwise it is made here.
    func signals(_ store: some StoreReading, _ inputs: GovernanceViewBuilder.Inputs, family: TestFamily? = nil) throws -> SignalReport {
        let before = try decided(store, inputs.period.previous, weeklySeries: false).scorecard
        return try SignalAssembly(store: store, policy: policy, departments: inputs.departments)
            .build(inputs.period, current: inputs.scorecard, before: before, family: family)
    }

    /// The scorecard's shifts: the weekly series the period's family calls shifted.
    static func decideShifts(_ card: inout Scorecard, _ family: TestFamily) {
        card.shifts = card.shiftTests.filter { family.verdict($0.familyKey, p: $0.pValue) }
    }

    /// The governance review's signals for `period` and the scorecard they were read from (as shown).
    public func signals(period: Period) throws -> (report: SignalReport, scorecard: Scorecard) {
        let store = try reader(for: .governance)
        // With the weekly series: their shift tests are in the period's family, as in the review.
        var period = try decided(store, period, weeklySeries: true)
        period.inputs.scorecard = period.scorecard
        let report = try signals(store, period.inputs)
        Self.decideShifts(&period.scorecard, report.family)
        return (report, period.scorecard)
    }

    public func governance(period: Period) throws -> (markdown: String, html: String) {
        try governance(try analyse(try reader(for: .governance), period))
    }

    func governance(_ inputs: GovernanceViewBuilder.Inputs) throws -> (markdown: String, html: String) {
        let view = GovernanceViewBuilder.build(inputs)
        return try render("governance.md", view, title: view.title)
    }

    /// Everything the governance review and the team summaries show for `period`, read through
    /// `store` (an audience's reader): the acceptance table's inputs, the scorecard, the signals,
    /// the changes, decisions and field drops.
    /// `disclosure` is a decision already made for the period (another audience's outputs of the same
    /// run): it is applied instead of deciding again, so every output hides the same cells; `family`
    /// likewise, so every output gives a test the same verdict.
    func analyse(_ store: some StoreReading, _ period: Period, disclosure: PeriodDisclosure? = nil, family: TestFamily? = nil) throws -> GovernanceViewBuilder.Inputs {
        let changes = try store.programmeChanges(from: ProgrammeChange.windowStart(of: period), to: period.last)
            + MetricRegistry.changes.filter { $0.day >= ProgrammeChange.windowStart(of: period) && $0.day <= period.last }
        let decided = try decided(store, period, weeklySeries: true, changes: changes, decision: disclosure)
        var inputs = decided.inputs
        inputs.scorecard = decided.scorecard
        inputs.scorecardChanges = changes
        inputs.decisions = try store.decisions()
        inputs.audit = try store.auditEntries()
        let signals = try signals(store, inputs, family: family)
        inputs.signals = signals
        Self.decideShifts(&inputs.scorecard, signals.family)
        inputs.changes = try store.programmeChanges(from: period.first, to: period.last)
        inputs.changesSincePrevious = try store.programmeChanges(from: period.previous.first, to: period.last)
            + MetricRegistry.changes.filter { $0.day >= period.previous.first && $0.day <= period.last }
        inputs.fieldDrops = try store.fieldDrops()
        inputs.sourceCoverage = try store.coverage(period)
        inputs.unmatchedRepositories = try store.unmatchedRepositories(period)
        let files = InputFileRecord.relativised(try store.inputFiles())
        inputs.inputFiles = files.files
        inputs.inputRoot = files.root
        inputs.oldestRawDay = try store.activityDayRange()?.first
        inputs.rawHorizon = try store.rawRetentionHorizon()
        inputs.today = Timestamp.day(now)
        return inputs
    }

    /// One team's summary: its Markdown and HTML page, and the email (nil when the policy names
    /// no sender or the directory no address for the team).
    public struct TeamSummary: Sendable {
        public var team: String
        /// The file name stem: the team name in lowercase ASCII letters, digits and hyphens.
        public var slug: String
        public var markdown: String
        public var html: String
        public var email: MIMEMessage?
        /// Why no email was written, when none was.
        public var noEmailReason: String?
    }

    /// The team summaries for `period`: one per team in the directory, including teams whose
    /// figures are hidden (their summary says so and shows the organisation's).
    public func teamSummaries(period: Period) throws -> [TeamSummary] {
        let store = try reader(for: .team)
        // The period's tests are judged together over what the board reads, as `run` judges them.
        let board = policy.audiences[.governanceBoard] ?? []
        let boardAnalysis = store.datasets == board ? nil : try analyse(try policyReader(datasets: board), period)
        return try teamSummaries(try analyse(store, period, disclosure: boardAnalysis?.disclosure, family: boardAnalysis?.signals?.family),
                                 addresses: try store.teamAddresses(asOf: period.last))
    }

    func teamSummaries(_ inputs: GovernanceViewBuilder.Inputs, addresses: [String: [MailAddress]]) throws -> [TeamSummary] {
        // A team hidden in every metric (the directory's decision) gets a summary without its figures;
        // one hidden in some metrics shows the others.
        let hidden = inputs.scorecard.suppressed
        let built = TeamSummaryViewBuilder.Inputs(
            period: inputs.period, policy: policy, generatedAt: Timestamp.readable(now),
            scorecard: inputs.scorecard, hidden: hidden, signals: inputs.signals?.signals ?? [],
            changes: inputs.scorecardChanges)
        let slugs = TeamSlug.assign(inputs.scorecard.teams)
        // Each team's pages are rendered apart from the others' (templates and libcmark keep no state
        // between documents), so the teams are shared among the cores; each result goes to its
        // team's place, so the order, and every byte, is the same as one core's.
        let teams = inputs.scorecard.teams
        let results = Slots<Result<TeamSummary, any Error>>(count: teams.count)
        DispatchQueue.concurrentPerform(iterations: teams.count) { i in
            results.set(i, Result { try summary(teams[i]) })
        }
        return try results.values().map { try $0.get() }

        @Sendable func summary(_ team: String) throws -> TeamSummary {
            let view = TeamSummaryViewBuilder.build(team: team, built)
            let page = try render("team.md", view.mode(web: true), title: view.title)
            var summary = TeamSummary(team: team, slug: slugs[team]!, markdown: page.markdown, html: page.html)
            guard let sender = policy.email else {
                summary.noEmailReason = "the policy has no email: section naming a sender"
                return summary
            }
            guard let to = addresses[team], !to.isEmpty else {
                summary.noEmailReason = "the directory gives no team_email for \(team)"
                return summary
            }
            let mailMarkdown = templates.withOverrideNotice(try templates.render("team.md", view.mode(mail: true)))
            let body = EmailBody.inlineStyles(CommonMark.html(from: mailMarkdown))
            let html = try templates.render("email.html", HTMLPage.Shell(title: view.title, candorVersion: CandorVersion.string, body: body))
            let plain = EmailBody.plainText(fromMarkdown: templates.withOverrideNotice(try templates.render("team.md", view.mode(plain: true))))
            var message = MIMEMessage(from: sender.from, to: to, subject: "\(team) team summary, \(inputs.period)", date: now,
                                      plain: plain, html: html)
            message.replyTo = sender.replyTo
            message.extraHeaders = [("Auto-Submitted", "auto-generated"), ("X-Candor-Report", "team-summary \(inputs.period)")]
            summary.email = message
            return summary
        }
    }

    /// The Markdown and HTML of the transparency report for `period`, for all staff.
    public func transparency(period: Period) throws -> (markdown: String, html: String) {
        let store = try reader(for: .transparency)
        let today = Timestamp.day(now)
        let view = TransparencyViewBuilder.build(TransparencyViewBuilder.Inputs(
            period: period, policy: policy, generatedAt: Timestamp.readable(now),
            facts: try store.transparencyFacts(period: period, on: min(today, period.last)),
            fieldDrops: try store.fieldDrops(), audit: try store.auditEntries(),
            changes: try store.programmeChanges(from: period.first, to: period.last)
                + MetricRegistry.changes.filter { $0.day >= period.first && $0.day <= period.last },
            cmarkVersion: CommonMark.libraryVersion, datedEarlier: isBackdated ? today : nil))
        return try render("transparency.md", view, title: view.title)
    }

    /// Renders a report's Markdown template (ending in one newline) and its self-contained HTML page.
    func render(_ template: String, _ view: Any, title: String) throws -> (markdown: String, html: String) {
        var markdown = templates.withOverrideNotice(try templates.render(template, view))
        if !markdown.hasSuffix("\n") { markdown += "\n" }
        return (markdown, try HTMLPage.render(markdown: markdown, title: title, templates: templates))
    }

    /// The Markdown and HTML of the security-reviewer view for `period` (needs ``approval``).
    public func securityReview(period: Period) throws -> (markdown: String, html: String) {
        let reader = try reader(for: .securityReview)
        // The board's number beside the categories: open High and Critical at the period's end, from the tier.
        let end = Int64(period.last.dayNumber + 1) * 86_400 - 1
        var boardOpen: [String: Int] = [:]
        if reader.datasets.contains(.operational) {
            for o in try reader.securityOutcomes(asOf: period.last) where o.isHighOrCritical && o.history.isOpen(at: end) {
                boardOpen[try reader.owner(of: o.repository, on: period.last) ?? "", default: 0] += 1
            }
        }
        let view = SecurityReview.build(period: period, findings: try reader.securityFindings(period), policy: policy,
                                        approval: approval ?? "", generatedAt: Timestamp.readable(now), boardOpen: boardOpen)
        return try render("security-review.md", view, title: view.title)
    }

    /// The programme a self-view needs consent to.
    public static let selfViewProgramme = "self-view"

    /// What every self-view of a period reads alike, read once for all of them (`--all-consented`):
    /// the period's figures as published, its suggestion outcomes and pull requests, the audit log.
    public struct SelfViewContext: Sendable {
        let reader: StoreReader
        let published: FiguresFile?
        let outcomes: [SuggestionOutcome]
        let pullRequests: [PullRequestFacts]
        let audit: [AuditEntry]
    }

    /// Reads a period's ``SelfViewContext``.
    public func selfViewContext(period: Period) throws -> SelfViewContext {
        let reader = try reader(for: .selfView)
        let published = publishedFigures(period)
        if case .unusable(let problem) = published { log.progress("\(problem): self-views show no team or organisation figure") }
        return SelfViewContext(
            reader: reader, published: published.file,
            outcomes: try reader.suggestionOutcomes(period, consent: policy.consentRule(for: MetricRegistry.acceptanceRate.programme)),
            pullRequests: try reader.pullRequestFacts(period, consent: policy.consentRule(for: MetricRegistry.reviewPickup.programme)),
            audit: try reader.auditEntries())
    }

    /// The Markdown and HTML of `person`'s self-view (a pseudonym) for `period`.
    /// - Throws: ``SelfViewRefused`` unless the person's consent to the self-view programme is opted_in today.
    public func selfView(period: Period, person: String, context given: SelfViewContext? = nil) throws -> (markdown: String, html: String) {
        let today = Timestamp.day(now)
        guard try store.consentStatus(person: person, programme: Self.selfViewProgramme, on: today) == .optedIn else {
            throw SelfViewRefused(reference: SelfView.reference(person))
        }
        let context = try given ?? selfViewContext(period: period)
        let reader = context.reader
        var inputs = SelfView.Inputs(
            period: period, pseudonym: person, policy: policy, generatedAt: Timestamp.readable(now),
            consents: try reader.consentStatuses(person: person, on: today),
            holdings: try reader.personRecordCounts(person: person),
            weeks: try reader.personWeeks(person: person, period: period),
            team: try reader.team(of: person, on: min(today, period.last)), datasets: reader.datasets)
        // Their own figures, from the records the team figures are made of, beside the published ones.
        let end = Int64(period.last.dayNumber + 1) * 86_400 - 1
        let seed = ScorecardAssembly.seed("self", person, period.description)
        let ids = try reader.personIds(person: person)
        let parts = try reader.personParts(person: person, period: period)
        inputs.personal = [PersonalMetrics.acceptanceRate(parts), PersonalMetrics.acceptedLinesPerActiveDay(parts, seed: seed),
                           PersonalMetrics.persistence(context.outcomes.filter { ids.contains($0.person) })]
            + PersonalMetrics.flow(context.pullRequests.filter { ids.contains($0.author) }, periodEnd: end, seed: seed)
        inputs.published = context.published
        inputs.audit = context.audit
        let view = SelfView.build(inputs)
        return try render("self-view.md", view, title: view.title)
    }

    /// Writes `<out>/self-view/<pseudonym>/<period>.md` and `.html`, readable by their owner only
    /// (files 0600, folders 0700); returns the paths written.
    @discardableResult
    public func writeSelfView(period: Period, person: String, to outDirectory: String, context: SelfViewContext? = nil) throws -> [String] {
        let rendered = try selfView(period: period, person: person, context: context)
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent("self-view").appendingPathComponent(person)
        for directory in [folder.deletingLastPathComponent(), folder] {
            try PrivateFiles.folder(directory.path)
            try FileManager.default.setAttributes([.posixPermissions: PrivateFiles.folderMode], ofItemAtPath: directory.path)
        }
        let md = folder.appendingPathComponent("\(period).md").path, html = folder.appendingPathComponent("\(period).html").path
        try AtomicFile.write([(md, rendered.markdown), (html, rendered.html)], mode: PrivateFiles.fileMode)
        log.progress("wrote the self-view \(SelfView.reference(person))… for \(period)")
        return [md, html]
    }

    /// Writes `<out>/<period>/<kind>.md` and `.html` (team summaries: `<out>/<period>/team/<slug>.md`,
    /// `.html` and `.eml`); returns the paths written.
    @discardableResult
    public func write(_ kind: ReportKind, period: Period, to outDirectory: String) throws -> [String] {
        switch kind {
        case .governance: return try writePair(kind, try governance(period: period), period: period, to: outDirectory)
        case .transparency: return try writePair(kind, try transparency(period: period), period: period, to: outDirectory)
        case .securityReview: return try writeSecurityReview(try securityReview(period: period), period: period, to: outDirectory)
        case .team: return try writeTeamSummaries(try teamSummaries(period: period), period: period, to: outDirectory)
        case .selfView:
            throw OutputError(path: outDirectory, message: "the self-view is written per person",
                              hint: "use `candor report self-view --person ID` (or --all-consented)")
        }
    }

    /// Writes every published report for `period` — the governance review, the transparency report
    /// and the team summaries — reading the period's figures once per set of datasets, then
    /// `<out>/<period>/manifest.json` over them; returns the paths written, by report kind.
    public func writeAll(period: Period, to outDirectory: String) throws -> [(kind: ReportKind, paths: [String])] {
        log.progress("\(period): governance review")
        let governanceStore = try reader(for: .governance)
        var analysis = try analyse(governanceStore, period)
        // Errata: the figures this folder already holds for this period and the one before, where a
        // metric's definition has changed since they were written — read before anything is replaced.
        analysis.errata = try errata(for: period, current: FiguresFile.build(analysis), store: governanceStore, in: outDirectory)
        var written: [(kind: ReportKind, paths: [String])] = []
        written.append((.governance, try writePair(.governance, try governance(analysis), period: period, to: outDirectory)))
        written.append((.governance, try writeFigures(FiguresFile.build(analysis), period: period, to: outDirectory)))
        log.progress("\(period): transparency report")
        written.append((.transparency, try writePair(.transparency, try transparency(period: period), period: period, to: outDirectory)))
        log.progress("\(period): team summaries")
        let teamStore = try reader(for: .team)
        // One disclosure decision for every audience's outputs: the team summaries hide what the review hides.
        let teamAnalysis = teamStore.datasets == governanceStore.datasets ? analysis
            : try analyse(teamStore, period, disclosure: analysis.disclosure, family: analysis.signals?.family)
        written.append((.team, try writeTeamSummaries(try teamSummaries(teamAnalysis, addresses: try teamStore.teamAddresses(asOf: period.last)),
                                                      period: period, to: outDirectory)))
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent(period.description).path
        let manifest = try Manifest.make(period: period, now: now, policy: policy, templates: templates, inputs: try store.inputFiles(),
                                         written: written.flatMap(\.paths), folder: folder,
                                         previousFigures: analysis.disclosure?.previous.source == nil ? nil : previousFiguresPath(before: period),
                                         datedEarlier: isBackdated)
            .write(to: folder)
        log.progress("wrote \(manifest)")
        return written
    }

    /// ``writeAll(period:to:)`` with one audit entry per report kind (its audience and datasets),
    /// and one for the manifest; returns every path written.
    /// `approvals` are the approvals that opened restricted kinds (``Audit/checkAccess``), as the log records them.
    public func writeAll(period: Period, to outDirectory: String, store auditStore: CandorStore, purpose: String, actor: String,
                         approvals: [ReportKind: String] = [:]) throws -> [String] {
        var paths: [String] = []
        for (kind, written) in try writeAll(period: period, to: outDirectory) {
            try Audit.recordReport(command: "report \(kind.rawValue) \(period)", purpose: purpose, audience: kind.audience,
                                   datasets: try datasets(for: kind), approval: approvals[kind], policy: policy, templates: templates,
                                   written: written, store: auditStore, actor: actor, now: now)
            paths += written
        }
        let manifest = URL(fileURLWithPath: outDirectory).appendingPathComponent(period.description).appendingPathComponent("manifest.json").path
        try Audit.recordReport(command: "manifest \(period)", purpose: purpose, audience: .governanceBoard, datasets: [], policy: policy,
                               templates: templates, written: [manifest], store: auditStore, actor: actor, now: now)
        return paths + [manifest]
    }

    /// The index of `outDirectory` (issue 21): every quarter folder in it with a `figures.json`, and per
    /// metric the trend of what those quarters published (``IndexBuilder``).
    public func index(of outDirectory: String) throws -> (markdown: String, html: String) {
        let folder = URL(fileURLWithPath: outDirectory)
        var published: [(period: Period, figures: FiguresFile, hasTeams: Bool)] = []
        var unread: [(path: String, reason: String)] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: outDirectory)) ?? []).sorted() {
            guard let period = Period(folderName: name) else { continue }
            let path = folder.appendingPathComponent(name).appendingPathComponent("figures.json").path
            guard FileManager.default.fileExists(atPath: path) else {
                unread.append(("\(name)/figures.json", "missing (the quarter's reports were written by an older candor, or only in part)"))
                continue
            }
            // A figures file is at most a few MB; a far larger one is not candor's.
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size <= 64 << 20, let data = FileManager.default.contents(atPath: path), let figures = FiguresFile.parse(json: Array(data)),
                  figures.period == period.description else {
                unread.append(("\(name)/figures.json", "not a figures file candor wrote for \(period)"))
                continue
            }
            var isFolder: ObjCBool = false
            let teams = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).appendingPathComponent("team").path, isDirectory: &isFolder) && isFolder.boolValue
            published.append((period, figures, teams))
        }
        var changes: [ProgrammeChange] = []
        if let first = published.map(\.period).min(), let last = published.map(\.period).max() {
            let store = try reader(for: .governance)
            changes = try store.programmeChanges(from: first.first, to: last.last)
                + MetricRegistry.changes.filter { $0.day >= first.first && $0.day <= last.last }
        }
        let view = IndexBuilder.build(IndexBuilder.Inputs(published: published, unread: unread, changes: changes, policy: policy,
                                                          generatedAt: Timestamp.readable(now)))
        return try render("index.md", view, title: view.title)
    }

    /// Writes `<out>/index.md` and `index.html` (readable by all, as the quarters' published reports are);
    /// returns their paths.
    public func writeIndex(to outDirectory: String) throws -> [String] {
        log.progress("index of \(outDirectory)")
        let rendered = try index(of: outDirectory)
        let folder = URL(fileURLWithPath: outDirectory)
        let md = folder.appendingPathComponent("index.md").path, html = folder.appendingPathComponent("index.html").path
        try AtomicFile.write([(md, rendered.markdown), (html, rendered.html)], mode: 0o644)
        log.progress("wrote \(md)")
        log.progress("wrote \(html)")
        // The folder's manifest over the index and every quarter's manifest, signed when a key is given
        // (a signature of an earlier manifest would no longer match: it goes).
        let manifest = folder.appendingPathComponent("manifest.json").path
        try AtomicFile.write([(manifest, try FolderManifest.make(folder: outDirectory, now: now).json())], mode: 0o644)
        log.progress("wrote \(manifest)")
        var written = [md, html, manifest]
        if let signingKey {
            written.append(try ManifestSignature.sign(manifest, key: signingKey))
            log.progress("signed \(manifest) with \(signingKey)")
        } else if FileManager.default.fileExists(atPath: manifest + ".sig") {
            try FileManager.default.removeItem(atPath: manifest + ".sig")
            log.progress("removed \(manifest).sig: it signed the folder's previous manifest (sign again with --sign)")
        }
        return written
    }

    /// ``writeIndex(to:)`` with its audit entry (the governance board's audience: it reads the reviews' figures).
    public func writeIndex(to outDirectory: String, store auditStore: CandorStore, purpose: String, actor: String) throws -> [String] {
        let written = try writeIndex(to: outDirectory)
        try Audit.recordReport(command: "report index", purpose: purpose, audience: .governanceBoard, datasets: try datasets(for: .governance),
                               policy: policy, templates: templates, written: written, store: auditStore, actor: actor, now: now)
        return written
    }

    /// Writes `<out>/security-review/<period>.md` and `.html`: readable by their owner only, in a
    /// folder apart from the published period folders (files 0600, the folder 0700); returns the paths.
    func writeSecurityReview(_ rendered: (markdown: String, html: String), period: Period, to outDirectory: String) throws -> [String] {
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent("security-review")
        try PrivateFiles.folder(folder.path)
        try FileManager.default.setAttributes([.posixPermissions: PrivateFiles.folderMode], ofItemAtPath: folder.path)
        let md = folder.appendingPathComponent("\(period).md").path, html = folder.appendingPathComponent("\(period).html").path
        try AtomicFile.write([(md, rendered.markdown), (html, rendered.html)], mode: PrivateFiles.fileMode)
        log.progress("wrote \(md)")
        log.progress("wrote \(html)")
        return [md, html]
    }

    /// The published reports of a period folder, readable by all (0644).
    func writePair(_ kind: ReportKind, _ rendered: (markdown: String, html: String), period: Period, to outDirectory: String) throws -> [String] {
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent(period.description)
        let md = folder.appendingPathComponent("\(kind.rawValue).md").path
        let html = folder.appendingPathComponent("\(kind.rawValue).html").path
        try AtomicFile.write([(md, rendered.markdown), (html, rendered.html)], mode: 0o644)
        log.progress("wrote \(md)")
        log.progress("wrote \(html)")
        return [md, html]
    }

    /// Figures published in `outDirectory` for `period` and the period before whose metric's definition
    /// version differs from today's: each as published and as the current definition computes it.
    func errata(for period: Period, current: FiguresFile, store: some StoreReading, in outDirectory: String) throws -> [Erratum] {
        var out: [Erratum] = []
        for p in [period.previous, period] {
            let path = URL(fileURLWithPath: outDirectory).appendingPathComponent(p.description).appendingPathComponent("figures.json").path
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let published = FiguresFile.parse(json: Array(data)) else {
                log.progress("\(path) is not a figures file candor wrote: no errata read from it")
                continue
            }
            let changed = published.rows.contains { row in MetricRegistry.metric(MetricID(rawValue: row.metric)).map { $0.version != row.metricVersion } ?? false }
            guard changed else { continue }
            let now = p == period ? current : FiguresFile.build(try analyse(store, p))
            out += Errata.compare(published: published, current: now)
        }
        if !out.isEmpty { log.progress("\(period): \(out.count) published figure(s) changed with their definition (errata in the review)") }
        return out
    }

    /// Writes `<out>/<period>/figures.csv` and `figures.json`: every figure the review publishes, as data.
    func writeFigures(_ figures: FiguresFile, period: Period, to outDirectory: String) throws -> [String] {
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent(period.description)
        let csv = folder.appendingPathComponent("figures.csv").path, json = folder.appendingPathComponent("figures.json").path
        try AtomicFile.write([(csv, figures.csv), (json, figures.json)], mode: 0o644)
        log.progress("wrote \(csv)")
        log.progress("wrote \(json)")
        return [csv, json]
    }

    /// Writes `<out>/<period>/team/<slug>.{md,html,eml}`, removing summaries of teams no longer in the
    /// directory so the folder holds exactly this run's set.
    func writeTeamSummaries(_ summaries: [TeamSummary], period: Period, to outDirectory: String) throws -> [String] {
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent(period.description).appendingPathComponent("team")
        var files: [(String, String)] = []
        for s in summaries.sorted(by: { $0.slug < $1.slug }) {
            files.append((folder.appendingPathComponent("\(s.slug).md").path, s.markdown))
            files.append((folder.appendingPathComponent("\(s.slug).html").path, s.html))
            if let email = s.email {
                files.append((folder.appendingPathComponent("\(s.slug).eml").path, email.render()))
            } else if let reason = s.noEmailReason {
                log.progress("no email for \(s.team): \(reason)")
            }
        }
        try AtomicFile.write(files, mode: 0o644)
        let keep = Set(files.map { URL(fileURLWithPath: $0.0).lastPathComponent })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where !keep.contains(name) && [".md", ".html", ".eml"].contains(where: { name.hasSuffix($0) }) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let emails = summaries.filter { $0.email != nil }.count
        log.progress("wrote \(summaries.count) team summaries (\(emails) with an email) to \(folder.path)")
        return files.map(\.0)
    }
}

extension ReportWriter {
    /// The policy's disclosure settings, as disclosure control takes them.
    var disclosurePolicy: DisclosurePolicy {
        DisclosurePolicy(k: policy.minimumGroupSize, dominanceThreshold: policy.dominanceThreshold,
                         protectionShare: policy.protection.eventsShare, protectionPeople: policy.protection.people)
    }
}

/// Results of work shared among threads: one slot per item, each written by exactly one iteration of
/// `DispatchQueue.concurrentPerform` and read only after it returns (which orders every write before
/// the reads), so no slot is ever touched by two threads at once.
final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) { storage[index] = value }

    /// Every slot's value, in order (all must have been set).
    func values() -> [Value] { storage.map { $0! } }
}
