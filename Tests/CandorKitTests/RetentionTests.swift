import Foundation
import Testing
@testable import CandorKit

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
        #expect(result.removed.map(\.rows) == [1, 1, 1, 0, 0])
        #expect(try h.store.tableCounts()["qdev_activity"] == 1)
        // The revoked person's raw and enriched rows are gone from the file and its WAL, not just hidden:
        // only the directory and the consent registry (which records the revocation) still hold the pseudonym.
        let copiesAfter = try occurrences(of: pseudonym, in: h)
        #expect(copiesBefore >= 3 && copiesAfter <= copiesBefore - 2, "before \(copiesBefore), after \(copiesAfter)")
        // Exactly the legitimate copies remain: the membership row and its index entry, and two consent rows.
        #expect(copiesAfter == 4, "after \(copiesAfter)")
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
