import Testing
@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline

@Suite("Policy summary")
struct PolicySummaryTests {
    @Test("policy check prints each signal threshold with what it means")
    func signalThresholds() throws {
        let policy = try Policy.parse("version: 1\npurpose: x\nsignals: {alpha: 0.05, burst_window_days: 21}\nkey_file: k\n", path: "p.yml")
        #expect(policy.summaryLines.contains("    burst_window_days: 21 — days before a review date that make up the window"))
    }
}
