/// A registry entry: what a metric is, how it is computed, and what it must never be used for.
///
/// Every number candor prints comes from one of these, and every report section that shows
/// a metric prints its methodology and caveats beside it.
public struct MetricDefinition: Sendable, Equatable {
    public enum Dimension: String, Sendable { case adoption, quality, flow, outcome, experience, trust }
    public enum Kind: String, Sendable { case leading, outcome }

    public var id: String
    public var name: String
    public var dimension: Dimension
    public var kind: Kind
    /// The decision this metric helps a team make.
    public var decision: String
    public var definition: String
    public var formula: String
    public var methodology: String
    public var caveats: [String]
    /// Uses this metric must never serve.
    public var neverUsedFor: [String]
    /// The programme whose consent rules govern the data behind it.
    public var programme: String
}

/// The metrics candor knows.
public enum MetricRegistry {
    /// Registry version, printed in reports so a change of definition is visible.
    public static let version = "2026.1"

    /// `ai.acceptance_rate`: share of inline suggestions shown that were accepted.
    public static let acceptanceRate = MetricDefinition(
        id: "ai.acceptance_rate",
        name: "Inline suggestion acceptance rate",
        dimension: .adoption,
        kind: .leading,
        decision: "Whether inline suggestions fit the team's code well enough to keep, tune or retrain on.",
        definition: "Of the inline code suggestions Amazon Q Developer showed to the team's members, the share they accepted.",
        formula: "Σ Inline_AcceptanceCount ÷ Σ Inline_SuggestionsCount over every person-day of the team in the period (a ratio of sums, never a mean of daily rates).",
        methodology: "Each person-day row of the Q Developer user activity report counts for the team the directory places that person in on that day. The 95% interval is the Wilson score interval (Wilson 1927; Newcombe 1998) on the summed counts.",
        caveats: [
            "The Wilson interval treats every suggestion as independent; suggestions cluster by person, so the true uncertainty is wider than shown.",
            "A leading indicator: a higher rate is not better code. Read it beside quality and outcome measures, never alone.",
            "Amazon does not document whether the export counts suggestions discarded while typing; the dashboard excludes them.",
        ],
        neverUsedFor: ["evaluating, ranking or comparing individuals", "compensation, promotion or termination decisions", "performance-improvement plans"],
        programme: "ai-adoption")
}
