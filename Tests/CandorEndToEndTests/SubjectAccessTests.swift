import Foundation
import Testing

/// The right of access: `candor subject-access --person ID` writes everything held under the person's
/// pseudonym, for them, whatever their consent; owner-only files; audited under their reference.
@Suite("Subject access")
struct SubjectAccessTests {
    @Test("everything held about a person, owner-only, whatever their consent, and logged without their id")
    func access() throws {
        let temp = try TemporaryFolder()
        let db = temp.path("state/acme.sqlite"), out = temp.path("private")
        let run = try CandorBinary.run(["run", "fixtures/acme", "--out", temp.path("reports"), "--database", db, "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let person = "f7b57549-a5fa-1e22-74d5-b3c1154dd756"
        let common = ["--policy", "fixtures/acme/policy.yml", "--database", db, "--now", "2026-10-05T09:00:00Z", "--out", out]
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
}
