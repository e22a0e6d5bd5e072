import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The transparency report for all staff: what candor collects from each source and what it drops,
/// why, who can see what, how long it is kept and what purge removed, consent and opt-out counts,
/// what the data is never used for, disputes, who asked for reports and why (the audit log), and
/// what changed. Counts only; a count below the minimum group size is shown as "fewer than k".
/// Pure; every field is a formatted string.
public struct TransparencyView: Sendable {
    public struct Source: Sendable {
        public var name: String
        public var category: String
        public var dataset: String
        public var records: String
        public var kept: String
        public var dropped: String
        public var droppedAtIngest: String
        public var hasDroppedAtIngest: Bool
        public var usedFor: String
        /// The policy's purpose for what no published figure reads of this source, if it states one.
        public var purpose: String = ""
        public var hasPurpose: Bool = false
    }
    public struct AudienceRow: Sendable {
        public var audience: String
        public var datasets: String
        public var reports: String
    }
    public struct Row: Sendable {
        public var label: String
        public var values: [String]
    }
    public struct Line: Sendable { public var text: String }

    public var title: String
    public var period: String
    public var periodStart: String
    public var periodEnd: String
    public var generatedAt: String
    public var purpose: String
    public var neverUsedFor: String
    public var k: String
    public var sources: [Source]
    public var hasSources: Bool
    public var neverStored: String
    public var audiences: [AudienceRow]
    public var retention: [Line]
    public var purges: [Line]
    public var hasPurges: Bool
    public var consent: [Row]
    public var hasConsent: Bool
    public var disputes: [Line]
    public var audit: [Row]
    public var hasAudit: Bool
    public var refusals: String
    public var changes: [Line]
    public var hasChanges: Bool
    public var candorVersion: String
    public var cmarkVersion: String
    public var policySHA256: String
}

/// Builds the transparency report. Pure.
public enum TransparencyViewBuilder {
    public struct Inputs: Sendable {
        public var period: Period
        public var policy: Policy
        public var generatedAt: String
        public var facts: TransparencyFacts
        public var fieldDrops: [FieldDropCount]
        public var audit: [AuditEntry]
        public var changes: [ProgrammeChange]
        public var cmarkVersion: String
        /// The report's day, when it is earlier than the day the report was made (`--now` in the past).
        public var datedEarlier: Day?

        public init(period: Period, policy: Policy, generatedAt: String, facts: TransparencyFacts, fieldDrops: [FieldDropCount],
                    audit: [AuditEntry], changes: [ProgrammeChange], cmarkVersion: String, datedEarlier: Day? = nil) {
            self.datedEarlier = datedEarlier
            self.period = period
            self.policy = policy
            self.generatedAt = generatedAt
            self.facts = facts
            self.fieldDrops = fieldDrops
            self.audit = audit
            self.changes = changes
            self.cmarkVersion = cmarkVersion
        }
    }

    /// Names people know the tools by.
    static func name(_ family: SourceFamily) -> String {
        switch family {
        case .qDeveloper: "Amazon Q Developer (user activity reports)"
        case .kiro: "Kiro (user reports)"
        case .copilot: "GitHub Copilot (usage metrics)"
        case .assistantUsage: "Other AI assistants (per-person-day usage CSV)"
        case .codeGuruReviewer: "Amazon CodeGuru Reviewer (code reviews and recommendations)"
        case .codeGuruSecurity: "Amazon CodeGuru Security (findings)"
        case .sarif: "Static analysers (SARIF results)"
        case .github: "GitHub (pull requests, reviews, review comments)"
        case .delivery: "Deployments and incidents"
        case .events: "IDE and CI events"
        case .survey: "Developer survey"
        }
    }

    /// Which reports each audience receives.
    static let reports: [Audience: String] = [
        .governanceBoard: "the quarterly governance review",
        .allStaff: "this transparency report",
        .team: "its own team summary (by email and as a page)",
        .securityReviewer: "the security review, each time with a recorded approval",
        .self: "a personal self-view of one's own data, only after opting in",
    ]

    /// A count that could single out fewer than `k` people is shown as a range.
    static func people(_ n: Int, k: Int) -> String { PeopleCount.published(n, k: k) }

    public static func build(_ input: Inputs) -> TransparencyView {
        let policy = input.policy, k = policy.minimumGroupSize
        // Sources with data, in the policy's order of families.
        var families: [SourceFamily: (files: Int, records: Int)] = [:]
        for s in input.facts.sources {
            guard let format = InputFormat(rawValue: s.format), let family = SourceFamily(format: format) else { continue }
            families[family, default: (0, 0)].files += s.files
            families[family, default: (0, 0)].records += s.records
        }
        let sources = SourceFamily.allCases.filter { families[$0] != nil }.map { family -> TransparencyView.Source in
            let entry = policy.sourcePolicy(for: family)
            let optional = family.optionalFields
            let kept = entry.allowedFields.map { allowed in optional.filter { allowed.contains($0) } } ?? optional
            let dropped = optional.filter { !kept.contains($0) }
            let drops = input.fieldDrops.filter { $0.source == family.rawValue }
            let used = MetricRegistry.all.filter { $0.sources.contains(family) }.map(\.name)
            let counts = families[family]!
            // Each field kept, with what reads it (the field map): a field nothing published reads is said to be one.
            let readers = family.fieldReaders
            let keptText = kept.map { field -> String in
                let users = (readers[field] ?? []).sorted().map { r -> String in
                    switch r {
                    case .metric(let id): MetricRegistry.metric(MetricID(rawValue: id))?.name ?? id
                    case .signal(let id): (Detectors.all.first { $0.id == id }?.name ?? id) + " signal"
                    case .securityReview: "the security review"
                    }
                }
                return "\(field) (" + (users.isEmpty ? "no published figure reads it" : "read by " + users.joined(separator: ", ")) + ")"
            }
            var source = TransparencyView.Source(name: name(family), category: family.category, dataset: entry.dataset.rawValue,
                         records: "\(Format.count(counts.records)) records from \(Format.count(counts.files)) file\(counts.files == 1 ? "" : "s")",
                         kept: optional.isEmpty ? "its identity and time fields only" : kept.isEmpty ? "none of its optional fields" : keptText.joined(separator: "; "),
                         dropped: dropped.isEmpty ? "none" : dropped.joined(separator: ", "),
                         droppedAtIngest: drops.map { "\($0.field) (\(Format.count($0.records)) records)" }.joined(separator: ", "),
                         hasDroppedAtIngest: !drops.isEmpty,
                         usedFor: used.isEmpty ? "no published figure reads it; the self-view lists your own records of it, and the governance review's coverage counts them" : used.joined(separator: "; "))
            if let purpose = entry.purpose {
                source.purpose = purpose
                source.hasPurpose = true
            }
            return source
        }
        let audiences = Audience.allCases.sorted { $0.rawValue < $1.rawValue }.map { a in
            TransparencyView.AudienceRow(audience: a.rawValue, datasets: (policy.audiences[a] ?? []).sorted().map(\.rawValue).joined(separator: ", "),
                                         reports: reports[a] ?? "")
        }
        let r = policy.retention
        var retention = [
            "Daily records per person (raw tier): \(Format.count(r.rawDays)) days.",
            "Weekly records per person (enriched tier): \(Format.count(r.enrichedDays)) days.",
            "Weekly team totals, with no person in them (aggregate tier): \(Format.count(r.aggregateDays)) days.",
            r.enforcement == .purge
                ? "These windows are enforced before every report: whatever is past them, counted back from the report's date, is deleted first."
                : "These windows are enforced before every report: no report is made while anything past them is held, until `candor purge` has deleted it.",
            "Withdrawing consent removes that person's daily and weekly records before the next report is made; team totals already published keep their contribution anonymously.",
        ]
        if let day = input.datedEarlier {
            retention.append("This report is dated \(day.iso8601), earlier than the day it was made, so its windows were counted back from \(day.iso8601): "
                + "records the windows would have removed by the day it was made may still be held. Every command run with an earlier date is recorded in the audit log.")
        }
        // Each purge (one time) with what it removed, tier by tier; lines that removed nothing are left out.
        let purgeTimes = Array(Set(input.facts.purges.filter { $0.rows > 0 }.map(\.time))).sorted()
        let purges = purgeTimes.map { time -> TransparencyView.Line in
            let lines = input.facts.purges.filter { $0.time == time && $0.rows > 0 }
            // Rows deleted (past a window, a revocation, records no figure reads) apart from rows whose
            // fields the policy no longer keeps were cleared (the rows stay).
            let deleted = lines.filter { !PurgeWording.isCleared(tier: $0.tier) }, cleared = lines.filter { PurgeWording.isCleared(tier: $0.tier) }
            let total = deleted.reduce(0) { $0 + $1.rows }, clearedTotal = cleared.reduce(0) { $0 + $1.rows }
            var parts: [String] = []
            if !deleted.isEmpty {
                parts.append("\(Format.count(total)) row\(total == 1 ? "" : "s") deleted — " + deleted.map {
                    $0.tier == PurgeWording.unread ? "\(Format.count($0.rows)) \($0.reason)" : "\(Format.count($0.rows)) \($0.tier), \($0.reason)"
                }.joined(separator: "; "))
            }
            if !cleared.isEmpty {
                parts.append("fields the policy no longer keeps cleared in \(Format.count(clearedTotal)) row\(clearedTotal == 1 ? "" : "s") ("
                             + cleared.map { $0.reason.replacingOccurrences(of: " fields the policy does not keep", with: "") + " \(Format.count($0.rows))" }
                                .joined(separator: ", ") + ")")
            }
            return TransparencyView.Line(text: "\(time.prefix(10)): " + parts.joined(separator: "; ") + ".")
        }

        let statuses = ConsentStatus.allCases.map(\.rawValue)
        let programmes = Set(policy.programmes.keys).union(input.facts.consent.keys).sorted()
        let consent = programmes.map { programme in
            let counts = input.facts.consent[programme] ?? [:]
            let kind = policy.programmes[programme].map { $0 ? "required (you may object)" : "optional (only if you opt in)" } ?? "not in the policy"
            return TransparencyView.Row(label: programme, values: [kind] + statuses.map { people(counts[$0] ?? 0, k: k) })
        }

        let disputes = input.facts.disputes
        let resolved = disputes.filter { $0.resolved != nil }
        let days = resolved.map { Double($0.resolved!.dayNumber - $0.filed.dayNumber) }
        var disputeLines = ["\(disputes.count) filed in \(input.period); \(resolved.count) resolved, \(disputes.count - resolved.count) still open."]
        let outcomes = Dictionary(grouping: disputes, by: \.outcome).mapValues(\.count)
        if !outcomes.isEmpty {
            disputeLines.append("Outcomes: " + outcomes.keys.sorted().map { "\($0) \(outcomes[$0]!)" }.joined(separator: ", ") + ".")
        }
        if let median = Quantile.median(days) { disputeLines.append("Median time to resolve: \(Format.fixed(median, decimals: 0)) days.") }

        var byKey: [String: (audience: String, purpose: String, count: Int, last: String)] = [:]
        var refusals = 0
        for e in input.audit {
            if e.command.hasPrefix("refused") { refusals += 1; continue }
            guard e.command.hasPrefix("report") || e.command.hasPrefix("run") || e.command.hasPrefix("send") else { continue }
            let key = e.audience + "\u{1F}" + e.purpose
            var v = byKey[key] ?? (e.audience, e.purpose, 0, "")
            v.count += 1
            v.last = max(v.last, String(e.time.prefix(10)))
            byKey[key] = v
        }
        let audit = byKey.values.sorted { ($0.audience, $0.purpose) < ($1.audience, $1.purpose) }
            .map { TransparencyView.Row(label: $0.audience, values: [$0.purpose, Format.count($0.count), $0.last]) }

        let changes = input.changes.sorted { ($0.day, $0.description) < ($1.day, $1.description) }
            .map { TransparencyView.Line(text: "\($0.day.iso8601): \($0.description)") }
        return TransparencyView(
            title: "Transparency report \(input.period)", period: input.period.description,
            periodStart: input.period.first.iso8601, periodEnd: input.period.last.iso8601, generatedAt: input.generatedAt,
            purpose: policy.purpose, neverUsedFor: policy.prohibitedUses.joined(separator: ", "), k: String(k),
            sources: sources, hasSources: !sources.isEmpty,
            neverStored: (SourceFamily.contentFields.union(policy.prohibitedFields)).sorted().joined(separator: ", "),
            audiences: audiences, retention: retention.map(TransparencyView.Line.init), purges: purges, hasPurges: !purges.isEmpty,
            consent: consent, hasConsent: !consent.isEmpty, disputes: disputeLines.map(TransparencyView.Line.init),
            audit: audit, hasAudit: !audit.isEmpty,
            refusals: refusals == 0 ? "No request was refused." : "\(Format.count(refusals)) request\(refusals == 1 ? " was" : "s were") refused (a prohibited purpose, a missing approval, a self-view without consent, or records held past the retention windows); each refusal is in the audit log.",
            changes: changes, hasChanges: !changes.isEmpty,
            candorVersion: CandorVersion.string, cmarkVersion: input.cmarkVersion, policySHA256: policy.sha256)
    }
}
