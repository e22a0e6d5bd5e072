import CandorParsing
import CandorPolicy
import CandorVocabulary

/// What the person running an ingest said about files that do not say it themselves.
public struct IngestOptions: Sendable {
    /// What aggregate-only exports cover when the file does not say (`--scope`, e.g. `team:frontend`).
    public var scope: String
    /// The code review that CodeGuru recommendation or feedback files without a `CodeReviewArn` wrapper belong to.
    public var codeReviewArn: String?
    /// The repository of SARIF logs that do not name one (`--repository`).
    public var repository: String?
    /// The policy's survey mapping, if it has one.
    public var survey: SurveyMapping?
    /// The consent rule of the acceptance-rate programme: the team-week tier keeps only what it allows.
    public var acceptanceConsent: ConsentRule?
    /// The day of the ingest (`--now`): what a snapshot export without a date of its own (Copilot seats) describes.
    public var day: Day
    /// The programmes the policy names: a consent row for any other is refused (its objection could not be applied).
    public var programmes: Set<String> = Set(Policy.defaultProgrammes.keys)

    /// The scope of aggregate-only exports when none is given.
    public static let defaultScope = "organisation"

    public init(scope: String = IngestOptions.defaultScope, codeReviewArn: String? = nil, repository: String? = nil,
                survey: SurveyMapping? = nil, acceptanceConsent: ConsentRule? = nil, day: Day = Day(dayNumber: 0)) {
        self.scope = scope
        self.codeReviewArn = codeReviewArn
        self.repository = repository
        self.survey = survey
        self.acceptanceConsent = acceptanceConsent
        self.day = day
    }
}

/// One input file being read by an adapter: where it is, the policy's gate for its source, the run's
/// pseudonyms, and the counts and diagnostics that decide whether it is stored.
///
/// An adapter never stores a record itself: ``keep(_:_:)`` gates it, counts it, and runs the write
/// only while the file is still being accepted; person ids become pseudonyms through ``pseudonym(_:)``.
public final class IngestFile {
    /// Stop collecting errors for a file after this many (the file is rejected anyway).
    public static let maxErrorsPerFile = 50
    /// Most record diagnostics kept for one file's rejects file.
    public static let maxKeptRejects = 100_000

    public let path: String
    public let format: InputFormat
    /// The file's row in the store's provenance table.
    public let sourceId: Int64
    public let options: IngestOptions
    /// The policy's allow-list for this file's source; counts what it drops.
    public let gate: FieldGate
    var pseudonyms: PseudonymCache
    let skipBadRows: Bool

    public internal(set) var diagnostics: [Diagnostic] = []
    /// Errors in records (a record with one is not stored).
    public internal(set) var errorCount = 0
    /// Errors that make the whole file unreadable.
    public internal(set) var fileErrors = 0
    /// Records left out because of their errors (with `--skip-bad-rows`).
    public internal(set) var rejectedRows = 0
    /// Records read (stored, unless the file is rejected).
    public internal(set) var rows = 0
    /// Columns or attributes the file has that candor does not keep.
    public var ignoredColumns: [String] = []
    /// Objections to the programme the file's records serve (required programmes only): a record of a
    /// person dated on or after their objection is read and counted, never stored.
    public var objections: ObjectionCalendar = .none
    /// Records left out under ``objections``.
    public internal(set) var withheldRows = 0

    package init(path: String, format: InputFormat, sourceId: Int64, options: IngestOptions, gate: FieldGate,
                pseudonymiser: Pseudonymiser, memo: PseudonymMemo, skipBadRows: Bool) {
        self.path = path
        self.format = format
        self.sourceId = sourceId
        self.options = options
        self.gate = gate
        self.pseudonyms = PseudonymCache(pseudonymiser, memo: memo)
        self.skipBadRows = skipBadRows
    }

    /// Rows are stored while the file has no error, or, with `--skip-bad-rows`, no file-level error.
    public var accepting: Bool { fileErrors == 0 && (skipBadRows || errorCount == 0) }
    /// Whether the file is rejected as a whole.
    public var rejected: Bool { fileErrors > 0 || (!skipBadRows && errorCount > 0) }

    /// Whether `person` had objected to the file's programme on `day`: then the caller stores nothing,
    /// and the record is counted as withheld.
    public func withheld(_ person: Pseudonym, on day: Day) -> Bool {
        guard !objections.isEmpty, objections.objecting(person.text, on: day) else { return false }
        withheldRows += 1
        return true
    }

    /// The pseudonym of a person id read from this file.
    public func pseudonym(_ id: SourcePersonID) -> Pseudonym { pseudonyms.pseudonym(for: id) }

    /// The pseudonym of a person id, and a small number standing for it within this file.
    public func pseudonymEntry(_ id: SourcePersonID) -> (pseudonym: Pseudonym, slot: Int) { pseudonyms.entry(for: id) }

    /// Stores a decoded record (unless the file is already failing) and counts it. The fields the
    /// policy leaves out are cleared first: a record type must say which of its fields are optional
    /// (`GatedRecord`, even when none are), so no record can reach the store ungated.
    public func keep<T: GatedRecord>(_ row: T?, _ write: (T) throws -> Void) rethrows {
        guard var row else { return }
        if accepting {
            gate.apply(&row)
            try write(row)
        }
        rows += 1
    }

    /// Counts a record that was read but is not stored because of an error the adapter reported for it
    /// (a directory interval that clashes with a stored one): counted as before the split, never written.
    public func counted() { rows += 1 }

    /// Adds a note or warning about the file that does not decide whether it is stored.
    public func note(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Records one record's diagnostics; stops reading once the file has too many errors
    /// (with `--skip-bad-rows`, only stops keeping them).
    public func record(_ new: [Diagnostic]) throws {
        guard !new.isEmpty else { return }
        let errors = new.filter { $0.severity == .error }.count
        errorCount += errors
        if errors > 0 { rejectedRows += 1 }
        if skipBadRows {
            if diagnostics.count < Self.maxKeptRejects { diagnostics += new }
            return
        }
        diagnostics += new
        if errorCount >= Self.maxErrorsPerFile { throw StopReading() }
    }

    /// Records diagnostics about the file as a whole.
    public func recordFile(_ new: [Diagnostic]) throws {
        diagnostics += new
        fileErrors += new.filter { $0.severity == .error }.count
        errorCount += new.filter { $0.severity == .error }.count
    }

    /// Thrown when a file has had ``maxErrorsPerFile`` errors: reading stops there.
    public struct StopReading: Error {}
}
