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

    static func split(_ date: Date) -> (Day, Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86400 : (total - 86399) / 86400
        return (Day(dayNumber: days), total - days * 86400)
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
