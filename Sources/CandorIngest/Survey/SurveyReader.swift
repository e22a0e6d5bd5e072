import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Reads a developer-survey CSV through the policy's ``SurveyMapping``. Columns not in the
/// mapping — free-text answers, names, e-mail addresses — are never read.
public struct SurveyReader {
    public let file: String
    let mapping: SurveyMapping
    let teamColumn: Int
    let submittedColumn: Int?
    let itemColumns: [(id: String, column: Int)]
    let fieldCount: Int
    public let ignoredColumns: [String]
    private var seen: [String: Int] = [:]

    /// Whether `header` has every column the mapping names.
    public static func matches(header: [String], mapping: SurveyMapping) -> Bool {
        let names = Set(header.map { $0.trimmingASCIISpaces() })
        return names.contains(mapping.teamColumn) && mapping.items.allSatisfy { names.contains($0.column) }
    }

    public init(header: [String], file: String, mapping: SurveyMapping) throws(DiagnosticList) {
        self.file = file
        self.mapping = mapping
        let names = header.map { $0.trimmingASCIISpaces() }
        var problems: [Diagnostic] = []
        func column(_ title: String) -> Int? {
            let matches = names.indices.filter { names[$0] == title }
            if matches.count > 1 {
                problems.append(Diagnostic(.error, file: file, line: 1, code: "SRV002", message: "the column \(excerpt(Array(title.utf8))) appears more than once",
                                           hint: "rename one of the questions in the export"))
            }
            if matches.isEmpty {
                problems.append(Diagnostic(.error, file: file, line: 1, code: "SRV001", message: "the header has no column \(excerpt(Array(title.utf8))) named in the policy's survey mapping",
                                           hint: "make survey.team_column and survey.items[].column match the export's titles exactly"))
            }
            return matches.first
        }
        let team = column(mapping.teamColumn)
        let submitted = mapping.submittedColumn.flatMap(column)
        let items = mapping.items.map { ($0.id, column($0.column)) }
        guard problems.isEmpty, let team else { throw DiagnosticList(problems) }
        self.teamColumn = team
        self.submittedColumn = submitted
        self.itemColumns = items.map { (id: $0.0, column: $0.1!) }
        self.fieldCount = header.count
        let used = Set([team] + (submitted.map { [$0] } ?? []) + itemColumns.map(\.column))
        self.ignoredColumns = names.indices.filter { !used.contains($0) }.map { names[$0] }
    }

    public mutating func decode(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> SurveyResponse? {
        if let problem = record.fieldCountProblem(expected: fieldCount, file: file, hint: "a comma inside an answer needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        var ok = true
        let team = TeamName.clean(record.string(teamColumn))
        if team.count > DirectoryReader.maxTeamNameLength {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(teamColumn), code: "SRV010",
                                          message: "the team is longer than \(DirectoryReader.maxTeamNameLength) characters", hint: "check the team column"))
            ok = false
        }
        var day: Day?
        var submittedRaw = ""
        if let c = submittedColumn {
            submittedRaw = record.string(c).trimmingASCIISpaces()
            if !submittedRaw.isEmpty {
                day = Self.submissionDay(submittedRaw)
                if day == nil {
                    diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(c), code: "SRV011",
                                                  message: "the submission time \(excerpt(Array(submittedRaw.utf8))) is not a date or time candor reads",
                                                  hint: "use ISO 8601 (2026-07-01T09:00:00Z), YYYY-MM-DD HH:MM:SS or M/D/YYYY H:MM:SS"))
                    ok = false
                }
            }
        }
        var answers: [(String, Int)] = []
        for (id, c) in itemColumns {
            let raw = record.string(c).trimmingASCIISpaces()
            if raw.isEmpty { continue }
            guard let v = Int(raw), v >= 1, v <= mapping.scale else {
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(c), code: "SRV012",
                                              message: "answer to '\(id)' is \(excerpt(Array(raw.utf8))), not a whole number from 1 to \(mapping.scale)",
                                              hint: "export answers as numbers (survey.scale is \(mapping.scale)); blank means not answered"))
                ok = false
                continue
            }
            answers.append((id, v))
        }
        guard ok else { return nil }
        let content = ([submittedRaw, team] + answers.map { "\($0.0)=\($0.1)" }).joined(separator: "\u{1F}")
        let base = SHA256Digest.hex(of: Array(content.utf8))
        let ordinal = (seen[base] ?? 0) + 1
        seen[base] = ordinal
        return SurveyResponse(key: ordinal == 1 ? base : "\(base)#\(ordinal)", team: team, day: day,
                              answers: answers.map { (item: $0.0, value: $0.1) })
    }

    /// The day of a submission time: ISO 8601, `YYYY-MM-DD[ HH:MM:SS]`, or the US form Google Forms writes (`M/D/YYYY H:MM:SS`).
    static func submissionDay(_ raw: String) -> Day? {
        if let seconds = Timestamp.parseISO8601(raw) { return Day(dayNumber: Int(seconds / 86400)) }
        if raw.utf8.count == 10, raw.utf8.dropFirst(4).first == UInt8(ascii: "-") { return Day.parse(raw) }
        let datePart = raw.split(separator: " ").first.map(String.init) ?? raw
        let parts = datePart.split(separator: "/")
        guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 else { return nil }
        return Day(year: y, month: m, day: d)
    }
}
