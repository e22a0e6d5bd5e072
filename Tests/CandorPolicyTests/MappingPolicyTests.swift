@testable import CandorVocabulary
@testable import CandorPolicy
import Testing

/// The policy's `mappings:` and `repositories:` sections: what they accept and how they refuse.
@Suite("Column mappings in the policy")
struct MappingPolicyTests {
    static let base = "version: 1\npurpose: Help teams learn.\nkey_file: k\n"

    static func parse(_ text: String) throws -> Policy { try Policy.parse(base + text, path: "/p/policy.yml") }

    static func refusal(_ text: String) -> PolicyError? {
        do { _ = try parse(text); return nil } catch { return error as? PolicyError }
    }

    @Test("a mapping names candor's fields, the file's columns, patterns, constants, dates and value translations")
    func accepted() throws {
        let p = try Self.parse("""
            mappings:
              hr:
                format: directory
                dates: DD-Mon-YYYY
                columns:
                  person_id: Employee ID
                  team: {column: Supervisory Organization, pattern: '^(.+?) \\('}
                  from: Hire Date
              consent:
                format: consent
                dates: DD/MM/YYYY
                columns: {person_id: Employee No., programme: {value: ai-adoption}, status: Decision, effective: Effective From}
                values: {status: {Objection lodged: opted_out}}
            repositories: {owner: acme, aliases: {KF-LandingZone: landing-zone}}
            """)
        #expect(p.mappings.map(\.name) == ["hr", "consent"])
        #expect(p.mappings[0].columns["team"] == .column("Supervisory Organization", pattern: "^(.+?) \\("))
        #expect(p.mappings[0].dates == .dayMonthNameYear && p.mappings[0].requiredColumns == ["Employee ID", "Hire Date", "Supervisory Organization"])
        #expect(p.mappings[1].columns["programme"] == .value("ai-adoption") && p.mappings[1].values["status"] == ["Objection lodged": "opted_out"])
        #expect(p.repositories == RepositoryNaming(owner: "acme", aliases: ["KF-LandingZone": "landing-zone"]))
    }

    @Test("a mapping that names more columns may come before one that names fewer; the reverse is refused")
    func order() throws {
        let full = "  full:\n    format: directory\n    columns: {person_id: A, team: B, department: C}\n"
        let basic = "  basic:\n    format: directory\n    columns: {person_id: A, team: B}\n"
        #expect(try Self.parse("mappings:\n" + full + basic).mappings.map(\.name) == ["full", "basic"])
        #expect(Self.refusal("mappings:\n" + basic + full)?.message.contains("'full' can never be used") == true)
    }

    @Test("every mistake is refused with the line and what to write", arguments: [
        ("mappings:\n  hr:\n    format: q-developer-activity\n    columns: {person_id: A}\n", "own CSV formats"),
        ("mappings:\n  hr:\n    format: directory\n    columns: {person_id: A}\n", "lacks team"),
        ("mappings:\n  hr:\n    format: directory\n    columns: {person_id: A, team: B, shoe_size: C}\n", "not a field of directory"),
        ("mappings:\n  hr:\n    format: directory\n    dates: 1/2/3\n    columns: {person_id: A, team: B}\n", "dates must say"),
        ("mappings:\n  hr:\n    format: directory\n    columns: {person_id: A, team: {column: B, pattern: 'no group'}}\n", "one group"),
        ("mappings:\n  hr:\n    format: directory\n    columns: {person_id: A, team: B}\n    values: {department: {x: y}}\n", "does not map"),
        ("mappings:\n  a:\n    format: directory\n    columns: {person_id: A, team: B}\n  b:\n    format: consent\n    columns: {person_id: A, programme: B, status: {value: opted_in}, effective: {value: '2026-01-01'}}\n",
         "can never be used"),
        ("repositories: {owner: a/b}\n", "one organisation"),
        ("repositories: {mirror: x}\n", "unknown key"),
    ])
    func refused(_ text: String, _ expected: String) {
        let error = Self.refusal(text)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "accepted")")
        #expect(error?.line != nil)
    }
}
