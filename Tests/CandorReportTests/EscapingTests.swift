@testable import CandorReport
import Testing

@Suite("Escaping input text for Markdown and HTML")
struct EscapingTests {
    /// Renders `value` as it would appear in a report paragraph.
    func paragraph(_ value: String) -> String {
        CommonMark.html(from: "Team: " + Escape.markdown(value) + "\n")
    }

    /// The text a browser would show for a paragraph rendered by cmark (entities decoded).
    func shownText(_ html: String) -> String {
        var s = html
        guard s.hasPrefix("<p>"), s.hasSuffix("</p>\n") else { return "NOT A PARAGRAPH: \(html)" }
        s = String(s.dropFirst(3).dropLast(5))
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: char)
        }
        return s
    }

    @Test("every ASCII punctuation character comes out literally, alone and in runs",
          arguments: Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").map(String.init))
    func punctuation(_ c: String) {
        for value in [c, c + c + c, "a" + c + "b" + c, c + " x", "1" + c + " x"] {
            #expect(shownText(paragraph(value)) == "Team: " + value, "value \(value)")
        }
    }

    @Test("Markdown syntax from input stays text", arguments: [
        "*bold* _em_ **strong** __x__", "[click](javascript:alert(1))", "![img](http://x/y.png)",
        "<script>alert(1)</script>", "<a href=\"javascript:alert(1)\">x</a>", "&lt;already&gt; &amp; &#106;",
        "`code` ``x``", "# heading", "> quote", "- item", "+ item", "1. item", "1) item", "---", "===", "***",
        "| a | b |", "<http://example.com>", "<javascript:alert(1)>", "[x]: http://evil", "~~~", "    indented",
        "trailing backslash \\", "=HYPERLINK(\"http://x\")",
    ])
    func syntax(value: String) {
        let html = paragraph(value)
        #expect(!html.contains("<a") && !html.contains("<img") && !html.contains("<script") && !html.contains("<em")
                && !html.contains("<strong") && !html.contains("<code") && !html.contains("<h1") && !html.contains("<br"))
        #expect(shownText(html) == "Team: " + value.drop(while: { $0 == " " }))
    }

    @Test("a value on a line of its own cannot start a block")
    func ownLine() {
        for value in ["# h", "- x", "1. x", "---", "===", "> q", "    code", "<div>", "```", "* * *", "+ x", "2) x"] {
            let html = CommonMark.html(from: "Intro\n" + Escape.markdown(value) + "\n")
            #expect(html.hasPrefix("<p>Intro\n") && html.hasSuffix("</p>\n") && html.components(separatedBy: "<").count == 3,
                    "value \(value): \(html)")
        }
    }

    @Test("line breaks, NUL and bidirectional controls cannot restructure the document")
    func controls() {
        let md = Escape.markdown("a\n\n# injected\r\n<script>\u{0}\u{202E}b")
        #expect(!md.contains("\n") && !md.contains("\r") && !md.contains("\u{0}") && !md.contains("\u{202E}"))
        #expect(md.contains("\u{FFFD}"))
        #expect(Escape.markdown("  spaced  ") == "spaced")
    }

    @Test("ordinary text stays readable")
    func readable() {
        #expect(Escape.markdown("Platform & Infra") == "Platform \\& Infra")
        #expect(Escape.markdown("2026-Q3, 31.4% (approx.)") == "2026-Q3, 31.4% (approx.)")
        #expect(Escape.markdown("-5 days") == "-5 days")
        #expect(Escape.markdown("Team_A") == "Team\\_A")
    }

    @Test("HTML escaping for element content and attributes (OWASP rules 1 and 2)")
    func html() {
        #expect(Escape.html(#"<b onclick="x">'&'</b>"#) == "&lt;b onclick=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/b&gt;")
        // Inside a Markdown HTML block a blank line would end the block: no line breaks survive.
        #expect(Escape.html("a\n\nb\r\nc") == "a  b  c")
        let doc = CommonMark.html(from: "<table><tr><td>" + Escape.html("x\n\n*y* <script>") + "</td></tr></table>\n")
        #expect(!doc.contains("<script") && !doc.contains("<em>"))
    }

    @Test("cmark renders without SMART punctuation and reports its version")
    func cmark() {
        #expect(CommonMark.html(from: "a -- b \"c\"\n") == "<p>a -- b &quot;c&quot;</p>\n")
        #expect(CommonMark.libraryVersion.split(separator: ".").count == 3)
    }
}
