import CandorVocabulary
import CandorPolicy

/// The metrics candor knows: every number it prints comes from one of these entries.
///
/// Teams are always listed alphabetically and there is no composite score: each leading metric is
/// read beside its paired outcome (``MetricDefinition/pairedWith``).
public enum MetricRegistry {
    /// Registry version, printed in reports so a change of definition is visible; a change is
    /// annotated on every metric it touches like a policy change.
    public static let version = "2026.8"

    /// candor's own changes to metric definitions, annotated on the metrics they touch like policy changes.
    public static let changes: [ProgrammeChange] = [
        ProgrammeChange(day: Day(year: 2026, month: 11, day: 25)!,
                        description: "Metric registry 2026.2: the scorecard's acceptance rate gets a cluster-bootstrap interval over people",
                        metrics: ["ai.acceptance_rate"]),
        ProgrammeChange(day: Day(year: 2026, month: 11, day: 30)!,
                        description: "Metric registry 2026.3: adoption counts every assistant (Q Developer, Copilot, Kiro), each also on its own; Copilot licence coverage added; people outside the directory leave every figure",
                        metrics: ["ai.acceptance_rate", "ai.active_share", "ai.accepted_lines_per_active_day", "ai.licence_coverage"]),
        ProgrammeChange(day: Day(year: 2026, month: 12, day: 1)!,
                        description: "Metric registry 2026.4: assistants without a supported export count through the usage CSV (activity always; suggestions and lines where the file gives them); lines per active day counts only days whose rows count lines",
                        metrics: ["ai.acceptance_rate", "ai.active_share", "ai.accepted_lines_per_active_day"]),
        ProgrammeChange(day: Day(year: 2026, month: 12, day: 1)!,
                        description: "Metric registry 2026.5, after an independent recomputation: one interval for the acceptance rate (people as clusters); a repository's first scan leaves the new-findings denominator; a deployment an incident names has failed; Kaplan–Meier medians by R survival's convention; a person who moved teams counts once in the organisation",
                        metrics: ["ai.acceptance_rate", "ai.active_share", "quality.new_findings_rate", "outcome.change_failure_rate",
                                  "flow.review_pickup", "quality.time_to_fix", "outcome.restore_time"]),
        ProgrammeChange(day: Day(year: 2026, month: 12, day: 1)!,
                        description: "Metric registry 2026.6: satisfaction reported per survey item beside the pooled value, and hidden where everyone answered alike; every test of a period judged together at one false discovery rate (Benjamini–Hochberg)",
                        metrics: ["experience.satisfaction"]),
        ProgrammeChange(day: Day(year: 2026, month: 12, day: 2)!,
                        description: "Metric registry 2026.7: open High and Critical findings and time to fix read the security-outcome tier (counts and durations, no categories), so the governance board and teams see them; time to fix now includes CodeGuru Security findings, as its definition said",
                        metrics: ["quality.open_high_severity", "quality.time_to_fix"]),
        ProgrammeChange(day: Day(year: 2026, month: 12, day: 2)!,
                        description: "Metric registry 2026.8: the weekly series of accepted AI lines per active day reads the metric's own statistic (inline lines over the days whose rows count them); it had added Q Developer's chat, /dev and code-fix lines over every active day. A Q Developer day whose suggestion counts the policy withholds leaves the acceptance rate instead of counting as 0 of 0, and a Copilot day whose per-feature breakdown it withholds leaves lines per active day; a pull request whose comment count is unknown (no review_comments field and no review-comments export of its repository) leaves approvals without discussion instead of counting as silent",
                        metrics: ["ai.accepted_lines_per_active_day", "ai.acceptance_rate", "flow.review_depth"]),
    ]

    /// The metrics that read security findings through the security-outcome tier (docs/tiers.md).
    public static let securityOutcomeMetrics: Set<MetricID> = [openHighSeverity.id, timeToFix.id]

    static let individuals = ["evaluating, ranking or comparing individuals", "compensation, promotion or termination decisions",
                              "performance-improvement plans"]
    static let teams = individuals + ["ranking teams against each other"]

    /// `ai.acceptance_rate`: share of inline suggestions shown that were accepted.
    public static let acceptanceRate = MetricDefinition(
        id: "ai.acceptance_rate",
        name: "Inline suggestion acceptance rate",
        dimension: .adoption,
        kind: .leading,
        decision: "Whether inline suggestions fit the team's code well enough to keep, tune or retrain on.",
        definition: "Of the inline code suggestions an AI assistant showed to the team's members — Amazon Q Developer inline suggestions and GitHub Copilot code completions together, with any other assistant whose usage CSV gives suggestions shown and accepted — the share they accepted; and the same for each assistant.",
        formula: "Σ accepted ÷ Σ shown over every person-day of the team in the period (a ratio of sums, never a mean of daily rates): Q Developer's Inline_AcceptanceCount ÷ Inline_SuggestionsCount, Copilot's code_completion code_acceptance_activity_count ÷ code_generation_activity_count, a usage CSV's suggestions_accepted ÷ suggestions_shown.",
        methodology: "Each person-day row counts for the team the directory places that person in on that day; a Copilot login counts through the directory's github_login. A person who uses both assistants is one person in the whole and in each assistant's part. People the directory does not place in a team are in no figure (coverage counts them). The 95% interval treats people as clusters — a person's suggestions are not independent — with the ratio estimator's Taylor-linearised variance (Cochran 1977, §6.3–6.4), the same in the scorecard and the acceptance table; once person rows are purged, person-weeks from the weekly team tier are the clusters. Weekly series and their shifts read Q Developer's daily rows: where a team also used another assistant they are its Q Developer part, shown only where that part is.",
        caveats: [
            "The assistants count differently: Q Developer counts inline suggestions shown; Copilot counts code-completion generation events (each suggested block); another assistant's usage CSV counts what its policy mapping declares equivalent (for example Cursor's Tab completions). Read each assistant's part beside the whole.",
            "With few people the linearised interval is itself uncertain: read a team of five or six as indicative.",
            "A leading indicator: a higher rate is not better code. Read it beside quality and outcome measures, never alone.",
            "Amazon does not document whether the export counts suggestions discarded while typing; the dashboard excludes them.",
        ],
        neverUsedFor: individuals,
        programme: "ai-adoption", unit: .proportion, pairedWith: "ai.persistence", sources: [.qDeveloper, .copilot, .assistantUsage],
        interval: "ratio-estimator interval with people as clusters (Cochran 1977, §6.3–6.4), clipped to [0, 1]", n: "people with at least one suggestion shown (the clusters)", version: 2)

    public static let activeShare = MetricDefinition(
        id: "ai.active_share", name: "Share of people using an AI assistant", dimension: .adoption, kind: .leading,
        decision: "Whether access, onboarding or training stand between the team and the assistant.",
        definition: "Of the people the directory places in the team during the period, the share with any AI-assistant activity; and the same for each assistant.",
        formula: "people with ≥ 1 active day of Amazon Q Developer, GitHub Copilot (completion, chat, agent or CLI), Kiro or another assistant's usage CSV ÷ people in the team during the period.",
        methodology: "A person counts for the team they belonged to on their active days; the denominator is everyone with a membership overlapping the period. People the programme may not count at the period's end (objected, or withdrew) are left out of both counts, so an objection never reads as inactivity.",
        caveats: ["Activity is not benefit: a person can be active and gain nothing, or gain much from rare use.",
                  "People without a licence count as not active; read the number beside licence coverage.",
                  "An assistant without a supported export (Cursor, Claude Code, Gemini …) counts only where its use is given as a usage CSV (docs/formats.md): otherwise a team on it looks inactive here; coverage lists the sources read."],
        neverUsedFor: individuals + ["requiring people to use an assistant"], programme: "ai-adoption", unit: .proportion,
        pairedWith: "outcome.change_failure_rate", sources: [.qDeveloper, .copilot, .kiro, .assistantUsage],
        interval: "Wilson score interval (people are the trials)", n: "people in the team during the period whom the programme may count (the Wilson trials; an assistant's part too); disclosure counts the active people of a part", version: 2)

    public static let licenceCoverage = MetricDefinition(
        id: "ai.licence_coverage", name: "Share of people holding a Copilot licence", dimension: .adoption, kind: .leading,
        decision: "Whether people who could use the assistant have a licence, before reading how many use it.",
        definition: "Of the people the directory places in the team at the period's end, the share holding a GitHub Copilot seat that day.",
        formula: "people holding a seat on the period's last day (assigned by then, not yet ended, listed by an export of that day or later) ÷ people in the team that day.",
        methodology: "Seats come from the seat-assignment export (/orgs/{org}/copilot/billing/seats); a seat counts for its holder's team through the directory's github_login. Only Copilot exports its seats: Q Developer and Kiro subscriptions are not counted here. People the programme may not count are left out of both counts, as in active share.",
        caveats: ["A seat is not use: read it beside the share of people using an assistant.",
                  "A team on Q Developer or Kiro shows a low Copilot coverage by design: read the scorecard's note and the team's active share."],
        neverUsedFor: individuals + ["requiring people to use an assistant"], programme: "ai-adoption", unit: .proportion,
        pairedWith: "outcome.change_failure_rate", sources: [.copilot],
        interval: "Wilson score interval (people are the trials)", n: "people in the team on the period's last day whom the programme may count (the trials)")

    public static let acceptedLines = MetricDefinition(
        id: "ai.accepted_lines_per_active_day", name: "Accepted AI lines per active day", dimension: .adoption, kind: .leading,
        decision: "How much of the team's code arrives through the assistant, to weigh against its review and quality costs.",
        definition: "Lines added from the inline suggestions and code completions the team accepted, per person-day with activity of an assistant that counts them; and the same for each assistant.",
        formula: "Σ accepted inline AI lines ÷ Σ active person-days whose rows count lines: Q Developer's Inline_AICodeLines; Copilot's code_completion loc_added_sum; a usage CSV's lines_accepted.",
        methodology: "A ratio of sums over person-days (a day with both assistants counts once in the whole); the interval is a seeded cluster bootstrap over people (2,000 resamples). Only what the assistants count alike is combined: lines from chat, agents and code fixes are counted differently by each tool (Copilot's loc_added_sum for agent and edit modes counts every line an agent wrote; Q Developer counts accepted agent lines apart), so they are left out. Kiro counts no lines, so its days are not in the denominator; nor are days whose Q Developer rows come from a file without the Inline_AICodeLines column, or usage-CSV rows without lines_accepted.",
        caveats: ["More lines is not better: it is a volume, not a value.", "Line counts depend on formatting and language.",
                  "Inline lines only: a team that works mostly through chat or agents shows little here; read it beside active share."],
        neverUsedFor: individuals + ["productivity targets"], programme: "ai-adoption", unit: .linesPerDay,
        pairedWith: "quality.new_findings_rate", sources: [.qDeveloper, .copilot, .assistantUsage],
        interval: "seeded cluster bootstrap over people, percentile 95%", n: "people with at least one active day whose rows count lines")

    public static let persistence = MetricDefinition(
        id: "ai.persistence", name: "Persistence of accepted AI code", dimension: .adoption, kind: .outcome,
        decision: "Whether accepted suggestions survive, or are accepted and then undone.",
        definition: "Of the AI suggestions the team accepted, the share not later reverted or heavily modified, where IDE events record it.",
        formula: "1 − (suggestions with a suggestion.reverted or suggestion.modified event) ÷ (suggestions with a suggestion.accepted event).",
        methodology: "Only teams whose IDE events include acceptance and follow-up events have a value; others show “no data from this source”.",
        caveats: ["Heavy modification can be good practice (adapting a suggestion), not a failure.",
                  "Events cover only the IDEs that emit them."],
        neverUsedFor: individuals, programme: "ai-adoption", unit: .proportion, pairedWith: "ai.acceptance_rate", sources: [.events],
        interval: "seeded cluster bootstrap over people, percentile 95%", n: "people with at least one accepted suggestion in the IDE events (the clusters)")

    public static let newFindingsRate = MetricDefinition(
        id: "quality.new_findings_rate", name: "New findings per 1,000 reviewed lines", dimension: .quality, kind: .outcome,
        decision: "Whether the code the team ships is getting cleaner, to decide where review and tooling effort goes.",
        definition: "Findings that first appear in the period, per 1,000 lines CodeGuru Reviewer metered (or, without metered lines, per 100 code reviews — the report says which).",
        formula: "new findings (first seen in a scan or review in the period) ÷ Σ metered lines of the period's scans × 1,000, where a repository's first scan ever (per analyser) is its baseline: its findings are never new and its lines and scan are in neither count.",
        methodology: "A finding is new in the period its identity (rule + location, or SARIF fingerprint) is first reported in the repository: one fixed and reported again is reopened, not new; the lifecycle rules are in docs/formats.md. Attributed to the team owning the repository at the period's end.",
        caveats: ["Suppressing findings lowers this number without improving code: read it beside quality.suppression_share.",
                  "A new rule set raises it overnight: see the policy changes in the period."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .perThousandLines, pairedWith: "ai.accepted_lines_per_active_day",
        sources: [.codeGuruReviewer, .sarif], interval: "seeded cluster bootstrap over repositories, percentile 95%, with 5 or more repositories; otherwise the exact Poisson interval on the count of new findings (Garwood 1936), which treats findings as independent", n: "repositories with a scan or review in the period after their first (the clusters)", version: 2)

    public static let openHighSeverity = MetricDefinition(
        id: "quality.open_high_severity", name: "Open High and Critical findings", dimension: .quality, kind: .outcome,
        decision: "Where security attention is needed now.",
        definition: "High and Critical findings still open at the end of the period.",
        formula: "count of findings with severity High or Critical whose last state at period end is open.",
        methodology: "From the security-outcome tier (docs/tiers.md): CodeGuru Security findings of severity High or Critical, and SARIF `error`-level results, open at the period's end (first seen by then, not yet fixed, suppressed or dismissed by the lifecycle rules of docs/formats.md), in repositories the team owns at the period's end. The tier keeps counts and dates only, never categories, rules, files or lines, so every audience that reads the operational dataset sees this count; categories stay in the security review.",
        caveats: ["A count, not a rate: larger code bases have more.", "Severity is the analyser's, not a judgement of impact."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .count, pairedWith: "quality.time_to_fix",
        sources: [.codeGuruSecurity, .sarif], interval: "none (a count at a point in time)", n: "the team's people (findings name no one; the count is not a share of them)", version: 2)

    public static let timeToFix = MetricDefinition(
        id: "quality.time_to_fix", name: "Median days to fix a finding", dimension: .quality, kind: .leading,
        decision: "Whether findings are fixed quickly enough, or pile up.",
        definition: "The median number of days from a finding's first appearance to its fix, counting findings still open as censored.",
        formula: "Kaplan–Meier median of days from first seen to fixed; open findings censored at the period end.",
        methodology: "Kaplan–Meier (1958) with Greenwood's variance; the 95% interval is Brookmeyer–Crowley (1982). Suppressed or dismissed findings are not fixes: they are censored at suppression. CodeGuru Reviewer recommendations from their code reviews; CodeGuru Security findings and SARIF results from the security-outcome tier (counts and dates only), so every audience that reads the operational dataset gets the same figure.",
        caveats: ["Fewer than half fixed: no median is shown, only that most are still open.", "Scan frequency bounds the resolution."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .days, pairedWith: "quality.open_high_severity",
        sources: [.codeGuruSecurity, .codeGuruReviewer, .sarif], interval: "Brookmeyer–Crowley interval for the Kaplan–Meier median", n: "repositories with a finding first seen by the period's end", version: 3)

    public static let suppressionShare = MetricDefinition(
        id: "quality.suppression_share", name: "Findings closed by suppression", dimension: .quality, kind: .leading,
        decision: "Whether findings are being fixed or switched off.",
        definition: "Of the findings that stopped being open in the period, the share that were suppressed or dismissed rather than fixed.",
        formula: "(suppressed + dismissed) ÷ (fixed + suppressed + dismissed) in the period.",
        methodology: "SARIF accepted suppressions, CodeGuru suppressed lines and ThumbsDown feedback count as suppression; lifecycle rules in docs/formats.md.",
        caveats: ["Some suppressions are right (false positives); read the number with the team."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .proportion, pairedWith: "quality.new_findings_rate",
        sources: [.sarif, .codeGuruReviewer], interval: "Wilson score interval (findings are the trials)", n: "repositories with a finding closed in the period")

    public static let reviewPickup = MetricDefinition(
        id: "flow.review_pickup", name: "Median hours to first review", dimension: .flow, kind: .leading,
        decision: "Whether pull requests wait too long for a first look.",
        definition: "The median time from a pull request's opening to its first review by someone other than its author (bots excluded).",
        formula: "median over the period's non-draft pull requests of (first non-author review − opened), in hours.",
        methodology: "Pull requests never reviewed are censored at their close or the period end (Kaplan–Meier median); the interval is Brookmeyer–Crowley.",
        caveats: ["Faster is not better if reviews become shallow: read it beside flow.review_depth."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .hours, pairedWith: "flow.review_depth", sources: [.github],
        interval: "Brookmeyer–Crowley interval for the Kaplan–Meier median", n: "authors of the non-draft pull requests opened in the period (bots excluded)", version: 2)

    public static let cycleTime = MetricDefinition(
        id: "flow.cycle_time", name: "Median hours from open to merge", dimension: .flow, kind: .leading,
        decision: "Whether work flows, or waits, between opening and merging.",
        definition: "The median time from opening to merging of the period's merged pull requests.",
        formula: "median of (merged − opened) in hours; the interval is a seeded bootstrap of the median (2,000 resamples).",
        methodology: "Pull requests count for the team owning the repository on their opening day.",
        caveats: ["Splitting work into tiny pull requests lowers it without speeding delivery."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .hours, pairedWith: "outcome.change_failure_rate", sources: [.github],
        interval: "seeded bootstrap of the median, percentile 95%", n: "authors of the pull requests opened in the period and merged (bots excluded)")

    public static let reviewDepth = MetricDefinition(
        id: "flow.review_depth", name: "Approvals without discussion", dimension: .flow, kind: .outcome,
        decision: "Whether reviews still look at the code.",
        definition: "Of the approvals of the pull requests opened in the period (whenever given), the share on pull requests with no review comments; the signals also read the share given within 5 minutes of opening.",
        formula: "approvals on pull requests with 0 review comments ÷ approvals, over the period's pull requests with a known comment count (their own review_comments field, or a review-comments export of their repository).",
        methodology: "Bots are excluded as authors and reviewers; comments are counted, never read. A review of someone who objected to the engineering-metrics programme by its day is left out.",
        caveats: ["Small, obvious changes rightly need no comments."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .proportion, pairedWith: "flow.review_pickup", sources: [.github],
        interval: "Wilson score interval (approvals are the trials)", n: "authors of the pull requests opened in the period with a known comment count (bots excluded); events are their approvals", version: 2)

    public static let changeFailureRate = MetricDefinition(
        id: "outcome.change_failure_rate", name: "Change failure rate", dimension: .outcome, kind: .outcome,
        decision: "Whether changes reach production safely.",
        definition: "Of the period's production deployments, the share that failed: its result was a failure, or it caused an incident.",
        formula: "deployments that failed or that an incident names as its cause ÷ production deployments finished in the period (each deployment once, however many incidents name it).",
        methodology: "DORA's definition, with Apache DevLake's rule for a failed change: a deployment failed when the deployment tool reports a failure or an incident record names it as the cause (caused_by_deployment, deploymentId), whenever the incident was opened. Deployments count for the team owning the repository on the day they finished.",
        caveats: ["Incident tooling that does not record the causing deployment makes this too low; a failure the tool does not report and no incident names is not seen."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .proportion, pairedWith: "flow.cycle_time", sources: [.delivery],
        interval: "Wilson score interval (deployments are the trials)", n: "production deployments (the trials)", version: 2)

    public static let defectEscape = MetricDefinition(
        id: "outcome.defect_escape", name: "Incidents per 100 deployments", dimension: .outcome, kind: .outcome,
        decision: "Whether defects escape to production.",
        definition: "Incidents the export links to a deployment in the period, per 100 deployments.",
        formula: "incidents with a causing deployment ÷ deployments × 100.",
        methodology: "Only explicit links count; candor does not guess causes from timing.",
        caveats: ["Incident tooling that does not record the causing deployment makes this too low."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .perHundredDeployments, pairedWith: "quality.new_findings_rate",
        sources: [.delivery], interval: "Wilson score interval on the proportion, × 100", n: "production deployments (the trials)")

    public static let restoreTime = MetricDefinition(
        id: "outcome.restore_time", name: "Median hours to restore", dimension: .outcome, kind: .outcome,
        decision: "Whether the team recovers quickly when something breaks.",
        definition: "The median time from an incident's start to its resolution.",
        formula: "Kaplan–Meier median of hours from created to resolved; unresolved incidents censored at the period end.",
        methodology: "Incidents count for the team owning the affected repository.",
        caveats: ["Few incidents make a wide interval; that is good news, not a measurement failure."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .hours, pairedWith: "outcome.change_failure_rate", sources: [.delivery],
        interval: "Brookmeyer–Crowley interval for the Kaplan–Meier median", n: "incidents opened in the period", version: 2)

    public static let satisfaction = MetricDefinition(
        id: "experience.satisfaction", name: "Developer satisfaction (favourable)", dimension: .experience, kind: .outcome,
        decision: "Whether the tools and practices help the people who use them.",
        definition: "Of the team's survey answers to the mapped items, the share in the favourable boxes, shown with the response rate; for the organisation, the same for each mapped item on its own.",
        formula: "answers ≥ favourable_from ÷ answers (top-2-box on a 5-point scale), over every mapped item (pooled) and per item (respondents who answered it favourably ÷ respondents who answered it); response rate = responses ÷ the people in the team the programme may count (the active share's n: a second headcount of the team would give the number who objected away by difference; an objector's anonymous answers cannot be told apart, so the rate is capped at 100%).",
        methodology: "The survey mapping in the policy names the items and the scale; answers are anonymous and attributed by the team column. The items can ask about unlike things (friction, trust in AI), so the organisation's value is reported per item beneath the pooled one, as a part of it (item <id>); a team's is pooled only, since a team's items, a few respondents each, could be worked out from its pooled value, the organisation's items and what hides them. A share at exactly 0% or 100% — pooled or per item, for a team or the organisation — would give every respondent's answer: a pooled value there hides that team's (or the organisation's) satisfaction whole, with complements chosen for it as for a cell below k; an organisation's item there hides all its items and leaves the pooled value; such a cell is marked as a complement is, since a mark of its own would tell each member of the team that everyone else answered as they did.",
        caveats: ["A falling response rate can raise satisfaction on its own (only the satisfied answer).",
                  "The pooled value weighs each item by its answers: read the organisation's items beside it.",
                  "Small teams are suppressed like every other cell."],
        neverUsedFor: teams, programme: "engineering-metrics", unit: .proportion, pairedWith: "ai.active_share", sources: [.survey],
        interval: "pooled: ratio-estimator interval with respondents as clusters (Cochran 1977, §6.3–6.4), clipped to [0, 1], since one person's answers are not independent; per item: Wilson score interval with respondents as the trials (one answer each)",
        n: "respondents (the clusters of their answers; per item, those who answered it)", version: 3)

    public static let optInRate = MetricDefinition(
        id: "trust.opt_in_rate", name: "Opt-in rate of optional programmes", dimension: .trust, kind: .outcome,
        decision: "Whether people trust the programme enough to take part.",
        definition: "Of the people in scope, the share opted in to the optional programmes at the period end.",
        formula: "people whose latest consent is opted_in ÷ people in the directory at the period end.",
        methodology: "From the consent registry; counts only, never who.",
        caveats: ["Low opt-in is information about trust, not about the people."],
        neverUsedFor: individuals, programme: "engineering-metrics", unit: .proportion, pairedWith: "trust.dispute_rate", sources: [],
        interval: "Wilson score interval (people are the trials)", n: "people in the directory at the period's end")

    public static let disputeRate = MetricDefinition(
        id: "trust.dispute_rate", name: "Disputes and their resolution", dimension: .trust, kind: .outcome,
        decision: "Whether the numbers are accepted as fair, and disputes handled in time.",
        definition: "Disputes filed in the period per 100 people in scope, and the median days to resolve them.",
        formula: "disputes filed in the period ÷ people × 100 (0 when none was filed); Kaplan–Meier median of days from filed to resolved, open ones censored at the period's end.",
        methodology: "From the disputes log; counts only.",
        caveats: ["A dispute is a sign the process works, not a failure."],
        neverUsedFor: individuals, programme: "engineering-metrics", unit: .perHundredPeople, pairedWith: "trust.opt_in_rate", sources: [],
        interval: "Wilson score interval on disputes ÷ people (people are the trials), × 100; the median days to resolve, in the note, has none", n: "people in the directory at the period's end", version: 2)

    public static let selfViewUptake = MetricDefinition(
        id: "trust.self_view_uptake", name: "Self-view uptake", dimension: .trust, kind: .outcome,
        decision: "Whether people use the chance to see their own data.",
        definition: "Of the people in scope, the share opted in to the self-view at the period end.",
        formula: "people whose latest self-view consent is opted_in ÷ people in the directory at the period end.",
        methodology: "From the consent registry; counts only.",
        caveats: ["Uptake says nothing about anyone's data."],
        neverUsedFor: individuals, programme: "engineering-metrics", unit: .proportion, pairedWith: "trust.dispute_rate", sources: [],
        interval: "Wilson score interval (people are the trials)", n: "people in the directory at the period's end")

    /// Every metric, in the order reports show them (by dimension, then id).
    public static let all: [MetricDefinition] = [
        activeShare, licenceCoverage, acceptanceRate, acceptedLines, persistence,
        newFindingsRate, openHighSeverity, timeToFix, suppressionShare,
        reviewPickup, cycleTime, reviewDepth,
        changeFailureRate, defectEscape, restoreTime,
        satisfaction,
        optInRate, disputeRate, selfViewUptake,
    ]

    /// The entry with `id`, if any.
    public static func metric(_ id: MetricID) -> MetricDefinition? { all.first { $0.id == id } }
}
