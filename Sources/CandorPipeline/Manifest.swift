import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// `<out>/<period>/manifest.json`: what a report set was made from and what it holds — the
/// SHA-256 of every input ingested and every file written, the versions of candor, libcmark and
/// the metric registry, and the policy's hash — so anyone can check a published report against
/// its sources. Deterministic: keys sorted, lists sorted, times from `--now`.
public struct Manifest: Encodable, Sendable {
    public struct Output: Codable, Sendable, Equatable {
        /// Relative to the manifest's folder.
        public var path: String
        public var sha256: String
        public var bytes: Int
    }
    public var period: String
    public var generatedAt: String
    public var candorVersion: String
    public var libcmarkVersion: String
    public var metricRegistryVersion: String
    public var policySHA256: String
    /// Every template the reports were rendered from: its name, SHA-256, and whether it is candor's
    /// own ("built-in") or replaced from a `--templates` folder ("override").
    public var templates: [Template]
    public struct Template: Codable, Sendable, Equatable {
        public var name: String
        public var sha256: String
        public var origin: String
    }
    /// The name of the folder every input path is relative to (the paths' common folder).
    public var inputsRelativeTo: String
    public var inputs: [InputFileRecord]
    public var outputs: [Output]
    /// True when the set was dated earlier than the day it was made (`--now` in the past, which its
    /// transparency report states): a recomputation (`candor verify --recompute`) dates its run alike.
    public var datedEarlier: Bool?
    /// The previous period's figures file the disclosure decision read (its choice of complements
    /// weighs the comparisons it published); absent when there was none.
    public var previousFigures: Output?

    /// The manifest of `written` (paths inside `folder`); `previousFigures` is the file the period's
    /// disclosure decision read, if any.
    public static func make(period: Period, now: Date, policy: Policy, templates: TemplateSet, inputs: [InputFileRecord], written: [String], folder: String,
                            previousFigures: String? = nil, datedEarlier: Bool = false) throws -> Manifest {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path + "/"
        let outputs = try written.map { path -> Output in
            let full = URL(fileURLWithPath: path).standardizedFileURL.path
            let data = try Data(contentsOf: URL(fileURLWithPath: full))
            return Output(path: full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full,
                          sha256: SHA256Digest.hex(of: Array(data)), bytes: data.count)
        }.sorted { $0.path < $1.path }
        let relative = InputFileRecord.relativised(inputs)
        let previous = previousFigures.flatMap { path in FileManager.default.contents(atPath: path).map { data in
            Output(path: "../" + URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent + "/" + URL(fileURLWithPath: path).lastPathComponent,
                   sha256: SHA256Digest.hex(of: Array(data)), bytes: data.count)
        } }
        return Manifest(period: period.description, generatedAt: Timestamp.iso8601(now), candorVersion: CandorVersion.string,
                        libcmarkVersion: CommonMark.libraryVersion, metricRegistryVersion: MetricRegistry.version,
                        policySHA256: policy.sha256,
                        templates: templates.digests.keys.sorted().map { name in
                            Template(name: name, sha256: templates.digests[name] ?? "",
                                     origin: templates.origins[name] == "built-in" ? "built-in" : "override")
                        },
                        inputsRelativeTo: relative.root, inputs: relative.files, outputs: outputs,
                        datedEarlier: datedEarlier ? true : nil, previousFigures: previous)
    }

    /// The manifest as pretty-printed JSON with sorted keys, ending in a newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Writes `<folder>/manifest.json` atomically; returns its path.
    @discardableResult
    public func write(to folder: String) throws -> String {
        let path = URL(fileURLWithPath: folder).appendingPathComponent("manifest.json").path
        try AtomicFile.write([(path, try json())], mode: 0o644)
        return path
    }
}

/// `<out>/manifest.json`: the report folder's own manifest — the SHA-256 of its index and of every
/// quarter's `manifest.json` (which hash that quarter's files) — so one signature (`--sign`) covers
/// the whole published set, and `candor verify` can check it all from the folder alone.
public struct FolderManifest: Codable, Sendable, Equatable {
    public var kind = "report-folder"
    public var generatedAt: String
    public var candorVersion: String
    public var metricRegistryVersion: String
    public var outputs: [Manifest.Output]

    /// The manifest of the folder `folder`: its index files and every `<period>/manifest.json` in it.
    public static func make(folder: String, now: Date) throws -> FolderManifest {
        let base = URL(fileURLWithPath: folder)
        var paths = ["index.html", "index.md"].filter { FileManager.default.fileExists(atPath: base.appendingPathComponent($0).path) }
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where Period(folderName: name) != nil {
            if FileManager.default.fileExists(atPath: base.appendingPathComponent(name).appendingPathComponent("manifest.json").path) {
                paths.append(name + "/manifest.json")
            }
        }
        let outputs = try paths.sorted().map { path -> Manifest.Output in
            let data = try Data(contentsOf: base.appendingPathComponent(path))
            return Manifest.Output(path: path, sha256: SHA256Digest.hex(of: Array(data)), bytes: data.count)
        }
        return FolderManifest(generatedAt: Timestamp.iso8601(now), candorVersion: CandorVersion.string,
                              metricRegistryVersion: MetricRegistry.version, outputs: outputs)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
