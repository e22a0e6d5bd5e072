@testable import CandorParsing
import Testing

/// Streams `text` and returns the items as (kind, path, compact value).
func streamJSON(_ text: String, records: [[JSONPathPattern]], chunkSize: Int = 1 << 20) throws -> [(String, String, JSONNode)] {
    let stream = JSONRecordStream(source: ByteSource(bytes: Array(text.utf8), name: "t.json", chunkSize: chunkSize), records: records)
    var out: [(String, String, JSONNode)] = []
    try stream.forEach { item in
        switch item {
        case .record(let n, let p): out.append(("record", p.description, n))
        case .context(let n, let p): out.append(("context", p.description, n))
        }
    }
    return out
}

func tokenize(_ text: String) throws -> [JSONTokenizer.Token] {
    var t = JSONTokenizer()
    var out: [JSONTokenizer.Token] = []
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { try t.consume($0) { token, _, _ in out.append(token) } }
    try t.finish { token, _, _ in out.append(token) }
    return out
}

@Suite("JSON tokenizer (RFC 8259)")
struct JSONTokenizerTests {
    @Test("values, escapes and surrogate pairs")
    func values() throws {
        #expect(try tokenize(#"{"a":[1,-2.5e3,true,false,null,"x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]}"#) == [
            .beginObject, .key("a"), .beginArray, .number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null,
            .string("x\"\\/\u{8}\u{C}\n\r\té😀"), .endArray, .endObject])
    }

    @Test("several top-level values: NDJSON and paginated arrays")
    func streams() throws {
        #expect(try tokenize("{\"a\":1}\n{\"a\":2}\r\n[3][4] 5") == [
            .beginObject, .key("a"), .number("1"), .endObject, .beginObject, .key("a"), .number("2"), .endObject,
            .beginArray, .number("3"), .endArray, .beginArray, .number("4"), .endArray, .number("5")])
    }

    @Test("a byte-order mark is skipped")
    func bom() throws {
        #expect(try tokenize("\u{FEFF}[1]") == [.beginArray, .number("1"), .endArray])
    }

    @Test("syntax errors name the line and column", arguments: [
        ("{\"a\":1,}", JSONSyntaxError.Kind.unexpected(0x7D), 1, 8),
        ("[1 2]", .missingComma, 1, 4),
        ("{\"a\" 1}", .missingColon, 1, 6),
        ("{1:2}", .expectedKey, 1, 2),
        ("[\"abc", .unterminatedString, 1, 2),
        ("[\"a\\x\"]", .invalidEscape, 1, 5),
        ("[\"a\nb\"]", .controlCharacterInString, 1, 4),
        ("[01]", .invalidNumber, 1, 2),
        ("[1.]", .invalidNumber, 1, 2),
        ("[-]", .invalidNumber, 1, 2),
        ("[tru]", .invalidLiteral, 1, 2),
        ("[\n1,\n", .truncated, 3, 1),
        ("  ", .empty, 1, 1),
        ("[\"\\ud800\"]", .invalidEscape, 1, 9),
        ("{\"a\":1}}", .unexpected(0x7D), 1, 8),
    ])
    func errors(text: String, kind: JSONSyntaxError.Kind, line: Int, column: Int) {
        #expect(throws: JSONSyntaxError(kind, line: line, column: column)) { try tokenize(text) }
    }

    @Test("invalid UTF-8 inside a string is an error")
    func utf8() {
        var t = JSONTokenizer()
        let bytes: [UInt8] = [0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D]
        #expect(throws: JSONSyntaxError.self) {
            try bytes.withUnsafeBufferPointer { try t.consume($0) { _, _, _ in } }
        }
    }

    @Test("caps on string length and depth")
    func caps() {
        var t = JSONTokenizer()
        t.maxStringBytes = 4
        let long = Array("[\"abcde\"]".utf8)
        #expect(throws: JSONSyntaxError(.stringTooLong(limit: 4), line: 1, column: 2)) {
            try long.withUnsafeBufferPointer { try t.consume($0) { _, _, _ in } }
        }
        #expect(throws: JSONSyntaxError(.tooDeep(limit: 128), line: 1, column: 129)) {
            try tokenize(String(repeating: "[", count: 200))
        }
    }
}

@Suite("JSON record stream")
struct JSONRecordStreamTests {
    let wrapped = """
        {"CodeReviewArn": "arn:aws:codeguru-reviewer:x",
         "RecommendationSummaries": [
           {"RecommendationId": "r1", "Severity": "High"},
           {"RecommendationId": "r2", "Severity": "Low"}
         ],
         "NextToken": null}
        """

    @Test("records inside a wrapper, with context values and paths")
    func wrapper() throws {
        let items = try streamJSON(wrapped, records: [[.key("RecommendationSummaries"), .anyIndex]])
        #expect(items.map(\.0) == ["context", "record", "record", "context"])
        #expect(items.map(\.1) == ["$.CodeReviewArn", "$.RecommendationSummaries[0]", "$.RecommendationSummaries[1]", "$.NextToken"])
        #expect(items[2].2["Severity"]?.string == "Low")
        #expect(items[2].2.line == 4 && items[2].2.column == 4)
        #expect(items[2].2["Severity"]?.line == 4)
    }

    @Test("the same records whatever the chunk size", arguments: [1, 2, 3, 7, 64])
    func chunking(size: Int) throws {
        let a = try streamJSON(wrapped, records: [[.key("RecommendationSummaries"), .anyIndex]])
        let b = try streamJSON(wrapped, records: [[.key("RecommendationSummaries"), .anyIndex]], chunkSize: size)
        #expect(a.map(\.1) == b.map(\.1))
        #expect(a.map(\.2) == b.map(\.2))
    }

    @Test("NDJSON: each line is a record; a top-level array streams its elements")
    func ndjsonAndArrays() throws {
        let nd = try streamJSON("{\"user_id\":1}\n{\"user_id\":2}\n", records: [[]])
        #expect(nd.map(\.0) == ["record", "record"])
        #expect(nd.map { $0.2.line } == [1, 2])
        let pages = try streamJSON("[{\"n\":1},{\"n\":2}]\n[{\"n\":3}]\n", records: [[.anyIndex]])
        #expect(pages.map { $0.2["n"]?.int64 } == [1, 2, 3])
        #expect(pages.map(\.1) == ["$[0]", "$[1]", "$[0]"])
    }

    @Test("a syntax error after good records stops the stream with its position")
    func syntaxError() throws {
        var seen = 0
        let stream = JSONRecordStream(source: ByteSource(bytes: Array("[{\"a\":1},\n{\"a\":2},\n{\"a\" 3}]".utf8), name: "t"), records: [[.anyIndex]])
        #expect(throws: JSONSyntaxError(.missingColon, line: 3, column: 6)) {
            try stream.forEach { _ in seen += 1 }
        }
        #expect(seen == 2)
    }

    @Test("an oversized record is an error; an oversized context value is skipped")
    func sizes() throws {
        var stream = JSONRecordStream(source: ByteSource(bytes: Array("[[1,2,3,4,5,6]]".utf8), name: "t"), records: [[.anyIndex]])
        stream.maxNodes = 4
        #expect(throws: JSONRecordTooLarge.self) { try stream.forEach { _ in } }
        var skipping = JSONRecordStream(source: ByteSource(bytes: Array("{\"big\":[1,2,3,4,5,6],\"r\":[{\"a\":1}]}".utf8), name: "t"),
                                        records: [[.key("r"), .anyIndex]])
        skipping.maxNodes = 4
        var kinds: [String] = []
        try skipping.forEach { if case .record = $0 { kinds.append("record") } else { kinds.append("context") } }
        #expect(kinds == ["record"])
    }

    @Test("paths quote unusual keys")
    func paths() {
        #expect(JSONPath([.key("a b"), .index(2), .key("c")]).description == "$['a b'][2].c")
    }
}

@Suite("JSON record stream with context patterns")
struct JSONContextPatternTests {
    @Test("only named context is built; everything else is skipped, wherever it is")
    func selective() throws {
        let text = """
            {"version":"2.1.0","runs":[
              {"results":[{"ruleId":"a"},{"ruleId":"b"}],
               "tool":{"driver":{"name":"CodeQL","rules":[{"id":"a","help":{"text":"long"}}]}},
               "artifacts":[{"location":{"uri":"x"}}]},
              {"tool":{"driver":{"name":"Semgrep"}},"results":[{"ruleId":"c"}]}]}
            """
        let stream = JSONRecordStream(source: ByteSource(bytes: Array(text.utf8), name: "t", chunkSize: 5),
                                      records: [[.key("runs"), .anyIndex, .key("results"), .anyIndex]],
                                      context: [[.key("runs"), .anyIndex, .key("tool"), .key("driver"), .key("name")], [.key("version")]])
        var seen: [String] = []
        try stream.forEach { item in
            switch item {
            case .record(let n, let p): seen.append("\(p)=\(n["ruleId"]?.string ?? "?")")
            case .context(let n, let p): seen.append("\(p)=\(n.string ?? "?")")
            }
        }
        #expect(seen == ["$.version=2.1.0", "$.runs[0].results[0]=a", "$.runs[0].results[1]=b", "$.runs[0].tool.driver.name=CodeQL",
                         "$.runs[1].tool.driver.name=Semgrep", "$.runs[1].results[0]=c"])
    }
}
