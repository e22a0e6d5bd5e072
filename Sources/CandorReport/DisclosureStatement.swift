import CandorAnalysis
import CandorPolicy
import CandorVocabulary

/// What the review's disclosure section says of the period's decision: the rules, what was hidden and
/// why, and whether each pattern is provably of least loss or the best found. Counts and reasons, never
/// a hidden value.
enum DisclosureStatement {
    /// The rules, as the policy sets them.
    static func rules(_ policy: Policy) -> [String] {
        let k = policy.minimumGroupSize, p = policy.protection
        return [
            "Minimum group size \(k) people; a cell where one person contributes more than \(Format.percent(policy.dominanceThreshold, decimals: 0)) is hidden.",
            "Hidden cells are protected by interval: someone who knows every published figure, that no count is negative and what each hidden cell's reason says cannot narrow a hidden cell's count of events to within \(Format.percent(p.eventsShare, decimals: 0)) of it either way"
                + (p.people > 0 ? ", nor its count of people to within a margin of \(p.people) either way" : "")
                + ", nor work any hidden figure out exactly (the policy's `protection`).",
            "Further cells are hidden beside them as complements, choosing the pattern that loses least: a team's cell costs more than any number of department subtotals (teams act on their own numbers), then the fewest comparisons with the previous quarter are lost (a team shown then and hidden now), then the fewest people are left without their team's figure (a team's members in the directory), then the fewest events are hidden; the organisation's total is never hidden to protect another cell.",
        ]
    }

    /// Which previous figures the choice of complements read.
    static func previous(_ decided: PeriodDisclosure) -> String {
        guard let source = decided.previous.source else {
            return "No figures file of the previous quarter was read from the report folder (there was none, or it was not one candor wrote for that quarter: the progress output says which), so no comparison with it weighed in the choice of complements."
        }
        return "The choice of complements read what the previous quarter published (`\(Escape.markdown(source))`): among patterns hiding as many teams, the one keeping more of its comparisons was chosen."
    }

    /// "; 1 team and 3 department subtotals as complements, provably of least loss (every pattern over 15 cells searched)."
    static func pattern(_ decided: PeriodDisclosure, acceptanceCells: [CellDecision]) -> String {
        guard let pattern = decided.acceptanceSearch else { return "." }
        let table = decided.table
        var teams = 0, subtotals = 0
        for (entry, decision) in zip(table.entries, acceptanceCells) where decision == .suppressed(.complementary) {
            if entry.isDepartment { subtotals += 1 } else { teams += 1 }
        }
        guard teams + subtotals > 0 else { return pattern.search == .none ? "." : "; no complement was needed." }
        var parts: [String] = []
        if teams > 0 { parts.append("\(teams) \(teams == 1 ? "team" : "teams")") }
        if subtotals > 0 { parts.append("\(subtotals) department \(subtotals == 1 ? "subtotal" : "subtotals")") }
        return "; " + parts.joined(separator: " and ") + " hidden as " + (teams + subtotals == 1 ? "a complement" : "complements") + ", " + proof(pattern.search) + "."
    }

    /// Whether the scorecard's patterns are provably of least loss.
    static func search(_ decision: ScorecardDisclosure.Decision) -> String {
        let searches = decision.metrics.values.map(\.search).filter { $0 != .none }
        guard !searches.isEmpty else { return "No metric needed a complement." }
        let best = searches.filter { !$0.isProvenMinimal }.count
        if best == 0 { return "In each of the \(searches.count) metrics with a hidden cell, the pattern is provably of least loss (every pattern searched)." }
        return "In \(searches.count - best) of the \(searches.count) metrics with a hidden cell the pattern is provably of least loss; in \(best) the table was too large to search every pattern, and the pattern is the best found."
    }

    static func proof(_ search: MinimumLossSuppression.Search) -> String {
        switch search {
        case .exhaustive(let n): return "provably of least loss (every pattern over \(n) candidate \(n == 1 ? "cell" : "cells") searched)"
        case .bestFound(let n): return "the best pattern found (\(n) candidate cells are too many to search every pattern)"
        case .none: return "no search needed"
        }
    }
}
