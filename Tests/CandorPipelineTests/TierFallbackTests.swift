@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

/// A report for a period whose raw rows are purged is still produced, from the tiers that remain, and says so.
@Suite("Reports from the remaining tiers")
struct TierFallbackTests {
    /// Six people in team T and six in U, active in weeks wholly inside 2026-Q3 (Mondays 2026-07-06 … 2026-09-21).
    static func populated() throws -> IngestHarness {
        let h = try IngestHarness()
        var directory = "person_id,team,from,to\n"
        var rows = RetentionTests.header
        for i in 0..<12 {
            directory += "p\(i),\(i < 6 ? "T" : "U"),2026-01-01,\n"
            for week in 0..<12 {
                let monday = Day(year: 2026, month: 7, day: 6)!.adding(days: 7 * week)
                // Deterministic, uneven counts: shown 5…24, accepted up to a third of them.
                let shown = 5 + (i * 7 + week * 3) % 20, accepted = (i + week) % (shown / 3 + 1)
                rows += "p\(i),\(monday.adding(days: i % 5).iso8601),\(accepted),\(shown)\n"
            }
        }
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", directory))
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", rows))
        return h
    }

    static func builder(_ h: IngestHarness, rawDays: Int = 90) throws -> ReportWriter {
        var policy = try Policy.parse(MinimisationTests.base, path: h.folder.path("policy.yml"))
        policy.retention = .init(rawDays: rawDays, enrichedDays: 400, aggregateDays: 1825)
        return ReportWriter(policy: policy, store: h.store, templates: try TemplateSet(overridesFrom: nil), now: Date(timeIntervalSince1970: 0), log: SilentLog())
    }

    static func sums(_ totals: [InlineTotals]) -> [String: [Int64]] {
        var out: [String: [Int64]] = [:]
        for t in totals { out[t.team ?? "", default: [0, 0]][0] += t.accepted; out[t.team ?? "", default: [0, 0]][1] += t.shown }
        return out
    }

    @Test("raw rows purged: the assistants' tier holds the period as made, so every adoption figure and the acceptance table stay as they were")
    func purgeKeepsFigures() throws {
        let h = try Self.populated()
        let q3 = Period("2026-Q3")!
        let writer = try Self.builder(h, rawDays: 30)
        let cardBefore = try writer.analyse(try writer.reader(for: .governance), q3).scorecard.values
        let before = try writer.governance(period: q3).markdown
        // Keep 30 days of raw rows as of 2026-10-05: most of Q3's raw rows go.
        _ = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.tableCounts()["qdev_activity"]! < 12 * 12)
        #expect(try h.store.periodSource(q3) == .raw)
        #expect(try writer.analyse(try writer.reader(for: .governance), q3).scorecard.values == cardBefore)
        #expect(cardBefore.values.contains { $0.contains { $0.estimate != nil && $0.team != nil } })
        let after = try writer.governance(period: q3).markdown
        #expect(!after.contains("weekly person tier"))
        #expect(Self.acceptanceTable(before).count >= 3 && Self.acceptanceTable(after) == Self.acceptanceTable(before))
    }

    /// The acceptance table's rows (the scorecard below it says which of its metrics the weekly tiers cannot give).
    static func acceptanceTable(_ md: String) -> [Substring] {
        let acceptance = md.components(separatedBy: "<table class=\"metric\">").dropFirst().first?.components(separatedBy: "</table>").first ?? ""
        return acceptance.split(separator: "\n").filter { $0.contains("<td") }
    }

    @Test("raw rows purged before the assistants' tier existed: the weekly person tier gives the same team totals, and the report says where they come from")
    func enriched() throws {
        let h = try Self.populated()
        let q3 = Period("2026-Q3")!
        #expect(try h.store.periodSource(q3) == .raw)
        let rawTotals = Self.sums(try h.store.inlineTotals(from: q3.first, to: q3.last))
        let before = try Self.builder(h).governance(period: q3).markdown
        _ = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        // As a database made before the tier, migrated after its purge, would be: the tier holds none of the purged weeks.
        try h.store.queue.write { db in
            for table in ["assistant_person_part", "assistant_team_day", "assistant_day", "tier_frozen"] { try db.execute(sql: "DELETE FROM coaching.\(table)") }
        }
        #expect(try h.store.periodSource(q3) == .enriched)
        #expect(Self.sums(try h.store.personWeekTotals(q3, consent: nil)) == rawTotals)
        let after = try Self.builder(h, rawDays: 30).governance(period: q3).markdown
        #expect(after.contains("come from the weekly person tier") && !before.contains("weekly person tier"))
        // The table is the same: same sums, same people, same Wilson intervals.
        #expect(Self.acceptanceTable(before).count >= 3 && Self.acceptanceTable(after) == Self.acceptanceTable(before))
    }

    @Test("person-weeks purged too: weekly team totals give the sums, people as a lower bound and a cluster interval")
    func aggregate() throws {
        let h = try Self.populated()
        let q3 = Period("2026-Q3")!
        let raw = AcceptanceRateCalculator.compute(try h.store.inlineTotals(from: q3.first, to: q3.last))
        _ = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 1, enrichedDays: 1, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.periodSource(q3) == .aggregate)
        let weeks = try h.store.teamWeekSums(q3)
        let (teams, organisation) = AggregateAcceptance.compute(weeks)
        #expect(teams.map(\.team) == raw.teams.map(\.team))
        #expect(zip(teams, raw.teams).allSatisfy { $0.accepted == $1.accepted && $0.shown == $1.shown })
        #expect(organisation.accepted == raw.organisation.accepted && organisation.shown == raw.organisation.shown)
        // Six people a week in each team, twelve in the organisation: lower bounds that here are exact.
        #expect(teams.map(\.people) == [6, 6] && organisation.people == 12)
        #expect(teams.allSatisfy { $0.peopleIsLowerBound && $0.interval != nil })
        // The cluster interval is centred on the same rate as the Wilson interval of the raw rows.
        let t = teams[0], r = raw.teams[0]
        #expect(t.rate == r.rate)
        let markdown = try Self.builder(h, rawDays: 1).governance(period: q3).markdown
        #expect(markdown.contains("weekly team totals") && markdown.contains("≥ 6"))
    }

    @Test("the aggregate tier honours objections: an objector's weeks after the objection are not in it")
    func aggregateConsent() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Policy.parse(MinimisationTests.base, path: h.folder.path("policy.yml"))
        _ = try ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\na,T,2026-01-01,\nb,T,2026-01-01,\n"))
        _ = try ingestor.ingest(path: try h.folder.write("q.csv", RetentionTests.header + "a,2026-07-06,1,10\nb,2026-07-06,2,10\na,2026-07-13,3,10\nb,2026-07-13,4,10\n"))
        #expect(try h.store.aggregateTotals(team: "T") == (10, 40))
        // b objects from 2026-07-10: the week of 07-13 (and the week holding the objection) leave the tier.
        _ = try ingestor.ingest(path: try h.folder.write("c.csv", "person_id,programme,status,effective\nb,ai-adoption,opted_out,2026-07-10\n"))
        #expect(try h.store.aggregateTotals(team: "T") == (4, 20))
    }
}

@Suite("Red team: a person leaving")
struct LeaverRedTeamTests {
    @Test("a report made again after someone revokes consent cannot be differenced against the first to recover their figures")
    func revocationIsNotDifferencable() throws {
        let h = try TierFallbackTests.populated()
        var ingestor = h.ingestor
        ingestor.policy = try Policy.parse(MinimisationTests.base, path: h.folder.path("policy.yml"))
        let q3 = Period("2026-Q3")!
        let totals = try h.store.inlineTotals(from: q3.first, to: q3.last)
        let leaver = h.pseudonym("p3")
        let theirs = totals.filter { $0.person == leaver }.reduce((0 as Int64, 0 as Int64)) { ($0.0 + $1.accepted, $0.1 + $1.shown) }
        let first = AcceptanceRateCalculator.compute(totals).organisation
        // p3 withdraws after the quarter; purge removes their rows.
        _ = try ingestor.ingest(path: try h.folder.write("c.csv", "person_id,programme,status,effective\np3,ai-adoption,revoked,2026-10-01\n"))
        _ = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 400, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.inlineTotals(from: q3.first, to: q3.last).allSatisfy { $0.person != leaver })
        // The period is now reported from the team totals, which keep everyone anonymously…
        #expect(try h.store.periodSource(q3) == .aggregate)
        let second = AggregateAcceptance.compute(try h.store.teamWeekSums(q3)).organisation
        // …so the attacker's difference is not the leaver's figures.
        let difference = (first.accepted - second.accepted, first.shown - second.shown)
        #expect(difference != theirs && difference == (0, 0))
        // The attack the rule prevents: the person-weeks that remain differ from the first report by exactly the leaver.
        let naive = AcceptanceRateCalculator.compute(try h.store.personWeekTotals(q3, consent: nil)).organisation
        #expect((first.accepted - naive.accepted, first.shown - naive.shown) == theirs)
        let markdown = try TierFallbackTests.builder(h, rawDays: 400).governance(period: q3).markdown
        #expect(markdown.contains("weekly team totals"))
    }
}
