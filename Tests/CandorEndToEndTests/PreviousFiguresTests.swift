import Foundation
import Testing

/// The previous quarter's figures file steers which complements a quarter hides (a team hidden before
/// loses no comparison). It is read from the report folder, where anyone with write access could
/// have left anything: a file that is not one candor wrote for that quarter, or one too large, is
/// said in the progress output and weighs nothing; the report is still written, and the review does
/// not claim to have read it.
@Suite("The previous quarter's figures file")
struct PreviousFiguresTests {
    @Test("a foreign or oversized figures file is said and ignored; the quarter is still written and protected")
    func foreignFile() throws {
        let temp = try TemporaryFolder()
        let db = temp.path("acme.sqlite"), out = temp.path("reports")
        let run = try CandorBinary.run(["run", "fixtures/acme", "--out", out, "--database", db, "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let previous = temp.path("reports/2026-Q2/figures.json")
        let common = ["--period", "2026-Q3", "--out", out, "--database", db, "--policy", "fixtures/acme/policy.yml", "--now", "2026-10-05T09:00:00Z"]
        let read = try String(contentsOfFile: temp.path("reports/2026-Q3/governance.md"), encoding: .utf8)
        #expect(read.contains("The choice of complements read what the previous quarter published (") && read.contains("2026-Q2/figures.json"))

        for (name, bytes) in [("not JSON", Data("{ this is not a figures file".utf8)),
                              ("another quarter's", Data(try String(contentsOfFile: temp.path("reports/2026-Q3/figures.json"), encoding: .utf8).utf8)),
                              ("oversized", Data(count: 64 << 20 + 1))] {
            try bytes.write(to: URL(fileURLWithPath: previous))
            let report = try CandorBinary.run(["report", "governance"] + common)
            #expect(report.status == 0, "\(name): \(report.stderr)")
            #expect(report.stderr.contains(previous) && report.stderr.contains("does not read it"), "\(name): \(report.stderr)")
            let review = try String(contentsOfFile: temp.path("reports/2026-Q3/governance.md"), encoding: .utf8)
            #expect(review.contains("No figures file of the previous quarter was read from the report folder"), "\(name)")
            #expect(review.contains("Docs Tools"), "\(name)")
        }
    }
}
