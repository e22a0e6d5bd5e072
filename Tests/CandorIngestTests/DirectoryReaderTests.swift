@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorIngest
import Testing

func decodeDirectory(_ text: String) throws -> (rows: [MembershipRecord], diagnostics: [Diagnostic]) {
    let csv = CSVReader(source: ByteSource(bytes: Array(text.utf8), name: "dir.csv"))
    var reader: DirectoryReader?
    var rows: [MembershipRecord] = []
    var diagnostics: [Diagnostic] = []
    var sawHeader = false
    try csv.forEachRecord { record in
        if !sawHeader {
            sawHeader = true
            do { reader = try DirectoryReader(header: record.strings, file: "dir.csv") } catch let e as DiagnosticList { diagnostics += e.diagnostics }
            return
        }
        if let row = reader?.decode(record, diagnostics: &diagnostics) { rows.append(row) }
    }
    return (rows, diagnostics)
}

@Suite("Directory CSV")
struct DirectoryReaderTests {
    @Test("intervals with an open end; team names are cleaned")
    func reads() throws {
        let (rows, diagnostics) = try decodeDirectory("person_id,team,from,to\np1,\"Platform & Infra\",2026-01-01,2026-06-30\np1,\"  Search\n Team \",2026-07-01,\n")
        #expect(diagnostics.isEmpty)
        #expect(rows == [
            MembershipRecord(member: .person(SourcePersonID("p1")), team: "Platform & Infra", from: Day(year: 2026, month: 1, day: 1)!, to: Day(year: 2026, month: 6, day: 30)!),
            MembershipRecord(member: .person(SourcePersonID("p1")), team: "Search Team", from: Day(year: 2026, month: 7, day: 1)!, to: nil),
        ])
    }

    @Test("overlapping intervals for one person are rejected with the line of the first")
    func overlap() throws {
        let (_, diagnostics) = try decodeDirectory("person_id,team,from,to\np1,A,2026-01-01,\np2,B,2026-01-01,\np1,B,2026-03-01,2026-04-01\n")
        #expect(diagnostics.map(\.code) == ["DIR014"])
        #expect(diagnostics[0].line == 4)
        #expect(diagnostics[0].message.contains("line 2"))
    }

    @Test("bad dates, reversed intervals, empty team and missing columns")
    func bad() throws {
        let (_, d) = try decodeDirectory("person_id,team,from,to\np1,A,someday,\np2,A,2026-05-01,2026-04-01\np3,,2026-01-01,\np4,A,2026-01-01,never\n")
        #expect(d.map(\.code) == ["DIR012", "DIR013", "DIR011", "DIR012"])
        #expect(d.map(\.line) == [2, 3, 4, 5])
        #expect(try decodeDirectory("person_id,from,to\np,2026-01-01,\n").diagnostics.map(\.code) == ["DIR001"])
        // from and to are optional: without them a membership runs from before any data, and is current.
        #expect(try decodeDirectory("person_id,team\np,A\n").diagnostics.isEmpty)
    }

    @Test("the optional department column: cleaned, blank means none, an overlong one names its line and column")
    func departments() throws {
        let long = String(repeating: "d", count: 121)
        let (rows, d) = try decodeDirectory("person_id,team,from,to,department\np1,A,2026-01-01,, Commerce \np2,B,2026-01-01,,\np3,C,2026-01-01,,\(long)\n")
        #expect(rows.map(\.department) == ["Commerce", nil])
        #expect(d.map(\.code) == ["DIR017"] && d[0].line == 4 && d[0].column != nil)
        #expect(!d[0].message.contains(long))
    }

    @Test("the optional team_email column: plain addresses separated by ';'; anything else names its line and column")
    func teamEmail() throws {
        let good = try decodeDirectory("person_id,team,from,to,team_email\np1,Checkout,2026-01-01,,team-checkout@acme.example; leads@acme.example\np2,Search,2026-01-01,,\n")
        #expect(good.diagnostics.isEmpty)
        #expect(good.rows.map(\.teamEmail) == ["team-checkout@acme.example;leads@acme.example", nil])
        for bad in ["\"Team <t@acme.example>\"", "t@acme.example\r\nBcc: x@evil.example", "not an address", "t@acme.example, u@acme.example",
                    String(repeating: "a@b.example;", count: 11)] {
            let (rows, diagnostics) = try decodeDirectory("person_id,team,from,to,team_email\np1,Checkout,2026-01-01,,\"\(bad.replacingOccurrences(of: "\"", with: "\"\""))\"\n")
            #expect(rows.isEmpty, "\(bad)")
            #expect(diagnostics.map(\.code) == ["DIR018"], "\(bad)")
            #expect(diagnostics.first?.line == 2 && diagnostics.first?.column == 25)   // the CSV reader's column of the field
        }
    }
}
