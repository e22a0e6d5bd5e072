import CandorVocabulary

/// Real exports candor recognises but does not read, with what they are and what to export instead:
/// a file like this is a normal part of a vendor's bundle, so it is set aside with a warning, never
/// called "unknown" or rejected.
public enum UnusedExport {
    public struct Match: Sendable, Equatable {
        /// What the file is.
        public var what: String
        /// Why candor does not read it, and what to give it instead.
        public var instead: String
    }

    /// The unused export a JSON file that starts as `sniff` shows is, if any.
    public static func recognise(_ sniff: JSONSniff) -> Match? {
        let keys = sniff.allKeys
        if keys.contains("daily_active_users") && !keys.contains("user_login") && !keys.contains("user_id") {
            let entity = keys.contains("enterprise_id") && !keys.contains("organization_id") ? "enterprise" : "organization"
            return Match(what: "GitHub Copilot's \(entity) usage-metrics report (\(entity)-1-day or -28-day): totals for the whole \(entity), no people",
                         instead: "aggregate-only figures cannot be split by team or checked against consent; export the users-1-day (or users-28-day) report, which candor reads")
        }
        if sniff.rootIsArray && keys.contains("total_suggestions_count") && keys.contains("breakdown") {
            return Match(what: "GitHub Copilot's retired usage API (/copilot/usage): daily totals with no people",
                         instead: "export the usage-metrics users-1-day report (or, before 2026-04-02, the /copilot/metrics API)")
        }
        return nil
    }
}
