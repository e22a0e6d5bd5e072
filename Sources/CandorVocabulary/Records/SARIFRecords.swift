/// What a SARIF run says about itself: the analyser, the repository and the revision scanned.
public struct SARIFRun: Sendable, Equatable {
    public var tool: String?
    public var repository: String?
    public var revision: String?
    /// Seconds since 1970 when the analysis finished (`invocations[].endTimeUtc`).
    public var completedAt: Int64?
    public var automationId: String?

    /// Identifies the scan: repository, tool, and the revision (else the completion time, else the file).
    public func scanKey(fileSHA256: String) -> String {
        [repository ?? "", tool ?? "", revision ?? completedAt.map(String.init) ?? automationId ?? fileSHA256].joined(separator: "|")
    }

    public init(tool: String? = nil, repository: String? = nil, revision: String? = nil, completedAt: Int64? = nil, automationId: String? = nil) {
        self.tool = tool
        self.repository = repository
        self.revision = revision
        self.completedAt = completedAt
        self.automationId = automationId
    }
}

/// One SARIF result, without its message (free text is never stored).
public struct SARIFResult: Sendable, Equatable {
    /// A stable identity within the scan: a fingerprint when the analyser gives one, else a digest of
    /// rule + location (``locationKey(rule:uri:line:column:)``), so that a policy that drops `uri` and
    /// `start_line` leaves no file or line in the key either.
    public var key: String

    /// The identity of a result without a fingerprint: `loc:` and the SHA-256 of rule, file, line and column.
    public static func locationKey(rule: String, uri: String?, line: Int64?, column: Int64?) -> String {
        locationKey(plain: [rule, uri ?? "", line.map(String.init) ?? "", column.map(String.init) ?? ""].joined(separator: "|"))
    }

    /// ``locationKey(rule:uri:line:column:)`` of the text keys were stored as before (`rule|uri|line|column`).
    public static func locationKey(plain: String) -> String { "loc:" + SHA256Digest.hex(of: Array(plain.utf8)) }

    /// Whether a key stored for a result of `rule` is a location's text (from before the digest):
    /// `rule|uri|line|column` — three bars after the rule's id. A fingerprint is `name=value`.
    public static func isPlainLocationKey(_ key: String, rule: String) -> Bool {
        guard !key.hasPrefix("loc:"), key.hasPrefix(rule + "|") else { return false }
        return key.dropFirst(rule.count + 1).filter { $0 == "|" }.count >= 2
    }
    public var ruleId: String
    /// `error`, `warning`, `note` or `none` (SARIF §3.27.10; absent means `warning`).
    public var level: String
    public var uri: String?
    public var startLine: Int64?
    /// `new`, `unchanged`, `updated` or `absent` (§3.27.24), when the analyser compared with a baseline.
    public var baselineState: String?
    /// `inSource` or `external` when the result is suppressed (§3.35).
    public var suppressionKind: String?
    /// `accepted`, `underReview` or `rejected` (absent status means accepted).
    public var suppressionStatus: String?

    /// Whether the result counts as suppressed: a suppression whose status is accepted.
    public var isSuppressed: Bool { suppressionKind != nil && suppressionStatus == "accepted" }

    public init(key: String, ruleId: String, level: String, uri: String? = nil, startLine: Int64? = nil, baselineState: String? = nil, suppressionKind: String? = nil, suppressionStatus: String? = nil) {
        self.key = key
        self.ruleId = ruleId
        self.level = level
        self.uri = uri
        self.startLine = startLine
        self.baselineState = baselineState
        self.suppressionKind = suppressionKind
        self.suppressionStatus = suppressionStatus
    }
}
