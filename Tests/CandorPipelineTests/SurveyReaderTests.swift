@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

@Suite("Developer survey")
struct SurveyReaderTests {
    static let policy = """
        purpose: Learn.
        key_file: k
        survey:
          team_column: Team
          submitted_column: Timestamp
          scale: 5
          favourable_from: 4
          items:
            - id: friction
              column: "I can get my work done without unnecessary friction"
            - {id: ai.trust, column: "I trust the AI suggestions I accept"}
        """

    /// A fixed ingest time (2026-09-21T14:13:20Z): the store records when a file was ingested, and a
    /// clock reading like 01:09:12 would put the "9:12" the test proves is never stored into the file.
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func harness() throws -> (IngestHarness, Ingestor) {
        let h = try IngestHarness()
        let mapping = try Policy.parse(Self.policy, path: "/p/policy.yml").survey
        let ingestor = Ingestor(store: h.store, pseudonymiser: Pseudonymiser(key: IngestHarness.key), log: SilentLog(), now: Self.now, survey: mapping)
        return (h, ingestor)
    }

    static let header = #"Timestamp,Email Address,Team,I can get my work done without unnecessary friction,What would help? (free text),I trust the AI suggestions I accept"#

    @Test("responses are read through the mapping; identities and free text never stored; re-export adds nothing")
    func responses() throws {
        let (h, ingestor) = try Self.harness()
        let text = Self.header + "\n" + """
            7/1/2026 9:12:44,alice@example.com,Payments,4,SECRET-FREE-TEXT,5
            2026-07-02 10:00:00,bob@example.com,Payments,2,,
            2026-07-02T11:00:00Z,,Search,,,3
            """ + "\n"
        let outcome = try ingestor.ingest(path: try h.folder.write("survey.csv", text))
        #expect(outcome.format == .survey)
        #expect(outcome.status == .ingested(rows: 3), "\(outcome.diagnostics)")
        #expect(outcome.diagnostics.map(\.code) == ["SRV020"])
        #expect(try h.store.tableCounts()["survey_response"] == 3 && h.store.tableCounts()["survey_answer"] == 4)
        for secret in ["alice", "SECRET-FREE-TEXT", "9:12"] { #expect(try !databaseContains(h, secret)) }
        // A later export of the whole survey (one more response) adds only the new one.
        let later = text + "2026-07-03 08:00:00,carol@example.com,Search,5,,5\n"
        #expect(try ingestor.ingest(path: try h.folder.write("survey-later.csv", later)).status == .ingested(rows: 4))
        #expect(try h.store.tableCounts()["survey_response"] == 4)
    }

    @Test("without a mapping the file is not recognised; bad answers are located")
    func bad() throws {
        let h = try IngestHarness()
        let unknown = try h.ingestor.ingest(path: try h.folder.write("s.csv", Self.header + "\n1/1/2026,a,T,4,,4\n"))
        #expect(unknown.diagnostics.map(\.code) == ["IN002"])
        let (h2, ingestor) = try Self.harness()
        let outcome = try ingestor.ingest(path: try h2.folder.write("s.csv", Self.header + "\n2026-07-01,a,T,6,,x\n"))
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        #expect(outcome.status == .rejected && errors.map(\.code) == ["SRV012", "SRV012"])
        #expect(errors.map(\.column) == [16, 19])
    }

    @Test("the survey mapping is validated with line numbers", arguments: [
        ("survey:\n  team_column: Team\n  items: []\n", 3),
        ("survey:\n  team_column: Team\n  scale: 2\n  items: [{id: a, column: b}]\n", 3),
        ("survey:\n  team_column: Team\n  items:\n    - {id: \"Bad Id\", column: b}\n", 4),
        ("survey:\n  team: Team\n  items: [{id: a, column: b}]\n", 2),
    ])
    func mapping(text: String, line: Int) {
        #expect { try Policy.parse("purpose: x\nkey_file: k\n" + text, path: "p.yml") } throws: { ($0 as? PolicyError)?.line == line + 2 }
    }
}
