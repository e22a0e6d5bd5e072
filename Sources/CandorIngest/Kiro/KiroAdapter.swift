import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes Kiro needs.
public protocol KiroSink {
    func upsertKiroUserDay(_ row: KiroUserReportRecord, person: Pseudonym, sourceId: Int64) throws
}

/// Kiro per-client `user_report` CSVs.
public struct KiroAdapter: CSVSourceAdapter {
    public static let formats: [InputFormat] = [.kiroUserReport]

    public static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat? {
        names.contains("userid") && names.contains("date") && (names.contains("client_type") || names.contains("credits_used")) ? .kiroUserReport : nil
    }

    let reader: KiroUserReportReader

    public init(header: [String], file: IngestFile, sink: some RecordSink) throws {
        reader = try KiroUserReportReader(header: header, file: file.path)
        file.ignoredColumns = reader.ignoredColumns
        if !reader.ignoredColumns.isEmpty {
            file.note(Diagnostic(.note, file: file.path, line: 1, code: "KIRO020",
                message: "not stored: \(reader.ignoredColumns.count) column(s) outside what candor keeps: "
                    + reader.ignoredColumns.prefix(10).map { excerpt(Array($0.utf8)) }.joined(separator: ", ")))
        }
    }

    public mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        try file.keep(reader.decode(record, diagnostics: &diagnostics)) { row in
            let person = file.pseudonym(row.userId)
            if file.withheld(person, on: row.day) { return }
            try sink.upsertKiroUserDay(row, person: person, sourceId: file.sourceId)
        }
    }
}
