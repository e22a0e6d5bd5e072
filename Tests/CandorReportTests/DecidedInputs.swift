@testable import CandorAnalysis
@testable import CandorReport

extension GovernanceViewBuilder.Inputs {
    /// These inputs with their period's disclosure decided, as the pipeline decides it before any view is built.
    func decided() -> Self {
        var copy = self
        copy.disclosure = PeriodDisclosure.decide(totals: totals, teamWeeks: teamWeeks, source: source, departments: departments, scorecard: .empty,
                                                  policy: DisclosurePolicy(k: policy.minimumGroupSize, dominanceThreshold: policy.dominanceThreshold))
        return copy
    }
}
