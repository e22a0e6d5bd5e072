import CandorVocabulary
import CandorPolicy

/// One cell of a hierarchical table (organisation → departments → teams): its contributors, the
/// largest single contributor's share, and the cells it is the total of.
public struct DisclosureNode: Sendable, Equatable {
    public var contributors: Int
    public var largestShare: Double
    public var children: [DisclosureNode]

    public init(contributors: Int, largestShare: Double = 0, children: [DisclosureNode] = []) {
        self.contributors = contributors
        self.largestShare = largestShare
        self.children = children
    }

    /// Cells in pre-order (the node, then each child's subtree): the order of ``HierarchicalDisclosure/decide(_:k:dominanceThreshold:)``'s answer.
    public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
}

/// Disclosure control for a table published with totals at every level, so that no suppressed cell
/// can be recovered from any total by subtraction, at any level.
///
/// Primary suppression as in ``DisclosureControl`` (fewer than k contributors; (1, t)-dominance).
/// Then, to a fixed point, for every published or hidden total N with children C (the hierarchical
/// method of Hundepool et al., *Handbook on Statistical Disclosure Control*, 2nd ed. 2024, §4.4.3
/// "linked and hierarchical tables": each sub-table is protected with its marginal treated as
/// published, and suppressions are carried between sub-tables until none changes):
///
/// 1. If any child is hidden, at least two are, with at least k contributors together; otherwise the
///    shown child with the fewest contributors is hidden too (ties: the later one). If no child is
///    left to hide, N itself is hidden.
/// 2. A hidden N has at least one hidden child, else its smallest child is hidden: a hidden total
///    whose parts are all shown would be their sum.
/// 3. If the organisation total is hidden, every cell is.
///
/// Treating hidden totals as if published makes the rule conservative: the attacker of the red-team
/// tests, who solves every equation with one unknown, recovers nothing. Pure.
public enum HierarchicalDisclosure {
    public static func decide(_ root: DisclosureNode, k: Int, dominanceThreshold: Double = 1) -> [CellDecision] {
        // Flatten to pre-order with parent links.
        var contributors: [Int] = [], shares: [Double] = [], children: [[Int]] = []
        func add(_ node: DisclosureNode) -> Int {
            let index = contributors.count
            contributors.append(node.contributors)
            shares.append(node.largestShare)
            children.append([])
            for child in node.children { let c = add(child); children[index].append(c) }
            return index
        }
        _ = add(root)
        var decisions: [CellDecision] = contributors.indices.map { i in
            if contributors[i] < k { return .suppressed(.fewerThanK(k: k)) }
            if shares[i] > dominanceThreshold { return .suppressed(.dominance(threshold: dominanceThreshold)) }
            return .shown
        }
        func hideSmallest(of candidates: [Int]) -> Bool {
            let shown = candidates.filter { decisions[$0].isShown }
            guard let pick = shown.min(by: { contributors[$0] != contributors[$1] ? contributors[$0] < contributors[$1] : $0 > $1 }) else { return false }
            decisions[pick] = .suppressed(.complementary)
            return true
        }
        var changed = true
        while changed && decisions[0].isShown {
            changed = false
            for node in children.indices where !children[node].isEmpty {
                let parts = children[node]
                let hidden = parts.filter { !decisions[$0].isShown }
                if !decisions[node].isShown && hidden.isEmpty {
                    if hideSmallest(of: parts) { changed = true }
                    continue
                }
                guard !hidden.isEmpty else { continue }
                let together = hidden.reduce(0) { $0 + contributors[$1] }
                if hidden.count >= 2 && together >= k { continue }
                if hideSmallest(of: parts) {
                    changed = true
                } else if decisions[node].isShown {
                    decisions[node] = .suppressed(.complementary)
                    changed = true
                }
            }
        }
        if !decisions[0].isShown {
            let reason: CellDecision = decisions[0]
            return decisions.indices.map { $0 == 0 ? reason : (decisions[$0].isShown ? .suppressed(.complementary) : decisions[$0]) }
        }
        return decisions
    }
}
