import CandorAnalysis
import CandorVocabulary

/// Where a period's disputes land (issue 20, item 3; docs/formats.md, disputes). A dispute that names
/// a metric of the registry, the period and a team of the period (or none: the organisation) is placed
/// on that cell: an open one shows there as open, an upheld one annotates it in every report that
/// shows it, and its exclusions leave the excluded records out of that metric's figures — the team's,
/// and the organisation's, which holds them too. Rejected and withdrawn disputes are counted only.
///
/// Exclusions can be applied where each record carries what they name: the pull-request metrics
/// (every pull request names its repository and the day it was opened); the disputes input refuses
/// exclusions on any other metric (GOV047). A dispute candor cannot place (no period, a metric not in
/// the registry, a team the period does not have) is listed with why, never dropped.
struct DisputePlacement {
    /// The metrics whose figures exclusions can be applied to.
    static let excludable: Set<MetricID> = Set(DisputeExclusion.excludableMetrics.map { MetricID(rawValue: $0) })

    /// The disputes placed on a cell, in id order.
    let placed: [DisputeRecord]
    /// The disputes that could not be placed, with why.
    let unplaced: [(dispute: DisputeRecord, reason: String)]

    init(_ disputes: [DisputeRecord], teams: Set<String>) {
        var placed: [DisputeRecord] = [], unplaced: [(DisputeRecord, String)] = []
        for d in disputes.sorted(by: { $0.id < $1.id }) {
            guard d.period != nil else { unplaced.append((d, "it names no period (add the period column: the quarter of the disputed figure)")); continue }
            guard let metric = d.metric else { unplaced.append((d, "it names no metric")); continue }
            guard MetricRegistry.metric(MetricID(rawValue: metric)) != nil else {
                unplaced.append((d, "its metric '\(metric)' is not in the metric registry (candor metrics lists them)"))
                continue
            }
            if let team = d.team, !teams.contains(team) {
                unplaced.append((d, "its team '\(team)' is not a team of the directory in this period"))
                continue
            }
            placed.append(d)
        }
        self.placed = placed
        self.unplaced = unplaced
    }

    /// Upheld disputes on `metric` that name exclusions (a metric exclusions can be applied to).
    func upheldExclusions(_ metric: MetricID) -> [DisputeRecord] {
        guard Self.excludable.contains(metric) else { return [] }
        return placed.filter { $0.outcome == "upheld" && $0.metric == metric.rawValue && !$0.exclusions.isEmpty }
    }

    /// Whether an upheld dispute on `metric` leaves `pr` out of its figures.
    func excludes(_ metric: MetricID, _ pr: PullRequestFacts) -> Bool {
        upheldExclusions(metric).contains { Self.covers($0, pr) }
    }

    /// `dispute` is about `pr`'s team (or the organisation) and one of its exclusions names `pr`.
    static func covers(_ dispute: DisputeRecord, _ pr: PullRequestFacts) -> Bool {
        (dispute.team == nil || dispute.team == pr.team) && dispute.exclusions.contains { matches($0, pr) }
    }

    /// A repository exclusion names `owner/name` or a bare name (without case); a days exclusion the
    /// days a pull request was opened on (UTC).
    static func matches(_ exclusion: DisputeExclusion, _ pr: PullRequestFacts) -> Bool {
        switch exclusion {
        case .repository(let name):
            let wanted = name.lowercased(), repository = pr.repository.lowercased()
            return repository == wanted || (!wanted.contains("/") && repository.split(separator: "/").last.map(String.init) == wanted)
        case .days(let first, let last):
            let day = Day(dayNumber: Int(pr.openedAt / 86_400))
            return first <= day && day <= last
        }
    }

    /// What the cell (`metric`, `team`) says about the disputes on it.
    func notes(_ metric: MetricID, team: String?) -> [String] {
        var out: [String] = []
        for d in placed where d.metric == metric.rawValue {
            let resolved = d.resolved.map { ", resolved \($0.iso8601)" } ?? ""
            if d.team == team {
                switch d.outcome {
                case "open": out.append("open dispute \(d.id), filed \(d.filed.iso8601): under review")
                case "upheld":
                    let excluded = d.exclusions.map(\.description).joined(separator: "; ")
                    out.append("upheld dispute \(d.id)\(resolved)" + (d.exclusions.isEmpty ? ""
                        : Self.excludable.contains(metric) ? ": \(excluded) left out"
                        // A registry stored before GOV047 refused these: said, never claimed as applied.
                        : ": its exclusions (\(excluded)) could not be applied to this metric"))
                default: break
                }
            } else if team == nil, d.outcome == "upheld", !d.exclusions.isEmpty, Self.excludable.contains(metric), let owner = d.team {
                out.append("upheld dispute \(d.id) on the figure of \(owner)\(resolved): its exclusions apply here too")
            }
        }
        return out
    }

    /// The cell's disputes, short, for the overview ("upheld dispute D-3", "open dispute D-7").
    func labels(_ metric: MetricID, team: String?) -> [String] {
        placed.filter { d in
            d.metric == metric.rawValue && (d.outcome == "open" || d.outcome == "upheld")
                && (d.team == team || (team == nil && d.outcome == "upheld" && !d.exclusions.isEmpty && Self.excludable.contains(metric)))
        }.map { "\($0.outcome) dispute \($0.id)" }
    }

    /// The review's lines: each placed dispute, its cell and what it did; each unplaced one and why.
    func lines(period: Period, pullRequests: [PullRequestFacts]) -> [String] {
        var out: [String] = []
        for d in placed {
            let cell = "\(d.metric!) for \(d.team ?? "the organisation"), \(period)"
            var line = "\(d.id) (\(d.outcome), filed \(d.filed.iso8601)\(d.resolved.map { ", resolved \($0.iso8601)" } ?? "")) is about \(cell)"
            if !d.exclusions.isEmpty {
                let names = d.exclusions.map(\.description).joined(separator: "; ")
                if d.outcome != "upheld" {
                    line += "; it asks to leave out \(names), applied only if it is upheld"
                } else if !Self.excludable.contains(MetricID(rawValue: d.metric!)) {
                    line += "; upheld, but its exclusions could not be applied: candor leaves records out of the pull-request metrics only"
                } else {
                    // No count of pull requests: it would be the activity of a team whose cell may be hidden.
                    line += d.team != nil ? "; upheld: \(names) left out of the team's figure and out of the organisation's"
                        : "; upheld: \(names) left out of every team's figure and the organisation's"
                        + (pullRequests.contains { Self.covers(d, $0) } ? "" : " — it matched no pull request in this period")
                }
            } else if d.outcome == "upheld" {
                line += "; upheld: the cell carries the outcome"
            }
            out.append(line + ".")
        }
        for (d, reason) in unplaced {
            out.append("\(d.id) (\(d.outcome)) could not be placed on a figure: \(reason); it is counted among the period's disputes.")
        }
        return out
    }
}
