@testable import CandorVocabulary
@testable import CandorPolicy
import Testing

/// `retired_metrics:` — what the board retired, from the quarter after its decision.
@Suite("Retired metrics in the policy")
struct RetiredMetricTests {
    static let base = "version: 1\npurpose: Help teams learn.\nkey_file: k\n"
    static func parse(_ text: String) throws -> Policy { try Policy.parse(base + text, path: "/p/policy.yml") }
    static func refusal(_ text: String) -> PolicyError? {
        do { _ = try parse(text); return nil } catch let error as PolicyError { return error } catch { return nil }
    }

    @Test("a retirement covers its quarters from `from` to `until`, and says why in the figure's place")
    func covers() throws {
        let policy = try Self.parse("""
            retired_metrics:
              - {metric: ai.accepted_lines_per_active_day, from: 2026-Q4, decision: 2026-09-29}
              - {metric: flow.review_depth, from: 2026-Q2, until: 2026-Q3}
            """)
        let lines = policy.retiredMetrics[0]
        #expect(lines.from == Period("2026-Q4") && lines.decision == Day.parse("2026-09-29") && lines.until == nil)
        #expect(policy.retirement(of: "ai.accepted_lines_per_active_day", in: Period("2026-Q3")!) == nil)
        #expect(policy.retirement(of: "ai.accepted_lines_per_active_day", in: Period("2027-Q2")!) == lines)
        #expect(lines.note == "retired by the governance board from 2026-Q4 (decision of 2026-09-29)")
        #expect(policy.retirement(of: "flow.review_depth", in: Period("2026-Q1")!) == nil)
        #expect(policy.retirement(of: "flow.review_depth", in: Period("2026-Q3")!) != nil)
        #expect(policy.retirement(of: "flow.review_depth", in: Period("2026-Q4")!) == nil, "added back after until")
        #expect(try Self.parse("").retiredMetrics.isEmpty)
    }

    @Test("bad entries are refused with the line and what to write", arguments: [
        ("retired_metrics: ai.x", "retired_metrics must be a list"),
        ("retired_metrics:\n  - {metric: lines per day, from: 2026-Q4}", "is not a metric id"),
        ("retired_metrics:\n  - {metric: ai.x, from: Q4}", "is not a quarter"),
        ("retired_metrics:\n  - {metric: ai.x}", "needs its metric and the quarter"),
        ("retired_metrics:\n  - {metric: ai.x, from: 2026-Q4, decision: 29/09/2026}", "is not a date"),
        ("retired_metrics:\n  - {metric: ai.x, from: 2026-Q3, decision: 2026-09-29}", "from: 2026-Q4"),
        ("retired_metrics:\n  - {metric: ai.x, from: 2026-Q4, until: 2026-Q2}", "until 2026-Q2 is before from 2026-Q4"),
        ("retired_metrics:\n  - {metric: ai.x, from: 2026-Q4, why: volume}", "unknown key 'why'"),
        ("retired_metrics:\n  - {metric: ai.x, from: 2026-Q2}\n  - {metric: ai.x, from: 2026-Q4}", "retired twice"),
    ])
    func refused(text: String, message: String) throws {
        let error = try #require(Self.refusal(text))
        #expect((error.message + " " + error.hint).contains(message), "\(error.message) — \(error.hint)")
        #expect(error.line != nil)
    }
}
