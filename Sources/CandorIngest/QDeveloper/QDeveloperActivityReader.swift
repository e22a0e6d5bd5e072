import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes Q Developer user activity CSV records after the header.
///
/// Columns are mapped by header name (case-insensitive), so column order, the 2025
/// eight-column files and the 46-column files all work; unknown columns are ignored and
/// counted; blank cells are 0; `UserId` may be quoted; `Date` is `MM-DD-YYYY` or ISO.
public struct QDeveloperActivityReader {
    public let file: String
    let userIdColumn: Int
    let dateColumn: Int
    /// (field index, metric index) for each known metric present in the header.
    let metricColumns: [(field: Int, metric: Int)]
    let fieldCount: Int
    /// Header names that are not Q Developer columns, in header order.
    public let ignoredColumns: [String]
    /// Known metrics that this file does not have (recorded as 0).
    public let absentMetrics: [QDeveloperMetric]
    private var scratch: [Int64]
    /// Where `Inline_AcceptanceCount` is, and whether `Inline_SuggestionsCount` is present.
    private let acceptedField: Int?
    private let hasShownColumn: Bool

    /// Maps `header`, or returns the diagnostics that make the file unreadable.
    public init(header: [String], file: String) throws(DiagnosticList) {
        self.file = file
        var user: Int?, date: Int?
        var metrics: [(Int, Int)] = []
        var seen: [Int: Int] = [:]
        var ignored: [String] = []
        var problems: [Diagnostic] = []
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingASCIISpaces()
            switch name.lowercased() {
            case "userid":
                if user != nil { problems.append(Self.duplicate(name, file)) }
                user = i
            case "date":
                if date != nil { problems.append(Self.duplicate(name, file)) }
                date = i
            default:
                if let m = QDeveloperMetric.named(name) {
                    if seen[m.index] != nil { problems.append(Self.duplicate(name, file)) }
                    seen[m.index] = i
                    metrics.append((i, m.index))
                } else {
                    ignored.append(name)
                }
            }
        }
        if user == nil || date == nil {
            problems.append(Diagnostic(.error, file: file, line: 1, code: "QDEV001",
                                       message: "the header has no \(user == nil ? "UserId" : "Date") column",
                                       hint: "a Q Developer user activity report starts with UserId,Date,…; re-export it or pass --format"))
        }
        guard problems.isEmpty, let user, let date else { throw DiagnosticList(problems) }
        self.userIdColumn = user
        self.dateColumn = date
        self.metricColumns = metrics.map { (field: $0.0, metric: $0.1) }
        self.fieldCount = header.count
        self.ignoredColumns = ignored
        self.absentMetrics = QDeveloperMetric.allCases.filter { seen[$0.index] == nil }
        self.scratch = Array(repeating: 0, count: QDeveloperMetric.allCases.count)
        self.acceptedField = metrics.first { $0.1 == QDeveloperMetric.acceptedIndex }?.0
        self.hasShownColumn = metrics.contains { $0.1 == QDeveloperMetric.shownIndex }
    }

    private static func duplicate(_ name: String, _ file: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: 1, code: "QDEV002",
                   message: "column \(excerpt(Array(name.utf8))) appears more than once in the header",
                   hint: "remove the repeated column; candor cannot tell which one is right")
    }

    /// Decodes one record, appending any problems to `diagnostics`; nil when the row has an error.
    public mutating func decode(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> QDeveloperActivityRecord? {
        if let problem = record.fieldCountProblem(expected: fieldCount, file: file, hint: "a comma inside a value needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        var ok = true
        let userId = record.withField(userIdColumn) { String(decoding: trimmed($0), as: UTF8.self) }
        if userId.isEmpty {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(userIdColumn),
                                          code: "QDEV010", message: "UserId is empty",
                                          hint: "every row needs the user's IAM Identity Center id; remove or fix the row"))
            ok = false
        } else if userId.utf8.count > 256 {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(userIdColumn),
                                          code: "QDEV011", message: "UserId is longer than 256 bytes",
                                          hint: "this does not look like an identity id; check the file"))
            ok = false
        }
        let day = record.withField(dateColumn) { Day.parse(trimmed($0)) }
        if day == nil {
            let shown = record.withField(dateColumn) { excerpt($0) }
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(dateColumn),
                                          code: "QDEV012", message: "Date \(shown) is not a date",
                                          hint: "use MM-DD-YYYY (as Q Developer writes it) or YYYY-MM-DD"))
            ok = false
        }
        for i in scratch.indices { scratch[i] = 0 }
        for (field, metric) in metricColumns {
            let parsed = record.withField(field) { parseCount($0) }
            switch parsed {
            case .value(let v): scratch[metric] = v
            case .invalid:
                let shown = record.withField(field) { excerpt($0) }
                let name = QDeveloperMetric.allCases[metric].rawValue
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(field),
                                              code: "QDEV013", message: "\(name) \(shown) is not a whole number",
                                              hint: "counts are whole numbers ≥ 0; a blank cell means 0"))
                ok = false
            }
        }
        let accepted = scratch[QDeveloperMetric.acceptedIndex]
        let shown = scratch[QDeveloperMetric.shownIndex]
        if ok, accepted > shown, let field = acceptedField, hasShownColumn {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(field),
                                          code: "QDEV014",
                                          message: "Inline_AcceptanceCount (\(accepted)) is greater than Inline_SuggestionsCount (\(shown))",
                                          hint: "accepted suggestions are a subset of those shown; the export is inconsistent — re-export the day"))
            ok = false
        }
        guard ok, let day else { return nil }
        return QDeveloperActivityRecord(day: day, userId: SourcePersonID(userId), counts: scratch)
    }
}

enum ParsedCount { case value(Int64), invalid }

/// Parses a non-negative whole number; blank (or only spaces) is 0.
@inline(__always)
func parseCount(_ raw: UnsafeBufferPointer<UInt8>) -> ParsedCount {
    let bytes = trimmed(raw)
    if bytes.isEmpty { return .value(0) }
    if bytes.count > 15 { return .invalid }
    var v: Int64 = 0
    for b in bytes {
        guard b >= 48, b <= 57 else { return .invalid }
        v = v &* 10 &+ Int64(b &- 48)
    }
    return .value(v)
}

@inline(__always)
func trimmed(_ raw: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
    var s = 0, e = raw.count
    while s < e, raw[s] == 0x20 || raw[s] == 0x09 { s += 1 }
    while e > s, raw[e - 1] == 0x20 || raw[e - 1] == 0x09 { e -= 1 }
    return raw[s..<e]
}

/// A set of diagnostics thrown together when a file cannot be read at all.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
