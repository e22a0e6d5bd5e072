import CandorVocabulary

/// A streaming RFC 4180 reader that works on bytes.
///
/// Handles quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF, LF or
/// CR line endings, a UTF-8 byte-order mark and blank lines (skipped). A bare `"` inside an
/// unquoted field is kept as a literal, as spreadsheet exports do. Anything else malformed
/// throws ``CSVError`` with the line and column where the problem starts.
///
/// Written by hand on purpose (see DESIGN.md): the Swift CSV packages parse 15–60× slower
/// than a byte loop, and ingest speed is a goal.
public struct CSVReader {
    /// Largest field accepted, in bytes; a larger one is an error, not an allocation.
    public var maxFieldBytes = 1 << 20
    /// Most fields accepted in one record.
    public var maxFields = 4096

    private let source: ByteSource

    public init(source: ByteSource) { self.source = source }

    /// Calls `body` for each record, in order. The record is only valid during the call.
    public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        var parser = Parser(maxFieldBytes: maxFieldBytes, maxFields: maxFields)
        try source.forEachChunk { chunk in
            try parser.consume(chunk, body)
        }
        try parser.finish(body)
    }

    fileprivate struct Parser {
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
        var state = State.fieldStart
        var record = CSVRecord()
        var line = 1                 // physical line of the current byte
        var lineStart: Int64 = 0     // absolute offset of the current line's first byte
        var offset: Int64 = 0        // absolute offset of the current byte
        var afterCR = false
        var atFileStart = true
        var bomCheck: [UInt8] = []
        var quoteLine = 0, quoteColumn = 0
        let maxFieldBytes: Int, maxFields: Int

        init(maxFieldBytes: Int, maxFields: Int) {
            self.maxFieldBytes = maxFieldBytes
            self.maxFields = maxFields
        }

        var column: Int { Int(offset - lineStart) + 1 }

        mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) throws -> Void) throws {
            var i = 0
            if atFileStart {
                // Skip a UTF-8 byte-order mark, which may straddle chunks.
                while i < chunk.count && bomCheck.count < 3 {
                    bomCheck.append(chunk[i]); i += 1
                    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                    if bomCheck != Array(bom.prefix(bomCheck.count)) {
                        atFileStart = false
                        let pending = bomCheck
                        bomCheck = []
                        for b in pending { try step(b, body) }
                        break
                    }
                }
                if bomCheck.count == 3 { atFileStart = false; offset = 3; lineStart = 3; bomCheck = [] }
                if atFileStart { return }
            }
            let n = chunk.count
            while i < n {
                // Fastest path: a whole unquoted record inside this chunk is handed over in place,
                // its fields pointing into the chunk (no copy). Anything else takes the general path.
                if state == .fieldStart && record.count == 0 && !afterCR {
                    if let next = try fastRecord(chunk, from: i, body) {
                        i = next
                        continue
                    }
                }
                // Fast path: copy a run of ordinary bytes inside a field in one go.
                if !afterCR && (state == .unquoted || state == .quoted) {
                    let start = i
                    if state == .unquoted {
                        while i < n { let b = chunk[i]; if b == 0x2C || b == 0x0A || b == 0x0D { break }; i += 1 }
                    } else {
                        while i < n { let b = chunk[i]; if b == 0x22 || b == 0x0A || b == 0x0D { break }; i += 1 }
                    }
                    if i > start {
                        try appendRun(UnsafeBufferPointer(rebasing: chunk[start..<i]))
                        offset += Int64(i - start)
                        if i == n { break }
                    }
                }
                try step(chunk[i], body)
                i += 1
            }
        }

        /// Handles the record starting at `start` if it is unquoted and ends (LF or CRLF) inside the
        /// chunk; returns the index after its line break, or nil to use the general path.
        @inline(__always)
        mutating func fastRecord(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int, _ body: (borrowing CSVRecord) throws -> Void) throws -> Int? {
            let n = chunk.count
            var j = start
            var fields = 0
            while j < n {
                let b = chunk[j]
                if b == 0x0A || b == 0x0D || b == 0x22 { break }
                if b == 0x2C { fields += 1 }
                j += 1
            }
            guard j < n, chunk[j] != 0x22 else { return nil }
            var end = j + 1
            if chunk[j] == 0x0D {
                // CRLF needs the LF in this chunk; a lone CR ends the line too.
                guard j + 1 < n else { return nil }
                if chunk[j + 1] == 0x0A { end = j + 2 }
            }
            if j == start {
                // A blank line: skipped, like the general path does.
                offset += Int64(end - start)
                line += 1
                lineStart = offset
                return end
            }
            guard fields + 1 <= maxFields, j - start <= maxFieldBytes * (fields + 1) else { return nil }
            let base = chunk.baseAddress! + start
            record.external = UnsafeBufferPointer(start: base, count: j - start)
            record.line = line
            let lineColumnBase = Int(offset - lineStart)
            var fieldStart = 0
            for k in 0..<(j - start) where base[k] == 0x2C {
                if k - fieldStart > maxFieldBytes {
                    record.external = nil
                    record.reset()
                    return nil
                }
                record.columns.append(lineColumnBase + fieldStart + 1)
                record.ends.append(k)
                fieldStart = k + 1
            }
            if j - start - fieldStart > maxFieldBytes {
                record.external = nil
                record.reset()
                return nil
            }
            record.columns.append(lineColumnBase + fieldStart + 1)
            record.ends.append(j - start)
            try body(record)
            record.external = nil
            record.reset()
            offset += Int64(end - start)
            line += 1
            lineStart = offset
            return end
        }

        mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) throws {
            if record.currentFieldLength + run.count > maxFieldBytes {
                offset += Int64(maxFieldBytes - record.currentFieldLength)
                throw CSVError(kind: .fieldTooLong(limit: maxFieldBytes), line: line, column: column)
            }
            record.bytes.append(contentsOf: run)
        }

        @inline(__always)
        mutating func step(_ b: UInt8, _ body: (borrowing CSVRecord) throws -> Void) throws {
            defer { offset += 1 }
            if afterCR {
                afterCR = false
                if b == 0x0A {
                    // The LF of a CRLF: the line break was already counted at the CR.
                    lineStart = offset + 1
                    if state == .quoted { try append(b) }
                    return
                }
            }
            switch state {
            case .fieldStart:
                switch b {
                case 0x22:
                    record.beginField(line: line, column: column)
                    quoteLine = line; quoteColumn = column
                    state = .quoted
                case 0x2C:
                    record.beginField(line: line, column: column)
                    try endField()
                case 0x0A, 0x0D:
                    if record.count > 0 {
                        // A trailing comma: one more, empty, field ends the record.
                        record.beginField(line: line, column: column)
                        try endField()
                        try emit(body)
                    }
                    newLine(b)
                default:
                    record.beginField(line: line, column: column)
                    try append(b)
                    state = .unquoted
                }
            case .unquoted:
                switch b {
                case 0x2C: try endField(); state = .fieldStart
                case 0x0A, 0x0D:
                    try endField(); try emit(body); state = .fieldStart
                    newLine(b)
                default: try append(b)
                }
            case .quoted:
                switch b {
                case 0x22: state = .quoteInQuoted
                case 0x0A, 0x0D:
                    try append(b)
                    newLine(b)
                default: try append(b)
                }
            case .quoteInQuoted:
                switch b {
                case 0x22: try append(0x22); state = .quoted
                case 0x2C: try endField(); state = .fieldStart
                case 0x0A, 0x0D:
                    try endField(); try emit(body); state = .fieldStart
                    newLine(b)
                default:
                    throw CSVError(kind: .textAfterClosingQuote, line: line, column: column)
                }
            }
        }

        mutating func newLine(_ b: UInt8) {
            line += 1
            lineStart = offset + 1
            if b == 0x0D { afterCR = true }
        }

        @inline(__always)
        mutating func append(_ b: UInt8) throws {
            if record.currentFieldLength >= maxFieldBytes {
                throw CSVError(kind: .fieldTooLong(limit: maxFieldBytes), line: line, column: column)
            }
            record.bytes.append(b)
        }

        mutating func endField() throws {
            record.ends.append(record.bytes.count)
            if record.ends.count > maxFields {
                throw CSVError(kind: .tooManyFields(limit: maxFields), line: line, column: record.columns.last ?? column)
            }
        }

        mutating func emit(_ body: (borrowing CSVRecord) throws -> Void) throws {
            try body(record)
            record.reset()
        }

        mutating func finish(_ body: (borrowing CSVRecord) throws -> Void) throws {
            if atFileStart, !bomCheck.isEmpty {
                let pending = bomCheck
                bomCheck = []
                atFileStart = false
                for b in pending { try step(b, body) }
            }
            switch state {
            case .quoted:
                throw CSVError(kind: .unterminatedQuote, line: quoteLine, column: quoteColumn)
            case .unquoted, .quoteInQuoted:
                try endField(); try emit(body)
            case .fieldStart:
                if record.count > 0 {
                    record.beginField(line: line, column: column)
                    try endField(); try emit(body)
                }
            }
        }
    }
}

/// One CSV record: its fields as byte ranges into one buffer, with where each field starts.
public struct CSVRecord {
    var bytes: [UInt8] = []
    /// When set, the fields live in the reader's chunk (a record read in place) instead of `bytes`.
    var external: UnsafeBufferPointer<UInt8>?
    var ends: [Int] = []
    var columns: [Int] = []
    /// The 1-based line on which this record starts.
    public internal(set) var line = 1

    init() {
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
        columns.reserveCapacity(64)
    }

    mutating func beginField(line: Int, column: Int) {
        if ends.isEmpty { self.line = line }
        columns.append(column)
    }

    var currentFieldLength: Int { bytes.count - (ends.last ?? 0) }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
    }

    /// Number of fields.
    public var count: Int { ends.count }

    /// The 1-based byte column where field `i` starts (on the record's first line for field 0).
    public func column(_ i: Int) -> Int { i < columns.count ? columns[i] : 1 }

    /// Calls `body` with the bytes of field `i`.
    @inline(__always)
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let external {
            let start = i == 0 ? 0 : ends[i - 1] + 1
            return try body(UnsafeBufferPointer(rebasing: external[start..<ends[i]]))
        }
        let start = i == 0 ? 0 : ends[i - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[i]])) }
    }

    /// Field `i` decoded as UTF-8 (invalid sequences become U+FFFD).
    public func string(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// The diagnostic for a record whose field count differs from the header's, or nil.
    public func fieldCountProblem(expected: Int, file: String, hint: String) -> Diagnostic? {
        guard count != expected else { return nil }
        return Diagnostic(.error, file: file, line: line, column: 1, code: "CSV010",
                          message: "expected \(expected) fields, as in the header, but found \(count)", hint: hint)
    }

    /// All fields as strings.
    public var strings: [String] { (0..<count).map { string($0) } }

    /// A record made from `fields`, reported as starting on `line` (a record derived from a file's
    /// record, e.g. through a column mapping, keeps the file's line; every field's column is 1).
    public init(fields: [String], line: Int) {
        self.init()
        for field in fields {
            columns.append(1)
            bytes.append(contentsOf: field.utf8)
            ends.append(bytes.count)
        }
        self.line = line
    }
}

/// Why a CSV file could not be read past a point.
public struct CSVError: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case unterminatedQuote
        case textAfterClosingQuote
        case fieldTooLong(limit: Int)
        case tooManyFields(limit: Int)
    }
    public let kind: Kind
    public let line: Int
    public let column: Int

    /// A diagnostic for this error in `file`.
    public func diagnostic(file: String) -> Diagnostic {
        switch kind {
        case .unterminatedQuote:
            return Diagnostic(.error, file: file, line: line, column: column, code: "CSV001",
                              message: "a quoted field starts here but its closing quote never comes",
                              hint: "close the quote, or double any quote inside the field (\"\")")
        case .textAfterClosingQuote:
            return Diagnostic(.error, file: file, line: line, column: column, code: "CSV002",
                              message: "text after a closing quote",
                              hint: "a quote inside a quoted field must be doubled (\"\"); fix the export or re-export it")
        case .fieldTooLong(let limit):
            return Diagnostic(.error, file: file, line: line, column: column, code: "CSV003",
                              message: "field longer than \(limit) bytes",
                              hint: "this is not a telemetry export; check that the right file was given")
        case .tooManyFields(let limit):
            return Diagnostic(.error, file: file, line: line, column: column, code: "CSV004",
                              message: "more than \(limit) fields in one record",
                              hint: "this is not a telemetry export; check that the right file was given")
        }
    }
}
