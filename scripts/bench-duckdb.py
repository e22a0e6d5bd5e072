#!/usr/bin/env python3
"""The DuckDB baseline of candor-bench: what a team would write instead of candor.

    python3 scripts/bench-duckdb.py ORGANISATION_FOLDER

Reads the same exported files candor-bench generated (ORGANISATION_FOLDER/inputs) and computes
team x week aggregates for every source with per-person rows — the numbers a dashboard would show,
with no policy, pseudonyms, intervals, disclosure control or reports:

  Q Developer   active people, suggestions, acceptances, acceptance rate
  Kiro          active people, messages
  Copilot       active people, generations, acceptances
  pull requests opened, merged, median hours to merge, median hours to the first review
  reviews       reviews, review comments
  deployments   deployments, failure rate; incidents
  events        suggestions shown, accepted, modified, rejected
  SARIF         results per team and scan
  survey        responses and favourable share per item, per team

Prints one line of JSON: {"seconds": wall time from connecting to the last result fetched (the
import of the duckdb module and the interpreter's start are not counted), "rows": rows per result,
"threads": DuckDB's threads, "version": DuckDB's version}. Needs DuckDB from PyPI (pip install duckdb).
"""
import json
import os
import sys
import time

import duckdb

folder = os.path.join(sys.argv[1], "inputs")


def path(*parts):
    return os.path.join(folder, *parts).replace("'", "''")


start = time.perf_counter()
con = duckdb.connect()
con.execute(f"CREATE TABLE directory AS SELECT * FROM read_csv('{path('directory.csv')}', header = true)")
con.execute(f"CREATE TABLE repositories AS SELECT * FROM read_csv('{path('repositories.csv')}', header = true)")

queries = {
    "q_developer": f"""
        SELECT d.team, date_trunc('week', a.Date) AS week, count(DISTINCT a.UserId) AS people,
               sum(a.Inline_SuggestionsCount) AS shown, sum(a.Inline_AcceptanceCount) AS accepted,
               sum(a.Inline_AcceptanceCount) / nullif(sum(a.Inline_SuggestionsCount), 0) AS acceptance_rate
        FROM read_csv('{path('AWSLogs', '*', 'QDeveloperLogs', 'by_user_analytic', '*', '*', '*', '*', '*', '*.csv')}', header = true) a
        JOIN directory d ON a.UserId = d.person_id AND a.Date >= d."from" AND (d."to" IS NULL OR a.Date <= TRY_CAST(d."to" AS DATE))
        GROUP BY ALL""",
    "kiro": f"""
        SELECT d.team, date_trunc('week', k.Date) AS week, count(DISTINCT k.UserId) AS people, sum(k.Total_Messages) AS messages
        FROM read_csv('{path('AWSLogs', '*', 'KiroLogs', 'user_report', '*', '*', '*', '*', '*', '*.csv')}', header = true) k
        JOIN directory d ON k.UserId = d.person_id
        GROUP BY ALL""",
    "copilot": f"""
        SELECT d.team, date_trunc('week', CAST(c.day AS DATE)) AS week, count(DISTINCT c.user_login) AS people,
               sum(c.code_generation_activity_count) AS generations, sum(c.code_acceptance_activity_count) AS acceptances
        FROM read_json('{path('github', 'copilot', 'users-1-day', '*.ndjson')}', format = 'newline_delimited') c
        JOIN directory d ON c.user_login = d.github_login
        GROUP BY ALL""",
    "pull_requests": f"""
        WITH pulls AS (
            SELECT url, base.repo.full_name AS repository, CAST(created_at AS TIMESTAMP) AS created, CAST(merged_at AS TIMESTAMP) AS merged
            FROM read_json('{path('github', 'pulls', '*.json')}', format = 'array')),
        first_review AS (
            SELECT pull_request_url AS url, min(CAST(submitted_at AS TIMESTAMP)) AS reviewed
            FROM read_json('{path('github', 'reviews', '*.json')}', format = 'array') GROUP BY 1)
        SELECT r.team, date_trunc('week', p.created) AS week, count(*) AS opened, count(p.merged) AS merged,
               median(epoch(p.merged - p.created) / 3600) AS hours_to_merge,
               median(epoch(f.reviewed - p.created) / 3600) AS hours_to_first_review
        FROM pulls p JOIN repositories r ON p.repository = r.repository LEFT JOIN first_review f ON f.url = p.url
        GROUP BY ALL""",
    "reviews": f"""
        WITH reviews AS (
            SELECT regexp_extract(pull_request_url, 'repos/([^/]+/[^/]+)/pulls', 1) AS repository, CAST(submitted_at AS TIMESTAMP) AS at
            FROM read_json('{path('github', 'reviews', '*.json')}', format = 'array')),
        comments AS (
            SELECT regexp_extract(pull_request_url, 'repos/([^/]+/[^/]+)/pulls', 1) AS repository, CAST(created_at AS TIMESTAMP) AS at
            FROM read_json('{path('github', 'review-comments', '*.json')}', format = 'array'))
        SELECT r.team, date_trunc('week', x.at) AS week, count(*) FILTER (WHERE x.kind = 'review') AS reviews,
               count(*) FILTER (WHERE x.kind = 'comment') AS comments
        FROM (SELECT *, 'review' AS kind FROM reviews UNION ALL SELECT *, 'comment' FROM comments) x
        JOIN repositories r ON x.repository = r.repository
        GROUP BY ALL""",
    "deployments": f"""
        WITH deployments AS (
            SELECT regexp_extract(deploymentCommits[1].repoUrl, 'github.com/(.*)$', 1) AS repository,
                   CAST(startedDate AS TIMESTAMP) AS started, result
            FROM read_json('{path('delivery', 'deployments-2026-q3.json')}', format = 'array'))
        SELECT r.team, date_trunc('week', x.started) AS week, count(*) AS deployments,
               avg(CASE WHEN x.result = 'FAILURE' THEN 1.0 ELSE 0.0 END) AS failure_rate
        FROM deployments x JOIN repositories r ON x.repository = r.repository
        GROUP BY ALL""",
    "incidents": f"""
        SELECT r.team, date_trunc('week', CAST(i.created_at AS TIMESTAMP)) AS week, count(*) AS incidents
        FROM read_csv('{path('delivery', 'incidents-2026-q3.csv')}', header = true) i JOIN repositories r ON i.repository = r.repository
        GROUP BY ALL""",
    "events": f"""
        SELECT d.team, date_trunc('week', CAST(e.time AS TIMESTAMP)) AS week,
               count(*) FILTER (WHERE e.type = 'suggestion.shown') AS shown,
               count(*) FILTER (WHERE e.type = 'suggestion.accepted') AS accepted,
               count(*) FILTER (WHERE e.type = 'suggestion.modified') AS modified,
               count(*) FILTER (WHERE e.type = 'suggestion.rejected') AS rejected
        FROM read_json('{path('events', '*.jsonl')}', format = 'newline_delimited') e JOIN directory d ON e.actor = d.person_id
        GROUP BY ALL""",
    "sarif": f"""
        WITH runs AS (SELECT unnest(runs) AS run, filename FROM read_json('{path('sarif', '*.sarif')}', filename = true)),
        results AS (SELECT regexp_extract(run.versionControlProvenance[1].repositoryUri, 'github.com/(.*)$', 1) AS repository,
                           filename, len(run.results) AS results FROM runs)
        SELECT r.team, x.filename, sum(x.results) AS results
        FROM results x JOIN repositories r ON x.repository = r.repository
        GROUP BY ALL""",
    "survey": f"""
        SELECT Team AS team, count(*) AS responses,
               avg(CASE WHEN "I can get my work done without unnecessary friction" >= 4 THEN 1.0 ELSE 0.0 END) AS friction_favourable,
               avg(CASE WHEN "I trust the AI suggestions I accept" >= 4 THEN 1.0 ELSE 0.0 END) AS trust_favourable
        FROM read_csv('{path('survey', '*.csv')}', header = true)
        GROUP BY ALL""",
}

rows = {}
for name, sql in queries.items():
    rows[name] = len(con.execute(sql).fetchall())
seconds = time.perf_counter() - start
threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
print(json.dumps({"seconds": seconds, "rows": rows, "threads": threads, "version": duckdb.__version__}))
