import ArgumentParser
import CandorPipeline
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a starter policy.yml and a new pseudonymisation key in a folder.",
        discussion: "Never overwrites: a replaced key would give everyone new pseudonyms.")

    @Argument(help: ArgumentHelp("The folder to create them in.", valueName: "dir"))
    var directory: String

    @OptionGroup var audit: AuditOptions

    func run() throws {
        let created = try reportingErrors { () throws -> Workspace.Created in
            let created = try Workspace.initialise(directory: directory)
            let opened = try Workspace.open(policyPath: created.policyPath, database: nil)
            try Audit.recordInit(policyPath: created.policyPath, store: opened.store, actor: audit.resolved, now: Date())
            return created
        }
        print("wrote \(created.policyPath) — state your purpose in it and review it with your governance board")
        print("wrote \(created.keyPath) (mode 0600) — back it up separately; never commit or share it")
    }
}
