import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes the directory CSVs: people (`person_id,team,from,to`) or repositories
/// (`repository,team,from,to`: which team owns a repository over time).
///
/// `person_id` identifies the person; the telemetry's own ids link to it through the optional
/// alias columns (`github_login`, `aws_user_id` — the IAM Identity Center user id Q Developer and
/// Kiro report — and `email`), or are the person id itself. `from` and `to` are `YYYY-MM-DD`,
/// inclusive, and optional: a blank or missing `from` means since before any data, a blank or
/// missing `to` a current member. A person's intervals must not overlap: each day belongs to at most one team.
public struct DirectoryReader {
    static let requiredColumns = ["person_id", "team"]
    static let repositoryColumns = ["repository", "team"]
    /// The day a membership without a `from` starts: before any telemetry.
    public static let beginning = Day(year: 1970, month: 1, day: 1)!

    /// What the first column identifies.
    public typealias Subject = DirectorySubject
    public let subject: Subject
    var subjectColumn: String { subject == .people ? "person_id" : "repository" }
    /// Longest team name accepted, in characters.
    public static let maxTeamNameLength = 120

    public let file: String
    let person: Int, team: Int, from: Int?, to: Int?
    /// Optional identity columns (`github_login`).
    let aliasColumns: [Int]
    static let aliasColumnNames = ["github_login", "aws_user_id", "email"]
    /// The optional `department` column.
    let departmentColumn: Int?
    /// The optional `team_email` column.
    let teamEmailColumn: Int?
    let fieldCount: Int
    public let ignoredColumns: [String]
    private var intervals: [String: [(line: Int, record: MembershipRecord)]] = [:]

    public init(header: [String], file: String, subject: Subject = .people) throws(DiagnosticList) {
        self.file = file
        self.subject = subject
        let required = subject == .people ? Self.requiredColumns : Self.repositoryColumns
        var index: [String: Int] = [:]
        var ignored: [String] = []
        var problems: [Diagnostic] = []
        var aliasIndex: [Int] = []
        var departmentIndex: Int?
        var teamEmailIndex: Int?
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingASCIISpaces().lowercased()
            if subject == .people && Self.aliasColumnNames.contains(name) {
                aliasIndex.append(i)
            } else if subject == .people && name == "department" && departmentIndex == nil {
                departmentIndex = i
            } else if subject == .people && name == "team_email" && teamEmailIndex == nil {
                teamEmailIndex = i
            } else if required.contains(name) || name == "from" || name == "to" {
                if index[name] != nil {
                    problems.append(Diagnostic(.error, file: file, line: 1, code: "DIR002",
                                               message: "column '\(name)' appears more than once in the header",
                                               hint: "remove the repeated column"))
                }
                index[name] = i
            } else {
                ignored.append(raw.trimmingASCIISpaces())
            }
        }
        let missing = required.filter { index[$0] == nil }
        if !missing.isEmpty {
            problems.append(Diagnostic(.error, file: file, line: 1, code: "DIR001",
                                       message: "the header lacks \(missing.joined(separator: ", "))",
                                       hint: "a directory CSV has the header " + required.joined(separator: ",") + ",from,to (from and to optional)"))
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        self.person = index[required[0]]!
        self.aliasColumns = aliasIndex
        self.departmentColumn = departmentIndex
        self.teamEmailColumn = teamEmailIndex
        self.team = index["team"]!
        self.from = index["from"]
        self.to = index["to"]
        self.fieldCount = header.count
        self.ignoredColumns = ignored
    }

    /// Decodes one record, appending any problems to `diagnostics`; nil when the row has an error.
    public mutating func decode(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> MembershipRecord? {
        if let problem = record.fieldCountProblem(expected: fieldCount, file: file, hint: "a comma inside a value needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        var ok = true
        var personId = record.string(person).trimmingASCIISpaces()
        if subject == .repositories { personId = SARIFReader.normaliseRepository(personId) ?? "" }
        if personId.isEmpty || personId.utf8.count > 256 {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(person), code: "DIR010",
                                          message: personId.isEmpty ? "\(subjectColumn) is empty" : "\(subjectColumn) is longer than 256 bytes",
                                          hint: "use the id the telemetry uses for this person"))
            ok = false
        }
        let teamName = TeamName.clean(record.string(team))
        if teamName.isEmpty || teamName.count > Self.maxTeamNameLength {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(team), code: "DIR011",
                                          message: teamName.isEmpty ? "team is empty" : "team name is longer than \(Self.maxTeamNameLength) characters",
                                          hint: "every membership names the team the person belonged to"))
            ok = false
        }
        let fromBlank = from.map { c in record.withField(c) { trimmed($0).isEmpty } } ?? true
        let fromDay: Day? = fromBlank ? Self.beginning : record.withField(from!) { Day.parse(trimmed($0)) }
        if fromDay == nil, let from {
            let shown = record.withField(from) { excerpt($0) }
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(from), code: "DIR012",
                                          message: "from \(shown) is not a date", hint: "use YYYY-MM-DD, or leave it blank for a member since before any data"))
            ok = false
        }
        let toBlank = to.map { c in record.withField(c) { trimmed($0).isEmpty } } ?? true
        let toDay = toBlank ? nil : record.withField(to!) { Day.parse(trimmed($0)) }
        if !toBlank && toDay == nil, let to {
            let shown = record.withField(to) { excerpt($0) }
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(to), code: "DIR012",
                                          message: "to \(shown) is not a date", hint: "use YYYY-MM-DD, or leave it blank for a current member"))
            ok = false
        }
        if let fromDay, let toDay, toDay < fromDay {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: to.map { record.column($0) } ?? 1, code: "DIR013",
                                          message: "to (\(toDay)) is before from (\(fromDay))", hint: "swap the dates"))
            ok = false
        }
        guard ok, let fromDay else { return nil }
        var aliases: [String] = []
        for c in aliasColumns {
            let alias = record.string(c).trimmingASCIISpaces()
            if alias.isEmpty { continue }
            if alias.utf8.count > 100 || alias.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) {
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(c), code: "DIR016",
                                              message: "an alias (github_login, aws_user_id, email) is too long or holds spaces",
                                              hint: "write the id as the tool reports it, or leave it blank"))
                return nil
            }
            aliases.append(alias)
        }
        var department: String?
        if let c = departmentColumn {
            let name = TeamName.clean(record.string(c))
            if name.count > Self.maxTeamNameLength {
                diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(c), code: "DIR017",
                                              message: "department name is longer than \(Self.maxTeamNameLength) characters", hint: "shorten it, or leave it blank"))
                return nil
            }
            department = name.isEmpty ? nil : name
        }
        var teamEmail: String?
        if let c = teamEmailColumn {
            let text = record.string(c).trimmingASCIISpaces()
            if !text.isEmpty {
                guard text.utf8.count <= 1000, let list = MailAddress.list(text) else {
                    diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(c), code: "DIR018",
                                                  message: "team_email is not a list of plain addresses",
                                                  hint: "write addresses such as team-checkout@acme.example, separated by ';' (no names, no angle brackets), or leave it blank"))
                    return nil
                }
                teamEmail = list.map(\.address).joined(separator: ";")
            }
        }
        var membership = MembershipRecord(member: subject == .people ? .person(SourcePersonID(personId)) : .repository(personId), team: teamName,
                                          from: fromDay, to: toDay, aliases: aliases.map(SourcePersonID.init), department: department)
        membership.teamEmail = teamEmail
        if let clash = intervals[personId]?.first(where: { $0.record.overlaps(membership) }) {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: from.map { record.column($0) } ?? 1, code: "DIR014",
                                          message: subject == .people ? "this person's membership overlaps the one on line \(clash.line)"
                                              : "this repository's ownership overlaps the one on line \(clash.line)",
                                          hint: "a person belongs to one team on any day; end the earlier membership the day before this one starts"))
            return nil
        }
        intervals[personId, default: []].append((record.line, membership))
        return membership
    }
}

/// Decodes a directory-changes CSV (`person_id,effective,team[,prior_team][,department]`): a person
/// moves (from `prior_team`) to `team` on `effective`. A row without a team (a hire or a leave) moves nobody.
public struct DirectoryChangesReader {
    static let required = ["person_id", "effective"]
    let file: String
    let person: Int, effective: Int, team: Int?, prior: Int?, department: Int?
    let fieldCount: Int

    public init(header: [String], file: String) throws(DiagnosticList) {
        self.file = file
        var index: [String: Int] = [:]
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingASCIISpaces().lowercased()
            if index[name] == nil { index[name] = i }
        }
        let missing = Self.required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw DiagnosticList([Diagnostic(.error, file: file, line: 1, code: "DIR001", message: "the header lacks \(missing.joined(separator: ", "))",
                                             hint: "a directory-changes CSV has the header person_id,effective,team")])
        }
        person = index["person_id"]!
        effective = index["effective"]!
        team = index["team"]
        prior = index["prior_team"]
        department = index["department"]
        fieldCount = header.count
    }

    public func decode(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> MembershipChangeRecord? {
        if let problem = record.fieldCountProblem(expected: fieldCount, file: file, hint: "a comma inside a value needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        let id = record.string(person).trimmingASCIISpaces()
        guard !id.isEmpty, id.utf8.count <= 256 else {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(person), code: "DIR010",
                                          message: id.isEmpty ? "person_id is empty" : "person_id is longer than 256 bytes", hint: "use the directory's person id"))
            return nil
        }
        guard let day = Day.parse(record.string(effective).trimmingASCIISpaces()) else {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(effective), code: "DIR012",
                                          message: "effective is not a date", hint: "use YYYY-MM-DD (or say the file's style in its mapping's dates:)"))
            return nil
        }
        let teamName = team.map { TeamName.clean(record.string($0)) } ?? ""
        guard teamName.count <= DirectoryReader.maxTeamNameLength else {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(team!), code: "DIR011",
                                          message: "team name is longer than \(DirectoryReader.maxTeamNameLength) characters", hint: "shorten it"))
            return nil
        }
        let departmentName = department.map { TeamName.clean(record.string($0)) } ?? ""
        let priorName = prior.map { TeamName.clean(record.string($0)) } ?? ""
        return MembershipChangeRecord(personId: SourcePersonID(id), day: day, team: teamName.isEmpty ? nil : teamName,
                                      prior: priorName.isEmpty || priorName.count > DirectoryReader.maxTeamNameLength ? nil : priorName,
                                      department: departmentName.isEmpty ? nil : departmentName)
    }
}

