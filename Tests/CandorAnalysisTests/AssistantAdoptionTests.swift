import Testing
@testable import CandorAnalysis
@testable import CandorVocabulary

/// Adoption over every assistant, and per assistant, with known answers (no database).
@Suite("Adoption across assistants")
struct AssistantAdoptionTests {
    /// a: Q Developer only; b: Copilot only; c: both (Q on 4 days, Copilot on 3, 2 of them shared);
    /// d: Kiro only (no suggestion counters). Team of 6.
    static let rows: [PersonAdoption] = [
        PersonAdoption(team: "T", person: "a", activeDays: 10, accepted: 30, shown: 100, acceptedLines: 200, countingDays: 10,
                       byAssistant: [.qDeveloper: AssistantUse(activeDays: 10, accepted: 30, shown: 100, acceptedLines: 200)]),
        PersonAdoption(team: "T", person: "b", activeDays: 5, accepted: 10, shown: 50, acceptedLines: 40, countingDays: 5,
                       byAssistant: [.copilot: AssistantUse(activeDays: 5, accepted: 10, shown: 50, acceptedLines: 40)]),
        PersonAdoption(team: "T", person: "c", activeDays: 5, accepted: 25, shown: 100, acceptedLines: 90, countingDays: 5,
                       byAssistant: [.qDeveloper: AssistantUse(activeDays: 4, accepted: 20, shown: 60, acceptedLines: 60),
                                     .copilot: AssistantUse(activeDays: 3, accepted: 5, shown: 40, acceptedLines: 30)]),
        PersonAdoption(team: "T", person: "d", activeDays: 7, accepted: 0, shown: 0, acceptedLines: 0, countingDays: 0,
                       byAssistant: [.kiro: AssistantUse(activeDays: 7, countingDays: 0)]),
    ]

    @Test("acceptance combines Q Developer and Copilot as one ratio of sums; each assistant's part is its own ratio; a person of two is one person")
    func acceptance() throws {
        let v = AdoptionMetrics.acceptanceRate(Self.rows, team: "T", seed: 1)
        #expect(v.estimate == 65.0 / 250 && v.people == 3 && v.events == 250)
        let q = try #require(v.parts[.qDeveloper]), copilot = try #require(v.parts[.copilot])
        #expect(q.estimate == 50.0 / 160 && q.people == 2 && q.events == 160)
        #expect(copilot.estimate == 15.0 / 90 && copilot.people == 2 && copilot.events == 90)
        #expect(v.parts[.kiro] == nil && q.interval != nil)
    }

    @Test("active share counts any assistant, each person once; parts count each assistant's people")
    func activeShare() throws {
        let v = AdoptionMetrics.activeShare(Self.rows, teamSize: 6, team: "T")
        #expect(v.estimate == 4.0 / 6 && v.events == 4 && v.people == 6)
        #expect(v.parts[.qDeveloper]?.events == 2 && v.parts[.copilot]?.events == 2 && v.parts[.kiro]?.events == 1)
        // A part's n is the team (its trials); disclosure counts the people active with that assistant: who it could single out.
        #expect(v.parts[.kiro]?.people == 6 && v.parts[.kiro]?.protectedPeople == 1 && v.parts[.kiro]?.estimate == 1.0 / 6)
    }

    @Test("lines per active day: days with an assistant that counts lines, a shared day once; Kiro's days are not in it")
    func lines() throws {
        let v = AdoptionMetrics.acceptedLinesPerActiveDay(Self.rows, team: "T", seed: 1)
        #expect(v.estimate == 330.0 / 20 && v.events == 20 && v.people == 3)
        #expect(v.parts[.qDeveloper]?.estimate == 260.0 / 14 && v.parts[.copilot]?.estimate == 70.0 / 8)
    }
}
