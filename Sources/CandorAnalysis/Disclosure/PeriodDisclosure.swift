import CandorVocabulary

/// The disclosure decision for one period, made once, here, over every table the period's outputs
/// publish — the acceptance table and every metric of the scorecard — and applied by every output of
/// every audience: the governance review, its signals, and the team summaries all hide exactly the
/// cells this decision hides, for the reason it gives. An audience that reads fewer datasets sees a
/// subset of the same decision, never a decision of its own.
///
/// Both tables are hierarchical: organisation, departments, teams. Primary cells (minimum group size,
/// dominance) are protected by the least-loss pattern of complements (``MinimumLossSuppression``)
/// that keeps every hidden figure within its protection interval against a linear attacker
/// (``IntervalAttack``). Hiding is per metric: a team hidden in one metric still shows the
/// metrics where it has enough people; only a team too small in the directory is hidden in all.
public struct PeriodDisclosure: Sendable {
    /// The acceptance table the decision was made over.
    public let table: AcceptanceTable
    /// One decision per acceptance-table cell: the organisation first, then `table.entries` in order.
    public let decisions: [CellDecision]
    /// The teams the acceptance table hides, and why: hidden in the acceptance rate too, and only there.
    public let hiddenTeams: [String: SuppressionReason]
    /// The scorecard's cells: teams hidden in every metric by the directory, and each metric's cells.
    public let scorecard: ScorecardDisclosure.Decision
    /// The minimum group size the decision used (hidden cells' notes name it).
    public let minimumGroupSize: Int
    /// How the acceptance table's pattern was found (nil for an empty table).
    public let acceptanceSearch: MinimumLossSuppression.Pattern?
    /// What the previous period published, which the loss counted.
    public let previous: PreviousPublication

    /// The organisation's cell.
    public var organisation: CellDecision { decisions[0] }
    /// The cells of `table.entries`, in order.
    public var cells: [CellDecision] { Array(decisions.dropFirst()) }

    /// Decides the period's cells from its acceptance figures — person-level totals (`source` raw or
    /// enriched) or, once purge has cut into the period, the team-week tier — and its scorecard as
    /// computed. `previous` is what the previous period published: among patterns hiding as many teams,
    /// the one that keeps more of its comparisons wins.
    public static func decide(totals: [InlineTotals], teamWeeks: [TeamWeekSums], source: PeriodSource, departments: [String: String],
                              scorecard: UndisclosedScorecard, policy: DisclosurePolicy, previous: PreviousPublication = .none) -> PeriodDisclosure {
        let k = policy.k
        let table = source == .aggregate ? AcceptanceTable.from(teamWeeks, departments: departments)
            : AcceptanceTable.from(totals, departments: departments)
        let cells = suppressionTable(table, policy: policy, previous: previous.acceptance)
        let pattern = MinimumLossSuppression.solve(cells)
        var decisions = pattern.decisions
        // A rate of exactly 0% or 100% is every contributor's rate: an organisation or department row there
        // would give each hidden row beneath it, so it is hidden too.
        func atBoundary(_ f: TeamAcceptance) -> Bool { f.rate == 0 || f.rate == 1 }
        for (i, entry) in table.entries.enumerated() where entry.isDepartment && atBoundary(entry.figures) {
            let name = entry.figures.team
            let children = table.entries.indices.filter { table.entries[$0].department == name && !table.entries[$0].isDepartment }
            if children.contains(where: { !decisions[$0 + 1].isShown }) { decisions[i + 1] = .suppressed(.complementary) }
        }
        if atBoundary(table.organisation), decisions.dropFirst().contains(where: { !$0.isShown }) { decisions[0] = .suppressed(.complementary) }
        var hidden: [String: SuppressionReason] = [:]
        for (entry, decision) in zip(table.entries, decisions.dropFirst()) where !entry.isDepartment {
            if let team = entry.figures.team, case .suppressed(let reason) = decision { hidden[team] = reason }
        }
        // The acceptance table publishes the acceptance rate's own figures (with department subtotals):
        // what it hides, the metric hides.
        // (An empty table — no suggestion data the period's tier holds — publishes nothing to link.)
        let linked = MetricCells(teams: hidden, organisation: table.organisation.people > 0 ? decisions[0].reason : nil)
        let scorecardDecision = ScorecardDisclosure.decide(scorecard, departments: departments, policy: policy,
                                                           linked: [MetricRegistry.acceptanceRate.id: linked], previous: previous.metrics)
        return PeriodDisclosure(table: table, decisions: decisions, hiddenTeams: hidden, scorecard: scorecardDecision,
                                minimumGroupSize: k, acceptanceSearch: table.organisation.people > 0 ? pattern : nil, previous: previous)
    }

    /// The acceptance table as disclosure control sees it: the organisation, departments and teams, each
    /// with its people, suggestions shown and suggestions accepted; primary cells have fewer than k
    /// people or one person above the dominance threshold.
    static func suppressionTable(_ table: AcceptanceTable, policy: DisclosurePolicy, previous: Set<String> = []) -> SuppressionTable {
        func cell(_ f: TeamAcceptance, name: String, parent: Int?, level: SuppressionTable.Level) -> SuppressionTable.Cell {
            let primary: SuppressionReason? = f.people < policy.k ? .fewerThanK(k: policy.k)
                : f.largestShare > policy.dominanceThreshold ? .dominance(threshold: policy.dominanceThreshold) : nil
            let values = [Double(f.people), Double(f.shown), Double(f.accepted)]
            return SuppressionTable.Cell(name: name, parent: parent, level: level, contributors: f.people, values: values, primary: primary,
                                         hiddenBounds: [policy.peopleBounds(primary, people: f.people), .nonNegative, .nonNegative],
                                         shownBounds: values.map(policy.shown))
        }
        var cells = [cell(table.organisation, name: "organisation", parent: nil, level: .total)]
        var department: [String: Int] = [:]
        for entry in table.entries {
            let name = entry.figures.team ?? ""
            if entry.isDepartment {
                department[name] = cells.count
                cells.append(cell(entry.figures, name: name, parent: 0, level: .subtotal))
            } else {
                var team = cell(entry.figures, name: name, parent: entry.department.flatMap { department[$0] } ?? 0, level: .team)
                team.previouslyShown = previous.contains(name)
                cells.append(team)
            }
        }
        return SuppressionTable(quantities: ["people", "suggestions shown", "suggestions accepted"], cells: cells,
                                protection: [policy.people, policy.events, policy.events], ordered: [(smaller: 2, larger: 1)])
    }

    /// The scorecard as every output shows it: each metric's hidden cells (and hidden per-assistant
    /// parts) replaced by why they are hidden, and no weekly series or shift of a hidden cell. A metric this decision did not see (an audience's
    /// scorecard may hold what the deciding reader did not) is protected by the whole directory as one
    /// table, complements included.
    ///
    /// `decidedOn` is the scorecard the decision was made over, when `raw` was computed by another
    /// audience's reader: a cell or part whose figure differs from the one decided (other people,
    /// other events) is hidden, since the decision never saw it.
    public func apply(to raw: UndisclosedScorecard, decidedOn: UndisclosedScorecard? = nil) -> Scorecard {
        var card = raw.computed
        if let decidedOn {
            for (metric, list) in card.values {
                card.values[metric] = list.map { value in
                    guard let seen = decidedOn.computed.value(metric, team: value.team), value.estimate != nil else { return value }
                    func same(_ a: MetricValue, _ b: MetricValue) -> Bool { a.people == b.people && a.events == b.events && (a.estimate == nil) == (b.estimate == nil) }
                    guard same(value, seen) else { return Scorecard.hidden(value, reason: .complementary, k: minimumGroupSize) }
                    var checked = value
                    for (key, part) in value.parts where seen.parts[key].map({ !same(part, $0) }) ?? true {
                        checked.parts[key] = Scorecard.hidden(part, reason: .complementary, k: minimumGroupSize)
                    }
                    return checked
                }
            }
        }
        let k = minimumGroupSize
        card.suppressed = scorecard.directory.filter { raw.teamSizes[$0.key] != nil }
        let fallback = MetricCells(teams: scorecard.unseen, organisation: nil)
        var hidden: [MetricID: Set<String?>] = [:]
        for (metric, list) in card.values {
            let cells = scorecard.metrics[metric] ?? fallback
            let decided = scorecard.metrics[metric] != nil
            card.values[metric] = list.map { value in
                if let reason = value.team.map({ cells.teams[$0] }) ?? cells.organisation {
                    hidden[metric, default: []].insert(value.team)
                    return Scorecard.hidden(value, reason: reason, k: k)
                }
                var shown = value
                for (key, part) in value.parts {
                    // A part the decision did not see is hidden (fail closed).
                    guard let reason = decided ? cells.parts[value.team]?[key] : .complementary else { continue }
                    shown.parts[key] = Scorecard.hidden(part, reason: reason, k: k)
                }
                return shown
            }
        }
        // A weekly series is the figure's Q Developer part where the figure has parts: hidden with it.
        for (metric, list) in card.values {
            for value in list where value.label != .suppressed && value.parts[.assistant(.qDeveloper)]?.label == .suppressed {
                hidden[metric, default: []].insert(value.team)
            }
        }
        card.shifts = card.shifts.filter { !(hidden[$0.metric]?.contains($0.team) ?? false) }
        card.shiftTests = card.shiftTests.filter { !(hidden[$0.metric]?.contains($0.team) ?? false) }
        for (metric, teams) in hidden {
            for team in teams {
                if let team { card.teamWeekly[metric]?[team] = nil } else { card.weekly[metric] = nil }
            }
        }
        return card
    }
}
