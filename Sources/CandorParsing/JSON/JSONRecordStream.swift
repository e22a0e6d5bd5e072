import CandorVocabulary

/// One component of a JSON path pattern.
public enum JSONPathPattern: Sendable, Equatable {
    /// An object member with this name.
    case key(String)
    /// Any element of an array.
    case anyIndex
}

/// A position in a JSON document, printed as `$.RecommendationSummaries[2].Severity`.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public enum Component: Sendable, Equatable { case key(String), index(Int) }
    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public func appending(_ c: Component) -> JSONPath { JSONPath(components + [c]) }
    public func appending(key: String) -> JSONPath { appending(.key(key)) }
    public func appending(index: Int) -> JSONPath { appending(.index(index)) }

    public var description: String {
        var s = "$"
        for c in components {
            switch c {
            case .index(let i): s += "[\(i)]"
            case .key(let k):
                let plain = !k.isEmpty && k.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D }
                s += plain ? ".\(k)" : "['\(excerpt(Array(k.utf8)).dropFirst().dropLast())']"
            }
        }
        return s
    }

    func matches(_ pattern: [JSONPathPattern]) -> Bool {
        components.count == pattern.count && isPrefix(of: pattern)
    }

    /// Whether this path leads towards (or is) a match of `pattern`.
    func isPrefix(of pattern: [JSONPathPattern]) -> Bool {
        guard components.count <= pattern.count else { return false }
        for (c, p) in zip(components, pattern) {
            switch (c, p) {
            case (.index, .anyIndex): continue
            case (.key(let a), .key(let b)) where a == b: continue
            default: return false
            }
        }
        return true
    }
}

/// Streams the records of a JSON, JSON-array or NDJSON file without holding the file in memory.
///
/// The caller names where records are (`[.anyIndex]` for the elements of a top-level array,
/// `[.key("RecommendationSummaries"), .anyIndex]` for a wrapped list, `[]` for each top-level
/// value as in NDJSON). Containers on the way to records are streamed; each record is built as a
/// ``JSONNode`` and handed over alone, so memory is bounded by the largest record. Every other
/// value (`NextToken`, a `CodeReviewArn` wrapper field, …) is handed over as context, in file order.
/// The members of a record a reader reads: only these are built; every other member's value is
/// tokenized (so the file is still validated in full) and dropped. A member named with a nested
/// projection keeps only those members of its value when the value is an object; any other value
/// (a string where an object belongs, null, an array) is built whole, so the reader's own messages
/// about it stay what they were. A record that is not an object is built whole.
public struct JSONProjection: Sendable, Equatable {
    /// Each kept member, and the projection of its value (nil: the whole value).
    public var members: [String: JSONProjection?]

    public init(_ members: [String: JSONProjection?]) { self.members = members }
}

public struct JSONRecordStream {
    public var recordPatterns: [[JSONPathPattern]]
    /// When set, only values at these paths are handed over as context, and everything that is
    /// neither a record, context, nor on the way to one is skipped without being built (SARIF rule
    /// catalogues, artifact lists, …). When nil, every other value is built and handed over.
    public var contextPatterns: [[JSONPathPattern]]?
    /// Most nodes in one record or context value; a larger context value is skipped, a larger record is an error.
    public var maxNodes = 2_000_000
    /// When set, only these members of each record are built (``JSONProjection``).
    public var projection: JSONProjection?
    private let source: ByteSource

    public init(source: ByteSource, records: [[JSONPathPattern]], context: [[JSONPathPattern]]? = nil) {
        self.source = source
        self.recordPatterns = records
        self.contextPatterns = context
    }

    /// What the stream hands over.
    public enum Item {
        case record(JSONNode, JSONPath)
        case context(JSONNode, JSONPath)
    }

    /// Reads the whole input, calling `body` for each record and context value in order.
    /// - Throws: ``JSONSyntaxError`` at the first syntax error (everything before it was handed over).
    public func forEach(_ body: (Item) throws -> Void) throws {
        var tokenizer = JSONTokenizer()
        var state = State(patterns: recordPatterns, contextPatterns: contextPatterns, maxNodes: maxNodes)
        state.projection = projection
        try source.forEachChunk { chunk in
            try tokenizer.consume(chunk) { token, line, column in try state.handle(token, line, column, body) }
        }
        try tokenizer.finish { token, line, column in try state.handle(token, line, column, body) }
    }

    private struct Frame {
        var isArray: Bool
        var key: String?
        var index: Int
    }

    private struct State {
        let patterns: [[JSONPathPattern]]
        let contextPatterns: [[JSONPathPattern]]?
        let maxNodes: Int
        var frames: [Frame] = []
        var builder: JSONNodeBuilder?
        var building: (isRecord: Bool, path: JSONPath)?
        var projection: JSONProjection?
        /// Open containers of a value being skipped (0 = not skipping).
        var skipping = 0

        init(patterns: [[JSONPathPattern]], contextPatterns: [[JSONPathPattern]]?, maxNodes: Int) {
            self.patterns = patterns
            self.contextPatterns = contextPatterns
            self.maxNodes = maxNodes
        }

        var currentPath: JSONPath {
            JSONPath(frames.map { $0.isArray ? .index($0.index) : .key($0.key ?? "") })
        }

        mutating func handle(_ token: JSONTokenizer.Token, _ line: Int, _ column: Int, _ body: (Item) throws -> Void) throws {
            if builder != nil {
                if let done = try builder!.add(token, line, column) { try finishValue(done, body) }
                return
            }
            if skipping > 0 {
                switch token {
                case .beginObject, .beginArray: skipping += 1
                case .endObject, .endArray:
                    skipping -= 1
                    if skipping == 0 { valueEnded() }
                default: break
                }
                return
            }
            switch token {
            case .key(let k):
                frames[frames.count - 1].key = k
                return
            case .endObject, .endArray:
                frames.removeLast()
                valueEnded()
                return
            default:
                break
            }
            // A value starts at the current path.
            let path = currentPath
            let isRecord = patterns.contains { path.matches($0) }
            let isContainer = token == .beginObject || token == .beginArray
            let isContext = contextPatterns?.contains { path.matches($0) } ?? false
            if !isRecord && !isContext && isContainer
                && (patterns.contains(where: { path.isPrefix(of: $0) }) || (contextPatterns ?? []).contains(where: { path.isPrefix(of: $0) })) {
                frames.append(Frame(isArray: token == .beginArray, key: nil, index: 0))
                return
            }
            if !isRecord && !isContext && contextPatterns != nil {
                // Not wanted: skip it without building anything.
                if isContainer { skipping = 1 } else { valueEnded() }
                return
            }
            builder = JSONNodeBuilder(maxNodes: isRecord ? maxNodes : min(maxNodes, 100_000), projection: isRecord ? projection : nil)
            building = (isRecord, path)
            if let done = try builder!.add(token, line, column) { try finishValue(done, body) }
        }

        mutating func finishValue(_ node: JSONNode?, _ body: (Item) throws -> Void) throws {
            let (isRecord, path) = building!
            builder = nil
            building = nil
            if let node {
                try body(isRecord ? .record(node, path) : .context(node, path))
            } else if isRecord {
                throw JSONRecordTooLarge(path: path, limit: maxNodes)
            }
            valueEnded()
        }

        mutating func valueEnded() {
            if !frames.isEmpty && frames[frames.count - 1].isArray { frames[frames.count - 1].index += 1 }
        }
    }
}

/// A record with more nodes than ``JSONRecordStream/maxNodes``.
public struct JSONRecordTooLarge: Error, Equatable {
    public var path: JSONPath
    public var limit: Int
}

/// Builds one ``JSONNode`` from tokens: children wait on a stack shared by every open container and
/// are copied out once, into an array of their exact size, when their container closes.
struct JSONNodeBuilder {
    private struct Frame {
        var isArray: Bool
        var line: Int
        var column: Int
        /// The member name this container is the value of, in an object (nil in an array or at the top).
        var key: String?
        /// Where this container's children start in `elements` or `members`.
        var start: Int
        /// The members of this object to build (nil: all).
        var projection: JSONProjection?
    }
    private var frames: [Frame] = []
    /// The children of every open container, innermost last: each container's are copied out once,
    /// at its end, into an array of exactly their size (no growth while it is built).
    private var elements: [JSONNode] = []
    private var members: [JSONNode.Member] = []
    private var nodes = 0
    private let maxNodes: Int
    /// Set when the value outgrew `maxNodes`: the rest is consumed and dropped.
    private var overflowed = false

    /// The projection of the next value (of the record itself, at first).
    private var nextProjection: JSONProjection?
    /// The member name the next value is attached under (a plain variable, not a write into the open
    /// container's frame: the frames are only read on the way down and out).
    private var pendingKey: String?
    /// Open containers of a member being dropped (0: not dropping); `dropNext`: the next value is one.
    private var dropping = 0
    private var dropNext = false

    init(maxNodes: Int, projection: JSONProjection? = nil) {
        self.maxNodes = maxNodes
        self.nextProjection = projection
    }

    /// Adds a token; returns `.some(node)` when the value is complete (`.some(nil)` if it was too large).
    mutating func add(_ token: JSONTokenizer.Token, _ line: Int, _ column: Int) throws -> JSONNode?? {
        if dropping > 0 {
            switch token {
            case .beginObject, .beginArray: dropping += 1
            case .endObject, .endArray: dropping -= 1
            default: break
            }
            return nil
        }
        if dropNext {
            dropNext = false
            switch token {
            case .beginObject, .beginArray: dropping = 1
            default: break
            }
            return nil
        }
        nodes += 1
        if nodes > maxNodes && !overflowed {
            overflowed = true
            elements = []
            members = []
        }
        switch token {
        case .beginArray:
            nextProjection = nil
            frames.append(Frame(isArray: true, line: line, column: column, key: pendingKey, start: elements.count))
            pendingKey = nil
            return nil
        case .beginObject:
            frames.append(Frame(isArray: false, line: line, column: column, key: pendingKey, start: members.count, projection: nextProjection))
            nextProjection = nil
            pendingKey = nil
            return nil
        case .key(let k):
            if let projection = frames[frames.count - 1].projection {
                guard let kept = projection.members[k] else {
                    nodes -= 1
                    dropNext = true
                    return nil
                }
                nextProjection = kept
            }
            pendingKey = k
            return nil
        case .endArray, .endObject:
            let frame = frames.removeLast()
            if overflowed { return frames.isEmpty ? .some(nil) : nil }
            let node: JSONNode
            if frame.isArray {
                node = JSONNode(.array(Array(elements[frame.start...])), line: frame.line, column: frame.column)
                elements.removeLast(elements.count - frame.start)
            } else {
                node = JSONNode(.object(Array(members[frame.start...])), line: frame.line, column: frame.column)
                members.removeLast(members.count - frame.start)
            }
            pendingKey = frame.key
            return attach(node)
        case .string(let s):
            nextProjection = nil
            return attach(JSONNode(.string(s), line: line, column: column))
        case .number(let n):
            nextProjection = nil
            return attach(JSONNode(.number(n), line: line, column: column))
        case .bool(let b):
            nextProjection = nil
            return attach(JSONNode(.bool(b), line: line, column: column))
        case .null:
            nextProjection = nil
            return attach(JSONNode(.null, line: line, column: column))
        }
    }

    private mutating func attach(_ node: JSONNode) -> JSONNode?? {
        guard !frames.isEmpty else { return .some(overflowed ? nil : node) }
        if overflowed { return nil }
        if frames[frames.count - 1].isArray {
            elements.append(node)
        } else {
            members.append(JSONNode.Member(key: pendingKey ?? "", value: node))
            pendingKey = nil
        }
        return nil
    }
}
