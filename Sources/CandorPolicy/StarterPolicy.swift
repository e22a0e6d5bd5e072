import CandorVocabulary

/// The commented `policy.yml` that `candor init` writes.
package enum StarterPolicy {
    /// One line per source: its default dataset and the fields a published figure reads.
    static var sourceLines: String {
        SourceFamily.allCases.map { family in
            let fields = family.usedFields
            return "  \(family.rawValue): {dataset: \(family.defaultDataset.rawValue)"
                + (family.optionalFields.isEmpty ? "" : ", fields: [\(fields.joined(separator: ", "))]") + "}"
        }.joined(separator: "\n")
    }

    package static let text = """
    # candor policy — the governance contract for this telemetry programme.
    #
    # Every report candor writes quotes this file's purpose and its SHA-256, so changes
    # to it are visible to everyone who reads the reports. Review it with your governance
    # board (engineering, security, legal, HR and employee representatives) before first use.
    version: 1

    # Why telemetry is collected, in plain words. Required: candor refuses to run without it.
    # Say what decisions the numbers help teams make, and who makes them.
    purpose: >
      Help teams understand how AI coding assistants affect their own engineering work,
      so they can decide together where to invest in tools, training and practices.
      Team-level only; never used to evaluate, rank or pay individuals.

    # Minimum group size (k). A team figure built from fewer people than this is not
    # shown: the report says "suppressed (fewer than k people)" and gives no number.
    # 5 is common practice for data about people; candor will not accept less than 3.
    minimum_group_size: 5

    # How many days each storage tier is kept before `candor purge` deletes it.
    #   raw       — per person per day, pseudonymous. Personal data: keep it short.
    #   enriched  — per person per ISO week.
    #   aggregate — per team per week, enough to report past quarters.
    retention_days:
      raw: 90
      enriched: 400
      aggregate: 1825

    # The secret key for pseudonyms (HMAC-SHA256 of each person's id). It lives outside the
    # database, so the database alone cannot be linked back to people. Keep it at mode 0600,
    # back it up separately, and never commit it to version control. Relative to this file.
    key_file: candor.key

    # The SQLite database, relative to this file (optional; --database overrides it).
    database: candor.sqlite

    # Uses the data must never serve. A report request that declares one (--purpose) is refused
    # and the refusal is logged. These five are always refused; you may add more, never remove them.
    prohibited_uses: [compensation, promotion, termination, performance improvement plan, ranking]

    # A team figure is hidden when one person contributes more than this share of it.
    dominance_threshold: 0.5

    # Programmes: required ones use everyone's data except people who objected (from the day they
    # objected); optional ones use only people who opted in (from the day they did). The personal
    # self-view is always optional.
    programmes:
      ai-adoption: required          # AI-assistant usage
      engineering-metrics: required  # quality, flow, delivery and survey figures
      self-view: optional

    # Sources: for each tool, the dataset its records belong to (coaching, operational or
    # compliance — a report reads only the datasets its audience may see) and the optional fields
    # kept. The lists below are exactly the fields a published figure reads (a metric, a gaming
    # signal, or the approved security review's categories); `candor policy check` shows which
    # figure reads each one. Every other field is dropped at ingest and counted for the
    # transparency report. To keep more (`fields: all`, or a longer list), add `purpose:` saying
    # who uses it and why; records no figure reads (event types no metric interprets, Copilot's
    # legacy organisation metrics, CodeGuru Security's account metrics) are stored only under a
    # `purpose:` too. A source not listed here keeps what the figures read. Content (prompts,
    # responses, code, snippets, file contents, free text) is never read, whatever this says.
    sources:
    \(sourceLines)

    # Fields never stored from any source, on top of content.
    prohibited_fields: []

    # What each audience may see, by dataset. Security findings (compliance) are for the
    # security-reviewer audience only, and only with `--approval REF`.
    audiences:
      governance-board: [coaching, operational]
      all-staff: [coaching, operational]
      team: [coaching, operational]
      security-reviewer: [operational, compliance]
      self: [coaching, operational]

    # Published targets, by metric id. candor looks for team values bunching just above them.
    targets: {}

    # Review and calibration dates. candor looks for activity bursts in the weeks before them.
    review_calendar: []

    # Who emailed team summaries come from (`candor report team`, sent by `candor send`). Each
    # team's summary goes to the addresses in the directory's team_email column for that team.
    # email:
    #   from: "Developer Experience <devex@example.com>"
    #   reply_to: governance-board@example.com

    # Thresholds of the gaming-signal detectors (docs/signals.md). Leave a key out for its default.
    signals:
      alpha: 0.05                   # false discovery rate over each period's tests (Benjamini–Hochberg)
      bunching_bin_width: 0.02      # bins either side of a target, in the metric's unit
      burst_window_days: 14         # days before a review date compared with the rest of the period
      burst_minimum_ratio: 1.5      # the window's daily rate ÷ the rest of the period's
      response_rate_drop: 0.30      # a fall in a team's survey response rate …
      satisfaction_rise: 0.15       # … that makes a rise in satisfaction this large suspect

    """
}
