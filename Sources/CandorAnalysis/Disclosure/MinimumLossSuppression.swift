import CandorVocabulary

/// Chooses which cells to hide beside the primary ones so that every hidden cell keeps its protection
/// interval against ``IntervalAttack`` while the least information is lost — secondary cell
/// suppression as a minimum-cost problem, the formulation of τ-Argus's optimal method and sdcTable's
/// `OPT` (Fischetti & Salazar-González, "Models and algorithms for optimizing cell suppression in
/// tabular data with linear constraints", *JASA* 95, 2000; Hundepool et al., *Handbook on
/// Statistical Disclosure Control*, 2nd ed. 2024, §4.4).
///
/// **Information loss.** Hiding a cell costs, lexicographically: teams hidden first, then the
/// comparisons with the previous period lost (teams whose figure the previous period published), then
/// department subtotals, then the people the hidden cells inform (a team's members), then their events
/// (the table's second quantity) — a team's cell costs more than any number of subtotals (teams act on
/// their own numbers); among patterns hiding as many teams, the one that keeps more of last period's
/// comparisons wins (a team hidden last period loses nothing more), and then the one hiding fewer
/// people, then fewer events. The organisation's total is never hidden to protect another cell; only when no pattern with
/// it shown protects every primary cell (a table of one team) is the whole table hidden.
///
/// **Search.** Protection is monotone: hiding one more cell never narrows an attacker's interval (the
/// cell's true value stays feasible). So a branch and bound over the candidate cells, cheapest first,
/// may drop every branch whose cost reaches the best pattern found, and every branch that cannot be
/// protected even with all its remaining candidates hidden. It starts from a greedy pattern; when it
/// finishes within its budget the pattern is provably of least loss (``Search/exhaustive``), else the
/// greedy one, pruned, is the best found (``Search/bestFound``). Pure and deterministic.
public enum MinimumLossSuppression {
    /// How the pattern was found.
    public enum Search: Sendable, Equatable {
        /// Branch and bound over every candidate cell finished: no pattern loses less.
        case exhaustive(candidates: Int)
        /// The table was too large to search exhaustively within the budget: the best pattern found.
        case bestFound(candidates: Int)
        /// No primary cell: nothing to search.
        case none

        public var isProvenMinimal: Bool {
            if case .bestFound = self { return false }
            return true
        }
    }

    /// What a pattern loses: teams hidden, comparisons with the previous period lost, subtotals hidden,
    /// people and events in the hidden cells.
    public struct Loss: Sendable, Equatable, Comparable {
        public var teams: Int
        public var comparisons: Int = 0
        public var subtotals: Int
        public var people: Int
        public var events: Double = 0
        public static let zero = Loss(teams: 0, subtotals: 0, people: 0)
        public static func < (a: Loss, b: Loss) -> Bool {
            (a.teams, a.comparisons, a.subtotals, a.people, a.events) < (b.teams, b.comparisons, b.subtotals, b.people, b.events)
        }
        static func + (a: Loss, b: Loss) -> Loss {
            Loss(teams: a.teams + b.teams, comparisons: a.comparisons + b.comparisons, subtotals: a.subtotals + b.subtotals,
                 people: a.people + b.people, events: a.events + b.events)
        }
    }

    public struct Pattern: Sendable, Equatable {
        /// Which cells are hidden (unpublished cells count as hidden).
        public var hidden: [Bool]
        /// One decision per cell: primary reasons, reasons forced by another table, complements.
        public var decisions: [CellDecision]
        /// The loss of the secondary cells alone (what the search minimised).
        public var secondaryLoss: Loss
        public var search: Search
    }

    /// The cost of hiding one published cell.
    public static func cost(_ cell: SuppressionTable.Cell) -> Loss {
        let events = cell.values.count > 1 ? cell.values[1] : 0
        switch cell.level {
        case .team: return Loss(teams: 1, comparisons: cell.previouslyShown ? 1 : 0, subtotals: 0, people: cell.informs, events: events)
        case .subtotal, .total: return Loss(teams: 0, subtotals: 1, people: cell.informs, events: events)
        }
    }

    /// The least-loss pattern for `table`. `budget` bounds the branch and bound's protection checks;
    /// by default ``defaultBudget(cells:)``, so the search's work grows linearly with the table.
    public static func solve(_ table: SuppressionTable, budget: Int? = nil) -> Pattern {
        let n = table.count
        let budget = budget ?? defaultBudget(cells: n)
        var fixed = [Bool](repeating: false, count: n)
        for i in 0..<n where table.cells[i].isFixedHidden { fixed[i] = true }
        // Nothing to protect: only what is fixed is hidden.
        let needy = (0..<n).contains { fixed[$0] && table.cells[$0].published && (table.cells[$0].primary != nil || table.cells[$0].forced != nil) }
        guard needy else { return pattern(table, hidden: fixed, search: .none) }
        // A primary total (the organisation below k): nothing in the table may be shown.
        if table.cells[0].primary != nil || table.cells[0].forced != nil {
            return pattern(table, hidden: [Bool](repeating: true, count: n), search: .none)
        }
        let candidates = (1..<n).filter { !fixed[$0] }.sorted { (cost(table.cells[$0]), $0) < (cost(table.cells[$1]), $1) }
        var everything = fixed
        for c in candidates { everything[c] = true }
        guard IntervalAttack.isProtected(table, hidden: everything) else {
            // Not even every team and subtotal hidden protects them against the organisation's total.
            return pattern(table, hidden: [Bool](repeating: true, count: n), search: .none)
        }
        let greedy = prune(table, hidden: greedy(table, fixed: fixed, candidates: candidates), fixed: fixed)
        var best = greedy, bestLoss = loss(table, greedy, fixed: fixed)
        var checks = 0, finished = true
        var current = fixed
        // Depth-first: include candidates[i], then exclude it.
        func search(_ i: Int, _ spent: Loss) {
            guard finished else { return }
            checks += 1
            if checks > budget { finished = false; return }
            if IntervalAttack.isProtected(table, hidden: current) {
                if spent < bestLoss { bestLoss = spent; best = current }
                return
            }
            guard i < candidates.count, spent + cost(table.cells[candidates[i]]) < bestLoss else { return }
            // With every remaining candidate hidden, is the pattern protectable at all?
            var all = current
            for c in candidates[i...] { all[c] = true }
            guard IntervalAttack.isProtected(table, hidden: all) else { return }
            let c = candidates[i]
            current[c] = true
            search(i + 1, spent + cost(table.cells[c]))
            current[c] = false
            search(i + 1, spent)
        }
        search(0, .zero)
        return pattern(table, hidden: best, search: finished ? .exhaustive(candidates: candidates.count) : .bestFound(candidates: candidates.count))
    }

    /// Protection checks the branch and bound may spend on a table of `cells` cells: each check is a
    /// few passes of ``IntervalAttack`` over the table (two per quantity and one more per ordered pair),
    /// so the budget is about a million cells times those passes, and never more
    /// than 20,000 checks — enough to finish on every table of a few dozen teams, whose patterns are
    /// then provably of least loss. A table of thousands of teams gets a few hundred checks to improve
    /// on the greedy pattern and is reported as the best found (4,000 teams: 0.3–0.4 s in
    /// `candor-bench --people 0`, most of it the greedy pattern).
    public static func defaultBudget(cells: Int) -> Int {
        min(20_000, max(100, 1_000_000 / max(cells, 1)))
    }

    static func loss(_ table: SuppressionTable, _ hidden: [Bool], fixed: [Bool]) -> Loss {
        table.cells.indices.filter { hidden[$0] && !fixed[$0] }.reduce(.zero) { $0 + cost(table.cells[$1]) }
    }

    static func pattern(_ table: SuppressionTable, hidden: [Bool], search: Search) -> Pattern {
        let decisions: [CellDecision] = table.cells.indices.map { i in
            let cell = table.cells[i]
            if let reason = cell.primary { return .suppressed(reason) }
            if let forced = cell.forced { return .suppressed(forced.reason) }
            return hidden[i] ? .suppressed(.complementary) : .shown
        }
        var fixed = [Bool](repeating: false, count: table.count)
        for i in table.cells.indices where table.cells[i].isFixedHidden { fixed[i] = true }
        return Pattern(hidden: hidden, decisions: decisions, secondaryLoss: loss(table, hidden, fixed: fixed), search: search)
    }

    /// A greedy pattern: while a hidden cell lacks protection (the first in table order), hide the
    /// candidate near it — its siblings, its ancestors and theirs — that protects it at least cost, or,
    /// if none does alone, the one that leaves it the smallest shortfall.
    static func greedy(_ table: SuppressionTable, fixed: [Bool], candidates: [Int]) -> [Bool] {
        var hidden = fixed
        let isCandidate = Set(candidates)
        while let cell = IntervalAttack.unprotected(table, hidden: hidden, stopAtFirst: true).first {
            var near: [Int] = []
            var at: Int? = cell
            while let node = at, let parent = table.cells[node].parent {
                near += table.children[parent].filter { $0 != node && !hidden[$0] && isCandidate.contains($0) }
                if !hidden[parent] && isCandidate.contains(parent) { near.append(parent) }
                at = parent
            }
            // The cheapest few at each distance keep a step linear in the table's size.
            near = Array(near.sorted { (cost(table.cells[$0]), $0) < (cost(table.cells[$1]), $1) }.prefix(12))
            if near.isEmpty { near = candidates.filter { !hidden[$0] } }
            guard !near.isEmpty else { break }
            var choice = near[0], choiceKey = (Double.infinity, Loss.zero)
            for c in near {
                hidden[c] = true
                let short = IntervalAttack.shortfall(table, hidden: hidden, cell: cell)
                hidden[c] = false
                let key = (short, cost(table.cells[c]))
                if key.0 < choiceKey.0 - 1e-12 || (abs(key.0 - choiceKey.0) <= 1e-12 && key.1 < choiceKey.1) { choice = c; choiceKey = key }
                if short == 0 { break }
            }
            hidden[choice] = true
        }
        return hidden
    }

    /// Unhides each complement, dearest first, whose hiding the pattern does not need.
    static func prune(_ table: SuppressionTable, hidden start: [Bool], fixed: [Bool]) -> [Bool] {
        var hidden = start
        let secondary = table.cells.indices.filter { hidden[$0] && !fixed[$0] }.sorted { (cost(table.cells[$0]), $0) > (cost(table.cells[$1]), $1) }
        for c in secondary {
            hidden[c] = false
            if !IntervalAttack.isProtected(table, hidden: hidden) { hidden[c] = true }
        }
        return hidden
    }
}
