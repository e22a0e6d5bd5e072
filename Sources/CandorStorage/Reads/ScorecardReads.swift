import CandorPolicy
import CandorVocabulary
import GRDB

/// Survey counts for one team.
public struct SurveyCounts: Sendable, Equatable {
    public var team: String
    public var responses: Int
    public var answers: Int
    public var favourable: Int
    /// Favourable answers (y) and answers (x) summed over respondents, each respondent one cluster
    /// (in response order), for an interval that does not treat one person's answers as independent.
    public var respondents: ClusterSums
    /// Per mapped item (its policy id): the respondents who answered it and how many of them favourably.
    /// A respondent answers an item at most once, so each item's answers are independent people.
    public var items: [String: ItemCount] = [:]

    public struct ItemCount: Sendable, Equatable {
        public var answers: Int
        public var favourable: Int
    }
}

/// The facts the scorecard computes its metrics from, read for one period. Everything is per team
/// as of each record's day (people through the directory, repositories through their owners).
extension StoreReading {
    static func seconds(_ text: String?) -> Int64? { text.flatMap(Timestamp.parseISO8601) }

    /// People the directory places in each team at some point in the period; with `consent`, only
    /// those the programme may count at the period's end.
    public func teamSizes(_ period: Period, consent: ConsentRule? = nil) throws -> [String: Int] {
        try memberCounts(from: period.first, to: period.last, consentDay: period.last, consent: consent, byTeam: true).teams
    }

    /// People the directory places in each team on `day`; with `consent`, only those the programme may count that day.
    public func teamSizes(on day: Day, consent: ConsentRule? = nil) throws -> [String: Int] {
        try memberCounts(from: day, to: day, consentDay: day, consent: consent, byTeam: true).teams
    }

    /// People the directory places in any team at some point in the period — each once, however many
    /// teams they moved through; with `consent`, only those the programme may count at the period's end.
    public func organisationSize(_ period: Period, consent: ConsentRule? = nil) throws -> Int {
        try memberCounts(from: period.first, to: period.last, consentDay: period.last, consent: consent, byTeam: false).everyone
    }

    /// People the directory places in any team on `day`, each once.
    public func organisationSize(on day: Day, consent: ConsentRule? = nil) throws -> Int {
        try memberCounts(from: day, to: day, consentDay: day, consent: consent, byTeam: false).everyone
    }

    /// People with a membership overlapping `from...to`, per team (`byTeam`) or in all (each once), under
    /// `consent` as of `consentDay`.
    func memberCounts(from: Day, to: Day, consentDay: Day, consent: ConsentRule?, byTeam: Bool) throws -> (teams: [String: Int], everyone: Int) {
        try queue.read { db in
            var arguments: StatementArguments = [to.iso8601, from.iso8601]
            var filter = ""
            if let consent {
                filter = "AND " + Self.consentCondition(consent, day: "'\(consentDay.iso8601)'", person: "m.person")
                arguments += [consent.programme]
            }
            let overlapping = "FROM team_membership m WHERE m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to >= ?) \(filter)"
            guard byTeam else {
                return ([:], try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT m.person) \(overlapping)", arguments: arguments) ?? 0)
            }
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT m.team, COUNT(DISTINCT m.person) AS n \(overlapping) GROUP BY m.team", arguments: arguments) {
                out[row["team"]] = row["n"]
            }
            return (out, 0)
        }
    }

    /// People the programme may not count at `day` (objected, withdrew, or — for an optional programme — never opted in), among those with consent records.
    public func excludedPeople(_ consent: ConsentRule, on day: Day) throws -> Set<String> {
        try queue.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT person FROM team_membership m WHERE NOT (\(Self.consentCondition(consent, day: "'\(day.iso8601)'", person: "m.person")))
                """, arguments: [consent.programme]))
        }
    }

    /// Membership intervals overlapping the period (pseudonymous people).
    public func memberships(_ period: Period) throws -> [(person: String, team: String, from: Day, to: Day?)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT person, team, valid_from, valid_to FROM team_membership WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
                ORDER BY person, valid_from
                """, arguments: [period.last.iso8601, period.first.iso8601])
            .map { (person: $0["person"], team: $0["team"], from: Day.parse($0["valid_from"] as String)!, to: ($0["valid_to"] as String?).flatMap(Day.parse)) }
        }
    }

    /// People in the directory at the period's end (for the trust metrics).
    public func peopleInScope(on day: Day) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT person) FROM team_membership WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
                             arguments: [day.iso8601, day.iso8601]) ?? 0
        }
    }

    /// Production deployments finished in the period; failed when the tool says so or an incident names it as the cause.
    public func deploymentFacts(_ period: Period) throws -> [DeploymentFacts] {
        try refreshRepositoryKeys()
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.deployment_id, d.team, lower(d.result) = 'failure'
                       OR EXISTS (SELECT 1 FROM incident i WHERE i.caused_by_deployment = d.deployment_id) AS failed
                FROM deployment_team d
                WHERE substr(d.finished_at, 1, 10) BETWEEN ? AND ? AND lower(d.environment) IN ('production', 'prod')
                ORDER BY d.deployment_id
                """, arguments: [period.first.iso8601, period.last.iso8601])
            .map { DeploymentFacts(team: $0["team"], id: $0["deployment_id"], failed: $0["failed"]) }
        }
    }

    /// Incidents created in the period, attributed through their repository's owner.
    public func incidentFacts(_ period: Period) throws -> [IncidentFacts] {
        try refreshRepositoryKeys()
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.created_at, i.resolved_at, i.caused_by_deployment,
                       \(RepositoryKeys.ownerSQL(raw: "i.repository", day: "substr(i.created_at, 1, 10)")) AS team
                FROM incident i WHERE substr(i.created_at, 1, 10) BETWEEN ? AND ? ORDER BY i.incident_id
                """, arguments: [period.first.iso8601, period.last.iso8601])
            .compactMap { row in
                guard let created = Self.seconds(row["created_at"]) else { return nil }
                return IncidentFacts(team: row["team"], createdAt: created, resolvedAt: Self.seconds(row["resolved_at"]), causedBy: row["caused_by_deployment"])
            }
        }
    }

    /// Metered lines and scan counts per repository in the period (CodeGuru Reviewer code reviews and SARIF
    /// scans), without each scope's first scan ever: it is the baseline, whose findings are never new, so
    /// its lines are not in the denominator of new findings either.
    public func scanVolume(_ period: Period) throws -> (lines: [String: Int64], scans: [String: Int]) {
        try queue.read { db in
            var lines: [String: Int64] = [:], scans: [String: Int] = [:]
            let range: StatementArguments = [period.first.iso8601, period.last.iso8601]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.repository, COALESCE(SUM(r.metered_lines), 0) AS lines, COUNT(*) AS n FROM codeguru_code_review r
                WHERE substr(r.created_at, 1, 10) BETWEEN ? AND ?
                  AND r.created_at > (SELECT MIN(f.created_at) FROM codeguru_code_review f WHERE f.repository = r.repository)
                GROUP BY r.repository
                """, arguments: range) {
                let repository: String = row["repository"]
                if (row["lines"] as Int64) > 0 { lines[repository] = row["lines"] }
                scans[repository, default: 0] += row["n"] as Int
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT r.repository, COUNT(*) AS n FROM sarif_scan r WHERE substr(r.completed_at, 1, 10) BETWEEN ? AND ?
                  AND r.completed_at > (SELECT MIN(f.completed_at) FROM sarif_scan f WHERE f.repository = r.repository AND f.tool = r.tool)
                GROUP BY r.repository
                """, arguments: range) {
                scans[row["repository"], default: 0] += row["n"] as Int
            }
            return (lines, scans)
        }
    }

    /// Each of `names`'s canonical repository key (``RepositoryIdentity``: a bare name resolves to the one
    /// `owner/name` the store holds that ends in it), or its normalised form when the store has none or
    /// more than one: so two sources' names for one repository count once.
    public func repositoryKeys(_ names: Set<String>) throws -> [String: String] {
        try refreshRepositoryKeys()
        return try queue.read { db in
            var out: [String: String] = [:]
            for name in names.sorted() {
                out[name] = try String.fetchOne(db, sql: "SELECT key FROM repository_key WHERE raw = ?", arguments: [name])
                    ?? RepositoryIdentity.normalise(name)
            }
            return out
        }
    }

    /// The team owning `repository` on `day`.
    public func owner(of repository: String, on day: Day) throws -> String? {
        try refreshRepositoryKeys()
        return try queue.read { db in
            // A name the store does not hold (the caller's own) is matched by its normalised form.
            try String.fetchOne(db, sql: "SELECT \(RepositoryKeys.ownerSQL(raw: "?", day: "?", fallback: "?"))",
                                arguments: [repository, RepositoryIdentity.normalise(repository), day.iso8601, day.iso8601])
        }
    }

    /// People whose latest consent to `programme` on `day` is opted_in.
    public func optedIn(_ programme: String, on day: Day) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM consent c WHERE c.programme = ? AND c.effective <= ? AND c.status = '\(ConsentStatus.optedIn.rawValue)'
                  AND c.effective = (SELECT MAX(c2.effective) FROM consent c2 WHERE c2.person = c.person AND c2.programme = c.programme AND c2.effective <= ?)
                """, arguments: [programme, day.iso8601, day.iso8601]) ?? 0
        }
    }

    /// The disputes about a figure of `period` (their `period` column), and those filed in it that name
    /// a metric but no period (a registry of before the column, or a row without it: they cannot be
    /// placed, and the review says so), in id order.
    public func disputes(about period: Period) throws -> [DisputeRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT dispute_id, filed, resolved, outcome, metric, team, period, exclude FROM dispute
                WHERE period = ? OR (period IS NULL AND metric IS NOT NULL AND filed BETWEEN ? AND ?) ORDER BY dispute_id
                """, arguments: [period.description, period.first.iso8601, period.last.iso8601])
            .compactMap { row in
                guard let filed = Day.parse(row["filed"] as String) else { return nil }
                return DisputeRecord(id: row["dispute_id"], filed: filed, resolved: (row["resolved"] as String?).flatMap(Day.parse), outcome: row["outcome"],
                                     metric: row["metric"], team: row["team"], period: (row["period"] as String?).flatMap { Period($0) },
                                     exclusions: (row["exclude"] as String?).flatMap(DisputeExclusion.parseList) ?? [])
            }
        }
    }

    /// Disputes filed in the period, with their resolution day.
    public func disputesFiled(_ period: Period) throws -> [(filed: Day, resolved: Day?)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT filed, resolved FROM dispute WHERE filed BETWEEN ? AND ? ORDER BY filed, dispute_id",
                             arguments: [period.first.iso8601, period.last.iso8601])
            .compactMap { row in Day.parse(row["filed"] as String).map { ($0, (row["resolved"] as String?).flatMap(Day.parse)) } }
        }
    }
}

/// One team's inline totals in one ISO week.
public struct TeamWeekInline: Sendable, Equatable {
    public var team: String?
    public var week: Day
    public var accepted: Int64
    public var shown: Int64
    /// People active that week, their active person-days, the inline AI lines they accepted, and
    /// the person-days whose rows count lines (the lines' denominator, as in the scorecard).
    public var people: Int = 0
    public var activeDays: Int = 0
    public var lines: Int64 = 0
    public var lineDays: Int = 0

    public init(team: String? = nil, week: Day, accepted: Int64, shown: Int64, people: Int = 0, activeDays: Int = 0, lines: Int64 = 0, lineDays: Int = 0) {
        self.team = team
        self.week = week
        self.accepted = accepted
        self.shown = shown
        self.people = people
        self.activeDays = activeDays
        self.lines = lines
        self.lineDays = lineDays
    }
}

extension StoreReading {
    /// Every decision in the log, by day.
    public func decisions() throws -> [DecisionEntry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT day, decision, metric, action, approver, alternatives, review FROM decision ORDER BY day, decision")
                .compactMap { row in
                    Day.parse(row["day"] as String).map {
                        DecisionEntry(day: $0, decision: row["decision"], metric: row["metric"], action: row["action"], approver: row["approver"],
                                      alternatives: row["alternatives"], review: (row["review"] as String?).flatMap(Day.parse))
                    }
                }
        }
    }
}

extension StoreReading {
    /// Days in the period with any record, per source (through this handle: sources in datasets it
    /// has not attached have none).
    public func sourceDays(_ period: Period) throws -> [SourceFamily: Int] {
        // With the days retention removed records from (they are still days the source sent data on).
        return try queue.read { db in
            var out: [SourceFamily: Int] = [:]
            for entry in StoreQueries.sourceDayQueries({ $0 }) {
                out[entry.family] = try Int.fetchOne(db, sql: """
                    SELECT COUNT(DISTINCT d) FROM (\(entry.sql) UNION SELECT day FROM source_day_kept WHERE family = ?) WHERE d BETWEEN ? AND ?
                    """, arguments: [entry.family.rawValue, period.first.iso8601, period.last.iso8601]) ?? 0
            }
            return out
        }
    }
}

extension StoreQueries {
    /// Q Developer rows with the team of their person on their day, as a join (Q Developer ids are the
    /// directory's ids, so no alias lookup): far faster than the per-row subquery of `qdev_activity_team`.
    /// Every assistant's use per (person, assistant, day) for days `?1`…`?2`: the person as the
    /// directory knows them (a Q Developer, Copilot or Kiro id through its alias), suggestions accepted and shown
    /// and the lines they added (Q Developer inline: Inline_AICodeLines; Copilot code completion:
    /// loc_added_sum) — what the two assistants count alike. Copilot rows of the same person
    /// and day in several scopes (an organisation's and its enterprise's report) are one use: the
    /// largest of each counter. A Copilot or Kiro row with no activity is no use. Other assistants
    /// (the usage CSV) count suggestions and lines where their file gives the counters.
    static let assistantUses = assistantUses(tables: { $0 })

    /// ``assistantUses`` over the tables `table` names (a dataset file's own, for the tier's upkeep).
    /// Q Developer's day counts suggestions only when both its counts are held (a policy that
    /// withholds them leaves the day out of the acceptance rate, never in it as 0 of 0). The ninth
    /// column (`all_lines`) is retired and always 0: the weekly series of lines read every line
    /// Q Developer counts (chat, /dev, code fixes) while the metric reads inline lines only; they
    /// now read the same lines over the same days.
    static func assistantUses(tables table: (String) -> String) -> String {
        """
        SELECT COALESCE(al.person, q.person), 'q-developer', q.day, COALESCE(q.Inline_AcceptanceCount, 0), COALESCE(q.Inline_SuggestionsCount, 0),
               COALESCE(q.Inline_AICodeLines, 0), q.Inline_AICodeLines IS NOT NULL,
               q.Inline_AcceptanceCount IS NOT NULL AND q.Inline_SuggestionsCount IS NOT NULL, 0
        FROM \(table("qdev_activity")) q LEFT JOIN person_alias al ON al.alias = q.person WHERE q.day BETWEEN ?1 AND ?2
        UNION ALL
        SELECT COALESCE(al.person, c.person), 'copilot', c.day, c.accepted, c.shown, c.lines, c.counted, c.counted, 0 FROM (
            SELECT u.day AS day, u.person AS person, MAX(COALESCE(f.acceptances, 0)) AS accepted, MAX(COALESCE(f.generations, 0)) AS shown,
                   MAX(COALESCE(f.loc_added, 0)) AS lines,
                   -- A day counts suggestions and lines unless the policy withheld its per-feature breakdown:
                   -- then it is in neither, never in them as 0.
                   MIN(NOT u.features_withheld) AS counted
            FROM \(table("copilot_user_day")) u LEFT JOIN \(table("copilot_user_feature_day")) f
              ON f.day = u.day AND f.person = u.person AND f.scope = u.scope AND f.feature = 'code_completion'
            WHERE u.day BETWEEN ?1 AND ?2
              AND (u.interactions > 0 OR u.generations > 0 OR u.acceptances > 0 OR u.loc_added > 0 OR u.used_agent OR u.used_chat OR u.used_cli)
            GROUP BY u.day, u.person) c LEFT JOIN person_alias al ON al.alias = c.person
        UNION ALL
        SELECT COALESCE(al.person, k.person), 'kiro', k.day, 0, 0, 0, 0, 0, 0 FROM (
            SELECT day, person FROM \(table("kiro_user_day"))
            WHERE day BETWEEN ?1 AND ?2 AND (chat_conversations > 0 OR total_messages > 0 OR credits_used > 0)
            GROUP BY day, person) k LEFT JOIN person_alias al ON al.alias = k.person
        UNION ALL
        SELECT COALESCE(al.person, o.person), 'other', o.day, o.accepted, o.shown, o.lines, o.has_lines, o.counts, 0 FROM (
            SELECT day, person, COALESCE(SUM(accepted), 0) AS accepted, COALESCE(SUM(shown), 0) AS shown, COALESCE(SUM(lines), 0) AS lines,
                   MAX(lines IS NOT NULL) AS has_lines, MAX(shown IS NOT NULL) AS counts
            FROM \(table("assistant_usage_day")) WHERE day BETWEEN ?1 AND ?2
            GROUP BY day, person) o LEFT JOIN person_alias al ON al.alias = o.person
        """
    }

    /// `WITH uses(person, assistant, day, accepted, shown, lines, has_lines, counts, all_lines)` over ``assistantUses``
    /// (`has_lines`: the row counts lines — a Q Developer file of the eight-column 2025 shape does not;
    /// `counts`: the row counts suggestions shown and accepted — Kiro's do not, nor a usage-CSV row without them).
    static let uses = "WITH uses(person, assistant, day, accepted, shown, lines, has_lines, counts, all_lines) AS (\(assistantUses))"
    /// The person as the directory knows them, for a column that may hold one of their aliases.
    static func resolved(_ column: String) -> String {
        "COALESCE((SELECT al.person FROM person_alias al WHERE al.alias = \(column)), \(column))"
    }
    /// The person of a `qdev_activity a` row joined to `person_alias qal` on its id.
    static let activityPerson = "COALESCE(qal.person, a.person)"
}
