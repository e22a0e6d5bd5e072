import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// A person's right of access: everything candor holds under their pseudonym, written for them
/// whatever their consent (a legal right, not an opt-in), readable by its owner only.
public enum SubjectAccess {
    /// Writes `<out>/subject-access/<pseudonym>/README.md` and one CSV per table that holds rows about
    /// the person (files 0600, folders 0700); returns the paths written, README first.
    public static func write(store: CandorStore, policy: Policy, person: String, to outDirectory: String, now: Date) throws -> [String] {
        let tables = try store.subjectAccess(person: person)
        let root = URL(fileURLWithPath: outDirectory).appendingPathComponent("subject-access")
        let folder = root.appendingPathComponent(person)
        for directory in [root, folder] {
            try PrivateFiles.folder(directory.path)
            try FileManager.default.setAttributes([.posixPermissions: PrivateFiles.folderMode], ofItemAtPath: directory.path)
        }
        // A new answer replaces the last one whole: a table emptied since (an erasure, a purge) leaves no file behind.
        for old in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where old.hasSuffix(".csv") {
            try FileManager.default.removeItem(atPath: folder.appendingPathComponent(old).path)
        }
        var files: [(path: String, text: String)] = []
        for table in tables where !table.rows.isEmpty {
            var lines = [table.columns.map(CSVCell.escape).joined(separator: ",")]
            for row in table.rows { lines.append(row.map { CSVCell.escape($0 ?? "") }.joined(separator: ",")) }
            files.append((folder.appendingPathComponent("\(table.table).csv").path, lines.joined(separator: "\n") + "\n"))
        }
        let readme = folder.appendingPathComponent("README.md").path
        files.insert((readme, readmeText(tables, policy: policy, person: person, now: now)), at: 0)
        try AtomicFile.write(files, mode: PrivateFiles.fileMode)
        return files.map(\.path)
    }

    static func readmeText(_ tables: [SubjectTable], policy: Policy, person: String, now: Date) -> String {
        let held = tables.filter { !$0.rows.isEmpty }, empty = tables.filter { $0.rows.isEmpty }
        var lines = [
            "# What candor holds about you",
            "",
            "Written \(Timestamp.readable(now)) at your request: the right of access (GDPR Article 15) does not depend on "
                + "consent, so this is written whether or not you take part in any programme. Only you should read it.",
            "",
            "You are stored under a pseudonym, `\(person)`: a keyed hash (HMAC-SHA-256) of your id in each tool, never the id "
                + "itself. The same pseudonym stands for you in every table below, with any ids of yours in other tools the "
                + "directory links to it. Free text, code, prompts and messages are never stored.",
            "",
            "The programme's purpose, as its policy states it: " + Escape.markdown(policy.purpose),
            "",
            "## What is held",
            "",
        ]
        if held.isEmpty { lines.append("Nothing: no table holds a record under your pseudonym.") }
        for table in held {
            lines.append("- `\(table.table).csv` — \(table.label): \(table.rows.count) row\(table.rows.count == 1 ? "" : "s")")
        }
        lines += ["", "## What is not held", ""]
        lines += empty.map { "- \($0.label) (`\($0.table)`): none" }
        lines += [
            "",
            "## What you can do",
            "",
            "- Ask for a correction or a dispute through the governance board; a dispute names the team, metric and period.",
            "- Withdraw consent to an optional programme, or object to a required one, in the consent registry: your records "
                + "then leave that programme's figures from the day of the objection.",
            "- Ask for erasure: your person-level records are removed from every source and tier; team totals already "
                + "published keep your contribution anonymously, as they do for anyone who leaves.",
            "",
            "Published reports show teams of at least \(policy.minimumGroupSize) people and never a person's own figures; "
                + "how long each kind of record is kept: raw records \(policy.retention.rawDays) days, person-level summaries "
                + "\(policy.retention.enrichedDays) days, team totals \(policy.retention.aggregateDays) days.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
