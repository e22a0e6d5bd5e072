@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

/// Disclosure is decided once per period, over what the governance board reads, and every audience's
/// outputs apply that one decision — also when a report is written on its own.
@Suite("One disclosure decision per period")
struct OneDecisionTests {
    @Test("team summaries written alone, reading fewer datasets than the board, hide exactly what the review hides")
    func teamAloneHidesWhatTheReviewHides() throws {
        let folder = try TemporaryFolder()
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.path]))
        var policy = try Policy.load(path: FixtureIngestTests.acme.appendingPathComponent("policy.yml").path)
        policy.audiences[.team] = [.operational]
        let writer = ReportWriter(policy: policy, store: store, templates: try TemplateSet(overridesFrom: nil),
                                  now: Date(timeIntervalSince1970: 1_791_000_000), log: SilentLog())
        let q3 = Period("2026-Q3")!
        let board = try writer.analyse(try writer.reader(for: .governance), q3)
        let team = try writer.analyse(try writer.reader(for: .team), q3)
        // The team reader sees no adoption data, yet hides the same teams, for the same reasons.
        #expect(try writer.reader(for: .team).inlineTotals(from: q3.first, to: q3.last, consent: policy.consentRule(for: "ai-adoption")).isEmpty)
        #expect(!board.hiddenTeams.isEmpty && team.hiddenTeams == board.hiddenTeams)
        #expect(team.scorecard.suppressed == board.scorecard.suppressed)
        for (metric, list) in board.scorecard.values where team.scorecard.values[metric]?.contains(where: { $0.estimate != nil }) == true {
            for value in list where value.label == .suppressed {
                #expect(team.scorecard.value(metric, team: value.team)?.label == .suppressed, "\(metric) \(value.team ?? "organisation")")
            }
        }
        // The summaries say so: every team the review hides gets a summary without its figures.
        for summary in try writer.teamSummaries(period: q3) where board.hiddenTeams[summary.team] != nil {
            #expect(summary.markdown.contains("hidden"), "\(summary.team)")
        }
    }

    @Test("a policy that lets a published audience read more than the board is refused, naming the dataset")
    func boardSeesWhatIsPublished() throws {
        let text = "version: 1\npurpose: Help teams learn.\nkey_file: k\naudiences:\n  governance-board: [operational]\n  team: [coaching, operational]\n"
        #expect { try Policy.parse(text, path: "/tmp/p.yml") } throws: {
            let message = ($0 as? PolicyError)?.message ?? ""
            return message.contains("audiences.team reads coaching") && message.contains("governance-board does not")
        }
    }
}
