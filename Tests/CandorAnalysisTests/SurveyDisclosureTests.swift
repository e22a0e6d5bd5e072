import Testing
@testable import CandorAnalysis
@testable import CandorVocabulary

/// Issue 17, items 13 and 4: satisfaction per survey item, each a share of its respondents (Wilson), and
/// no published share of answers at 0% or 100% — known answers, no database.
@Suite("Satisfaction per item and its disclosure")
struct SurveyDisclosureTests {
    static let id = MetricRegistry.satisfaction.id

    @Test("each item is its respondents' favourable share with a Wilson interval; the pooled value keeps its cluster interval")
    func items() throws {
        // Five respondents, two items: friction 4 of 5 favourable, trust 2 of 4 (one left it blank).
        let respondents = ClusterSums.of([(y: Int64(2), x: Int64(2)), (2, 2), (1, 2), (1, 2), (0, 1)])
        let v = PeopleMetrics.satisfaction(favourable: 6, answers: 9, responses: 5, teamSize: 8, team: "T", respondents: respondents,
                                           items: ["friction": (5, 4), "ai.trust": (4, 2)])
        #expect(v.estimate == 6.0 / 9 && v.people == 5 && v.events == 9)
        let friction = try #require(v.parts[.item("friction")]), trust = try #require(v.parts[.item("ai.trust")])
        #expect(friction.estimate == 0.8 && friction.people == 5 && trust.estimate == 0.5 && trust.people == 4)
        // Wilson 4/5: 0.3755–0.9638 (Newcombe 1998, method 3).
        #expect(abs(friction.interval!.lower - 0.3755) < 5e-5 && abs(friction.interval!.upper - 0.9638) < 5e-5)
        #expect(MetricPart.item("ai.trust") < .item("friction") && MetricPart.copilot < .item("a") && MetricPart.item("x").key == "item:x")
    }

    static func value(_ team: String?, _ estimate: Double, people: Int, items: [String: Double] = [:]) -> MetricValue {
        var v = MetricValue(metric: id, team: team, estimate: estimate, interval: nil, people: people, events: people * 2)
        for (item, e) in items { v.parts[.item(item)] = MetricValue(metric: id, team: team, estimate: e, interval: nil, people: people, events: people) }
        return v
    }

    static func decide(_ values: [MetricValue], sizes: [String: Int]) -> MetricCells? {
        let teams = sizes.keys.sorted()
        let card = Scorecard(teams: teams, values: [id: values], suppressed: [:])
        return ScorecardDisclosure.decide(UndisclosedScorecard(computed: card, teamSizes: sizes), departments: [:], policy: DisclosurePolicy(k: 5)).metrics[id]
    }

    @Test("a team whose pooled value is 100% is hidden whole as a primary cell, items included, with a complement against the total")
    func pooledUniform() throws {
        let cells = try #require(Self.decide([Self.value("A", 1.0, people: 6, items: ["f": 1, "t": 1]), Self.value("B", 0.6, people: 7, items: ["f": 0.5, "t": 0.7]),
                                              Self.value("C", 0.5, people: 9, items: ["f": 0.4, "t": 0.6]), Self.value(nil, 0.65, people: 22, items: ["f": 0.6, "t": 0.7])],
                                             sizes: ["A": 6, "B": 7, "C": 9]))
        #expect(cells.teams["A"] == .uniform)
        #expect(cells.teams["B"] == .complementary, "the smallest other team protects A against the organisation's total: \(cells)")
        #expect(cells.parts["A"]?[.item("f")] == .uniform && cells.parts["A"]?[.item("t")] == .uniform)
    }

    @Test("a team with one item at 100% has all its items hidden and its pooled value shown; a team below k keeps its own reason")
    func itemUniform() throws {
        let cells = try #require(Self.decide([Self.value("A", 0.9, people: 8, items: ["f": 0.8, "t": 1]), Self.value("B", 0.6, people: 7, items: ["f": 0.5, "t": 0.7]),
                                              Self.value("C", 0.5, people: 9, items: ["f": 0.4, "t": 0.6]), Self.value("D", 1.0, people: 3),
                                              Self.value(nil, 0.65, people: 27, items: ["f": 0.6, "t": 0.7])],
                                             sizes: ["A": 8, "B": 7, "C": 9, "D": 3]))
        #expect(cells.teams["A"] == nil && cells.parts["A"] == [.item("f"): .uniform, .item("t"): .uniform], "\(cells)")
        #expect(cells.teams["D"] == .fewerThanK(k: 5) && cells.teams["B"] == .complementary)
        // The organisation's items: A's hidden items and D's (hidden whole) are two hidden parts with k people together.
        #expect(cells.parts[nil] == nil)
    }

    @Test("two teams that both answered 100% do not protect each other: the smallest shown team not at a boundary is hidden with them")
    func twoUniform() throws {
        let cells = try #require(Self.decide([Self.value("A", 1.0, people: 6), Self.value("B", 1.0, people: 7), Self.value("C", 0.5, people: 9),
                                              Self.value("D", 0.6, people: 8), Self.value("E", 0.4, people: 12), Self.value(nil, 0.65, people: 42)],
                                             sizes: ["A": 6, "B": 7, "C": 9, "D": 8, "E": 12]))
        #expect(cells.teams["A"] == .uniform && cells.teams["B"] == .uniform)
        #expect(cells.teams["D"] == .complementary, "\(cells)")
        #expect(cells.organisation == nil)
        // Marked like a complement: a mark of its own would tell each member everyone answered alike.
        let shown = Scorecard.hidden(Self.value("A", 1.0, people: 6), reason: .uniform, k: 5)
        #expect(shown.note == Scorecard.hidden(Self.value("A", 1.0, people: 6), reason: .complementary, k: 5).note)
    }

    @Test("the organisation with an item at 0% has its items hidden; activity shares at 100% are not answers and stay shown")
    func organisation() throws {
        let cells = try #require(Self.decide([Self.value("A", 0.4, people: 6, items: ["f": 0, "t": 0.8]), Self.value("B", 0.3, people: 7, items: ["f": 0, "t": 0.6]),
                                              Self.value(nil, 0.35, people: 13, items: ["f": 0, "t": 0.7])],
                                             sizes: ["A": 6, "B": 7]))
        #expect(cells.parts[nil]?[.item("f")] == .uniform && cells.parts[nil]?[.item("t")] == .uniform && cells.organisation == nil)
        #expect(!ScorecardDisclosure.uniformAnswers.contains(MetricRegistry.activeShare.id))
    }

    @Test("issue 17, item 3: one rule for every printed count of people — 1 to k − 1 is 'fewer than k', zero and k or more exact")
    func peopleCount() {
        #expect(PeopleCount.published(0, k: 5) == "0" && PeopleCount.published(4, k: 5) == "fewer than 5" && PeopleCount.published(1234, k: 5) == "1,234")
        #expect(PeopleCount.published(1, k: 5, noun: "person", plural: "people") == "fewer than 5 people")
        #expect(PeopleCount.published(5, k: 5, noun: "person", plural: "people") == "5 people")
        #expect(!PeopleCount.isExact(3, k: 5) && PeopleCount.isExact(0, k: 5))
    }
}
