import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The governance review's first screen and its closing sections: a plain summary of what changed,
/// the scorecard at a glance (teams × dimensions, each leading metric beside its outcome), trust
/// indicators, the data inventory with retention compliance, the disclosure-control summary and
/// the appendix of inputs. Pure; every field is a formatted string.
public struct GovernanceSummary: Sendable {
    public struct Cell: Sendable {
        public var shown: Bool
        public var value: String
        public var interval: String
        public var label: String
        public var note: String
        /// The disputes on the cell, short ("upheld dispute D-3"), or "".
        public var dispute: String = "" { didSet { hasDispute = !dispute.isEmpty } }
        /// (Stored: templates read stored properties only.)
        public var hasDispute = false
    }
    public struct Column: Sendable {
        public var dimension: String
        public var metric: String
        public var kind: String
    }
    public struct OverviewRow: Sendable {
        public var team: String
        public var cells: [Cell]
        /// Why every cell of the row is hidden, or empty.
        public var hidden: String = ""
        public var isHidden: Bool = false
    }
    public struct InputGroup: Sendable {
        public var format: String
        public var files: String
        public var records: String
        public var digest: String
    }
    public struct InputFile: Sendable {
        public var path: String
        public var format: String
        public var sha256: String
    }

    public var summary: [String]
    public var columns: [Column]
    public var rows: [OverviewRow]
    public var organisation: OverviewRow
    /// Beyond ``onePageTeams`` teams the one-page summary's table shows the organisation only, and every
    /// team's row follows the summary in a table of its own (`apart`, rendered with the same partial).
    public var teamsApart = false
    public var teamsApartNote = ""
    public struct OverviewTable: Sendable {
        public var columns: [Column]
        public var rows: [OverviewRow]
        public var organisation: OverviewRow
    }
    public struct ApartTable: Sendable { public var overview: OverviewTable }
    public var apart: [ApartTable] = []
    /// The most teams whose rows still print, with the rest of the summary, on one A4 page.
    public static let onePageTeams = 30
    public var trust: [String]
    /// The disputes about the period's figures: where each landed and what it did.
    public var disputes: [String] { didSet { hasDisputes = !disputes.isEmpty } }
    public var hasDisputes = false
    public var inventory: [String]
    /// Coverage: what each source sent and what joined a team (``CoverageView``).
    public var coverage: [String]
    public var retention: [String]
    public var disclosure: [String]
    public var inputGroups: [InputGroup]
    public var inputFiles: [InputFile]
    public var inputCount: String
    public var inputRoot: String
    /// The formats read and not stored because no published figure reads them (IN009), said beside the table.
    public var unstored = ""
    public var hasUnstored = false
}

extension GovernanceSummary {
    /// The headline pairs of the at-a-glance table: per dimension, its leading metric beside its outcome.
    static let headline: [MetricID] = ["ai.acceptance_rate", "ai.persistence", "quality.time_to_fix", "quality.new_findings_rate",
                           "flow.review_pickup", "flow.review_depth", "outcome.change_failure_rate", "experience.satisfaction"]

    static func cell(_ v: MetricValue?, _ m: MetricDefinition) -> Cell {
        var cell: Cell
        if let v, let e = v.estimate, v.label != .suppressed {
            cell = Cell(shown: true, value: ScorecardView.format(e, m.unit),
                        interval: v.interval.map { "\(ScorecardView.format($0.lower, m.unit))–\(ScorecardView.format($0.upper, m.unit))" } ?? "no interval",
                        label: v.label.rawValue, note: "")
        } else {
            cell = Cell(shown: false, value: "", interval: "", label: "", note: v?.label == .suppressed ? "hidden" : shortCause(v?.note))
        }
        // A hidden cell says why, nothing more.
        if v?.label != .suppressed { cell.dispute = (v?.disputeLabels ?? []).joined(separator: "; ") }
        return cell
    }

    /// What the consent registry says about `programme` as of the review's registry day — the transparency
    /// report's numbers, dated; counts of people below k are coarsened. nil for a programme the policy lacks.
    static func consentStatement(_ input: GovernanceViewBuilder.Inputs, programme: String) -> String? {
        guard let required = input.policy.programmes[programme] else { return nil }
        let k = input.policy.minimumGroupSize
        let counts = input.registry[programme] ?? [:]
        func people(_ n: Int) -> String { PeopleCount.published(n, k: k, noun: "person", plural: "people") }
        let day = input.registryDay.iso8601
        if required {
            // Each status counted and coarsened on its own, as the transparency report shows them: a sum of
            // a coarsened and an exact count would give the coarsened one away by subtraction.
            let objected = counts[ConsentStatus.optedOut.rawValue] ?? 0, withdrawn = counts[ConsentStatus.revoked.rawValue] ?? 0
            guard objected + withdrawn > 0 else { return "As of \(day), the consent registry holds no objection to the \(programme) programme." }
            var parts: [String] = []
            if objected > 0 { parts.append("\(people(objected)) have objected to the \(programme) programme") }
            if withdrawn > 0 { parts.append("\(people(withdrawn)) have withdrawn from it") }
            return "As of \(day), the consent registry records that " + parts.joined(separator: " and ")
                + ": their data is neither stored nor used from the day of their objection."
        }
        let optedIn = counts[ConsentStatus.optedIn.rawValue] ?? 0
        return "The \(programme) programme is optional: only people who opted in are counted — as of \(day), \(optedIn == 0 ? "no one" : people(optedIn)) in the consent registry."
    }

    /// A compact "no data" cell that still says which cause left it empty (the scorecard's note, shortened).
    static func shortCause(_ note: String?) -> String {
        guard let note else { return "no data" }
        if note.contains("not among this audience's datasets") { return "no data: not readable here" }
        if note.hasPrefix("no data: no record from") { return "no data: none sent" }
        if note.contains("joined this team") { return "no data: none joined" }
        if note.contains("seat-assignment export") { return "no data: no seat export" }
        if note.hasPrefix("fewer than half") { return "no value: fewer than half fixed" }
        return "no data"
    }

    /// Builds the summary from the review's inputs and the scorecard as shown (the period's disclosure applied).
    static func build(_ input: GovernanceViewBuilder.Inputs, shown card: Scorecard, acceptanceCells: [CellDecision]) -> GovernanceSummary {
        let k = input.policy.minimumGroupSize
        let metrics = headline.compactMap(MetricRegistry.metric)
        let columns = metrics.map { Column(dimension: ScorecardView.titles[$0.dimension]!, metric: $0.name, kind: $0.kind.rawValue) }
        let rows = card.teams.map { team -> OverviewRow in
            guard let reason = card.suppressed[team] else {
                return OverviewRow(team: team, cells: metrics.map { m in cell(card.value(m.id, team: team), m) })
            }
            return OverviewRow(team: team, cells: [], hidden: "hidden: \(reason.why)", isHidden: true)
        }
        let organisation = OverviewRow(team: GovernanceViewBuilder.organisationLabel,
                                       cells: metrics.map { m in cell(card.values[m.id]?.last { $0.team == nil }, m) })

        // What changed and why.
        var summary: [String] = []
        let changes = input.changes
        summary.append(changes.isEmpty ? "No changes to the programme or its policy were recorded this quarter."
            : "\(changes.count) programme change\(changes.count == 1 ? " was" : "s were") recorded this quarter (listed below); read every number against them.")
        let shifts = card.shifts
        if !shifts.isEmpty {
            let unexplained = shifts.filter { $0.explanation == nil }.count
            summary.append("\(shifts.count) weekly series shifted significantly: \(shifts.count - unexplained) coincide with a recorded change, \(unexplained) \(unexplained == 1 ? "has" : "have") no recorded explanation and are worth discussing.")
        } else {
            summary.append("No weekly series shifted significantly.")
        }
        let signals = input.signals?.signals ?? []
        if signals.isEmpty {
            summary.append("No gaming signal was found in the teams this review shows.")
        } else {
            let teams = Set(signals.compactMap(\.team)).sorted()
            summary.append("\(signals.count) pattern\(signals.count == 1 ? "" : "s") worth discussing, in \(teams.joined(separator: ", ")): each is a question for the team, not a verdict.")
        }
        let hiddenTeams = card.teams.filter { card.suppressed[$0] != nil }.count
        let partly = card.teams.filter { team in card.suppressed[team] == nil && card.values.values.contains { $0.contains { $0.team == team && $0.label == .suppressed } } }.count
        summary.append("\(card.teams.count - hiddenTeams) of \(card.teams.count) teams are shown; \(hiddenTeams) \(hiddenTeams == 1 ? "is" : "are") hidden in every metric \(hiddenTeams == 1 ? "it has" : "they have") a figure in, because \(hiddenTeams == 1 ? "it has" : "they have") fewer than \(k) people"
            + (partly == 0 ? "." : "; \(partly) shown team\(partly == 1 ? " has" : "s have") some metrics hidden, where too few people contributed or to protect a smaller team's figures."))

        // Trust indicators: organisation-wide.
        var trust: [String] = []
        for id: MetricID in ["trust.opt_in_rate", "trust.dispute_rate", "trust.self_view_uptake"] {
            guard let m = MetricRegistry.metric(id), let v = card.values[id]?.last(where: { $0.team == nil }) else { continue }
            let c = cell(v, m)
            trust.append(c.shown ? "\(m.name): \(c.value) (95% interval \(c.interval); \(c.label) confidence)." : "\(m.name): \(v.note ?? "no data").")
        }
        trust.append(consentStatement(input, programme: MetricRegistry.acceptanceRate.programme) ?? "")
        let refused = input.audit.filter { $0.command.hasPrefix("refused") }.count
        trust.append(refused == 0 ? "No report request has been refused." : "\(refused) report request\(refused == 1 ? " was" : "s were") refused (a prohibited purpose, a missing approval, or no consent); each is in the audit log.")

        // Data inventory and retention compliance.
        var inventory: [String] = []
        for family in SourceFamily.allCases where card.readable.contains(family) {
            let days = card.sourceDays[family] ?? 0
            if days > 0 { inventory.append("\(family.rawValue) (\(family.category), \(input.policy.sourcePolicy(for: family).dataset.rawValue) dataset): records on \(days) of \(card.periodDays) days.") }
        }
        let unreadable = SourceFamily.allCases.filter { !card.readable.contains($0) }.map(\.rawValue)
        if !unreadable.isEmpty { inventory.append("Not read by this review (not among the governance board's datasets): \(unreadable.joined(separator: ", ")).") }
        let r = input.policy.retention
        var retention = ["Retention: daily records \(r.rawDays) days, weekly person records \(r.enrichedDays) days, weekly team totals \(r.aggregateDays) days; "
            + (r.enforcement == .purge ? "enforced before every report by deleting what is past them (retention_enforcement: purge)."
                                       : "enforced before every report by refusing to make it while anything past them is held (retention_enforcement: refuse).")]
        if let oldest = input.oldestRawDay {
            let limit = input.today.adding(days: -r.rawDays)
            retention.append(oldest < limit
                ? "Out of compliance: daily records go back to \(oldest.iso8601), past the \(r.rawDays)-day window (which starts \(limit.iso8601)). Run candor purge to delete them."
                : "In compliance: the oldest daily record (\(oldest.iso8601)) is within the \(r.rawDays)-day window.")
        }

        // Disclosure control: counts and reasons, never values.
        var reasons: [String: Int] = [:]
        var total = 0
        for (_, list) in card.values {
            for v in list where v.team != nil {
                total += 1
                if v.label == .suppressed { reasons[v.note ?? "hidden", default: 0] += 1 }
            }
        }
        let acceptanceHidden = acceptanceCells.filter { if case .suppressed = $0 { true } else { false } }.count
        var disclosure = DisclosureStatement.rules(input.policy)
        let hiddenCells = reasons.values.reduce(0, +)
        if let decided = input.disclosure {
            disclosure.append("Acceptance table: \(acceptanceHidden) of \(acceptanceCells.count) rows hidden" + DisclosureStatement.pattern(decided, acceptanceCells: acceptanceCells))
            disclosure.append("Scorecard: \(hiddenCells) of \(total) team cells hidden" + (reasons.isEmpty ? "" : " — " + reasons.keys.sorted().map { "\(reasons[$0]!) \($0)" }.joined(separator: "; "))
                              + ". " + DisclosureStatement.search(decided.scorecard))
            disclosure.append(DisclosureStatement.previous(decided))
        }
        disclosure.append("Hidden cells say why, never what; the teams they belong to are not looked at for signals.")

        // Appendix: inputs by format, with a digest over each format's file hashes.
        let groups = Dictionary(grouping: input.inputFiles, by: \.format).sorted { $0.key < $1.key }.map { format, files in
            InputGroup(format: format, files: Format.count(files.count), records: Format.count(files.reduce(0) { $0 + $1.records }),
                       digest: String(SHA256Digest.hex(of: Array(files.map(\.sha256).sorted().joined(separator: "\n").utf8)).prefix(16)))
        }
        var built = GovernanceSummary(summary: summary, columns: columns, rows: rows, organisation: organisation, trust: trust, disputes: [],
                                 inventory: inventory,
                                 coverage: CoverageView.lines(input.sourceCoverage, unmatched: input.unmatchedRepositories, periodDays: input.period.dayCount, k: k,
                                                              retentionNote: CoverageView.retentionNote(input.period, rawHorizon: input.rawHorizon,
                                                                                                        rawDays: input.policy.retention.rawDays)),
                                 retention: retention, disclosure: disclosure, inputGroups: groups,
                                 inputFiles: input.inputFiles.map { InputFile(path: $0.path, format: $0.format, sha256: $0.sha256) },
                                 inputCount: Format.count(input.inputFiles.count), inputRoot: input.inputRoot)
        built.disputes = card.disputes
        if rows.count > Self.onePageTeams {
            built.apart = [ApartTable(overview: OverviewTable(columns: columns, rows: rows, organisation: organisation))]
            built.rows = []
            built.teamsApart = true
            built.teamsApartNote = "With \(rows.count) teams, one page holds the organisation's row only: every team's row follows this summary, in “The scorecard at a glance, by team”."
        }
        let unstored = groups.filter { group in
            guard group.records == Format.count(0), let format = InputFormat(rawValue: group.format), format.readByNoFigure != nil,
                  let family = SourceFamily(format: format) else { return false }
            return input.policy.sourcePolicy(for: family).purpose == nil
        }
        if !unstored.isEmpty {
            built.unstored = "Read and not stored (0 records above), because no published figure reads them and the policy states no purpose for their source: "
                + unstored.map { InputFormat(rawValue: $0.format)!.readByNoFigure! }.joined(separator: "; ") + "."
            built.hasUnstored = true
        }
        return built
    }
}
