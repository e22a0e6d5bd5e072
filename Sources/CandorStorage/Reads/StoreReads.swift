import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

extension StoreReading {
    /// Per person and team, the inline suggestion totals for days in `from...to`.
    ///
    /// A day's row counts for the team the person belonged to on that day; `team` is nil for
    /// rows of people the directory does not place in any team on that day.
    ///
    /// `consent` applies the consent registry as of each row's day: for a required programme, rows of
    /// people who objected (opted out or revoked) are left out; for an optional one, only rows of people
    /// who opted in are used.
    public func inlineTotals(from: Day, to: Day, consent: ConsentRule? = nil) throws -> [InlineTotals] {
        // Whole week parts (a quarter, for every report) are the tier's; any other range is read from raw rows.
        if from.startsWeekPart && to.adding(days: 1).startsWeekPart { return try tierInlineTotals(from: from, to: to, consent: consent) }
        return try queue.read { db in
            var arguments: StatementArguments = [from.iso8601, to.iso8601]
            let filter = consent.map { rule -> String in
                arguments += [rule.programme]
                return "AND " + Self.consentCondition(rule, day: "u.day", person: "u.person")
            } ?? ""
            // Every assistant's rows that count suggestions (Q Developer inline, Copilot code completion, a usage CSV's counters);
            // only people the directory places in a team on the day (coverage counts the others).
            return try Row.fetchAll(db, sql: """
                \(StoreQueries.uses)
                SELECT m.team AS team, u.person AS person, SUM(u.accepted) AS accepted, SUM(u.shown) AS shown,
                       COUNT(DISTINCT u.day) AS days
                FROM uses u
                JOIN team_membership m
                  ON m.person = u.person AND u.day >= m.valid_from AND (m.valid_to IS NULL OR u.day <= m.valid_to)
                WHERE u.counts \(filter)
                GROUP BY m.team, u.person
                HAVING SUM(u.shown) > 0 OR SUM(u.accepted) > 0
                ORDER BY m.team, u.person
                """, arguments: arguments)
            .map { InlineTotals(team: $0["team"], person: $0["person"], accepted: $0["accepted"], shown: $0["shown"], activeDays: $0["days"]) }
        }
    }

    /// Σ inline suggestions accepted and shown, and the person-day rows, of every Q Developer row for
    /// days in `from...to` — in the directory or not: what ingest stored, before any join (the tests'
    /// check that ingest neither loses nor double counts a row).
    public func qDeveloperSums(from: Day, to: Day) throws -> (accepted: Int64, shown: Int64, rows: Int) {
        try queue.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(Inline_AcceptanceCount), 0) AS accepted, COALESCE(SUM(Inline_SuggestionsCount), 0) AS shown, COUNT(*) AS rows
                FROM qdev_activity WHERE day BETWEEN ? AND ?
                """, arguments: [from.iso8601, to.iso8601])
            return (row?["accepted"] ?? 0, row?["shown"] ?? 0, row?["rows"] ?? 0)
        }
    }

    /// How many people and person-day rows the consent rule leaves out in `from...to` — counts only, never who.
    public func consentExclusions(from: Day, to: Day, consent: ConsentRule) throws -> (people: Int, rows: Int) {
        try queue.read { db in
            // A required programme leaves out only people with an entry in its registry (under their id
            // or an alias): everyone else's rows skip the per-row status look-up.
            let registered = consent.required ? """
                AND \(StoreQueries.activityPerson) IN (SELECT COALESCE(ra.person, c.person) FROM consent c LEFT JOIN person_alias ra ON ra.alias = c.person
                                                       WHERE c.programme = ?3)
                """ : ""
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT \(StoreQueries.activityPerson)), COUNT(*) FROM qdev_activity a LEFT JOIN person_alias qal ON qal.alias = a.person
                WHERE a.day BETWEEN ?1 AND ?2 \(registered)
                  AND NOT (\(Self.consentCondition(consent, day: "a.day", person: StoreQueries.activityPerson, programme: "?3")))
                """, arguments: [from.iso8601, to.iso8601, consent.programme])!
            return (row[0], row[1])
        }
    }

    /// SQL that is true when a row may be used under `rule` (the programme is the next argument, or
    /// the parameter `programme` names).
    static func consentCondition(_ rule: ConsentRule, day: String, person: String, programme: String = "?") -> String {
        // A registry may name a person by one of their aliases (a work address): those rows are theirs too.
        // Two entries on one day (under the person and an alias): the objection wins, whichever came first.
        let latest = """
            (SELECT c.status FROM consent c
             WHERE (c.person = \(person) OR c.person IN (SELECT ca.alias FROM person_alias ca WHERE ca.person = \(person)))
               AND c.programme = \(programme) AND c.effective <= \(day)
             ORDER BY c.effective DESC, c.status = 'opted_in' ASC LIMIT 1)
            """
        let objecting = ConsentStatus.allCases.filter(\.objects).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return rule.required ? "COALESCE(\(latest), 'none') NOT IN (\(objecting))" : "COALESCE(\(latest), 'none') = '\(ConsentStatus.optedIn.rawValue)'"
    }

    /// What the store holds for days in `from...to`: days with any Q Developer row (held, or deleted by
    /// retention or minimisation, whose days are kept), and the files the rows held came from.
    public func coverage(from: Day, to: Day) throws -> Coverage {
        try queue.read { db in
            let days = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT day FROM qdev_activity WHERE day BETWEEN ?1 AND ?2
                                      UNION SELECT day FROM source_day_kept WHERE family = ?3 AND day BETWEEN ?1 AND ?2)
                """, arguments: [from.iso8601, to.iso8601, SourceFamily.qDeveloper.rawValue]) ?? 0
            let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM qdev_activity WHERE day BETWEEN ? AND ?",
                                        arguments: [from.iso8601, to.iso8601]) ?? 0
            let files = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM source_file WHERE id IN
                  (SELECT DISTINCT source_id FROM qdev_activity WHERE day BETWEEN ? AND ?)
                """, arguments: [from.iso8601, to.iso8601]) ?? 0
            let first = try String.fetchOne(db, sql: "SELECT MIN(day) FROM qdev_activity WHERE day BETWEEN ? AND ?",
                                            arguments: [from.iso8601, to.iso8601]).flatMap(Day.parse)
            let last = try String.fetchOne(db, sql: "SELECT MAX(day) FROM qdev_activity WHERE day BETWEEN ? AND ?",
                                           arguments: [from.iso8601, to.iso8601]).flatMap(Day.parse)
            let unplaced = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM qdev_activity a LEFT JOIN person_alias qal ON qal.alias = a.person WHERE a.day BETWEEN ? AND ? AND NOT EXISTS
                  (SELECT 1 FROM team_membership m WHERE m.person = \(StoreQueries.activityPerson) AND a.day >= m.valid_from
                   AND (m.valid_to IS NULL OR a.day <= m.valid_to))
                """, arguments: [from.iso8601, to.iso8601]) ?? 0
            let directoryFiles = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_file WHERE format = 'directory'") ?? 0
            let rejected = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(rejected_rows), 0) FROM source_file WHERE id IN
                  (SELECT DISTINCT source_id FROM qdev_activity WHERE day BETWEEN ? AND ?)
                """, arguments: [from.iso8601, to.iso8601]) ?? 0
            return Coverage(daysWithData: days, rows: rows, files: files, firstDay: first, lastDay: last,
                            rowsWithoutTeam: unplaced, directoryFiles: directoryFiles, rejectedRows: rejected)
        }
    }

    /// Row counts per table, for tests and `candor status`.
    public func tableCounts() throws -> [String: Int] {
        try queue.read { db in
            var out: [String: Int] = [:]
            for table in ["source_file", "qdev_activity", "team_membership", "copilot_user_day", "copilot_user_feature_day",
                          "copilot_user_team_day", "copilot_scope_day", "copilot_seat", "kiro_user_day", "assistant_usage_day",
                          "codeguru_code_review", "codeguru_recommendation", "codeguru_feedback",
                          "codeguru_security_finding", "codeguru_security_metric_day", "sarif_scan", "sarif_result",
                          "github_pull_request", "github_review", "github_review_comment", "deployment", "incident",
                          "tool_event", "tool_event_attribute", "repository_ownership", "consent", "policy_change", "dispute", "decision", "approval",
                          "survey_response", "survey_answer", "person_alias", "membership_interval", "membership_change"] {
                out[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return out
        }
    }

    /// SHA-256 over the content of every data table (all but `source_file`), rows in key order:
    /// equal digests mean equal data. For idempotency tests and `candor status`. `excluding` leaves
    /// tables out (e.g. `audit_log`, which records each run). The tiers' change count and the
    /// count each tier was made at are bookkeeping, never data, and are always left out.
    public func contentDigest(excluding: Set<String> = []) throws -> String {
        let excluding = excluding.union(["tier_generation", "tier_state"])
        return try queue.read { db in
            var hasher = StreamingSHA256()
            // Main's tables and the dataset tables (read through the views over the attached files).
            let tables = (try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                  AND name <> 'source_file'
                """) + Schema.datasetTables.filter { $0 != "dataset_source" }).sorted()
            for table in tables where !excluding.contains(table) {
                let columns = try db.columns(in: table).count
                let order = (1...columns).map(String.init).joined(separator: ", ")
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
                var line = Array("\(table)\n".utf8)
                line.withUnsafeBufferPointer { hasher.update($0) }
                while let row = try rows.next() {
                    line = Array((row.databaseValues.map { $0.description }.joined(separator: "\u{1F}") + "\n").utf8)
                    line.withUnsafeBufferPointer { hasher.update($0) }
                }
            }
            return hasher.finalize()
        }
    }

    /// `PRAGMA integrity_check` result ("ok" when healthy).
    public func integrityCheck() throws -> String {
        try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// The first and last day with any Q Developer activity, if any.
    /// The first and last day with AI-assistant use held in any tier: the daily rows, or the
    /// assistants' day tier that outlives them (so a quarter whose daily rows retention removed is
    /// still reported from its totals).
    public func assistantDataDayRange() throws -> (first: Day, last: Day)? {
        try queue.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                    SELECT MIN(first) AS first, MAX(last) AS last FROM (
                      SELECT MIN(day) AS first, MAX(day) AS last FROM qdev_activity
                      UNION ALL SELECT MIN(day), MAX(day) FROM assistant_day)
                    """),
                  let first = (row["first"] as String?).flatMap(Day.parse),
                  let last = (row["last"] as String?).flatMap(Day.parse) else { return nil }
            return (first, last)
        }
    }

    public func activityDayRange() throws -> (first: Day, last: Day)? {
        try queue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT MIN(day) AS first, MAX(day) AS last FROM qdev_activity"),
                  let first = (row["first"] as String?).flatMap(Day.parse),
                  let last = (row["last"] as String?).flatMap(Day.parse) else { return nil }
            return (first, last)
        }
    }
}
