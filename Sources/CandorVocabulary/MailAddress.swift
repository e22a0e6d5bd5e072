import Foundation

/// An email address candor will write into a header: a conservative subset of RFC 5322
/// `addr-spec` (ASCII dot-atom local part, a DNS host name), so no value can carry a line break,
/// a comment, a group or a second address into the header it is written to.
public struct MailAddress: Sendable, Equatable, Hashable {
    public var displayName: String?
    public var address: String

    /// A validated address, or nil when `address` is not a plain `local@domain`.
    public init?(_ address: String, displayName: String? = nil) {
        guard Self.isValid(address) else { return nil }
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Parses `Name <local@domain>` or a bare `local@domain`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            self.init(String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]), displayName: name)
        } else {
            self.init(trimmed)
        }
    }

    /// RFC 5322 §3.4.1 dot-atom local part (atext without the characters mail software mishandles)
    /// and an RFC 1035 host name with at least one dot.
    static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.utf8.count <= 254 else { return false }
        let local = parts[0], domain = parts[1]
        let localOK = !local.isEmpty && local.utf8.count <= 64 && !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
            && local.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || "!#$%&'*+-/=?^_`{|}~.".utf8.contains(c)
            }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let domainOK = labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { c in (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D }
        }
        return localOK && domainOK
    }

    /// `text` made safe for a header: control characters and line separators become one space,
    /// bidirectional overrides are dropped, runs of spaces fold, the ends are trimmed.
    public static func headerText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                if out.last != " " { out.append(" ") }
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                continue
            case 0x20:
                if out.last != " " { out.append(scalar) }
            default:
                out.append(scalar)
            }
        }
        return String(out).trimmingCharacters(in: .whitespaces)
    }

    /// The domain part.
    public var domain: String { String(address.split(separator: "@").last ?? "") }

}

extension MailAddress {
    /// A list of one to ten plain addresses separated by `;` (a directory's `team_email`), or nil if any is not one.
    public static func list(_ text: String) -> [MailAddress]? {
        let parts = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty, parts.count <= 10 else { return nil }
        let list = parts.compactMap { MailAddress($0) }
        return list.count == parts.count ? list : nil
    }
}
