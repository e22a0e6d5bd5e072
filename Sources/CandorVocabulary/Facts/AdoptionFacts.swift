import Foundation

/// An AI coding assistant candor reads usage of.
public enum Assistant: String, CaseIterable, Sendable, Comparable {
    /// Amazon Q Developer: inline suggestions shown and accepted, and AI lines per feature.
    case qDeveloper = "q-developer"
    /// GitHub Copilot: code-completion suggestions shown and accepted, lines added, chat, agent and CLI use.
    case copilot
    /// Kiro: conversations and messages only (no suggestion counters).
    case kiro
    /// Any other assistant, read from a per-person-day usage CSV through the policy (Cursor, Claude
    /// Code, Gemini, …; the tool's name is kept with each row). Its suggestion counters, where the
    /// mapping gives them, are declared by the policy to mean what Q Developer's inline and
    /// Copilot's completion counters mean; a row without them counts only as activity.
    case other

    /// Whether its exports can count suggestions shown and accepted and the lines taken (Kiro's do
    /// not; a usage-CSV row does when its mapping gives the counters).
    public var countsSuggestions: Bool { self != .kiro }

    public var name: String {
        switch self {
        case .qDeveloper: "Amazon Q Developer"
        case .copilot: "GitHub Copilot"
        case .kiro: "Kiro"
        case .other: "other assistants (usage CSV)"
        }
    }

    public static func < (a: Assistant, b: Assistant) -> Bool { a.sortIndex < b.sortIndex }
    var sortIndex: Int { Self.allCases.firstIndex(of: self)! }
}

/// One person's use of one assistant within a team over a period.
public struct AssistantUse: Sendable, Equatable {
    public var activeDays: Int
    /// Suggestions accepted and shown (Q Developer inline; Copilot code completion; Kiro has none).
    public var accepted: Int64
    public var shown: Int64
    /// Lines added from accepted suggestions (Q Developer: Inline_AICodeLines; Copilot: the code
    /// completion feature's loc_added_sum).
    public var acceptedLines: Int64
    /// Active days whose rows count lines (Copilot days with their per-feature breakdown, the 46-column Q Developer
    /// report; none for Kiro; a usage CSV's days with a lines value).
    public var countingDays: Int

    public init(activeDays: Int, accepted: Int64 = 0, shown: Int64 = 0, acceptedLines: Int64 = 0, countingDays: Int? = nil) {
        self.activeDays = activeDays; self.accepted = accepted; self.shown = shown; self.acceptedLines = acceptedLines
        self.countingDays = countingDays ?? activeDays
    }
}

/// One person's AI-assistant totals within a team over a period, over every assistant together, and
/// per assistant. A person who uses two assistants is one person here.
public struct PersonAdoption: Sendable, Equatable {
    public var team: String?
    public var person: String
    /// Days with any assistant's activity (a day with two assistants counts once).
    public var activeDays: Int
    /// Suggestions accepted and shown, every assistant with suggestion counters together.
    public var accepted: Int64
    public var shown: Int64
    /// Lines taken from any assistant.
    public var acceptedLines: Int64
    /// Days with activity whose rows count lines (Q Developer's 46-column report, Copilot, a usage CSV
    /// with lines): the denominator of lines per active day. Without a per-assistant breakdown, `activeDays`.
    public var countingDays: Int
    /// The same, per assistant the person used.
    public var byAssistant: [Assistant: AssistantUse]

    public init(team: String?, person: String, activeDays: Int, accepted: Int64, shown: Int64, acceptedLines: Int64,
                countingDays: Int? = nil, byAssistant: [Assistant: AssistantUse] = [:]) {
        self.team = team; self.person = person; self.activeDays = activeDays; self.accepted = accepted; self.shown = shown
        self.acceptedLines = acceptedLines; self.countingDays = countingDays ?? activeDays; self.byAssistant = byAssistant
    }

    /// This person's use of `assistant` alone, as a row of its own (nil: they did not use it).
    public func only(_ assistant: Assistant) -> PersonAdoption? {
        byAssistant[assistant].map { PersonAdoption(team: team, person: person, activeDays: $0.activeDays, accepted: $0.accepted,
                                                    shown: $0.shown, acceptedLines: $0.acceptedLines,
                                                    countingDays: $0.countingDays, byAssistant: [assistant: $0]) }
    }
}

/// One person's accepted suggestions in a team, and how many were later reverted or heavily modified.
public struct SuggestionOutcome: Sendable, Equatable {
    public var team: String?
    public var person: String
    public var accepted: Int
    public var undone: Int
    /// Of `undone`, how many were linked by the rule (a follow-up event without a `suggestion_id`: the
    /// nearest earlier acceptance of the same person and tool within the window).
    public var linkedByRule: Int
    /// Follow-up events of this person without a `suggestion_id` that no acceptance in the window fits.
    public var unlinked: Int

    public init(team: String? = nil, person: String, accepted: Int, undone: Int, linkedByRule: Int = 0, unlinked: Int = 0) {
        self.team = team
        self.person = person
        self.accepted = accepted
        self.undone = undone
        self.linkedByRule = linkedByRule
        self.unlinked = unlinked
    }
}

/// One person's inline suggestion totals within one team over a period.
public struct InlineTotals: Sendable, Equatable {
    /// nil when the directory places the person in no team on those days.
    public var team: String?
    /// Pseudonym.
    public var person: String
    public var accepted: Int64
    public var shown: Int64
    public var activeDays: Int

    public init(team: String?, person: String, accepted: Int64, shown: Int64, activeDays: Int) {
        self.team = team
        self.person = person
        self.accepted = accepted
        self.shown = shown
        self.activeDays = activeDays
    }
}
