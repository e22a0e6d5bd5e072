@testable import CandorPolicy
import Testing

/// The policy's `protection:` section: defaults, accepted values, and refusals with file and line.
@Suite("Interval protection in the policy")
struct ProtectionPolicyTests {
    @Test("absent: 20% of events and one person; set: as given")
    func accepted() throws {
        let none = try MappingPolicyTests.parse("")
        #expect(none.protection == Policy.Protection())
        let set = try MappingPolicyTests.parse("protection: {events_percent: 30, people: 2}\n")
        #expect(set.protection.eventsShare == 0.3 && set.protection.people == 2)
    }

    @Test("a bad protection setting is refused on its line, with what to write", arguments: [
        ("protection: 20\n", "protection must be a mapping"),
        ("protection: {events_percent: 0}\n", "events_percent must be a percentage from 1 to 100"),
        ("protection: {events_percent: lots}\n", "events_percent must be a percentage from 1 to 100"),
        ("protection: {people: 5}\n", "people must be a whole number of people from 0 to 4"),
        ("protection: {people: -1}\n", "people must be a whole number of people from 0 to 4"),
        ("protection: {rounding_base: 5}\n", "candor does not round published counts"),
        ("protection: {rounding: 5}\n", "give a rounded count back exactly"),
        ("protection: {round: 5}\n", "protection has no key \"round\""),
    ])
    func refused(text: String, message: String) throws {
        let error = try #require(MappingPolicyTests.refusal(text))
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.line == 4 && error.path == "/p/policy.yml" && !error.hint.isEmpty)
    }
}
