import CandorVocabulary
import CandorPolicy

/// `quality.new_findings_rate`, `quality.time_to_fix`, `quality.suppression_share`. Pure.
/// Findings name no person: the label's n is the number of repositories.
public enum QualityMetrics {
    static let day = 86_400.0
    /// Repositories a bootstrap over repositories needs before its interval means anything.
    public static let minimumClusters = 5

    /// New findings per 1,000 metered lines (`lines` by repository); without metered lines, per 100
    /// scans (`scans` by repository) — the note says which. Bootstrap over repositories.
    public static func newFindingsRate(_ findings: [FindingFacts], lines: [String: Int64], scans: [String: Int], team: String?,
                                       from: Int64, to: Int64, seed: UInt64) -> MetricValue {
        let id = MetricRegistry.newFindingsRate.id
        let repositories = Set(lines.keys).union(scans.keys).sorted()
        guard !repositories.isEmpty else { return .noData(id, team: team) }
        var new: [String: Int] = [:]
        for f in findings where !f.inBaseline && f.history.firstSeen >= from && f.history.firstSeen <= to { new[f.repository, default: 0] += 1 }
        let totalNew = new.values.reduce(0, +)
        let meteredLines = lines.values.reduce(0, +)
        if meteredLines > 0 {
            // Findings cluster by repository: with enough repositories the bootstrap over them is the
            // interval; with fewer, it cannot vary, so the exact Poisson interval on the count, which
            // treats findings as independent, and the note says so.
            let clustered = repositories.filter { (lines[$0] ?? 0) > 0 }.count >= minimumClusters
            let interval: ValueInterval?
            if clustered {
                let clusters = repositories.map { (y: Double(new[$0] ?? 0), x: Double(lines[$0] ?? 0)) }
                interval = Bootstrap.ratioOfSums(clusters, seed: seed).map { ValueInterval(lower: $0.lower * 1000, upper: $0.upper * 1000) }
            } else {
                let poisson = PoissonInterval.interval(count: Int64(totalNew))
                interval = ValueInterval(lower: 1000 * poisson.lower / Double(meteredLines), upper: 1000 * poisson.upper / Double(meteredLines))
            }
            return MetricValue(metric: id, team: team, estimate: 1000 * Double(totalNew) / Double(meteredLines), interval: interval,
                               people: repositories.count, events: totalNew,
                               note: clustered ? "per 1,000 metered lines"
                                   : "per 1,000 metered lines; exact Poisson interval: fewer than \(minimumClusters) repositories for one that allows for findings clustering by repository")
        }
        let scanCount = scans.values.reduce(0, +)
        guard scanCount > 0 else { return .noData(id, team: team) }
        let clusters = repositories.map { (y: Double(new[$0] ?? 0), x: Double(scans[$0] ?? 0)) }
        let interval = Bootstrap.ratioOfSums(clusters, seed: seed).map { ValueInterval(lower: $0.lower * 100, upper: $0.upper * 100) }
        return MetricValue(metric: id, team: team, estimate: 100 * Double(totalNew) / Double(scanCount), interval: interval,
                           people: repositories.count, events: totalNew, note: "per 100 scans (no metered lines)")
    }

    /// Kaplan–Meier median days from first seen to fixed over findings first seen by `to`; open ones
    /// are censored at `to`, suppressed or dismissed ones at the time they were hidden.
    public static func timeToFix(_ findings: [FindingFacts], team: String?, to: Int64) -> MetricValue {
        let id = MetricRegistry.timeToFix.id
        let seen = findings.filter { $0.history.firstSeen <= to }
        guard !seen.isEmpty else { return .noData(id, team: team) }
        let observations = seen.map { f -> KaplanMeier.Observation in
            let h = f.history
            if let closed = h.closedAt, closed <= to {
                return .init(time: Double(closed - h.firstSeen) / day, event: h.state == .fixed)
            }
            return .init(time: Double(to - h.firstSeen) / day, event: false)
        }
        let m = KaplanMeier.median(observations)
        let interval = m.lower.flatMap { l in m.upper.map { ValueInterval(lower: l, upper: $0) } }
        return MetricValue(metric: id, team: team, estimate: m.median, interval: interval, people: Set(seen.map(\.repository)).count,
                           events: seen.count, note: m.median == nil ? "fewer than half of the findings have been fixed" : nil)
    }

    /// High and Critical findings (a SARIF `error`) open at `at`: first seen by then and not yet closed.
    /// A count at a point in time: no interval. `people` is the team's size (findings name no one).
    public static func openHighSeverity(_ findings: [FindingFacts], team: String?, at end: Int64, people: Int) -> MetricValue {
        let id = MetricRegistry.openHighSeverity.id
        let seen = findings.filter { $0.history.firstSeen <= end }
        guard !seen.isEmpty else { return .noData(id, team: team) }
        let open = seen.filter { $0.history.isOpen(at: end) }.count
        return MetricValue(metric: id, team: team, estimate: Double(open), interval: nil, people: people, events: open, label: .low,
                           note: "a count at the period's end, of \(seen.count) High and Critical finding\(seen.count == 1 ? "" : "s") seen by then")
    }

    /// Of the findings that stopped being open in `from...to`, the share suppressed or dismissed (Wilson).
    public static func suppressionShare(_ findings: [FindingFacts], team: String?, from: Int64, to: Int64) -> MetricValue {
        let id = MetricRegistry.suppressionShare.id
        let closed = findings.filter { f in f.history.closedAt.map { $0 >= from && $0 <= to } ?? false }
        guard !closed.isEmpty else { return .noData(id, team: team) }
        let hidden = closed.filter { $0.history.state == .suppressed || $0.history.state == .dismissed }.count
        return MetricValue(metric: id, team: team, estimate: Double(hidden) / Double(closed.count),
                           interval: WilsonInterval.interval(successes: Int64(hidden), trials: Int64(closed.count)).map(ValueInterval.init),
                           people: Set(closed.map(\.repository)).count, events: closed.count)
    }
}
