import CandorPipeline
import CandorVocabulary
import Foundation
import Testing

/// `candor verify` (issue 21, item 3): anyone with the published folder and the makers' public key can
/// check that what they read is what candor wrote and the makers signed.
@Suite("Verifying a published report folder", .serialized)
struct VerifyTests {
    /// A copy of the committed example folder (acme), without the second organisation's folder inside it.
    static func exampleCopy(_ temp: TemporaryFolder) throws -> URL {
        let copy = temp.url.appendingPathComponent("reports")
        try FileManager.default.copyItem(at: CandorBinary.packageRoot.appendingPathComponent("reports"), to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("kestrel"))
        return copy
    }

    static func failures(_ folder: URL, publicKey: String? = nil) throws -> [String] {
        var verification = Verification(folder: folder.path)
        verification.publicKey = publicKey
        return try verification.run().filter { !$0.passed }.map(\.text)
    }

    @Test("the committed example folders verify, every file hashed by a manifest the folder's manifest hashes")
    func exampleVerifies() throws {
        for folder in ["reports", "reports/kestrel"] {
            let result = try CandorBinary.run(["verify", folder])
            #expect(result.status == 0, "\(folder): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("\(folder): verified"))
        }
        let acme = try CandorBinary.run(["verify", "reports", "--policy", "fixtures/acme/policy.yml"])
        #expect(acme.stdout.contains("ok   2026-Q4: 30 of 30 files as the manifest hashes them") && acme.stdout.contains("kestrel/: a report folder of its own"))
        #expect(acme.stdout.contains("2026-Q3: policy: fixtures/acme/policy.yml is the policy the reports were made under"))
        let wrongPolicy = try CandorBinary.run(["verify", "reports", "--policy", "fixtures/kestrel/policy.yml"])
        #expect(wrongPolicy.status == 1 && wrongPolicy.stdout.contains("is not the policy the reports were made under"))
    }

    @Test("a one-byte change in any output, a file added and a file removed are each found, naming the file")
    func everyByteCounts() throws {
        let temp = try TemporaryFolder()
        let copy = try Self.exampleCopy(temp)
        #expect(try Self.failures(copy).isEmpty)
        let files = Verification.entries(copy)
        #expect(files.count > 90)
        for file in files {
            let url = copy.appendingPathComponent(file)
            let original = try Data(contentsOf: url)
            var changed = original
            changed[changed.count / 2] ^= 0x01
            try changed.write(to: url)
            let found = try Self.failures(copy)
            try original.write(to: url)
            // A quarter's manifest changed is found by the folder's manifest, which hashes it; the folder's own
            // manifest, by what it no longer matches (and by its signature, when there is one).
            if file == "manifest.json" {
                #expect(!found.isEmpty, "\(file)")
            } else {
                #expect(found.contains { $0.hasPrefix(file + ": changed since it was published") }, "\(file): \(found)")
            }
        }
        #expect(try Self.failures(copy).isEmpty, "every file restored")
        try Data("<p>added</p>".utf8).write(to: copy.appendingPathComponent("2026-Q3/team/extra.html"))
        #expect(try Self.failures(copy) == ["2026-Q3/team/extra.html: not in the manifest"])
        try FileManager.default.removeItem(at: copy.appendingPathComponent("2026-Q3/team/extra.html"))
        // Nowhere to hide a file: a quarter spelt otherwise, a folder dressed as a report folder, a link, a
        // signature beside a quarter's manifest, a world-readable file among the private reports.
        let fm = FileManager.default
        for (folder, file) in [("2026-q3", "extra.html"), ("decoy", "extra.html"), ("2026-Q3", "manifest.json.sig"), ("self-view/abc", "2026-Q3.html")] {
            try fm.createDirectory(at: copy.appendingPathComponent(folder), withIntermediateDirectories: true)
            try Data("<p>added</p>".utf8).write(to: copy.appendingPathComponent(folder + "/" + file))
        }
        try Data(#"{"kind":"report-folder","generatedAt":"x","candorVersion":"0.1.0","metricRegistryVersion":"x","outputs":[]}"#.utf8)
            .write(to: copy.appendingPathComponent("decoy/manifest.json"))
        try fm.createSymbolicLink(at: copy.appendingPathComponent("2026-Q4/team/link.html"), withDestinationURL: URL(fileURLWithPath: "/etc/hostname"))
        let found = try Self.failures(copy)
        for expected in ["2026-q3/extra.html: not in the folder's manifest", "decoy/ — extra.html: not in the folder's manifest",
                         "2026-Q3/manifest.json.sig: not in the manifest", "self-view/abc/2026-Q3.html: not in the folder's manifest",
                         "2026-Q4/team/link.html: a symbolic link, which a published set never holds"] {
            #expect(found.contains(expected), "\(expected): \(found)")
        }
        for junk in ["2026-q3", "decoy", "self-view", "2026-Q3/manifest.json.sig", "2026-Q4/team/link.html"] { try fm.removeItem(at: copy.appendingPathComponent(junk)) }
        try FileManager.default.removeItem(at: copy.appendingPathComponent("2026-Q2/figures.csv"))
        #expect(try Self.failures(copy) == ["2026-Q2/figures.csv: missing", "2026-Q2: 29 of 30 files as the manifest hashes them"])
        // A lone quarter cannot be recomputed (its disclosure read the quarter before); --sign is for `report all`.
        let lone = try CandorBinary.run(["verify", copy.appendingPathComponent("2026-Q3").path, "--recompute", "fixtures/acme"])
        #expect(lone.status == 1 && lone.stdout.contains("FAIL recompute: give the report folder, not one quarter's"))
        let signKind = try CandorBinary.run(["report", "governance", "--period", "2026-Q3", "--sign", "k", "--policy", "fixtures/acme/policy.yml"])
        #expect(signKind.status != 0 && signKind.stderr.contains("--sign signs the report folder's manifest"))
    }

    @Test("run --sign signs the folder's manifest; verify checks it with the public key, and finds a wrong key, a tampered signature and replaced templates")
    func signatureAndTemplates() throws {
        let temp = try TemporaryFolder()
        for name in ["board", "other"] {
            let keygen = Process()
            keygen.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
            keygen.arguments = ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", temp.path(name)]
            try keygen.run()
            keygen.waitUntilExit()
            #expect(keygen.terminationStatus == 0, "ssh-keygen (openssh-client: scripts/install-system-packages --test)")
        }
        let out = temp.path("reports")
        let run = try CandorBinary.run(["run", "fixtures/kestrel", "--out", out, "--database", temp.path("k.sqlite"), "--now", "2026-10-05T09:00:00Z",
                                        "--sign", temp.path("board"), "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/manifest.json.sig"))
        let good = try CandorBinary.run(["verify", out, "--public-key", temp.path("board.pub")])
        #expect(good.status == 0 && good.stdout.contains("ok   signature: manifest.json is signed by the key in"), "\(good.stdout)")
        let wrongKey = try CandorBinary.run(["verify", out, "--public-key", temp.path("other.pub")])
        #expect(wrongKey.status == 1 && wrongKey.stdout.contains("FAIL signature: manifest.json.sig is not a valid signature"))
        // A signature of other bytes: the board's key over another file, put in its place.
        let sig = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json.sig"))
        try Data("other bytes\n".utf8).write(to: URL(fileURLWithPath: temp.path("decoy")))
        _ = try ManifestSignature.sign(temp.path("decoy"), key: temp.path("board"))
        try FileManager.default.copyItem(atPath: temp.path("decoy.sig"), toPath: temp.path("swap.sig"))
        try FileManager.default.removeItem(atPath: out + "/manifest.json.sig")
        try FileManager.default.copyItem(atPath: temp.path("swap.sig"), toPath: out + "/manifest.json.sig")
        #expect(try CandorBinary.run(["verify", out, "--public-key", temp.path("board.pub")]).status == 1)
        try sig.write(to: URL(fileURLWithPath: out + "/manifest.json.sig"))
        #expect(try CandorBinary.run(["verify", out, "--public-key", temp.path("board.pub")]).status == 0)
        // Unsigned, with the key asked for: a failure, not a pass.
        try FileManager.default.removeItem(atPath: out + "/manifest.json.sig")
        let unsigned = try CandorBinary.run(["verify", out, "--public-key", temp.path("board.pub")])
        #expect(unsigned.status == 1 && unsigned.stdout.contains("FAIL manifest.json is not signed"))

        // Replaced templates: the manifest says so, and verify fails unless the reader accepts them.
        let custom = temp.path("templates")
        try FileManager.default.createDirectory(atPath: custom, withIntermediateDirectories: true)
        let original = try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent("templates/transparency.md.mustache"), encoding: .utf8)
        try original.replacingOccurrences(of: "**The data is never used for", with: "**The data is rarely used for")
            .write(toFile: custom + "/transparency.md.mustache", atomically: true, encoding: .utf8)
        let out2 = temp.path("reports2")
        let replaced = try CandorBinary.run(["run", "fixtures/kestrel", "--out", out2, "--database", temp.path("k2.sqlite"), "--now", "2026-10-05T09:00:00Z",
                                             "--templates", custom, "-q"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let flagged = try CandorBinary.run(["verify", out2])
        #expect(flagged.status == 1 && flagged.stdout.contains("FAIL 2026-Q3: rendered with 1 replaced template (transparency.md)"), "\(flagged.stdout)")
        #expect(try CandorBinary.run(["verify", out2, "--accept-templates"]).status == 0)
    }

    @Test("an auditor with the inputs makes the set again byte for byte, and so catches a forgery whose manifests were rewritten to match")
    func recomputation() throws {
        let temp = try TemporaryFolder()
        let copy = try Self.exampleCopy(temp)
        let clean = try CandorBinary.run(["verify", copy.path, "--recompute", "fixtures/acme"])
        #expect(clean.status == 0 && clean.stdout.contains("ok   recompute: 96 of 96 files byte for byte as a clean run of fixtures/acme dated 2027-01-05T09:00:00Z"),
                "\(clean.stdout)")
        // A forger changes a figure and rewrites the quarter's manifest and the folder's to match: the hashes
        // agree again, and only a signature or a recomputation can tell.
        let review = copy.appendingPathComponent("2026-Q3/governance.md")
        let text = try String(contentsOf: review, encoding: .utf8)
        let forged = Data(text.replacingOccurrences(of: "34.3%", with: "39.3%").utf8)
        #expect(forged != Data(text.utf8))
        try forged.write(to: review)
        func rehash(_ manifest: URL, _ path: String, _ data: Data) throws {
            var json = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as! [String: Any]
            json["outputs"] = (json["outputs"] as! [[String: Any]]).map { output -> [String: Any] in
                guard output["path"] as? String == path else { return output }
                return ["path": path, "sha256": SHA256Digest.hex(of: Array(data)), "bytes": data.count]
            }
            try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: manifest)
        }
        try rehash(copy.appendingPathComponent("2026-Q3/manifest.json"), "governance.md", forged)
        try rehash(copy.appendingPathComponent("manifest.json"), "2026-Q3/manifest.json", try Data(contentsOf: copy.appendingPathComponent("2026-Q3/manifest.json")))
        #expect(try Self.failures(copy).isEmpty, "the forged hashes agree")
        let caught = try CandorBinary.run(["verify", copy.path, "--recompute", "fixtures/acme", "-q"])
        #expect(caught.status == 1 && caught.stdout.contains("FAIL recompute: 2026-Q3/governance.md differs from what a clean run of fixtures/acme"), "\(caught.stdout)")
    }
}
