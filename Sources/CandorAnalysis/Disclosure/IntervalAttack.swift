/// The linear attacker of interval protection: for a table and a pattern of hidden cells, the
/// narrowest interval each cell's figure can be pinned to by someone who knows every published
/// figure, every total's offset, that figures are not negative, and what each hidden cell's printed
/// reason says — the "feasibility interval" of Hundepool et al., *Handbook on Statistical Disclosure
/// Control*, 2nd ed. 2024, §4.3.2, which τ-Argus and sdcTable compute with a linear program per cell
/// (min and max of the cell subject to the table's equations and bounds).
///
/// For a hierarchy the linear program needs no solver. Each total's equation links a cell with its
/// children only, so the constraints form a tree; on a tree the projection of the feasible set onto one
/// cell is exact by two passes of interval arithmetic (the Minkowski sum of the children's intervals is
/// exactly the set of their feasible sums, because the subtrees share no variable):
///
/// - up: `B(n) = known(n) ∩ (offset(n) + Σ B(child))`, the values `n` can take given its subtree;
/// - down: `F(root) = B(root)`, and for a child `c` of `n`:
///   `F(c) = B(c) ∩ (F(n) − offset(n) − Σ_{siblings s ≠ c} B(s))`.
///
/// `F(n)` is then the minimum and maximum of the cell over the whole feasible set: the linear
/// program's answer, in O(cells) for every cell at once. Tests check it against a simplex solver.
/// Pure.
public enum IntervalAttack {
    /// The feasibility interval of every cell's figure `quantity`, given which cells are hidden (a cell
    /// not published is always hidden).
    public static func ranges(_ table: SuppressionTable, hidden: [Bool], quantity q: Int) -> [Bounds] {
        let n = table.count
        let column = table.columns[q], offset = column.offset
        var known = [Bounds](repeating: .nonNegative, count: n)
        for i in 0..<n {
            known[i] = hidden[i] || !table.published[i] ? column.hidden[i] : column.shown[i]
        }
        var up = known
        for i in stride(from: n - 1, through: 0, by: -1) where !table.children[i].isEmpty {
            var sum = Sum()
            for c in table.children[i] { sum.add(up[c]) }
            up[i] = known[i].intersection(Bounds(offset[i] + sum.lower, offset[i] + sum.upper))
        }
        var down = up
        for i in 0..<n where !table.children[i].isEmpty {
            var sum = Sum()
            for c in table.children[i] { sum.add(up[c]) }
            for c in table.children[i] {
                let others = sum.without(up[c])
                let outside = Bounds(down[i].lower - offset[i] - others.upper, down[i].upper - offset[i] - others.lower)
                down[c] = up[c].intersection(outside)
            }
        }
        return down
    }

    /// The feasibility interval of every cell's every figure, with the table's ordered pairs (accepted ≤
    /// shown) taken into account.
    ///
    /// An ordered pair couples two trees, so two passes per quantity alone would not be the linear
    /// program's answer. Writing the larger as the smaller plus their difference (shown = accepted +
    /// not accepted, where "accepted ≤ shown" is "not accepted ≥ 0") separates them again: the
    /// difference is additive over the same tree, its own equations and non-negativity are all the pair
    /// says, and the two trees share no variable. So the smaller's interval is its own tree's, and the
    /// larger's is the sum of the smaller's and the difference's (a Minkowski sum, exact for independent
    /// trees). This holds when the pair's figures are published exactly and a hidden cell's reason says
    /// nothing of them but that they are not negative; otherwise the smaller's interval is capped by the
    /// larger's, a relaxation (an attacker could do better), and the table's tests say so.
    public static func feasibility(_ table: SuppressionTable, hidden: [Bool]) -> [[Bounds]] {
        var all = table.quantities.indices.map { ranges(table, hidden: hidden, quantity: $0) }
        for (pair, (smaller, larger)) in table.ordered.enumerated() {
            if let difference = table.differences[pair] {
                let rest = ranges(difference, hidden: hidden, quantity: 0)
                for i in table.cells.indices {
                    let a = all[smaller][i], d = rest[i]
                    all[larger][i] = Bounds(a.lower + d.lower, a.upper + d.upper)
                }
            } else {
                for i in table.cells.indices { all[smaller][i].upper = Swift.min(all[smaller][i].upper, all[larger][i].upper) }
            }
        }
        return all
    }

    /// The table of `larger − smaller` per cell, when the pair separates exactly (see
    /// ``feasibility(_:hidden:)``); nil otherwise.
    static func difference(cells tableCells: [SuppressionTable.Cell], protection: [ProtectionLevel], smaller: Int, larger: Int) -> SuppressionTable? {
        for cell in tableCells {
            guard cell.hiddenBounds[smaller] == .nonNegative, cell.hiddenBounds[larger] == .nonNegative,
                  cell.shownBounds[smaller].width == 0, cell.shownBounds[larger].width == 0 else { return nil }
        }
        let cells = tableCells.map { cell -> SuppressionTable.Cell in
            let d = cell.values[larger] - cell.values[smaller]
            return SuppressionTable.Cell(name: cell.name, parent: cell.parent, level: cell.level, published: cell.published,
                                         contributors: cell.contributors, values: [d], hiddenBounds: [.nonNegative], shownBounds: [.exactly(d)])
        }
        return SuppressionTable(quantities: ["difference"], cells: cells, protection: [protection[larger]])
    }

    /// A sum of intervals whose upper ends may be infinite, from which one term can be taken back out.
    struct Sum {
        var lower = 0.0
        var finiteUpper = 0.0
        var infinite = 0

        mutating func add(_ b: Bounds) {
            lower += b.lower
            if b.upper.isInfinite { infinite += 1 } else { finiteUpper += b.upper }
        }
        var upper: Double { infinite > 0 ? .infinity : finiteUpper }
        /// The sum of every term but `b`.
        func without(_ b: Bounds) -> Bounds {
            let rest = infinite - (b.upper.isInfinite ? 1 : 0)
            return Bounds(lower - b.lower, rest > 0 ? .infinity : finiteUpper - (b.upper.isInfinite ? 0 : b.upper))
        }
    }

    /// Whether every hidden cell keeps what it needs: a primary cell's every figure keeps its protection
    /// interval (and is never pinned to one value), and a cell hidden for another table is not pinned
    /// to one value.
    public static func isProtected(_ table: SuppressionTable, hidden: [Bool]) -> Bool {
        unprotected(table, hidden: hidden, stopAtFirst: true).isEmpty
    }

    /// The hidden cells that do not keep what they need, in table order.
    public static func unprotected(_ table: SuppressionTable, hidden: [Bool], stopAtFirst: Bool = false) -> [Int] {
        let needs = table.cells.indices.compactMap { i -> (Int, SuppressionTable.Requirement)? in
            let cell = table.cells[i]
            guard hidden[i], cell.published else { return nil }
            if cell.primary != nil { return (i, .interval) }
            return cell.forced.map { (i, $0.requirement) }
        }
        guard !needs.isEmpty else { return [] }
        var failing = Set<Int>()
        let all = feasibility(table, hidden: hidden)
        for q in table.quantities.indices {
            let range = all[q]
            for (i, requirement) in needs where !failing.contains(i) {
                let scale = Swift.max(1, abs(table.cells[i].values[q]))
                let tolerance = 1e-9 * scale
                let ok: Bool
                switch requirement {
                case .interval:
                    let want = table.required(i, quantity: q)
                    ok = range[i].contains(want, tolerance: tolerance) && (range[i].width > tolerance || table.cells[i].hiddenBounds[q].width <= tolerance)
                case .inexact:
                    ok = range[i].width > tolerance || table.cells[i].hiddenBounds[q].width <= tolerance
                }
                if !ok {
                    failing.insert(i)
                    if stopAtFirst { return [i] }
                }
            }
        }
        return failing.sorted()
    }

    /// How far a cell's figures fall short of what they need, summed over quantities (0 when protected):
    /// the greedy search's measure of progress.
    /// Measured on the same intervals ``unprotected(_:hidden:stopAtFirst:)`` judges by (``feasibility(_:hidden:)``),
    /// so a step the greedy search takes for "protected" is protected.
    static func shortfall(_ table: SuppressionTable, hidden: [Bool], cell i: Int) -> Double {
        var total = 0.0
        let all = feasibility(table, hidden: hidden)
        for q in table.quantities.indices {
            let range = all[q][i]
            let want = table.required(i, quantity: q)
            let scale = Swift.max(1, table.cells[i].values[q])
            total += (Swift.max(0, range.lower - want.lower) + Swift.max(0, want.upper - range.upper)) / scale
            if range.width <= 1e-9 * scale { total += 1 }
        }
        return total
    }
}
