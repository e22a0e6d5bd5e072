import CandorParsing
import CandorPolicy
import CandorVocabulary

/// The store writes the governance CSVs need.
public protocol GovernanceSink {
    /// Stores a consent, policy-change, dispute or decision row; `person` is the consent row's person.
    func upsertGovernance(_ row: GovernanceRow, person: Pseudonym?, sourceId: Int64) throws
    /// Recomputes the team-week tier after membership or consent changed.
    func refreshAllTeamWeeks(consent: ConsentRule?) throws
}

/// The consent registry, the policy-change log, disputes, decisions and approvals.
public struct GovernanceAdapter: CSVSourceAdapter {
    public static let formats: [InputFormat] = [.consent, .policyChanges, .disputes, .decisions, .approvals]

    public static func recognise(header: [String], names: Set<String>, survey: SurveyMapping?) -> InputFormat? {
        switch GovernanceCSVReader.detect(names) {
        case .consent?: .consent
        case .policyChanges?: .policyChanges
        case .disputes?: .disputes
        case .decisions?: .decisions
        case .approvals?: .approvals
        case nil: nil
        }
    }

    let reader: GovernanceCSVReader

    public init(header: [String], file: IngestFile, sink: some RecordSink) throws {
        let kind: GovernanceCSVReader.Kind = switch file.format {
        case .consent: .consent
        case .policyChanges: .policyChanges
        case .disputes: .disputes
        case .approvals: .approvals
        default: .decisions
        }
        reader = try GovernanceCSVReader(kind: kind, header: header, file: file.path)
        file.ignoredColumns = reader.ignoredColumns
    }

    public mutating func read(_ record: borrowing CSVRecord, file: IngestFile, sink: some RecordSink, diagnostics: inout [Diagnostic]) throws {
        let decoded = reader.decode(record, diagnostics: &diagnostics)
        // Consent fails closed: a row for a programme the policy does not name is an objection candor
        // could not apply, so the whole registry is refused — never skipped, even with --skip-bad-rows.
        if case .consent(let c)? = decoded, !file.options.programmes.contains(c.programme) {
            throw DiagnosticList([Diagnostic(.error, file: file.path, line: record.line, code: "GOV020",
                message: "consent for the programme '\(c.programme)', which the policy does not name: candor could not apply it, so nothing from this registry was stored",
                hint: "name the programme in the policy's programmes:, or translate the registry's programme names in a mappings: entry "
                    + "(values: {programme: {\"\(c.programme)\": ai-adoption}}); the policy names \(file.options.programmes.sorted().joined(separator: ", "))")])
        }
        try file.keep(decoded) { row in
            var person: Pseudonym?
            if case .consent(let c) = row { person = file.pseudonym(c.personId) }
            try sink.upsertGovernance(row, person: person, sourceId: file.sourceId)
        }
    }

    public mutating func complete(file: IngestFile, sink: some RecordSink) throws {
        // The team-week tier follows the consent registry: a change of consent refreshes it.
        if file.format == .consent { try sink.refreshAllTeamWeeks(consent: file.options.acceptanceConsent) }
    }
}
