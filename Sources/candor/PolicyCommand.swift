import ArgumentParser
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

        func run() throws {
            let policy = try reportingErrors { try Policy.load(path: workspace.policyPath()) }
            for line in policy.summaryLines { print(line) }
        }
    }
}
