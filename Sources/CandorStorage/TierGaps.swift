import CandorVocabulary
import Foundation
import GRDB

// What an upgrade could not rebuild (docs/tiers.md). A tier added by a newer candor is made from the
// raw rows a database still holds; when a purge had already removed older ones, the figures of those
// older periods cannot be made again. The open that adds the tier records, per tier, the earliest
// day its raw rows still reach (`tier_gap` in the main file), and says so once; the record stays.

/// One tier an upgrade made from what remained after earlier purges.
public struct TierGap: Sendable, Equatable {
    /// The tier ("survey", "events", ...).
    public var tier: String
    /// The figures it feeds, as a reader would name them.
    public var figures: String
    /// The earliest day the remaining raw rows reach (nil: none remained).
    public var from: Day?

    /// What to tell the person who upgraded.
    public var message: String {
        guard let from else {
            return "the \(tier) tier was made when this database was upgraded, after earlier purges had left none of its raw rows: "
                + "\(figures) for the periods before cannot be made again and are now blank"
        }
        let period = Period(containing: from)
        let partial = from == period.first ? "" : "; \(period) is made from its days from then on only"
        return "the \(tier) tier was made when this database was upgraded, from the raw rows that remained after earlier purges: they reach back only "
            + "to \(from.iso8601) (\(period)), so \(figures) for earlier periods cannot be made again and are now blank\(partial)"
    }
}

extension Schema {
    /// Main database: the gaps upgrades recorded.
    static func registerTierGaps(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v32-tier-gap") { db in
            try db.execute(sql: "CREATE TABLE tier_gap (tier TEXT NOT NULL PRIMARY KEY, figures TEXT NOT NULL, reaches TEXT)")
            try db.execute(sql: "INSERT OR IGNORE INTO data_catalog (table_name, tier, sensitivity, category, location) VALUES ('tier_gap', 'governance', 'derived', 'governance', 'main')")
        }
    }

    /// The dataset migrations that add a tier made from raw rows: (migration, tier, figures, earliest raw day).
    static let tierMigrations: [(migration: String, tier: String, figures: String, earliest: String)] = [
        ("d7-assistant-tier", "assistants'", "AI-assistant adoption figures (acceptance, active share, accepted lines)",
         "SELECT MIN(day) FROM (\(StoreQueries.assistantTables.map { "SELECT MIN(day) AS day FROM \($0)" }.joined(separator: " UNION ALL ")))"),
        ("d7-assistant-tier", "pull-request", "flow figures (review pickup, cycle time, review depth)",
         "SELECT MIN(substr(created_at, 1, 10)) FROM github_pull_request"),
        ("d9-survey-tier", "survey", "developer-experience figures", "SELECT MIN(day) FROM survey_response"),
        ("d10-event-tier", "events", "suggestion persistence", "SELECT MIN(substr(time, 1, 10)) FROM tool_event"),
        ("d11-seat-tier", "seats", "licence coverage", "SELECT MIN(seen) FROM copilot_seat"),
    ]
}

extension CandorStore {
    /// The gaps one dataset file's upgrade leaves: for each tier migration `newlyApplied` holds, on a
    /// store that has purged before, the earliest day its raw rows still reach.
    static func tierGaps(_ db: Database, newlyApplied: Set<String>) throws -> [TierGap] {
        try Schema.tierMigrations.filter { newlyApplied.contains($0.migration) }.map { entry in
            TierGap(tier: entry.tier, figures: entry.figures, from: try String.fetchOne(db, sql: entry.earliest).flatMap(Day.parse))
        }
    }

    /// Every gap an upgrade has recorded, by tier.
    public func tierGaps() throws -> [TierGap] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT tier, figures, reaches FROM tier_gap ORDER BY tier").map {
                TierGap(tier: $0["tier"], figures: $0["figures"], from: ($0["reaches"] as String?).flatMap(Day.parse))
            }
        }
    }
}
