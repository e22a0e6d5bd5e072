import CandorAnalysis
import CandorIngest
import CandorMail
import CandorParsing
import CandorPolicy
import CandorReport
import CandorStorage
import CandorVocabulary

extension Policy {
    /// What `candor policy check` prints: every rule the policy makes candor enforce, one per line.
    public var summaryLines: [String] {
        var lines = [
            "policy ok: \(path) (SHA-256 \(sha256))",
            "  purpose: \(purpose)",
            "  minimum group size: \(minimumGroupSize) people; dominance threshold: \(Int((dominanceThreshold * 100).rounded()))%",
            "  retention: raw \(retention.rawDays) days, enriched \(retention.enrichedDays), aggregate \(retention.aggregateDays)",
            "  programmes: " + programmes.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value ? "required" : "optional"))" }.joined(separator: ", "),
            "  never used for: " + prohibitedUses.joined(separator: ", "),
            "  key file: \(keyFile)",
        ]
        if let survey { lines.append("  survey: \(survey.items.count) items on a 1–\(survey.scale) scale" + (survey.skipRows > 0 ? ", \(survey.skipRows) rows after the header skipped" : "")) }
        for mapping in mappings {
            lines.append("  mapping \(mapping.name): files with the columns \(mapping.requiredColumns.map { "'\($0)'" }.joined(separator: ", ")) are read as \(mapping.format.rawValue)")
        }
        if repositories.owner != nil || !repositories.aliases.isEmpty {
            lines.append("  repositories: bare names belong to \(repositories.owner ?? "the one owner/name that ends in them"); \(repositories.aliases.count) alias(es)")
        }
        lines.append("  sources (dataset; each optional field kept, and what reads it):")
        for family in SourceFamily.allCases {
            lines += sourceLines(family)
        }
        if !prohibitedFields.isEmpty { lines.append("  prohibited fields: " + prohibitedFields.joined(separator: ", ")) }
        lines.append("  audiences: " + Audience.allCases.map { audience in
            "\(audience.rawValue) (\((audiences[audience] ?? []).sorted().map(\.rawValue).joined(separator: ", ")))"
        }.joined(separator: "; "))
        if !targets.isEmpty {
            lines.append("  targets: " + targets.sorted { $0.key < $1.key }.map { "\($0.key) \(Format.fixed($0.value, decimals: 2))" }.joined(separator: ", "))
        }
        if !retiredMetrics.isEmpty {
            lines.append("  retired metrics: " + retiredMetrics.map { "\($0.metric) \($0.note)" }.joined(separator: "; "))
        }
        if !reviewCalendar.isEmpty {
            lines.append("  review calendar: " + reviewCalendar.map { "\($0.day.iso8601) (\($0.name))" }.joined(separator: ", "))
        }
        lines.append(email.map { "  email: from \($0.from.header)" + ($0.replyTo.map { ", replies to \($0.address)" } ?? "") + "; to each team's team_email in the directory" }
            ?? "  email: none (team summaries are written without an .eml)")
        lines.append("  gaming-signal thresholds:")
        lines += signals.summary.map { "    " + $0 }
        return lines
    }
}

extension Policy {
    /// The `policy check` lines of one source: its dataset and purpose, every field kept with what
    /// reads it (a field no published figure reads is said to be one), the fields dropped that a
    /// figure reads (that figure will lack them), and how many unread fields are dropped.
    func sourceLines(_ family: SourceFamily) -> [String] {
        let entry = sourcePolicy(for: family)
        let readers = family.fieldReaders
        let optional = family.optionalFields
        let kept = entry.allowedFields.map { allowed in optional.filter { allowed.contains($0) } } ?? optional
        var lines = ["    \(family.rawValue): \(entry.dataset.rawValue) dataset" + (sources[family] == nil ? " (not listed: keeps what the figures read)" : "")
                     + (optional.isEmpty ? "; no optional fields (identity and time only)" : "")]
        if let purpose = entry.purpose { lines.append("      purpose beyond the published figures: \(purpose)") }
        for field in kept {
            let users = (readers[field] ?? []).sorted()
            lines.append("      keeps \(field): " + (users.isEmpty
                ? "no published figure reads it (kept for the purpose above)"
                : users.map(\.description).joined(separator: ", ")))
        }
        for field in optional where !kept.contains(field) {
            let users = (readers[field] ?? []).sorted()
            guard !users.isEmpty else { continue }
            lines.append("      drops \(field), which \(users.map(\.description).joined(separator: ", ")) read\(users.count == 1 ? "s" : ""): expect no data or a partial figure there")
        }
        let unread = optional.filter { !kept.contains($0) && (readers[$0] ?? []).isEmpty }
        if !unread.isEmpty {
            lines.append("      drops \(unread.count > 8 ? "\(unread.count) fields" : unread.joined(separator: ", ")): no published figure reads \(unread.count == 1 ? "it" : "them")")
        }
        return lines
    }

    /// `candor policy check --sample FILE`: which of the policy's mappings takes `path`, its rows, and
    /// every value the mapping could not convert (nothing is stored).
    public func checkSample(_ path: String) throws -> (mapping: CSVMapping?, rows: Int, diagnostics: [Diagnostic]) {
        try MappedCSV.check(mappings, sample: path)
    }
}
