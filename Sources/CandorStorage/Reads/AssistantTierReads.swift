import CandorPolicy
import CandorVocabulary
import GRDB

// Every read of AI assistants' use comes from the assistants' tier (AssistantTier.swift): per person
// and week part, the directory's team and the consent registry already applied. A quarter is exactly
// its week parts, so `part BETWEEN first AND last` selects it. Team '' is use on days the directory
// places the person in no team: only the weekly series read it (for the organisation).
extension StoreReading {
    /// Per person and team: active days, inline accepted and shown, accepted AI lines (every
    /// assistant that counts them), under `consent`. A person the directory does not place in a team
    /// on a day is in no figure for that day (coverage counts them).
    public func adoptionRows(_ period: Period, consent: ConsentRule?) throws -> [PersonAdoption] {
        try prepareAssistantTier(consent)
        return try queue.read { db in
            var out: [PersonAdoption] = []
            // Per (team, person): per part, the masks ORed over assistants (and dataset files), and per assistant its own.
            var key: (team: String, person: String)?
            var part = ""
            var dayMask = 0, lineMask = 0
            var partByAssistant: [Assistant: (day: Int, line: Int)] = [:]
            var activeDays = 0, countingDays = 0
            var uses: [Assistant: AssistantUse] = [:]
            func closePart() {
                activeDays += dayMask.nonzeroBitCount
                countingDays += lineMask.nonzeroBitCount
                for (assistant, masks) in partByAssistant {
                    uses[assistant, default: AssistantUse(activeDays: 0, accepted: 0, shown: 0, acceptedLines: 0, countingDays: 0)].activeDays += masks.day.nonzeroBitCount
                    uses[assistant]!.countingDays += masks.line.nonzeroBitCount
                }
                dayMask = 0; lineMask = 0; partByAssistant.removeAll(keepingCapacity: true)
            }
            func closePerson() {
                closePart()
                if let key {
                    out.append(PersonAdoption(team: key.team, person: key.person, activeDays: activeDays,
                                              accepted: uses.values.reduce(0) { $0 + $1.accepted }, shown: uses.values.reduce(0) { $0 + $1.shown },
                                              acceptedLines: uses.values.reduce(0) { $0 + $1.acceptedLines }, countingDays: countingDays,
                                              byAssistant: uses))
                }
                activeDays = 0; countingDays = 0; uses.removeAll(keepingCapacity: true)
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT team, person, part, assistant, day_mask, line_mask, accepted, shown, lines FROM assistant_person_part
                WHERE part BETWEEN ? AND ? AND team <> '' ORDER BY team, person, part
                """, arguments: [period.first.iso8601, period.last.iso8601])
            while let row = try rows.next() {
                let team: String = row[0], person: String = row[1], rowPart: String = row[2]
                guard let assistant = Assistant(rawValue: row[3]) else { continue }
                if key?.team != team || key?.person != person {
                    closePerson()
                    key = (team, person)
                    part = rowPart
                } else if rowPart != part {
                    closePart()
                    part = rowPart
                }
                let day: Int = row[4], line: Int = row[5]
                dayMask |= day; lineMask |= line
                let masks = partByAssistant[assistant] ?? (0, 0)
                partByAssistant[assistant] = (masks.day | day, masks.line | line)
                var use = uses[assistant] ?? AssistantUse(activeDays: 0, accepted: 0, shown: 0, acceptedLines: 0, countingDays: 0)
                use.accepted += row[6]; use.shown += row[7]; use.acceptedLines += row[8]
                uses[assistant] = use
            }
            closePerson()
            return out
        }
    }

    /// Per person and team, suggestions accepted and shown (every assistant that counts them) over
    /// the whole week parts `from...to`, and the days with a row that counts them; people with none
    /// are left out.
    func tierInlineTotals(from: Day, to: Day, consent: ConsentRule?) throws -> [InlineTotals] {
        try prepareAssistantTier(consent)
        return try queue.read { db in
            var out: [InlineTotals] = []
            var current: InlineTotals?
            var part = "", mask = 0
            func close() {
                guard var totals = current else { return }
                totals.activeDays += mask.nonzeroBitCount
                if totals.shown > 0 || totals.accepted > 0 { out.append(totals) }
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT team, person, part, count_mask, counted_accepted, counted_shown FROM assistant_person_part
                WHERE part BETWEEN ? AND ? AND team <> '' AND count_mask <> 0 ORDER BY team, person, part
                """, arguments: [from.iso8601, to.iso8601])
            while let row = try rows.next() {
                let team: String = row[0], person: String = row[1], rowPart: String = row[2]
                if current?.team != team || current?.person != person {
                    close()
                    current = InlineTotals(team: team, person: person, accepted: 0, shown: 0, activeDays: 0)
                    part = rowPart; mask = 0
                } else if rowPart != part {
                    current!.activeDays += mask.nonzeroBitCount
                    part = rowPart; mask = 0
                }
                mask |= row[3] as Int
                current!.accepted += row[4] as Int64
                current!.shown += row[5] as Int64
            }
            close()
            return out
        }
    }

    /// Accepted inline suggestions and code completions and the lines they added, per person in each
    /// team over the period, every assistant that counts both (accepted lines per acceptance, detector 2).
    public func inlineLinesPerPerson(_ period: Period, consent: ConsentRule?)
        throws -> [(team: String?, person: String, assistant: Assistant, lines: Int64, accepted: Int64)] {
        try prepareAssistantTier(consent)
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT team, person, assistant, SUM(lined_lines) AS lines, SUM(lined_accepted) AS accepted FROM assistant_person_part
                WHERE part BETWEEN ? AND ? AND team <> '' GROUP BY team, person, assistant HAVING MAX(lined_count_mask) > 0
                ORDER BY team, person, assistant
                """, arguments: [period.first.iso8601, period.last.iso8601])
            .compactMap { row in Assistant(rawValue: row["assistant"]).map { (row["team"], row["person"], $0, row["lines"], row["accepted"]) } }
        }
    }

    /// Each person-week's acceptance counts in a team (ISO weeks clipped to the period: its week
    /// parts), every assistant that counts suggestions together, without the person: the values
    /// threshold bunching counts (detector 5).
    public func personWeekInline(_ period: Period, consent: ConsentRule?) throws -> [(team: String?, accepted: Int64, shown: Int64)] {
        try prepareAssistantTier(consent)
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT team, SUM(counted_accepted) AS accepted, SUM(counted_shown) AS shown FROM assistant_person_part
                WHERE part BETWEEN ? AND ? AND team <> '' GROUP BY team, person, part HAVING MAX(count_mask) > 0 ORDER BY 1, 2, 3
                """, arguments: [period.first.iso8601, period.last.iso8601])
            .map { ($0["team"], $0["accepted"] ?? 0, $0["shown"] ?? 0) }
        }
    }

    /// Suggestions accepted per team, assistant and day (pre-review bursts, detector 6), and the days
    /// each assistant's exports cover (a day with any row of it, anyone's): a series is read only over
    /// the days its export covers, so an export that starts mid-period is no burst.
    public func dailyAccepted(_ period: Period, consent: ConsentRule?) throws
        -> (rows: [(team: String?, assistant: Assistant, day: Day, accepted: Int64)], covered: [Assistant: Set<Day>]) {
        try prepareAssistantTier(consent)
        return try queue.read { db in
            let range: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let rows = try Row.fetchAll(db, sql: """
                SELECT team, assistant, day, SUM(accepted) AS accepted FROM assistant_team_day
                WHERE day BETWEEN ? AND ? AND team <> '' GROUP BY team, assistant, day ORDER BY 1, 2, 3
                """, arguments: range)
            .compactMap { row -> (team: String?, assistant: Assistant, day: Day, accepted: Int64)? in
                guard let day = Day.parse(row["day"] as String), let assistant = Assistant(rawValue: row["assistant"]) else { return nil }
                return (row["team"], assistant, day, row["accepted"])
            }
            var covered: [Assistant: Set<Day>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT assistant, day FROM assistant_day WHERE day BETWEEN ? AND ?", arguments: range) {
                if let a = Assistant(rawValue: row["assistant"]), let d = Day.parse(row["day"] as String) { covered[a, default: []].insert(d) }
            }
            return (rows, covered)
        }
    }

    /// Q Developer's inline accepted and shown per team and ISO week (the week parts of the period,
    /// labelled by their week's Monday), the people active, their active person-days, and the accepted
    /// inline lines over the person-days whose rows count them (the metric's own statistic), under `consent`. Team nil: use on days the directory places the person in no team.
    public func weeklyInline(_ period: Period, consent: ConsentRule?) throws -> [TeamWeekInline] {
        try prepareAssistantTier(consent)
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT team, part, SUM(accepted) AS accepted, SUM(shown) AS shown, COUNT(DISTINCT person) AS people,
                       SUM(days) AS days, SUM(lines) AS lines,
                       SUM((line_mask & 1) + ((line_mask >> 1) & 1) + ((line_mask >> 2) & 1) + ((line_mask >> 3) & 1)
                           + ((line_mask >> 4) & 1) + ((line_mask >> 5) & 1) + ((line_mask >> 6) & 1)) AS line_days
                FROM assistant_person_part WHERE part BETWEEN ? AND ? AND assistant = ?
                GROUP BY team, part ORDER BY team, part
                """, arguments: [period.first.iso8601, period.last.iso8601, Assistant.qDeveloper.rawValue])
            .compactMap { row in
                guard let part = Day.parse(row["part"] as String) else { return nil }
                let team: String = row["team"]
                return TeamWeekInline(team: team.isEmpty ? nil : team, week: part.isoWeekStart, accepted: row["accepted"], shown: row["shown"],
                                      people: row["people"], activeDays: row["days"], lines: row["lines"], lineDays: row["line_days"])
            }
        }
    }

    /// (team, week, person) for every person who used Q Developer in a week of the period (by the
    /// week's Monday), under `consent`. Team nil: days the directory places them in no team.
    public func activePersonWeeks(_ period: Period, consent: ConsentRule?) throws -> [(team: String?, week: Day, person: String)] {
        try prepareAssistantTier(consent)
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT DISTINCT team, part, person FROM assistant_person_part WHERE part BETWEEN ? AND ? AND assistant = ?
                ORDER BY 1, 2, 3
                """, arguments: [period.first.iso8601, period.last.iso8601, Assistant.qDeveloper.rawValue])
            .compactMap { row in
                guard let part = Day.parse(row["part"] as String) else { return nil }
                let team: String = row["team"]
                return (team: team.isEmpty ? nil : team, week: part.isoWeekStart, person: row["person"])
            }
        }
    }
}
