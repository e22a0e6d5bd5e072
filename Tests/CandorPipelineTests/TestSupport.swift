@testable import CandorVocabulary
@testable import CandorParsing
@testable import CandorPolicy
@testable import CandorIngest
@testable import CandorStorage
@testable import CandorAnalysis
@testable import CandorReport
@testable import CandorPipeline
import Foundation
@_exported import CandorTestSupport

/// A store and ingestor over a temporary database.
struct IngestHarness {
    let folder: TemporaryFolder
    let store: CandorStore
    let ingestor: Ingestor
    static let key = PseudonymKey(bytes: Array(repeating: 42, count: 32))

    init() throws {
        folder = try TemporaryFolder()
        store = try CandorStore(path: folder.path("candor.sqlite"))
        ingestor = Ingestor(store: store, pseudonymiser: Pseudonymiser(key: Self.key), log: SilentLog(),
                            now: Date(timeIntervalSince1970: 1_790_000_000))
    }

    func pseudonym(_ id: String) -> String { Pseudonymiser(key: Self.key).pseudonym(for: SourcePersonID(id)).text }

    /// Σ accepted, Σ shown over every Q Developer row for 2026-Q3 (in the directory or not), and all rows stored.
    func q3Totals() throws -> (accepted: Int64, shown: Int64, rows: Int) {
        let sums = try store.qDeveloperSums(from: Period("2026-Q3")!.first, to: Period("2026-Q3")!.last)
        return (sums.accepted, sums.shown, try store.tableCounts()["qdev_activity"] ?? 0)
    }
}

/// The bytes of every file of the store: the main database, each dataset file, and their write-ahead logs.
func storeBytes(_ store: CandorStore) -> Data {
    var bytes = Data()
    for file in store.files {
        for path in [file, file + "-wal"] {
            if let data = try? Data(contentsOf: URL(fileURLWithPath: path)) { bytes += data }
        }
    }
    return bytes
}
