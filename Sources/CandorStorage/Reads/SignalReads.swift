import CandorPolicy
import CandorVocabulary
import GRDB

/// The store reads behind the gaming-signal detectors (everything else comes from the scorecard).
extension StoreReading {
    /// `AND <consent condition>` over `qdev_activity a` (adding its argument), or nothing without a rule.
    static func activityConsentFilter(_ consent: ConsentRule?, _ arguments: inout StatementArguments) -> String {
        guard let consent else { return "" }
        arguments += [consent.programme]
        return "AND " + consentCondition(consent, day: "a.day", person: StoreQueries.activityPerson)
    }

    /// Inline accepted suggestions and the AI lines they added, per person in each team over the period
    /// (accepted lines per acceptance, detector 2).
    public func inlineLinesPerPerson(_ period: Period, consent: ConsentRule?) throws -> [(team: String?, person: String, lines: Int64, accepted: Int64)] {
        try queue.read { db in
            var arguments: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let filter = Self.activityConsentFilter(consent, &arguments)
            return try Row.fetchAll(db, sql: """
                SELECT tm.team AS team, \(StoreQueries.activityPerson) AS person, COALESCE(SUM(a.Inline_AICodeLines), 0) AS lines, COALESCE(SUM(a.Inline_AcceptanceCount), 0) AS accepted
                FROM \(StoreQueries.activityWithTeam) WHERE a.day BETWEEN ? AND ? AND a.Inline_AICodeLines IS NOT NULL \(filter)
                GROUP BY tm.team, 2 ORDER BY tm.team, 2
                """, arguments: arguments)
            .map { ($0["team"], $0["person"], $0["lines"], $0["accepted"]) }
        }
    }

    /// Each person-week's inline acceptance counts in a team (ISO weeks, days clipped to the period),
    /// without the person: the values threshold bunching counts (detector 5).
    public func personWeekInline(_ period: Period, consent: ConsentRule?) throws -> [(team: String?, accepted: Int64, shown: Int64)] {
        let weeks = Self.weekRange(period)
        return try queue.read { db in
            var arguments: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let filter = Self.activityConsentFilter(consent, &arguments)
            return try Row.fetchAll(db, sql: """
                SELECT tm.team AS team, SUM(a.Inline_AcceptanceCount) AS accepted, SUM(a.Inline_SuggestionsCount) AS shown
                FROM \(StoreQueries.activityWithTeam) WHERE a.day BETWEEN ? AND ? \(filter)
                GROUP BY tm.team, \(StoreQueries.activityPerson), \(Self.weekIndex(weeks.reference)) ORDER BY 1, 2, 3
                """, arguments: arguments)
            .map { ($0["team"], $0["accepted"] ?? 0, $0["shown"] ?? 0) }
        }
    }

    /// Inline suggestions accepted per team and day (pre-review bursts, detector 6).
    public func dailyAccepted(_ period: Period, consent: ConsentRule?) throws -> [(team: String?, day: Day, accepted: Int64)] {
        try queue.read { db in
            var arguments: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let filter = Self.activityConsentFilter(consent, &arguments)
            return try Row.fetchAll(db, sql: """
                SELECT tm.team AS team, a.day AS day, COALESCE(SUM(a.Inline_AcceptanceCount), 0) AS accepted
                FROM \(StoreQueries.activityWithTeam) WHERE a.day BETWEEN ? AND ? \(filter)
                GROUP BY tm.team, a.day ORDER BY 1, 2
                """, arguments: arguments)
            .compactMap { row in Day.parse(row["day"] as String).map { (row["team"], $0, row["accepted"]) } }
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
