import CandorVocabulary
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: an open file read in large chunks, or memory (tests).
///
/// Reading is streaming: memory use is one chunk, whatever the file size.
public final class ByteSource {
    private enum Backing {
        case file(fd: Int32)
        case memory([UInt8], position: Int)
    }

    private var backing: Backing
    /// The name used in diagnostics.
    public let name: String
    /// Bytes handed out so far.
    public private(set) var bytesRead: Int64 = 0
    /// Bytes allowed in total before ``InputError/tooLarge`` is thrown.
    public let limit: Int64
    private let chunkSize: Int

    /// Opens `path` for reading.
    /// - Throws: ``InputError`` naming the file and what to do.
    public init(path: String, limit: Int64 = 8 << 30, chunkSize: Int = 1 << 20) throws {
        self.name = path
        self.limit = limit
        self.chunkSize = chunkSize
        var st = stat()
        guard stat(path, &st) == 0 else { throw InputError.cannotOpen(path: path, errno: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw InputError.isDirectory(path: path) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError.cannotOpen(path: path, errno: errno) }
        self.backing = .file(fd: fd)
    }

    /// Serves `bytes` from memory, for tests and generated inputs.
    public init(bytes: [UInt8], name: String, limit: Int64 = 8 << 30, chunkSize: Int = 1 << 20) {
        self.name = name
        self.limit = limit
        self.chunkSize = max(1, chunkSize)
        self.backing = .memory(bytes, position: 0)
    }

    deinit {
        if case .file(let fd) = backing { close(fd) }
    }

    /// Calls `body` with successive chunks until the end of the input.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        switch backing {
        case .file(let fd):
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
            defer { buffer.deallocate() }
            while true {
                let n = read(fd, buffer.baseAddress, chunkSize)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError.readFailed(path: name, errno: errno)
                }
                if n == 0 { return }
                try account(n)
                try body(UnsafeBufferPointer(rebasing: buffer[0..<n]))
            }
        case .memory(let bytes, var position):
            try bytes.withUnsafeBufferPointer { all in
                while position < all.count {
                    let end = min(all.count, position + chunkSize)
                    try account(end - position)
                    try body(UnsafeBufferPointer(rebasing: all[position..<end]))
                    position = end
                }
            }
            backing = .memory(bytes, position: position)
        }
    }

    private func account(_ n: Int) throws {
        bytesRead += Int64(n)
        if bytesRead > limit { throw InputError.tooLarge(path: name, limit: limit) }
    }

    /// Reads up to `maxBytes` from the start of a file without consuming a `ByteSource`.
    public static func prefix(ofFile path: String, maxBytes: Int) throws -> [UInt8] {
        let source = try ByteSource(path: path, chunkSize: maxBytes)
        var out: [UInt8] = []
        do {
            try source.forEachChunk { chunk in
                out.append(contentsOf: chunk.prefix(maxBytes - out.count))
                if out.count >= maxBytes { throw StopReading() }
            }
        } catch is StopReading {}
        return out
    }

    private struct StopReading: Error {}
}

/// A file could not be read at all. Problems *inside* a file are ``Diagnostic``s.
public enum InputError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, errno: Int32)
    case isDirectory(path: String)
    case readFailed(path: String, errno: Int32)
    case tooLarge(path: String, limit: Int64)

    public var path: String {
        switch self {
        case .cannotOpen(let p, _), .isDirectory(let p), .readFailed(let p, _), .tooLarge(let p, _): return p
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let code):
            switch code {
            case ENOENT: return "\(path): no such file — check the path, or list the export folder to find the file's name"
            case EACCES, EPERM: return "\(path): permission denied — make the file readable by the user running candor (chmod u+r)"
            default: return "\(path): cannot open (\(errorText(code))) — check the path and permissions"
            }
        case .isDirectory(let path):
            return "\(path): is a directory — name the files inside it, or pass the folder to `candor run`"
        case .readFailed(let path, let code):
            return "\(path): read failed (\(errorText(code))) — check the disk and try again"
        case .tooLarge(let path, let limit):
            return "\(path): larger than the \(limit >> 20) MiB input limit — split the export into smaller files"
        }
    }
}
