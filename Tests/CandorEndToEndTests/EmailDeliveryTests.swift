import CandorPolicy
import CandorStorage
import CandorMail
import Foundation
import Testing

/// `candor send` through a real mail transfer agent (msmtp) to a real SMTP server on loopback
/// (Python's aiosmtpd, from Debian), with the messages parsed on arrival by Python's email package.
@Suite("Emailed team summaries", .serialized)
struct EmailDeliveryTests {
    static let python = "/usr/bin/python3"
    static let teamFolder = CandorBinary.packageRoot.appendingPathComponent("reports/2026-Q3/team")

    /// A running SMTP sink; stops when its standard input closes.
    final class SMTPSink {
        let process = Process()
        let input = Pipe()
        let port: Int
        let folder: URL

        init(folder: URL) throws {
            self.folder = folder
            #expect(FileManager.default.isExecutableFile(atPath: EmailDeliveryTests.python), "needs Debian's python3 (scripts/install-system-packages --test)")
            process.executableURL = URL(fileURLWithPath: EmailDeliveryTests.python)
            process.arguments = [CandorBinary.packageRoot.appendingPathComponent("scripts/test-support/smtp-sink.py").path, folder.path]
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            let text = String(decoding: line, as: UTF8.self)
            guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the SMTP sink did not start (is python3-aiosmtpd installed?): \(text)"])
            }
            self.port = port
        }

        func stop() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }

        /// The parsed messages received so far, in arrival order.
        func received() throws -> [[String: Any]] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
                .sorted { Int($0.dropLast(5))! < Int($1.dropLast(5))! }
            return try names.map { try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent($0))) as! [String: Any] }
        }
    }

    /// An msmtp configuration for the sink (no TLS, no authentication: loopback only).
    static func msmtpConfig(port: Int, in temp: TemporaryFolder) throws -> String {
        let path = temp.path("msmtprc")
        try "account default\nhost 127.0.0.1\nport \(port)\nauth off\ntls off\nfrom devex@acme.example\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// The directory's team addresses, by team name, as of the quarter's end.
    static func directoryAddresses() throws -> [String: String] {
        let csv = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme/inputs/directory.csv"), encoding: .utf8)
        var out: [String: String] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[fields[1]] = fields[6]
        }
        return out
    }

    @Test("every team summary goes through msmtp to a real SMTP server, parses, and reaches exactly its team")
    func deliversThroughSMTP() throws {
        let temp = try TemporaryFolder()
        let sink = try SMTPSink(folder: temp.url.appendingPathComponent("inbox"))
        defer { sink.stop() }
        let rc = try Self.msmtpConfig(port: sink.port, in: temp)
        let db = temp.path("send.sqlite")
        let result = try CandorBinary.run(["send", Self.teamFolder.path, "--sendmail", "msmtp -C \(rc) -t", "--policy", "fixtures/acme/policy.yml",
                                           "--database", db, "--now", "2026-10-05T10:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let emls = try FileManager.default.contentsOfDirectory(atPath: Self.teamFolder.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(emls.count == 8)
        #expect(result.stdout.contains("sent 8 of 8 messages"))
        let messages = try sink.received()
        #expect(messages.count == emls.count)
        let addresses = try Self.directoryAddresses()
        for message in messages {
            let subject = message["subject"] as! String
            let team = try #require(subject.components(separatedBy: " team summary, 2026-Q3").first)
            #expect(subject == "\(team) team summary, 2026-Q3")
            // Envelope and header recipients are the team's address from the directory, and nobody else.
            #expect(message["rcpt_tos"] as! [String] == [addresses[team]!])
            #expect(message["to"] as! [String] == [addresses[team]!])
            #expect(message["mail_from"] as! String == "devex@acme.example")
            #expect(message["from"] as! String == "ACME Developer Experience <devex@acme.example>")
            #expect((message["defects"] as! [String]).isEmpty, "\(message["defects"]!)")
            #expect(message["header_names"] as! [String] == ["From", "To", "Reply-To", "Subject", "Date", "Message-ID", "MIME-Version",
                                                             "Auto-Submitted", "X-Candor-Report", "Content-Type"])
            #expect(message["date"] as! String == "Tue, 05 Jan 2027 09:00:00 +0000")   // the example run is dated 2027-01-05
            #expect(message["content_type"] as! String == "multipart/alternative")
            let parts = message["parts"] as! [[String: Any]]
            #expect(parts.map { $0["type"] as! String } == ["text/plain", "text/html"])
            #expect(parts.allSatisfy { $0["charset"] as? String == "utf-8" })
            let plain = parts[0]["text"] as! String, html = parts[1]["text"] as! String
            #expect(plain.contains("# Team summary: \(team), 2026-Q3") && !plain.contains("<table"))
            #expect(html.contains("<h1 style=") && !html.contains("<svg") && !html.contains("<style"))
            #expect(html.contains("Team summary: \(team.replacingOccurrences(of: "&", with: "&amp;")), 2026-Q3"))
        }
        // Each send is in the audit log with its Message-ID, recipients and hash.
        let store = try CandorStore(path: db)
        let sends = try store.auditEntries().filter { $0.command.hasPrefix("send team-summary 2026-Q3 <") }
        #expect(sends.count == 8)
        #expect(sends.allSatisfy { $0.audience == "team" && $0.purpose == "team-improvement" && $0.outputs.count == 1 })
        #expect(AuditVerifier.problems(try store.auditEntries(), head: store.auditHead()).isEmpty)
    }

    @Test("--dry-run lists each message and its recipients and sends nothing")
    func dryRun() throws {
        let result = try CandorBinary.run(["send", Self.teamFolder.path, "--dry-run", "--sendmail", "/bin/false"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("would send \(Self.teamFolder.path)/payments.eml: to team-payments@acme.example; subject Payments team summary, 2026-Q3; <"))
        #expect(result.stdout.contains("8 messages would be sent with: /bin/false"))
    }

    @Test("a failing mail command is reported per message, exits 1, and logs no send")
    func failingCommand() throws {
        let temp = try TemporaryFolder()
        let db = temp.path("fail.sqlite")
        let result = try CandorBinary.run(["send", Self.teamFolder.appendingPathComponent("payments.eml").path, "--sendmail", "/bin/false",
                                           "--policy", "fixtures/acme/policy.yml", "--database", db, "--now", "2026-10-05"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/bin/false failed (status 1)"))
        #expect(result.stdout.contains("sent 0 of 1 message"))
        #expect(try CandorStore(path: db).auditEntries().allSatisfy { !$0.command.hasPrefix("send ") })
    }

    @Test("only candor's own messages are sent, and the command is never a shell line")
    func refusals() throws {
        let temp = try TemporaryFolder()
        let foreign = temp.path("foreign.eml")
        try "From: a@b.example\r\nTo: c@d.example\r\nSubject: hi\r\n\r\nbody\r\n".write(toFile: foreign, atomically: true, encoding: .utf8)
        let notOurs = try CandorBinary.run(["send", foreign, "--dry-run"])
        #expect(notOurs.status != 0 && notOurs.stderr.contains("not a message candor wrote"))
        let shell = try CandorBinary.run(["send", Self.teamFolder.path, "--sendmail", "msmtp -t; rm -rf /", "--policy", "fixtures/acme/policy.yml",
                                          "--database", temp.path("x.sqlite")])
        #expect(shell.status != 0 && shell.stderr.contains("holds shell syntax"))
        let missing = try CandorBinary.run(["send", temp.path("nowhere")])
        #expect(missing.status != 0 && missing.stderr.contains("no such file or folder"))
    }

    @Test("without the policy's email: section the summaries are written without an .eml, and the run says why")
    func noSender() throws {
        let temp = try TemporaryFolder()
        let org = temp.url.appendingPathComponent("acme")
        try FileManager.default.copyItem(at: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme"), to: org)
        let policyURL = org.appendingPathComponent("policy.yml")
        let policy = try String(contentsOf: policyURL, encoding: .utf8)
        try policy.components(separatedBy: "\n# Who the emailed team summaries come from")[0].write(to: policyURL, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: org.appendingPathComponent("candor.key").path)
        let run = try CandorBinary.run(["run", org.path, "--out", temp.path("out"), "--database", temp.path("db.sqlite"), "--period", "2026-Q3",
                                        "--now", "2026-10-05T09:00:00Z"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: temp.path("out/2026-Q3/team"))
        #expect(files.filter { $0.hasSuffix(".md") }.count == 8 && files.filter { $0.hasSuffix(".eml") }.isEmpty)
        #expect(run.stderr.contains("no email for Checkout: the policy has no email: section naming a sender"))
        #expect(run.stderr.contains("wrote 8 team summaries (0 with an email)"))
    }
}
