@testable import CandorVocabulary
@testable import CandorAnalysis
@testable import CandorPipeline
import Foundation
import Testing

/// Disputes loop back (issue 20, item 3): placed on the cell they concern, open ones shown as open,
/// upheld ones annotating the cell and applying their exclusions to the pull-request metrics; an
/// exclusion candor cannot apply withholds the cell; a dispute it cannot place is listed with why.
@Suite("Disputes on their cells")
struct DisputeTests {
    static let q3 = Period("2026-Q3")!
    static func day(_ s: String) -> Day { Day.parse(s)! }
    static func pr(_ team: String, _ repository: String, opened: String) -> PullRequestFacts {
        var pr = PullRequestFacts(team: team, author: "a", openedAt: Int64(day(opened).dayNumber) * 86_400 + 3600)
        pr.repository = repository
        return pr
    }
    static func dispute(_ id: String, outcome: String = "upheld", metric: String = "flow.review_pickup", team: String? = "Checkout",
                        exclude: String = "") -> DisputeRecord {
        DisputeRecord(id: id, filed: day("2026-08-20"), resolved: outcome == "open" ? nil : day("2026-09-03"), outcome: outcome, metric: metric,
                      team: team, period: q3, exclusions: DisputeExclusion.parseList(exclude)!)
    }

    @Test("the exclude column: repositories and day ranges, written back in the same form; anything else is refused")
    func exclusions() {
        #expect(DisputeExclusion.parseList("days:2026-08-10..2026-08-14; repository:acme/web")
                == [.days(Self.day("2026-08-10"), Self.day("2026-08-14")), .repository("acme/web")])
        #expect(DisputeExclusion.parse("days:2026-08-10")?.description == "days:2026-08-10")
        #expect(DisputeExclusion.parse("Repository: acme/web")?.description == "repository:acme/web")
        for bad in ["branch:main", "days:2026-08-14..2026-08-10", "days:2026-01-01..2027-06-01", "repository:", "days:08/10/2026", "acme/web"] {
            #expect(DisputeExclusion.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("an upheld dispute leaves out the pull requests it names, of its team only — and so out of the organisation's figure")
    func excludes() {
        let placement = DisputePlacement([Self.dispute("D-3", exclude: "days:2026-08-10..2026-08-14; repository:checkout-web")],
                                         teams: ["Checkout", "Search"])
        let pickup = MetricRegistry.reviewPickup.id
        #expect(placement.excludes(pickup, Self.pr("Checkout", "acme/api", opened: "2026-08-12")), "a day in the range")
        #expect(placement.excludes(pickup, Self.pr("Checkout", "acme/api", opened: "2026-08-14")), "the last day counts")
        #expect(!placement.excludes(pickup, Self.pr("Checkout", "acme/api", opened: "2026-08-15")))
        #expect(placement.excludes(pickup, Self.pr("Checkout", "ACME/Checkout-Web", opened: "2026-09-01")), "a bare name, without case")
        #expect(!placement.excludes(pickup, Self.pr("Search", "acme/checkout-web", opened: "2026-08-12")), "another team's pull request stays")
        #expect(!placement.excludes(MetricRegistry.cycleTime.id, Self.pr("Checkout", "acme/api", opened: "2026-08-12")), "another metric keeps it")
        // Open, rejected and withdrawn disputes exclude nothing.
        for outcome in ["open", "rejected", "withdrawn"] {
            let other = DisputePlacement([Self.dispute("D-4", outcome: outcome, exclude: "days:2026-08-10")], teams: ["Checkout"])
            #expect(!other.excludes(pickup, Self.pr("Checkout", "acme/api", opened: "2026-08-10")))
        }
        let lines = placement.lines(period: Self.q3, pullRequests: [Self.pr("Checkout", "acme/api", opened: "2026-08-12"),
                                                                    Self.pr("Search", "acme/search", opened: "2026-08-12")])
        #expect(lines == ["D-3 (upheld, filed 2026-08-20, resolved 2026-09-03) is about flow.review_pickup for Checkout, 2026-Q3; upheld: "
                          + "days:2026-08-10..2026-08-14; repository:checkout-web left out of the team's figure and out of the organisation's."])
        let everyone = DisputePlacement([Self.dispute("D-9", team: nil, exclude: "days:2026-08-12")], teams: ["Checkout", "Search"])
        #expect(everyone.lines(period: Self.q3, pullRequests: [Self.pr("Checkout", "acme/api", opened: "2026-08-12"), Self.pr("Search", "acme/search", opened: "2026-08-12"),
                                                               Self.pr("Search", "acme/search", opened: "2026-08-13")])
                == ["D-9 (upheld, filed 2026-08-20, resolved 2026-09-03) is about flow.review_pickup for the organisation, 2026-Q3; upheld: "
                    + "days:2026-08-12 left out of every team's figure and the organisation's."])
    }

    @Test("cells say what their disputes are: open as open, upheld with what it did, and the organisation's when a team's exclusions reach it")
    func notes() {
        let placement = DisputePlacement([Self.dispute("D-2", outcome: "open", team: "Search"),
                                          Self.dispute("D-3", exclude: "days:2026-08-10"),
                                          Self.dispute("D-5", outcome: "rejected")], teams: ["Checkout", "Search"])
        let pickup = MetricRegistry.reviewPickup.id
        #expect(placement.notes(pickup, team: "Search") == ["open dispute D-2, filed 2026-08-20: under review"])
        #expect(placement.notes(pickup, team: "Checkout") == ["upheld dispute D-3, resolved 2026-09-03: days:2026-08-10 left out"])
        #expect(placement.notes(pickup, team: nil) == ["upheld dispute D-3 on the figure of Checkout, resolved 2026-09-03: its exclusions apply here too"])
        #expect(placement.notes(MetricRegistry.cycleTime.id, team: "Checkout").isEmpty)
    }

    @Test("disputes candor cannot place are listed with why: no period, a metric not in the registry, a team the period does not have")
    func unplaced() {
        var noPeriod = Self.dispute("D-6")
        noPeriod.period = nil
        let placement = DisputePlacement([noPeriod, Self.dispute("D-7", metric: "ai.vibes"), Self.dispute("D-8", team: "Atlantis")],
                                         teams: ["Checkout", "Search"])
        #expect(placement.placed.isEmpty)
        let lines = placement.lines(period: Self.q3, pullRequests: [])
        #expect(lines.contains { $0.hasPrefix("D-6 (upheld) could not be placed") && $0.contains("names no period") })
        #expect(lines.contains("D-7 (upheld) could not be placed on a figure: its metric 'ai.vibes' is not in the metric registry (candor metrics lists them); it is counted among the period's disputes."))
        #expect(lines.contains { $0.hasPrefix("D-8 (upheld) could not be placed") && $0.contains("'Atlantis' is not a team") })
    }

    @Test("the metrics exclusions apply to are the pull-request metrics, in the reader and the placement alike")
    func excludable() {
        #expect(DisputePlacement.excludable == [MetricRegistry.reviewPickup.id, MetricRegistry.cycleTime.id, MetricRegistry.reviewDepth.id])
        #expect(DisputePlacement([Self.dispute("D-3", exclude: "days:2026-08-10")], teams: ["Checkout"]).labels(MetricRegistry.reviewPickup.id, team: nil)
                == ["upheld dispute D-3"], "the organisation's cell carries a team's upheld exclusions")
    }
}
