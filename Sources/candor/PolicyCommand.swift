import ArgumentParser
import CandorPipeline
import CandorPolicy

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check the policy file.",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate policy.yml and summarise what it enforces; errors name their line.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(name: .customLong("sample"), help: ArgumentHelp("A CSV the policy's mappings: should read; every value it cannot convert is listed with its line (repeatable). Nothing is stored.", valueName: "FILE"))
        var samples: [String] = []

        func run() throws {
            let policy = try reportingErrors { () throws -> Policy in
                let policy = try Policy.load(path: workspace.policyPath())
                try Workspace.checkRetiredMetrics(policy)
                return policy
            }
            for line in policy.summaryLines { print(line) }
            var failed = false
            for sample in samples {
                let result = try reportingErrors { try policy.checkSample(sample) }
                for d in result.diagnostics { StandardErrorLog(quiet: false).diagnostic(d) }
                if let mapping = result.mapping {
                    print("sample \(sample): read as \(mapping.format.rawValue) through '\(mapping.name)': \(result.rows) rows, "
                          + (result.diagnostics.isEmpty ? "every value converts" : "\(result.diagnostics.count) problem(s)"))
                }
                failed = failed || !result.diagnostics.isEmpty
            }
            if failed { throw ExitCode(2) }
        }
    }
}
