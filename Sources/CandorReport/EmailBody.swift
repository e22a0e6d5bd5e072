import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The two bodies of an emailed report: HTML with inline styles (mail clients drop `<style>` and
/// never render SVG) and plain text from the Markdown.
public enum EmailBody {
    /// Inline styles for the elements libcmark writes. Only libcmark's own tags are matched: every
    /// value from an input was escaped before it reached the Markdown, so none can look like one.
    static let styles: [(tag: String, style: String)] = [
        ("h1", "font-size:22px;line-height:1.3;margin:0 0 12px"),
        ("h2", "font-size:18px;margin:24px 0 8px;border-bottom:1px solid #c8c8c8;padding-bottom:4px"),
        ("h3", "font-size:16px;margin:16px 0 6px"),
        ("p", "margin:0 0 12px"),
        ("ul", "margin:0 0 12px;padding-left:22px"),
        ("li", "margin:0 0 4px"),
        ("code", "font-family:Menlo,Consolas,monospace;font-size:13px;background:#f2f2f2;padding:0 3px"),
    ]

    /// libcmark's HTML fragment with each of its bare tags given an inline style.
    public static func inlineStyles(_ fragment: String) -> String {
        let tags = styles.map { (open: Array("<\($0.tag)>".utf8), styled: Array("<\($0.tag) style=\"\($0.style)\">".utf8)) }
        let bytes = Array(fragment.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var i = 0
        outer: while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                for tag in tags where bytes[i...].starts(with: tag.open) {
                    out += tag.styled
                    i += tag.open.count
                    continue outer
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Plain text from candor's Markdown: the backslash escapes (CommonMark §2.4) removed, so a
    /// value reads as it was written; everything else is left as Markdown, which reads as text.
    public static func plainText(fromMarkdown markdown: String) -> String {
        var out = ""
        out.reserveCapacity(markdown.utf8.count)
        var escaped = false
        for scalar in markdown.unicodeScalars {
            if escaped {
                if !(scalar.isASCII && scalar.properties.generalCategory.isPunctuationOrSymbol) { out.unicodeScalars.append("\\") }
                out.unicodeScalars.append(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if escaped { out += "\\" }
        // Collapse the blank lines left where HTML-only blocks were skipped: at most one in a row.
        var collapsed = String.UnicodeScalarView()
        var newlines = 0
        for scalar in out.unicodeScalars {
            newlines = scalar == "\n" ? newlines + 1 : 0
            if newlines <= 2 { collapsed.append(scalar) }
        }
        return String(collapsed)
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
             .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: true
        default: false
        }
    }
}
