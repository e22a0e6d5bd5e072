import CandorAnalysis
import CandorMail
import CandorPolicy
import CandorVocabulary
import Mustache

/// Escapes text from input files for the context it is written into.
///
/// Input text is untrusted: a team name may hold Markdown, HTML or line breaks. Escaping makes it
/// literal text wherever it lands, so libcmark never sees it as syntax.
public enum Escape {
    /// Literal text inside Markdown inline content.
    ///
    /// ASCII punctuation that can start Markdown syntax is backslash-escaped (CommonMark 0.30 §2.4:
    /// "Any ASCII punctuation character may be backslash-escaped"), so no emphasis, link, image,
    /// autolink, raw HTML, entity, code span, heading, block quote or table syntax can start.
    /// Characters that are syntax only at the start of a line (`-`, `+`, `=`, and `.`/`)` after
    /// digits, as in `1.`) are escaped where they could stand at the start of a line; the rest of
    /// `, ; : ? / % @ $ ^ ' " ( - . = +` is literal in inline content and is left readable (`(` starts
    /// a link destination only right after `]`, which is always escaped).
    /// Line breaks and other control characters become spaces, so a value cannot start a new
    /// block; leading spaces are dropped (four would start a code block); NUL becomes U+FFFD;
    /// bidirectional controls are dropped so displayed text cannot be reordered.
    public static func markdown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var atStart = true          // nothing but digits written yet
        var sawDigit = false
        func endsToken(_ i: Int) -> Bool {
            i >= scalars.count || scalars[i] == " " || scalars[i] == "\t" || scalars[i].properties.generalCategory == .control
        }
        for (i, scalar) in scalars.enumerated() {
            let v = scalar.value
            switch v {
            case 0:
                out.append("\u{FFFD}")
            case 0x01...0x20, 0x7F, 0x85, 0x2028, 0x2029:
                if out.isEmpty { continue }
                out.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                continue
            case 0x30...0x39:
                out.append(scalar)
                sawDigit = true
                continue
            case 0x2C, 0x3B, 0x3A, 0x3F, 0x2F, 0x25, 0x40, 0x24, 0x5E, 0x27, 0x22, 0x28:
                out.append(scalar)
            case 0x2D, 0x2B, 0x3D:            // - + = : list markers, thematic breaks, setext underlines
                if atStart && !sawDigit && (endsToken(i + 1) || scalars[i + 1] == scalar) { out.append("\\") }
                out.append(scalar)
            case 0x2E, 0x29:                  // . ) : ordered list markers such as "1." and "1)"
                if atStart && sawDigit && endsToken(i + 1) { out.append("\\") }
                out.append(scalar)
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                out.append("\\")
                out.append(scalar)
            default:
                out.append(scalar)
            }
            atStart = false
        }
        while out.last == " " { out.removeLast() }   // two trailing spaces would make a hard line break
        return String(out)
    }

    /// Literal text inside HTML element content or a double-quoted attribute value
    /// (OWASP XSS Prevention Cheat Sheet, rule 1 and 2: `& < > " '` as entities).
    ///
    /// Line breaks become spaces as well: inside a Markdown document an HTML block ends at a
    /// blank line, and a value must never end the block it was written into.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#x27;"
            case "\u{0}": out += "\u{FFFD}"
            default:
                switch scalar.value {
                case 0x01...0x1F, 0x7F, 0x85, 0x2028, 0x2029: out += " "
                case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

/// `{{%CONTENT_TYPE: MARKDOWN}}`: values are escaped with ``Escape/markdown(_:)``.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { Escape.markdown(text) }
}

/// `{{%CONTENT_TYPE: HTML_BLOCK}}`: values are escaped with ``Escape/html(_:)`` (template-owned
/// HTML blocks inside Markdown, and the HTML page shell).
struct HTMLBlockContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { Escape.html(text) }
}

enum ContentTypes {
    /// Registers candor's content types with swift-mustache (idempotent; runs once).
    static let registered: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        MustacheContentTypes.register(HTMLBlockContentType(), named: "HTML_BLOCK")
        return true
    }()
}
