import CandorVocabulary
import Foundation

/// A team summary email written by `candor report team`, ready to hand to a mail transfer agent.
public struct OutgoingMessage: Sendable, Equatable {
    public var path: String
    public var to: [String]
    public var subject: String
    public var messageID: String
    public var report: String
    public var bytes: [UInt8]
    public var sha256: String { SHA256Digest.hex(of: bytes) }
}

/// A message candor will not send, or a send that failed.
public struct MailError: Error, LocalizedError {
    public var path: String
    public var message: String
    public var hint: String
    public var errorDescription: String? { "\(path): \(message) — \(hint)" }
}

/// Finds candor's `.eml` files and hands each to a sendmail-compatible command (`msmtp -t`,
/// `sendmail -t -i`), which reads the recipients from the message's own headers. The command is
/// split on spaces and run directly, never through a shell; nothing from a message reaches its
/// arguments.
public enum Mailer {
    /// Largest message candor will hand on (a team summary is tens of kilobytes).
    public static let maxBytes = 5 << 20

    /// Every `.eml` under `directory` (recursively, in path order), read and checked: each must be
    /// one candor wrote (an `X-Candor-Report` header), with recipients and a Message-ID.
    public static func collect(_ directory: String) throws -> [OutgoingMessage] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw MailError(path: directory, message: "no such file or folder", hint: "pass the folder `candor report team` wrote, e.g. reports/2026-Q3/team")
        }
        var paths: [String] = []
        if isDirectory.boolValue {
            let base = URL(fileURLWithPath: directory)
            let found = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
            paths = found.filter { $0.hasSuffix(".eml") }.sorted().map { base.appendingPathComponent($0).path }
        } else {
            paths = [directory]
        }
        return try paths.map(read)
    }

    /// Reads and checks one message.
    public static func read(_ path: String) throws -> OutgoingMessage {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maxBytes {
            throw MailError(path: path, message: "the message is larger than \(maxBytes >> 20) MB", hint: "candor's summaries are far smaller; this is not one of them")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MailError(path: path, message: "cannot read the file", hint: "check its permissions")
        }
        let bytes = Array(data)
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else {
            throw MailError(path: path, message: "no header section ending in a blank line", hint: "send only the .eml files `candor report team` wrote")
        }
        // Unfold (RFC 5322 §2.2.3), then split into fields.
        let head = text[..<end.lowerBound].replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: " ")
        var fields: [String: String] = [:]
        for line in head.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            if fields[name] != nil {
                throw MailError(path: path, message: "the header \(line[..<colon]) appears twice", hint: "candor writes each header once; this file was changed")
            }
            fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let report = fields["x-candor-report"] else {
            throw MailError(path: path, message: "not a message candor wrote (no X-Candor-Report header)", hint: "candor send only sends its own team summaries")
        }
        let to = (fields["to"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !to.isEmpty, to.allSatisfy({ MailAddress(parsing: $0) != nil }) else {
            throw MailError(path: path, message: "the To header is missing or holds something other than plain addresses",
                            hint: "regenerate the summaries with `candor report team`")
        }
        guard let id = fields["message-id"], id.hasPrefix("<"), id.hasSuffix(">") else {
            throw MailError(path: path, message: "no Message-ID", hint: "regenerate the summaries with `candor report team`")
        }
        return OutgoingMessage(path: path, to: to.compactMap { MailAddress(parsing: $0)?.address }, subject: decode(fields["subject"] ?? ""),
                               messageID: id, report: report, bytes: bytes)
    }

    /// Decodes the RFC 2047 "B" encoded-words candor writes, for display.
    static func decode(_ value: String) -> String {
        guard value.contains("=?utf-8?B?") else { return value }
        var bytes: [UInt8] = []
        for word in value.split(separator: " ") {
            if word.hasPrefix("=?utf-8?B?"), word.hasSuffix("?="), let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) {
                bytes += data
            } else {
                bytes += Array((bytes.isEmpty ? "" : " ").utf8) + Array(word.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits a `--sendmail` command into its program and arguments (spaces separate; no quoting,
    /// no shell).
    public static func command(_ text: String) throws -> [String] {
        let parts = text.split(separator: " ").map(String.init)
        guard let program = parts.first else {
            throw MailError(path: "--sendmail", message: "the command is empty", hint: "for example --sendmail \"msmtp -t\"")
        }
        guard !text.contains(where: { $0 == "|" || $0 == ";" || $0 == "&" || $0 == "`" || $0 == "$" || $0 == "\n" }) else {
            throw MailError(path: "--sendmail", message: "the command holds shell syntax, but it is run without a shell",
                            hint: "give a program and its arguments, e.g. \"msmtp -t\" or \"/usr/sbin/sendmail -t -i\"")
        }
        return [program] + parts.dropFirst()
    }

    /// The program's path: as given if it holds a `/`, else the first match on `PATH`.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(program).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Hands `message` to `command` on standard input; throws with what the command printed if it fails.
    public static func send(_ message: OutgoingMessage, command: [String]) throws {
        guard let executable = resolve(command[0]) else {
            throw MailError(path: command[0], message: "no such program on PATH", hint: "install it (e.g. apt-get install msmtp) or give its full path")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        // A command that exits without reading the whole message must not kill candor with SIGPIPE:
        // the write fails instead, and the command's exit status says what happened.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        // The message goes to the MTA with LF line ends, as sendmail's interface expects on Unix.
        let lf = String(decoding: message.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let writer = input.fileHandleForWriting
        let wrote = (try? writer.write(contentsOf: Data(lf.utf8))) != nil
        try? writer.close()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0, wrote else {
            let said = String(decoding: stderr.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw MailError(path: message.path, message: "\(command.joined(separator: " ")) failed (status \(process.terminationStatus))\(said.isEmpty ? "" : ": " + said)",
                            hint: "check the mail command's configuration; the other messages were still tried, and this one can be sent again")
        }
    }
}
