@testable import CandorParsing
import Testing

/// Reads `text` with the given chunk size and returns (line, fields) per record, or the error.
func readCSV(_ text: String, chunkSize: Int = 1 << 20) throws -> [(line: Int, fields: [String])] {
    let reader = CSVReader(source: ByteSource(bytes: Array(text.utf8), name: "t.csv", chunkSize: chunkSize))
    var out: [(Int, [String])] = []
    try reader.forEachRecord { out.append(($0.line, $0.strings)) }
    return out
}

@Suite("CSV reader (RFC 4180)")
struct CSVReaderTests {
    @Test("plain records with LF")
    func plain() throws {
        let rows = try readCSV("a,b,c\n1,2,3\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(rows.map(\.line) == [1, 2])
    }

    @Test("quoted fields: commas, doubled quotes and line breaks inside quotes")
    func quoted() throws {
        let rows = try readCSV("id,text\n\"x,1\",\"say \"\"hi\"\"\"\n\"multi\nline\",end\nlast,\"\"\n")
        #expect(rows.map(\.fields) == [["id", "text"], ["x,1", "say \"hi\""], ["multi\nline", "end"], ["last", ""]])
        #expect(rows.map(\.line) == [1, 2, 3, 5])
    }

    @Test("CRLF, lone CR, no final line break, blank lines and a byte-order mark")
    func lineEndings() throws {
        #expect(try readCSV("a,b\r\n1,2\r\n").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try readCSV("a,b\r1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try readCSV("\u{FEFF}a,b\n\n\n1,2\n").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try readCSV("a,b\r\n\r\n1,2").map(\.line) == [1, 3])
        #expect(try readCSV("\"a\r\nb\",c\r\nd,e\r\n").map(\.fields) == [["a\r\nb", "c"], ["d", "e"]])
    }

    @Test("empty fields, including a trailing comma and an empty quoted field")
    func emptyFields() throws {
        #expect(try readCSV("a,,c\n,,\n\"\",x,\n").map(\.fields) == [["a", "", "c"], ["", "", ""], ["", "x", ""]])
    }

    @Test("a bare quote inside an unquoted field is literal")
    func bareQuote() throws {
        #expect(try readCSV("5\" disk,b\n").map(\.fields) == [["5\" disk", "b"]])
    }

    @Test("results do not depend on where chunks split the input", arguments: [1, 2, 3, 5, 7, 64])
    func chunking(size: Int) throws {
        let text = "\u{FEFF}UserId,\"Da\"\"te\"\r\n\"a,b\",2\r\n\"multi\r\nline\",3\rz,4\n\n,\n"
        let whole = try readCSV(text)
        let split = try readCSV(text, chunkSize: size)
        #expect(split.map(\.fields) == whole.map(\.fields))
        #expect(split.map(\.line) == whole.map(\.line))
    }

    @Test("unterminated quote: the error points at the opening quote")
    func unterminated() {
        #expect(throws: CSVError(kind: .unterminatedQuote, line: 3, column: 3)) {
            try readCSV("a,b\n1,2\nx,\"never closed\n4,5\n")
        }
    }

    @Test("text after a closing quote is an error at that character")
    func textAfterQuote() {
        #expect(throws: CSVError(kind: .textAfterClosingQuote, line: 2, column: 6)) {
            try readCSV("a,b\n\"one\"x,2\n")
        }
    }

    @Test("limits: field length and field count")
    func limits() throws {
        var reader = CSVReader(source: ByteSource(bytes: Array("abcdef,g\n".utf8), name: "t"))
        reader.maxFieldBytes = 4
        #expect(throws: CSVError.self) { try reader.forEachRecord { _ in } }
        var wide = CSVReader(source: ByteSource(bytes: Array("a,b,c,d\n".utf8), name: "t"))
        wide.maxFields = 3
        #expect(throws: CSVError(kind: .tooManyFields(limit: 3), line: 1, column: 7)) { try wide.forEachRecord { _ in } }
    }

    @Test("field columns are byte columns on the record's line")
    func columns() throws {
        let reader = CSVReader(source: ByteSource(bytes: Array("a,bb,\"c\"\n".utf8), name: "t"))
        var columns: [Int] = []
        try reader.forEachRecord { r in columns = (0..<r.count).map { r.column($0) } }
        #expect(columns == [1, 3, 6])
    }
}
