@testable import CandorVocabulary
@testable import CandorAnalysis
import Testing

@Suite("Scorecard metrics (known answers)")
struct ScorecardMetricsTests {
    static let hour: Int64 = 3600

    @Test("review pickup: Kaplan–Meier over pull requests, never-reviewed ones censored; drafts and bots left out")
    func reviewPickup() throws {
        // First reviews after 1, 2, 3, 5 and 8 hours; one never reviewed (open 10 h at period end); a draft and a bot's PR ignored.
        var prs = [1, 2, 3, 5, 8].enumerated().map { i, h in
            PullRequestFacts(team: "T", author: "p\(i)", openedAt: 0, firstReviewAt: Int64(h) * Self.hour)
        }
        prs.append(PullRequestFacts(team: "T", author: "p9", openedAt: 0))
        prs.append(PullRequestFacts(team: "T", author: "p8", openedAt: 0, draft: true, firstReviewAt: 100 * Self.hour))
        prs.append(PullRequestFacts(team: "T", author: "bot", openedAt: 0, authorIsBot: true, firstReviewAt: 0))
        let v = FlowMetrics.reviewPickup(prs, team: "T", periodEnd: 10 * Self.hour)
        // S: 5/6, 4/6, exactly 1/2 from 3 h to the next event at 5 h → median 4 h (R survival's midpoint).
        #expect(v.estimate == 4 && v.events == 6 && v.people == 6)
        #expect(FlowMetrics.reviewPickup([], team: "T", periodEnd: 0).note == "no data from this source")
    }

    @Test("cycle time: median of merged pull requests with a repeatable bootstrap interval; review depth: Wilson shares")
    func cycleTimeAndDepth() throws {
        let prs = [2, 4, 6, 8, 30].enumerated().map { i, h in
            PullRequestFacts(team: "T", author: "p\(i % 3)", openedAt: 0, mergedAt: Int64(h) * Self.hour, reviewComments: i < 2 ? 0 : 3,
                             approvals: [i == 0 ? 60 : 2 * Self.hour])
        }
        let c = FlowMetrics.cycleTime(prs, team: "T", seed: 1)
        #expect(c.estimate == 6 && c.events == 5 && c.people == 3)
        #expect(c.interval == FlowMetrics.cycleTime(prs, team: "T", seed: 1).interval)
        let (silent, quick) = FlowMetrics.reviewDepth(prs, team: "T")
        #expect(silent.estimate == 0.4 && silent.events == 5)   // 2 of 5 approvals on PRs with no comments
        #expect(quick.estimate == 0.2)                          // 1 approval within 5 minutes
        let wilson = try #require(WilsonInterval.interval(successes: 2, trials: 5))
        #expect(silent.interval == ValueInterval(lower: wilson.lower, upper: wilson.upper))
    }

    @Test("outcomes: change failure rate is failed ÷ deployments (not incidents), defect escape counts linked incidents, restore time is a KM median")
    func outcomes() throws {
        let deployments = (0..<20).map { DeploymentFacts(team: "T", id: "d\($0)", failed: $0 < 3) }
        // Five incidents, two caused by these deployments, one by another team's deployment.
        let incidents = [IncidentFacts(team: "T", createdAt: 0, resolvedAt: 2 * Self.hour, causedBy: "d1"),
                         IncidentFacts(team: "T", createdAt: 0, resolvedAt: 4 * Self.hour, causedBy: "d2"),
                         IncidentFacts(team: "T", createdAt: 0, resolvedAt: 6 * Self.hour, causedBy: "x9"),
                         IncidentFacts(team: "T", createdAt: 0, resolvedAt: nil, causedBy: nil),
                         IncidentFacts(team: "T", createdAt: 0, resolvedAt: 1 * Self.hour, causedBy: nil)]
        let cfr = OutcomeMetrics.changeFailureRate(deployments, team: "T")
        #expect(cfr.estimate == 0.15 && cfr.events == 20)
        let escape = OutcomeMetrics.defectEscape(deployments, incidents: incidents, team: "T")
        #expect(escape.estimate == 10 && escape.events == 2)
        // Resolved after 1, 2, 4, 6 h; one open (censored at 24 h): S = 4/5, 3/5, 2/5 at 4 h → median 4 h.
        let restore = OutcomeMetrics.restoreTime(incidents, team: "T", periodEnd: 24 * Self.hour)
        #expect(restore.estimate == 4)
        #expect(OutcomeMetrics.changeFailureRate([], team: "T").label == .low)
    }

    @Test("adoption: active share over the team's size, acceptance as a ratio of sums with a cluster bootstrap, lines per active day")
    func adoption() throws {
        let rows = [PersonAdoption(team: "T", person: "a", activeDays: 10, accepted: 30, shown: 100, acceptedLines: 200),
                    PersonAdoption(team: "T", person: "b", activeDays: 5, accepted: 10, shown: 100, acceptedLines: 50),
                    PersonAdoption(team: "T", person: "c", activeDays: 0, accepted: 0, shown: 0, acceptedLines: 0),
                    PersonAdoption(team: "T", person: "d", activeDays: 5, accepted: 20, shown: 50, acceptedLines: 50)]
        let share = AdoptionMetrics.activeShare(rows, teamSize: 6, team: "T")
        #expect(share.estimate == 0.5 && share.people == 6)
        let acceptance = AdoptionMetrics.acceptanceRate(rows, team: "T", seed: 4)
        #expect(acceptance.estimate == 60.0 / 250 && acceptance.people == 3)   // a ratio of sums, not the mean of 0.3, 0.1, 0.4
        let interval = try #require(acceptance.interval)
        #expect(interval.lower <= 0.24 && interval.upper >= 0.24 && interval == AdoptionMetrics.acceptanceRate(rows, team: "T", seed: 4).interval)
        let lines = AdoptionMetrics.acceptedLinesPerActiveDay(rows, team: "T", seed: 4)
        #expect(lines.estimate == 300.0 / 20 && lines.events == 20)
    }

    @Test("every value carries a label from its people and interval")
    func labels() {
        let v = MetricValue(metric: "x", team: "T", estimate: 0.3, interval: ValueInterval(lower: 0.28, upper: 0.32), people: 40, events: 900)
        #expect(v.label == .high)
        #expect(MetricValue.noData("x", team: nil).label == .low)
    }
}

@Suite("Quality metrics (known answers)")
struct QualityMetricsTests {
    static let day: Int64 = 86_400

    static func finding(_ repo: String, first: Int64, closed: Int64?, state: FindingState, baseline: Bool = false) -> FindingFacts {
        FindingFacts(team: "T", repository: repo, history: FindingHistory(state: state, firstSeen: first * day, closedAt: closed.map { $0 * day }),
                     inBaseline: baseline)
    }

    static let findings = [
        finding("a", first: 0, closed: 4, state: .fixed, baseline: true),
        finding("a", first: 10, closed: 12, state: .fixed),
        finding("a", first: 10, closed: 30, state: .fixed),
        finding("b", first: 20, closed: 25, state: .suppressed),
        finding("b", first: 20, closed: nil, state: .open),
        finding("b", first: 40, closed: 41, state: .dismissed),
    ]

    @Test("new findings per 1,000 metered lines leave the baseline out; without lines, per 100 scans")
    func newFindings() {
        let v = QualityMetrics.newFindingsRate(Self.findings, lines: ["a": 2000, "b": 3000], scans: [:], team: "T",
                                               from: 0, to: 50 * Self.day, seed: 1)
        // Two repositories: too few for a bootstrap over them, so the exact Poisson interval, said in the note.
        #expect(v.estimate == 1000.0 * 5 / 5000 && v.events == 5 && v.people == 2 && v.note?.hasPrefix("per 1,000 metered lines; exact Poisson interval") == true)
        let perScan = QualityMetrics.newFindingsRate(Self.findings, lines: [:], scans: ["a": 4, "b": 6], team: "T", from: 0, to: 50 * Self.day, seed: 1)
        #expect(perScan.estimate == 50 && perScan.note == "per 100 scans (no metered lines)")
    }

    @Test("time to fix: fixed are events; open, suppressed and dismissed are censored")
    func timeToFix() {
        // Times: 4 (fix), 2 (fix), 20 (fix), 5 (censored: suppressed), 30 (censored: open at day 50), 1 (censored: dismissed).
        // Sorted: 1c, 2f (n=5: S=4/5), 4f (n=4: S=3/5), 5c, 20f (n=2: S=3/10) → median 20 days.
        let v = QualityMetrics.timeToFix(Self.findings, team: "T", to: 50 * Self.day)
        #expect(v.estimate == 20 && v.events == 6)
    }

    @Test("suppression share of findings closed in the period")
    func suppression() {
        let v = QualityMetrics.suppressionShare(Self.findings, team: "T", from: 10 * Self.day, to: 50 * Self.day)
        // Closed in days 10…50: day 12 fixed, 30 fixed, 25 suppressed, 41 dismissed → 2 of 4 hidden.
        #expect(v.estimate == 0.5 && v.events == 4)
    }
}

@Suite("Experience and trust metrics (known answers)")
struct PeopleMetricsTests {
    @Test("satisfaction is top-box share with its response rate; opt-in shares; disputes per 100 with resolution time")
    func peopleMetrics() {
        // 20 respondents, 2 answers each: 10 with both favourable, 10 with one. Respondents are the clusters:
        // residuals ±0.5, v = 20/19 · 5 / 40² (Cochran 1977, eq. 6.13) → 0.75 ± 1.96 · 0.05735 = 0.6376–0.8624.
        let respondents = ClusterSums.of(Array(repeating: (y: Int64(2), x: Int64(2)), count: 10) + Array(repeating: (y: Int64(1), x: Int64(2)), count: 10))
        let s = PeopleMetrics.satisfaction(favourable: 30, answers: 40, responses: 20, teamSize: 25, team: "T", respondents: respondents)
        #expect(s.estimate == 0.75 && s.note == "response rate 80% (20 of 25)" && s.people == 20)
        #expect(abs((s.interval?.lower ?? 0) - 0.637587) < 1e-5 && abs((s.interval?.upper ?? 0) - 0.862413) < 1e-5, "\(String(describing: s.interval))")
        #expect(PeopleMetrics.share(MetricRegistry.optInRate.id, count: 13, of: 62, team: nil).estimate == 13.0 / 62)
        let d = PeopleMetrics.disputes(filed: [(Day(year: 2026, month: 7, day: 1)!, Day(year: 2026, month: 7, day: 11)!),
                                               (Day(year: 2026, month: 8, day: 1)!, nil)],
                                       people: 50, to: Day(year: 2026, month: 9, day: 30)!, team: nil)
        // Resolved after 10 days; one open for 60 days (censored): S = 1/2 at day 10 → median 10.
        #expect(d.estimate == 4 && d.note == "median 10 days to resolve")
        #expect(PeopleMetrics.satisfaction(favourable: 0, answers: 0, responses: 0, teamSize: 5, team: "T",
                                           respondents: ClusterSums.of([])).note == "no data from this source")
    }
}

@Suite("Persistence (known answer)")
struct PersistenceTests {
    @Test("kept ÷ accepted over people, an undone count never above what was accepted")
    func persistence() {
        let v = AdoptionMetrics.persistence([SuggestionOutcome(team: "T", person: "a", accepted: 10, undone: 2),
                                             SuggestionOutcome(team: "T", person: "b", accepted: 5, undone: 0),
                                             SuggestionOutcome(team: "T", person: "c", accepted: 5, undone: 9)], team: "T", seed: 2)
        #expect(v.estimate == 13.0 / 20 && v.people == 3 && v.events == 20)
        #expect(AdoptionMetrics.persistence([], team: "T", seed: 1).note == "no data from this source")
    }
}
