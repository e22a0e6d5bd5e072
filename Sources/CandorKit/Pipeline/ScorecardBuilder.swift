import Foundation

/// Every registry metric for every team and the organisation in one period, after disclosure control.
public struct Scorecard: Sendable {
    /// Teams in display order (alphabetical), each with its department if any.
    public var teams: [String]
    /// Values by metric id; each list holds the teams in `teams` order, then the organisation (team nil).
    public var values: [String: [MetricValue]]
    /// Why a team's values are hidden, by team.
    public var suppressed: [String: SuppressionReason]
}

/// Reads the facts for a period through a reader (so only the audience's datasets), computes every
/// metric, and hides what disclosure control says to hide. Seeds are derived from the metric, the
/// team and the period, so the same inputs give the same intervals.
public struct ScorecardBuilder {
    public let store: CandorStore
    public let policy: Policy
    public let departments: [String: String]

    public init(store: CandorStore, policy: Policy, departments: [String: String]) {
        self.store = store
        self.policy = policy
        self.departments = departments
    }

    /// FNV-1a 64-bit of the text: a stable seed per (metric, team, period).
    static func seed(_ parts: String...) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "|").utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    public func build(_ period: Period) throws -> Scorecard {
        let sizes = try store.teamSizes(period)
        let teams = sizes.keys.sorted { $0.lowercased() != $1.lowercased() ? $0.lowercased() < $1.lowercased() : $0 < $1 }
        let groups: [String?] = teams.map { $0 } + [nil]
        let start = Int64(period.first.dayNumber) * 86_400, end = Int64(period.last.dayNumber + 1) * 86_400 - 1
        func pick<T>(_ all: [T], _ team: String?, _ teamOf: (T) -> String?) -> [T] { team == nil ? all : all.filter { teamOf($0) == team } }
        var values: [String: [MetricValue]] = [:]
        func add(_ value: MetricValue) { values[value.metric, default: []].append(value) }
        let p = period.description

        // Adoption.
        let consent = policy.consentRule(for: MetricRegistry.acceptanceRate.programme)
        let adoption = try store.adoptionRows(period, consent: consent)
        let everyone = sizes.values.reduce(0, +)
        let suggestions = try store.suggestionOutcomes(period)
        for team in groups {
            let rows = pick(adoption, team, \.team)
            add(AdoptionMetrics.activeShare(rows, teamSize: team.map { sizes[$0] ?? 0 } ?? max(everyone, Set(adoption.map(\.person)).count), team: team))
            add(AdoptionMetrics.acceptanceRate(rows, team: team, seed: Self.seed("ai.acceptance_rate", team ?? "", p)))
            add(AdoptionMetrics.acceptedLinesPerActiveDay(rows, team: team, seed: Self.seed("ai.accepted_lines_per_active_day", team ?? "", p)))
            add(AdoptionMetrics.persistence(pick(suggestions, team, \.team), team: team, seed: Self.seed("ai.persistence", team ?? "", p)))
        }

        // Quality, from the scans this reader may see.
        var findings: [FindingFacts] = []
        for (scope, snapshots) in try store.sarifScanSnapshots().sorted(by: { $0.key < $1.key }) + (try store.codeGuruReviewSnapshots().sorted(by: { $0.key < $1.key })) {
            let repository = String(scope.split(separator: "|").first ?? "")
            let owner = try store.owner(of: repository, on: period.last)
            let first = snapshots.map(\.time).min() ?? 0
            for (_, history) in FindingLifecycle.histories(snapshots).sorted(by: { $0.key < $1.key }) {
                findings.append(FindingFacts(team: owner, repository: repository, history: history, inBaseline: history.firstSeen == first))
            }
        }
        let volume = try store.scanVolume(period)
        var owners: [String: String?] = [:]
        for repository in Set(volume.lines.keys).union(volume.scans.keys) { owners[repository] = try store.owner(of: repository, on: period.last) }
        for team in groups {
            let mine = pick(findings, team, \.team)
            let lines = volume.lines.filter { team == nil || owners[$0.key] == team }
            let scans = volume.scans.filter { team == nil || owners[$0.key] == team }
            add(QualityMetrics.newFindingsRate(mine, lines: lines, scans: scans, team: team, from: start, to: end,
                                               seed: Self.seed("quality.new_findings_rate", team ?? "", p)))
            add(store.datasets.contains(.compliance) ? .noData(MetricRegistry.openHighSeverity.id, team: team)
                : MetricValue(metric: MetricRegistry.openHighSeverity.id, team: team, estimate: nil, interval: nil, people: 0, events: 0, label: .low,
                              note: "security findings are not among this audience's datasets"))
            add(QualityMetrics.timeToFix(mine, team: team, to: end))
            add(QualityMetrics.suppressionShare(mine, team: team, from: start, to: end))
        }

        // Flow and outcomes.
        let prs = try store.pullRequestFacts(period)
        let deployments = try store.deploymentFacts(period), incidents = try store.incidentFacts(period)
        for team in groups {
            let mine = pick(prs, team, \.team)
            add(FlowMetrics.reviewPickup(mine, team: team, periodEnd: end))
            add(FlowMetrics.cycleTime(mine, team: team, seed: Self.seed("flow.cycle_time", team ?? "", p)))
            add(FlowMetrics.reviewDepth(mine, team: team).withoutComments)
            let d = pick(deployments, team, \.team), i = pick(incidents, team, \.team)
            add(OutcomeMetrics.changeFailureRate(d, team: team))
            add(OutcomeMetrics.defectEscape(d, incidents: i, team: team))
            add(OutcomeMetrics.restoreTime(i, team: team, periodEnd: end))
        }

        // Experience and trust.
        let survey = try store.surveyCounts(period, favourableFrom: policy.survey?.favourableFrom ?? 4)
        let scope = try store.peopleInScope(on: period.last)
        for team in groups {
            let rows = team == nil ? survey : survey.filter { $0.team == team }
            add(PeopleMetrics.satisfaction(favourable: rows.reduce(0) { $0 + $1.favourable }, answers: rows.reduce(0) { $0 + $1.answers },
                                           responses: rows.reduce(0) { $0 + $1.responses }, teamSize: team.map { sizes[$0] ?? 0 } ?? everyone, team: team))
        }
        // Consent and disputes are counted for the organisation only: per team they would single people out.
        let optional = policy.programmes.filter { !$0.value }.keys.sorted()
        for team in groups {
            guard team == nil else {
                for id in [MetricRegistry.optInRate.id, MetricRegistry.disputeRate.id, MetricRegistry.selfViewUptake.id] {
                    add(MetricValue(metric: id, team: team, estimate: nil, interval: nil, people: 0, events: 0, label: .low, note: "organisation only"))
                }
                continue
            }
            let optedIn = try optional.filter { $0 != ReportBuilder.selfViewProgramme }.reduce(0) { $0 + (try store.optedIn($1, on: period.last)) }
            add(optional.count > 1 ? PeopleMetrics.share(MetricRegistry.optInRate.id, count: optedIn, of: scope, team: nil)
                : MetricValue(metric: MetricRegistry.optInRate.id, team: nil, estimate: nil, interval: nil, people: scope, events: 0, label: .low,
                              note: "no optional programme besides the self-view"))
            add(PeopleMetrics.disputes(filed: try store.disputesFiled(period), people: scope, to: period.last, team: nil))
            add(PeopleMetrics.share(MetricRegistry.selfViewUptake.id, count: try store.optedIn(ReportBuilder.selfViewProgramme, on: period.last), of: scope, team: nil))
        }

        // Disclosure: one decision per team from its people, across departments and the organisation.
        var byDepartment: [String: [Int]] = [:]
        var loose: [Int] = []
        for (i, team) in teams.enumerated() { if let d = departments[team] { byDepartment[d, default: []].append(i) } else { loose.append(i) } }
        var order: [Int?] = []   // pre-order: department markers (nil) and team indexes
        var children: [DisclosureNode] = []
        for name in byDepartment.keys.sorted() {
            let members = byDepartment[name]!
            children.append(DisclosureNode(contributors: members.reduce(0) { $0 + sizes[teams[$1]]! },
                                           children: members.map { DisclosureNode(contributors: sizes[teams[$0]]!) }))
            order.append(nil)
            order += members.map { $0 }
        }
        for i in loose { children.append(DisclosureNode(contributors: sizes[teams[i]]!)); order.append(i) }
        let decisions = HierarchicalDisclosure.decide(DisclosureNode(contributors: everyone, children: children), k: policy.minimumGroupSize)
        var suppressed: [String: SuppressionReason] = [:]
        for (position, index) in order.enumerated() {
            if let index, case .suppressed(let reason) = decisions[position + 1] { suppressed[teams[index]] = reason }
        }
        let organisationHidden = !decisions[0].isShown
        for (metric, list) in values {
            values[metric] = list.map { value in
                let reason = value.team.flatMap { suppressed[$0] } ?? (value.team == nil && organisationHidden ? .fewerThanK(k: policy.minimumGroupSize) : nil)
                guard let reason else { return value }
                var hidden = MetricValue(metric: value.metric, team: value.team, estimate: nil, interval: nil, people: 0, events: 0, label: .suppressed)
                hidden.note = reason == .complementary ? "hidden so a smaller team's figures cannot be worked out" : "fewer than \(policy.minimumGroupSize) people"
                return hidden
            }
        }
        return Scorecard(teams: teams, values: values, suppressed: suppressed)
    }
}
