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

@Suite("IDE / CI / policy-engine events")
struct EventReaderTests {
    static let lines = """
        {"type":"suggestion.shown","time":"2026-07-01T09:00:00Z","actor":"alice@example.com","attributes":{"suggestion_id":"s-1","tool":"q-developer","language":"swift"}}
        {"type":"suggestion.accepted","time":"2026-07-01T09:00:05Z","actor":"alice@example.com","attributes":{"suggestion_id":"s-1","lines":4,"code":"SECRET-CODE","prompt":"SECRET-PROMPT"}}
        {"type":"suggestion.modified","time":"2026-07-01T09:03:00Z","actor":"alice@example.com","attributes":{"suggestion_id":"s-1","lines_changed":2}}
        {"id":"ci-9","type":"suggestion.reverted","time":"2026-07-03T12:00:00Z","actor":"bob","attributes":{"suggestion_id":"s-1","commit":"abc"}}
        {"type":"pipeline.finished","time":"2026-07-03T12:10:00Z","attributes":{"pipeline":"deploy","status":"success"}}
        """

    @Test("events are stored with kept attributes only; re-delivery is a no-op")
    func ingest() throws {
        let h = try IngestHarness()
        let outcome = try h.ingestor.ingest(path: try h.folder.write("events.jsonl", Self.lines + "\n"))
        #expect(outcome.format == .events)
        #expect(outcome.status == .ingested(rows: 5), "\(outcome.diagnostics)")
        #expect(outcome.diagnostics.map(\.code) == ["EVT020", "EVT021"])
        for secret in ["SECRET-CODE", "SECRET-PROMPT", "alice", "example.com"] { #expect(try !databaseContains(h, secret)) }
        #expect(try h.store.tableCounts()["tool_event"] == 5)
        // The same events delivered again, in another order, add nothing.
        let reordered = Self.lines.split(separator: "\n").reversed().joined(separator: "\n") + "\n"
        #expect(try h.ingestor.ingest(path: try h.folder.write("again.jsonl", reordered)).status == .ingested(rows: 5))
        #expect(try h.store.tableCounts()["tool_event"] == 5)
        #expect(try h.store.tableCounts()["tool_event_attribute"] == 11)
    }

    @Test("bad events are located", arguments: [
        (#"{"type":"suggestion.accepted","time":"last tuesday","actor":"a"}"#, "JSON014", "$.time"),
        (#"{"type":7,"time":"2026-07-01T09:00:00Z","actor":"a"}"#, "JSON011", "$.type"),
        (#"{"type":"suggestion.accepted","time":"2026-07-01T09:00:00Z","actor":"a","attributes":[1]}"#, "JSON011", "$.attributes"),
        // Found by the mutation fuzzer: a repeated attribute name broke the store's key instead of being reported.
        (#"{"type":"suggestion.accepted","time":"2026-07-01T09:00:00Z","actor":"a","attributes":{"lines":3,"lines":4}}"#, "EVT002", "$.attributes.lines"),
    ])
    func bad(line: String, code: String, path: String) throws {
        let h = try IngestHarness()
        let good = #"{"type":"suggestion.shown","time":"2026-07-01T09:00:00Z","actor":"a","attributes":{}}"#
        let outcome = try h.ingestor.ingest(path: try h.folder.write("e.jsonl", good + "\n" + line + "\n"))
        #expect(outcome.status == .rejected)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.code == code && d.line == 2 && d.message.hasPrefix(path), "\(d)")
    }
}
