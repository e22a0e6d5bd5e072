@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorPipeline
import Foundation
import GRDB
import Testing

/// What minimising the stored records (issue 20, item 7) must not break: the tiers made from what it
/// clears, the days it deletes records on, the facts retention froze, and the retention horizon.
@Suite("Minimisation of stored records")
struct StoredMinimisationTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
    static let programmes = [Policy.assistantProgramme, Policy.engineeringProgramme]

    static func policy(_ sources: String, _ folder: TemporaryFolder) throws -> Policy {
        try Policy.parse(FieldMapTests.base + (sources.isEmpty ? "" : "sources:\n" + sources), path: folder.path(UUID().uuidString + ".yml"))
    }

    static func personWeekSums(_ store: CandorStore) throws -> (accepted: Int64, shown: Int64) {
        try store.queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(accepted), 0), COALESCE(SUM(shown), 0) FROM qdev_person_week")!
            return (row[0], row[1])
        }
    }

    @Test("Q Developer counts cleared leave no count in the weekly tiers; brought back, they count once; no retention horizon is recorded")
    func weeklyTiersFollowClearedCounts() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Self.policy("", h.folder)
        let file = try h.folder.write("q.csv", "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount,Inline_AICodeLines\np1,2026-09-01,3,10,12\np1,2026-09-02,1,10,4\n")
        _ = try ingestor.ingest(path: file)
        #expect(try h.store.aggregateTotals(team: "") == (4, 20))
        #expect(try Self.personWeekSums(h.store) == (4, 20))

        let narrow = try Self.policy("  q-developer: {fields: [Inline_AICodeLines]}\n", h.folder)
        let result = try RetentionGate.purge(policy: narrow, store: h.store, now: Self.now, programmes: Self.programmes, actor: "test")
        #expect(result.removed.contains { $0.tier == PurgeWording.cleared && $0.reason == "q-developer fields the policy does not keep" && $0.rows == 2 },
                "\(result.removed)")
        #expect(try Self.personWeekSums(h.store) == (0, 0), "the person weeks hold no count the rows no longer have")
        #expect(try h.store.aggregateTotals(team: "") == (0, 0), "nor do the team weeks")
        // Nothing was past a window: the reports must not say retention deleted any of the period.
        #expect(try h.store.rawRetentionHorizon() == nil)

        // The policy keeps the counts again and the file is read again: each counts once.
        ingestor.force = true
        _ = try ingestor.ingest(path: file)
        #expect(try Self.personWeekSums(h.store) == (4, 20))
        #expect(try h.store.aggregateTotals(team: "") == (4, 20))

        // A purge that deletes past a window does record how far back it reached.
        _ = try ingestor.ingest(path: try h.folder.write("old.csv", "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\np1,2026-05-01,1,2\n"))
        _ = try RetentionGate.purge(policy: try Self.policy("", h.folder), store: h.store, now: Self.now, programmes: Self.programmes, actor: "test")
        #expect(try h.store.rawRetentionHorizon() == Day(year: 2026, month: 6, day: 23))
    }

    @Test("a review whose submission time the policy stops keeping stays with its pull request, and its day stays counted")
    func reviewWithoutTime() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Self.policy("", h.folder)
        _ = try ingestor.ingest(paths: [
            try h.folder.write("pulls.json", #"[{"number":1,"state":"open","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-09-01T09:00:00Z","merged_at":null,"closed_at":null,"base":{"repo":{"full_name":"acme/checkout"}}}]"#),
            try h.folder.write("reviews.json", #"[{"id":81,"user":{"login":"bob","type":"User"},"state":"APPROVED","submitted_at":"2026-09-03T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#),
        ])
        let narrow = try Self.policy("  github: {fields: [closed_at, merged_at, review_comments]}\n", h.folder)
        for _ in 0..<2 {
            let result = try RetentionGate.purge(policy: narrow, store: h.store, now: Self.now, programmes: Self.programmes, actor: "test")
            #expect(!result.removed.contains { $0.reason.hasPrefix("older than") && $0.rows > 0 }, "\(result.removed)")
        }
        #expect(try h.store.tableCounts()["github_review"] == 1, "the review goes with its pull request, not at the next purge")
        let kept = try h.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT day FROM source_day_kept WHERE family = 'github' ORDER BY day")
        }
        #expect(kept.contains("2026-09-03"), "the day the review was on still counts in \"records on N of M days\"")
    }

    @Test("a frozen pull request keeps its merge time when the policy stops keeping it in the raw rows")
    func frozenFactKeepsMerge() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Self.policy("", h.folder)
        // Opened and first reviewed in May (before the 90-day window of 2026-09-21), merged in September:
        // the window freezes the fact and keeps the pull request's raw row.
        _ = try ingestor.ingest(paths: [
            try h.folder.write("pulls.json", #"[{"number":1,"state":"closed","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-05-01T09:00:00Z","merged_at":"2026-09-10T10:00:00Z","closed_at":"2026-09-10T10:00:00Z","base":{"repo":{"full_name":"acme/checkout"}}}]"#),
            try h.folder.write("reviews.json", #"[{"id":81,"user":{"login":"bob","type":"User"},"state":"APPROVED","submitted_at":"2026-05-02T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#),
        ])
        let merged = Timestamp.parseISO8601("2026-09-10T10:00:00Z")
        _ = try RetentionGate.purge(policy: try Self.policy("", h.folder), store: h.store, now: Self.now, programmes: Self.programmes, actor: "test")
        #expect(try h.store.tableCounts()["github_pull_request"] == 1)
        #expect(try h.store.pullRequestFacts(Period("2026-Q2")!, consent: Policy.defaultEngineeringRule).first?.mergedAt == merged)
        let narrow = try Self.policy("  github: {fields: [review_comments, submitted_at]}\n", h.folder)
        _ = try RetentionGate.purge(policy: narrow, store: h.store, now: Self.now, programmes: Self.programmes, actor: "test")
        let fact = try #require(try h.store.pullRequestFacts(Period("2026-Q2")!, consent: Policy.defaultEngineeringRule).first)
        #expect(fact.mergedAt == merged && fact.closedAt == merged, "what the fact was made with stays")
    }

    @Test("a frozen pull request reopened is open again, though a close time the policy stopped keeping stays")
    func frozenFactReopened() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Self.policy("", h.folder)
        func pulls(_ name: String, state: String, closed: String?) throws -> String {
            try h.folder.write(name, #"[{"number":1,"state":"\#(state)","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-05-01T09:00:00Z","merged_at":null,"closed_at":\#(closed.map { "\"\($0)\"" } ?? "null"),"base":{"repo":{"full_name":"acme/checkout"}}}]"#)
        }
        _ = try ingestor.ingest(paths: [
            try pulls("pulls.json", state: "closed", closed: "2026-09-10T10:00:00Z"),
            try h.folder.write("reviews.json", #"[{"id":81,"user":{"login":"bob","type":"User"},"state":"COMMENTED","submitted_at":"2026-05-02T12:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/1"}]"#),
        ])
        _ = try RetentionGate.purge(policy: try Self.policy("", h.folder), store: h.store, now: Self.now, programmes: Self.programmes, actor: "test")
        let q2 = Period("2026-Q2")!
        #expect(try h.store.pullRequestFacts(q2, consent: Policy.defaultEngineeringRule).first?.closedAt == Timestamp.parseISO8601("2026-09-10T10:00:00Z"))
        // Closed, its close time no longer kept by the policy: the fact keeps it.
        let narrow = try Self.policy("  github: {fields: [merged_at, review_comments, submitted_at]}\n", h.folder)
        _ = try RetentionGate.purge(policy: narrow, store: h.store, now: Self.now, programmes: Self.programmes, actor: "test")
        #expect(try h.store.pullRequestFacts(q2, consent: Policy.defaultEngineeringRule).first?.closedAt == Timestamp.parseISO8601("2026-09-10T10:00:00Z"))
        // Reopened on GitHub: the next export says open, and so does the fact.
        _ = try ingestor.ingest(path: try pulls("pulls-2.json", state: "open", closed: nil))
        let reopened = try h.store.pullRequestFacts(q2, consent: Policy.defaultEngineeringRule).first
        #expect(reopened != nil && reopened?.closedAt == nil)
    }

    @Test("a closed CodeGuru Security finding without its closing time is neither open nor fixed at its opening")
    func closedWithoutTime() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Self.policy("  codeguru-security: {fields: [type, detector_id, rule_id]}\n", h.folder)
        let text = #"{"findings":[\#(CodeGuruSecurityTests.finding("f-1")),\#(CodeGuruSecurityTests.finding("f-2", status: "Closed"))]}"#
        #expect(try ingestor.ingest(path: try h.folder.write("findings.json", text)).status == .ingested(rows: 2))
        let outcomes = try h.store.codeGuruSecurityOutcomes()
        #expect(outcomes.count == 1 && outcomes.first?.history.state == .open, "\(outcomes)")
        #expect(!outcomes.contains { $0.history.closedAt == $0.history.firstSeen })
    }

    @Test("Copilot's feature breakdown dropped is counted: its rows deleted, the days marked withheld")
    func copilotBreakdownCounted() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Self.policy("", h.folder)
        _ = try ingestor.ingest(path: try h.folder.write("users.json", #"{"day_totals":[{"user_login":"a","day":"2026-09-07","organization_id":"1","code_acceptance_activity_count":12,"code_generation_activity_count":20,"totals_by_feature":[{"feature":"code_completion","code_generation_activity_count":20,"code_acceptance_activity_count":12}]}]}"#))
        let rows = { try h.store.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM copilot_user_feature_day") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM copilot_user_day WHERE features_withheld = 1") ?? 0)
        } }
        #expect(try rows() == (1, 0))
        let narrow = try Self.policy("  copilot: {fields: []}\n", h.folder)
        let result = try RetentionGate.purge(policy: narrow, store: h.store, now: Self.now, programmes: Self.programmes, actor: "test")
        #expect(try rows() == (0, 1))
        let cleared = result.removed.filter { $0.tier == PurgeWording.cleared && $0.reason == "copilot fields the policy does not keep" }
        #expect(cleared.reduce(0) { $0 + $1.rows } == 1, "the day marked withheld: \(result.removed)")
        #expect(result.removed.contains { $0.tier == "raw" && $0.reason == "copilot feature breakdown the policy does not keep" && $0.rows == 1 },
                "the breakdown's own row is deleted, and counted as deleted: \(result.removed)")
        #expect(PurgeWording.describe((PurgeWording.cleared, "copilot fields the policy does not keep", 2)) == "fields cleared in 2 rows (copilot fields the policy does not keep)")
    }
}
