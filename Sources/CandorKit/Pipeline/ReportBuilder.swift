import Foundation

/// The kinds of report candor writes.
public enum ReportKind: String, CaseIterable, Sendable {
    case governance
}

/// Renders reports from the store and writes them atomically.
public struct ReportBuilder: Sendable {
    public let policy: Policy
    public let store: CandorStore
    public let templates: TemplateSet
    /// The report time, printed in every report; injected so output is reproducible.
    public let now: Date
    public let log: any ProgressLog

    public init(policy: Policy, store: CandorStore, templates: TemplateSet, now: Date, log: any ProgressLog) {
        self.policy = policy
        self.store = store
        self.templates = templates
        self.now = now
        self.log = log
    }

    /// The Markdown and HTML of the governance review for `period`.
    public func governance(period: Period) throws -> (markdown: String, html: String) {
        let consent = policy.consentRule(for: MetricRegistry.acceptanceRate.programme)
        var inputs = GovernanceViewBuilder.Inputs(
            period: period, policy: policy, generatedAt: Timestamp.readable(now),
            totals: try store.inlineTotals(from: period.first, to: period.last, consent: consent),
            coverage: try store.coverage(from: period.first, to: period.last),
            cmarkVersion: CommonMark.libraryVersion,
            consentExcluded: try store.consentExclusions(from: period.first, to: period.last, consent: consent))
        inputs.changes = try store.programmeChanges(from: period.first, to: period.last)
        inputs.fieldDrops = try store.fieldDrops()
        let view = GovernanceViewBuilder.build(inputs)
        var markdown = try templates.render("governance.md", view)
        if !markdown.hasSuffix("\n") { markdown += "\n" }
        let html = try HTMLPage.render(markdown: markdown, title: view.title, templates: templates)
        return (markdown, html)
    }

    /// Writes `<out>/<period>/<kind>.md` and `.html`; returns the paths written.
    @discardableResult
    public func write(_ kind: ReportKind, period: Period, to outDirectory: String) throws -> [String] {
        let rendered: (markdown: String, html: String)
        switch kind {
        case .governance: rendered = try governance(period: period)
        }
        let folder = URL(fileURLWithPath: outDirectory).appendingPathComponent(period.description)
        let md = folder.appendingPathComponent("\(kind.rawValue).md").path
        let html = folder.appendingPathComponent("\(kind.rawValue).html").path
        try AtomicFile.write([(md, rendered.markdown), (html, rendered.html)])
        log.progress("wrote \(md)")
        log.progress("wrote \(html)")
        return [md, html]
    }
}
