import Foundation
import Testing

/// fixtures/acme with every string that reaches a report made hostile — team and department names,
/// programme changes, decisions, the purpose, a review date's name — run through ingest, every
/// published report and every email; each output is parsed with a real HTML parser against an
/// allow-list (scripts/test-support/html-allowlist.py) and each email's headers checked.
@Suite("Hostile strings through every report and email")
struct HostileReportTests {
    /// Team → the hostile name it gets (each at most 120 characters, the directory's limit).
    static let teams: [String: String] = [
        "Checkout": "<script>alert(\"x\")</script>",
        "Payments": "[pay](javascript:alert(1)) ![img](javascript:alert(2)) <javascript:alert(3)>",
        "Data Platform": "=HYPERLINK(\"http://evil.example\",\"click\")",
        "Identity": "Id\r\nBcc: victim@evil.example\r\nX-Evil: 1",
        "Search": "\u{202E}hcraeS <img src=x onerror=alert(1)>",
        "Mobile": "Mobile &lt;b&gt; <!-- c --> ]]> {{team}} {{{purpose}}}",
        "Platform & Infra": String(repeating: "*", count: 60) + String(repeating: "_", count: 50),
        "Docs Tools": String(repeating: "[", count: 110),
    ]
    static let departments: [String: String] = [
        "Commerce": "<style>body{background:url(http://evil.example)}</style>",
        "Platform": String(repeating: "`", count: 100),
        "Product": "<a href='javascript:x'>Product</a>",
    ]

    static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Writes the hostile organisation into `folder`.
    static func makeOrganisation(at folder: URL) throws {
        try FileManager.default.copyItem(at: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme"), to: folder)
        let inputs = folder.appendingPathComponent("inputs")
        // The directory: team (field 2) and department (field 6).
        let directoryURL = inputs.appendingPathComponent("directory.csv")
        var lines = try String(contentsOf: directoryURL, encoding: .utf8).split(separator: "\n").map(String.init)
        for i in lines.indices.dropFirst() {
            var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = quoted(teams[fields[1]] ?? fields[1])
            if !fields[5].isEmpty { fields[5] = quoted(departments[fields[5]] ?? fields[5]) }
            lines[i] = fields.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: directoryURL, atomically: true, encoding: .utf8)
        // Repository owners and survey answers name teams as quoted fields.
        var files = [inputs.appendingPathComponent("repositories.csv")]
        files += try FileManager.default.contentsOfDirectory(at: inputs.appendingPathComponent("survey"), includingPropertiesForKeys: nil)
        for url in files {
            var text = try String(contentsOf: url, encoding: .utf8)
            for (team, hostile) in teams { text = text.replacingOccurrences(of: ",\"\(team)\",", with: "," + quoted(hostile) + ",") }
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        // Programme changes and decisions: markup, links, formulas, bidi, header breaks and cmark's pathological shapes.
        let changes = inputs.appendingPathComponent("governance/policy-changes.csv")
        let hostileChanges = [
            "<script>x</script> [l](javascript:alert(1)) \u{202E}evil =HYPERLINK(\"http://x\",\"y\")\r\nBcc: a@evil.example",
            String(repeating: "<", count: 490), String(repeating: "[", count: 490), String(repeating: "*a", count: 245),
            String(repeating: "`", count: 490), String(repeating: "[a](", count: 120), String(repeating: "<!--", count: 120),
        ]
        var changeText = try String(contentsOf: changes, encoding: .utf8)
        for (i, text) in hostileChanges.enumerated() { changeText += "2026-08-\(20 + i),\(quoted(text)),ai.acceptance_rate\n" }
        try changeText.write(to: changes, atomically: true, encoding: .utf8)
        let decisions = inputs.appendingPathComponent("governance/decisions.csv")
        try (try String(contentsOf: decisions, encoding: .utf8)
             + "2026-09-10,\(quoted("<img src=x onerror=alert(1)> [d](javascript:1) <style>*{}</style>")),ai.acceptance_rate,keep\n")
            .write(to: decisions, atomically: true, encoding: .utf8)
        // The policy's own text is input too.
        let policyURL = folder.appendingPathComponent("policy.yml")
        var policy = try String(contentsOf: policyURL, encoding: .utf8)
        policy = policy.replacingOccurrences(of: "  Help ACME's teams understand", with: "  <script>alert(1)</script> [x](javascript:alert(1)) Help ACME's teams understand")
        policy = policy.replacingOccurrences(of: "{date: 2026-09-14, name: mid-year calibration}",
                                             with: "{date: 2026-09-14, name: \"<b onmouseover=alert(1)>calibration</b>\"}")
        try policy.write(to: policyURL, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent("candor.key").path)
    }

    @Test("every HTML page and email stays inside the allow-list, every payload arrives as text, and no header is added")
    func hostileOrganisation() throws {
        let temp = try TemporaryFolder()
        let org = temp.url.appendingPathComponent("acme")
        try Self.makeOrganisation(at: org)
        let started = Date()
        let run = try CandorBinary.run(["run", org.path, "--out", temp.path("out"), "--database", temp.path("db.sqlite"), "--period", "2026-Q3",
                                        "--now", "2026-10-05T09:00:00Z", "-q"])
        let seconds = Date().timeIntervalSince(started)
        #expect(run.status == 0, "\(run.stderr)")
        // A generous bound: the unmodified fixtures take about 15 s in a debug build.
        #expect(seconds < 180, "the hostile run took \(seconds) s: something grows faster than it should")

        let out = temp.url.appendingPathComponent("out/2026-Q3")
        let files = try filesBelow(out)
        let pages = files.keys.filter { $0.hasSuffix(".html") || $0.hasSuffix(".eml") }.sorted().map { out.appendingPathComponent($0).path }
        #expect(pages.count == 2 + 8 + 8)   // governance and transparency, 8 team pages, 8 emails
        // Team file names are made of lowercase ASCII letters, digits and hyphens only.
        for name in files.keys where name.hasPrefix("team/") {
            #expect(name.dropFirst(5).allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }, "\(name)")
        }

        // The folder's index too: the hostile names reach it through the published figures.
        let index = temp.url.appendingPathComponent("out/index.html").path
        #expect(FileManager.default.fileExists(atPath: index))
        let results = try Self.checkAllowList(pages + [index]).filter { ($0["file"] as? String) != index }

        // Each payload reached the reports as text: escaped, never as markup.
        let governance = String(decoding: files["governance.html"] ?? Data(), as: UTF8.self)
        #expect(governance.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(governance.contains("[pay](javascript:alert(1))"))
        #expect(governance.contains("=HYPERLINK("))
        #expect(governance.contains("{{team}} {{{purpose}}}"), "template syntax in a value stays text")
        #expect(governance.contains(String(repeating: "[", count: 110)))
        #expect(!governance.contains("\u{202E}"), "bidirectional overrides are dropped")
        // The Identity team's email: the header break became spaces inside the Subject, no header was added.
        let subjects = results.compactMap { $0["subject"] as? String }
        #expect(subjects.count == 8)
        #expect(subjects.contains("Id Bcc: victim@evil.example X-Evil: 1 team summary, 2026-Q3"))
        let identityEmail = try #require(files.first { $0.key.hasPrefix("team/id-bcc") && $0.key.hasSuffix(".eml") }?.value)
        #expect(!String(decoding: identityEmail, as: UTF8.self).contains("\r\nBcc:"))
    }

    /// Runs scripts/test-support/html-allowlist.py over `pages` (HTML files and emails); expects every
    /// one to pass and returns the checker's result for each (file, ok, problems, an email's subject).
    static func checkAllowList(_ pages: [String]) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [CandorBinary.packageRoot.appendingPathComponent("scripts/test-support/html-allowlist.py").path] + pages
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let results = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(process.terminationStatus == 0 && results.count == pages.count)
        for r in results { #expect(r["ok"] as? Bool == true, "\(r["file"] ?? ""): \(r["problems"] ?? "")") }
        return results
    }

    @Test("the allow-list checker rejects what it must, so the test above can fail")
    func checkerCatches() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [CandorBinary.packageRoot.appendingPathComponent("scripts/test-support/html-allowlist.py").path,
                             CandorBinary.packageRoot.appendingPathComponent("fixtures/browser/bad-page.html").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(text.contains("element <script> is not on the allow-list") && text.contains("URL attribute src="))
    }

    @Test("the rejects file of a hostile file name and hostile cells neutralises spreadsheet formulas")
    func rejectsCSV() throws {
        let temp = try TemporaryFolder()
        let source = try #require(FileManager.default.enumerator(atPath: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme/inputs/AWSLogs").path)?
            .compactMap { $0 as? String }.sorted().first { $0.contains("by_user_analytic") && $0.hasSuffix(".csv") })
        let text = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("fixtures/acme/inputs/AWSLogs/" + source), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        // A good row, then a row whose date is a formula.
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[1] = Self.quoted("=HYPERLINK(\"http://evil.example\")")
        let bad = fields.joined(separator: ",")
        let name = "=HYPERLINK(\"evil.example\",\"open\").csv"   // a file name cannot hold a slash
        try ([lines[0], lines[1], bad].joined(separator: "\n") + "\n").write(toFile: temp.path(name), atomically: true, encoding: .utf8)
        // Named relatively, so the file cell itself starts with "=".
        let ingest = try CandorBinary.run(["ingest", "--policy", CandorBinary.packageRoot.appendingPathComponent("fixtures/acme/policy.yml").path,
                                           "--database", temp.path("db/x.sqlite"), "--skip-bad-rows", "--format", "q-developer-activity", name], in: temp.url)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let rejects = try FileManager.default.contentsOfDirectory(atPath: temp.path("db/rejects"))
        #expect(rejects.count == 1)
        let csv = try String(contentsOfFile: temp.path("db/rejects/" + rejects[0]), encoding: .utf8)
        // No cell starts with a formula character: every field is split out and checked.
        for line in csv.split(separator: "\n").dropFirst() {
            var fields: [String] = [], field = "", quoted = false, chars = Array(line), i = 0
            while i < chars.count {
                let c = chars[i]
                if quoted {
                    if c == "\"" { if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false } } else { field.append(c) }
                } else if c == "\"" { quoted = true } else if c == "," { fields.append(field); field = "" } else { field.append(c) }
                i += 1
            }
            fields.append(field)
            #expect(fields.count == 6)
            for f in fields { #expect(!(f.first.map { "=+-@\t\r".contains($0) } ?? false), "cell \(f) starts a formula") }
            #expect(fields[0].hasPrefix("'=HYPERLINK"), "the file name is written, neutralised: \(fields[0])")
        }
    }
}
