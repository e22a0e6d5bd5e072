import CandorVocabulary
import CandorPolicy

/// Why a cell is not shown. Reports print the reason, never the value.
public enum SuppressionReason: Sendable, Equatable {
    /// Fewer contributors than the minimum group size (primary suppression).
    case fewerThanK(k: Int)
    /// One contributor accounts for more than the dominance threshold of the cell (primary suppression).
    case dominance(threshold: Double)
    /// Hidden so that another suppressed cell cannot be recovered from the total (secondary suppression).
    case complementary
    /// A share of people's answers — the pooled value or one item's — is at 0% or 100% favourable: it
    /// would give each respondent's answer (group attribute disclosure; primary suppression). Reports
    /// mark it as they mark a complement: a mark of its own would tell each member of the team that
    /// everyone else answered as they did.
    case uniform
}

/// What disclosure control decided for one cell.
public enum CellDecision: Sendable, Equatable {
    case shown
    case suppressed(SuppressionReason)

    public var isShown: Bool { self == .shown }
    /// Why the cell is hidden; nil when shown.
    public var reason: SuppressionReason? {
        if case .suppressed(let reason) = self { return reason }
        return nil
    }
}

/// Disclosure control for a one-dimensional table of team cells that is published with its total.
///
/// 1. Primary suppression, the minimum-frequency (threshold) rule: a cell with fewer than k
///    contributors is hidden (Hundepool et al., *Handbook on Statistical Disclosure Control*, 2nd ed.
///    2024, ch. 4; k = 5 is common for people data); and the (1, t)-dominance rule: a cell in which
///    the largest single contributor accounts for more than the share t of the cell's total is hidden,
///    because publishing it largely publishes that person (same handbook, ch. 4, "(n,k)-dominance").
/// 2. Complementary (secondary) suppression (same handbook, ch. 4 and 5.2): because the total equals
///    the sum of the cells, a lone hidden cell could be recovered by differencing. While fewer than
///    two cells are hidden, or the hidden cells together have fewer than k contributors, the shown
///    cell with the fewest contributors is hidden too (ties: the later cell in table order).
/// 3. If even then the hidden cells cannot reach k contributors, or the total itself has fewer than
///    k, the total is suppressed as well.
///
/// Pure: contributor counts in, decisions out.
public enum DisclosureControl {
    /// Decisions for `contributors` (one count per cell, in table order) and for their total.
    /// `largestShares` (one per cell, 0…1) enables the dominance rule with `dominanceThreshold`.
    public static func decide(contributors: [Int], total: Int, k: Int,
                              largestShares: [Double]? = nil, dominanceThreshold: Double = 1) -> (cells: [CellDecision], total: CellDecision) {
        var cells: [CellDecision] = contributors.indices.map { i in
            if contributors[i] < k { return .suppressed(.fewerThanK(k: k)) }
            if let shares = largestShares, shares[i] > dominanceThreshold { return .suppressed(.dominance(threshold: dominanceThreshold)) }
            return .shown
        }
        if total < k {
            // Nothing about this population may be shown.
            return (contributors.map { _ in .suppressed(.fewerThanK(k: k)) }, .suppressed(.fewerThanK(k: k)))
        }
        func hidden() -> [Int] { cells.indices.filter { !cells[$0].isShown } }
        while true {
            let h = hidden()
            if h.isEmpty { return (cells, .shown) }
            let hiddenContributors = h.reduce(0) { $0 + contributors[$1] }
            if h.count >= 2 && hiddenContributors >= k { return (cells, .shown) }
            // The next complementary cell: fewest contributors, ties broken by later position.
            let candidates = cells.indices.filter { cells[$0].isShown }
            guard let pick = candidates.min(by: { contributors[$0] != contributors[$1] ? contributors[$0] < contributors[$1] : $0 > $1 }) else {
                // Every cell is hidden and together they still single people out: hide the total.
                return (cells, .suppressed(.complementary))
            }
            cells[pick] = .suppressed(.complementary)
        }
    }

    /// Which period-over-period changes may be published: only where the cell is shown in both
    /// periods. A change beside a shown value whose previous value is hidden would reveal it
    /// (previous = current − change), and the other way round; so the change goes with either.
    public static func showChanges(current: [CellDecision], previous: [CellDecision]) -> [Bool] {
        zip(current, previous).map { $0.isShown && $1.isShown }
    }
}
