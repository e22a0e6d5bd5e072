import CandorPolicy
import CandorVocabulary
import GRDB

/// Coverage: per source, what was read for a period and how much of it joins a person, a team or a
/// repository the directories know — and the repositories that join nothing.
extension StoreReading {
    /// The person-based sources: table, its person column, its day expression.
    static var personSources: [(SourceFamily, String, String, String)] {
        [(.qDeveloper, "qdev_activity", "person", "r.day"), (.copilot, "copilot_user_day", "person", "r.day"),
         (.kiro, "kiro_user_day", "person", "r.day"), (.assistantUsage, "assistant_usage_day", "person", "r.day"), (.events, "tool_event", "person", "substr(r.time, 1, 10)")]
    }

    /// The repository-based sources: table, its day expression.
    static var repositorySources: [(SourceFamily, String, String)] {
        [(.github, "github_pull_request", "substr(r.created_at, 1, 10)"), (.sarif, "sarif_scan", "substr(COALESCE(r.completed_at, '9999-12-31'), 1, 10)"),
         (.codeGuruReviewer, "codeguru_code_review", "substr(r.created_at, 1, 10)"), (.delivery, "deployment", "substr(r.finished_at, 1, 10)"),
         (.delivery, "incident", "substr(r.created_at, 1, 10)")]
    }

    /// Every source's coverage for `period` (sources with no record in it are left out).
    public func coverage(_ period: Period) throws -> [SourceCoverage] {
        try refreshRepositoryKeys()
        return try queue.read { db in
            let range: StatementArguments = [period.first.iso8601, period.last.iso8601]
            var out: [SourceCoverage] = []
            for (source, table, column, day) in Self.personSources {
                let row = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*) AS records, COUNT(DISTINCT d) AS days, SUM(placed) AS placed,
                           COUNT(DISTINCT CASE WHEN placed = 0 THEN p END) AS outside_people
                    FROM (SELECT \(day) AS d, COALESCE(al.person, r.\(column)) AS p,
                                 EXISTS (SELECT 1 FROM team_membership m WHERE m.person = COALESCE(al.person, r.\(column))
                                         AND \(day) >= m.valid_from AND (m.valid_to IS NULL OR \(day) <= m.valid_to)) AS placed
                          FROM \(table) r LEFT JOIN person_alias al ON al.alias = r.\(column) WHERE \(day) BETWEEN ? AND ?)
                    """, arguments: range)!
                let records: Int = row["records"]
                guard records > 0 else { continue }
                let placed: Int = row["placed"] ?? 0
                out.append(SourceCoverage(source: source, basis: .person, records: records, placed: placed, outside: records - placed,
                                          outsidePeople: row["outside_people"], days: row["days"]))
            }
            var byFamily: [SourceFamily: SourceCoverage] = [:]
            for (source, table, day) in Self.repositorySources {
                let row = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*) AS records, COUNT(DISTINCT \(day)) AS days, SUM(r.repository IS NULL) AS bare,
                           COUNT(\(RepositoryKeys.ownerSQL(raw: "r.repository", day: day))) AS placed
                    FROM \(table) r WHERE \(day) BETWEEN ? AND ?
                    """, arguments: range)!
                let records: Int = row["records"]
                guard records > 0 else { continue }
                var c = byFamily[source] ?? SourceCoverage(source: source, basis: .repository, records: 0, placed: 0, days: 0)
                c.records += records
                c.placed += row["placed"] as Int
                c.noRepository += row["bare"] as Int? ?? 0
                c.unmatched = c.records - c.placed - c.noRepository
                c.days = max(c.days, row["days"] as Int)
                byFamily[source] = c
            }
            out += byFamily.values.sorted { $0.source.rawValue < $1.source.rawValue }
            let survey = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS records, COUNT(DISTINCT r.day) AS days,
                       SUM(EXISTS (SELECT 1 FROM team_membership m WHERE m.team = r.team)) AS placed
                FROM survey_response r WHERE r.day IS NULL OR r.day BETWEEN ? AND ?
                """, arguments: range)!
            if (survey["records"] as Int) > 0 {
                let records: Int = survey["records"], placed: Int = survey["placed"] ?? 0
                out.append(SourceCoverage(source: .survey, basis: .team, records: records, placed: placed, outside: records - placed, days: survey["days"]))
            }
            return out
        }
    }

    /// Repositories records of `period` name that no directory entry owns, with their record counts,
    /// the closest directory entry by name, or the names a bare name is ambiguous between.
    public func unmatchedRepositories(_ period: Period) throws -> [UnmatchedRepository] {
        try refreshRepositoryKeys()
        return try queue.read { db in
            let range: StatementArguments = [period.first.iso8601, period.last.iso8601]
            var counts: [String: (records: Int, sources: Set<SourceFamily>, ambiguous: String?)] = [:]
            for (source, table, day) in Self.repositorySources {
                for row in try Row.fetchAll(db, sql: """
                    SELECT COALESCE(k.key, r.repository) AS name, k.ambiguous AS ambiguous, COUNT(*) AS n FROM \(table) r
                    LEFT JOIN repository_key k ON k.raw = r.repository
                    WHERE \(day) BETWEEN ? AND ? AND r.repository IS NOT NULL AND \(RepositoryKeys.ownerSQL(raw: "r.repository", day: day)) IS NULL
                    GROUP BY 1, 2
                    """, arguments: range) {
                    let name: String = row["name"]
                    var v = counts[name] ?? (0, [], nil)
                    v.records += row["n"] as Int
                    v.sources.insert(source)
                    v.ambiguous = v.ambiguous ?? row["ambiguous"]
                    counts[name] = v
                }
            }
            let owned = try String.fetchAll(db, sql: "SELECT DISTINCT key FROM repository_owner_key ORDER BY key")
            return counts.sorted { $0.key < $1.key }.map { name, v in
                UnmatchedRepository(name: name, records: v.records, sources: v.sources.sorted { $0.rawValue < $1.rawValue },
                                    closest: Self.closest(name, among: owned),
                                    ambiguousBetween: v.ambiguous.map { $0.components(separatedBy: ", ") } ?? [])
            }
        }
    }

    /// The directory entry whose own name is nearest `name`'s (edit distance at most a third of the
    /// name's length), or nil.
    static func closest(_ name: String, among owned: [String]) -> String? {
        let own = RepositoryIdentity.name(name)
        let scored = owned.map { ($0, editDistance(own, RepositoryIdentity.name($0))) }
        guard let best = scored.min(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }), best.1 <= max(1, own.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance (Levenshtein 1966), over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
