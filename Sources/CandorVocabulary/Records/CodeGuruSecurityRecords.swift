/// A CodeGuru Security finding: lifecycle metadata only. Titles, descriptions, code snippets and
/// suggested fixes are free text or code and are never stored.
public struct CodeGuruSecurityFinding: Sendable, Equatable {
    /// The scanned resource (`resource.id`, usually the scan or repository name).
    public var resource: String
    public var id: String
    /// `Open` or `Closed` (CodeGuru Security has no suppressed state).
    public var status: String
    public var severity: String
    public var type: String?
    public var detectorId: String?
    public var ruleId: String?
    public var filePath: String?
    public var startLine: Int64?
    public var endLine: Int64?
    /// Seconds since 1970, UTC.
    public var createdAt: Int64
    /// When the finding was remediated or its location changed.
    public var updatedAt: Int64?

    public init(resource: String, id: String, status: String, severity: String, type: String? = nil, detectorId: String? = nil, ruleId: String? = nil, filePath: String? = nil, startLine: Int64? = nil, endLine: Int64? = nil, createdAt: Int64, updatedAt: Int64? = nil) {
        self.resource = resource
        self.id = id
        self.status = status
        self.severity = severity
        self.type = type
        self.detectorId = detectorId
        self.ruleId = ruleId
        self.filePath = filePath
        self.startLine = startLine
        self.endLine = endLine
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One day of `ListFindingsMetrics` for one severity.
public struct CodeGuruSecurityMetric: Sendable, Equatable {
    public var day: Day
    public var severity: String
    public var newFindings: Double
    public var closedFindings: Double
    public var openFindings: Double
    /// Average days to close.
    public var meanDaysToClose: Double?

    public init(day: Day, severity: String, newFindings: Double, closedFindings: Double, openFindings: Double, meanDaysToClose: Double? = nil) {
        self.day = day
        self.severity = severity
        self.newFindings = newFindings
        self.closedFindings = closedFindings
        self.openFindings = openFindings
        self.meanDaysToClose = meanDaysToClose
    }
}
