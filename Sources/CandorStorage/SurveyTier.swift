import CandorPolicy
import CandorVocabulary
import GRDB

// The survey tier (docs/tiers.md): per week part and team, the sums the experience metrics read,
// made at ingest from the anonymous responses, so that a purge of raw responses (they follow the raw
// window: answers from small groups) changes no published figure.
//
// The favourable threshold is the policy's and may change, so the tier keeps what any threshold
// needs: per whole threshold from 1 to the largest answer in a part and team (answers are 1 to the
// scale), the respondents' favourable sums at that threshold, so a read takes exactly its threshold's
// rows and adds them over dataset files; and per item, the answers per value. Sums of squares are integers, so the respondents' cluster sums
// read from the tier are the raw read's to the last bit, in any order.
//
// A response without a day is in every period (as the raw read had it): its part is ''.
// Upkeep: a stored response marks its part (and the part it had, if it moved) in `survey_dirty`, in the
// file's transaction; a refresh remakes the marked parts. Parts purge has cut into (`survey_frozen`)
// are never made again. No directory or consent applies: a response names its team, never a person.

extension Schema {
    /// Dataset files: the survey tier and its upkeep tables.
    static func registerSurveyTier(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("d9-survey-tier") { db in
            // Per part and team: responses, respondents (responses with an answer to a mapped item), and
            // their answers' Σx and Σx².
            try db.execute(sql: """
                CREATE TABLE survey_team_part (
                    part TEXT NOT NULL, team TEXT NOT NULL, responses INTEGER NOT NULL, respondents INTEGER NOT NULL,
                    answers INTEGER NOT NULL, answers_sq INTEGER NOT NULL,
                    PRIMARY KEY (part, team)
                ) WITHOUT ROWID
                """)
            // Per part, team and whole threshold v from 1 to the largest answer there: over respondents,
            // with y = answers ≥ v, Σy, Σy² and Σxy.
            try db.execute(sql: """
                CREATE TABLE survey_threshold_part (
                    part TEXT NOT NULL, team TEXT NOT NULL, threshold INTEGER NOT NULL,
                    favourable INTEGER NOT NULL, favourable_sq INTEGER NOT NULL, favourable_answers INTEGER NOT NULL,
                    PRIMARY KEY (part, team, threshold)
                ) WITHOUT ROWID
                """)
            // Per part, team, item and value: answers.
            try db.execute(sql: """
                CREATE TABLE survey_item_part (
                    part TEXT NOT NULL, team TEXT NOT NULL, item TEXT NOT NULL, value INTEGER NOT NULL, answers INTEGER NOT NULL,
                    PRIMARY KEY (part, team, item, value)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE TABLE survey_dirty (part TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID")
            try db.execute(sql: "CREATE TABLE survey_frozen (part TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID")
            // A file made before the tier: everything its raw responses hold is to be made.
            try db.execute(sql: "INSERT INTO survey_dirty (part) VALUES ('*')")
        }
    }

    /// Main database: the catalog learns of the survey tier's tables (in the dataset files).
    static func registerSurveyTierCatalog(_ migrator: inout DatabaseMigrator) {
        registerDatasetCatalog(&migrator, "v28-survey-tier", tables: surveyTierTables)
    }

    static let surveyTierTables: Set<String> = ["survey_team_part", "survey_threshold_part", "survey_item_part", "survey_dirty", "survey_frozen"]
}

extension StoreQueries {
    /// The survey part of a response's day column (`''` for a response without a day).
    static func surveyPart(_ day: String) -> String { "CASE WHEN \(day) IS NULL THEN '' ELSE \(weekPart(day)) END" }
}

extension StoreWriter {
    /// Marks the survey part of `day` (nil: the part of responses without a day).
    func markSurveyDay(_ day: Day?) throws {
        let part = day.map { $0.weekPart.iso8601 } ?? ""
        guard marks.surveyParts.insert(part).inserted else { return }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(t("survey_dirty")) (part) VALUES (?)").execute(arguments: [part])
    }

    /// Whether the survey tier of this file has marked parts.
    func surveyTierNeedsRefresh() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t("survey_dirty")))") == true
    }

    /// Remakes the marked parts of this file's survey tier from raw responses (every part when marked
    /// `*`), except frozen parts; returns how many parts were made.
    @discardableResult
    func refreshSurveyTier() throws -> Int {
        var dirty = Set(try String.fetchAll(db, sql: "SELECT part FROM \(t("survey_dirty"))"))
        guard !dirty.isEmpty else { return 0 }
        if dirty.contains("*") {
            dirty = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT \(StoreQueries.surveyPart("day")) FROM \(t("survey_response")) UNION SELECT part FROM \(t("survey_team_part"))
                """))
        }
        let frozen = Set(try String.fetchAll(db, sql: "SELECT part FROM \(t("survey_frozen"))"))
        let parts = dirty.subtracting(frozen).sorted()
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS survey_parts (part TEXT PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM survey_parts")
        let add = try db.makeStatement(sql: "INSERT INTO survey_parts (part) VALUES (?)")
        for part in parts { try add.execute(arguments: [part]) }
        for table in ["survey_team_part", "survey_threshold_part", "survey_item_part"] {
            try db.execute(sql: "DELETE FROM \(t(table)) WHERE part IN (SELECT part FROM survey_parts)")
        }
        // Per response: its part, team, and answers to mapped items.
        let responses = """
            SELECT \(StoreQueries.surveyPart("r.day")) AS part, r.team AS team, r.response_key AS response,
                   (SELECT COUNT(*) FROM \(t("survey_answer")) a WHERE a.response_key = r.response_key) AS x
            FROM \(t("survey_response")) r WHERE \(StoreQueries.surveyPart("r.day")) IN (SELECT part FROM survey_parts)
            """
        try db.execute(sql: """
            INSERT INTO \(t("survey_team_part")) (part, team, responses, respondents, answers, answers_sq)
            SELECT part, team, COUNT(*), SUM(x > 0), SUM(x), SUM(x * x) FROM (\(responses)) GROUP BY part, team
            """)
        // Every whole threshold from 1 to the largest answer of a part and team; y counts a respondent's
        // answers at or above it.
        try db.execute(sql: """
            WITH RECURSIVE resp AS (\(responses)),
            largest AS (SELECT q.part, q.team, MAX(a.value) AS top FROM resp q JOIN \(t("survey_answer")) a ON a.response_key = q.response GROUP BY q.part, q.team),
            thresholds(part, team, v, top) AS (SELECT part, team, 1, top FROM largest WHERE top >= 1
                                               UNION ALL SELECT part, team, v + 1, top FROM thresholds WHERE v < top),
            ys AS (SELECT h.part, h.team, h.v, q.x,
                          (SELECT COUNT(*) FROM \(t("survey_answer")) a WHERE a.response_key = q.response AND a.value >= h.v) AS y
                   FROM thresholds h JOIN resp q ON q.part = h.part AND q.team = h.team WHERE q.x > 0)
            INSERT INTO \(t("survey_threshold_part")) (part, team, threshold, favourable, favourable_sq, favourable_answers)
            SELECT part, team, v, SUM(y), SUM(y * y), SUM(x * y) FROM ys GROUP BY part, team, v
            """)
        try db.execute(sql: """
            INSERT INTO \(t("survey_item_part")) (part, team, item, value, answers)
            SELECT q.part, q.team, a.item, a.value, COUNT(*) FROM (\(responses)) q JOIN \(t("survey_answer")) a ON a.response_key = q.response
            GROUP BY q.part, q.team, a.item, a.value
            """)
        try db.execute(sql: "DELETE FROM \(t("survey_dirty"))")
        return parts.count
    }
}

extension StoreReading {
    /// Throws unless the survey tier this handle reads is up to date.
    func requireSurveyTier() throws {
        let dirty = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM survey_dirty") ?? 0 }
        if dirty > 0 {
            throw StoreError(path: path, message: "the survey tier has \(dirty) week part\(dirty == 1 ? "" : "s") changed since it was made",
                             hint: "run `candor ingest` with the same policy (it brings the tiers up to date), then this report again")
        }
    }

    /// Survey responses per team in the period, from the survey tier: responses, answers to mapped
    /// items, favourable answers (value ≥ `favourableFrom`), respondents' cluster sums, and per item.
    public func surveyCounts(_ period: Period, favourableFrom: Int) throws -> [SurveyCounts] {
        try prepareSurveyTier()
        return try queue.read { db in
            let range: StatementArguments = [period.first.iso8601, period.last.iso8601]
            let inPeriod = "(part = '' OR part BETWEEN ?1 AND ?2)"
            let teams = try Row.fetchAll(db, sql: """
                SELECT team, SUM(responses) AS responses, SUM(respondents) AS respondents, SUM(answers) AS answers, SUM(answers_sq) AS answers_sq
                FROM survey_team_part WHERE \(inPeriod) GROUP BY team ORDER BY team
                """, arguments: range)
            // The sums at the threshold (answers are 1 to the scale: a threshold below 1 is 1); none
            // above the largest answer.
            let favourable = try Row.fetchAll(db, sql: """
                SELECT team, SUM(favourable) AS y, SUM(favourable_sq) AS yy, SUM(favourable_answers) AS xy
                FROM survey_threshold_part WHERE \(inPeriod) AND threshold = ?3 GROUP BY team
                """, arguments: range + [max(favourableFrom, 1)])
            var sums: [String: (y: Int64, yy: Int64, xy: Int64)] = [:]
            for row in favourable { sums[row["team"]] = (row["y"], row["yy"], row["xy"]) }
            var counts = teams.map { row -> SurveyCounts in
                let team: String = row["team"]
                let f = sums[team] ?? (0, 0, 0)
                let answers: Int64 = row["answers"], squares: Int64 = row["answers_sq"]
                return SurveyCounts(team: team, responses: row["responses"], answers: Int(answers), favourable: Int(f.y),
                                    respondents: ClusterSums(n: row["respondents"], y: f.y, x: answers, yy: Double(f.yy), xx: Double(squares), xy: Double(f.xy)))
            }
            let items = try Row.fetchAll(db, sql: """
                SELECT team, item, SUM(answers) AS answers, SUM(CASE WHEN value >= ?3 THEN answers ELSE 0 END) AS favourable
                FROM survey_item_part WHERE \(inPeriod) GROUP BY team, item ORDER BY team, item
                """, arguments: range + [favourableFrom])
            let index = Dictionary(uniqueKeysWithValues: counts.enumerated().map { ($1.team, $0) })
            for row in items {
                guard let i = index[row["team"] as String] else { continue }
                counts[i].items[row["item"]] = SurveyCounts.ItemCount(answers: Int(row["answers"] as Int64), favourable: Int(row["favourable"] as Int64))
            }
            return counts
        }
    }
}
