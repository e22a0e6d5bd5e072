// Generated from templates/ by scripts/embed-templates. Do not edit: edit templates/ and re-run it.
// EmbeddedTemplatesTests fails while this file and templates/ differ.

/// The default report templates, compiled in so `candor` runs from any directory.
enum EmbeddedTemplates {
    static let files: [String: String] = [
        "acceptance-row": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
{{#shown}}
<tr class="{{rowClass}}"><th scope="row">{{team}}</th><td class="num">{{people}}</td><td class="num">{{suggestions}}</td><td class="num">{{accepted}}</td><td class="num">{{rate}}</td><td>{{interval}}<span class="bar" aria-hidden="true"><span class="band" style="margin-left:{{bandStart}}%;width:{{bandWidth}}%"></span></span></td></tr>
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
        "governance.md": #####"""
{{%CONTENT_TYPE: MARKDOWN}}
# Governance review {{period}}

**Purpose of this programme.** {{purpose}}

Period {{periodStart}} to {{periodEnd}} · generated {{generatedAt}} · minimum group size {{k}} people

These figures describe teams, never individuals. They exist to help teams decide where to invest in tools, training and practices. They are never used to evaluate, rank or pay anyone.

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

Every metric below is read beside its pair — a leading metric beside the outcome it should move. Teams are listed alphabetically; there is no overall score and no ranking. Each value carries its 95% interval, n (people, or the repositories and deployments for metrics about code and delivery), the events behind it, and a confidence label (high, medium, low: from n and the interval's coefficient of variation; see `candor explain`).

{{#scorecard.dimensions}}
### {{title}}

{{#metrics}}
#### {{name}}

Metric {{id}} · {{kind}} · read beside {{pairedName}} ({{pairedId}})

{{definition}} {{formula}} Interval: {{intervalMethod}}.

Data: {{completeness}}.

{{> scorecard-table}}

{{#chart}}
{{> weekly-chart}}
{{/chart}}

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
What each detector checked (thresholds from the policy's `signals:` section; see `docs/signals.md`):

{{#signals.checks}}
- {{.}}
{{/signals.checks}}
{{#signals.hasHiddenNote}}

{{signals.hiddenNote}}
{{/signals.hasHiddenNote}}

## Decisions and the metrics they use

{{#decisions.hasDecisions}}
{{#decisions.decisions}}
- {{.}}
{{/decisions.decisions}}
{{/decisions.hasDecisions}}
{{^decisions.hasDecisions}}
No decisions were recorded in this period.
{{/decisions.hasDecisions}}

{{#decisions.hasRetire}}
No decision in this quarter or the one before used these metrics; consider retiring them, so the report measures only what someone acts on:

{{#decisions.retire}}
- {{.}}
{{/decisions.retire}}
{{/decisions.hasRetire}}

## Data behind this report

- Amazon Q Developer user activity reports: {{data.rows}} person-day rows from {{data.files}} files, covering {{data.daysWithData}} of the {{data.daysInPeriod}} days in the period ({{data.completeness}}){{#data.hasRange}}, {{data.range}}{{/data.hasRange}}.
{{#data.hasRowsWithoutTeam}}
- {{data.rowsWithoutTeam}} person-day rows belong to people the directory places in no team on that day; they are counted in the organisation and in the row "{{data.noTeamLabel}}".
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

## About this report

candor {{candorVersion}} · libcmark {{cmarkVersion}} · metric registry {{registryVersion}} · policy SHA-256 {{policySHA256}}

"""#####,
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

- SARIF results in each repository's latest scan in the period, by level: {{sarif}}; with an accepted suppression: {{suppressed}}
- CodeGuru Security findings still open, by severity: {{open}}
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

## What candor holds about you

People appear in candor only under a keyed pseudonym; your name and ids are not in its database. These are the records kept under yours in the {{datasets}} datasets, which the policy lets this view read:

{{#holdings}}
- {{label}}: {{value}}
{{/holdings}}

Content is never kept: no prompts, responses, code, file contents or comment text.

## Your inline suggestions, {{period}}

{{#hasWeeks}}
{{> self-view-weeks}}

In the period you were shown {{totalShown}} inline suggestions and accepted {{totalAccepted}}: {{totalRate}} (95% interval {{totalInterval}}, treating suggestions as independent). This is the same measure the governance review shows for teams.
{{/hasWeeks}}
{{^hasWeeks}}
No inline suggestions were recorded for you in this period.
{{/hasWeeks}}

{{#hasTeam}}
The directory places you in {{team}}. The governance review shows a team's figures only when at least {{k}} people contributed and no one person dominates them; individual figures like yours appear nowhere else.
{{/hasTeam}}

## If something here is wrong

Tell the governance board which figure you believe is wrong, quoting reference {{reference}}. Disputes and their outcomes are recorded and counted in the transparency report. You may also withdraw from any optional programme; your data in it is then removed at the next purge.

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
.chart .grid { stroke: var(--rule); stroke-width: 0.5; } .chart .change { stroke: #6b5300; stroke-dasharray: 4 3; } .chart .shift { stroke: #8a1c1c; stroke-dasharray: 1 3; stroke-width: 2; }
.chart text { font-size: 10px; fill: var(--muted); } .chart .tick { text-anchor: end; dominant-baseline: middle; } .chart .end { text-anchor: end; }
tr.suppressed td { color: var(--muted); font-style: italic; background: var(--bg-suppressed); }
.bar { display: block; position: relative; height: 0.4rem; margin-top: 0.3rem; background: #e6e6e6; min-width: 6rem; }
.band { display: block; height: 100%; background: var(--band); }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  table, tr { break-inside: avoid; }
  .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}

"""##,
        "weekly-chart": ##"""
{{%CONTENT_TYPE: HTML_BLOCK}}
<figure class="chart">
<svg viewBox="0 0 600 160" width="600" height="160" role="img" aria-label="{{caption}}">
{{#ticks}}
<line class="grid" x1="48" x2="592" y1="{{y}}" y2="{{y}}"/><text class="tick" x="44" y="{{y}}">{{label}}</text>
{{/ticks}}
{{#markers}}
<line class="{{kind}}" x1="{{x}}" x2="{{x}}" y1="8" y2="140"><title>{{label}}</title></line>
{{/markers}}
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
