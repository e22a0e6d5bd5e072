import CandorPolicy
import CandorVocabulary
import GRDB

extension StoreReading {
    /// The person's latest consent status for `programme` on `day`, if any.
    public func consentStatus(person: String, programme: String, on day: Day) throws -> ConsentStatus? {
        try queue.read { db in
            try String.fetchOne(db, sql: """
                SELECT status FROM consent WHERE person = ? AND programme = ? AND effective <= ? ORDER BY effective DESC LIMIT 1
                """, arguments: [person, programme, day.iso8601]).flatMap(ConsentStatus.init(rawValue:))
        }
    }

    /// Every programme's latest status for the person on `day`, by programme.
    public func consentStatuses(person: String, on day: Day) throws -> [(programme: String, status: ConsentStatus, since: Day)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.programme, c.status, c.effective FROM consent c WHERE c.person = ? AND c.effective <= ?
                  AND c.effective = (SELECT MAX(c2.effective) FROM consent c2 WHERE c2.person = c.person AND c2.programme = c.programme AND c2.effective <= ?)
                ORDER BY c.programme
                """, arguments: [person, day.iso8601, day.iso8601])
            .compactMap { row in
                // The registry's reader admits only known statuses; a row with another cannot be one of them.
                guard let status = ConsentStatus(rawValue: row["status"]) else { return nil }
                return (row["programme"], status, Day.parse(row["effective"] as String) ?? day)
            }
        }
    }

    /// People whose self-view consent is `opted_in` on `day` (pseudonyms, sorted).
    public func selfViewSubscribers(on day: Day, programme: String = "self-view") throws -> [String] {
        try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT c.person FROM consent c WHERE c.programme = ? AND c.effective <= ? AND c.status = '\(ConsentStatus.optedIn.rawValue)'
                  AND c.effective = (SELECT MAX(c2.effective) FROM consent c2 WHERE c2.person = c.person AND c2.programme = c.programme AND c2.effective <= ?)
                ORDER BY c.person
                """, arguments: [programme, day.iso8601, day.iso8601])
        }
    }

    /// How many records each table holds about the person (their ids in other tools included).
    public func personRecordCounts(person: String) throws -> [(label: String, records: Int)] {
        try queue.read { db in
            let ids = [person] + (try String.fetchAll(db, sql: "SELECT alias FROM person_alias WHERE person = ?", arguments: [person]))
            let marks = ids.map { _ in "?" }.joined(separator: ", ")
            return try StoreQueries.personColumns.map { entry in
                (entry.label, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(entry.table) WHERE \(entry.column) IN (\(marks))",
                                               arguments: StatementArguments(ids)) ?? 0)
            }
        }
    }

    /// Every id of the person: their pseudonym and the ids the directory links to it (other tools' logins).
    public func personIds(person: String) throws -> Set<String> {
        try queue.read { db in
            Set(try String.fetchAll(db, sql: "SELECT ? UNION SELECT alias FROM person_alias WHERE person = ? UNION SELECT person FROM person_alias WHERE alias = ?",
                                    arguments: [person, person, person]))
        }
    }

    /// The person's use of every assistant in each week part of `period`, from the assistants' tier
    /// (a day counts once however many assistants were used that day).
    public func personParts(person: String, period: Period) throws -> [PersonPart] {
        try queue.read { db in
            var out: [PersonPart] = []
            var current: (part: String, day: Int, line: Int, accepted: Int64, shown: Int64, lines: Int64)?
            func close() {
                guard let c = current, let day = Day.parse(c.part) else { return }
                out.append(PersonPart(part: day, activeDays: c.day.nonzeroBitCount, countingDays: c.line.nonzeroBitCount,
                                      accepted: c.accepted, shown: c.shown, lines: c.lines))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT part, day_mask, line_mask, accepted, shown, lines FROM assistant_person_part
                WHERE person = ? AND part BETWEEN ? AND ? ORDER BY part
                """, arguments: [person, period.first.iso8601, period.last.iso8601]) {
                let part: String = row["part"]
                if current?.part != part { close(); current = (part, 0, 0, 0, 0, 0) }
                current!.day |= row["day_mask"] as Int
                current!.line |= row["line_mask"] as Int
                current!.accepted += row["accepted"] as Int64
                current!.shown += row["shown"] as Int64
                current!.lines += row["lines"] as Int64
            }
            close()
            return out
        }
    }

    /// The person's weekly inline totals for the weeks of `period` (ISO weeks by their Thursday).
    public func personWeeks(person: String, period: Period) throws -> [PersonWeek] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT week, SUM(active_days) AS active_days, SUM(accepted) AS accepted, SUM(shown) AS shown FROM qdev_person_week
                WHERE person IN (SELECT ? UNION SELECT alias FROM person_alias WHERE person = ?) AND \(StoreQueries.weekInPeriod) GROUP BY week ORDER BY week
                """, arguments: [person, person, period.first.iso8601, period.last.iso8601])
            .map { PersonWeek(week: Day.parse($0["week"] as String)!, activeDays: $0["active_days"], accepted: $0["accepted"], shown: $0["shown"]) }
        }
    }

    /// The team the directory places the person in on `day`.
    public func team(of person: String, on day: Day) throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: """
                SELECT team FROM team_membership WHERE person = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
                ORDER BY valid_from DESC LIMIT 1
                """, arguments: [person, day.iso8601, day.iso8601])
        }
    }
}

extension StoreQueries {
    /// Tables that hold records about a person, with the column that names them.
    static let personColumns: [(table: String, column: String, label: String)] = [
        ("qdev_activity", "person", "Amazon Q Developer activity days"),
        ("qdev_person_week", "person", "Amazon Q Developer weekly totals"),
        ("kiro_user_day", "person", "Kiro activity days"),
        ("assistant_usage_day", "person", "other AI assistants' activity days (usage CSV)"),
        ("copilot_user_day", "person", "GitHub Copilot activity days"),
        ("copilot_seat", "person", "GitHub Copilot seats held"),
        ("tool_event", "person", "IDE and CI events"),
        ("github_pull_request", "author", "pull requests opened"),
        ("github_review", "reviewer", "reviews given"),
        ("github_review_comment", "commenter", "review comments written (counted, never their text)"),
        ("codeguru_feedback", "person", "reactions to CodeGuru recommendations"),
    ]
}
