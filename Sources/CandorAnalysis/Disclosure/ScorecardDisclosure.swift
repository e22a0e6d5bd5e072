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

/// Which cells of one metric are hidden: per team, the organisation's, and each cell's per-assistant
/// parts (keyed by team; nil is the organisation).
public struct MetricCells: Sendable, Equatable {
    public var teams: [String: SuppressionReason]
    public var organisation: SuppressionReason?
    public var parts: [String?: [MetricPart: SuppressionReason]] = [:]
    /// How the teams' pattern was found (``MinimumLossSuppression``).
    public var search: MinimumLossSuppression.Search = .none
}

/// Disclosure control for the scorecard, per metric. Each metric is a table of its own: its cells
/// are the teams with a figure in it, each resting on its own people (for metrics about people —
/// adoption, flow, experience — the people who contributed to the value; for metrics about code and
/// delivery, the team's people in the directory), protected against the organisation's total
/// by ``HierarchicalDisclosure`` over the teams and the organisation it publishes (departments steer
/// the choice of complements; no department subtotal is published in it). A team too small in the
/// directory is hidden wherever it has a figure;
/// a complement is hidden only in the metric that needs it. People in the organisation's figure but
/// in no team are a cell of their own, never shown, so the organisation minus the teams is not their
/// figure. Pure.
public enum ScorecardDisclosure {
    public struct Decision: Sendable, Equatable {
        /// Teams too small in the directory: hidden in every metric where they have a figure.
        public var directory: [String: SuppressionReason]
        /// For a metric the decision did not see: the whole directory as one table, complements included.
        public var unseen: [String: SuppressionReason]
        /// Every metric's hidden cells.
        public var metrics: [MetricID: MetricCells]
    }

    /// - Parameter linked: cells another table of the period publishes with the same figures hides (the
    ///   acceptance table's teams, for the acceptance rate): hidden in that metric too, so the two
    ///   tables cannot be read against each other.
    /// - Parameter previous: per metric, the teams whose figure the previous period published (the loss
    ///   counts the comparisons a pattern loses).
    public static func decide(_ scorecard: UndisclosedScorecard, departments: [String: String], policy: DisclosurePolicy,
                              linked: [MetricID: MetricCells] = [:], previous: [MetricID: Set<String>] = [:]) -> Decision {
        let k = policy.k
        let teams = scorecard.teams, sizes = scorecard.teamSizes
        let everyone = sizes.values.reduce(0, +)
        // One metric's table: the organisation and the teams with a figure in it (a team published as "no
        // data" is a known zero: it protects nothing and is no cell). The scorecard publishes no department
        // subtotal, so every team's equation is the organisation's; what the organisation counts beyond
        // its teams (people in two teams, …) is an offset the attacker is assumed to know.
        struct Row {
            var team: Int; var people: Int; var values: [Double]; var primary: SuppressionReason?; var forced: SuppressionReason?
            var previouslyShown = false
        }
        func decide(_ rows: [Row], organisation: (people: Int, values: [Double]), quantities: [String], protection: [ProtectionLevel],
                    published: Bool = true) -> (teams: [Int: CellDecision], organisation: CellDecision, search: MinimumLossSuppression.Search) {
            var cells = [SuppressionTable.Cell(name: "organisation", parent: nil, level: .total, published: published, contributors: organisation.people,
                                               values: organisation.values, primary: organisation.people < k ? .fewerThanK(k: k) : nil,
                                               shownBounds: organisation.values.map(policy.shown))]
            for row in rows {
                var cell = SuppressionTable.Cell(name: teams[row.team], parent: 0, level: .team, contributors: row.people, values: row.values,
                                                 primary: row.primary, shownBounds: row.values.map(policy.shown), informs: sizes[teams[row.team]] ?? row.people)
                cell.hiddenBounds[0] = policy.peopleBounds(row.primary, people: row.people)
                cell.previouslyShown = row.previouslyShown
                if let forced = row.forced, row.primary == nil { cell.forced = (forced, forced == .complementary ? .inexact : .interval) }
                cells.append(cell)
            }
            let pattern = MinimumLossSuppression.solve(SuppressionTable(quantities: quantities, cells: cells, protection: protection,
                                                                       ordered: quantities.count > 2 ? [(smaller: 2, larger: 1)] : []))
            var out: [Int: CellDecision] = [:]
            for (i, row) in rows.enumerated() { out[row.team] = pattern.decisions[i + 1] }
            return (out, pattern.decisions[0], pattern.search)
        }
        // Teams too small in the directory: hidden wherever they have a figure.
        var small: [String: SuppressionReason] = [:]
        for team in teams where (sizes[team] ?? 0) < k { small[team] = .fewerThanK(k: k) }
        // A metric no decision saw (fail closed): the whole directory as one table, complements included.
        let wide = decide(teams.indices.map { i in
            let n = sizes[teams[i]] ?? 0
            return Row(team: i, people: n, values: [Double(n)], primary: n < k ? .fewerThanK(k: k) : nil, forced: nil)
        }, organisation: (everyone, [Double(everyone)]), quantities: ["people"], protection: [policy.people])
        var unseen: [String: SuppressionReason] = [:]
        for (i, decision) in wide.teams { if let reason = decision.reason { unseen[teams[i]] = reason } }
        let personBased: Set<MetricDefinition.Dimension> = [.adoption, .flow, .experience]
        var metrics: [MetricID: MetricCells] = [:]
        for (metric, list) in scorecard.computed.values {
            // Each metric is its own table: its cells are the teams with a figure in it (a team shown as
            // "no data" is a known zero and no cell), resting on the people behind the figure — for metrics
            // about people, its own contributors; for code and delivery, the team's people in the
            // directory. A small team is hidden wherever it has a figure, and complements are chosen in
            // this metric only, so a team hidden to protect another in one metric shows the rest.
            let byTeam = Dictionary(list.compactMap { v in v.team.map { ($0, v) } }) { a, _ in a }
            let organisation = list.last { $0.team == nil }
            let aboutPeople = MetricRegistry.metric(metric).map { personBased.contains($0.dimension) } ?? false
            let hasFigure = { (i: Int) in byTeam[teams[i]]?.estimate != nil }
            let answers = uniformAnswers.contains(metric)
            // A team whose pooled value is at 0% or 100% is hidden whole, as a primary cell (an item
            // there hides the team's items: ``parts(_:cells:k:uniformAnswers:)``).
            let uniform = Set(answers ? list.filter(atBoundary).compactMap(\.team) : [])
            // The people a team's cell rests on: for metrics about people its own contributors, else the
            // team in the directory; a team below k in the directory is below k here too.
            let people = { (team: String) -> Int in
                let size = sizes[team] ?? 0
                let own = aboutPeople ? (byTeam[team]?.protectedPeople ?? 0) : size
                return size < k ? min(own, size) : own
            }
            let shown = teams.indices.filter(hasFigure)
            // A metric published for the organisation only (consent, disputes) rests on the organisation's people.
            let organisationPeople = aboutPeople || shown.isEmpty ? (organisation?.protectedPeople ?? 0) : shown.reduce(0) { $0 + (sizes[teams[$1]] ?? 0) }
            // The figures an attacker can add up: people, events, and for a proportion of counts its numerator.
            let values = shown.map { byTeam[teams[$0]]! } + (organisation.map { [$0] } ?? [])
            let counted = MetricRegistry.metric(metric)?.unit == .proportion && values.allSatisfy { v in
                let x = (v.estimate ?? 0) * Double(v.events)
                return abs(x - x.rounded()) < 1e-6
            }
            func quantities(_ v: MetricValue?, people n: Int) -> [Double] {
                let events = Double(v?.events ?? 0)
                return [Double(n), events] + (counted ? [((v?.estimate ?? 0) * events).rounded()] : [])
            }
            let rows = shown.map { i -> Row in
                let team = teams[i], n = people(team)
                let primary: SuppressionReason? = n < k ? .fewerThanK(k: k) : uniform.contains(team) ? .uniform : nil
                return Row(team: i, people: n, values: quantities(byTeam[team], people: n), primary: primary, forced: linked[metric]?.teams[team],
                           previouslyShown: previous[metric]?.contains(team) ?? false)
            }
            let own = decide(rows, organisation: (organisationPeople, quantities(organisation, people: organisationPeople)),
                             quantities: ["people", "events"] + (counted ? ["favourable events"] : []),
                             protection: [policy.people, policy.events] + (counted ? [policy.events] : []), published: organisation != nil)
            var cells = MetricCells(teams: [:], organisation: nil)
            for (i, decision) in own.teams { if let reason = decision.reason { cells.teams[teams[i]] = reason } }
            if let reason = own.organisation.reason, organisation?.estimate != nil { cells.organisation = reason }
            cells.search = own.search
            if answers, let value = organisation, atBoundary(value) {
                // The whole organisation answered alike: hidden whole, items too.
                cells.organisation = .uniform
            } else if answers, organisation?.estimate != nil, cells.organisation == nil {
                // The organisation less the shown teams is the hidden teams together: if those are all at
                // one boundary (two teams that both answered 100%), so is their sum — hide one more team,
                // the smallest shown one not at a boundary, so the sum is not.
                let hidden = list.filter { v in v.team.map { cells.teams[$0] != nil } ?? false }
                let favourable = hidden.reduce(0.0) { $0 + ($1.estimate ?? 0) * Double($1.events) }, answered = hidden.reduce(0) { $0 + $1.events }
                if answered > 0, favourable == 0 || favourable == Double(answered),
                   let complement = list.filter({ v in v.team.map { cells.teams[$0] == nil } ?? false } ).filter({ $0.estimate != nil && !atBoundary($0) })
                    .min(by: { ($0.protectedPeople, $0.team ?? "") < ($1.protectedPeople, $1.team ?? "") }), let team = complement.team {
                    cells.teams[team] = .complementary
                }
            }
            // A proportion at 0% or 100% says the same of every unit behind it: an organisation there would
            // give every hidden team's value (each must be at it too), whatever the complements. It is
            // hidden instead, and with no total published the teams need no complements of this table's.
            if let value = organisation, Self.atBoundary(value),
               cells.teams.values.contains(where: { $0 != .complementary }) || linked[metric].map({ !$0.teams.isEmpty }) == true {
                cells.teams = cells.teams.filter { $0.value != .complementary }
                cells.organisation = .complementary
            }
            // The acceptance table's cells (dominance included) are hidden here too.
            if let other = linked[metric] {
                cells.teams.merge(other.teams) { mine, _ in mine }
                cells.organisation = cells.organisation ?? other.organisation
            }
            cells.parts = parts(list, cells: cells, k: k, uniformAnswers: answers)
            metrics[metric] = cells
        }
        return Decision(directory: small, unseen: unseen, metrics: metrics)
    }

    /// Shares of people's answers, where a cell at 0% or 100% gives every respondent's answer
    /// (``SuppressionReason/uniform``): a team (or the organisation) whose pooled value is there is
    /// hidden whole, like a cell below k, with complements chosen for it; a value with an item there
    /// has all its items hidden (one hidden item would be the pooled value less the others). Items are
    /// published for the organisation only: an independent recomputation showed a team's hidden items
    /// worked out exactly from its pooled value, the organisation's items, the other teams' and the
    /// published reasons (acme 2026-Q2).
    /// Shares of activity (active share, coverage) are not: that everyone in a team used an assistant
    /// is the team's figure, published as such; only its complement rule applies (``atBoundary(_:)``).
    public static let uniformAnswers: Set<MetricID> = [MetricRegistry.satisfaction.id]

    /// Whether `value` is a proportion at exactly 0 or 1 (every unit behind it on one side).
    static func atBoundary(_ value: MetricValue) -> Bool {
        guard let e = value.estimate, MetricRegistry.metric(value.metric)?.unit == .proportion else { return false }
        return e == 0 || e == 1
    }

    /// Which per-assistant parts to hide. A team's parts sit below the team's cell: a table of their
    /// own (``HierarchicalDisclosure``), so a part below k is hidden with a complement and can never be
    /// the cell minus the others; a hidden cell hides its parts. The organisation's part of one
    /// assistant is the sum of the teams' parts of it: it is shown only if it has k people and the
    /// teams' hidden parts of that assistant are none, or at least two with k people together — else
    /// it would give a hidden part away by subtraction. A single hidden part of the organisation takes
    /// the smallest other with it (the whole less the others would be it).
    static func parts(_ list: [MetricValue], cells: MetricCells, k: Int, uniformAnswers: Bool = false) -> [String?: [MetricPart: SuppressionReason]] {
        // Answers: a cell with an item at 0% or 100% hides all its items (``uniformAnswers``).
        func uniformItems(_ value: MetricValue) -> Bool { uniformAnswers && value.parts.values.contains(where: atBoundary) }
        var hidden: [String?: [MetricPart: SuppressionReason]] = [:]
        for value in list where !value.parts.isEmpty {
            guard let team = value.team else { continue }
            let keys = value.parts.keys.sorted()
            if let reason = cells.teams[team] {
                hidden[team] = Dictionary(uniqueKeysWithValues: keys.map { ($0, reason) })
                continue
            }
            if uniformItems(value) {
                hidden[team] = Dictionary(uniqueKeysWithValues: keys.map { ($0, .uniform) })
                continue
            }
            let decided = HierarchicalDisclosure.decide(
                DisclosureNode(contributors: value.protectedPeople, children: keys.map { DisclosureNode(contributors: value.parts[$0]!.protectedPeople) }), k: k)
            for (i, key) in keys.enumerated() {
                if !decided[0].isShown { hidden[team, default: [:]][key] = .complementary }
                else if case .suppressed(let reason) = decided[i + 1] { hidden[team, default: [:]][key] = reason }
            }
        }
        guard let organisation = list.last(where: { $0.team == nil }), !organisation.parts.isEmpty else { return hidden }
        let keys = organisation.parts.keys.sorted()
        if let reason = cells.organisation ?? (uniformItems(organisation) ? .uniform : nil) {
            hidden[nil] = Dictionary(uniqueKeysWithValues: keys.map { ($0, reason) })
            return hidden
        }
        var mine: [MetricPart: SuppressionReason] = [:]
        for key in keys where atBoundary(organisation.parts[key]!)
            && list.contains(where: { v in v.team != nil && v.parts[key]?.estimate != nil && hidden[v.team]?[key] != nil }) {
            // As for the whole: a part at 0% or 100% gives every hidden team's part.
            mine[key] = .complementary
        }
        for key in keys where mine[key] == nil {
            if organisation.parts[key]!.protectedPeople < k { mine[key] = .fewerThanK(k: k); continue }
            let hiddenParts = list.filter { v in v.team != nil && (v.parts[key]?.protectedPeople ?? 0) > 0 && hidden[v.team]?[key] != nil }
            let together = hiddenParts.reduce(0) { $0 + ($1.parts[key]?.protectedPeople ?? 0) }
            if !(hiddenParts.isEmpty || (hiddenParts.count >= 2 && together >= k)) { mine[key] = .complementary }
        }
        // One hidden part would be the whole less the others: hide the smallest shown one with it. Two
        // or more hidden parts give away only their sum — and each is already the sum of the teams'
        // parts of it, which the rule above protects.
        if mine.count == 1, let complement = keys.filter({ mine[$0] == nil }).min(by: { (organisation.parts[$0]!.protectedPeople, $0) < (organisation.parts[$1]!.protectedPeople, $1) }) {
            mine[complement] = .complementary
        }
        if !mine.isEmpty { hidden[nil] = mine }
        return hidden
    }
}
