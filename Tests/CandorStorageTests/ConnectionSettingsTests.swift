@testable import CandorStorage
import CandorVocabulary
import Foundation
import GRDB
import Testing

@Suite("Connection settings")
struct ConnectionSettingsTests {
    /// `synchronous` is a per-file setting: a writer that set it on the main file only left every
    /// dataset file at SQLite's default (FULL), one fdatasync per committed file. What the store
    /// documents — write-ahead log, `synchronous=NORMAL`, `secure_delete` — holds for every file.
    @Test("every file a writer opens is in WAL mode with synchronous=NORMAL and secure_delete on")
    func everyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("candor-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CandorStore(path: folder.appendingPathComponent("candor.sqlite").path)
        let schemas = ["main"] + Dataset.allCases.map(\.rawValue)
        try store.queue.read { db in
            for schema in schemas {
                let synchronous = try Int.fetchOne(db, sql: "PRAGMA \(schema).synchronous")
                let journal = try String.fetchOne(db, sql: "PRAGMA \(schema).journal_mode")
                let secure = try Int.fetchOne(db, sql: "PRAGMA \(schema).secure_delete")
                #expect(synchronous == 1, "\(schema)")
                #expect(journal == "wal", "\(schema)")
                #expect(secure == 1, "\(schema)")
            }
        }
    }
}
