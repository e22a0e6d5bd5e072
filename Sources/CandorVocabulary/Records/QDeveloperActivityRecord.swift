/// One row of the Q Developer user activity report: one person, one UTC day.
///
/// `userId` is the source identifier; the policy gate replaces it with a pseudonym before
/// anything is stored.
public struct QDeveloperActivityRecord: Sendable, Equatable {
    public var day: Day
    public var userId: SourcePersonID
    /// Values in ``QDeveloperMetric/allCases`` order; absent columns are 0.
    public var counts: [Int64]

    public init(day: Day, userId: SourcePersonID, counts: [Int64]) {
        self.day = day
        self.userId = userId
        self.counts = counts
    }

    public subscript(metric: QDeveloperMetric) -> Int64 { counts[metric.index] }
}
