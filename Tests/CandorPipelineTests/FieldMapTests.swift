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

/// Minimal by default (issue 20, item 7): the field map says what reads every optional field, the
/// starter policy and a source the policy does not list keep exactly those fields, `policy check`
/// says per field what reads it, and records no figure reads are stored only under a stated purpose.
@Suite("Policy gate: minimal by default")
struct FieldMapTests {
    static let base = "version: 1\npurpose: Help teams learn.\nkey_file: k\n"

    @Test("the field map names every optional field once, and only registry metrics that read the source, detectors and the security review")
    func mapHeldToRegistry() throws {
        let detectors = Set(Detectors.all.map(\.id))
        for family in SourceFamily.allCases {
            let readers = family.fieldReaders
            #expect(Set(readers.keys) == Set(family.optionalFields), "\(family.rawValue): every optional field needs a decision in the map")
            for (field, users) in readers {
                for user in users {
                    switch user {
                    case .metric(let id):
                        let metric = try #require(MetricRegistry.metric(MetricID(rawValue: id)), "\(family.rawValue).\(field): \(id) is not a registry metric")
                        #expect(metric.sources.contains(family), "\(family.rawValue).\(field) is read by \(id), whose sources do not list \(family.rawValue)")
                    case .signal(let id):
                        #expect(detectors.contains(id), "\(family.rawValue).\(field): \(id) is not a detector")
                    case .securityReview:
                        #expect(family.defaultDataset == .compliance, "only security findings feed the security review")
                    }
                }
            }
            for (field, needs) in family.fieldRequirements {
                #expect(readers[field] != nil && needs.allSatisfy { readers[$0] != nil }, "\(family.rawValue).\(field)")
            }
        }
        // Leading without outcome reads every leading adoption metric and its paired outcome: each field
        // either reads says so.
        for leading in MetricRegistry.all where leading.kind == .leading && leading.dimension == .adoption {
            for metric in [leading.id.rawValue, leading.pairedWith.rawValue] {
                for family in SourceFamily.allCases {
                    for (field, users) in family.fieldReaders where users.contains(.metric(metric)) {
                        #expect(users.contains(.signal("leading-without-outcome")), "\(family.rawValue).\(field) is read by \(metric), which leading-without-outcome reads")
                    }
                }
            }
        }
        // Known answers, traced by hand: what nothing reads stays out.
        #expect(SourceFamily.github.usedFields == ["closed_at", "merged_at", "review_comments", "submitted_at"])
        #expect(SourceFamily.sarif.usedFields == ["baseline_state", "suppression"])
        #expect(SourceFamily.events.usedFields.sorted() == ["suggestion_id", "tool"])
        #expect(SourceFamily.codeGuruSecurity.usedFields == ["type", "detector_id", "rule_id", "updated_at"])
        #expect(!SourceFamily.qDeveloper.usedFields.contains("Chat_MessagesSent"))
    }

    @Test("the starter policy keeps exactly the union of what the registry's metrics, the detectors and the security review read")
    func starterIsTheRegistryUnion() throws {
        let starter = try Policy.parse(StarterPolicy.text, path: "/x/policy.yml")
        for family in SourceFamily.allCases {
            let union = Set(family.fieldReaders.filter { !$0.value.isEmpty }.keys)
            let kept = try #require(starter.sourcePolicy(for: family).allowedFields, "\(family.rawValue) keeps every field")
            #expect(kept == union, "\(family.rawValue): starter keeps \(kept.sorted()), the registry reads \(union.sorted())")
            #expect(starter.sources[family] != nil, "\(family.rawValue) is listed, so a reader of the policy sees it")
            #expect(starter.sourcePolicy(for: family).purpose == nil)
        }
        // The metrics' side: every metric that reads an optional field is in the map under its source.
        let mapped = Set(SourceFamily.allCases.flatMap { $0.fieldReaders.values.flatMap { $0 } })
        for id in ["ai.acceptance_rate", "ai.accepted_lines_per_active_day", "ai.persistence", "quality.new_findings_rate", "quality.time_to_fix",
                   "quality.suppression_share", "quality.open_high_severity", "flow.review_pickup", "flow.cycle_time", "flow.review_depth",
                   "outcome.change_failure_rate", "outcome.defect_escape", "outcome.restore_time"] {
            #expect(mapped.contains(.metric(id)), "\(id) reads an optional field the map does not give it")
        }
    }

    @Test("docs/policy.md's table of what reads each field is the map, row for row")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/policy.md"), encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "### What reads each field").dropFirst().first?.components(separatedBy: "\n### ").first)
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.map(String.init)
        var expected: [String] = []
        for family in SourceFamily.allCases {
            let readers = family.fieldReaders
            for field in family.usedFields {
                let users = readers[field]!.sorted().map { r -> String in
                    if case .metric(let id) = r { return "`\(id)`" }
                    return r.description
                }
                expected.append("| `\(family.rawValue)` | `\(field)` | \(users.joined(separator: ", ")) |")
            }
        }
        #expect(rows == expected, "regenerate the table from `candor policy check` on a policy that keeps every field")
    }

    @Test("a source the policy does not list keeps what the figures read; `used`, `all`, purpose and lists parse")
    func defaults() throws {
        let p = try Policy.parse(Self.base + """
            sources:
              github: {fields: used}
              delivery: {fields: all, purpose: "Incident reviews by the SRE guild, quarterly"}
              sarif: {fields: [uri, baseline_state], purpose: "Hotspot review by the AppSec team"}
            """, path: "p.yml")
        #expect(p.sourcePolicy(for: .qDeveloper).allowedFields == Set(SourceFamily.qDeveloper.usedFields))
        #expect(p.sourcePolicy(for: .github).allowedFields == Set(SourceFamily.github.usedFields))
        #expect(p.sourcePolicy(for: .delivery).allowedFields == nil && p.sourcePolicy(for: .delivery).purpose == "Incident reviews by the SRE guild, quarterly")
        #expect(p.sourcePolicy(for: .sarif).allowedFields == ["uri", "baseline_state"])
        let lines = p.summaryLines
        #expect(lines.contains("    github: operational dataset"))
        #expect(lines.contains("      keeps merged_at: flow.cycle_time"))
        #expect(lines.contains("      drops additions, deletions, review_id: no published figure reads them"))
        #expect(lines.contains("      keeps component: no published figure reads it (kept for the purpose above)"))
        #expect(lines.contains("      purpose beyond the published figures: Incident reviews by the SRE guild, quarterly"))
        #expect(lines.contains("      keeps uri: no published figure reads it (kept for the purpose above)"))
        #expect(lines.contains("      drops suppression, which quality.open_high_severity, quality.suppression_share, quality.time_to_fix, signal suppression-instead-of-fixing, security review read: expect no data or a partial figure there"))
        #expect(lines.contains("    q-developer: coaching dataset (not listed: keeps what the figures read)"))
    }

    @Test("a policy is refused, at the line that says it, when it splits counts read against each other or keeps what no figure reads without a purpose", arguments: [
        ("sources:\n  q-developer: {fields: [Inline_AcceptanceCount]}", 5, "would keep Inline_AcceptanceCount but not Inline_SuggestionsCount"),
        ("sources:\n  codeguru-reviewer: {fields: [suppressed_lines], purpose: x}", 5, "would keep suppressed_lines but not metered_lines"),
        // Block style: the line of fields:, not of the entry.
        ("sources:\n  codeguru-reviewer:\n    dataset: operational\n    fields: [suppressed_lines]", 7, "would keep suppressed_lines but not metered_lines"),
        // A source not listed, split by prohibited_fields: the line of prohibited_fields.
        ("prohibited_fields: [Inline_SuggestionsCount]", 4, "would keep Inline_AcceptanceCount but not Inline_SuggestionsCount"),
        ("prohibited_fields: [metered_lines]", 4, "would keep suppressed_lines but not metered_lines"),
        ("sources:\n  github: {fields: all}", 5, "sources.github keeps additions, deletions, review_id that no published figure reads, without a purpose"),
        ("sources:\n  events: {fields: [suggestion_id, tool, language]}", 5, "sources.events keeps language that no published figure reads"),
        ("sources:\n  github: {purpose: \"  \"}", 5, "purpose must be one sentence on one line"),
        ("sources:\n  github:\n    purpose: |\n      two\n      lines", 6, "purpose must be one sentence on one line"),
    ])
    func refused(text: String, line: Int, message: String) {
        #expect { try Policy.parse(Self.base + text + "\n", path: "p.yml") } throws: { error in
            let e = error as? PolicyError
            return e?.message.contains(message) == true && e?.line == line
        }
    }

    @Test("prohibiting both of a pair, or keeping what no figure reads under a purpose, is accepted")
    func accepted() throws {
        let both = try Policy.parse(Self.base + "prohibited_fields: [Inline_AcceptanceCount, Inline_SuggestionsCount]\n", path: "p.yml")
        #expect(both.sourcePolicy(for: .qDeveloper).allowedFields == ["Inline_AICodeLines"])
        let kept = try Policy.parse(Self.base + "sources:\n  github: {fields: all, purpose: Change-size study by the platform team}\n", path: "p.yml")
        #expect(kept.sourcePolicy(for: .github).allowedFields == nil)
    }

    @Test("records stored under a wider policy are minimised by the next purge: fields cleared, unread records deleted, the purge logged")
    func minimisesWhatIsStored() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Policy.parse(Self.base + """
            sources:
              github: {fields: all, purpose: Change-size study}
              events: {fields: all, purpose: IDE study}
            """ + "\n", path: h.folder.path("wide.yml"))
        _ = try ingestor.ingest(path: try h.folder.write("pulls.json",
            #"[{"number":1,"state":"open","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-09-20T09:00:00Z","merged_at":null,"closed_at":null,"additions":12,"deletions":3,"base":{"repo":{"full_name":"acme/checkout"}}}]"#))
        _ = try ingestor.ingest(path: try h.folder.write("ide.jsonl", """
            {"id":"e1","type":"suggestion.shown","time":"2026-09-21T10:00:00Z","actor":"ana","attributes":{"suggestion_id":"s1","tool":"q"}}
            {"id":"e2","type":"suggestion.accepted","time":"2026-09-21T10:00:05Z","actor":"ana","attributes":{"suggestion_id":"s1","tool":"q","language":"swift"}}

            """))
        func held() throws -> (additions: Int, events: [String], language: Int) {
            try h.store.queue.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM github_pull_request WHERE additions IS NOT NULL OR deletions IS NOT NULL") ?? 0,
                 try String.fetchAll(db, sql: "SELECT type FROM tool_event ORDER BY time"),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tool_event_attribute WHERE name = 'language'") ?? 0)
            }
        }
        #expect(try held().additions == 1 && held().events.count == 2 && held().language == 1)
        // The policy now keeps what the figures read: the next purge takes the rest away, and says so.
        let narrow = try Policy.parse(Self.base, path: h.folder.path("narrow.yml"))
        let result = try RetentionGate.purge(policy: narrow, store: h.store, now: Date(timeIntervalSince1970: 1_790_000_000),
                                             programmes: [Policy.assistantProgramme, Policy.engineeringProgramme], actor: "test")
        #expect(try held().additions == 0 && held().events == ["suggestion.accepted"] && held().language == 0)
        let reasons = result.removed.filter { $0.rows > 0 }.map(\.reason)
        #expect(reasons.contains("github fields the policy does not keep") && reasons.contains("events records no published figure reads")
                && reasons.contains("events fields the policy does not keep"), "\(result.removed)")
        // A second purge finds nothing more to minimise.
        let again = try RetentionGate.purge(policy: narrow, store: h.store, now: Date(timeIntervalSince1970: 1_790_000_000),
                                            programmes: [Policy.assistantProgramme], actor: "test")
        #expect(!again.removed.contains { $0.reason.contains("policy does not keep") || $0.reason.contains("no published figure reads") })
    }

    @Test("events no figure reads, and exports no figure reads, are read and not stored unless the policy states a purpose")
    func unreadRecords() throws {
        let folder = try TemporaryFolder()
        let events = try folder.write("ide.jsonl", """
            {"id":"e1","type":"suggestion.shown","time":"2026-07-01T10:00:00Z","actor":"ana","attributes":{"suggestion_id":"s1","tool":"q"}}
            {"id":"e2","type":"suggestion.accepted","time":"2026-07-01T10:00:05Z","actor":"ana","attributes":{"suggestion_id":"s1","tool":"q","language":"swift"}}
            {"id":"e3","type":"ci.build","time":"2026-07-01T11:00:00Z","attributes":{"pipeline":"main","status":"ok"}}
            {"id":"e4","type":"suggestion.reverted","time":"2026-07-02T09:00:00Z","actor":"ana","attributes":{"suggestion_id":"s1"}}

            """)
        let legacy = try folder.write("legacy.json", #"[{"date":"2026-07-01","total_active_users":4,"total_engaged_users":3,"copilot_ide_code_completions":{"total_engaged_users":3,"editors":[]}}]"#)

        func ingest(_ policyText: String) throws -> (types: [String], languages: Int, legacy: FileOutcome, eventsOutcome: FileOutcome) {
            let store = try CandorStore(path: folder.path(UUID().uuidString + ".sqlite"))
            var ingestor = Ingestor(store: store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(),
                                    now: Date(timeIntervalSince1970: 1_790_000_000), scope: "org:acme")
            ingestor.policy = try Policy.parse(Self.base + policyText, path: folder.path("p.yml"))
            let e = try ingestor.ingest(path: events)
            let l = try ingestor.ingest(path: legacy)
            let types = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT type FROM tool_event ORDER BY time") }
            let languages = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tool_event_attribute WHERE name = 'language'") ?? 0 }
            return (types, languages, l, e)
        }
        let minimal = try ingest("")
        #expect(minimal.types == ["suggestion.accepted", "suggestion.reverted"], "shown and the system event feed no figure")
        #expect(minimal.languages == 0, "language is dropped by default")
        #expect(minimal.eventsOutcome.diagnostics.contains { $0.code == "EVT022" && $0.message.contains("2 events no published figure reads") })
        #expect(minimal.eventsOutcome.diagnostics.contains { $0.code == "POL020" && $0.message.contains("type suggestion.shown (1 record)")
            && $0.message.contains("events of no person (1 record)") }, "counted with the drops the reports list")
        #expect(minimal.legacy.status == .ingested(rows: 0) && minimal.legacy.diagnostics.contains { $0.code == "IN009" })
        let kept = try ingest("sources:\n  events: {fields: all, purpose: IDE adoption study with the tools guild}\n  copilot: {purpose: Licence planning by finance}\n")
        #expect(kept.types.count == 4 && kept.languages == 1)
        #expect(kept.legacy.status == .ingested(rows: 1) && !kept.legacy.diagnostics.contains { $0.code == "IN009" })
    }
}
