import Foundation

public func errorText(_ code: Int32) -> String {
    guard let c = strerror(code) else { return "errno \(code)" }
    return String(cString: c)
}

/// The operating-system user running candor, for the audit log's actor and the approval check: the
/// effective user's name from the password database (never `$USER`, which whoever runs candor sets).
public func operatingSystemUser() -> String {
    if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return "uid \(geteuid())"
}

/// A request candor refused by the policy's rules (a prohibited purpose, a missing or invalid
/// approval, a self-view without consent, records held past the retention windows): the command
/// exits 4, not 1, and the refusal is in the audit log.
public protocol Refusal: LocalizedError {}
