@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorPipeline
import Foundation
import Testing

/// Adoption read from every assistant's export, joined to people through the directory.
@Suite("Adoption across assistants, from the store")
struct AssistantAdoptionStoreTests {
    static func copilot(_ login: String, _ day: String, scope: String, generated: Int, accepted: Int, added: Int) -> String {
        let counters = "\"code_generation_activity_count\":\(generated),\"code_acceptance_activity_count\":\(accepted),\"loc_suggested_to_add_sum\":\(added * 2),\"loc_suggested_to_delete_sum\":0,\"loc_added_sum\":\(added),\"loc_deleted_sum\":0"
        return "{\"day\":\"\(day)\",\"user_id\":7,\"user_login\":\"\(login)\",\(scope),\"user_initiated_interaction_count\":1,\(counters),"
            + "\"used_chat\":false,\"used_agent\":false,\"used_cli\":false,"
            + "\"totals_by_feature\":[{\"feature\":\"code_completion\",\"user_initiated_interaction_count\":0,\(counters)}]}"
    }

    @Test("a policy that drops Copilot's per-feature breakdown leaves its days out of the lines' and suggestions' denominators, never in them as 0")
    func breakdownDropped() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.policy = try Policy.parse(MinimisationTests.base + "sources:\n  copilot: {fields: []}\n", path: h.folder.path("policy.yml"))
        _ = try ingestor.ingest(path: try h.folder.write("directory.csv", "person_id,team,from,to,github_login\np2,T,2026-01-01,,octo-p2\n"))
        let copilot = try ingestor.ingest(path: try h.folder.write("users-1-day.ndjson",
            Self.copilot("octo-p2", "2026-07-01", scope: "\"organization_id\":\"9\"", generated: 20, accepted: 5, added: 30) + "\n"))
        #expect(copilot.diagnostics.contains { $0.code == "POL020" && $0.message.contains("feature_breakdown") })
        let row = try #require(try h.store.adoptionRows(Period("2026-Q3")!, consent: nil).first)
        let use = try #require(row.byAssistant[.copilot])
        #expect(use.activeDays == 1, "still a day of use (active share)")
        #expect(use.countingDays == 0 && use.shown == 0 && use.acceptedLines == 0, "\(use)")
        #expect(try h.store.inlineLinesPerPerson(Period("2026-Q3")!, consent: nil).isEmpty)
        // Kept, but a day whose export has no per-feature rows (agent use only) still counts, with 0 lines.
        let h2 = try IngestHarness()
        _ = try h2.ingestor.ingest(path: try h2.folder.write("directory.csv", "person_id,team,from,to,github_login\np2,T,2026-01-01,,octo-p2\n"))
        let counters = "\"code_generation_activity_count\":0,\"code_acceptance_activity_count\":0,\"loc_suggested_to_add_sum\":0,\"loc_suggested_to_delete_sum\":0,\"loc_added_sum\":0,\"loc_deleted_sum\":0"
        _ = try h2.ingestor.ingest(path: try h2.folder.write("users-1-day.ndjson",
            "{\"day\":\"2026-07-01\",\"user_id\":7,\"user_login\":\"octo-p2\",\"organization_id\":\"9\",\"user_initiated_interaction_count\":3,\(counters),\"used_chat\":false,\"used_agent\":true,\"used_cli\":false,\"totals_by_feature\":[]}\n"))
        let agent = try #require(try h2.store.adoptionRows(Period("2026-Q3")!, consent: nil).first?.byAssistant[.copilot])
        #expect(agent.activeDays == 1 && agent.countingDays == 1 && agent.acceptedLines == 0, "\(agent)")
    }

    @Test("Q Developer, Copilot (through github_login) and Kiro count for the person's team; a day in two Copilot scopes once; outsiders in no figure")
    func everyAssistant() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("directory.csv",
            "person_id,team,from,to,github_login\np1,T,2026-01-01,,\np2,T,2026-01-01,,octo-p2\np3,T,2026-01-01,,\n"))
        // p1 on Q Developer two days; x (not in the directory) one day.
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv",
            "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount,Inline_AICodeLines\np1,2026-07-01,3,10,12\np1,2026-07-02,1,10,4\nx,2026-07-01,9,10,50\n"))
        // p2 on Copilot: 2026-07-01 in the organisation's report and the enterprise's (the same use), 2026-07-03 once;
        // an unlinked login on 2026-07-01.
        let rows = [Self.copilot("octo-p2", "2026-07-01", scope: "\"organization_id\":\"9\"", generated: 20, accepted: 5, added: 30),
                    Self.copilot("octo-p2", "2026-07-01", scope: "\"enterprise_id\":\"77\"", generated: 20, accepted: 5, added: 30),
                    Self.copilot("octo-p2", "2026-07-03", scope: "\"organization_id\":\"9\"", generated: 10, accepted: 1, added: 5),
                    Self.copilot("contractor", "2026-07-01", scope: "\"organization_id\":\"9\"", generated: 40, accepted: 40, added: 99)]
        let copilot = try h.ingestor.ingest(path: try h.folder.write("users-1-day.ndjson", rows.joined(separator: "\n") + "\n"))
        #expect(copilot.status != .rejected)
        // p3 on Kiro only (conversations, no suggestions); p1 on Kiro the same day as Q Developer.
        _ = try h.ingestor.ingest(path: try h.folder.write("kiro.csv",
            "Date,UserId,Client_Type,Chat_Conversations,Credits_Used,Overage_Cap,Overage_Credits_Used,Overage_Enabled,ProfileId,Subscription_Tier,Total_Messages\n"
            + "2026-07-05,p3,KIRO_IDE,2,1.5,0,0,false,arn:x,PRO,9\n2026-07-01,p1,KIRO_IDE,1,0.5,0,0,false,arn:x,PRO,3\n"))
        let q3 = Period("2026-Q3")!
        let rows3 = try h.store.adoptionRows(q3, consent: nil)
        #expect(rows3.count == 3 && rows3.allSatisfy { $0.team == "T" })
        let byPerson = Dictionary(uniqueKeysWithValues: rows3.map { ($0.person, $0) })
        let p1 = try #require(byPerson[h.pseudonym("p1")]), p2 = try #require(byPerson[h.pseudonym("p2")]), p3 = try #require(byPerson[h.pseudonym("p3")])
        // p1: two days (the Kiro day is one of them), 4 of 20 accepted, 16 lines, Kiro on one day.
        #expect(p1.activeDays == 2 && p1.countingDays == 2 && p1.accepted == 4 && p1.shown == 20 && p1.acceptedLines == 16)
        #expect(p1.byAssistant[.kiro]?.activeDays == 1 && p1.byAssistant[.qDeveloper]?.activeDays == 2)
        // p2: the day in two scopes once — 6 of 30 code completions accepted, 35 lines, two days.
        #expect(p2.activeDays == 2 && p2.accepted == 6 && p2.shown == 30 && p2.acceptedLines == 35 && p2.byAssistant.keys.sorted() == [.copilot])
        // p3: active (Kiro), no suggestions and no counting day.
        #expect(p3.activeDays == 1 && p3.shown == 0 && p3.countingDays == 0)
        // The acceptance table reads the same: Q Developer and Copilot, people in the directory only.
        let totals = try h.store.inlineTotals(from: q3.first, to: q3.last)
        #expect(totals.map(\.shown).reduce(0, +) == 50 && totals.map(\.accepted).reduce(0, +) == 10 && totals.count == 2)
        // The metrics: active share 3 of 3; acceptance 10 of 50, Q Developer 4 of 20, Copilot 6 of 30.
        let share = AdoptionMetrics.activeShare(rows3, teamSize: 3, team: "T")
        #expect(share.estimate == 1 && share.parts[.kiro]?.events == 2)
        let rate = AdoptionMetrics.acceptanceRate(rows3, team: "T", seed: 1)
        #expect(rate.estimate == 10.0 / 50 && rate.parts[.qDeveloper]?.estimate == 4.0 / 20 && rate.parts[.copilot]?.estimate == 6.0 / 30)
    }
}

@Suite("Copilot licence coverage")
struct LicenceCoverageTests {
    @Test("seats held on the period's last day count for their holder's team through github_login; without a seat export: no data, and why")
    func coverage() throws {
        let h = try IngestHarness()
        let ingestor = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(),
                                now: Date(timeIntervalSince1970: 1_791_158_400))   // 2026-10-05
        _ = try ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,github_login\np1,T,octo-1\np2,T,octo-2\np3,T,\np4,U,octo-4\n"))
        let q3 = Period("2026-Q3")!
        #expect(try h.store.copilotSeatHoldersByTeam(q3).exported == false)
        let seat = { (login: String, cancels: String?) in
            #"{"created_at":"2026-01-05T10:00:00-08:00","pending_cancellation_date":\#(cancels.map { "\"\($0)\"" } ?? "null"),"plan_type":"business","assignee":{"login":"\#(login)","type":"User"}}"#
        }
        let page = #"{"total_seats":4,"seats":["# + [seat("octo-1", nil), seat("octo-2", "2026-09-15"), seat("octo-4", nil), seat("contractor", nil)].joined(separator: ",") + "]}"
        #expect(try ingestor.ingest(path: try h.folder.write("seats.json", page)).status == .ingested(rows: 4))
        let seats = try h.store.copilotSeatHoldersByTeam(q3)
        #expect(seats.exported && seats.byTeam["T"]?.count == 1 && seats.byTeam["U"]?.count == 1 && seats.byTeam.count == 2)
        let value = AdoptionMetrics.licenceCoverage(holders: 1, teamSize: 3, seatsExported: true, team: "T")
        #expect(value.estimate == 1.0 / 3 && value.events == 1 && value.people == 3 && value.interval != nil)
        #expect(AdoptionMetrics.licenceCoverage(holders: 0, teamSize: 3, seatsExported: false, team: "T").note?.contains("no Copilot seat-assignment export") == true)
    }
}

/// The seats tier (docs/tiers.md): holders per quarter end, made at ingest; a purge of raw seats changes none.
@Suite("The seats tier")
struct SeatTierTests {
    static func seat(_ login: String, _ created: String, _ cancels: String?) -> String {
        #"{"created_at":"\#(created)T10:00:00Z","pending_cancellation_date":\#(cancels.map { "\"\($0)\"" } ?? "null"),"plan_type":"business","assignee":{"login":"\#(login)","type":"User"}}"#
    }

    @Test("holders on every quarter end from the seat's assignment to the last export listing it; a mover counts for the team of the day; a purge keeps the figures")
    func quarterEnds() throws {
        let h = try IngestHarness()
        var ingestor = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(),
                                now: Date(timeIntervalSince1970: 1_791_158_400))   // 2026-10-05: the export's day
        _ = try ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to,github_login\np1,T,2026-01-01,2026-08-01,octo-1\np1,U,2026-08-02,,octo-1\np2,T,2026-01-01,,octo-2\np3,U,2026-01-01,,octo-3\n"))
        let page = #"{"total_seats":3,"seats":["# + [Self.seat("octo-1", "2026-02-01", nil), Self.seat("octo-2", "2026-05-01", "2026-09-30"), Self.seat("octo-3", "2026-07-15", "2026-10-20")].joined(separator: ",") + "]}"
        #expect(try ingestor.ingest(path: try h.folder.write("seats.json", page)).status == .ingested(rows: 3))
        func holders(_ quarter: String) throws -> [String] {
            let seats = try h.store.copilotSeatHoldersByTeam(Period(quarter)!)
            return seats.byTeam.keys.sorted().map { "\($0):\(seats.byTeam[$0]!.count)" } + (seats.exported ? [] : ["no export"]) + (seats.gone ? ["gone"] : [])
        }
        // Q1: p1 (T). Q2: p1, p2 (T). Q3: p1 moved to U, p2's seat ended on 30 September (that day it is over), p3 (U).
        let expected = [["T:1"], ["T:2"], ["U:2"], ["no export"]]
        #expect(try ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map(holders) == expected)
        // Every raw seat purged (the raw window from each seat's end): the figures stay, but for Q1,
        // whose holders the enriched window (400 days before 2027-06-01) has removed: said, not zero.
        _ = try h.store.purge(today: Day(year: 2027, month: 6, day: 1)!, retention: .init(rawDays: 30, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "t")
        #expect(try h.store.tableCounts()["copilot_seat"] == 0)
        #expect(try ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map(holders) == [["gone"]] + expected.dropFirst())
        #expect(try ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map { q in
            let s = try h.store.reader(datasets: Set(Dataset.allCases)).copilotSeatHoldersByTeam(Period(q)!)
            return s.byTeam.keys.sorted().map { "\($0):\(s.byTeam[$0]!.count)" } + (s.exported ? [] : ["no export"]) + (s.gone ? ["gone"] : [])
        } == [["gone"]] + expected.dropFirst())
        // A later export stores a seat again: the frozen quarter ends stay as first made.
        ingestor.force = true
        _ = try ingestor.ingest(path: try h.folder.write("seats-2.json", page))
        #expect(try ["2026-Q2", "2026-Q3"].map(holders) == Array(expected[1...2]))
    }

    @Test("a reader refuses a stale seats tier and names the command")
    func staleRefused() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,github_login\np1,T,octo-1\n"))
        let reader = try h.store.reader(datasets: Set(Dataset.allCases))
        _ = try h.ingestor.ingest(path: try h.folder.write("seats.json", #"{"total_seats":1,"seats":["# + Self.seat("octo-1", "2026-02-01", nil) + "]}"))
        #expect { _ = try reader.copilotSeatHoldersByTeam(Period("2026-Q3")!) } throws: { ($0 as? StoreError)?.hint.contains("candor ingest") == true }
        try h.ingestor.refreshTiers()
        #expect(try reader.copilotSeatHoldersByTeam(Period("2026-Q2")!).byTeam["T"]?.count == 1)
    }
}
