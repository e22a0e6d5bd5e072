import CandorVocabulary

/// How the consent registry applies to a programme's data.
public struct ConsentRule: Sendable, Equatable {
    public var programme: String
    /// Required programmes use everyone's data except objections; optional ones only opted-in people's.
    public var required: Bool

    public init(programme: String, required: Bool) {
        self.programme = programme
        self.required = required
    }
}
