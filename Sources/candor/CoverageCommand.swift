import ArgumentParser
import CandorPipeline
import CandorReport
import CandorVocabulary
import Foundation

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Per source: records read for a period, how many joined a team, and what kept the others out.",
        discussion: """
            Lists people outside the directory (counted; fewer than the minimum group size is coarsened), \
            repositories no directory entry owns (with the closest entry) and bare names that could be two \
            repositories: what the governance review's "no data" cells come from. Reads what the governance board \
            may read; writes nothing.
            """)

    @Option(name: .long, help: ArgumentHelp("The quarter, e.g. 2026-Q3.", valueName: "period"))
    var period: Period

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let opened = try reportingErrors { try Workspace.open(policyPath: workspace.policyPath(), database: workspace.database) }
        let writer = ReportWriter(policy: opened.policy, store: opened.store, templates: try reportingErrors { try TemplateSet(overridesFrom: nil) },
                                  now: Date(), log: StandardErrorLog(quiet: true))
        let lines = try reportingErrors { try writer.coverage(period: period) }
        print("coverage \(period):")
        // Repository names come from input files: control and format characters never reach the terminal.
        for line in lines {
            print("  " + String(String.UnicodeScalarView(line.unicodeScalars.map {
                [.control, .format].contains($0.properties.generalCategory) ? "?" : $0
            })))
        }
    }
}
