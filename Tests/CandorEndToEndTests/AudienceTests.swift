import Foundation
import Testing

/// Audiences see only what the policy grants them; the compliance view needs an approval reference.
@Suite("Audiences and approval")
struct AudienceTests {
    @Test("the security-reviewer view needs --approval; with it, categories appear there and nowhere else")
    func securityReview() throws {
        let temp = try TemporaryFolder()
        let db = temp.path("acme.sqlite"), out = temp.path("reports")
        let common = ["--out", out, "--database", db, "--policy", "fixtures/acme/policy.yml", "--now", "2026-10-05T09:00:00Z"]
        let run = try CandorBinary.run(["run", "fixtures/acme", "--out", out, "--database", db, "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        try CandorBinary.renewExampleApprovals(database: db, file: temp.path("approvals.csv"))
        #expect(!FileManager.default.fileExists(atPath: temp.path("reports/security-review/2026-Q3.md")), "run publishes no restricted view")

        let refused = try CandorBinary.run(["report", "security-review", "--period", "2026-Q3"] + common)
        #expect(refused.status == 4 && refused.stderr.contains("pass --approval REF"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: temp.path("reports/security-review/2026-Q3.md")))

        // An approval the governance inputs do not list, one for another quarter, and one used by its own approver: refused.
        let unlisted = try CandorBinary.run(["report", "security-review", "--period", "2026-Q3", "--approval", "SEC-9"] + common)
        #expect(unlisted.status == 4 && unlisted.stderr.contains("approval SEC-9 does not open this report: it is not listed in the approvals input"), "\(unlisted.stderr)")
        let otherQuarter = try CandorBinary.run(["report", "security-review", "--period", "2026-Q2", "--approval", "SEC-1"] + common)
        #expect(otherQuarter.status == 4 && otherQuarter.stderr.contains("it is for 2026-Q3, not 2026-Q2"), "\(otherQuarter.stderr)")
        let own = try CandorBinary.run(["report", "security-review", "--period", "2026-Q3", "--approval", "SEC-42", "--actor", "security-lead"] + common)
        #expect(own.status == 4 && own.stderr.contains("it was given by security-lead, who is running candor"), "\(own.stderr)")
        #expect(!FileManager.default.fileExists(atPath: temp.path("reports/security-review/2026-Q3.md")))

        let ok = try CandorBinary.run(["report", "security-review", "--period", "2026-Q3", "--approval", "SEC-42", "--actor", "Dana"] + common)
        #expect(ok.status == 0, "\(ok.stderr)")
        let path = temp.path("reports/security-review/2026-Q3.md")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("under approval SEC-42") && text.contains("## Checkout"))
        // The board's number beside the categories: one number for one definition.
        let figures = try String(contentsOfFile: temp.path("reports/2026-Q3/figures.csv"), encoding: .utf8)
        let boardCheckout = try #require(figures.split(separator: "\n").first { $0.hasPrefix("2026-Q3,scorecard,quality.open_high_severity,2,team,Checkout,") })
        let count = String(boardCheckout.split(separator: ",", omittingEmptySubsequences: false)[8]).replacingOccurrences(of: ".000000", with: "")
        #expect(text.contains("the number the governance board and the team see (the security-outcome tier): \(count)"), "\(boardCheckout)")
        #expect(text.contains("python-hardcoded-credentials"), "CodeGuru Security categories are shown to security reviewers")
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let folderMode = (try FileManager.default.attributesOfItem(atPath: temp.path("reports/security-review"))[.posixPermissions] as? NSNumber)?.intValue
        #expect(folderMode == 0o700, "the security review is kept out of the published period folders")
        #expect(!FileManager.default.fileExists(atPath: temp.path("reports/2026-Q3/security-review.md")))
        // Categories are in no report for another audience.
        for period in ["2026-Q2", "2026-Q3"] {
            let governance = try String(contentsOfFile: temp.path("reports/\(period)/governance.md"), encoding: .utf8)
            #expect(!governance.contains("python-hardcoded-credentials") && !governance.contains("hardcoded") && !governance.contains("Critical 1"))
        }
        let log = try CandorBinary.run(["audit", "show", "--database", db, "--policy", "fixtures/acme/policy.yml"])
        #expect(log.stdout.contains("refused report security-review"))
        #expect(log.stdout.contains("security-reviewer (approval SEC-42, approved by security-lead until \(CandorBinary.renewedExpiry))"), "\(log.stdout)")
        #expect(log.stdout.contains("approval SEC-9 refused: it is not listed") && log.stdout.contains("approval SEC-42 refused: it was given by security-lead"))
        // The operating-system user is always the actor; --actor is recorded beside it, never instead.
        #expect(log.stdout.contains(" (as Dana)") && log.stdout.contains(" (as security-lead)"))
        #expect(log.stdout.contains("compliance,operational"))
        #expect(log.stdout.contains("coaching,operational"), "the governance review read coaching and operational only")
    }
}
