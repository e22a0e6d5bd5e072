@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorPipeline
import Foundation
import Testing

/// A restricted report needs an approval a governance input lists: in scope, in date, and not given
/// by whoever runs candor. (The end-to-end refusals and their audit entries: `AudienceTests`.)
@Suite("Approvals for restricted reports")
struct ApprovalTests {
    static let q3 = Period("2026-Q3")!
    static func approval(scope: String = "security-review", granted: String? = "2026-10-01", expires: String = "2026-12-31",
                         approver: String = "security-lead") -> ApprovalRecord {
        ApprovalRecord(reference: "SEC-42", approver: approver, scope: scope, granted: granted.flatMap(Day.parse), expires: Day.parse(expires)!)
    }
    static func problem(_ a: ApprovalRecord?, kind: ReportKind = .securityReview, today: String = "2026-10-05", people: [String] = ["alice"]) -> String? {
        ApprovalCheck.problem(a, reference: "SEC-42", kind: kind, period: q3, today: Day.parse(today)!, people: people)
    }

    @Test("a listed approval in scope and in date, given by someone else, opens the report")
    func opens() {
        #expect(Self.problem(Self.approval()) == nil)
        #expect(Self.problem(Self.approval(scope: "security-review:2026-Q3")) == nil)
        #expect(Self.problem(Self.approval(granted: nil)) == nil)
        #expect(Self.problem(Self.approval(), today: "2026-12-31") == nil, "the expiry day is still in date")
        #expect(Self.problem(Self.approval(), today: "2026-10-01") == nil, "the day it is granted counts")
    }

    @Test("anything else is refused, and says why", arguments: [
        (nil as ApprovalRecord?, "2026-10-05", ["alice"], "not listed"),
        (ApprovalTests.approval(scope: "governance"), "2026-10-05", ["alice"], "for governance, not security-review"),
        (ApprovalTests.approval(scope: "security-review:2026-Q2"), "2026-10-05", ["alice"], "for 2026-Q2, not 2026-Q3"),
        (ApprovalTests.approval(), "2027-01-01", ["alice"], "expired on 2026-12-31"),
        (ApprovalTests.approval(), "2026-09-30", ["alice"], "granted from 2026-10-01"),
        (ApprovalTests.approval(approver: "alice"), "2026-10-05", ["alice"], "given by alice, who is running candor"),
        (ApprovalTests.approval(approver: " Security-Lead "), "2026-10-05", ["root", "security-lead"], "given by security-lead"),
    ])
    func refused(approval: ApprovalRecord?, today: String, people: [String], reason: String) {
        let problem = Self.problem(approval, today: today, people: people)
        #expect(problem?.contains(reason) == true, "\(problem ?? "opened")")
    }

    @Test("an approval expired by the machine's clock stays expired, whatever earlier day --now names")
    func machineClock() {
        let approval = Self.approval()
        let day = Day.parse("2026-10-05")!
        #expect(ApprovalCheck.problem(approval, reference: "SEC-42", kind: .securityReview, period: Self.q3, today: day,
                                      machineDay: Day.parse("2026-12-31")!, people: ["alice"]) == nil)
        let late = ApprovalCheck.problem(approval, reference: "SEC-42", kind: .securityReview, period: Self.q3, today: day,
                                         machineDay: Day.parse("2027-01-01")!, people: ["alice"])
        #expect(late?.contains("expired on 2026-12-31 by the machine's clock (2027-01-01)") == true, "\(late ?? "opened")")
        // A report dated after the machine's day (a later --now) does not bring an approval forward either.
        let early = ApprovalCheck.problem(approval, reference: "SEC-42", kind: .securityReview, period: Self.q3, today: day,
                                          machineDay: Day.parse("2026-09-20")!, people: ["alice"])
        #expect(early?.contains("granted from 2026-10-01, after the machine's clock (2026-09-20)") == true, "\(early ?? "opened")")
    }

    @Test("the scopes the approvals input accepts are the reports whose audience may ever read the compliance dataset")
    func scopes() {
        #expect(GovernanceCSVReader.approvableReports == Set(ReportKind.allCases.filter { $0.audience.mayEverSee(.compliance) }.map(\.rawValue)))
    }
}
