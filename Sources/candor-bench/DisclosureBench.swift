import CandorAnalysis
import CandorVocabulary

/// Disclosure control at scale: one acceptance-style table of `teams` teams in departments of 20,
/// about one team in eight below k, decided by ``MinimumLossSuppression`` and, as the baseline in the
/// same run, by the rule-based ``HierarchicalDisclosure`` it replaced (protection against exact
/// recovery only). Prints each one's time and how many teams it hides beside the primary ones.
enum DisclosureBench {
    static func run(teams: Int, seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let policy = DisclosurePolicy(k: 5)
        var cells: [SuppressionTable.Cell] = []
        var nodes: [DisclosureNode] = []
        var departments: [(people: Int, events: Double, members: [(Int, Double)])] = []
        var left = teams
        while left > 0 {
            let size = min(20, left)
            left -= size
            let members = (0..<size).map { _ -> (Int, Double) in
                let people = Int.random(in: 0..<8, using: &g) == 0 ? Int.random(in: 1...4, using: &g) : Int.random(in: 5...14, using: &g)
                return (people, Double(people * Int.random(in: 50...400, using: &g)))
            }
            departments.append((members.reduce(0) { $0 + $1.0 }, members.reduce(0) { $0 + $1.1 }, members))
        }
        let everyone = departments.reduce(0) { $0 + $1.people }, all = departments.reduce(0) { $0 + $1.events }
        func cell(_ name: String, _ parent: Int?, _ level: SuppressionTable.Level, _ people: Int, _ events: Double) -> SuppressionTable.Cell {
            let primary: SuppressionReason? = people < policy.k ? .fewerThanK(k: policy.k) : nil
            return SuppressionTable.Cell(name: name, parent: parent, level: level, contributors: people, values: [Double(people), events],
                                         primary: primary, hiddenBounds: [policy.peopleBounds(primary, people: people), .nonNegative])
        }
        cells.append(cell("organisation", nil, .total, everyone, all))
        for (d, department) in departments.enumerated() {
            let index = cells.count
            cells.append(cell("D\(d)", 0, .subtotal, department.people, department.events))
            for (t, member) in department.members.enumerated() { cells.append(cell("D\(d)T\(t)", index, .team, member.0, member.1)) }
            nodes.append(DisclosureNode(contributors: department.people, children: department.members.map { DisclosureNode(contributors: $0.0) }))
        }
        let table = SuppressionTable(quantities: ["people", "events"], cells: cells, protection: [policy.people, policy.events])
        let clock = ContinuousClock()
        var pattern: MinimumLossSuppression.Pattern?
        let optimal = clock.measure { pattern = MinimumLossSuppression.solve(table) }
        var rules: [CellDecision] = []
        let baseline = clock.measure { rules = HierarchicalDisclosure.decide(DisclosureNode(contributors: everyone, children: nodes), k: policy.k) }
        guard let pattern else { return }
        let primary = cells.filter { $0.primary != nil }.count
        let teamComplements = cells.indices.filter { pattern.hidden[$0] && cells[$0].level == .team && cells[$0].primary == nil }.count
        let subtotalComplements = cells.indices.filter { pattern.hidden[$0] && cells[$0].level == .subtotal }.count
        let ruleTeams = cells.indices.filter { !rules[$0].isShown && cells[$0].level == .team && cells[$0].primary == nil }.count
        let ruleSubtotals = cells.indices.filter { !rules[$0].isShown && cells[$0].level == .subtotal }.count
        let protected = IntervalAttack.isProtected(table, hidden: pattern.hidden)
        let search = pattern.search.isProvenMinimal ? "provably least loss" : "best found"
        print("disclosure, \(teams) teams in \(departments.count) departments, \(primary) below k:")
        print("  least loss (interval protection): \(f(seconds(optimal), 3)) s, complements: \(teamComplements) teams, \(subtotalComplements) subtotals (\(search)); protected: \(protected)")
        print("  rules it replaced (exact recovery only): \(f(seconds(baseline), 3)) s, complements: \(ruleTeams) teams, \(ruleSubtotals) subtotals; time ratio \(f(seconds(optimal) / max(seconds(baseline), 1e-9), 1))×")
        print("")
    }
}
