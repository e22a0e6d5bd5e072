import Testing
@testable import CandorKit

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
        // S: 5/6, 4/6, 3/6 at 3 h → median 3 h.
        #expect(v.estimate == 3 && v.events == 6 && v.people == 6)
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
