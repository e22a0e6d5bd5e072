@testable import CandorAnalysis
import Foundation
import Testing

@Suite("Metric documentation")
struct MetricDocumentationTests {
    @Test("docs/metrics.md is the registry's reference as candor prints it (`candor metrics --markdown > docs/metrics.md`)")
    func metricsReference() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        #expect(doc == MetricRegistry.markdownReference, "docs/metrics.md is out of date: run `swift run candor metrics --markdown > docs/metrics.md`")
    }
}
