@testable import CandorAnalysis
import CandorVocabulary
import Testing

/// An attacker that shares nothing with ``IntervalAttack``: the linear program of τ-Argus (min and
/// max of one cell subject to the table's equations and every known bound), solved by a dense
/// two-phase simplex with Bland's rule (Dantzig; Bland 1977, "New finite pivoting rules for the
/// simplex method").
enum SimplexAttacker {
    /// max c·y subject to A y = b, y ≥ 0; nil when unbounded. The system must be feasible.
    static func maximise(_ A: [[Double]], _ b: [Double], _ c: [Double]) -> Double? {
        let m = A.count, n = c.count, rhs = n + m
        var T = [[Double]](repeating: [Double](repeating: 0, count: n + m + 1), count: m)
        var basis = [Int](repeating: 0, count: m)
        for i in 0..<m {
            let s = b[i] < 0 ? -1.0 : 1.0
            for j in 0..<n { T[i][j] = s * A[i][j] }
            T[i][n + i] = 1
            T[i][rhs] = s * b[i]
            basis[i] = n + i
        }
        func pivot(_ r: Int, _ col: Int) {
            let p = T[r][col]
            for j in T[r].indices { T[r][j] /= p }
            for i in 0..<m where i != r && T[i][col] != 0 {
                let f = T[i][col]
                for j in T[i].indices { T[i][j] -= f * T[r][j] }
            }
            basis[r] = col
        }
        func run(_ objective: [Double], columns: Int) -> Bool {
            while true {
                var enter = -1
                for j in 0..<columns {
                    var reduced = objective[j]
                    for i in 0..<m { reduced -= objective[basis[i]] * T[i][j] }
                    if reduced > 1e-9 { enter = j; break }
                }
                if enter < 0 { return true }
                var leave = -1, best = Double.infinity
                for i in 0..<m where T[i][enter] > 1e-9 {
                    let ratio = T[i][rhs] / T[i][enter]
                    if ratio < best - 1e-12 || (abs(ratio - best) <= 1e-12 && leave >= 0 && basis[i] < basis[leave]) { best = ratio; leave = i }
                }
                if leave < 0 { return false }
                pivot(leave, enter)
            }
        }
        var phase1 = [Double](repeating: 0, count: n + m)
        for i in 0..<m { phase1[n + i] = -1 }
        _ = run(phase1, columns: n + m)
        for i in 0..<m where basis[i] >= n {
            if let j = (0..<n).first(where: { abs(T[i][$0]) > 1e-9 }) { pivot(i, j) }
        }
        let phase2 = c + [Double](repeating: 0, count: m)
        guard run(phase2, columns: n) else { return nil }
        return (0..<m).reduce(0) { $0 + (basis[$1] < n ? c[basis[$1]] * T[$1][rhs] : 0) }
    }

    /// The min and max of `cell`'s figure `q` over every table consistent with what is published.
    static func range(_ table: SuppressionTable, hidden: [Bool], cell: Int, quantity q: Int) -> Bounds {
        let n = table.count
        let known = (0..<n).map { hidden[$0] || !table.cells[$0].published ? table.cells[$0].hiddenBounds[q] : table.cells[$0].shownBounds[q] }
        // x_i = lo_i + y_i; a finite upper bound adds y_i + s_i = hi_i − lo_i.
        let slacks = (0..<n).filter { known[$0].upper.isFinite }
        let width = n + slacks.count
        var A: [[Double]] = [], b: [Double] = []
        for (s, i) in slacks.enumerated() {
            var row = [Double](repeating: 0, count: width)
            row[i] = 1; row[n + s] = 1
            A.append(row); b.append(known[i].upper - known[i].lower)
        }
        var children = [[Int]](repeating: [], count: n)
        for i in 0..<n { if let p = table.cells[i].parent { children[p].append(i) } }
        for p in 0..<n where !children[p].isEmpty {
            let offset = table.cells[p].values[q] - children[p].reduce(0) { $0 + table.cells[$1].values[q] }
            var row = [Double](repeating: 0, count: width)
            row[p] = 1
            var rhs = offset - known[p].lower
            for c in children[p] { row[c] = -1; rhs += known[c].lower }
            A.append(row); b.append(rhs)
        }
        var objective = [Double](repeating: 0, count: width)
        objective[cell] = 1
        let upper = maximise(A, b, objective).map { known[cell].lower + $0 } ?? .infinity
        objective[cell] = -1
        let lower = known[cell].lower - (maximise(A, b, objective) ?? 0)
        return Bounds(lower, upper)
    }
}

extension SimplexAttacker {
    /// The min and max of `cell`'s figure `q` (one of an ordered pair) over every table consistent with
    /// what is published *and* with `smaller ≤ larger` in every cell: one linear program over both
    /// quantities' cells at once, so the coupling is the solver's, not an argument about trees.
    static func jointRange(_ table: SuppressionTable, hidden: [Bool], cell: Int, quantity q: Int, smaller: Int, larger: Int) -> Bounds {
        let n = table.count, quantities = [smaller, larger]
        func known(_ i: Int, _ q: Int) -> Bounds { hidden[i] || !table.cells[i].published ? table.cells[i].hiddenBounds[q] : table.cells[i].shownBounds[q] }
        // Variables: y = x − lower for both quantities' cells (2n), then one slack per finite upper bound,
        // then one slack per cell for smaller ≤ larger.
        let uppers = quantities.indices.flatMap { k in (0..<n).filter { known($0, quantities[k]).upper.isFinite }.map { (k, $0) } }
        let width = 2 * n + uppers.count + n
        func v(_ k: Int, _ i: Int) -> Int { k * n + i }
        var A: [[Double]] = [], b: [Double] = []
        for (s, (k, i)) in uppers.enumerated() {
            var row = [Double](repeating: 0, count: width)
            row[v(k, i)] = 1; row[2 * n + s] = 1
            A.append(row); b.append(known(i, quantities[k]).upper - known(i, quantities[k]).lower)
        }
        for (k, q) in quantities.enumerated() {
            for p in 0..<n where !table.children[p].isEmpty {
                let offset = table.cells[p].values[q] - table.children[p].reduce(0) { $0 + table.cells[$1].values[q] }
                var row = [Double](repeating: 0, count: width)
                row[v(k, p)] = 1
                var rhs = offset - known(p, q).lower
                for c in table.children[p] { row[v(k, c)] = -1; rhs += known(c, q).lower }
                A.append(row); b.append(rhs)
            }
        }
        // smaller_i + t_i = larger_i, in y: y_s − y_l + t = lower_l − lower_s.
        for i in 0..<n {
            var row = [Double](repeating: 0, count: width)
            row[v(0, i)] = 1; row[v(1, i)] = -1; row[2 * n + uppers.count + i] = 1
            A.append(row); b.append(known(i, larger).lower - known(i, smaller).lower)
        }
        let k = q == smaller ? 0 : 1
        var objective = [Double](repeating: 0, count: width)
        objective[v(k, cell)] = 1
        let lower0 = known(cell, q).lower
        let upper = maximise(A, b, objective).map { lower0 + $0 } ?? .infinity
        objective[v(k, cell)] = -1
        let lower = lower0 - (maximise(A, b, objective) ?? 0)
        return Bounds(lower, upper)
    }
}

@Suite("Minimum-loss suppression with interval protection")
struct MinimumLossSuppressionTests {
    static let policy = DisclosurePolicy(k: 5)

    /// A table of people and events from (name, parent, level, people, events, published), with
    /// primary cells below k.
    static func table(_ rows: [(String, Int?, SuppressionTable.Level, Int, Double, Bool)], policy: DisclosurePolicy = policy) -> SuppressionTable {
        let cells = rows.map { row -> SuppressionTable.Cell in
            let primary: SuppressionReason? = row.5 && row.3 < policy.k ? .fewerThanK(k: policy.k) : nil
            return SuppressionTable.Cell(name: row.0, parent: row.1, level: row.2, published: row.5, contributors: row.3,
                                         values: [Double(row.3), row.4], primary: primary,
                                         hiddenBounds: [policy.peopleBounds(primary, people: row.3), .nonNegative],
                                         shownBounds: [policy.shown(Double(row.3)), policy.shown(row.4)])
        }
        return SuppressionTable(quantities: ["people", "events"], cells: cells, protection: [policy.people, policy.events])
    }

    /// Builds rows from a two-level description: departments of (team, people, events).
    static func rows(_ departments: [(String, [(String, Int, Double)])], subtotals: Bool = true) -> [(String, Int?, SuppressionTable.Level, Int, Double, Bool)] {
        let everyone = departments.flatMap(\.1)
        var rows: [(String, Int?, SuppressionTable.Level, Int, Double, Bool)] = [("organisation", nil, .total, everyone.reduce(0) { $0 + $1.1 }, everyone.reduce(0) { $0 + $1.2 }, true)]
        for (name, teams) in departments {
            let d = rows.count
            rows.append((name, 0, .subtotal, teams.reduce(0) { $0 + $1.1 }, teams.reduce(0) { $0 + $1.2 }, subtotals))
            rows += teams.map { ($0.0, d, .team, $0.1, $0.2, true) }
        }
        return rows
    }

    static func hiddenNames(_ t: SuppressionTable, _ p: MinimumLossSuppression.Pattern) -> [String] {
        t.cells.indices.filter { p.hidden[$0] && t.cells[$0].published }.map { t.cells[$0].name }
    }

    @Test("two small teams in different departments: only they are hidden, their department subtotals are the complements")
    func departmentsAsComplements() {
        let t = Self.table(Self.rows([
            ("Commerce", [("Billing", 3, 600), ("Checkout", 8, 2_000), ("Pricing", 9, 1_500)]),
            ("Freight", [("Yard", 2, 500), ("Dispatch", 10, 2_500)]),
            ("Platform", [("Cloud", 7, 1_200), ("Identity", 6, 900)]),
        ]))
        let p = MinimumLossSuppression.solve(t)
        #expect(Self.hiddenNames(t, p) == ["Commerce", "Billing", "Freight", "Yard"])
        #expect(p.secondaryLoss == .init(teams: 0, subtotals: 2, people: 20 + 12, events: 4_100 + 3_000))
        #expect(p.search.isProvenMinimal)
        // The attacker learns only Billing + Yard together.
        let people = IntervalAttack.ranges(t, hidden: p.hidden, quantity: 0)
        #expect(people[2] == Bounds(1, 4))
        let events = IntervalAttack.ranges(t, hidden: p.hidden, quantity: 1)
        #expect(events[2] == Bounds(0, 1_100) && events[6] == Bounds(0, 1_100))
    }

    @Test("one small team: its department's subtotal cannot protect it (the other departments give it), so one sibling team does")
    func oneSmallTeam() {
        let t = Self.table(Self.rows([
            ("Commerce", [("Checkout", 9, 2_300), ("Payments", 7, 1_600)]),
            ("Platform", [("Data Platform", 10, 2_600), ("Docs Tools", 3, 700), ("Identity", 9, 2_300), ("Platform & Infra", 6, 1_400)]),
            ("Product", [("Mobile", 7, 1_900), ("Search", 8, 1_800)]),
        ]))
        let p = MinimumLossSuppression.solve(t)
        #expect(Self.hiddenNames(t, p) == ["Docs Tools", "Platform & Infra"])
        #expect(p.decisions[t.cells.firstIndex { $0.name == "Platform & Infra" }!] == .suppressed(.complementary))
        #expect(p.search == .exhaustive(candidates: 10))
    }

    @Test("a complement too small to cover the protection interval is passed over for one that does")
    func protectionInterval() {
        // Small's events are 1,000: a 20% protection level needs 200 more events of doubt above it. Tiny
        // (6 people, 50 events) cannot give that; Medium can.
        let t = Self.table(Self.rows([("All", [("Small", 3, 1_000), ("Tiny", 6, 50), ("Medium", 7, 400), ("Large", 20, 5_000)])], subtotals: false))
        let p = MinimumLossSuppression.solve(t)
        #expect(Self.hiddenNames(t, p) == ["Small", "Medium"])
        // Under mere exact-recovery protection Tiny would have done.
        let ranges = IntervalAttack.ranges(t, hidden: p.hidden, quantity: 1)
        #expect(ranges[2] == Bounds(0, 1_400))
    }

    @Test("the organisation below k, or a table that cannot be protected with its total shown, is hidden whole")
    func hiddenWhole() {
        let small = Self.table([("organisation", nil, .total, 4, 100, true), ("A", 0, .team, 4, 100, true)])
        #expect(MinimumLossSuppression.solve(small).hidden == [true, true])
        // The organisation less its only team is a known offset: the team is the total less it.
        let lone = Self.table([("organisation", nil, .total, 9, 300, true), ("A", 0, .team, 3, 100, true)])
        #expect(MinimumLossSuppression.solve(lone).hidden.allSatisfy { $0 })
    }

    @Test("rounded counts blur the shown cells: an attacker learns less, so fewer complements are needed")
    func rounding() {
        let rows = Self.rows([("All", [("Small", 3, 40), ("B", 9, 400), ("C", 12, 500)])], subtotals: false)
        let exact = Self.table(rows)
        #expect(Self.hiddenNames(exact, MinimumLossSuppression.solve(exact)) == ["Small", "B"])
        let rounded = Self.table(rows, policy: DisclosurePolicy(k: 5, roundingBase: 100))
        // Each shown count is known only to ±50: the organisation (940, printed 900) less B and C leaves
        // Small's 40 events anywhere from 0 to 150, and its people from 1 to 4.
        let p = MinimumLossSuppression.solve(rounded)
        #expect(Self.hiddenNames(rounded, p) == ["Small"])
        #expect(IntervalAttack.ranges(rounded, hidden: p.hidden, quantity: 1)[2] == Bounds(0, 150))
    }

    @Test("among patterns hiding as many teams, the one keeping the comparisons the previous quarter published wins")
    func previousQuarter() {
        // B and C are alike (one would do); C also has fewer members, so it is the complement by default.
        let rows = Self.rows([("All", [("Small", 3, 400), ("B", 9, 2_000), ("C", 8, 2_000), ("D", 12, 5_000)])], subtotals: false)
        let now = Self.table(rows)
        #expect(Self.hiddenNames(now, MinimumLossSuppression.solve(now)) == ["Small", "C"])
        // Last quarter published C's figure and hid B's: hiding B loses no comparison, hiding C would.
        var withPrevious = now
        withPrevious.cells[withPrevious.cells.firstIndex { $0.name == "C" }!].previouslyShown = true
        withPrevious.cells[withPrevious.cells.firstIndex { $0.name == "D" }!].previouslyShown = true
        let p = MinimumLossSuppression.solve(withPrevious)
        #expect(Self.hiddenNames(withPrevious, p) == ["Small", "B"])
        #expect(p.secondaryLoss == .init(teams: 1, comparisons: 0, subtotals: 0, people: 9, events: 2_000))
        // But never a second team to keep a comparison: teams come first.
        var everyone = now
        for i in everyone.cells.indices where everyone.cells[i].level == .team { everyone.cells[i].previouslyShown = true }
        #expect(MinimumLossSuppression.solve(everyone).secondaryLoss == .init(teams: 1, comparisons: 1, subtotals: 0, people: 8, events: 2_000))
    }

    // MARK: - Random hierarchies

    /// A seeded random hierarchy: 1–4 departments of 1–4 teams, people 1–14, events per person 10–200,
    /// subtotals published or not, sometimes a cell another table hides, sometimes rounding.
    static func random(_ g: inout SeededGenerator) -> SuppressionTable {
        let subtotals = Bool.random(using: &g)
        var departments: [(String, [(String, Int, Double)])] = []
        for d in 0..<Int.random(in: 1...4, using: &g) {
            departments.append(("D\(d)", (0..<Int.random(in: 1...4, using: &g)).map { t in
                let people = Int.random(in: 1...14, using: &g)
                return ("D\(d)T\(t)", people, Double(people * Int.random(in: 10...200, using: &g)))
            }))
        }
        let policy = DisclosurePolicy(k: 5, protectionShare: [0.1, 0.2, 0.3].randomElement(using: &g)!,
                                      protectionPeople: Int.random(in: 0...2, using: &g), roundingBase: Int.random(in: 0..<8, using: &g) == 0 ? 5 : 0)
        var t = Self.table(Self.rows(departments, subtotals: subtotals), policy: policy)
        // Some teams' figures were published last quarter (a comparison to lose).
        for i in t.cells.indices where t.cells[i].level == .team { t.cells[i].previouslyShown = Int.random(in: 0..<3, using: &g) == 0 }
        if Int.random(in: 0..<5, using: &g) == 0, let i = t.cells.indices.filter({ t.cells[$0].level == .team && t.cells[$0].primary == nil }).randomElement(using: &g) {
            t.cells[i].forced = (.complementary, .inexact)
        }
        return t
    }

    /// The least loss of any protected pattern, by trying every subset of the candidate cells.
    static func exhaustive(_ t: SuppressionTable) -> MinimumLossSuppression.Loss? {
        let fixed = t.cells.map(\.isFixedHidden)
        let candidates = (1..<t.count).filter { !fixed[$0] }
        var best: MinimumLossSuppression.Loss?
        for mask in 0..<(1 << candidates.count) {
            var hidden = fixed, loss = MinimumLossSuppression.Loss.zero
            for (b, c) in candidates.enumerated() where mask & (1 << b) != 0 {
                hidden[c] = true
                loss = loss + MinimumLossSuppression.cost(t.cells[c])
            }
            if let current = best, current <= loss { continue }
            if IntervalAttack.isProtected(t, hidden: hidden) { best = loss }
        }
        return best
    }

    @Test("over 2,000 seeded random hierarchies the pattern equals an exhaustive search's optimum, and a simplex attacker narrows no hidden cell within its protection interval")
    func randomHierarchies() {
        var g = SeededGenerator(seed: 18)
        var searched = 0, withPrimary = 0
        for _ in 0..<2_000 {
            let t = Self.random(&g)
            let p = MinimumLossSuppression.solve(t)
            guard t.cells.contains(where: { $0.primary != nil || $0.forced != nil }) else { continue }
            withPrimary += 1
            // Optimality: an exhaustive search finds nothing cheaper (with the total shown).
            if !p.hidden[0] {
                searched += 1
                #expect(p.search.isProvenMinimal)
                #expect(Self.exhaustive(t) == p.secondaryLoss, "\(t.cells.map { ($0.name, $0.contributors, $0.values[1], $0.published) })")
            } else {
                #expect(Self.exhaustive(t) == nil || t.cells[0].primary != nil)
            }
            // Interval protection against an attacker that shares no code with the one the search used.
            guard !p.hidden[0] else { continue }
            for i in t.cells.indices where p.hidden[i] && t.cells[i].published && (t.cells[i].primary != nil || t.cells[i].forced != nil) {
                for q in t.quantities.indices {
                    let r = SimplexAttacker.range(t, hidden: p.hidden, cell: i, quantity: q)
                    let want = t.cells[i].primary != nil ? t.required(i, quantity: q) : Bounds.exactly(t.cells[i].values[q])
                    #expect(r.lower <= want.lower + 1e-6 && r.upper >= want.upper - 1e-6, "\(t.cells[i].name) q\(q): \(r) within \(want)")
                    #expect(r.width > 1e-6 || t.cells[i].hiddenBounds[q].width == 0, "\(t.cells[i].name) recovered exactly")
                }
            }
        }
        #expect(withPrimary > 1_000 && searched > 900)
    }

    @Test("the interval attack's two passes equal the simplex attacker's linear program on random patterns")
    func attackMatchesSimplex() {
        var g = SeededGenerator(seed: 1_812)
        for _ in 0..<300 {
            let t = Self.random(&g)
            let hidden = t.cells.indices.map { $0 > 0 && (!t.cells[$0].published || Int.random(in: 0..<3, using: &g) == 0) }
            for q in t.quantities.indices {
                let fast = IntervalAttack.ranges(t, hidden: hidden, quantity: q)
                for i in t.cells.indices {
                    let slow = SimplexAttacker.range(t, hidden: hidden, cell: i, quantity: q)
                    #expect(abs(fast[i].lower - slow.lower) < 1e-6 && (fast[i].upper == slow.upper || abs(fast[i].upper - slow.upper) < 1e-6),
                            "cell \(i) q\(q): \(fast[i]) vs \(slow)")
                }
            }
        }
    }

    @Test("with accepted ≤ shown, the attack's intervals equal a joint linear program over both quantities")
    func orderedPairMatchesJointSimplex() {
        var g = SeededGenerator(seed: 2_024)
        var checked = 0
        for _ in 0..<300 {
            // An acceptance-like table: people, shown, accepted (accepted a share of shown), random hidden cells.
            var departments: [(String, [(String, Int, Double, Double)])] = []
            for d in 0..<Int.random(in: 1...3, using: &g) {
                departments.append(("D\(d)", (0..<Int.random(in: 1...4, using: &g)).map { t in
                    let people = Int.random(in: 1...12, using: &g), shown = Double(people * Int.random(in: 5...100, using: &g))
                    return ("D\(d)T\(t)", people, shown, (shown * Double.random(in: 0...1, using: &g)).rounded())
                }))
            }
            let all = departments.flatMap(\.1)
            var cells = [SuppressionTable.Cell(name: "organisation", parent: nil, level: .total, contributors: all.reduce(0) { $0 + $1.1 },
                                               values: [Double(all.reduce(0) { $0 + $1.1 }), all.reduce(0) { $0 + $1.2 }, all.reduce(0) { $0 + $1.3 }])]
            for (name, teams) in departments {
                let d = cells.count
                cells.append(.init(name: name, parent: 0, level: .subtotal, contributors: teams.reduce(0) { $0 + $1.1 },
                                   values: [Double(teams.reduce(0) { $0 + $1.1 }), teams.reduce(0) { $0 + $1.2 }, teams.reduce(0) { $0 + $1.3 }]))
                cells += teams.map { .init(name: $0.0, parent: d, level: .team, contributors: $0.1, values: [Double($0.1), $0.2, $0.3]) }
            }
            let t = SuppressionTable(quantities: ["people", "shown", "accepted"], cells: cells, protection: [Self.policy.people, Self.policy.events, Self.policy.events],
                                     ordered: [(smaller: 2, larger: 1)])
            let hidden = t.cells.indices.map { $0 > 0 && Int.random(in: 0..<3, using: &g) == 0 }
            let fast = IntervalAttack.feasibility(t, hidden: hidden)
            for i in t.cells.indices where hidden[i] {
                for q in [1, 2] {
                    let slow = SimplexAttacker.jointRange(t, hidden: hidden, cell: i, quantity: q, smaller: 2, larger: 1)
                    #expect(abs(fast[q][i].lower - slow.lower) < 1e-6 && (fast[q][i].upper == slow.upper || abs(fast[q][i].upper - slow.upper) < 1e-6),
                            "cell \(i) q\(q): \(fast[q][i]) vs \(slow)")
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
    }

    @Test("a table too large to search exhaustively within the budget gets the best pattern found, protected, and says so")
    func bestFound() {
        var g = SeededGenerator(seed: 4_000)
        var departments: [(String, [(String, Int, Double)])] = []
        for d in 0..<40 {
            departments.append(("D\(d)", (0..<25).map { t in
                let people = Int.random(in: 2...14, using: &g)
                return ("D\(d)T\(t)", people, Double(people * Int.random(in: 10...200, using: &g)))
            }))
        }
        let t = Self.table(Self.rows(departments))
        let p = MinimumLossSuppression.solve(t, budget: 50)
        #expect(!p.search.isProvenMinimal)
        #expect(!p.hidden[0] && IntervalAttack.isProtected(t, hidden: p.hidden))
        // Department subtotals do most of the work: fewer teams hidden as complements than there are small teams.
        let small = t.cells.filter { $0.primary != nil }.count
        #expect(p.secondaryLoss.teams < small)
    }
}
