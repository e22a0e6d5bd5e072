import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes the directories need: people's and repositories' team intervals, and aliases.
public protocol DirectorySink {
    /// An interval of the same member that overlaps `from...to` and starts on another day.
    func overlappingInterval(_ member: IntervalMember, from: Day, to: Day?) throws -> (team: String, from: Day)?
    func upsertInterval(_ member: IntervalMember, team: String, from: Day, to: Day?, department: String?, teamEmail: String?, sourceId: Int64) throws
    func upsertPersonAlias(alias: Pseudonym, person: Pseudonym, sourceId: Int64) throws
    /// Whether `alias` is already another person's.
    func aliasBelongsToAnother(_ alias: Pseudonym, than person: Pseudonym) throws -> Bool
    /// Records that a person moved to another team on a day, and re-derives their memberships.
    func upsertMembershipChange(person: Pseudonym, day: Day, team: String?, prior: String?, department: String?, sourceId: Int64) throws
    /// Recomputes the team-week tier after membership or consent changed.
    func refreshAllTeamWeeks(consent: ConsentRule?) throws
}

/// candor's directory CSVs: person → team over time, and repository → owning team over time.
public struct DirectoryAdapter: CSVSourceAdapter {
    public static let formats: [InputFormat] = [.repositoryDirectory, .directory]

    public static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat? {
        if DirectoryReader.repositoryColumns.allSatisfy(names.contains) { return .repositoryDirectory }
        return DirectoryReader.requiredColumns.allSatisfy(names.contains) ? .directory : nil
    }

    var reader: DirectoryReader

    public init(header: [String], file: IngestFile, sink: some RecordSink) throws {
        reader = try DirectoryReader(header: header, file: file.path, subject: file.format == .repositoryDirectory ? .repositories : .people)
        file.ignoredColumns = reader.ignoredColumns
    }

    public mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        guard let m = reader.decode(record, diagnostics: &diagnostics) else { return }
        // People are stored under their pseudonym; repositories under their name.
        let member: IntervalMember = switch m.member {
        case .person(let id): .person(file.pseudonym(id))
        case .repository(let name): .repository(name)
        }
        let line = record.line
        if let clash = try sink.overlappingInterval(member, from: m.from, to: m.to) {
            let what = reader.subject == .people ? "person" : "repository"
            diagnostics.append(Diagnostic(.error, file: file.path, line: line, code: "DIR015",
                message: "this interval overlaps one already stored (team \(excerpt(Array(clash.team.utf8))) from \(clash.from))",
                hint: "a \(what) belongs to one team on any day; correct the intervals, keeping each start day the same to replace one"))
            file.counted()
            return
        }
        // An alias (a GitHub login, an Identity Center id, an address) names one person: one that the
        // store already gives to someone else would silently move their records, so it is an error.
        if case .person(let person) = member {
            for alias in m.aliases where try sink.aliasBelongsToAnother(file.pseudonym(alias), than: person) {
                diagnostics.append(Diagnostic(.error, file: file.path, line: line, code: "DIR019",
                    message: "an alias on this row (github_login, aws_user_id or email) already belongs to another person",
                    hint: "give each login, id and address to one person; for a person with two ids, keep one person_id"))
                file.counted()
                return
            }
        }
        try file.keep(m) { m in
            try sink.upsertInterval(member, team: m.team, from: m.from, to: m.to, department: m.department, teamEmail: m.teamEmail,
                                    sourceId: file.sourceId)
            if case .person(let person) = member {
                for alias in m.aliases {
                    try sink.upsertPersonAlias(alias: file.pseudonym(alias), person: person, sourceId: file.sourceId)
                }
            }
        }
    }

    public mutating func complete(file: IngestFile, sink: some RecordSink) throws {
        // The team-week tier follows the directory: a change of membership refreshes it.
        if file.format == .directory { try sink.refreshAllTeamWeeks(consent: file.options.acceptanceConsent) }
    }
}

/// Directory changes: a person moves to another team on a day. The store keeps the directory's
/// intervals and these changes apart, and derives the memberships every figure reads from both.
public struct DirectoryChangesAdapter: CSVSourceAdapter {
    public static let formats: [InputFormat] = [.directoryChanges]

    public static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat? {
        DirectoryChangesReader.required.allSatisfy(names.contains) && names.contains("team") && !names.contains("programme") ? .directoryChanges : nil
    }

    let reader: DirectoryChangesReader

    public init(header: [String], file: IngestFile, sink: some RecordSink) throws {
        reader = try DirectoryChangesReader(header: header, file: file.path)
    }

    public mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        try file.keep(reader.decode(record, diagnostics: &diagnostics)) { change in
            try sink.upsertMembershipChange(person: file.pseudonym(change.personId), day: change.day, team: change.team,
                                            prior: change.prior, department: change.department, sourceId: file.sourceId)
        }
    }

    public mutating func complete(file: IngestFile, sink: some RecordSink) throws {
        // The team-week tier follows the memberships.
        try sink.refreshAllTeamWeeks(consent: file.options.acceptanceConsent)
    }
}

