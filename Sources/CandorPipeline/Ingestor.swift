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
    /// Stop collecting errors for a file after this many (the file is rejected anyway).
    public static let maxErrorsPerFile = 50

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
    public static let defaultScope = "organisation"
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
            guard let format = forcedFormat ?? FormatDetector.detect(prefix: prefix, survey: survey) else {
                throw Rejection(diagnostics: [Diagnostic(
                    .error, file: path, line: 1, code: "IN002",
                    message: "unknown format: \(InputFormat.describeUnknown(prefix: prefix))",
                    hint: "run `candor formats` to see every format candor reads with an example; pass --format NAME only if you are sure")])
            }
            // The policy decides which dataset file the records go to, and which fields they keep.
            let family = SourceFamily(format: format)
            let sourcePolicy = family.map { policy?.sourcePolicy(for: $0) ?? SourcePolicy(family: $0, dataset: $0.defaultDataset, allowedFields: nil) }
            let outcome = try store.transaction(dataset: sourcePolicy?.dataset) { writer in
                // Another process may have ingested the same bytes since the check above.
                if !force, let previous = try writer.sourceFile(sha256: sha256) {
                    return FileOutcome(path: path, format: InputFormat(rawValue: previous.format),
                                       status: .unchanged(previousPath: previous.path), diagnostics: [])
                }
                return try ingest(path: path, sha256: sha256, size: size, prefix: prefix, format: format, sourcePolicy: sourcePolicy, writer: writer)
            }
            if !outcome.rejects.isEmpty { try writeRejects(outcome) }
            return outcome
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

    /// Counters and diagnostics for the file being ingested.
    final class FileState {
        let path: String
        let skipBadRows: Bool
        var diagnostics: [Diagnostic] = []
        /// Errors in records (a record with one is not stored).
        var errorCount = 0
        /// Errors that make the whole file unreadable.
        var fileErrors = 0
        /// Records left out because of their errors (with `--skip-bad-rows`).
        var rejectedRows = 0
        var rows = 0
        var ignoredColumns: [String] = []
        /// Set while ingesting Q Developer activity: it carries the weekly-tier changes.
        var activityUpserter: ActivityUpserter?
        /// The policy's allow-list for this file's source; counts what it drops.
        var gate = FieldGate(family: nil, policy: nil)

        init(path: String, skipBadRows: Bool) {
            self.path = path
            self.skipBadRows = skipBadRows
        }

        /// Rows are stored while the file has no error, or, with `--skip-bad-rows`, no file-level error.
        var accepting: Bool { fileErrors == 0 && (skipBadRows || errorCount == 0) }
        /// Whether the file is rejected as a whole.
        var rejected: Bool { fileErrors > 0 || (!skipBadRows && errorCount > 0) }

        /// Records one record's diagnostics; stops reading once the file has too many errors
        /// (with `--skip-bad-rows`, only stops keeping them).
        func record(_ new: [Diagnostic]) throws {
            guard !new.isEmpty else { return }
            let errors = new.filter { $0.severity == .error }.count
            errorCount += errors
            if errors > 0 { rejectedRows += 1 }
            if skipBadRows {
                if diagnostics.count < Ingestor.maxKeptRejects { diagnostics += new }
                return
            }
            diagnostics += new
            if errorCount >= Ingestor.maxErrorsPerFile { throw StopReading() }
        }

        /// Records diagnostics about the file as a whole.
        func recordFile(_ new: [Diagnostic]) throws {
            diagnostics += new
            fileErrors += new.filter { $0.severity == .error }.count
            errorCount += new.filter { $0.severity == .error }.count
        }
    }

    /// Most record diagnostics kept for one file's rejects file.
    static let maxKeptRejects = 100_000

    private func ingest(path: String, sha256: String, size: Int64, prefix: [UInt8], format: InputFormat, sourcePolicy: SourcePolicy?,
                        writer: StoreWriter) throws -> FileOutcome {
        let state = FileState(path: path, skipBadRows: skipBadRows)
        let family = SourceFamily(format: format)
        state.gate = FieldGate(family: family, policy: sourcePolicy)
        let sourceId = try writer.insertSource(sha256: sha256, path: path, format: format, bytes: size, ingestedAt: Timestamp.iso8601(now),
                                               dataset: sourcePolicy?.dataset, category: family?.category ?? "governance")
        var pseudonyms = PseudonymCache(pseudonymiser, memo: pseudonymMemo)
        do {
            if format.isJSON {
                try ingestJSON(path: path, format: format, prefix: prefix, state: state, sourceId: sourceId, writer: writer, pseudonyms: &pseudonyms)
            } else {
                try ingestCSV(path: path, format: format, state: state, sourceId: sourceId, writer: writer, pseudonyms: &pseudonyms)
            }
        } catch let error as CSVError {
            try state.recordFile([error.diagnostic(file: path)])
        } catch let error as JSONSyntaxError {
            try state.recordFile([error.diagnostic(file: path)])
        } catch let error as JSONRecordTooLarge {
            try state.recordFile([Diagnostic(.error, file: path, code: "JSON002",
                                             message: "\(error.path): a record with more than \(error.limit) values",
                                             hint: "this does not look like the tool's export")])
        } catch is StopReading {
            state.diagnostics.append(Diagnostic(.note, file: path, code: "IN003",
                                                message: "stopped after \(Self.maxErrorsPerFile) errors; there may be more"))
        }
        if state.rejected {
            throw Rejection(format: format, diagnostics: state.diagnostics)
        }
        var diagnostics = state.diagnostics
        var rejects: [Diagnostic] = []
        if state.rejectedRows > 0 {
            rejects = diagnostics.filter { $0.severity == .error }
            diagnostics = diagnostics.filter { $0.severity != .error }
            diagnostics.append(Diagnostic(.warning, file: path, code: "IN006",
                                          message: "\(state.rejectedRows) record(s) with errors were skipped (--skip-bad-rows); the other \(state.rows) were stored",
                                          hint: "the skipped records' problems are listed in the rejects file beside the database"))
        }
        try writer.finishSource(id: sourceId, rows: state.rows, ignoredColumns: state.ignoredColumns,
                                warnings: diagnostics.filter { $0.severity == .warning }.count, rejectedRows: state.rejectedRows)
        try writer.replaceFieldDrops(sourceId: sourceId, drops: state.gate.drops)
        if !state.gate.drops.isEmpty {
            diagnostics.append(Diagnostic(.note, file: path, code: "POL020",
                message: "left out under the policy's allow-list: " + state.gate.drops.sorted { $0.key < $1.key }
                    .map { "\($0.key) (\($0.value) record\($0.value == 1 ? "" : "s"))" }.joined(separator: ", ")))
        }
        // Keep the enriched and aggregate tiers current, in the same transaction.
        // The aggregate tier follows the directory and the consent registry: either changing refreshes it.
        let consent = policy.map { $0.consentRule(for: MetricRegistry.acceptanceRate.programme) }
        if let upserter = state.activityUpserter { try writer.applyWeeklyDeltas(upserter, consent: consent) }
        if format == .directory || format == .consent { try writer.refreshAllTeamWeeks(consent: consent) }
        return FileOutcome(path: path, format: format, status: .ingested(rows: state.rows), diagnostics: diagnostics, rejects: rejects, sha256: sha256)
    }

    private func ingestCSV(path: String, format: InputFormat, state: FileState, sourceId: Int64, writer: StoreWriter,
                           pseudonyms: inout PseudonymCache) throws {
        let reader = CSVReader(source: try ByteSource(path: path))
        var sawHeader = false
        // One of these is set by the header; they are mutated in place, never copied per row.
        var qDeveloper: QDeveloperActivityReader?
        var directory: DirectoryReader?
        var kiro: KiroUserReportReader?
        var delivery: DeliveryCSVReader?
        var governance: GovernanceCSVReader?
        var surveyReader: SurveyReader?
        var upserter: ActivityUpserter?
        var rowDiagnostics: [Diagnostic] = []

        try reader.forEachRecord { record in
            guard sawHeader else {
                sawHeader = true
                let header = record.strings
                do {
                    switch format {
                    case .qDeveloperActivity:
                        let r = try QDeveloperActivityReader(header: header, file: path)
                        if !r.ignoredColumns.isEmpty {
                            state.diagnostics.append(Diagnostic(.note, file: path, line: 1, code: "QDEV020",
                                message: "ignored \(r.ignoredColumns.count) column(s) this version does not know: "
                                    + r.ignoredColumns.prefix(10).map { excerpt(Array($0.utf8)) }.joined(separator: ", ")))
                        }
                        state.ignoredColumns = r.ignoredColumns
                        qDeveloper = r
                        upserter = try writer.qDeveloperActivityUpserter()
                        state.activityUpserter = upserter
                    case .directory:
                        let r = try DirectoryReader(header: header, file: path)
                        state.ignoredColumns = r.ignoredColumns
                        directory = r
                    case .survey:
                        guard let mapping = survey else {
                            throw DiagnosticList([Diagnostic(.error, file: path, line: 1, code: "SRV003", message: "the policy has no survey: mapping",
                                                             hint: "add one to policy.yml naming the team and item columns")])
                        }
                        let r = try SurveyReader(header: header, file: path, mapping: mapping)
                        state.ignoredColumns = r.ignoredColumns
                        if !r.ignoredColumns.isEmpty {
                            state.diagnostics.append(Diagnostic(.note, file: path, line: 1, code: "SRV020",
                                message: "not read: \(r.ignoredColumns.count) column(s) outside the survey mapping (free text and identities are never stored)"))
                        }
                        surveyReader = r
                    case .repositoryDirectory:
                        let r = try DirectoryReader(header: header, file: path, subject: .repositories)
                        state.ignoredColumns = r.ignoredColumns
                        directory = r
                    case .consent, .policyChanges, .disputes, .decisions:
                        let kind: GovernanceCSVReader.Kind = format == .consent ? .consent : format == .policyChanges ? .policyChanges
                            : format == .disputes ? .disputes : .decisions
                        let r = try GovernanceCSVReader(kind: kind, header: header, file: path)
                        state.ignoredColumns = r.ignoredColumns
                        governance = r
                    case .deploymentsCSV, .incidentsCSV:
                        let r = try DeliveryCSVReader(kind: format == .deploymentsCSV ? .deployments : .incidents, header: header, file: path)
                        state.ignoredColumns = r.ignoredColumns
                        delivery = r
                    case .kiroUserReport:
                        let r = try KiroUserReportReader(header: header, file: path)
                        state.ignoredColumns = r.ignoredColumns
                        if !r.ignoredColumns.isEmpty {
                            state.diagnostics.append(Diagnostic(.note, file: path, line: 1, code: "KIRO020",
                                message: "not stored: \(r.ignoredColumns.count) column(s) outside what candor keeps: "
                                    + r.ignoredColumns.prefix(10).map { excerpt(Array($0.utf8)) }.joined(separator: ", ")))
                        }
                        kiro = r
                    default:
                        throw DiagnosticList([Diagnostic(.error, file: path, line: 1, code: "IN005",
                                                         message: "\(format.rawValue) is not a CSV format", hint: "remove --format")])
                    }
                } catch let list as DiagnosticList {
                    throw Rejection(format: format, diagnostics: list.diagnostics)
                }
                return
            }
            rowDiagnostics.removeAll(keepingCapacity: true)
            if qDeveloper != nil {
                if var decoded = qDeveloper!.decode(record, diagnostics: &rowDiagnostics) {
                    if state.accepting {
                        if !state.gate.clearedMetricIndexes.isEmpty { state.gate.apply(qDeveloperCounts: &decoded.counts) }
                        let person = pseudonyms.entry(for: decoded.userId)
                        try upserter!.upsert(day: decoded.day, person: person.pseudonym, slot: person.slot,
                                             counts: decoded.counts, sourceId: sourceId)
                    }
                    state.rows += 1
                }
            } else if surveyReader != nil {
                if let response = surveyReader!.decode(record, diagnostics: &rowDiagnostics) {
                    if state.accepting { try writer.upsertSurveyResponse(response, sourceId: sourceId) }
                    state.rows += 1
                }
            } else if let governance {
                if let row = governance.decode(record, diagnostics: &rowDiagnostics) {
                    var person: Pseudonym?
                    if case .consent(let c) = row { person = pseudonyms.pseudonym(for: c.personId) }
                    if state.accepting { try writer.upsertGovernance(row, person: person, sourceId: sourceId) }
                    state.rows += 1
                }
            } else if let delivery {
                switch delivery.decode(record, diagnostics: &rowDiagnostics) {
                case .deployment(let d)?:
                    if state.accepting { try writer.upsertDeployment(d, sourceId: sourceId) }
                    state.rows += 1
                case .incident(var i)?:
                    if state.accepting { state.gate.apply(&i); try writer.upsertIncident(i, sourceId: sourceId) }
                    state.rows += 1
                case nil: break
                }
            } else if let kiro {
                if let row = kiro.decode(record, diagnostics: &rowDiagnostics) {
                    if state.accepting { try writer.upsertKiroUserDay(row, person: pseudonyms.pseudonym(for: row.userId), sourceId: sourceId) }
                    state.rows += 1
                }
            } else if directory != nil {
                if let m = directory!.decode(record, diagnostics: &rowDiagnostics) {
                    let subject = directory!.subject
                    // People are stored under their pseudonym; repositories under their name.
                    let member: IntervalMember = switch m.member {
                    case .person(let id): .person(pseudonyms.pseudonym(for: id))
                    case .repository(let name): .repository(name)
                    }
                    if let clash = try writer.overlappingInterval(member, from: m.from, to: m.to) {
                        rowDiagnostics.append(Diagnostic(.error, file: path, line: record.line, code: "DIR015",
                            message: "this interval overlaps one already stored (team \(excerpt(Array(clash.team.utf8))) from \(clash.from))",
                            hint: "a \(subject == .people ? "person" : "repository") belongs to one team on any day; correct the intervals, keeping each start day the same to replace one"))
                    } else if state.accepting {
                        try writer.upsertInterval(member, team: m.team, from: m.from, to: m.to, department: m.department,
                                                  teamEmail: m.teamEmail, sourceId: sourceId)
                        if case .person(let person) = member {
                            for alias in m.aliases {
                                try writer.upsertPersonAlias(alias: pseudonyms.pseudonym(for: alias), person: person, sourceId: sourceId)
                            }
                        }
                    }
                    state.rows += 1
                }
            }
            try state.record(rowDiagnostics)
        }
        if !sawHeader {
            throw Rejection(format: format, diagnostics: [Diagnostic(.error, file: path, code: "IN004", message: "the file has no header row",
                                                                     hint: "check that the download finished")])
        }
    }

    private func ingestJSON(path: String, format: InputFormat, prefix: [UInt8], state: FileState, sourceId: Int64, writer: StoreWriter,
                            pseudonyms: inout PseudonymCache) throws {
        let sniff = JSONSniff(prefix: prefix)
        if format == .sarif {
            return try ingestSARIF(path: path, state: state, sourceId: sourceId, writer: writer)
        }
        let patterns: [[JSONPathPattern]]
        switch format {
        case .copilotUsers, .copilotUserTeams:
            // Wrapped in {"day_totals": [...]} or one row per line (NDJSON).
            patterns = sniff.rootKeys.contains("day_totals") ? [[.key("day_totals"), .anyIndex]] : (sniff.rootIsArray ? [[.anyIndex]] : [[]])
        case .copilotLegacyMetrics:
            patterns = CopilotLegacyMetricsReader.recordPatterns
        case .codeGuruRecommendations:
            patterns = [[.key("RecommendationSummaries"), .anyIndex]]
        case .codeGuruFeedback:
            patterns = [[.key("RecommendationFeedbackSummaries"), .anyIndex]]
        case .codeGuruCodeReviews:
            patterns = [[.key("CodeReview")], [.key("CodeReviewSummaries"), .anyIndex]]
        case .githubPullRequests, .githubReviews, .githubReviewComments, .devlakeDeployments, .devlakeIncidents, .events:
            // gh api --paginate: arrays (one per page); --jq '.[]': one object per line.
            patterns = sniff.rootIsArray ? GitHubReader.recordPatterns : [[]]
        case .codeGuruSecurityFindings:
            patterns = [[.key("findings"), .anyIndex]]
        case .codeGuruSecurityMetrics:
            patterns = [[.key("findingsMetrics"), .anyIndex]]
        default:
            throw Rejection(format: format, diagnostics: [Diagnostic(.error, file: path, line: 1, code: "IN005",
                                                                     message: "\(format.rawValue) is not a JSON format", hint: "remove --format")])
        }
        var rowDiagnostics: [Diagnostic] = []
        /// Stores a decoded record (unless the file is already failing) and counts it. The fields the
        /// policy leaves out are cleared first: a record type must say which of its fields are optional
        /// (`GatedRecord`, even when none are), so no new record can reach the store ungated.
        func keep<T: GatedRecord>(_ row: T?, _ write: (T) throws -> Void) rethrows {
            guard var row else { return }
            if state.accepting { state.gate.apply(&row); try write(row) }
            state.rows += 1
        }
        // CodeGuru recommendations and feedback belong to a code review named by a wrapper field, which
        // may come after the list: records wait (in a bounded buffer) until it is known.
        var arn: String? = codeReviewArn
        var waiting: [(JSONNode, JSONPath)] = []
        var droppedAttributes: [String: Int] = [:]
        var otherTypes = 0
        func handleCodeGuru(_ node: JSONNode, _ recordPath: JSONPath, arn: String) throws {
            if format == .codeGuruRecommendations {
                try keep(CodeGuruReviewerReader.recommendation(node, path: recordPath, file: path, arn: arn, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertCodeGuruRecommendation(row, sourceId: sourceId)
                }
            } else {
                try keep(CodeGuruReviewerReader.feedback(node, path: recordPath, file: path, arn: arn, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertCodeGuruFeedback(row, person: pseudonyms.pseudonym(for: row.userId), sourceId: sourceId)
                }
            }
        }
        try JSONRecordStream(source: try ByteSource(path: path), records: patterns).forEach { item in
            rowDiagnostics.removeAll(keepingCapacity: true)
            if case .context(let node, let contextPath) = item, contextPath == JSONPath([.key("CodeReviewArn")]),
               format == .codeGuruRecommendations || format == .codeGuruFeedback {
                var f = JSONFields(JSONNode(.object([JSONNode.Member(key: "CodeReviewArn", value: node)]), line: node.line, column: node.column),
                                   path: JSONPath(), file: path)
                if let found = CodeGuruReviewerReader.arn(f.string("CodeReviewArn", maxLength: 1600), &f, key: "CodeReviewArn") {
                    if let given = codeReviewArn, given != found {
                        f.diagnostics.append(Diagnostic(.error, file: path, line: node.line, column: node.column, code: "CGR004",
                                                        message: "$.CodeReviewArn differs from --code-review", hint: "drop --code-review for files that name their code review"))
                    }
                    arn = found
                    for (n, p) in waiting { try handleCodeGuru(n, p, arn: found) }
                    waiting.removeAll()
                }
                try state.record(f.diagnostics + rowDiagnostics)
                return
            }
            guard case .record(let node, let recordPath) = item else { return }
            switch format {
            case .codeGuruRecommendations, .codeGuruFeedback:
                if let arn {
                    try handleCodeGuru(node, recordPath, arn: arn)
                } else {
                    if waiting.count >= 100_000 { throw Rejection(format: format, diagnostics: [Self.missingArn(path)]) }
                    waiting.append((node, recordPath))
                }
            case .events:
                if var row = EventReader.event(node, path: recordPath, file: path, diagnostics: &rowDiagnostics) {
                    if state.accepting {
                        state.gate.apply(&row)
                        try writer.upsertEvent(row, person: row.actor.map { pseudonyms.pseudonym(for: $0) }, sourceId: sourceId)
                    }
                    for name in row.dropped { droppedAttributes[name, default: 0] += 1 }
                    if !EventReader.understoodTypes.contains(row.type) { otherTypes += 1 }
                    state.rows += 1
                }
            case .devlakeDeployments:
                try keep(DeliveryReader.deployment(node, path: recordPath, file: path, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertDeployment(row, sourceId: sourceId)
                }
            case .devlakeIncidents:
                try keep(DeliveryReader.incident(node, path: recordPath, file: path, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertIncident(row, sourceId: sourceId)
                }
            case .githubPullRequests:
                try keep(GitHubReader.pullRequest(node, path: recordPath, file: path, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertGitHubPullRequest(row, author: pseudonyms.pseudonym(for: row.author), sourceId: sourceId)
                }
            case .githubReviews:
                try keep(GitHubReader.review(node, path: recordPath, file: path, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertGitHubReview(row, reviewer: pseudonyms.pseudonym(for: row.reviewer), sourceId: sourceId)
                }
            case .githubReviewComments:
                try keep(GitHubReader.reviewComment(node, path: recordPath, file: path, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertGitHubReviewComment(row, commenter: pseudonyms.pseudonym(for: row.commenter), sourceId: sourceId)
                }
            case .codeGuruSecurityFindings:
                try keep(CodeGuruSecurityReader.finding(node, path: recordPath, file: path, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertCodeGuruSecurityFinding(row, sourceId: sourceId)
                }
            case .codeGuruSecurityMetrics:
                if let rows = CodeGuruSecurityReader.metrics(node, path: recordPath, file: path, diagnostics: &rowDiagnostics) {
                    if state.accepting { for row in rows { try writer.upsertCodeGuruSecurityMetric(row, scope: scope, sourceId: sourceId) } }
                    state.rows += 1
                }
            case .codeGuruCodeReviews:
                try keep(CodeGuruReviewerReader.codeReview(node, path: recordPath, file: path, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertCodeGuruCodeReview(row, sourceId: sourceId)
                }
            case .copilotUsers:
                if var row = CopilotUsageReader.userDay(node, path: recordPath, file: path, diagnostics: &rowDiagnostics) {
                    if state.accepting {
                        state.gate.apply(&row)
                        try writer.upsertCopilotUserDay(row, person: pseudonyms.pseudonym(for: row.login), sourceId: sourceId)
                    }
                    state.rows += 1
                }
            case .copilotUserTeams:
                if let row = CopilotUsageReader.userTeam(node, path: recordPath, file: path, diagnostics: &rowDiagnostics) {
                    if state.accepting {
                        try writer.upsertCopilotUserTeam(row, person: pseudonyms.pseudonym(for: row.login), sourceId: sourceId)
                    }
                    state.rows += 1
                }
            case .copilotLegacyMetrics:
                try keep(CopilotLegacyMetricsReader.day(node, path: recordPath, file: path, scope: scope, diagnostics: &rowDiagnostics)) { row in
                    try writer.upsertCopilotScopeDay(row, sourceId: sourceId)
                }
            default:
                break
            }
            try state.record(rowDiagnostics)
        }
        if !waiting.isEmpty {
            try state.recordFile([Self.missingArn(path)])
        }
        if !droppedAttributes.isEmpty {
            state.ignoredColumns = droppedAttributes.keys.sorted()
            state.diagnostics.append(Diagnostic(.note, file: path, code: "EVT020",
                message: "not stored: attributes outside what candor keeps: "
                    + droppedAttributes.sorted { $0.key < $1.key }.prefix(10).map { "\(excerpt(Array($0.key.utf8))) (\($0.value)×)" }.joined(separator: ", ")))
        }
        if otherTypes > 0 {
            state.diagnostics.append(Diagnostic(.note, file: path, code: "EVT021",
                message: "\(otherTypes) event(s) of types candor does not interpret were stored as they are"))
        }
    }

    private func ingestSARIF(path: String, state: FileState, sourceId: Int64, writer: StoreWriter) throws {
        var runDiagnostics: [Diagnostic] = []
        let runs = try SARIFReader.runs(source: try ByteSource(path: path), file: path, repositoryOverride: repository, diagnostics: &runDiagnostics)
        try state.recordFile(runDiagnostics)
        guard state.accepting else { return }
        let sha = try writer.sourceSHA256(id: sourceId)
        var keys: [Int: String] = [:]
        for (index, run) in runs.sorted(by: { $0.key < $1.key }) {
            let key = run.scanKey(fileSHA256: sha)
            keys[index] = key
            try writer.replaceSARIFScan(key: key, run: run, sourceId: sourceId)
        }
        var rowDiagnostics: [Diagnostic] = []
        try JSONRecordStream(source: try ByteSource(path: path), records: SARIFReader.resultPatterns, context: []).forEach { item in
            guard case .record(let node, let recordPath) = item, case .index(let run)? = recordPath.components.dropFirst().first,
                  let scanKey = keys[run] else { return }
            rowDiagnostics.removeAll(keepingCapacity: true)
            if var result = SARIFReader.result(node, path: recordPath, file: path, diagnostics: &rowDiagnostics) {
                if state.accepting { state.gate.apply(&result); try writer.insertSARIFResult(scanKey: scanKey, result, sourceId: sourceId) }
                state.rows += 1
            }
            try state.record(rowDiagnostics)
        }
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
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: path, mode: 0o600)
        log.progress("wrote \(path) (\(outcome.rejects.count) skipped record problems)")
    }

    static func missingArn(_ path: String) -> Diagnostic {
        Diagnostic(.error, file: path, line: 1, code: "CGR005", message: "the file does not say which code review its records belong to",
                   hint: "add the exporter's CodeReviewArn wrapper field, or pass --code-review ARN")
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
