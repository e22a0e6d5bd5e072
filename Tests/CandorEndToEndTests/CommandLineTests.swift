import CandorVocabulary
import Foundation
import Testing

@Suite("candor on the command line")
struct CommandLineTests {
    static let badFolder = CandorBinary.packageRoot.appendingPathComponent("fixtures/bad")

    /// A workspace made by `candor init`, with a database inside it.
    func workspace() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let result = try CandorBinary.run(["init", folder.path("org")])
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    @Test("init writes a commented policy and a 0600 key, and never overwrites them")
    func initialise() throws {
        let folder = try workspace()
        let policy = try String(contentsOfFile: folder.path("org/policy.yml"), encoding: .utf8)
        #expect(policy.contains("purpose:") && policy.contains("minimum_group_size: 5") && policy.contains("retention_days:") && policy.contains("key_file: candor.key"))
        #expect(policy.contains("# "))
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path("org/candor.key"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try CandorBinary.run(["init", folder.path("org")])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
    }

    @Test("each bad fixture is rejected with file:line:column, exit 2, and nothing stored", arguments: [
        ("bad-number.csv", ":3:16: error: Inline_AcceptanceCount 'three' is not a whole number"),
        ("wrong-column-count.csv", ":3:1: error: expected 4 fields"),
        ("unterminated-quote.csv", ":3:1: error: a quoted field starts here but its closing quote never comes"),
        ("impossible-date.csv", ":2:5: error: Date '02-30-2026' is not a date"),
        ("unknown-format.csv", ":1: error: unknown format: its header row matches no known export"),
        ("overlapping-directory.csv", ":3:"),
    ])
    func badInput(file: String, expected: String) throws {
        let folder = try workspace()
        let path = Self.badFolder.appendingPathComponent(file).path
        let result = try CandorBinary.run(["ingest", "--policy", folder.path("org/policy.yml"), path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(path + expected), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(" — "), "every error says what to do")
        #expect(result.stdout.contains("0 files (0 rows)") && result.stdout.contains("1 rejected"))
        let sqlite = try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--policy", folder.path("org/policy.yml"), "--out", folder.path("r"), "--now", "2026-10-01"])
        #expect(sqlite.status == 0)
        let md = try String(contentsOfFile: folder.path("r/2026-Q3/governance.md"), encoding: .utf8)
        #expect(md.contains("records on 0 of the 92 days in the period (0% complete); 0 person-day rows held, from 0 files"))
    }

    @Test("a good file next to a bad one is still ingested")
    func mixed() throws {
        let folder = try workspace()
        let good = folder.path("good.csv")
        try Data("UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\nu,2026-07-01,1,2\n".utf8).write(to: URL(fileURLWithPath: good))
        let result = try CandorBinary.run(["ingest", "--policy", folder.path("org/policy.yml"), Self.badFolder.appendingPathComponent("bad-number.csv").path, good])
        #expect(result.status == 2)
        #expect(result.stdout.contains("ingested 1 files (1 rows), 0 unchanged, 1 rejected"))
    }

    @Test("a missing file, a folder of no exports, and an unreadable file")
    func unreadable() throws {
        let folder = try workspace()
        let missing = try CandorBinary.run(["ingest", "--policy", folder.path("org/policy.yml"), folder.path("nope.csv")])
        #expect(missing.status == 2 && missing.stderr.contains(folder.path("nope.csv") + ": error: no such file"))
        if getuid() != 0 {   // root can read any file, so this case only runs as an ordinary user
            let locked = folder.path("locked.csv")
            try Data("UserId,Date,Inline_SuggestionsCount\n".utf8).write(to: URL(fileURLWithPath: locked))
            chmod(locked, 0)
            let result = try CandorBinary.run(["ingest", "--policy", folder.path("org/policy.yml"), locked])
            #expect(result.status == 2 && result.stderr.contains("permission denied"))
        }
    }

    @Test("no policy, no purpose, a bad period, a bad --now: one clear line and exit 1 or 64")
    func usageErrors() throws {
        let folder = try TemporaryFolder()
        let noPolicy = try CandorBinary.run(["ingest", "--policy", folder.path("policy.yml"), "x.csv"])
        #expect(noPolicy.status == 1 && noPolicy.stderr.contains("no policy file here") && noPolicy.stderr.contains("candor init"))
        try Data("version: 1\nkey_file: candor.key\n".utf8).write(to: URL(fileURLWithPath: folder.path("policy.yml")))
        let noPurpose = try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--policy", folder.path("policy.yml")])
        #expect(noPurpose.status == 1 && noPurpose.stderr.contains("policy.yml:1: the policy states no purpose"))
        let badPeriod = try CandorBinary.run(["report", "governance", "--period", "2026-Q9"])
        #expect(badPeriod.status == 64 && badPeriod.stderr.contains("2026-Q9"))
        let badNow = try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--now", "tomorrow"])
        #expect(badNow.status == 64 && badNow.stderr.contains("--now"))
    }

    @Test("--templates overrides the built-in templates")
    func templates() throws {
        let folder = try workspace()
        let custom = folder.path("templates")
        try FileManager.default.createDirectory(atPath: custom, withIntermediateDirectories: true)
        try Data("{{%CONTENT_TYPE: MARKDOWN}}\n# ACME review {{period}}\n\n{{purpose}}\n".utf8).write(to: URL(fileURLWithPath: custom + "/governance.md.mustache"))
        let result = try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--policy", folder.path("org/policy.yml"),
                                           "--out", folder.path("r"), "--templates", custom, "--now", "2026-10-01"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: folder.path("r/2026-Q3/governance.html"), encoding: .utf8)
        #expect(html.contains("<h1>ACME review 2026-Q3</h1>") && html.contains("Content-Security-Policy"))
    }

    @Test("help and formats")
    func help() throws {
        let help = try CandorBinary.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("init") && help.stdout.contains("ingest") && help.stdout.contains("report") && help.stdout.contains("run"))
        let formats = try CandorBinary.run(["formats"])
        #expect(formats.status == 0 && formats.stdout.contains("q-developer-activity") && formats.stdout.contains("directory"))
    }
}

@Suite("candor ingest on the example organisation")
struct IngestOrganisationTests {
    @Test("candor ingest fixtures/acme reads every export with the folder's policy; again, nothing changes")
    func organisation() throws {
        let temp = try TemporaryFolder()
        let first = try CandorBinary.run(["ingest", "fixtures/acme", "--database", temp.path("acme.sqlite"), "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains(" 0 rejected"))
        let second = try CandorBinary.run(["ingest", "fixtures/acme", "--database", temp.path("acme.sqlite"), "-q"])
        #expect(second.status == 0 && second.stdout.hasPrefix("ingested 0 files (0 rows)"), "\(second.stdout)")
        let formats = try CandorBinary.run(["formats"])
        #expect(formats.stdout.components(separatedBy: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty }.count == InputFormat.allCases.count)
    }
}

@Suite("Audit log and purpose on the command line")
struct AuditCommandTests {
    @Test("every command is logged; a prohibited purpose is refused (exit 4) and the refusal logged; verify passes")
    func audit() throws {
        let folder = try TemporaryFolder()
        #expect(try CandorBinary.run(["init", folder.path("org"), "--actor", "alice-admin"]).status == 0)
        let policy = folder.path("org/policy.yml")
        let q = folder.path("q.csv")
        try Data("UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\nu,2026-07-01,1,2\n".utf8).write(to: URL(fileURLWithPath: q))
        #expect(try CandorBinary.run(["ingest", "--policy", policy, q, "--actor", "ops"]).status == 0)
        let refused = try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--policy", policy, "--out", folder.path("r"),
                                            "--purpose", "stack ranking for the promotion round", "--actor", "ops"])
        #expect(refused.status == 4 && refused.stderr.contains("refused") && refused.stderr.contains("audit log"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("r/2026-Q3/governance.html")))
        #expect(try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--policy", policy, "--out", folder.path("r"),
                                      "--now", "2026-10-05", "--actor", "ops"]).status == 0)
        let show = try CandorBinary.run(["audit", "show", "--policy", policy])
        #expect(show.status == 0)
        // The operating-system user is always recorded; --actor beside it, never instead.
        for expected in ["#1 ", "(as alice-admin) · init", "(as ops) · policy version", "(as ops) · ingest", "(as ops) · refused report governance · purpose stack ranking",
                         "(as ops) · report governance 2026-Q3 · purpose governance-review", "governance.html ",
                         // --now earlier than the machine's clock: an entry at the machine's time says so.
                         "(as ops) · dated report governance 2026-Q3 · purpose clock",
                         // The row of 2026-07-01 is past the default 90-day window of 2026-10-05: purged before the report read.
                         "(as ops) · purge (before report governance 2026-Q3) · purpose retention"] {
            #expect(show.stdout.contains(expected), "missing \(expected) in \(show.stdout)")
        }
        let verify = try CandorBinary.run(["audit", "verify", "--policy", policy])
        #expect(verify.status == 0 && verify.stdout.contains("audit log intact: 7 entries"))
        // Delete the head record's newest entry by hand: verify must fail.
        let head = folder.path("org/candor.sqlite.audit-head")
        try Data("9 \(String(repeating: "f", count: 64))\n".utf8).write(to: URL(fileURLWithPath: head))
        let tampered = try CandorBinary.run(["audit", "verify", "--policy", policy])
        #expect(tampered.status == 3 && tampered.stderr.contains("TAMPERED"))
    }
}

@Suite("candor policy check")
struct PolicyCheckTests {
    @Test("a valid policy is summarised; a broken one names its line")
    func check() throws {
        let ok = try CandorBinary.run(["policy", "check", "--policy", "fixtures/acme/policy.yml"])
        #expect(ok.status == 0 && ok.stdout.contains("policy ok") && ok.stdout.contains("minimum group size: 5 people")
                && ok.stdout.contains("never used for: compensation"))
        let folder = try TemporaryFolder()
        let bad = folder.path("policy.yml")
        try Data("version: 1\npurpose: Learn.\nminimum_group_size: 1\nkey_file: k\n".utf8).write(to: URL(fileURLWithPath: bad))
        let result = try CandorBinary.run(["policy", "check", "--policy", bad])
        #expect(result.status == 1 && result.stderr.contains("policy.yml:3: minimum_group_size must be"))
    }
}
