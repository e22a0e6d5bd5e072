import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes candor's governance CSVs (docs/formats.md), recognised by their headers:
///
///     person_id,programme,status,effective                   consent registry
///     date,change,metrics                                    policy-change log (metrics `;`-separated)
///     dispute_id,filed,resolved,outcome,metric               disputes (optional team, period, exclude)
///     date,decision,metric,action                            decisions (optional approver, alternatives, review)
///     reference,approver,scope,expires                       approvals (optional granted)
public struct GovernanceCSVReader {
    public enum Kind: String, Sendable { case consent, policyChanges, disputes, decisions, approvals }
    static let columns: [Kind: (required: [String], optional: [String])] = [
        .consent: (["person_id", "programme", "status", "effective"], []),
        .policyChanges: (["date", "change"], ["metrics"]),
        .disputes: (["dispute_id", "filed", "outcome"], ["resolved", "metric", "team", "period", "exclude"]),
        .decisions: (["date", "decision"], ["metric", "action", "approver", "alternatives", "review"]),
        .approvals: (["reference", "approver", "scope", "expires"], ["granted"]),
    ]
    /// The reports an approval can name: those whose audience may ever read the compliance dataset
    /// (`ApprovalTests` holds this to the pipeline's `ReportKind` and the audiences' limits).
    public static let approvableReports: Set<String> = ["security-review"]
    public static let consentStatuses = Set(ConsentStatus.allCases.map(\.rawValue))
    public static let disputeOutcomes: Set<String> = ["open", "upheld", "rejected", "withdrawn"]
    /// Longest free-text cell accepted (policy changes and decisions are written for reports).
    public static let maxTextLength = 500

    public let kind: Kind
    public let file: String
    let index: [String: Int]
    let fieldCount: Int
    public let ignoredColumns: [String]

    /// Which governance CSV a header is, if any.
    static func detect(_ names: Set<String>) -> Kind? {
        for kind in [Kind.consent, .disputes, .decisions, .approvals, .policyChanges] where columns[kind]!.required.allSatisfy(names.contains) {
            return kind
        }
        return nil
    }

    public init(kind: Kind, header: [String], file: String) throws(DiagnosticList) {
        self.kind = kind
        self.file = file
        let spec = Self.columns[kind]!
        var index: [String: Int] = [:]
        var ignored: [String] = []
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingASCIISpaces().lowercased()
            if (spec.required + spec.optional).contains(name) && index[name] == nil { index[name] = i } else { ignored.append(raw.trimmingASCIISpaces()) }
        }
        let missing = spec.required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw DiagnosticList([Diagnostic(.error, file: file, line: 1, code: "GOV001", message: "the header lacks \(missing.joined(separator: ", "))",
                                             hint: "see docs/formats.md for the governance CSVs")])
        }
        self.index = index
        self.fieldCount = header.count
        self.ignoredColumns = ignored
    }

    public typealias Row = GovernanceRow

    public func decode(_ record: borrowing CSVRecord, diagnostics: inout [Diagnostic]) -> Row? {
        if let problem = record.fieldCountProblem(expected: fieldCount, file: file, hint: "a comma inside a value needs quotes; check this row against the header") {
            diagnostics.append(problem)
            return nil
        }
        var ok = true
        func fail(_ column: String, _ code: String, _ message: String, _ hint: String) {
            diagnostics.append(Diagnostic(.error, file: file, line: record.line, column: record.column(index[column]!), code: code, message: message, hint: hint))
            ok = false
        }
        func text(_ column: String, required: Bool = true, max: Int = 200) -> String? {
            guard let i = index[column] else { return nil }
            let value = TeamName.clean(record.string(i))
            if value.isEmpty {
                if required { fail(column, "GOV010", "\(column) is empty", "this column is required") }
                return nil
            }
            if value.count > max { fail(column, "GOV011", "\(column) is longer than \(max) characters", "shorten it"); return nil }
            return value
        }
        func day(_ column: String, required: Bool = true) -> Day? {
            guard let i = index[column] else { return nil }
            let raw = record.string(i).trimmingASCIISpaces()
            if raw.isEmpty {
                if required { fail(column, "GOV010", "\(column) is empty", "write the date as YYYY-MM-DD") }
                return nil
            }
            guard raw.utf8.count == 10, raw.utf8.dropFirst(4).first == UInt8(ascii: "-"), let d = Day.parse(raw) else {
                fail(column, "GOV012", "\(column) \(excerpt(Array(raw.utf8))) is not a date", "write the date as YYYY-MM-DD")
                return nil
            }
            return d
        }
        func choice(_ column: String, _ allowed: Set<String>) -> String? {
            guard let value = text(column)?.lowercased() else { return nil }
            guard allowed.contains(value) else {
                fail(column, "GOV013", "\(column) must be one of \(allowed.sorted().joined(separator: ", "))", "fix the value")
                return nil
            }
            return value
        }
        switch kind {
        case .consent:
            let person = text("person_id", max: 256), programme = text("programme", max: 100)
            let status = choice("status", Self.consentStatuses).flatMap(ConsentStatus.init(rawValue:)), effective = day("effective")
            guard ok, let person, let programme, let status, let effective else { return nil }
            return .consent(ConsentRecord(personId: SourcePersonID(person), programme: programme, status: status, effective: effective))
        case .policyChanges:
            let d = day("date"), change = text("change", max: Self.maxTextLength)
            let metrics = (text("metrics", required: false) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard ok, let d, let change else { return nil }
            return .policyChange(PolicyChangeRecord(day: d, change: change, metrics: metrics.sorted()))
        case .disputes:
            let id = text("dispute_id"), filed = day("filed"), resolved = day("resolved", required: false)
            let outcome = choice("outcome", Self.disputeOutcomes), metric = text("metric", required: false, max: 64)
            if let filed, let resolved, resolved < filed { fail("resolved", "GOV014", "resolved is before filed", "check the dates") }
            let team = text("team", required: false, max: 200)
            var period: Period?
            if let raw = text("period", required: false, max: 16) {
                period = Period(raw)
                if period == nil { fail("period", "GOV044", "period \(excerpt(Array(raw.utf8))) is not a quarter", "write the quarter the disputed figure is in, e.g. 2026-Q3") }
            }
            var exclusions: [DisputeExclusion] = []
            if let raw = text("exclude", required: false, max: Self.maxTextLength) {
                if let list = DisputeExclusion.parseList(raw) { exclusions = list } else {
                    fail("exclude", "GOV045", "exclude \(excerpt(Array(raw.utf8))) is not a list of exclusions",
                         "write repository:OWNER/NAME or days:YYYY-MM-DD..YYYY-MM-DD (at most a year), separated by ;")
                }
            }
            if period == nil && (team != nil || !exclusions.isEmpty) && ok {
                fail(index["period"] != nil ? "period" : "dispute_id", "GOV046", "a dispute about a team's figure or with exclusions names no period",
                     "add the period column: the quarter whose figure is disputed")
            }
            if !exclusions.isEmpty && metric == nil && ok {
                fail("exclude", "GOV046", "a dispute with exclusions names no metric", "add the metric column: exclusions apply to one metric's figures")
            }
            if !exclusions.isEmpty, let metric, !DisputeExclusion.excludableMetrics.contains(metric), ok {
                fail("exclude", "GOV047", "candor cannot leave records out of \(metric)'s figures",
                     "exclusions apply to \(DisputeExclusion.excludableMetrics.joined(separator: ", ")); record the dispute without them (its outcome is still shown on the figure)")
            }
            guard ok, let id, let filed, let outcome else { return nil }
            return .dispute(DisputeRecord(id: id, filed: filed, resolved: resolved, outcome: outcome, metric: metric, team: team,
                                          period: period, exclusions: exclusions))
        case .decisions:
            let d = day("date"), decision = text("decision", max: Self.maxTextLength)
            let metric = text("metric", required: false, max: 64), action = text("action", required: false, max: 32)?.lowercased()
            let approver = text("approver", required: false, max: 100), alternatives = text("alternatives", required: false, max: Self.maxTextLength)
            let review = day("review", required: false)
            if let d, let review, review < d { fail("review", "GOV043", "the review date is before the decision", "the day the board will look at the decision again") }
            guard ok, let d, let decision else { return nil }
            return .decision(DecisionRecord(day: d, decision: decision, metric: metric, action: action,
                                            approver: approver, alternatives: alternatives, review: review))
        case .approvals:
            let reference = text("reference", max: 100), approver = text("approver", max: 100), scope = text("scope", max: 64)
            let granted = day("granted", required: false), expires = day("expires")
            if let scope {
                let parts = scope.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                if !Self.approvableReports.contains(parts[0]) {
                    fail("scope", "GOV040", "the scope '\(scope)' names no report an approval opens",
                         "write one of \(Self.approvableReports.sorted().joined(separator: ", ")), or one quarter of it (security-review:2026-Q3)")
                } else if parts.count == 2 && Period(parts[1]) == nil {
                    fail("scope", "GOV041", "the scope's quarter '\(parts[1])' is not a quarter", "write it as YYYY-Qn, e.g. security-review:2026-Q3")
                }
            }
            if let granted, let expires, expires < granted { fail("expires", "GOV042", "expires is before granted", "check the dates") }
            guard ok, let reference, let approver, let scope, let expires else { return nil }
            return .approval(ApprovalRecord(reference: reference, approver: approver, scope: scope, granted: granted, expires: expires))
        }
    }
}
