/// Where the library reports progress and diagnostics; the CLI prints them to standard error.
///
/// The library never prints by itself, so it can be used in tests and other tools.
public protocol ProgressLog: Sendable {
    /// A line of progress, e.g. `[3/180] qdev/…/2026-07-01.csv: 58 rows`.
    func progress(_ line: String)
    /// A diagnostic about an input.
    func diagnostic(_ diagnostic: Diagnostic)
}

/// Discards everything.
public struct SilentLog: ProgressLog {
    public init() {}
    public func progress(_ line: String) {}
    public func diagnostic(_ diagnostic: Diagnostic) {}
}
