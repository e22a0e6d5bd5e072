import CandorAnalysis
import CandorPolicy
import CandorReport
import CandorVocabulary
import Foundation

/// Signing a report folder's manifest with an SSH key (`ssh-keygen -Y sign`), so anyone holding the
/// public key can check that the published set is the one its makers signed (issue 21, item 3).
public enum ManifestSignature {
    /// The signature namespace: a signature made for candor's manifests verifies for nothing else.
    public static let namespace = "candor-report"

    /// Signs `manifest` with the private key at `key`, writing `<manifest>.sig`; returns its path.
    public static func sign(_ manifest: String, key: String) throws -> String {
        guard FileManager.default.isReadableFile(atPath: key) else {
            throw OutputError(path: key, message: "the signing key cannot be read", hint: "give --sign the path of an SSH private key (ssh-keygen -t ed25519 makes one)")
        }
        let signature = manifest + ".sig"
        try? FileManager.default.removeItem(atPath: signature)
        let result = try SSHKeygen.run(["-Y", "sign", "-f", key, "-n", namespace, manifest])
        guard result.status == 0, FileManager.default.fileExists(atPath: signature) else {
            throw OutputError(path: key, message: "ssh-keygen could not sign the manifest: " + result.errors.trimmingCharacters(in: .whitespacesAndNewlines),
                              hint: "use a key without a passphrase, or one loaded in ssh-agent (then give --sign its .pub file)")
        }
        return signature
    }

    /// Whether `<manifest>.sig` is a valid signature of `manifest` by the key in `publicKey` (an
    /// OpenSSH `.pub` file), under candor's namespace; with ssh-keygen's words when it is not.
    public static func verify(_ manifest: String, publicKey: String) throws -> (valid: Bool, detail: String) {
        guard let text = FileManager.default.contents(atPath: publicKey).map({ String(decoding: $0, as: UTF8.self) }),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ssh-") || $0.hasPrefix("ecdsa-") || $0.hasPrefix("sk-") }) else {
            throw OutputError(path: publicKey, message: "not an OpenSSH public key", hint: "give --public-key the .pub file the report's makers published")
        }
        // An allowed-signers file naming the one key, in a private temporary folder.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("candor-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let signers = folder.appendingPathComponent("allowed_signers").path
        let fields = line.split(separator: " ", maxSplits: 2)
        try Data("candor-report-signer \(fields.prefix(2).joined(separator: " "))\n".utf8).write(to: URL(fileURLWithPath: signers))
        let result = try SSHKeygen.run(["-Y", "verify", "-f", signers, "-I", "candor-report-signer", "-n", namespace, "-s", manifest + ".sig"],
                                       input: manifest)
        let words = (result.output + result.errors).trimmingCharacters(in: .whitespacesAndNewlines)
        return (result.status == 0, words)
    }
}

/// Runs `ssh-keygen` (from openssh-client) with `arguments`, its standard input from `input` (a file) or empty.
enum SSHKeygen {
    static func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String, errors: String) {
        let candidates = ["/usr/bin/ssh-keygen", "/bin/ssh-keygen", "/usr/local/bin/ssh-keygen", "/opt/homebrew/bin/ssh-keygen"]
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw OutputError(path: "ssh-keygen", message: "ssh-keygen is not installed", hint: "install openssh-client (apt-get install openssh-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
        // Both pipes at once: a child that fills one while the other is read to its end would wait forever.
        let collected = ErrorCollector()
        let reader = Thread { collected.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = collected.wait()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}

/// The standard error of a child, read on another thread.
final class ErrorCollector: @unchecked Sendable {
    // Guarded by `done`: written once before the signal, read after the wait.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    func set(_ value: Data) { data = value; done.signal() }
    func wait() -> Data { done.wait(); return data }
}

/// `candor verify DIR`: checks a published report folder (or one quarter's folder) against its
/// manifests — every output's SHA-256 and size, no file outside them, the templates candor's own,
/// the versions and the policy — and, with the makers' public key, the signature; with the inputs,
/// an auditor can also recompute the set from a clean run and compare it byte for byte.
public struct Verification {
    public struct Check: Sendable, Equatable {
        public var passed: Bool
        /// A note says something the reader should know but is not a failure.
        public var note: Bool
        public var text: String
    }

    public var folder: String
    /// The makers' OpenSSH public key (`.pub`): the signature is checked only with it.
    public var publicKey: String?
    /// The policy file the reports should have been made under: its SHA-256 is compared.
    public var policyPath: String?
    /// Replaced templates (`--templates`) are a failure unless the reader accepts them.
    public var acceptTemplateOverrides = false
    /// The organisation folder the set was made from (policy.yml, its key, inputs/): the set is made again
    /// by a clean run in a private temporary folder, dated as the manifest says, and compared byte for byte.
    public var recomputeFrom: String?
    /// Where the recomputation's progress goes.
    public var log: any ProgressLog = SilentLog()

    public init(folder: String) { self.folder = folder }

    /// A period manifest as `candor run` writes it (the fields verification reads).
    struct PeriodManifest: Decodable {
        var period: String
        var generatedAt: String
        var candorVersion: String
        var libcmarkVersion: String
        var metricRegistryVersion: String
        var policySHA256: String
        var templates: [Manifest.Template]
        var outputs: [Manifest.Output]
        var datedEarlier: Bool?
    }

    /// Every check, in order; the folder verifies when none failed.
    public func run() throws -> [Check] { try run(depth: 0) }

    private func run(depth: Int) throws -> [Check] {
        var checks: [Check] = []
        func pass(_ text: String) { checks.append(Check(passed: true, note: false, text: text)) }
        func fail(_ text: String) { checks.append(Check(passed: false, note: false, text: text)) }
        func note(_ text: String) { checks.append(Check(passed: true, note: true, text: text)) }

        let root = URL(fileURLWithPath: folder)
        let manifestPath = root.appendingPathComponent("manifest.json").path
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw OutputError(path: manifestPath, message: "no manifest.json", hint: "give verify a report folder (with index.html) or one quarter's folder that candor wrote")
        }
        let decoder = JSONDecoder()
        var periodFolders: [(path: String, label: String)] = []
        if let folderManifest = try? decoder.decode(FolderManifest.self, from: data), folderManifest.kind == "report-folder" {
            note("report folder made \(folderManifest.generatedAt) by candor \(folderManifest.candorVersion)")
            checkOutputs(folderManifest.outputs, in: root, label: "", pass: pass, fail: fail)
            let listed = Set(folderManifest.outputs.map(\.path))
            var nested: Set<String> = [], privateChecked: Set<String> = []
            // A link inside a listed quarter's folder is reported by that quarter's walk, once.
            let quarterFolders = Set(listed.filter { $0.hasSuffix("/manifest.json") }.map { String($0.dropLast("manifest.json".count)) })
            for name in Self.entries(root, links: { link in
                if !quarterFolders.contains(where: { link.hasPrefix($0) }) { fail("\(link): a symbolic link, which a published set never holds") }
            })
            where !listed.contains(name) && !["manifest.json", "manifest.json.sig"].contains(name) {
                let top = name.components(separatedBy: "/").first ?? ""
                if Period(folderName: top) != nil, name != top {
                    // A quarter's files are checked against its own manifest, which the folder's hashes.
                    if name == top + "/manifest.json" || !listed.contains(top + "/manifest.json") {
                        fail("\(name): not in the folder's manifest")
                    }
                } else if name != top, depth < 2, Self.isReportFolder(root.appendingPathComponent(top)) {
                    // A report folder inside this one (reports/kestrel/) is verified as a set of its own.
                    if nested.insert(top).inserted {
                        var inner = self
                        inner.folder = root.appendingPathComponent(top).path
                        inner.publicKey = nil
                        inner.recomputeFrom = nil
                        if publicKey != nil {
                            fail("\(top)/: a report folder of its own, which the signature of this folder's manifest does not cover (verify it with its makers' key)")
                        } else {
                            note("\(top)/: a report folder of its own, verified below")
                        }
                        checks += try inner.run(depth: depth + 1).map { Check(passed: $0.passed, note: $0.note, text: top + "/ — " + $0.text) }
                    }
                } else if ["self-view", "security-review"].contains(top), name != top, Self.isPrivateReport(root.appendingPathComponent(name)) {
                    if privateChecked.insert(top).inserted { note("\(top)/: private reports (owner-only files), not part of the published set") }
                } else {
                    fail("\(name): not in the folder's manifest")
                }
            }
            for output in folderManifest.outputs where output.path.hasSuffix("/manifest.json") {
                let period = String(output.path.dropLast("/manifest.json".count))
                // Only a quarter's manifest, by its canonical name: never a path that leaves the folder.
                guard Period(folderName: period) != nil else {
                    fail("\(output.path): not a quarter's manifest")
                    continue
                }
                periodFolders.append((root.appendingPathComponent(period).path, period + "/"))
            }
            if folderManifest.candorVersion != CandorVersion.string {
                note("made by candor \(folderManifest.candorVersion); this is candor \(CandorVersion.string)")
            }
        } else {
            periodFolders.append((folder, ""))
        }

        let builtIn = try TemplateSet(overridesFrom: nil).digests
        for (path, label) in periodFolders {
            let manifestFile = URL(fileURLWithPath: path).appendingPathComponent("manifest.json")
            guard let bytes = FileManager.default.contents(atPath: manifestFile.path) else {
                fail("\(label)manifest.json: missing")
                continue
            }
            guard let manifest = try? decoder.decode(PeriodManifest.self, from: bytes) else {
                fail("\(label)manifest.json: not a manifest candor wrote")
                continue
            }
            note("\(label.isEmpty ? manifest.period : String(label.dropLast())): made \(manifest.generatedAt) by candor \(manifest.candorVersion), libcmark \(manifest.libcmarkVersion), metric registry \(manifest.metricRegistryVersion)")
            checkOutputs(manifest.outputs, in: URL(fileURLWithPath: path), label: label, pass: pass, fail: fail)
            let listed = Set(manifest.outputs.map(\.path))
            for name in Self.entries(URL(fileURLWithPath: path), links: { fail("\(label)\($0): a symbolic link, which a published set never holds") })
            where !listed.contains(name) && name != "manifest.json" && !(label.isEmpty && name == "manifest.json.sig") {
                fail("\(label)\(name): not in the manifest")
            }
            // Templates: candor's own unless the manifest says they were replaced.
            let replaced = manifest.templates.filter { $0.origin != "built-in" }.map(\.name)
            if !replaced.isEmpty {
                let text = Self.who(label) + "rendered with \(replaced.count) replaced template\(replaced.count == 1 ? "" : "s") (\(replaced.joined(separator: ", "))): its wording is not candor's"
                acceptTemplateOverrides ? note(text) : fail(text + " (--accept-templates to accept them)")
            }
            if manifest.candorVersion == CandorVersion.string {
                let differing = manifest.templates.filter { $0.origin == "built-in" && builtIn[$0.name] != $0.sha256 }.map(\.name)
                if differing.isEmpty {
                    pass(Self.who(label) + "templates: \(manifest.templates.count - replaced.count) of candor \(CandorVersion.string)'s built-in templates, unchanged")
                } else {
                    fail(Self.who(label) + "templates said to be built-in differ from candor \(CandorVersion.string)'s: \(differing.joined(separator: ", "))")
                }
            } else {
                note(Self.who(label) + "templates not compared: the set was made by candor \(manifest.candorVersion), this is \(CandorVersion.string)")
            }
            if manifest.metricRegistryVersion != MetricRegistry.version {
                note(Self.who(label) + "metric registry \(manifest.metricRegistryVersion); this candor's is \(MetricRegistry.version): figures follow the definitions of the registry named")
            }
            if let policyPath {
                let policy = try Policy.load(path: policyPath)
                policy.sha256 == manifest.policySHA256
                    ? pass(Self.who(label) + "policy: \(policyPath) is the policy the reports were made under")
                    : fail(Self.who(label) + "policy: \(policyPath) (SHA-256 \(policy.sha256)) is not the policy the reports were made under (\(manifest.policySHA256))")
            } else {
                note(Self.who(label) + "policy SHA-256 \(manifest.policySHA256) (give --policy to compare a policy file)")
            }
        }

        if recomputeFrom != nil, periodFolders.first?.label.isEmpty == true {
            fail("recompute: give the report folder, not one quarter's: a quarter's disclosure reads the quarter before it, so the clean run makes every quarter")
        } else if let recomputeFrom {
            checks += try recompute(from: recomputeFrom, periodFolders: periodFolders, folderMode: periodFolders.first?.label.isEmpty == false)
        }

        // The signature: over the folder's manifest (or the quarter's, for a quarter given alone).
        let signature = manifestPath + ".sig"
        let signed = FileManager.default.fileExists(atPath: signature)
        if let publicKey {
            if !signed && periodFolders.first?.label.isEmpty == true {
                fail("a quarter's folder is not signed on its own: the report folder's manifest is (verify the report folder with --public-key)")
            } else if !signed {
                fail("manifest.json is not signed (no manifest.json.sig)")
            } else {
                let (valid, detail) = try ManifestSignature.verify(manifestPath, publicKey: publicKey)
                valid ? pass("signature: manifest.json is signed by the key in \(publicKey)")
                      : fail("signature: manifest.json.sig is not a valid signature of manifest.json by the key in \(publicKey) (\(detail))")
            }
        } else if signed {
            note("manifest.json is signed: give --public-key with the makers' published key to check the signature")
        } else {
            note("manifest.json is not signed")
        }
        return checks
    }

    /// Makes the set again from `organisation` with a clean run (a new database, the manifest's date, the
    /// quarters the set holds) and compares every file the manifests name, byte for byte.
    private func recompute(from organisation: String, periodFolders: [(path: String, label: String)], folderMode: Bool) throws -> [Check] {
        var periods: [Period] = []
        var dates = Set<String>()
        var datedEarlier = false
        var files: [String] = folderMode ? ["manifest.json"] : []
        let decoder = JSONDecoder()
        for (path, label) in periodFolders {
            guard let data = FileManager.default.contents(atPath: path + "/manifest.json"),
                  let manifest = try? decoder.decode(PeriodManifest.self, from: data), let period = Period(manifest.period) else { continue }
            periods.append(period)
            dates.insert(manifest.generatedAt)
            datedEarlier = datedEarlier || manifest.datedEarlier == true
            files += [label + "manifest.json"] + manifest.outputs.map { label + $0.path }
            if manifest.templates.contains(where: { $0.origin != "built-in" }) {
                return [Check(passed: false, note: false, text: "recompute: \(Self.who(label))the set was rendered with replaced templates; a clean run with candor's own cannot make it again")]
            }
        }
        if folderMode { files += ["index.md", "index.html"] }
        guard dates.count == 1, let date = dates.first, let seconds = Timestamp.parseISO8601(date), !periods.isEmpty else {
            return [Check(passed: false, note: false, text: "recompute: the quarters were made at different times (\(dates.sorted().joined(separator: ", "))): one clean run cannot make them all")]
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("candor-recompute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("reports")
        let now = Date(timeIntervalSince1970: TimeInterval(seconds))
        var configuration = RunConfiguration(workspace: organisation, database: scratch.appendingPathComponent("recompute.sqlite").path,
                                             outDirectory: out.path, periods: periods.sorted(), now: now, templatesDirectory: nil)
        // Dated as the set was: on its day, or (as its transparency report says) earlier than the day it was made.
        configuration.machineTime = datedEarlier ? max(Date(), now.addingTimeInterval(86_400)) : now
        _ = try Run(configuration, log: log).execute()
        var same = 0
        var checks: [Check] = []
        for file in files.sorted() {
            let original = FileManager.default.contents(atPath: URL(fileURLWithPath: folder).appendingPathComponent(file).path)
            let again = FileManager.default.contents(atPath: out.appendingPathComponent(file).path)
            if let original, original == again { same += 1 } else {
                checks.append(Check(passed: false, note: false, text: "recompute: \(file) differs from what a clean run of \(organisation) dated \(date) writes"))
            }
        }
        checks.insert(Check(passed: same == files.count, note: false,
                            text: "recompute: \(same) of \(files.count) files byte for byte as a clean run of \(organisation) dated \(date) writes them"), at: 0)
        return checks
    }

    /// Checks each output's size and SHA-256 against the file in `folder`.
    private func checkOutputs(_ outputs: [Manifest.Output], in folder: URL, label: String, pass: (String) -> Void, fail: (String) -> Void) {
        var good = 0
        for output in outputs {
            // Paths are the manifest's: never outside the folder it describes.
            guard !output.path.hasPrefix("/"), !output.path.split(separator: "/").contains("..") else {
                fail("\(label)\(output.path): a path outside the folder")
                continue
            }
            let url = folder.appendingPathComponent(output.path)
            // Never read through a link out of the folder (the walk fails on links; this keeps their targets unread).
            let base = folder.resolvingSymlinksInPath().path + "/"
            guard url.resolvingSymlinksInPath().path.hasPrefix(base) else {
                fail("\(label)\(output.path): leads outside the folder")
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                fail("\(label)\(output.path): missing")
                continue
            }
            let digest = SHA256Digest.hex(of: Array(data))
            if digest == output.sha256 && data.count == output.bytes {
                good += 1
            } else {
                fail("\(label)\(output.path): changed since it was published (SHA-256 \(digest), \(data.count) bytes; the manifest says \(output.sha256), \(output.bytes) bytes)")
            }
        }
        let line = Self.who(label) + "\(good) of \(outputs.count) file\(outputs.count == 1 ? "" : "s") as the manifest hashes \(outputs.count == 1 ? "it" : "them")"
        good == outputs.count ? pass(line) : fail(line)
    }

    /// "2026-Q3: " for a quarter's folder label "2026-Q3/"; nothing for the folder itself.
    static func who(_ label: String) -> String { label.isEmpty ? "" : String(label.dropLast()) + ": " }

    /// Whether `folder` holds a report folder's manifest (another report set, such as reports/kestrel/).
    static func isReportFolder(_ folder: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path) else { return false }
        return (try? JSONDecoder().decode(FolderManifest.self, from: data))?.kind == "report-folder"
    }

    /// Every regular file below `folder`, relative to it, sorted; each symbolic link (never followed) is
    /// passed to `links`.
    public static func entries(_ folder: URL, links: (String) -> Void = { _ in }) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else { return [] }
        let base = folder.standardizedFileURL.path + "/"
        var out: [String] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(base) else { continue }
            let relative = String(full.dropFirst(base.count))
            if values?.isSymbolicLink == true { links(relative) } else if values?.isRegularFile == true { out.append(relative) }
        }
        return out.sorted()
    }

    /// A self-view or security review as candor writes them: Markdown or HTML, readable by its owner only.
    static func isPrivateReport(_ file: URL) -> Bool {
        guard ["md", "html"].contains(file.pathExtension),
              let mode = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.posixPermissions] as? Int else { return false }
        return mode & 0o077 == 0
    }
}
