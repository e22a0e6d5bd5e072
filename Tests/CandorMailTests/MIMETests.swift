@testable import CandorVocabulary
@testable import CandorMail
import Foundation
import Testing

@Suite struct MIMETests {
    let from = MailAddress("devex@acme.example", displayName: "ACME Developer Experience")!
    let now = Timestamp.parse("2026-10-05T09:00:00Z")!

    @Test func dateIsRFC5322InUTC() {
        #expect(MIME.date(now) == "Mon, 05 Oct 2026 09:00:00 +0000")
        #expect(MIME.date(Timestamp.parse("2024-02-29T23:59:59Z")!) == "Thu, 29 Feb 2024 23:59:59 +0000")
    }

    @Test func encodedWordsKnownAnswers() {
        // base64("Jørn") = "SsO4cm4=" (UTF-8 4A C3 B8 72 6E).
        #expect(MIME.encodedWords("Jørn") == "=?utf-8?B?SsO4cm4=?=")
        #expect(MIME.encodedHeaderValue("Plain ASCII subject") == "Plain ASCII subject")
        // Text that looks like an encoded word is encoded, so a reader never decodes it as one.
        #expect(MIME.encodedHeaderValue("=?utf-8?B?SGk=?=").hasPrefix("=?utf-8?B?"))
    }

    @Test func encodedWordsStayShortAndNeverSplitACharacter() throws {
        let long = String(repeating: "Zürich 🚀 ", count: 30)
        let encoded = MIME.encodedWords(long)
        var decoded: [UInt8] = []
        for word in encoded.components(separatedBy: "\r\n ") {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?="))
            let payload = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            // Each word decodes on its own to valid UTF-8 (RFC 2047 §5 (3)).
            #expect(String(data: payload, encoding: .utf8) != nil)
            decoded += payload
        }
        #expect(String(decoding: decoded, as: UTF8.self) == long)
    }

    @Test func quotedPrintableKnownAnswers() {
        #expect(MIME.quotedPrintable("Café = ok") == "Caf=C3=A9 =3D ok")
        #expect(MIME.quotedPrintable("trailing space \nnext") == "trailing space=20\r\nnext")
        #expect(MIME.quotedPrintable(".dot line") == "=2Edot line")
        #expect(MIME.quotedPrintable("From here") == "=46rom here")
        let long = String(repeating: "a", count: 200)
        let lines = MIME.quotedPrintable(long).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(lines.map { $0.hasSuffix("=") ? String($0.dropLast()) : $0 }.joined() == long)
    }

    @Test func addressesAreValidated() {
        #expect(MailAddress("team-checkout@acme.example") != nil)
        #expect(MailAddress("a.b+c@mail.acme.example") != nil)
        for bad in ["", "no-at-sign", "a@b", "a@@b.example", "a b@c.example", "a@b.example\r\nBcc: x@y.example",
                    "a@b.example>, evil@x.example", "<a@b.example>", ".a@b.example", "a..b@c.example", "a@-b.example", "ä@b.example"] {
            #expect(MailAddress(bad) == nil, "\(bad) should be rejected")
        }
        #expect(MailAddress(parsing: "ACME DevEx <devex@acme.example>") == MailAddress("devex@acme.example", displayName: "ACME DevEx"))
        #expect(MailAddress(parsing: "\"Quoted\" <q@acme.example>")?.displayName == "Quoted")
        #expect(MailAddress(parsing: "Evil <a@b.example>\r\nBcc: c@d.example") == nil)
    }

    @Test func displayNamesAreQuotedOrEncoded() {
        #expect(MailAddress("a@b.example", displayName: "Team \"A\", B")!.header == #""Team \"A\", B" <a@b.example>"#)
        #expect(MailAddress("a@b.example", displayName: "Équipe")!.header == "=?utf-8?B?w4lxdWlwZQ==?= <a@b.example>")
    }

    func headers(_ rendered: String) -> [String] {
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        // Unfold continuation lines (RFC 5322 §2.2.3) to count logical header fields.
        return head.replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
    }

    @Test func noHeaderCanBeInjected() {
        var message = MIMEMessage(from: from, to: [MailAddress("team@acme.example")!],
                                  subject: "Team summary: Evil\r\nBcc: victim@example.com\nX-Injected: 1\u{0}",
                                  date: now, plain: "body", html: "<p>body</p>")
        message.extraHeaders = [("X-Candor-Team", "Evil\rTo: other@example.com")]
        let rendered = message.render()
        let names = headers(rendered).map { String($0.prefix { $0 != ":" }) }
        #expect(names == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "X-Candor-Team", "Content-Type"])
        #expect(!rendered.contains("\nBcc:") && !rendered.contains("\nX-Injected") && !rendered.contains("\nTo: other"))
        // Every line ends in CRLF; no bare CR or LF anywhere.
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func messageIsMultipartAlternativeAndDeterministic() {
        let message = MIMEMessage(from: from, to: [MailAddress("team-checkout@acme.example")!, MailAddress("leads@acme.example")!],
                                  subject: "Checkout — team summary 2026-Q3", date: now, plain: "Plain €\n", html: "<p>HTML €</p>\n")
        let rendered = message.render()
        #expect(rendered == message.render())
        let h = headers(rendered)
        #expect(h.contains("To: team-checkout@acme.example, leads@acme.example"))
        #expect(h.contains("Date: Mon, 05 Oct 2026 09:00:00 +0000"))
        #expect(h.contains { $0.hasPrefix("Subject: =?utf-8?B?") })
        #expect(h.contains { $0.hasPrefix("Message-ID: <") && $0.hasSuffix(".candor@acme.example>") })
        #expect(rendered.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nPlain =E2=82=AC"))
        #expect(rendered.contains("Content-Type: text/html; charset=utf-8"))
        #expect(rendered.hasSuffix("--\r\n"))
        var other = message
        other.html = "<p>changed</p>"
        #expect(other.messageID != message.messageID)
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
    }
}
