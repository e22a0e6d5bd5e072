import ArgumentParser
import CandorPipeline
import CandorPolicy
import CandorStorage

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show or verify the tamper-evident audit log.",
        subcommands: [Show.self, Verify.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every audit entry.")
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            let entries = try reportingErrors { try Workspace.open(policyPath: workspace.policyPath(), database: workspace.database).store.auditEntries() }
            for e in entries {
                print("#\(e.sequence) \(e.time) \(e.actor) · \(e.command) · purpose \(e.purpose) · audience \(e.audience) · datasets \(e.datasets)")
                for i in e.inputs { print("    in  \(i)") }
                for o in e.outputs { print("    out \(o)") }
                print("    sha256 \(e.hash)")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no audit entry was edited, deleted or reordered.",
            discussion: "Exit status 0 when the chain is intact, 3 when it is not.")
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            let (entries, head) = try reportingErrors {
                let store = try Workspace.open(policyPath: workspace.policyPath(), database: workspace.database).store
                return (try store.auditEntries(), store.auditHead())
            }
            let problems = AuditVerifier.problems(entries, head: head)
            if problems.isEmpty {
                print("audit log intact: \(entries.count) entries, newest \(entries.last?.hash ?? "none")")
            } else {
                for p in problems { StandardErrorLog(quiet: false).write("audit log TAMPERED: \(p)") }
                throw ExitCode(3)
            }
        }
    }
}
