import CandorVocabulary
import Foundation
@_exported import CandorTestSupport

/// Runs the built `candor` executable, as a user would.
struct CandorBinary {
    /// The package root (this file is Tests/CandorEndToEndTests/CandorBinary.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `candor` built beside the test bundle.
    static var executable: URL {
        // The test process is .build/<triple>/debug/candorPackageTests.xctest; candor is built next to it.
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let beside = exe.deletingLastPathComponent().appendingPathComponent("candor")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let bundle = Bundle.main.bundleURL.appendingPathComponent("candor")
        if FileManager.default.isExecutableFile(atPath: bundle.path) { return bundle }
        return packageRoot.appendingPathComponent(".build/debug/candor")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs candor with `arguments` in `directory` (default: the package root).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        // Output goes to files, so a full pipe can never block the child.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("candor-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Every regular file below `folder`, as relative path → bytes.
func filesBelow(_ folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    guard let e = FileManager.default.enumerator(atPath: folder.path) else { return out }
    while let relative = e.nextObject() as? String {
        if (e.fileAttributes?[.type] as? FileAttributeType) == .typeRegular {
            out[relative] = try Data(contentsOf: folder.appendingPathComponent(relative))
        }
    }
    return out
}

extension CandorBinary {
    /// Ingests the example's approvals (SEC-42 for any quarter, SEC-1 for 2026-Q3, by security-lead)
    /// again, expiring a year after the machine's day: an approval that has expired by the machine's
    /// clock is refused whatever `--now` says, so a test cannot rely on the fixture's expiry dates.
    static func renewExampleApprovals(database: String, file path: String) throws {
        try writeRenewedApprovals(to: path)
        let ingest = try run(["ingest", "--format", "approvals", "--policy", "fixtures/acme/policy.yml", "--database", database,
                              "--now", "2026-10-05T09:00:00Z", path])
        guard ingest.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: ingest.stderr]) }
    }

    /// The day the renewed approvals expire: a year after the machine's day.
    static var renewedExpiry: String { Timestamp.day(Date()).adding(days: 365).iso8601 }

    /// The approvals CSV ``renewExampleApprovals(database:file:)`` ingests.
    static func writeRenewedApprovals(to path: String) throws {
        let expires = renewedExpiry
        try Data("""
            reference,approver,scope,granted,expires
            SEC-42,security-lead,security-review,2026-10-01,\(expires)
            SEC-1,security-lead,security-review:2026-Q3,2026-10-01,\(expires)

            """.utf8).write(to: URL(fileURLWithPath: path))
    }
}
