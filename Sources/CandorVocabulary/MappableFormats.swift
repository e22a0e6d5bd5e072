/// The CSV formats that are not a vendor's export — directories, governance files, delivery CSVs —
/// and can be read with the organisation's own column names through a `mappings:` entry of the
/// policy: the fields each has (candor's column names), which are required, and how each field's
/// values are written, so a mapping can convert the organisation's dates.
extension InputFormat {
    public enum FieldKind: Sendable, Equatable {
        case text
        /// A calendar day (`YYYY-MM-DD` once mapped).
        case day
        /// An instant (ISO 8601 once mapped).
        case time
    }

    public struct MappableField: Sendable, Equatable {
        public var name: String
        public var required: Bool
        public var kind: FieldKind
    }

    /// The fields of a format a `mappings:` entry may fill, in candor's column order; empty for a
    /// vendor export (read as the vendor writes it, never through a mapping).
    public var mappableFields: [MappableField] {
        func f(_ name: String, _ required: Bool = true, _ kind: FieldKind = .text) -> MappableField {
            MappableField(name: name, required: required, kind: kind)
        }
        switch self {
        case .directory:
            return [f("person_id"), f("team"), f("from", false, .day), f("to", false, .day), f("github_login", false), f("aws_user_id", false),
                    f("email", false), f("department", false), f("team_email", false)]
        case .directoryChanges: return [f("person_id"), f("effective", true, .day), f("team", false), f("prior_team", false), f("department", false)]
        case .repositoryDirectory: return [f("repository"), f("team"), f("from", false, .day), f("to", false, .day)]
        case .consent: return [f("person_id"), f("programme"), f("status"), f("effective", true, .day)]
        case .policyChanges: return [f("date", true, .day), f("change"), f("metrics", false)]
        case .disputes: return [f("dispute_id"), f("filed", true, .day), f("resolved", false, .day), f("outcome"), f("metric", false)]
        case .decisions: return [f("date", true, .day), f("decision"), f("metric", false), f("action", false), f("approver", false),
                                 f("alternatives", false), f("review", false, .day)]
        case .approvals: return [f("reference"), f("approver"), f("scope"), f("granted", false, .day), f("expires", true, .day)]
        case .assistantUsage:
            return [f("day", true, .day), f("person"), f("tool"), f("active", false), f("suggestions_shown", false), f("suggestions_accepted", false),
                    f("lines_accepted", false)]
        case .deploymentsCSV:
            return [f("deployment_id"), f("repository"), f("environment"), f("started_at", true, .time), f("finished_at", true, .time), f("result")]
        case .incidentsCSV:
            return [f("incident_id"), f("repository"), f("created_at", true, .time), f("resolved_at", false, .time), f("severity", false),
                    f("caused_by_deployment", false)]
        default: return []
        }
    }
}
