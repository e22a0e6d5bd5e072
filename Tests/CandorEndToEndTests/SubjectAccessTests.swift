import Foundation
import Testing

/// The right of access: `candor subject-access --person ID` writes everything held under the person's
/// pseudonym, for them, whatever their consent; owner-only files; audited under their reference.
@Suite("Subject access")
struct SubjectAccessTests {
    /// A person of the example organisation with records in most sources.
    static let person = "f7b57549-a5fa-1e22-74d5-b3c1154dd756"
    static func workspace(_ db: String) -> [String] { ["--policy", "fixtures/acme/policy.yml", "--database", db, "--now", "2026-10-05T09:00:00Z"] }

    /// The example job into a temporary folder: the folder, its database and a private output folder.
    static func example(reports: String) throws -> (TemporaryFolder, String, String) {
        let temp = try TemporaryFolder()
        let db = temp.path("state/acme.sqlite")
        let run = try CandorBinary.run(["run", "fixtures/acme", "--out", temp.path(reports), "--database", db, "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        return (temp, db, temp.path("private"))
    }

    @Test("everything held about a person, owner-only, whatever their consent, and logged without their id")
    func access() throws {
        let (temp, db, out) = try Self.example(reports: "reports")
        defer { withExtendedLifetime(temp) {} }   // the folder is removed when it goes
        let person = Self.person
        let common = Self.workspace(db) + ["--out", out]
        let result = try CandorBinary.run(["subject-access", "--person", person] + common)
        #expect(result.status == 0, "\(result.stderr)")
        let root = out + "/subject-access"
        let folders = try FileManager.default.contentsOfDirectory(atPath: root)
        #expect(folders.count == 1)
        let folder = root + "/" + folders[0]
        for path in [root, folder] {
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o700)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.contains("README.md") && files.contains("qdev_activity.csv") && files.contains("team_membership.csv"), "\(files)")
        for file in files {
            #expect(try FileManager.default.attributesOfItem(atPath: folder + "/" + file)[.posixPermissions] as? Int == 0o600, "\(file)")
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(!text.contains(person), "the raw id is never written: \(file)")
        }
        // Rows are under the person's pseudonym, or an id of theirs in another tool the directory links to it.
        let ids = Set(try String(contentsOfFile: folder + "/person_alias.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .flatMap { $0.split(separator: ",").prefix(2).map(String.init) }).union([folders[0]])
        for file in files where file.hasSuffix(".csv") && file != "tool_event_attribute.csv" {
            let rows = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n").dropFirst()
            #expect(!rows.isEmpty && rows.allSatisfy { row in ids.contains { row.contains($0) } }, "every row is the person's: \(file)")
        }
        #expect(try String(contentsOfFile: folder + "/qdev_activity.csv", encoding: .utf8).contains(folders[0]))
        let readme = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        #expect(readme.hasPrefix("# What candor holds about you\n"))
        #expect(readme.contains("- `qdev_activity.csv` — Amazon Q Developer activity days: "))
        #expect(readme.contains("## What is not held") && readme.contains("right of access"))
        let activity = try String(contentsOfFile: folder + "/qdev_activity.csv", encoding: .utf8).split(separator: "\n")
        #expect(activity.first?.hasPrefix("day,person,") == true && activity.count > 10)

        // Logged under the reference, never the id.
        let log = try CandorBinary.run(["audit", "show", "--policy", "fixtures/acme/policy.yml", "--database", db])
        #expect(log.stdout.contains("subject-access \(folders[0].prefix(12))") && log.stdout.contains("right of access"))
        #expect(!log.stdout.contains(person))

        // Someone candor holds nothing about is told so.
        let stranger = try CandorBinary.run(["subject-access", "--person", "nobody@example.com"] + common)
        #expect(stranger.status == 0, "\(stranger.stderr)")
        let strangerFolder = try FileManager.default.contentsOfDirectory(atPath: root).first { $0 != folders[0] }!
        let strangerReadme = try String(contentsOfFile: root + "/" + strangerFolder + "/README.md", encoding: .utf8)
        #expect(strangerReadme.contains("Nothing: no table holds a record under your pseudonym."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/" + strangerFolder) == ["README.md"])
    }

    @Test("erasure: nothing without --confirm; then every record goes, the erasure list keeps them out of later ingests, and published team totals stay")
    func erase() throws {
        let (temp, db, out) = try Self.example(reports: "before")
        let person = Self.person
        let workspace = Self.workspace(db)
        func held() throws -> [String] {
            let access = try CandorBinary.run(["subject-access", "--person", person, "--out", out] + workspace)
            #expect(access.status == 0, "\(access.stderr)")
            let root = out + "/subject-access"
            let folder = root + "/" + (try FileManager.default.contentsOfDirectory(atPath: root)[0])
            return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        }
        #expect(try held().contains("qdev_activity.csv"))
        // Their ids: the pseudonym and the ids the directory links to it.
        let root = out + "/subject-access"
        let folder = root + "/" + (try FileManager.default.contentsOfDirectory(atPath: root)[0])
        let ids = Set(try String(contentsOfFile: folder + "/person_alias.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .flatMap { $0.split(separator: ",").prefix(2).map(String.init) })
        #expect(ids.count >= 2, "\(ids)")

        let dry = try CandorBinary.run(["erase", "--person", person] + workspace)
        #expect(dry.status == 0 && dry.stdout.contains("would erase qdev_activity: ") && dry.stdout.contains("nothing erased: run again with --confirm"), "\(dry.stdout)\(dry.stderr)")
        #expect(try held().contains("qdev_activity.csv"), "a dry run erases nothing")

        let erased = try CandorBinary.run(["erase", "--person", person, "--confirm"] + workspace)
        #expect(erased.status == 0 && erased.stdout.contains("erased qdev_activity: ") && erased.stdout.contains("their ids are on the erasure list"), "\(erased.stdout)\(erased.stderr)")
        #expect(try held() == ["README.md", "erased_person.csv"], "only the record that they were erased remains")
        // Not a byte of theirs is left in the dataset files, free pages and page gaps included (VACUUM).
        for dataset in ["coaching", "operational", "compliance"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: temp.path("state/acme.\(dataset).sqlite")))
            for id in ids { #expect(bytes.range(of: Data(id.utf8)) == nil, "\(id) in acme.\(dataset).sqlite") }
            let wal = temp.path("state/acme.\(dataset).sqlite-wal")
            let walBytes = FileManager.default.contents(atPath: wal) ?? Data()
            #expect(walBytes.isEmpty, "the write-ahead log is emptied")
        }

        // The exports read again cannot bring the person back.
        let again = try CandorBinary.run(["ingest", "--force"] + workspace + ["fixtures/acme/inputs"])
        #expect(again.status == 0, "\(again.stderr.suffix(2000))")
        #expect(again.stderr.contains("[ERA001]"), "\(again.stderr.suffix(2000))")
        #expect(try held() == ["README.md", "erased_person.csv"])

        // Team totals already made keep the person's contribution: the acceptance table's values, people and
        // events are as published, and what was hidden stays hidden (the intervals are now the team totals'
        // person-week clusters, as after any revocation).
        let report = try CandorBinary.run(["report", "all", "--period", "2026-Q3", "--out", temp.path("after"), "-q"] + workspace)
        #expect(report.status == 0, "\(report.stderr)")
        func acceptance(_ folder: String) throws -> [String] {
            try String(contentsOfFile: temp.path("\(folder)/2026-Q3/figures.csv"), encoding: .utf8).split(separator: "\n")
                .filter { $0.hasPrefix("2026-Q3,acceptance,ai.acceptance_rate,") }
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(11).joined(separator: ",") }
        }
        #expect(try acceptance("before").count > 3)
        #expect(try acceptance("after") == acceptance("before"))

        let log = try CandorBinary.run(["audit", "show", "--policy", "fixtures/acme/policy.yml", "--database", db])
        #expect(log.stdout.contains(" · erase ") && log.stdout.contains("right to erasure") && !log.stdout.contains(person), "\(log.stdout.suffix(1500))")
    }
}
