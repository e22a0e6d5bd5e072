import ArgumentParser
import CandorKit

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
            print("policy ok: \(policy.path) (SHA-256 \(policy.sha256))")
            print("  purpose: \(policy.purpose)")
            print("  minimum group size: \(policy.minimumGroupSize) people; dominance threshold: \(Int(policy.dominanceThreshold * 100))%")
            print("  retention: raw \(policy.retention.rawDays) days, enriched \(policy.retention.enrichedDays), aggregate \(policy.retention.aggregateDays)")
            print("  programmes: " + policy.programmes.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value ? "required" : "optional"))" }.joined(separator: ", "))
            print("  never used for: " + policy.prohibitedUses.joined(separator: ", "))
            print("  key file: \(policy.keyFile)")
            if let survey = policy.survey { print("  survey: \(survey.items.count) items on a 1–\(survey.scale) scale") }
        }
    }
}
