import CandorParsing
import CandorPolicy
import CandorVocabulary

extension InputFormat {
    /// Recognises a JSON format from the member names at the start of the file (``SourceRegistry``'s order).
    public static func detect(json sniff: JSONSniff) -> InputFormat? { SourceRegistry.recognise(json: sniff) }

    /// Recognises a CSV format from its header row (``SourceRegistry``'s order; the survey needs the policy's mapping).
    public static func detect(csvHeader header: [String]) -> InputFormat? { SourceRegistry.recognise(csvHeader: header) }

    /// What a file that matched no format looks like, for the error message.
    package static func describeUnknown(prefix: [UInt8]) -> String {
        let first = prefix.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        if prefix.isEmpty { return "the file is empty" }
        if prefix.contains(0) { return "the file looks binary" }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return "it is JSON, but its fields match no known export" }
        return "its header row matches no known export"
    }
}
