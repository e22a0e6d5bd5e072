import Testing
@_spi(Pseudonymisation) @testable import CandorVocabulary

/// The shared values every stage relies on, with known answers.
@Suite("Vocabulary")
struct VocabularyTests {
    @Test("a source person id compares by its text and never prints it")
    func sourcePersonID() {
        #expect(SourcePersonID("alice") == SourcePersonID("alice") && SourcePersonID("alice") != SourcePersonID("bob"))
        #expect("\(SourcePersonID("alice"))" == "SourcePersonID(redacted)")
        #expect(SourcePersonID("alice").raw == "alice")
    }

    @Test("a pseudonym is its stored text, ordered by it")
    func pseudonym() {
        let a = Pseudonym(text: "0a"), b = Pseudonym(text: "0b")
        #expect(a < b && a.description == "0a" && [b, a].sorted() == [a, b])
    }

    @Test("every input format is CSV or JSON as its example shows, and belongs to a family or is governance data")
    func formats() {
        for format in InputFormat.allCases {
            #expect((format.example.hasPrefix("{") || format.example.hasPrefix("[")) == format.isJSON, "\(format)")
            let governance: Set<InputFormat> = [.directory, .directoryChanges, .repositoryDirectory, .consent, .policyChanges, .disputes, .decisions, .approvals]
            #expect((SourceFamily(format: format) == nil) == governance.contains(format), "\(format)")
            #expect(!format.example.isEmpty)
        }
        #expect(SourceFamily(format: .copilotSeats) == .copilot && SourceFamily.copilot.defaultDataset == .coaching)
    }

    @Test("consent statuses: the registry's words, what objects, how reports say it")
    func consent() {
        #expect(ConsentStatus.allCases.map(\.rawValue) == ["opted_in", "opted_out", "revoked"])
        #expect(ConsentStatus.allCases.filter(\.objects) == [.optedOut, .revoked])
        #expect(ConsentStatus.revoked.wording == "consent withdrawn")
    }

    @Test("a team's addresses: one to ten plain addresses separated by ';', or none at all")
    func addresses() {
        #expect(MailAddress.list("a@x.example; b@y.example")?.map(\.address) == ["a@x.example", "b@y.example"])
        #expect(MailAddress.list("a@x.example; Bob <b@y.example>") == nil)
        #expect(MailAddress.list(Array(repeating: "a@x.example", count: 11).joined(separator: ";")) == nil)
        #expect(MailAddress.headerText("Team\r\nBcc: x@evil.example") == "Team Bcc: x@evil.example")
    }

    @Test("days and periods: ISO weeks and quarters")
    func days() {
        let day = Day(year: 2026, month: 7, day: 2)!
        #expect(day.iso8601 == "2026-07-02" && Day.parse("2026-07-02") == day && Day.parse("2026-02-30") == nil)
        let q3 = Period("2026-Q3")!
        #expect(q3.first.iso8601 == "2026-07-01" && q3.last.iso8601 == "2026-09-30" && q3.previous.description == "2026-Q2")
    }
}
