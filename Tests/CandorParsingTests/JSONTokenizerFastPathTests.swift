@testable import CandorParsing
import Foundation
import Testing

/// The tokenizer copies a string's plain runs at once and checks ASCII strings with one OR instead of
/// the UTF-8 decoder. These tests hold it to what it did byte by byte: the same tokens and positions
/// for every chunk size, the same caps at their exact edge, and the same strings Foundation's own JSON
/// parser (an implementation that shares nothing with candor's) reads from the same text.
@Suite("JSON tokenizer fast paths")
struct JSONTokenizerFastPathTests {
    static let text = "[{\"plain\":\"a fairly long run of plain ASCII text, long enough to cross chunks\",\n"
        + "\"escapes\":\"tab\\there \\\"quoted\\\" back\\\\slash \\/ \\u00e9 \\ud83d\\ude00 end\",\r\n"
        + "\"utf8\":\"Zürich — 東京 😀\",\"n\":[0,-1,2.5e-3,12345678901234],\"t\":true,\"f\":false,\"z\":null},\n"
        + "{\"k\":\"\",\"e\":\"\\n\"}]"

    static func tokens(_ bytes: [UInt8], chunk: Int) throws -> [String] {
        var t = JSONTokenizer()
        var out: [String] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try bytes[start..<end].withUnsafeBufferPointer { try t.consume($0) { token, line, column in out.append("\(token)@\(line):\(column)") } }
            start = end
        }
        try t.finish { token, line, column in out.append("\(token)@\(line):\(column)") }
        return out
    }

    @Test("the same tokens, lines and columns whatever the chunk size", arguments: [1, 2, 3, 5, 8, 13, 64, 1 << 20])
    func chunks(size: Int) throws {
        let bytes = Array(Self.text.utf8)
        #expect(try Self.tokens(bytes, chunk: size) == (try Self.tokens(bytes, chunk: 1 << 20)))
    }

    @Test("every string as Foundation's JSON parser reads it")
    func oracle() throws {
        let records = try streamJSON(Self.text, records: [[.anyIndex]], chunkSize: 7)
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(Self.text.utf8)) as? [[String: Any]])
        #expect(records.count == reference.count)
        for (record, expected) in zip(records, reference) {
            for (key, value) in expected {
                if let s = value as? String { #expect(record.2[key]?.string == s, "\(key)") }
            }
        }
        #expect(records[0].2["escapes"]?.string == "tab\there \"quoted\" back\\slash / é 😀 end")
    }

    @Test("a string of exactly the cap passes and one byte more fails, however the run is split", arguments: [1, 3, 4, 64])
    func capEdge(size: Int) throws {
        func run(_ text: String) throws {
            var t = JSONTokenizer()
            t.maxStringBytes = 8
            let bytes = Array(text.utf8)
            var start = 0
            while start < bytes.count {
                let end = min(start + size, bytes.count)
                try bytes[start..<end].withUnsafeBufferPointer { try t.consume($0) { _, _, _ in } }
                start = end
            }
            try t.finish { _, _, _ in }
        }
        try run("[\"abcdefgh\"]")
        try run("[\"abcdefg\\n\"]")
        #expect(throws: JSONSyntaxError(.stringTooLong(limit: 8), line: 1, column: 2)) { try run("[\"abcdefghi\"]") }
        #expect(throws: JSONSyntaxError(.stringTooLong(limit: 8), line: 1, column: 2)) { try run("[\"abcdefgh\\n\"]") }
    }

    @Test("invalid UTF-8 is refused wherever the chunk boundary falls, after ASCII runs too", arguments: [1, 2, 3, 64])
    func invalidUTF8(size: Int) {
        // "ok " then a lone continuation byte; then an overlong encoding of "/"; then a truncated 3-byte sequence.
        for bad: [UInt8] in [[0x80], [0xC0, 0xAF], [0xE6, 0x9D]] {
            let bytes: [UInt8] = Array("[\"ok ".utf8) + bad + Array(" more\"]".utf8)
            #expect(throws: JSONSyntaxError(.invalidUTF8, line: 1, column: 2)) { _ = try Self.tokens(bytes, chunk: size) }
        }
    }

    @Test("a control character inside a run still stops the string where it stands")
    func control() {
        let bytes = Array("[\"abc\u{01}def\"]".utf8)
        #expect(throws: JSONSyntaxError(.controlCharacterInString, line: 1, column: 6)) { _ = try Self.tokens(bytes, chunk: 2) }
    }
}
