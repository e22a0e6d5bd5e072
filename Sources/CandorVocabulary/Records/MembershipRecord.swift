/// One membership interval from the directory CSV: a person belonged to a team from one day
/// to another (both inclusive; an open end means "still a member").
public struct MembershipRecord: Sendable, Equatable {
    /// The person (a source id, pseudonymised before storage) or the repository the interval is about.
    public var member: DirectoryMember
    public var team: String
    public var from: Day
    public var to: Day?
    /// The person's ids in other tools (the optional `github_login` column), so their activity there
    /// is theirs too. Pseudonymised like every id.
    public var aliases: [SourcePersonID]
    /// The department the team belonged to (the optional `department` column), for reports with
    /// department subtotals.
    public var department: String?
    /// The team's mailing addresses (the optional `team_email` column, `;`-separated), where its
    /// emailed summary goes.
    public var teamEmail: String?

    public init(member: DirectoryMember, team: String, from: Day, to: Day?, aliases: [SourcePersonID] = [], department: String? = nil) {
        self.department = department
        self.member = member
        self.team = team
        self.from = from
        self.to = to
        self.aliases = aliases
    }

    /// Whether the two intervals share at least one day.
    public func overlaps(_ other: MembershipRecord) -> Bool {
        let endA = to?.dayNumber ?? Int.max, endB = other.to?.dayNumber ?? Int.max
        return from.dayNumber <= endB && other.from.dayNumber <= endA
    }
}

/// What a directory's first column identifies: people (person → team) or repositories (repository → owning team).
public enum DirectorySubject: Sendable { case people, repositories }

/// Who or what a directory interval is about.
public enum DirectoryMember: Hashable, Sendable {
    /// A person, by a source id (pseudonymised before storage).
    case person(SourcePersonID)
    /// A repository, by its normalised `OWNER/NAME`.
    case repository(String)
}

/// Who a stored directory interval is about: a person, only ever by pseudonym, or a repository.
public enum IntervalMember: Sendable, Equatable {
    case person(Pseudonym)
    case repository(String)

    public var subject: DirectorySubject {
        if case .person = self { return .people }
        return .repositories
    }

    /// The text stored in the interval's subject column.
    public var storedKey: String {
        switch self {
        case .person(let p): p.text
        case .repository(let name): name
        }
    }
}

/// A directory change: the person moves to `team` on `day` (a Workday-style job-change export).
public struct MembershipChangeRecord: Sendable, Equatable {
    public var personId: SourcePersonID
    public var day: Day
    /// The team from `day` on; nil when the row names none (a hire or a leave: the directory's own intervals say those).
    public var team: String?
    /// The team before `day`, when the row says it.
    public var prior: String?
    public var department: String?

    public init(personId: SourcePersonID, day: Day, team: String?, prior: String? = nil, department: String? = nil) {
        self.personId = personId; self.day = day; self.team = team; self.prior = prior; self.department = department
    }
}
