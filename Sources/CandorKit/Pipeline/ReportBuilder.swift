import Foundation

/// The kinds of report candor writes.
public enum ReportKind: String, CaseIterable, Sendable {
    case governance
    /// One person's own data, only for people who opted in to the self-view programme.
    case selfView = "self-view"
    /// Security finding levels and categories per team, for security reviewers, with an approval.
    case securityReview = "security-review"

    /// Who the report is for: it reads only the datasets the policy grants this audience.
    public var audience: Audience {
        switch self {
        case .governance: .governanceBoard
        case .selfView: .self
        case .securityReview: .securityReviewer
        }
    }

    /// The reports `candor run` publishes into the reports folder (never the personal self-view).
    public static let published: [ReportKind] = [.governance]
}

/// A self-view was requested for someone who has not opted in to it.
public struct SelfViewRefused: Error, LocalizedError {
    public var reference: String
    public var errorDescription: String? {
        "no self-view for \(reference): this person has not opted in to the self-view programme (or has withdrawn) — "
            + "a self-view is written only for people whose consent registry entry says opted_in"
    }
}

/// A report whose audience may see the compliance dataset was requested without an approval reference.
public struct ApprovalRequired: Error, LocalizedError {
    public var kind: String
    public var errorDescription: String? {
        "the \(kind) report reads security findings (the compliance dataset) — pass --approval REF naming the approval "
            + "(ticket, minute or letter) that allows it; the reference is recorded in the audit log"
    }
}

/// Renders reports from the store and writes them atomically.
public struct ReportBuilder: Sendable {
    public let policy: Policy
    public let store: CandorStore
    public let templates: TemplateSet
    /// The report time, printed in every report; injected so output is reproducible.
    public let now: Date
    public let log: any ProgressLog
    /// The approval reference that opens the compliance dataset (`--approval`).
    public var approval: String?

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
    func reader(for kind: ReportKind) throws -> CandorStore {
        try store.reader(datasets: datasets(for: kind))
    }

    /// The Markdown and HTML of the governance review for `period`.
    /// The acceptance table's inputs for `period`: from the tiers that remain once purge has cut into it.
    func acceptanceInputs(_ store: CandorStore, _ period: Period) throws -> GovernanceViewBuilder.Inputs {
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
        inputs.departments = try store.teamDepartments(asOf: period.last)
        if source == .aggregate { inputs.teamWeeks = try store.teamWeekSums(period) }
        return inputs
    }

    /// The gaming signals of the governance review, only for teams the review shows — in this period
    /// and, for the detectors that compare, in the previous one.
    func signals(_ store: CandorStore, _ inputs: GovernanceViewBuilder.Inputs) throws -> SignalReport {
        let previous = inputs.period.previous
        let hidden = GovernanceViewBuilder.hiddenTeams(inputs)
        let hiddenBefore = GovernanceViewBuilder.hiddenTeams(try acceptanceInputs(store, previous))
        return try SignalBuilder(store: store, policy: policy, departments: inputs.departments)
            .build(inputs.period, current: inputs.scorecard.hiding(hidden, k: policy.minimumGroupSize), hiddenBefore: hiddenBefore)
    }

    /// The governance review's signals for `period` and the scorecard they were read from (as shown).
    public func signals(period: Period) throws -> (report: SignalReport, scorecard: Scorecard) {
        let store = try reader(for: .governance)
        var inputs = try acceptanceInputs(store, period)
        var builder = ScorecardBuilder(store: store, policy: policy, departments: inputs.departments)
        builder.source = inputs.source
        builder.weeklySeries = false
        inputs.scorecard = try builder.build(period)
        return (try signals(store, inputs), inputs.scorecard.hiding(GovernanceViewBuilder.hiddenTeams(inputs), k: policy.minimumGroupSize))
    }

    public func governance(period: Period) throws -> (markdown: String, html: String) {
        let store = try reader(for: .governance)
        var inputs = try acceptanceInputs(store, period)
        let source = inputs.source
        var scorecard = ScorecardBuilder(store: store, policy: policy, departments: inputs.departments)
        scorecard.source = source
        inputs.scorecardChanges = try store.programmeChanges(from: period.first.adding(days: -14), to: period.last)
            + MetricRegistry.changes.filter { $0.day >= period.first.adding(days: -14) && $0.day <= period.last }
        inputs.decisions = try store.decisions()
        inputs.audit = try store.auditEntries()
        scorecard.changes = inputs.scorecardChanges
        inputs.scorecard = try scorecard.build(period)
        inputs.signals = try signals(store, inputs)
        inputs.changes = try store.programmeChanges(from: period.first, to: period.last)
        inputs.fieldDrops = try store.fieldDrops()
        let view = GovernanceViewBuilder.build(inputs)
        return try render("governance.md", view, title: view.title)
    }

    /// Renders a report's Markdown template (ending in one newline) and its self-contained HTML page.
    func render(_ template: String, _ view: Any, title: String) throws -> (markdown: String, html: String) {
        var markdown = try templates.render(template, view)
        if !markdown.hasSuffix("\n") { markdown += "\n" }
        return (markdown, try HTMLPage.render(markdown: markdown, title: title, templates: templates))
    }

    /// The Markdown and HTML of the security-reviewer view for `period` (needs ``approval``).
    public func securityReview(period: Period) throws -> (markdown: String, html: String) {
        let reader = try reader(for: .securityReview)
        let view = SecurityReview.build(period: period, findings: try reader.securityFindings(period), policy: policy,
                                        approval: approval ?? "", generatedAt: Timestamp.readable(now))
        return try render("security-review.md", view, title: view.title)
    }

    /// The programme a self-view needs consent to.
    public static let selfViewProgramme = "self-view"

    /// The Markdown and HTML of `person`'s self-view (a pseudonym) for `period`.
    /// - Throws: ``SelfViewRefused`` unless the person's consent to the self-view programme is opted_in today.
    public func selfView(period: Period, person: String) throws -> (markdown: String, html: String) {
        let today = Timestamp.day(now)
        guard try store.consentStatus(person: person, programme: Self.selfViewProgramme, on: today) == "opted_in" else {
            throw SelfViewRefused(reference: SelfView.reference(person))
        }
        let reader = try reader(for: .selfView)
        let view = SelfView.build(SelfView.Inputs(
            period: period, pseudonym: person, policy: policy, generatedAt: Timestamp.readable(now),
            consents: try reader.consentStatuses(person: person, on: today),
            holdings: try reader.personRecordCounts(person: person),
            weeks: try reader.personWeeks(person: person, period: period),
            team: try reader.team(of: person, on: min(today, period.last)), datasets: reader.datasets))
        return try render("self-view.md", view, title: view.title)
    }

    /// Writes `<out>/self-view/<pseudonym>/<period>.md` and `.html`, readable by their owner only
    /// (files 0600, folders 0700); returns the paths written.
    @discardableResult
    public func writeSelfView(period: Period, person: String, to outDirectory: String) throws -> [String] {
        let rendered = try selfView(period: period, person: person)
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent("self-view").appendingPathComponent(person)
        for directory in [folder.deletingLastPathComponent(), folder] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        }
        let md = folder.appendingPathComponent("\(period).md").path, html = folder.appendingPathComponent("\(period).html").path
        try AtomicFile.write([(md, rendered.markdown), (html, rendered.html)], mode: 0o600)
        log.progress("wrote the self-view \(SelfView.reference(person))… for \(period)")
        return [md, html]
    }

    /// Writes `<out>/<period>/<kind>.md` and `.html`; returns the paths written.
    @discardableResult
    public func write(_ kind: ReportKind, period: Period, to outDirectory: String) throws -> [String] {
        let rendered: (markdown: String, html: String)
        // Reports for a restricted audience are readable by their owner only.
        var mode: mode_t = 0o644
        switch kind {
        case .governance: rendered = try governance(period: period)
        case .securityReview:
            rendered = try securityReview(period: period)
            mode = 0o600
        case .selfView:
            throw OutputError(path: outDirectory, message: "the self-view is written per person",
                              hint: "use `candor report self-view --person ID` (or --all-consented)")
        }
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent(period.description)
        let md = folder.appendingPathComponent("\(kind.rawValue).md").path
        let html = folder.appendingPathComponent("\(kind.rawValue).html").path
        try AtomicFile.write([(md, rendered.markdown), (html, rendered.html)], mode: mode)
        log.progress("wrote \(md)")
        log.progress("wrote \(html)")
        return [md, html]
    }
}
