@_spi(Pseudonymisation) import CandorVocabulary
import Crypto
import Foundation

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

    /// The pseudonym for a source id: the only way to a ``Pseudonym``.
    public func pseudonym(for sourceId: SourcePersonID) -> Pseudonym {
        Pseudonym(text: pseudonymText(sourceId.raw))
    }

    func pseudonymText(_ sourceId: String) -> String {
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

/// Remembers pseudonyms across the files of one ingest run: exports repeat each person on many
/// rows and in many files (one Q Developer report per day), and an HMAC costs far more than a
/// dictionary look-up. Holds at most `capacity` ids, so memory stays bounded however many people.
package final class PseudonymMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [SourcePersonID: Pseudonym] = [:]
    private let capacity: Int

    package init(capacity: Int = 200_000) { self.capacity = capacity }

    func pseudonym(for id: SourcePersonID, _ make: (SourcePersonID) -> Pseudonym) -> Pseudonym {
        lock.lock()
        defer { lock.unlock() }
        if let p = known[id] { return p }
        let p = make(id)
        if known.count >= capacity { known.removeAll(keepingCapacity: true) }
        known[id] = p
        return p
    }
}

/// One file's pseudonyms: each id also gets a small number standing for it within the file (cheap
/// to hash, it keys the file's weekly changes). Pseudonyms come from the run's ``PseudonymMemo``.
package struct PseudonymCache {
    private let pseudonymiser: Pseudonymiser
    private let memo: PseudonymMemo
    private var known: [SourcePersonID: (pseudonym: Pseudonym, slot: Int)] = [:]
    private var slots = 0
    private let capacity: Int

    package init(_ pseudonymiser: Pseudonymiser, memo: PseudonymMemo = PseudonymMemo(), capacity: Int = 200_000) {
        self.pseudonymiser = pseudonymiser
        self.memo = memo
        self.capacity = capacity
    }

    package mutating func pseudonym(for id: SourcePersonID) -> Pseudonym { entry(for: id).pseudonym }

    /// The pseudonym and a small number standing for it within this file.
    package mutating func entry(for id: SourcePersonID) -> (pseudonym: Pseudonym, slot: Int) {
        if let e = known[id] { return e }
        let p = memo.pseudonym(for: id) { pseudonymiser.pseudonym(for: $0) }
        if known.count >= capacity { known.removeAll(keepingCapacity: true) }
        slots += 1
        known[id] = (p, slots)
        return (p, slots)
    }
}
