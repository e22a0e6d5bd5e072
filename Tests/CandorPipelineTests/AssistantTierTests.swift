@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorPipeline
import Foundation
import Testing

/// The assistants' tier (docs/tiers.md): every adoption read comes from per person-part sums and day
/// masks made at ingest, with the directory and the consent registry applied, and a purge of raw
/// rows changes none of them.
@Suite("The assistants' tier")
struct AssistantTierTests {
    /// p1 moves from T to U on Wednesday 2026-09-30 and uses Q Developer (coaching) and Copilot
    /// (operational, through their GitHub login) on the same Tuesday; p2 is in T; x is in no team.
    /// The week of Monday 2026-09-28 straddles Q3 and Q4.
    static func organisation() throws -> (IngestHarness, Ingestor, Policy) {
        let h = try IngestHarness()
        let policy = try Policy.parse(MinimisationTests.base + "sources:\n  copilot: {dataset: operational}\n", path: h.folder.path("policy.yml"))
        var ingestor = h.ingestor
        ingestor.policy = policy
        _ = try ingestor.ingest(paths: [try h.folder.write("directory.csv", """
            person_id,team,from,to,github_login
            p1,T,2026-01-01,2026-09-29,octo-p1
            p1,U,2026-09-30,,octo-p1
            p2,T,2026-01-01,,

            """)])
        _ = try ingestor.ingest(paths: [try h.folder.write("q.csv", """
            UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount,Inline_AICodeLines,Chat_AICodeLines
            p1,2026-09-29,1,4,3,5
            p1,2026-10-01,2,5,1,0
            p2,2026-09-28,3,6,2,0
            x,2026-09-29,1,1,1,0

            """)])
        let copilot = AssistantAdoptionStoreTests.self
        let outcome = try ingestor.ingest(paths: [try h.folder.write("users-1-day.ndjson", [
            copilot.copilot("octo-p1", "2026-09-29", scope: "\"organization_id\":\"9\"", generated: 10, accepted: 2, added: 7),
            copilot.copilot("octo-p1", "2026-09-30", scope: "\"organization_id\":\"9\"", generated: 5, accepted: 1, added: 2),
        ].joined(separator: "\n") + "\n")])
        #expect(outcome.rejectedCount == 0)
        return (h, ingestor, policy)
    }

    /// Everything the adoption reads return for `period`, as comparable text.
    static func reads(_ store: some StoreReading, _ period: Period, _ consent: ConsentRule?) throws -> [String] {
        var out: [String] = []
        for row in try store.adoptionRows(period, consent: consent) {
            let parts = row.byAssistant.keys.sorted().map { a in
                let u = row.byAssistant[a]!
                return "\(a.rawValue):\(u.activeDays)d/\(u.countingDays)c/\(u.accepted)of\(u.shown)/\(u.acceptedLines)l"
            }
            out.append("adoption \(row.team ?? "-") \(row.person.prefix(6)) \(row.activeDays)d \(row.countingDays)c \(row.accepted)of\(row.shown) \(row.acceptedLines)l \(parts)")
        }
        for t in try store.inlineTotals(from: period.first, to: period.last, consent: consent) {
            out.append("inline \(t.team ?? "-") \(t.person.prefix(6)) \(t.accepted)of\(t.shown) \(t.activeDays)d")
        }
        for l in try store.inlineLinesPerPerson(period, consent: consent) { out.append("lines \(l.team ?? "-") \(l.person.prefix(6)) \(l.assistant.rawValue) \(l.lines) \(l.accepted)") }
        for w in try store.personWeekInline(period, consent: consent) { out.append("person-week \(w.team ?? "-") \(w.accepted)of\(w.shown)") }
        let daily = try store.dailyAccepted(period, consent: consent)
        for d in daily.rows { out.append("daily \(d.team ?? "-") \(d.assistant.rawValue) \(d.day) \(d.accepted)") }
        for (a, days) in daily.covered.sorted(by: { $0.key < $1.key }) { out.append("covered \(a.rawValue) \(days.sorted().map(\.iso8601))") }
        for w in try store.weeklyInline(period, consent: consent) {
            out.append("weekly \(w.team ?? "-") \(w.week) \(w.accepted)of\(w.shown) \(w.people)p \(w.activeDays)d \(w.lineDays)ld \(w.lines)l")
        }
        for a in try store.activePersonWeeks(period, consent: consent) { out.append("active \(a.team ?? "-") \(a.week) \(a.person.prefix(6))") }
        return out
    }

    @Test("known answers: a day on two assistants in two dataset files is one active day; a move mid-week splits the person; a week cut at the quarter")
    func knownAnswers() throws {
        let (h, _, policy) = try Self.organisation()
        let consent = policy.consentRule(for: Policy.assistantProgramme)
        let q3 = Period("2026-Q3")!, q4 = Period("2026-Q4")!
        let p1 = String(h.pseudonym("p1").prefix(6)), p2 = String(h.pseudonym("p2").prefix(6)), x = String(h.pseudonym("x").prefix(6))
        let board = try h.store.reader(datasets: [.coaching, .operational])
        let rows = try Self.reads(board, q3, consent)
        let (t1, t2) = p1 < p2 ? (p1, p2) : (p2, p1)
        let expected: [String] = [
            // T: p1 on Tuesday with Q Developer and Copilot (one active day, both counting lines), p2 on Monday.
            p1 < p2 ? "adoption T \(p1) 1d 1c 3of14 10l [\"q-developer:1d/1c/1of4/3l\", \"copilot:1d/1c/2of10/7l\"]"
                    : "adoption T \(p2) 1d 1c 3of6 2l [\"q-developer:1d/1c/3of6/2l\"]",
            p1 < p2 ? "adoption T \(p2) 1d 1c 3of6 2l [\"q-developer:1d/1c/3of6/2l\"]"
                    : "adoption T \(p1) 1d 1c 3of14 10l [\"q-developer:1d/1c/1of4/3l\", \"copilot:1d/1c/2of10/7l\"]",
            // U: p1 from Wednesday.
            "adoption U \(p1) 1d 1c 1of5 2l [\"copilot:1d/1c/1of5/2l\"]",
        ]
        #expect(Array(rows.prefix(3)) == expected)
        #expect(rows.contains("inline T \(p1) 3of14 1d") && rows.contains("inline T \(p2) 3of6 1d") && rows.contains("inline U \(p1) 1of5 1d"))
        #expect(rows.contains("lines T \(p1) copilot 7 2") && rows.contains("lines T \(p1) q-developer 3 1"))
        #expect(rows.filter { $0.hasPrefix("person-week") } == ["person-week T 3of6", "person-week T 3of14", "person-week U 1of5"])
        #expect(rows.filter { $0.hasPrefix("daily") } == ["daily T copilot 2026-09-29 2", "daily T q-developer 2026-09-28 3",
                                                          "daily T q-developer 2026-09-29 1", "daily U copilot 2026-09-30 1"])
        // Coverage is anyone's rows, x's too; Q4's Thursday is not Q3's.
        #expect(rows.filter { $0.hasPrefix("covered") } == ["covered q-developer [\"2026-09-28\", \"2026-09-29\"]",
                                                            "covered copilot [\"2026-09-29\", \"2026-09-30\"]"])
        // Q Developer's weekly series: x (in no team) for the organisation only; inline lines over the days
        // that count them, as the metric reads (p1's 5 chat lines are not the metric's: registry 2026.8).
        #expect(rows.filter { $0.hasPrefix("weekly") } == ["weekly - 2026-09-28 1of1 1p 1d 1ld 1l", "weekly T 2026-09-28 4of10 2p 2d 2ld 5l"])
        #expect(rows.filter { $0.hasPrefix("active") } == ["active - 2026-09-28 \(x)", "active T 2026-09-28 \(t1)", "active T 2026-09-28 \(t2)"])
        // Q4 holds the same week's Thursday only.
        #expect(try board.adoptionRows(q4, consent: consent).map { "\($0.team ?? "-") \($0.activeDays) \($0.accepted)of\($0.shown)" } == ["U 1 2of5"])
        // A reader of the coaching file alone sees Q Developer only: p1's Tuesday is still one day.
        let coaching = try h.store.reader(datasets: [.coaching]).adoptionRows(q3, consent: consent)
        #expect(coaching.map { "\($0.team ?? "-") \($0.activeDays) \($0.accepted)of\($0.shown)" }.sorted() == ["T 1 1of4", "T 1 3of6"])
    }

    @Test("a purge of every raw row changes no adoption read, and the period is still read from the tier")
    func purgeChangesNothing() throws {
        let (h, _, policy) = try Self.organisation()
        let consent = policy.consentRule(for: Policy.assistantProgramme)
        let q3 = Period("2026-Q3")!, q4 = Period("2026-Q4")!
        let q3Before = try Self.reads(h.store, q3, consent)
        let before = try q3Before + Self.reads(h.store, q4, consent)
        #expect(before.count > 20)
        let result = try h.store.purge(today: Day(year: 2027, month: 1, day: 20)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                                       revocationProgramme: "ai-adoption", time: "t")
        #expect(result.total > 0)
        let counts = try h.store.tableCounts()
        #expect(counts["qdev_activity"] == 0 && counts["copilot_user_day"] == 0)
        #expect(try Self.reads(h.store, q3, consent) + Self.reads(h.store, q4, consent) == before)
        #expect(try h.store.periodSource(q3) == .raw && h.store.periodSource(q4) == .raw)
        // A directory change after the purge remakes every part it can — and frozen parts stay as first made.
        _ = try h.ingestor.ingest(paths: [try h.folder.write("directory-2.csv", "person_id,team,from,to\np3,V,2026-01-01,\n")])
        #expect(try Self.reads(h.store, q3, consent) == q3Before)
    }

    @Test("a consent change remakes the tier: an objection removes the person from the day it takes effect")
    func consentRemakes() throws {
        let (h, ingestor, policy) = try Self.organisation()
        let consent = policy.consentRule(for: Policy.assistantProgramme)
        let q3 = Period("2026-Q3")!
        #expect(try h.store.adoptionRows(q3, consent: consent).contains { $0.person == h.pseudonym("p2") })
        _ = try ingestor.ingest(paths: [try h.folder.write("consent.csv", "person_id,programme,status,effective\np1,ai-adoption,opted_out,2026-09-30\np2,ai-adoption,opted_out,2026-09-28\n")])
        let rows = try h.store.reader(datasets: Set(Dataset.allCases)).adoptionRows(q3, consent: consent)
        // p2 objected from Monday: gone. p1 from Wednesday: Tuesday stays (with T), Wednesday (with U) goes.
        #expect(rows.map { "\($0.team ?? "-") \($0.person == h.pseudonym("p1") ? "p1" : "?") \($0.accepted)of\($0.shown)" } == ["T p1 3of14"])
    }

    @Test("a handle that cannot write refuses a stale tier, or one made under another programme, and says what to run")
    func staleRefused() throws {
        let (h, ingestor, policy) = try Self.organisation()
        let consent = policy.consentRule(for: Policy.assistantProgramme)
        let q3 = Period("2026-Q3")!
        let reader = try h.store.reader(datasets: Set(Dataset.allCases))
        let before = try reader.adoptionRows(q3, consent: consent)
        // One file stored, the tier not yet brought up to date (a crash before the end of the ingest leaves the same).
        _ = try ingestor.ingest(path: try h.folder.write("q2.csv", "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\np2,2026-09-01,1,1\n"))
        #expect { try reader.adoptionRows(q3, consent: consent) } throws: { error in
            let e = error as? StoreError
            return e?.message.contains("1 week part changed") == true && e?.hint.contains("candor ingest") == true
        }
        #expect { try reader.weeklyInline(q3, consent: consent) } throws: { $0 is StoreError }
        try ingestor.refreshTiers()
        let after = try reader.adoptionRows(q3, consent: consent)
        #expect(after.first { $0.person == h.pseudonym("p2") }?.activeDays == 2 && before.first { $0.person == h.pseudonym("p2") }?.activeDays == 1)
        // Another programme's rule: refused by the reader; the store itself makes the tier again.
        let other = ConsentRule(programme: "self-view", required: false)
        #expect { try reader.adoptionRows(q3, consent: other) } throws: { ($0 as? StoreError)?.message.contains("ai-adoption programme (required)") == true }
        #expect(try h.store.adoptionRows(q3, consent: other).isEmpty)  // nobody opted in to self-view
        #expect(try h.store.adoptionRows(q3, consent: consent) == after)
    }

    @Test("week parts: a week that straddles a quarter is cut at its first day, in Swift and in SQL alike")
    func weekParts() throws {
        let folder = try TemporaryFolder()
        let store = try CandorStore(path: folder.path("c.sqlite"))
        var day = Day(year: 2024, month: 12, day: 20)!
        var sql: [String] = []
        var swift: [String] = []
        try store.queue.read { db in
            for _ in 0..<800 {
                swift.append(day.weekPart.iso8601)
                sql.append(try String.fetchOne(db, sql: "SELECT \(StoreQueries.weekPart("?1"))", arguments: [day.iso8601])!)
                let end = try String.fetchOne(db, sql: "SELECT \(StoreQueries.partEnd("?1"))", arguments: [day.weekPart.iso8601])!
                let next = min(day.weekPart.isoWeekStart.adding(days: 7), Period(containing: day).last.adding(days: 1))
                #expect(end == next.adding(days: -1).iso8601, "\(day)")
                day = day.adding(days: 1)
            }
        }
        #expect(sql == swift)
        #expect(Day(year: 2026, month: 9, day: 30)!.weekPart.iso8601 == "2026-09-28" && Day(year: 2026, month: 10, day: 4)!.weekPart.iso8601 == "2026-10-01")
        #expect(Day(year: 2026, month: 10, day: 1)!.startsWeekPart && !Day(year: 2026, month: 10, day: 2)!.startsWeekPart)
    }
}

/// Two choices the assistants' tier made deliberately (docs/tiers.md), with their known answers.
@Suite("The assistants' tier: per-day consent and distinct days")
struct AssistantTierChoicesTests {
    static let q3 = Period("2026-Q3")!

    @Test("a use on a day the person had objected is not an active person-week, though they opted back in by the period's end")
    func activeWeeksApplyConsentPerDay() throws {
        let (h, ingestor, policy) = try AssistantTierTests.organisation()
        let consent = policy.consentRule(for: Policy.assistantProgramme)
        let p2 = h.pseudonym("p2")
        #expect(try h.store.activePersonWeeks(Self.q3, consent: consent).contains { $0.person == p2 })
        // p2's only use is on 2026-09-28, inside an objection that ended on 2026-09-29.
        _ = try ingestor.ingest(paths: [try h.folder.write("consent.csv",
            "person_id,programme,status,effective\np2,ai-adoption,opted_out,2026-09-01\np2,ai-adoption,opted_in,2026-09-29\n")])
        #expect(try !h.store.excludedPeople(consent, on: Self.q3.last).contains(p2))
        #expect(try !h.store.activePersonWeeks(Self.q3, consent: consent).contains { $0.person == p2 })
        #expect(try h.store.activePersonWeeks(Self.q3, consent: consent).contains { $0.person == h.pseudonym("p1") })
    }

    @Test("a person's rows under two ids on one day are one active day in the weekly series")
    func weeklyDaysAreDistinct() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(paths: [
            try h.folder.write("directory.csv", "person_id,team,from,to,aws_user_id\np1,T,2026-01-01,,aws-1\n"),
            try h.folder.write("q.csv", "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\np1,2026-09-29,1,4\naws-1,2026-09-29,2,5\naws-1,2026-09-30,1,1\n"),
        ])
        let weeks = try h.store.weeklyInline(Self.q3, consent: Policy.defaultAssistantRule).filter { $0.team == "T" }
        #expect(weeks.count == 1)
        #expect(weeks.first?.activeDays == 2)  // 29 and 30 September, not three rows
        #expect(weeks.first?.accepted == 4 && weeks.first?.shown == 10 && weeks.first?.people == 1)
    }
}
