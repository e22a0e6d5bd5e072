import CandorPolicy
import CandorVocabulary
import GRDB

// The events tier (docs/tiers.md): what the persistence metric reads of IDE events — per accepted
// suggestion, whether a follow-up undid it (by its `suggestion_id`, or by the rule: the nearest
// earlier acceptance of the same person and tool within the window), and per follow-up without an
// id, whether anything fits it — made at ingest with the directory's team and the consent registry
// applied, so that a report neither runs the linking query nor reads raw events, and a purge of raw
// events (they follow the raw window) changes no figure.
//
// A quarter's outcomes depend only on events from 7 days before it to 7 days after it, so the unit
// of upkeep is the quarter: an event on day d marks the quarters of d − 7, d and d + 7 (in every
// dataset file: linking reads every file's events). Rows are frozen one by one: purge freezes every
// row within the window of a day it cuts (day < cutoff + 7), since its outcome may rest on an event
// that is gone; a quarter made again keeps its frozen rows and makes the others. A consent change
// still removes frozen rows the registry or rule now excludes.

extension Schema {
    /// Dataset files: the events tier and its upkeep table.
    static func registerEventTier(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("d10-event-tier") { db in
            // One row per acceptance (`quarter`: the first day of its quarter; team '' for none).
            try db.execute(sql: """
                CREATE TABLE event_acceptance (
                    quarter TEXT NOT NULL, event_key TEXT NOT NULL, team TEXT NOT NULL, person TEXT NOT NULL, day TEXT NOT NULL,
                    suggestion TEXT, by_id INTEGER NOT NULL, by_rule INTEGER NOT NULL, frozen INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (quarter, event_key)
                ) WITHOUT ROWID
                """)
            // One row per follow-up without a suggestion id: whether an acceptance fits it.
            try db.execute(sql: """
                CREATE TABLE event_followup (
                    quarter TEXT NOT NULL, event_key TEXT NOT NULL, person TEXT NOT NULL, day TEXT NOT NULL,
                    linked INTEGER NOT NULL, frozen INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (quarter, event_key)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE TABLE event_dirty (quarter TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID")
            try db.execute(sql: "INSERT INTO event_dirty (quarter) VALUES ('*')")
        }
    }

    /// Main database: the catalog learns of the events tier's tables (in the dataset files).
    static func registerEventTierCatalog(_ migrator: inout DatabaseMigrator) {
        registerDatasetCatalog(&migrator, "v29-event-tier", tables: eventTierTables)
    }

    static let eventTierTables: Set<String> = ["event_acceptance", "event_followup", "event_dirty"]
}

extension StoreWriter {
    /// Marks the quarters whose outcomes an event on `day` can change, in every dataset file.
    func markEventDay(_ day: Day) throws {
        for d in [day.adding(days: -7), day, day.adding(days: 7)] {
            let quarter = Period(containing: d).first.iso8601
            guard marks.eventQuarters.insert(quarter).inserted else { continue }
            for dataset in Dataset.allCases {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(dataset.rawValue).event_dirty (quarter) VALUES (?)").execute(arguments: [quarter])
            }
        }
    }

    /// Whether a refresh under `rule` has anything to do in this file's events tier.
    func eventTierNeedsRefresh(_ rule: TierRule) throws -> Bool {
        try consentTierNeedsRefresh("events", dirtyTable: "event_dirty", rule)
    }

    /// Makes the marked quarters of this file's events tier again (every quarter when marked `*`, or
    /// when the rule or the directory's generation differ from what it was made under), keeping
    /// frozen rows; returns how many quarters were made.
    @discardableResult
    func refreshEventTier(_ rule: TierRule) throws -> Int {
        let recorded = try tierRule("events")
        let consent = rule.resolved(recorded: recorded)
        let generation = try currentTierGeneration()
        let behind = try tierGeneration("events") != generation
        var dirty = Set(try String.fetchAll(db, sql: "SELECT quarter FROM \(t("event_dirty"))"))
        let everything = recorded != .some(consent) || dirty.contains("*") || behind
        if everything {
            dirty = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT date(substr(time, 1, 10), 'start of month', '-' || ((CAST(strftime('%m', substr(time, 1, 10)) AS INTEGER) - 1) % 3) || ' months')
                FROM \(t("tool_event")) UNION SELECT quarter FROM \(t("event_acceptance")) UNION SELECT quarter FROM \(t("event_followup"))
                """))
            if let consent {
                // Frozen rows cannot be made again; a consent change still removes those it now excludes.
                for table in ["event_acceptance", "event_followup"] {
                    try db.execute(sql: """
                        DELETE FROM \(t(table)) AS r WHERE r.frozen = 1
                          AND NOT \(CandorStore.consentCondition(consent, day: "r.day", person: StoreQueries.resolved("r.person")))
                        """, arguments: [consent.programme])
                }
            }
        }
        let quarters = dirty.compactMap(Day.parse).map { Period(containing: $0) }.sorted { $0.first < $1.first }
        for quarter in quarters { try makeEventQuarter(quarter, consent: consent) }
        try db.execute(sql: "DELETE FROM \(t("event_dirty"))")
        try db.execute(sql: "INSERT OR REPLACE INTO \(t("tier_state")) (tier, programme, required, generation) VALUES ('events', ?, ?, ?)",
                       arguments: [consent?.programme, consent?.required, generation])
        return quarters.count
    }

    /// Makes one quarter's rows (all but frozen ones) from the raw events of every dataset file,
    /// keeping the rows of events stored in this one.
    private func makeEventQuarter(_ quarter: Period, consent: ConsentRule?) throws {
        let key = quarter.first.iso8601
        try db.execute(sql: "DELETE FROM \(t("event_acceptance")) WHERE quarter = ? AND frozen = 0", arguments: [key])
        try db.execute(sql: "DELETE FROM \(t("event_followup")) WHERE quarter = ? AND frozen = 0", arguments: [key])
        func attribute(_ event: String, _ name: String) -> String {
            "(SELECT v.value FROM tool_event_attribute v WHERE v.event_key = \(event) AND v.name = '\(name)')"
        }
        let window = StoreQueries.followUpWindowDays
        let range: StatementArguments = [quarter.first.adding(days: -window).iso8601, quarter.last.adding(days: window).iso8601,
                                         quarter.first.iso8601, quarter.last.iso8601, key]
        var arguments = range
        var filter = ""
        if let consent {
            // The programme's consent, as for every other record of a person's use of an assistant.
            filter = "AND " + CandorStore.consentCondition(consent, day: "substr(a.time, 1, 10)", person: "a.person")
            arguments += [consent.programme]
        }
        // Acceptances (from a window before the quarter, for the rule) and follow-ups near it, people
        // resolved through the directory's aliases. A follow-up names its acceptance by `suggestion_id`;
        // one without it is linked by the rule: the nearest earlier acceptance of the same person and
        // tool within the window.
        let common = """
            WITH acc AS (
                SELECT e.event_key AS k, e.team AS team, \(StoreQueries.resolved("e.person")) AS person, e.time AS time,
                       \(attribute("e.event_key", "suggestion_id")) AS sid, \(attribute("e.event_key", "tool")) AS tool
                FROM tool_event_team e
                WHERE e.type = '\(ToolEvent.acceptedType)' AND e.person IS NOT NULL AND substr(e.time, 1, 10) BETWEEN ?1 AND ?2),
            fol AS (
                SELECT u.event_key AS k, \(StoreQueries.resolved("u.person")) AS person, u.time AS time,
                       \(attribute("u.event_key", "suggestion_id")) AS sid, \(attribute("u.event_key", "tool")) AS tool
                FROM tool_event u WHERE u.type IN (\(ToolEvent.followUpTypes.map { "'\($0)'" }.joined(separator: ", "))) AND u.person IS NOT NULL
                  AND substr(u.time, 1, 10) BETWEEN ?3 AND ?2),
            ruled AS (
                SELECT f.k AS fk, f.person AS person, f.time AS time,
                       (SELECT a.k FROM acc a WHERE a.person = f.person AND a.tool IS f.tool
                          AND julianday(a.time) <= julianday(f.time) AND julianday(a.time) >= julianday(f.time) - \(window)
                        ORDER BY julianday(a.time) DESC, a.k LIMIT 1) AS k
                FROM fol f WHERE f.sid IS NULL)
            """
        try db.execute(sql: common + """
            INSERT INTO \(t("event_acceptance")) (quarter, event_key, team, person, day, suggestion, by_id, by_rule)
            SELECT ?5, a.k, COALESCE(a.team, ''), a.person, substr(a.time, 1, 10), a.sid,
                   a.sid IS NOT NULL AND EXISTS (SELECT 1 FROM fol f WHERE f.sid = a.sid),
                   EXISTS (SELECT 1 FROM ruled r WHERE r.k = a.k)
            FROM acc a WHERE substr(a.time, 1, 10) BETWEEN ?3 AND ?4 \(filter)
              AND a.k IN (SELECT event_key FROM \(t("tool_event")))
              AND a.k NOT IN (SELECT event_key FROM \(t("event_acceptance")) WHERE quarter = ?5)
            """, arguments: arguments)
        // A follow-up is a record of what its person did: stored only for days the programme lets count
        // (it still links, or fails to link, as the raw read linked it).
        var followUpArguments = range
        var followUpFilter = ""
        if let consent {
            followUpFilter = "AND " + CandorStore.consentCondition(consent, day: "substr(r.time, 1, 10)", person: "r.person")
            followUpArguments += [consent.programme]
        }
        try db.execute(sql: common + """
            INSERT INTO \(t("event_followup")) (quarter, event_key, person, day, linked)
            SELECT ?5, r.fk, r.person, substr(r.time, 1, 10), r.k IS NOT NULL
            FROM ruled r WHERE substr(r.time, 1, 10) BETWEEN ?3 AND ?4
              AND r.fk IN (SELECT event_key FROM \(t("tool_event")))
              AND r.fk NOT IN (SELECT event_key FROM \(t("event_followup")) WHERE quarter = ?5) \(followUpFilter)
            """, arguments: followUpArguments)
    }
}

extension StoreQueries {
    /// How far back a follow-up event without a `suggestion_id` looks for its acceptance, in days.
    static var followUpWindowDays: Int { 7 }
}

extension StoreReading {
    /// Throws unless the events tier this handle reads is up to date and made under `consent`.
    func requireEventTier(_ consent: ConsentRule?) throws {
        let (dirty, rules, behind) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT quarter) FROM event_dirty") ?? 0,
             try Row.fetchAll(db, sql: "SELECT DISTINCT programme, required FROM tier_state WHERE tier = 'events'"),
             try Self.tiersBehindDirectory(db, tier: "events"))
        }
        if dirty > 0 || behind {
            throw StoreError(path: path, message: "the events tier has changed since it was made",
                             hint: "run `candor ingest` with the same policy (it brings the tiers up to date), then this report again")
        }
        let made = rules.map { row -> ConsentRule? in
            (row["programme"] as String?).map { ConsentRule(programme: $0, required: row["required"] as Bool? ?? true) }
        }
        if made.contains(where: { $0 != consent }) {
            throw StoreError(path: path, message: "the events tier was made under another consent programme than this report's",
                             hint: "run `candor ingest` with this policy to make the tier again, then this report again")
        }
    }

    /// Per team and person, suggestions accepted in the period and how many a follow-up event undid,
    /// from the events tier. A person's follow-ups that fit no acceptance are counted once, with the
    /// first of their teams (in team order).
    public func suggestionOutcomes(_ period: Period, consent: ConsentRule? = nil) throws -> [SuggestionOutcome] {
        try prepareEventTier(consent)
        return try queue.read { db in
            let key = period.first.iso8601
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.team AS team, a.person AS person, COUNT(DISTINCT COALESCE(a.suggestion, a.event_key)) AS accepted,
                       COUNT(DISTINCT CASE WHEN a.by_id OR a.by_rule THEN COALESCE(a.suggestion, a.event_key) END) AS undone,
                       COUNT(DISTINCT CASE WHEN a.by_rule AND NOT a.by_id THEN a.event_key END) AS by_rule,
                       (SELECT COUNT(*) FROM event_followup f WHERE f.quarter = ?1 AND f.person = a.person AND f.linked = 0) AS unlinked
                FROM event_acceptance a WHERE a.quarter = ?1
                GROUP BY a.team, a.person ORDER BY a.team, a.person
                """, arguments: [key])
            var seen = Set<String>()
            return rows.map { row in
                let person: String = row["person"]
                let team: String = row["team"]
                let unlinked: Int = seen.insert(person).inserted ? row["unlinked"] : 0
                return SuggestionOutcome(team: team.isEmpty ? nil : team, person: person, accepted: row["accepted"], undone: row["undone"],
                                         linkedByRule: row["by_rule"], unlinked: unlinked)
            }
        }
    }
}
