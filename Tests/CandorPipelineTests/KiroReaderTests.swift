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

@Suite("Kiro user_report CSV")
struct KiroReaderTests {
    let header = "Date,UserId,Client_Type,Chat_Conversations,Credits_Used,Overage_Cap,Overage_Credits_Used,Overage_Enabled,ProfileId,Subscription_Tier,Total_Messages"

    @Test("the documented example, recognised by content; profile and tier are not stored")
    func example() throws {
        let h = try IngestHarness()
        let text = header + "\n2026-03-02,b8f1f340-9081-70ad-5fc5-0f37151937a6,KIRO_IDE,4,37.5,0,0,false,arn:aws:codewhisperer:us-east-1:123456789012:profile/EXAMPLE,Pro,61\n"
            + "2026-03-02,b8f1f340-9081-70ad-5fc5-0f37151937a6,KIRO_CLI,1,2,0,0.5,true,arn:aws:codewhisperer:us-east-1:123456789012:profile/EXAMPLE,Pro,3\n"
        let outcome = try h.ingestor.ingest(path: try h.folder.write("kiro.csv", text))
        #expect(outcome.format == .kiroUserReport)
        #expect(outcome.status == .ingested(rows: 2), "\(outcome.diagnostics)")
        #expect(outcome.diagnostics.map(\.code) == ["KIRO020"])
        #expect(try h.store.tableCounts()["kiro_user_day"] == 2)
        #expect(try !databaseContains(h, "EXAMPLE") && !databaseContains(h, "b8f1f340"))
        // Re-delivered with an extra per-model column: same keys, no new rows.
        let again = try h.folder.write("kiro2.csv", text.replacingOccurrences(of: "Total_Messages\n", with: "Total_Messages,claude_messages\n")
            .replacingOccurrences(of: ",61\n", with: ",61,7\n").replacingOccurrences(of: ",3\n", with: ",3,1\n"))
        #expect(try h.ingestor.ingest(path: again).status == .ingested(rows: 2))
        #expect(try h.store.tableCounts()["kiro_user_day"] == 2)
    }

    @Test("bad values are located", arguments: [
        ("2026-03-02,u,KIRO_IDE,4,lots,0,0,false,p,Pro,61", "KIRO014", 25),
        ("2026-03-02,u,KIRO_IDE,-4,1,0,0,false,p,Pro,61", "KIRO013", 23),
        ("03/02/26,u,KIRO_IDE,4,1,0,0,false,p,Pro,61", "KIRO012", 1),
        ("2026-03-02,u,<b>,4,1,0,0,false,p,Pro,61", "KIRO011", 14),
        ("2026-03-02,,KIRO_IDE,4,1,0,0,false,p,Pro,61", "KIRO010", 12),
        ("2026-03-02,u,KIRO_IDE,4,1,0,0,false,p,Pro", "CSV010", 1),
    ])
    func bad(row: String, code: String, column: Int) throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("kiro.csv", header + "\n" + row + "\n"))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first { $0.severity == .error })
        #expect(d.code == code && d.line == 2 && d.column == column, "\(d)")
        #expect(try h.store.tableCounts()["kiro_user_day"] == 0)
    }

    @Test("amount parsing")
    func amounts() {
        func parse(_ s: String) -> Double? { Array(s.utf8).withUnsafeBufferPointer { parseAmount($0) } }
        #expect(parse("37.5") == 37.5 && parse("") == 0 && parse(" 2 ") == 2 && parse("12.") == 12)
        #expect(parse("-1") == nil && parse("1.2.3") == nil && parse(".5") == nil && parse("1e3") == nil && parse("NaN") == nil)
    }
}
