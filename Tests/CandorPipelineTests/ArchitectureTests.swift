import Foundation
import Testing

/// The rules the target graph cannot express by itself, checked over the source tree: which files
/// may import the C library, the database library and the pseudonymisation SPI.
@Suite("Architecture")
struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file under `Sources/`, as a path relative to the package root, with its import lines.
    static func sourceImports() throws -> [(path: String, imports: [String])] {
        let sources = root.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [] }
        var out: [(String, [String])] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let imports = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("import ") || ($0.hasPrefix("@") && $0.contains(" import ")) }
            out.append((String(url.path.dropFirst(root.path.count + 1)), imports))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    static func files(importing module: String) throws -> [String] {
        try sourceImports().filter { $0.imports.contains { $0.hasSuffix("import \(module)") } }.map(\.path)
    }

    @Test("only Sources/CandorReport/CommonMark.swift imports libcmark")
    func oneCmarkFile() throws {
        #expect(try Self.files(importing: "CCmark") == ["Sources/CandorReport/CommonMark.swift"])
    }

    @Test("only the store imports GRDB")
    func onlyStoreSQL() throws {
        let grdb = try Self.files(importing: "GRDB") + Self.files(importing: "GRDBSQLite")
        #expect(!grdb.isEmpty)
        #expect(grdb.allSatisfy { $0.hasPrefix("Sources/CandorStorage/") }, "\(grdb)")
    }

    @Test("only the pseudonymiser can read a source person id or make a pseudonym")
    func pseudonymisationSPI() throws {
        let spi = try Self.sourceImports().filter { $0.imports.contains { $0.contains("_spi(Pseudonymisation)") && $0.contains("import ") } }.map(\.path)
        #expect(spi == ["Sources/CandorPolicy/Pseudonymiser.swift"])
    }

    @Test("the analysis and the report never import the store; ingest never imports the store or the report")
    func noBackwardImports() throws {
        let forbidden: [(folder: String, modules: [String])] = [
            ("Sources/CandorAnalysis/", ["CandorStorage", "CandorIngest", "CandorReport", "CandorPipeline", "GRDB"]),
            ("Sources/CandorReport/", ["CandorStorage", "CandorIngest", "CandorPipeline", "GRDB"]),
            ("Sources/CandorIngest/", ["CandorStorage", "CandorAnalysis", "CandorReport", "CandorPipeline", "GRDB"]),
            ("Sources/CandorStorage/", ["CandorIngest", "CandorAnalysis", "CandorReport", "CandorPipeline"]),
            ("Sources/CandorVocabulary/", ["CandorParsing", "CandorPolicy", "CandorIngest", "CandorStorage", "CandorAnalysis", "CandorReport", "CandorMail", "CandorPipeline"]),
        ]
        for (path, imports) in try Self.sourceImports() {
            for rule in forbidden where path.hasPrefix(rule.folder) {
                for module in rule.modules {
                    #expect(!imports.contains { $0.hasSuffix("import \(module)") }, "\(path) imports \(module)")
                }
            }
        }
    }
}
