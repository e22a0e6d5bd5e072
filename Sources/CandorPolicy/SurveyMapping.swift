import CandorVocabulary
import Yams

/// How to read the organisation's developer-survey CSV, from the policy's `survey:` section.
///
/// Survey tools export one row per response and one column per question, titled with the
/// question's text, so the mapping names the columns:
///
///     survey:
///       team_column: Team                 # the respondent's team, as the directory names it
///       submitted_column: Timestamp       # optional
///       scale: 5                          # answers are 1…scale; blank = not answered
///       favourable_from: 4                # 4 and 5 are favourable (top-2-box)
///       items:
///         - id: friction
///           column: "I can get my work done without unnecessary friction"
public struct SurveyMapping: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        /// A short stable id used in reports (`[a-z0-9_.-]`).
        public var id: String
        /// The column title exactly as the survey tool exports it.
        public var column: String
    }
    public var teamColumn: String
    public var submittedColumn: String?
    public var scale: Int
    public var favourableFrom: Int
    public var items: [Item]
    /// Rows after the header that are not responses (Qualtrics writes two: the questions' text and their import ids).
    public var skipRows = 0

    static func parse(_ node: Node, path: String) throws -> SurveyMapping {
        guard let mapping = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "survey must be a mapping", hint: "see the survey: example in docs/formats.md")
        }
        let known: Set<String> = ["team_column", "submitted_column", "scale", "favourable_from", "items", "skip_rows"]
        for (key, _) in mapping where !known.contains(key.string ?? "") {
            throw PolicyError(path: path, line: key.mark?.line, message: "unknown key 'survey.\(key.string ?? "")'",
                              hint: "known keys: \(known.sorted().joined(separator: ", "))")
        }
        func text(_ key: String, required: Bool) throws -> String? {
            guard let n = mapping[key] else {
                if required { throw PolicyError(path: path, line: node.mark?.line, message: "survey.\(key) is missing", hint: "name the column exactly as the export titles it") }
                return nil
            }
            guard let s = n.string, !s.isEmpty, s.count <= 500 else {
                throw PolicyError(path: path, line: n.mark?.line, message: "survey.\(key) must be a column title", hint: "quote it if it holds a colon")
            }
            return s
        }
        let team = try text("team_column", required: true)!
        let submitted = try text("submitted_column", required: false)
        var scale = 5
        if let n = mapping["scale"] {
            guard let v = n.int, (3...11).contains(v) else {
                throw PolicyError(path: path, line: n.mark?.line, message: "survey.scale must be a whole number from 3 to 11", hint: "5 for a five-point Likert scale")
            }
            scale = v
        }
        var favourable = scale - 1
        if let n = mapping["favourable_from"] {
            guard let v = n.int, v >= 2, v <= scale else {
                throw PolicyError(path: path, line: n.mark?.line, message: "survey.favourable_from must be from 2 to the scale",
                                  hint: "4 on a five-point scale counts the top two boxes as favourable")
            }
            favourable = v
        }
        guard let itemsNode = mapping["items"], let list = itemsNode.sequence, !list.isEmpty else {
            throw PolicyError(path: path, line: mapping["items"]?.mark?.line ?? node.mark?.line, message: "survey.items must list at least one item",
                              hint: "each item has an id and the column title")
        }
        var items: [Item] = []
        for itemNode in list {
            guard let m = itemNode.mapping, let id = m["id"]?.string, let column = m["column"]?.string, !column.isEmpty, column.count <= 500,
                  !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0) }) else {
                throw PolicyError(path: path, line: itemNode.mark?.line, message: "each survey item needs an id (a-z, 0-9, _ . -) and a column",
                                  hint: "for example:  - {id: friction, column: \"I can get my work done without friction\"}")
            }
            if items.contains(where: { $0.id == id || $0.column == column }) {
                throw PolicyError(path: path, line: itemNode.mark?.line, message: "survey item '\(id)' repeats an id or a column", hint: "each item is listed once")
            }
            items.append(Item(id: id, column: column))
        }
        var skip = 0
        if let n = mapping["skip_rows"] {
            guard let v = n.int, (0...10).contains(v) else {
                throw PolicyError(path: path, line: n.mark?.line, message: "survey.skip_rows must be a whole number from 0 to 10",
                                  hint: "rows after the header that are not responses; a Qualtrics export has 2")
            }
            skip = v
        }
        return SurveyMapping(teamColumn: team, submittedColumn: submitted, scale: scale, favourableFrom: favourable, items: items, skipRows: skip)
    }
}
