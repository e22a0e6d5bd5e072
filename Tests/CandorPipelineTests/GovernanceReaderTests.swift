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

@Suite("Repository directory and governance inputs")
struct GovernanceReaderTests {
    @Test("each governance CSV is recognised by its header and stored idempotently", arguments: [
        ("repository,team,from,to\nhttps://github.com/acme/checkout.git,Checkout,2025-01-01,\nacme/search,Search,2025-01-01,2026-06-30\n", InputFormat.repositoryDirectory, "repository_ownership", 2),
        ("person_id,programme,status,effective\nalice@example.com,self-view,opted_in,2026-07-01\nalice@example.com,self-view,revoked,2026-08-01\n", .consent, "consent", 2),
        ("date,change,metrics\n2026-08-01,\"Inline suggestions enabled for Rust; new IDE plugin\",ai.acceptance_rate;ai.active_share\n", .policyChanges, "policy_change", 1),
        ("dispute_id,filed,resolved,outcome,metric\nD-1,2026-07-10,2026-07-24,upheld,ai.acceptance_rate\nD-2,2026-08-01,,open,\n", .disputes, "dispute", 2),
        ("dispute_id,filed,resolved,outcome,metric,team,period,exclude\nD-3,2026-08-20,2026-09-03,upheld,flow.review_pickup,Checkout,2026-Q3,days:2026-08-10..2026-08-14; repository:acme/web\n", .disputes, "dispute", 1),
        ("date,decision,metric,action\n2026-09-30,Stop reporting accepted lines per day,ai.accepted_lines_per_active_day,retire\n", .decisions, "decision", 1),
        ("reference,approver,scope,granted,expires\nSEC-1,security-lead,security-review,2026-10-01,2026-12-31\nSEC-2,ciso,security-review:2026-Q3,,2026-11-30\n", .approvals, "approval", 2),
        ("date,decision,metric,action,approver,alternatives,review\n2026-09-30,Retire lines per day,ai.accepted_lines_per_active_day,retire,board,\"keep; replace\",2027-03-31\n", .decisions, "decision", 1),
    ])
    func recognised(text: String, format: InputFormat, table: String, rows: Int) throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("g.csv", text))
        #expect(outcome.format == format)
        #expect(outcome.status == .ingested(rows: rows), "\(outcome.diagnostics)")
        _ = try h.ingestor.ingest(path: try h.folder.write("again.csv", text + "\n"))
        #expect(try h.store.tableCounts()[table] == rows)
        #expect(try !databaseContains(h, "alice@example.com"))
    }

    @Test("bad governance rows are located", arguments: [
        ("person_id,programme,status,effective\nu,self-view,maybe,2026-07-01\n", "GOV013", 13),
        ("person_id,programme,status,effective\nu,self-view,opted_in,07/01/2026\n", "GOV012", 22),
        ("dispute_id,filed,resolved,outcome,metric\nD-1,2026-07-10,2026-07-01,upheld,\n", "GOV014", 16),
        ("dispute_id,filed,outcome,metric,period\nD-1,2026-07-10,upheld,flow.review_pickup,Q3-2026\n", "GOV044", 42),
        ("dispute_id,filed,outcome,metric,period,exclude\nD-1,2026-07-10,upheld,flow.review_pickup,2026-Q3,branch:main\n", "GOV045", 50),
        ("dispute_id,filed,outcome,metric,period,exclude\nD-1,2026-07-10,upheld,flow.review_pickup,2026-Q3,days:2026-08-14..2026-08-10\n", "GOV045", 50),
        ("dispute_id,filed,outcome,metric,team,exclude\nD-1,2026-07-10,upheld,flow.review_pickup,Checkout,repository:acme/web\n", "GOV046", 1),
        ("dispute_id,filed,outcome,metric,period,exclude\nD-1,2026-07-10,upheld,ai.acceptance_rate,2026-Q3,repository:acme/web\n", "GOV047", 50),
        ("date,change,metrics\n2026-08-01,,x\n", "GOV010", 12),
        ("repository,team,from,to\nacme/a,A,2026-01-01,\nacme/a,B,2026-03-01,\n", "DIR014", 10),
        ("reference,approver,scope,expires\nSEC-1,ciso,payroll-export,2026-12-31\n", "GOV040", 12),
        ("reference,approver,scope,expires\nSEC-1,ciso,:,2026-12-31\n", "GOV040", 12),
        ("reference,approver,scope,expires\nSEC-1,ciso,security-review:,2026-12-31\n", "GOV041", 12),
        ("reference,approver,scope,expires\nSEC-1,ciso,security-review:Q3,2026-12-31\n", "GOV041", 12),
        ("reference,approver,scope,granted,expires\nSEC-1,ciso,security-review,2026-12-01,2026-10-01\n", "GOV042", 39),
        ("reference,approver,scope,expires\nSEC-1,,security-review,2026-12-31\n", "GOV010", 7),
        ("date,decision,review\n2026-09-30,Retire it,2026-09-01\n", "GOV043", 22),
    ])
    func bad(text: String, code: String, column: Int) throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("g.csv", text))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.code == code && d.column == column, "\(d)")
    }
}
