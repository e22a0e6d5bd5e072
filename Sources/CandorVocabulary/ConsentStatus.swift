/// A person's consent to a programme, as the consent registry records it.
public enum ConsentStatus: String, CaseIterable, Sendable {
    case optedIn = "opted_in"
    case optedOut = "opted_out"
    case revoked

    /// Whether the person objects: a required programme leaves their data out from that day.
    public var objects: Bool { self != .optedIn }

    /// How reports word it to the person it is about.
    public var wording: String {
        switch self {
        case .optedIn: "opted in"
        case .optedOut: "objected"
        case .revoked: "consent withdrawn"
        }
    }
}

/// When each person objected to a required programme, and when they withdrew the objection: what the
/// ingest gate reads to leave out a record dated on or after an objection. Keys are pseudonyms — a
/// person's own and every alias the directory lists for them.
public struct ObjectionCalendar: Sendable, Equatable {
    /// Per pseudonym, the registry's status changes in day order: from `day`, objecting or not.
    public private(set) var changes: [String: [(day: Day, objecting: Bool)]]

    public static let none = ObjectionCalendar(changes: [:])

    public init(changes: [String: [(day: Day, objecting: Bool)]]) {
        // Two entries on one day (under the person and an alias): the objection wins, as every report reads it.
        self.changes = changes.mapValues { $0.sorted { ($0.day, $0.objecting ? 1 : 0) < ($1.day, $1.objecting ? 1 : 0) } }
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// Whether `person` had objected on `day` (the latest change on or before it says so).
    public func objecting(_ person: String, on day: Day) -> Bool {
        guard let list = changes[person] else { return false }
        return list.last { $0.day <= day }?.objecting ?? false
    }

    public static func == (a: ObjectionCalendar, b: ObjectionCalendar) -> Bool {
        a.changes.keys.sorted() == b.changes.keys.sorted()
            && a.changes.allSatisfy { key, list in
                let other = b.changes[key]!
                return list.count == other.count && zip(list, other).allSatisfy { $0.day == $1.day && $0.objecting == $1.objecting }
            }
    }
}
