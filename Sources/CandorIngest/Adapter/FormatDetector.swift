import CandorVocabulary
import CandorParsing
import CandorPolicy

/// What the first bytes of a JSON file show: enough to recognise the export and its layout.
public struct JSONSniff: Sendable, Equatable {
    /// Whether the first top-level value is an array.
    public var rootIsArray = false
    /// Member names of the first top-level value (when it is an object).
    public var rootKeys: Set<String> = []
    /// Every member name seen in the prefix, at any depth.
    public var allKeys: Set<String> = []

    /// Tokenises `prefix` (which may end mid-value) and collects member names. It stops early, at the
    /// end of the 4 KiB piece in which the first whole record ended (an element of a top-level array,
    /// or a top-level value of JSON lines): by then every name that recognises a format has been
    /// seen, and tokenising the rest of a 64 KiB prefix cost as much as reading a small file.
    public init(prefix: [UInt8]) {
        var tokenizer = JSONTokenizer()
        var first = true
        var depth = 0
        var recordEnded = false
        var sniff = self
        _ = try? prefix.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count && !recordEnded {
                let end = min(buffer.count, start + Self.pieceLength)
                try tokenizer.consume(UnsafeBufferPointer(rebasing: buffer[start..<end])) { token, _, _ in
                    if first {
                        sniff.rootIsArray = token == .beginArray
                        first = false
                    }
                    switch token {
                    case .beginArray, .beginObject: depth += 1
                    case .endArray, .endObject:
                        depth -= 1
                        if depth == (sniff.rootIsArray ? 1 : 0) { recordEnded = true }
                    case .key(let k):
                        sniff.allKeys.insert(k)
                        if depth == 1 && !sniff.rootIsArray { sniff.rootKeys.insert(k) }
                    default: break
                    }
                }
                start = end
            }
        }
        self = sniff
    }

    static let pieceLength = 4096
}

/// Recognises an export from its first bytes: a CSV header or the member names of JSON records.
public enum FormatDetector {
    /// How many bytes are looked at.
    public static let prefixLength = 64 * 1024

    /// The format of a file starting with `prefix`, or nil.
    /// `survey` is the policy's survey mapping, which says what the organisation's survey export looks like.
    public static func detect(prefix: [UInt8], survey: SurveyMapping? = nil) -> InputFormat? {
        if looksLikeJSON(prefix) {
            return SourceRegistry.recognise(json: JSONSniff(prefix: prefix))
        }
        guard let header = firstCSVRecord(prefix) else { return nil }
        return SourceRegistry.recognise(csvHeader: header, survey: survey)
    }

    public static func looksLikeJSON(_ prefix: [UInt8]) -> Bool {
        let first = prefix.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    public static func firstCSVRecord(_ prefix: [UInt8]) -> [String]? {
        guard !prefix.isEmpty, !prefix.contains(0) else { return nil }
        var header: [String]?
        let reader = CSVReader(source: ByteSource(bytes: prefix, name: "prefix"))
        struct Stop: Error {}
        do {
            try reader.forEachRecord { record in
                header = record.strings
                throw Stop()
            }
        } catch {}
        return header
    }
}
