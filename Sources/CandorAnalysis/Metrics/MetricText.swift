import CandorVocabulary
import CandorPolicy

extension MetricDefinition {
    /// One line for `candor metrics`.
    public var summaryLine: String {
        "\(id.rawValue.padding(toLength: 34, withPad: " ", startingAt: 0)) \(dimension.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) "
            + "\(kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) read with \(pairedWith)"
    }

    /// The full methodology, for `candor explain`.
    public var explanation: String {
        var lines = [
            "\(id) — \(name)",
            "dimension: \(dimension.rawValue); \(kind.rawValue) metric, read beside \(pairedWith)" + (MetricRegistry.metric(pairedWith).map { " (\($0.name))" } ?? ""),
            "unit: \(unit.rawValue); registry \(MetricRegistry.version)",
            "",
            "The decision it supports: \(decision)",
            "Definition: \(definition)",
            "Formula: \(formula)",
            "Method: \(methodology)",
            "95% interval: \(interval)",
            "Sources: " + (sources.isEmpty ? "the governance inputs (consent registry, disputes)" : sources.map(\.rawValue).joined(separator: ", ")),
            "Consent: the \(programme) programme's rules apply to the data behind it.",
            "",
            "Caveats:",
        ]
        lines += caveats.map { "  - \($0)" }
        lines.append("Never used for: " + neverUsedFor.joined(separator: "; ") + ".")
        return lines.joined(separator: "\n")
    }
}
