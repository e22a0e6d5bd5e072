@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorPipeline
import Foundation
import GRDB
import Testing

/// The survey tier (docs/tiers.md): the experience metrics' sums per week part and team, for any
/// favourable threshold; a purge of raw responses changes none of them.
@Suite("The survey tier")
struct SurveyTierTests {
    /// The counts as the raw read computed them before the tier (an oracle that shares no code with it):
    /// per team, responses, answers, favourable answers, respondents' cluster sums, per item.
    static func rawCounts(_ store: CandorStore, _ period: Period, favourableFrom: Int) throws -> [String] {
        try store.queue.read { db in
            let range: StatementArguments = [favourableFrom, period.first.iso8601, period.last.iso8601]
            let responses = try Row.fetchAll(db, sql: """
                SELECT r.team AS team, r.response_key AS response, COUNT(a.item) AS answers, COALESCE(SUM(a.value >= ?), 0) AS favourable
                FROM survey_response r LEFT JOIN survey_answer a ON a.response_key = r.response_key
                WHERE r.day IS NULL OR r.day BETWEEN ? AND ? GROUP BY r.team, r.response_key ORDER BY r.team, r.response_key
                """, arguments: range)
            let items = try Row.fetchAll(db, sql: """
                SELECT r.team AS team, a.item AS item, COUNT(*) AS answers, SUM(a.value >= ?) AS favourable
                FROM survey_response r JOIN survey_answer a ON a.response_key = r.response_key
                WHERE r.day IS NULL OR r.day BETWEEN ? AND ? GROUP BY r.team, a.item ORDER BY r.team, a.item
                """, arguments: range)
            return Dictionary(grouping: responses) { $0["team"] as String }.sorted { $0.key < $1.key }.map { team, rows in
                let pairs = rows.map { (y: $0["favourable"] as Int64, x: $0["answers"] as Int64) }
                let c = ClusterSums.of(pairs.filter { $0.x > 0 })
                let mine = items.filter { ($0["team"] as String) == team }.map { "\($0["item"] as String)=\($0["favourable"] as Int64)/\($0["answers"] as Int64)" }
                return "\(team) \(rows.count) \(pairs.reduce(0) { $0 + $1.x }) \(pairs.reduce(0) { $0 + $1.y }) \(c) \(mine.joined(separator: ","))"
            }
        }
    }

    static func tierCounts(_ store: some StoreReading, _ period: Period, favourableFrom: Int) throws -> [String] {
        try store.surveyCounts(period, favourableFrom: favourableFrom).map { s in
            "\(s.team) \(s.responses) \(s.answers) \(s.favourable) \(s.respondents) \(s.items.keys.sorted().map { "\($0)=\(s.items[$0]!.favourable)/\(s.items[$0]!.answers)" }.joined(separator: ","))"
        }
    }

    static func acmeSurveys(_ folder: TemporaryFolder) throws -> (CandorStore, Ingestor) {
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        let summary = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.appendingPathComponent("inputs/survey").path]))
        #expect(summary.rejectedCount == 0)
        return (store, ingestor)
    }

    @Test("known answers: the tier gives the raw read's counts and cluster sums for every threshold, in both quarters")
    func matchesRaw() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.acmeSurveys(folder)
        for period in [Period("2026-Q2")!, Period("2026-Q3")!] {
            for threshold in 0...7 {
                let raw = try Self.rawCounts(store, period, favourableFrom: threshold)
                #expect(!raw.isEmpty)
                #expect(try Self.tierCounts(store, period, favourableFrom: threshold) == raw, "\(period) from \(threshold)")
            }
        }
    }

    @Test("a hand-made survey: a response without answers, one without a day (in every period), a threshold between present values")
    func handMade() throws {
        let h = try IngestHarness()
        try h.store.transaction(dataset: .coaching) { w in
            let id: Int64 = 0  // the dataset file keeps no reference to the main file's source list
            func response(_ key: String, _ team: String, _ day: String?, _ answers: [(String, Int)]) throws {
                try w.upsertSurveyResponse(SurveyResponse(key: key, team: team, day: day.flatMap(Day.parse), answers: answers.map { (item: $0.0, value: $0.1) }),
                                           sourceId: id)
            }
            try response("a", "T", "2026-07-01", [("friction", 5), ("trust", 2)])
            try response("b", "T", "2026-09-30", [("friction", 4)])
            try response("c", "T", "2026-08-01", [])
            try response("d", "T", nil, [("trust", 1)])
            try response("e", "U", "2026-10-01", [("friction", 5)])
        }
        let q3 = Period("2026-Q3")!
        // Threshold 3 lies between the present values 2 and 4: the answers at 4 or above.
        let counts = try h.store.surveyCounts(q3, favourableFrom: 3)
        #expect(counts.map(\.team) == ["T"])
        let t = try #require(counts.first)
        #expect(t.responses == 4 && t.answers == 4 && t.favourable == 2)
        // Respondents a (1 of 2), b (1 of 1), d (0 of 1); c answered nothing.
        #expect(t.respondents == ClusterSums(n: 3, y: 2, x: 4, yy: 2, xx: 6, xy: 3))
        #expect(t.items["friction"] == SurveyCounts.ItemCount(answers: 2, favourable: 2) && t.items["trust"] == SurveyCounts.ItemCount(answers: 2, favourable: 0))
        #expect(try Self.tierCounts(h.store, q3, favourableFrom: 3) == Self.rawCounts(h.store, q3, favourableFrom: 3))
        #expect(try Self.tierCounts(h.store, Period("2026-Q4")!, favourableFrom: 2) == Self.rawCounts(h.store, Period("2026-Q4")!, favourableFrom: 2))
    }

    @Test("a purge of every raw response changes no survey count; a reader refuses a stale tier")
    func purgeChangesNothing() throws {
        let folder = try TemporaryFolder()
        var (store, ingestor) = try Self.acmeSurveys(folder)
        let periods = [Period("2026-Q2")!, Period("2026-Q3")!]
        let before = try periods.map { try Self.tierCounts(store, $0, favourableFrom: 4) }
        let result = try store.purge(today: Day(year: 2027, month: 6, day: 1)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                                     revocationProgramme: "ai-adoption", time: "t")
        #expect(result.total > 0)
        #expect(try store.tableCounts()["survey_response"] == 0 && store.tableCounts()["survey_answer"] == 0)
        #expect(try periods.map { try Self.tierCounts(store, $0, favourableFrom: 4) } == before)
        #expect(try periods.map { try Self.tierCounts(store.reader(datasets: Set(Dataset.allCases)), $0, favourableFrom: 4) } == before)
        // Stored again, the frozen parts stay as first made.
        ingestor.force = true
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.appendingPathComponent("inputs/survey").path]))
        #expect(try periods.map { try Self.tierCounts(store, $0, favourableFrom: 4) } == before)
        // One response stored, the tier not yet made again: a reader refuses, and says what to run.
        let reader = try store.reader(datasets: Set(Dataset.allCases))
        try store.transaction(dataset: .coaching) { w in
            let id: Int64 = 0
            try w.upsertSurveyResponse(SurveyResponse(key: "late", team: "T", day: Day(year: 2027, month: 5, day: 30), answers: []), sourceId: id)
        }
        #expect { _ = try reader.surveyCounts(periods[1], favourableFrom: 4) } throws: { ($0 as? StoreError)?.hint.contains("candor ingest") == true }
    }

    @Test("an upgrade after purges makes the tier from what remains, says which figures it cannot make again, once, and records it")
    func upgradeGap() throws {
        let h = try IngestHarness()
        try h.store.transaction(dataset: .coaching) { w in
            try w.upsertSurveyResponse(SurveyResponse(key: "old", team: "T", day: Day(year: 2026, month: 4, day: 10), answers: [(item: "friction", value: 5)]), sourceId: 0)
            try w.upsertSurveyResponse(SurveyResponse(key: "new", team: "T", day: Day(year: 2026, month: 8, day: 10), answers: [(item: "friction", value: 4)]), sourceId: 0)
        }
        _ = try h.store.purge(today: Day(year: 2026, month: 9, day: 1)!, retention: .init(rawDays: 90, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.tableCounts()["survey_response"] == 1)
        // The database as a candor before the survey tier left it: no tier, the migration not applied.
        for file in h.store.files.dropFirst() {
            let queue = try DatabaseQueue(path: file)
            try queue.write { db in
                for table in ["survey_team_part", "survey_threshold_part", "survey_item_part", "survey_dirty", "survey_frozen"] { try db.execute(sql: "DROP TABLE \(table)") }
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'd9-survey-tier'")
            }
            try queue.close()
        }
        let upgraded = try CandorStore(path: h.store.path)
        #expect(upgraded.upgradeGaps.map(\.tier) == ["survey"])
        let gap = try #require(upgraded.upgradeGaps.first)
        #expect(gap.from == Day(year: 2026, month: 8, day: 10))
        #expect(gap.message.contains("to 2026-08-10 (2026-Q3)") && gap.message.contains("2026-Q3 is made from its days from then on only") && gap.message.contains("developer-experience figures for earlier periods cannot be made again"))
        // Q2's survey is gone (it was before the tier existed); Q3's is made from what remains.
        #expect(try upgraded.surveyCounts(Period("2026-Q2")!, favourableFrom: 4).isEmpty)
        #expect(try upgraded.surveyCounts(Period("2026-Q3")!, favourableFrom: 4).first?.favourable == 1)
        // Said once; recorded for good.
        let again = try CandorStore(path: h.store.path)
        #expect(try again.upgradeGaps.isEmpty && again.tierGaps() == [gap])
        // A store that never purged has nothing it cannot make again.
        let fresh = try IngestHarness()
        #expect(try fresh.store.upgradeGaps.isEmpty && fresh.store.tierGaps().isEmpty)
    }

    @Test("responses of one team and week in two dataset files (a policy moved the survey): every threshold's counts add up over the files")
    func twoFiles() throws {
        let h = try IngestHarness()
        let day = Day(year: 2026, month: 8, day: 10)
        try h.store.transaction(dataset: .coaching) { w in
            for (key, values) in [("a1", [1, 2]), ("a2", [5])] {
                try w.upsertSurveyResponse(SurveyResponse(key: key, team: "T", day: day, answers: values.enumerated().map { (item: "i\($0.offset)", value: $0.element) }), sourceId: 0)
            }
        }
        try h.store.transaction(dataset: .operational) { w in
            for (key, values) in [("b1", [1, 4]), ("b2", [2, 5])] {
                try w.upsertSurveyResponse(SurveyResponse(key: key, team: "T", day: day, answers: values.enumerated().map { (item: "i\($0.offset)", value: $0.element) }), sourceId: 0)
            }
        }
        for threshold in 1...6 {
            #expect(try Self.tierCounts(h.store, Period("2026-Q3")!, favourableFrom: threshold) == Self.rawCounts(h.store, Period("2026-Q3")!, favourableFrom: threshold),
                    "from \(threshold)")
        }
        #expect(try h.store.surveyCounts(Period("2026-Q3")!, favourableFrom: 3).first?.favourable == 3)  // 5, 4 and 5
    }
}
