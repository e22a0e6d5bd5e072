/// A problem found in an input file, located precisely enough to fix it.
///
/// Data problems are diagnostics, not crashes: readers keep going so one run reports
/// every problem in a file, and the pipeline rejects a file that has any error.
/// Messages never quote person identifiers or free text from the input.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case note, warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    }

    public var severity: Severity
    /// The input file as the user named it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based byte column within the line, when known.
    public var column: Int?
    /// Stable identifier, e.g. `CSV003`, documented in docs/diagnostics.md.
    public var code: String
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil,
                code: String, message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message [CODE] — hint`, the form compilers and editors understand.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): \(severity.rawValue): \(message) [\(code)]"
        if let hint { text += " — \(hint)" }
        return text
    }
}

/// Quotes a short excerpt of an input cell for a diagnostic: at most 32 characters,
/// control and non-ASCII characters shown as escapes, so a message is always one safe line.
package func excerpt<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var out = "'"
    var count = 0
    for b in bytes {
        if count == 32 { out += "…"; break }
        switch b {
        case 0x20...0x7E where b != 0x27 && b != 0x5C: out.append(Character(Unicode.Scalar(b)))
        default: out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
        }
        count += 1
    }
    return out + "'"
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    package func trimmingASCIISpaces() -> String {
        let u = Array(utf8)
        var s = 0, e = u.count
        while s < e, u[s] == 0x20 || u[s] == 0x09 { s += 1 }
        while e > s, u[e - 1] == 0x20 || u[e - 1] == 0x09 { e -= 1 }
        return String(decoding: u[s..<e], as: UTF8.self)
    }
}
