@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorPipeline
import Foundation
import Testing

/// Defects an independent recomputation of fixtures/acme's reports found (issue 17), one test each,
/// written before the fix.
@Suite("Recomputation defects")
struct RecomputationDefectTests {
    static let q = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\n"

    @Test("item 2: an objection to a required programme stops storage from its day (dropped at the gate, counted) and purge removes what was stored from that day on")
    func objectionStopsStorage() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\np1,T,2026-01-01,\np2,T,2026-01-01,\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("q1.csv", Self.q + "p1,2026-07-10,1,10\np1,2026-07-20,2,10\np2,2026-07-20,3,10\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("c.csv", "person_id,programme,status,effective\np1,ai-adoption,opted_out,2026-07-15\n"))
        // Stored before the objection arrived: purge removes p1's rows from 15 July on, and only those.
        _ = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 400, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "2026-10-05T00:00:00Z")
        #expect(try h.store.tableCounts()["qdev_activity"] == 2)
        #expect(try h.store.qDeveloperSums(from: Day(year: 2026, month: 7, day: 1)!, to: Day(year: 2026, month: 9, day: 30)!).accepted == 4)
        // Arriving after the objection: not stored, and the file says how many rows were left out.
        let later = try h.ingestor.ingest(path: try h.folder.write("q2.csv", Self.q + "p1,2026-07-25,5,10\np1,2026-07-01,1,10\np2,2026-07-25,1,10\n"))
        #expect(later.status == .ingested(rows: 3))
        #expect(later.diagnostics.contains { $0.code == "GOV030" && $0.message.contains("1 row") }, "\(later.diagnostics)")
        #expect(try h.store.qDeveloperSums(from: Day(year: 2026, month: 7, day: 1)!, to: Day(year: 2026, month: 9, day: 30)!).accepted == 6)
    }

    @Test("item 6: a repository's first scan is its baseline: its findings are never new and its lines are not in the denominator")
    func baselineLines() throws {
        let h = try IngestHarness()
        func review(_ name: String, _ time: Int, lines: Int) -> String {
            #"{"CodeReview":{"Name":"\#(name)","CodeReviewArn":"arn:aws:codeguru-reviewer:us-west-2:123456789012:association:a1b2:code-review:RepositoryAnalysis-\#(name)","RepositoryName":"checkout","Owner":"acme","ProviderType":"GitHub","State":"Completed","CreatedTimeStamp":\#(time),"LastUpdatedTimeStamp":\#(time),"Type":"RepositoryAnalysis","Metrics":{"MeteredLinesOfCodeCount":\#(lines),"SuppressedLinesOfCodeCount":0,"FindingsCount":2}}}"#
        }
        // 2026-07-02 and 2026-08-03, both in Q3.
        _ = try h.ingestor.ingest(path: try h.folder.write("r1.json", review("first", 1_782_993_600, lines: 5000)))
        _ = try h.ingestor.ingest(path: try h.folder.write("r2.json", review("second", 1_785_744_000, lines: 800)))
        let volume = try h.store.scanVolume(Period("2026-Q3")!)
        #expect(volume.lines.values.reduce(0, +) == 800, "\(volume)")
        #expect(volume.scans.values.reduce(0, +) == 1)
    }

    @Test("item 11: a deployment failed when its result is a failure or it caused an incident (DevLake's rule)")
    func changeFailure() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("repos.csv", "repository,team,from,to\nacme/search,T,2026-01-01,\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("d.csv", "deployment_id,repository,environment,started_at,finished_at,result\n"
            + (1...10).map { "d-\($0),acme/search,production,2026-07-\(String(format: "%02d", $0))T09:00:00Z,2026-07-\(String(format: "%02d", $0))T09:10:00Z,\($0 == 1 ? "failure" : "success")" }.joined(separator: "\n") + "\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("i.csv", "incident_id,repository,created_at,resolved_at,severity,caused_by_deployment\n"
            + "i-1,acme/search,2026-07-02T12:00:00Z,2026-07-02T14:00:00Z,SEV2,d-2\ni-2,acme/search,2026-07-03T12:00:00Z,,SEV3,d-3\ni-3,acme/search,2026-07-01T12:00:00Z,,SEV3,d-1\n"))
        let facts = try h.store.deploymentFacts(Period("2026-Q3")!)
        #expect(facts.count == 10 && facts.filter(\.failed).map(\.id).sorted() == ["d-1", "d-2", "d-3"])
        #expect(OutcomeMetrics.changeFailureRate(facts, team: "T").estimate == 0.3)
    }

    @Test("item 14: weekly series cover the quarter: the first week counts from 1 July, the last week's 28–30 September are in")
    func weeksCoverTheQuarter() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\np1,T,2026-01-01,\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", Self.q + "p1,2026-06-30,9,9\np1,2026-07-01,1,10\np1,2026-09-29,2,10\n"))
        let weeks = try h.store.weeklyInline(Period("2026-Q3")!, consent: nil)
        #expect(weeks.map(\.week.iso8601) == ["2026-06-29", "2026-09-28"], "\(weeks)")
        #expect(weeks.map(\.accepted) == [1, 2])
    }

    @Test("item 15: no question invites identifying a person")
    func questionsAboutProcess() {
        for question in Detectors.questions {
            #expect(!question.lowercased().hasPrefix("who ") && !question.lowercased().contains(" who "), "\(question)")
        }
    }
}

@Suite("One number, one interval")
struct OneIntervalTests {
    @Test("item 10: in the committed figures files, each team's and the organisation's acceptance rate has one interval, in the table and the scorecard alike",
          arguments: ["reports/2026-Q2", "reports/2026-Q3", "reports/kestrel/2026-Q2", "reports/kestrel/2026-Q3"])
    func acceptanceInterval(folder: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent("figures.csv"), encoding: .utf8)
        var table: [String: String] = [:], card: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count > 12, f[2] == "ai.acceptance_rate", f[6].isEmpty, f[7] == "shown", f[4] != "department" else { continue }
            let key = f[4] + "|" + f[5], interval = f[11] + "–" + f[12]
            if f[1] == "acceptance" { table[key] = interval } else { card[key] = interval }
        }
        #expect(!table.isEmpty)
        for (key, interval) in table { #expect(card[key] == interval, "\(folder) \(key): table \(interval), scorecard \(card[key] ?? "none")") }
    }
}

@Suite("Review findings: objections over time, seats, small counts")
struct ObjectionHistoryTests {
    static let q = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\n"

    @Test("purge removes exactly the records dated while an objection stood — objected, withdrawn, objected again — under an alias too")
    func history() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to,aws_user_id\np1,T,2026-01-01,,idc-1\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", Self.q + "idc-1,2026-06-30,1,10\nidc-1,2026-07-05,2,10\nidc-1,2026-07-15,4,10\nidc-1,2026-08-05,8,10\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("c.csv", "person_id,programme,status,effective\np1,ai-adoption,opted_out,2026-07-01\n"
            + "p1,ai-adoption,opted_in,2026-07-10\np1,ai-adoption,opted_out,2026-08-01\n"))
        _ = try h.store.purge(today: Day(year: 2026, month: 10, day: 5)!, retention: .init(rawDays: 400, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "2026-10-05T00:00:00Z")
        // Kept: 30 June (before) and 15 July (the objection withdrawn); gone: 5 July and 5 August.
        #expect(try h.store.qDeveloperSums(from: Day(year: 2026, month: 6, day: 1)!, to: Day(year: 2026, month: 9, day: 30)!).accepted == 5)
    }

    @Test("an objector's Copilot seat is not stored from the day of the objection")
    func seat() throws {
        let h = try IngestHarness()
        let ingestor = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(),
                                now: Date(timeIntervalSince1970: 1_791_158_400))   // 2026-10-05
        _ = try ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,github_login\np1,T,octo-1\np2,T,octo-2\n"))
        _ = try ingestor.ingest(path: try h.folder.write("c.csv", "person_id,programme,status,effective\np1,ai-adoption,opted_out,2026-09-01\n"))
        let seat = { (login: String) in #"{"created_at":"2026-01-05T10:00:00Z","pending_cancellation_date":null,"plan_type":"business","assignee":{"login":"\#(login)","type":"User"}}"# }
        let outcome = try ingestor.ingest(path: try h.folder.write("seats.json", #"{"total_seats":2,"seats":["# + seat("octo-1") + "," + seat("octo-2") + "]}"))
        #expect(outcome.diagnostics.contains { $0.code == "GOV030" })
        #expect(try h.store.tableCounts()["copilot_seat"] == 1)
    }
}

@Suite("Same-day registry entries")
struct SameDayConsentTests {
    @Test("an objection and an opt-in on one day, under the person and an alias: the objection wins in the gate and in every read")
    func objectionWins() {
        let day = Day(year: 2026, month: 8, day: 1)!
        let calendar = ObjectionCalendar(changes: ["p": [(day, false), (day, true)], "q": [(day, true), (day, false)]])
        #expect(calendar.objecting("p", on: day) && calendar.objecting("q", on: day))
    }
}
