import CandorVocabulary
import Yams

/// The policy's `email:` section: the sender of emailed team summaries. Recipients are never named
/// here: each team's summary goes to the addresses the directory gives for that team (`team_email`).
public struct EmailSettings: Sendable, Equatable {
    /// The From address, e.g. `ACME Developer Experience <devex@acme.example>`.
    public var from: MailAddress
    /// Where replies go, if not to `from` (e.g. the governance board's list).
    public var replyTo: MailAddress?

    public init(from: MailAddress, replyTo: MailAddress? = nil) {
        self.from = from
        self.replyTo = replyTo
    }

    static func parse(_ node: Node?, path: String) throws -> EmailSettings? {
        guard let node else { return nil }
        guard let entries = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "email must be a mapping",
                              hint: "for example:  email: {from: \"DevEx <devex@acme.example>\", reply_to: board@acme.example}")
        }
        var from: MailAddress?, replyTo: MailAddress?
        for (key, value) in entries {
            guard let name = key.string, ["from", "reply_to"].contains(name) else {
                throw PolicyError(path: path, line: key.mark?.line, message: "unknown email setting '\(key.string ?? "")'",
                                  hint: "email takes from and reply_to")
            }
            guard let text = value.string, let address = MailAddress(parsing: text),
                  address.displayName.map({ MailAddress.headerText($0) == $0 && $0.count <= 100 }) ?? true else {
                throw PolicyError(path: path, line: value.mark?.line, message: "email.\(name) is not an address",
                                  hint: "write Name <local@domain.example> or local@domain.example")
            }
            if name == "from" { from = address } else { replyTo = address }
        }
        guard let from else {
            throw PolicyError(path: path, line: node.mark?.line, message: "email needs a from address",
                              hint: "for example:  email: {from: \"DevEx <devex@acme.example>\"}")
        }
        return EmailSettings(from: from, replyTo: replyTo)
    }
}
