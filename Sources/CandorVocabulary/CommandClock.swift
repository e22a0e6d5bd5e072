import Foundation

/// When a command runs: the time it is told (`--now`, so reports are reproducible) and the time the
/// machine's clock says. Retention, approvals and report dates follow `now`; a `now` earlier than
/// the machine's clock is recorded in the audit log and stated in the transparency report, so the
/// clock cannot be set back to keep data quietly or to revive an expired approval.
public struct CommandClock: Sendable, Equatable {
    /// The time reports say they were made, and retention counts back from.
    public var now: Date
    /// The machine's clock when the command started.
    public var machine: Date

    public init(now: Date, machine: Date) {
        self.now = now
        self.machine = machine
    }

    /// A command told no other time: `now` is the machine's clock.
    public init(machine: Date = Date()) {
        self.init(now: machine, machine: machine)
    }

    /// `now` is earlier than the machine's clock (a `--now` in the past).
    public var isBackdated: Bool { now < machine }
}
