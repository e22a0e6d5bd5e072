import CandorVocabulary

/// A scorecard as computed, before disclosure control: every value of every team and the
/// organisation. Nothing can show it: only ``PeriodDisclosure/apply(to:)`` turns it into a
/// ``Scorecard``, the type every view and detector takes, so no figure reaches an output undecided.
public struct UndisclosedScorecard: Sendable {
    /// The computed values (nothing hidden; `suppressed` is empty).
    let computed: Scorecard
    /// People per team in the directory over the period: a team below k is hidden in every metric.
    let teamSizes: [String: Int]

    public init(computed: Scorecard, teamSizes: [String: Int]) {
        var card = computed
        card.suppressed = [:]
        self.computed = card
        self.teamSizes = teamSizes
    }

    /// A scorecard with no teams and no values: for deciding a period whose scorecard is not needed.
    public static let empty = UndisclosedScorecard(computed: Scorecard(teams: [], values: [:], suppressed: [:]), teamSizes: [:])

    public var teams: [String] { computed.teams }
}

/// Which cells of one metric are hidden: per team, and the organisation's.
public struct MetricCells: Sendable, Equatable {
    public var teams: [String: SuppressionReason]
    public var organisation: SuppressionReason?
}

/// Disclosure control for the scorecard, per metric. A cell rests on its own people (for metrics
/// about people — adoption, flow, experience — on the people who contributed to the value; for
/// metrics about code and delivery, on the team's people in the directory), protected across
/// departments and the organisation by ``HierarchicalDisclosure``; a team too small in the directory
/// is hidden in every metric. People in the organisation's figure but in no team are a cell of their
/// own, never shown, so the organisation minus the teams is not their figure. Pure.
public enum ScorecardDisclosure {
    public struct Decision: Sendable, Equatable {
        /// Teams hidden in every metric (too few people in the directory, or protecting one that is).
        public var directory: [String: SuppressionReason]
        /// Every metric's hidden cells (the directory's included).
        public var metrics: [MetricID: MetricCells]
    }

    public static func decide(_ scorecard: UndisclosedScorecard, departments: [String: String], k: Int) -> Decision {
        let teams = scorecard.teams, sizes = scorecard.teamSizes
        let everyone = sizes.values.reduce(0, +)
        var byDepartment: [String: [Int]] = [:]
        var loose: [Int] = []
        for (i, team) in teams.enumerated() { if let d = departments[team] { byDepartment[d, default: []].append(i) } else { loose.append(i) } }
        // `included`: the teams that are cells of this table. A team published as "no data" is a known
        // zero, so it protects nothing and is no cell: it can neither be hidden nor serve as a complement.
        func decide(_ contributors: (Int) -> Int, total: Int, included: (Int) -> Bool = { _ in true })
            -> (teams: [CellDecision?], organisation: CellDecision) {
            var order: [Int?] = []
            var children: [DisclosureNode] = []
            for name in byDepartment.keys.sorted() {
                let members = byDepartment[name]!.filter(included)
                guard !members.isEmpty else { continue }
                children.append(DisclosureNode(contributors: members.reduce(0) { $0 + contributors($1) },
                                               children: members.map { DisclosureNode(contributors: contributors($0)) }))
                order.append(nil)
                order += members.map { $0 }
            }
            for i in loose where included(i) { children.append(DisclosureNode(contributors: contributors(i))); order.append(i) }
            let residual = total - children.reduce(0) { $0 + $1.contributors }
            if residual > 0 { children.append(DisclosureNode(contributors: residual)) }
            let decided = HierarchicalDisclosure.decide(DisclosureNode(contributors: total, children: children), k: k)
            var out = [CellDecision?](repeating: nil, count: teams.count)
            for (position, index) in order.enumerated() { if let index { out[index] = decided[position + 1] } }
            return (out, decided[0])
        }
        let directory = decide({ sizes[teams[$0]] ?? 0 }, total: everyone)
        var suppressed: [String: SuppressionReason] = [:]
        for (i, decision) in directory.teams.enumerated() { if case .suppressed(let reason)? = decision { suppressed[teams[i]] = reason } }
        let personBased: Set<MetricDefinition.Dimension> = [.adoption, .flow, .experience]
        var metrics: [MetricID: MetricCells] = [:]
        for (metric, list) in scorecard.computed.values {
            var cells = MetricCells(teams: suppressed, organisation: directory.organisation.isShown ? nil : .fewerThanK(k: k))
            // A metric the registry does not define is protected by the directory alone.
            if let definition = MetricRegistry.metric(metric), personBased.contains(definition.dimension) {
                let people = Dictionary(list.compactMap { v in v.team.map { ($0, v.estimate == nil ? 0 : v.people) } }) { a, _ in a }
                let organisation = list.last { $0.team == nil }
                let own = decide({ people[teams[$0]] ?? 0 }, total: organisation?.people ?? 0, included: { (people[teams[$0]] ?? 0) > 0 })
                for (i, decision) in own.teams.enumerated() where cells.teams[teams[i]] == nil {
                    if case .suppressed(let reason)? = decision { cells.teams[teams[i]] = reason }
                }
                if case .suppressed(let reason) = own.organisation, organisation?.estimate != nil { cells.organisation = cells.organisation ?? reason }
            }
            metrics[metric] = cells
        }
        return Decision(directory: suppressed, metrics: metrics)
    }
}
