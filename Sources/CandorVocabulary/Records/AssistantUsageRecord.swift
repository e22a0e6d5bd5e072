/// One row of the generic AI-assistant usage CSV: one person's use of one tool on one day, for
/// assistants candor has no reader of their own for (docs/formats.md, "Other assistants").
public struct AssistantUsageRecord: Sendable, Equatable {
    public var day: Day
    /// The person as the file names them: a directory id, or an alias the directory lists (a login, an address).
    public var person: SourcePersonID
    /// The tool's name as the file writes it (`Cursor`, `Claude Code`), trimmed.
    public var tool: String
    /// Suggestions shown and accepted and lines accepted; nil when the file has no such column, or
    /// leaves the row's value blank (the row then counts as activity only).
    public var shown: Int64?
    public var accepted: Int64?
    public var lines: Int64?

    public init(day: Day, person: SourcePersonID, tool: String, shown: Int64? = nil, accepted: Int64? = nil, lines: Int64? = nil) {
        self.day = day; self.person = person; self.tool = tool; self.shown = shown; self.accepted = accepted; self.lines = lines
    }

    /// Whether the row counts suggestions (shown and accepted both given).
    public var countsSuggestions: Bool { shown != nil && accepted != nil }
}
