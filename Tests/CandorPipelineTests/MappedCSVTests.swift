@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorPipeline
import Foundation
import Testing

/// The organisation's own CSVs, read through the policy's mappings; consent that fails closed;
/// exports that hold nothing, or nothing candor uses; one repository identity in the store.
@Suite("Real organisations' files")
struct MappedCSVTests {
    static let policyText = """
        version: 1
        purpose: Help teams learn.
        key_file: k
        programmes: {ai-adoption: required, self-view: optional}
        mappings:
          workday:
            format: directory
            dates: DD-Mon-YYYY
            columns:
              person_id: Employee ID
              team: {column: Supervisory Organization, pattern: '^(.+?) \\('}
              department: {column: Cost Center, pattern: '^CC-[0-9]+ (.+)$'}
              from: Hire Date
              to: Termination Date
              aws_user_id: Identity Center ID
          register:
            format: consent
            dates: DD/MM/YYYY
            columns: {person_id: Employee No., programme: Programme, status: Decision, effective: Effective From}
            values:
              programme: {Coding Assistant Telemetry: ai-adoption}
              status: {Objection lodged: opted_out, Opted in: opted_in}
        repositories: {owner: acme}
        """

    static func harness(_ policyText: String = policyText) throws -> (IngestHarness, Ingestor) {
        let h = try IngestHarness()
        let policy = try Policy.parse(policyText, path: h.folder.path("policy.yml"))
        var ingestor = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(),
                                now: Date(timeIntervalSince1970: 1_790_000_000), survey: policy.survey)
        ingestor.policy = policy
        return (h, ingestor)
    }

    static let workday = """
        Employee ID,Worker,Supervisory Organization,Cost Center,Hire Date,Termination Date,Identity Center ID
        KF1,Ann,Route Planning (Jakub Ricci),CC-4120 Freight Operations,21-Aug-2023,,uuid-1
        KF2,Bo,Route Planning (Jakub Ricci),CC-4120 Freight Operations,02-Jul-2026,,
        KF3,Cy,Booking (Omar Lindgren),CC-4310 Commercial,13-Mar-2015,12-Jun-2026,uuid-3

        """

    @Test("an HR export is read through its mapping: patterns, the file's dates, a blank end, aliases that place Q Developer rows")
    func directory() throws {
        let (h, ingestor) = try Self.harness()
        let outcome = try ingestor.ingest(path: try h.folder.write("Workday_Workers.csv", Self.workday))
        #expect(outcome.format == .directory && outcome.status == .ingested(rows: 3))
        #expect(outcome.diagnostics.contains { $0.code == "MAP002" && $0.message.contains("'workday'") })
        let q3 = Period("2026-Q3")!
        let members = try h.store.memberships(q3).sorted { $0.person < $1.person }
        let byPerson = Dictionary(uniqueKeysWithValues: members.map { ($0.person, $0) })
        #expect(byPerson[h.pseudonym("KF1")]?.team == "Route Planning" && byPerson[h.pseudonym("KF1")]?.to == nil)
        #expect(byPerson[h.pseudonym("KF2")]?.from == Day(year: 2026, month: 7, day: 2))
        #expect(byPerson[h.pseudonym("KF3")] == nil)   // left on 12 June
        #expect(try h.store.teamDepartments(asOf: q3.last)["Route Planning"] == "Freight Operations")
        // A Q Developer row under the Identity Center id counts for the person.
        _ = try ingestor.ingest(path: try h.folder.write("q.csv", "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\nuuid-1,2026-07-01,3,10\n"))
        let totals = try h.store.inlineTotals(from: q3.first, to: q3.last)
        #expect(totals.map(\.team) == ["Route Planning"] && totals.map(\.person) == [h.pseudonym("KF1")] && totals.map(\.shown) == [10])
    }

    @Test("a value the mapping cannot convert is a located error, and the file is refused whole", arguments: [
        ("KF1,Ann,Route Planning (X),CC-1 Ops,2023-08-21,,\n", "MAP011", 5),
        ("KF1,Ann,Route Planning,CC-1 Ops,21-Aug-2023,,\n", "MAP010", 3),
    ])
    func badValues(_ row: String, _ code: String, _ column: Int) throws {
        let (h, ingestor) = try Self.harness()
        let header = Self.workday.split(separator: "\n")[0]
        let outcome = try ingestor.ingest(path: try h.folder.write("w.csv", "\(header)\n\(row)"))
        #expect(outcome.status == .rejected)
        let problem = outcome.diagnostics.first { $0.code == code }
        #expect(problem?.line == 2 && problem?.column != nil && problem?.message.contains("'workday'") == true, "\(outcome.diagnostics)")
        #expect(try h.store.tableCounts()["team_membership"] == 0)
    }

    @Test("consent for a programme the policy does not name refuses the registry — also with --skip-bad-rows; a translated name is placed")
    func consentFailsClosed() throws {
        let (h, base) = try Self.harness()
        var ingestor = base
        ingestor.skipBadRows = true
        let header = "Ref,Employee No.,Programme,Decision,Effective From\n"
        let unknown = try ingestor.ingest(path: try h.folder.write("r1.csv", header + "CR-1,KF1,Coding Assistant Telemetry,Objection lodged,14/05/2026\nCR-2,KF2,Meeting Analytics Pilot,Opted in,01/06/2026\n"))
        #expect(unknown.status == .rejected && unknown.diagnostics.map(\.code) == ["GOV020"])
        #expect(unknown.diagnostics[0].message.contains("Meeting Analytics Pilot") && unknown.diagnostics[0].line == 3)
        #expect(try h.store.tableCounts()["consent"] == 0)
        // A row the mapping cannot translate may be an objection: the registry is refused, --skip-bad-rows or not.
        let untranslated = try ingestor.ingest(path: try h.folder.write("r3.csv", header + "CR-1,KF1,Coding Assistant Telemetry,Objection lodged (LI),14/05/2026\n"))
        #expect(untranslated.status == .rejected && untranslated.diagnostics.contains { $0.code == "GOV021" })
        let known = try ingestor.ingest(path: try h.folder.write("r2.csv", header + "CR-1,KF1,Coding Assistant Telemetry,Objection lodged,14/05/2026\n"))
        #expect(known.status == .ingested(rows: 1))
        #expect(try h.store.consentStatus(person: h.pseudonym("KF1"), programme: "ai-adoption", on: Day(year: 2026, month: 5, day: 14)!) == .optedOut)
        #expect(try h.store.consentStatus(person: h.pseudonym("KF1"), programme: "ai-adoption", on: Day(year: 2026, month: 5, day: 13)!) != .optedOut)
    }

    @Test("gh api's [] is an empty export; an aggregate-only report is set aside with what to export instead; neither is rejected")
    func emptyAndUnused() throws {
        let (h, ingestor) = try Self.harness()
        let empty = try ingestor.ingest(path: try h.folder.write("reviews/12.json", "[]\n"))
        #expect(empty.status == .ingested(rows: 0) && empty.diagnostics.map(\.code) == ["IN007"])
        let report = try ingestor.ingest(path: try h.folder.write("org-28.json",
            #"{"day_totals":[{"day":"2026-09-03","organization_id":"9","daily_active_users":11,"code_generation_activity_count":1390}]}"#))
        #expect(report.status == .ingested(rows: 0) && report.diagnostics.map(\.code) == ["IN008"])
        #expect(report.diagnostics[0].hint?.contains("users-1-day") == true)
        let unknown = try ingestor.ingest(path: try h.folder.write("x.json", #"{"hello":1}"#))
        #expect(unknown.status == .rejected && unknown.diagnostics.map(\.code) == ["IN002"])
    }

    @Test("a survey export with extra header rows (Qualtrics) is read from the row skip_rows names")
    func qualtrics() throws {
        let text = """
            version: 1
            purpose: Help teams learn.
            key_file: k
            survey: {team_column: Team, skip_rows: 2, items: [{id: friction, column: Q2_1}]}
            """
        let (h, ingestor) = try Self.harness(text)
        let csv = "EndDate,Q2_1,Team\nEnd Date,I can work without friction,Team\n\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_1\"\"}\",\"{\"\"ImportId\"\":\"\"team\"\"}\"\n2026-06-01 10:54:28,4,Booking\n2026-06-02 11:00:00,2,Booking\n"
        let outcome = try ingestor.ingest(path: try h.folder.write("pulse.csv", csv))
        #expect(outcome.status == .ingested(rows: 2), "\(outcome.diagnostics)")
    }

    @Test("pull requests (owner/name), a URL and a directory of bare names meet in one repository; an ambiguous bare name places nothing")
    func repositories() throws {
        let (h, ingestor) = try Self.harness(Self.policyText.replacingOccurrences(of: "repositories: {owner: acme}", with: ""))
        _ = try ingestor.ingest(path: try h.folder.write("catalogue.csv", "repository,team\nroute-planner,Route Planning\nshared-config,Platform\n"))
        let pr = { (repo: String, n: Int) in
            #"{"url":"https://api.github.com/repos/\#(repo)/pulls/\#(n)","number":\#(n),"state":"closed","user":{"login":"a","type":"User"},"created_at":"2026-07-01T10:00:00Z","merged_at":"2026-07-01T12:00:00Z","draft":false,"base":{"repo":{"full_name":"\#(repo)"}}}"#
        }
        let pulls = "[" + [pr("acme/route-planner", 1), pr("acme/shared-config", 2), pr("acme-labs/shared-config", 3)].joined(separator: ",") + "]"
        #expect(try ingestor.ingest(path: try h.folder.write("pulls.json", pulls)).status == .ingested(rows: 3))
        let facts = try h.store.pullRequestFacts(Period("2026-Q3")!)
        #expect(facts.filter { $0.team == "Route Planning" }.count == 1)
        // `shared-config` ends two repositories: it places neither, and says so in coverage.
        #expect(facts.filter { $0.team == "Platform" }.isEmpty && facts.filter { $0.team == nil }.count == 2)
        // With the policy's owner, the bare name is acme's, and the sandbox stays unowned.
        try h.store.useRepositoryNaming(RepositoryNaming(owner: "acme"))
        let owned = try h.store.pullRequestFacts(Period("2026-Q3")!)
        #expect(owned.filter { $0.team == "Platform" }.count == 1 && owned.filter { $0.team == nil }.count == 1)
        #expect(try h.store.owner(of: "https://github.com/acme/route-planner.git", on: Day(year: 2026, month: 7, day: 1)!) == "Route Planning")
    }

    @Test("policy check --sample: the mapping that takes a file and every value it cannot convert, located; no mapping: the closest and what it lacks")
    func sampleCheck() throws {
        let policy = try Policy.parse(Self.policyText, path: "/p/policy.yml")
        let folder = try TemporaryFolder()
        let header = Self.workday.split(separator: "\n")[0]
        let bad = try folder.write("w.csv", "\(header)\nKF1,A,Route Planning (X),CC-1 Ops,2023-08-21,,\nKF2,B,Route Planning,CC-1 Ops,21-Aug-2023,,\n,C,Booking (Y),CC-2 Sales,01-Jan-2020,,\n")
        let result = try MappedCSV.check(policy.mappings, sample: bad)
        #expect(result.mapping?.name == "workday" && result.rows == 3)
        #expect(result.diagnostics.map(\.code) == ["MAP011", "MAP010", "MAP012"] && result.diagnostics.map(\.line) == [2, 3, 4])
        let other = try folder.write("changes.csv", "Employee ID,Effective Date,New Supervisory Organization\nKF1,06-Jul-2026,Cloud Platform (Z)\n")
        let none = try MappedCSV.check(policy.mappings, sample: other)
        #expect(none.mapping == nil && none.diagnostics.map(\.code) == ["MAP003"])
        #expect(none.diagnostics[0].message.contains("'workday'") && none.diagnostics[0].message.contains("'Supervisory Organization'"))
    }
}

@Suite("Follow-up events without suggestion ids")
struct FollowUpRuleTests {
    static func event(_ id: String, _ type: String, _ time: String, actor: String, sid: String? = nil, tool: String? = "github-copilot") -> String {
        var attributes: [String] = []
        if let sid { attributes.append("\"suggestion_id\":\"\(sid)\"") }
        if let tool { attributes.append("\"tool\":\"\(tool)\"") }
        return "{\"id\":\"\(id)\",\"type\":\"\(type)\",\"time\":\"\(time)\",\"actor\":\"\(actor)\",\"attributes\":{\(attributes.joined(separator: ","))}}"
    }

    @Test("a follow-up without an id undoes the same person's and tool's nearest earlier acceptance within 7 days; the rest are counted and said")
    func rule() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team\na,T\nb,T\n"))
        let lines = [
            Self.event("1", "suggestion.accepted", "2026-07-01T10:00:00Z", actor: "a"),                      // undone by 4 (rule)
            Self.event("2", "suggestion.accepted", "2026-07-01T09:00:00Z", actor: "a"),                      // older: kept
            Self.event("3", "suggestion.accepted", "2026-07-01T11:00:00+01:00", actor: "a", tool: "amazon-q-developer"),  // another tool
            Self.event("4", "suggestion.modified", "2026-07-02T08:00:00Z", actor: "a"),
            Self.event("5", "suggestion.accepted", "2026-07-03T10:00:00Z", actor: "b", sid: "s5"),          // undone by id
            Self.event("6", "suggestion.reverted", "2026-07-04T10:00:00Z", actor: "b", sid: "s5"),
            Self.event("7", "suggestion.reverted", "2026-07-20T10:00:00Z", actor: "b"),                      // nothing in the window
        ]
        let outcome = try h.ingestor.ingest(path: try h.folder.write("events.jsonl", lines.joined(separator: "\n") + "\n"))
        #expect(outcome.status == .ingested(rows: 7), "\(outcome.diagnostics)")
        let outcomes = try h.store.suggestionOutcomes(Period("2026-Q3")!).sorted { $0.accepted > $1.accepted }
        let a = try #require(outcomes.first { $0.person == h.pseudonym("a") }), b = try #require(outcomes.first { $0.person == h.pseudonym("b") })
        #expect(a.accepted == 3 && a.undone == 1 && a.linkedByRule == 1 && a.unlinked == 0)
        #expect(b.accepted == 1 && b.undone == 1 && b.linkedByRule == 0 && b.unlinked == 1)
        // An objection to the programme leaves the objector's events out from its day.
        _ = try h.ingestor.ingest(path: try h.folder.write("consent.csv", "person_id,programme,status,effective\nb,ai-adoption,opted_out,2026-07-01\n"))
        let withConsent = try h.store.suggestionOutcomes(Period("2026-Q3")!, consent: ConsentRule(programme: "ai-adoption", required: true))
        #expect(withConsent.map(\.person) == [h.pseudonym("a")])
        let value = AdoptionMetrics.persistence(outcomes, team: "T", seed: 1)
        #expect(value.estimate == 2.0 / 4 && value.note?.contains("1 undone linked by the rule") == true && value.note?.contains("1 follow-up event fit no acceptance") == true)
    }
}

@Suite("Directory changes")
struct DirectoryChangesTests {
    @Test("a snapshot of today and its job changes give each day's team: a move with a prior team splits the interval, latest first; a rename, hire or leave moves nobody")
    func snapshotAndMoves() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("snapshot.csv", "person_id,team,from,to\np,C,2020-01-01,\nq,B,2026-05-11,\n"))
        let changes = try h.ingestor.ingest(path: try h.folder.write("changes.csv",
            "person_id,effective,team,prior_team\np,2026-05-01,B,A\np,2026-07-06,C,B\nq,2026-05-11,B,\nq,2026-08-01,B,B\n"))
        #expect(changes.format == .directoryChanges && changes.status == .ingested(rows: 4))
        func team(_ person: String, _ day: Day) throws -> String? { try h.store.team(of: h.pseudonym(person), on: day) }
        #expect(try team("p", Day(year: 2026, month: 4, day: 30)!) == "A")
        #expect(try team("p", Day(year: 2026, month: 5, day: 1)!) == "B" && team("p", Day(year: 2026, month: 7, day: 5)!) == "B")
        #expect(try team("p", Day(year: 2026, month: 7, day: 6)!) == "C")
        #expect(try team("q", Day(year: 2026, month: 9, day: 1)!) == "B" && team("q", Day(year: 2026, month: 5, day: 10)!) == nil)
        // Next quarter's snapshot (the same interval again) is re-derived with the moves, never an overlap.
        let again = try h.ingestor.ingest(path: try h.folder.write("snapshot-q4.csv", "person_id,team,from,to\np,C,2020-01-01,\n"))
        #expect(again.status == .ingested(rows: 1))
        #expect(try team("p", Day(year: 2026, month: 4, day: 30)!) == "A" && team("p", Day(year: 2026, month: 8, day: 1)!) == "C")
    }

    @Test("a change without a date it can read is a located error, and nothing from the file is stored")
    func badDate() throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("changes.csv", "person_id,effective,team\np,early July,C\n"))
        #expect(outcome.status == .rejected && outcome.diagnostics.first?.code == "DIR012" && outcome.diagnostics.first?.line == 2)
        #expect(try h.store.tableCounts()["membership_change"] == 0)
    }
}

@Suite("SARIF without invocation times (Qodana)")
struct SARIFAutomationDayTests {
    static func log(automation: String?) -> String {
        let details = automation.map { #","automationDetails":{"id":"\#($0)"}"# } ?? ""
        return #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"QDJVM"}},"versionControlProvenance":[{"repositoryUri":"https://github.com/acme/route-planner.git","revisionId":"abc"}]\#(details),"results":[{"ruleId":"R1","level":"warning","partialFingerprints":{"equalIndicator/v1":"f1"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.kt"}}}]}]}]}"#
    }

    @Test("a run dated only in its automation id is dated that day, with a note; a run dated nowhere is said to be in no period")
    func dated() throws {
        let h = try IngestHarness()
        let dated = try h.ingestor.ingest(path: try h.folder.write("qodana.sarif.json", Self.log(automation: "route-planner/qodana/2026-07-14")))
        #expect(dated.status == .ingested(rows: 1) && dated.diagnostics.map(\.code).contains("SARIF010"))
        let snapshots = try h.store.sarifScanSnapshots()
        #expect(snapshots.values.flatMap { $0 }.map(\.time) == [Int64(Day(year: 2026, month: 7, day: 14)!.dayNumber) * 86_400])
        let undated = try h.ingestor.ingest(path: try h.folder.write("other.sarif.json", Self.log(automation: nil).replacingOccurrences(of: "abc", with: "def")))
        #expect(undated.diagnostics.map(\.code).contains("SARIF011"))
    }
}

@Suite("Aliases in the directory")
struct AliasTests {
    @Test("an alias another person already has is a located error; a registry keyed by an alias applies to the person behind it")
    func aliases() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,email\nKF1,T,ann@acme.example\nKF2,T,bo@acme.example\nKF3,T,\nKF4,T,\nKF5,T,\n"))
        let clash = try h.ingestor.ingest(path: try h.folder.write("dir2.csv", "person_id,team,email\nKF9,U,ann@acme.example\n"))
        #expect(clash.status == .rejected && clash.diagnostics.first?.code == "DIR019" && clash.diagnostics.first?.line == 2)
        // Q Developer rows under the person id; the registry names the person by their address.
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\nKF1,2026-07-01,1,10\nKF2,2026-07-01,2,10\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("consent.csv", "person_id,programme,status,effective\nann@acme.example,ai-adoption,opted_out,2026-06-01\n"))
        let q3 = Period("2026-Q3")!
        let counted = try h.store.inlineTotals(from: q3.first, to: q3.last, consent: ConsentRule(programme: "ai-adoption", required: true))
        #expect(counted.map(\.person) == [h.pseudonym("KF2")])
    }
}
