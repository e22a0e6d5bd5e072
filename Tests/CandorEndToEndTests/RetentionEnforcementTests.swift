import Foundation
import Testing

/// `candor run` enforces the policy's retention windows before it reads (issue 20, item 1), and what
/// the purge deletes changes no published figure: the example organisation run with a window long
/// enough to keep every record publishes the same figures as the example run, which purges.
@Suite("Retention enforced by the example job")
struct RetentionEnforcementTests {
    @Test("the example job purges what is past its 90-day window, is compliant, lists the purge, and publishes the figures it would without purging")
    func exampleJob() throws {
        let temp = try TemporaryFolder()
        // The same organisation, with every window long enough that nothing is past it on 2026-10-05.
        let keepAll = temp.path("keep-all")
        try FileManager.default.copyItem(atPath: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme").path, toPath: keepAll)
        let policyPath = keepAll + "/policy.yml"
        let policy = try String(contentsOfFile: policyPath, encoding: .utf8)
        #expect(policy.contains("  raw: 90\n  enriched: 400\n"))
        try Data(policy.replacingOccurrences(of: "  raw: 90\n  enriched: 400\n", with: "  raw: 1825\n  enriched: 1825\n").utf8)
            .write(to: URL(fileURLWithPath: policyPath))

        let now = ["--now", "2026-10-05T09:00:00Z"]
        let kept = try CandorBinary.run(["run", keepAll, "--out", temp.path("kept"), "--database", temp.path("kept.sqlite")] + now)
        #expect(kept.status == 0, "\(kept.stderr.suffix(2000))")
        let purged = try CandorBinary.run(["run", "fixtures/acme", "--out", temp.path("purged"), "--database", temp.path("purged.sqlite")] + now)
        #expect(purged.status == 0, "\(purged.stderr.suffix(2000))")
        #expect(purged.stderr.contains("rows past the policy's windows or beyond what it keeps on 2026-10-05 before run"))

        // (The long-window run still purges the records of people who objected, as every report does.)
        let keptTransparency = try String(contentsOfFile: temp.path("kept/2026-Q3/transparency.md"), encoding: .utf8)
        #expect(!keptTransparency.contains("older than"), "nothing of the long-window run was past its windows")
        for period in ["2026-Q2", "2026-Q3"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: temp.path("kept/\(period)/figures.json")))
            let b = try Data(contentsOf: URL(fileURLWithPath: temp.path("purged/\(period)/figures.json")))
            #expect(a == b, "\(period): the purge changed a published figure")
            let review = try String(contentsOfFile: temp.path("purged/\(period)/governance.md"), encoding: .utf8)
            #expect(review.contains("In compliance: the oldest daily record (2026-07-07) is within the 90-day window."))
            #expect(review.contains("deleted under the 90-day retention window"), "the counts of raw records say they cover only what is held")
            let transparency = try String(contentsOfFile: temp.path("purged/\(period)/transparency.md"), encoding: .utf8)
            #expect(transparency.contains("- 2026-10-05: ") && transparency.contains("raw, older than 90 days"), "each purge is listed with its counts")
            #expect(transparency.contains("This report is dated 2026-10-05, earlier than the day it was made"))
        }
        // The next quarter's job on the same database purges again (all of 2026-Q3's daily records now):
        // 2026-Q3, made again from the tiers, publishes the same figures — a purge that took an
        // objector's pre-objection days out of a frozen week would show here as exactly their days.
        let q3 = try Data(contentsOf: URL(fileURLWithPath: temp.path("purged/2026-Q3/figures.json")))
        let later = try CandorBinary.run(["run", "fixtures/acme", "--out", temp.path("purged"), "--database", temp.path("purged.sqlite"),
                                          "--period", "2026-Q3", "--now", "2027-01-10T09:00:00Z", "-q"])
        #expect(later.status == 0, "\(later.stderr.suffix(2000))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.path("purged/2026-Q3/figures.json"))) == q3, "a later purge changed 2026-Q3's figures")
        // A report asked for afterwards finds nothing more to purge.
        let again = try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--out", temp.path("purged"), "--database", temp.path("purged.sqlite"),
                                          "--policy", "fixtures/acme/policy.yml", "--now", "2027-01-10T09:00:00Z"])
        #expect(again.status == 0 && again.stderr.contains("retention: nothing is past"), "\(again.stderr)")
    }

    @Test("a policy that refuses instead: the report stops (exit 4) and names the purge command; purge, then it runs")
    func refuses() throws {
        let temp = try TemporaryFolder()
        let org = temp.path("org")
        try FileManager.default.copyItem(atPath: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme").path, toPath: org)
        let policyPath = org + "/policy.yml"
        let policy = try String(contentsOfFile: policyPath, encoding: .utf8)
        try Data((policy + "\nretention_enforcement: refuse\n").utf8).write(to: URL(fileURLWithPath: policyPath))
        let common = ["--database", temp.path("db.sqlite"), "--now", "2026-10-05T09:00:00Z"]
        let run = try CandorBinary.run(["run", org, "--out", temp.path("out"), "-q"] + common)
        #expect(run.status == 4 && run.stderr.contains("candor purge --policy \(policyPath) --database \(temp.path("db.sqlite")) --now 2026-10-05T09:00:00Z"), "\(run.stderr.suffix(1500))")
        #expect(!FileManager.default.fileExists(atPath: temp.path("out/2026-Q3/governance.md")))
        let purge = try CandorBinary.run(["purge", "--policy", policyPath] + common)
        #expect(purge.status == 0, "\(purge.stderr)")
        let report = try CandorBinary.run(["report", "all", "--period", "2026-Q3", "--out", temp.path("out"), "--policy", policyPath, "-q"] + common)
        #expect(report.status == 0, "\(report.stderr.suffix(1500))")
        let show = try CandorBinary.run(["audit", "show", "--policy", policyPath, "--database", temp.path("db.sqlite")])
        #expect(show.stdout.contains("refused run · purpose retention:"), "\(show.stdout.suffix(3000))")
    }
}
