/// The commented `policy.yml` that `candor init` writes.
enum StarterPolicy {
    static let text = """
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

    """
}
