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
