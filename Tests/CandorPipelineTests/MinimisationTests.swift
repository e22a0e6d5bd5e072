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

/// Minimisation at ingest: the policy's per-source allow-lists, prohibited fields, drop counts and
/// the classification of every stored record.
@Suite("Policy gate: allow-lists and classification")
struct MinimisationTests {
    static let base = "version: 1\npurpose: Help teams learn.\nkey_file: k\n"

    @Test("the gate clears exactly the fields not allowed and counts only values it cleared")
    func gateKnownAnswer() throws {
        let gate = FieldGate(family: .github, policy: SourcePolicy(family: .github, dataset: .operational, allowedFields: ["merged_at"]))
        var pr = GitHubPullRequest(repository: "acme/a", number: 1, author: SourcePersonID("x"), authorIsBot: false, state: "closed", draft: false,
                                   createdAt: 1, closedAt: 5, mergedAt: 5, reviewComments: 3, additions: nil, deletions: 2)
        gate.apply(&pr)
        #expect(pr.mergedAt == 5 && pr.closedAt == nil && pr.reviewComments == nil && pr.additions == nil && pr.deletions == nil)
        #expect(pr.number == 1 && pr.createdAt == 1 && pr.state == "closed")
        #expect(gate.drops == ["closed_at": 1, "review_comments": 1, "deletions": 1])
        var counts = [Int64](repeating: 7, count: QDeveloperMetric.allCases.count)
        counts[QDeveloperMetric.acceptedIndex] = 0
        let q = FieldGate(family: .qDeveloper, policy: SourcePolicy(family: .qDeveloper, dataset: .coaching,
                                                                   allowedFields: ["Inline_SuggestionsCount"]))
        q.apply(qDeveloperCounts: &counts)
        #expect(counts[QDeveloperMetric.shownIndex] == 7)
        #expect(counts.filter { $0 == QDeveloperMetric.withheld }.count == QDeveloperMetric.allCases.count - 1)
        #expect(q.drops.count == QDeveloperMetric.allCases.count - 2)  // the zero acceptance count was not a drop
        let open = FieldGate(family: .github, policy: nil)
        var untouched = pr
        open.apply(&untouched)
        #expect(untouched == pr && open.drops.isEmpty)
    }

    @Test("sources, prohibited fields, audiences, targets and the review calendar parse")
    func parsesSchema() throws {
        let p = try Policy.parse(Self.base + """
            prohibited_fields: [file_path]
            sources:
              github: {dataset: operational, fields: [merged_at, closed_at]}
              codeguru-security: {dataset: compliance}
              events: {fields: [tool, language], purpose: Language mix of accepted suggestions for the tools guild}
            audiences:
              all-staff: [coaching]
            targets: {ai.acceptance_rate: 0.3}
            review_calendar:
              - {date: 2026-06-15, name: mid-year reviews}
              - 2026-12-01
            """, path: "p.yml")
        #expect(p.sourcePolicy(for: .github).allowedFields == ["merged_at", "closed_at"])
        #expect(p.sourcePolicy(for: .codeGuruSecurity).allowedFields?.contains("file_path") == false)
        #expect(p.sourcePolicy(for: .codeGuruSecurity).allowedFields?.contains("rule_id") == true)
        #expect(p.sourcePolicy(for: .codeGuruReviewer).allowedFields?.contains("file_path") == false)  // default entry, minus prohibited
        #expect(p.sourcePolicy(for: .qDeveloper).allowedFields == Set(SourceFamily.qDeveloper.usedFields))  // not listed: what the figures read
        #expect(p.audiences[.allStaff] == [.coaching] && p.audiences[.governanceBoard] == [.coaching, .operational])
        #expect(p.targets == ["ai.acceptance_rate": 0.3])
        #expect(p.reviewCalendar.map(\.day.iso8601) == ["2026-06-15", "2026-12-01"])
        #expect(p.reviewCalendar.first?.name == "mid-year reviews")
    }

    @Test("policy mistakes are refused with their line", arguments: [
        ("sources:\n  github: {fields: [body]}", 5, "prohibited"),
        ("sources:\n  github: {fields: [merged_at, colour]}", 5, "no optional field"),
        ("sources:\n  jira: {}", 5, "unknown source"),
        ("sources:\n  github: {dataset: secret}", 5, "dataset"),
        ("prohibited_fields: [shoe_size]", 4, "no source has"),
        ("audiences:\n  all-staff: [compliance]", 5, "may never see"),
        ("audiences:\n  interns: [coaching]", 5, "unknown audience"),
        ("targets: {acceptance: 0.3}", 4, "not a metric id"),
        ("review_calendar: [next tuesday]", 4, "YYYY-MM-DD"),
    ])
    func refused(extra: String, line: Int, message: String) {
        #expect { try Policy.parse(Self.base + extra, path: "p.yml") } throws: { error in
            guard let e = error as? PolicyError else { return false }
            return e.line == line && e.message.contains(message)
        }
    }

    @Test("ingest stores nothing the allow-list leaves out, counts it per field, and classifies every file")
    func ingestDropsAndCounts() throws {
        let folder = try TemporaryFolder()
        let acme = FixtureIngestTests.acme.appendingPathComponent("inputs")
        let policy = try Policy.parse(Self.base + """
            sources:
              github: {dataset: operational, fields: [merged_at, submitted_at]}
              q-developer: {fields: [Inline_AcceptanceCount, Inline_SuggestionsCount]}
            prohibited_fields: [uri]
            """, path: folder.path("policy.yml"))
        let store = try CandorStore(path: folder.path("c.sqlite"))
        var ingestor = Ingestor(store: store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(), now: Date())
        ingestor.policy = policy
        let files = InputDiscovery.expand([acme.appendingPathComponent("github").path, acme.appendingPathComponent("sarif").path,
                                           acme.appendingPathComponent("AWSLogs").path])
        let summary = try ingestor.ingest(paths: files)
        #expect(summary.rejectedCount == 0)
        try store.queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM github_pull_request")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM github_pull_request WHERE closed_at IS NOT NULL OR additions IS NOT NULL") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM github_pull_request WHERE merged_at IS NOT NULL")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sarif_result WHERE uri IS NOT NULL") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM qdev_activity WHERE Chat_MessagesSent IS NOT NULL OR Inline_AICodeLines IS NOT NULL") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT SUM(Inline_AcceptanceCount) FROM qdev_activity")! > 0)
            // Counts per field, equal to the records that had a value.
            let drops = try Row.fetchAll(db, sql: """
                SELECT f.field, SUM(f.records) AS n FROM field_drop f JOIN source_file s ON s.id = f.source_id
                WHERE s.format = 'github-pull-requests' GROUP BY f.field ORDER BY f.field
                """).map { ($0["field"] as String, $0["n"] as Int) }
            #expect(drops.map(\.0) == ["closed_at"])  // the list export has no additions or comment counts to drop
            #expect(drops.allSatisfy { $0.1 > 0 })
            #expect(try Int.fetchOne(db, sql: "SELECT SUM(records) FROM field_drop WHERE field = 'uri'")! > 0)
            // Classification: every file has a category; telemetry files a dataset.
            let classes = try Row.fetchAll(db, sql: "SELECT format, dataset, category FROM source_file")
            #expect(classes.allSatisfy { !($0["category"] as String).isEmpty })
            #expect(classes.filter { $0["format"] == "sarif" }.allSatisfy { $0["dataset"] == "compliance" })
            #expect(classes.filter { $0["format"] == "github-pull-requests" }.allSatisfy { $0["dataset"] == "operational" })
            #expect(classes.filter { $0["format"] == "q-developer-activity" }.allSatisfy { $0["dataset"] == "coaching" })
        }
        // The weekly tiers still add up from the counts that were kept.
        #expect(try store.qDeveloperSums(from: Period("2026-Q3")!.first, to: Period("2026-Q3")!.last).shown > 0)
    }

    @Test("every table the store creates is classified by tier, sensitivity and category")
    func everyTableClassified() throws {
        let folder = try TemporaryFolder()
        let store = try CandorStore(path: folder.path("c.sqlite"))
        try store.queue.read { db in
            let real = "type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
            let main = try String.fetchAll(db, sql: "SELECT name FROM main.sqlite_master WHERE \(real)")
            let catalog = try Row.fetchAll(db, sql: "SELECT table_name, tier, sensitivity, location FROM data_catalog")
            #expect(Set(main) == Set(catalog.filter { $0["location"] == "main" }.map { $0["table_name"] as String }))
            // Every dataset file holds exactly the tables the catalog places in a dataset, and main holds none of them.
            for dataset in Dataset.allCases {
                let tables = try String.fetchAll(db, sql: "SELECT name FROM \(dataset.rawValue).sqlite_master WHERE \(real)")
                #expect(Set(tables) == Set(catalog.filter { $0["location"] == "dataset" }.map { $0["table_name"] as String }))
                #expect(Set(tables).isDisjoint(with: main))
            }
            #expect(catalog.allSatisfy { ["raw", "enriched", "aggregate", "governance"].contains($0["tier"] as String) })
            #expect(catalog.allSatisfy { ["metadata", "derived"].contains($0["sensitivity"] as String) })  // never content
        }
    }
}
