@testable import CandorVocabulary
@testable import CandorStorage
import Foundation
import GRDB
import Testing

/// A subject access request must answer from every table that names a person: a new table with a
/// person column that the request does not read fails here.
@Suite("Subject access covers the schema")
struct SubjectTablesTests {
    @Test("every column that names a person, in every file, is read by a subject access request")
    func everyPersonColumn() throws {
        let folder = try TemporaryFolder()
        let store = try CandorStore(path: folder.path("s.sqlite"))
        let covered = Set(StoreQueries.subjectTables.flatMap { entry in entry.columns.map { "\(entry.table).\($0)" } })
        var found: Set<String> = []
        try store.queue.read { db in
            for schema in ["main"] + Dataset.allCases.map(\.rawValue) {
                for table in try String.fetchAll(db, sql: "SELECT name FROM \(schema).sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'") {
                    for column in try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, ?)", arguments: [table, schema])
                    where ["person", "author", "reviewer", "commenter", "alias", "actor", "respondent"].contains(column) {
                        found.insert("\(table).\(column)")
                    }
                }
            }
        }
        #expect(!found.isEmpty)
        let missing = found.subtracting(covered).subtracting(StoreQueries.notSubjectColumns)
        #expect(missing.isEmpty, "tables naming a person that a subject access request does not read: \(missing.sorted())")
        #expect(covered.subtracting(found).isEmpty, "listed but not in the schema: \(covered.subtracting(found).sorted())")
    }
}
