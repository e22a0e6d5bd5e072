/// Number formatting for reports: fixed, locale-independent, so output is byte-identical everywhere.
public enum Format {
    /// `12,345` (comma thousands separator, as in en_US_POSIX reports).
    public static func count<I: BinaryInteger>(_ value: I) -> String {
        let negative = value < 0
        var digits = Array(String(value.magnitude))
        var out: [Character] = []
        var n = 0
        while let d = digits.popLast() {
            if n > 0 && n % 3 == 0 { out.append(",") }
            out.append(d)
            n += 1
        }
        return (negative ? "-" : "") + String(out.reversed())
    }

    /// A proportion as a percentage with `decimals` places, rounding half away from zero: `0.31415` → `31.4%`.
    public static func percent(_ proportion: Double, decimals: Int = 1) -> String {
        fixed(proportion * 100, decimals: decimals) + "%"
    }

    /// A number with a fixed number of decimals.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int64(scaled)
        let integer = whole / Int64(scale)
        let fraction = whole % Int64(scale)
        var text = String(integer)
        if decimals > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (value < 0 && whole != 0 ? "-" : "") + text
    }
}
