/// What one source sent for a period and how much of it candor could place: the coverage every
/// "no data" cell is explained by.
public struct SourceCoverage: Sendable, Equatable {
    public enum Basis: String, Sendable { case person, repository, team }

    public var source: SourceFamily
    /// What a record is attributed through: a person (their team on the day), a repository (its
    /// owning team), or a team named in the record (the survey).
    public var basis: Basis
    /// Records read for the period, placed or not.
    public var records: Int
    /// Records placed in a team.
    public var placed: Int
    /// Person-based: records of people the directory does not place in a team on the day (contractors,
    /// bots, leavers without a record). Team-based: records naming a team the directory does not list.
    public var outside: Int
    /// People among `outside` (person-based sources): reported coarsened below k.
    public var outsidePeople: Int
    /// Repository-based: records of repositories no directory lists, or whose bare name is ambiguous.
    public var unmatched: Int
    /// Repository-based: records that name no repository (an incident without one): in no team's figure.
    public var noRepository: Int = 0
    /// Days in the period with any record.
    public var days: Int

    public init(source: SourceFamily, basis: Basis, records: Int, placed: Int, outside: Int = 0, outsidePeople: Int = 0, unmatched: Int = 0, days: Int) {
        self.source = source; self.basis = basis; self.records = records; self.placed = placed; self.outside = outside
        self.outsidePeople = outsidePeople; self.unmatched = unmatched; self.days = days
    }
}

/// A repository some records name that no directory entry owns, with its records and the directory
/// entry whose name is closest (a likely spelling of the same repository), or the names it is
/// ambiguous between.
public struct UnmatchedRepository: Sendable, Equatable {
    public var name: String
    public var records: Int
    public var sources: [SourceFamily]
    public var closest: String?
    public var ambiguousBetween: [String]

    public init(name: String, records: Int, sources: [SourceFamily], closest: String?, ambiguousBetween: [String] = []) {
        self.name = name; self.records = records; self.sources = sources; self.closest = closest; self.ambiguousBetween = ambiguousBetween
    }
}
