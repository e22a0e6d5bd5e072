import CandorPolicy
import CandorVocabulary
import GRDB

// Retention and consent revocation: the only place candor deletes data.

/// What one purge removed.
public struct PurgeResult: Sendable, Equatable {
    /// (tier, reason, rows) for every deletion, in order.
    public var removed: [(tier: String, reason: String, rows: Int)]

    public static func == (a: PurgeResult, b: PurgeResult) -> Bool {
        a.removed.map(\.tier) == b.removed.map(\.tier) && a.removed.map(\.reason) == b.removed.map(\.reason) && a.removed.map(\.rows) == b.removed.map(\.rows)
    }

    public var total: Int { removed.reduce(0) { $0 + $1.rows } }
}

extension StoreWriter {
    /// Retention and revocations in this writer's dataset file; returns (tier, reason, rows) per deletion.
    func purge(today: Day, retention: Policy.Retention, revocationProgramme: String, time: String) throws -> [(String, String, Int)] {
        var removed: [(String, String, Int)] = []
        func run(_ tier: String, _ reason: String, _ sql: String, _ arguments: StatementArguments) throws {
            try db.execute(sql: sql, arguments: arguments)
            removed.append((tier, reason, db.changesCount))
        }
        let revoked = """
            SELECT c.person FROM consent c WHERE c.programme = ? AND c.status = 'revoked'
              AND c.effective = (SELECT MAX(c2.effective) FROM consent c2 WHERE c2.person = c.person AND c2.programme = c.programme)
            """
        // Everyone whose consent is revoked, under their own pseudonym and their ids in other tools.
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS purge_revoked (id TEXT PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM purge_revoked")
        try db.execute(sql: "INSERT OR IGNORE INTO purge_revoked \(revoked)", arguments: [revocationProgramme])
        // A registry that names people by an alias (a work address): the person behind it, then every id of theirs.
        try db.execute(sql: "INSERT OR IGNORE INTO purge_revoked SELECT person FROM person_alias WHERE alias IN (SELECT id FROM purge_revoked)")
        try db.execute(sql: "INSERT OR IGNORE INTO purge_revoked SELECT alias FROM person_alias WHERE person IN (SELECT id FROM purge_revoked)")
        let revokedIds = "SELECT id FROM purge_revoked"
        // An objection to the programme stops its use from its day until it is withdrawn: a person's
        // records dated while the registry's latest status on or before their day was opted_out go, under
        // every id of theirs (the ingest gate keeps new ones out) — decided per record from the whole
        // status history, as every report reads it. A person-week that reaches an objected day goes whole.
        // `purge_objector` maps every id of anyone who ever objected to the person the registry knows.
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS purge_objector (id TEXT PRIMARY KEY, person TEXT NOT NULL)")
        try db.execute(sql: "DELETE FROM purge_objector")
        try db.execute(sql: """
            INSERT OR IGNORE INTO purge_objector SELECT DISTINCT COALESCE(a.person, c.person), COALESCE(a.person, c.person)
            FROM consent c LEFT JOIN person_alias a ON a.alias = c.person WHERE c.programme = ? AND c.status = 'opted_out'
            """, arguments: [revocationProgramme])
        try db.execute(sql: "INSERT OR IGNORE INTO purge_objector SELECT a.alias, o.person FROM person_alias a JOIN purge_objector o ON o.id = a.person")
        // Each programme's revocations and objections reach that programme's records only.
        if revocationProgramme == Policy.engineeringProgramme {
            // Pull requests, reviews and review comments are records of what their author, reviewer or
            // commenter did: a revocation removes all of theirs, an objection those dated from it on.
            let allowed = { (day: String, person: String) in
                CandorStore.consentCondition(ConsentRule(programme: revocationProgramme, required: true), day: day, person: StoreQueries.resolved(person))
            }
            // Revoked records go first; after that only someone who objected (under any id of theirs) can be
            // disallowed by a required programme, so the per-record consent test runs on their records alone
            // (on every record it cost over a second per report at 10,000 people, to find nothing).
            for (table, person, day) in [("github_pull_request", "author", "substr(r.created_at, 1, 10)"),
                                         ("github_review", "reviewer", "substr(COALESCE(r.submitted_at, '9999-12-31'), 1, 10)"),
                                         ("github_review_comment", "commenter", "substr(r.created_at, 1, 10)"),
                                         ("pull_request_fact", "author", "substr(r.created_at, 1, 10)")] {
                let tier = table == "pull_request_fact" ? "enriched" : "raw"
                try run(tier, "consent revoked", "DELETE FROM \(t(table)) WHERE \(person) IN (\(revokedIds))", [])
                try db.execute(sql: "DELETE FROM \(t(table)) AS r WHERE r.\(person) IN (SELECT id FROM purge_objector) AND NOT \(allowed(day, "r.\(person)"))",
                               arguments: [revocationProgramme])
                if db.changesCount > 0 { removed.append((tier, "objected (from the day of the objection)", db.changesCount)) }
            }
            // Other people's pull requests are made again from what remains (a review gone, a comment gone).
            try markAllPullRequests()
        }
        if revocationProgramme != Policy.assistantProgramme { try db.execute(sql: "DELETE FROM purge_revoked") }
        // What the windows delete is kept as days and counts first (no person in them).
        try keepBeforeRetention(raw: today.adding(days: -retention.rawDays).iso8601, long: today.adding(days: -retention.aggregateDays).iso8601)
        let weekOf = StoreQueries.monday("day")
        // Weeks purge cuts into keep their team totals as they were. Weeks cut by a revocation are
        // marked: their reports come from those totals, so a report made again after the person left
        // cannot be differenced against the earlier one to recover what they contributed.
        try db.execute(sql: "INSERT OR IGNORE INTO \(t("frozen_week")) (week) SELECT DISTINCT \(weekOf) FROM \(t("qdev_activity")) WHERE day < ?",
                       arguments: [today.adding(days: -retention.rawDays).iso8601])
        // The assistants' tier: every week part retention cuts into, in any assistant's rows, stays as first made.
        for table in StoreQueries.assistantTables {
            try db.execute(sql: "INSERT OR IGNORE INTO \(t("tier_frozen")) (part) SELECT DISTINCT \(StoreQueries.weekPart("day")) FROM \(t(table)) WHERE day < ?",
                           arguments: [today.adding(days: -retention.rawDays).iso8601])
        }
        for table in StoreQueries.assistantTables {
            try db.execute(sql: """
                INSERT INTO \(t("frozen_week")) (week, revoked) SELECT DISTINCT \(weekOf), 1 FROM \(t(table)) WHERE person IN (\(revokedIds))
                ON CONFLICT (week) DO UPDATE SET revoked = 1
                """)
        }
        if revocationProgramme != Policy.assistantProgramme { try db.execute(sql: "DELETE FROM purge_objector") }
        let programme = revocationProgramme.replacingOccurrences(of: "'", with: "''")
        // `r` is the row being judged (every DELETE below names its table `r`).
        func objected(_ day: String) -> String {
            """
            r.person IN (SELECT id FROM purge_objector) AND (
              SELECT c.status FROM consent c, purge_objector o
              WHERE o.id = r.person AND (c.person = o.person OR c.person IN (SELECT ca.alias FROM person_alias ca WHERE ca.person = o.person))
                AND c.programme = '\(programme)' AND c.effective <= \(day)
              ORDER BY c.effective DESC, c.status = 'opted_out' DESC LIMIT 1) = 'opted_out'
            """
        }
        func runIfAny(_ tier: String, _ sql: String) throws {
            try db.execute(sql: sql)
            if db.changesCount > 0 { removed.append((tier, "objected (from the day of the objection)", db.changesCount)) }
        }
        for table in ["qdev_activity", "kiro_user_day", "assistant_usage_day", "copilot_user_day", "copilot_user_feature_day", "copilot_user_team_day"] {
            // The assistants' tier makes those parts again from what remains (frozen parts excepted, below).
            if StoreQueries.assistantTables.contains(table) {
                try db.execute(sql: "INSERT OR IGNORE INTO \(t("tier_dirty")) (part) SELECT DISTINCT \(StoreQueries.weekPart("r.day")) FROM \(t(table)) AS r WHERE \(objected("r.day"))")
            }
            try runIfAny("raw", "DELETE FROM \(t(table)) AS r WHERE \(objected("r.day"))")
        }
        // A frozen part cannot be made again: a person-part with activity on an objected day goes whole.
        // (Judged day by day from its day mask — bit i is the ISO weekday i + 1 of the part's week — so a
        // part frozen after its objected days were already taken out keeps the days before the objection:
        // deleting it whole would change a published figure by exactly that person's days.)
        let weekStart = "date(r.part, '-' || ((CAST(strftime('%w', r.part) AS INTEGER) + 6) % 7) || ' days')"
        let objectedActiveDay = (0..<7).map { i in
            "((r.day_mask >> \(i)) & 1 = 1 AND \(objected("date(\(weekStart), '+\(i) days')")))"
        }.joined(separator: " OR ")
        try runIfAny("enriched", """
            DELETE FROM \(t("assistant_person_part")) AS r WHERE r.part IN (SELECT part FROM \(t("tier_frozen")))
              AND r.person IN (SELECT id FROM purge_objector) AND (\(objectedActiveDay))
            """)
        // A person-week goes when any of its days was objected (its last day, or an objection withdrawn within it).
        try runIfAny("enriched", "DELETE FROM \(t("qdev_person_week")) AS r WHERE \(objected("date(r.week, '+6 days')")) OR \(objected("r.week"))")
        // The events tier: the objector's rows go, and the quarters their events could touch are made again.
        try db.execute(sql: """
            INSERT OR IGNORE INTO \(t("event_dirty")) (quarter) SELECT DISTINCT \(StoreQueries.quarterStart("date(substr(r.time, 1, 10), d.n || ' days')"))
            FROM \(t("tool_event")) r, (SELECT '-7' AS n UNION ALL SELECT '+0' UNION ALL SELECT '+7') d WHERE \(objected("substr(r.time, 1, 10)"))
            """)
        try runIfAny("enriched", "DELETE FROM \(t("event_acceptance")) AS r WHERE \(objected("r.day"))")
        try runIfAny("enriched", "DELETE FROM \(t("event_followup")) AS r WHERE \(objected("r.day"))")
        // A seat holder is about the holder on the quarter's last day.
        try runIfAny("enriched", "DELETE FROM \(t("seat_holder")) AS r WHERE \(objected("r.quarter_end"))")
        try runIfAny("raw", "DELETE FROM \(t("tool_event_attribute")) WHERE event_key IN (SELECT r.event_key FROM \(t("tool_event")) r WHERE \(objected("substr(r.time, 1, 10)")))")
        try runIfAny("raw", "DELETE FROM \(t("tool_event")) AS r WHERE \(objected("substr(r.time, 1, 10)"))")
        // A seat is about its holder on the days an export listed it: gone once they had objected by then.
        try runIfAny("raw", "DELETE FROM \(t("copilot_seat")) AS r WHERE \(objected("r.seen"))")
        // Under every id of theirs: a Q Developer row names the person by their Identity Center id when
        // the directory lists it as an alias (aws_user_id).
        try run("raw", "consent revoked", "DELETE FROM \(t("qdev_activity")) WHERE person IN (\(revokedIds))", [])
        try run("enriched", "consent revoked", "DELETE FROM \(t("qdev_person_week")) WHERE person IN (\(revokedIds))", [])
        // A revoked person's parts stay as first made (their team totals keep the contribution
        // anonymously, so a report made again cannot be differenced); their person rows go.
        try db.execute(sql: "INSERT OR IGNORE INTO \(t("tier_frozen")) (part) SELECT DISTINCT part FROM \(t("assistant_person_part")) WHERE person IN (\(revokedIds))")
        try run("enriched", "consent revoked", "DELETE FROM \(t("assistant_person_part")) WHERE person IN (\(revokedIds))", [])
        try run("raw", PurgeWording.windowReason(retention.rawDays), "DELETE FROM \(t("qdev_activity")) WHERE day < ?",
                [today.adding(days: -retention.rawDays).iso8601])
        try run("enriched", PurgeWording.windowReason(retention.enrichedDays), "DELETE FROM \(t("qdev_person_week")) WHERE week < ?",
                [today.adding(days: -retention.enrichedDays).iso8601])
        try run("aggregate", PurgeWording.windowReason(retention.aggregateDays), "DELETE FROM \(t("qdev_team_week")) WHERE week < ?",
                [today.adding(days: -retention.aggregateDays).iso8601])
        // Parts whose person rows the enriched window removes are marked: their figures come from the team totals then.
        try db.execute(sql: """
            INSERT INTO \(t("tier_frozen")) (part, persons_gone) SELECT DISTINCT part, 1 FROM \(t("assistant_person_part")) WHERE part < ?
            ON CONFLICT (part) DO UPDATE SET persons_gone = 1
            """, arguments: [today.adding(days: -retention.enrichedDays).iso8601])
        try run("enriched", PurgeWording.windowReason(retention.enrichedDays), "DELETE FROM \(t("assistant_person_part")) WHERE part < ?",
                [today.adding(days: -retention.enrichedDays).iso8601])
        try run("aggregate", PurgeWording.windowReason(retention.aggregateDays), "DELETE FROM \(t("assistant_team_part")) WHERE part < ?",
                [today.adding(days: -retention.aggregateDays).iso8601])
        for table in ["assistant_team_day", "assistant_day"] {
            try run("aggregate", PurgeWording.windowReason(retention.aggregateDays), "DELETE FROM \(t(table)) WHERE day < ?",
                    [today.adding(days: -retention.aggregateDays).iso8601])
        }

        // Every other source. Records about people (an id, or anonymous survey answers from small
        // groups) follow the raw window; records about code and delivery, which name no one, the
        // aggregate window. A revoked person's AI-assistant records go with their Q Developer rows.
        let raw = today.adding(days: -retention.rawDays).iso8601
        let long = today.adding(days: -retention.aggregateDays).iso8601
        let rawReason = PurgeWording.windowReason(retention.rawDays), longReason = PurgeWording.windowReason(retention.aggregateDays)
        for table in ["kiro_user_day", "assistant_usage_day", "copilot_user_day", "copilot_user_feature_day", "copilot_user_team_day"] {
            try run("raw", "consent revoked", "DELETE FROM \(t(table)) WHERE person IN (\(revokedIds))", [])
            try run("raw", rawReason, "DELETE FROM \(t(table)) WHERE day < ?", [raw])
        }
        // A seat is about a person while it is held: it follows the raw window from its end, or from the
        // last export that listed it (a seat still listed is kept, however old its assignment).
        // The seats tier: quarter ends the raw window has passed stay as first made; it names people, so
        // it follows the enriched window, and a revocation removes the person.
        try db.execute(sql: "INSERT OR IGNORE INTO \(t("seat_frozen")) (quarter_end) SELECT DISTINCT quarter_end FROM \(t("seat_holder")) WHERE quarter_end < ?",
                       arguments: [raw])
        try run("enriched", "consent revoked", "DELETE FROM \(t("seat_holder")) WHERE person IN (\(revokedIds))", [])
        try db.execute(sql: """
            INSERT INTO \(t("seat_frozen")) (quarter_end, persons_gone) SELECT DISTINCT quarter_end, 1 FROM \(t("seat_holder")) WHERE quarter_end < ?
            ON CONFLICT (quarter_end) DO UPDATE SET persons_gone = 1
            """, arguments: [today.adding(days: -retention.enrichedDays).iso8601])
        try run("enriched", PurgeWording.windowReason(retention.enrichedDays), "DELETE FROM \(t("seat_holder")) WHERE quarter_end < ?",
                [today.adding(days: -retention.enrichedDays).iso8601])
        try run("raw", "consent revoked", "DELETE FROM \(t("copilot_seat")) WHERE person IN (\(revokedIds))", [])
        try run("raw", rawReason, "DELETE FROM \(t("copilot_seat")) WHERE COALESCE(cancels, seen) < ?", [raw])
        // The events tier: a row within the follow-up window of a day the raw window cuts may rest on an
        // event that goes, so it stays as first made; the tier names people, so it follows the enriched window.
        for table in ["event_acceptance", "event_followup"] {
            try db.execute(sql: "UPDATE \(t(table)) SET frozen = 1 WHERE frozen = 0 AND day < date(?, '+\(StoreQueries.followUpWindowDays) days')", arguments: [raw])
            try run("enriched", "consent revoked", "DELETE FROM \(t(table)) WHERE person IN (\(revokedIds))", [])
            try run("enriched", PurgeWording.windowReason(retention.enrichedDays), "DELETE FROM \(t(table)) WHERE day < ?",
                    [today.adding(days: -retention.enrichedDays).iso8601])
        }
        try run("raw", "consent revoked", "DELETE FROM \(t("tool_event_attribute")) WHERE event_key IN (SELECT event_key FROM \(t("tool_event")) WHERE person IN (\(revokedIds)))", [])
        try run("raw", "consent revoked", "DELETE FROM \(t("tool_event")) WHERE person IN (\(revokedIds))", [])
        try run("raw", rawReason, "DELETE FROM \(t("tool_event_attribute")) WHERE event_key IN (SELECT event_key FROM \(t("tool_event")) WHERE time < ?)", [raw])
        try run("raw", rawReason, "DELETE FROM \(t("tool_event")) WHERE time < ?", [raw])
        // A pull request whose raw rows the window cuts into stays in the pull-request tier as first made.
        try db.execute(sql: """
            UPDATE \(t("pull_request_fact")) SET frozen = 1 WHERE (repository, number) IN (
                SELECT repository, number FROM \(t("github_pull_request")) WHERE COALESCE(closed_at, merged_at, created_at) < ?1
                UNION SELECT repository, number FROM \(t("github_review")) WHERE submitted_at IS NOT NULL AND submitted_at < ?1
                UNION SELECT repository, number FROM \(t("github_review_comment")) WHERE created_at < ?1)
            """, arguments: [raw])
        try run("enriched", PurgeWording.windowReason(retention.enrichedDays), "DELETE FROM \(t("pull_request_fact")) WHERE part < ?",
                [today.adding(days: -retention.enrichedDays).iso8601])
        try run("raw", rawReason, "DELETE FROM \(t("github_pull_request")) WHERE COALESCE(closed_at, merged_at, created_at) < ?", [raw])
        // A review with no submission time (pending, or its time not kept by the policy) goes with its pull request.
        try run("raw", rawReason, """
            DELETE FROM \(t("github_review")) WHERE submitted_at < ?1 OR (submitted_at IS NULL
              AND (repository, number) NOT IN (SELECT repository, number FROM \(t("github_pull_request"))))
            """, [raw])
        try run("raw", rawReason, "DELETE FROM \(t("github_review_comment")) WHERE created_at < ?", [raw])
        try run("raw", rawReason, """
            DELETE FROM \(t("codeguru_feedback")) WHERE code_review_arn IN (SELECT arn FROM \(t("codeguru_code_review")) WHERE created_at < ?)
            """, [raw])
        // The survey tier: every part the raw window cuts into stays as first made (team sums, anonymous:
        // they follow the aggregate window).
        // (Responses without a day go at the first purge, as they always did, and leave every period:
        // their part is never frozen, so one stored later still counts.)
        try db.execute(sql: "INSERT OR IGNORE INTO \(t("survey_frozen")) (part) SELECT DISTINCT \(StoreQueries.surveyPart("day")) FROM \(t("survey_response")) WHERE day IS NOT NULL AND day < ?",
                       arguments: [raw])
        try db.execute(sql: "INSERT OR IGNORE INTO \(t("survey_dirty")) (part) SELECT '' FROM \(t("survey_response")) WHERE day IS NULL LIMIT 1")
        for table in ["survey_team_part", "survey_threshold_part", "survey_item_part"] {
            try run("aggregate", longReason, "DELETE FROM \(t(table)) WHERE part <> '' AND part < ?", [long])
        }
        try run("raw", rawReason, "DELETE FROM \(t("survey_answer")) WHERE response_key IN (SELECT response_key FROM \(t("survey_response")) WHERE COALESCE(day, '') < ?)", [raw])
        try run("raw", rawReason, "DELETE FROM \(t("survey_response")) WHERE COALESCE(day, '') < ?", [raw])
        try run("raw", longReason, """
            DELETE FROM \(t("codeguru_recommendation")) WHERE code_review_arn IN (SELECT arn FROM \(t("codeguru_code_review")) WHERE created_at < ?)
            """, [long])
        try run("raw", longReason, "DELETE FROM \(t("codeguru_code_review")) WHERE created_at < ?", [long])
        try run("raw", longReason, "DELETE FROM \(t("codeguru_security_finding")) WHERE COALESCE(updated_at, created_at) < ?", [long])
        try run("raw", longReason, "DELETE FROM \(t("sarif_result")) WHERE scan_key IN (SELECT scan_key FROM \(t("sarif_scan")) WHERE COALESCE(completed_at, '') < ?)", [long])
        try run("raw", longReason, "DELETE FROM \(t("sarif_scan")) WHERE COALESCE(completed_at, '') < ?", [long])
        try run("raw", longReason, "DELETE FROM \(t("deployment")) WHERE finished_at < ?", [long])
        try run("raw", longReason, "DELETE FROM \(t("incident")) WHERE COALESCE(resolved_at, created_at) < ?", [long])
        try run("aggregate", longReason, "DELETE FROM \(t("copilot_scope_day")) WHERE day < ?", [long])
        try run("aggregate", longReason, "DELETE FROM \(t("codeguru_security_metric_day")) WHERE day < ?", [long])
        return removed
    }
}

extension CandorStore {
    /// Enforces retention and revocations, then makes the deletion physical.
    ///
    /// Raw rows older than `rawDays` before `today`, enriched weeks older than `enrichedDays`, aggregate
    /// weeks older than `aggregateDays`, and every raw and enriched row of a person whose consent to
    /// `revocationProgramme` is revoked, in that programme's records: AI-assistant use, IDE events and
    /// seats for `ai-adoption`; pull requests, reviews and comments for `engineering-metrics`. `secure_delete` overwrites freed pages and a
    /// `wal_checkpoint(TRUNCATE)` empties the write-ahead log, so the bytes are gone from both files.
    /// What was removed is recorded (counts only) in `purge_log`.
    public func purge(today: Day, retention: Policy.Retention, revocationProgramme: String, time: String) throws -> PurgeResult {
        try purge(today: today, retention: retention, revocationProgrammes: [revocationProgramme], time: time)
    }

    /// Enforces retention and the revocations and objections of every programme in `revocationProgrammes`.
    ///
    /// With `dryRun`, nothing changes: the deletions run in a transaction that is rolled back, and the
    /// result counts what a purge would remove (what a policy that refuses instead of purging reports).
    ///
    /// `minimise` (the policy's entry for every source) also clears what the policy no longer keeps of
    /// records already stored: fields it does not allow, and records no published figure reads of a
    /// source without a purpose (``StoreWriter/minimise(_:)``); derived tiers are then made again.
    public func purge(today: Day, retention: Policy.Retention, revocationProgrammes: [String], time: String, dryRun: Bool = false,
                      minimise: [SourcePolicy] = [], assistantConsent: ConsentRule? = nil) throws -> PurgeResult {
        // A revocation candor cannot place is an error, never a purge that quietly keeps the data.
        for programme in revocationProgrammes where ![Policy.assistantProgramme, Policy.engineeringProgramme].contains(programme) {
            throw StoreError(path: path, message: "purge does not know which records the programme '\(programme)' covers",
                             hint: "use --programme \(Policy.assistantProgramme) (AI-assistant records) or --programme \(Policy.engineeringProgramme) (pull requests and reviews)")
        }
        struct RolledBack: Error { let result: PurgeResult }
        // The tiers first, so that parts retention freezes hold everything their raw rows held; and
        // after, so that parts the purge changed are made again from what remains.
        if !dryRun { try refreshTiers(.recorded) }
        let result: PurgeResult
        do {
            result = try queue.write { db in
                var removed: [(String, String, Int)] = []
                for programme in revocationProgrammes {
                    for dataset in Dataset.allCases {
                        removed += try StoreWriter(db: db, dataset: dataset).purge(today: today, retention: retention,
                                                                                   revocationProgramme: programme, time: time)
                    }
                }
                if !minimise.isEmpty {
                    var minimised: [(String, String, Int)] = []
                    for dataset in Dataset.allCases { minimised += try StoreWriter(db: db, dataset: dataset).minimise(minimise, assistantConsent: assistantConsent) }
                    // What the tiers were made from changed: every tier not frozen is made again.
                    if !minimised.isEmpty { try db.execute(sql: "UPDATE tier_generation SET n = n + 1 WHERE id = 1") }
                    removed += minimised
                }
                // One line per tier and reason, summed over the dataset files (and programmes: a retention
                // window's deletions all happen under the first).
                var merged: [(tier: String, reason: String, rows: Int)] = []
                for entry in removed {
                    if let i = merged.firstIndex(where: { $0.tier == entry.0 && $0.reason == entry.1 }) { merged[i].rows += entry.2 } else { merged.append(entry) }
                }
                if dryRun { throw RolledBack(result: PurgeResult(removed: merged)) }
                for entry in merged {
                    try db.execute(sql: "INSERT INTO purge_log (time, tier, reason, rows) VALUES (?, ?, ?, ?)", arguments: [time, entry.tier, entry.reason, entry.rows])
                }
                // How far back each window has deleted: recorded only when it deleted something (a purge that
                // only minimised, or found nothing past the windows, leaves every period's records whole).
                for (tier, days) in [("raw", retention.rawDays), ("enriched", retention.enrichedDays), ("aggregate", retention.aggregateDays)]
                where merged.contains(where: { $0.tier == tier && $0.reason == PurgeWording.windowReason(days) && $0.rows > 0 }) {
                    try Self.recordHorizon(db, tier: tier, before: today.adding(days: -days))
                }
                return PurgeResult(removed: merged)
            }
        } catch let rolledBack as RolledBack {
            return rolledBack.result
        }
        try refreshTiers(.recorded)
        try queue.writeWithoutTransaction { db in
            // Without a schema name the checkpoint covers the main file and every attached dataset file.
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return result
    }

}
