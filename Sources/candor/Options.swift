import ArgumentParser
import CandorParsing
import CandorPipeline
import CandorPolicy
import CandorVocabulary
import Foundation

/// Options shared by commands that open a workspace.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The policy file (default: policy.yml here, or the policy of the organisation folder given).", valueName: "path"))
    var policy: String?

    /// The policy to use: `--policy`, else that of the one organisation folder among `inputs`, else `./policy.yml`.
    func policyPath(inputs: [String] = []) -> String {
        if let policy { return policy }
        let organisations = inputs.compactMap { InputDiscovery.organisationPolicy(in: $0) }
        return organisations.count == 1 ? organisations[0] : "policy.yml"
    }

    @Option(name: .long, help: ArgumentHelp("The SQLite database (default: the policy's `database`, else candor.sqlite beside the policy).", valueName: "path"))
    var database: String?
}

/// Who is running candor, for the audit log.
struct AuditOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Who runs this command, recorded in the audit log beside the operating-system user (never instead of it).", valueName: "name"))
    var actor: String?

    /// The operating-system user always; `--actor` only beside it, so the log cannot be told a name
    /// instead of who ran the command.
    var resolved: String { actor.map { "\(operatingSystemUser()) (as \($0))" } ?? operatingSystemUser() }
    /// Everyone running this command: none of them may approve their own restricted report.
    var people: [String] { [operatingSystemUser()] + (actor.map { [$0] } ?? []) }
}

/// `--now`, injected so reports are reproducible.
struct ClockOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The time reports say they were generated, and retention and approvals are judged at (YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD, UTC). Default: now. A time more than a minute from the machine's clock is recorded in the audit log; an earlier day is stated in the transparency report.", valueName: "time"))
    var now: String?

    /// `--now`, and the machine's clock beside it (a `--now` in the past is recorded and stated).
    func resolve() throws -> CommandClock {
        let machine = Date()
        guard let now else { return CommandClock(machine: machine) }
        guard let date = Timestamp.parse(now) else {
            throw ValidationError("--now '\(now)' is not a UTC time; use e.g. 2026-10-05T09:00:00Z or 2026-10-05")
        }
        return CommandClock(now: date, machine: machine)
    }
}

extension Period: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension InputFormat: ExpressibleByArgument {}
extension ReportKind: ExpressibleByArgument {}

/// `candor report`'s first argument: one report kind, or `all` published ones.
enum ReportChoice: ExpressibleByArgument, Equatable {
    case all
    case single(ReportKind)

    init?(argument: String) {
        if argument == "all" { self = .all } else if let kind = ReportKind(rawValue: argument) { self = .single(kind) } else { return nil }
    }

    static var allValueStrings: [String] { ["all"] + ReportKind.allCases.map(\.rawValue) }
}

/// Prints progress and diagnostics to standard error, keeping standard output for results.
struct StandardErrorLog: ProgressLog {
    let quiet: Bool
    func progress(_ line: String) {
        if !quiet { write(line) }
    }
    func diagnostic(_ diagnostic: Diagnostic) {
        if !(quiet && diagnostic.severity == .note) { write(diagnostic.description) }
    }
    func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Runs `body`, printing a library error as one line and exiting 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as any Refusal {
        StandardErrorLog(quiet: false).write("error: " + (error.errorDescription ?? "refused"))
        throw ExitCode(4)
    } catch let error as LocalizedError {
        StandardErrorLog(quiet: false).write("error: " + (error.errorDescription ?? "\(error)"))
        throw ExitCode(1)
    } catch let error as InputError {
        StandardErrorLog(quiet: false).write("error: \(error)")
        throw ExitCode(1)
    }
}
