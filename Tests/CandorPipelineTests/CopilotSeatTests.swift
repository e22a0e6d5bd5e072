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

/// GitHub Copilot seat assignments, the format added by following docs/architecture.md
/// ("Adding an input format"): recognised, gated, pseudonymised, stored, purged, and refused with
/// a located error when a seat is malformed.
@Suite("GitHub Copilot seat assignments")
struct CopilotSeatTests {
    /// One seat object as `GET /orgs/{org}/copilot/billing/seats` writes it (profile, activity and editor
    /// fields included, so the test shows they are not kept).
    static func seat(_ login: String, created: String = "2026-01-05T09:30:00Z", cancels: String? = nil, plan: String = "business",
                     team: String? = "payments", organisation: String? = nil, type: String = "User") -> String {
        let cancel = cancels.map { "\"\($0)\"" } ?? "null"
        let assigning = team.map { #","assigning_team":{"id":77,"name":"Payments","slug":"\#($0)","privacy":"closed"}"# } ?? ""
        let org = organisation.map { #","organization":{"login":"acme-\#($0)","id":\#($0)}"# } ?? ""
        return #"{"created_at":"\#(created)","updated_at":"2026-02-01T08:00:00Z","pending_cancellation_date":\#(cancel),"last_activity_at":"2026-07-14T16:02:11Z","last_activity_editor":"vscode/1.99.0/copilot/1.308.0","last_authenticated_at":"2026-07-14T16:00:00Z","plan_type":"\#(plan)","assignee":{"login":"\#(login)","id":4242,"node_id":"U_x","avatar_url":"https://example.invalid/a.png","type":"\#(type)"}\#(assigning)\#(org)}"#
    }

    /// Two pages, as `gh api --paginate` concatenates them.
    static let pages = #"{"total_seats":3,"seats":["# + seat("seat-holder-alice") + "," + seat("seat-holder-bob", cancels: "2026-08-31", plan: "enterprise")
        + "]}\n" + #"{"total_seats":3,"seats":["# + seat("seat-holder-carol", created: "2026-07-20T10:00:00Z", team: nil) + "]}\n"

    /// An ingestor over the harness's store whose `--now` is `day`.
    static func ingestor(_ h: IngestHarness, on day: String) -> Ingestor {
        Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(), now: Timestamp.parse(day + "T12:00:00Z")!)
    }

    @Test("a paginated seats export is recognised, stored under pseudonyms, and counted per scope and plan")
    func paginated() throws {
        let h = try IngestHarness()
        let outcome = try Self.ingestor(h, on: "2026-09-20").ingest(path: try h.folder.write("seats.json", Self.pages))
        #expect(outcome.format == .copilotSeats)
        #expect(outcome.status == .ingested(rows: 3), "\(outcome.diagnostics)")
        #expect(try h.store.tableCounts()["copilot_seat"] == 3)
        // Held on 2026-07-01: alice and bob (carol is assigned later); bob's seat ends on 2026-08-31.
        let july = try h.store.copilotSeatHolders(on: Day(year: 2026, month: 7, day: 1)!)
        #expect(july.map(\.scope) == ["organisation", "organisation"] && july.map(\.plan) == ["business", "enterprise"] && july.map(\.holders) == [1, 1])
        let september = try h.store.copilotSeatHolders(on: Day(year: 2026, month: 9, day: 1)!)
        #expect(september.map(\.plan) == ["business"] && september.map(\.holders) == [2])
        // After the export's day, no export has said who still holds a seat: none is counted.
        #expect(try h.store.copilotSeatHolders(on: Day(year: 2026, month: 9, day: 21)!).isEmpty)
        // No login, profile, activity or editor is stored; the holder's pseudonym is, and their self-view counts the seat.
        for text in ["seat-holder-alice", "seat-holder-bob", "seat-holder-carol", "vscode/1.99", "avatar", "U_x", "2026-07-14"] {
            #expect(try occurrences(of: text, in: h) == 0, "\(text) is stored")
        }
        let holdings = try h.store.personRecordCounts(person: h.pseudonym("seat-holder-alice"))
        #expect(holdings.first { $0.label == "GitHub Copilot seats held" }?.records == 1)
    }

    @Test("the same seats as one object per line (gh api --jq '.seats[]') are the same records: nothing doubles")
    func linesAreTheSameRecords() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("seats.json", Self.pages))
        let lines = [Self.seat("seat-holder-alice"), Self.seat("seat-holder-bob", cancels: "2026-08-31", plan: "enterprise")].joined(separator: "\n") + "\n"
        let outcome = try h.ingestor.ingest(path: try h.folder.write("seats.ndjson", lines))
        #expect(outcome.format == .copilotSeats && outcome.status == .ingested(rows: 2))
        #expect(try h.store.tableCounts()["copilot_seat"] == 3)
    }

    @Test("the enterprise listing's seats are scoped by their organisation's id, as the usage reports are; others by --scope")
    func scopes() throws {
        let h = try IngestHarness()
        let text = #"{"total_seats":2,"seats":["# + Self.seat("p1", organisation: "900001") + "," + Self.seat("p2", organisation: "900002") + "]}"
        _ = try Self.ingestor(h, on: "2026-09-20").ingest(path: try h.folder.write("enterprise.json", text))
        let held = try h.store.copilotSeatHolders(on: Day(year: 2026, month: 3, day: 1)!)
        #expect(held.map(\.scope) == ["org:900001", "org:900002"])
    }

    @Test("a seat assigned to a team or an organisation is counted in a note and not stored")
    func notAPerson() throws {
        let h = try IngestHarness()
        let text = #"{"total_seats":2,"seats":["# + Self.seat("a-person") + "," + Self.seat("platform-team", type: "Team") + "]}"
        let outcome = try h.ingestor.ingest(path: try h.folder.write("seats.json", text))
        #expect(outcome.status == .ingested(rows: 1), "\(outcome.diagnostics)")
        #expect(outcome.diagnostics.contains { $0.code == "COP022" && $0.message.hasPrefix("1 seat(s)") })
        #expect(try h.store.tableCounts()["copilot_seat"] == 1)
        #expect(try occurrences(of: "platform-team", in: h) == 0)
    }

    @Test("a malformed seat rejects the file with its line and column, and nothing is stored", arguments: [
        (#"{"created_at":"2026-01-05T09:30:00Z","plan_type":"business"}"#, "COP020"),
        (#"{"created_at":"yesterday","plan_type":"business","assignee":{"login":"x","type":"User"}}"#, "JSON014"),
        (#"{"created_at":"2026-01-05T09:30:00Z","plan_type":"business","assignee":{"login":"","type":"User"}}"#, "COP021"),
        (#"{"created_at":"2026-01-05T09:30:00Z","plan_type":"business","pending_cancellation_date":"31/08/2026","assignee":{"login":"x"}}"#, "JSON014"),
    ])
    func malformed(seat: String, code: String) throws {
        let h = try IngestHarness()
        let text = #"{"total_seats":2,"seats":["# + Self.seat("good") + ",\n" + seat + "]}\n"
        let outcome = try h.ingestor.ingest(path: try h.folder.write("bad.json", text))
        #expect(outcome.status == .rejected)
        let error = outcome.diagnostics.first { $0.code == code }
        #expect(error?.line == 2 && error?.column != nil, "\(outcome.diagnostics)")
        #expect(try h.store.tableCounts()["copilot_seat"] == 0)
    }

    @Test("purge keeps a seat an export still lists, and removes ended seats, seats no export lists any more, and a revoked person's")
    func purge() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\nseat-holder-alice,T,2026-01-01,\nseat-holder-dan,T,2026-01-01,\n"))
        // September: four seats. December: alice and dan are listed again (bob's ended, carol's was taken away).
        let september = #"{"total_seats":4,"seats":["# + [Self.seat("seat-holder-alice"), Self.seat("seat-holder-bob", cancels: "2026-08-31"),
                                                          Self.seat("seat-holder-carol"), Self.seat("seat-holder-dan")].joined(separator: ",") + "]}"
        let december = #"{"total_seats":2,"seats":["# + Self.seat("seat-holder-alice") + "," + Self.seat("seat-holder-dan") + "]}"
        _ = try Self.ingestor(h, on: "2026-09-20").ingest(path: try h.folder.write("seats-09.json", september))
        _ = try Self.ingestor(h, on: "2026-12-15").ingest(path: try h.folder.write("seats-12.json", december))
        _ = try h.ingestor.ingest(path: try h.folder.write("c.csv", "person_id,programme,status,effective\nseat-holder-alice,ai-adoption,opted_in,2026-01-01\nseat-holder-alice,ai-adoption,revoked,2026-12-20\n"))
        // 2027-01-10 with a 90-day raw window (from 2026-10-12): bob's seat ended 2026-08-31 and carol's was
        // last listed 2026-09-20 (gone); alice revoked consent (gone); dan's seat, assigned a year ago, is
        // still listed (kept).
        _ = try h.store.purge(today: Day(year: 2027, month: 1, day: 10)!, retention: .init(rawDays: 90, enrichedDays: 400, aggregateDays: 1825),
                              revocationProgramme: "ai-adoption", time: "2027-01-10T00:00:00Z")
        #expect(try h.store.tableCounts()["copilot_seat"] == 1)
        #expect(try h.store.personRecordCounts(person: h.pseudonym("seat-holder-dan")).first { $0.label == "GitHub Copilot seats held" }?.records == 1)
    }

    @Test("a source person id never shows itself in text, a dump or a debug description")
    func redacted() {
        let id = SourcePersonID("seat-holder-alice")
        var dumped = ""
        dump(CopilotSeat(scope: "organisation", assignee: id, assigned: Day(year: 2026, month: 1, day: 5)!), to: &dumped)
        for text in ["\(id)", String(describing: id), String(reflecting: id), dumped] {
            #expect(!text.contains("alice"), "\(text)")
        }
    }
}
