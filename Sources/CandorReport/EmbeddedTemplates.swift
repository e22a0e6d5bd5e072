// Generated from templates/ by scripts/embed-templates. Do not edit: edit templates/ and re-run it.
// EmbeddedTemplatesTests fails while this file and templates/ differ.

/// The default report templates, compiled in so `candor` runs from any directory.
enum EmbeddedTemplates {
    static let files: [String: String] = [
        "acceptance-row": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
{{#shown}}
<tr class="{{rowClass}}"><th scope="row">{{team}}</th><td class="num">{{people}}</td><td class="num">{{suggestions}}</td><td class="num">{{accepted}}</td><td class="num">{{rate}}{{#hasDispute}}<span class="dispute">{{dispute}}</span>{{/hasDispute}}</td><td>{{interval}}<span class="bar" aria-hidden="true"><span class="band" style="margin-left:{{bandStart}}%;width:{{bandWidth}}%"></span></span></td></tr>
{{/shown}}
{{^shown}}
<tr class="suppressed {{rowClass}}"><th scope="row">{{team}}</th><td colspan="5">{{suppression}}</td></tr>
{{/shown}}

"""##,
        "acceptance-table": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric">
<caption>{{acceptance.name}} by team, {{period}}</caption>
<thead>
<tr><th scope="col">Team</th><th scope="col" class="num">People</th><th scope="col" class="num">Suggestions shown</th><th scope="col" class="num">Accepted</th><th scope="col" class="num">Acceptance rate</th><th scope="col">95% interval</th></tr>
</thead>
<tbody>
{{#acceptance.rows}}
{{> acceptance-row}}
{{/acceptance.rows}}
</tbody>
<tfoot>
{{#acceptance.organisation}}
{{> acceptance-row}}
{{/acceptance.organisation}}
</tfoot>
</table>

"""##,
        "email.html": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5">
<div style="max-width:640px;margin:0 auto;padding:16px">
{{{body}}}
</div>
</body>
</html>

"""##,
        "governance.md": #####"""
{{%CONTENT_TYPE: MARKDOWN}}
# Governance review {{period}}

<section class="board-summary" aria-label="One-page summary">

**What this is.** A quarterly review, for the programme's governance board, of how the organisation's teams use AI coding assistants and other developer tools, and of how their engineering outcomes moved. It describes teams of at least {{k}} people, never individuals, and it is never used to evaluate, rank or pay anyone.

**Purpose of this programme.** {{purpose}}

Period {{periodStart}} to {{periodEnd}} · generated {{generatedAt}} · minimum group size {{k}} people

## This quarter in brief

{{#overview.summary}}
- {{.}}
{{/overview.summary}}

### The scorecard at a glance

Headline metrics, a leading metric beside the outcome it should move, each with its 95% interval (and, on screen, its confidence label); teams alphabetically, not a ranking. An empty cell says why: *none sent* — no record from the source; *none joined* — none of its records are this team's; *not readable here* — not this audience's data; *fewer than half fixed* — no median yet; *hidden* — protects a small group.

{{> overview-table}}
{{#overview.teamsApart}}

{{overview.teamsApartNote}}
{{/overview.teamsApart}}

### What changed{{#hasPrevious}} since {{previousPeriod}}{{/hasPrevious}}

{{#scorecard.hasMoves}}
{{#scorecard.moves}}
- {{.}}
{{/scorecard.moves}}
{{/scorecard.hasMoves}}
{{^scorecard.hasMoves}}
No organisation figure moved significantly{{#hasPrevious}} since {{previousPeriod}}{{/hasPrevious}}{{^hasPrevious}}: there is no earlier quarter to compare with{{/hasPrevious}}.
{{/scorecard.hasMoves}}

### Signals worth discussing

{{#signals.hasItems}}
{{#signals.summaryItems}}
- {{team}}: {{title}}
{{/signals.summaryItems}}
{{#signals.hasMore}}
- {{signals.more}}
{{/signals.hasMore}}
{{/signals.hasItems}}
{{^signals.hasItems}}
None this quarter.
{{/signals.hasItems}}

### Decisions due

{{#decisions.hasDue}}
{{#decisions.due}}
- {{.}}
{{/decisions.due}}
{{/decisions.hasDue}}
{{#decisions.hasUnreflected}}
- {{decisions.unreflectedCount}} recorded decision(s) the policy does not carry out: see “Decisions and the metrics they use” below.
{{/decisions.hasUnreflected}}
{{^decisions.hasDue}}
{{^decisions.hasUnreflected}}
No decision is due for review by the end of next quarter, and the policy carries out every recorded decision.
{{/decisions.hasUnreflected}}
{{/decisions.hasDue}}

</section>
{{#overview.apart}}

### The scorecard at a glance, by team

{{> overview-table}}
{{/overview.apart}}

{{#hasErrata}}
## Errata: published figures whose definition has changed

These figures were published earlier under a metric definition that has since changed; each is shown as published and as the current definition gives it. The figures files beside this report carry every metric's definition version.

| period | metric | cell | published | now | definition | why |
| --- | --- | --- | --- | --- | --- | --- |
{{#errata}}
| {{period}} | {{metric}} | {{cell}} | {{published}} | {{now}} | {{versions}} | {{why}} |
{{/errata}}

{{/hasErrata}}
## Programme changes in this period

{{#hasChanges}}
{{#changes}}
- {{day}}: {{description}}{{#hasMetrics}} (affects {{metrics}}){{/hasMetrics}}
{{/changes}}
{{/hasChanges}}
{{^hasChanges}}
No changes to the programme or its policy were recorded in this period.
{{/hasChanges}}

Read every number below against these changes: a rate can move because the programme changed, not the work.

## Adoption: {{acceptance.name}}

**What it measures.** {{acceptance.definition}}

**The decision it supports.** {{acceptance.decision}}

**How it is computed.** {{acceptance.formula}} {{acceptance.methodology}}

{{> acceptance-table}}

{{#acceptance.notes}}
- {{.}}
{{/acceptance.notes}}

**Caveats.**

{{#acceptance.caveats}}
- {{.}}
{{/acceptance.caveats}}

**Never used for:** {{acceptance.neverUsedFor}}.

## Scorecard

Every metric below is read beside its pair — a leading metric beside the outcome it should move. Teams are listed alphabetically; there is no overall score and no ranking. Each value carries its 95% interval, n (people, or the repositories and deployments for metrics about code and delivery), the events behind it, and a confidence label (high, medium, low: from n and the interval's coefficient of variation; see `candor explain`). Each metric says how the organisation's value moved since the previous quarter: for a median, a permutation test of the difference in medians; otherwise a two-sided z-test of the difference, with standard errors from the two intervals (Altman & Bland 2003). {{signals.familyNote}} Even so, a move is a question, not a finding.

{{#scorecard.dimensions}}
### {{title}}

{{#metrics}}
#### {{name}}

Metric {{id}} · {{kind}} · read beside {{pairedName}} ({{pairedId}})

**What it measures.** {{definition}} **The decision it supports.** {{decision}}

**How it is computed.** {{formula}} Interval: {{intervalMethod}}. Confidence labels come from n and the interval's width. Data: {{completeness}}.

{{> scorecard-table}}

{{#chart}}
{{> weekly-chart}}
{{/chart}}

{{#hasSincePrevious}}
**What changed since the previous quarter.** {{sincePrevious}}

{{/hasSincePrevious}}
{{#hasShifts}}
Shifts in the weekly series (a prompt to discuss, not a verdict):
{{#shifts}}
- {{.}}
{{/shifts}}
{{/hasShifts}}

{{#hasChanges}}
Changes touching this metric in the period and the two weeks before:
{{#changes}}
- {{.}}
{{/changes}}
{{/hasChanges}}

**Caveats.** {{#caveats}}{{.}} {{/caveats}}

**Never used for:** {{neverUsedFor}}.

{{/metrics}}
{{/scorecard.dimensions}}
## Signals worth discussing

These are prompts for the teams and the board to talk about, never verdicts on people: each says what moved, how it was tested, what else could explain it, and a question to start with. {{signals.count}} {{#signals.hasItems}}signals this period.{{/signals.hasItems}}{{^signals.hasItems}}signals this period: no detector found a pattern worth raising.{{/signals.hasItems}}

{{#signals.items}}
### {{team}}: {{title}}

{{#evidence}}
- {{.}}
{{/evidence}}

Test: {{test}}.

Other explanations to rule out first:
{{#alternatives}}
- {{.}}
{{/alternatives}}

**A question to discuss:** {{question}}

{{/signals.items}}
{{#signals.hasFamily}}Every test in this section is judged together with the rest of the period's: significant means a discovery at a {{signals.familyCriterion}}.{{/signals.hasFamily}}

What each detector checked (thresholds from the policy's `signals:` section; see `docs/signals.md`):

{{#signals.checks}}
- {{.}}
{{/signals.checks}}
{{#signals.hasHiddenNote}}

{{signals.hiddenNote}}
{{/signals.hasHiddenNote}}

## Trust indicators

{{#overview.trust}}
- {{.}}
{{/overview.trust}}

{{#overview.hasDisputes}}
Disputes about this quarter's figures (placed on the cells they concern, in every report):

{{#overview.disputes}}
- {{.}}
{{/overview.disputes}}

{{/overview.hasDisputes}}
## Decisions and the metrics they use

{{#decisions.hasDecisions}}
{{#decisions.decisions}}
- {{.}}
{{/decisions.decisions}}
{{/decisions.hasDecisions}}
{{^decisions.hasDecisions}}
No decisions were recorded in this period.
{{/decisions.hasDecisions}}

{{#decisions.hasUnreflected}}
**Decisions the policy does not carry out:**

{{#decisions.unreflected}}
- {{.}}
{{/decisions.unreflected}}

{{/decisions.hasUnreflected}}
{{#decisions.hasRetired}}
Retired by the policy (not published in the quarters a retirement covers; each figure's place says so):

{{#decisions.retired}}
- {{.}}
{{/decisions.retired}}

{{/decisions.hasRetired}}
{{#decisions.hasRetire}}
No decision in this quarter or the one before used these metrics; consider retiring them, so the report measures only what someone acts on:

{{#decisions.retire}}
- {{.}}
{{/decisions.retire}}
{{/decisions.hasRetire}}

## Data behind this report

- Amazon Q Developer user activity reports: records on {{data.daysWithData}} of the {{data.daysInPeriod}} days in the period ({{data.completeness}}); {{data.rows}} person-day rows held, from {{data.files}} files{{#data.hasRange}}, {{data.range}}{{/data.hasRange}}.
{{#data.hasRetention}}
- {{data.retention}}
{{/data.hasRetention}}
{{#data.hasRowsWithoutTeam}}
- {{data.rowsWithoutTeam}} Amazon Q Developer person-day rows belong to people the directory places in no team on that day (contractors, bots, people the directory does not list): they are left out of every figure, the organisation's included, so they can neither be worked out nor force a team's figures to be hidden.
{{/data.hasRowsWithoutTeam}}
{{#data.hasRejectedRows}}
- Data quality: {{data.rejectedRows}} rows of these files had errors and were left out (ingested with --skip-bad-rows); their problems are listed in the rejects folder beside the database.
{{/data.hasRejectedRows}}
{{^data.hasDirectory}}
- No directory has been ingested, so no activity can be attributed to teams. Ingest a directory CSV (person\_id, team, from, to).
{{/data.hasDirectory}}
- People appear only as keyed pseudonyms; the key is kept outside the database.
{{#data.hasFieldDrops}}
- Data minimisation: the policy's field allow-lists left these fields out of every input so far; they were never stored:
{{#data.fieldDrops}}
  - {{.}}
{{/data.fieldDrops}}
{{/data.hasFieldDrops}}

## Coverage: what each source sent, and what joined a team

A figure reads only records placed in a team. What is left out, and why — every "no data" cell above is explained by one of these:

{{#overview.coverage}}
- {{.}}
{{/overview.coverage}}

## Data inventory and retention

{{#overview.inventory}}
- {{.}}
{{/overview.inventory}}
{{#overview.retention}}
- {{.}}
{{/overview.retention}}

## Disclosure control

{{#overview.disclosure}}
- {{.}}
{{/overview.disclosure}}

## Appendix: inputs and versions

{{overview.inputCount}} input files were read (paths below are relative to their common folder, {{overview.inputRoot}}); each format's digest is the SHA-256 of its files' hashes (manifest.json beside this report lists every file).
{{#overview.hasUnstored}}

{{overview.unstored}}
{{/overview.hasUnstored}}

{{> inputs-table}}



candor {{candorVersion}} · libcmark {{cmarkVersion}} · metric registry {{registryVersion}} · policy SHA-256 {{policySHA256}}

"""#####,
        "index-trend": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric trend">
<caption>{{name}}: each quarter's published value, 95% interval and confidence</caption>
<thead>
<tr><th scope="col">Team</th>{{#columns}}<th scope="col">{{period}}{{#marked}} †{{/marked}}</th>{{/columns}}</tr>
</thead>
<tbody>
{{#rows}}
<tr{{#isOrganisation}} class="team"{{/isOrganisation}}><th scope="row">{{label}}</th>{{#cells}}{{#shown}}<td>{{value}}<span class="ci-text">{{interval}}</span><span class="badge badge-{{label}}">{{label}}</span>{{#hasChange}}<span class="ci-text{{#significant}} significant{{/significant}}">{{change}}</span>{{/hasChange}}</td>{{/shown}}{{^shown}}<td class="note">{{note}}</td>{{/shown}}{{/cells}}</tr>
{{/rows}}
</tbody>
</table>

"""##,
        "index.md": ####"""
{{%CONTENT_TYPE: MARKDOWN}}
# {{title}}

Every quarter's reports in this folder, and how each metric moved across them. Generated {{generatedAt}}.

**Why we collect this.** {{purpose}}

## Quarters

{{#quarters}}
- **{{period}}**: [governance review]({{folder}}/governance.html) · [transparency report]({{folder}}/transparency.html){{#hasTeams}} · team summaries in `{{folder}}/team/`{{/hasTeams}} · [figures]({{folder}}/figures.csv) · [manifest]({{folder}}/manifest.json) — metric registry {{registry}}, minimum group size {{k}}.
{{/quarters}}
{{#hasUnread}}

Not in this index (their figures could not be read):

{{#unread}}
- {{text}}
{{/unread}}
{{/hasUnread}}

## Trends by metric

Each value is the one its quarter's governance review published, with its 95% interval and confidence label; a value that review hid stays hidden here, with its reason (a team hidden in every quarter too), and a quarter without a value says why. The index adds no figure: only changes between two published values. Teams are listed alphabetically; this is not a ranking. A quarter marked † had a programme change touching the metric (listed under its table).

{{familyNote}}
{{#hasMetrics}}
{{#metrics}}

### {{name}}

{{dimension}}, {{kind}} · metric {{id}}

{{> index-trend}}
{{#hasNotes}}

{{#notes}}
- {{text}}
{{/notes}}
{{/hasNotes}}
{{#hasChanges}}

Programme changes touching it:

{{#changes}}
- {{text}}
{{/changes}}
{{/hasChanges}}
{{/metrics}}
{{/hasMetrics}}
{{^hasMetrics}}

No quarter in this folder has published figures yet.
{{/hasMetrics}}

"""####,
        "inputs-table": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric">
<caption>Inputs by format</caption>
<thead>
<tr><th scope="col">Format</th><th scope="col" class="num">Files</th><th scope="col" class="num">Records</th><th scope="col">Digest (SHA-256, first 16)</th></tr>
</thead>
<tbody>
{{#overview.inputGroups}}
<tr><th scope="row">{{format}}</th><td class="num">{{files}}</td><td class="num">{{records}}</td><td><code>{{digest}}</code></td></tr>
{{/overview.inputGroups}}
</tbody>
</table>
<details>
<summary>Every input file and its SHA-256</summary>
<table class="metric inputs">
<caption>Input files</caption>
<thead>
<tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">SHA-256</th></tr>
</thead>
<tbody>
{{#overview.inputFiles}}
<tr><th scope="row">{{path}}</th><td>{{format}}</td><td><code>{{sha256}}</code></td></tr>
{{/overview.inputFiles}}
</tbody>
</table>
</details>

"""##,
        "overview-table": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric overview">
<caption>Headline metrics by team, {{period}} (value, 95% interval, confidence)</caption>
<thead>
<tr><th scope="col">Team</th>{{#overview.columns}}<th scope="col">{{metric}} <span class="kind">{{dimension}}, {{kind}}</span></th>{{/overview.columns}}</tr>
</thead>
<tbody>
{{#overview.rows}}
<tr><th scope="row">{{team}}</th>{{#isHidden}}<td colspan="8" class="note">{{hidden}}</td>{{/isHidden}}{{#cells}}{{#shown}}<td>{{value}}<span class="ci-text">{{interval}}</span><span class="badge badge-{{label}}">{{label}}</span>{{#hasDispute}}<span class="dispute">{{dispute}}</span>{{/hasDispute}}</td>{{/shown}}{{^shown}}<td class="note">{{note}}{{#hasDispute}}<span class="dispute">{{dispute}}</span>{{/hasDispute}}</td>{{/shown}}{{/cells}}</tr>
{{/overview.rows}}
</tbody>
<tfoot>
{{#overview.organisation}}
<tr><th scope="row">{{team}}</th>{{#cells}}{{#shown}}<td>{{value}}<span class="ci-text">{{interval}}</span><span class="badge badge-{{label}}">{{label}}</span>{{#hasDispute}}<span class="dispute">{{dispute}}</span>{{/hasDispute}}</td>{{/shown}}{{^shown}}<td class="note">{{note}}{{#hasDispute}}<span class="dispute">{{dispute}}</span>{{/hasDispute}}</td>{{/shown}}{{/cells}}</tr>
{{/overview.organisation}}
</tfoot>
</table>

"""##,
        "page.html": #"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="candor {{candorVersion}}">
<title>{{title}}</title>
<style>
{{> style}}
</style>
</head>
<body>
<main>
{{{body}}}
</main>
</body>
</html>

"""#,
        "scorecard-row": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
{{#shown}}
<tr><th scope="row">{{team}}</th><td class="num">{{value}}</td><td>{{interval}}</td><td class="num">{{people}}</td><td class="num">{{events}}</td><td class="label label-{{label}}">{{label}}</td><td>{{note}}</td></tr>
{{#parts}}
{{#shown}}
<tr class="part"><th scope="row">{{team}}</th><td class="num">{{value}}</td><td>{{interval}}</td><td class="num">{{people}}</td><td class="num">{{events}}</td><td class="label label-{{label}}">{{label}}</td><td>{{note}}</td></tr>
{{/shown}}
{{^shown}}
<tr class="part suppressed"><th scope="row">{{team}}</th><td colspan="6">suppressed ({{note}})</td></tr>
{{/shown}}
{{/parts}}
{{/shown}}
{{^shown}}
<tr class="suppressed"><th scope="row">{{team}}</th><td colspan="6">suppressed ({{note}})</td></tr>
{{/shown}}

"""##,
        "scorecard-table": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric scorecard">
<caption>{{name}} by team ({{unit}})</caption>
<thead>
<tr><th scope="col">Team</th><th scope="col" class="num">Value</th><th scope="col">95% interval</th><th scope="col" class="num">n</th><th scope="col" class="num">Events</th><th scope="col">Confidence</th><th scope="col">Note</th></tr>
</thead>
<tbody>
{{#rows}}
{{> scorecard-row}}
{{/rows}}
</tbody>
<tfoot>
{{#organisation}}
{{> scorecard-row}}
{{/organisation}}
</tfoot>
</table>

"""##,
        "security-review.md": ###"""
{{%CONTENT_TYPE: MARKDOWN}}
# {{title}}

For the security-reviewer audience only, under approval {{approval}} (recorded in the audit log). Generated {{generatedAt}}.

**Purpose of this programme.** {{purpose}}

Findings describe repositories and the teams that own them, never the people who wrote the code. They help teams decide what to fix first; they are never used to evaluate, rank or pay anyone.

{{#hasTeams}}
{{#teams}}
## {{team}}

- Open High and Critical findings at the period's end — the number the governance board and the team see (the security-outcome tier): {{boardOpen}}
- SARIF results in each repository's latest scan in the period, by level, suppressed ones included: {{sarif}}; with an accepted suppression: {{suppressed}}
- CodeGuru Security findings open in their latest export, by severity: {{open}}
- Categories:
{{#categories}}
  - {{.}}
{{/categories}}
{{#hasMoreCategories}}
  - and {{moreCategories}} more
{{/hasMoreCategories}}

{{/teams}}
{{/hasTeams}}
{{^hasTeams}}
No security findings were recorded for this period.
{{/hasTeams}}

## About this report

policy SHA-256 {{policySHA256}}

"""###,
        "self-view-weeks": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric">
<caption>Your inline suggestions by ISO week</caption>
<thead>
<tr><th scope="col">Week of</th><th scope="col" class="num">Active days</th><th scope="col" class="num">Suggestions shown</th><th scope="col" class="num">Accepted</th><th scope="col" class="num">Acceptance rate</th></tr>
</thead>
<tbody>
{{#weeks}}
<tr><th scope="row">{{week}}</th><td class="num">{{activeDays}}</td><td class="num">{{shown}}</td><td class="num">{{accepted}}</td><td class="num">{{rate}}</td></tr>
{{/weeks}}
</tbody>
</table>

"""##,
        "self-view.md": ###"""
{{%CONTENT_TYPE: MARKDOWN}}
# {{title}}

This page is for you alone. You asked for it by opting in to the self-view programme; it is written only for people who did, it is not listed in any other report, and you can withdraw at any time.

Reference {{reference}} · period {{period}} · generated {{generatedAt}}

**Why this data is collected.** {{purpose}}

**It is never used for:** {{neverUsedFor}}.

## Your choices

{{#consents}}
- {{label}}: {{value}}
{{/consents}}

To change a choice, ask whoever keeps the programme's consent registry (the governance board can tell you who) to record it; it takes effect from the day recorded. Withdrawing from a programme removes your records in it before the next report is made; objecting to a required programme stops your data being stored or used from that day.

## What candor holds about you

People appear in candor only under a keyed pseudonym; your name and ids are not in its database. These are the records kept under yours in the {{datasets}} datasets, which the policy lets this view read:

{{#holdings}}
- {{label}}: {{value}}
{{/holdings}}

Content is never kept: no prompts, responses, code, file contents or comment text.

## Your Amazon Q Developer inline suggestions by week, {{period}}

{{#hasWeeks}}
{{> self-view-weeks}}

In these weeks Amazon Q Developer showed you {{totalShown}} inline suggestions and you accepted {{totalAccepted}} ({{totalRate}}). Your acceptance rate over every assistant, with its interval, is with your other figures below.
{{/hasWeeks}}
{{^hasWeeks}}
No Amazon Q Developer inline suggestions were recorded for you in this period.
{{/hasWeeks}}

## Your figures beside your team's and the organisation's, {{period}}

{{#hasMetrics}}
Each of your figures is the team measure over your own records, with a 95% interval that treats the parts of your work that repeat — your weeks, your pull requests, your accepted suggestions — as the units (one person cannot be compared as a team is). Your team's and the organisation's are as the reports publish them, hidden where they are hidden.

{{#metrics}}
- {{metric}}: you {{you}}{{#hasYouInterval}} ({{youInterval}}){{/hasYouInterval}}{{#hasYouNote}} — {{youNote}}{{/hasYouNote}} · your team {{team}} · organisation {{organisation}}
{{/metrics}}
{{/hasMetrics}}

## How your data was used

{{#hasUses}}
Every report of {{period}} reads your team's data (never yours alone): {{useCount}} such reads are in the audit log, each with who asked, for whom and why.

{{#uses}}
- {{time}} · {{command}} · for {{audience}} · purpose {{purpose}}
{{/uses}}
{{/hasUses}}
{{^hasUses}}
No report of {{period}} has been made yet.
{{/hasUses}}

{{#hasTeam}}
The directory places you in {{team}}. The governance review shows a team's figures only when at least {{k}} people contributed and no one person dominates them; individual figures like yours appear nowhere else.
{{/hasTeam}}

## If something here is wrong

Tell the governance board which figure you believe is wrong, quoting reference {{reference}}: name the metric, the period ({{period}}) and, for a team figure, the team, and what should be left out (a repository, some days) if that is the problem. A dispute is recorded with those, shown on the figure as open while it is looked at, and, if it is upheld, on the figure in every report with what it changed; disputes and their outcomes are counted in the transparency report and never attributed to you. You may also withdraw from any optional programme; your data in it is then removed before the next report is made.

policy SHA-256 {{policySHA256}}

"""###,
        "style": ##"""
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --rule: #c8c8c8; --band: #1f5f99; --bg-suppressed: #f2f2f2; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; line-height: 1.5; }
body { margin: 0; }
main { max-width: 56rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.8rem; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 0.75rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.25rem; }
p, li { max-width: 46rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
tfoot th, tfoot td { border-top: 2px solid var(--ink); font-weight: 600; }
.num { text-align: right; }
tr.department th, tr.department td { font-weight: 600; border-top: 1px solid var(--ink); }
tr.in-department th { padding-left: 1.5em; font-weight: normal; }
td.label-high { color: #1d5e20; } td.label-medium { color: #6b5300; } td.label-low { color: #8a1c1c; }
figure.chart { margin: 1em 0; } figure.chart svg { max-width: 100%; height: auto; }
.chart .series { fill: none; stroke: var(--band); stroke-width: 2; } .chart .dot { fill: var(--band); }
.chart .ci { fill: var(--band); fill-opacity: 0.18; stroke: none; } .chart .comparison { fill: none; stroke: #6e6e6e; stroke-width: 1.5; stroke-dasharray: 6 3; }
.chart .grid { stroke: var(--rule); stroke-width: 0.5; } .chart .change { stroke: #6b5300; stroke-dasharray: 4 3; } .chart .shift { stroke: #8a1c1c; stroke-dasharray: 1 3; stroke-width: 2; }
.chart text { font-size: 10px; fill: var(--muted); } .chart .tick { text-anchor: end; dominant-baseline: middle; } .chart .end { text-anchor: end; }
.kind { display: block; font-size: 0.75rem; font-weight: normal; color: var(--muted); }
.ci-text { display: block; font-size: 0.75rem; color: var(--muted); }
.ci-text.significant { color: #6b5300; font-weight: 600; }
.badge { display: inline-block; margin-top: 0.15rem; padding: 0 0.35rem; border: 1px solid currentColor; border-radius: 0.6rem; font-size: 0.7rem; }
.badge-high { color: #1d5e20; } .badge-medium { color: #6b5300; } .badge-low { color: #8a1c1c; }
table.overview { font-size: 0.85rem; } table.overview td, table.overview th { padding: 0.35rem 0.4rem; }
td.note { color: var(--muted); font-style: italic; }
.dispute { display: block; margin-top: 0.15rem; font-size: 0.75rem; color: #6b5300; font-style: normal; }
tr.dimension th { background: #f2f2f2; }
.band.org { background: #6e6e6e; }
table.inputs { font-size: 0.75rem; } table.inputs code { word-break: break-all; }
details summary { cursor: pointer; margin: 0.5rem 0; }
tr.suppressed td { color: var(--muted); font-style: italic; background: var(--bg-suppressed); }
tr.part th { padding-left: 1.5em; font-weight: normal; }
.bar { display: block; position: relative; height: 0.4rem; margin-top: 0.3rem; background: #e6e6e6; min-width: 6rem; }
.band { display: block; height: 100%; background: var(--band); }
@media print {
  main { max-width: none; padding: 0; }
  details > summary { display: none; }
  details { display: block; }
  h2 { break-after: avoid; }
  table, tr { break-inside: avoid; }
  .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  @page { size: A4; margin: 10mm; }
  /* The one-page summary: the board's first page, on its own (checked for up to 30 teams). */
  .board-summary { break-after: page; font-size: 7.5pt; line-height: 1.25; }
  .board-summary h2 { font-size: 12pt; margin: 0 0 3pt; } .board-summary h3 { font-size: 9.5pt; margin: 6pt 0 2pt; }
  .board-summary p, .board-summary ul { margin: 2pt 0; } .board-summary li { margin: 0; }
  .board-summary table.overview { table-layout: fixed; width: 100%; font-size: 6pt; line-height: 1.15; margin: 2pt 0; }
  .board-summary table.overview td, .board-summary table.overview th { padding: 0.3pt 1.5pt; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .board-summary table.overview thead th { white-space: normal; vertical-align: bottom; }
  .board-summary table.overview thead th .kind { display: none; }
  .board-summary table.overview .ci-text { display: inline; font-size: 5.3pt; margin-left: 2pt; }
  .board-summary table.overview td .badge, .board-summary table.overview td .dispute { display: none; }
  .board-summary table.overview caption { font-size: 7pt; }
}

"""##,
        "team-table": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
{{#web}}
<table class="metric team-summary">
<caption>{{team}} beside the organisation, {{period}}</caption>
<thead>
<tr><th scope="col">Metric</th><th scope="col" class="num">{{team}}</th><th scope="col">95% interval</th><th scope="col">Confidence</th><th scope="col" class="num">Organisation</th><th scope="col">95% interval</th></tr>
</thead>
<tbody>
{{#rows}}
{{#firstInDimension}}
<tr class="dimension"><th scope="rowgroup" colspan="6">{{dimension}}</th></tr>
{{/firstInDimension}}
<tr><th scope="row">{{metric}} <span class="kind">({{kind}})</span></th>{{#teamShown}}<td class="num">{{teamValue}}</td><td>{{teamInterval}}<span class="bar" aria-hidden="true"><span class="band" style="margin-left:{{teamBar.start}}%;width:{{teamBar.width}}%"></span></span></td><td class="label label-{{teamLabel}}">{{teamLabel}}{{#hasTeamDispute}}<span class="dispute">{{teamDispute}}</span>{{/hasTeamDispute}}</td>{{/teamShown}}{{^teamShown}}<td colspan="3" class="note">{{teamNote}}</td>{{/teamShown}}<td class="num">{{orgValue}}</td><td>{{orgInterval}}{{#orgShown}}<span class="bar" aria-hidden="true"><span class="band org" style="margin-left:{{orgBar.start}}%;width:{{orgBar.width}}%"></span></span>{{/orgShown}}</td></tr>
{{/rows}}
</tbody>
</table>
{{/web}}
{{#mail}}
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:14px;margin:12px 0">
<tr><th scope="col" style="text-align:left;border-bottom:2px solid #1a1a1a;padding:6px">Metric</th><th scope="col" style="text-align:right;border-bottom:2px solid #1a1a1a;padding:6px">{{team}}</th><th scope="col" style="text-align:right;border-bottom:2px solid #1a1a1a;padding:6px">Organisation</th></tr>
{{#rows}}
{{#firstInDimension}}
<tr><th scope="rowgroup" colspan="3" style="text-align:left;padding:10px 6px 4px;border-bottom:1px solid #c8c8c8">{{dimension}}</th></tr>
{{/firstInDimension}}
<tr><th scope="row" style="text-align:left;font-weight:normal;padding:6px;border-bottom:1px solid #e6e6e6;vertical-align:top">{{metric}} <span style="color:#4a4a4a">({{kind}})</span></th><td style="text-align:right;padding:6px;border-bottom:1px solid #e6e6e6;vertical-align:top;min-width:120px">{{#teamShown}}<strong>{{teamValue}}</strong><br><span style="color:#4a4a4a;font-size:12px">{{teamInterval}} · {{teamLabel}}</span>{{#hasTeamDispute}}<br><span style="color:#6b5300;font-size:12px">{{teamDispute}}</span>{{/hasTeamDispute}}<span style="display:block;height:6px;background:#e6e6e6;margin-top:4px"><span style="display:block;height:6px;margin-left:{{teamBar.start}}%;width:{{teamBar.width}}%;background:#1f5f99"></span></span>{{/teamShown}}{{^teamShown}}<span style="color:#4a4a4a;font-style:italic">{{teamNote}}</span>{{/teamShown}}</td><td style="text-align:right;padding:6px;border-bottom:1px solid #e6e6e6;vertical-align:top;min-width:120px">{{orgValue}}{{#orgShown}}<br><span style="color:#4a4a4a;font-size:12px">{{orgInterval}}</span><span style="display:block;height:6px;background:#e6e6e6;margin-top:4px"><span style="display:block;height:6px;margin-left:{{orgBar.start}}%;width:{{orgBar.width}}%;background:#6e6e6e"></span></span>{{/orgShown}}</td></tr>
{{/rows}}
</table>
{{/mail}}

"""##,
        "team-weeks": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:13px;margin:8px 0">
{{#weeks}}
<tr><td style="padding:2px 6px;white-space:nowrap;color:#4a4a4a">{{week}}</td><td style="padding:2px 6px;text-align:right;white-space:nowrap">{{value}}</td><td style="padding:2px 6px;width:60%"><span style="display:block;height:8px;background:#e6e6e6"><span style="display:block;height:8px;margin-left:{{bar.start}}%;width:{{bar.width}}%;background:#1f5f99"></span></span></td></tr>
{{/weeks}}
</table>
<p style="font-size:12px;color:#4a4a4a;margin:0 0 12px">Bars span each week's 95% interval. The organisation's last week: {{organisationLast}}.</p>

"""##,
        "team.md": ####"""
{{%CONTENT_TYPE: MARKDOWN}}
# Team summary: {{team}}, {{period}}

**For the {{team}} team, to discuss together.** These are your team's numbers beside the whole organisation's, for the quarter {{periodStart}} to {{periodEnd}}. They describe the team, never a person, and they are **never used for {{neverUsedFor}}**.

Generated {{generatedAt}} · minimum group size {{k}} people · the governance board sees the same figures in its quarterly review.

**Why we collect this.** {{purpose}}

{{^teamShown}}
**Your team's figures are not shown this quarter:** {{hiddenReason}}. Every report hides them the same way. The organisation's figures are below.

{{/teamShown}}
## Your team beside the organisation

Each value has its 95% interval: the range the true value most likely lies in. A confidence label (high, medium, low) says how much weight a number can bear. A leading metric (such as suggestion acceptance) is worth reading only beside the outcome it should move.

{{#web}}
{{> team-table}}
{{/web}}
{{#mail}}
{{> team-table}}
{{/mail}}
{{#plain}}
Values in brackets are 95% intervals.

{{#rows}}
{{#firstInDimension}}
{{dimension}}:
{{/firstInDimension}}
- {{metric}} ({{kind}}): {{team}}: {{#teamShown}}{{teamValue}} ({{teamInterval}}; {{teamLabel}} confidence{{#hasTeamDispute}}; {{teamDispute}}{{/hasTeamDispute}}){{/teamShown}}{{^teamShown}}{{teamNote}}{{/teamShown}} · organisation: {{orgValue}}{{#orgShown}} ({{orgInterval}}){{/orgShown}}
{{/rows}}
{{/plain}}

{{#hasTrends}}
## Weekly trends

Each week's value, with its 95% interval, beside the organisation's.

{{#trends}}
### {{name}}

{{#web}}
{{#chart}}
{{> weekly-chart}}
{{/chart}}
{{/web}}
{{#mail}}
{{> team-weeks}}
{{/mail}}
{{#plain}}
{{#weeks}}
- week of {{week}}: {{value}}{{#hasInterval}} (95% interval {{interval}}){{/hasInterval}}
{{/weeks}}

The organisation's last week: {{organisationLast}}.
{{/plain}}

{{/trends}}
{{/hasTrends}}
## Changes that touch your numbers

{{#hasChanges}}
A number can move because the programme changed, not the work. These changes were recorded in the quarter and the two weeks before it:

{{#changes}}
- {{text}}
{{/changes}}
{{/hasChanges}}
{{^hasChanges}}
No changes to the programme or its policy were recorded in the quarter or the two weeks before it.
{{/hasChanges}}

## Questions to discuss

{{#hasQuestions}}
candor looks for patterns that can mean a number no longer measures what it should: a leading metric that moves without its outcome, findings suppressed rather than fixed, reviews approved without discussion. Each is a question for the team, not a verdict: there may be a good reason.

{{#questions}}
### {{title}}

{{#evidence}}
- {{.}}
{{/evidence}}

Other explanations to rule out first: {{alternativesText}}.

**A question to discuss:** {{question}}

{{/questions}}
{{/hasQuestions}}
{{^hasQuestions}}
{{#teamShown}}
No pattern worth raising was found in your team's numbers this quarter.
{{/teamShown}}
{{^teamShown}}
Signals are looked for only where a team's figures are shown.
{{/teamShown}}
{{/hasQuestions}}

## If something looks wrong

{{#hasReplyTo}}
Reply to this summary or write to {{replyTo}}.
{{/hasReplyTo}}
Anyone can ask what is collected about them (the self-view) and dispute a record; see the transparency report.

candor {{candorVersion}} · policy SHA-256 {{policySHA256}}

"""####,
        "transparency-audiences": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric">
<caption>Audiences, the datasets each may see, and the reports they receive</caption>
<thead>
<tr><th scope="col">Audience</th><th scope="col">Datasets</th><th scope="col">Receives</th></tr>
</thead>
<tbody>
{{#audiences}}
<tr><th scope="row">{{audience}}</th><td>{{datasets}}</td><td>{{reports}}</td></tr>
{{/audiences}}
</tbody>
</table>

"""##,
        "transparency-audit": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric">
<caption>Report requests by audience and declared purpose</caption>
<thead>
<tr><th scope="col">Audience</th><th scope="col">Purpose</th><th scope="col" class="num">Requests</th><th scope="col">Last</th></tr>
</thead>
<tbody>
{{#audit}}
<tr><th scope="row">{{label}}</th>{{#values}}<td>{{.}}</td>{{/values}}</tr>
{{/audit}}
</tbody>
</table>

"""##,
        "transparency-consent": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<table class="metric">
<caption>Consent by programme (people)</caption>
<thead>
<tr><th scope="col">Programme</th><th scope="col">Kind</th><th scope="col" class="num">Opted in</th><th scope="col" class="num">Opted out or objected</th><th scope="col" class="num">Withdrew</th></tr>
</thead>
<tbody>
{{#consent}}
<tr><th scope="row">{{label}}</th>{{#values}}<td>{{.}}</td>{{/values}}</tr>
{{/consent}}
</tbody>
</table>

"""##,
        "transparency.md": ####"""
{{%CONTENT_TYPE: MARKDOWN}}
# Transparency report {{period}}

**For everyone whose work tools send data to this programme.** It says what is collected, why, who can see it, how long it is kept, and what it is never used for. Period {{periodStart}} to {{periodEnd}} · generated {{generatedAt}}.

**Why we collect it.** {{purpose}}

**The data is never used for {{neverUsedFor}}.** A request that declares one of these uses is refused and the refusal is logged. Reports describe teams of at least {{k}} people, never a person.

## What is collected, and what is dropped

People appear only as keyed pseudonyms: candor replaces every user id with an HMAC-SHA256 of it, and the key is kept outside the database. Content is never read or stored, whatever a policy says: {{neverStored}}.

Unless the policy states a purpose for a source (shown under it below), candor stores only what a published figure reads: every other optional field is dropped at ingest, and records no figure reads — IDE events other than a person's accepted, modified or reverted suggestions, Copilot's organisation-level metrics and per-user team memberships, CodeGuru Security's account metrics — are read and not stored. What was stored before this rule, or under an earlier, wider policy, is cleared by the purge candor runs before every report (where the policy says to refuse instead, no report is made until `candor purge` has run); team totals of weeks retention has already closed keep the values they were made with. Each purge is listed below with the rows it deleted and the rows whose fields it cleared.

{{#hasSources}}
{{#sources}}
### {{name}}

- What it is about: {{category}}; kept in the {{dataset}} dataset.
- Collected so far: {{records}}.
- Optional fields kept: {{kept}}.
- Optional fields dropped by the policy: {{dropped}}.
{{#hasDroppedAtIngest}}
- Dropped at ingest so far (never stored): {{droppedAtIngest}}.
{{/hasDroppedAtIngest}}
- Used for: {{usedFor}}.
{{#hasPurpose}}
- Also kept, beyond what the published figures read, for this purpose the policy states: {{purpose}}
{{/hasPurpose}}

{{/sources}}
{{/hasSources}}
{{^hasSources}}
Nothing has been collected yet.

{{/hasSources}}
## Who can see what

Each report reads only the datasets its audience may see. Security findings (the compliance dataset) are read only for security reviewers, each time with a recorded approval; what the governance board and teams see of them is counts and dates — how many High and Critical findings are open, how long fixes take — kept in the operational dataset without any category, rule, file or line.

{{> transparency-audiences}}

## How long it is kept

{{#retention}}
- {{text}}
{{/retention}}

{{#hasPurges}}
Each purge, with what it removed (counts only):

{{#purges}}
- {{text}}
{{/purges}}
{{/hasPurges}}
{{^hasPurges}}
Nothing has been past the retention windows yet, so nothing has been purged.
{{/hasPurges}}

## Consent and objections

People whose latest choice is each status, at the end of the period (or on the day this report was made, if that is sooner). Counts below {{k}} are shown as "fewer than {{k}}" so no one can be singled out.

{{> transparency-consent}}

## Disputes

{{#disputes}}
- {{text}}
{{/disputes}}

Anyone can dispute a record or a figure about them or their team; a dispute is logged with the metric it concerns, and its outcome is published here.

## Who asked for reports, and why

From the tamper-evident audit log: every report request, with the audience it was for and the purpose it declared.

{{#hasAudit}}
{{> transparency-audit}}
{{/hasAudit}}
{{^hasAudit}}
No report has been requested yet.
{{/hasAudit}}

{{refusals}}

## What changed in the programme

{{#hasChanges}}
{{#changes}}
- {{text}}
{{/changes}}
{{/hasChanges}}
{{^hasChanges}}
Nothing in the programme or its policy changed in this period.
{{/hasChanges}}

## Checking that this is what was published

You do not have to take this report on trust. Its folder holds `manifest.json`, which lists every file of this quarter's set with its SHA-256, the policy's SHA-256, the templates the reports were rendered from and the versions of candor, libcmark and the metric registry; the report folder above it holds a `manifest.json` over the index and every quarter's manifest, and, when the programme signs its reports, `manifest.json.sig`, an SSH signature of it. With candor and the public key the governance board publishes, anyone can run `candor verify` on the report folder with `--public-key` and that key: it checks every file byte for byte against the manifests, says whether any template was replaced, and checks the signature. No inputs and no database are needed. An auditor who holds the inputs and the pseudonymisation key can go further with `--recompute`: for a set made in one run, candor makes it again from a clean run dated as the manifest says, and compares every file.

## About this report

candor {{candorVersion}} · libcmark {{cmarkVersion}} · policy SHA-256 {{policySHA256}}

"""####,
        "weekly-chart": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<figure class="chart">
<svg viewBox="0 0 600 160" width="600" height="160" role="img" aria-labelledby="{{id}}-title {{id}}-desc">
<title id="{{id}}-title">{{title}}</title>
<desc id="{{id}}-desc">{{summary}}</desc>
{{#ticks}}
<line class="grid" x1="48" x2="592" y1="{{y}}" y2="{{y}}"/><text class="tick" x="44" y="{{y}}">{{label}}</text>
{{/ticks}}
{{#hasBand}}
<polygon class="ci" points="{{band}}"/>
{{/hasBand}}
{{#markers}}
<line class="{{kind}}" x1="{{x}}" x2="{{x}}" y1="8" y2="140"><title>{{label}}</title></line>
{{/markers}}
{{#hasComparison}}
<polyline class="comparison" points="{{comparison}}"/>
{{/hasComparison}}
<polyline class="series" points="{{points}}"/>
{{#dots}}
<circle class="dot" cx="{{x}}" cy="{{label}}" r="2.5"><title>{{kind}}</title></circle>
{{/dots}}
<text class="axis" x="48" y="156">{{first}}</text><text class="axis end" x="592" y="156">{{last}}</text>
</svg>
<figcaption>{{caption}}</figcaption>
</figure>

"""##,
    ]
}
