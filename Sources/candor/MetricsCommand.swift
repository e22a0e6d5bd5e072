import ArgumentParser
import CandorAnalysis

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "List the metric registry: every metric, its dimension, and the metric it is read beside.")

    @Flag(help: "Print every definition in full as Markdown (docs/metrics.md).")
    var markdown = false

    func run() {
        if markdown {
            print(MetricRegistry.markdownReference, terminator: "")
            return
        }
        print("metric registry \(MetricRegistry.version): \(MetricRegistry.all.count) metrics; `candor explain METRIC` prints one in full")
        print("")
        for metric in MetricRegistry.all { print(metric.summaryLine) }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a metric's full methodology: definition, formula, interval, caveats and the uses it must never serve.")

    @Argument(help: ArgumentHelp("A metric id, e.g. ai.acceptance_rate (see `candor metrics`).", valueName: "metric"))
    var metric: String

    func validate() throws {
        guard MetricRegistry.metric(MetricID(rawValue: metric)) != nil else {
            let close = MetricRegistry.all.map(\.id.rawValue).filter { $0.contains(metric) || metric.contains($0.split(separator: ".").last.map(String.init) ?? "~") }
            throw ValidationError("no metric '\(metric)'" + (close.isEmpty ? "; `candor metrics` lists them" : "; did you mean \(close.joined(separator: ", "))?"))
        }
    }

    func run() {
        print(MetricRegistry.metric(MetricID(rawValue: metric))!.explanation)
    }
}
