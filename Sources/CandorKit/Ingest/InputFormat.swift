/// The export formats candor reads, recognised by content, never by file name.
public enum InputFormat: String, CaseIterable, Sendable {
    /// Amazon Q Developer user activity report CSV (`by_user_analytic`), 46 or 8 columns.
    case qDeveloperActivity = "q-developer-activity"
    /// candor's directory CSV: person → team over time.
    case directory = "directory"

    /// One line for `candor formats` and for error messages.
    public var summary: String {
        switch self {
        case .qDeveloperActivity:
            return "Amazon Q Developer user activity report CSV (header: UserId,Date,Chat_AICodeLines,…,Inline_SuggestionsCount)"
        case .directory:
            return "directory CSV (header: person_id,team,from,to)"
        }
    }

    /// Recognises a CSV format from its header row.
    public static func detect(csvHeader header: [String]) -> InputFormat? {
        let names = Set(header.map { $0.trimmingASCIISpaces().lowercased() })
        if names.contains("userid"), names.contains("date"),
           header.contains(where: { QDeveloperMetric.named($0.trimmingASCIISpaces()) != nil }) {
            return .qDeveloperActivity
        }
        if DirectoryReader.requiredColumns.allSatisfy(names.contains) {
            return .directory
        }
        return nil
    }

    /// What a file that matched no format looks like, for the error message.
    static func describeUnknown(prefix: [UInt8]) -> String {
        let first = prefix.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        if prefix.isEmpty { return "the file is empty" }
        if prefix.contains(0) { return "the file looks binary" }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return "the file is JSON, which this version of candor does not read yet" }
        return "its header row matches no known export"
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingASCIISpaces() -> String {
        let u = Array(utf8)
        var s = 0, e = u.count
        while s < e, u[s] == 0x20 || u[s] == 0x09 { s += 1 }
        while e > s, u[e - 1] == 0x20 || u[e - 1] == 0x09 { e -= 1 }
        return String(decoding: u[s..<e], as: UTF8.self)
    }
}

extension InputFormat {
    /// A one-line example of the format's first lines.
    public var example: String {
        switch self {
        case .qDeveloperActivity:
            return #"UserId,Date,Chat_AICodeLines,…,Inline_AcceptanceCount,Inline_SuggestionsCount ⏎ "b8f1f340-…",06-23-2025,12,…,21,70"#
        case .directory:
            return "person_id,team,from,to ⏎ b8f1f340-…,Payments,2026-04-01,"
        }
    }
}
