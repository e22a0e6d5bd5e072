import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// Reads the facts for a period through a reader (so only the audience's datasets) and computes every
/// metric, hiding nothing: the period's ``PeriodDisclosure`` decides what is hidden and applies it.
/// Seeds are derived from the metric, the team and the period, so the same inputs give the same
/// intervals.
public struct ScorecardAssembly {
    public let store: any StoreReading
    public let policy: Policy
    public let departments: [String: String]
    /// Where the period's Q Developer figures come from (raw rows, or the weekly tiers once purged).
    public var source: PeriodSource = .raw
    /// Changes that may explain a shift (the period and the two weeks before).
    public var changes: [ProgrammeChange] = []
    /// Whether to build the weekly series and their shift tests (not needed for a previous period's values).
    public var weeklySeries = true

    public init(store: any StoreReading, policy: Policy, departments: [String: String]) {
        self.store = store
        self.policy = policy
        self.departments = departments
    }

    /// FNV-1a 64-bit of the text: a stable seed per (metric, team, period).
    static func seed(_ parts: String...) -> UInt64 { SeededGenerator.seed(parts) }

    /// Change points in each shown team's weekly adoption series (acceptance rate, active people per
    /// team member, accepted lines per active day) and the organisation's, with their explanations;
    /// and the organisation's weekly series for the charts.
    func weeklyShifts(_ period: Period, teams: [String?], consent: ConsentRule, excluded: Set<String>) throws -> WeeklySeries {
        guard source == .raw else { return WeeklySeries() }
        let weekly = try store.weeklyInline(period, consent: consent)
        let active = try store.activePersonWeeks(period, consent: consent)
        let members = try store.memberships(period)
        var out = WeeklySeries()
        // Grouped by team once: filtering every list for every team is quadratic in the organisation's size.
        let weeklyByTeam = ByTeam(weekly, \.team)
        let activeByTeam = ByTeam(active.filter { !excluded.contains($0.person) }, \.team)
        let membersByTeam = ByTeam(members.filter { !excluded.contains($0.person) }, \.team)
        for team in teams {
            var byWeek: [Day: TeamWeekInline] = [:]
            for w in weeklyByTeam[team] {
                var current = byWeek[w.week] ?? TeamWeekInline(team: team, week: w.week, accepted: 0, shown: 0)
                current.accepted += w.accepted; current.shown += w.shown; current.people += w.people
                current.activeDays += w.activeDays; current.lines += w.lines; current.lineDays += w.lineDays
                byWeek[w.week] = current
            }
            let weeks = byWeek.keys.sorted()
            // Each week's denominator is the people in the team that week (a joiner counts from their first week).
            let teamMembers = membersByTeam[team]
            var sizes: [Day: Int] = [:]
            func size(_ week: Day) -> Int {
                if let known = sizes[week] { return known }
                let n = Set(teamMembers.filter { m in m.from <= week.adding(days: 6) && (m.to.map { $0 >= week } ?? true) }.map(\.person)).count
                sizes[week] = n
                return n
            }
            var activeByWeek: [Day: Set<String>] = [:]
            for a in activeByTeam[team] { activeByWeek[a.week, default: []].insert(a.person) }
            let series: [(MetricID, [WeeklyPoint])] = [
                (MetricRegistry.acceptanceRate.id, weeks.filter { byWeek[$0]!.shown > 0 }.map {
                    let w = byWeek[$0]!
                    return WeeklyPoint(week: $0, value: Double(w.accepted) / Double(w.shown),
                                       interval: WilsonInterval.interval(successes: Int64(w.accepted), trials: Int64(w.shown)))
                }),
                (MetricRegistry.activeShare.id, weeks.filter { size($0) > 0 }.map {
                    let active = min(size($0), activeByWeek[$0]?.count ?? 0)
                    return WeeklyPoint(week: $0, value: Double(active) / Double(size($0)),
                                       interval: WilsonInterval.interval(successes: Int64(active), trials: Int64(size($0))))
                }),
                // The metric's own statistic: inline lines over the person-days whose rows count them.
                (MetricRegistry.acceptedLines.id, weeks.filter { byWeek[$0]!.lineDays > 0 }
                    .map { WeeklyPoint(week: $0, value: Double(byWeek[$0]!.lines) / Double(byWeek[$0]!.lineDays)) }),
            ]
            collect(series, team: team, period: period, into: &out)
        }
        return out
    }

    /// Weekly series and the shifts found in them.
    struct WeeklySeries {
        var shifts: [Shift] = []
        var organisation: [MetricID: [WeeklyPoint]] = [:]
        var teams: [MetricID: [String: [WeeklyPoint]]] = [:]
    }

    /// Tests each weekly series of `team` for a shift and keeps the series for the charts (disclosure
    /// control removes a hidden cell's series and shifts afterwards: ``PeriodDisclosure/apply(to:)``).
    func collect(_ series: [(MetricID, [WeeklyPoint])], team: String?, period: Period, into out: inout WeeklySeries) {
        for (id, points) in series {
            if team == nil { out.organisation[id] = points }
            if let team { out.teams[id, default: [:]][team] = points }
            if let shift = ShiftExplanation.shift(metric: id, team: team, weeks: points.map(\.week), values: points.map(\.value), changes: changes,
                                                  seed: Self.seed("shift", id.rawValue, team ?? "", period.description)) {
                out.shifts.append(shift)
            }
        }
    }

    /// Weekly series of the flow metrics per team (by the week each pull request opened), their
    /// shifts, and the organisation's series for the charts.
    /// `kept` says whether a pull request counts in a metric (an upheld dispute may leave it out).
    func flowShifts(_ prs: [PullRequestFacts], period: Period, teams: [String?],
                    kept: (MetricID, PullRequestFacts) -> Bool = { _, _ in true }) -> WeeklySeries {
        func week(_ seconds: Int64) -> Day { Day(dayNumber: Int(seconds / 86_400)).isoWeekStart }
        let series: [(MetricID, (PullRequestFacts) -> Double?)] = [
            (MetricRegistry.reviewPickup.id, { pr in pr.firstReviewAt.map { Double(max(0, $0 - pr.openedAt)) / 3600 } }),
            (MetricRegistry.cycleTime.id, { pr in pr.mergedAt.map { Double(max(0, $0 - pr.openedAt)) / 3600 } }),
        ]
        var out = WeeklySeries()
        let byTeam = ByTeam(prs.filter { !$0.authorIsBot && !$0.draft }, \.team)
        for team in teams {
            let mine = byTeam[team]
            var weekly: [(MetricID, [WeeklyPoint])] = series.map { id, value in
                var byWeek: [Day: [Double]] = [:]
                for pr in mine where kept(id, pr) { if let v = value(pr) { byWeek[week(pr.openedAt), default: []].append(v) } }
                return (id, byWeek.keys.sorted().map {
                    let sorted = byWeek[$0]!.sorted()
                    return WeeklyPoint(week: $0, value: Quantile.sorted(sorted, 0.5)!, interval: Quantile.medianInterval(sorted: sorted))
                })
            }
            var approvals: [Day: (silent: Int, all: Int)] = [:]
            for pr in mine where pr.reviewComments != nil && pr.approvalCount > 0 && kept(MetricRegistry.reviewDepth.id, pr) {
                var v = approvals[week(pr.openedAt)] ?? (0, 0)
                v.all += pr.approvalCount
                if pr.reviewComments == 0 { v.silent += pr.approvalCount }
                approvals[week(pr.openedAt)] = v
            }
            weekly.append((MetricRegistry.reviewDepth.id, approvals.keys.sorted().map {
                let a = approvals[$0]!
                return WeeklyPoint(week: $0, value: Double(a.silent) / Double(a.all),
                                   interval: WilsonInterval.interval(successes: Int64(a.silent), trials: Int64(a.all)))
            }))
            collect(weekly, team: team, period: period, into: &out)
        }
        return out
    }

    /// Every finding's history as of the end of `day` from the scans this reader may see, not yet owned by a team.
    func findingHistories(asOf day: Day) throws -> [FindingFacts] {
        try findingHistories(store.sarifScanSnapshots(), asOf: day) + findingHistories(store.codeGuruReviewSnapshots(), asOf: day)
    }

    /// The histories of the findings of `scopes` (scans or code reviews per repository) from the scans
    /// up to the end of `day` only — a later scan can reopen, fix or suppress a finding, and must not
    /// change a quarter already reported — not yet owned by a team.
    func findingHistories(_ scopes: [String: [ScanSnapshot]], asOf day: Day) -> [FindingFacts] {
        let end = Int64(day.dayNumber + 1) * 86_400 - 1
        var findings: [FindingFacts] = []
        for (scope, all) in scopes.sorted(by: { $0.key < $1.key }) {
            let snapshots = all.filter { $0.time <= end }
            guard !snapshots.isEmpty else { continue }
            let repository = String(scope.split(separator: "|").first ?? "")
            let first = snapshots.map(\.time).min() ?? 0
            for (_, history) in FindingLifecycle.histories(snapshots).sorted(by: { $0.key < $1.key }) {
                findings.append(FindingFacts(team: nil, repository: repository, history: history, inBaseline: history.firstSeen == first))
            }
        }
        return findings
    }

    /// `findings`, each owned by the team that owns its repository on `day`.
    func owned(_ findings: [FindingFacts], on day: Day) throws -> [FindingFacts] {
        var owners: [String: String?] = [:]
        return try findings.map { f in
            var f = f
            if owners[f.repository] == nil { owners[f.repository] = .some(try store.owner(of: f.repository, on: day)) }
            f.team = owners[f.repository]!
            return f
        }
    }

    public func build(_ period: Period) throws -> UndisclosedScorecard {
        let sizes = try store.teamSizes(period)
        let teams = sizes.keys.sorted { $0.lowercased() != $1.lowercased() ? $0.lowercased() < $1.lowercased() : $0 < $1 }
        let groups: [String?] = teams.map { $0 } + [nil]
        let start = Int64(period.first.dayNumber) * 86_400, end = Int64(period.last.dayNumber + 1) * 86_400 - 1
        var values: [MetricID: [MetricValue]] = [:]
        func add(_ value: MetricValue) { values[value.metric, default: []].append(value) }
        let p = period.description

        // Adoption.
        let consent = policy.consentRule(for: MetricRegistry.acceptanceRate.programme)
        // Once purge has cut into the period, adoption comes from person-weeks (accepted lines are not
        // kept there); from team-weeks, only the acceptance table above the scorecard can say anything.
        let adoption: [PersonAdoption]
        switch source {
        case .raw: adoption = try store.adoptionRows(period, consent: consent)
        case .enriched:
            adoption = try store.personWeekTotals(period, consent: consent).map {
                PersonAdoption(team: $0.team, person: $0.person, activeDays: $0.activeDays, accepted: $0.accepted, shown: $0.shown, acceptedLines: 0)
            }
        case .aggregate: adoption = []
        }
        func tierNote(_ value: MetricValue, lines: Bool = false) -> MetricValue {
            guard source != .raw, lines || source == .aggregate else { return value }
            return MetricValue(metric: value.metric, team: value.team, estimate: nil, interval: nil, people: 0, events: 0, label: .low,
                               note: source == .aggregate ? "person rows purged: see the acceptance table, from weekly team totals"
                                   : "daily rows purged: accepted lines are not kept in the weekly tiers")
        }
        // The organisation's people, each once (a person who moved between teams is in two team sizes).
        let consentedEveryone = try store.organisationSize(period, consent: consent)
        let everyoneAtEnd = try store.organisationSize(on: period.last, consent: consent)
        let consentedSizes = try store.teamSizes(period, consent: consent)
        let excluded = try store.excludedPeople(consent, on: period.last)
        let suggestions = ByTeam(try store.suggestionOutcomes(period, consent: consent), \.team)
        let seats = try store.copilotSeatHoldersByTeam(period)
        let sizesAtEnd = try store.teamSizes(on: period.last, consent: consent)
        let adoptionByTeam = ByTeam(adoption, \.team)
        for team in groups {
            let rows = adoptionByTeam[team]
            // Active share counts only people the programme may count at the period's end, above and below the line.
            add(tierNote(AdoptionMetrics.activeShare(rows.filter { !excluded.contains($0.person) },
                                                     teamSize: team.map { consentedSizes[$0] ?? 0 } ?? consentedEveryone, team: team)))
            add(tierNote(AdoptionMetrics.acceptanceRate(rows, team: team, seed: Self.seed("ai.acceptance_rate", team ?? "", p))))
            add(tierNote(AdoptionMetrics.acceptedLinesPerActiveDay(rows, team: team, seed: Self.seed("ai.accepted_lines_per_active_day", team ?? "", p)), lines: true))
            add(AdoptionMetrics.persistence(suggestions[team], team: team, seed: Self.seed("ai.persistence", team ?? "", p)))
            // Licence coverage on the period's last day, over the people the programme may count then.
            let holders = { (t: String) in (seats.byTeam[t] ?? []).subtracting(excluded).count }
            if seats.gone {
                add(MetricValue(metric: MetricRegistry.licenceCoverage.id, team: team, estimate: nil, interval: nil, people: 0, events: 0, label: .low,
                                note: "no data: the seat holders of the period's last day are past the enriched retention window (\(policy.retention.enrichedDays) days)"))
            } else {
                add(AdoptionMetrics.licenceCoverage(holders: team.map(holders) ?? sizesAtEnd.keys.reduce(0) { $0 + holders($1) },
                                                    teamSize: team.map { sizesAtEnd[$0] ?? 0 } ?? everyoneAtEnd,
                                                    seatsExported: seats.exported, team: team))
            }
        }

        // Quality, from the scans this reader may see; security findings from the security-outcome tier
        // (counts and durations, in the operational file): the same for every audience that reads it.
        let reviews = try owned(findingHistories(store.codeGuruReviewSnapshots(), asOf: period.last), on: period.last)
        let findings = ByTeam(try owned(findingHistories(store.sarifScanSnapshots(), asOf: period.last), on: period.last) + reviews, \.team)
        let outcomes = try store.securityOutcomes(asOf: period.last)
        let outcomeTierReadable = store.datasets.contains(.operational)
        let ownedOutcomes = try owned(outcomes.map { FindingFacts(team: nil, repository: $0.repository, history: $0.history, inBaseline: false) },
                                      on: period.last)
        // Time to fix counts repositories (its n) across analysers that name them differently (CodeGuru
        // Security's bare resource name, a SARIF scan's owner/name): each is counted by its canonical key.
        let keys = try store.repositoryKeys(Set((reviews + ownedOutcomes).map(\.repository)))
        let fixes = ByTeam((reviews + ownedOutcomes).map { f in var f = f; f.repository = keys[f.repository] ?? f.repository; return f }, \.team)
        let highOrCritical = ByTeam(zip(outcomes, ownedOutcomes).filter { $0.0.isHighOrCritical }.map(\.1), \.team)
        let volume = try store.scanVolume(period)
        var owners: [String: String?] = [:]
        for repository in Set(volume.lines.keys).union(volume.scans.keys) { owners[repository] = try store.owner(of: repository, on: period.last) }
        // Each team's share of the scanned volume, by repository (grouped once: per-team filtering is quadratic in teams).
        var linesByTeam: [String: [String: Int64]] = [:], scansByTeam: [String: [String: Int]] = [:]
        for (repository, n) in volume.lines { if let owner = owners[repository] ?? nil { linesByTeam[owner, default: [:]][repository] = n } }
        for (repository, n) in volume.scans { if let owner = owners[repository] ?? nil { scansByTeam[owner, default: [:]][repository] = n } }
        for team in groups {
            let mine = findings[team]
            // The organisation's volume is its teams': a repository no directory entry owns is in no figure.
            let lines = team.map { linesByTeam[$0] ?? [:] } ?? linesByTeam.values.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
            let scans = team.map { scansByTeam[$0] ?? [:] } ?? scansByTeam.values.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
            add(QualityMetrics.newFindingsRate(mine, lines: lines, scans: scans, team: team, from: start, to: end,
                                               seed: Self.seed("quality.new_findings_rate", team ?? "", p)))
            if outcomeTierReadable {
                // n is the population every team headcount publishes (active share's): two headcounts of a
                // team would give the number who objected away by difference.
                add(QualityMetrics.openHighSeverity(highOrCritical[team], team: team, at: end, people: team.map { consentedSizes[$0] ?? 0 } ?? consentedEveryone))
            } else {
                add(MetricValue(metric: MetricRegistry.openHighSeverity.id, team: team, estimate: nil, interval: nil, people: 0, events: 0, label: .low,
                                note: "security outcomes (the operational dataset) are not among this audience's datasets"))
            }
            add(QualityMetrics.timeToFix(fixes[team], team: team, to: end))
            add(QualityMetrics.suppressionShare(mine, team: team, from: start, to: end))
        }

        // Flow and outcomes.
        let prs = try store.pullRequestFacts(period, consent: policy.consentRule(for: MetricRegistry.reviewPickup.programme))
        let prsByTeam = ByTeam(prs, \.team)
        // Upheld disputes leave what they exclude out of the pull-request metric they are about.
        let disputes = DisputePlacement(try store.disputes(about: period), teams: Set(teams))
        func kept(_ metric: MetricID, _ list: [PullRequestFacts]) -> [PullRequestFacts] {
            disputes.upheldExclusions(metric).isEmpty ? list : list.filter { !disputes.excludes(metric, $0) }
        }
        let deployments = ByTeam(try store.deploymentFacts(period), \.team), incidents = ByTeam(try store.incidentFacts(period), \.team)
        for team in groups {
            let mine = prsByTeam[team]
            add(FlowMetrics.reviewPickup(kept(MetricRegistry.reviewPickup.id, mine), team: team, periodEnd: end))
            add(FlowMetrics.cycleTime(kept(MetricRegistry.cycleTime.id, mine), team: team, seed: Self.seed("flow.cycle_time", team ?? "", p)))
            add(FlowMetrics.reviewDepth(kept(MetricRegistry.reviewDepth.id, mine), team: team).withoutComments)
            let d = deployments[team], i = incidents[team]
            add(OutcomeMetrics.changeFailureRate(d, team: team))
            add(OutcomeMetrics.defectEscape(d, incidents: i, team: team))
            add(OutcomeMetrics.restoreTime(i, team: team, periodEnd: end))
        }

        // Experience and trust.
        let survey = ByTeam(try store.surveyCounts(period, favourableFrom: policy.survey?.favourableFrom ?? 4), \.team)
        let scope = try store.peopleInScope(on: period.last)
        for team in groups {
            let rows = survey[team]
            add(PeopleMetrics.satisfaction(favourable: rows.reduce(0) { $0 + $1.favourable }, answers: rows.reduce(0) { $0 + $1.answers },
                                           responses: rows.reduce(0) { $0 + $1.responses },
                                           // The same people as active share's n: a second headcount of the team (all its
                                           // members) would give the number who objected away by difference.
                                           teamSize: team.map { consentedSizes[$0] ?? 0 } ?? consentedEveryone, team: team,
                                           respondents: rows.reduce(ClusterSums(n: 0, y: 0, x: 0, yy: 0, xx: 0, xy: 0)) { $0 + $1.respondents },
                                           // Per item for the organisation only: a team's items, a few respondents each, could
                                           // be worked out from its pooled value, the organisation's items and what hides them.
                                           items: team != nil ? [:] : rows.reduce(into: [String: (answers: Int, favourable: Int)]()) { out, row in
                                               for (item, c) in row.items {
                                                   let sum = out[item] ?? (0, 0)
                                                   out[item] = (sum.answers + c.answers, sum.favourable + c.favourable)
                                               }
                                           }))
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
            let optedIn = try optional.filter { $0 != ReportWriter.selfViewProgramme }.reduce(0) { $0 + (try store.optedIn($1, on: period.last)) }
            add(optional.count > 1 ? PeopleMetrics.share(MetricRegistry.optInRate.id, count: optedIn, of: scope, team: nil)
                : MetricValue(metric: MetricRegistry.optInRate.id, team: nil, estimate: nil, interval: nil, people: scope, events: 0, label: .low,
                              note: "no optional programme besides the self-view"))
            add(PeopleMetrics.disputes(filed: try store.disputesFiled(period), people: scope, to: period.last, team: nil))
            add(PeopleMetrics.share(MetricRegistry.selfViewUptake.id, count: try store.optedIn(ReportWriter.selfViewProgramme, on: period.last), of: scope, team: nil))
        }

        var card = Scorecard(teams: teams, values: values, suppressed: [:])
        card.sourceDays = try store.sourceDays(period)
        card.securityOutcomesRead = outcomeTierReadable
        card.readable = Set(SourceFamily.allCases.filter { store.datasets.contains(policy.sourcePolicy(for: $0).dataset) })
        card.periodDays = period.dayCount
        // A "no data" cell says which of coverage's causes left it empty: the source sent nothing in
        // the period, this audience may not read it, or its records joined no person or repository of
        // this team.
        for (metric, list) in card.values {
            guard let definition = MetricRegistry.metric(metric), !definition.sources.isEmpty else { continue }
            let unreadable = definition.sources.filter { !card.readable.contains($0) }
            let silent = definition.sources.filter { card.readable.contains($0) && (card.sourceDays[$0] ?? 0) == 0 }
            card.values[metric] = list.map { value in
                guard value.estimate == nil, value.note == "no data from this source" else { return value }
                var v = value
                // Findings read through the security-outcome tier: nothing of any analyser was recorded for the team.
                if outcomeTierReadable && MetricRegistry.securityOutcomeMetrics.contains(metric) {
                    v.note = metric == MetricRegistry.openHighSeverity.id
                        ? "no data: no High or Critical finding recorded in \(value.team == nil ? "the organisation's" : "this team's") repositories by the period's end"
                        : "no data: no finding of codeguru-reviewer, codeguru-security or sarif recorded in \(value.team == nil ? "the organisation's" : "this team's") repositories by the period's end"
                    return v
                }
                if unreadable.count == definition.sources.count {
                    v.note = "no data: \(unreadable.map(\.rawValue).joined(separator: ", ")) not among this audience's datasets"
                } else if silent.count + unreadable.count == definition.sources.count {
                    v.note = "no data: no record from \(silent.map(\.rawValue).joined(separator: " or ")) in the period"
                } else if value.team != nil {
                    let read = definition.sources.filter { card.readable.contains($0) }
                    v.note = "no data: no record of \(read.map(\.rawValue).joined(separator: " or ")) joined this team (see Coverage)"
                        + (unreadable.isEmpty ? "" : "; \(unreadable.map(\.rawValue).joined(separator: ", ")) not among this audience's datasets")
                }
                return v
            }
        }
        // A metric the board retired is not published in the quarters its retirement covers: each of its
        // cells says so instead of a figure (the policy's retired_metrics, from the quarter after the decision).
        let retired = Set(card.values.keys.filter { policy.retirement(of: $0.rawValue, in: period) != nil })
        for metric in retired {
            let note = policy.retirement(of: metric.rawValue, in: period)!.note
            card.values[metric] = card.values[metric]!.map {
                MetricValue(metric: $0.metric, team: $0.team, estimate: nil, interval: nil, people: 0, events: 0, label: .low, note: note)
            }
        }
        // The period's disputes on their cells: open ones as open, upheld ones with what they did.
        for (metric, list) in card.values {
            card.values[metric] = list.map { value in
                var v = value
                v.disputes = disputes.notes(metric, team: value.team)
                v.disputeLabels = disputes.labels(metric, team: value.team)
                return v
            }
        }
        card.disputes = disputes.lines(period: period, pullRequests: prs)
        guard weeklySeries else { return UndisclosedScorecard(computed: card, teamSizes: sizes) }
        let weekly = try weeklyShifts(period, teams: groups, consent: consent, excluded: excluded)
        card.shiftTests = weekly.shifts
        for (id, points) in weekly.organisation { card.weekly[id] = points }
        let flow = flowShifts(prs, period: period, teams: groups, kept: { !disputes.excludes($0, $1) })
        card.shiftTests += flow.shifts
        for (id, points) in flow.organisation { card.weekly[id] = points }
        card.teamWeekly = weekly.teams.merging(flow.teams) { a, _ in a }
        // The adoption series are read from Q Developer's daily rows: they are the figure's Q Developer
        // part. They are kept where the figure is Q Developer's alone, or where the team also used
        // another assistant and its Q Developer part is a cell disclosure control decides (the part is
        // hidden with the series when it is); elsewhere they and their shifts are left out.
        let adoptionSeries: Set<MetricID> = [MetricRegistry.acceptanceRate.id, MetricRegistry.activeShare.id, MetricRegistry.acceptedLines.id]
        func qDeveloperOnly(_ metric: MetricID, _ team: String?) -> Bool {
            guard adoptionSeries.contains(metric) else { return true }
            guard let value = card.value(metric, team: team) else { return false }
            return value.parts.isEmpty || value.parts[.assistant(.qDeveloper)] != nil
        }
        for metric in adoptionSeries {
            if !qDeveloperOnly(metric, nil) { card.weekly[metric] = nil }
            for team in card.teamWeekly[metric]?.keys.sorted() ?? [] where !qDeveloperOnly(metric, team) { card.teamWeekly[metric]?[team] = nil }
        }
        card.shiftTests = card.shiftTests.filter { qDeveloperOnly($0.metric, $0.team) && !retired.contains($0.metric) }
        for metric in retired {
            card.weekly[metric] = nil
            card.teamWeekly[metric] = nil
        }
        return UndisclosedScorecard(computed: card, teamSizes: sizes)
    }
}

/// A list and its members grouped by team, once: `[nil]` is the whole list (the organisation),
/// `[team]` that team's members in the list's order — what `filter { $0.team == team }` gives, without
/// scanning the list again for every team.
struct ByTeam<T> {
    /// Every item placed in a team: the organisation's. A record in no team — a person the directory
    /// does not place, a repository no directory entry owns — is in no figure, the organisation's
    /// included (coverage counts it), so the organisation less the shown teams is never a hidden
    /// team's figure plus something coverage publishes.
    let all: [T]
    /// Each team's items, as positions in `all`: a report holds every pull request of a period, so
    /// the groups are not a second copy of them.
    private let groups: [String: [Int32]]

    init(_ items: [T], _ teamOf: (T) -> String?) {
        var placed: [Int] = []
        var groups: [String: [Int32]] = [:]
        for (i, item) in items.enumerated() {
            if let team = teamOf(item) {
                placed.append(i)
                groups[team, default: []].append(Int32(placed.count - 1))
            }
        }
        // Everything placed (the usual case): `all` shares the caller's storage.
        self.all = placed.count == items.count ? items : placed.map { items[$0] }
        self.groups = groups
    }

    subscript(team: String?) -> [T] { team.map { name in (groups[name] ?? []).map { all[Int($0)] } } ?? all }
}
