import CandorVocabulary

/// Reads the fields of one JSON object, recording a located diagnostic for each problem.
///
/// Every problem names the file, the line and column of the offending value, and its JSON path
/// (`$.RecommendationSummaries[2].Severity`), so a reader never crashes on a wrong type and a
/// user always knows where to look. Messages quote no string values from the input.
public struct JSONFields {
    public let node: JSONNode
    public let path: JSONPath
    public let file: String
    /// Problems found so far.
    public var diagnostics: [Diagnostic] = []
    /// Longest string accepted for an ordinary field.
    public static let maxStringLength = 1024

    public init(_ node: JSONNode, path: JSONPath, file: String) {
        self.node = node
        self.path = path
        self.file = file
        if node.members == nil {
            diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "JSON010",
                                          message: "\(path): expected an object, found \(node.kindName)",
                                          hint: "each record of this export is a JSON object; check that the right file was given"))
        }
    }

    /// Whether no error was recorded.
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }

    private mutating func problem(_ key: String, _ value: JSONNode?, _ message: String, _ hint: String, code: String = "JSON011") {
        let at = value ?? node
        diagnostics.append(Diagnostic(.error, file: file, line: at.line, column: at.column, code: code,
                                      message: "\(path.appending(key: key)): \(message)", hint: hint))
    }

    /// A present, non-null member, or nil (recording "missing" when `required`).
    private mutating func member(_ key: String, required: Bool) -> JSONNode? {
        guard let value = node[key], !value.isNull else {
            if required { problem(key, nil, "required field is missing", "re-export the data; this field is always present in the tool's export", code: "JSON012") }
            return nil
        }
        return value
    }

    /// A string field (length-capped).
    public mutating func string(_ key: String, required: Bool = true, maxLength: Int = JSONFields.maxStringLength) -> String? {
        guard let value = member(key, required: required) else { return nil }
        guard let s = value.string else {
            problem(key, value, "expected a string, found \(value.kindName)", "check the export against the tool's documentation")
            return nil
        }
        if s.count > maxLength {
            problem(key, value, "longer than \(maxLength) characters", "this does not look like the tool's export", code: "JSON013")
            return nil
        }
        return s
    }

    /// A whole number ≥ 0; absent or null is `defaultValue` (nil = required).
    public mutating func count(_ key: String, default defaultValue: Int64? = 0) -> Int64? {
        guard let value = member(key, required: defaultValue == nil) else { return defaultValue }
        guard let v = value.int64, v >= 0 else {
            problem(key, value, "expected a whole number ≥ 0, found \(value.kindName == "a number" ? "a negative or fractional number" : value.kindName)",
                    "counts are whole numbers; re-export the data")
            return nil
        }
        return v
    }

    /// A whole number ≥ 0 when present; nil when absent or null (no error) or wrong (error recorded).
    public mutating func countIfPresent(_ key: String) -> Int64? {
        guard node[key].map({ !$0.isNull }) == true else { return nil }
        return count(key)
    }

    /// A number (integer or fractional) ≥ 0; absent or null is nil.
    public mutating func nonNegativeNumber(_ key: String) -> Double? {
        guard let value = member(key, required: false) else { return nil }
        guard let v = value.double, v >= 0, v.isFinite else {
            problem(key, value, "expected a number ≥ 0, found \(value.kindName)", "re-export the data")
            return nil
        }
        return v
    }

    /// A boolean; absent or null is `defaultValue`.
    public mutating func bool(_ key: String, default defaultValue: Bool = false) -> Bool {
        guard let value = member(key, required: false) else { return defaultValue }
        guard let b = value.bool else {
            problem(key, value, "expected true or false, found \(value.kindName)", "re-export the data")
            return defaultValue
        }
        return b
    }

    /// A `YYYY-MM-DD` day.
    public mutating func day(_ key: String, required: Bool = true) -> Day? {
        guard let value = member(key, required: required) else { return nil }
        guard let s = value.string, s.utf8.count == 10, s.utf8.dropFirst(4).first == UInt8(ascii: "-"), let d = Day.parse(s) else {
            problem(key, value, "expected a date (YYYY-MM-DD), found \(value.string.map { excerpt(Array($0.utf8)) } ?? value.kindName)",
                    "re-export the data", code: "JSON014")
            return nil
        }
        return d
    }

    /// A point in time written as epoch seconds (AWS wire format, possibly fractional) or an ISO 8601
    /// string; returns whole seconds since 1970 (UTC).
    public mutating func timestamp(_ key: String, required: Bool = true) -> Int64? {
        guard let value = member(key, required: required) else { return nil }
        if let seconds = value.double, seconds.isFinite, seconds >= 0, seconds < 253_402_300_800 {
            return Int64(seconds.rounded(.down))
        }
        if let text = value.string, let seconds = Timestamp.parseISO8601(text) { return seconds }
        problem(key, value, "expected a time (epoch seconds or ISO 8601), found \(value.string.map { excerpt(Array($0.utf8)) } ?? value.kindName)",
                "re-export the data", code: "JSON014")
        return nil
    }

    /// One of `allowed` (compared case-sensitively, as the APIs write them).
    public mutating func enumeration(_ key: String, _ allowed: Set<String>, required: Bool = true) -> String? {
        guard let value = member(key, required: required) else { return nil }
        guard let s = value.string, allowed.contains(s) else {
            problem(key, value, "expected one of \(allowed.sorted().joined(separator: ", ")), found \(value.string.map { excerpt(Array($0.utf8)) } ?? value.kindName)",
                    "re-export the data; this version of candor knows the values the API documents", code: "JSON015")
            return nil
        }
        return s
    }

    /// A whole number (any sign) such as a line number; absent is nil.
    public mutating func integer(_ key: String, required: Bool = false) -> Int64? {
        guard let value = member(key, required: required) else { return nil }
        guard let v = value.int64 else {
            problem(key, value, "expected a whole number, found \(value.kindName)", "re-export the data")
            return nil
        }
        return v
    }

    /// An identifier that may be written as a string or a whole number (GitHub ids are numbers, AWS ids strings).
    public mutating func identifier(_ key: String, required: Bool = true) -> String? {
        guard let value = member(key, required: required) else { return nil }
        if let s = value.string, !s.isEmpty, s.utf8.count <= 256 { return s }
        if let n = value.int64 { return String(n) }
        problem(key, value, "expected an identifier (a string or a whole number), found \(value.kindName)", "re-export the data")
        return nil
    }

    /// The elements of an array field with their paths; absent or null is an empty list.
    public mutating func array(_ key: String) -> [(node: JSONNode, path: JSONPath)] {
        guard let value = member(key, required: false) else { return [] }
        guard let items = value.array else {
            problem(key, value, "expected an array, found \(value.kindName)", "re-export the data")
            return []
        }
        let base = path.appending(key: key)
        return items.enumerated().map { ($1, base.appending(index: $0)) }
    }

    /// An object field as its own field reader; absent or null is nil.
    public mutating func object(_ key: String) -> JSONFields? {
        guard let value = member(key, required: false) else { return nil }
        guard value.members != nil else {
            problem(key, value, "expected an object, found \(value.kindName)", "re-export the data")
            return nil
        }
        return JSONFields(value, path: path.appending(key: key), file: file)
    }

    /// Takes over the diagnostics of a nested reader.
    public mutating func absorb(_ nested: JSONFields) {
        diagnostics += nested.diagnostics
    }
}
