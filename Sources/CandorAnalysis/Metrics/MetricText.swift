import CandorVocabulary
import CandorPolicy

extension MetricDefinition {
    /// One line for `candor metrics`.
    public var summaryLine: String {
        "\(id.rawValue.padding(toLength: 34, withPad: " ", startingAt: 0)) \(dimension.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) "
            + "\(kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) read with \(pairedWith)"
    }

    /// The full methodology, for `candor explain`.
    public var explanation: String {
        var lines = [
            "\(id) — \(name)",
            "dimension: \(dimension.rawValue); \(kind.rawValue) metric, read beside \(pairedWith)" + (MetricRegistry.metric(pairedWith).map { " (\($0.name))" } ?? ""),
            "unit: \(unit.rawValue); registry \(MetricRegistry.version)",
            "",
            "The decision it supports: \(decision)",
            "Definition: \(definition)",
            "Formula: \(formula)",
            "Method: \(methodology)",
            "95% interval: \(interval)",
            "Sources: " + (sources.isEmpty ? "the governance inputs (consent registry, disputes)" : sources.map(\.rawValue).joined(separator: ", ")),
            "Consent: the \(programme) programme's rules apply to the data behind it.",
            "",
            "Caveats:",
        ]
        lines += caveats.map { "  - \($0)" }
        lines.append("Never used for: " + neverUsedFor.joined(separator: "; ") + ".")
        return lines.joined(separator: "\n")
    }
}

extension MetricRegistry {
    /// docs/metrics.md: the rules every figure shares, then every metric's definition as the registry
    /// holds it (`candor metrics --markdown` prints it; a test keeps the file equal to it).
    public static var markdownReference: String {
        var out = """
            # The metrics

            This file is generated from candor's metric registry (`candor metrics --markdown > docs/metrics.md`;
            a test fails when it differs). Registry \(version). Every figure a report publishes is also in the
            report set's `figures.csv` and `figures.json` (docs/reports.md), with the definition version it
            was computed under.

            ## Rules every figure shares

            - **Period.** A quarter (`2026-Q3`: 1 July to 30 September, both included). A record belongs to
              the day its source dates it (UTC): person-day rows by their day; pull requests by their creation
              time (their reviews with them), deployments by their finish, incidents by their creation,
              SARIF scans by their completion, CodeGuru Reviewer code reviews by their creation.
            - **Changes between quarters.** The median of a period's own items (time to first review, cycle
              time, time to restore) is compared by a two-sided permutation test of the difference in medians
              (seeded relabellings of the pooled items, drawn until 50 are as extreme or 20,000 are drawn —
              Besag and Clifford 1991; Kaplan–Meier medians where items are still open); every other value by
              the difference of the two estimates, each standard error taken from its 95% interval (Altman and
              Bland 2003). Both values must be labelled high or medium. Median time to fix is not compared:
              each quarter's median is over every finding seen so far, so the quarters are not independent.
            - **Significance.** Every test behind a period's verdicts — these changes, the weekly shift tests
              and every signal detector's tests — is one family: a result is significant only when the
              Benjamini–Hochberg procedure at the policy's false discovery rate (`signals.alpha`, default 5%)
              makes it a discovery, and it has that verdict in every report of the period.
            - **Team.** A record about a person counts for the team the directory places that person in on
              the record's day (an id the directory lists as an alias — `github_login`, `aws_user_id`,
              `email` — counts as its person). A record about a repository counts for the team owning the
              repository on the day (docs/formats.md, "Repository names"). People and repositories the
              directories do not place are in no figure, the organisation's included; coverage counts them.
            - **Organisation.** Every placed record of every team: its people are counted once even when they
              moved between teams.
            - **Consent.** A metric's data is that of its programme (below). For a required programme, a
              person's records from the day they objected (`opted_out`) are left out; for an optional one,
              only records from the day a person opted in. Counts of people leave out the people the
              programme may not count at the period's end.
            - **Pull requests and their reviews** belong to the period, and the team, of the pull request's
              opening: a review submitted in October of a pull request opened in September counts for September.
            - **Active day.** A Copilot or Kiro person-day row counts as activity when any of its counters is
              above zero; a Q Developer row, and a usage-CSV row that is stored (rows marked inactive are not),
              count whatever they hold: those exports list only days with use.
            - **Engineering-metrics consent.** Pull requests are their author's records and reviews their
              reviewer's: a pull request whose author had objected to the engineering-metrics programme by the
              day it was opened is left out, and so is a review whose reviewer had objected by its submission.
            - **People and units.** `n` is what each metric's entry below says (people, repositories,
              deployments, incidents, respondents); `events` what it counts (suggestions, pull requests,
              approvals, deployments, findings, answers).
            - **Kaplan–Meier medians** (time to first review, time to fix, time to restore, dispute
              resolution) follow R survival's convention: the smallest event time with S(t) < 0.5, except
              where S(t) is exactly 0.5 from one event time to the next, where the median is their midpoint
              (and that event time when no event follows); "exactly" is decided in integer arithmetic. The
              interval is Brookmeyer and Crowley's (1982) from the plain Greenwood band: the first event time
              where S − 1.96·SE ≤ 0.5 (lower) and where S + 1.96·SE ≤ 0.5 (upper); none when the band never
              gets there. S is the product over event times of (1 − d/n), with items censored at a time still
              at risk at it.
            - **Confidence label.** high: n ≥ \(ConfidenceLabel.highPeople) and the interval's coefficient of
              variation (width ÷ (2 × 1.96 × value)) ≤ \(ConfidenceLabel.highCV); medium: n ≥ \(ConfidenceLabel.mediumPeople) and
              ≤ \(ConfidenceLabel.mediumCV); else low. A value without an interval, or with one of zero width
              (the sample could not show its variation), is low. n counts independent units: people,
              repositories, deployments or incidents, as each metric's entry says.
            - **Disclosure.** A cell is hidden when fewer than the policy's minimum group size of people
              contribute to it — for a share of people (active share, licence coverage, opt-in rate,
              self-view uptake; an assistant's part too) the people it counts (the active, the seat
              holders, the opted in), since the share and n publish that count — when one person contributes more than the dominance threshold, or as a
              complement: the least-loss pattern that keeps every hidden count of people and events
              uncertain by the policy's protection levels against someone who knows every published figure
              (interval protection; docs/disclosure.md). A
              proportion at exactly 0% or 100% says the same of every unit behind it: the organisation's
              cell (or an assistant's part of it) at 0% or 100% is hidden whenever a team's cell of the same
              metric is hidden, since it would give each hidden team's value. A share of people's answers
              (satisfaction, pooled or per item) at exactly 0% or 100% would give every respondent's answer:
              a team (or the organisation) whose pooled value is there has its satisfaction hidden whole,
              as a primary cell, with complements as for a cell below k. Items are published for the
              organisation only; one of its items there hides all its items and leaves the pooled value
              (hiding the one item would leave it to be worked out from the pooled value and the others).
              Such a cell is marked as a complement is ("hidden so a smaller group's figures cannot be
              worked out"): a mark of its own would tell each member of the team that everyone else
              answered as they did. If the hidden teams together would be at 0% or 100% (two teams that
              both answered alike), the smallest shown team not at a boundary is hidden with them.
            - **Counts of people.** Every count of people printed outside a table cell — consent
              statements, coverage, the transparency report, a signal's evidence — follows one rule: from 1
              to k − 1 it is printed "fewer than k", never with a total that would give it back. A team's
              headcount is published for one population only, the people the programme may count (active
              share's n, and the survey's response rate over the same people), so no two headcounts of a
              team differ by the number who objected. A share of activity at 100% (everyone in a team used an
              assistant) is published: it is the team's figure, and says nothing of one person the team's
              figure does not. docs/reports.md describes the tables and the order of decisions.

            ## The metrics

            """
        for m in all {
            out += "\n### `\(m.id.rawValue)` — \(m.name) (version \(m.version))\n\n"
            out += "- Dimension: \(m.dimension.rawValue), \(m.kind.rawValue); read beside `\(m.pairedWith)`. Unit: \(m.unit.rawValue).\n"
            out += "- Programme (consent): \(m.programme). Sources: " + (m.sources.isEmpty ? "governance inputs" : m.sources.map { "`\($0.rawValue)`" }.joined(separator: ", ")) + ".\n"
            out += "- Definition: \(m.definition)\n"
            out += "- Formula: \(m.formula)\n"
            out += "- Method: \(m.methodology)\n"
            out += "- 95% interval: \(m.interval)\n"
            out += "- n: \(m.n)\n"
            out += "- Caveats: " + m.caveats.joined(separator: " ") + "\n"
            out += "- Never used for: " + m.neverUsedFor.joined(separator: "; ") + ".\n"
        }
        return out
    }
}
