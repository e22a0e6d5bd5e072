@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorPipeline
import Foundation
import Testing

/// Assistants without a supported export (Cursor, Claude Code, …): the generic per-person-day usage
/// CSV, in candor's columns or through a policy mapping, counted with the vendors' exports.
@Suite("Other assistants' usage CSV")
struct AssistantUsageTests {
    static let directory = "person_id,team,from,to,email\np1,T,2026-01-01,,p1@example.com\np2,T,2026-01-01,,p2@example.com\np3,T,2026-01-01,,\n"

    @Test("known answer: Cursor's counters combine with Q Developer's; Claude Code without counters is activity only; a day with two tools counts once; outsiders in no figure")
    func combined() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("directory.csv", Self.directory))
        // p1: Q Developer on 07-01 (3 of 10, 12 lines) and Cursor the same day (6 of 20, 8 lines) and on 07-02 (2 of 10, no lines column value).
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv",
            "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount,Inline_AICodeLines\np1,2026-07-01,3,10,12\n"))
        let usage = try h.ingestor.ingest(path: try h.folder.write("usage.csv", """
            day,person,tool,suggestions_shown,suggestions_accepted,lines_accepted
            2026-07-01,p1@example.com,Cursor,20,6,8
            2026-07-02,p1@example.com,Cursor,10,2,
            2026-07-03,p2@example.com,Claude Code,,,
            2026-07-03,p2@example.com,Cursor,,,
            2026-07-01,contractor@example.net,Cursor,50,50,99

            """))
        #expect(usage.format == .assistantUsage && usage.status == .ingested(rows: 5), "\(usage.diagnostics)")
        #expect(try h.store.tableCounts()["assistant_usage_day"] == 5)
        #expect(try !databaseContains(h, "p1@example.com"))
        let q3 = Period("2026-Q3")!
        let rows = try h.store.adoptionRows(q3, consent: nil)
        let byPerson = Dictionary(uniqueKeysWithValues: rows.map { ($0.person, $0) })
        #expect(rows.count == 2 && rows.allSatisfy { $0.team == "T" })
        let p1 = try #require(byPerson[h.pseudonym("p1")]), p2 = try #require(byPerson[h.pseudonym("p2")])
        // p1: two days; 11 of 40 accepted (3 + 6 + 2 of 10 + 20 + 10); 20 lines over the one day that counts lines.
        #expect(p1.activeDays == 2 && p1.accepted == 11 && p1.shown == 40 && p1.acceptedLines == 20 && p1.countingDays == 1)
        #expect(p1.byAssistant[.other] == AssistantUse(activeDays: 2, accepted: 8, shown: 30, acceptedLines: 8, countingDays: 1))
        // p2: one day with two tools (one use), no counters.
        #expect(p2.activeDays == 1 && p2.shown == 0 && p2.countingDays == 0 && p2.byAssistant[.other]?.activeDays == 1)
        let share = AdoptionMetrics.activeShare(rows, teamSize: 3, team: "T")
        #expect(share.events == 2 && share.parts[.other]?.events == 2 && share.parts[.qDeveloper]?.events == 1)
        let rate = AdoptionMetrics.acceptanceRate(rows, team: "T", seed: 1)
        #expect(rate.estimate == 11.0 / 40 && rate.parts[.other]?.estimate == 8.0 / 30 && rate.parts[.qDeveloper]?.estimate == 3.0 / 10)
        let lines = AdoptionMetrics.acceptedLinesPerActiveDay(rows, team: "T", seed: 1)
        #expect(lines.estimate == 20 && lines.events == 1)
        // The acceptance table reads the same counters; coverage counts the outsider's row.
        let totals = try h.store.inlineTotals(from: q3.first, to: q3.last)
        #expect(totals.map(\.shown).reduce(0, +) == 40 && totals.map(\.accepted).reduce(0, +) == 11)
        let coverage = try #require(try h.store.coverage(q3).first { $0.source == .assistantUsage })
        #expect(coverage.records == 5 && coverage.placed == 4 && coverage.outsidePeople == 1)
    }

    @Test("a tool's own export through a mapping: its columns, its dates, a constant tool name")
    func mapped() throws {
        let (h, ingestor) = try MappedCSVTests.harness("""
            version: 1
            purpose: Help teams learn.
            key_file: k
            programmes: {ai-adoption: required, self-view: optional}
            mappings:
              cursor:
                format: assistant-usage
                dates: MM/DD/YYYY
                columns:
                  day: Date
                  person: Email
                  tool: {value: Cursor}
                  active: Is Active
                  suggestions_shown: Tabs Shown
                  suggestions_accepted: Tabs Accepted
                  lines_accepted: Accepted Lines Added
            """)
        _ = try ingestor.ingest(path: try h.folder.write("directory.csv", Self.directory))
        let outcome = try ingestor.ingest(path: try h.folder.write("cursor.csv", """
            Date,Email,Is Active,Chat Requests,Tabs Shown,Tabs Accepted,Accepted Lines Added,Most Used Model
            07/01/2026,p1@example.com,true,4,30,9,14,some-model
            07/01/2026,p2@example.com,false,0,0,0,0,

            """))
        #expect(outcome.format == .assistantUsage && outcome.status == .ingested(rows: 2), "\(outcome.diagnostics)")
        // The day Cursor marks inactive is read and counted, not stored: p2 is not active.
        let stored = try h.store.tableCounts()["assistant_usage_day"]
        #expect(outcome.diagnostics.map(\.code).contains("USE020") && stored == 1, "\(outcome.diagnostics)")
        let rows = try h.store.adoptionRows(Period("2026-Q3")!, consent: nil)
        #expect(rows.count == 1 && rows[0].byAssistant[.other] == AssistantUse(activeDays: 1, accepted: 9, shown: 30, acceptedLines: 14))
        // The columns the mapping leaves out (the model, chat requests) are never stored.
        #expect(try !databaseContains(h, "some-model"))
    }

    @Test("bad values are located", arguments: [
        ("07/01/2026,p,Cursor,1,1,1", "USE010", 1),
        ("2026-07-01,,Cursor,1,1,1", "USE011", 12),
        ("2026-07-01,p,,1,1,1", "USE012", 14),
        ("2026-07-01,p,GitHub Copilot,1,1,1", "USE016", 14),
        ("2026-07-01,p,amazon-q developer,1,1,1", "USE016", 14),
        ("2026-07-01,p,Cursor,many,1,1", "USE013", 21),
        ("2026-07-01,p,Cursor,-1,0,1", "USE013", 21),
        ("2026-07-01,p,Cursor,,1,1", "USE014", 21),
        ("2026-07-01,p,Cursor,1,2,1", "USE015", 23),
        ("2026-07-01,p,Cursor,1,1", "CSV010", 1),
    ])
    func bad(row: String, code: String, column: Int) throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("usage.csv", "day,person,tool,suggestions_shown,suggestions_accepted,lines_accepted\n" + row + "\n"))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first { $0.severity == .error })
        #expect(d.code == code && d.line == 2 && d.column == column, "\(d)")
        #expect(try h.store.tableCounts()["assistant_usage_day"] == 0)
    }

    @Test("a header with one suggestion counter and not the other is refused before any row")
    func oneCounter() throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("usage.csv", "day,person,tool,suggestions_accepted\n2026-07-01,p,Cursor,3\n"))
        #expect(outcome.status == .rejected && outcome.diagnostics.map(\.code).contains("USE003"))
        let bad = try h.ingestor.ingest(path: try h.folder.write("usage2.csv", "day,person,tool,active\n2026-07-01,p,Cursor,maybe\n"))
        #expect(bad.status == .rejected && bad.diagnostics.first?.code == "USE017" && bad.diagnostics.first?.column == 21)
    }
}
