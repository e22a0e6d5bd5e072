import CandorVocabulary
import CandorPolicy

/// `ai.active_share`, `ai.acceptance_rate` (cluster bootstrap) and `ai.accepted_lines_per_active_day`. Pure.
public enum AdoptionMetrics {
    /// People with any active day ÷ people in the team (Wilson interval; people are the trials).
    public static func activeShare(_ rows: [PersonAdoption], teamSize: Int, team: String?) -> MetricValue {
        let id = MetricRegistry.activeShare.id
        guard teamSize > 0 else { return .noData(id, team: team) }
        let active = min(teamSize, Set(rows.filter { $0.activeDays > 0 }.map(\.person)).count)
        return MetricValue(metric: id, team: team, estimate: Double(active) / Double(teamSize),
                           interval: WilsonInterval.interval(successes: Int64(active), trials: Int64(teamSize)).map(ValueInterval.init),
                           people: teamSize, events: active)
    }

    /// Σ accepted ÷ Σ shown with a seeded cluster bootstrap over people (the interval the registry promises).
    public static func acceptanceRate(_ rows: [PersonAdoption], team: String?, seed: UInt64) -> MetricValue {
        let id = MetricRegistry.acceptanceRate.id
        let people = perPerson(rows)
        let shown = people.reduce(0) { $0 + $1.value.shown }, accepted = people.reduce(0) { $0 + $1.value.accepted }
        guard shown > 0 else { return .noData(id, team: team) }
        let clusters = people.sorted { $0.key < $1.key }.map { (y: Double($0.value.accepted), x: Double($0.value.shown)) }
        return MetricValue(metric: id, team: team, estimate: Double(accepted) / Double(shown),
                           interval: Bootstrap.ratioOfSums(clusters, seed: seed), people: people.filter { $0.value.shown > 0 }.count, events: Int(shown))
    }

    /// Σ accepted lines ÷ Σ active days, with a seeded cluster bootstrap over people.
    public static func acceptedLinesPerActiveDay(_ rows: [PersonAdoption], team: String?, seed: UInt64) -> MetricValue {
        let id = MetricRegistry.acceptedLines.id
        let people = perPerson(rows)
        let days = people.reduce(0) { $0 + $1.value.days }
        guard days > 0 else { return .noData(id, team: team) }
        let lines = people.reduce(0) { $0 + $1.value.lines }
        let clusters = people.sorted { $0.key < $1.key }.map { (y: Double($0.value.lines), x: Double($0.value.days)) }
        return MetricValue(metric: id, team: team, estimate: Double(lines) / Double(days), interval: Bootstrap.ratioOfSums(clusters, seed: seed),
                           people: people.filter { $0.value.days > 0 }.count, events: days)
    }

    /// Per person (a person in several rows, e.g. two teams for the organisation, counted once).
    static func perPerson(_ rows: [PersonAdoption]) -> [String: (accepted: Int64, shown: Int64, lines: Int64, days: Int)] {
        var out: [String: (accepted: Int64, shown: Int64, lines: Int64, days: Int)] = [:]
        for r in rows {
            var v = out[r.person] ?? (0, 0, 0, 0)
            v.accepted += r.accepted; v.shown += r.shown; v.lines += r.acceptedLines; v.days += r.activeDays
            out[r.person] = v
        }
        return out
    }

    /// Share of accepted suggestions not later reverted or heavily modified, with a seeded cluster bootstrap over people.
    public static func persistence(_ outcomes: [SuggestionOutcome], team: String?, seed: UInt64) -> MetricValue {
        let id = MetricRegistry.persistence.id
        var people: [String: (kept: Int, accepted: Int)] = [:]
        for o in outcomes {
            var v = people[o.person] ?? (0, 0)
            v.kept += o.accepted - min(o.accepted, o.undone)
            v.accepted += o.accepted
            people[o.person] = v
        }
        let accepted = people.values.reduce(0) { $0 + $1.accepted }
        guard accepted > 0 else { return .noData(id, team: team) }
        let kept = people.values.reduce(0) { $0 + $1.kept }
        let clusters = people.sorted { $0.key < $1.key }.map { (y: Double($0.value.kept), x: Double($0.value.accepted)) }
        return MetricValue(metric: id, team: team, estimate: Double(kept) / Double(accepted), interval: Bootstrap.ratioOfSums(clusters, seed: seed),
                           people: people.count, events: accepted)
    }
}
