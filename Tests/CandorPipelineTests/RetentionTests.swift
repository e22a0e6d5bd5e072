@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import GRDB
import Testing

@Suite("Retention tiers and purge")
struct RetentionTests {
    static let header = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\n"

    @Test("ingest keeps person × week and team × week tiers, with sums, squares and the largest contribution")
    func tiers() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\na,T,2026-01-01,\nb,T,2026-01-01,\n"))
        // 2026-07-06 is a Monday: a and b in that week; a again the next week.
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", Self.header + "a,2026-07-06,2,10\na,2026-07-07,1,5\nb,2026-07-08,3,20\na,2026-07-13,4,8\n"))
        #expect(try h.store.weeklyTierCounts() == (3, 2))
        #expect(try h.store.aggregateTotals(team: "T") == (10, 43))
        // A re-delivered day replaces, never adds, in the tiers too.
        _ = try h.ingestor.ingest(path: try h.folder.write("again.csv", Self.header + "b,2026-07-08,3,20\n"))
        #expect(try h.store.aggregateTotals(team: "T") == (10, 43))
    }

    @Test("purge removes raw rows past their window and a revoked person's data; the bytes are gone; aggregates stay")
    func purge() throws {
        let h = try IngestHarness()
        let secretPerson = "revoked-person@example.com"
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\na,T,2026-01-01,\n\(secretPerson),T,2026-01-01,\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", Self.header
            + "a,2026-04-06,1,10\na,2026-09-28,2,10\n\(secretPerson),2026-09-28,5,10\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("c.csv", "person_id,programme,status,effective\n\(secretPerson),ai-adoption,opted_in,2026-01-01\n\(secretPerson),ai-adoption,revoked,2026-09-30\n"))
        let pseudonym = h.pseudonym(secretPerson)
        _ = try h.store.integrityCheck()
        let copiesBefore = try occurrences(of: pseudonym, in: h)
        let before = try h.store.aggregateTotals(team: "T")
        let result = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 90, enrichedDays: 400, aggregateDays: 1825),
                                       revocationProgramme: "ai-adoption", time: "2026-10-05T00:00:00Z")
        // raw: the revoked person's day; enriched: their person-week and their person-part in the
        // assistants' tier; raw: a's day past the window.
        #expect(result.removed.map(\.rows) == [1, 2, 1, 0, 0, 0])
        #expect(try h.store.tableCounts()["qdev_activity"] == 1)
        // The revoked person's raw and enriched rows are gone from the file and its WAL, not just hidden:
        // only the directory and the consent registry (which records the revocation) still hold the pseudonym.
        let copiesAfter = try occurrences(of: pseudonym, in: h)
        #expect(copiesBefore >= 3 && copiesAfter <= copiesBefore - 2, "before \(copiesBefore), after \(copiesAfter)")
        // Exactly the legitimate copies remain: the directory's interval, the membership derived from it and
        // its index entry, and two consent rows.
        #expect(copiesAfter == 5, "after \(copiesAfter)")
        // Aggregates (team-level, long retention) are unchanged by the raw purge.
        #expect(try h.store.aggregateTotals(team: "T") == before)
        // Re-ingesting the directory must not rebuild the cut week from partial raw data.
        _ = try h.ingestor.ingest(path: try h.folder.write("dir2.csv", "person_id,team,from,to\nc,T,2026-01-01,\n"))
        #expect(try h.store.aggregateTotals(team: "T") == before)
    }
}

/// How many times `text` occurs in the database file and its write-ahead log.
func occurrences(of text: String, in h: IngestHarness) throws -> Int {
    let bytes = storeBytes(h.store)
    let needle = Data(text.utf8)
    var count = 0
    var range = bytes.startIndex..<bytes.endIndex
    while let found = bytes.range(of: needle, in: range) {
        count += 1
        range = found.upperBound..<bytes.endIndex
    }
    return count
}

@Suite("Weekly tiers at scale")
struct WeeklyTierScaleTests {
    @Test("more person-weeks than fit in memory at once: flushed in parts, totals exact")
    func flushes() throws {
        let h = try IngestHarness()
        var csv = RetentionTests.header
        var accepted: Int64 = 0, shown: Int64 = 0
        // 55 weeks × 1,000 people = 55,000 person-weeks, above the 50,000 flush threshold.
        for week in 0..<55 {
            let day = Day(year: 2025, month: 1, day: 6)!.adding(days: week * 7).iso8601
            for p in 0..<1000 {
                let a = Int64((week + p) % 7), s = Int64(10 + p % 13)
                accepted += a
                shown += s
                csv += "u\(p),\(day),\(a),\(s)\n"
            }
        }
        let outcome = try h.ingestor.ingest(path: try h.folder.write("big.csv", csv))
        #expect(outcome.status == .ingested(rows: 55_000))
        #expect(try h.store.weeklyTierCounts() == (55_000, 55))
        #expect(try h.store.aggregateTotals(team: "") == (accepted, shown))
    }
}

@Suite("Purge across every source")
struct PurgeEverySourceTests {
    @Test("every source's rows past their window go, and a revoked person's AI-assistant records under any of their ids")
    func everySource() throws {
        let folder = try TemporaryFolder()
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.path]))
        // The first person in the directory (GitHub login acme-dev-00) revokes consent to the AI-adoption programme.
        let person = "e2cba4ce-8927-b693-e945-09bbae8ca258"
        _ = try ingestor.ingest(path: try folder.write("revoke.csv", "person_id,programme,status,effective\n\(person),ai-adoption,revoked,2026-09-20\n"))
        let alias = ingestor.pseudonymiser.pseudonym(for: SourcePersonID("acme-dev-00")).text
        func aliasRows() throws -> Int {
            try store.queue.read { db in
                try ["copilot_user_day", "copilot_user_feature_day", "tool_event"].reduce(0) {
                    $0 + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($1) WHERE person = ?", arguments: [alias]) ?? 0)
                }
            }
        }
        #expect(try aliasRows() > 0)
        let before = try store.tableCounts()
        let result = try store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                                     revocationProgramme: "ai-adoption", time: "2026-10-05T00:00:00Z")
        #expect(try aliasRows() == 0)
        // Nothing about a person older than 30 days remains, in any source.
        let cutoff = "2026-09-05"
        let checks = [("qdev_activity", "day"), ("kiro_user_day", "day"), ("copilot_user_day", "day"), ("copilot_user_feature_day", "day"),
                      ("copilot_user_team_day", "day"), ("tool_event", "time"), ("github_pull_request", "COALESCE(closed_at, merged_at, created_at)"),
                      ("github_review", "COALESCE(submitted_at, '')"), ("github_review_comment", "created_at"), ("survey_response", "COALESCE(day, '')")]
        let stale = try store.queue.read { db in
            try checks.map { (table, column) in (table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(column) < ?", arguments: [cutoff]) ?? -1) }
        }
        for (table, count) in stale { #expect(count == 0, "\(table)") }
        let after = try store.tableCounts()
        for table in ["copilot_user_day", "tool_event", "github_pull_request", "github_review"] {
            #expect(after[table]! < before[table]!, "\(table): \(before[table]!) → \(after[table]!)")
        }
        // Records that name no one (findings, scans, deployments) follow the five-year window: all kept.
        for table in ["sarif_result", "codeguru_security_finding", "deployment", "incident"] { #expect(after[table] == before[table], "\(table)") }
        #expect(result.removed.contains { $0.tier == "raw" && $0.reason == "consent revoked" && $0.rows > 0 })
        // The bytes are gone: the alias pseudonym survives only in the directory's alias table (main file).
        let coaching = try Data(contentsOf: URL(fileURLWithPath: CandorStore.datasetPath(store.path, .coaching)))
            + ((try? Data(contentsOf: URL(fileURLWithPath: CandorStore.datasetPath(store.path, .coaching) + "-wal"))) ?? Data())
        #expect(coaching.range(of: Data(alias.utf8)) == nil)
    }
}
