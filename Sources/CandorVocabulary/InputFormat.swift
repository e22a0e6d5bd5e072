/// The export formats candor reads, recognised by content, never by file name.
public enum InputFormat: String, CaseIterable, Sendable {
    /// Amazon Q Developer user activity report CSV (`by_user_analytic`), 46 or 8 columns.
    case qDeveloperActivity = "q-developer-activity"
    /// Repository → owning team over time (`repository,team,from,to`).
    case repositoryDirectory = "repository-directory"
    /// Consent registry CSV (`person_id,programme,status,effective`).
    case consent = "consent"
    /// Policy-change log CSV (`date,change,metrics`).
    case policyChanges = "policy-changes"
    /// Disputes CSV (`dispute_id,filed,resolved,outcome,metric`).
    case disputes = "disputes"
    /// Governance decisions CSV (`date,decision,metric,action`).
    case decisions = "decisions"
    /// Approvals for restricted reports (`reference,approver,scope,expires`).
    case approvals = "approvals"
    /// A developer-survey CSV read through the policy's `survey:` mapping.
    case survey = "survey"
    /// Kiro per-client `user_report` CSV (Date, UserId, Client_Type, Credits_Used, …).
    case kiroUserReport = "kiro-user-report"
    /// Per-person-day use of an AI assistant without a supported export (Cursor, Claude Code, Gemini…),
    /// in candor's columns or through a policy mapping (`day,person,tool,…`).
    case assistantUsage = "assistant-usage"
    /// candor's directory CSV: person → team over time.
    case directory = "directory"
    /// Directory changes CSV: a person moves to another team on a day (`person_id,effective,team`).
    case directoryChanges = "directory-changes"
    /// GitHub Copilot usage-metrics `users-1-day` report (NDJSON, or JSON-wrapped in `day_totals`).
    case copilotUsers = "copilot-users"
    /// GitHub Copilot usage-metrics `user-teams-1-day` report (NDJSON, or JSON-wrapped).
    case copilotUserTeams = "copilot-user-teams"

    /// GitHub Copilot legacy metrics API response (`/copilot/metrics`): a JSON array of days, no person-level data.
    case copilotLegacyMetrics = "copilot-legacy-metrics"
    /// GitHub Copilot seat assignments (`/orgs/{org}/copilot/billing/seats`, or the enterprise's): who holds a seat.
    case copilotSeats = "copilot-seats"

    /// Amazon CodeGuru Reviewer `ListRecommendations` (optionally wrapped with its `CodeReviewArn`).
    case codeGuruRecommendations = "codeguru-recommendations"
    /// Amazon CodeGuru Reviewer `DescribeCodeReview` or `ListCodeReviews`.
    case codeGuruCodeReviews = "codeguru-code-reviews"
    /// Amazon CodeGuru Reviewer `ListRecommendationFeedback`.
    case codeGuruFeedback = "codeguru-feedback"

    /// Amazon CodeGuru Security `GetFindings` / `BatchGetFindings`.
    case codeGuruSecurityFindings = "codeguru-security-findings"
    /// Amazon CodeGuru Security `ListFindingsMetrics` (account × day).
    case codeGuruSecurityMetrics = "codeguru-security-metrics"

    /// SARIF 2.1.0 from any analyser.
    case sarif = "sarif"

    /// GitHub pull requests as `gh api --paginate repos/OWNER/REPO/pulls` writes them.
    case githubPullRequests = "github-pull-requests"
    /// GitHub pull-request reviews (`pulls/N/reviews`).
    case githubReviews = "github-reviews"
    /// GitHub pull-request review comments (`pulls/comments`).
    case githubReviewComments = "github-review-comments"

    /// Apache DevLake webhook deployments (JSON object, array or NDJSON).
    case devlakeDeployments = "devlake-deployments"
    /// Apache DevLake webhook incidents (`/issues`; JSON object, array or NDJSON).
    case devlakeIncidents = "devlake-incidents"
    /// candor's deployments CSV (docs/formats.md).
    case deploymentsCSV = "deployments-csv"
    /// candor's incidents CSV (docs/formats.md).
    case incidentsCSV = "incidents-csv"

    /// IDE / CI / policy-engine events as JSON Lines (`type`, `time`, `actor`, `attributes`).
    case events = "events"

    /// Whether the format is read as CSV or JSON.
    public var isJSON: Bool {
        switch self {
        case .qDeveloperActivity, .kiroUserReport, .assistantUsage, .directory, .directoryChanges, .deploymentsCSV, .incidentsCSV, .repositoryDirectory, .survey,
             .consent, .policyChanges, .disputes, .decisions, .approvals:
            return false
        case .copilotUsers, .copilotUserTeams, .copilotLegacyMetrics, .copilotSeats, .codeGuruRecommendations, .codeGuruCodeReviews, .codeGuruFeedback,
             .codeGuruSecurityFindings, .codeGuruSecurityMetrics, .sarif, .githubPullRequests, .githubReviews, .githubReviewComments,
             .devlakeDeployments, .devlakeIncidents, .events:
            return true
        }
    }

    /// One line for `candor formats` and for error messages.
    public var summary: String {
        switch self {
        case .qDeveloperActivity:
            return "Amazon Q Developer user activity report CSV (header: UserId,Date,Chat_AICodeLines,…,Inline_SuggestionsCount)"
        case .repositoryDirectory:
            return "repository directory CSV (header: repository,team,from,to)"
        case .survey:
            return "developer survey CSV with the team and item columns named in the policy's survey: mapping"
        case .consent:
            return "consent registry CSV (header: person_id,programme,status,effective; status opted_in, opted_out or revoked)"
        case .policyChanges:
            return "policy-change log CSV (header: date,change,metrics; metrics separated by ;)"
        case .disputes:
            return "disputes CSV (header: dispute_id,filed,resolved,outcome,metric; outcome open, upheld, rejected or withdrawn)"
        case .decisions:
            return "governance decisions CSV (header: date,decision,metric,action)"
        case .approvals:
            return "approvals CSV for restricted reports (header: reference,approver,scope,expires; optional granted; scope a report such as security-review, or security-review:2026-Q3)"
        case .kiroUserReport:
            return "Kiro per-client user report CSV (header: Date,UserId,Client_Type,Chat_Conversations,Credits_Used,…,Total_Messages)"
        case .assistantUsage:
            return "AI-assistant usage CSV for tools without a supported export (header: day,person,tool; optional suggestions_shown,suggestions_accepted,lines_accepted)"
        case .directory:
            return "directory CSV (header: person_id,team,from,to)"
        case .directoryChanges:
            return "directory changes CSV (header: person_id,effective,team): a person moves to another team on a day"
        case .copilotUsers:
            return "GitHub Copilot usage-metrics users-1-day report (NDJSON rows with user_login, day, code_acceptance_activity_count, totals_by_feature)"
        case .copilotUserTeams:
            return "GitHub Copilot usage-metrics user-teams-1-day report (NDJSON rows with user_login, day, team_id, slug)"
        case .copilotLegacyMetrics:
            return "GitHub Copilot legacy /copilot/metrics response (JSON array of days with date, copilot_ide_code_completions, …); --scope names the org or team"
        case .copilotSeats:
            return "GitHub Copilot seat assignments (/orgs/{org}/copilot/billing/seats: total_seats, seats[] with assignee, created_at, plan_type); --scope names the org"
        case .codeGuruRecommendations:
            return "Amazon CodeGuru Reviewer ListRecommendations JSON (RecommendationSummaries; CodeReviewArn in a wrapper or --code-review)"
        case .codeGuruCodeReviews:
            return "Amazon CodeGuru Reviewer DescribeCodeReview or ListCodeReviews JSON (CodeReview / CodeReviewSummaries with Metrics)"
        case .codeGuruFeedback:
            return "Amazon CodeGuru Reviewer ListRecommendationFeedback JSON (RecommendationFeedbackSummaries; CodeReviewArn as above)"
        case .codeGuruSecurityFindings:
            return "Amazon CodeGuru Security GetFindings / BatchGetFindings JSON (findings[] with status, severity, createdAt, resource)"
        case .codeGuruSecurityMetrics:
            return "Amazon CodeGuru Security ListFindingsMetrics JSON (findingsMetrics[] per day and severity); --scope names the account"
        case .sarif:
            return "SARIF 2.1.0 log from any analyser (runs[].tool.driver.name, runs[].results[]); --repository when it names none"
        case .events:
            return "IDE / CI / policy-engine events as JSON Lines (type, time, actor, attributes; e.g. suggestion.accepted, suggestion.reverted)"
        case .devlakeDeployments:
            return "Apache DevLake webhook deployments JSON (id, startedDate, finishedDate, result, environment, deploymentCommits[].repoUrl)"
        case .devlakeIncidents:
            return "Apache DevLake webhook incidents JSON (issueKey, createdDate, resolutionDate, status, severity; optional deploymentId)"
        case .deploymentsCSV:
            return "deployments CSV (header: deployment_id,repository,environment,started_at,finished_at,result)"
        case .incidentsCSV:
            return "incidents CSV (header: incident_id,repository,created_at,resolved_at,severity,caused_by_deployment)"
        case .githubPullRequests:
            return "GitHub pull requests from gh api --paginate (arrays or NDJSON of objects with number, user, created_at, merged_at, base.repo)"
        case .githubReviews:
            return "GitHub pull-request reviews from gh api (objects with user, state, submitted_at, pull_request_url)"
        case .githubReviewComments:
            return "GitHub pull-request review comments from gh api (objects with pull_request_review_id, user, created_at, pull_request_url)"
        }
    }

}

extension InputFormat {
    /// A one-line example of the format's first lines.
    public var example: String {
        switch self {
        case .qDeveloperActivity:
            return #"UserId,Date,Chat_AICodeLines,…,Inline_AcceptanceCount,Inline_SuggestionsCount ⏎ "b8f1f340-…",06-23-2025,12,…,21,70"#
        case .repositoryDirectory:
            return "repository,team,from,to ⏎ acme/checkout,Checkout,2025-01-01,"
        case .survey:
            return "Timestamp,Team,I can get my work done without unnecessary friction,… ⏎ 2026-07-01 09:12:00,Payments,4,…"
        case .consent:
            return "person_id,programme,status,effective ⏎ b8f1f340-…,self-view,opted_in,2026-07-01"
        case .policyChanges:
            return "date,change,metrics ⏎ 2026-08-01,Inline suggestions enabled for Rust,ai.acceptance_rate"
        case .disputes:
            return "dispute_id,filed,resolved,outcome,metric ⏎ D-3,2026-07-10,2026-07-24,upheld,ai.acceptance_rate"
        case .decisions:
            return "date,decision,metric,action ⏎ 2026-09-30,Stop reporting accepted lines per day,ai.accepted_lines_per_active_day,retire"
        case .approvals:
            return "reference,approver,scope,granted,expires ⏎ SEC-42,security-lead,security-review,2026-10-01,2026-12-31"
        case .kiroUserReport:
            return "Date,UserId,Client_Type,Chat_Conversations,Credits_Used,…,Total_Messages ⏎ 2026-03-02,b8f1f340-…,KIRO_IDE,4,37.5,…,61"
        case .assistantUsage:
            return "day,person,tool,suggestions_shown,suggestions_accepted,lines_accepted ⏎ 2026-07-01,alice@example.com,Cursor,40,12,30"
        case .directory:
            return "person_id,team,from,to ⏎ b8f1f340-…,Payments,2026-04-01,"
        case .directoryChanges:
            return "person_id,effective,team ⏎ b8f1f340-…,2026-07-06,Search"
        case .copilotUsers:
            return #"{"user_login":"alice","day":"2026-05-07","organization_id":"999","code_acceptance_activity_count":12,"totals_by_feature":[{"feature":"code_completion",…}]}"#
        case .copilotUserTeams:
            return #"{"user_id":1001,"user_login":"alice","day":"2026-05-07","organization_id":"999","team_id":42,"slug":"frontend"}"#
        case .codeGuruRecommendations:
            return #"{"CodeReviewArn":"arn:aws:codeguru-reviewer:…:code-review:…","RecommendationSummaries":[{"FilePath":"src/app/cache.py","RecommendationId":"3be1…","StartLine":63,"EndLine":64,"RuleMetadata":{"RuleId":"python-atomicity-violation"},"Severity":"Medium"}]}"#
        case .codeGuruCodeReviews:
            return #"{"CodeReview":{"CodeReviewArn":"arn:aws:codeguru-reviewer:…","RepositoryName":"checkout","State":"Completed","CreatedTimeStamp":1618874226.226,"Metrics":{"MeteredLinesOfCodeCount":1200,"SuppressedLinesOfCodeCount":0,"FindingsCount":3}}}"#
        case .codeGuruFeedback:
            return #"{"CodeReviewArn":"arn:aws:codeguru-reviewer:…","RecommendationFeedbackSummaries":[{"RecommendationId":"3be1…","Reactions":["ThumbsDown"],"UserId":"…"}]}"#
        case .events:
            return #"{"type":"suggestion.accepted","time":"2026-07-01T09:00:00Z","actor":"b8f1f340-…","attributes":{"suggestion_id":"s-1","tool":"q-developer","lines":4}}"#
        case .devlakeDeployments:
            return #"{"id":"d-101","startedDate":"2026-07-01T09:00:00Z","finishedDate":"2026-07-01T09:12:00Z","result":"SUCCESS","environment":"PRODUCTION","deploymentCommits":[{"repoUrl":"https://github.com/acme/checkout","commitSha":"abc",…}]}"#
        case .devlakeIncidents:
            return #"{"issueKey":"INC-7","title":"…","originalStatus":"Resolved","createdDate":"2026-07-01T10:00:00Z","resolutionDate":"2026-07-01T12:30:00Z","status":"DONE","severity":"SEV2","deploymentId":"d-101"}"#
        case .deploymentsCSV:
            return "deployment_id,repository,environment,started_at,finished_at,result ⏎ d-101,acme/checkout,production,2026-07-01T09:00:00Z,2026-07-01T09:12:00Z,success"
        case .incidentsCSV:
            return "incident_id,repository,created_at,resolved_at,severity,caused_by_deployment ⏎ INC-7,acme/checkout,2026-07-01T10:00:00Z,2026-07-01T12:30:00Z,SEV2,d-101"
        case .githubPullRequests:
            return #"[{"number":42,"state":"closed","draft":false,"user":{"login":"alice","type":"User"},"created_at":"2026-07-01T09:00:00Z","merged_at":"2026-07-02T15:00:00Z","base":{"repo":{"full_name":"acme/checkout"}},…}]"#
        case .githubReviews:
            return #"[{"id":80,"user":{"login":"bob"},"state":"APPROVED","submitted_at":"2026-07-01T11:00:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/42"}]"#
        case .githubReviewComments:
            return #"[{"id":10,"pull_request_review_id":80,"user":{"login":"bob"},"created_at":"2026-07-01T10:55:00Z","pull_request_url":"https://api.github.com/repos/acme/checkout/pulls/42"}]"#
        case .sarif:
            return #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"CodeQL"}},"versionControlProvenance":[{"repositoryUri":"https://github.com/acme/checkout"}],"results":[{"ruleId":"py/sql-injection","level":"error",…}]}]}"#
        case .codeGuruSecurityFindings:
            return #"{"findings":[{"id":"f-1","status":"Open","severity":"High","createdAt":1750636800,"resource":{"id":"checkout"},"vulnerability":{"filePath":{"path":"src/a.py","startLine":3,"endLine":4}}}]}"#
        case .codeGuruSecurityMetrics:
            return #"{"findingsMetrics":[{"date":1750636800,"newFindings":{"high":2,…},"closedFindings":{…},"openFindings":{…},"meanTimeToClose":{"high":4.5,…}}]}"#
        case .copilotSeats:
            return #"{"total_seats":2,"seats":[{"created_at":"2026-01-03T09:00:00Z","updated_at":"2026-01-03T09:00:00Z","pending_cancellation_date":null,"last_activity_at":"2026-05-01T12:00:00Z","plan_type":"business","assignee":{"login":"alice","type":"User"},"assigning_team":{"slug":"frontend"}},…]}"#
        case .copilotLegacyMetrics:
            return #"[{"date":"2024-11-04","total_active_users":4,"copilot_ide_code_completions":{"editors":[{"models":[{"languages":[{"name":"java","total_code_suggestions":40,"total_code_acceptances":12,…}]}]}]},…}]"#
        }
    }
}

extension InputFormat {
    /// For an export candor recognises whose records no published figure reads, what it is (and what
    /// the figures read instead): stored only under the policy's `purpose:` for its source (issue 20, item 7).
    public var readByNoFigure: String? {
        switch self {
        case .copilotLegacyMetrics: "Copilot's organisation- or team-level metrics (every Copilot figure reads the per-user reports)"
        case .codeGuruSecurityMetrics: "CodeGuru Security's account metrics (the security figures read its findings)"
        case .copilotUserTeams: "Copilot's per-user team memberships (teams come from the directory)"
        default: nil
        }
    }
}
