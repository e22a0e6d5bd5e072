import CandorPolicy
import CandorVocabulary
import GRDB

extension StoreReading {

    /// Where `period`'s AI-assistant figures come from. `.raw`: the assistants' tier, as made from raw
    /// rows — also once purge has cut into the period, while the tier still holds every part as it was
    /// made (a purge of raw rows then changes no figure). Otherwise (a revocation cut into the period,
    /// the enriched window removed its person rows, or its raw rows were purged before the tier
    /// existed): the weekly person tier while it holds every week the team tier has, else the team tier.
    public func periodSource(_ period: Period) throws -> PeriodSource {
        try queue.read { db in
            let range: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let frozen = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM frozen_week WHERE \(StoreQueries.weekInPeriod)", arguments: range) ?? 0
            let gone = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tier_frozen WHERE persons_gone = 1 AND part BETWEEN ? AND ?", arguments: range) ?? 0
            // (Person rows past the enriched window in an organisation without Q Developer leave no frozen week.)
            guard frozen > 0 || gone > 0 else { return .raw }
            // A revocation cut into the period: the person-weeks no longer hold everyone who was in the
            // published figures, so only the team totals (which still do, anonymously) keep them stable.
            let revoked = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM frozen_week WHERE revoked = 1 AND \(StoreQueries.weekInPeriod)", arguments: range) ?? 0
            if revoked > 0 { return .aggregate }
            // The tier holds the period as made when every frozen week's part in it was frozen with its
            // rows (not purged before the tier existed) and no part lost its person rows.
            let unheld = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM frozen_week f WHERE date(f.week, '+3 days') BETWEEN ?1 AND ?2
                  AND NOT EXISTS (SELECT 1 FROM tier_frozen z WHERE z.part = max(f.week, ?1))
                """, arguments: range) ?? 0
            if unheld == 0 && gone == 0 { return .raw }
            // Person rows gone, and the assistants' team totals hold the period: every assistant, from them.
            if gone > 0, try Self.legacyTeamTotals(db, period) == 0 { return .aggregate }
            let missing = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT DISTINCT week FROM qdev_team_week WHERE \(StoreQueries.weekInPeriod)
                                      EXCEPT SELECT DISTINCT week FROM qdev_person_week WHERE \(StoreQueries.weekInPeriod))
                """, arguments: range + range) ?? 0
            return missing == 0 ? .enriched : .aggregate
        }
    }

    /// Per person and team, inline totals from the enriched tier's weeks in `period`, under `consent`
    /// (a required programme drops a person-week once they objected by its end; an optional one keeps
    /// it only if they opted in by its start).
    public func personWeekTotals(_ period: Period, consent: ConsentRule?) throws -> [InlineTotals] {
        try queue.read { db in
            var arguments: StatementArguments = [period.first.iso8601, period.last.iso8601]
            var filter = ""
            if let consent {
                filter = "AND " + Self.consentCondition(consent, day: consent.required ? "date(w.week, '+6 days')" : "w.week", person: StoreQueries.resolved("w.person"))
                arguments += [consent.programme]
            }
            return try Row.fetchAll(db, sql: """
                SELECT team, person, SUM(accepted) AS accepted, SUM(shown) AS shown, SUM(active_days) AS days FROM
                  (SELECT \(StoreQueries.resolved("w.person")) AS person, w.accepted, w.shown, w.active_days,
                          (SELECT m.team FROM team_membership m
                           WHERE m.person = \(StoreQueries.resolved("w.person")) AND m.valid_from <= date(w.week, '+6 days')
                             AND (m.valid_to IS NULL OR m.valid_to >= w.week)
                           ORDER BY m.valid_from DESC LIMIT 1) AS team
                   FROM qdev_person_week w WHERE date(w.week, '+3 days') BETWEEN ? AND ? \(filter))
                GROUP BY team, person ORDER BY team, person
                """, arguments: arguments)
            .map { InlineTotals(team: $0["team"], person: $0["person"], accepted: $0["accepted"], shown: $0["shown"], activeDays: $0["days"]) }
        }
    }

    /// Per team, sums over the aggregate tier's weeks in `period` (already within the consent registry):
    /// the assistants' team totals per week part (every assistant) when they hold the period, else
    /// the weekly team tier (Q Developer only; a period frozen before the team totals existed).
    public func teamWeekSums(_ period: Period) throws -> [TeamWeekSums] {
        try queue.read { db in
            if try Self.legacyTeamTotals(db, period) == 0 { return try Self.teamPartSums(db, period) }
            return Self.teamSums(try Row.fetchAll(db, sql: """
                SELECT week, team, contributors, accepted, shown, accepted_squares, shown_squares, largest_shown, accepted_shown
                FROM qdev_team_week WHERE \(StoreQueries.weekInPeriod) AND team <> '' ORDER BY team, week
                """, arguments: [period.first.iso8601, period.last.iso8601]))
        }
    }
}

extension StoreReading {
    /// How many of `period`'s weeks the assistants' team totals cannot speak for: weeks retention froze
    /// before the tier existed (no part frozen with them), and parts frozen before the team totals
    /// existed (a revocation's, or retention's). A week frozen only by a revocation whose person had
    /// no use in the period's part of it is not one of them: that part is made from raw rows as usual.
    static func legacyTeamTotals(_ db: Database, _ period: Period) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM frozen_week f WHERE f.revoked = 0 AND date(f.week, '+3 days') BETWEEN ?1 AND ?2
                      AND NOT EXISTS (SELECT 1 FROM tier_frozen z WHERE z.part = max(f.week, ?1)))
                 + (SELECT COUNT(*) FROM tier_frozen WHERE without_team_totals = 1 AND part BETWEEN ?1 AND ?2)
            """, arguments: [period.first.iso8601, period.last.iso8601]) ?? 0
    }

    /// Per team, sums over the assistants' team totals of `period`'s week parts (one part per row:
    /// a policy that keeps assistants in two dataset files has two rows per part, added here, and a
    /// person using both is then two clusters, which widens the interval).
    static func teamPartSums(_ db: Database, _ period: Period) throws -> [TeamWeekSums] {
        teamSums(try Row.fetchAll(db, sql: """
            SELECT part AS week, team, SUM(contributors) AS contributors, SUM(accepted) AS accepted, SUM(shown) AS shown,
                   SUM(accepted_squares) AS accepted_squares, SUM(shown_squares) AS shown_squares, MAX(largest_shown) AS largest_shown,
                   SUM(accepted_shown) AS accepted_shown
            FROM assistant_team_part WHERE part BETWEEN ? AND ? AND team <> '' GROUP BY part, team ORDER BY team, part
            """, arguments: [period.first.iso8601, period.last.iso8601]))
    }

    /// Per team, the sums of team-week (or team-part) rows: weeks, the largest weekly contributors,
    /// the cluster sums, the largest person's shown summed over weeks, and contributors per week.
    static func teamSums(_ rows: [Row]) -> [TeamWeekSums] {
        var teams: [String: TeamWeekSums] = [:]
        for row in rows {
            let team: String = row["team"]
            let contributors: Int = row["contributors"]
            let sums = ClusterSums(n: contributors, y: row["accepted"], x: row["shown"], yy: row["accepted_squares"],
                                   xx: row["shown_squares"], xy: row["accepted_shown"])
            var entry = teams[team] ?? TeamWeekSums(team: team.isEmpty ? nil : team, weeks: 0, largestWeeklyContributors: 0,
                                                    sums: ClusterSums(n: 0, y: 0, x: 0, yy: 0, xx: 0, xy: 0), largestShownSum: 0,
                                                    contributorsByWeek: [:])
            entry.weeks += 1
            entry.largestWeeklyContributors = max(entry.largestWeeklyContributors, contributors)
            entry.sums = entry.sums + sums
            entry.largestShownSum += row["largest_shown"] as Int64
            entry.contributorsByWeek[row["week"], default: 0] += contributors
            teams[team] = entry
        }
        return teams.keys.sorted().map { teams[$0]! }
    }
}

extension StoreQueries {
    /// A week belongs to the period holding its Thursday (ISO 8601: a week belongs where most of its days are).
    static let weekInPeriod = "date(week, '+3 days') BETWEEN ? AND ?"
}
