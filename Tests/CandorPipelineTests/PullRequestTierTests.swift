@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorPipeline
import Foundation
import Testing

/// The pull-request tier (docs/tiers.md, step 2): the flow metrics' facts per pull request, made at
/// ingest with the repository directory and the consent registry applied; a purge of raw rows
/// changes none of them.
@Suite("The pull-request tier")
struct PullRequestTierTests {
    static let q3 = Period("2026-Q3")!

    /// Acme's directory, repository directory, pull requests, reviews and review comments.
    static func acme(_ folder: TemporaryFolder, ownership: Bool = true) throws -> (CandorStore, Ingestor, Policy) {
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        let inputs = FixtureIngestTests.acme.appendingPathComponent("inputs")
        let paths = ["directory.csv", "github/pulls", "github/reviews", "github/review-comments"] + (ownership ? ["repositories.csv"] : [])
        let summary = try ingestor.ingest(paths: InputDiscovery.expand(paths.map { inputs.appendingPathComponent($0).path }))
        #expect(summary.rejectedCount == 0)
        return (store, ingestor, ingestor.policy!)
    }

    static func describe(_ facts: [PullRequestFacts]) -> [String] {
        facts.map { "\($0.team ?? "-") \($0.author.prefix(6)) \($0.openedAt) \($0.draft) \($0.authorIsBot) \($0.firstReviewAt ?? -1) \($0.mergedAt ?? -1) \($0.closedAt ?? -1) \($0.reviewComments ?? -1) \($0.approvalCount) \($0.quickApprovals)" }
    }

    @Test("the programmes the tiers are made under are the metrics' own")
    func programmes() {
        #expect(MetricRegistry.reviewPickup.programme == Policy.engineeringProgramme && MetricRegistry.cycleTime.programme == Policy.engineeringProgramme)
        #expect(MetricRegistry.acceptanceRate.programme == Policy.assistantProgramme && MetricRegistry.activeShare.programme == Policy.assistantProgramme)
    }

    @Test("a purge of every raw pull request, review and comment changes no flow fact, and no flow figure")
    func purgeChangesNothing() throws {
        let folder = try TemporaryFolder()
        let (store, _, policy) = try Self.acme(folder)
        let consent = policy.consentRule(for: Policy.engineeringProgramme)
        let before = Self.describe(try store.pullRequestFacts(Self.q3, consent: consent))
        #expect(before.count > 100 && before.contains { !$0.hasPrefix("-") })
        let flow = { (facts: [PullRequestFacts]) -> [String] in
            ByTeam(facts, \.team).all.isEmpty ? [] : Set(facts.compactMap(\.team)).sorted().map { team in
                let mine = facts.filter { $0.team == team }
                let pickup = FlowMetrics.reviewPickup(mine, team: team, periodEnd: 1_790_000_000)
                let cycle = FlowMetrics.cycleTime(mine, team: team, seed: 7)
                return "\(team) \(pickup.estimate ?? -1) \(String(describing: pickup.interval)) \(cycle.estimate ?? -1) \(String(describing: cycle.interval))"
            }
        }
        let figures = flow(try store.pullRequestFacts(Self.q3, consent: consent))
        let result = try store.purge(today: Day(year: 2027, month: 3, day: 1)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                                     revocationProgramme: "ai-adoption", time: "t")
        #expect(result.total > 0)
        let counts = try store.tableCounts()
        #expect(counts["github_pull_request"] == 0 && counts["github_review"] == 0 && counts["github_review_comment"] == 0)
        #expect(Self.describe(try store.pullRequestFacts(Self.q3, consent: consent)) == before)
        #expect(flow(try store.pullRequestFacts(Self.q3, consent: consent)) == figures)
        // A consent change after the purge remakes what it can; frozen pull requests stay as first made.
        try store.transaction { try $0.refreshAllTeamWeeks(consent: nil) }
        #expect(Self.describe(try store.reader(datasets: Set(Dataset.allCases)).pullRequestFacts(Self.q3, consent: consent)) == before)
    }

    @Test("a repository directory that arrives later places the pull requests it owns (the keys changed: the tier is made again)")
    func ownershipLater() throws {
        let folder = try TemporaryFolder()
        let (store, ingestor, policy) = try Self.acme(folder, ownership: false)
        let consent = policy.consentRule(for: Policy.engineeringProgramme)
        #expect(try store.pullRequestFacts(Self.q3, consent: consent).allSatisfy { $0.team == nil })
        _ = try ingestor.ingest(paths: [FixtureIngestTests.acme.appendingPathComponent("inputs/repositories.csv").path])
        let placed = try store.reader(datasets: Set(Dataset.allCases))
        try placed.useRepositoryNaming(policy.repositories)
        let facts = try placed.pullRequestFacts(Self.q3, consent: consent)
        #expect(facts.contains { $0.team == "Checkout" } && facts.filter { $0.team == nil }.count < facts.count / 10)
    }

    @Test("a handle that cannot write refuses a stale pull-request tier, or one made under another naming or programme")
    func staleRefused() throws {
        let folder = try TemporaryFolder()
        let (store, ingestor, policy) = try Self.acme(folder)
        let consent = policy.consentRule(for: Policy.engineeringProgramme)
        let reader = try store.reader(datasets: Set(Dataset.allCases))
        try reader.useRepositoryNaming(policy.repositories)
        let before = try reader.pullRequestFacts(Self.q3, consent: consent)
        #expect(!before.isEmpty)
        // One more review stored; the tier not yet made again.
        let review = try folder.write("review.json", """
            [{"id": 99999001, "user": {"login": "someone-new", "type": "User"}, "state": "APPROVED", "submitted_at": "2026-07-02T10:00:00Z",
              "pull_request_url": "https://api.github.com/repos/acme/checkout-web/pulls/1"}]
            """)
        let outcome = try ingestor.ingest(path: review)
        #expect(outcome.status != .rejected, "\(outcome.diagnostics)")
        #expect { _ = try reader.pullRequestFacts(Self.q3, consent: consent).count } throws: { error in
            (error as? StoreError)?.message.contains("1 pull request changed") == true && (error as? StoreError)?.hint.contains("candor ingest") == true
        }
        try ingestor.refreshTiers()
        #expect(try reader.pullRequestFacts(Self.q3, consent: consent).count == before.count)
        // Another programme's rule, or another naming: refused.
        #expect { _ = try reader.pullRequestFacts(Self.q3, consent: ConsentRule(programme: "self-view", required: false)).count } throws: { $0 is StoreError }
        try reader.useRepositoryNaming(RepositoryNaming(owner: "someone-else"))
        #expect { _ = try reader.pullRequestFacts(Self.q3, consent: consent).count } throws: { ($0 as? StoreError)?.message.contains("repository naming") == true }
    }

    @Test("a pending review (no submitted_at) does not freeze a recent pull request at purge: its later approval is seen")
    func pendingReviewDoesNotFreeze() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(paths: [
            try h.folder.write("pulls-1.json", #"[{"number":1,"state":"open","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2027-01-10T09:00:00Z","merged_at":null,"closed_at":null,"base":{"repo":{"full_name":"acme/checkout"}}}]"#),
            try h.folder.write("reviews-1.json", #"[{"id":80,"user":{"login":"bob","type":"User"},"state":"PENDING","submitted_at":null,"pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#),
        ])
        _ = try h.store.purge(today: Day(year: 2027, month: 1, day: 20)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.tableCounts()["github_pull_request"] == 1)
        _ = try h.ingestor.ingest(paths: [
            try h.folder.write("reviews-2.json", #"[{"id":81,"user":{"login":"carol","type":"User"},"state":"APPROVED","submitted_at":"2027-01-20T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#),
        ])
        let facts = try h.store.pullRequestFacts(Period("2027-Q1")!, consent: Policy.defaultEngineeringRule)
        #expect(facts.count == 1 && facts.first?.approvalCount == 1)
    }

    @Test("without its own comment count or a review-comments export of its repository, a pull request's count is unknown, not 0; the repository's first export makes it known, in either order")
    func unknownCommentCount() throws {
        let h = try IngestHarness()
        // The list endpoint's shape: no review_comments field.
        func pull(_ n: Int) -> String {
            #"{"number":\#(n),"state":"closed","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-08-10T09:00:00Z","merged_at":"2026-08-11T09:00:00Z","closed_at":"2026-08-11T09:00:00Z","base":{"repo":{"full_name":"acme/checkout"}}}"#
        }
        func approval(_ n: Int) -> String {
            #"{"id":\#(80 + n),"user":{"login":"carol","type":"User"},"state":"APPROVED","submitted_at":"2026-08-10T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/\#(n)"}"#
        }
        _ = try h.ingestor.ingest(paths: [try h.folder.write("pulls.json", "[\(pull(1)),\(pull(2))]"),
                                          try h.folder.write("reviews.json", "[\(approval(1)),\(approval(2))]")])
        let before = try h.store.pullRequestFacts(Self.q3, consent: Policy.defaultEngineeringRule)
        #expect(before.count == 2 && before.allSatisfy { $0.reviewComments == nil }, "\(before.map(\.reviewComments))")
        #expect(FlowMetrics.reviewDepth(before, team: nil).withoutComments.estimate == nil, "no count known: no value, never 100% silent")
        // A comment on pull request 2, in a later file: pull request 1 is now known to have none.
        _ = try h.ingestor.ingest(path: try h.folder.write("comments.json",
            #"[{"id":10,"pull_request_review_id":82,"user":{"login":"carol"},"created_at":"2026-08-10T11:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/2"}]"#))
        let after = try h.store.pullRequestFacts(Self.q3, consent: Policy.defaultEngineeringRule)
        #expect(after.count == 2 && after.compactMap(\.reviewComments).sorted() == [0, 1])
        #expect(FlowMetrics.reviewDepth(after, team: nil).withoutComments.estimate == 0.5)
    }

    @Test("a review stored in another dataset file (the policy moved the source) reaches its pull request's fact")
    func reviewInAnotherFile() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Policy.parse(MinimisationTests.base, path: h.folder.path("policy.yml"))
        _ = try ingestor.ingest(paths: [
            try h.folder.write("pulls.json", #"[{"number":1,"state":"open","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-08-10T09:00:00Z","merged_at":null,"closed_at":null,"base":{"repo":{"full_name":"acme/checkout"}}}]"#),
        ])
        ingestor.policy = try Policy.parse(MinimisationTests.base + "sources:\n  github: {dataset: compliance}\n", path: h.folder.path("policy-2.yml"))
        let outcome = try ingestor.ingest(paths: [
            try h.folder.write("reviews.json", #"[{"id":81,"user":{"login":"carol","type":"User"},"state":"APPROVED","submitted_at":"2026-08-11T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#),
        ])
        #expect(outcome.rejectedCount == 0)
        let facts = try h.store.pullRequestFacts(Self.q3, consent: Policy.defaultEngineeringRule)
        #expect(facts.count == 1 && facts.first?.approvalCount == 1 && facts.first?.firstReviewAt != nil)
    }

    @Test("a deployment naming a new repository re-resolves the teams, without remaking any pull request's fact")
    func newRepositoryRemakesNothing() throws {
        let h = try IngestHarness()
        var pulls = ""
        for i in 1...500 {
            pulls += #"{"number":\#(i),"state":"open","draft":false,"user":{"login":"a\#(i % 50)","type":"User"},"created_at":"2026-07-01T09:00:00Z","merged_at":null,"base":{"repo":{"full_name":"acme/mono"}}}"# + "\n"
        }
        _ = try h.ingestor.ingest(paths: [try h.folder.write("pulls.ndjson", pulls), try h.folder.write("repositories.csv", "repository,team,from,to\nacme/mono,T,2026-01-01,\n")])
        let request = TierRequest(assistants: .rule(Policy.defaultAssistantRule), pullRequests: .rule(Policy.defaultEngineeringRule), naming: RepositoryNaming())
        #expect(try h.store.refreshTiers(request).isEmpty)
        _ = try h.ingestor.ingest(path: try h.folder.write("deployments.csv",
            "deployment_id,repository,environment,started_at,finished_at,result\nd-1,acme/other,production,2026-07-01T09:00:00Z,2026-07-01T09:12:00Z,success\n"))
        let made = try h.store.refreshTiers(request)
        #expect(made.pullRequests == 0, "a deployment of an unrelated repository remade \(made.pullRequests) pull requests")
        #expect(try h.store.pullRequestFacts(Self.q3, consent: Policy.defaultEngineeringRule).filter { $0.team == "T" }.count == 500)
        // A repository directory that moves the repository: every team follows, still without a remake.
        _ = try h.ingestor.ingest(path: try h.folder.write("repositories-2.csv", "repository,team,from,to\nacme/mono,U,2026-01-01,\n"))
        #expect(try h.store.refreshTiers(request).pullRequests == 0)
        #expect(try h.store.pullRequestFacts(Self.q3, consent: Policy.defaultEngineeringRule).filter { $0.team == "U" }.count == 500)
    }

    @Test("purge under the engineering-metrics programme removes a revoked author's pull requests, reviews and facts, and nothing of the AI-assistant records; an unknown programme is refused")
    func engineeringRevocation() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(paths: [
            try h.folder.write("directory.csv", "person_id,team,from,to,github_login\np-alice,T,2026-01-01,,alice\np-bob,T,2026-01-01,,bob\n"),
            try h.folder.write("pulls.json", #"[{"number":1,"state":"open","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-08-10T09:00:00Z","merged_at":null,"closed_at":null,"base":{"repo":{"full_name":"acme/checkout"}}},{"number":2,"state":"open","draft":false,"user":{"login":"bob","type":"User"},"created_at":"2026-08-11T09:00:00Z","merged_at":null,"closed_at":null,"base":{"repo":{"full_name":"acme/checkout"}}}]"#),
            try h.folder.write("reviews.json", #"[{"id":81,"user":{"login":"alice","type":"User"},"state":"APPROVED","submitted_at":"2026-08-12T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/2"}]"#),
            try h.folder.write("q.csv", "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\np-alice,2026-08-10,1,4\n"),
            try h.folder.write("consent.csv", "person_id,programme,status,effective\np-alice,engineering-metrics,revoked,2026-09-01\n"),
        ])
        #expect(try h.store.pullRequestFacts(Self.q3, consent: nil).count == 2)
        #expect { _ = try h.store.purge(today: Day(year: 2026, month: 9, day: 20)!, retention: .init(rawDays: 365, enrichedDays: 400, aggregateDays: 1825),
                                        revocationProgramme: "self-view", time: "t") } throws: { ($0 as? StoreError)?.hint.contains("--programme") == true }
        _ = try h.store.purge(today: Day(year: 2026, month: 9, day: 20)!, retention: .init(rawDays: 365, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: Policy.engineeringProgramme, time: "t")
        let counts = try h.store.tableCounts()
        #expect(counts["github_pull_request"] == 1 && counts["github_review"] == 0)
        #expect(counts["qdev_activity"] == 1)  // another programme's records stay
        let facts = try h.store.pullRequestFacts(Self.q3, consent: nil)
        #expect(facts.count == 1 && facts.first?.author == h.pseudonym("bob") && facts.first?.approvalCount == 0)
    }
}
