import CandorPolicy
import CandorVocabulary
import Foundation
import GRDB

// The pull-request tier (docs/tiers.md, step 2): per pull request, the facts the flow metrics read
// — its owning team on the day it opened, first review by someone else, approvals, review comments —
// made at ingest with the repository directory and the consent registry applied, so that a report
// neither runs a correlated sub-query per pull request nor joins raw rows to ownership and consent,
// and a purge of raw rows changes no flow figure.
//
// Upkeep: a write of a pull request, a review or a review comment marks its pull request in
// `pull_request_dirty` (in the file's transaction); a directory or consent change marks `*`. A change
// of the repository keys (any record can make a bare name ambiguous) or of the policy's repository
// naming resolves every team again, without remaking the rest of the facts. A pull request whose raw rows retention has cut into is `frozen`: it stays as
// first made, except that a consent change still removes it when its author is now excluded.

extension StoreWriter {
    /// Marks a pull request for the tier (once per transaction). A review or comment marks it in every
    /// dataset file: the pull request's fact lives in the file its own row is in, which may be another
    /// (a policy that moved the source between ingests).
    func markPullRequest(_ repository: String, _ number: Int64, everywhere: Bool = false) throws {
        guard marks.pullRequests.insert(PullRequestMark(repository: repository, number: number, everywhere: everywhere)).inserted else { return }
        let files: [Dataset?] = everywhere ? Dataset.allCases : [dataset]
        for file in files {
            try prepared(.markPullRequest, in: file) {
                "INSERT OR IGNORE INTO \(file.map { "\($0.rawValue).pull_request_dirty" } ?? "pull_request_dirty") (repository, number) VALUES (?, ?)"
            }.run(in: db) { $0.text(repository); $0.int(number) }
        }
    }

    /// Marks every pull request of this dataset file (a directory or consent change).
    func markAllPullRequests() throws {
        try db.execute(sql: "INSERT OR IGNORE INTO \(t("pull_request_dirty")) (repository, number) VALUES ('*', 0)")
    }

    /// What the pull-request tier of this file was made under: rule, naming (as text) and keys digest.
    func pullRequestTierState() throws -> (rule: ConsentRule?, naming: String, keys: String)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT programme, required, naming, keys FROM \(t("tier_state")) WHERE tier = 'pull_request'") else { return nil }
        let rule = (row["programme"] as String?).map { ConsentRule(programme: $0, required: row["required"] as Bool? ?? true) }
        return (rule, row["naming"] ?? "", row["keys"] ?? "")
    }

    /// Makes the marked pull requests of this dataset file again (every one not frozen when marked `*`,
    /// or when the consent rule, the naming or the repository keys differ from what the tier was made
    /// under); returns how many were made. The connection's repository naming must be `naming`, and its
    /// keys fresh.
    @discardableResult
    func refreshPullRequestTier(consent: ConsentRule?, naming: RepositoryNaming, keys: String) throws -> Int {
        let state = try pullRequestTierState()
        let namingText = RepositoryKeys.text(naming)
        let dirty = try Row.fetchAll(db, sql: "SELECT repository, number FROM \(t("pull_request_dirty"))")
        let generation = try currentTierGeneration()
        let behind = try tierGeneration("pull_request") != generation
        let everything = state.map { $0.rule != consent } ?? true || dirty.contains { ($0["repository"] as String) == "*" } || behind
        let keysChanged = state.map { $0.naming != namingText || $0.keys != keys } ?? true
        guard everything || !dirty.isEmpty || keysChanged else { return 0 }
        if keysChanged && !everything {
            // Only the owning team rests on the repository keys and naming (a new name anywhere can make
            // a bare one ambiguous): it is resolved again for every pull request not frozen, without
            // remaking the rest of the fact.
            try db.execute(sql: """
                UPDATE \(t("pull_request_fact")) AS f SET team = COALESCE(\(RepositoryKeys.ownerSQL(raw: "f.repository", day: "substr(f.created_at, 1, 10)")), '')
                WHERE f.frozen = 0
                """)
        }
        let selected = everything ? "" : "AND (p.repository, p.number) IN (SELECT repository, number FROM \(t("pull_request_dirty")))"
        try db.execute(sql: everything ? "DELETE FROM \(t("pull_request_fact")) WHERE frozen = 0" : """
            DELETE FROM \(t("pull_request_fact")) WHERE frozen = 0 AND (repository, number) IN (SELECT repository, number FROM \(t("pull_request_dirty")))
            """)
        var arguments: StatementArguments = []
        // Most people have no registry row for the programme: the registry's ids (and their people's
        // ids) are listed once, so only their rows pay for the per-row status look-up.
        func allowed(day: String, person: String) -> String {
            guard let consent else { return "1" }
            if !consent.required { arguments += [consent.programme]; return CandorStore.consentCondition(consent, day: day, person: StoreQueries.resolved(person)) }
            for _ in 0..<5 { arguments += [consent.programme] }
            return """
                (\(person) NOT IN (
                    SELECT c.person FROM consent c WHERE c.programme = ?
                    UNION SELECT a.alias FROM person_alias a JOIN consent c ON c.person = a.person WHERE c.programme = ?
                    UNION SELECT a.person FROM person_alias a JOIN consent c ON c.person = a.alias WHERE c.programme = ?
                    UNION SELECT b.alias FROM person_alias a JOIN consent c ON c.person = a.alias JOIN person_alias b ON b.person = a.person
                          WHERE c.programme = ?)
                 OR \(CandorStore.consentCondition(consent, day: day, person: StoreQueries.resolved(person))))
                """
        }
        // In the order the placeholders appear below: first review, approvals, author.
        let firstReviewer = allowed(day: "substr(r.submitted_at, 1, 10)", person: "r.reviewer")
        let approver = allowed(day: "substr(r.submitted_at, 1, 10)", person: "r.reviewer")
        let author = allowed(day: "substr(p.created_at, 1, 10)", person: "p.author")
        try db.execute(sql: """
            INSERT INTO \(t("pull_request_fact")) (part, repository, number, team, author, author_is_bot, draft, created_at, merged_at, closed_at,
                comments, first_review, approvals)
            SELECT \(StoreQueries.weekPart("substr(p.created_at, 1, 10)")), p.repository, p.number,
                   COALESCE(\(RepositoryKeys.ownerSQL(raw: "p.repository", day: "substr(p.created_at, 1, 10)")), ''),
                   p.author, p.author_is_bot, p.draft, p.created_at, p.merged_at, p.closed_at,
                   -- The count is known from the pull request's own field, or from a review-comments export of its
                   -- repository; with neither it is unknown (NULL), never 0: review depth leaves it out.
                   COALESCE(p.review_comments, CASE WHEN EXISTS (SELECT 1 FROM github_review_comment c WHERE c.repository = p.repository)
                       THEN (SELECT COUNT(*) FROM github_review_comment c WHERE c.repository = p.repository AND c.number = p.number) END),
                   (SELECT MIN(r.submitted_at) FROM github_review r WHERE r.repository = p.repository AND r.number = p.number
                      AND r.reviewer <> p.author AND r.reviewer_is_bot = 0 AND r.state <> 'PENDING' AND \(firstReviewer)),
                   (SELECT GROUP_CONCAT(r.submitted_at, '|') FROM github_review r WHERE r.repository = p.repository AND r.number = p.number
                      AND r.state = 'APPROVED' AND r.reviewer_is_bot = 0 AND r.submitted_at IS NOT NULL AND \(approver))
            FROM \(t("github_pull_request")) p
            WHERE \(author) \(selected)
              AND NOT EXISTS (SELECT 1 FROM \(t("pull_request_fact")) f WHERE f.repository = p.repository AND f.number = p.number)
            """, arguments: arguments)
        let made = db.changesCount
        try updateFrozenPullRequests(everything: everything, allowed: { day, person in
            arguments = []
            let sql = allowed(day: day, person: person)
            return (sql, arguments)
        })
        if everything && consent != nil {
            // A consent change reaches frozen pull requests too: one whose author the registry or the
            // rule now excludes on the day it opened goes. (Reviews in a frozen fact name no one and stay.)
            arguments = []
            let author = allowed(day: "substr(p.created_at, 1, 10)", person: "p.author")
            try db.execute(sql: "DELETE FROM \(t("pull_request_fact")) AS p WHERE p.frozen = 1 AND NOT \(author)", arguments: arguments)
        }
        // A repository's first review-comments export makes its pull requests' unknown comment counts
        // known (0 where none names them), whichever order the files came in.
        try db.execute(sql: """
            UPDATE \(t("pull_request_fact")) AS f
            SET comments = (SELECT COUNT(*) FROM github_review_comment c WHERE c.repository = f.repository AND c.number = f.number)
            WHERE f.comments IS NULL AND f.frozen = 0 AND EXISTS (SELECT 1 FROM github_review_comment c WHERE c.repository = f.repository)
              AND (\(everything ? "1" : "0") OR f.repository IN (SELECT repository FROM \(t("pull_request_dirty"))))
            """)
        try db.execute(sql: "DELETE FROM \(t("pull_request_dirty"))")
        try db.execute(sql: "INSERT OR REPLACE INTO \(t("tier_state")) (tier, programme, required, naming, keys, generation) VALUES ('pull_request', ?, ?, ?, ?, ?)",
                       arguments: [consent?.programme, consent?.required, namingText, keys, generation])
        return made
    }

    /// Frozen pull requests cannot be made again, but what a later export says of them still counts: a
    /// merge or close, a first review, an approval, more comments. Their row fields follow the raw row
    /// when it is there again (a merge time, or a closed pull request's close time, that the raw row no
    /// longer holds — a policy that stopped keeping it — stays as the fact has it; one reopened is open); the first review is the earliest of the fact's and the raw reviews';
    /// approvals are the fact's and the raw ones' (each time counted as often as the more of the two
    /// has it, so an approval both still hold counts once). `allowed(day, person)` is the consent
    /// condition and its arguments.
    private func updateFrozenPullRequests(everything: Bool, allowed: (String, String) -> (String, StatementArguments)) throws {
        // Until a purge has frozen some, there is nothing to update (and the three joins below cost a
        // fifth of a GitHub ingest's upkeep).
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t("pull_request_fact")) WHERE frozen = 1)") == true else { return }
        let selected = everything ? "" : "AND (f.repository, f.number) IN (SELECT repository, number FROM \(t("pull_request_dirty")))"
        let rawComments = "(SELECT COUNT(*) FROM github_review_comment c WHERE c.repository = f.repository AND c.number = f.number)"
        try db.execute(sql: """
            UPDATE \(t("pull_request_fact")) AS f SET draft = p.draft, merged_at = COALESCE(p.merged_at, f.merged_at),
                closed_at = CASE WHEN p.state = 'open' THEN NULL ELSE COALESCE(p.closed_at, f.closed_at) END,
                comments = COALESCE(p.review_comments, CASE WHEN f.comments IS NOT NULL
                        OR EXISTS (SELECT 1 FROM github_review_comment c WHERE c.repository = f.repository)
                    THEN max(COALESCE(f.comments, 0), \(rawComments)) END)
            FROM \(t("github_pull_request")) p
            WHERE f.frozen = 1 AND p.repository = f.repository AND p.number = f.number \(selected)
            """)
        let (reviewer, reviewerArguments) = allowed("substr(r.submitted_at, 1, 10)", "r.reviewer")
        try db.execute(sql: """
            UPDATE \(t("pull_request_fact")) AS f SET first_review = COALESCE(min(f.first_review, n.first), f.first_review, n.first)
            FROM (SELECT r.repository, r.number, MIN(r.submitted_at) AS first FROM github_review r JOIN \(t("pull_request_fact")) f
                    ON f.repository = r.repository AND f.number = r.number
                  WHERE f.frozen = 1 AND r.reviewer <> f.author AND r.reviewer_is_bot = 0 AND r.state <> 'PENDING' AND r.submitted_at IS NOT NULL
                    AND \(reviewer) \(selected)
                  GROUP BY r.repository, r.number) n
            WHERE f.repository = n.repository AND f.number = n.number
            """, arguments: reviewerArguments)
        let (approver, approverArguments) = allowed("substr(r.submitted_at, 1, 10)", "r.reviewer")
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.part, f.repository, f.number, f.approvals, GROUP_CONCAT(r.submitted_at, '|') AS raw
            FROM \(t("pull_request_fact")) f JOIN github_review r ON r.repository = f.repository AND r.number = f.number
            WHERE f.frozen = 1 AND r.state = 'APPROVED' AND r.reviewer_is_bot = 0 AND r.submitted_at IS NOT NULL AND \(approver) \(selected)
            GROUP BY f.part, f.repository, f.number
            """, arguments: approverArguments)
        let update = try db.cachedStatement(sql: "UPDATE \(t("pull_request_fact")) SET approvals = ? WHERE part = ? AND repository = ? AND number = ?")
        for row in rows {
            let old = ((row["approvals"] as String?) ?? "").split(separator: "|").map(String.init)
            let raw = ((row["raw"] as String?) ?? "").split(separator: "|").map(String.init)
            var counts: [String: Int] = [:]
            for time in old { counts[time, default: 0] += 1 }
            var rawCounts: [String: Int] = [:]
            for time in raw { rawCounts[time, default: 0] += 1 }
            for (time, n) in rawCounts where n > counts[time, default: 0] { counts[time] = n }
            let merged = counts.keys.sorted().flatMap { Array(repeating: $0, count: counts[$0]!) }
            guard merged != old.sorted() else { continue }
            try update.execute(arguments: [merged.joined(separator: "|"), row["part"] as String, row["repository"] as String, row["number"] as Int64])
        }
    }

    /// Whether the pull-request tier of this file needs making under these.
    func pullRequestTierNeedsRefresh(consent: ConsentRule?, naming: RepositoryNaming, keys: String) throws -> Bool {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t("pull_request_dirty")))") == true { return true }
        if try tierGeneration("pull_request") != currentTierGeneration() { return true }
        guard let state = try pullRequestTierState() else { return true }
        return state.rule != consent || state.naming != RepositoryKeys.text(naming) || state.keys != keys
    }
}

/// What the tiers are brought up to date under.
public struct TierRequest: Sendable, Equatable {
    /// The assistants' tier's consent rule (the AI-adoption programme's).
    public var assistants: TierRule
    /// The pull-request tier's consent rule (the engineering-metrics programme's).
    public var pullRequests: TierRule
    /// The repository naming pull requests are placed in teams by (nil: as the tier was made, or none).
    public var naming: RepositoryNaming?
    /// The events tier's consent rule (the AI-adoption programme's, as the persistence metric's).
    public var events: TierRule

    public init(assistants: TierRule, pullRequests: TierRule, naming: RepositoryNaming?,
                events: TierRule = .recorded(default: Policy.defaultAssistantRule)) {
        self.assistants = assistants
        self.pullRequests = pullRequests
        self.naming = naming
        self.events = events
    }

    /// As each tier was last made (defaults for a store never made).
    public static let recorded = TierRequest(assistants: .recorded(default: Policy.defaultAssistantRule),
                                             pullRequests: .recorded(default: Policy.defaultEngineeringRule), naming: nil)

    /// Under a policy: its programmes' rules and its repository naming.
    public static func policy(_ policy: Policy) -> TierRequest {
        TierRequest(assistants: .rule(policy.consentRule(for: Policy.assistantProgramme)),
                    pullRequests: .rule(policy.consentRule(for: Policy.engineeringProgramme)), naming: policy.repositories,
                    events: .rule(policy.consentRule(for: Policy.assistantProgramme)))
    }
}

/// How many parts and pull requests a refresh made.
public struct TierRefresh: Sendable, Equatable {
    public var assistantParts = 0
    public var pullRequests = 0
    public var surveyParts = 0
    public var eventQuarters = 0
    public var seatQuarters = 0
    public var isEmpty: Bool { assistantParts == 0 && pullRequests == 0 && surveyParts == 0 && eventQuarters == 0 && seatQuarters == 0 }
}

extension CandorStore {
    /// Brings every dataset file's tiers up to date under `request`. Writes nothing when all are.
    /// The connection's repository naming is left as it was.
    @discardableResult
    public func refreshTiers(_ request: TierRequest) throws -> TierRefresh {
        func prRule(_ db: Database, _ dataset: Dataset) throws -> (ConsentRule?, RepositoryNaming) {
            let state = try StoreWriter(db: db, dataset: dataset).pullRequestTierState()
            let rule = request.pullRequests.resolved(recorded: state.map(\.rule))
            return (rule, request.naming ?? state.map { RepositoryKeys.naming(text: $0.naming) } ?? RepositoryNaming())
        }
        // The keys under a naming, on this connection (restoring its own naming after); setting the
        // naming makes the keys stale, so it is set only when it differs, and a digest is made once per naming.
        var digests: [String: String] = [:]
        func keys(_ db: Database, _ naming: RepositoryNaming) throws -> String {
            let text = RepositoryKeys.text(naming)
            if let known = digests[text] { return known }
            if try RepositoryKeys.naming(db) != naming { try RepositoryKeys.setNaming(db, naming) }
            try RepositoryKeys.refresh(db)
            let digest = try RepositoryKeys.digest(db)
            digests[text] = digest
            return digest
        }
        func restore(_ db: Database, _ own: RepositoryNaming) throws {
            if try RepositoryKeys.naming(db) != own { try RepositoryKeys.setNaming(db, own) }
        }
        let stale = try queue.inDatabase { db -> Bool in
            let own = try RepositoryKeys.naming(db)
            defer { try? restore(db, own) }
            for dataset in Dataset.allCases {
                let writer = StoreWriter(db: db, dataset: dataset)
                if try writer.assistantTierNeedsRefresh(request.assistants) { return true }
                if try writer.surveyTierNeedsRefresh() { return true }
                if try writer.seatTierNeedsRefresh() { return true }
                if try writer.eventTierNeedsRefresh(request.events) { return true }
                let (rule, naming) = try prRule(db, dataset)
                if try writer.pullRequestTierNeedsRefresh(consent: rule, naming: naming, keys: keys(db, naming)) { return true }
            }
            return false
        }
        guard stale else { return TierRefresh() }
        return try queue.write { db in
            let own = try RepositoryKeys.naming(db)
            // The assistants' tier writes first: the keys are made after it (its writes make them stale).
            digests.removeAll()
            var made = TierRefresh()
            for dataset in Dataset.allCases {
                let writer = StoreWriter(db: db, dataset: dataset)
                made.assistantParts += try writer.refreshAssistantTier(request.assistants)
                made.surveyParts += try writer.refreshSurveyTier()
                made.seatQuarters += try writer.refreshSeatTier()
                made.eventQuarters += try writer.refreshEventTier(request.events)
                let (rule, naming) = try prRule(db, dataset)
                made.pullRequests += try writer.refreshPullRequestTier(consent: rule, naming: naming, keys: keys(db, naming))
            }
            try restore(db, own)
            return made
        }
    }
}

extension StoreReading {
    /// Throws unless the pull-request tier this handle reads is up to date, made under `consent` and
    /// under this connection's repository naming.
    func requirePullRequestTier(_ consent: ConsentRule?) throws {
        let (dirty, states, naming, behind) = try queue.inDatabase { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT DISTINCT repository, number FROM pull_request_dirty)") ?? 0,
             try Row.fetchAll(db, sql: "SELECT DISTINCT programme, required, naming FROM tier_state WHERE tier = 'pull_request'"),
             RepositoryKeys.text(try RepositoryKeys.naming(db)),
             try Self.tiersBehindDirectory(db, tier: "pull_request"))
        }
        if behind {
            throw StoreError(path: path, message: "the pull-request tier was made before the directory or the consent registry last changed",
                             hint: "run `candor ingest` with the same policy (it brings the tiers up to date), then this report again")
        }
        if dirty > 0 {
            throw StoreError(path: path, message: "the pull-request tier has \(dirty) pull request\(dirty == 1 ? "" : "s") changed since it was made",
                             hint: "run `candor ingest` with the same policy (it brings the tiers up to date), then this report again")
        }
        for row in states {
            let rule = (row["programme"] as String?).map { ConsentRule(programme: $0, required: row["required"] as Bool? ?? true) }
            if rule != consent || (row["naming"] as String? ?? "") != naming {
                throw StoreError(path: path, message: "the pull-request tier was made under another consent programme or repository naming than this report's",
                                 hint: "run `candor ingest` with this policy to make the tier again, then this report again")
            }
        }
    }

    /// Pull requests opened in the period, with their first non-author review, approvals and comment
    /// counts, from the pull-request tier. With `consent` (the engineering-metrics programme's), a pull
    /// request whose author had objected by the day it was opened is left out, and so is a review by
    /// someone who had objected by the day they submitted it: both are records of what that person did.
    public func pullRequestFacts(_ period: Period, consent: ConsentRule? = nil) throws -> [PullRequestFacts] {
        try preparePullRequestTier(consent)
        return try queue.read { db in
            var out: [PullRequestFacts] = []
            // Every pull request of an author (or team) shares one copy of its text.
            var strings: [String: String] = [:]
            func shared(_ text: String) -> String {
                if let known = strings[text] { return known }
                strings[text] = text
                return text
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT team, repository, author, author_is_bot, draft, created_at, merged_at, closed_at, comments, first_review, approvals
                FROM pull_request_fact WHERE part BETWEEN ? AND ? ORDER BY repository, number
                """, arguments: [period.first.iso8601, period.last.iso8601])
            while let row = try rows.next() {
                guard let opened = Self.seconds(row["created_at"]) else { continue }
                let team: String = row["team"]
                let approvals = ((row["approvals"] as String?) ?? "").split(separator: "|").compactMap { Timestamp.parseISO8601(String($0)) }
                var facts = PullRequestFacts(team: team.isEmpty ? nil : shared(team), author: shared(row["author"]), openedAt: opened, draft: row["draft"],
                                             authorIsBot: row["author_is_bot"], firstReviewAt: Self.seconds(row["first_review"]),
                                             mergedAt: Self.seconds(row["merged_at"]), closedAt: Self.seconds(row["closed_at"]),
                                             reviewComments: row["comments"], approvals: approvals)
                facts.repository = shared(row["repository"])
                out.append(facts)
            }
            return out
        }
    }
}
