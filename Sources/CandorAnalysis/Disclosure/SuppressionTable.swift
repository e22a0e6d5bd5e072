import CandorVocabulary

/// A closed interval of the real line, unbounded above when `upper` is infinite: what is known of one
/// figure.
public struct Bounds: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double

    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// What an attacker knows of a hidden count with no published bound: it is not negative.
    public static let nonNegative = Bounds(0, .infinity)
    /// A published figure: known exactly.
    public static func exactly(_ value: Double) -> Bounds { Bounds(value, value) }

    public var width: Double { upper - lower }
    public func intersection(_ other: Bounds) -> Bounds { Bounds(Swift.max(lower, other.lower), Swift.min(upper, other.upper)) }
    public func contains(_ other: Bounds, tolerance: Double) -> Bool {
        lower <= other.lower + tolerance && upper >= other.upper - tolerance
    }
    public var description: String { "[\(lower), \(upper)]" }
}

/// One table a period publishes, as disclosure control sees it: cells in a hierarchy (the organisation,
/// its departments, their teams), each with additive figures (people, suggestions, events, …) whose
/// parent is the sum of its children plus a known offset (people counted in two teams, say).
///
/// The attacker of ``IntervalAttack`` knows every published cell's figures, every offset, that every
/// figure is at least zero, and whatever the reason printed on a hidden cell says ("fewer than 5
/// people" bounds its people from 1 to 4). Cells are in pre-order: the root (the organisation's
/// total) first, each cell before its children.
public struct SuppressionTable: Sendable {
    /// Where a cell sits, which sets what hiding it costs (``MinimumLossSuppression/cost(_:)``).
    public enum Level: Int, Sendable, Comparable {
        /// The organisation's total: never hidden to protect another cell.
        case total
        /// A department's subtotal.
        case subtotal
        /// A team: teams act on their own numbers, so its cell costs the most to hide.
        case team

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// What must hold of a hidden cell once the pattern is chosen.
    public enum Requirement: Sendable, Equatable {
        /// A primary cell: no figure may be narrowed within its protection interval.
        case interval
        /// A cell hidden by another table's decision to protect a third: it must not be recovered exactly.
        case inexact
    }

    public struct Cell: Sendable {
        /// For messages and tests; reports name cells themselves.
        public var name: String
        public var parent: Int?
        public var level: Level
        /// False for a cell no output prints (a department subtotal the scorecard does not publish): always
        /// unknown to the attacker, free, and never protected.
        public var published: Bool
        /// The people the cell rests on.
        public var contributors: Int
        /// The people the cell's figure informs — a team's members in the directory, whatever the metric
        /// counts — which prices hiding it (``MinimumLossSuppression/cost(_:)``); default: its contributors.
        /// Pricing by contributors instead would make the team where fewest people answered the survey
        /// the cheapest complement, systematically hiding the very figure whose drop is worth discussing.
        public var informs: Int
        /// The cell's additive figures, one per quantity of the table.
        public var values: [Double]
        /// Why the cell must be hidden (primary suppression), if it must.
        public var primary: SuppressionReason?
        /// Hidden whatever this table decides (another table of the period hides it), and what it needs.
        public var forced: (reason: SuppressionReason, requirement: Requirement)?
        /// What the reason printed on the cell, once hidden, tells of each figure (default: at least zero).
        public var hiddenBounds: [Bounds]
        /// What is known of each figure while the cell is shown: exact, unless published counts are
        /// rounded (``DisclosurePolicy/roundingBase``).
        public var shownBounds: [Bounds]
        /// The previous period published this cell's figure: hiding it now also loses the comparison a
        /// reader (and the detectors, which compare only cells shown in both periods) would make.
        public var previouslyShown = false

        public init(name: String, parent: Int?, level: Level, published: Bool = true, contributors: Int, values: [Double],
                    primary: SuppressionReason? = nil, hiddenBounds: [Bounds]? = nil, shownBounds: [Bounds]? = nil, informs: Int? = nil) {
            self.name = name
            self.parent = parent
            self.level = level
            self.published = published
            self.contributors = contributors
            self.informs = informs ?? contributors
            self.values = values
            self.primary = primary
            self.hiddenBounds = hiddenBounds ?? values.map { _ in .nonNegative }
            self.shownBounds = shownBounds ?? values.map(Bounds.exactly)
        }

        /// Hidden before any complement is chosen.
        public var isFixedHidden: Bool { primary != nil || forced != nil || !published }
    }

    /// What each quantity is called ("people", "suggestions shown"): the disclosure summary names them.
    public let quantities: [String]
    /// The cells, the organisation first and every cell after its parent. What the interval attack
    /// reads of them is laid out again whenever they change.
    public var cells: [Cell] { didSet { derive() } }
    /// The half-width of the interval each primary cell's figure must keep, per quantity: how close
    /// to the true figure an attacker may not come (the upper and lower protection levels of τ-Argus,
    /// set equal).
    public let protection: [ProtectionLevel]

    /// Pairs of quantities where one is never more than the other in any cell (suggestions accepted and
    /// shown): the attacker knows it. ``IntervalAttack/feasibility(_:hidden:)`` writes the larger as the
    /// smaller plus their difference, exactly; only where that does not apply does it fall back to
    /// capping the smaller's interval by the larger's.
    public let ordered: [(smaller: Int, larger: Int)]
    /// Children of each cell, in order.
    public private(set) var children: [[Int]] = []
    /// Per ordered pair, the table of `larger − smaller` when the pair separates exactly
    /// (``IntervalAttack/difference(cells:protection:smaller:larger:)``), made once: every protection check uses it.
    private(set) var differences: [SuppressionTable?] = []
    /// Per quantity, what the attacker reads of each cell, laid out once so that a protection check
    /// (thousands per table) does not copy cells: its bounds hidden and shown, and each total's offset
    /// (its figure less its children's).
    struct Column: Sendable {
        var hidden: [Bounds]
        var shown: [Bounds]
        var offset: [Double]
    }
    private(set) var columns: [Column] = []
    private(set) var published: [Bool] = []

    public init(quantities: [String], cells: [Cell], protection: [ProtectionLevel], ordered: [(smaller: Int, larger: Int)] = []) {
        precondition(protection.count == quantities.count && cells.allSatisfy { $0.values.count == quantities.count })
        precondition(cells.first?.parent == nil && cells.dropFirst().allSatisfy { ($0.parent ?? .max) < cells.count })
        self.quantities = quantities
        self.cells = cells
        self.protection = protection
        self.ordered = ordered
        derive()
    }

    /// Everything that follows from the cells: children, the laid-out columns, the difference tables.
    private mutating func derive() {
        var children = [[Int]](repeating: [], count: cells.count)
        for (i, cell) in cells.enumerated() { if let p = cell.parent { children[p].append(i) } }
        self.children = children
        let cells = self.cells
        differences = ordered.map { IntervalAttack.difference(cells: cells, protection: protection, smaller: $0.smaller, larger: $0.larger) }
        published = cells.map(\.published)
        columns = quantities.indices.map { q in
            Column(hidden: cells.map { $0.hiddenBounds[q] }, shown: cells.map { $0.shownBounds[q] },
                   offset: cells.indices.map { i in
                       children[i].isEmpty ? 0 : cells[i].values[q] - children[i].reduce(0) { $0 + cells[$1].values[q] }
                   })
        }
    }

    public var count: Int { cells.count }

    /// The interval a primary cell's figure `quantity` must keep: its value ± the protection level,
    /// within what its reason already says (a cell of fewer than 5 people has at most 4).
    public func required(_ cell: Int, quantity q: Int) -> Bounds {
        let value = cells[cell].values[q], margin = protection[q].margin(value)
        return Bounds(value - margin, value + margin).intersection(cells[cell].hiddenBounds[q])
    }
}

/// How far from a hidden figure's true value an attacker's interval must still reach, each way.
public enum ProtectionLevel: Sendable, Equatable {
    /// A fixed number of people.
    case people(Int)
    /// A share of the figure, and at least one.
    case share(Double)

    public func margin(_ value: Double) -> Double {
        switch self {
        case .people(let m): return Double(m)
        case .share(let p): return Swift.max(1, (p * value).rounded(.up))
        }
    }
}

/// The protection levels a policy sets (τ-Argus's "protection level"; Hundepool et al., *Handbook on
/// Statistical Disclosure Control*, 2nd ed. 2024, §4.3.2 and §5.2): how far from a hidden primary
/// cell's true figures an attacker's interval must still reach.
public struct DisclosurePolicy: Sendable, Equatable {
    /// Minimum group size.
    public var k: Int
    /// (1, t)-dominance threshold.
    public var dominanceThreshold: Double
    /// A hidden count of events (suggestions, pull requests, …) must stay uncertain by at least this
    /// share of it, each way.
    public var protectionShare: Double
    /// A hidden count of people must stay uncertain by at least this many people, each way (within what
    /// its reason says).
    public var protectionPeople: Int
    /// Published counts of people and events rounded to a multiple of this base (0: not rounded). The
    /// attacker model takes it (a rounded count is known only to ± half the base, so fewer complements
    /// are needed). The policy refuses it: published values and intervals to 6 decimals give a rounded
    /// count back exactly (docs/disclosure.md, "Why no rounding"), so only tests set it.
    public var roundingBase: Int

    public init(k: Int, dominanceThreshold: Double = 1, protectionShare: Double = Self.defaultProtectionShare,
                protectionPeople: Int = Self.defaultProtectionPeople, roundingBase: Int = 0) {
        self.k = k
        self.dominanceThreshold = dominanceThreshold
        self.protectionShare = protectionShare
        self.protectionPeople = protectionPeople
        self.roundingBase = roundingBase
    }

    public static let defaultProtectionShare = 0.2
    public static let defaultProtectionPeople = 1

    /// The protection level for a count of people.
    public var people: ProtectionLevel { .people(protectionPeople) }
    /// The protection level for a count of events.
    public var events: ProtectionLevel { .share(protectionShare) }

    /// What the published reason tells of a hidden cell's people: "fewer than k" bounds them from 1 to
    /// k − 1; other reasons give nothing but that the count is not negative.
    public func peopleBounds(_ reason: SuppressionReason?, people: Int) -> Bounds {
        if case .fewerThanK = reason { return Bounds(Double(Swift.min(1, people)), Double(k - 1)) }
        return .nonNegative
    }

    /// What is known of a published count: exact, or ± half the base when rounded.
    public func shown(_ value: Double) -> Bounds {
        guard roundingBase > 1 else { return .exactly(value) }
        let b = Double(roundingBase), r = (value / b).rounded(.toNearestOrAwayFromZero) * b
        return Bounds(Swift.max(0, r - b / 2), r + b / 2)
    }
}
