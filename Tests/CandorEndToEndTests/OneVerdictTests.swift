import Foundation
import Testing

/// Issue 17, item 12: every test behind a period's outputs is one family under one false-discovery
/// decision, so a test has one verdict everywhere. Read from the published example reports alone: the
/// review states the threshold, and every p-value it or a team summary prints must sit on the side of
/// the threshold its verdict claims.
@Suite("One verdict per test across a period's reports")
struct OneVerdictTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: CandorBinary.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// The numbers after `prefix` in `text` ("p = 0.044" → 0.044), with their printed precision.
    static func values(after prefix: String, in text: String) -> [(value: Double, halfUlp: Double)] {
        var out: [(Double, Double)] = []
        var rest = text[...]
        while let range = rest.range(of: prefix) {
            let digits = rest[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            if let v = Double(digits) {
                let decimals = digits.split(separator: ".").dropFirst().first?.count ?? 0
                out.append((v, 0.5 * pow(10, -Double(decimals))))
            }
            rest = rest[range.upperBound...]
        }
        return out
    }

    @Test("the review's threshold separates every significant p-value it prints from every other",
          arguments: ["reports/2026-Q2", "reports/2026-Q3", "reports/kestrel/2026-Q2", "reports/kestrel/2026-Q3"])
    func threshold(folder: String) throws {
        let review = try Self.read("\(folder)/governance.md")
        let stated = Self.values(after: "Benjamini–Hochberg procedure at a false discovery rate of ", in: review)
        #expect(!stated.isEmpty, "the review states its family")
        let threshold = Self.values(after: "makes it a discovery — here p ≤ ", in: review).first?.value
        let lines = review.split(separator: "\n").map(String.init)
        var checked = 0
        for line in lines {
            // Significant: the organisation's changes and the shifts listed.
            if line.contains(": a significant rise (") || line.contains(": a significant fall (") || line.contains("(Pettitt test, permutation p = ") {
                let t = try #require(threshold, "a significant result in a period with no discoveries: \(line)")
                for p in Self.values(after: "p = ", in: line) { #expect(p.value - p.halfUlp <= t, "\(line)"); checked += 1 }
            }
            if line.contains(": no significant change (") {
                for p in Self.values(after: "p = ", in: line) { #expect(threshold.map { p.value + p.halfUlp > $0 } ?? true, "\(line)"); checked += 1 }
            }
            // Every signal names the same family.
            if line.hasPrefix("Test: ") && line.contains("Benjamini–Hochberg") {
                #expect(line.contains(threshold.map { "p ≤ \(Self.format($0))" } ?? "none significant"), "\(line)")
            }
        }
        #expect(checked >= 1)
    }

    static func format(_ p: Double) -> String {
        let decimals = min(12, max(3, Int((-log10(p)).rounded(.up)) + 1))
        return String(format: "%.\(decimals)f", p)
    }

    @Test("a team summary marks exactly the shifts the review lists for that team",
          arguments: ["reports/2026-Q2", "reports/2026-Q3", "reports/kestrel/2026-Q2", "reports/kestrel/2026-Q3"])
    func teamShifts(folder: String) throws {
        let review = try Self.read("\(folder)/governance.md")
        let teamFolder = CandorBinary.packageRoot.appendingPathComponent(folder).appendingPathComponent("team")
        for file in try FileManager.default.contentsOfDirectory(atPath: teamFolder.path).sorted() where file.hasSuffix(".md") {
            let summary = try Self.read("\(folder)/team/\(file)")
            // "# Team summary: Payments, 2026-Q3"
            let title = String(summary.prefix { $0 != "\n" })
            guard title.hasPrefix("# Team summary: "), let comma = title.range(of: ", ", options: .backwards) else { continue }
            let team = String(title[title.index(title.startIndex, offsetBy: "# Team summary: ".count)..<comma.lowerBound])
            let listed = Set(review.split(separator: "\n").filter { $0.hasPrefix("- \(team), from the week of ") }
                .map { String($0.dropFirst("- \(team), from the week of ".count).prefix(10)) })
            let marked = Set(summary.components(separatedBy: "shift from the week of ").dropFirst().map { String($0.prefix(10)) })
            #expect(marked.isSubset(of: listed), "\(folder) \(team): summary marks \(marked.sorted()), review lists \(listed.sorted())")
        }
    }
}
