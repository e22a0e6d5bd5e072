import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary
import Foundation

/// Finds input files in folders: every regular file below them, in byte order of path,
/// skipping hidden files, so a run ingests the same files in the same order everywhere.
/// An organisation folder (one holding `policy.yml` and `inputs/`) stands for its `inputs/`.
public enum InputDiscovery {
    /// Expands folders in `paths` to the files below them; files are kept as given.
    public static func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                out += files(under: organisationPolicy(in: path) != nil ? (path as NSString).appendingPathComponent("inputs") : path)
            } else {
                out.append(path)
            }
        }
        return out
    }

    /// The policy of an organisation folder (`DIR/policy.yml` beside `DIR/inputs/`), if `path` is one.
    public static func organisationPolicy(in path: String) -> String? {
        let policy = (path as NSString).appendingPathComponent("policy.yml")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: policy),
              FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("inputs"), isDirectory: &isDirectory),
              isDirectory.boolValue else { return nil }
        return policy
    }

    static func files(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular {
                found.append(relative)
            }
        }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { base + $0 }
    }
}
