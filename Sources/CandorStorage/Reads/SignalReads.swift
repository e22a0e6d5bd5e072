import CandorPolicy
import CandorVocabulary
import GRDB

/// The store reads behind the gaming-signal detectors (everything else comes from the scorecard).
extension StoreReading {
    /// `AND <consent condition>` over `uses u` (adding its argument), or nothing without a rule.
    static func usesConsentFilter(_ consent: ConsentRule?, _ arguments: inout StatementArguments) -> String {
        guard let consent else { return "" }
        arguments += [consent.programme]
        return "AND " + consentCondition(consent, day: "u.day", person: "u.person")
    }

    /// Accepted inline suggestions and code completions and the lines they added, per person in each
    /// team over the period, every assistant that counts them (accepted lines per acceptance, detector 2).
    public func inlineLinesPerPerson(_ period: Period, consent: ConsentRule?)
        throws -> [(team: String?, person: String, assistant: Assistant, lines: Int64, accepted: Int64)] {
        try queue.read { db in
            var arguments: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let filter = Self.usesConsentFilter(consent, &arguments)
            return try Row.fetchAll(db, sql: """
                \(StoreQueries.uses)
                SELECT tm.team AS team, u.person AS person, u.assistant AS assistant, COALESCE(SUM(u.lines), 0) AS lines, COALESCE(SUM(u.accepted), 0) AS accepted
                FROM \(StoreQueries.usesWithTeam) WHERE u.has_lines AND u.counts \(filter)
                GROUP BY tm.team, u.person, u.assistant ORDER BY tm.team, u.person, u.assistant
                """, arguments: arguments)
            .compactMap { row in Assistant(rawValue: row["assistant"]).map { (row["team"], row["person"], $0, row["lines"], row["accepted"]) } }
        }
    }

    /// Each person-week's acceptance counts in a team (ISO weeks, days clipped to the period), every
    /// assistant that counts suggestions together, without the person: the values threshold bunching counts (detector 5).
    public func personWeekInline(_ period: Period, consent: ConsentRule?) throws -> [(team: String?, accepted: Int64, shown: Int64)] {
        let weeks = Self.weekRange(period)
        return try queue.read { db in
            var arguments: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let filter = Self.usesConsentFilter(consent, &arguments)
            return try Row.fetchAll(db, sql: """
                \(StoreQueries.uses)
                SELECT tm.team AS team, SUM(u.accepted) AS accepted, SUM(u.shown) AS shown
                FROM \(StoreQueries.usesWithTeam) WHERE u.counts \(filter)
                GROUP BY tm.team, u.person, \(Self.weekIndex(weeks.reference, day: "u.day")) ORDER BY 1, 2, 3
                """, arguments: arguments)
            .map { ($0["team"], $0["accepted"] ?? 0, $0["shown"] ?? 0) }
        }
    }

    /// Suggestions accepted per team, assistant and day (pre-review bursts, detector 6), and the days
    /// each assistant's exports cover (a day with any row of it, anyone's): a series is read only over
    /// the days its export covers, so an export that starts mid-period is no burst.
    public func dailyAccepted(_ period: Period, consent: ConsentRule?) throws
        -> (rows: [(team: String?, assistant: Assistant, day: Day, accepted: Int64)], covered: [Assistant: Set<Day>]) {
        try queue.read { db in
            var arguments: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let filter = Self.usesConsentFilter(consent, &arguments)
            let rows = try Row.fetchAll(db, sql: """
                \(StoreQueries.uses)
                SELECT tm.team AS team, u.assistant AS assistant, u.day AS day, COALESCE(SUM(u.accepted), 0) AS accepted
                FROM \(StoreQueries.usesWithTeam) WHERE u.counts \(filter)
                GROUP BY tm.team, u.assistant, u.day ORDER BY 1, 2, 3
                """, arguments: arguments)
            .compactMap { row -> (team: String?, assistant: Assistant, day: Day, accepted: Int64)? in
                guard let day = Day.parse(row["day"] as String), let assistant = Assistant(rawValue: row["assistant"]) else { return nil }
                return (row["team"], assistant, day, row["accepted"])
            }
            var covered: [Assistant: Set<Day>] = [:]
            for row in try Row.fetchAll(db, sql: """
                \(StoreQueries.uses) SELECT DISTINCT assistant, day FROM uses
                """, arguments: [period.first.iso8601, period.last.iso8601]) {
                if let a = Assistant(rawValue: row["assistant"]), let d = Day.parse(row["day"] as String) { covered[a, default: []].insert(d) }
            }
            return (rows, covered)
        }
    }

    /// Per repository, CodeGuru Reviewer's metered and excluded (suppressed) lines and the
    /// recommendations marked ThumbsDown, over the period's code reviews (detector 3).
    public func codeReviewCoverage(_ period: Period) throws -> [String: (metered: Int64, excluded: Int64, thumbsDown: Int)] {
        try queue.read { db in
            var out: [String: (metered: Int64, excluded: Int64, thumbsDown: Int)] = [:]
            let range: StatementArguments = [period.first.iso8601, period.last.iso8601]
            // Thumbs-down reactions per repository in one grouped pass (a per-repository subquery read
            // every reaction again for each repository: quadratic in repositories).
            var down: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.repository, COUNT(*) AS down FROM codeguru_feedback f JOIN codeguru_code_review r ON r.arn = f.code_review_arn
                WHERE f.reaction = 'ThumbsDown' AND substr(r.created_at, 1, 10) BETWEEN ? AND ? GROUP BY r.repository
                """, arguments: range) {
                down[row["repository"]] = row["down"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT r.repository, COALESCE(SUM(r.metered_lines), 0) AS metered, COALESCE(SUM(r.suppressed_lines), 0) AS excluded
                FROM codeguru_code_review r WHERE substr(r.created_at, 1, 10) BETWEEN ? AND ? GROUP BY r.repository
                """, arguments: range) {
                let repository: String = row["repository"]
                out[repository] = (row["metered"], row["excluded"], down[repository] ?? 0)
            }
            return out
        }
    }
}
