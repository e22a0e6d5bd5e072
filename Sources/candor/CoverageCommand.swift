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
            may read; writes nothing. Retention is enforced first, as for every report.
            """)

    @Option(name: .long, help: ArgumentHelp("The quarter, e.g. 2026-Q3.", valueName: "period"))
    var period: Period

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var audit: AuditOptions

    func run() throws {
        let times = try clock.resolve()
        let opened = try reportingErrors { () throws -> Workspace.Opened in
            let opened = try Workspace.open(policyPath: workspace.policyPath(), database: workspace.database)
            try Audit.recordClock(times, command: "coverage \(period)", policy: opened.policy, store: opened.store, actor: audit.resolved)
            _ = try RetentionGate.enforce(policy: opened.policy, store: opened.store, clock: times, actor: audit.resolved,
                                          command: "coverage \(period)", log: StandardErrorLog(quiet: false))
            return opened
        }
        let writer = ReportWriter(policy: opened.policy, store: opened.store, templates: try reportingErrors { try TemplateSet(overridesFrom: nil) },
                                  now: times.now, log: StandardErrorLog(quiet: true))
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
