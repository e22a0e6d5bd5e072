import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store write the generic assistant-usage CSV needs.
public protocol AssistantUsageSink {
    func upsertAssistantUsageDay(_ row: AssistantUsageRecord, person: Pseudonym, sourceId: Int64) throws
}

/// Decodes the generic AI-assistant usage CSV (docs/formats.md, "Other assistants"), in candor's
/// columns (case-insensitive) or as a policy mapping hands them over:
///
///     day,person,tool,active,suggestions_shown,suggestions_accepted,lines_accepted
///
/// One row is one person's use of one tool on one day. `day` is `YYYY-MM-DD`; `person` a directory
/// id or an alias the directory lists; `active` optional (`true`/`false`, `1`/`0`, `yes`/`no`; blank
/// or absent: true) — an export that lists every member every day marks the days without use, and
/// those rows are read and counted, never stored; the three counters are optional whole numbers
/// (blank: the row counts as activity only). A tool candor reads from its own export (Q Developer, Copilot,
/// Kiro) is refused here: counted twice it would inflate every adoption figure.
public struct AssistantUsageReader {
    public let file: String
    let columns: [String: Int]
    let fieldCount: Int
    public let ignoredColumns: [String]

    public static let required = ["day", "person", "tool"]
    public static let known = ["day", "person", "tool", "active", "suggestions_shown", "suggestions_accepted", "lines_accepted"]
    /// Names (lower-cased, spaces and punctuation removed) of assistants with a reader of their own.
    static let ownExports: [String: String] = [
        "amazonqdeveloper": "Amazon Q Developer", "qdeveloper": "Amazon Q Developer", "amazonq": "Amazon Q Developer",
        "codewhisperer": "Amazon Q Developer", "amazoncodewhisperer": "Amazon Q Developer",
        "githubcopilot": "GitHub Copilot", "copilot": "GitHub Copilot", "kiro": "Kiro",
    ]

    public init(header: [String], file: String) throws(DiagnosticList) {
        self.file = file
        var columns: [String: Int] = [:]
        var ignored: [String] = []
        var problems: [Diagnostic] = []
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingASCIISpaces()
            let key = name.lowercased()
            guard Self.known.contains(key) else { ignored.append(name); continue }
            if columns[key] != nil {
                problems.append(Diagnostic(.error, file: file, line: 1, code: "USE002",
                                           message: "column \(excerpt(Array(name.utf8))) appears more than once in the header",
                                           hint: "remove the repeated column"))
            }
            columns[key] = i
        }
        let missing = Self.required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            problems.append(Diagnostic(.error, file: file, line: 1, code: "USE001", message: "the header lacks \(missing.joined(separator: ", "))",
                                       hint: "the header is " + Self.known.joined(separator: ",") + " (the counters optional), or map the file's own columns in the policy's mappings:"))
        }
        if (columns["suggestions_shown"] == nil) != (columns["suggestions_accepted"] == nil) {
            problems.append(Diagnostic(.error, file: file, line: 1, code: "USE003",
                                       message: "the header has \(columns["suggestions_shown"] == nil ? "suggestions_accepted without suggestions_shown" : "suggestions_shown without suggestions_accepted")",
                                       hint: "an acceptance rate needs both counters; give both, or neither (the rows then count as activity only)"))
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        self.columns = columns
        self.fieldCount = header.count
        self.ignoredColumns = ignored
    }

    public enum Row: Sendable, Equatable {
        case use(AssistantUsageRecord)
        /// A row the export marks as a day without use.
        case inactive
    }

    /// Decodes one record; nil when it has an error (appended to `diagnostics`).
    public func decode(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> Row? {
        if let problem = record.fieldCountProblem(expected: fieldCount, file: file, hint: "a comma inside a value needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        var ok = true
        func fail(_ column: String, _ code: String, _ message: String, _ hint: String) {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(columns[column]!), code: code, message: message, hint: hint))
            ok = false
        }
        // YYYY-MM-DD only: a day written 07/01/2026 could be July or January (a mapping converts the file's dates).
        let day = record.withField(columns["day"]!) { raw -> Day? in
            let t = trimmed(raw)
            return t.count == 10 && t[t.startIndex + 4] == UInt8(ascii: "-") ? Day.parse(t) : nil
        }
        if day == nil {
            let shown = record.withField(columns["day"]!) { excerpt($0) }
            fail("day", "USE010", "day \(shown) is not a date", "write YYYY-MM-DD, or convert the file's dates with the mapping's format")
        }
        let person = record.string(columns["person"]!).trimmingASCIISpaces()
        if person.isEmpty || person.utf8.count > 256 {
            fail("person", "USE011", person.isEmpty ? "person is empty" : "person is longer than 256 bytes",
                 "every row names the person: their directory id, or an alias the directory lists (github_login, aws_user_id, email)")
        }
        let tool = record.string(columns["tool"]!).trimmingASCIISpaces()
        if tool.isEmpty || tool.count > 64 || tool.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fail("tool", "USE012", tool.isEmpty ? "tool is empty" : "tool is longer than 64 characters or holds control characters",
                 "name the assistant, such as Cursor or Claude Code")
        } else if let own = Self.ownExports[String(tool.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })] {
            fail("tool", "USE016", "tool \(excerpt(Array(tool.utf8))) is \(own), which candor reads from its own export",
                 "export \(own)'s own report (candor formats lists it); counted here as well it would count twice")
        }
        func count(_ column: String) -> Int64? {
            guard let i = columns[column] else { return nil }
            if record.withField(i, { trimmed($0).isEmpty }) { return nil }
            switch record.withField(i, { parseCount($0) }) {
            case .value(let v): return v
            case .invalid:
                let shown = record.withField(i) { excerpt($0) }
                fail(column, "USE013", "\(column) \(shown) is not a whole number", "counts are whole numbers ≥ 0; leave blank when the tool does not count them")
                return nil
            }
        }
        var active = true
        if let i = columns["active"] {
            switch record.string(i).trimmingASCIISpaces().lowercased() {
            case "", "true", "1", "yes", "y": active = true
            case "false", "0", "no", "n": active = false
            default:
                let shown = record.withField(i) { excerpt($0) }
                fail("active", "USE017", "active \(shown) is not true or false", "write true/false, 1/0 or yes/no (blank: true); a mapping's values: can translate the file's words")
            }
        }
        let shown = count("suggestions_shown"), accepted = count("suggestions_accepted"), lines = count("lines_accepted")
        if ok, (shown == nil) != (accepted == nil) {
            fail(shown == nil ? "suggestions_shown" : "suggestions_accepted", "USE014",
                 "the row gives \(shown == nil ? "suggestions_accepted but not suggestions_shown" : "suggestions_shown but not suggestions_accepted")",
                 "an acceptance rate needs both; give both, or leave both blank")
        }
        if ok, let shown, let accepted, accepted > shown {
            fail("suggestions_accepted", "USE015", "suggestions_accepted (\(accepted)) exceeds suggestions_shown (\(shown))",
                 "check the columns: a suggestion is shown before it is accepted")
        }
        guard ok, let day else { return nil }
        guard active else { return .inactive }
        return .use(AssistantUsageRecord(day: day, person: SourcePersonID(person), tool: tool, shown: shown, accepted: accepted, lines: lines))
    }
}

/// The generic AI-assistant usage CSV (`day,person,tool,…`).
public struct AssistantUsageAdapter: CSVSourceAdapter {
    public static let formats: [InputFormat] = [.assistantUsage]

    public static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat? {
        names.contains("day") && names.contains("person") && names.contains("tool") ? .assistantUsage : nil
    }

    let reader: AssistantUsageReader
    var inactive = 0

    public init(header: [String], file: IngestFile, sink: some RecordSink) throws {
        reader = try AssistantUsageReader(header: header, file: file.path)
        file.ignoredColumns = reader.ignoredColumns
    }

    public mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        switch reader.decode(record, diagnostics: &diagnostics) {
        case .use(let row)?:
            try file.keep(row) { row in
                let person = file.pseudonym(row.person)
                if file.withheld(person, on: row.day) { return }
                try sink.upsertAssistantUsageDay(row, person: person, sourceId: file.sourceId)
            }
        case .inactive?:
            inactive += 1
            file.counted()
        case nil: break
        }
    }

    public mutating func finish(file: IngestFile, sink: some RecordSink) throws {
        if inactive > 0 {
            file.note(Diagnostic(.note, file: file.path, line: 1, code: "USE020",
                                 message: "\(inactive) row\(inactive == 1 ? "" : "s") marked inactive: read, not stored (a day without use)"))
        }
    }
}
