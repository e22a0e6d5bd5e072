import CandorVocabulary
import Foundation

extension MailAddress: CustomStringConvertible {
    /// The address as a header writes it: `=?utf-8?B?…?= <a@b.example>`, `"Name" <a@b.example>` or `a@b.example`.
    public var header: String {
        guard let name = displayName.map(MIME.headerText), !name.isEmpty else { return address }
        return "\(MIME.phrase(name)) <\(address)>"
    }

    public var description: String { header }
}

/// One email: RFC 5322 headers and a MIME `multipart/alternative` body (RFC 2046 §5.1.4) with a
/// `text/plain` and a `text/html` part, each UTF-8 in quoted-printable (RFC 2045 §6.7).
///
/// Every header value passes through ``MIME/headerText(_:)`` (control characters become spaces)
/// and, when not plain ASCII, RFC 2047 encoded-words; addresses are ``MailAddress`` values. So no
/// text from an input — a team name, a metric note — can end a header or start another.
public struct MIMEMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    public var date: Date
    /// The right-hand side of the Message-ID (the sender's domain).
    public var messageIDDomain: String
    /// Extra `X-` headers (names are fixed by candor, values are sanitised).
    public var extraHeaders: [(name: String, value: String)] = []
    public var plain: String
    public var html: String

    public init(from: MailAddress, to: [MailAddress], subject: String, date: Date, plain: String, html: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageIDDomain = from.domain
        self.plain = plain
        self.html = html
    }

    /// The Message-ID: a hash of the message's content and date, so the same report at the same
    /// `--now` gets the same id, and a changed report a new one.
    public var messageID: String {
        let material = ([from.address] + to.map(\.address) + [subject, Timestamp.iso8601(date), plain, html]).joined(separator: "\u{1F}")
        return "<\(SHA256Digest.hex(of: Array(material.utf8)).prefix(32)).candor@\(messageIDDomain)>"
    }

    /// The message as bytes for `sendmail -t`: CRLF line ends, every line at most 998 octets.
    public func render() -> String {
        let boundary = "=_candor_" + String(SHA256Digest.hex(of: Array((plain + "\u{1F}" + html).utf8)).prefix(24))
        var headers: [(String, String)] = [
            ("From", from.header),
            ("To", to.map(\.header).joined(separator: ", ")),
        ]
        if let replyTo { headers.append(("Reply-To", replyTo.header)) }
        headers += [
            ("Subject", MIME.encodedHeaderValue(subject)),
            ("Date", MIME.date(date)),
            ("Message-ID", messageID),
            ("MIME-Version", "1.0"),
        ]
        headers += extraHeaders.map { ($0.name, MIME.encodedHeaderValue($0.value)) }
        headers.append(("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""))
        var out = headers.map { MIME.fold("\($0.0): \($0.1)") }.joined(separator: "\r\n") + "\r\n\r\n"
        out += "This is a MIME message: a plain-text and an HTML version of the same summary.\r\n\r\n"
        for (type, body) in [("text/plain", plain), ("text/html", html)] {
            out += "--\(boundary)\r\n"
            out += "Content-Type: \(type); charset=utf-8\r\n"
            out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            out += MIME.quotedPrintable(body) + "\r\n"
        }
        out += "--\(boundary)--\r\n"
        return out
    }
}

/// The encodings email needs, written by hand (DESIGN.md: the MIME writer is hand-written).
public enum MIME {
    /// Text safe to put in a header: every control character (CR and LF among them), and the
    /// Unicode line and bidirectional controls, become a space or are dropped; runs of spaces collapse.
    public static func headerText(_ text: String) -> String { MailAddress.headerText(text) }

    /// An unstructured header value (RFC 5322 §3.2.5): sanitised, then RFC 2047 encoded-words if
    /// it is not printable ASCII or could be mistaken for an encoded-word.
    public static func encodedHeaderValue(_ text: String) -> String {
        let clean = headerText(text)
        if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !clean.contains("=?") { return clean }
        return encodedWords(clean)
    }

    /// A display name as an RFC 5322 phrase: encoded-words if not ASCII, else a quoted-string.
    static func phrase(_ name: String) -> String {
        if !name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) || name.contains("=?") { return encodedWords(name) }
        var quoted = "\""
        for c in name {
            if c == "\"" || c == "\\" { quoted.append("\\") }
            quoted.append(c)
        }
        return quoted + "\""
    }

    /// RFC 2047 §4.1 "B" encoded-words of UTF-8, each at most 75 characters (§2), never splitting
    /// a character's bytes between two words (§5 (3)); separated by a folding space.
    public static func encodedWords(_ text: String) -> String {
        let prefix = "=?utf-8?B?", suffix = "?="
        // 75 − 12 characters of prefix and suffix leave 63 of base64: 45 bytes of text per word.
        let maxBytes = 45
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes && !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk = []
            }
            chunk += bytes.prefix(maxBytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append(prefix + Data(chunk).base64EncodedString() + suffix) }
        return words.joined(separator: "\r\n ")
    }

    /// Folds a header line at spaces so no line exceeds 78 characters where it can (RFC 5322 §2.2.3).
    /// Encoded-words already carry their own folds.
    static func fold(_ line: String) -> String {
        var out: [String] = []
        for physical in line.components(separatedBy: "\r\n") {
            var current = ""
            for (i, word) in physical.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                if i > 0 && current.count + 1 + word.count > 78 && !current.trimmingCharacters(in: .whitespaces).isEmpty {
                    out.append(current)
                    current = " " + word
                } else {
                    current += (i > 0 ? " " : "") + word
                }
            }
            out.append(current)
        }
        return out.joined(separator: "\r\n")
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text with CRLF line ends: lines of at most 76
    /// characters with soft breaks, `=` and non-ASCII bytes as `=XX`, trailing white space encoded.
    public static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var lineLength = 0
        var i = 0
        var lineStart = true
        func emit(_ token: UnsafeBufferPointer<UInt8>) {
            if lineLength + token.count > 75 {
                out += [0x3D, 0x0D, 0x0A]   // soft line break
                lineLength = 0
            }
            out.append(contentsOf: token)
            lineLength += token.count
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D || b == 0x0A {        // CRLF, CR or LF: one hard line break
                if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                out += [0x0D, 0x0A]
                lineLength = 0
                lineStart = true
                i += 1
                continue
            }
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0x0A
            let last = next == 0x0A || next == 0x0D
            var literal = (b >= 0x21 && b <= 0x7E && b != 0x3D) || ((b == 0x20 || b == 0x09) && !last)
            // A line that would start with "." or "From " is encoded: dot-stuffing and mbox quoting cannot change it.
            if lineStart && (b == 0x2E || (b == 0x46 && bytes[i...].starts(with: Array("From ".utf8)))) { literal = false }
            if literal {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { buffer in
                    buffer[0] = b
                    emit(UnsafeBufferPointer(buffer))
                }
            } else {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3) { buffer in
                    buffer[0] = 0x3D; buffer[1] = hex[Int(b >> 4)]; buffer[2] = hex[Int(b & 0xF)]
                    emit(UnsafeBufferPointer(buffer))
                }
            }
            lineStart = false
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 5322 §3.3 date-time in UTC: `Mon, 05 Oct 2026 09:00:00 +0000`.
    public static func date(_ date: Date) -> String {
        let (day, seconds) = Timestamp.split(date)
        let c = day.components
        let two = Timestamp.two
        return "\(weekdays[day.isoWeekday - 1]), \(two(c.day)) \(months[c.month - 1]) \(c.year) "
            + "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) +0000"
    }
}
