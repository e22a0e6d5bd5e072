import CandorVocabulary

/// The thresholds of the gaming-signal detectors: the policy's `signals:` section, with these defaults.
/// Each detector documents which it uses (docs/signals.md).
public struct SignalThresholds: Sendable, Equatable {
    /// The false discovery rate controlled over every test behind a period's outputs (Benjamini–Hochberg:
    /// ``TestFamily``): on average at most this share of what a report calls significant is a false
    /// alarm. The tests are two-sided for changes between periods and shifts, one-sided for bunching,
    /// bursts, and rising suppressions or quick approvals. 0.05, the usual rate for exploratory
    /// findings: a signal is a prompt for discussion, not a verdict.
    public var alpha = 0.05
    /// Width of the bins either side of a published target (in the metric's unit: 0.02 = 2 points).
    public var bunchingBinWidth = 0.02
    /// Fewest values in the three bins around a target before bunching is tested.
    public var bunchingMinimumValues = 20
    /// Fewest suggestions shown in a person-week for its acceptance rate to count as a value.
    public var bunchingMinimumShown = 50
    /// The past bin must hold at least this many times the neighbours' mean.
    public var bunchingMinimumExcess = 1.5
    /// Days before a review date that make up the window.
    public var burstWindowDays = 14
    /// The window's daily rate must be at least this many times the rest of the period's.
    public var burstMinimumRatio = 1.5
    /// Fewest events in the window before a burst is tested.
    public var burstMinimumEvents = 10
    /// A rise in the share of scanned lines excluded from analysis that counts as lost coverage.
    public var coverageExclusionRise = 0.10
    /// A fall in a team's survey response rate (in points) that makes a rise in satisfaction suspect…
    public var responseRateDrop = 0.30
    /// …when satisfaction rose by at least this much (in points).
    public var satisfactionRise = 0.15

    public init() {}

    public static var keys: [(key: String, path: WritableKeyPath<SignalThresholds, Double>?, intPath: WritableKeyPath<SignalThresholds, Int>?, range: ClosedRange<Double>, meaning: String)] {
        [
        ("alpha", \.alpha, nil, 0.000_1...0.2, "false discovery rate over each period's tests (Benjamini–Hochberg)"),
        ("bunching_bin_width", \.bunchingBinWidth, nil, 0.001...1, "width of the bins either side of a target"),
        ("bunching_minimum_values", nil, \.bunchingMinimumValues, 5...1_000_000, "fewest values in the three bins around a target"),
        ("bunching_minimum_shown", nil, \.bunchingMinimumShown, 1...1_000_000, "fewest suggestions shown for a person-week to count"),
        ("bunching_minimum_excess", \.bunchingMinimumExcess, nil, 1...100, "the bin past the target ÷ its neighbours' mean"),
        ("burst_window_days", nil, \.burstWindowDays, 3...60, "days before a review date that make up the window"),
        ("burst_minimum_ratio", \.burstMinimumRatio, nil, 1...100, "window rate ÷ the rest of the period's"),
        ("burst_minimum_events", nil, \.burstMinimumEvents, 1...1_000_000, "fewest events in the window"),
        ("coverage_exclusion_rise", \.coverageExclusionRise, nil, 0.01...1, "rise in the share of scanned lines excluded"),
        ("response_rate_drop", \.responseRateDrop, nil, 0.05...1, "fall in a team's survey response rate"),
        ("satisfaction_rise", \.satisfactionRise, nil, 0.01...1, "rise in satisfaction that the fall makes suspect"),
        ]
    }

    /// `key: value` lines for `candor policy check`.
    public var summary: [String] {
        Self.keys.map { entry in
            let value = entry.path.map { Format.fixed(self[keyPath: $0], decimals: entry.key == "alpha" ? 3 : 2) } ?? entry.intPath.map { String(self[keyPath: $0]) } ?? ""
            return "\(entry.key): \(value) — \(entry.meaning)"
        }
    }
}
