import Foundation

/// Fixed-format UTC timestamps, independent of locale and time zone settings.
public enum Timestamp {
    /// `2026-10-05T09:00:00Z`.
    public static func iso8601(_ date: Date) -> String {
        let (day, seconds) = split(date)
        return "\(day.iso8601)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }

    /// `2026-10-05 09:00 UTC`, for people.
    public static func readable(_ date: Date) -> String {
        let (day, seconds) = split(date)
        return "\(day.iso8601) \(two(seconds / 3600)):\(two(seconds / 60 % 60)) UTC"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DD` (midnight UTC).
    public static func parse(_ text: String) -> Date? {
        if text.count == 10, let day = Day.parse(text), text.utf8.dropFirst(4).first == UInt8(ascii: "-") {
            return Date(timeIntervalSince1970: Double(day.dayNumber) * 86400)
        }
        let u = Array(text.utf8)
        guard u.count == 20, u[10] == UInt8(ascii: "T"), u[19] == UInt8(ascii: "Z"),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              let day = Day.parse(u[0..<10]), u[4] == UInt8(ascii: "-"),
              let h = Int(String(decoding: u[11..<13], as: UTF8.self)), h < 24,
              let m = Int(String(decoding: u[14..<16], as: UTF8.self)), m < 60,
              let s = Int(String(decoding: u[17..<19], as: UTF8.self)), s < 60 else { return nil }
        return Date(timeIntervalSince1970: Double(day.dayNumber * 86400 + h * 3600 + m * 60 + s))
    }

    package static func split(_ date: Date) -> (Day, Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86400 : (total - 86399) / 86400
        return (Day(dayNumber: days), total - days * 86400)
    }

    package static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension Timestamp {
    /// Parses the ISO 8601 forms tools export: `YYYY-MM-DDTHH:MM:SS` with optional fractional seconds
    /// and a `Z` or `±HH:MM` offset (a space instead of `T` is accepted). Returns whole seconds since 1970, UTC.
    public static func parseISO8601(_ text: String) -> Int64? {
        let u = Array(text.utf8)
        guard u.count >= 19, let day = Day.parse(u[0..<10]), u[4] == UInt8(ascii: "-"),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let h = number(11..<13), h < 24, let m = number(14..<16), m < 60, let s = number(17..<19), s < 61 else { return nil }
        var i = 19
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
            guard i > start, i - start <= 9 else { return nil }
        }
        var offset = 0
        if i == u.count {
            offset = 0   // no zone: taken as UTC
        } else if u[i] == UInt8(ascii: "Z"), i + 1 == u.count {
            offset = 0
        } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), u.count == i + 6, u[i + 3] == UInt8(ascii: ":"),
                  let oh = number(i + 1..<i + 3), oh < 24, let om = number(i + 4..<i + 6), om < 60 {
            offset = (oh * 3600 + om * 60) * (u[i] == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return nil
        }
        return Int64(day.dayNumber) * 86400 + Int64(h * 3600 + m * 60 + min(s, 59)) - Int64(offset)
    }

    /// `2026-10-05T09:00:00Z` for seconds since 1970.
    public static func iso8601(seconds: Int64) -> String {
        iso8601(Date(timeIntervalSince1970: Double(seconds)))
    }
}

extension Timestamp {
    /// The UTC day of a time.
    public static func day(_ date: Date) -> Day { split(date).0 }
}
