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

@Suite("GitHub Copilot usage-metrics reports")
struct CopilotReaderTests {
    /// GitHub's published samples, copied unmodified into fixtures/samples (see its README).
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/samples/copilot")
    static let header = ["user_initiated_interaction_count", "code_generation_activity_count", "code_acceptance_activity_count",
                         "loc_suggested_to_add_sum", "loc_suggested_to_delete_sum", "loc_added_sum", "loc_deleted_sum"]

    /// Totals computed independently of candor, with Foundation's JSON parser.
    static func expectedTotals(_ rows: [[String: Any]], feature: String? = nil) -> [Int64] {
        var sums = [Int64](repeating: 0, count: header.count)
        for row in rows {
            let sources: [[String: Any]] = feature == nil ? [row]
                : ((row["totals_by_feature"] as? [[String: Any]]) ?? []).filter { $0["feature"] as? String == feature }
            for source in sources {
                for (i, key) in header.enumerated() { sums[i] += Int64((source[key] as? NSNumber)?.int64Value ?? 0) }
            }
        }
        return sums
    }

    @Test("the public users-1-day sample (JSON-wrapped) ingests with totals that match an independent sum")
    func publicSample() throws {
        let url = Self.samples.appendingPathComponent("organization-users-1-day-report.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let rows = json["day_totals"] as! [[String: Any]]
        let day = Day.parse(rows[0]["day"] as! String)!

        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: url.path)
        #expect(outcome.format == .copilotUsers)
        #expect(outcome.status == .ingested(rows: rows.count), "\(outcome.diagnostics)")
        let stored = try h.store.copilotTotals(from: day, to: day)
        #expect(stored.rows == rows.count)
        #expect(stored.counters == Self.expectedTotals(rows))
        let features = Set(rows.flatMap { (($0["totals_by_feature"] as? [[String: Any]]) ?? []).compactMap { $0["feature"] as? String } })
        #expect(!features.isEmpty)
        for feature in features {
            #expect(try h.store.copilotTotals(from: day, to: day, feature: feature).counters == Self.expectedTotals(rows, feature: feature), "feature \(feature)")
        }
        // The same rows as NDJSON (the documented download format) are the same records: nothing doubles.
        let ndjson = try rows.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
            .joined(separator: "\n") + "\n"
        let ndPath = try h.folder.write("users.ndjson", ndjson)
        #expect(try h.ingestor.ingest(path: ndPath).status == .ingested(rows: rows.count))
        #expect(try h.store.copilotTotals(from: day, to: day).counters == Self.expectedTotals(rows))
        #expect(try h.store.copilotTotals(from: day, to: day).rows == rows.count)
        // The database holds no login.
        for row in rows {
            #expect(try !databaseContains(h, row["user_login"] as! String))
        }
    }

    @Test("user-teams NDJSON rows are recognised and stored idempotently")
    func userTeams() throws {
        let h = try IngestHarness()
        let text = """
            {"user_id":1001,"user_login":"alice","day":"2026-05-07","organization_id":"999","team_id":42,"slug":"frontend"}
            {"user_id":1001,"user_login":"alice","day":"2026-05-07","organization_id":"999","team_id":43,"slug":"platform"}
            {"user_id":1002,"user_login":"bob","day":"2026-05-07","enterprise_id":"13213","team_id":42,"slug":"frontend"}

            """
        let path = try h.folder.write("teams.ndjson", text)
        let outcome = try h.ingestor.ingest(path: path)
        #expect(outcome.format == .copilotUserTeams && outcome.status == .ingested(rows: 3))
        let again = try h.folder.write("teams-again.ndjson", text + "\n")
        #expect(try h.ingestor.ingest(path: again).status == .ingested(rows: 3))
        #expect(try h.store.tableCounts()["copilot_user_team_day"] == 3)
    }

    @Test("bad rows name the file, line, column and JSON path; nothing is stored", arguments: [
        (#"{"day_totals":[{"user_login":"a","day":"2026-05-07","organization_id":"1","code_acceptance_activity_count":"12"}]}"#,
         "JSON011", "$.day_totals[0].code_acceptance_activity_count: expected a whole number ≥ 0, found a string"),
        (#"{"user_login":"a","day":"2026-05-07","organization_id":"1","code_generation_activity_count":-1}"#,
         "JSON011", "$.code_generation_activity_count: expected a whole number ≥ 0"),
        (#"{"user_login":"a","day":"07/05/2026","organization_id":"1","code_generation_activity_count":1}"#,
         "JSON014", "$.day: expected a date (YYYY-MM-DD)"),
        (#"{"user_login":"a","day":"2026-05-07","code_generation_activity_count":1}"#,
         "COP001", "$: neither organization_id nor enterprise_id is present"),
        (#"{"user_login":"a","day":"2026-05-07","organization_id":"1","code_generation_activity_count":1,"totals_by_feature":{"feature":"x"}}"#,
         "JSON011", "$.totals_by_feature: expected an array, found an object"),
        (#"{"user_login":"a","day":"2026-05-07","organization_id":"1","code_generation_activity_count":1,"totals_by_feature":[{"feature":"code_completion"},{"feature":"code_completion"}]}"#,
         "COP003", "$.totals_by_feature[1]: feature 'code_completion' appears twice"),
        (#"{"user_login":"a","day":"2026-05-07","organization_id":"1","code_generation_activity_count":1"#,
         "JSON001", "not valid JSON: the file ends in the middle of a value"),
    ])
    func badRows(text: String, code: String, message: String) throws {
        let h = try IngestHarness()
        let good = #"{"user_login":"z","day":"2026-05-07","organization_id":"1","code_generation_activity_count":1}"#
        // A good first line, so detection succeeds and the bad line is line 2 (or inside the wrapper).
        let body = text.hasPrefix("{\"day_totals\"") ? text : good + "\n" + text
        let path = try h.folder.write("bad.ndjson", body)
        let outcome = try h.ingestor.ingest(path: path)
        #expect(outcome.status == .rejected)
        let error = try #require(outcome.diagnostics.first { $0.severity == .error })
        #expect(error.code == code)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line == (text.hasPrefix("{\"day_totals\"") ? 1 : 2))
        #expect(error.column != nil)
        #expect(try h.store.tableCounts().values.allSatisfy { $0 == 0 })
    }

    @Test("an oversized login is a diagnostic, not a crash")
    func oversized() throws {
        let h = try IngestHarness()
        let login = String(repeating: "x", count: 5000)
        let path = try h.folder.write("big.ndjson", #"{"user_login":"\#(login)","day":"2026-05-07","organization_id":"1","code_generation_activity_count":1}"# + "\n")
        let outcome = try h.ingestor.ingest(path: path)
        #expect(outcome.status == .rejected && outcome.diagnostics.first?.code == "JSON013")
    }
}

func databaseContains(_ h: IngestHarness, _ text: String) throws -> Bool {
    let bytes = storeBytes(h.store)
    return bytes.range(of: Data(text.utf8)) != nil
}

@Suite("GitHub Copilot entity reports")
struct CopilotEntityReportTests {
    @Test("the organisation-level 1-day report (GitHub's sample) is set aside, saying what it is and what to export instead")
    func setAside() throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: CopilotReaderTests.samples.appendingPathComponent("organization-1-day-report.json").path)
        #expect(outcome.status == .ingested(rows: 0) && outcome.diagnostics.map(\.code) == ["IN008"])
        #expect(outcome.diagnostics.first?.message.contains("organization usage-metrics report") == true)
        #expect(outcome.diagnostics.first?.hint?.contains("users-1-day") == true)
        #expect(try h.store.tableCounts().filter { $0.key.hasPrefix("copilot") }.values.allSatisfy { $0 == 0 })
    }
}

@Suite("GitHub Copilot legacy metrics API")
struct CopilotLegacyMetricsTests {
    @Test("the public 21-day sample: leaf-language sums match an independent computation")
    func publicSample() throws {
        let url = CopilotReaderTests.samples.appendingPathComponent("organization_metrics_response_sample.json")
        let days = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
        func leafSum(_ key: String) -> Int64 {
            var total: Int64 = 0
            for day in days {
                let completions = day["copilot_ide_code_completions"] as? [String: Any]
                for editor in (completions?["editors"] as? [[String: Any]]) ?? [] {
                    for model in (editor["models"] as? [[String: Any]]) ?? [] {
                        for language in (model["languages"] as? [[String: Any]]) ?? [] {
                            total += (language[key] as? NSNumber)?.int64Value ?? 0
                        }
                    }
                }
            }
            return total
        }
        func chatSum(_ key: String) -> Int64 {
            days.reduce(0) { sum, day in
                let editors = ((day["copilot_ide_chat"] as? [String: Any])?["editors"] as? [[String: Any]]) ?? []
                return sum + editors.flatMap { ($0["models"] as? [[String: Any]]) ?? [] }.reduce(0) { $0 + (($1[key] as? NSNumber)?.int64Value ?? 0) }
            }
        }
        let h = try IngestHarness()
        let ingestor = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(),
                                now: Date(timeIntervalSince1970: 0), scope: "org:octodemo")
        let outcome = try ingestor.ingest(path: url.path)
        #expect(outcome.format == .copilotLegacyMetrics)
        #expect(outcome.status == .ingested(rows: days.count), "\(outcome.diagnostics)")
        // GitHub's sample has days with acceptances but no suggestions: warned about, not rejected.
        let inconsistent = days.indices.filter { i in
            let c = days[i]["copilot_ide_code_completions"] as? [String: Any]
            let leaves = ((c?["editors"] as? [[String: Any]]) ?? []).flatMap { ($0["models"] as? [[String: Any]]) ?? [] }
                .flatMap { ($0["languages"] as? [[String: Any]]) ?? [] }
            let s = leaves.reduce(0) { $0 + (($1["total_code_suggestions"] as? NSNumber)?.intValue ?? 0) }
            let a = leaves.reduce(0) { $0 + (($1["total_code_acceptances"] as? NSNumber)?.intValue ?? 0) }
            return a > s
        }
        #expect(outcome.diagnostics.filter { $0.code == "COP010" }.map { $0.message.components(separatedBy: ":").first! }
                == inconsistent.map { "$[\($0)]" })
        #expect(outcome.diagnostics.allSatisfy { $0.severity == .warning })
        let first = Day.parse(days.map { $0["date"] as! String }.min()!)!, last = Day.parse(days.map { $0["date"] as! String }.max()!)!
        let stored = try h.store.copilotScopeTotals(scope: "org:octodemo", from: first, to: last)
        #expect(stored.days == days.count)
        let expected: [String: Int64] = [
            "completion_suggestions": leafSum("total_code_suggestions"), "completion_acceptances": leafSum("total_code_acceptances"),
            "lines_suggested": leafSum("total_code_lines_suggested"), "lines_accepted": leafSum("total_code_lines_accepted"),
            "ide_chats": chatSum("total_chats"), "ide_chat_insertions": chatSum("total_chat_insertion_events"),
            "ide_chat_copies": chatSum("total_chat_copy_events"),
            "active_users": days.reduce(0) { $0 + (($1["total_active_users"] as? NSNumber)?.int64Value ?? 0) },
        ]
        for (column, value) in expected {
            #expect(stored.values[CopilotScopeDay.columnNames.firstIndex(of: column)!] == value, "\(column)")
        }
        #expect(expected["completion_suggestions"]! > 0)
        // A second scope is stored apart; the same file again is a no-op.
        #expect(try ingestor.ingest(path: url.path).status == .unchanged(previousPath: url.path))
    }

    @Test("bad days are located by path")
    func bad() throws {
        let h = try IngestHarness()
        let text = """
            [{"date":"2024-11-04","total_active_users":4,"copilot_ide_code_completions":{"editors":[{"name":"vscode","models":[{"name":"default",
              "languages":[{"name":"java","total_code_suggestions":"40","total_code_acceptances":12}]}]}]}}]
            """
        let outcome = try h.ingestor.ingest(path: try h.folder.write("legacy.json", text))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.message.hasPrefix("$[0].copilot_ide_code_completions.editors[0].models[0].languages[0].total_code_suggestions: expected a whole number"))
        #expect(d.line == 2)
        let inconsistent = """
            [{"date":"2024-11-04","copilot_ide_code_completions":{"editors":[{"models":[{"languages":[{"total_code_suggestions":1,"total_code_acceptances":2}]}]}]}}]
            """
        let second = try h.ingestor.ingest(path: try h.folder.write("legacy2.json", inconsistent))
        #expect(second.diagnostics.map(\.code) == ["COP010"] && second.status == .ingested(rows: 1))
    }
}
