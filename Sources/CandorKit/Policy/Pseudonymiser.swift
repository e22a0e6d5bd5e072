import Crypto

/// Replaces source person identifiers with keyed pseudonyms before anything is stored.
///
/// pseudonym = first 16 bytes of HMAC-SHA256(key, normalised id), as lowercase hex.
/// Normalisation trims spaces, drops an IAM Identity Center directory prefix (`d-xxxxxxxxxx.`,
/// as in Q Developer prompt logs) and lowercases, so the same person gets the same pseudonym
/// from every source. Without the key a pseudonym cannot be recomputed from an id.
public struct Pseudonymiser: Sendable {
    private let key: SymmetricKey

    public init(key: PseudonymKey) {
        self.key = SymmetricKey(data: key.bytes)
    }

    /// The pseudonym for a source id.
    public func pseudonym(for sourceId: String) -> String {
        let normalised = Pseudonymiser.normalise(sourceId)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(normalised.utf8), using: key)
        return hex(mac.prefix(16))
    }

    static func normalise(_ id: String) -> String {
        var s = id.trimmingASCIISpaces()
        if s.hasPrefix("d-"), let dot = s.firstIndex(of: "."), s.distance(from: s.startIndex, to: dot) <= 20 {
            s = String(s[s.index(after: dot)...])
        }
        return s.lowercased()
    }
}

/// Remembers the pseudonyms of one file's ids: an export repeats each person on many rows,
/// and an HMAC costs far more than a dictionary look-up. Holds at most `capacity` ids.
struct PseudonymCache {
    private let pseudonymiser: Pseudonymiser
    private var known: [String: (pseudonym: String, slot: Int)] = [:]
    private var slots = 0
    private let capacity: Int

    init(_ pseudonymiser: Pseudonymiser, capacity: Int = 200_000) {
        self.pseudonymiser = pseudonymiser
        self.capacity = capacity
    }

    mutating func pseudonym(for id: String) -> String { entry(for: id).pseudonym }

    /// The pseudonym and a small number standing for it within this file (cheap to hash).
    mutating func entry(for id: String) -> (pseudonym: String, slot: Int) {
        if let e = known[id] { return e }
        let p = pseudonymiser.pseudonym(for: id)
        if known.count >= capacity { known.removeAll(keepingCapacity: true) }
        slots += 1
        known[id] = (p, slots)
        return (p, slots)
    }
}

/// SHA-256 helpers for provenance (input files, policy, audit chain).
public enum SHA256Digest {
    /// Lowercase hex SHA-256 of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        CandorKit.hex(SHA256.hash(data: bytes))
    }
}

func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// SHA-256 over data that arrives in chunks.
public struct StreamingSHA256 {
    private var hasher = SHA256()
    public init() {}
    public mutating func update(_ chunk: UnsafeBufferPointer<UInt8>) { hasher.update(bufferPointer: UnsafeRawBufferPointer(chunk)) }
    public mutating func finalize() -> String { hex(hasher.finalize()) }
}
