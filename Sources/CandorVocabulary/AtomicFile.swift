import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees the old file or the new one, never half of one.
///
/// The bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
/// file is renamed over the target (rename is atomic within a file system).
public enum AtomicFile {
    /// Writes `text` to `path`, creating its folder if needed.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        try write([(path, text)], mode: mode)
    }

    /// Writes several files as a set: every file is written to a temporary file and flushed first,
    /// and only when all of them are complete are they renamed into place. If any write fails,
    /// the temporary files are removed and no target is touched.
    public static func write(_ files: [(path: String, text: String)], mode: mode_t = 0o644) throws {
        var temporaries: [(temporary: String, path: String)] = []
        do {
            for file in files {
                temporaries.append((try writeTemporary(file.text, for: file.path, mode: mode), file.path))
            }
        } catch {
            for t in temporaries { unlink(t.temporary) }
            throw error
        }
        for (index, t) in temporaries.enumerated() where rename(t.temporary, t.path) != 0 {
            let code = errno
            for rest in temporaries[index...] { unlink(rest.temporary) }
            throw OutputError(path: t.path, message: "could not move the finished file into place (\(errorText(code)))", hint: "check the output folder")
        }
        // Make the renames themselves durable.
        for folder in Set(temporaries.map { URL(fileURLWithPath: $0.path).deletingLastPathComponent().path }) {
            let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dirfd >= 0 { fsync(dirfd); close(dirfd) }
        }
    }

    /// Writes and flushes a temporary file beside `path`; returns its name.
    private static func writeTemporary(_ text: String, for path: String, mode: mode_t) throws -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, message: "cannot create the folder \(folder)", hint: "check that the output folder is writable")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw OutputError(path: path, message: "cannot write here (\(errorText(errno)))", hint: "check that the output folder is writable, or pass --out DIR")
        }
        var failure: Int32 = 0
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        bytes.removeAll()
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && chmod(temporary, mode) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw OutputError(path: path, message: "could not write the file (\(errorText(failure)))",
                              hint: failure == ENOSPC ? "free some disk space and run again" : "check the output folder")
        }
        return temporary
    }

    private static func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, p, n)
        #elseif canImport(Musl)
        return Musl.write(fd, p, n)
        #else
        return Darwin.write(fd, p, n)
        #endif
    }
}

/// An output file could not be written. Nothing partial is left behind.
public struct OutputError: Error, LocalizedError {
    public var path: String
    public var message: String
    public var hint: String

    public init(path: String, message: String, hint: String) {
        self.path = path
        self.message = message
        self.hint = hint
    }

    public var errorDescription: String? { "\(path): \(message) — \(hint)" }
}
