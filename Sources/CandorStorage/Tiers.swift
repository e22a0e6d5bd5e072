import CandorPolicy
import CandorVocabulary
import GRDB

/// The enriched (person × week) and aggregate (team × week) tiers, kept current as files are ingested
/// and as the directory or the consent registry change. Deletion is `Purge.swift`'s alone.
extension StoreWriter {
    /// Applies a file's changes to the enriched tier (person × week) and recomputes the aggregate
    /// tier (team × week) of the weeks it touched. Weeks that purge has cut into are left as they were.
    public func applyWeeklyDeltas(_ upserter: ActivityUpserter, consent: ConsentRule?) throws {
        try flushPersonWeeks(upserter)
        try refreshTeamWeeks(upserter.deltas.flushedWeeks.sorted(), consent: consent)
        upserter.deltas.flushedWeeks.removeAll()
    }

    /// Adds the pending person × week changes to the enriched tier and empties them.
    func flushPersonWeeks(_ upserter: ActivityUpserter) throws {
        let add = try db.cachedStatement(sql: """
            INSERT INTO \(t("qdev_person_week")) (week, person, active_days, accepted, shown) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (week, person) DO UPDATE SET active_days = active_days + excluded.active_days,
              accepted = accepted + excluded.accepted, shown = shown + excluded.shown
            """)
        let frozen = Set(try String.fetchAll(db, sql: "SELECT week FROM \(t("frozen_week"))"))
        var weekText: [Int: String] = [:]
        // In key order, so the enriched tier's B-tree grows at its end instead of splitting pages.
        let ordered = upserter.deltas.values.map { (week: $0.key.week, value: $0.value) }
            .sorted { $0.week != $1.week ? $0.week < $1.week : $0.value.person < $1.value.person }
        upserter.deltas.values.removeAll(keepingCapacity: true)
        for (weekNumber, d) in ordered {
            let week = weekText[weekNumber] ?? Day(dayNumber: weekNumber).iso8601
            weekText[weekNumber] = week
            if frozen.contains(week) { continue }
            upserter.deltas.flushedWeeks.insert(week)
            if d.days == 0 && d.accepted == 0 && d.shown == 0 { continue }
            add.setUncheckedArguments([week, d.person, d.days, d.accepted, d.shown])
            try add.execute()
        }
    }

    /// Recomputes every dataset's team × week tier (after a directory change).
    /// The assistants' tier of every dataset is marked to be made again (at the end of the ingest).
    public func refreshAllTeamWeeks(consent: ConsentRule?) throws {
        for dataset in Dataset.allCases {
            let writer = StoreWriter(db: db, dataset: dataset)
            try writer.refreshTeamWeeks(nil, consent: consent)
            try writer.markAllAssistantParts()
            try writer.markAllPullRequests()
        }
    }

    /// Recomputes team × week from person × week for `weeks` (nil: every week not frozen). A person-week
    /// counts for the team the directory places the person in during that week (the latest membership
    /// overlapping it, so someone who moves mid-week counts for the new team).
    ///
    /// `consent` keeps the tier within the consent registry, as reports of raw rows are: for a
    /// required programme a person-week is left out when the person has objected by the week's end;
    /// for an optional one it is kept only when the person had opted in by the week's start.
    public func refreshTeamWeeks(_ weeks: [String]?, consent: ConsentRule?) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS refresh_weeks (week TEXT PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM refresh_weeks")
        if let weeks {
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO refresh_weeks VALUES (?)")
            for w in weeks { try insert.execute(arguments: [w]) }
        } else {
            try db.execute(sql: "INSERT INTO refresh_weeks SELECT DISTINCT week FROM \(t("qdev_person_week")) WHERE week NOT IN (SELECT week FROM \(t("frozen_week")))")
        }
        var arguments: StatementArguments = []
        var consentFilter = ""
        if let consent {
            consentFilter = "AND " + CandorStore.consentCondition(consent, day: consent.required ? "date(w.week, '+6 days')" : "w.week", person: StoreQueries.resolved("w.person"))
            arguments += [consent.programme]
        }
        try db.execute(sql: "DELETE FROM \(t("qdev_team_week")) WHERE week IN (SELECT week FROM refresh_weeks)")
        try db.execute(sql: """
            INSERT INTO \(t("qdev_team_week")) (week, team, contributors, accepted, shown, accepted_squares, shown_squares, largest_shown, accepted_shown)
            SELECT week, team, COUNT(*), SUM(accepted), SUM(shown), SUM(accepted * accepted), SUM(shown * shown), MAX(shown), SUM(accepted * shown)
            FROM (SELECT w.week, w.accepted, w.shown,
                         COALESCE((SELECT m.team FROM team_membership m
                                   WHERE m.person = \(StoreQueries.resolved("w.person")) AND m.valid_from <= date(w.week, '+6 days')
                                     AND (m.valid_to IS NULL OR m.valid_to >= w.week)
                                   ORDER BY m.valid_from DESC LIMIT 1), '') AS team
                  FROM \(t("qdev_person_week")) w WHERE w.week IN (SELECT week FROM refresh_weeks) \(consentFilter))
            GROUP BY week, team
            """, arguments: arguments)
    }
}
