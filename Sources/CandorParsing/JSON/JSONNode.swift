import CandorVocabulary

/// A parsed JSON value with where it started in the file, so a reader can say exactly which
/// field of which record is wrong.
public struct JSONNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        /// The number's text as written (validated against the JSON grammar); see ``JSONNode/int64``.
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in file order (duplicates kept; look-ups take the first).
        case object([Member])
    }

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONNode

        public init(key: String, value: JSONNode) {
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    /// 1-based line and byte column of the value's first character.
    public var line: Int
    public var column: Int

    public init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var string: String? { if case .string(let s) = kind { return s } else { return nil } }
    public var bool: Bool? { if case .bool(let b) = kind { return b } else { return nil } }
    public var array: [JSONNode]? { if case .array(let a) = kind { return a } else { return nil } }
    public var members: [Member]? { if case .object(let m) = kind { return m } else { return nil } }
    public var isNull: Bool { kind == .null }

    /// A whole number that fits in 64 bits (`12`, `-3`, `1.0e3` is not accepted), or nil.
    public var int64: Int64? {
        guard case .number(let text) = kind else { return nil }
        return Int64(text)
    }

    /// Any number as a double, or nil.
    public var double: Double? {
        guard case .number(let text) = kind else { return nil }
        return Double(text)
    }

    /// What kind of value this is, for messages: "a string", "an object", …
    public var kindName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
