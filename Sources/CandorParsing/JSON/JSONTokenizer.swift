import CandorVocabulary

/// A push tokenizer for JSON (RFC 8259) that accepts input in chunks of any size.
///
/// It validates the whole grammar — strings, escapes, numbers, literals, commas, colons and
/// nesting — and reports tokens with their 1-based line and byte column. A stream of several
/// top-level values separated by white space is accepted, which covers NDJSON (one value per
/// line) and `gh api --paginate` output (one array per page). Strings and nesting are capped, so
/// hostile input costs bounded memory.
public struct JSONTokenizer {
    public enum Token: Equatable {
        case beginObject, endObject, beginArray, endArray
        /// An object member's name.
        case key(String)
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    /// Longest string accepted, in bytes (after unescaping).
    public var maxStringBytes = 1 << 20
    /// Deepest nesting accepted.
    public var maxDepth = 128

    private enum Container { case object, array }
    private enum Expect { case value, valueOrEnd, key, keyOrEnd, colon, commaOrEnd, topLevel }
    /// A literal being matched: `true`, `false` or `null`.
    private enum Literal: UInt8 {
        case `true`, `false`, null
        var bytes: StaticString {
            switch self { case .true: return "true"; case .false: return "false"; case .null: return "null" }
        }
        var token: Token {
            switch self { case .true: return .bool(true); case .false: return .bool(false); case .null: return .null }
        }
    }
    /// Plain values only (no references), so moving between states costs no reference counting.
    private enum Lex { case none, string(isKey: Bool), escape(isKey: Bool), unicode(isKey: Bool, digits: Int, value: UInt32), number, literal(Literal, matched: Int) }

    private var stack: [Container] = []
    private var expect = Expect.topLevel
    private var lex = Lex.none
    /// The current string's or number's bytes: the first `length` of `buffer`, which is reused
    /// (cleared by setting `length` to 0, not by reallocating or shrinking).
    private var buffer: [UInt8] = []
    private var length = 0
    private var pendingHighSurrogate: UInt32?
    private var line = 1
    private var lineStart = 0
    private var offset = 0
    private var tokenLine = 0, tokenColumn = 0
    private var afterCR = false
    private var started = false

    public init() {}

    /// Whether the input so far ended exactly at the end of a top-level value.
    public var isAtTopLevel: Bool { stack.isEmpty && expect == .topLevel && started }

    /// The current depth (number of open containers).
    public var depth: Int { stack.count }

    private var column: Int { offset - lineStart + 1 }

    /// Consumes `chunk`, calling `emit` for each complete token with its line and column.
    public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (Token, Int, Int) throws -> Void) throws {
        let n = chunk.count
        var i = 0
        while i < n {
            // Inside a string, the run up to the next quote, backslash or control character is copied
            // at once: the bytes that decide nothing (most of a file) are not stepped through one by one.
            if case .string = lex, pendingHighSurrogate == nil {
                var j = i
                while j < n {
                    let b = chunk[j]
                    if b == 0x22 || b == 0x5C || b < 0x20 { break }
                    j += 1
                }
                if j > i {
                    if length + (j - i) > maxStringBytes {
                        throw JSONSyntaxError(.stringTooLong(limit: maxStringBytes), line: tokenLine, column: tokenColumn)
                    }
                    appendRun(UnsafeBufferPointer(rebasing: chunk[i..<j]))
                    offset += j - i
                    i = j
                    if i == n { break }
                }
            }
            try step(chunk[i], emit)
            offset += 1
            i += 1
        }
    }

    /// Ends the input: a number at the very end is completed; anything unfinished is an error.
    public mutating func finish(_ emit: (Token, Int, Int) throws -> Void) throws {
        if case .number = lex { try endNumber(emit) }
        switch lex {
        case .none: break
        case .string, .escape, .unicode: throw JSONSyntaxError(.unterminatedString, line: tokenLine, column: tokenColumn)
        case .literal: throw JSONSyntaxError(.invalidLiteral, line: tokenLine, column: tokenColumn)
        case .number: break
        }
        if !stack.isEmpty { throw JSONSyntaxError(.truncated, line: line, column: column) }
        if !started { throw JSONSyntaxError(.empty, line: 1, column: 1) }
    }

    private mutating func step(_ b: UInt8, _ emit: (Token, Int, Int) throws -> Void) throws {
        switch lex {
        case .string(let isKey):
            switch b {
            case 0x22:
                lex = .none
                if pendingHighSurrogate != nil { throw JSONSyntaxError(.invalidEscape, line: line, column: column) }
                // Most strings are ASCII: one OR over the bytes spares them the UTF-8 decoder.
                let text = try buffer.withUnsafeBufferPointer { whole in
                    let p = UnsafeBufferPointer(rebasing: whole[0..<length])
                    let ascii = p.reduce(UInt8(0)) { $0 | $1 } < 0x80
                    if !ascii && !isValidUTF8(p) { throw JSONSyntaxError(.invalidUTF8, line: tokenLine, column: tokenColumn) }
                    return String(decoding: p, as: UTF8.self)
                }
                if isKey {
                    try emit(.key(text), tokenLine, tokenColumn)
                    expect = .colon
                } else {
                    try emit(.string(text), tokenLine, tokenColumn)
                    valueDone()
                }
            case 0x5C: lex = .escape(isKey: isKey)
            case 0x00...0x1F: throw JSONSyntaxError(.controlCharacterInString, line: line, column: column)
            default:
                if pendingHighSurrogate != nil { throw JSONSyntaxError(.invalidEscape, line: line, column: column) }
                try append(b)
            }
            return
        case .escape(let isKey):
            lex = .string(isKey: isKey)
            let mapped: UInt8
            switch b {
            case 0x22: mapped = 0x22
            case 0x5C: mapped = 0x5C
            case 0x2F: mapped = 0x2F
            case 0x62: mapped = 0x08
            case 0x66: mapped = 0x0C
            case 0x6E: mapped = 0x0A
            case 0x72: mapped = 0x0D
            case 0x74: mapped = 0x09
            case 0x75: lex = .unicode(isKey: isKey, digits: 0, value: 0); return
            default: throw JSONSyntaxError(.invalidEscape, line: line, column: column)
            }
            if pendingHighSurrogate != nil { throw JSONSyntaxError(.invalidEscape, line: line, column: column) }
            try append(mapped)
            return
        case .unicode(let isKey, let digits, let value):
            guard let h = hexValue(b) else { throw JSONSyntaxError(.invalidEscape, line: line, column: column) }
            let v = value << 4 | h
            if digits < 3 { lex = .unicode(isKey: isKey, digits: digits + 1, value: v); return }
            lex = .string(isKey: isKey)
            try appendScalar(v)
            return
        case .number:
            switch b {
            case 0x30...0x39, 0x2E, 0x65, 0x45, 0x2B, 0x2D:
                try append(b)
                return
            default:
                try endNumber(emit)
            }
        case .literal(let literal, let matched):
            let expected = literal.bytes
            guard b == expected.utf8Start[matched] else { throw JSONSyntaxError(.invalidLiteral, line: tokenLine, column: tokenColumn) }
            if matched + 1 == expected.utf8CodeUnitCount {
                lex = .none
                try emit(literal.token, tokenLine, tokenColumn)
                valueDone()
            } else {
                lex = .literal(literal, matched: matched + 1)
            }
            return
        case .none:
            break
        }

        // Between tokens.
        switch b {
        case 0x20, 0x09: return
        case 0x0A:
            if !afterCR { line += 1 }
            afterCR = false
            lineStart = offset + 1
            return
        case 0x0D:
            line += 1
            afterCR = true
            lineStart = offset + 1
            return
        default:
            afterCR = false
        }
        tokenLine = line
        tokenColumn = column
        switch b {
        case 0x7B: // {
            try beginValue()
            try push(.object)
            expect = .keyOrEnd
            try emit(.beginObject, line, column)
        case 0x5B: // [
            try beginValue()
            try push(.array)
            expect = .valueOrEnd
            try emit(.beginArray, line, column)
        case 0x7D: // }
            guard stack.last == .object, expect == .keyOrEnd || expect == .commaOrEnd else {
                throw JSONSyntaxError(.unexpected(b), line: line, column: column)
            }
            stack.removeLast()
            try emit(.endObject, line, column)
            valueDone()
        case 0x5D: // ]
            guard stack.last == .array, expect == .valueOrEnd || expect == .commaOrEnd else {
                throw JSONSyntaxError(.unexpected(b), line: line, column: column)
            }
            stack.removeLast()
            try emit(.endArray, line, column)
            valueDone()
        case 0x2C: // ,
            guard expect == .commaOrEnd else { throw JSONSyntaxError(.unexpected(b), line: line, column: column) }
            expect = stack.last == .object ? .key : .value
        case 0x3A: // :
            guard expect == .colon else { throw JSONSyntaxError(.unexpected(b), line: line, column: column) }
            expect = .value
        case 0x22: // "
            length = 0
            if expect == .key || expect == .keyOrEnd {
                lex = .string(isKey: true)
            } else {
                try beginValue()
                lex = .string(isKey: false)
            }
        case 0x2D, 0x30...0x39:
            try beginValue()
            // A number's first byte, as before the buffer was reused: not counted against the cap.
            if buffer.isEmpty { buffer.append(b) } else { buffer[0] = b }
            length = 1
            lex = .number
        case 0x74:
            try beginValue()
            lex = .literal(.true, matched: 1)
        case 0x66:
            try beginValue()
            lex = .literal(.false, matched: 1)
        case 0x6E:
            try beginValue()
            lex = .literal(.null, matched: 1)
        case 0xEF where offset == 0 || (offset < 3 && !started):
            // A UTF-8 byte-order mark before the first value: skip its three bytes.
            bomRemaining = 2
        case 0xBB, 0xBF:
            guard bomRemaining > 0 else { throw JSONSyntaxError(.unexpected(b), line: line, column: column) }
            bomRemaining -= 1
            lineStart = offset + 1
        default:
            throw JSONSyntaxError(.unexpected(b), line: line, column: column)
        }
    }

    private var bomRemaining = 0

    private mutating func beginValue() throws {
        switch expect {
        case .value, .valueOrEnd, .topLevel:
            started = true
        default:
            throw JSONSyntaxError(expect == .commaOrEnd ? .missingComma : expect == .colon ? .missingColon : .expectedKey,
                                  line: line, column: column)
        }
    }

    private mutating func push(_ c: Container) throws {
        if stack.count >= maxDepth { throw JSONSyntaxError(.tooDeep(limit: maxDepth), line: line, column: column) }
        stack.append(c)
    }

    private mutating func valueDone() {
        expect = stack.isEmpty ? .topLevel : .commaOrEnd
    }

    private mutating func endNumber(_ emit: (Token, Int, Int) throws -> Void) throws {
        lex = .none
        let text: String? = buffer.withUnsafeBufferPointer { whole in
            let p = UnsafeBufferPointer(rebasing: whole[0..<length])
            return isValidNumber(p) ? String(decoding: p, as: UTF8.self) : nil
        }
        guard let text else { throw JSONSyntaxError(.invalidNumber, line: tokenLine, column: tokenColumn) }
        try emit(.number(text), tokenLine, tokenColumn)
        valueDone()
    }

    @inline(__always)
    private mutating func append(_ b: UInt8) throws {
        if length >= maxStringBytes {
            throw JSONSyntaxError(.stringTooLong(limit: maxStringBytes), line: tokenLine, column: tokenColumn)
        }
        if length < buffer.count { buffer[length] = b } else { buffer.append(b) }
        length += 1
    }

    /// Appends a run of bytes already checked against ``maxStringBytes``.
    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) {
        let needed = length + run.count
        if needed > buffer.count { buffer.append(contentsOf: repeatElement(0, count: needed - buffer.count)) }
        buffer.withUnsafeMutableBufferPointer { destination in
            _ = UnsafeMutableBufferPointer(rebasing: destination[length..<needed]).initialize(from: run)
        }
        length = needed
    }

    private mutating func appendScalar(_ v: UInt32) throws {
        var scalarValue = v
        if let high = pendingHighSurrogate {
            guard (0xDC00...0xDFFF).contains(v) else { throw JSONSyntaxError(.invalidEscape, line: line, column: column) }
            pendingHighSurrogate = nil
            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
        } else if (0xD800...0xDBFF).contains(v) {
            pendingHighSurrogate = v
            return
        } else if (0xDC00...0xDFFF).contains(v) {
            throw JSONSyntaxError(.invalidEscape, line: line, column: column)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw JSONSyntaxError(.invalidEscape, line: line, column: column) }
        for unit in String(Character(scalar)).utf8 { try append(unit) }
    }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` (RFC 8259 §6).
func isValidNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    func digits() -> Int { let s = i; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }; return i - s }
    if i < b.count, b[i] == 0x2D { i += 1 }
    guard i < b.count else { return false }
    if b[i] == 0x30 { i += 1 } else if digits() == 0 { return false }
    if i < b.count, b[i] == 0x2E { i += 1; if digits() == 0 { return false } }
    if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
        i += 1
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        if digits() == 0 { return false }
    }
    return i == b.count
}

func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}

/// Why JSON could not be read past a point.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case unexpected(UInt8), missingComma, missingColon, expectedKey
        case unterminatedString, invalidEscape, controlCharacterInString, invalidUTF8
        case invalidNumber, invalidLiteral, truncated, empty
        case stringTooLong(limit: Int), tooDeep(limit: Int)
    }
    public let kind: Kind
    public let line: Int
    public let column: Int

    public init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// What went wrong, in words.
    public var message: String {
        switch kind {
        case .unexpected(let b):
            let shown = (0x21...0x7E).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
            return "unexpected \(shown)"
        case .missingComma: return "a comma is missing between two values"
        case .missingColon: return "a colon is missing after an object key"
        case .expectedKey: return "expected a quoted object key"
        case .unterminatedString: return "a string starts here but never ends"
        case .invalidEscape: return "invalid escape sequence in a string"
        case .controlCharacterInString: return "a raw control character (such as a line break) inside a string"
        case .invalidUTF8: return "a string is not valid UTF-8"
        case .invalidNumber: return "invalid number"
        case .invalidLiteral: return "invalid literal (expected true, false or null)"
        case .truncated: return "the file ends in the middle of a value (truncated download?)"
        case .empty: return "the file holds no JSON value"
        case .stringTooLong(let limit): return "a string longer than \(limit) bytes"
        case .tooDeep(let limit): return "nesting deeper than \(limit) levels"
        }
    }

    /// A diagnostic in `file`.
    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, code: "JSON001", message: "not valid JSON: \(message)",
                   hint: kind == .truncated ? "download the export again" : "re-export the file; candor reads JSON exactly as the tools write it")
    }
}
