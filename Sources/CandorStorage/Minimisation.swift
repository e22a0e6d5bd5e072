import CandorPolicy
import CandorVocabulary
import GRDB

// Minimisation of what is already stored (issue 20, item 7): the ingest gate keeps out what the
// policy does not allow from now on; this removes what an earlier, wider policy (or an earlier
// candor, whose default kept every field) stored. It runs with every purge — before `run` and every
// report, and in `candor purge` — and costs one scan of each table it may change.

extension SourceFamily {
    /// Where each optional field is stored: the table and the columns it clears (a NOT NULL column
    /// is cleared to ''). Event attributes and Copilot's breakdown are rows, handled apart.
    var storedFields: [String: (table: String, columns: [String])] {
        typealias Place = (table: String, columns: [String])
        func each(_ table: String, _ fields: [String]) -> [(String, Place)] { fields.map { ($0, (table: table, columns: [$0])) } }
        let places: [(String, Place)]
        switch self {
        case .qDeveloper:
            places = QDeveloperMetric.allCases.map { ($0.rawValue, (table: "qdev_activity", columns: [$0.columnName])) }
        case .codeGuruReviewer:
            places = each("codeguru_code_review", ["provider_type", "type", "pull_request_id", "updated_at", "metered_lines", "suppressed_lines", "findings"])
                + each("codeguru_recommendation", ["file_path", "start_line", "end_line", "category", "rule_id", "severity"])
                + each("codeguru_feedback", ["reaction"])
        case .codeGuruSecurity:
            places = each("codeguru_security_finding", ["type", "detector_id", "rule_id", "file_path", "start_line", "end_line", "updated_at"])
        case .sarif:
            places = each("sarif_result", ["uri", "start_line", "baseline_state"]) + [("suppression", (table: "sarif_result", columns: ["suppression_kind", "suppression_status"]))]
        case .github:
            places = each("github_pull_request", ["closed_at", "merged_at", "review_comments", "additions", "deletions"])
                + each("github_review", ["submitted_at"]) + each("github_review_comment", ["review_id"])
        case .delivery:
            places = each("incident", ["repository", "component", "resolved_at", "status", "severity", "priority", "caused_by_deployment"])
        case .kiro, .assistantUsage, .copilot, .events, .survey:
            places = []
        }
        return Dictionary(uniqueKeysWithValues: places)
    }

    /// Tables of records no published figure reads, deleted when the policy states no purpose for the source.
    var unreadTables: [String] {
        switch self {
        case .copilot: ["copilot_scope_day", "copilot_user_team_day"]
        case .codeGuruSecurity: ["codeguru_security_metric_day"]
        default: []
        }
    }

    /// Columns stored NOT NULL: cleared to '' rather than NULL.
    static let notNullColumns: Set<String> = ["codeguru_recommendation.file_path"]
}

extension StoreWriter {
    /// Clears, in this dataset file, every optional field `sources` do not keep, and deletes the records
    /// no published figure reads of every source without a purpose; returns (tier, reason, rows), with
    /// the tiers ``PurgeWording`` names. `assistantConsent` is the assistants' programme rule, under
    /// which the weekly team tier is made again when Q Developer's counts were cleared.
    func minimise(_ sources: [SourcePolicy], assistantConsent: ConsentRule?) throws -> [(String, String, Int)] {
        var removed: [(String, String, Int)] = []
        func cleared(_ family: SourceFamily) {
            if db.changesCount > 0 { removed.append((PurgeWording.cleared, "\(family.rawValue) fields the policy does not keep", db.changesCount)) }
        }
        for entry in sources {
            let family = entry.family
            if let allowed = entry.allowedFields {
                let dropped = family.optionalFields.filter { !allowed.contains($0) }
                // One UPDATE per table: every column the policy does not keep, on the rows that hold one.
                var byTable: [String: [String]] = [:]
                for field in dropped { if let place = family.storedFields[field] { byTable[place.table, default: []] += place.columns } }
                for (table, columns) in byTable.sorted(by: { $0.key < $1.key }) {
                    let set = columns.map { "\($0) = \(SourceFamily.notNullColumns.contains(table + "." + $0) ? "''" : "NULL")" }.joined(separator: ", ")
                    let held = columns.map { SourceFamily.notNullColumns.contains(table + "." + $0) ? "\($0) <> ''" : "\($0) IS NOT NULL" }.joined(separator: " OR ")
                    // A review's submission time dates it in "records on N of M days": those days are kept first.
                    if table == "github_review" { try keepSourceDays(family) }
                    try db.execute(sql: "UPDATE \(t(table)) SET \(set) WHERE \(held)")
                    cleared(family)
                    if table == "qdev_activity", db.changesCount > 0 { try remakePersonWeeks(consent: assistantConsent) }
                }
                if family == .events {
                    let kept = Array(allowed)
                    try db.execute(sql: "DELETE FROM \(t("tool_event_attribute")) WHERE name NOT IN (\(kept.map { _ in "?" }.joined(separator: ", ")))",
                                   arguments: StatementArguments(kept))
                    cleared(family)
                }
                if family == .copilot, !allowed.contains("feature_breakdown") {
                    try db.execute(sql: "DELETE FROM \(t("copilot_user_feature_day"))")
                    // The breakdown is stored as rows of its own: they are deleted, not cleared.
                    if db.changesCount > 0 { removed.append(("raw", "copilot feature breakdown the policy does not keep", db.changesCount)) }
                    try db.execute(sql: "UPDATE \(t("copilot_user_day")) SET features_withheld = 1 WHERE features_withheld = 0")
                    cleared(family)
                }
            }
            guard entry.purpose == nil else { continue }
            for table in family.unreadTables {
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t(table)))") == true else { continue }
                // The days the records were on stay counted in "records on N of M days".
                try keepSourceDays(family)
                try db.execute(sql: "DELETE FROM \(t(table))")
                removed.append((PurgeWording.unread, "\(family.rawValue) records no published figure reads", db.changesCount))
            }
            if family == .events {
                let types = ToolEvent.figureTypes.sorted()
                let unread = "person IS NULL OR type NOT IN (\(types.map { "'\($0)'" }.joined(separator: ", ")))"
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t("tool_event")) WHERE \(unread))") == true else { continue }
                try keepSourceDays(family)
                try db.execute(sql: "DELETE FROM \(t("tool_event_attribute")) WHERE event_key IN (SELECT event_key FROM \(t("tool_event")) WHERE \(unread))")
                try db.execute(sql: "DELETE FROM \(t("tool_event")) WHERE \(unread)")
                removed.append((PurgeWording.unread, "events records no published figure reads", db.changesCount))
            }
        }
        return removed
    }

    /// Keeps every day `family` has records on (no person in it), as retention does before it deletes.
    private func keepSourceDays(_ family: SourceFamily) throws {
        guard let entry = StoreQueries.sourceDayQueries(t).first(where: { $0.family == family }) else { return }
        try db.execute(sql: "INSERT OR IGNORE INTO \(t("source_day_kept")) (family, day) SELECT ?, d FROM (\(entry.sql)) WHERE d IS NOT NULL",
                       arguments: [family.rawValue])
    }

    /// Makes the person-week tier's accepted and shown counts again from the stored rows, for every week
    /// retention has not closed, then the team weeks: after Q Developer's counts were cleared, the
    /// weekly tiers hold no count the stored rows no longer have (and a later ingest that brings them
    /// back adds them once). A count cleared is 0 there, as the ingest's weekly changes count it.
    private func remakePersonWeeks(consent: ConsentRule?) throws {
        let accepted = QDeveloperMetric.inlineAcceptanceCount.columnName, shown = QDeveloperMetric.inlineSuggestionsCount.columnName
        let weekOf = StoreQueries.monday("a.day")
        try db.execute(sql: """
            UPDATE \(t("qdev_person_week")) AS w SET accepted = s.accepted, shown = s.shown
            FROM (SELECT \(weekOf) AS week, a.person, SUM(max(0, COALESCE(a.\(accepted), 0))) AS accepted, SUM(max(0, COALESCE(a.\(shown), 0))) AS shown
                  FROM \(t("qdev_activity")) a GROUP BY 1, 2) s
            WHERE w.week = s.week AND w.person = s.person AND w.week NOT IN (SELECT week FROM \(t("frozen_week")))
              AND (w.accepted <> s.accepted OR w.shown <> s.shown)
            """)
        if db.changesCount > 0 { try refreshTeamWeeks(nil, consent: consent) }
    }
}
