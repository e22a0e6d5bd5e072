/// One anonymous survey response: the respondent's team, the day, and the Likert answers.
public struct SurveyResponse: Sendable, Equatable {
    /// A stable identity: a hash of the row's content (plus an ordinal for identical rows).
    public var key: String
    public var team: String
    /// Only the day is kept, never the time of submission.
    public var day: Day?
    /// (item id, answer) for answered items, in the mapping's order.
    public var answers: [(item: String, value: Int)]

    public static func == (a: SurveyResponse, b: SurveyResponse) -> Bool {
        a.key == b.key && a.team == b.team && a.day == b.day && a.answers.map(\.item) == b.answers.map(\.item) && a.answers.map(\.value) == b.answers.map(\.value)
    }

    public init(key: String, team: String, day: Day? = nil, answers: [(item: String, value: Int)]) {
        self.key = key
        self.team = team
        self.day = day
        self.answers = answers
    }
}
