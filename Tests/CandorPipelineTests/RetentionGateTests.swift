@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorReport
@testable import CandorPipeline
import Foundation
import Testing

/// `run` and every report enforce the policy's retention windows before reading (issue 20, item 1):
/// purge first, or refuse with the command that purges; a `--now` earlier than the machine's clock
/// is recorded and stated.
@Suite("Retention enforced before every report")
struct RetentionGateTests {
    static let header = "UserId,Date,Inline_AcceptanceCount,Inline_SuggestionsCount\n"
    static let reportDay = Date(timeIntervalSince1970: 1_791_158_400) // 2026-10-05T00:00:00Z

    /// One row past the 90-day window of 2026-10-05 (2026-04-06) and one inside it.
    static func harness() throws -> IngestHarness {
        let h = try IngestHarness()
        _ = try h.ingestor.ingest(path: try h.folder.write("dir.csv", "person_id,team,from,to\na,T,2026-01-01,\nb,T,2026-01-01,\n"))
        _ = try h.ingestor.ingest(path: try h.folder.write("q.csv", header + "a,2026-04-06,1,10\nb,2026-09-28,2,10\n"))
        return h
    }

    static func policy(_ extra: String = "", folder: TemporaryFolder) throws -> Policy {
        try Policy.parse(MinimisationTests.base + "retention_days: {raw: 90, enriched: 400, aggregate: 1825}\n" + extra, path: folder.path("policy.yml"))
    }

    @Test("by default what is past the windows is purged first, audited, and the next report finds nothing to do")
    func purges() throws {
        let h = try Self.harness()
        let policy = try Self.policy(folder: h.folder)
        #expect(policy.retention.enforcement == .purge)
        let clock = CommandClock(now: Self.reportDay, machine: Self.reportDay)
        let outcome = try RetentionGate.enforce(policy: policy, store: h.store, clock: clock, actor: "ops", command: "report all 2026-Q3", log: SilentLog())
        guard case .purged(let result) = outcome else { Issue.record("nothing purged: \(outcome)"); return }
        #expect(result.removed.contains { $0.tier == "raw" && $0.reason == "older than 90 days" && $0.rows == 1 })
        #expect(try h.store.tableCounts()["qdev_activity"] == 1)
        #expect(try h.store.rawRetentionHorizon() == Day(year: 2026, month: 7, day: 7))
        let entries = try h.store.auditEntries()
        #expect(entries.contains { $0.command == "purge (before report all 2026-Q3)" && $0.purpose == "retention" && $0.outputs.contains("raw:1:older_than_90_days") })
        // Compliant now: nothing more to purge, and no empty purge is logged.
        #expect(try RetentionGate.enforce(policy: policy, store: h.store, clock: clock, actor: "ops", command: "run", log: SilentLog()) == .compliant)
        #expect(try h.store.auditEntries().count == entries.count)
    }

    @Test("a policy that refuses: nothing is deleted, the report is refused with the purge command, and the refusal is audited")
    func refuses() throws {
        let h = try Self.harness()
        let policy = try Self.policy("retention_enforcement: refuse\n", folder: h.folder)
        let clock = CommandClock(now: Self.reportDay, machine: Self.reportDay)
        do {
            _ = try RetentionGate.enforce(policy: policy, store: h.store, clock: clock, actor: "ops", command: "report governance 2026-Q3", log: SilentLog())
            Issue.record("not refused")
        } catch let refused as RetentionRefused {
            let message = refused.errorDescription ?? ""
            #expect(message.contains("1 raw row deleted (older than 90 days)") && message.contains("fields cleared in 1 row (q-developer fields the policy does not keep)") && message.contains("candor purge --policy ") && message.contains(" --now 2026-10-05T00:00:00Z"), "\(message)")
        }
        // The count came from a purge rolled back: every row is still there, no purge is recorded.
        #expect(try h.store.tableCounts()["qdev_activity"] == 2)
        #expect(try h.store.rawRetentionHorizon() == nil)
        #expect(try h.store.auditEntries().contains { $0.command == "refused report governance 2026-Q3" && $0.purpose.hasPrefix("retention") })
    }

    @Test("retention_enforcement is purge or refuse; anything else is an error naming the line")
    func policyKey() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.policy("retention_enforcement: refuse\n", folder: folder).retention.enforcement == .refuse)
        #expect(try Self.policy("retention_enforcement: Refuse\n", folder: folder).retention.enforcement == .refuse, "written as another organisation might")
        #expect(throws: PolicyError.self) { _ = try Self.policy("retention_enforcement: keep\n", folder: folder) }
    }

    @Test("a --now earlier than the machine's clock is an audit entry at the machine's time, and the transparency report says so")
    func backdated() throws {
        let h = try Self.harness()
        let policy = try Self.policy(folder: h.folder)
        let machine = Date(timeIntervalSince1970: 1_796_212_800) // 2026-12-02T12:00:00Z
        try Audit.recordClock(CommandClock(now: Self.reportDay, machine: Self.reportDay), command: "run", policy: policy, store: h.store, actor: "ops")
        #expect(try h.store.auditEntries().isEmpty, "a command told no earlier time records nothing")
        try Audit.recordClock(CommandClock(now: Self.reportDay, machine: machine), command: "run", policy: policy, store: h.store, actor: "ops")
        let entry = try #require(try h.store.auditEntries().last)
        #expect(entry.command == "dated run" && entry.time == "2026-12-02T12:00:00Z" && entry.inputs.contains("now:2026-10-05T00:00:00Z"))
        // A later --now is recorded too (it purges early); a few seconds off the clock is the same moment.
        let count = try h.store.auditEntries().count
        try Audit.recordClock(CommandClock(now: machine.addingTimeInterval(5), machine: machine), command: "run", policy: policy, store: h.store, actor: "ops")
        #expect(try h.store.auditEntries().count == count)
        try Audit.recordClock(CommandClock(now: machine.addingTimeInterval(86_400 * 40), machine: machine), command: "report all 2027-Q1", policy: policy,
                              store: h.store, actor: "ops")
        #expect(try h.store.auditEntries().last?.command == "dated report all 2027-Q1")
        #expect(!CommandClock(now: Date(timeIntervalSince1970: 1_796_169_600), machine: machine).isDatedEarlier, "the same day is not dated earlier")

        _ = try RetentionGate.enforce(policy: policy, store: h.store, clock: CommandClock(now: Self.reportDay, machine: machine), actor: "ops",
                                      command: "run", log: SilentLog())
        var writer = ReportWriter(policy: policy, store: h.store, templates: try TemplateSet(overridesFrom: nil), now: Self.reportDay, log: SilentLog())
        let plain = try writer.transparency(period: Period("2026-Q3")!).markdown
        #expect(!plain.contains("earlier than the day it was made"))
        // (The harness stored every Q Developer column; the policy keeps what the figures read, so the purge clears the rest too.)
        #expect(plain.contains("2026-10-05: 1 row deleted — 1 raw, older than 90 days; fields the policy no longer keeps cleared in 1 row (q-developer 1)."),
                "each purge is listed with its counts")
        writer.machineTime = machine
        let dated = try writer.transparency(period: Period("2026-Q3")!).markdown
        #expect(dated.contains("This report is dated 2026-10-05, earlier than the day it was made"))
    }
}
