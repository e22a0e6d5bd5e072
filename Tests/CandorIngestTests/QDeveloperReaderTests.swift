@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorIngest
import Testing

/// Decodes a whole Q Developer CSV text: rows, diagnostics and the reader (for its column info).
func decodeQDeveloper(_ text: String) throws -> (rows: [QDeveloperActivityRecord], diagnostics: [Diagnostic], reader: QDeveloperActivityReader?) {
    let csv = CSVReader(source: ByteSource(bytes: Array(text.utf8), name: "q.csv"))
    var reader: QDeveloperActivityReader?
    var rows: [QDeveloperActivityRecord] = []
    var diagnostics: [Diagnostic] = []
    var headerProblems: [Diagnostic] = []
    try csv.forEachRecord { record in
        if reader == nil && headerProblems.isEmpty {
            do { reader = try QDeveloperActivityReader(header: record.strings, file: "q.csv") } catch let e as DiagnosticList { headerProblems = e.diagnostics }
            return
        }
        if let row = reader?.decode(record, diagnostics: &diagnostics) { rows.append(row) }
    }
    return (rows, headerProblems + diagnostics, reader)
}

@Suite("Amazon Q Developer user activity CSV")
struct QDeveloperReaderTests {
    static let fullHeader = (["UserId", "Date"] + QDeveloperMetric.allCases.map(\.rawValue).sorted()).joined(separator: ",")

    @Test("all 46 columns map by name, whatever their order")
    func fullFile() throws {
        let names = QDeveloperMetric.allCases.map(\.rawValue).sorted()
        let values = names.indices.map { String($0 + 1) }
        let text = Self.fullHeader + "\nu-1,07-01-2026," + values.joined(separator: ",") + "\n"
        let (rows, diagnostics, reader) = try decodeQDeveloper(text)
        #expect(diagnostics.isEmpty)
        #expect(reader?.absentMetrics.isEmpty == true)
        #expect(rows.count == 1)
        for (i, name) in names.enumerated() {
            #expect(rows[0][QDeveloperMetric(rawValue: name)!] == Int64(i + 1))
        }
        // Reversed column order gives the same values.
        let reversed = (["Date", "UserId"] + names.reversed()).joined(separator: ",") + "\n2026-07-01,u-1," + values.reversed().joined(separator: ",") + "\n"
        #expect(try decodeQDeveloper(reversed).rows == rows)
    }

    @Test("the 2025 eight-column file: quoted UserId, blank cells are 0, absent columns are 0")
    func legacyFile() throws {
        let text = """
            UserId,Date,Chat_AICodeLines,Chat_MessagesInteracted,Chat_MessagesSent,Inline_AICodeLines,Inline_AcceptanceCount,Inline_SuggestionsCount
            "yyy",04-17-2025,,,3,,,
            "b8f1f340-9081-70ad-5fc5-0f37151937a6",06-23-2025,12,3,18,49,21,70

            """
        let (rows, diagnostics, reader) = try decodeQDeveloper(text)
        #expect(diagnostics.isEmpty)
        #expect(reader?.absentMetrics.count == 38)
        #expect(rows.count == 2)
        #expect(rows[0].userId == SourcePersonID("yyy"))
        #expect(rows[0].day == Day(year: 2025, month: 4, day: 17))
        #expect(rows[0][.chatMessagesSent] == 3)
        #expect(rows[0][.inlineSuggestionsCount] == 0)
        #expect(rows[1][.inlineAcceptanceCount] == 21)
        #expect(rows[1][.inlineSuggestionsCount] == 70)
        #expect(rows[1][.devGeneratedLines] == 0)
    }

    @Test("unknown extra columns are ignored and counted")
    func extraColumns() throws {
        let text = "UserId,Region,Date,Inline_AcceptanceCount,Inline_SuggestionsCount,Customization\nu,us-east-1,2026-07-01,1,2,x\n"
        let (rows, diagnostics, reader) = try decodeQDeveloper(text)
        #expect(diagnostics.isEmpty)
        #expect(reader?.ignoredColumns == ["Region", "Customization"])
        #expect(rows.first?[.inlineSuggestionsCount] == 2)
    }

    @Test("both date forms, and CRLF line endings")
    func datesAndCRLF() throws {
        let text = "UserId,Date,Inline_SuggestionsCount\r\na,09-30-2026,1\r\nb,2026-09-30,2\r\n"
        let rows = try decodeQDeveloper(text).rows
        #expect(rows.map(\.day) == [Day(year: 2026, month: 9, day: 30)!, Day(year: 2026, month: 9, day: 30)!])
    }

    @Test("a bad number names the line, the column and the field")
    func badNumber() throws {
        let text = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\nu1,2026-07-01,3,10\nu2,2026-07-01,three,10\n"
        let (rows, diagnostics, _) = try decodeQDeveloper(text)
        #expect(rows.count == 1)
        let d = try #require(diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.line == 3 && d.column == 15 && d.code == "QDEV013")
        #expect(d.description.contains("q.csv:3:15: error: Inline_AcceptanceCount 'three' is not a whole number"))
    }

    @Test("negative, fractional and huge counts are rejected", arguments: ["-1", "1.5", "1e3", "99999999999999999999"])
    func invalidCounts(value: String) throws {
        let text = "UserId,Date,Inline_SuggestionsCount\nu,2026-07-01,\(value)\n"
        #expect(try decodeQDeveloper(text).diagnostics.map(\.code) == ["QDEV013"])
    }

    @Test("wrong number of fields")
    func wrongFieldCount() throws {
        let text = "UserId,Date,Inline_SuggestionsCount\nu,2026-07-01\nv,2026-07-01,1,2\n"
        let diagnostics = try decodeQDeveloper(text).diagnostics
        #expect(diagnostics.map(\.code) == ["CSV010", "CSV010"])
        #expect(diagnostics.map(\.line) == [2, 3])
        #expect(diagnostics[0].message == "expected 3 fields, as in the header, but found 2")
    }

    @Test("impossible dates and unknown date forms", arguments: ["02-30-2026", "2026-13-01", "2026/7/1", "July 1", ""])
    func badDates(value: String) throws {
        let text = "UserId,Date,Inline_SuggestionsCount\nu,\(value),1\n"
        let diagnostics = try decodeQDeveloper(text).diagnostics
        #expect(diagnostics.map(\.code) == ["QDEV012"])
        #expect(diagnostics.first?.column == 3)
    }

    @Test("an empty UserId is an error that quotes nothing personal")
    func emptyUser() throws {
        let diagnostics = try decodeQDeveloper("UserId,Date,Inline_SuggestionsCount\n  ,2026-07-01,1\n").diagnostics
        #expect(diagnostics.map(\.code) == ["QDEV010"])
    }

    @Test("accepted more than shown is an inconsistent export")
    func acceptedMoreThanShown() throws {
        let diagnostics = try decodeQDeveloper("UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\nu,2026-07-01,11,10\n").diagnostics
        #expect(diagnostics.map(\.code) == ["QDEV014"])
    }

    @Test("a header without UserId or Date, and repeated columns")
    func badHeaders() throws {
        #expect(try decodeQDeveloper("Date,Inline_SuggestionsCount\n2026-07-01,1\n").diagnostics.map(\.code) == ["QDEV001"])
        #expect(try decodeQDeveloper("UserId,Date,Inline_SuggestionsCount,inline_suggestionscount\nu,2026-07-01,1,1\n").diagnostics.map(\.code) == ["QDEV002"])
    }

    @Test("diagnostics never quote the user id")
    func noUserIdInMessages() throws {
        let secret = "alice@example.com"
        let text = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\n\(secret),bad,x,1\n\(secret),2026-07-01,5,1\n\(secret),2026-07-01\n"
        let diagnostics = try decodeQDeveloper(text).diagnostics
        #expect(diagnostics.count == 4)
        #expect(diagnostics.allSatisfy { !$0.description.contains("alice") })
    }
}

@Suite("Format recognition")
struct FormatDetectionTests {
    @Test func recognises() {
        #expect(InputFormat.detect(csvHeader: ["UserId", "Date", "Inline_SuggestionsCount"]) == .qDeveloperActivity)
        #expect(InputFormat.detect(csvHeader: [" userid ", "DATE", "chat_messagessent"]) == .qDeveloperActivity)
        #expect(InputFormat.detect(csvHeader: ["person_id", "team", "from", "to"]) == .directory)
        #expect(InputFormat.detect(csvHeader: ["UserId", "Date"]) == nil)
        #expect(InputFormat.detect(csvHeader: ["name", "value"]) == nil)
    }

    @Test func describesUnknownFiles() {
        #expect(InputFormat.describeUnknown(prefix: []) == "the file is empty")
        #expect(InputFormat.describeUnknown(prefix: Array("  {\"a\":1}".utf8)).contains("JSON"))
        #expect(InputFormat.describeUnknown(prefix: [0x50, 0x4B, 0x03, 0x04, 0x00]).contains("binary"))
    }
}
