import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// Sets up and opens a candor workspace: a policy file, its key file and its database.
public enum Workspace {
    /// What `candor init` created.
    public struct Created: Sendable {
        public var policyPath: String
        public var keyPath: String
    }

    /// Writes a commented starter `policy.yml` and a new random key file (mode 0600) into `directory`.
    /// Refuses to overwrite either.
    public static func initialise(directory: String) throws -> Created {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, message: "cannot create the folder", hint: "check the parent folder's permissions")
        }
        let base = URL(fileURLWithPath: directory)
        let policyPath = base.appendingPathComponent("policy.yml").path
        let keyPath = base.appendingPathComponent("candor.key").path
        for path in [policyPath, keyPath] where FileManager.default.fileExists(atPath: path) {
            throw OutputError(path: path, message: "already exists", hint: "candor init never overwrites a policy or a key; choose an empty folder")
        }
        try PseudonymKey.generate().write(to: keyPath)
        do {
            try AtomicFile.write(StarterPolicy.text, to: policyPath)
        } catch {
            try? FileManager.default.removeItem(atPath: keyPath)
            throw error
        }
        return Created(policyPath: policyPath, keyPath: keyPath)
    }

    /// An opened workspace: the policy, the pseudonymiser and the store.
    public struct Opened: Sendable {
        public var policy: Policy
        public var pseudonymiser: Pseudonymiser
        public var store: CandorStore
        /// Warnings to show the user (e.g. a key file others can read).
        public var warnings: [Diagnostic]
    }

    /// Loads the policy at `policyPath`, its key, and opens the database (`database` overrides the policy's).
    public static func open(policyPath: String, database: String?) throws -> Opened {
        let policy = try Policy.load(path: policyPath)
        try checkRetiredMetrics(policy)
        let key = try PseudonymKey.load(path: policy.keyFile)
        var warnings: [Diagnostic] = []
        if PseudonymKey.isShared(path: policy.keyFile) {
            warnings.append(Diagnostic(.warning, file: policy.keyFile, code: "KEY001",
                                       message: "the pseudonymisation key can be read by other users",
                                       hint: "run `chmod 600 \(policy.keyFile)`"))
        }
        let dbPath = database ?? policy.database
            ?? URL(fileURLWithPath: policyPath).deletingLastPathComponent().appendingPathComponent("candor.sqlite").path
        let store = try CandorStore(path: dbPath)
        if let mode = store.folderOpenToOthers {
            let folder = URL(fileURLWithPath: dbPath).deletingLastPathComponent().path
            // A folder everyone may write to (/tmp, mode 1777 or 777) is shared by design: never advise narrowing it.
            let shared = mode & 0o002 != 0
            warnings.append(Diagnostic(.warning, file: folder, code: "FS001",
                                       message: "the database's folder can be entered by other users (mode \(String(mode, radix: 8))): "
                                           + "candor's files in it are readable by their owner only, but others can see their names and sizes",
                                       hint: shared
                                           ? "keep the database in a folder of its own: --database DIR/candor.sqlite (candor makes DIR private); do not change the mode of a shared folder such as \(folder)"
                                           : "run `chmod 700 \(folder)`, or keep the database in a folder of its own (--database DIR/candor.sqlite: candor makes DIR private)"))
        }
        for gap in store.upgradeGaps {
            warnings.append(Diagnostic(.warning, file: dbPath, code: "MIG001", message: gap.message,
                                       hint: "keep the reports published before the upgrade: they are the record of those periods"))
        }
        return Opened(policy: policy, pseudonymiser: Pseudonymiser(key: key), store: store, warnings: warnings)
    }

    /// Every metric the policy retires is one the registry defines (the policy parser cannot see it).
    public static func checkRetiredMetrics(_ policy: Policy) throws {
        let known = Set(MetricRegistry.all.map(\.id.rawValue))
        for retired in policy.retiredMetrics where !known.contains(retired.metric) {
            throw PolicyError(path: policy.path, line: retired.line, message: "retired_metrics names '\(retired.metric)', which is no metric of the registry",
                              hint: "metric ids: \(known.sorted().joined(separator: ", "))")
        }
    }
}
