/// Writing CSV cells that are safe to open in a spreadsheet.
public enum CSVCell {
    /// Quotes a cell for RFC 4180 and neutralises formula injection: a cell that starts with
    /// `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP "CSV Injection").
    public static func escape(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { v = "'" + v }
        if v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.hasPrefix("'") {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
