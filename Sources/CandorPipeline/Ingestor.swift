import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// What happened to one input file.
public struct FileOutcome: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Rows stored (added or replacing rows for the same person and day).
        case ingested(rows: Int)
        /// The same bytes were ingested before; nothing to do.
        case unchanged(previousPath: String)
        /// Nothing from this file was stored.
        case rejected
    }
    public var path: String
    public var format: InputFormat?
    public var status: Status
    public var diagnostics: [Diagnostic]
    /// Problems of records left out with `--skip-bad-rows` (written to the rejects file).
    public var rejects: [Diagnostic] = []
    /// The file's SHA-256, when it was read.
    public var sha256: String?
}

/// The result of ingesting a set of files.
public struct IngestSummary: Sendable, Equatable {
    public var files: [FileOutcome]
    public var rejectedCount: Int { files.filter { $0.status == .rejected }.count }
    public var ingestedRows: Int {
        files.reduce(0) { if case .ingested(let n) = $1.status { return $0 + n } else { return $0 } }
    }
}

/// Reads export files through the policy gate into the store, one transaction per file.
///
/// For each file: hash it (a file ingested before is skipped), recognise its format from its
/// content, decode every row, replace person ids with pseudonyms, and store the rows. Any error
/// in a file rolls the whole file back, so the store holds every row of a file or none.
public struct Ingestor: Sendable {
    public let store: CandorStore
    public let pseudonymiser: Pseudonymiser
    /// Pseudonyms already computed in this run, shared by its files.
    let pseudonymMemo = PseudonymMemo()
    public let log: any ProgressLog
    /// Recorded as the ingestion time.
    public let now: Date
    /// Forces a format instead of recognising it.
    public let forcedFormat: InputFormat?
    /// What aggregate-only exports cover when the file does not say (`--scope`, e.g. `team:frontend`).
    public let scope: String

    /// The scope of aggregate-only exports when none is given.
    public static let defaultScope = IngestOptions.defaultScope
    /// The code review that CodeGuru recommendation or feedback files without a `CodeReviewArn` wrapper belong to.
    public let codeReviewArn: String?
    /// The repository of SARIF logs that do not name one (`--repository`).
    public let repository: String?
    /// The policy's survey mapping, if it has one.
    public let survey: SurveyMapping?
    /// Read files again even when the same bytes were ingested before (`--force`).
    public var force = false
    /// Store the good records of a file with bad ones, and write the bad ones' diagnostics to a
    /// rejects file beside the database (`--skip-bad-rows`). A file that cannot be read as a whole
    /// (wrong format, broken CSV quoting, JSON syntax) is still rejected.
    public var skipBadRows = false
    /// The policy whose source entries decide each record's dataset and which fields are kept.
    /// Without one every field candor reads is kept (tests of readers use this).
    public var policy: Policy?

    /// What the adapters are told about files that do not say it themselves.
    var options: IngestOptions {
        var options = IngestOptions(scope: scope, codeReviewArn: codeReviewArn, repository: repository, survey: survey,
                                    acceptanceConsent: policy.map { $0.consentRule(for: MetricRegistry.acceptanceRate.programme) }, day: Timestamp.day(now))
        if let policy { options.programmes = Set(policy.programmes.keys) }
        return options
    }

    public init(store: CandorStore, pseudonymiser: Pseudonymiser, log: any ProgressLog, now: Date, forcedFormat: InputFormat? = nil,
                scope: String = Ingestor.defaultScope, codeReviewArn: String? = nil, repository: String? = nil, survey: SurveyMapping? = nil) {
        self.survey = survey
        self.codeReviewArn = codeReviewArn
        self.repository = repository
        self.store = store
        self.pseudonymiser = pseudonymiser
        self.log = log
        self.now = now
        self.forcedFormat = forcedFormat
        self.scope = scope
    }

    /// Ingests `paths` in the order given. Problems are reported per file; only database failures throw.
    public func ingest(paths: [String]) throws -> IngestSummary {
        var outcomes: [FileOutcome] = []
        for (i, path) in paths.enumerated() {
            let outcome = try ingest(path: path)
            for d in outcome.diagnostics { log.diagnostic(d) }
            let what: String
            switch outcome.status {
            case .ingested(let rows): what = "\(rows) rows (\(outcome.format?.rawValue ?? "?"))"
            case .unchanged(let previous): what = previous == path ? "unchanged since last ingest, skipped" : "same content as \(previous), skipped"
            case .rejected: what = "REJECTED — nothing from this file was stored"
            }
            log.progress("[\(i + 1)/\(paths.count)] \(path): \(what)")
            outcomes.append(outcome)
        }
        try refreshTiers()
        return IngestSummary(files: outcomes)
    }

    /// Makes the week parts the ingested files changed in the tiers, under the policy's programme
    /// (``ingest(paths:)`` does this at its end; a caller of ``ingest(path:)`` may, or leave it to the next read).
    public func refreshTiers() throws {
        let made = try store.refreshTiers(policy.map(TierRequest.policy)
            ?? TierRequest(assistants: .rule(Policy.defaultAssistantRule), pullRequests: .rule(Policy.defaultEngineeringRule), naming: RepositoryNaming()))
        if !made.isEmpty {
            log.progress("tiers made from the stored rows: \(made.assistantParts) week part\(made.assistantParts == 1 ? "" : "s") of AI assistants' use, "
                         + "\(made.pullRequests) pull request\(made.pullRequests == 1 ? "" : "s")")
        }
    }

    /// Ingests one file. The tiers are brought up to date by ``refreshTiers()``, not here.
    public func ingest(path: String) throws -> FileOutcome {
        func rejected(_ diagnostics: [Diagnostic], format: InputFormat? = nil) -> FileOutcome {
            FileOutcome(path: path, format: format, status: .rejected, diagnostics: diagnostics)
        }
        // 1. Hash the bytes: provenance, and skipping a file already ingested.
        let sha256: String, size: Int64
        do {
            (sha256, size) = try Self.hash(path: path)
        } catch let error as InputError {
            return rejected([Diagnostic(.error, file: path, code: "IN001", message: Self.message(error), hint: Self.hint(error))])
        }
        if !force, let previous = try store.sourceFile(sha256: sha256) {
            return FileOutcome(path: path, format: InputFormat(rawValue: previous.format), status: .unchanged(previousPath: previous.path),
                               diagnostics: [], sha256: sha256)
        }
        // 2. Decode and store in one transaction.
        do {
            let prefix = try ByteSource.prefix(ofFile: path, maxBytes: FormatDetector.prefixLength)
            if prefix.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                // A day with no activity can arrive as an empty file: nothing to store, nothing wrong.
                return FileOutcome(path: path, format: forcedFormat, status: .ingested(rows: 0), diagnostics: [
                    Diagnostic(.warning, file: path, code: "IN004", message: "the file is empty; nothing was stored",
                               hint: "if the export should have rows, check that the download finished")])
            }
            let significant = prefix.filter { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
            if significant == Array("[]".utf8) || significant == Array("\u{FEFF}[]".utf8) {
                // `gh api` writes [] for a list with nothing in it (a pull request without reviews): a
                // normal export with no records, whatever its format.
                return FileOutcome(path: path, format: forcedFormat, status: .ingested(rows: 0), diagnostics: [
                    Diagnostic(.note, file: path, code: "IN007", message: "an empty JSON list ([]): no records, nothing to store")])
            }
            // The policy's mappings first: a file the organisation described is read as described.
            let mapping = forcedFormat == nil && !FormatDetector.looksLikeJSON(prefix)
                ? FormatDetector.firstCSVRecord(prefix).flatMap { MappedCSV.match(policy?.mappings ?? [], header: $0) } : nil
            let detected = mapping?.format ?? forcedFormat ?? FormatDetector.detect(prefix: prefix, survey: survey)
            if detected == nil, FormatDetector.looksLikeJSON(prefix), let unused = UnusedExport.recognise(JSONSniff(prefix: prefix)) {
                return FileOutcome(path: path, format: nil, status: .ingested(rows: 0), diagnostics: [
                    Diagnostic(.warning, file: path, line: 1, code: "IN008", message: "not read: this is \(unused.what)", hint: unused.instead)])
            }
            guard let format = detected else {
                throw Rejection(diagnostics: [Diagnostic(
                    .error, file: path, line: 1, code: "IN002",
                    message: "unknown format: \(InputFormat.describeUnknown(prefix: prefix))",
                    hint: "run `candor formats` to see every format candor reads with an example; pass --format NAME only if you are sure")])
            }
            // The policy decides which dataset file the records go to, and which fields they keep.
            let family = SourceFamily(format: format)
            let sourcePolicy = family.map { policy?.sourcePolicy(for: $0) ?? SourcePolicy(family: $0, dataset: $0.defaultDataset, allowedFields: nil) }
            // Minimal by default: an export no published figure reads is read, said, and not stored,
            // unless the policy names the organisation's purpose for the source.
            let outcome = try store.transaction(dataset: sourcePolicy?.dataset) { writer in
                // Another process may have ingested the same bytes since the check above.
                if !force, let previous = try writer.sourceFile(sha256: sha256) {
                    return FileOutcome(path: path, format: InputFormat(rawValue: previous.format),
                                       status: .unchanged(previousPath: previous.path), diagnostics: [])
                }
                return try ingest(path: path, sha256: sha256, size: size, prefix: prefix, format: format, mapping: mapping,
                                  sourcePolicy: sourcePolicy, writer: writer)
            }
            if !outcome.rejects.isEmpty { try writeRejects(outcome) }
            return outcome
        } catch let rejection as Rejection {
            return rejected(rejection.diagnostics, format: rejection.format)
        } catch let error as InputError {
            return rejected([Diagnostic(.error, file: path, code: "IN001", message: Self.message(error), hint: Self.hint(error))])
        }
    }

    /// The sources whose records are about a person's use of an AI assistant: the AI-adoption
    /// programme's, which its objections withhold at ingest.
    static let programmeRecords: Set<SourceFamily> = [.qDeveloper, .kiro, .copilot, .assistantUsage, .events]

    /// Thrown inside the transaction to roll a file back.
    struct Rejection: Error {
        var format: InputFormat?
        var diagnostics: [Diagnostic]
    }

    private func ingest(path: String, sha256: String, size: Int64, prefix: [UInt8], format: InputFormat, mapping: CSVMapping?,
                        sourcePolicy: SourcePolicy?, writer: StoreWriter) throws -> FileOutcome {
        let family = SourceFamily(format: format)
        let sourceId = try writer.insertSource(sha256: sha256, path: path, format: format, bytes: size, ingestedAt: Timestamp.iso8601(now),
                                               dataset: sourcePolicy?.dataset, category: family?.category ?? "governance")
        // Minimal by default: an export no published figure reads is listed as read (0 records) and
        // not stored, unless the policy names the organisation's purpose for its source.
        if let family, let what = format.readByNoFigure, policy != nil, sourcePolicy?.purpose == nil {
            try writer.finishSource(id: sourceId, rows: 0, ignoredColumns: [], warnings: 0)
            return FileOutcome(path: path, format: format, status: .ingested(rows: 0), diagnostics: [
                Diagnostic(.note, file: path, line: 1, code: "IN009", message: "read and not stored: no published figure reads \(what)",
                           hint: "to keep it for another use, say who uses it and why in the policy (sources.\(family.rawValue).purpose), then `candor ingest --force` the file")], sha256: sha256)
        }
        let file = IngestFile(path: path, format: format, sourceId: sourceId, options: options,
                              gate: FieldGate(family: family, policy: sourcePolicy, keepsUnreadRecords: policy == nil || sourcePolicy?.purpose != nil), pseudonymiser: pseudonymiser, memo: pseudonymMemo,
                              skipBadRows: skipBadRows)
        // A required programme's objections stop storage from their day: the gate leaves those records out.
        let programmeRule = options.acceptanceConsent
            ?? ConsentRule(programme: MetricRegistry.acceptanceRate.programme, required: Policy.defaultProgrammes[MetricRegistry.acceptanceRate.programme] ?? true)
        if let family, Self.programmeRecords.contains(family), programmeRule.required {
            file.objections = try writer.objectionCalendar(programme: programmeRule.programme)
        }
        // The adapter's store work for the whole file, run only once the file is accepted.
        var complete: (() throws -> Void)?
        do {
            if let adapter = SourceRegistry.csvAdapter(for: format) {
                complete = try readCSV(adapter, file: file, mapping: mapping, skipRows: mapping?.skipRows ?? (format == .survey ? survey?.skipRows ?? 0 : 0),
                                       writer: writer)
            } else if let adapter = SourceRegistry.jsonAdapter(for: format) {
                complete = try readJSON(adapter, prefix: prefix, file: file, writer: writer)
            } else {
                throw Rejection(format: format, diagnostics: [Diagnostic(.error, file: path, line: 1, code: "IN005",
                                                                         message: "\(format.rawValue) has no reader", hint: "remove --format")])
            }
        } catch let list as DiagnosticList {
            throw Rejection(format: format, diagnostics: list.diagnostics)
        } catch let error as CSVError {
            try file.recordFile([error.diagnostic(file: path)])
        } catch let error as JSONSyntaxError {
            try file.recordFile([error.diagnostic(file: path)])
        } catch let error as JSONRecordTooLarge {
            try file.recordFile([Diagnostic(.error, file: path, code: "JSON002",
                                            message: "\(error.path): a record with more than \(error.limit) values",
                                            hint: "this does not look like the tool's export")])
        } catch is IngestFile.StopReading {
            file.note(Diagnostic(.note, file: path, code: "IN003", message: "stopped after \(IngestFile.maxErrorsPerFile) errors; there may be more"))
        }
        if file.rejected {
            throw Rejection(format: format, diagnostics: file.diagnostics)
        }
        var diagnostics = file.diagnostics
        var rejects: [Diagnostic] = []
        if file.rejectedRows > 0 {
            rejects = diagnostics.filter { $0.severity == .error }
            diagnostics = diagnostics.filter { $0.severity != .error }
            diagnostics.append(Diagnostic(.warning, file: path, code: "IN006",
                                          message: "\(file.rejectedRows) record(s) with errors were skipped (--skip-bad-rows); the other \(file.rows) were stored",
                                          hint: "the skipped records' problems are listed in the rejects file beside the database"))
        }
        if file.withheldRows > 0 {
            diagnostics.append(Diagnostic(.note, file: path, code: "GOV030",
                message: "\(file.withheldRows) row\(file.withheldRows == 1 ? "" : "s") of people who objected to the \(programmeRule.programme) programme, dated on or after their objection, read and not stored"))
        }
        if writer.erasedRecords > 0 {
            diagnostics.append(Diagnostic(.note, file: path, code: "ERA001",
                message: "\(writer.erasedRecords) record\(writer.erasedRecords == 1 ? "" : "s") of people erased at their request read and not stored"))
        }
        try writer.finishSource(id: sourceId, rows: file.rows, ignoredColumns: file.ignoredColumns,
                                warnings: diagnostics.filter { $0.severity == .warning }.count, rejectedRows: file.rejectedRows)
        try writer.replaceFieldDrops(sourceId: sourceId, drops: file.gate.drops)
        // Keep the enriched and aggregate tiers current, in the same transaction.
        try complete?()
        if !file.gate.drops.isEmpty {
            diagnostics.append(Diagnostic(.note, file: path, code: "POL020",
                message: "left out under the policy's allow-list: " + file.gate.drops.sorted { $0.key < $1.key }
                    .map { "\($0.key) (\($0.value) record\($0.value == 1 ? "" : "s"))" }.joined(separator: ", ")))
        }
        return FileOutcome(path: path, format: format, status: .ingested(rows: file.rows), diagnostics: diagnostics, rejects: rejects, sha256: sha256)
    }

    /// Streams a CSV file through its adapter: the header maps the columns, each later record is read
    /// (after `skipRows` rows that are not records); through the policy's `mapping` when one matched.
    private func readCSV<Adapter: CSVSourceAdapter>(_: Adapter.Type, file: IngestFile, mapping: CSVMapping?, skipRows: Int,
                                                    writer: StoreWriter) throws -> () throws -> Void {
        let reader = CSVReader(source: try ByteSource(path: file.path))
        var adapter: Adapter?
        var mapped: MappedCSV?
        var skipped = 0
        var diagnostics: [Diagnostic] = []
        try reader.forEachRecord { record in
            guard adapter != nil else {
                if let mapping {
                    let m = try MappedCSV(mapping: mapping, fileHeader: record.strings, file: file.path)
                    mapped = m
                    file.note(Diagnostic(.note, file: file.path, line: 1, code: "MAP002",
                                         message: "read as \(mapping.format.rawValue) through the policy's mapping '\(mapping.name)'"
                                            + (m.ignoredColumns.isEmpty ? "" : "; \(m.ignoredColumns.count) column(s) it does not name were not read")))
                    adapter = try Adapter(header: m.header, file: file, sink: writer)
                } else {
                    adapter = try Adapter(header: record.strings, file: file, sink: writer)
                }
                return
            }
            guard skipped >= skipRows else {
                skipped += 1
                return
            }
            diagnostics.removeAll(keepingCapacity: true)
            if let mapped {
                guard let converted = mapped.map(record, diagnostics: &diagnostics) else {
                    try Self.refuseConsentProblems(file, diagnostics)
                    try file.record(diagnostics)
                    return
                }
                try adapter!.read(converted, file: file, sink: writer, diagnostics: &diagnostics)
            } else {
                try adapter!.read(record, file: file, sink: writer, diagnostics: &diagnostics)
            }
            try Self.refuseConsentProblems(file, diagnostics)
            try file.record(diagnostics)
        }
        guard adapter != nil else {
            throw Rejection(format: file.format, diagnostics: [Diagnostic(.error, file: file.path, code: "IN004", message: "the file has no header row",
                                                                          hint: "check that the download finished")])
        }
        try adapter!.finish(file: file, sink: writer)
        return { try adapter!.complete(file: file, sink: writer) }
    }

    /// A consent registry fails closed: a row candor cannot read may be an objection, so any row's
    /// error refuses the whole registry — also with --skip-bad-rows, which would drop it.
    static func refuseConsentProblems(_ file: IngestFile, _ diagnostics: [Diagnostic]) throws {
        guard file.format == .consent, diagnostics.contains(where: { $0.severity == .error }) else { return }
        let line = diagnostics.first { $0.severity == .error }?.line
        throw DiagnosticList(diagnostics + [Diagnostic(.error, file: file.path, line: line, code: "GOV021",
            message: "a consent row candor cannot read may be an objection: nothing from this registry was stored, --skip-bad-rows or not",
            hint: "fix the row (or the policy's mapping for the registry) and ingest it again")])
    }

    /// Streams a JSON file's records (and the context values it asks for) through its adapter.
    private func readJSON<Adapter: JSONSourceAdapter>(_: Adapter.Type, prefix: [UInt8], file: IngestFile, writer: StoreWriter) throws -> () throws -> Void {
        var adapter = Adapter(file: file)
        try adapter.begin(source: { try ByteSource(path: file.path) }, file: file, sink: writer)
        guard file.accepting else { return {} }
        var diagnostics: [Diagnostic] = []
        var stream = JSONRecordStream(source: try ByteSource(path: file.path), records: adapter.recordPatterns(JSONSniff(prefix: prefix)),
                                      context: adapter.contextPatterns)
        stream.projection = adapter.recordProjection(file.format)
        try stream.forEach { item in
            diagnostics.removeAll(keepingCapacity: true)
            switch item {
            case .record(let node, let path): try adapter.read(node, at: path, file: file, sink: writer, diagnostics: &diagnostics)
            case .context(let node, let path): try adapter.context(node, at: path, file: file, sink: writer, diagnostics: &diagnostics)
            }
            try file.record(diagnostics)
        }
        try adapter.finish(file: file, sink: writer)
        return { try adapter.complete(file: file, sink: writer) }
    }

    /// Writes the problems of skipped records as CSV beside the database: `rejects/<sha>-<name>.csv`.
    /// Only locations, codes and candor's messages are written (never a person id or a free-text value),
    /// and every cell is neutralised against spreadsheet formula injection.
    func writeRejects(_ outcome: FileOutcome) throws {
        let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent().appendingPathComponent("rejects")
        let name = String((outcome.sha256 ?? "").prefix(12)) + "-" + URL(fileURLWithPath: outcome.path).lastPathComponent + ".csv"
        var lines = ["file,line,column,code,message,hint"]
        for d in outcome.rejects {
            lines.append([d.file, d.line.map(String.init) ?? "", d.column.map(String.init) ?? "", d.code, d.message, d.hint ?? ""]
                .map(CSVCell.escape).joined(separator: ","))
        }
        let path = folder.appendingPathComponent(name).path
        try PrivateFiles.folder(folder.path)
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: path, mode: PrivateFiles.fileMode)
        log.progress("wrote \(path) (\(outcome.rejects.count) skipped record problems)")
    }

    static func hash(path: String) throws -> (String, Int64) {
        let source = try ByteSource(path: path)
        var hasher = StreamingSHA256()
        try source.forEachChunk { hasher.update($0) }
        return (hasher.finalize(), source.bytesRead)
    }

    static func message(_ error: InputError) -> String {
        let text = error.description
        let prefix = error.path + ": "
        let body = text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
        return body.components(separatedBy: " — ").first ?? body
    }

    static func hint(_ error: InputError) -> String? {
        let parts = error.description.components(separatedBy: " — ")
        return parts.count > 1 ? parts[1] : nil
    }
}
