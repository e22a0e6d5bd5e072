import CandorVocabulary
import CandorParsing
import CandorPolicy
import CandorIngest
import CandorStorage
import CandorAnalysis
import CandorMail
import CandorReport

/// Runs the detectors for every team the report shows. Teams hidden by disclosure control — in this
/// period, or in the previous one for detectors that compare the two — are never looked at, and a
/// detector never reads a value the scorecard hides, so a signal cannot reveal a suppressed figure.
public struct SignalAssembly {
    public let store: any StoreReading
    public let policy: Policy
    public let departments: [String: String]

    public init(store: any StoreReading, policy: Policy, departments: [String: String]) {
        self.store = store
        self.policy = policy
        self.departments = departments
    }

    static func value(_ card: Scorecard, _ metric: MetricID, _ team: String) -> MetricValue? {
        card.value(metric, team: team)
    }

    static func isHidden(_ card: Scorecard, _ metric: MetricID, _ team: String) -> Bool {
        value(card, metric, team)?.label == .suppressed
    }

    /// Values the scorecard does not carry but the detectors read beside it, per team.
    func auxiliary(_ period: Period, card: Scorecard, prs: [PullRequestFacts]) throws -> [String: [MetricID: MetricValue]] {
        let consent = policy.consentRule(for: MetricRegistry.acceptanceRate.programme)
        var out: [String: [MetricID: MetricValue]] = [:]
        let lines = ByTeam(try store.inlineLinesPerPerson(period, consent: consent), \.team)
        let prsByTeam = ByTeam(prs, \.team)
        for team in card.teams {
            let rows = lines[team]
            // Lines per acceptance over people (a cluster bootstrap), for the assistants in `rows`.
            func value(_ rows: [(team: String?, person: String, assistant: Assistant, lines: Int64, accepted: Int64)]) -> MetricValue? {
                var people: [String: (lines: Int64, accepted: Int64)] = [:]
                for row in rows {
                    var v = people[row.person] ?? (0, 0)
                    v.lines += row.lines; v.accepted += row.accepted
                    people[row.person] = v
                }
                let accepted = people.values.reduce(0) { $0 + $1.accepted }
                guard accepted > 0 else { return nil }
                let clusters = people.sorted { $0.key < $1.key }.map { (y: Double($0.value.lines), x: Double($0.value.accepted)) }
                return MetricValue(metric: "signal.lines_per_acceptance", team: team, estimate: Double(people.values.reduce(0) { $0 + $1.lines }) / Double(accepted),
                                   interval: Bootstrap.ratioOfSums(clusters, seed: ScorecardAssembly.seed("signal.lines_per_acceptance", team, period.description)),
                                   people: people.count, events: Int(accepted))
            }
            if let acceptance = card.value(MetricRegistry.acceptanceRate.id, team: team), acceptance.label != .suppressed, var whole = value(rows) {
                // Per assistant too, where the acceptance rate's own part is shown (the same people):
                // the signals then compare like with like when the mix of assistants changes.
                for (part, shown) in acceptance.parts where shown.label != .suppressed {
                    if let assistant = part.assistant, let v = value(rows.filter { $0.assistant == assistant }) { whole.parts[part] = v }
                }
                for part in Set(rows.map { MetricPart.assistant($0.assistant) }) where whole.parts[part] == nil && acceptance.parts[part] != nil {
                    // A part the scorecard hides is marked hidden here too: it is never read.
                    whole.parts[part] = Scorecard.hidden(MetricValue(metric: "signal.lines_per_acceptance", team: team, estimate: nil, interval: nil,
                                                                          people: 0, events: 0), reason: .complementary, k: policy.minimumGroupSize)
                }
                out[team, default: [:]]["signal.lines_per_acceptance"] = whole
            }
            if !Self.isHidden(card, MetricRegistry.reviewDepth.id, team) {
                var quick = FlowMetrics.reviewDepth(prsByTeam[team], team: team).quickShare
                quick.metric = "signal.quick_approvals"
                if quick.estimate != nil { out[team, default: [:]]["signal.quick_approvals"] = quick }
            }
        }
        return out
    }

    /// Scanning counts per team (detector 3).
    func qualityCounts(_ period: Period, card: Scorecard, findings: [FindingFacts]) throws -> [String: Detectors.QualityCounts] {
        let start = Int64(period.first.dayNumber) * 86_400, end = Int64(period.last.dayNumber + 1) * 86_400 - 1
        let volume = try store.scanVolume(period)
        let coverage = try store.codeReviewCoverage(period)
        var owners: [String: String?] = [:]
        for repository in Set(volume.scans.keys).union(coverage.keys) { owners[repository] = try store.owner(of: repository, on: period.last) }
        var out: [String: Detectors.QualityCounts] = [:]
        // Grouped by team once (filtering every list for every team is quadratic in teams).
        let closedByTeam = ByTeam(findings.filter { f in f.history.closedAt.map { $0 >= start && $0 <= end } ?? false }, \.team)
        var coverageByTeam: [String: [(metered: Int64, excluded: Int64, thumbsDown: Int)]] = [:]
        for (repository, c) in coverage { if let owner = owners[repository] ?? nil { coverageByTeam[owner, default: []].append((c.metered, c.excluded, c.thumbsDown)) } }
        var scannedByTeam: [String: Int] = [:]
        for repository in volume.scans.keys { if let owner = owners[repository] ?? nil { scannedByTeam[owner, default: 0] += 1 } }
        for team in card.teams {
            let closed = closedByTeam[team]
            let mine = coverageByTeam[team] ?? []
            out[team] = Detectors.QualityCounts(
                closed: closed.count, hidden: closed.filter { $0.history.state == .suppressed || $0.history.state == .dismissed }.count,
                repositoriesScanned: scannedByTeam[team] ?? 0,
                meteredLines: mine.reduce(0) { $0 + $1.metered }, excludedLines: mine.reduce(0) { $0 + $1.excluded },
                thumbsDown: mine.reduce(0) { $0 + $1.thumbsDown })
        }
        return out
    }

    /// The values of two periods made comparable where a metric combines assistants. When the
    /// assistants used differ between the periods (an export that starts or stops), the combined
    /// value moves with the mix as well as the work: the detectors then compare the one assistant
    /// used in both, where its part is shown in both. Where it is not (a part hidden to protect a
    /// small one), they compare the combined values, and each signal that reads them names the
    /// change of mix as the first explanation to rule out (`mixChanged`: metric → what changed).
    static func likeWithLike(_ before: [MetricID: MetricValue], _ after: [MetricID: MetricValue])
        -> (before: [MetricID: MetricValue], after: [MetricID: MetricValue], mixChanged: [MetricID: String]) {
        var b = before, a = after
        var mix: [MetricID: String] = [:]
        for (metric, now) in after {
            // Assistants only: a survey's items are parts too, but a changed set of items is the survey's own change.
            let used = (Set(before[metric]?.parts.keys.filter { $0.assistant != nil } ?? []), Set(now.parts.keys.filter { $0.assistant != nil }))
            guard let then = before[metric], !(used.0.isEmpty && used.1.isEmpty) else { continue }
            guard used.0 != used.1 else { continue }
            let common = used.0.intersection(used.1)
            if common.count == 1, let assistant = common.first, let pb = then.parts[assistant], let pa = now.parts[assistant],
               pb.label != .suppressed, pa.label != .suppressed {
                b[metric] = pb
                a[metric] = pa
                continue
            }
            let added = used.1.subtracting(used.0).sorted().map(\.name), removed = used.0.subtracting(used.1).sorted().map(\.name)
            mix[metric] = "the assistants counted changed between the periods"
                + (added.isEmpty ? "" : " (now also \(added.joined(separator: ", ")))") + (removed.isEmpty ? "" : " (no longer \(removed.joined(separator: ", ")))")
                + ": part of the move may be the new mix, not the work"
        }
        return (b, a, mix)
    }

    /// The tests of the scorecard itself, collected into a period's family before the detectors': the
    /// organisation's change since the previous period in every metric (as the review prints it) and
    /// every weekly series tested for a shift.
    static func collectScorecardTests(current: Scorecard, before: Scorecard, into family: inout TestFamily) {
        for metric in MetricRegistry.all {
            guard let now = current.values[metric.id]?.last(where: { $0.team == nil }),
                  let then = before.values[metric.id]?.last(where: { $0.team == nil }),
                  now.label != .suppressed, then.label != .suppressed else { continue }
            _ = family.movement(then, now)
        }
        for shift in current.shiftTests { _ = family.significant(shift.familyKey, p: shift.pValue) }
    }

    /// Runs every detector for `period`, given the period's scorecard and the previous period's, each
    /// as the reports show it (its period's disclosure decision applied). Every test behind the period's
    /// outputs is one family (``TestFamily``): collected in a first pass, decided by Benjamini–Hochberg at
    /// the policy's `signals.alpha`, then every detector run again on the verdicts. `family`, when given,
    /// is a decision already made for the period (the review's, for another audience's outputs).
    public func build(_ period: Period, current: Scorecard, before: Scorecard, family given: TestFamily? = nil) throws -> SignalReport {
        let previous = period.previous
        let thresholds = policy.signals

        let shown = current.teams.filter { current.suppressed[$0] == nil }
        let teamsBefore = Set(before.teams)
        let comparable = shown.filter { teamsBefore.contains($0) && before.suppressed[$0] == nil }
        var coverage: [String: String] = [:]

        // Everything the detectors read, read once: the detectors then run twice without the store.
        let prs = try store.pullRequestFacts(period, consent: policy.consentRule(for: MetricRegistry.reviewPickup.programme))
        let auxNow = try auxiliary(period, card: current, prs: prs)
        let auxBefore = try auxiliary(previous, card: before, prs: try store.pullRequestFacts(previous, consent: policy.consentRule(for: MetricRegistry.reviewPickup.programme)))
        func values(_ card: Scorecard, _ aux: [String: [MetricID: MetricValue]], _ team: String) -> [MetricID: MetricValue] {
            var out = aux[team] ?? [:]
            for metric in card.values.keys { if let v = card.value(metric, team: team) { out[metric] = v } }
            return out
        }
        let builder = ScorecardAssembly(store: store, policy: policy, departments: departments)
        let qualityNow = try qualityCounts(period, card: current, findings: try builder.owned(builder.findingHistories(asOf: period.last), on: period.last))
        let qualityBefore = try qualityCounts(previous, card: before, findings: try builder.owned(builder.findingHistories(asOf: previous.last), on: previous.last))
        let surveyNow = Dictionary(grouping: try store.surveyCounts(period, favourableFrom: policy.survey?.favourableFrom ?? 4), by: \.team)
        let surveyBefore = Dictionary(grouping: try store.surveyCounts(previous, favourableFrom: policy.survey?.favourableFrom ?? 4), by: \.team)
        // The response rate over the people the programme may count — active share's n, as the scorecard's note prints it.
        let surveyConsent = policy.consentRule(for: MetricRegistry.acceptanceRate.programme)
        let sizesNow = try store.teamSizes(period, consent: surveyConsent), sizesBefore = try store.teamSizes(previous, consent: surveyConsent)
        // A change can explain a move between the quarters only inside the window the reports use for a
        // quarter's changes: the later quarter and the 14 days before it (a change in the middle of the
        // earlier quarter shaped both, and is not named).
        let changes = try store.programmeChanges(from: ProgrammeChange.windowStart(of: period), to: period.last)
        let pairs = comparable.map { team in (team: team, Self.likeWithLike(values(before, auxBefore, team), values(current, auxNow, team))) }

        func betweenPeriods(_ family: inout TestFamily) -> [Signal] {
            var signals: [Signal] = []
            for (team, (b, a, mix)) in pairs {
                var mine: [Signal] = []
                let inflation = Detectors.acceptanceInflation(before: b, after: a, team: team, family: &family)
                // Acceptance inflation is the sharper reading of acceptance rising without persistence.
                mine += Detectors.leadingWithoutOutcome(before: b, after: a, team: team, family: &family, changes: changes)
                    .filter { !(inflation != nil && $0.title.hasPrefix(MetricRegistry.acceptanceRate.name)) }
                if let inflation { mine.append(inflation) }
                if let nb = b[MetricRegistry.newFindingsRate.id], let na = a[MetricRegistry.newFindingsRate.id],
                   let qb = qualityBefore[team], let qa = qualityNow[team],
                   let s = Detectors.suppressionInsteadOfFixing(newBefore: nb, newAfter: na, before: qb, after: qa, team: team, thresholds: thresholds,
                                                                family: &family) {
                    mine.append(s)
                }
                if let s = Detectors.rubberStamp(before: b, after: a, team: team, family: &family) { mine.append(s) }
                if let sb = b[MetricRegistry.satisfaction.id], let sa = a[MetricRegistry.satisfaction.id],
                   let rb = surveyBefore[team]?.first, let ra = surveyNow[team]?.first,
                   let nb = sizesBefore[team], let na = sizesNow[team], nb > 0, na > 0,
                   let s = Detectors.surveySelection(before: sb, after: sa, responseRateBefore: min(1, Double(rb.responses) / Double(nb)),
                                                     responseRateAfter: min(1, Double(ra.responses) / Double(na)), team: team, thresholds: thresholds) {
                    mine.append(s)
                }
                if let pb = b[MetricRegistry.persistence.id], let pa = a[MetricRegistry.persistence.id],
                   let s = Detectors.churnAfterAcceptance(before: pb, after: pa, team: team, family: &family) {
                    mine.append(s)
                }
                // A signal that reads a combined value whose mix of assistants changed says so first.
                for i in mine.indices {
                    for (metric, note) in mix.sorted(by: { $0.key < $1.key }) {
                        let name = MetricRegistry.metric(metric)?.name ?? metric.rawValue
                        if (mine[i].title + " " + mine[i].evidence.joined(separator: " ")).contains(name) { mine[i].alternatives.insert(note, at: 0) }
                    }
                }
                signals += mine
            }
            return signals
        }
        let between = "compared with \(previous) for \(comparable.count) of \(shown.count) shown teams"
        let hasBefore = before.sourceDays.values.contains { $0 > 0 }
        for info in Detectors.all where info.betweenPeriods {
            coverage[info.id] = hasBefore ? between : "not run: no data for \(previous)"
        }

        // Within the period: bunching past the policy's targets, bursts before its review dates.
        let consent = policy.consentRule(for: MetricRegistry.acceptanceRate.programme)
        var bunchingNotes: [String] = []
        var bunchingInputs: [(rates: [Double], metric: MetricID, target: Double, team: String)] = []
        for (key, target) in policy.targets.sorted(by: { $0.key < $1.key }) {
            let metric = MetricID(rawValue: key)
            if let retired = policy.retirement(of: key, in: period) {
                bunchingNotes.append("\(metric): not run, \(retired.note)")
                continue
            }
            guard metric == MetricRegistry.acceptanceRate.id else {
                bunchingNotes.append("\(metric): no person-week values to test")
                continue
            }
            let weeks = ByTeam(try store.personWeekInline(period, consent: consent), \.team)
            for team in shown where !Self.isHidden(current, metric, team) {
                let rates = weeks[team].filter { $0.shown >= Int64(thresholds.bunchingMinimumShown) }.map { Double($0.accepted) / Double($0.shown) }
                bunchingInputs.append((rates, metric, target, team))
            }
            bunchingNotes.append("\(metric) against its target \(ScorecardView.format(target, MetricRegistry.metric(metric)?.unit ?? .proportion)) for \(shown.count) shown teams")
        }
        coverage["threshold-bunching"] = policy.targets.isEmpty ? "not run: the policy publishes no targets" : bunchingNotes.joined(separator: "; ")

        var burstInputs: [(activity: String, window: [Int], baseline: [Int], review: ReviewDate, team: String)] = []
        let dates = policy.reviewCalendar.filter { $0.day.adding(days: -thresholds.burstWindowDays) <= period.last && $0.day > period.first }
        if dates.isEmpty {
            coverage["pre-review-burst"] = "not run: no review date in the policy's calendar falls in \(period)"
        } else {
            let daily = try store.dailyAccepted(period, consent: consent)
            let accepted = ByTeam(daily.rows, \.team)
            let assistants = Set(daily.rows.map(\.assistant)).sorted()
            let prsByTeam = ByTeam(prs, \.team)
            for review in dates {
                let windowStart = max(period.first, review.day.adding(days: -thresholds.burstWindowDays)), windowEnd = min(period.last, review.day.adding(days: -1))
                let days = (period.first.dayNumber...period.last.dayNumber).map(Day.init(dayNumber:))
                let inWindow = { (d: Day) in d >= windowStart && d <= windowEnd }
                for team in shown {
                    // Each series over the days its source covers: suggestions per assistant (an export that
                    // starts mid-period must not read as a burst), pull requests over the whole period.
                    var series: [(String, [Day: Int], [Day])] = []
                    // Per assistant only where the scorecard shows every assistant's part for the team
                    // (a series of a hidden part would print what disclosure control hides).
                    let acceptance = current.value(MetricRegistry.acceptanceRate.id, team: team)
                    let partsShown = acceptance.map { $0.parts.values.allSatisfy { $0.label != .suppressed } } ?? false
                    if !Self.isHidden(current, MetricRegistry.acceptanceRate.id, team) && (partsShown || assistants.count == 1)
                        && policy.retirement(of: MetricRegistry.acceptanceRate.id.rawValue, in: period) == nil {
                        for assistant in assistants {
                            var byDay: [Day: Int] = [:]
                            for row in accepted[team] where row.assistant == assistant { byDay[row.day, default: 0] += Int(row.accepted) }
                            let covered = days.filter { daily.covered[assistant]?.contains($0) ?? false }
                            let activity = assistants.count == 1 ? "inline suggestions accepted" : "suggestions accepted (\(assistant.name))"
                            series.append((activity, byDay, covered))
                        }
                    }
                    if !Self.isHidden(current, MetricRegistry.cycleTime.id, team) {
                        var byDay: [Day: Int] = [:]
                        for pr in prsByTeam[team] where !pr.authorIsBot { byDay[Day(dayNumber: Int(pr.openedAt / 86_400)), default: 0] += 1 }
                        series.append(("pull requests opened", byDay, days))
                    }
                    for (activity, byDay, covered) in series where !byDay.isEmpty {
                        let window = covered.filter(inWindow).map { byDay[$0] ?? 0 }, baseline = covered.filter { !inWindow($0) }.map { byDay[$0] ?? 0 }
                        guard !window.isEmpty, !baseline.isEmpty else { continue }
                        burstInputs.append((activity, window, baseline, review, team))
                    }
                }
            }
            coverage["pre-review-burst"] = "the \(thresholds.burstWindowDays) days before " + dates.map { "\($0.name) (\($0.day.iso8601))" }.joined(separator: ", ")
                + " against the rest of \(period), for \(shown.count) shown teams"
        }

        let order = Dictionary(uniqueKeysWithValues: Detectors.all.enumerated().map { ($1.id, $0) })
        func detect(_ family: inout TestFamily) -> [Signal] {
            var signals = betweenPeriods(&family)
            for x in bunchingInputs {
                if let s = Detectors.thresholdBunching(x.rates, metric: x.metric, target: x.target, team: x.team, thresholds: thresholds,
                                                       minimumGroupSize: policy.minimumGroupSize, family: &family) { signals.append(s) }
            }
            for x in burstInputs {
                if let s = Detectors.preReviewBurst(activity: x.activity, window: x.window, baseline: x.baseline, review: x.review, team: x.team,
                                                    thresholds: thresholds, family: &family) { signals.append(s) }
            }
            signals.sort { ($0.team ?? "", order[$0.detector] ?? 0, $0.title) < ($1.team ?? "", order[$1.detector] ?? 0, $1.title) }
            return signals
        }
        var family: TestFamily
        if let given {
            family = given
        } else {
            // First pass: every test any output could rest on, whatever the others find; then one decision.
            family = TestFamily(level: thresholds.alpha)
            Self.collectScorecardTests(current: current, before: before, into: &family)
            _ = detect(&family)
            family.decide()
        }
        let signals = detect(&family)
        return SignalReport(period: period, previous: previous, signals: signals, checkedTeams: shown,
                            hiddenTeams: current.teams.count - shown.count, coverage: coverage, before: before, family: family)
    }
}
