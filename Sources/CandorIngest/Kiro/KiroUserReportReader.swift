import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes the Kiro `user_report` CSV (the successor of the Q Developer report; kiro.dev
/// "Viewing per-user activity"; DevLake `q_dev` recognises it by `Client_Type` or `Credits_Used`).
///
/// Kept: the day, the person (pseudonymised), the client type, conversations, messages and credits.
/// Dropped at ingest (and counted as ignored columns): `ProfileId`, `Subscription_Tier`,
/// `Overage_Cap`, `Overage_Enabled` and any per-model `<model>_messages` columns.
public struct KiroUserReportReader {
    public let file: String
    let columns: [String: Int]
    let fieldCount: Int
    public let ignoredColumns: [String]

    static let required = ["date", "userid", "client_type"]
    static let known = ["date", "userid", "client_type", "chat_conversations", "total_messages", "credits_used", "overage_credits_used"]

    public init(header: [String], file: String) throws(DiagnosticList) {
        self.file = file
        var columns: [String: Int] = [:]
        var ignored: [String] = []
        var problems: [Diagnostic] = []
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingASCIISpaces()
            let key = name.lowercased()
            if Self.known.contains(key) {
                if columns[key] != nil {
                    problems.append(Diagnostic(.error, file: file, line: 1, code: "KIRO002",
                                               message: "column \(excerpt(Array(name.utf8))) appears more than once in the header",
                                               hint: "remove the repeated column"))
                }
                columns[key] = i
            } else {
                ignored.append(name)
            }
        }
        let missing = Self.required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            problems.append(Diagnostic(.error, file: file, line: 1, code: "KIRO001",
                                       message: "the header lacks \(missing.map { $0 == "userid" ? "UserId" : $0 == "date" ? "Date" : "Client_Type" }.joined(separator: ", "))",
                                       hint: "a Kiro user report starts with Date,UserId,Client_Type,…"))
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        self.columns = columns
        self.fieldCount = header.count
        self.ignoredColumns = ignored
    }

    /// Decodes one record; nil when it has an error (appended to `diagnostics`).
    public func decode(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> KiroUserReportRecord? {
        if let problem = record.fieldCountProblem(expected: fieldCount, file: file, hint: "a comma inside a value needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        var ok = true
        func fail(_ column: String, _ code: String, _ message: String, _ hint: String) {
            let i = columns[column]!
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(i), code: code, message: message, hint: hint))
            ok = false
        }
        let userId = record.string(columns["userid"]!).trimmingASCIISpaces()
        if userId.isEmpty || userId.utf8.count > 256 {
            fail("userid", "KIRO010", userId.isEmpty ? "UserId is empty" : "UserId is longer than 256 bytes", "every row needs the user's id")
        }
        let day = record.withField(columns["date"]!) { Day.parse(trimmed($0)) }
        if day == nil {
            let shown = record.withField(columns["date"]!) { excerpt($0) }
            fail("date", "KIRO012", "Date \(shown) is not a date", "Kiro writes YYYY-MM-DD")
        }
        let client = record.string(columns["client_type"]!).trimmingASCIISpaces()
        if client.isEmpty || client.count > 32 || !client.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }) {
            fail("client_type", "KIRO011", "Client_Type is not a client type such as KIRO_IDE", "re-export the report")
        }
        func count(_ column: String) -> Int64 {
            guard let i = columns[column] else { return 0 }
            switch record.withField(i, { parseCount($0) }) {
            case .value(let v): return v
            case .invalid:
                let shown = record.withField(i) { excerpt($0) }
                fail(column, "KIRO013", "\(Self.displayName(column)) \(shown) is not a whole number", "counts are whole numbers ≥ 0; blank means 0")
                return 0
            }
        }
        func amount(_ column: String) -> Double {
            guard let i = columns[column] else { return 0 }
            guard let v = record.withField(i, { parseAmount($0) }) else {
                let shown = record.withField(i) { excerpt($0) }
                fail(column, "KIRO014", "\(Self.displayName(column)) \(shown) is not a number ≥ 0", "credits are decimal numbers such as 37.5; blank means 0")
                return 0
            }
            return v
        }
        let conversations = count("chat_conversations"), messages = count("total_messages")
        let credits = amount("credits_used"), overage = amount("overage_credits_used")
        guard ok, let day else { return nil }
        return KiroUserReportRecord(day: day, userId: SourcePersonID(userId), clientType: client, chatConversations: conversations,
                                    totalMessages: messages, creditsUsed: credits, overageCreditsUsed: overage)
    }

    static func displayName(_ column: String) -> String {
        switch column {
        case "chat_conversations": return "Chat_Conversations"
        case "total_messages": return "Total_Messages"
        case "credits_used": return "Credits_Used"
        case "overage_credits_used": return "Overage_Credits_Used"
        default: return column
        }
    }
}

/// Parses a non-negative decimal (`37.5`, `0`, `12.`); blank is 0; nil when not a number.
func parseAmount(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
    let bytes = trimmed(raw)
    if bytes.isEmpty { return 0 }
    guard bytes.count <= 24 else { return nil }
    var dots = 0
    for b in bytes {
        if b == 0x2E { dots += 1; continue }
        guard b >= 0x30, b <= 0x39 else { return nil }
    }
    guard dots <= 1, bytes.first != 0x2E else { return nil }
    return Double(String(decoding: bytes, as: UTF8.self))
}
