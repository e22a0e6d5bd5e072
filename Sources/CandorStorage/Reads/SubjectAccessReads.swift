import CandorVocabulary
import GRDB

/// One table's rows about a person, as stored (values as text, NULL as nil).
public struct SubjectTable: Sendable, Equatable {
    public var table: String
    /// What the table is, in a sentence a person can read.
    public var label: String
    public var columns: [String]
    public var rows: [[String?]]
}

extension StoreQueries {
    /// Every table that names a person, with the column(s) that do and what it holds: what a subject
    /// access request answers. `SubjectAccessTests` holds it to the schema: a new table with a person
    /// column must be listed here.
    static let subjectTables: [(table: String, columns: [String], label: String)] =
        personColumns.map { ($0.table, [$0.column], $0.label) } + [
            ("copilot_user_feature_day", ["person"], "GitHub Copilot activity days, per feature"),
            ("copilot_user_team_day", ["person"], "GitHub Copilot team memberships reported per day"),
            ("assistant_person_part", ["person"], "AI-assistant use summed per week part, team and assistant (the tier reports read)"),
            ("pull_request_fact", ["author"], "pull requests as the flow figures read them (times and counts, no titles or text)"),
            ("event_acceptance", ["person"], "suggestions accepted, and whether they were kept (the tier reports read)"),
            ("event_followup", ["person"], "edits after suggestions, as the persistence figure reads them"),
            ("seat_holder", ["person"], "Copilot seats held on a quarter's last day"),
            ("team_membership", ["person"], "the teams the directory placed you in, and when"),
            ("membership_interval", ["person"], "the directory's rows about you, as received"),
            ("membership_change", ["person"], "team moves the directory reported"),
            ("person_alias", ["person", "alias"], "your pseudonymised ids in other tools, linked to you"),
            ("consent", ["person"], "your consent registry entries"),
            ("erased_person", ["person"], "the record that you were erased at your request, so that no export read again brings your records back"),
        ]
    /// Columns that name someone but are not a data subject's record: the audit log's actor is the
    /// operator who ran candor.
    static let notSubjectColumns: Set<String> = ["audit_log.actor"]
}

extension StoreReading {
    /// Everything stored under `person` (a pseudonym) and the ids the directory links to it, table by
    /// table (tables without rows included, so the answer also says what is not held); the attributes
    /// of the person's events come with them. Rows sorted by every column.
    public func subjectAccess(person: String) throws -> [SubjectTable] {
        try queue.read { db in
            let ids = try Array(Set([person] + String.fetchAll(db, sql: """
                SELECT alias FROM person_alias WHERE person = ?1 UNION SELECT person FROM person_alias WHERE alias = ?1
                UNION SELECT alias FROM person_alias WHERE person IN (SELECT person FROM person_alias WHERE alias = ?1)
                """, arguments: [person]))).sorted()
            let marks = ids.map { _ in "?" }.joined(separator: ", ")
            func read(_ table: String, _ label: String, where condition: String, _ arguments: StatementArguments) throws -> SubjectTable {
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
                    .filter { $0 != "source_id" }
                let order = (1...max(1, columns.count)).map(String.init).joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE \(condition) ORDER BY \(order)",
                                            arguments: arguments)
                    .map { row in columns.indices.map { i -> String? in
                        let value: DatabaseValue = row[i]
                        switch value.storage {
                        case .null: return nil
                        case .int64(let n): return String(n)
                        case .double(let d): return String(d)
                        case .string(let s): return s
                        case .blob(let b): return "<\(b.count) bytes>"
                        }
                    } }
                return SubjectTable(table: table, label: label, columns: columns, rows: rows)
            }
            var out: [SubjectTable] = []
            for entry in StoreQueries.subjectTables {
                let condition = entry.columns.map { "\($0) IN (\(marks))" }.joined(separator: " OR ")
                out.append(try read(entry.table, entry.label, where: condition, StatementArguments(Array(repeating: ids, count: entry.columns.count).flatMap { $0 })))
            }
            out.append(try read("tool_event_attribute", "attributes of your IDE and CI events",
                                where: "event_key IN (SELECT event_key FROM tool_event WHERE person IN (\(marks)))", StatementArguments(ids)))
            return out
        }
    }
}
