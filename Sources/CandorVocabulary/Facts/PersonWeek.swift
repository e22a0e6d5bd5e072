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
