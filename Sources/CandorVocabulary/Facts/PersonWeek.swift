import Foundation

/// One person's records, for their own self-view. Everything here is keyed by their pseudonym and
/// read through a reader that attaches only the datasets the self audience may see.
public struct PersonWeek: Sendable, Equatable {
    public var week: Day
    public var activeDays: Int
    public var accepted: Int64
    public var shown: Int64

    public init(week: Day, activeDays: Int, accepted: Int64, shown: Int64) {
        self.week = week
        self.activeDays = activeDays
        self.accepted = accepted
        self.shown = shown
    }
}

/// One person's use of every AI assistant in one week part (an ISO week cut at the quarter's
/// boundary), from the assistants' tier: the same records the team figures are made of.
public struct PersonPart: Sendable, Equatable {
    /// The part's first day.
    public var part: Day
    /// Days with any assistant's activity, and those whose rows count lines.
    public var activeDays: Int
    public var countingDays: Int
    public var accepted: Int64
    public var shown: Int64
    public var lines: Int64

    public init(part: Day, activeDays: Int, countingDays: Int, accepted: Int64, shown: Int64, lines: Int64) {
        self.part = part
        self.activeDays = activeDays
        self.countingDays = countingDays
        self.accepted = accepted
        self.shown = shown
        self.lines = lines
    }
}
