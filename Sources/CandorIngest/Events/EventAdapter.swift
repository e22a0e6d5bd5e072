import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes IDE, CI and policy-engine events need.
public protocol EventSink {
    func upsertEvent(_ e: ToolEvent, person: Pseudonym?, sourceId: Int64) throws
}

/// IDE / CI / policy-engine events as JSON Lines.
public struct EventAdapter: JSONSourceAdapter {
    public static let formats: [InputFormat] = [.events]

    public static func recognise(_ sniff: JSONSniff) -> InputFormat? {
        let root = sniff.rootKeys
        return root.contains("type") && root.contains("time") && (root.contains("actor") || root.contains("attributes")) ? .events : nil
    }

    var droppedAttributes: [String: Int] = [:]
    var otherTypes = 0
    /// Events read and not stored because no published figure reads them, by type.
    var unread: [String: Int] = [:]

    public init(file: IngestFile) {}

    public func recordPatterns(_ sniff: JSONSniff) -> [[JSONPathPattern]] { Self.arrayOrLines(sniff) }

    public mutating func read(_ node: JSONNode, at path: JSONPath, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        guard let event = EventReader.event(node, path: path, file: file.path, diagnostics: &diagnostics) else { return }
        // Minimal by default: an event no published figure reads is stored only under the policy's purpose.
        if !file.gate.keepsUnreadRecords, event.actor == nil || !ToolEvent.figureTypes.contains(event.type) {
            unread[event.actor == nil ? "(no actor)" : event.type, default: 0] += 1
            // Counted with the file's drops, so the reports say what was read and not stored.
            file.gate.countUnread(event.actor == nil ? "events of no person" : "type \(event.type)")
            return
        }
        try file.keep(event) { row in
            let person = row.actor.map(file.pseudonym)
            if let person, file.withheld(person, on: Day(dayNumber: Int(row.time / 86_400))) { return }
            try sink.upsertEvent(row, person: person, sourceId: file.sourceId)
        }
        for name in event.dropped { droppedAttributes[name, default: 0] += 1 }
        if !EventReader.understoodTypes.contains(event.type) { otherTypes += 1 }
    }

    public mutating func finish(file: IngestFile, sink: some RecordSink) throws {
        if !droppedAttributes.isEmpty {
            file.ignoredColumns = droppedAttributes.keys.sorted()
            file.note(Diagnostic(.note, file: file.path, code: "EVT020",
                message: "not stored: attributes outside what candor keeps: "
                    + droppedAttributes.sorted { $0.key < $1.key }.prefix(10).map { "\(excerpt(Array($0.key.utf8))) (\($0.value)×)" }.joined(separator: ", ")))
        }
        if !unread.isEmpty {
            let total = unread.values.reduce(0, +)
            file.note(Diagnostic(.note, file: file.path, code: "EVT022",
                message: "\(total) event\(total == 1 ? "" : "s") no published figure reads, read and not stored: "
                    + unread.sorted { $0.key < $1.key }.prefix(10).map { "\(excerpt(Array($0.key.utf8))) (\($0.value)×)" }.joined(separator: ", "),
                hint: "only \(ToolEvent.figureTypes.sorted().joined(separator: ", ")) events of a person feed a figure (persistence); to keep others, say who uses them and why in the policy (sources.events.purpose), then `candor ingest --force` the file"))
        }
        if otherTypes > 0 {
            file.note(Diagnostic(.note, file: file.path, code: "EVT021",
                message: "\(otherTypes) event(s) of types candor does not interpret were stored as they are"))
        }
    }
}
