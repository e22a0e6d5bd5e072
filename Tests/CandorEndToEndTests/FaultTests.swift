import CandorStorage
import Foundation
import Testing

/// Faults while candor works: the process killed with SIGKILL in the middle of an ingest.
@Suite("Faults", .serialized)
struct FaultTests {
    static let policy = CandorBinary.packageRoot.appendingPathComponent("fixtures/acme/policy.yml").path
    static let inputs = CandorBinary.packageRoot.appendingPathComponent("fixtures/acme/inputs").path

    static func ingest(_ database: String) throws -> CandorBinary.Result {
        try CandorBinary.run(["ingest", "--policy", policy, "--database", database, "--now", "2026-10-05T09:00:00Z", "-q", inputs])
    }

    /// Everything but the audit log, which records each run.
    static func digest(_ database: String) throws -> String {
        try CandorStore(path: database).contentDigest(excluding: ["audit_log"])
    }

    /// Ingesting again completes `database` to exactly `expected` (the data of one uninterrupted
    /// ingest), and its audit chain verifies.
    static func expectRerunCompletes(_ database: String, to expected: String, _ context: String) throws {
        let rerun = try ingest(database)
        #expect(rerun.status == 0, "\(context): \(rerun.stderr)")
        #expect(try digest(database) == expected, "\(context): the data differs from an uninterrupted ingest")
        let verify = try CandorBinary.run(["audit", "verify", "--policy", policy, "--database", database])
        #expect(verify.status == 0, "\(context): \(verify.stdout)\(verify.stderr)")
    }

    @Test("kill -9 during ingest: the database is intact, every file is in whole or not at all, and a rerun completes it exactly")
    func killDuringIngest() throws {
        let temp = try TemporaryFolder()
        let reference = temp.path("reference.sqlite")
        let done = try Self.ingest(reference)
        #expect(done.status == 0, "\(done.stderr)")
        let expected = try Self.digest(reference)
        for (trial, delay) in [0.15, 0.5, 1.0, 2.0].enumerated() {
            let database = temp.path("killed-\(trial).sqlite")
            let process = Process()
            process.executableURL = CandorBinary.executable
            process.arguments = ["ingest", "--policy", Self.policy, "--database", database, "--now", "2026-10-05T09:00:00Z", "-q", Self.inputs]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: database) else { continue }   // killed before the database was made
            let store = try CandorStore(path: database)
            #expect(try store.integrityCheck() == "ok", "trial \(trial)")
            // Every file recorded as ingested holds exactly its rows: none was half-written.
            for (table, count) in try store.tableCounts() where count < 0 { Issue.record("\(table) has \(count) rows") }
            try Self.expectRerunCompletes(database, to: expected, "trial \(trial), killed after \(delay) s")
        }
    }

    @Test("disk full (a file-size limit): a clear error, no partial or temporary file, the database intact")
    func diskFull() throws {
        let temp = try TemporaryFolder()
        let database = temp.path("acme.sqlite")
        #expect(try Self.ingest(database).status == 0)
        let common = ["--period", "2026-Q3", "--policy", Self.policy, "--database", database, "--now", "2026-10-05T09:00:00Z", "-q"]
        let reference = try CandorBinary.run(["report", "all", "--out", temp.path("reference")] + common)
        #expect(reference.status == 0, "\(reference.stderr)")
        // 512-byte blocks: 20 KiB stops SQLite itself; 100 KiB stops the first report (governance.md is about 200 KiB).
        for blocks in [40, 200] {
            let out = temp.path("limited-\(blocks)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            // Ignore SIGXFSZ so a write past the limit fails with EFBIG, as on a full disk, instead of killing candor.
            process.arguments = ["-c", "ulimit -f \(blocks); trap '' XFSZ; exec \"$0\" \"$@\"", CandorBinary.executable.path,
                                 "report", "all", "--out", out] + common
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let written = (try? filesBelow(URL(fileURLWithPath: out))) ?? [:]
            let expected = try filesBelow(URL(fileURLWithPath: temp.path("reference")))
            #expect(process.terminationStatus == 1, "limit \(blocks): status \(process.terminationStatus)")
            #expect(stderr.contains("error:") && (stderr.contains("File too large") || stderr.contains("disk is full") || stderr.contains("disk I/O error") || stderr.contains("cannot write")),
                    "limit \(blocks): \(stderr)")
            // Nothing half-written: no temporary file is left, and every file there is complete.
            #expect(!written.keys.contains { $0.contains(".tmp-") }, "limit \(blocks): \(written.keys.sorted())")
            for (name, data) in written where !name.hasSuffix("manifest.json") {
                #expect(expected[name] == data, "limit \(blocks): \(name) is partial")
            }
            #expect(written.count < expected.count)
            #expect(try CandorStore(path: database).integrityCheck() == "ok")
            let verify = try CandorBinary.run(["audit", "verify", "--policy", Self.policy, "--database", database])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        }
    }

    @Test("two ingests and a report at once against one database: each waits or fails clearly, and nothing is corrupt or counted twice")
    func concurrentRuns() throws {
        let temp = try TemporaryFolder()
        // Both databases get the directory and the consent registry first (the weekly tiers are built with
        // the teams known at ingest, and records of people who objected are then never stored), so a
        // report's retention purge has nothing to remove: its --now (2026-06-29) puts every record inside
        // the windows. The report also makes the security-outcome tier, so the reference gets one too.
        func governanceFirst(_ database: String) throws -> Int32 {
            try CandorBinary.run(["ingest", "--policy", Self.policy, "--database", database, "--now", "2026-10-05T09:00:00Z", "-q",
                                  Self.inputs + "/directory.csv", Self.inputs + "/governance/consent.csv"]).status
        }
        func report(_ database: String) throws -> Int32 {
            try CandorBinary.run(["report", "governance", "--period", "2026-Q2", "--policy", Self.policy, "--database", database, "--out", temp.path("out-\(database.hashValue)"),
                                  "--now", "2026-06-29T00:00:00Z", "-q"]).status
        }
        let reference = temp.path("reference.sqlite")
        #expect(try governanceFirst(reference) == 0 && Self.ingest(reference).status == 0 && report(reference) == 0)
        let expected = try Self.digest(reference)
        let database = temp.path("shared.sqlite")
        #expect(try governanceFirst(database) == 0)
        var processes: [(Process, Pipe)] = []
        let commands = [
            ["ingest", "--policy", Self.policy, "--database", database, "--now", "2026-10-05T09:00:00Z", "-q", Self.inputs],
            ["ingest", "--policy", Self.policy, "--database", database, "--now", "2026-10-05T09:00:00Z", "-q", Self.inputs],
            ["report", "governance", "--period", "2026-Q2", "--policy", Self.policy, "--database", database, "--out", temp.path("out"),
             "--now", "2026-06-29T00:00:00Z", "-q"],
        ]
        for arguments in commands {
            let process = Process()
            process.executableURL = CandorBinary.executable
            process.arguments = arguments
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            processes.append((process, errors))
        }
        for (process, errors) in processes {
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            // Success, or a clear refusal naming the busy database — never a crash.
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0 || (process.terminationStatus == 1 && stderr.contains("error:")), "\(process.arguments ?? []): \(stderr)")
        }
        #expect(try CandorStore(path: database).integrityCheck() == "ok")
        // Whatever order they ran in, one more ingest (and the report that makes the security-outcome tier
        // from what is then held) leaves exactly the data of a single uninterrupted one.
        let rerun = try Self.ingest(database)
        #expect(try rerun.status == 0 && report(database) == 0, "\(rerun.stderr)")
        #expect(try Self.digest(database) == expected, "concurrent runs: the data differs from an uninterrupted ingest")
    }

    @Test("an output folder that cannot be written: a clear error, nothing written, the database intact")
    func unwritableOutput() throws {
        let temp = try TemporaryFolder()
        let database = temp.path("acme.sqlite")
        #expect(try Self.ingest(database).status == 0)
        // A regular file where the output folder should be (permissions do not stop root; this does),
        // and a folder under /proc, which no one can create.
        try "not a folder".write(toFile: temp.path("taken"), atomically: true, encoding: .utf8)
        for out in [temp.path("taken"), "/proc/candor-cannot-write-here"] {
            let before = try CandorStore(path: database).auditEntries().count
            // The transparency report: quick to build, and written through the same atomic writer as the rest.
            let result = try CandorBinary.run(["report", "transparency", "--period", "2026-Q3", "--out", out, "--policy", Self.policy,
                                               "--database", database, "--now", "2026-10-05T09:00:00Z", "-q"])
            #expect(result.status == 1, "\(out): \(result.stderr)")
            #expect(result.stderr.contains("error:") && result.stderr.contains("folder"), "\(out): \(result.stderr)")
            #expect(try CandorStore(path: database).integrityCheck() == "ok")
            // No report was recorded as written.
            #expect(try CandorStore(path: database).auditEntries().dropFirst(before).allSatisfy { !$0.command.hasPrefix("report ") })
        }
        #expect(try String(contentsOfFile: temp.path("taken"), encoding: .utf8) == "not a folder")
    }
}
