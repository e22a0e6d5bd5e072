import Foundation

public func errorText(_ code: Int32) -> String {
    guard let c = strerror(code) else { return "errno \(code)" }
    return String(cString: c)
}

/// The operating-system user running candor, for the audit log's actor.
public func operatingSystemUser() -> String {
    if let name = ProcessInfo.processInfo.environment["USER"], !name.isEmpty { return name }
    if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return "uid \(geteuid())"
}
