import CandorAnalysis
import CandorStorage
import CandorVocabulary

/// Makes the security-outcome tier (docs/tiers.md) when the compliance inputs or the purge log have
/// changed since it was last made: every CodeGuru Security finding and SARIF result through the
/// writer (which attaches every dataset), reduced to counts and durations — source, repository,
/// severity, first seen, when it stopped being open and how — and stored where the audiences that
/// read the operational dataset see it. Categories, rules, files and lines never leave the
/// compliance file.
enum SecurityOutcomes {
    /// Makes the tier again when its fingerprint changed (after a purge: at once, so the dates of
    /// purged findings do not stay in the operational file until the next report).
    static func refresh(_ store: CandorStore) throws {
        let fingerprint = try store.securityOutcomeFingerprint()
        guard try store.securityOutcomeState() != fingerprint else { return }
        var outcomes = try store.codeGuruSecurityOutcomes()
        let levels = try store.sarifResultLevels()
        let scans = try store.sarifScanSnapshots().sorted(by: { $0.key < $1.key })
        // SARIF: each finding's lifecycle as of every quarter's end from the first scan's quarter to the
        // last's, from the scans up to that day only (a later scan can reopen a finding a quarter saw fixed).
        let times = scans.flatMap { $0.value.map(\.time) }
        if let first = times.min(), let last = times.max() {
            var quarter = Period(containing: Day(dayNumber: Int(first / 86_400)))
            let lastQuarter = Period(containing: Day(dayNumber: Int(last / 86_400)))
            while quarter <= lastQuarter {
                let end = Int64(quarter.last.dayNumber + 1) * 86_400 - 1
                for (scope, snapshots) in scans {
                    let seen = snapshots.filter { $0.time <= end }
                    guard !seen.isEmpty else { continue }
                    let repository = String(scope.split(separator: "|").first ?? "")
                    for (key, history) in FindingLifecycle.histories(seen).sorted(by: { $0.key < $1.key }) {
                        outcomes.append(SecurityOutcome(source: SourceFamily.sarif.rawValue, repository: repository,
                                                        severity: levels[scope]?[key]?.last { $0.time <= end }?.level ?? "warning",
                                                        history: history, asOf: quarter.last))
                    }
                }
                quarter = quarter.next
            }
        }
        try store.replaceSecurityOutcomes(outcomes, fingerprint: fingerprint)
    }
}
