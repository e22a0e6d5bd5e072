@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorPipeline
import Foundation
import Testing

/// Frozen parts and pull requests (docs/tiers.md): retention freezes what it cuts into, but consent
/// still reaches it, and what a later export says of a frozen pull request is still seen.
@Suite("Frozen tiers")
struct FrozenTierTests {
    static let q3 = Period("2026-Q3")!
    static let retention = Policy.Retention(rawDays: 30, enrichedDays: 400, aggregateDays: 1825)

    @Test("a frozen part made under a required programme counts nobody once the programme turns optional and nobody joined")
    func frozenPartsFollowRuleChange() throws {
        let (h, _, _) = try AssistantTierTests.organisation()
        _ = try h.store.purge(today: Day(year: 2027, month: 1, day: 20)!, retention: Self.retention, revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.tableCounts()["qdev_activity"] == 0)
        let optional = ConsentRule(programme: "ai-adoption", required: false)
        #expect(try h.store.periodSource(Self.q3) == .raw)
        #expect(try h.store.adoptionRows(Self.q3, consent: optional).isEmpty)
        #expect(try h.store.personWeekTotals(Self.q3, consent: optional).isEmpty)
        // The frozen parts' team totals lose them too: nothing for a report from team totals to publish.
        #expect(try h.store.teamWeekSums(Self.q3).isEmpty)
    }

    @Test("an objection registered after the freeze removes the objector's frozen person-parts; everyone else's stay")
    func objectionAfterFreeze() throws {
        let (h, ingestor, policy) = try AssistantTierTests.organisation()
        let consent = policy.consentRule(for: Policy.assistantProgramme)
        _ = try h.store.purge(today: Day(year: 2027, month: 1, day: 20)!, retention: Self.retention, revocationProgramme: "ai-adoption", time: "t")
        let before = try h.store.adoptionRows(Self.q3, consent: consent)
        let p1 = h.pseudonym("p1"), p2 = h.pseudonym("p2")
        #expect(before.contains { $0.person == p2 } && before.contains { $0.person == p1 })
        _ = try ingestor.ingest(paths: [try h.folder.write("consent.csv", "person_id,programme,status,effective\np2,ai-adoption,opted_out,2026-07-01\n")])
        let after = try h.store.reader(datasets: Set(Dataset.allCases)).adoptionRows(Self.q3, consent: consent)
        #expect(!after.contains { $0.person == p2 })
        #expect(after.filter { $0.person == p1 }.map(\.accepted) == before.filter { $0.person == p1 }.map(\.accepted))
        // The team totals lose p2's counted use and keep everyone else's, to the unit.
        let totals = try h.store.reader(datasets: Set(Dataset.allCases)).teamWeekSums(Self.q3)
        let counted = try h.store.inlineTotals(from: Self.q3.first, to: Self.q3.last, consent: consent)
        for team in Set(counted.map(\.team)) {
            let mine = counted.filter { $0.team == team }
            let t = totals.first { $0.team == team }
            #expect(t?.sums.y == mine.reduce(0) { $0 + $1.accepted } && t?.sums.x == mine.reduce(0) { $0 + $1.shown }, "\(team)")
        }
        #expect(totals.filter { $0.team != nil }.allSatisfy { t in counted.contains { $0.team == t.team } })
    }

    /// One pull request by alice (p-alice in the directory), opened 2026-12-01 and open when exported.
    static func openPullRequest() throws -> IngestHarness {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(paths: [
            try h.folder.write("directory.csv", "person_id,team,from,to,github_login\np-alice,T,2026-01-01,,alice\np-bob,T,2026-01-01,,bob\n"),
            try h.folder.write("pulls-1.json", #"[{"number":1,"state":"open","draft":true,"user":{"login":"alice","type":"User"},"created_at":"2026-12-01T09:00:00Z","merged_at":null,"closed_at":null,"base":{"repo":{"full_name":"acme/checkout"}}}]"#),
        ])
        // The raw window (30 days before 2027-01-20) cuts into the pull request's own row: it is frozen.
        _ = try h.store.purge(today: Day(year: 2027, month: 1, day: 20)!, retention: Self.retention, revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.tableCounts()["github_pull_request"] == 0)
        let facts = try h.store.pullRequestFacts(Period("2026-Q4")!, consent: Policy.defaultEngineeringRule)
        #expect(facts.count == 1 && facts.first?.mergedAt == nil && facts.first?.draft == true)
        return h
    }

    @Test("a frozen pull request's later merge, first review and approvals are seen")
    func frozenPullRequestUpdates() throws {
        let h = try Self.openPullRequest()
        _ = try h.ingestor.ingest(paths: [
            try h.folder.write("pulls-2.json", #"[{"number":1,"state":"closed","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-12-01T09:00:00Z","merged_at":"2027-01-25T10:00:00Z","closed_at":"2027-01-25T10:00:00Z","base":{"repo":{"full_name":"acme/checkout"}}}]"#),
            try h.folder.write("reviews-2.json", #"""
                [{"id":81,"user":{"login":"bob","type":"User"},"state":"APPROVED","submitted_at":"2027-01-24T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"},
                 {"id":82,"user":{"login":"alice","type":"User"},"state":"COMMENTED","submitted_at":"2027-01-23T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]
                """#),
        ])
        let facts = try h.store.pullRequestFacts(Period("2026-Q4")!, consent: Policy.defaultEngineeringRule)
        #expect(facts.count == 1)
        let fact = try #require(facts.first)
        #expect(fact.draft == false)
        #expect(fact.mergedAt == Timestamp.parseISO8601("2027-01-25T10:00:00Z"))
        // The author's own review is not a first review.
        #expect(fact.firstReviewAt == Timestamp.parseISO8601("2027-01-24T12:00:00Z"))
        #expect(fact.approvalCount == 1)
        // The same export once more changes nothing (an approval both hold counts once).
        _ = try h.ingestor.ingest(paths: [try h.folder.write("reviews-3.json", #"[{"id":81,"user":{"login":"bob","type":"User"},"state":"APPROVED","submitted_at":"2027-01-24T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#)])
        #expect(try h.store.pullRequestFacts(Period("2026-Q4")!, consent: Policy.defaultEngineeringRule).first?.approvalCount == 1)
    }

    @Test("an objection to engineering metrics after the freeze removes the objector's frozen pull requests")
    func frozenPullRequestObjection() throws {
        let h = try Self.openPullRequest()
        _ = try h.ingestor.ingest(paths: [try h.folder.write("consent.csv", "person_id,programme,status,effective\np-alice,engineering-metrics,opted_out,2026-11-01\n")])
        #expect(try h.store.pullRequestFacts(Period("2026-Q4")!, consent: Policy.defaultEngineeringRule).isEmpty)
    }
}

/// The tiers record the directory's and registry's generation they were made at (docs/tiers.md).
@Suite("Tier generation")
struct TierGenerationTests {
    @Test("a directory change whose dataset-file marks were lost (a crash between the files' commits) still remakes the tiers, and a reader refuses them until then")
    func lostMarks() throws {
        let (h, ingestor, policy) = try AssistantTierTests.organisation()
        let consent = policy.consentRule(for: Policy.assistantProgramme)
        let q3 = Period("2026-Q3")!
        let p2 = h.pseudonym("p2")
        #expect(try h.store.adoptionRows(q3, consent: consent).first { $0.person == p2 }?.team == "T")
        _ = try ingestor.ingest(path: try h.folder.write("directory-2.csv", """
            person_id,team,from,to,github_login
            p1,T,2026-01-01,2026-09-29,octo-p1
            p1,U,2026-09-30,,octo-p1
            p2,V,2026-01-01,,

            """))
        // What a crash after the main file's commit leaves: the change, and no marks in the dataset files.
        try h.store.queue.writeWithoutTransaction { db in
            for dataset in Dataset.allCases {
                try db.execute(sql: "DELETE FROM \(dataset.rawValue).tier_dirty")
                try db.execute(sql: "DELETE FROM \(dataset.rawValue).pull_request_dirty")
            }
        }
        let all = Set(Dataset.allCases)
        let reader = StoreReader(path: h.store.path, datasets: all, connection: StoreConnection(queue: try CandorStore.open(path: h.store.path, datasets: all, reader: true)))
        #expect { try reader.adoptionRows(q3, consent: consent) } throws: { ($0 as? StoreError)?.message.contains("directory or the consent registry last changed") == true }
        #expect { try reader.pullRequestFacts(q3, consent: Policy.defaultEngineeringRule) } throws: { $0 is StoreError }
        #expect(try h.store.adoptionRows(q3, consent: consent).first { $0.person == p2 }?.team == "V")
        #expect(try reader.adoptionRows(q3, consent: consent).first { $0.person == p2 }?.team == "V")
    }
}

/// A revocation in an organisation that uses Copilot only (docs/tiers.md): the period's figures come
/// from the assistants' team totals as first made, every assistant in them.
@Suite("Revocation and the assistants' team totals")
struct RevocationTeamTotalsTests {
    @Test("a Copilot-only organisation: after a revocation the acceptance table's team totals are every assistant's, as first made")
    func copilotOnly() throws {
        let h = try IngestHarness()
        let people = (1...6).map { "p\($0)" }
        _ = try h.ingestor.ingest(path: try h.folder.write("directory.csv",
            "person_id,team,from,to,github_login\n" + people.map { "\($0),T,2026-01-01,,octo-\($0)" }.joined(separator: "\n") + "\n"))
        var lines: [String] = []
        for (i, person) in people.enumerated() {
            for day in ["2026-07-06", "2026-08-12", "2026-09-29"] {
                lines.append(AssistantAdoptionStoreTests.copilot("octo-\(person)", day, scope: "\"organization_id\":\"9\"", generated: 10 + i, accepted: 2 + i % 3, added: 5))
            }
        }
        #expect(try h.ingestor.ingest(paths: [try h.folder.write("users-1-day.ndjson", lines.joined(separator: "\n") + "\n")]).rejectedCount == 0)
        let q3 = Period("2026-Q3")!
        let before = try h.store.inlineTotals(from: q3.first, to: q3.last, consent: Policy.defaultAssistantRule)
        #expect(before.count == 6)
        let accepted = before.reduce(0) { $0 + $1.accepted }, shown = before.reduce(0) { $0 + $1.shown }
        _ = try h.ingestor.ingest(path: try h.folder.write("consent.csv", "person_id,programme,status,effective\np1,ai-adoption,revoked,2026-10-01\n"))
        _ = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 365, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.periodSource(q3) == .aggregate)
        let sums = try h.store.teamWeekSums(q3)
        let t = try #require(sums.first { $0.team == "T" })
        // The revoked person's use stays in the team totals, anonymously: a report made again cannot be differenced.
        #expect(t.sums.y == accepted && t.sums.x == shown && t.largestWeeklyContributors == 6)
        // Their person rows are gone.
        #expect(try !h.store.reader(datasets: Set(Dataset.allCases)).inlineTotals(from: q3.first, to: q3.last, consent: Policy.defaultAssistantRule)
            .contains { $0.person == h.pseudonym("p1") })
    }
}

/// Periods of a Copilot-only organisation whose person rows are gone (docs/tiers.md).
@Suite("Team totals without Q Developer")
struct TeamTotalsWithoutQDeveloperTests {
    @Test("past the enriched window a Copilot-only period is read from the assistants' team totals; a revocation's week reaching into the next quarter does not send that quarter to Q Developer's weekly tier")
    func copilotOnlyWindows() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("directory.csv", "person_id,team,from,to,github_login\n" + (1...5).map { "p\($0),T,2026-01-01,,octo-p\($0)" }.joined(separator: "\n") + "\n"))
        var lines: [String] = []
        for i in 1...5 {
            for day in ["2026-07-06", "2026-09-29", "2026-10-01"] where i > 1 || day != "2026-10-01" {
                lines.append(AssistantAdoptionStoreTests.copilot("octo-p\(i)", day, scope: "\"organization_id\":\"9\"", generated: 10, accepted: i, added: 3))
            }
        }
        #expect(try h.ingestor.ingest(paths: [try h.folder.write("users-1-day.ndjson", lines.joined(separator: "\n") + "\n")]).rejectedCount == 0)
        let q3 = Period("2026-Q3")!, q4 = Period("2026-Q4")!
        // p1 (no use in October) revokes: the ISO week of 2026-09-28 is frozen as revoked; its Q4 part
        // (from 1 October) held none of p1's use, so it is made from raw rows as usual.
        _ = try h.ingestor.ingest(path: try h.folder.write("consent.csv", "person_id,programme,status,effective\np1,ai-adoption,revoked,2026-10-02\n"))
        _ = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 365, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.periodSource(q4) == .aggregate)
        let q4Totals = try h.store.teamWeekSums(q4)
        let october = q4Totals.first(where: { $0.team == "T" })?.sums.y
        let p2to5: Int64 = 14  // p2..p5 on 1 October: 2 + 3 + 4 + 5
        #expect(october == p2to5)
        // The enriched window passes Q3 (400 days after 2026-07-01): person rows gone, team totals stay.
        _ = try h.store.purge(today: Day(year: 2027, month: 11, day: 10)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t2")
        #expect(try h.store.periodSource(q3) == .aggregate)
        let third = try h.store.teamWeekSums(q3).first(where: { $0.team == "T" })?.sums.y
        let expected: Int64 = 30  // two days each of p1..p5: 2 × (1 + 2 + 3 + 4 + 5)
        #expect(third == expected)
    }
}
