import CandorVocabulary

/// The disclosure decision for one period's team cells, made once, here, and applied by every output
/// of every audience: the governance review's acceptance table, its scorecard and signals, and the
/// team summaries all hide exactly the teams this decision hides, for the reason it gives.
///
/// The decision is hierarchical (``HierarchicalDisclosure``): one decision per cell of the acceptance
/// table — organisation, departments, teams — so that no hidden cell follows from a total or a
/// difference (minimum group size, dominance, then complementary suppression).
public struct PeriodDisclosure: Sendable {
    /// The table the decision was made over.
    public let table: AcceptanceTable
    /// One decision per cell: the organisation first, then `table.entries` in order.
    public let decisions: [CellDecision]
    /// The teams hidden in every output, and why.
    public let hiddenTeams: [String: SuppressionReason]

    /// The organisation's cell.
    public var organisation: CellDecision { decisions[0] }
    /// The cells of `table.entries`, in order.
    public var cells: [CellDecision] { Array(decisions.dropFirst()) }

    /// Decides the period's cells from its acceptance figures: person-level totals (`source` raw or
    /// enriched) or, once purge has cut into the period, the team-week tier.
    public static func decide(totals: [InlineTotals], teamWeeks: [TeamWeekSums], source: PeriodSource, departments: [String: String],
                              minimumGroupSize k: Int, dominanceThreshold: Double) -> PeriodDisclosure {
        let table = source == .aggregate ? AcceptanceTable.from(teamWeeks, departments: departments)
            : AcceptanceTable.from(totals, departments: departments)
        let decisions = HierarchicalDisclosure.decide(table.tree, k: k, dominanceThreshold: dominanceThreshold)
        var hidden: [String: SuppressionReason] = [:]
        for (entry, decision) in zip(table.entries, decisions.dropFirst()) where !entry.isDepartment {
            if let team = entry.figures.team, case .suppressed(let reason) = decision { hidden[team] = reason }
        }
        return PeriodDisclosure(table: table, decisions: decisions, hiddenTeams: hidden)
    }
}
