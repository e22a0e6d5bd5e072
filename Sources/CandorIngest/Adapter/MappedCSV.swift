import CandorParsing
import CandorPolicy
import CandorVocabulary
import Foundation

/// A CSV read through one of the policy's `mappings:` (``CSVMapping``): each record of the file
/// becomes a record with candor's column names, days converted to `YYYY-MM-DD`, times to ISO 8601,
/// patterns applied and values translated, and the format's own adapter reads that. Columns the
/// mapping does not name are never read.
public struct MappedCSV {
    public let mapping: CSVMapping
    /// candor's column names, in the format's order: the header the format's adapter is given.
    public let header: [String]
    enum Field {
        case column(Int, NSRegularExpression?)
        case value(String)
    }
    let fields: [(spec: InputFormat.MappableField, source: Field)]
    let file: String
    let fileFieldCount: Int
    /// The file's columns the mapping leaves unread (counted as ignored, never stored).
    public let ignoredColumns: [String]

    /// The first of `mappings` whose columns are all in `header`, if any.
    public static func match(_ mappings: [CSVMapping], header: [String]) -> CSVMapping? {
        let names = Set(header.map { $0.trimmingASCIISpaces().lowercased() })
        return mappings.first { m in m.requiredColumns.allSatisfy { names.contains($0.trimmingASCIISpaces().lowercased()) } }
    }

    public init(mapping: CSVMapping, fileHeader: [String], file: String) throws(DiagnosticList) {
        self.mapping = mapping
        self.file = file
        var index: [String: Int] = [:]
        for (i, raw) in fileHeader.enumerated() {
            let name = raw.trimmingASCIISpaces().lowercased()
            if index[name] == nil { index[name] = i }
        }
        var fields: [(InputFormat.MappableField, Field)] = []
        var used = Set<Int>()
        for spec in mapping.format.mappableFields {
            switch mapping.columns[spec.name] {
            case .column(let title, let pattern)?:
                guard let i = index[title.trimmingASCIISpaces().lowercased()] else {
                    throw DiagnosticList([Diagnostic(.error, file: file, line: 1, code: "MAP001",
                                                     message: "the policy's mapping '\(mapping.name)' names the column '\(title)', which this file's header lacks",
                                                     hint: "fix the column title in the policy's mappings.\(mapping.name).columns.\(spec.name)")])
                }
                // The policy validated the pattern.
                fields.append((spec, .column(i, pattern.flatMap { try? NSRegularExpression(pattern: $0) })))
                used.insert(i)
            case .value(let text)?:
                fields.append((spec, .value(text)))
            case nil:
                continue
            }
        }
        self.fields = fields
        self.header = fields.map(\.0.name)
        self.fileFieldCount = fileHeader.count
        self.ignoredColumns = fileHeader.enumerated().filter { !used.contains($0.offset) }.map { $0.element.trimmingASCIISpaces() }
    }

    /// `record` with candor's columns, or nil when a value cannot be converted (the problem is in
    /// `diagnostics`, located at the file's line and column).
    public func map(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> CSVRecord? {
        if let problem = record.fieldCountProblem(expected: fileFieldCount, file: file, hint: "a comma inside a value needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        var out: [String] = []
        out.reserveCapacity(fields.count)
        var ok = true
        for (spec, source) in fields {
            var value: String
            var column = 1
            switch source {
            case .value(let text): value = text
            case .column(let i, let regex):
                column = record.column(i)
                value = record.string(i).trimmingASCIISpaces()
                if let regex, !value.isEmpty {
                    let range = NSRange(value.startIndex..., in: value)
                    guard let match = regex.firstMatch(in: value, range: range), let group = Range(match.range(at: 1), in: value) else {
                        diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: column, code: "MAP010",
                                                      message: "\(spec.name) does not match the pattern of the policy's mapping '\(mapping.name)'",
                                                      hint: "fix the value, or widen mappings.\(mapping.name).columns.\(spec.name).pattern"))
                        ok = false
                        continue
                    }
                    value = String(value[group]).trimmingASCIISpaces()
                }
            }
            if let translated = mapping.values[spec.name]?[value] { value = translated }
            if !value.isEmpty {
                switch spec.kind {
                case .text: break
                case .day:
                    guard let day = Self.day(value, mapping.dates) else {
                        diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: column, code: "MAP011",
                                                      message: "\(spec.name) is not a day written as \(mapping.dates.rawValue) (the policy's mapping '\(mapping.name)')",
                                                      hint: "fix the value, or set mappings.\(mapping.name).dates to how the file writes days"))
                        ok = false
                        continue
                    }
                    value = day.iso8601
                case .time:
                    value = Self.time(value, mapping.dates, zone: mapping.timeZoneSuffix)
                }
            }
            out.append(value)
        }
        return ok ? CSVRecord(fields: out, line: record.line) : nil
    }

    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]

    /// A day written in `style`, or nil.
    public static func day(_ text: String, _ style: CSVMapping.DateStyle) -> Day? {
        func ints(_ separator: Character) -> [Int]? {
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            let values = parts.compactMap { Int($0) }
            return values.count == 3 ? values : nil
        }
        switch style {
        case .iso: return Day.parse(text)
        case .dayMonthYear: return ints("/").flatMap { $0[2] >= 1000 ? Day(year: $0[2], month: $0[1], day: $0[0]) : nil }
        case .monthDayYear: return ints("/").flatMap { $0[2] >= 1000 ? Day(year: $0[2], month: $0[0], day: $0[1]) : nil }
        case .dotted: return ints(".").flatMap { $0[2] >= 1000 ? Day(year: $0[2], month: $0[1], day: $0[0]) : nil }
        case .dayMonthNameYear:
            let parts = text.split(separator: "-")
            guard parts.count == 3, let d = Int(parts[0]), let m = months[parts[1].lowercased()], let y = Int(parts[2]), y >= 1000 else { return nil }
            return Day(year: y, month: m, day: d)
        }
    }

    /// A time as ISO 8601: a day in the mapping's style and a clock time (`hh:mm[:ss]`, after a space
    /// or `T`) get the mapping's zone when they carry none; anything else is left for the reader to judge.
    static func time(_ text: String, _ style: CSVMapping.DateStyle, zone: String) -> String {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard parts.count == 2, let day = day(parts[0], style) else { return text }
        let clock = parts[1]
        let hasZone = clock.hasSuffix("Z") || clock.dropFirst(5).contains("+") || clock.dropFirst(5).contains("-")
        let shape = clock.range(of: #"^[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"#, options: .regularExpression)
        guard shape != nil else { return text }
        let withSeconds = clock.count >= 8 || hasZone ? clock : clock + ":00"
        return day.iso8601 + "T" + withSeconds + (hasZone ? "" : zone)
    }
}

extension MappedCSV {
    /// Checks a sample file against `mappings` without storing anything (`candor policy check --sample`):
    /// which mapping takes it, and every value it could not convert, located. When none takes it, the
    /// mapping whose columns it comes closest to says which it lacks.
    public static func check(_ mappings: [CSVMapping], sample path: String) throws -> (mapping: CSVMapping?, rows: Int, diagnostics: [Diagnostic]) {
        let reader = CSVReader(source: try ByteSource(path: path))
        var mapped: MappedCSV?
        var chosen: CSVMapping?
        var rows = 0
        var diagnostics: [Diagnostic] = []
        struct Stop: Error {}
        do {
            try reader.forEachRecord { record in
                guard let m = mapped else {
                    let header = record.strings
                    guard let mapping = match(mappings, header: header) else {
                        let names = Set(header.map { $0.trimmingASCIISpaces().lowercased() })
                        // The closest: the most of its columns present, then the fewest missing.
                        func present(_ m: CSVMapping) -> Int { m.requiredColumns.filter { names.contains($0.trimmingASCIISpaces().lowercased()) }.count }
                        let closest = mappings.max { a, b in
                            (present(a), -a.requiredColumns.count) < (present(b), -b.requiredColumns.count)
                        }
                        let missing = closest?.requiredColumns.filter { !names.contains($0.trimmingASCIISpaces().lowercased()) } ?? []
                        diagnostics.append(Diagnostic(.error, file: path, line: 1, code: "MAP003",
                            message: closest.map { "no mapping takes this file: the closest, '\($0.name)', names \(missing.map { "'\($0)'" }.joined(separator: ", ")), which its header lacks" }
                                ?? "the policy has no mappings: section",
                            hint: "fix the column titles in the policy's mapping, or add a mapping for this file"))
                        throw Stop()
                    }
                    chosen = mapping
                    mapped = try MappedCSV(mapping: mapping, fileHeader: header, file: path)
                    return
                }
                guard rows >= 0 else { return }
                rows += 1
                if rows <= mapping(of: chosen).skipRows { return }
                var problems: [Diagnostic] = []
                if let converted = m.map(record, diagnostics: &problems) {
                    for (i, field) in m.fields.enumerated() where field.spec.required && converted.string(i).isEmpty {
                        problems.append(Diagnostic(.error, file: path, line: record.line, code: "MAP012",
                                                   message: "\(field.spec.name) is empty, and \(m.mapping.format.rawValue) needs it",
                                                   hint: "fill the column, or map \(field.spec.name) to another"))
                    }
                }
                diagnostics += problems
            }
        } catch is Stop {
        } catch let list as DiagnosticList {
            diagnostics += list.diagnostics
        }
        let skipped = chosen?.skipRows ?? 0
        return (chosen, max(0, rows - skipped), diagnostics)
    }

    private static func mapping(of chosen: CSVMapping?) -> CSVMapping { chosen! }
}
