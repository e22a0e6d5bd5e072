@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorStorage
@testable import CandorPipeline
import Foundation
import GRDB
import Testing

@Suite("Erasure")
struct ErasureTests {
    @Test("an erasure cut short after the main file committed is completed by running it again, though the links are gone")
    func interrupted() throws {
        let folder = try TemporaryFolder()
        let (store, ingestor) = try FixtureIngestTests.acmeIngestor(in: folder)
        _ = try ingestor.ingest(paths: InputDiscovery.expand([FixtureIngestTests.acme.path]))
        // A person with an alias (their GitHub login) whose pull requests are stored under the alias.
        let (person, alias) = try store.queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.person, a.alias FROM person_alias a WHERE EXISTS (SELECT 1 FROM github_pull_request p WHERE p.author = a.alias) ORDER BY 1 LIMIT 1
                """).map { ($0[0] as String, $0[1] as String) }!
        }
        // What a crash between the files' commits leaves: the main file's part done (list written, links gone).
        try store.queue.write { db in
            for id in [person, alias] { try db.execute(sql: "INSERT INTO erased_person (person, erased) VALUES (?, '2026-10-05T09:00:00Z')", arguments: [id]) }
            try db.execute(sql: "DELETE FROM person_alias WHERE person = ? OR alias = ?", arguments: [person, alias])
        }
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM github_pull_request WHERE author = ?", arguments: [alias]) ?? 0 } > 0)
        // Run again under the person's own id: every listed id's rows go.
        let erasure = try store.erase(person: person, time: "2026-10-05T09:00:00Z")
        #expect(erasure.logEmptied)
        let left = try store.queue.read { db in
            try StoreQueries.subjectTables.filter { $0.table != "erased_person" }.reduce(0) { sum, entry in
                sum + (try entry.columns.reduce(0) { $0 + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(entry.table) WHERE \($1) IN (?, ?)", arguments: [person, alias]) ?? 0) })
            }
        }
        #expect(left == 0)
    }
}
