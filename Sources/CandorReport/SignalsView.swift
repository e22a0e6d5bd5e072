import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The governance review's gaming-signal section: each signal as a prompt for discussion, and what
/// every detector checked. Pure; the template escapes every string for Markdown.
public struct SignalsView: Sendable {
    public struct Item: Sendable {
        public var team: String
        public var title: String
        public var evidence: [String]
        public var test: String
        public var alternatives: [String]
        public var question: String
    }
    public var items: [Item]
    public var hasItems: Bool
    /// The one-page summary lists at most ``summaryLimit`` signals (by their titles), then says how many more follow.
    public var summaryItems: [Item] = []
    public var more = ""
    public var hasMore = false
    public static let summaryLimit = 6
    public var count: String
    /// One line per detector: its name and what it checked (or why it could not).
    public var checks: [String]
    public var hiddenNote: String
    public var hasHiddenNote: Bool
    /// How the period's tests are judged together (``TestFamily/statement``).
    public var familyNote: String
    public var familyCriterion: String
    public var hasFamily: Bool

    public static func build(_ report: SignalReport?) -> SignalsView {
        guard let report else {
            return SignalsView(items: [], hasItems: false, count: "no", checks: [], hiddenNote: "", hasHiddenNote: false, familyNote: "", familyCriterion: "", hasFamily: false)
        }
        let items = report.signals.map {
            Item(team: $0.team ?? GovernanceViewBuilder.organisationLabel, title: $0.title, evidence: $0.evidence, test: $0.test,
                 alternatives: $0.alternatives, question: $0.question)
        }
        let checks = Detectors.all.map { "\($0.name): \(report.coverage[$0.id] ?? "not run")" }
        let hidden = report.hiddenTeams
        var view = SignalsView(items: items, hasItems: !items.isEmpty, count: items.isEmpty ? "No" : Format.count(items.count), checks: checks,
                           hiddenNote: hidden == 0 ? "" : "\(hidden) \(hidden == 1 ? "team is" : "teams are") hidden by disclosure control in this report and \(hidden == 1 ? "was" : "were") not looked at, so no signal can point at a figure the report does not show.",
                           hasHiddenNote: hidden > 0, familyNote: report.family.statement,
                           familyCriterion: report.family.criterion, hasFamily: report.family.decided)
        view.summaryItems = Array(items.prefix(summaryLimit))
        if items.count > summaryLimit {
            view.more = "and \(items.count - summaryLimit) more, in “Signals worth discussing” below."
            view.hasMore = true
        }
        return view
    }
}
