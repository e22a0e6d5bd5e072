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

@Suite("Ingest through the policy gate into the store")
struct IngestorTests {
    let header = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount"

    @Test("rows are stored under pseudonyms; the database never holds a source id")
    func pseudonymsOnly() throws {
        let h = try IngestHarness()
        let file = try h.folder.write("q.csv", "\(header)\nalice@example.com,2026-07-01,3,10\nBOB-ID-123,07-02-2026,1,4\n")
        let dir = try h.folder.write("dir.csv", "person_id,team,from,to\nalice@example.com,Payments,2026-01-01,\nBOB-ID-123,Payments,2026-01-01,\n")
        let summary = try h.ingestor.ingest(paths: [file, dir])
        #expect(summary.rejectedCount == 0 && summary.ingestedRows == 4)
        let totals = try h.store.inlineTotals(from: Day(year: 2026, month: 7, day: 1)!, to: Day(year: 2026, month: 7, day: 31)!)
        #expect(Set(totals.map(\.person)) == [h.pseudonym("alice@example.com"), h.pseudonym("BOB-ID-123")])
        #expect(totals.allSatisfy { $0.team == "Payments" })
        // Search the bytes of every file of the store (main, dataset files, WALs).
        _ = try h.store.integrityCheck()
        let store2 = try CandorStore(path: h.folder.path("candor.sqlite"))
        _ = try store2.tableCounts()
        let bytes = storeBytes(store2)
        // The activity rows live in the coaching dataset's file, which the search covers.
        let coaching = try Data(contentsOf: URL(fileURLWithPath: CandorStore.datasetPath(store2.path, .coaching)))
            + ((try? Data(contentsOf: URL(fileURLWithPath: CandorStore.datasetPath(store2.path, .coaching) + "-wal"))) ?? Data())
        #expect(coaching.range(of: Data(h.pseudonym("alice@example.com").utf8)) != nil)
        for secret in ["alice", "example.com", "BOB-ID", "bob-id"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "found \(secret) in the database file")
        }
    }

    @Test("ingesting the same file twice is a no-op")
    func sameFileTwice() throws {
        let h = try IngestHarness()
        let file = try h.folder.write("q.csv", "\(header)\na,2026-07-01,3,10\nb,2026-07-01,2,5\n")
        _ = try h.ingestor.ingest(paths: [file])
        let before = try h.q3Totals()
        let again = try h.ingestor.ingest(path: file)
        #expect(again.status == .unchanged(previousPath: file))
        let copy = try h.folder.write("copy/q.csv", try String(contentsOfFile: file, encoding: .utf8))
        #expect(try h.ingestor.ingest(path: copy).status == .unchanged(previousPath: file))
        let after = try h.q3Totals()
        #expect(before.accepted == 5 && before.shown == 15 && before.rows == 2)
        #expect(after.accepted == before.accepted && after.shown == before.shown && after.rows == before.rows)
    }

    @Test("two exports that overlap on (day, person) never double count; the later file's row wins")
    func overlappingExports() throws {
        let h = try IngestHarness()
        let first = try h.folder.write("a.csv", "\(header)\na,2026-07-01,3,10\nb,2026-07-01,2,5\n")
        let second = try h.folder.write("b.csv", "UserId,Date,Inline_SuggestionsCount,Inline_AcceptanceCount,Extra\nb,07-01-2026,5,2,x\nc,2026-07-01,8,4,y\n")
        let summary = try h.ingestor.ingest(paths: [first, second])
        #expect(summary.rejectedCount == 0)
        #expect(summary.files[1].diagnostics.map(\.code) == ["QDEV020"])
        let totals = try h.q3Totals()
        #expect(totals.rows == 3 && totals.accepted == 9 && totals.shown == 23)
    }

    @Test("a file with any bad row stores nothing, and the error names file, line and column", arguments: [
        ("a,2026-07-01,3,10\nb,2026-07-01,x,5\n", "QDEV013", 3),
        ("a,2026-07-01,3,10\nb,2026-07-01,3\n", "CSV010", 3),
        ("a,2026-07-01,3,10\n\"b,2026-07-01,3,5\n", "CSV001", 3),
        ("a,2026-07-01,3,10\nb,2026-02-30,3,5\n", "QDEV012", 3),
    ])
    func rollback(body: String, code: String, line: Int) throws {
        let h = try IngestHarness()
        let file = try h.folder.write("bad.csv", "\(header)\n\(body)")
        let outcome = try h.ingestor.ingest(path: file)
        #expect(outcome.status == .rejected)
        let error = try #require(outcome.diagnostics.first { $0.severity == .error })
        #expect(error.code == code && error.line == line && error.file == file)
        #expect(try h.store.tableCounts().values.allSatisfy { $0 == 0 })
        // Fixing the file lets it in.
        try Data("\(header)\na,2026-07-01,3,10\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try h.ingestor.ingest(path: file).status == .ingested(rows: 1))
    }

    @Test("missing files, folders and unknown files are rejected with a clear message; an empty file is a warning")
    func unreadable() throws {
        let h = try IngestHarness()
        let missing = try h.ingestor.ingest(path: h.folder.path("nope.csv"))
        #expect(missing.status == .rejected && missing.diagnostics.first?.message == "no such file")
        let folder = try h.ingestor.ingest(path: h.folder.url.path)
        #expect(folder.diagnostics.first?.message == "is a directory")
        let empty = try h.ingestor.ingest(path: try h.folder.write("empty.csv", ""))
        #expect(empty.diagnostics.map(\.code) == ["IN004"] && empty.status == .ingested(rows: 0))
        #expect(empty.diagnostics.first?.severity == .warning)
        let unknown = try h.ingestor.ingest(path: try h.folder.write("x.csv", "name,value\na,1\n"))
        #expect(unknown.diagnostics.map(\.code) == ["IN002"])
        #expect(unknown.diagnostics.first?.hint?.contains("candor formats") == true)
        let json = try h.ingestor.ingest(path: try h.folder.write("x.json", "[{\"a\": 1}]\n"))
        #expect(json.diagnostics.first?.message.contains("JSON") == true)
        #expect(try h.store.tableCounts()["source_file"] == 0)
    }

    @Test("directory memberships: overlap with a stored interval is rejected; re-ingest replaces by start day")
    func directory() throws {
        let h = try IngestHarness()
        let d1 = try h.folder.write("d1.csv", "person_id,team,from,to\np,A,2026-01-01,2026-06-30\np,B,2026-07-01,\n")
        #expect(try h.ingestor.ingest(path: d1).status == .ingested(rows: 2))
        let d2 = try h.folder.write("d2.csv", "person_id,team,from,to\np,C,2026-05-01,2026-05-31\n")
        let clash = try h.ingestor.ingest(path: d2)
        #expect(clash.status == .rejected && clash.diagnostics.map(\.code) == ["DIR015"])
        let d3 = try h.folder.write("d3.csv", "person_id,team,from,to\np,A,2026-01-01,2026-07-31\np,B,2026-07-01,\n")
        #expect(try h.ingestor.ingest(path: d3).status == .rejected)
        #expect(try h.store.tableCounts()["team_membership"] == 2)
    }

    @Test("a day counts for the team the person belonged to on that day; a person outside the directory is in no figure, only in coverage")
    func attribution() throws {
        let h = try IngestHarness()
        let dir = try h.folder.write("dir.csv", "person_id,team,from,to\np,A,2026-01-01,2026-07-15\np,B,2026-07-16,\n")
        let q = try h.folder.write("q.csv", "\(header)\np,2026-07-15,1,2\np,2026-07-16,3,4\nq,2026-07-16,5,6\n")
        _ = try h.ingestor.ingest(paths: [dir, q])
        let totals = try h.store.inlineTotals(from: Period("2026-Q3")!.first, to: Period("2026-Q3")!.last)
        #expect(totals.map(\.team) == ["A", "B"])
        #expect(totals.map(\.shown) == [2, 4])
        let coverage = try h.store.coverage(from: Period("2026-Q3")!.first, to: Period("2026-Q3")!.last)
        #expect(coverage.rowsWithoutTeam == 1 && coverage.daysWithData == 2 && coverage.files == 1)
    }
}

@Suite("Skipping bad rows")
struct SkipBadRowsTests {
    @Test("good rows are stored, bad ones go to a rejects file without personal data; a broken file is still rejected")
    func skip() throws {
        let h = try IngestHarness()
        var ingestor = h.ingestor
        ingestor.skipBadRows = true
        let text = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\nalice@example.com,2026-07-01,3,10\nbob@example.com,2026-07-01,=HYPERLINK(1),5\ncarol@example.com,2026-07-02,1,2\n"
        let path = try h.folder.write("q.csv", text)
        let outcome = try ingestor.ingest(path: path)
        #expect(outcome.status == .ingested(rows: 2))
        #expect(outcome.diagnostics.map(\.code) == ["IN006"])
        #expect(outcome.rejects.map(\.line) == [3])
        let rejectsFolder = h.folder.path("rejects")
        let files = try FileManager.default.contentsOfDirectory(atPath: rejectsFolder)
        #expect(files.count == 1 && files[0].hasSuffix("-q.csv.csv"))
        let rejects = try String(contentsOfFile: rejectsFolder + "/" + files[0], encoding: .utf8)
        #expect(rejects.contains(",3,") && rejects.contains("QDEV013") && !rejects.contains("bob") && !rejects.contains(",=HYPERLINK"))
        let mode = try FileManager.default.attributesOfItem(atPath: rejectsFolder + "/" + files[0])[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try h.store.coverage(from: Period("2026-Q3")!.first, to: Period("2026-Q3")!.last).rejectedRows == 1)
        // A file broken as a whole is rejected even so.
        let broken = try ingestor.ingest(path: try h.folder.write("broken.csv", "UserId,Date,Inline_SuggestionsCount\n\"u,2026-07-01,1\n"))
        #expect(broken.status == .rejected)
    }

    @Test("CSV cells written by candor are neutralised against formula injection")
    func cells() {
        #expect(CSVCell.escape("=1+1") == "\"'=1+1\"")
        #expect(CSVCell.escape("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(CSVCell.escape("-5") == "\"'-5\"")
        #expect(CSVCell.escape("plain") == "plain")
        #expect(CSVCell.escape("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }
}

@Suite("Consent in the metrics")
struct ConsentTests {
    @Test("required programmes drop objectors from their objection day; optional ones count only opt-ins; counts, never who")
    func consent() throws {
        let h = try IngestHarness()
        let activity = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\n"
            + ["a", "b", "c"].flatMap { u in ["2026-07-01", "2026-08-01"].map { "\(u),\($0),1,10" } }.joined(separator: "\n") + "\n"
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", activity))
        _ = try h.ingestor.ingest(path: try h.folder.write("directory.csv", "person_id,team,from,to\na,T,2026-01-01,\nb,T,2026-01-01,\nc,T,2026-01-01,\n"))
        // b objects from 2026-07-15; c objects, then withdraws the objection by opting in again.
        let consent = "person_id,programme,status,effective\nb,ai-adoption,opted_out,2026-07-15\nc,ai-adoption,opted_out,2026-06-01\nc,ai-adoption,opted_in,2026-07-20\na,self-view,opted_in,2026-07-01\n"
        _ = try h.ingestor.ingest(path: try h.folder.write("consent.csv", consent))
        let q3 = Period("2026-Q3")!
        let required = ConsentRule(programme: "ai-adoption", required: true)
        let rows = try h.store.inlineTotals(from: q3.first, to: q3.last, consent: required)
        // a: both days; b: only before the objection; c: only after opting back in.
        #expect(rows.reduce(0) { $0 + $1.activeDays } == 4)
        #expect(try h.store.consentExclusions(from: q3.first, to: q3.last, consent: required) == (2, 2))
        let optional = ConsentRule(programme: "self-view", required: false)
        #expect(try h.store.inlineTotals(from: q3.first, to: q3.last, consent: optional).map(\.person) == [h.pseudonym("a")])
        // An optional programme leaves out everyone who did not opt in: b's and c's four rows.
        #expect(try h.store.consentExclusions(from: q3.first, to: q3.last, consent: optional) == (2, 4))
    }

    @Test("an objection the registry records under an alias (a GitHub login) leaves out the person's rows, and is counted")
    func objectionUnderAlias() throws {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(paths: [try h.folder.write("directory.csv", "person_id,team,from,to,github_login\nd,T,2026-01-01,,octo-d\ne,T,2026-01-01,,\n")])
        _ = try h.ingestor.ingest(paths: [try h.folder.write("q.csv", "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\nd,2026-07-01,1,10\nd,2026-08-01,1,10\ne,2026-08-01,1,10\n")])
        _ = try h.ingestor.ingest(paths: [try h.folder.write("consent.csv", "person_id,programme,status,effective\nocto-d,ai-adoption,opted_out,2026-07-15\n")])
        let q3 = Period("2026-Q3")!
        let required = ConsentRule(programme: "ai-adoption", required: true)
        #expect(try h.store.consentExclusions(from: q3.first, to: q3.last, consent: required) == (1, 1))
        let rows = try h.store.inlineTotals(from: q3.first, to: q3.last, consent: required)
        #expect(rows.first { $0.person == h.pseudonym("d") }?.activeDays == 1 && rows.count == 2)
    }

    @Test("the policy declares programmes; self-view cannot be made required")
    func policy() throws {
        let p = try Policy.parse("purpose: x\nkey_file: k\nprogrammes: {ai-adoption: optional, pilots: required}\n", path: "/p.yml")
        #expect(p.consentRule(for: "ai-adoption") == ConsentRule(programme: "ai-adoption", required: false))
        #expect(p.consentRule(for: "pilots").required && !p.consentRule(for: "unknown").required)
        #expect(throws: PolicyError.self) { try Policy.parse("purpose: x\nkey_file: k\nprogrammes: {self-view: required}\n", path: "/p.yml") }
        #expect(throws: PolicyError.self) { try Policy.parse("purpose: x\nkey_file: k\nprogrammes: {a: sometimes}\n", path: "/p.yml") }
    }
}
