@testable import CandorAnalysis
import CandorTestSupport
import Testing

extension LinearAttacker {
    /// Cells of `root` (pre-order) whose value the published table determines.
    static func recovered(_ root: DisclosureNode, decisions: [CellDecision]) -> [Int] {
        var children: [[Int]] = []
        func add(_ node: DisclosureNode) -> Int {
            let index = children.count
            children.append([])
            for child in node.children { let c = add(child); children[index].append(c) }
            return index
        }
        _ = add(root)
        return recovered(children: children, hidden: Set(decisions.indices.filter { !decisions[$0].isShown }))
    }
}

@Suite("Disclosure control across levels (organisation → department → team)")
struct HierarchicalDisclosureTests {
    typealias N = DisclosureNode
    static let k = 5

    @Test("a flat table is decided exactly as the one-level rule decides it", arguments: [
        [3, 8, 9, 10], [6, 6, 6], [2, 2, 9, 9], [4, 20], [1, 1, 1, 1, 30],
    ])
    func flatMatches(cells: [Int]) {
        let root = N(contributors: cells.reduce(0, +), children: cells.map { N(contributors: $0) })
        let one = DisclosureControl.decide(contributors: cells, total: root.contributors, k: Self.k)
        let tree = HierarchicalDisclosure.decide(root, k: Self.k)
        #expect(tree[0] == one.total || (!tree[0].isShown && !one.total.isShown))
        #expect(Array(tree.dropFirst()).map(\.isShown) == one.cells.map(\.isShown))
    }

    @Test("known answers: a small team hides a sibling; a small department takes its sibling and one of its teams with it")
    func knownAnswers() {
        // Org → D1 (t1 = 3, t2 = 8, t3 = 9), D2 (t4 = 10, t5 = 10).
        let a = N(contributors: 40, children: [
            N(contributors: 20, children: [N(contributors: 3), N(contributors: 8), N(contributors: 9)]),
            N(contributors: 20, children: [N(contributors: 10), N(contributors: 10)]),
        ])
        #expect(HierarchicalDisclosure.decide(a, k: Self.k) == [
            .shown, .shown, .suppressed(.fewerThanK(k: 5)), .suppressed(.complementary), .shown, .shown, .shown, .shown,
        ])
        // Org → D1 (t1 = 4), D2 (t4 = 10, t5 = 10): D1 is too small, D2 must go too, and then one of its
        // teams (else D2 = t4 + t5), and then the other (one hidden team alone would be D2 − the other).
        let b = N(contributors: 24, children: [
            N(contributors: 4, children: [N(contributors: 4)]),
            N(contributors: 20, children: [N(contributors: 10), N(contributors: 10)]),
        ])
        let decided = HierarchicalDisclosure.decide(b, k: Self.k)
        #expect(decided.map(\.isShown) == [true, false, false, false, false, false])
        #expect(LinearAttacker.recovered(b, decisions: decided).isEmpty)
        // Too few people in all: nothing at all is shown.
        #expect(HierarchicalDisclosure.decide(N(contributors: 4, children: [N(contributors: 4)]), k: 5).allSatisfy { !$0.isShown })
    }

    /// A random organisation: 1–5 departments of 1–5 teams with 1–15 people; some teams outside any department.
    static func randomTree(_ g: inout SeededGenerator) -> DisclosureNode {
        var parts: [N] = []
        for _ in 0..<(1 + Int(g.next() % 5)) {
            let teams = (0..<(1 + Int(g.next() % 5))).map { _ in N(contributors: 1 + Int(g.next() % 15), largestShare: g.unit()) }
            parts.append(N(contributors: teams.reduce(0) { $0 + $1.contributors }, largestShare: g.unit() * 0.6, children: teams))
        }
        for _ in 0..<Int(g.next() % 3) { parts.append(N(contributors: 1 + Int(g.next() % 15), largestShare: g.unit())) }
        return N(contributors: parts.reduce(0) { $0 + $1.contributors }, children: parts)
    }

    @Test("red team: over 2,000 random organisations, solving all the totals together recovers no hidden cell")
    func redTeamRandom() {
        var g = SeededGenerator(seed: 2026)
        var hiddenCells = 0
        for _ in 0..<2000 {
            let root = Self.randomTree(&g)
            let decisions = HierarchicalDisclosure.decide(root, k: Self.k, dominanceThreshold: 0.5)
            hiddenCells += decisions.filter { !$0.isShown }.count
            let found = LinearAttacker.recovered(root, decisions: decisions)
            #expect(found.isEmpty, "recovered cells \(found) of \(root)")
            if !found.isEmpty { return }
        }
        #expect(hiddenCells > 2000)  // the attack had plenty to go at
    }

    @Test("the same attack breaks protection applied one level at a time, so the red team can fail")
    func attackWorksOnLevelByLevel() {
        var g = SeededGenerator(seed: 7)
        var broken = 0
        for _ in 0..<500 {
            let root = Self.randomTree(&g)
            // Naive: protect departments within the organisation, and teams within each department, separately.
            let top = DisclosureControl.decide(contributors: root.children.map(\.contributors), total: root.contributors, k: Self.k)
            var decisions: [CellDecision] = [top.total]
            for (department, decision) in zip(root.children, top.cells) {
                decisions.append(decision)
                if !department.children.isEmpty {
                    decisions += DisclosureControl.decide(contributors: department.children.map(\.contributors), total: department.contributors, k: Self.k).cells
                }
            }
            if !LinearAttacker.recovered(root, decisions: decisions).isEmpty { broken += 1 }
        }
        #expect(broken > 0)
    }

    @Test("period-over-period: a change is shown only when both periods' cells are")
    func changes() {
        let now: [CellDecision] = [.shown, .shown, .suppressed(.complementary), .suppressed(.fewerThanK(k: 5))]
        let before: [CellDecision] = [.shown, .suppressed(.fewerThanK(k: 5)), .shown, .suppressed(.fewerThanK(k: 5))]
        #expect(DisclosureControl.showChanges(current: now, previous: before) == [true, false, false, false])
    }
}
