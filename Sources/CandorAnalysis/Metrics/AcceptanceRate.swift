import CandorVocabulary
import CandorPolicy

/// A team's inline acceptance figures for one period, before disclosure control.
public struct TeamAcceptance: Sendable, Equatable {
    /// The team, or nil for people the directory places in no team.
    public var team: String?
    /// People with at least one suggestion shown.
    public var people: Int
    public var accepted: Int64
    public var shown: Int64
    /// The largest share of `shown` that one person contributed (0…1).
    public var largestShare: Double
    /// Set when the figures come from the aggregate tier: `people` is then a lower bound (the largest
    /// weekly count) and the interval is computed from person-week cluster sums.
    public var clusterSums: ClusterSums? = nil
    /// From per-person totals: the sums over people as clusters (in pseudonym order), for the interval.
    public var personSums: ClusterSums? = nil

    /// Whether `people` is a lower bound rather than a count of distinct people.
    public var peopleIsLowerBound: Bool { clusterSums != nil }
    /// accepted ÷ shown, nil with no suggestions.
    public var rate: Double? { shown > 0 ? Double(accepted) / Double(shown) : nil }
    /// The 95% interval: the ratio-estimator interval with people as clusters — the scorecard's, so one
    /// figure has one interval everywhere — or with person-weeks as clusters from the aggregate tier.
    public var interval: ProportionInterval? {
        if let clusterSums { return RatioInterval.interval(clusterSums) }
        if let personSums { return RatioInterval.interval(personSums) }
        return nil
    }
}

/// `ai.acceptance_rate` from the aggregate tier (team × week sums) once person rows are purged. Pure.
public enum AggregateAcceptance {
    public static func compute(_ teams: [TeamWeekSums]) -> (teams: [TeamAcceptance], organisation: TeamAcceptance) {
        var all = ClusterSums(n: 0, y: 0, x: 0, yy: 0, xx: 0, xy: 0)
        var byWeek: [String: Int] = [:]
        let rows = teams.filter { $0.sums.x > 0 }.map { t -> TeamAcceptance in
            all = all + t.sums
            for (week, n) in t.contributorsByWeek { byWeek[week, default: 0] += n }
            return TeamAcceptance(team: t.team, people: t.largestWeeklyContributors, accepted: t.sums.y, shown: t.sums.x,
                                  largestShare: min(1, Double(t.largestShownSum) / Double(t.sums.x)), clusterSums: t.sums)
        }.sorted(by: AcceptanceRateCalculator.teamOrder)
        let organisation = TeamAcceptance(team: nil, people: byWeek.values.max() ?? 0, accepted: all.y, shown: all.x, largestShare: 0,
                                          clusterSums: all)
        return (rows, organisation)
    }
}

/// Computes `ai.acceptance_rate` per team from per-person totals. Pure.
public enum AcceptanceRateCalculator {
    /// Per team (alphabetical, the no-team group last) and for the whole organisation.
    public static func compute(_ totals: [InlineTotals]) -> (teams: [TeamAcceptance], organisation: TeamAcceptance) {
        var byTeam: [String?: [InlineTotals]] = [:]
        for t in totals { byTeam[t.team, default: []].append(t) }
        let teams = byTeam.map { team, rows in summarise(team: team, rows) }
            .filter { $0.people > 0 }
            .sorted(by: teamOrder)
        let org = summarise(team: nil, totals)
        return (teams, org)
    }

    static func summarise(team: String?, _ rows: [InlineTotals]) -> TeamAcceptance {
        // A person may appear in several rows (several teams) for the organisation; count them once.
        var perPerson: [String: (Int64, Int64)] = [:]
        for r in rows where r.shown > 0 {
            let current = perPerson[r.person] ?? (0, 0)
            perPerson[r.person] = (current.0 + r.accepted, current.1 + r.shown)
        }
        let accepted = perPerson.values.reduce(0) { $0 + $1.0 }
        let shown = perPerson.values.reduce(0) { $0 + $1.1 }
        let largest = perPerson.values.map(\.1).max() ?? 0
        return TeamAcceptance(team: team, people: perPerson.count, accepted: accepted, shown: shown,
                              largestShare: shown > 0 ? Double(largest) / Double(shown) : 0,
                              personSums: ClusterSums.of(perPerson.sorted { $0.key < $1.key }.map { (y: $0.value.0, x: $0.value.1) }))
    }

    /// Teams by name (code-point order, so it is the same in every locale); the no-team group last.
    public static func teamOrder(_ a: TeamAcceptance, _ b: TeamAcceptance) -> Bool {
        switch (a.team, b.team) {
        case (nil, _): return false
        case (_, nil): return true
        case let (x?, y?): return x.lowercased() != y.lowercased() ? x.lowercased() < y.lowercased() : x < y
        }
    }
}

/// The acceptance table with department subtotals: in display order, each department's row followed
/// by its teams' rows (departments and teams alphabetical), then teams outside any department, then
/// people in no team (``PeriodDisclosure`` decides it as a hierarchy, in the same order after the
/// organisation).
public struct AcceptanceTable: Sendable {
    /// How a row's interval is computed, in one line (figures files).
    public static var method: String { MetricRegistry.acceptanceRate.interval }
    public static let aggregateMethod = "ratio-estimator interval over person-week clusters (Cochran 1977)"
    public struct Entry: Sendable {
        public var figures: TeamAcceptance
        /// A department's subtotal row.
        public var isDepartment: Bool
        /// The department a team row belongs to.
        public var department: String?
    }
    public var entries: [Entry]
    public var organisation: TeamAcceptance

    /// Builds the table from team figures; `departmentFigures` makes a department's subtotal from its
    /// name and its teams (from the people behind them, so people are counted once).
    static func build(teams: [TeamAcceptance], organisation: TeamAcceptance, departments: [String: String],
                      departmentFigures: (String, [TeamAcceptance]) -> TeamAcceptance) -> AcceptanceTable {
        var byDepartment: [String: [TeamAcceptance]] = [:]
        var loose: [TeamAcceptance] = []
        for team in teams {
            if let name = team.team, let department = departments[name] { byDepartment[department, default: []].append(team) } else { loose.append(team) }
        }
        var entries: [Entry] = []
        let names = byDepartment.keys.sorted { $0.lowercased() != $1.lowercased() ? $0.lowercased() < $1.lowercased() : $0 < $1 }
        for name in names {
            let members = byDepartment[name]!.sorted(by: AcceptanceRateCalculator.teamOrder)
            let subtotal = departmentFigures(name, members)
            entries.append(Entry(figures: subtotal, isDepartment: true, department: nil))
            entries += members.map { Entry(figures: $0, isDepartment: false, department: name) }
        }
        for team in loose.sorted(by: AcceptanceRateCalculator.teamOrder) {
            entries.append(Entry(figures: team, isDepartment: false, department: nil))
        }
        return AcceptanceTable(entries: entries, organisation: organisation)
    }

    /// From per-person totals (raw or enriched tier).
    public static func from(_ totals: [InlineTotals], departments: [String: String]) -> AcceptanceTable {
        let (teams, organisation) = AcceptanceRateCalculator.compute(totals)
        return build(teams: teams, organisation: organisation, departments: departments) { name, _ in
            AcceptanceRateCalculator.summarise(team: name, totals.filter { $0.team.flatMap { departments[$0] } == name })
        }
    }

    /// From team × week sums (aggregate tier).
    public static func from(_ weeks: [TeamWeekSums], departments: [String: String]) -> AcceptanceTable {
        let (teams, organisation) = AggregateAcceptance.compute(weeks)
        return build(teams: teams, organisation: organisation, departments: departments) { name, _ in
            let members = weeks.filter { $0.team.flatMap { departments[$0] } == name }
            var merged = TeamWeekSums(team: name, weeks: 0, largestWeeklyContributors: 0, sums: ClusterSums(n: 0, y: 0, x: 0, yy: 0, xx: 0, xy: 0),
                                      largestShownSum: 0, contributorsByWeek: [:])
            for m in members {
                merged.sums = merged.sums + m.sums
                merged.largestShownSum += m.largestShownSum
                for (week, n) in m.contributorsByWeek { merged.contributorsByWeek[week, default: 0] += n }
            }
            merged.largestWeeklyContributors = merged.contributorsByWeek.values.max() ?? 0
            return AggregateAcceptance.compute([merged]).teams.first
                ?? TeamAcceptance(team: name, people: 0, accepted: 0, shown: 0, largestShare: 0)
        }
    }
}
