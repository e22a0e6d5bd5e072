import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The governance review's view model: every field is already a formatted string, so templates
/// hold no logic and output is the same in every locale.
public struct GovernanceView: Sendable {
    public struct Row: Sendable {
        public var team: String
        public var shown: Bool
        public var people: String
        public var suggestions: String
        public var accepted: String
        public var rate: String
        public var interval: String
        /// Where the interval starts and how wide it is, in % of the 0–100% scale, for the bar.
        public var bandStart: String
        public var bandWidth: String
        /// Why the row shows no numbers.
        public var suppression: String
        /// "department" for a department's subtotal, "in-department" for its teams, "team" otherwise.
        public var rowClass: String = "team"
        /// The disputes on the acceptance rate of this team (or the organisation), short; "" for none.
        public var dispute: String = ""
        public var hasDispute = false
    }

    public struct Acceptance: Sendable {
        public var name: String
        public var definition: String
        public var decision: String
        public var formula: String
        public var methodology: String
        public var caveats: [String]
        public var neverUsedFor: String
        public var rows: [Row]
        public var organisation: Row
        public var notes: [String]
    }

    public struct DataSummary: Sendable {
        public var rows: String
        public var files: String
        public var daysWithData: String
        public var daysInPeriod: String
        public var completeness: String
        public var hasRange: Bool
        public var range: String
        public var hasRowsWithoutTeam: Bool
        public var rowsWithoutTeam: String
        public var noTeamLabel: String
        public var hasDirectory: Bool
        public var hasRejectedRows: Bool
        public var rejectedRows: String
        /// "source field (n records)" for every field the allow-list left out.
        public var fieldDrops: [String]
        public var hasFieldDrops: Bool
        /// What retention has deleted of the period's daily records (``CoverageView/retentionNote(_:rawHorizon:rawDays:)``).
        public var retention: String
        public var hasRetention: Bool
    }

    public struct Change: Sendable {
        public var day: String
        public var description: String
        public var metrics: String
        public var hasMetrics: Bool
    }

    public var title: String
    public var period: String
    /// Programme changes in the period (policy-change log and policy file versions).
    public var changes: [Change]
    public var hasChanges: Bool
    public var periodStart: String
    public var periodEnd: String
    public var generatedAt: String
    public var purpose: String
    public var k: String
    public var acceptance: Acceptance
    public var data: DataSummary
    public var candorVersion: String
    public var cmarkVersion: String
    public var registryVersion: String
    public var policySHA256: String
    public var scorecard: ScorecardView
    public var decisions: DecisionsView
    public var signals: SignalsView
    /// The first screen (summary, scorecard at a glance) and the closing sections.
    public var overview: GovernanceSummary
    /// Figures published earlier that a definition change has altered.
    /// The quarter this one is compared with, when there is one (the one-page summary's "what changed").
    public var previousPeriod = ""
    public var hasPrevious = false
    public var errata: [Erratum] = []
    /// Stored, not computed: templates see stored properties only.
    public var hasErrata = false
}

/// Builds the governance review's view model from computed values. Pure.
public enum GovernanceViewBuilder {
    /// The label of people the directory places in no team.
    public static let noTeamLabel = "Not in the directory"
    public static let organisationLabel = "Organisation"

    public struct Inputs: Sendable {
        public var period: Period
        public var policy: Policy
        public var generatedAt: String
        public var totals: [InlineTotals]
        public var coverage: Coverage
        public var cmarkVersion: String
        /// People and person-day rows left out under the consent registry (counts only).
        public var consentExcluded: (people: Int, rows: Int)
        /// The consent registry as of `registryDay` (per programme and status, people): every statement
        /// about objections reads it, so the review and the transparency report say the same.
        public var registry: [String: [String: Int]] = [:]
        public var registryDay = Day(dayNumber: 0)
        /// Programme changes in the period.
        public var changes: [ProgrammeChange] = []
        /// Fields left out at ingest under the policy's allow-lists.
        public var fieldDrops: [FieldDropCount] = []
        /// Per source, what was read and what joined a team; the repositories that joined nothing.
        public var sourceCoverage: [SourceCoverage] = []
        public var unmatchedRepositories: [UnmatchedRepository] = []
        /// Every metric for every team, and the changes in the period and the two weeks before.
        public var scorecard: Scorecard = Scorecard(teams: [], values: [:], suppressed: [:])
        public var scorecardChanges: [ProgrammeChange] = []
        /// Changes from the start of the previous period to the end of this one (what may explain a quarter-on-quarter move).
        public var changesSincePrevious: [ProgrammeChange] = []
        /// The decision log and the audit log (for each decision's provenance).
        public var decisions: [DecisionEntry] = []
        public var signals: SignalReport?
        public var audit: [AuditEntry] = []
        /// Each team's department (teams without one stand alone under the organisation).
        public var departments: [String: String] = [:]
        /// Which tier the figures come from; with `.aggregate`, `teamWeeks` holds them.
        public var source: PeriodSource = .raw
        public var teamWeeks: [TeamWeekSums] = []
        /// Every input file ingested (the appendix), the oldest daily record and the report's day (retention compliance).
        public var inputFiles: [InputFileRecord] = []
        /// The folder the input paths are relative to.
        public var inputRoot = ""
        public var oldestRawDay: Day?
        /// The day before which a purge deleted the raw tier's records.
        public var rawHorizon: Day?
        public var today = Day(dayNumber: 0)
        /// The period's disclosure decision (``PeriodDisclosure``), made once before any view is built;
        /// every view and the signals of the period apply it.
        public var disclosure: PeriodDisclosure?
        /// Figures published earlier whose metric's definition has changed since (old and new value, why).
        public var errata: [Erratum] = []

        /// The teams the period's disclosure decision hides: every output hides them. Asking before
        /// the decision is made is a programming error, and stops candor rather than show a cell.
        public var hiddenTeams: [String: SuppressionReason] {
            guard let disclosure else { preconditionFailure("a view asked which teams are hidden before the period's disclosure was decided") }
            return disclosure.hiddenTeams
        }

        public init(period: Period, policy: Policy, generatedAt: String, totals: [InlineTotals], coverage: Coverage, cmarkVersion: String,
                    consentExcluded: (people: Int, rows: Int) = (0, 0)) {
            self.period = period
            self.policy = policy
            self.generatedAt = generatedAt
            self.totals = totals
            self.coverage = coverage
            self.cmarkVersion = cmarkVersion
            self.consentExcluded = consentExcluded
        }
    }

    public static func build(_ input: Inputs) -> GovernanceView {
        let k = input.policy.minimumGroupSize
        let metric = MetricRegistry.acceptanceRate
        // The period's disclosure decision, made once by the disclosure stage: one decision per cell,
        // at every level, so no hidden cell follows from any total.
        guard let disclosure = input.disclosure else {
            preconditionFailure("the governance review was built before its period's disclosure was decided")
        }
        let table = disclosure.table
        let teams = table.entries.filter { !$0.isDepartment }.map(\.figures)
        let decided = disclosure.decisions
        let cells = disclosure.cells

        var rows: [Row] = []
        for (entry, decision) in zip(table.entries, cells) {
            let name = entry.figures.team ?? noTeamLabel
            var r = row(entry.figures, label: entry.isDepartment ? "\(name) (department)" : name, decision: decision)
            r.rowClass = entry.isDepartment ? "department" : entry.department != nil ? "in-department" : "team"
            if r.shown && !entry.isDepartment, let team = entry.figures.team {
                r.dispute = (input.scorecard.value(metric.id, team: team)?.disputeLabels ?? []).joined(separator: "; ")
                r.hasDispute = !r.dispute.isEmpty
            }
            rows.append(r)
        }
        var orgRow = row(table.organisation, label: organisationLabel, decision: decided[0])
        if orgRow.shown {
            orgRow.dispute = (input.scorecard.values[metric.id]?.last { $0.team == nil }?.disputeLabels ?? []).joined(separator: "; ")
            orgRow.hasDispute = !orgRow.dispute.isEmpty
        }

        var notes: [String] = []
        let primary = cells.filter { $0 == .suppressed(.fewerThanK(k: k)) }.count
        let secondary = cells.filter { $0 == .suppressed(.complementary) }.count
        let dominated = cells.filter { if case .suppressed(.dominance) = $0 { return true } else { return false } }.count
        func rowsAre(_ n: Int) -> String { n == 1 ? "row is" : "rows are" }
        if dominated > 0 {
            notes.append("\(dominated) \(rowsAre(dominated)) not shown because one person contributed more than \(Format.percent(input.policy.dominanceThreshold, decimals: 0)) of the suggestions, so the figure would describe that person.")
        }
        if primary > 0 {
            notes.append("\(primary) \(rowsAre(primary)) not shown because fewer than \(k) people had suggestions in the period (the policy's minimum group size).")
        }
        if secondary > 0 {
            notes.append("\(secondary) more \(rowsAre(secondary)) hidden so that no hidden figure can be worked out, or narrowed to within its protection interval, from a department or organisation total"
                         + DisclosureStatement.pattern(disclosure, acceptanceCells: cells))
        }
        if !input.departments.isEmpty {
            notes.append("Department rows are subtotals of the teams listed under them; a person who moved between teams counts once in a department and in the organisation.")
        }
        if teams.isEmpty {
            notes.append("No inline suggestions were recorded in this period.")
        }
        if let statement = GovernanceSummary.consentStatement(input, programme: metric.programme) { notes.append(statement + " Who objected is never shown.") }
        switch input.source {
        case .raw: break
        case .enriched:
            notes.append("Person-day rows for part of this period have been deleted under the retention policy (kept \(input.policy.retention.rawDays) days), so these figures come from the weekly person tier: each ISO week counts for the quarter holding its Thursday, and objections apply to whole weeks.")
        case .aggregate:
            notes.append("Person rows behind this period have been deleted (past their retention window, or because someone withdrew consent), so these figures come from weekly team totals, as first made; they keep every contribution anonymously, so figures published earlier do not change in a way that would reveal what one person contributed. A people count marked ≥ is the largest number of people in any one week; the interval treats each person-week as a cluster (Cochran 1977, ratio estimator) and is wider than one computed from people.")
        }
        notes.append("People counts only those who were shown at least one inline suggestion in the period. Teams are listed alphabetically; the table is not a ranking.")

        let cov = input.coverage
        let days = input.period.dayCount
        let retentionNote = CoverageView.retentionNote(input.period, rawHorizon: input.rawHorizon, rawDays: input.policy.retention.rawDays)
        let data = GovernanceView.DataSummary(
            rows: Format.count(cov.rows),
            files: Format.count(cov.files),
            daysWithData: Format.count(cov.daysWithData),
            daysInPeriod: Format.count(days),
            completeness: Format.percent(Double(cov.daysWithData) / Double(days), decimals: 0) + " complete",
            hasRange: cov.firstDay != nil,
            range: cov.firstDay.map { "dated \($0) to \(cov.lastDay ?? $0)" } ?? "",
            hasRowsWithoutTeam: cov.rowsWithoutTeam > 0,
            // Rows of fewer than k people would be their activity: said, not counted (coverage's rule).
            rowsWithoutTeam: (input.sourceCoverage.first { $0.source == .qDeveloper }?.outsidePeople).map { $0 < k } ?? true
                ? "Some" : Format.count(cov.rowsWithoutTeam),
            noTeamLabel: noTeamLabel,
            hasDirectory: cov.directoryFiles > 0,
            hasRejectedRows: cov.rejectedRows > 0,
            rejectedRows: Format.count(cov.rejectedRows),
            fieldDrops: input.fieldDrops.map { "\($0.source) \($0.field) (\(Format.count($0.records)) records)" },
            hasFieldDrops: !input.fieldDrops.isEmpty,
            retention: retentionNote ?? "", hasRetention: retentionNote != nil)

        let changes = input.changes.map {
            GovernanceView.Change(day: $0.day.iso8601, description: $0.description, metrics: $0.metrics.joined(separator: ", "),
                                  hasMetrics: !$0.metrics.isEmpty)
        }
        var view = GovernanceView(
            title: "Governance review \(input.period)",
            period: input.period.description,
            changes: changes,
            hasChanges: !changes.isEmpty,
            periodStart: input.period.first.iso8601,
            periodEnd: input.period.last.iso8601,
            generatedAt: input.generatedAt,
            purpose: input.policy.purpose,
            k: String(k),
            acceptance: .init(
                name: metric.name,
                definition: metric.definition,
                decision: metric.decision,
                formula: metric.formula,
                methodology: metric.methodology,
                caveats: metric.caveats,
                neverUsedFor: metric.neverUsedFor.joined(separator: "; "),
                rows: rows,
                organisation: orgRow,
                notes: notes),
            data: data,
            candorVersion: CandorVersion.string,
            cmarkVersion: input.cmarkVersion,
            registryVersion: MetricRegistry.version,
            policySHA256: input.policy.sha256,
            scorecard: ScorecardView.build(input.scorecard, changes: input.scorecardChanges,
                                           before: input.signals?.before, previous: input.signals?.previous,
                                           changesSincePrevious: input.changesSincePrevious,
                                           family: input.signals?.family ?? .perTest(alpha: input.policy.signals.alpha)),
            decisions: DecisionsView.build(period: input.period, decisions: input.decisions, audit: input.audit, retired: input.policy.retiredMetrics),
            signals: SignalsView.build(input.signals),
            overview: GovernanceSummary.build(input, shown: input.scorecard, acceptanceCells: cells),
            errata: input.errata, hasErrata: !input.errata.isEmpty)
        // Compared only when the previous quarter has figures from the tools (the trust metrics, read from the
        // governance inputs, exist for any quarter): a first quarter has nothing to compare with.
        if let previous = input.signals?.previous,
           input.signals?.before?.values.contains(where: { id, values in
               MetricRegistry.metric(id)?.dimension != .trust && values.contains { $0.team == nil && $0.estimate != nil }
           }) == true {
            view.previousPeriod = previous.description
            view.hasPrevious = true
        }
        return view
    }

    typealias Row = GovernanceView.Row

    static func row(_ t: TeamAcceptance, label: String, decision: CellDecision) -> Row {
        switch decision {
        case .shown:
            let interval = t.interval
            return Row(team: label, shown: true,
                       people: (t.peopleIsLowerBound ? "≥ " : "") + Format.count(t.people), suggestions: Format.count(t.shown), accepted: Format.count(t.accepted),
                       rate: t.rate.map { Format.percent($0) } ?? "–",
                       interval: interval.map { "\(Format.percent($0.lower))–\(Format.percent($0.upper))" } ?? "–",
                       bandStart: Format.fixed((interval?.lower ?? 0) * 100, decimals: 2),
                       bandWidth: Format.fixed(max(0.5, ((interval?.upper ?? 0) - (interval?.lower ?? 0)) * 100), decimals: 2),
                       suppression: "")
        case .suppressed(let reason):
            let text = "suppressed (\(reason.why))"
            return Row(team: label, shown: false, people: "", suggestions: "", accepted: "", rate: "", interval: "",
                       bandStart: "0", bandWidth: "0", suppression: text)
        }
    }
}

extension SuppressionReason {
    /// Why a cell is hidden, in the words every table of the governance review uses.
    var why: String {
        switch self {
        case .fewerThanK(let k): "fewer than \(k) people"
        case .complementary, .uniform: "protects a smaller team's figures from being worked out"
        case .dominance: "one person contributed most of it"
        }
    }
}
