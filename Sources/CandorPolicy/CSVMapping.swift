import CandorVocabulary
import Foundation
import Yams

/// How to read a CSV that is not a vendor's export — an HR directory, a repository catalogue, a
/// consent registry, a change log, a release tracker — with the organisation's own column names,
/// from one entry of the policy's `mappings:` section:
///
///     mappings:
///       workday:                              # a name, used in diagnostics
///         format: directory                   # what candor reads the file as
///         dates: DD-Mon-YYYY                  # how its days are written (default YYYY-MM-DD)
///         skip_rows: 0                        # rows after the header that are not records
///         columns:
///           person_id: Employee ID            # candor's field: the file's column title
///           team: {column: Supervisory Organization, pattern: '^(.+?) \('}   # the first group
///           from: Hire Date
///           to: Termination Date
///           github_login: GitHub Username
///           programme: {value: ai-adoption}   # the same value on every row
///         values:                             # the file's values → candor's, per field
///           status: {Opted in: opted_in, Objected: opted_out}
///
/// A file is read through the mapping when its header holds every column the mapping names (the
/// first mapping that matches, in the policy's order). A mapping's columns must cover the format's
/// required fields; a field not mapped is blank. Nothing else in the file is read.
public struct CSVMapping: Sendable, Equatable {
    public enum DateStyle: String, Sendable, CaseIterable {
        case iso = "YYYY-MM-DD"
        case dayMonthYear = "DD/MM/YYYY"
        case monthDayYear = "MM/DD/YYYY"
        case dayMonthNameYear = "DD-Mon-YYYY"
        case dotted = "DD.MM.YYYY"
    }

    /// Where one of candor's fields comes from.
    public enum Source: Sendable, Equatable {
        /// A column, optionally through a regular expression whose first group is the value.
        case column(String, pattern: String?)
        /// The same value on every row.
        case value(String)
    }

    public var name: String
    public var format: InputFormat
    public var dates: DateStyle
    /// A time's zone when the file writes none (`times_zone`: `UTC` or `±hh:mm`).
    public var timeZoneSuffix: String
    public var skipRows: Int
    public var columns: [String: Source]
    public var values: [String: [String: String]]
    /// The line of the mapping in the policy file, for diagnostics.
    public var line: Int?

    /// The column titles the file's header must hold.
    public var requiredColumns: [String] {
        columns.values.compactMap { if case .column(let c, _) = $0 { c } else { nil } }.sorted()
    }

    static func parseAll(_ node: Node?, path: String) throws -> [CSVMapping] {
        guard let node else { return [] }
        guard let entries = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "mappings must map a name to each file's mapping",
                              hint: "for example:  mappings: {hr: {format: directory, columns: {person_id: Employee ID, team: Team}}}")
        }
        var out: [CSVMapping] = []
        for (key, value) in entries {
            guard let name = key.string, !name.isEmpty, name.count <= 100 else {
                throw PolicyError(path: path, line: key.mark?.line, message: "a mapping needs a short name", hint: "for example: hr-directory")
            }
            out.append(try parse(name: name, value, path: path))
        }
        // A file goes to the first mapping whose columns its header holds: a later mapping that names every
        // column an earlier one names (and maybe more) would never get a file.
        for (i, a) in out.enumerated() {
            for b in out[(i + 1)...] where Set(a.requiredColumns).isSubset(of: Set(b.requiredColumns)) {
                throw PolicyError(path: path, line: b.line,
                                  message: "mapping '\(b.name)' can never be used: every file with its columns also has every column '\(a.name)' names, and '\(a.name)' comes first",
                                  hint: "put '\(b.name)' before '\(a.name)' (the mapping that names more columns first)")
            }
        }
        return out
    }

    static func parse(name: String, _ node: Node, path: String) throws -> CSVMapping {
        let line = node.mark?.line
        func fail(_ message: String, _ at: Node?, _ hint: String) -> PolicyError {
            PolicyError(path: path, line: at?.mark?.line ?? line, message: "mappings.\(name): \(message)", hint: hint)
        }
        guard let map = node.mapping else { throw fail("must be a mapping", node, "give format: and columns:") }
        let known: Set<String> = ["format", "dates", "times_zone", "skip_rows", "columns", "values"]
        for (key, _) in map where !known.contains(key.string ?? "") {
            throw fail("unknown key '\(key.string ?? "")'", key, "known keys: \(known.sorted().joined(separator: ", "))")
        }
        let mappable = InputFormat.allCases.filter { !$0.mappableFields.isEmpty }
        guard let formatNode = map["format"], let format = formatNode.string.flatMap(InputFormat.init(rawValue:)), !format.mappableFields.isEmpty else {
            throw fail("format must be one of candor's own CSV formats (a vendor's export is read as the vendor writes it)", map["format"],
                       "formats: \(mappable.map(\.rawValue).joined(separator: ", "))")
        }
        var dates = DateStyle.iso
        if let n = map["dates"] {
            guard let style = n.string.flatMap(DateStyle.init(rawValue:)) else {
                throw fail("dates must say how the file writes a day", n, "one of \(DateStyle.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            dates = style
        }
        var zone = "Z"
        if let n = map["times_zone"] {
            guard let text = n.string, text == "UTC" || text.range(of: #"^[+-][0-9]{2}:[0-9]{2}$"#, options: .regularExpression) != nil else {
                throw fail("times_zone must be UTC or an offset such as +01:00", n, "the zone of times the file writes without one")
            }
            zone = text == "UTC" ? "Z" : text
        }
        var skip = 0
        if let n = map["skip_rows"] {
            guard let v = n.int, (0...10).contains(v) else { throw fail("skip_rows must be a whole number from 0 to 10", n, "rows after the header that are not records") }
            skip = v
        }
        guard let columnsNode = map["columns"], let columnMap = columnsNode.mapping else {
            throw fail("columns is missing", node, "map candor's fields to the file's column titles: \(format.mappableFields.map(\.name).joined(separator: ", "))")
        }
        let fields = Dictionary(uniqueKeysWithValues: format.mappableFields.map { ($0.name, $0) })
        var columns: [String: Source] = [:]
        for (key, value) in columnMap {
            guard let field = key.string, fields[field] != nil else {
                throw fail("'\(key.string ?? "")' is not a field of \(format.rawValue)", key, "fields: \(format.mappableFields.map(\.name).joined(separator: ", "))")
            }
            if let title = value.string {
                guard !title.isEmpty, title.count <= 500 else { throw fail("\(field) must name a column title", value, "quote it if it holds a colon") }
                columns[field] = .column(title, pattern: nil)
            } else if let inner = value.mapping {
                for (k, _) in inner where !["column", "pattern", "value"].contains(k.string ?? "") {
                    throw fail("unknown key '\(k.string ?? "")' in \(field)", k, "a field is a column title, {column: TITLE, pattern: REGEX} or {value: TEXT}")
                }
                if let constant = inner["value"] {
                    guard inner["column"] == nil, let text = constant.string, !text.isEmpty, text.count <= 500 else {
                        throw fail("\(field): value must be one text, without a column", constant, "for example: programme: {value: ai-adoption}")
                    }
                    columns[field] = .value(text)
                    continue
                }
                guard let title = inner["column"]?.string, !title.isEmpty, title.count <= 500 else {
                    throw fail("\(field) needs a column", value, "{column: TITLE, pattern: REGEX}")
                }
                var pattern: String?
                if let p = inner["pattern"] {
                    guard let text = p.string, text.count <= 200, let regex = try? NSRegularExpression(pattern: text), regex.numberOfCaptureGroups >= 1 else {
                        throw fail("\(field): pattern must be a regular expression with one group", p, "the first group (…) is the value, e.g. '^(.+?) \\('")
                    }
                    pattern = text
                }
                columns[field] = .column(title, pattern: pattern)
            } else {
                throw fail("\(field) must be a column title", value, "or {column: TITLE, pattern: REGEX}, or {value: TEXT}")
            }
        }
        let missing = format.mappableFields.filter { $0.required && columns[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else {
            throw fail("columns lacks \(missing.joined(separator: ", ")), which \(format.rawValue) needs", columnsNode, "map each to the file's column title")
        }
        guard columns.values.contains(where: { if case .column = $0 { true } else { false } }) else {
            throw fail("columns must name at least one column of the file", columnsNode, "a file is recognised by the columns its mapping names")
        }
        var values: [String: [String: String]] = [:]
        if let n = map["values"] {
            guard let entries = n.mapping else { throw fail("values must map fields to value maps", n, "for example: values: {status: {Objected: opted_out}}") }
            for (key, value) in entries {
                guard let field = key.string, columns[field] != nil else {
                    throw fail("values names '\(key.string ?? "")', which columns does not map", key, "map the field under columns: first")
                }
                guard let pairs = value.mapping else { throw fail("values.\(field) must map the file's values to candor's", value, "for example: {Objected: opted_out}") }
                var map: [String: String] = [:]
                for (from, to) in pairs {
                    guard let a = from.string, let b = to.string, a.count <= 200, b.count <= 200 else {
                        throw fail("values.\(field) must map texts to texts", from, "quote values that YAML would read otherwise (yes, no, on, dates)")
                    }
                    map[a] = b
                }
                values[field] = map
            }
        }
        return CSVMapping(name: name, format: format, dates: dates, timeZoneSuffix: zone, skipRows: skip, columns: columns, values: values, line: line)
    }
}
