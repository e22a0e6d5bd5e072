import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes Amazon Q Developer activity needs.
public protocol QDeveloperSink {
    /// A writer for one file's activity rows; it also keeps the weekly tiers current.
    func qDeveloperActivityWriter() throws -> any QDeveloperActivityWriter
}

/// Writes one file's Q Developer activity rows under pseudonyms, then its weekly-tier changes.
public protocol QDeveloperActivityWriter {
    /// Stores one row under `person`; `slot` is a number standing for `person` within the file.
    func upsert(day: Day, person: Pseudonym, slot: Int, counts: [Int64], sourceId: Int64) throws
    /// Applies the file's changes to the person-week and team-week tiers (the latter under `consent`).
    func finish(consent: ConsentRule?) throws
}

/// Amazon Q Developer user activity reports (formerly CodeWhisperer): `by_user_analytic` CSVs.
public struct QDeveloperAdapter: CSVSourceAdapter {
    public static let formats: [InputFormat] = [.qDeveloperActivity]

    public static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat? {
        names.contains("userid") && names.contains("date") && header.contains(where: { QDeveloperMetric.named($0.trimmingASCIISpaces()) != nil })
            ? .qDeveloperActivity : nil
    }

    var reader: QDeveloperActivityReader
    let writer: any QDeveloperActivityWriter

    public init(header: [String], file: IngestFile, sink: some RecordSink) throws {
        reader = try QDeveloperActivityReader(header: header, file: file.path)
        if !reader.ignoredColumns.isEmpty {
            file.note(Diagnostic(.note, file: file.path, line: 1, code: "QDEV020",
                message: "ignored \(reader.ignoredColumns.count) column(s) this version does not know: "
                    + reader.ignoredColumns.prefix(10).map { excerpt(Array($0.utf8)) }.joined(separator: ", ")))
        }
        file.ignoredColumns = reader.ignoredColumns
        writer = try sink.qDeveloperActivityWriter()
    }

    public mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        let decoded = reader.decode(record, diagnostics: &diagnostics)
        try file.keep(decoded) { row in
            let person = file.pseudonymEntry(row.userId)
            if file.withheld(person.pseudonym, on: row.day) { return }
            try writer.upsert(day: row.day, person: person.pseudonym, slot: person.slot, counts: row.counts, sourceId: file.sourceId)
        }
    }

    public mutating func complete(file: IngestFile, sink: some RecordSink) throws {
        try writer.finish(consent: file.options.acceptanceConsent)
    }
}
