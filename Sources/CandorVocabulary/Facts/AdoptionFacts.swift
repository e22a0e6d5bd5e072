import Foundation

/// One person's AI-assistant totals within a team over a period.
public struct PersonAdoption: Sendable, Equatable {
    public var team: String?
    public var person: String
    public var activeDays: Int
    public var accepted: Int64
    public var shown: Int64
    /// Accepted AI lines (Q Developer: inline, chat, dev and code-fix lines).
    public var acceptedLines: Int64
    public init(team: String?, person: String, activeDays: Int, accepted: Int64, shown: Int64, acceptedLines: Int64) {
        self.team = team; self.person = person; self.activeDays = activeDays; self.accepted = accepted; self.shown = shown
        self.acceptedLines = acceptedLines
    }
}

/// One person's accepted suggestions in a team, and how many were later reverted or heavily modified.
public struct SuggestionOutcome: Sendable, Equatable {
    public var team: String?
    public var person: String
    public var accepted: Int
    public var undone: Int

    public init(team: String? = nil, person: String, accepted: Int, undone: Int) {
        self.team = team
        self.person = person
        self.accepted = accepted
        self.undone = undone
    }
}

/// One person's inline suggestion totals within one team over a period.
public struct InlineTotals: Sendable, Equatable {
    /// nil when the directory places the person in no team on those days.
    public var team: String?
    /// Pseudonym.
    public var person: String
    public var accepted: Int64
    public var shown: Int64
    public var activeDays: Int

    public init(team: String?, person: String, accepted: Int64, shown: Int64, activeDays: Int) {
        self.team = team
        self.person = person
        self.accepted = accepted
        self.shown = shown
        self.activeDays = activeDays
    }
}
