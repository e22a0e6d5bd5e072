import Foundation
import Testing

/// The databases hold pseudonymised person-level records; self-views and security reviews are for
/// one reader each. After every command, what candor keeps or writes for few eyes is readable by its
/// owner only: files 0600, in folders 0700 (those candor makes).
@Suite("File modes after every command")
struct FileModeTests {
    static let now = ["--now", "2026-10-05T09:00:00Z"]

    /// Every file below `folder` is 0600 and every folder 0700 (the folder itself included).
    static func privateTree(_ folder: String, after command: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var checked = 0
        func walk(_ path: String) throws {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            #expect(mode == (isFolder.boolValue ? 0o700 : 0o600), "after \(command): \(path) is \(String(mode, radix: 8))", sourceLocation: sourceLocation)
            checked += 1
            if isFolder.boolValue {
                for name in try FileManager.default.contentsOfDirectory(atPath: path) { try walk(path + "/" + name) }
            }
        }
        try walk(folder)
        #expect(checked > 1, "after \(command): nothing in \(folder)", sourceLocation: sourceLocation)
    }

    @Test("databases with their -wal and -shm files, the audit head, rejects, self-views, security reviews and subject-access files are 0600 in 0700 folders")
    func everyCommand() throws {
        let temp = try TemporaryFolder()
        let state = temp.path("state"), out = temp.path("reports"), db = state + "/acme.sqlite"
        let common = ["--policy", "fixtures/acme/policy.yml", "--database", db] + Self.now

        // A file with a bad record, read with --skip-bad-rows: its problems go to the rejects folder.
        let bad = temp.path("bad/incidents.csv")
        try FileManager.default.createDirectory(atPath: temp.path("bad"), withIntermediateDirectories: true)
        try Data("incident_id,repository,created_at,resolved_at,severity,caused_by_deployment\nINC-90,acme/checkout-web,not-a-time,,SEV3,\nINC-91,acme/checkout-web,2026-08-08T14:00:00Z,,SEV3,\n".utf8)
            .write(to: URL(fileURLWithPath: bad))
        let approvals = temp.path("approvals.csv")
        try CandorBinary.writeRenewedApprovals(to: approvals)
        let steps: [(String, [String])] = [
            ("ingest", ["ingest"] + common + ["fixtures/acme/inputs"]),
            ("ingest --skip-bad-rows", ["ingest", "--skip-bad-rows"] + common + [bad]),
            ("run", ["run", "fixtures/acme", "--out", out, "--database", db, "-q"] + Self.now),
            ("report all", ["report", "all", "--period", "2026-Q3", "--out", out, "-q"] + common),
            ("ingest approvals", ["ingest", "--format", "approvals"] + common + [approvals]),
            ("report security-review", ["report", "security-review", "--period", "2026-Q3", "--approval", "SEC-1", "--out", out] + common),
            ("report self-view", ["report", "self-view", "--period", "2026-Q3", "--person", "f7b57549-a5fa-1e22-74d5-b3c1154dd756", "--out", out] + common),
            ("subject-access", ["subject-access", "--person", "f7b57549-a5fa-1e22-74d5-b3c1154dd756", "--out", out] + common),
            ("coverage", ["coverage", "--period", "2026-Q3", "--policy", "fixtures/acme/policy.yml", "--database", db]),
            ("audit verify", ["audit", "verify", "--policy", "fixtures/acme/policy.yml", "--database", db]),
            ("purge", ["purge"] + common),
            ("erase", ["erase", "--person", "f7b57549-a5fa-1e22-74d5-b3c1154dd756", "--confirm"] + common),
        ]
        for (name, arguments) in steps {
            let result = try CandorBinary.run(arguments)
            #expect(result.status == 0 || (name == "ingest --skip-bad-rows" && result.status == 2), "\(name): \(result.stderr.suffix(1500))")
            #expect(!result.stderr.contains("FS001"), "\(name): candor made the database's folder, so it is private")
            try Self.privateTree(state, after: name)
        }
        // (SQLite removes the -wal and -shm files when the last connection closes; while they exist they
        // have the database file's mode, which candor sets before SQLite opens it.)
        #expect(FileManager.default.fileExists(atPath: db + ".audit-head"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state + "/rejects").count == 1)
        try Self.privateTree(out + "/security-review", after: "report security-review")
        try Self.privateTree(out + "/self-view", after: "report self-view")
        try Self.privateTree(out + "/subject-access", after: "subject-access")

        // A database made by an earlier candor (0644 files) is narrowed when it is next opened.
        for file in [db, db + ".audit-head", state + "/acme.coaching.sqlite"] {
            #expect(chmod(file, 0o644) == 0)
        }
        let verify = try CandorBinary.run(["audit", "verify", "--policy", "fixtures/acme/policy.yml", "--database", db])
        #expect(verify.status == 0, "\(verify.stderr)")
        try Self.privateTree(state, after: "audit verify of a database with 0644 files")
    }

    @Test("a database in a folder others can enter: its files are still 0600, the folder is left alone, and candor says so")
    func sharedFolder() throws {
        let temp = try TemporaryFolder()
        let shared = temp.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let db = shared + "/acme.sqlite"
        let result = try CandorBinary.run(["ingest", "--policy", "fixtures/acme/policy.yml", "--database", db] + Self.now
                                          + ["fixtures/acme/inputs/delivery"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: the database's folder can be entered by other users (mode 755)") && result.stderr.contains("FS001"))
        #expect(result.stderr.contains("chmod 700 \(shared)"))
        let folderMode = try FileManager.default.attributesOfItem(atPath: shared)[.posixPermissions] as? Int
        #expect(folderMode == 0o755)
        for name in try FileManager.default.contentsOfDirectory(atPath: shared) {
            let mode = try FileManager.default.attributesOfItem(atPath: shared + "/" + name)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
    }
}
