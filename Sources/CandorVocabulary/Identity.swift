/// A person's identifier as a source export writes it: a GitHub login, an IAM Identity Center user
/// id, an email address.
///
/// It exists only between a reader and the policy gate. Readers make one from the cell they read;
/// nothing but the pseudonymiser can read it back (its text is behind the `Pseudonymisation` SPI,
/// which only `CandorPolicy/Pseudonymiser.swift` imports), so a raw id cannot be written to the
/// store, a report or a log by mistake: the store's writes take a ``Pseudonym``, and the only way
/// to one is `Pseudonymiser.pseudonym(for:)`.
public struct SourcePersonID: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    @_spi(Pseudonymisation) public let raw: String

    public init(_ raw: String) { self.raw = raw }

    /// Never the id: interpolating, printing or dumping a record does not reveal who it is about.
    public var description: String { "SourcePersonID(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// A keyed pseudonym: the first 16 bytes of HMAC-SHA256(key, normalised source id), as lowercase hex.
///
/// Only the pseudonymiser makes one from a ``SourcePersonID`` (the initialiser from text is behind
/// the `Pseudonymisation` SPI). Every store write that names a person takes a `Pseudonym`, so a raw
/// id cannot reach the store by construction. What the store reads back is its stored text, which
/// cannot be turned into a `Pseudonym` or back into an id.
public struct Pseudonym: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The pseudonym as stored: 32 lowercase hex digits.
    public let text: String

    @_spi(Pseudonymisation) public init(text: String) { self.text = text }

    public var description: String { text }

    public static func < (a: Pseudonym, b: Pseudonym) -> Bool { a.text < b.text }
}
