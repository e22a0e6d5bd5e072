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

    /// How far `now` may stand from the machine's clock before it counts as another time (a script's
    /// `--now` of a few seconds ago is the same moment).
    public static let tolerance: TimeInterval = 60

    /// `now` is earlier than the machine's clock (a `--now` in the past).
    public var isBackdated: Bool { now < machine.addingTimeInterval(-Self.tolerance) }
    /// `now` is later than the machine's clock (a `--now` in the future: it purges early, and is recorded too).
    public var isForwarded: Bool { now > machine.addingTimeInterval(Self.tolerance) }
    /// The report's day is before the machine's (what the transparency report states).
    public var isDatedEarlier: Bool { Timestamp.day(now) < Timestamp.day(machine) }
}
