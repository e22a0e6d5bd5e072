/// A reporting period: a calendar quarter such as `2026-Q3`.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let quarter: Int

    public init?(year: Int, quarter: Int) {
        guard (1...9999).contains(year), (1...4).contains(quarter) else { return nil }
        self.year = year
        self.quarter = quarter
    }

    /// Parses `YYYY-Qn` (case-insensitive Q).
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]),
              parts[1].count == 2, parts[1].first == "Q" || parts[1].first == "q",
              let q = Int(parts[1].dropFirst()) else { return nil }
        self.init(year: y, quarter: q)
    }

    /// A quarter's report folder name, only in the spelling candor writes (`2026-Q3`, never `2026-q3`):
    /// what the index reads, the folder manifest lists and `candor verify` accepts.
    public init?(folderName name: String) {
        guard let period = Period(name), period.description == name else { return nil }
        self = period
    }

    /// The quarter a day falls in.
    public init(containing day: Day) {
        let c = day.components
        self.year = c.year
        self.quarter = (c.month - 1) / 3 + 1
    }

    /// First day, inclusive.
    public var first: Day { Day(year: year, month: (quarter - 1) * 3 + 1, day: 1)! }
    /// Last day, inclusive.
    public var last: Day {
        let next = quarter == 4 ? Day(year: year + 1, month: 1, day: 1)! : Day(year: year, month: quarter * 3 + 1, day: 1)!
        return next.adding(days: -1)
    }
    /// The quarter after this one.
    public var next: Period { quarter == 4 ? Period(year: year + 1, quarter: 1)! : Period(year: year, quarter: quarter + 1)! }
    /// The quarter before this one.
    public var previous: Period { quarter == 1 ? Period(year: year - 1, quarter: 4)! : Period(year: year, quarter: quarter - 1)! }
    /// Number of days.
    public var dayCount: Int { last.dayNumber - first.dayNumber + 1 }

    public var description: String { "\(year)-Q\(quarter)" }

    public static func < (a: Period, b: Period) -> Bool { (a.year, a.quarter) < (b.year, b.quarter) }
}

extension Day {
    /// The first day of this day's **week part**: its ISO week cut at a quarter boundary, so that a
    /// quarter is exactly its parts. The week of Monday 2026-09-28 has two parts, 09-28…09-30 (Q3,
    /// named 2026-09-28) and 10-01…10-04 (Q4, named 2026-10-01).
    public var weekPart: Day { max(isoWeekStart, Period(containing: self).first) }

    /// Whether this day is the first of a week part (a Monday, or the first day of a quarter).
    public var startsWeekPart: Bool { weekPart == self }
}

