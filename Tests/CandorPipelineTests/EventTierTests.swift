@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorPipeline
import Foundation
import GRDB
import Testing

/// The events tier (docs/tiers.md): the persistence metric's outcomes per acceptance and per
/// follow-up, made at ingest; a purge of raw events changes none of them.
@Suite("The events tier")
struct EventTierTests {
    /// The outcomes as the raw read computed them before the tier (an oracle that shares no code with it).
    static func rawOutcomes(_ store: CandorStore, _ period: Period, consent: ConsentRule?) throws -> [String] {
        try store.queue.read { db in
            func attribute(_ event: String, _ name: String) -> String {
                "(SELECT v.value FROM tool_event_attribute v WHERE v.event_key = \(event) AND v.name = '\(name)')"
            }
            func resolved(_ p: String) -> String { "COALESCE((SELECT pa.person FROM person_alias pa WHERE pa.alias = \(p)), \(p))" }
            var arguments: StatementArguments = [period.first.adding(days: -7).iso8601, period.last.adding(days: 7).iso8601,
                                                  period.first.iso8601, period.last.iso8601]
            var filter = "", followUpFilter = ""
            if let consent {
                // Acceptances and follow-ups alike count only on days the programme lets count.
                filter = "AND " + CandorStore.consentCondition(consent, day: "substr(a.time, 1, 10)", person: "a.person", programme: "?5")
                followUpFilter = "AND " + CandorStore.consentCondition(consent, day: "substr(r.time, 1, 10)", person: "r.person", programme: "?5")
                arguments += [consent.programme]
            }
            let rows = try Row.fetchAll(db, sql: """
                WITH acc AS (
                    SELECT e.event_key AS k, e.team AS team, \(resolved("e.person")) AS person, e.time AS time,
                           \(attribute("e.event_key", "suggestion_id")) AS sid, \(attribute("e.event_key", "tool")) AS tool
                    FROM tool_event_team e WHERE e.type = 'suggestion.accepted' AND e.person IS NOT NULL AND substr(e.time, 1, 10) BETWEEN ?1 AND ?2),
                fol AS (
                    SELECT u.event_key AS k, \(resolved("u.person")) AS person, u.time AS time,
                           \(attribute("u.event_key", "suggestion_id")) AS sid, \(attribute("u.event_key", "tool")) AS tool
                    FROM tool_event u WHERE u.type IN ('suggestion.reverted', 'suggestion.modified') AND u.person IS NOT NULL
                      AND substr(u.time, 1, 10) BETWEEN ?3 AND ?2),
                ruled AS (
                    SELECT f.person AS person, f.time AS time,
                           (SELECT a.k FROM acc a WHERE a.person = f.person AND a.tool IS f.tool
                              AND julianday(a.time) <= julianday(f.time) AND julianday(a.time) >= julianday(f.time) - 7
                            ORDER BY julianday(a.time) DESC, a.k LIMIT 1) AS k
                    FROM fol f WHERE f.sid IS NULL),
                undone AS (
                    SELECT a.k AS k, 0 AS by_rule FROM acc a WHERE a.sid IS NOT NULL AND EXISTS (SELECT 1 FROM fol f WHERE f.sid = a.sid)
                    UNION SELECT k, 1 FROM ruled WHERE k IS NOT NULL)
                SELECT a.team AS team, a.person AS person, COUNT(DISTINCT COALESCE(a.sid, a.k)) AS accepted,
                       COUNT(DISTINCT CASE WHEN a.k IN (SELECT k FROM undone) THEN COALESCE(a.sid, a.k) END) AS undone,
                       COUNT(DISTINCT CASE WHEN a.k IN (SELECT k FROM undone WHERE by_rule = 1)
                                            AND a.k NOT IN (SELECT k FROM undone WHERE by_rule = 0) THEN a.k END) AS by_rule,
                       (SELECT COUNT(*) FROM ruled r WHERE r.person = a.person AND r.k IS NULL AND substr(r.time, 1, 10) BETWEEN ?3 AND ?4 \(followUpFilter)) AS unlinked
                FROM acc a WHERE substr(a.time, 1, 10) BETWEEN ?3 AND ?4 \(filter)
                GROUP BY a.team, a.person ORDER BY a.team, a.person
                """, arguments: arguments)
            var seen = Set<String>()
            return rows.map { row in
                let person: String = row["person"]
                let unlinked: Int = seen.insert(person).inserted ? row["unlinked"] : 0
                return "\((row["team"] as String?) ?? "-") \(person.prefix(8)) \(row["accepted"] as Int) \(row["undone"] as Int) \(row["by_rule"] as Int) \(unlinked)"
            }
        }
    }

    static func describe(_ outcomes: [SuggestionOutcome]) -> [String] {
        outcomes.map { "\($0.team ?? "-") \($0.person.prefix(8)) \($0.accepted) \($0.undone) \($0.linkedByRule) \($0.unlinked)" }
    }

    /// Events for six people over 2026-06-10 … 2026-10-20 from a fixed generator: acceptances with
    /// and without suggestion ids, follow-ups by id and without, on two tools, near quarter boundaries.
    static func events(seed: UInt64, from: Day, to: Day) -> [String] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var lines: [String] = []
        var day = from
        var serial = 0
        var recent: [String] = []
        while day <= to {
            for _ in 0..<next(5) {
                serial += 1
                let actor = "p\(next(6))", tool = ["github-copilot", "amazon-q-developer"][next(2)]
                let time = "\(day.iso8601)T\(String(format: "%02d", 8 + next(10))):\(String(format: "%02d", next(60))):00Z"
                let kind = next(10)
                if kind < 6 {
                    let sid = next(3) == 0 ? nil : "s\(serial)"
                    if let sid { recent.append(sid); if recent.count > 12 { recent.removeFirst() } }
                    lines.append(FollowUpRuleTests.event("e\(serial)", "suggestion.accepted", time, actor: actor, sid: sid, tool: tool))
                } else if kind < 8 || recent.isEmpty {
                    lines.append(FollowUpRuleTests.event("e\(serial)", ["suggestion.reverted", "suggestion.modified"][next(2)], time, actor: actor, tool: tool))
                } else {
                    lines.append(FollowUpRuleTests.event("e\(serial)", "suggestion.reverted", time, actor: actor, sid: recent[next(recent.count)], tool: tool))
                }
            }
            day = day.adding(days: 1)
        }
        return lines
    }

    static let directory = "person_id,team,from,to\np0,T,2026-01-01,\np1,T,2026-01-01,2026-08-15\np1,U,2026-08-16,\np2,U,2026-01-01,\np3,U,2026-01-01,\np4,T,2026-01-01,\n"
    static let consent = "person_id,programme,status,effective\np3,ai-adoption,opted_out,2026-08-01\np4,ai-adoption,opted_out,2026-09-25\np4,ai-adoption,opted_in,2026-10-02\n"
    static let quarters = ["2026-Q2", "2026-Q3", "2026-Q4"].map { Period($0)! }
    static let rules: [ConsentRule?] = [nil, ConsentRule(programme: "ai-adoption", required: true), ConsentRule(programme: "ai-adoption", required: false)]

    @Test("known answers: the tier gives the raw read's outcomes in every quarter, under every rule (a mover, an objector, one who came back, a person in no team)")
    func matchesRaw() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(paths: [
            try h.folder.write("dir.csv", Self.directory),
            try h.folder.write("consent.csv", Self.consent),
            try h.folder.write("events.jsonl", Self.events(seed: 19, from: Day(year: 2026, month: 6, day: 10)!, to: Day(year: 2026, month: 10, day: 20)!).joined(separator: "\n") + "\n"),
        ])
        for rule in Self.rules {
            for quarter in Self.quarters {
                let raw = try Self.rawOutcomes(h.store, quarter, consent: rule)
                if quarter.description == "2026-Q3" && rule == nil { #expect(raw.count >= 6 && raw.contains { $0.hasPrefix("-") }) }
                #expect(try Self.describe(h.store.suggestionOutcomes(quarter, consent: rule)) == raw, "\(quarter) \(String(describing: rule))")
            }
        }
        // The outcomes name both ways of undoing and follow-ups that fit nothing.
        let q3 = try h.store.suggestionOutcomes(Self.quarters[1], consent: nil)
        #expect(q3.reduce(0) { $0 + $1.linkedByRule } > 0 && q3.reduce(0) { $0 + $1.undone - $1.linkedByRule } > 0 && q3.reduce(0) { $0 + $1.unlinked } > 0)
    }

    @Test("a purge that cuts into a quarter, then events arriving later: the tier gives what the raw read gave with every event kept")
    func purgeChangesNothing() throws {
        let all = Self.events(seed: 7, from: Day(year: 2026, month: 6, day: 10)!, to: Day(year: 2026, month: 10, day: 20)!)
        let (early, late) = (all.filter { $0.contains("\"time\":\"2026-0") && !$0.contains("\"time\":\"2026-09-2") && !$0.contains("\"time\":\"2026-09-3") },
                             all.filter { !($0.contains("\"time\":\"2026-0") && !$0.contains("\"time\":\"2026-09-2") && !$0.contains("\"time\":\"2026-09-3")) })
        #expect(early.count + late.count == all.count && !late.isEmpty)
        // The oracle: every event, never purged.
        let whole = try IngestHarness()
        _ = try whole.ingestor.ingest(paths: [try whole.folder.write("dir.csv", Self.directory),
                                              try whole.folder.write("events.jsonl", all.joined(separator: "\n") + "\n")])
        let rule = ConsentRule(programme: "ai-adoption", required: true)
        let expected = try Self.quarters.map { try Self.rawOutcomes(whole.store, $0, consent: rule) }
        // The store under test: the early events, a purge whose raw window starts 2026-08-31, then the late ones.
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(paths: [try h.folder.write("dir.csv", Self.directory),
                                          try h.folder.write("early.jsonl", early.joined(separator: "\n") + "\n")])
        _ = try h.store.purge(today: Day(year: 2026, month: 9, day: 30)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tool_event WHERE time < '2026-08-31'") } == 0)
        _ = try h.ingestor.ingest(paths: [try h.folder.write("late.jsonl", late.joined(separator: "\n") + "\n")])
        #expect(try Self.quarters.map { try Self.describe(h.store.suggestionOutcomes($0, consent: rule)) } == expected)
        // Every raw event gone: still the same.
        _ = try h.store.purge(today: Day(year: 2027, month: 3, day: 1)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.tableCounts()["tool_event"] == 0)
        #expect(try Self.quarters.map { try Self.describe(h.store.suggestionOutcomes($0, consent: rule)) } == expected)
        #expect(try Self.quarters.map { try Self.describe(h.store.reader(datasets: Set(Dataset.allCases)).suggestionOutcomes($0, consent: rule)) } == expected)
        // An objection after the freeze still removes the objector's acceptances from its day.
        _ = try h.ingestor.ingest(paths: [try h.folder.write("consent.csv", "person_id,programme,status,effective\np2,ai-adoption,opted_out,2026-01-01\n")])
        let p2 = h.pseudonym("p2")
        for quarter in Self.quarters { #expect(try !h.store.suggestionOutcomes(quarter, consent: rule).contains { $0.person == p2 }) }
        // Nothing of theirs stays in the tier, frozen or not: acceptances or follow-ups.
        #expect(try h.store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM event_acceptance WHERE person = ?1) + (SELECT COUNT(*) FROM event_followup WHERE person = ?1)",
                             arguments: [p2])
        } == 0)
    }

    @Test("a reader refuses a stale events tier, and one made under another programme, and says what to run")
    func staleRefused() throws {
        let h = try IngestHarness()
        let rule = ConsentRule(programme: "ai-adoption", required: true)
        _ = try h.ingestor.ingest(paths: [try h.folder.write("dir.csv", Self.directory),
                                          try h.folder.write("events.jsonl", Self.events(seed: 3, from: Day(year: 2026, month: 7, day: 1)!, to: Day(year: 2026, month: 7, day: 20)!).joined(separator: "\n") + "\n")])
        let reader = try h.store.reader(datasets: Set(Dataset.allCases))
        #expect(try !reader.suggestionOutcomes(Self.quarters[1], consent: rule).isEmpty)
        _ = try h.ingestor.ingest(path: try h.folder.write("more.jsonl", FollowUpRuleTests.event("x1", "suggestion.accepted", "2026-07-05T10:00:00Z", actor: "p0") + "\n"))
        #expect { _ = try reader.suggestionOutcomes(Self.quarters[1], consent: rule) } throws: { ($0 as? StoreError)?.hint.contains("candor ingest") == true }
        try h.ingestor.refreshTiers()
        #expect(try !reader.suggestionOutcomes(Self.quarters[1], consent: rule).isEmpty)
        #expect { _ = try reader.suggestionOutcomes(Self.quarters[1], consent: ConsentRule(programme: "self-view", required: false)) } throws: { $0 is StoreError }
    }
}
