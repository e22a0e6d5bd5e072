import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold person-level or restricted data — the databases with their write-ahead log and
/// shared-memory files, the audit head, rejects, self-views, security reviews — are readable by
/// their owner only (0600), in folders only their owner can enter (0700) when candor makes them.
public enum PrivateFiles {
    public static let fileMode: mode_t = 0o600
    public static let folderMode: mode_t = 0o700

    /// Makes `path` a folder only its owner can enter if it does not exist (missing parents are made
    /// too, with the usual mode). Returns the mode of an existing folder that group or others can
    /// enter (candor does not change a folder it did not make), nil otherwise.
    @discardableResult
    public static func folder(_ path: String) throws -> mode_t? {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OutputError(path: path, message: "this is a file, not a folder", hint: "choose another path for candor's files")
            }
            let mode = info.st_mode & 0o777
            return mode & 0o077 == 0 ? nil : mode
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, message: "cannot create the folder \(parent)", hint: "check that it is writable")
        }
        // mkdir's mode is narrowed by the umask only, never widened: 0700 stays 0700.
        guard mkdir(path, folderMode) == 0 else {
            // Made meanwhile by someone else: judged as any folder candor did not make.
            if errno == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                let mode = info.st_mode & 0o777
                return mode & 0o077 == 0 ? nil : mode
            }
            throw OutputError(path: path, message: "cannot create the folder (\(errorText(errno)))", hint: "check that its parent is writable")
        }
        return nil
    }

    /// Makes `path` a file only its owner can read and write: created empty if missing, narrowed to
    /// 0600 if it exists. (SQLite gives a database's `-wal` and `-shm` files the database file's
    /// mode, so making the file first is what keeps them private too.)
    public static func file(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, fileMode)
        guard fd >= 0 else {
            throw OutputError(path: path, message: "cannot create the file (\(errorText(errno)))", hint: "check that its folder is writable")
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & 0o077 != 0, fchmod(fd, fileMode) != 0 {
            throw OutputError(path: path, message: "others can read this file and candor cannot narrow it (\(errorText(errno)))",
                              hint: "run `chmod 600 \(path)` as its owner")
        }
    }

    /// Narrows `path` to 0600 if it exists and group or others can reach it.
    public static func narrowIfPresent(_ path: String) throws {
        var info = stat()
        // A symbolic link is not followed: candor narrows only files it made, which are never links.
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 != 0 else { return }
        guard chmod(path, fileMode) == 0 else {
            throw OutputError(path: path, message: "others can read this file and candor cannot narrow it (\(errorText(errno)))",
                              hint: "run `chmod 600 \(path)` as its owner")
        }
    }

    /// The permission bits of `path` (nil if it does not exist).
    public static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }
}
