@testable import CandorVocabulary
@testable import CandorPolicy
@testable import CandorAnalysis
@testable import CandorReport
import Testing

@Suite("Wilson score interval")
struct WilsonIntervalTests {
    /// Known answers: R. G. Newcombe (1998), "Two-sided confidence intervals for the single proportion:
    /// comparison of seven methods", Statistics in Medicine 17:857–872, Table I, method 3 (score, no continuity correction).
    @Test("Newcombe (1998) Table I, method 3", arguments: [
        (Int64(81), Int64(263), 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0000),
    ])
    func newcombe(successes: Int64, trials: Int64, lower: Double, upper: Double) throws {
        let ci = try #require(WilsonInterval.interval(successes: successes, trials: trials))
        #expect(abs(ci.lower - lower) < 0.00005)
        #expect(abs(ci.upper - upper) < 0.00005)
    }

    @Test("no trials or impossible counts give no interval")
    func degenerate() {
        #expect(WilsonInterval.interval(successes: 0, trials: 0) == nil)
        #expect(WilsonInterval.interval(successes: 5, trials: 4) == nil)
        #expect(WilsonInterval.interval(successes: -1, trials: 4) == nil)
    }
}

@Suite("Acceptance rate")
struct AcceptanceRateTests {
    @Test("a ratio of sums, not a mean of rates")
    func ratioOfSums() {
        // Person a: 1/1 = 100%; person b: 10/100 = 10%. Mean of rates 55%; ratio of sums 11/101.
        let totals = [InlineTotals(team: "T", person: "a", accepted: 1, shown: 1, activeDays: 1),
                      InlineTotals(team: "T", person: "b", accepted: 10, shown: 100, activeDays: 5)]
        let (teams, org) = AcceptanceRateCalculator.compute(totals)
        #expect(teams.count == 1)
        #expect(teams[0].rate == 11.0 / 101.0)
        #expect(teams[0].people == 2)
        #expect(org.accepted == 11 && org.shown == 101)
        #expect(abs(teams[0].largestShare - 100.0 / 101.0) < 1e-12)
    }

    @Test("teams alphabetical whatever their values; the no-team group last; people without suggestions not counted")
    func order() {
        let totals = [InlineTotals(team: "beta", person: "a", accepted: 9, shown: 10, activeDays: 1),
                      InlineTotals(team: nil, person: "b", accepted: 1, shown: 10, activeDays: 1),
                      InlineTotals(team: "Alpha", person: "c", accepted: 1, shown: 10, activeDays: 1),
                      InlineTotals(team: "Alpha", person: "d", accepted: 0, shown: 0, activeDays: 1)]
        let (teams, org) = AcceptanceRateCalculator.compute(totals)
        #expect(teams.map(\.team) == ["Alpha", "beta", nil])
        #expect(teams[0].people == 1)
        #expect(org.people == 3)
    }

    @Test("a person in two teams in one period counts once for the organisation")
    func movers() {
        let totals = [InlineTotals(team: "A", person: "p", accepted: 1, shown: 2, activeDays: 1),
                      InlineTotals(team: "B", person: "p", accepted: 3, shown: 4, activeDays: 1)]
        let (teams, org) = AcceptanceRateCalculator.compute(totals)
        #expect(teams.map(\.people) == [1, 1])
        #expect(org.people == 1 && org.accepted == 4 && org.shown == 6)
    }
}

@Suite("Disclosure control")
struct DisclosureControlTests {
    let k = 5

    @Test("no small cells: everything shown")
    func allShown() {
        let d = DisclosureControl.decide(contributors: [5, 9, 12], total: 26, k: k)
        #expect(d.cells == [.shown, .shown, .shown])
        #expect(d.total == .shown)
    }

    @Test("one small cell: it is suppressed and the smallest other cell protects it")
    func complementary() {
        let d = DisclosureControl.decide(contributors: [10, 3, 7, 7, 9], total: 36, k: k)
        #expect(d.cells == [.shown, .suppressed(.fewerThanK(k: 5)), .shown, .suppressed(.complementary), .shown])
        #expect(d.total == .shown)
    }

    @Test("two small cells that together reach k need no complementary cell")
    func twoSmallEnough() {
        let d = DisclosureControl.decide(contributors: [3, 10, 2], total: 15, k: k)
        #expect(d.cells == [.suppressed(.fewerThanK(k: 5)), .shown, .suppressed(.fewerThanK(k: 5))])
    }

    @Test("two small cells below k together: one more cell is hidden")
    func twoSmallNotEnough() {
        let d = DisclosureControl.decide(contributors: [3, 10, 1, 8], total: 22, k: k)
        #expect(d.cells == [.suppressed(.fewerThanK(k: 5)), .shown, .suppressed(.fewerThanK(k: 5)), .suppressed(.complementary)])
    }

    @Test("a total below k hides everything")
    func tinyTotal() {
        let d = DisclosureControl.decide(contributors: [2, 2], total: 4, k: k)
        #expect(d.cells.allSatisfy { !$0.isShown })
        #expect(d.total == .suppressed(.fewerThanK(k: 5)))
    }

    @Test("when no cell is left to hide, the total goes too")
    func exhausted() {
        // One team of 6 and one of 2: hiding both leaves a total of 8 people, fine.
        #expect(DisclosureControl.decide(contributors: [6, 2], total: 8, k: k).total == .shown)
        // Defensive: a total that counts people outside every cell, with one small cell and nothing to pair it with.
        let d = DisclosureControl.decide(contributors: [2], total: 6, k: k)
        #expect(d.total == .suppressed(.complementary))
    }

    @Test("no suppressed value can be recovered from the total and the shown cells",
          arguments: [[10, 3, 7, 7, 9], [3, 10, 1, 8], [5, 4], [4, 4, 4, 20], [1, 1, 1, 1, 30]])
    func noRecovery(contributors: [Int]) {
        let total = contributors.reduce(0, +)
        let d = DisclosureControl.decide(contributors: contributors, total: total, k: k)
        let hidden = contributors.indices.filter { !d.cells[$0].isShown }
        if d.total.isShown && !hidden.isEmpty {
            #expect(hidden.count >= 2)
            #expect(hidden.reduce(0) { $0 + contributors[$1] } >= k)
        }
        for i in contributors.indices where contributors[i] < k { #expect(!d.cells[i].isShown) }
    }
}

@Suite("Days and periods")
struct DayTests {
    @Test func parsing() {
        #expect(Day.parse("2026-07-01") == Day(year: 2026, month: 7, day: 1))
        #expect(Day.parse("07-01-2026") == Day(year: 2026, month: 7, day: 1))
        #expect(Day.parse("07/01/2026") == Day(year: 2026, month: 7, day: 1))
        #expect(Day.parse("2024-02-29") != nil)
        #expect(Day.parse("2026-02-29") == nil)
        #expect(Day.parse("1900-02-29") == nil)
        #expect(Day.parse("2000-02-29") != nil)
        #expect(Day.parse("2026-7-1") == nil)
    }

    @Test func arithmetic() {
        #expect(Day(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(Day(year: 1, month: 1, day: 1)!.dayNumber == -719_162)
        #expect(Day(year: 9999, month: 12, day: 31)!.dayNumber == 2_932_896)
        #expect(Day(year: 2000, month: 3, day: 1)!.dayNumber == 11017)
        #expect(Day(year: 2026, month: 7, day: 1)!.isoWeekday == 3)   // a Wednesday
        #expect(Day(year: 2026, month: 7, day: 1)!.isoWeekStart == Day(year: 2026, month: 6, day: 29))
        for n in stride(from: -719_162, through: 2_932_896, by: 9_973) {
            let d = Day(dayNumber: n)
            let c = d.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == d)
        }
    }

    @Test func periods() throws {
        let q3 = try #require(Period("2026-Q3"))
        #expect(q3.first.iso8601 == "2026-07-01" && q3.last.iso8601 == "2026-09-30" && q3.dayCount == 92)
        #expect(Period("2024-Q1")!.dayCount == 91)
        #expect(Period("2026-Q4")!.last.iso8601 == "2026-12-31")
        #expect(Period(containing: Day(year: 2026, month: 9, day: 30)!) == q3)
        for bad in ["2026-Q5", "2026Q3", "26-Q3", "2026-Q", "2026-X3", ""] { #expect(Period(bad) == nil) }
    }

    @Test func timestamps() throws {
        let t = try #require(Timestamp.parse("2026-10-05T09:07:03Z"))
        #expect(Timestamp.iso8601(t) == "2026-10-05T09:07:03Z")
        #expect(Timestamp.readable(t) == "2026-10-05 09:07 UTC")
        #expect(Timestamp.parse("2026-10-05").map(Timestamp.iso8601) == "2026-10-05T00:00:00Z")
        #expect(Timestamp.parse("2026-10-05T25:00:00Z") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test func formatting() {
        #expect(Format.count(0) == "0")
        #expect(Format.count(999) == "999")
        #expect(Format.count(1000) == "1,000")
        #expect(Format.count(-1234567) == "-1,234,567")
        #expect(Format.percent(0.31415) == "31.4%")
        #expect(Format.percent(0.00049) == "0.0%")
        #expect(Format.percent(0.00051) == "0.1%")
        #expect(Format.fixed(2.5, decimals: 0) == "3")
        #expect(Format.fixed(-0.04, decimals: 1) == "0.0")
    }
}

@Suite("Disclosure control: dominance")
struct DominanceTests {
    @Test("a cell where one person contributes more than the threshold is hidden, and protected like any other")
    func dominance() {
        // Team B has 8 people but one contributes 70% of its suggestions.
        let d = DisclosureControl.decide(contributors: [9, 8, 12, 7], total: 36, k: 5,
                                         largestShares: [0.2, 0.7, 0.15, 0.3], dominanceThreshold: 0.5)
        #expect(d.cells == [.shown, .suppressed(.dominance(threshold: 0.5)), .shown, .suppressed(.complementary)])
        #expect(d.total == .shown)
    }

    @Test("exactly at the threshold is shown (the rule is 'more than')")
    func boundary() {
        let d = DisclosureControl.decide(contributors: [6, 6], total: 12, k: 5, largestShares: [0.5, 0.1], dominanceThreshold: 0.5)
        #expect(d.cells == [.shown, .shown])
    }

    @Test("the policy sets the threshold within bounds")
    func policy() throws {
        #expect(try Policy.parse("purpose: x\nkey_file: k\n", path: "/p.yml").dominanceThreshold == 0.5)
        #expect(try Policy.parse("purpose: x\nkey_file: k\ndominance_threshold: 0.6\n", path: "/p.yml").dominanceThreshold == 0.6)
        #expect(throws: PolicyError.self) { try Policy.parse("purpose: x\nkey_file: k\ndominance_threshold: 0.99\n", path: "/p.yml") }
    }

    @Test("a dominated team in a report says why, never what")
    func report() throws {
        let policy = try Policy.parse("purpose: x\nkey_file: k\n", path: "/p.yml")
        var totals = (0..<6).map { InlineTotals(team: "Big", person: "b\($0)", accepted: 5, shown: 10, activeDays: 1) }
        totals += [InlineTotals(team: "Skewed", person: "s0", accepted: 300, shown: 900, activeDays: 30)]
        totals += (1..<6).map { InlineTotals(team: "Skewed", person: "s\($0)", accepted: 5, shown: 10, activeDays: 1) }
        totals += (0..<6).map { InlineTotals(team: "Third", person: "t\($0)", accepted: 5, shown: 10, activeDays: 1) }
        let view = GovernanceViewBuilder.build(.init(period: Period("2026-Q3")!, policy: policy, generatedAt: "now", totals: totals,
                                                     coverage: Coverage(daysWithData: 1, rows: 1, files: 1, firstDay: nil, lastDay: nil,
                                                                        rowsWithoutTeam: 0, directoryFiles: 1), cmarkVersion: "0").decided())
        let skewed = view.acceptance.rows.first { $0.team == "Skewed" }!
        #expect(!skewed.shown && skewed.suppression == "suppressed (one person contributed most of it)" && skewed.rate.isEmpty)
        #expect(view.acceptance.notes.contains { $0.contains("more than 50%") })
    }
}
