import CandorAnalysis
import CandorMail
import CandorPolicy
import CandorVocabulary
import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Markdown → HTML through libcmark, the CommonMark reference implementation.
///
/// The only file in candor that imports `CCmark`. Every buffer libcmark returns is freed here.
public enum CommonMark {
    /// Rendering options, mirroring `CMARK_OPT_*`.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// Pass raw HTML through. candor needs it for template-owned tables (libcmark 0.30 has no
        /// table extension); it is safe only because every value from input is escaped before it
        /// reaches the Markdown (see ``Escape``).
        public static let unsafe = Options(rawValue: CMARK_OPT_UNSAFE)
        /// Replace invalid UTF-8 with U+FFFD.
        public static let validateUTF8 = Options(rawValue: CMARK_OPT_VALIDATE_UTF8)
    }

    /// Renders CommonMark to an HTML fragment.
    public static func html(from markdown: String, options: Options = [.unsafe, .validateUTF8]) -> String {
        var bytes = Array(markdown.utf8)
        bytes.append(0)
        guard let rendered = bytes.withUnsafeBufferPointer({ buffer -> UnsafeMutablePointer<CChar>? in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_markdown_to_html($0, buffer.count - 1, options.rawValue)
            }
        }) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The linked libcmark's version, e.g. `0.30.2`, printed in every report so a change of
    /// library is not mistaken for a change in the data.
    public static var libraryVersion: String {
        guard let v = cmark_version_string() else { return "unknown" }
        return String(cString: v)
    }
}
