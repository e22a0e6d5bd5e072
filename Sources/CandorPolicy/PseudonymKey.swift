import CandorVocabulary
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The secret behind pseudonyms: 32 random bytes kept in a file outside the database.
public struct PseudonymKey: Sendable {
    /// The key bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A new key from the system's cryptographically secure generator.
    public static func generate() -> PseudonymKey {
        var rng = SystemRandomNumberGenerator()
        return PseudonymKey(bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) })
    }

    /// The file text: a comment line and the key in base64.
    public var fileText: String {
        "# candor pseudonymisation key — secret; keep at mode 0600; never commit or share.\n"
            + Data(bytes).base64EncodedString() + "\n"
    }

    /// Writes a new key file with mode 0600; refuses to overwrite an existing one.
    public func write(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST {
                throw KeyFileError(path: path, message: "a key file already exists",
                                   hint: "candor never overwrites a key: pseudonyms made with it would no longer match")
            }
            throw KeyFileError(path: path, message: "cannot create the key file (\(errorText(errno)))", hint: "check the folder's permissions")
        }
        defer { close(fd) }
        let bytes = Array(fileText.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            unlink(path)
            throw KeyFileError(path: path, message: "could not write the key file (\(errorText(errno)))", hint: "check free disk space")
        }
    }

    /// Reads a key file written by ``write(to:)``.
    public static func load(path: String) throws -> PseudonymKey {
        guard let data = FileManager.default.contents(atPath: path), data.count < 4096,
              let text = String(data: data, encoding: .utf8) else {
            throw KeyFileError(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the key file" : "no key file here",
                               hint: "the policy's key_file must name the file `candor init` wrote; a lost key means a new pseudonym for everyone")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1, let raw = Data(base64Encoded: lines[0]), raw.count >= 32 else {
            throw KeyFileError(path: path, message: "the key file does not hold a base64 key of at least 32 bytes",
                               hint: "restore it from your backup; do not edit it by hand")
        }
        return PseudonymKey(bytes: Array(raw))
    }

    /// Whether the file can be read by anyone but its owner.
    public static func isShared(path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        return (st.st_mode & 0o077) != 0
    }
}

/// A key file problem.
public struct KeyFileError: Error, LocalizedError {
    public var path: String
    public var message: String
    public var hint: String
    public var errorDescription: String? { "\(path): \(message) — \(hint)" }
}
