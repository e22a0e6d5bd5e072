import CandorVocabulary
import Foundation
import Yams

/// The governance contract: why telemetry is collected and the limits on its use.
///
/// Loaded from `policy.yml`. candor refuses to run without a stated purpose.
public struct Policy: Sendable, Equatable {
    /// Retention windows, in days, per storage tier.
    public struct Retention: Sendable, Equatable {
        public var rawDays: Int
        public var enrichedDays: Int
        public var aggregateDays: Int
        /// What `run` and every report do about records past these windows before reading
        /// (`retention_enforcement`): purge them (the default), or refuse with the command that does.
        public var enforcement: Enforcement = .purge

        public enum Enforcement: String, Sendable, Equatable, CaseIterable {
            case purge, refuse
        }
    }

    /// Why this programme collects telemetry, in the words people will read in every report.
    public var purpose: String
    /// Team cells with fewer contributors are suppressed (k).
    public var minimumGroupSize: Int
    public var retention: Retention
    /// The pseudonymisation key file, resolved against the policy file's folder.
    public var keyFile: String
    /// The SQLite database, resolved against the policy file's folder, when the policy names one.
    public var database: String?
    /// SHA-256 of the policy file's bytes, shown in reports.
    public var sha256: String
    /// Where the policy was read from.
    public var path: String

    /// The default minimum group size (k = 5: common practice for people data; see DESIGN.md).
    public static let defaultMinimumGroupSize = 5
    /// The smallest k a policy may set: below 3 a cell singles people out (SDC Handbook, ch. 4).
    public static let smallestMinimumGroupSize = 3

    /// How to read the developer survey, when the policy has a `survey:` section.
    public var survey: SurveyMapping?
    /// How to read the organisation's own CSVs (directories, governance and delivery files), in order (`mappings:`).
    public var mappings: [CSVMapping] = []
    /// How the organisation names its repositories (`repositories:`): the owner of bare names, and other tools' names.
    public var repositories = RepositoryNaming()
    /// Programmes and whether each is required (everyone's data, minus objections) or optional
    /// (only people who opted in). Default: `ai-adoption` and `engineering-metrics` required, `self-view` optional.
    public var programmes: [String: Bool] = Policy.defaultProgrammes
    public static let defaultProgrammes = ["ai-adoption": true, "engineering-metrics": true, "self-view": false]
    /// The programme every AI assistant's use belongs to (the adoption metrics' programme).
    public static let assistantProgramme = "ai-adoption"
    /// The consent rule of ``assistantProgramme`` under the default programmes: what the assistants'
    /// tier is built under until a policy says otherwise.
    public static var defaultAssistantRule: ConsentRule {
        ConsentRule(programme: assistantProgramme, required: defaultProgrammes[assistantProgramme] ?? false)
    }
    /// The programme pull requests and reviews belong to (the flow metrics' programme).
    public static let engineeringProgramme = "engineering-metrics"
    /// The consent rule of ``engineeringProgramme`` under the default programmes.
    public static var defaultEngineeringRule: ConsentRule {
        ConsentRule(programme: engineeringProgramme, required: defaultProgrammes[engineeringProgramme] ?? false)
    }

    /// How the consent registry applies to `programme` (unknown programmes are treated as optional).
    public func consentRule(for programme: String) -> ConsentRule {
        ConsentRule(programme: programme, required: programmes[programme] ?? false)
    }

    /// A team figure is hidden when one person contributes more than this share of it ((1, t)-dominance).
    public var dominanceThreshold: Double = Policy.defaultDominanceThreshold
    public static let defaultDominanceThreshold = 0.5
    /// Interval protection of hidden cells (docs/disclosure.md): a hidden count of events must stay
    /// uncertain by at least this share each way, a hidden count of people by this many people.
    public var protection = Protection()
    public struct Protection: Sendable, Equatable {
        public var eventsShare = 0.2
        public var people = 1
        public init() {}
    }
    /// Uses the data must never serve; a request declaring one is refused (default: ``Purpose/defaultProhibited``).
    public var prohibitedUses: [String] = Purpose.defaultProhibited

    /// Per source: dataset and the fields kept. Sources the policy does not name keep their default
    /// dataset and every field candor reads (minus prohibited fields); see ``sourcePolicy(for:)``.
    public var sources: [SourceFamily: SourcePolicy] = [:]
    /// Fields never stored from any source, on top of content, which candor never reads at all.
    public var prohibitedFields: [String] = []
    /// The datasets each audience may see.
    public var audiences: [Audience: Set<Dataset>] = Policy.defaultAudiences
    public static let defaultAudiences = Dictionary(uniqueKeysWithValues: Audience.allCases.map { ($0, $0.defaultDatasets) })
    /// Metrics the board retired (`retired_metrics:`): not published in the quarters they cover.
    public var retiredMetrics: [RetiredMetric] = []
    /// The retirement of `metric` in force in `period`, if any.
    public func retirement(of metric: String, in period: Period) -> RetiredMetric? {
        retiredMetrics.first { $0.metric == metric && $0.covers(period) }
    }
    /// Published targets per metric id (threshold-bunching detection looks just above them).
    public var targets: [String: Double] = [:]
    /// Review and calibration dates (pre-review bursts are looked for before them).
    public var reviewCalendar: [ReviewDate] = []
    /// Thresholds of the gaming-signal detectors (`signals:`).
    public var signals = SignalThresholds()
    /// Who emailed team summaries come from (`email:`); without it no `.eml` is written.
    public var email: EmailSettings?

    /// What the policy says about a source family (its entry, or the defaults).
    public func sourcePolicy(for family: SourceFamily) -> SourcePolicy {
        sources[family] ?? .minimal(family, prohibited: Set(prohibitedFields))
    }

    static let knownKeys: Set<String> = ["version", "purpose", "minimum_group_size", "retention_days", "key_file", "database", "survey", "mappings", "repositories",
                                         "prohibited_uses", "dominance_threshold", "protection", "programmes", "sources", "prohibited_fields",
                                         "audiences", "targets", "review_calendar", "signals", "email", "retired_metrics",
                                         "retention_enforcement"]

    /// Reads and validates a policy file.
    /// - Throws: ``PolicyError`` naming the file, line and what to change.
    public static func load(path: String) throws -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw PolicyError(path: path, line: nil, message: "cannot read the policy file", hint: "make it readable by this user")
            }
            throw PolicyError(path: path, line: nil, message: "no policy file here",
                              hint: "create one with `candor init DIR`, or pass --policy PATH")
        }
        guard data.count <= 1 << 20 else {
            throw PolicyError(path: path, line: nil, message: "the policy file is larger than 1 MiB", hint: "check that this is the right file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyError(path: path, line: nil, message: "the policy file is not UTF-8 text", hint: "save it as UTF-8")
        }
        let policy = try parse(text, path: path)
        return policy
    }

    /// Parses policy text; `path` is used for messages and to resolve relative paths.
    public static func parse(_ text: String, path: String) throws -> Policy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PolicyError(yaml: error, path: path)
        }
        guard let root, let mapping = root.mapping else {
            throw PolicyError(path: path, line: root?.mark?.line, message: "the policy must be a mapping of keys to values",
                              hint: "start from the file `candor init` writes")
        }
        for (key, _) in mapping {
            let name = key.string ?? ""
            if !knownKeys.contains(name) {
                throw PolicyError(path: path, line: key.mark?.line, message: "unknown key '\(name)'",
                                  hint: "known keys: \(knownKeys.sorted().joined(separator: ", "))")
            }
        }
        if let version = mapping["version"], version.int != 1 {
            throw PolicyError(path: path, line: version.mark?.line, message: "unsupported policy version",
                              hint: "this candor reads version: 1")
        }
        guard let purposeNode = mapping["purpose"], let purposeText = purposeNode.string,
              !purposeText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw PolicyError(path: path, line: mapping["purpose"]?.mark?.line ?? root.mark?.line,
                              message: "the policy states no purpose; candor will not run without one",
                              hint: "add `purpose:` saying, in plain words, why this telemetry is collected and what it helps teams decide")
        }
        var k = defaultMinimumGroupSize
        if let node = mapping["minimum_group_size"] {
            guard let value = node.int, value >= smallestMinimumGroupSize, value <= 1000 else {
                throw PolicyError(path: path, line: node.mark?.line,
                                  message: "minimum_group_size must be a whole number from \(smallestMinimumGroupSize) to 1000",
                                  hint: "5 is the usual choice for data about people")
            }
            k = value
        }
        var retention = Retention(rawDays: 90, enrichedDays: 400, aggregateDays: 1825)
        if let node = mapping["retention_days"] {
            guard let tiers = node.mapping else {
                throw PolicyError(path: path, line: node.mark?.line, message: "retention_days must map raw, enriched and aggregate to days",
                                  hint: "for example:  retention_days: {raw: 90, enriched: 400, aggregate: 1825}")
            }
            for (key, value) in tiers {
                let name = key.string ?? ""
                guard let days = value.int, days >= 1, days <= 36500 else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "retention_days.\(name) must be a whole number of days from 1 to 36500",
                                      hint: "raw rows are personal data; keep them only as long as reports need them")
                }
                switch name {
                case "raw": retention.rawDays = days
                case "enriched": retention.enrichedDays = days
                case "aggregate": retention.aggregateDays = days
                default:
                    throw PolicyError(path: path, line: key.mark?.line, message: "unknown retention tier '\(name)'",
                                      hint: "the tiers are raw, enriched and aggregate")
                }
            }
            if !(retention.rawDays <= retention.enrichedDays && retention.enrichedDays <= retention.aggregateDays) {
                throw PolicyError(path: path, line: node.mark?.line, message: "retention must not grow shorter as data gets coarser",
                                  hint: "keep raw ≤ enriched ≤ aggregate days")
            }
        }
        if let node = mapping["retention_enforcement"] {
            guard let value = node.string.flatMap({ Retention.Enforcement(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) }) else {
                throw PolicyError(path: path, line: node.mark?.line, message: "retention_enforcement must be purge or refuse",
                                  hint: "purge (the default) deletes what is past the windows before every report; refuse stops the report and names the `candor purge` command")
            }
            retention.enforcement = value
        }
        guard let keyNode = mapping["key_file"], let keyFile = keyNode.string, !keyFile.isEmpty else {
            throw PolicyError(path: path, line: mapping["key_file"]?.mark?.line ?? root.mark?.line,
                              message: "the policy names no key_file", hint: "add `key_file: candor.key` (the file `candor init` writes)")
        }
        var database: String?
        if let node = mapping["database"] {
            guard let value = node.string, !value.isEmpty else {
                throw PolicyError(path: path, line: node.mark?.line, message: "database must be a file path", hint: "for example:  database: candor.sqlite")
            }
            database = value
        }
        let survey = try mapping["survey"].map { try SurveyMapping.parse($0, path: path) }
        let mappings = try CSVMapping.parseAll(mapping["mappings"], path: path)
        let repositories = try parseRepositories(mapping["repositories"], path: path)
        var dominance = defaultDominanceThreshold
        if let node = mapping["dominance_threshold"] {
            guard let value = node.float, value >= 0.3, value <= 0.95 else {
                throw PolicyError(path: path, line: node.mark?.line, message: "dominance_threshold must be a share from 0.3 to 0.95",
                                  hint: "0.5 hides a team figure when one person contributes more than half of it")
            }
            dominance = value
        }
        let protection = try parseProtection(mapping["protection"], path: path, k: k)
        var programmes = defaultProgrammes
        if let node = mapping["programmes"] {
            guard let entries = node.mapping else {
                throw PolicyError(path: path, line: node.mark?.line, message: "programmes must map each programme to required or optional",
                                  hint: "for example:  programmes: {ai-adoption: required, self-view: optional}")
            }
            for (key, value) in entries {
                guard let name = key.string, !name.isEmpty, let kind = value.string, kind == "required" || kind == "optional" else {
                    throw PolicyError(path: path, line: value.mark?.line ?? key.mark?.line, message: "a programme is required or optional",
                                      hint: "required: everyone's data is used unless they object; optional: only people who opted in")
                }
                programmes[name] = kind == "required"
            }
            if programmes["self-view"] == true {
                throw PolicyError(path: path, line: node.mark?.line, message: "the self-view programme is always optional",
                                  hint: "a person's own view is shown only to people who asked for it")
            }
        }
        var prohibited = Purpose.defaultProhibited
        if let node = mapping["prohibited_uses"] {
            guard let list = node.sequence?.compactMap({ $0.string }), !list.isEmpty, list.count == node.sequence?.count else {
                throw PolicyError(path: path, line: node.mark?.line, message: "prohibited_uses must be a list of uses",
                                  hint: "for example:  prohibited_uses: [compensation, promotion, termination, performance improvement plan, ranking]")
            }
            // A policy may add prohibited uses, never remove the ones candor always refuses.
            prohibited = Array(Set(Purpose.defaultProhibited + list.map { $0.lowercased() })).sorted()
        }
        let prohibitedFields = try parseProhibitedFields(mapping["prohibited_fields"], path: path)
        var sources: [SourceFamily: SourcePolicy] = [:]
        if let node = mapping["sources"] {
            guard let entries = node.mapping else {
                throw PolicyError(path: path, line: node.mark?.line, message: "sources must map each source to its dataset and fields",
                                  hint: "for example:  sources: {github: {dataset: operational, fields: [merged_at, closed_at]}}")
            }
            for (key, value) in entries {
                guard let name = key.string, let family = SourceFamily(rawValue: name) else {
                    throw PolicyError(path: path, line: key.mark?.line, message: "unknown source '\(key.string ?? "")'",
                                      hint: "sources: \(SourceFamily.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sources[family] = try SourcePolicy.parse(family: family, node: value, prohibited: Set(prohibitedFields), path: path)
            }
        }
        // What each source keeps, listed or not, once prohibited fields are taken out: no pair split,
        // nothing no figure reads without a stated purpose.
        for family in SourceFamily.allCases {
            let entry = sources[family] ?? .minimal(family, prohibited: Set(prohibitedFields))
            try entry.validate(path: path, prohibited: Set(prohibitedFields), prohibitedLine: mapping["prohibited_fields"]?.mark?.line)
        }
        let audiences = try parseAudiences(mapping["audiences"], path: path)
        let targets = try parseTargets(mapping["targets"], path: path)
        let retired = try RetiredMetric.parse(mapping["retired_metrics"], path: path)
        let calendar = try parseCalendar(mapping["review_calendar"], path: path)
        let signals = try parseSignals(mapping["signals"], path: path)
        let email = try EmailSettings.parse(mapping["email"], path: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") ? p : base.appendingPathComponent(p).standardizedFileURL.path
        }
        return Policy(
            purpose: purposeText.trimmingCharacters(in: .whitespacesAndNewlines),
            minimumGroupSize: k,
            retention: retention,
            keyFile: resolve(keyFile),
            database: database.map(resolve),
            sha256: SHA256Digest.hex(of: Array(text.utf8)),
            path: path,
            survey: survey,
            mappings: mappings,
            repositories: repositories,
            programmes: programmes,
            dominanceThreshold: dominance,
            protection: protection,
            prohibitedUses: prohibited,
            sources: sources,
            prohibitedFields: prohibitedFields,
            audiences: audiences,
            retiredMetrics: retired,
            targets: targets,
            reviewCalendar: calendar,
            signals: signals,
            email: email)
    }

    /// `protection: {events_percent: 20, people: 1}` (both optional).
    static func parseProtection(_ node: Node?, path: String, k: Int) throws -> Protection {
        var protection = Protection()
        guard let node else { return protection }
        guard let map = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "protection must be a mapping",
                              hint: "for example:  protection: {events_percent: 20, people: 1}")
        }
        for (key, value) in map {
            let name = key.string ?? ""
            switch name {
            case "events_percent":
                guard let v = value.float, v >= 1, v <= 100 else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "protection.events_percent must be a percentage from 1 to 100",
                                      hint: "20 keeps a hidden count of events uncertain by at least 20% each way")
                }
                protection.eventsShare = v / 100
            case "people":
                guard let v = value.int, v >= 0, v < k else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "protection.people must be a whole number of people from 0 to \(k - 1)",
                                      hint: "1 keeps a hidden count of people uncertain by at least one person each way")
                }
                protection.people = v
            case "rounding", "rounding_base", "round_to":
                // Asked for by name, so refused by name: see docs/disclosure.md, "Why no rounding".
                throw PolicyError(path: path, line: key.mark?.line,
                                  message: "protection.\(name): candor does not round published counts, because each cell's value and interval (to 6 decimals) give a rounded count back exactly, so rounding would protect nothing it claims to",
                                  hint: "remove the key; hidden cells are protected by suppression with the least loss (docs/disclosure.md, \"Why no rounding\")")
            default:
                throw PolicyError(path: path, line: key.mark?.line, message: "protection has no key \"\(name)\"",
                                  hint: "the keys are events_percent and people")
            }
        }
        return protection
    }

    /// `repositories: {owner: acme, aliases: {KF-LandingZone: landing-zone}}`.
    static func parseRepositories(_ node: Node?, path: String) throws -> RepositoryNaming {
        guard let node else { return RepositoryNaming() }
        guard let map = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "repositories must be a mapping",
                              hint: "for example:  repositories: {owner: acme, aliases: {legacy-name: new-name}}")
        }
        var naming = RepositoryNaming()
        for (key, value) in map {
            switch key.string {
            case "owner":
                guard let owner = value.string, RepositoryIdentity.normalise(owner).map({ !$0.contains("/") }) == true else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "repositories.owner must be one organisation or group name",
                                      hint: "the GitHub organisation bare repository names belong to, e.g. acme")
                }
                naming.owner = owner
            case "aliases":
                guard let pairs = value.mapping else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "repositories.aliases must map other tools' names to the directory's",
                                      hint: "for example:  aliases: {KF-LandingZone: landing-zone}")
                }
                for (a, b) in pairs {
                    guard let from = a.string, let to = b.string, RepositoryIdentity.normalise(from) != nil, RepositoryIdentity.normalise(to) != nil else {
                        throw PolicyError(path: path, line: a.mark?.line, message: "repositories.aliases must map names to names", hint: "quote names YAML reads otherwise")
                    }
                    naming.aliases[from] = to
                }
            default:
                throw PolicyError(path: path, line: key.mark?.line, message: "unknown key 'repositories.\(key.string ?? "")'", hint: "known keys: aliases, owner")
            }
        }
        return naming
    }

    static func parseSignals(_ node: Node?, path: String) throws -> SignalThresholds {
        var result = SignalThresholds()
        guard let node else { return result }
        guard let entries = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "signals must map threshold names to numbers",
                              hint: "for example:  signals: {alpha: 0.01, burst_window_days: 14}")
        }
        for (key, value) in entries {
            guard let entry = SignalThresholds.keys.first(where: { $0.key == key.string }) else {
                throw PolicyError(path: path, line: key.mark?.line, message: "unknown signal threshold '\(key.string ?? "")'",
                                  hint: "signals: " + SignalThresholds.keys.map(\.key).joined(separator: ", "))
            }
            let whole = entry.intPath != nil
            guard let number = whole ? value.int.map(Double.init) : value.float, number.isFinite, entry.range.contains(number) else {
                throw PolicyError(path: path, line: value.mark?.line,
                                  message: "signals.\(entry.key) must be \(whole ? "a whole number" : "a number") from \(Format.fixed(entry.range.lowerBound, decimals: whole ? 0 : 4)) to \(Format.fixed(entry.range.upperBound, decimals: whole ? 0 : 2))",
                                  hint: "it is the \(entry.meaning); leave it out for the default")
            }
            if let p = entry.path { result[keyPath: p] = number } else if let p = entry.intPath { result[keyPath: p] = Int(number) }
        }
        return result
    }

    static func parseProhibitedFields(_ node: Node?, path: String) throws -> [String] {
        guard let node else { return [] }
        guard let list = node.sequence, list.allSatisfy({ ($0.string ?? "").isEmpty == false }) else {
            throw PolicyError(path: path, line: node.mark?.line, message: "prohibited_fields must be a list of field names",
                              hint: "for example:  prohibited_fields: [file_path, uri]  (content is never stored in any case)")
        }
        let known = Set(SourceFamily.allCases.flatMap(\.optionalFields))
        for item in list where !known.contains(item.string!) && !SourceFamily.contentFields.contains(item.string!.lowercased()) {
            throw PolicyError(path: path, line: item.mark?.line, message: "no source has a field '\(item.string!)'",
                              hint: "`candor policy check` lists every source's optional fields; see docs/policy.md")
        }
        return list.map { $0.string! }.uniqued().sorted()
    }

    static func parseAudiences(_ node: Node?, path: String) throws -> [Audience: Set<Dataset>] {
        var result = defaultAudiences
        guard let node else { return result }
        guard let entries = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "audiences must map each audience to the datasets it may see",
                              hint: "for example:  audiences: {all-staff: [coaching], governance-board: [coaching, operational]}")
        }
        for (key, value) in entries {
            guard let name = key.string, let audience = Audience(rawValue: name) else {
                throw PolicyError(path: path, line: key.mark?.line, message: "unknown audience '\(key.string ?? "")'",
                                  hint: "audiences: \(Audience.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let list = value.sequence else {
                throw PolicyError(path: path, line: value.mark?.line, message: "audiences.\(name) must be a list of datasets",
                                  hint: "datasets: \(Dataset.allCases.map(\.rawValue).joined(separator: ", ")); [] shows it nothing")
            }
            var datasets: Set<Dataset> = []
            for item in list {
                guard let dataset = item.string.flatMap(Dataset.init(rawValue:)) else {
                    throw PolicyError(path: path, line: item.mark?.line, message: "unknown dataset '\(item.string ?? "")'",
                                      hint: "datasets: \(Dataset.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard audience.mayEverSee(dataset) else {
                    throw PolicyError(path: path, line: item.mark?.line, message: "the \(name) audience may never see the \(dataset.rawValue) dataset",
                                      hint: "security findings are for the security-reviewer audience only, with an approval reference")
                }
                datasets.insert(dataset)
            }
            result[audience] = datasets
        }
        // Disclosure is decided once per period, over what the governance board reads, and every
        // published report applies that decision: so no published audience may read more than the board.
        let board = result[.governanceBoard] ?? []
        for audience in [Audience.team, .allStaff] {
            let extra = (result[audience] ?? []).subtracting(board)
            guard extra.isEmpty else {
                throw PolicyError(path: path, line: node.mark?.line,
                                  message: "audiences.\(audience.rawValue) reads \(extra.map(\.rawValue).sorted().joined(separator: ", ")), which governance-board does not",
                                  hint: "the board oversees everything published: grant governance-board every dataset a published report reads, or remove it from \(audience.rawValue)")
            }
        }
        return result
    }

    static func parseTargets(_ node: Node?, path: String) throws -> [String: Double] {
        guard let node else { return [:] }
        guard let entries = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "targets must map metric ids to numbers",
                              hint: "for example:  targets: {ai.acceptance_rate: 0.30}")
        }
        var result: [String: Double] = [:]
        for (key, value) in entries {
            guard let id = key.string, id.contains("."), id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }) else {
                throw PolicyError(path: path, line: key.mark?.line, message: "'\(key.string ?? "")' is not a metric id",
                                  hint: "metric ids look like ai.acceptance_rate (see the metric registry in docs/)")
            }
            guard let number = value.float, number.isFinite else {
                throw PolicyError(path: path, line: value.mark?.line, message: "targets.\(id) must be a number",
                                  hint: "the published target, in the metric's own unit (a share from 0 to 1 for rates)")
            }
            result[id] = number
        }
        return result
    }

    static func parseCalendar(_ node: Node?, path: String) throws -> [ReviewDate] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            throw PolicyError(path: path, line: node.mark?.line, message: "review_calendar must be a list of dates",
                              hint: "for example:  review_calendar: [{date: 2026-06-15, name: mid-year reviews}]")
        }
        var result: [ReviewDate] = []
        for item in list {
            let dateNode = item.mapping?["date"] ?? item
            let name = item.mapping?["name"]?.string ?? "review"
            guard let text = dateNode.string, let day = Day.parse(text) else {
                throw PolicyError(path: path, line: item.mark?.line, message: "a review date must be YYYY-MM-DD",
                                  hint: "for example:  - {date: 2026-06-15, name: mid-year reviews}")
            }
            result.append(ReviewDate(day: day, name: name))
        }
        return result.sorted { $0.day < $1.day }
    }
}

/// A policy file problem, with the line to look at.
public struct PolicyError: Error, LocalizedError, Equatable {
    public var path: String
    public var line: Int?
    public var message: String
    public var hint: String

    public init(path: String, line: Int?, message: String, hint: String) {
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
    }

    init(yaml error: YamlError, path: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            self.init(path: path, line: mark.line, message: "not valid YAML: \(problem)",
                      hint: "check indentation and quoting near this line")
        default:
            self.init(path: path, line: nil, message: "not valid YAML", hint: "check that the file is UTF-8 YAML")
        }
    }

    public var errorDescription: String? {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message) — \(hint)"
    }
}
