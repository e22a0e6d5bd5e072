import Foundation
import Testing
@testable import CandorKit

@Suite("Scorecard on fixtures/acme")
struct ScorecardTests {
    static func acmeScorecard(_ period: String = "2026-Q3") throws -> (Scorecard, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.path]))
        let policy = try Policy.load(path: FixtureIngestTests.acme.appendingPathComponent("policy.yml").path)
        let reader = try store.reader(datasets: policy.audiences[.governanceBoard]!)
        let builder = ScorecardBuilder(store: reader, policy: policy, departments: try reader.teamDepartments(asOf: Period(period)!.last))
        return (try builder.build(Period(period)!), folder)
    }

    @Test("every metric has a value or an honest note for every team and the organisation")
    func complete() throws {
        let (card, _) = try Self.acmeScorecard()
        for metric in MetricRegistry.all {
            let list = try #require(card.values[metric.id], "\(metric.id)")
            #expect(list.count == card.teams.count + 1, "\(metric.id)")
            for v in list { #expect(v.estimate != nil || v.note != nil, "\(metric.id) \(v.team ?? "organisation")") }
        }
        for metric in MetricRegistry.all {
            let org = card.values[metric.id]!.last!
            print("\(metric.id): \(org.estimate.map { String($0) } ?? "-") [\(org.interval.map { "\($0.lower)–\($0.upper)" } ?? "")] n=\(org.people)/\(org.events) \(org.label) \(org.note ?? "")")
        }
        print(card.suppressed)
    }
}
