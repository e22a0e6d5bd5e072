import Foundation

/// A change to the programme: an entry of the policy-change log, or a new version of the policy file.
public struct ProgrammeChange: Sendable, Equatable {
    public var day: Day
    public var description: String
    /// Metric ids it touches; empty = the whole programme.
    public var metrics: [String]

    public init(day: Day, description: String, metrics: [String]) {
        self.day = day
        self.description = description
        self.metrics = metrics
    }

    /// Days before a period whose changes still count as the period's: a change shortly before a
    /// quarter shapes that quarter's figures.
    public static let leadDays = 14

    /// The first day of `period`'s window of changes: its first day less ``leadDays``. Only a change in
    /// this window is named as a possible reason for a move into `period` (a change in the middle of
    /// the quarter before shaped both quarters' values).
    public static func windowStart(of period: Period) -> Day { period.first.adding(days: -leadDays) }
}

/// Records of one source whose value of one field the policy left out.
public struct FieldDropCount: Sendable, Equatable {
    package struct Key: Hashable {
        package var source: String
        package var field: String
        package init(source: String, field: String) { self.source = source; self.field = field }
    }
    public var source: String
    public var field: String
    public var records: Int

    public init(source: String, field: String, records: Int) {
        self.source = source
        self.field = field
        self.records = records
    }
}

/// How much data the store holds for a period.
public struct Coverage: Sendable, Equatable {
    public var daysWithData: Int
    public var rows: Int
    public var files: Int
    public var firstDay: Day?
    public var lastDay: Day?
    public var rowsWithoutTeam: Int
    public var directoryFiles: Int
    /// Rows skipped as invalid (`--skip-bad-rows`) in the files behind the period.
    public var rejectedRows: Int = 0

    public init(daysWithData: Int, rows: Int, files: Int, firstDay: Day? = nil, lastDay: Day? = nil, rowsWithoutTeam: Int, directoryFiles: Int, rejectedRows: Int = 0) {
        self.daysWithData = daysWithData
        self.rows = rows
        self.files = files
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.rowsWithoutTeam = rowsWithoutTeam
        self.directoryFiles = directoryFiles
        self.rejectedRows = rejectedRows
    }
}

/// A decision from the decision log, as the store reads it back: the record the log's reader made.
public typealias DecisionEntry = DecisionRecord
