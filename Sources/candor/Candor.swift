import ArgumentParser
import CandorVocabulary
import Foundation

@main
struct Candor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candor",
        abstract: "Team-level reports from developer-tool telemetry, under a policy that forbids surveillance.",
        discussion: """
            candor reads what developer tools export (AI coding assistants, code and security analysers, \
            pull requests, deployments, incidents, surveys, events), keeps only what its policy allows, \
            replaces people with keyed pseudonyms, and writes team-level reports in which every number \
            carries its method and uncertainty, and no team smaller than the policy's minimum group size \
            is shown.

            Exit status: 0 success; 1 the command could not run (see the message); 2 some input files \
            were rejected (each problem is printed as file:line:column); 3 the audit log was tampered \
            with; 4 refused: a prohibited purpose, a restricted report without --approval, or a self-view \
            for someone who has not opted in (every refusal is logged).
            """,
        version: CandorVersion.string,
        subcommands: [InitCommand.self, IngestCommand.self, ReportCommand.self, SendCommand.self, RunCommand.self, PurgeCommand.self, SubjectAccessCommand.self, EraseCommand.self, AuditCommand.self, PolicyCommand.self, CoverageCommand.self, VerifyCommand.self, FormatsCommand.self, MetricsCommand.self, ExplainCommand.self]
    )
}
