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
    /// Stop collecting errors for a file after this many (the file is rejected anyway).
    public static let maxErrorsPerFile = 50

    public let store: CandorStore
    public let pseudonymiser: Pseudonymiser
    public let log: any ProgressLog
    /// Recorded as the ingestion time.
    public let now: Date
    /// Forces a format instead of recognising it.
    public let forcedFormat: InputFormat?

    public init(store: CandorStore, pseudonymiser: Pseudonymiser, log: any ProgressLog, now: Date, forcedFormat: InputFormat? = nil) {
        self.store = store
        self.pseudonymiser = pseudonymiser
        self.log = log
        self.now = now
        self.forcedFormat = forcedFormat
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
        return IngestSummary(files: outcomes)
    }

    /// Ingests one file.
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
        if let previous = try store.sourceFile(sha256: sha256) {
            return FileOutcome(path: path, format: InputFormat(rawValue: previous.format), status: .unchanged(previousPath: previous.path), diagnostics: [])
        }
        // 2. Decode and store in one transaction.
        do {
            return try store.transaction { writer in
                // Another process may have ingested the same bytes since the check above.
                if let previous = try writer.sourceFile(sha256: sha256) {
                    return FileOutcome(path: path, format: InputFormat(rawValue: previous.format),
                                       status: .unchanged(previousPath: previous.path), diagnostics: [])
                }
                return try ingest(path: path, sha256: sha256, size: size, writer: writer)
            }
        } catch let rejection as Rejection {
            return rejected(rejection.diagnostics, format: rejection.format)
        } catch let error as InputError {
            return rejected([Diagnostic(.error, file: path, code: "IN001", message: Self.message(error), hint: Self.hint(error))])
        }
    }

    /// Thrown inside the transaction to roll a file back.
    struct Rejection: Error {
        var format: InputFormat?
        var diagnostics: [Diagnostic]
    }

    private func ingest(path: String, sha256: String, size: Int64, writer: StoreWriter) throws -> FileOutcome {
        let source = try ByteSource(path: path)
        let reader = CSVReader(source: source)
        var diagnostics: [Diagnostic] = []
        var errorCount = 0
        var rows = 0
        var sawHeader = false
        // One of these is set by the header; they are mutated in place, never copied per row.
        var qDeveloper: QDeveloperActivityReader?
        var directory: DirectoryReader?
        var format: InputFormat?
        var sourceId: Int64 = 0
        var upserter: ActivityUpserter?
        var pseudonyms = PseudonymCache(pseudonymiser)

        do {
            try reader.forEachRecord { record in
                guard sawHeader else {
                    sawHeader = true
                    // The header row decides the format.
                    let header = record.strings
                    guard let detected = forcedFormat ?? InputFormat.detect(csvHeader: header) else {
                        let prefix = (try? ByteSource.prefix(ofFile: path, maxBytes: 4096)) ?? []
                        throw Rejection(diagnostics: [Diagnostic(
                            .error, file: path, line: 1, code: "IN002",
                            message: "unknown format: \(InputFormat.describeUnknown(prefix: prefix))",
                            hint: "candor reads: " + InputFormat.allCases.map(\.summary).joined(separator: "; ")
                                + ". Run `candor formats`, or pass --format if you are sure")])
                    }
                    format = detected
                    do {
                        switch detected {
                        case .qDeveloperActivity:
                            let r = try QDeveloperActivityReader(header: header, file: path)
                            if !r.ignoredColumns.isEmpty {
                                diagnostics.append(Diagnostic(.note, file: path, line: 1, code: "QDEV020",
                                    message: "ignored \(r.ignoredColumns.count) column(s) this version does not know: "
                                        + r.ignoredColumns.prefix(10).map { excerpt(Array($0.utf8)) }.joined(separator: ", ")))
                            }
                            qDeveloper = r
                            upserter = try writer.qDeveloperActivityUpserter()
                        case .directory:
                            directory = try DirectoryReader(header: header, file: path)
                        }
                    } catch let list as DiagnosticList {
                        throw Rejection(format: detected, diagnostics: list.diagnostics)
                    }
                    sourceId = try writer.insertSource(sha256: sha256, path: path, format: detected, bytes: size,
                                                       ingestedAt: Timestamp.iso8601(now))
                    return
                }
                let before = diagnostics.count
                if qDeveloper != nil {
                    if let decoded = qDeveloper!.decode(record, diagnostics: &diagnostics) {
                        if errorCount == 0 {
                            try upserter!.upsert(day: decoded.day, person: pseudonyms.pseudonym(for: decoded.userId),
                                                 counts: decoded.counts, sourceId: sourceId)
                        }
                        rows += 1
                    }
                } else if directory != nil {
                    if let m = directory!.decode(record, diagnostics: &diagnostics) {
                        let person = pseudonyms.pseudonym(for: m.personId)
                        if let clash = try writer.overlappingMembership(person: person, from: m.from, to: m.to) {
                            diagnostics.append(Diagnostic(.error, file: path, line: record.line, code: "DIR015",
                                message: "this membership overlaps one already stored (team \(excerpt(Array(clash.team.utf8))) from \(clash.from))",
                                hint: "a person belongs to one team on any day; correct the intervals, keeping each start day the same to replace one"))
                        } else if errorCount == 0 {
                            try writer.upsertMembership(person: person, team: m.team, from: m.from, to: m.to, sourceId: sourceId)
                        }
                        rows += 1
                    }
                }
                if diagnostics.count > before {
                    errorCount += diagnostics[before...].filter { $0.severity == .error }.count
                    if errorCount >= Self.maxErrorsPerFile { throw StopReading() }
                }
            }
        } catch let error as CSVError {
            diagnostics.append(error.diagnostic(file: path))
            errorCount += 1
        } catch is StopReading {
            diagnostics.append(Diagnostic(.note, file: path, code: "IN003",
                                          message: "stopped after \(Self.maxErrorsPerFile) errors; there may be more"))
        }
        if !sawHeader && errorCount == 0 {
            throw Rejection(diagnostics: [Diagnostic(.error, file: path, code: "IN004", message: "the file is empty",
                                                     hint: "an export has a header row; check that the download finished")])
        }
        if errorCount > 0 {
            throw Rejection(format: format, diagnostics: diagnostics)
        }
        let ignored = qDeveloper?.ignoredColumns ?? directory?.ignoredColumns ?? []
        try writer.finishSource(id: sourceId, rows: rows, ignoredColumns: ignored,
                                warnings: diagnostics.filter { $0.severity == .warning }.count)
        return FileOutcome(path: path, format: format, status: .ingested(rows: rows), diagnostics: diagnostics)
    }

    private struct StopReading: Error {}

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
