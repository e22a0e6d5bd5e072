import CandorVocabulary

/// Who a report is written for; each audience sees only the datasets the policy grants it.
public enum Audience: String, CaseIterable, Sendable, Comparable {
    case governanceBoard = "governance-board"
    case allStaff = "all-staff"
    case team
    case securityReviewer = "security-reviewer"
    /// One person reading their own data (consent-gated).
    case `self`

    public static func < (a: Audience, b: Audience) -> Bool { a.rawValue < b.rawValue }

    /// What an audience sees when the policy does not narrow it. Security findings (the compliance
    /// dataset) are for security reviewers only, and only with an approval reference.
    public var defaultDatasets: Set<Dataset> {
        switch self {
        case .governanceBoard, .allStaff, .team, .self: [.coaching, .operational]
        case .securityReviewer: [.operational, .compliance]
        }
    }

    /// Whether an audience may ever be granted `dataset`.
    public func mayEverSee(_ dataset: Dataset) -> Bool {
        dataset != .compliance || self == .securityReviewer
    }
}

/// A date in the organisation's review calendar (performance reviews, calibrations): activity
/// surges before one are a gaming signal worth discussing.
public struct ReviewDate: Sendable, Equatable {
    public var day: Day
    public var name: String
}
