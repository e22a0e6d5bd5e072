import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Reads IDE / CI / policy-engine events as JSON Lines: `{"type", "time", "actor", "attributes"}`
/// (an optional `id` makes re-delivery idempotent; without one the content is the identity).
///
/// Understood types (docs/formats.md): `suggestion.shown`, `suggestion.accepted`,
/// `suggestion.rejected`, `suggestion.modified` (accepted, then edited; `attributes.lines_changed`),
/// `suggestion.reverted` (accepted code later reverted; `attributes.suggestion_id`) and
/// `commit.reverted`. Other types are stored as they are and counted. Only the scalar attributes in
/// ``ToolEvent/keptAttributes`` are stored; everything else (text, code, paths to content) is dropped.
public enum EventReader {
    public static let understoodTypes: Set<String> = ["suggestion.shown", "suggestion.accepted", "suggestion.rejected",
                                                      "suggestion.modified", "suggestion.reverted", "commit.reverted"]

    public static func event(_ node: JSONNode, path: JSONPath, file: String, diagnostics: inout [Diagnostic]) -> ToolEvent? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let id = f.identifier("id", required: false)
        let type = f.string("type", maxLength: 64)
        let time = f.timestamp("time")
        let actor = f.identifier("actor", required: false)
        var attributes: [(String, String)] = []
        var dropped: [String] = []
        if let members = node["attributes"]?.members {
            for member in members {
                let value: String?
                switch member.value.kind {
                case .string(let s) where s.count <= 200: value = s
                case .number(let n): value = n
                case .bool(let b): value = b ? "true" : "false"
                default: value = nil
                }
                if ToolEvent.keptAttributes.contains(member.key), let value {
                    // JSON does not forbid a repeated name (RFC 8259 §4: names SHOULD be unique); which value
                    // was meant is unknowable, so the record is refused rather than one value picked.
                    if attributes.contains(where: { $0.0 == member.key }) {
                        f.diagnostics.append(Diagnostic(.error, file: file, line: member.value.line, column: member.value.column, code: "EVT002",
                                                        message: "\(path).attributes.\(member.key) appears more than once",
                                                        hint: "give each attribute once"))
                    } else {
                        attributes.append((member.key, value))
                    }
                } else {
                    dropped.append(member.key)
                }
            }
        } else if let a = node["attributes"], !a.isNull {
            f.diagnostics.append(Diagnostic(.error, file: file, line: a.line, column: a.column, code: "JSON011",
                                            message: "\(path).attributes: expected an object, found \(a.kindName)", hint: "attributes are name: value pairs"))
        }
        if let type, type.isEmpty || type.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            f.diagnostics.append(Diagnostic(.error, file: file, line: node.line, column: node.column, code: "EVT001",
                                            message: "\(path).type is empty or holds control characters", hint: "event types look like suggestion.accepted"))
        }
        guard f.isValid, let type, let time else { return nil }
        attributes.sort { $0.0 < $1.0 }
        let key = id.map { "id:" + $0 } ?? "sha256:" + SHA256Digest.hex(of: Array(([type, String(time), actor ?? ""] + attributes.map { "\($0.0)=\($0.1)" })
            .joined(separator: "\u{1F}").utf8))
        return ToolEvent(key: key, type: type, time: time, actor: actor.map(SourcePersonID.init), attributes: attributes.map { (name: $0.0, value: $0.1) }, dropped: dropped)
    }
}
