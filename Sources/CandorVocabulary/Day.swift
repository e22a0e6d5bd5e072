/// A calendar day in the proleptic Gregorian calendar, independent of time zones.
///
/// Telemetry exports report UTC days; candor never converts them, so a `Day` is just
/// a (year, month, day) triple with exact arithmetic through a day number.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int

    /// Creates a day from its day number (days since 1970-01-01).
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Creates a day from a calendar date, or returns nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        self.dayNumber = Day.daysFromCivil(year: year, month: month, day: day)
    }

    /// The (year, month, day) triple.
    public var components: (year: Int, month: Int, day: Int) { Day.civilFromDays(dayNumber) }

    /// `YYYY-MM-DD`.
    public var iso8601: String {
        let c = components
        return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
    }

    public var description: String { iso8601 }

    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> Day { Day(dayNumber: dayNumber + n) }

    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (ISO weekday 4).
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The Monday that starts this day's ISO week.
    public var isoWeekStart: Day { adding(days: 1 - isoWeekday) }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// Parses `YYYY-MM-DD`, `YYYY/MM/DD`, `MM-DD-YYYY` or `MM/DD/YYYY` from ASCII bytes.
    ///
    /// These are the forms seen in Amazon Q Developer exports (`MM-DD-YYYY` in real files,
    /// ISO in newer ones; DevLake's parser accepts the slash forms too).
    public static func parse<C: Collection>(_ bytes: C) -> Day? where C.Element == UInt8 {
        // Fast path for the common case: contiguous bytes, no copy.
        if let day = bytes.withContiguousStorageIfAvailable({ parseContiguous($0) }) { return day }
        return Array(bytes).withUnsafeBufferPointer { parseContiguous($0) }
    }

    @inline(__always)
    static func parseContiguous(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard b.count == 10 else { return nil }
        let dash: UInt8 = 45, slash: UInt8 = 47
        if (b[4] == dash && b[7] == dash) || (b[4] == slash && b[7] == slash) {
            guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
            return Day(year: y, month: m, day: d)
        }
        if (b[2] == dash && b[5] == dash) || (b[2] == slash && b[5] == slash) {
            guard let m = num(0..<2), let d = num(3..<5), let y = num(6..<10) else { return nil }
            return Day(year: y, month: m, day: d)
        }
        return nil
    }

    /// Parses a string with ``parse(_:)``.
    public static func parse(_ string: String) -> Day? { parse(Array(string.utf8)) }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil / civil_from_days.
    // https://howardhinnant.github.io/date_algorithms.html
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
