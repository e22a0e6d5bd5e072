import Foundation
import Testing

/// The consent-gated self-view, through the built binary on fixtures/acme.
@Suite("Self-view")
struct SelfViewTests {
    /// Opted in to self-view on 2026-07-06 and never withdrew (fixtures/acme/inputs/governance/consent.csv).
    static let optedIn = "f7b57549-a5fa-1e22-74d5-b3c1154dd756"
    /// Opted in, then withdrew on 2026-09-01.
    static let withdrew = "e2cba4ce-8927-b693-e945-09bbae8ca258"
    /// Never asked for a self-view.
    static let neverAsked = "d0f8cf75-fcfb-5e00-1476-a82dffe1d30c"

    static func permissions(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("only for people who opted in: their own data, owner-only files named by pseudonym, listed nowhere else")
    func consentGated() throws {
        let temp = try TemporaryFolder()
        let db = temp.path("acme.sqlite"), out = temp.path("reports")
        let run = try CandorBinary.run(["run", "fixtures/acme", "--out", out, "--database", db, "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        // `run` publishes no self-view.
        #expect(!FileManager.default.fileExists(atPath: temp.path("reports/self-view")))

        let ok = try CandorBinary.run(["report", "self-view", "--period", "2026-Q3", "--person", Self.optedIn, "--out", out,
                                       "--database", db, "--policy", "fixtures/acme/policy.yml", "--now", "2026-10-05T09:00:00Z"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(!ok.stdout.contains("self-view/"), "paths (pseudonyms) are not printed")
        let folder = temp.path("reports/self-view")
        let people = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(people.count == 1 && people[0].count == 32 && people[0].allSatisfy(\.isHexDigit), "named by pseudonym: \(people)")
        let html = folder + "/\(people[0])/2026-Q3.html", md = folder + "/\(people[0])/2026-Q3.md"
        #expect(try Self.permissions(html) == 0o600 && Self.permissions(md) == 0o600)
        #expect(try Self.permissions(folder) == 0o700 && Self.permissions(folder + "/\(people[0])") == 0o700)
        let text = try String(contentsOfFile: md, encoding: .utf8)
        #expect(text.contains("Your data in candor, 2026-Q3") && text.contains("Reference \(people[0].prefix(12))"))
        #expect(text.contains("self-view: opted in since 2026-07-06"))
        #expect(text.contains("Your inline suggestions by ISO week") && text.contains("If something here is wrong"))
        #expect(!text.contains(Self.optedIn), "the source id is never written")
        // No governance or published report mentions the self-view or the pseudonym.
        for report in ["2026-Q2", "2026-Q3"] {
            let governance = try String(contentsOfFile: temp.path("reports/\(report)/governance.md"), encoding: .utf8)
            #expect(!governance.contains(people[0]) && !governance.contains(String(people[0].prefix(12))))
        }

        for (id, reason) in [(Self.withdrew, "withdrew"), (Self.neverAsked, "never asked")] {
            let refused = try CandorBinary.run(["report", "self-view", "--period", "2026-Q3", "--person", id, "--out", out,
                                                "--database", db, "--policy", "fixtures/acme/policy.yml", "--now", "2026-10-05T09:00:00Z"])
            #expect(refused.status == 4, "\(reason): \(refused.stderr)")
            #expect(refused.stderr.contains("has not opted in to the self-view programme"))
            #expect(!refused.stderr.contains(id))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
        let log = try CandorBinary.run(["audit", "show", "--database", db, "--policy", "fixtures/acme/policy.yml"])
        #expect(log.stdout.components(separatedBy: "refused report self-view").count - 1 == 2)

        // Everyone currently opted in at once: the fixtures have 13 who opted in, 5 of whom withdrew.
        let all = try CandorBinary.run(["report", "self-view", "--period", "2026-Q3", "--all-consented", "--out", out,
                                        "--database", db, "--policy", "fixtures/acme/policy.yml", "--now", "2026-10-05T09:00:00Z"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 8)
    }

    @Test("the self-view sets the person's own figures beside their team's and the organisation's as published, lists the reads of their team's data, and says how to change a choice and dispute")
    func ownFigures() throws {
        let temp = try TemporaryFolder()
        let db = temp.path("acme.sqlite"), out = temp.path("reports")
        let run = try CandorBinary.run(["run", "fixtures/acme", "--out", out, "--database", db, "--now", "2026-10-05T09:00:00Z", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let ok = try CandorBinary.run(["report", "self-view", "--period", "2026-Q3", "--person", Self.optedIn, "--out", out,
                                       "--database", db, "--policy", "fixtures/acme/policy.yml", "--now", "2026-10-05T09:00:00Z"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let folder = temp.path("reports/self-view")
        let person = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        let text = try String(contentsOfFile: folder + "/\(person)/2026-Q3.md", encoding: .utf8)
        #expect(text.contains("The directory places you in Checkout"))
        // The team's and the organisation's figures are the published ones (figures.json), formatted as the reports do.
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: temp.path("reports/2026-Q3/figures.json")))) as? [String: Any])
        let rows = try #require(figures["figures"] as? [[String: Any]])
        func published(_ metric: String, _ scope: String, _ name: String) -> String? {
            guard let row = rows.first(where: { $0["table"] as? String == "scorecard" && $0["metric"] as? String == metric && $0["scope"] as? String == scope
                                                && $0["name"] as? String == name && ($0["part"] as? String ?? "") == "" }),
                  let value = row["value"] as? Double, let lower = row["lower"] as? Double, let upper = row["upper"] as? Double else { return nil }
            func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
            return "\(percent(value)) (\(percent(lower))–\(percent(upper)))"
        }
        let team = try #require(published("ai.acceptance_rate", "team", "Checkout")), organisation = try #require(published("ai.acceptance_rate", "organisation", ""))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("- Inline suggestion acceptance rate: you ") })
        #expect(line.contains("· your team \(team) · organisation \(organisation)"), "\(line)")
        // Their own value carries an interval whose units are named.
        #expect(line.range(of: #"you \d+\.\d% \(\d+\.\d%–\d+\.\d%\) — weeks as the units"#, options: .regularExpression) != nil, "\(line)")
        for metric in ["Median hours to first review: you ", "Median hours from open to merge: you ", "Persistence of accepted AI code: you "] {
            #expect(text.contains("- " + metric), "missing \(metric)")
        }
        #expect(text.contains("- 2026-10-05 · report governance 2026-Q3 · for governance-board · purpose governance-review"))
        #expect(text.contains("- 2026-10-05 · report team 2026-Q3 · for team · purpose governance-review"))
        #expect(text.contains("To change a choice") && text.contains("name the metric, the period (2026-Q3)"))
        #expect(!text.contains("approved by"), "who approved a restricted report is not this page's business")
        // Written where nothing was published, a self-view shows no team or organisation figure: it never
        // decides disclosure again (another decision could show a cell the published reports hide).
        let elsewhere = try CandorBinary.run(["report", "self-view", "--period", "2026-Q3", "--person", Self.optedIn, "--out", temp.path("elsewhere"),
                                              "--database", db, "--policy", "fixtures/acme/policy.yml", "--now", "2026-10-05T09:00:00Z"])
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        let unpublished = try String(contentsOfFile: temp.path("elsewhere/self-view/\(person)/2026-Q3.md"), encoding: .utf8)
        #expect(unpublished.contains("· your team not yet published · organisation not yet published"))
    }

    @Test("a self-view needs exactly one of --person or --all-consented; other reports take neither")
    func usage() throws {
        let neither = try CandorBinary.run(["report", "self-view", "--period", "2026-Q3"])
        #expect(neither.status == 64 && neither.stderr.contains("exactly one of --person ID or --all-consented"))
        let misplaced = try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--all-consented"])
        #expect(misplaced.status == 64)
    }
}
