import CandorVocabulary
import CandorPolicy

/// `ai.active_share`, `ai.acceptance_rate` (cluster bootstrap) and `ai.accepted_lines_per_active_day`. Pure.
public enum AdoptionMetrics {
    /// People with any assistant's active day ÷ people in the team (Wilson interval; people are the
    /// trials), and the same per assistant (a person who used two is active in both parts, once in the whole).
    public static func activeShare(_ rows: [PersonAdoption], teamSize: Int, team: String?) -> MetricValue {
        let id = MetricRegistry.activeShare.id
        guard teamSize > 0 else { return .noData(id, team: team) }
        func share(_ rows: [PersonAdoption]) -> MetricValue {
            let active = min(teamSize, Set(rows.filter { $0.activeDays > 0 }.map(\.person)).count)
            return MetricValue(metric: id, team: team, estimate: Double(active) / Double(teamSize),
                               interval: WilsonInterval.interval(successes: Int64(active), trials: Int64(teamSize)).map(ValueInterval.init),
                               people: teamSize, events: active)
        }
        var value = share(rows)
        // A published share of people also publishes how many are active: disclosure counts them.
        value.contributors = value.events
        value.parts = parts(rows, assistants: Assistant.allCases) { part in
            var v = share(part)
            // n is the team (the Wilson trials), as for the whole; disclosure counts the people active with
            // that assistant, who are whom the part could single out.
            v.contributors = v.events
            return v
        }
        return value
    }

    /// People holding a Copilot seat ÷ people in the team (Wilson interval; people are the trials);
    /// no data when no seat-assignment export covers the day.
    public static func licenceCoverage(holders: Int, teamSize: Int, seatsExported: Bool, team: String?) -> MetricValue {
        let id = MetricRegistry.licenceCoverage.id
        guard seatsExported else {
            return MetricValue(metric: id, team: team, estimate: nil, interval: nil, people: 0, events: 0, label: .low,
                               note: "no data: no Copilot seat-assignment export lists the period's last day")
        }
        guard teamSize > 0 else { return .noData(id, team: team) }
        let held = min(teamSize, holders)
        var value = MetricValue(metric: id, team: team, estimate: Double(held) / Double(teamSize),
                                interval: WilsonInterval.interval(successes: Int64(held), trials: Int64(teamSize)).map(ValueInterval.init),
                                people: teamSize, events: held)
        value.contributors = held   // the seat holders: the count the share publishes
        return value
    }

    /// One value per assistant in `assistants` that someone in `rows` used, from that assistant's rows alone.
    static func parts(_ rows: [PersonAdoption], assistants: [Assistant], _ value: ([PersonAdoption]) -> MetricValue) -> [MetricPart: MetricValue] {
        guard rows.contains(where: { !$0.byAssistant.isEmpty }) else { return [:] }
        var out: [MetricPart: MetricValue] = [:]
        for assistant in assistants {
            let mine = rows.compactMap { $0.only(assistant) }
            if !mine.isEmpty { out[.assistant(assistant)] = value(mine) }
        }
        return out
    }

    /// The assistants whose exports count suggestions shown and accepted (other assistants where their usage CSV gives the counters).
    public static let suggestionAssistants: [Assistant] = [.qDeveloper, .copilot, .other]

    /// Σ accepted ÷ Σ shown with the ratio-estimator interval over people as clusters (Cochran 1977; the
    /// acceptance table's, so one figure has one interval), over every assistant with suggestion counters,
    /// and per assistant. `seed` is unused: the interval is closed-form.
    public static func acceptanceRate(_ rows: [PersonAdoption], team: String?, seed: UInt64) -> MetricValue {
        var value = acceptanceRate(of: rows, team: team, seed: seed)
        value.parts = parts(rows, assistants: suggestionAssistants) { acceptanceRate(of: $0, team: team, seed: seed) }.filter { $0.value.estimate != nil }
        return value
    }

    static func acceptanceRate(of rows: [PersonAdoption], team: String?, seed: UInt64) -> MetricValue {
        let id = MetricRegistry.acceptanceRate.id
        let people = perPerson(rows)
        let shown = people.reduce(0) { $0 + $1.value.shown }, accepted = people.reduce(0) { $0 + $1.value.accepted }
        guard shown > 0 else { return .noData(id, team: team) }
        // People as clusters, in pseudonym order: the acceptance table's interval for the same figure.
        let sums = ClusterSums.of(people.filter { $0.value.shown > 0 }.sorted { $0.key < $1.key }.map { (y: $0.value.accepted, x: $0.value.shown) })
        return MetricValue(metric: id, team: team, estimate: Double(accepted) / Double(shown),
                           interval: RatioInterval.interval(sums).map(ValueInterval.init), people: people.filter { $0.value.shown > 0 }.count, events: Int(shown))
    }

    /// Σ accepted lines ÷ Σ active days, with a seeded cluster bootstrap over people, over every
    /// assistant that counts lines, and per assistant (each over its own active days).
    public static func acceptedLinesPerActiveDay(_ rows: [PersonAdoption], team: String?, seed: UInt64) -> MetricValue {
        // Kiro counts no lines: a day with Kiro alone is not in the denominator (`countingDays`).
        let counted = rows.filter { $0.countingDays > 0 }
        var value = acceptedLinesPerActiveDay(of: counted, team: team, seed: seed)
        value.parts = parts(counted, assistants: suggestionAssistants) { acceptedLinesPerActiveDay(of: $0, team: team, seed: seed) }
            .filter { $0.value.estimate != nil }
        return value
    }

    static func acceptedLinesPerActiveDay(of rows: [PersonAdoption], team: String?, seed: UInt64) -> MetricValue {
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
            v.accepted += r.accepted; v.shown += r.shown; v.lines += r.acceptedLines; v.days += r.countingDays
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
        var value = MetricValue(metric: id, team: team, estimate: Double(kept) / Double(accepted), interval: Bootstrap.ratioOfSums(clusters, seed: seed),
                                people: people.count, events: accepted)
        // Follow-ups without a suggestion id: say how many the rule linked, and how many it could not.
        let ruled = outcomes.reduce(0) { $0 + $1.linkedByRule }, unlinked = outcomes.reduce(0) { $0 + $1.unlinked }
        if ruled > 0 || unlinked > 0 {
            value.note = "\(ruled) undone linked by the rule (no suggestion id: the same person's and tool's nearest earlier acceptance within 7 days)"
                + (unlinked > 0 ? "; \(unlinked) follow-up event\(unlinked == 1 ? "" : "s") fit no acceptance" : "")
        }
        return value
    }
}
