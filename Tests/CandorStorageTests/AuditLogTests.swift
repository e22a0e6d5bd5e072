@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
import Foundation
import GRDB
import CandorTestSupport
import Testing

@Suite("Tamper-evident audit log")
struct AuditLogTests {
    static func chain(_ n: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditEntry.genesis
        for i in 1...n {
            let e = AuditEntry.make(sequence: Int64(i), time: "2026-10-0\(i)T09:00:00Z", actor: "ops", command: "report governance",
                                    purpose: "governance-review", audience: "governance-board", datasets: "raw",
                                    inputs: ["b", "a"], outputs: ["reports/x.md \(i)"], previous: previous)
            entries.append(e)
            previous = e.hash
        }
        return entries
    }

    @Test("an intact chain verifies; inputs are sorted into the hash")
    func intact() {
        let c = Self.chain(4)
        #expect(AuditVerifier.problems(c, head: (4, c[3].hash)).isEmpty)
        #expect(c[0].inputs == ["a", "b"] && c[0].previous == AuditEntry.genesis)
    }

    @Test("edited, deleted, reordered and truncated chains are caught")
    func tampered() {
        let c = Self.chain(4)
        var edited = c
        edited[1].actor = "someone else"
        #expect(AuditVerifier.problems(edited, head: (4, c[3].hash)).first?.contains("edited") == true)
        var deleted = c
        deleted.remove(at: 1)
        #expect(!AuditVerifier.problems(deleted, head: (4, c[3].hash)).isEmpty)
        var renumbered = deleted
        for i in renumbered.indices { renumbered[i].sequence = Int64(i + 1) }
        #expect(!AuditVerifier.problems(renumbered, head: (3, renumbered[2].hash)).isEmpty)
        var reordered = c
        reordered.swapAt(1, 2)
        #expect(!AuditVerifier.problems(reordered, head: (4, c[3].hash)).isEmpty)
        let truncated = Array(c.prefix(3))
        #expect(AuditVerifier.problems(truncated, head: (4, c[3].hash)).first?.contains("newest entries were deleted") == true)
        #expect(AuditVerifier.problems(truncated, head: nil).isEmpty)   // without the head, truncation is invisible
    }

    @Test("the store appends a chain, refuses SQL edits, and a tampered database file fails verification")
    func store() throws {
        let folder = try TemporaryFolder()
        let store = try CandorStore(path: folder.path("c.sqlite"))
        for i in 1...3 {
            try store.appendAudit(time: "2026-10-0\(i)T09:00:00Z", actor: "ops", command: "ingest", purpose: "ingest", audience: .nobody,
                                  datasets: AuditDatasets(["raw"]), inputs: ["f\(i)"], outputs: [folder.path("c.sqlite")])
        }
        #expect(AuditVerifier.problems(try store.auditEntries(), head: store.auditHead()).isEmpty)
        // The schema refuses updates and deletes outright…
        let queue = try DatabaseQueue(path: folder.path("c.sqlite"))
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'x' WHERE sequence = 2") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_log WHERE sequence = 3") } }
        // …and an attacker who drops the guards is still caught.
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET purpose = 'ranking' WHERE sequence = 2")
        }
        #expect(AuditVerifier.problems(try store.auditEntries(), head: store.auditHead()).first?.contains("entry 2 was edited") == true)
        try queue.write { db in
            try db.execute(sql: "UPDATE audit_log SET purpose = 'ingest' WHERE sequence = 2")
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE sequence = 3")
        }
        #expect(AuditVerifier.problems(try store.auditEntries(), head: store.auditHead()).first?.contains("newest entries were deleted") == true)
    }

    @Test("prohibited purposes are refused, in any wording; unknown ones are not accepted")
    func purposes() {
        let prohibited = Purpose.defaultProhibited
        for declared in ["ranking", "Stack rank engineers", "bonus allocation", "salary review", "promotion committee", "PIP evidence",
                         "layoff planning", "performance review input", "Termination"] {
            if case .prohibited = Purpose.evaluate(declared, prohibited: prohibited) {} else { Issue.record("\(declared) was not refused") }
        }
        #expect(Purpose.evaluate("governance-review", prohibited: prohibited) == .allowed("governance-review"))
        #expect(Purpose.evaluate("team-improvement", prohibited: prohibited) == .allowed("team-improvement"))
        #expect(Purpose.evaluate("curiosity", prohibited: prohibited) == .unknown)
        #expect(Purpose.evaluate("frank discussion", prohibited: prohibited) == .unknown)   // "rank" only as a word
    }

    @Test("a policy can add prohibited uses but not remove the defaults")
    func policyUses() throws {
        let p = try Policy.parse("purpose: x\nkey_file: k\nprohibited_uses: [hiring]\n", path: "/p.yml")
        #expect(p.prohibitedUses.contains("hiring") && p.prohibitedUses.contains("ranking"))
    }
}
