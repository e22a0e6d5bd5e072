import CandorPolicy
import CandorVocabulary
import GRDB

/// Makes the assistants' tier for one week part from raw rows: every assistant's rows of the part's
/// days (``StoreQueries/assistantUses(tables:)``, people resolved through the directory's aliases),
/// each placed in the teams the directory gives the person on its day and kept when the consent
/// registry allows that day, summed per (team, person, assistant) with day masks.
///
/// The directory and the registry are read once into memory (a few numbers per person), so a row
/// costs hash look-ups instead of two correlated SQL sub-queries; the part's sums are a dictionary
/// of one week's people.
final class AssistantPartMaker {
    /// Per person: membership intervals (first, last day or nil, team), as `team_membership` holds them.
    private var memberships: [String: [(from: String, to: String?, team: String)]] = [:]
    /// Per person (resolved through aliases): the registry's entries for the programme, latest first,
    /// an objection before an opt-in on the same day (the objection wins, as `consentCondition` says).
    private var registry: [String: [(effective: String, status: String)]] = [:]
    private let consent: ConsentRule?
    private let objecting: Set<String> = Set(ConsentStatus.allCases.filter(\.objects).map(\.rawValue))

    init(db: Database, consent: ConsentRule?) throws {
        self.consent = consent
        let rows = try Row.fetchCursor(db, sql: "SELECT person, team, valid_from, valid_to FROM team_membership")
        while let row = try rows.next() {
            memberships[row[0], default: []].append((from: row[2], to: row[3], team: row[1]))
        }
        if let consent {
            let entries = try Row.fetchCursor(db, sql: """
                SELECT COALESCE(a.person, c.person), c.effective, c.status FROM consent c LEFT JOIN person_alias a ON a.alias = c.person
                WHERE c.programme = ?
                """, arguments: [consent.programme])
            while let row = try entries.next() { registry[row[0], default: []].append((effective: row[1], status: row[2])) }
            for (person, list) in registry {
                registry[person] = list.sorted { $0.effective != $1.effective ? $0.effective > $1.effective : ($0.status != "opted_in" && $1.status == "opted_in") }
            }
        }
    }

    /// Whether the consent rule lets `person`'s use on `day` count.
    private func allowed(_ person: String, _ day: String) -> Bool {
        guard let consent else { return true }
        let latest = registry[person]?.first { $0.effective <= day }?.status ?? "none"
        return consent.required ? !objecting.contains(latest) : latest == ConsentStatus.optedIn.rawValue
    }

    /// Whether the consent rule lets every day of `mask` (bit i = day i of `part`'s week) count for
    /// `person`: a frozen part cannot be made again, so a person-part that reaches a day the rule
    /// now excludes goes whole (fail closed).
    func allowsEveryDay(_ person: String, part: Day, mask: Int) -> Bool {
        guard consent != nil else { return true }
        let monday = part.isoWeekStart
        for i in 0..<7 where mask & (1 << i) != 0 {
            if !allowed(person, monday.adding(days: i).iso8601) { return false }
        }
        return true
    }

    /// The last day of the part that starts on `part`.
    func partEnd(_ part: Day) -> Day { min(part.isoWeekStart.adding(days: 6), Period(containing: part).last) }

    private struct Key: Hashable {
        var team: String
        var person: String
        var assistant: String
    }

    private struct Sums {
        var dayMask = 0, lineMask = 0, countMask = 0, linedCountMask = 0
        var accepted: Int64 = 0, shown: Int64 = 0, lines: Int64 = 0
        var countedAccepted: Int64 = 0, countedShown: Int64 = 0, linedAccepted: Int64 = 0, linedLines: Int64 = 0, allLines: Int64 = 0
    }

    private struct TeamDay: Hashable {
        var day: String
        var team: String
        var assistant: String
    }

    /// Makes `part`'s rows in `writer`'s dataset file (the part's old rows must be gone).
    func make(part: Day, writer: StoreWriter) throws {
        let db = writer.db
        let last = partEnd(part)
        var sums: [Key: Sums] = [:]
        var teamDays: [TeamDay: Int64] = [:]
        var covered = Set<[String]>()
        var bits: [String: Int] = [:]
        let uses = try Row.fetchCursor(db, sql: StoreQueries.assistantUses(tables: writer.t), arguments: [part.iso8601, last.iso8601])
        while let row = try uses.next() {
            let person: String = row[0], assistant: String = row[1], day: String = row[2]
            covered.insert([day, assistant])
            guard allowed(person, day) else { continue }
            let bit: Int
            if let known = bits[day] { bit = known } else {
                bit = 1 << ((Day.parse(day)?.isoWeekday ?? 1) - 1)
                bits[day] = bit
            }
            let accepted: Int64 = row[3], shown: Int64 = row[4], lines: Int64 = row[5]
            let hasLines: Bool = row[6], counts: Bool = row[7]
            let allLines: Int64 = row[8]
            // Every team the directory places the person in on the day; none: team ''.
            var teams: [String] = []
            for m in memberships[person] ?? [] where m.from <= day && (m.to.map { day <= $0 } ?? true) { teams.append(m.team) }
            if teams.isEmpty { teams = [""] }
            for team in teams {
                var s = sums[Key(team: team, person: person, assistant: assistant)] ?? Sums()
                s.dayMask |= bit
                if hasLines { s.lineMask |= bit }
                if counts {
                    s.countMask |= bit
                    s.countedAccepted += accepted; s.countedShown += shown
                    teamDays[TeamDay(day: day, team: team, assistant: assistant), default: 0] += accepted
                }
                if hasLines && counts { s.linedCountMask |= bit; s.linedAccepted += accepted; s.linedLines += lines }
                s.accepted += accepted; s.shown += shown; s.lines += lines; s.allLines += allLines
                sums[Key(team: team, person: person, assistant: assistant)] = s
            }
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(writer.t("assistant_person_part")) (part, team, person, assistant, day_mask, line_mask, count_mask, lined_count_mask, days,
                accepted, shown, lines, counted_accepted, counted_shown, lined_accepted, lined_lines, all_lines)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let partText = part.iso8601
        // In key order, so the tier's B-tree grows at its end.
        for key in sums.keys.sorted(by: { ($0.team, $0.person, $0.assistant) < ($1.team, $1.person, $1.assistant) }) {
            let s = sums[key]!
            try insert.execute(arguments: [partText, key.team, key.person, key.assistant, s.dayMask, s.lineMask, s.countMask, s.linedCountMask,
                                           s.dayMask.nonzeroBitCount, s.accepted, s.shown, s.lines, s.countedAccepted, s.countedShown,
                                           s.linedAccepted, s.linedLines, s.allLines])
        }
        // Team totals over people (each one cluster: their counted sums across assistants).
        var people: [String: [String: (accepted: Int64, shown: Int64)]] = [:]
        for (key, s) in sums where s.countMask != 0 {
            var p = people[key.team, default: [:]][key.person] ?? (0, 0)
            p.accepted += s.countedAccepted; p.shown += s.countedShown
            people[key.team, default: [:]][key.person] = p
        }
        let teamPart = try db.cachedStatement(sql: """
            INSERT INTO \(writer.t("assistant_team_part")) (part, team, contributors, accepted, shown, accepted_squares, shown_squares, largest_shown, accepted_shown)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for team in people.keys.sorted() {
            let contributions = people[team]!.values.filter { $0.accepted > 0 || $0.shown > 0 }
            guard !contributions.isEmpty else { continue }
            var a: Int64 = 0, s: Int64 = 0, aa: Int64 = 0, ss: Int64 = 0, largest: Int64 = 0, as_: Int64 = 0
            for c in contributions {
                a += c.accepted; s += c.shown; aa += c.accepted * c.accepted; ss += c.shown * c.shown
                as_ += c.accepted * c.shown; largest = max(largest, c.shown)
            }
            try teamPart.execute(arguments: [partText, team, contributions.count, a, s, aa, ss, largest, as_])
        }
        let teamDay = try db.cachedStatement(sql: "INSERT INTO \(writer.t("assistant_team_day")) (day, team, assistant, accepted) VALUES (?, ?, ?, ?)")
        for (key, accepted) in teamDays { try teamDay.execute(arguments: [key.day, key.team, key.assistant, accepted]) }
        let day = try db.cachedStatement(sql: "INSERT INTO \(writer.t("assistant_day")) (day, assistant) VALUES (?, ?)")
        for pair in covered { try day.execute(arguments: [pair[0], pair[1]]) }
    }
}
