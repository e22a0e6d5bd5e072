import Foundation
import Testing

@Suite("Fixtures")
struct FixturesTests {
    /// The committed fixtures/acme inputs are exactly what the seeded generator writes.
    @Test("fixtures/acme is what candor-fixtures generates, byte for byte")
    func generatorReproducesFixtures() throws {
        let temp = try TemporaryFolder()
        let generator = CandorBinary.executable.deletingLastPathComponent().appendingPathComponent("candor-fixtures")
        let process = Process()
        process.executableURL = generator
        process.arguments = [temp.path("acme")]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let generated = try filesBelow(temp.url.appendingPathComponent("acme"))
        let committed = try filesBelow(CandorBinary.packageRoot.appendingPathComponent("fixtures/acme"))
            .filter { $0.key != "policy.yml" }   // written by hand
        #expect(generated.count > 180)
        let onlyGenerated = Set(generated.keys).subtracting(committed.keys).sorted()
        let onlyCommitted = Set(committed.keys).subtracting(generated.keys).sorted()
        #expect(onlyGenerated.isEmpty && onlyCommitted.isEmpty,
                "not committed: \(onlyGenerated.prefix(5)); not generated: \(onlyCommitted.prefix(5)) — regenerate with: rm -rf fixtures/acme/inputs && swift run candor-fixtures fixtures/acme")
        let different = generated.keys.filter { generated[$0] != committed[$0] }.sorted()
        #expect(different.isEmpty, "differs from the generator: \(different.prefix(5)); regenerate with: swift run candor-fixtures fixtures/acme")
    }
}
