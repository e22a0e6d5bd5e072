import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// The security-reviewer view's model: finding levels, severities and categories per owning team.
/// Only this report shows finding categories, and only with an approval reference. Pure.
public struct SecurityReview: Sendable {
    public struct Team: Sendable {
        public var team: String
        public var sarif: String
        public var suppressed: String
        public var open: String
        /// Open High and Critical findings at the period's end, as the governance board and the team see it.
        public var boardOpen: String
        public var categories: [String]
        public var moreCategories: String
        public var hasMoreCategories: Bool
    }

    public var title: String
    public var period: String
    public var generatedAt: String
    public var purpose: String
    public var approval: String
    public var teams: [Team]
    public var hasTeams: Bool
    public var policySHA256: String

    /// Most categories listed per team; the rest are counted.
    public static let categoriesShown = 8

    /// `boardOpen`: per team (nil: repositories no team owns), the open High and Critical findings at the
    /// period's end from the security-outcome tier — the scorecard's number, which the board sees.
    public static func build(period: Period, findings: [SecurityTeamFindings], policy: Policy, approval: String, generatedAt: String,
                             boardOpen: [String: Int] = [:]) -> SecurityReview {
        func counts(_ values: [String: Int], order: [String]) -> String {
            let keys = values.keys.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
            return keys.isEmpty ? "none" : keys.map { "\($0) \(Format.count(values[$0]!))" }.joined(separator: " · ")
        }
        let teams = findings.map { f -> Team in
            let categories = f.categories.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return Team(team: f.team ?? "Repositories no team owns",
                        sarif: counts(f.sarifByLevel, order: ["error", "warning", "note", "none"]),
                        suppressed: Format.count(f.sarifSuppressed),
                        open: counts(f.openBySeverity, order: ["Critical", "High", "Medium", "Low", "Info"]),
                        boardOpen: Format.count(boardOpen[f.team ?? ""] ?? 0),
                        categories: categories.prefix(categoriesShown).map { "\($0.key) (\(Format.count($0.value)))" },
                        moreCategories: Format.count(max(0, categories.count - categoriesShown)),
                        hasMoreCategories: categories.count > categoriesShown)
        }
        return SecurityReview(title: "Security findings review \(period)", period: period.description, generatedAt: generatedAt,
                              purpose: policy.purpose, approval: approval, teams: teams, hasTeams: !teams.isEmpty, policySHA256: policy.sha256)
    }
}
