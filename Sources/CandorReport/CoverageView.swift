import CandorVocabulary
import CandorAnalysis

/// Coverage, as lines for the governance review and `candor coverage`: per source, the records read,
/// how many joined a team, and what kept the others out — people outside the directory (counted,
/// coarsened below k), repositories no directory lists (named, with the closest directory entry), a
/// bare name that could be two repositories, survey teams the directory does not have. Pure.
public enum CoverageView {
    /// What a source's records are, in the coverage lines.
    static func noun(_ source: SourceFamily) -> String {
        switch source {
        case .qDeveloper, .copilot, .kiro: "person-day rows"
        case .assistantUsage: "person-day-tool rows"
        case .events: "events"
        case .github: "pull requests"
        case .sarif: "scans"
        case .codeGuruReviewer: "code reviews"
        case .codeGuruSecurity: "findings"
        case .delivery: "deployments and incidents"
        case .survey: "responses"
        }
    }

    /// What retention has deleted of `period`'s daily records, when a purge reached into it (nil
    /// otherwise): the counts of raw records cover only what is still held, while the figures come
    /// from the tiers made before the purge.
    public static func retentionNote(_ period: Period, rawHorizon: Day?, rawDays: Int) -> String? {
        guard let horizon = rawHorizon, horizon > period.first else { return nil }
        if horizon > period.last {
            return "This period's daily records were deleted under the \(rawDays)-day retention window (everything before \(horizon.iso8601)): "
                + "counts of records here are of what is still held, and the figures come from the weekly and team tiers made from those records before they were deleted."
        }
        return "Daily records before \(horizon.iso8601) were deleted under the \(rawDays)-day retention window: counts of records here cover "
            + "\(horizon.iso8601) to \(period.last.iso8601) only, and the figures come from the whole period (the weekly and team tiers made before the deletion)."
    }

    public static func lines(_ coverage: [SourceCoverage], unmatched: [UnmatchedRepository], periodDays: Int, k: Int, retentionNote: String? = nil) -> [String] {
        guard !coverage.isEmpty else { return ["No source sent a record still held for this period."] + (retentionNote.map { [$0] } ?? []) }
        var out: [String] = []
        for c in coverage {
            let noun = noun(c.source)
            // With fewer than k people outside the directory, the placed count would give theirs away by difference.
            let placed = c.basis == .person && c.outside > 0 && !PeopleCount.isExact(c.outsidePeople, k: k) ? "most" : Format.count(c.placed)
            var line = "\(c.source.rawValue): \(Format.count(c.records)) \(noun) on \(c.days) of \(periodDays) days; \(placed) placed in a team"
            switch c.basis {
            case .person where c.outside > 0:
                // Below k people the exact count of their rows would be their activity: said, not counted.
                let what = PeopleCount.isExact(c.outsidePeople, k: k) ? "\(Format.count(c.outside)) from \(PeopleCount.published(c.outsidePeople, k: k, noun: "person", plural: "people"))"
                    : "some from \(PeopleCount.published(c.outsidePeople, k: k, noun: "person", plural: "people"))"
                line += "; \(what) the directory does not place in a team on the day (contractors, bots, leavers): in no figure"
            case .repository where c.unmatched > 0 || c.noRepository > 0:
                if c.unmatched > 0 { line += "; \(Format.count(c.unmatched)) in repositories no directory entry owns (listed below)" }
                if c.noRepository > 0 { line += "; \(Format.count(c.noRepository)) name no repository: in no team's figure" }
            case .team where c.outside > 0:
                line += "; \(Format.count(c.outside)) name a team the directory does not have"
            default: break
            }
            out.append(line + ".")
        }
        for r in unmatched {
            var line = "Unmatched repository \(r.name): \(Format.count(r.records)) records (\(r.sources.map(\.rawValue).joined(separator: ", ")))"
            if !r.ambiguousBetween.isEmpty {
                line += " — a bare name that could be \(r.ambiguousBetween.joined(separator: " or ")): name it owner/name in the directory, or set the policy's repositories.owner"
            } else if let closest = r.closest {
                line += " — the closest directory entry is \(closest): if it is the same repository, add an alias under the policy's repositories.aliases"
            } else {
                line += " — no directory entry is close: add it to the repository directory if a team owns it"
            }
            out.append(line + ".")
        }
        if let retentionNote { out.append(retentionNote) }
        return out
    }
}
