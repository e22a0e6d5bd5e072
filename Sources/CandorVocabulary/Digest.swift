import Crypto

/// SHA-256 helpers for provenance (input files, policy, audit chain).
public enum SHA256Digest {
    /// Lowercase hex SHA-256 of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        CandorVocabulary.hex(SHA256.hash(data: bytes))
    }
}

public func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
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
