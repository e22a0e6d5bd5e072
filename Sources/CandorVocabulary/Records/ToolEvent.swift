/// One IDE, CI or policy-engine event.
public struct ToolEvent: Sendable, Equatable {
    /// A stable identity: the event's `id` when it has one, else a hash of its content.
    public var key: String
    /// E.g. `suggestion.accepted`; see ``EventReader/understoodTypes``.
    public var type: String
    /// Seconds since 1970, UTC.
    public var time: Int64
    /// The person's id (pseudonymised before storage); nil for system events.
    public var actor: SourcePersonID?
    /// The kept attributes (scalars only, from ``keptAttributes``), sorted by name.
    public var attributes: [(name: String, value: String)]
    /// Attribute names that were dropped.
    public var dropped: [String]

    /// An acceptance: what persistence counts.
    public static let acceptedType = "suggestion.accepted"
    /// The follow-ups persistence links to an acceptance: accepted code later reverted, or edited.
    public static let followUpTypes = ["suggestion.reverted", "suggestion.modified"]
    /// The types a published figure reads (persistence and the churn signal, through the events tier):
    /// the only ones stored unless the policy states a purpose for events.
    public static let figureTypes: Set<String> = Set([acceptedType] + followUpTypes)

    /// The scalar attributes candor stores; everything else (text, code, paths to content) is dropped.
    public static let keptAttributes: Set<String> = ["suggestion_id", "tool", "language", "repository", "lines", "lines_changed",
                                                     "commit", "reverted_commit", "policy", "outcome", "pipeline", "status"]

    public static func == (a: ToolEvent, b: ToolEvent) -> Bool {
        a.key == b.key && a.type == b.type && a.time == b.time && a.actor == b.actor
            && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    public init(key: String, type: String, time: Int64, actor: SourcePersonID? = nil, attributes: [(name: String, value: String)], dropped: [String]) {
        self.key = key
        self.type = type
        self.time = time
        self.actor = actor
        self.attributes = attributes
        self.dropped = dropped
    }
}
