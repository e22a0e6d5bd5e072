import CandorVocabulary
import CandorPolicy

/// One metric's value for one team (or the organisation) over one period or week, with everything a
/// reader needs to judge it: how many people and events it rests on, its 95% interval, and a label.
public struct MetricValue: Sendable, Equatable {
    public var metric: MetricID
    /// nil for the organisation.
    public var team: String?
    public var estimate: Double?
    public var interval: ValueInterval?
    /// People behind the value (for metrics about code or deliveries: the units — repositories,
    /// deployments — since no person is counted).
    public var people: Int
    /// Events behind it (suggestions, pull requests, deployments, findings, answers …).
    public var events: Int
    public var label: ConfidenceLabel
    /// Why there is no estimate, or what limits it ("no data from this source", "fewer than half fixed").
    public var note: String?
    /// The same metric over a part of what it combines: per assistant, for metrics that combine
    /// assistants (each part over the people who used that assistant; a person who used two is in both
    /// parts and once in the whole), or per survey item, for satisfaction (each part over the people
    /// who answered that item). Disclosure control treats both alike: parts sit beneath their whole.
    public var parts: [MetricPart: MetricValue] = [:]
    /// The people a value could single out when they are fewer than `people` — an assistant's part of
    /// the share of people using one rests on its active people, while its n (the Wilson trials) is the
    /// team. Disclosure control counts these; nil: `people`.
    public var contributors: Int? = nil
    /// For a median, the items it is the median of (censored where still open): what a comparison
    /// between periods tests (``MedianComparison``). Never rendered.
    public var observations: [KaplanMeier.Observation]? = nil
    /// What the period's disputes say about this cell ("open dispute D-7, filed 2026-09-02"; "upheld
    /// dispute D-3 …: pull requests of acme/x excluded"), shown beside its note wherever it is shown.
    public var disputes: [String] = []
    /// The same disputes, short ("upheld dispute D-3"), for compact cells.
    public var disputeLabels: [String] = []
    /// The people disclosure control counts for this value.
    public var protectedPeople: Int { contributors ?? people }

    public init(metric: MetricID, team: String?, estimate: Double?, interval: ValueInterval?, people: Int, events: Int,
                label: ConfidenceLabel? = nil, note: String? = nil) {
        self.metric = metric
        self.team = team
        self.estimate = estimate
        self.interval = interval
        self.people = people
        self.events = events
        self.label = label ?? ConfidenceLabel.label(people: people, estimate: estimate, lower: interval?.lower, upper: interval?.upper)
        self.note = note
    }

    /// A value that cannot be computed because its source sent nothing for the period.
    public static func noData(_ metric: MetricID, team: String?) -> MetricValue {
        MetricValue(metric: metric, team: team, estimate: nil, interval: nil, people: 0, events: 0, label: .low, note: "no data from this source")
    }
}

/// What a value's part is the same metric over: one assistant's users, or one survey item's answers.
public enum MetricPart: Hashable, Comparable, Sendable, CustomStringConvertible {
    case assistant(Assistant)
    /// A survey item, by the id the policy's survey mapping gives it.
    case item(String)

    /// As reports name it: "Amazon Q Developer", "item friction".
    public var name: String {
        switch self {
        case .assistant(let a): a.name
        case .item(let id): "item \(id)"
        }
    }

    /// As the figures files record it: the assistant's id (`q-developer`), or `item:<id>`.
    public var key: String {
        switch self {
        case .assistant(let a): a.rawValue
        case .item(let id): "item:\(id)"
        }
    }

    public var description: String { key }

    public static let qDeveloper = MetricPart.assistant(.qDeveloper)
    public static let copilot = MetricPart.assistant(.copilot)
    public static let kiro = MetricPart.assistant(.kiro)
    public static let other = MetricPart.assistant(.other)

    public var assistant: Assistant? {
        if case .assistant(let a) = self { return a }
        return nil
    }

    /// Assistants in their order, then items by id.
    public static func < (a: MetricPart, b: MetricPart) -> Bool {
        switch (a, b) {
        case (.assistant(let x), .assistant(let y)): x < y
        case (.assistant, .item): true
        case (.item, .assistant): false
        case (.item(let x), .item(let y)): x < y
        }
    }
}

extension ValueInterval {
    init(_ p: ProportionInterval) { self.init(lower: p.lower, upper: p.upper) }
}
