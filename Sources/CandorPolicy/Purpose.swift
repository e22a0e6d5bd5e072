import CandorVocabulary
import Foundation

/// Why a report is requested. candor serves a few purposes and refuses the ones its policy forbids.
public enum Purpose {
    /// The purposes candor's reports serve.
    public static let known = ["governance-review", "transparency", "team-improvement", "self-view", "compliance"]

    /// Uses forbidden by default (DESIGN.md: compensation, promotion, termination,
    /// performance-improvement plans, ranking), with the words a request might use for them.
    public static let defaultProhibited = ["compensation", "promotion", "termination", "performance improvement plan", "ranking"]
    static let synonyms: [String: [String]] = [
        "compensation": ["compensation", "salary", "bonus", "pay", "remuneration"],
        "promotion": ["promotion", "promote", "levelling", "leveling"],
        "termination": ["termination", "terminate", "dismissal", "layoff", "redundan", "fire"],
        "performance improvement plan": ["performance improvement", "performance-improvement", "pip", "performance review", "appraisal"],
        "ranking": ["ranking", "rank", "leaderboard", "stack rank", "league table"],
    ]

    public enum Verdict: Equatable, Sendable {
        case allowed(String)
        /// The prohibited use the request matches.
        case prohibited(String)
        case unknown
    }

    /// Checks a declared purpose against the policy's prohibited uses.
    public static func evaluate(_ declared: String, prohibited: [String]) -> Verdict {
        let text = declared.lowercased()
        let words = Set(text.split(whereSeparator: { !$0.isLetter }).map(String.init))
        for use in prohibited {
            let terms = synonyms[use.lowercased()] ?? [use.lowercased()]
            for term in terms {
                let hit = term.contains(" ") || term.count > 4 ? text.contains(term) : words.contains(term)
                if hit { return .prohibited(use) }
            }
        }
        return known.contains(text) ? .allowed(text) : .unknown
    }
}

/// A request refused because of its declared purpose.
public struct PurposeRefused: Error, Refusal {
    public var declared: String
    public var prohibitedUse: String?

    public var errorDescription: String? {
        if let prohibitedUse {
            return "refused: the declared purpose '\(declared)' is a use this programme's policy prohibits (\(prohibitedUse)). "
                + "candor's data is never used for compensation, promotion, termination, performance-improvement plans or ranking; this refusal is recorded in the audit log"
        }
        return "unknown purpose '\(declared)' — declare one of: \(Purpose.known.joined(separator: ", "))"
    }

    public init(declared: String, prohibitedUse: String? = nil) {
        self.declared = declared
        self.prohibitedUse = prohibitedUse
    }
}
