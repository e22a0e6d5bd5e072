@testable import CandorVocabulary
@testable import CandorPolicy
import Foundation
import Testing

@Suite("Policy file")
struct PolicyTests {
    let validText = """
        version: 1
        purpose: Help teams learn.
        minimum_group_size: 7
        retention_days: {raw: 30, enriched: 60, aggregate: 90}
        key_file: keys/candor.key
        """

    @Test("a valid policy, with paths resolved against its folder")
    func valid() throws {
        let p = try Policy.parse(validText, path: "/etc/candor/policy.yml")
        #expect(p.purpose == "Help teams learn.")
        #expect(p.minimumGroupSize == 7)
        #expect(p.retention == .init(rawDays: 30, enrichedDays: 60, aggregateDays: 90))
        #expect(p.keyFile == "/etc/candor/keys/candor.key")
        #expect(p.database == nil)
        #expect(p.sha256.count == 64)
    }

    @Test("the starter policy that init writes is valid and uses k = 5")
    func starter() throws {
        let p = try Policy.parse(StarterPolicy.text, path: "/x/policy.yml")
        #expect(p.minimumGroupSize == 5)
        #expect(p.database == "/x/candor.sqlite")
    }

    @Test("refuses to run without a purpose, naming the line", arguments: [
        ("version: 1\nkey_file: k\n", 1 as Int?), ("version: 1\npurpose: \"  \"\nkey_file: k\n", 2),
    ])
    func noPurpose(text: String, line: Int?) {
        #expect { try Policy.parse(text, path: "p.yml") } throws: { error in
            let e = error as? PolicyError
            return e?.line == line && e?.message.contains("no purpose") == true
        }
    }

    @Test("signals: thresholds are read, the rest keep their defaults")
    func signalThresholds() throws {
        let policy = try Policy.parse("version: 1\npurpose: x\nsignals: {alpha: 0.05, burst_window_days: 21}\nkey_file: k\n", path: "p.yml")
        #expect(policy.signals.alpha == 0.05 && policy.signals.burstWindowDays == 21 && policy.signals.responseRateDrop == SignalThresholds().responseRateDrop)
    }

    @Test("invalid values name their line", arguments: [
        ("minimum_group_size: 2", 3), ("minimum_group_size: five", 3), ("retention_days: {raw: 0}", 3),
        ("retention_days: {raw: 500, enriched: 10, aggregate: 20}", 3), ("retention_days: {hot: 5}", 3),
        ("colour: blue", 3), ("database: ''", 3),
        ("signals: 0.01", 3), ("signals: {alpha: 0.5}", 3), ("signals: {alfa: 0.01}", 3), ("signals: {burst_window_days: 2.5}", 3),
        ("signals: {bunching_minimum_values: 2}", 3),
        ("email: devex@acme.example", 3), ("email: {from: not-an-address}", 3), ("email: {reply_to: a@b.example}", 3),
        ("email: {from: \"A <a@b.example>\", cc: x@y.example}", 3), ("email: {from: \"A <a@b.example>, c@d.example\"}", 3),
    ])
    func invalid(extra: String, line: Int) {
        let text = "version: 1\npurpose: x\n\(extra)\nkey_file: k\n"
        #expect { try Policy.parse(text, path: "p.yml") } throws: { ($0 as? PolicyError)?.line == line }
    }

    @Test("YAML syntax errors give a line; a missing file says how to create one")
    func syntax() throws {
        #expect { try Policy.parse("purpose: [unclosed\nkey_file: k\n", path: "p.yml") } throws: { ($0 as? PolicyError)?.line != nil }
        let missing = "/nonexistent/\(UUID().uuidString)/policy.yml"
        #expect { try Policy.load(path: missing) } throws: {
            ($0 as? PolicyError)?.errorDescription?.contains("candor init") == true
        }
    }
}

@Suite("Pseudonyms and keys")
struct PseudonymTests {
    @Test("HMAC-SHA256 known answer (RFC 4231 test case 2), first 16 bytes")
    func knownAnswer() {
        let p = Pseudonymiser(key: PseudonymKey(bytes: Array("Jefe".utf8)))
        #expect(p.pseudonym(for: SourcePersonID("what do ya want for nothing?")).text == "5bdcc146bf60754e6a042426089575c7")
    }

    @Test("normalisation: case, spaces and the Identity Center directory prefix")
    func normalisation() {
        let p = Pseudonymiser(key: PseudonymKey(bytes: Array(repeating: 7, count: 32)))
        let id = SourcePersonID("b8f1f340-9081-70ad-5fc5-0f37151937a6")
        #expect(p.pseudonym(for: SourcePersonID(" B8F1F340-9081-70AD-5FC5-0F37151937A6 ")) == p.pseudonym(for: id))
        #expect(p.pseudonym(for: SourcePersonID("d-9067c2e2a8.b8f1f340-9081-70ad-5fc5-0f37151937a6")) == p.pseudonym(for: id))
        #expect(p.pseudonym(for: id) != p.pseudonym(for: SourcePersonID("other")))
        let other = Pseudonymiser(key: PseudonymKey(bytes: Array(repeating: 8, count: 32)))
        #expect(other.pseudonym(for: id) != p.pseudonym(for: id))
    }

    @Test("a new key file is mode 0600, round-trips, and is never overwritten")
    func keyFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("candor.key").path
        let key = PseudonymKey.generate()
        try key.write(to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try PseudonymKey.load(path: path).bytes == key.bytes)
        #expect(PseudonymKey.isShared(path: path) == false)
        #expect(throws: KeyFileError.self) { try PseudonymKey.generate().write(to: path) }
        #expect(PseudonymKey.generate().bytes != key.bytes)
    }
}

@Suite("Policy documentation")
struct PolicyDocumentationTests {
    @Test("the annotated example in docs/policy.md is a valid policy, and so is the starter policy")
    func documentedExampleIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/policy.md"), encoding: .utf8)
        let yaml = try #require(doc.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let policy = try Policy.parse(yaml, path: "/docs/policy.yml")
        #expect(policy.sourcePolicy(for: .github).allowedFields == ["closed_at", "merged_at", "submitted_at"])
        #expect(policy.sourcePolicy(for: .sarif).allowedFields?.contains("uri") == false)
        #expect(policy.audiences[.allStaff] == [.coaching])
        let starter = try Policy.parse(StarterPolicy.text, path: "/x/policy.yml")
        #expect(starter.audiences == Policy.defaultAudiences && starter.programmes == Policy.defaultProgrammes)
        // Every source's optional fields are in the documentation's table.
        for family in SourceFamily.allCases {
            #expect(doc.contains("| `\(family.rawValue)` |"), "\(family.rawValue) missing from docs/policy.md")
            for field in family.optionalFields where family != .qDeveloper { #expect(doc.contains("`\(field)`"), "\(family.rawValue).\(field)") }
        }
    }

    @Test("the email: section names the sender and the reply-to address")
    func email() throws {
        let policy = try Policy.parse("version: 1\npurpose: x\nkey_file: k\nemail: {from: \"ACME DevEx <devex@acme.example>\", reply_to: board@acme.example}\n", path: "p.yml")
        #expect(policy.email == EmailSettings(from: MailAddress("devex@acme.example", displayName: "ACME DevEx")!, replyTo: MailAddress("board@acme.example")!))
        #expect(try Policy.parse("version: 1\npurpose: x\nkey_file: k\n", path: "p.yml").email == nil)
    }
}
