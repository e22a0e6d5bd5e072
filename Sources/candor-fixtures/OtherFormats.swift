import CandorAnalysis
import CandorVocabulary
import Foundation

/// One person as the other exports see them.
struct FixturePerson {
    var id: String
    var login: String
    /// The team on a day, or nil.
    var team: (Day) -> String?
    var active: (Day) -> Bool
}

/// Writes the same organisation in every other export format candor reads. Uses its own seed, so
/// the Q Developer files are unaffected by changes here.
struct OtherFormats {
    let output: URL
    let people: [FixturePerson]
    let teams: [String]
    /// Strength of the planted gaming patterns (1 for fixtures/acme).
    var effect = 1.0
    var rng = SeededGenerator(seed: 90_210)
    var files = 0

    static let q2 = Day(year: 2026, month: 4, day: 1)!, q3 = Day(year: 2026, month: 7, day: 1)!, end = Day(year: 2026, month: 9, day: 30)!

    /// The repositories each team owns.
    static let repositories: [String: [String]] = [
        "Checkout": ["acme/checkout-web", "acme/checkout-api"], "Data Platform": ["acme/data-pipeline"], "Identity": ["acme/identity"],
        "Mobile": ["acme/mobile-app"], "Payments": ["acme/payments"], "Platform & Infra": ["acme/platform-infra"], "Search": ["acme/search"],
        "Docs Tools": ["acme/docs-tools"],
    ]
    static let arnPrefix = "arn:aws:codeguru-reviewer:us-east-1:111122223333:association:5f0e8a52-0c61-4c42-9b55-a1c7e0e2b001:code-review:"

    mutating func write(_ text: String, _ relative: String) throws {
        let url = output.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        files += 1
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { rng.unit() < p }

    static func time(_ day: Day, _ hour: Int, _ minute: Int = 0) -> String {
        "\(day.iso8601)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00Z"
    }

    static func days(_ first: Day, _ last: Day) -> [Day] {
        (first.dayNumber...last.dayNumber).map(Day.init(dayNumber:))
    }

    var allRepositories: [(repo: String, team: String)] {
        Self.repositories.sorted { $0.key < $1.key }.flatMap { team, repos in repos.map { ($0, team) } }
    }

    mutating func writeAll() throws {
        try repositoriesCSV()
        try copilot()
        try kiro()
        try codeGuruReviewer()
        try codeGuruSecurity()
        try sarif()
        try github()
        try delivery()
        try survey()
        try events()
        try governance()
        try planted()
        try otherAssistants()
    }

    /// Claude Code, which has no export candor reads, in candor's own usage-CSV columns: a few people
    /// try it in the last two weeks of September (activity only: the file gives no suggestion counters).
    /// Written last, so every file before it is unchanged.
    mutating func otherAssistants() throws {
        var lines = ["day,person,tool,suggestions_shown,suggestions_accepted,lines_accepted"]
        for day in Self.days(Day(year: 2026, month: 9, day: 17)!, Day(year: 2026, month: 9, day: 30)!) where day.isoWeekday <= 5 {
            for p in people.enumerated().filter({ $0.offset % 9 == 4 }).map(\.element) where p.active(day) && chance(0.6) {
                lines.append("\(day),\(p.id),Claude Code,,,")
            }
        }
        try write(lines.joined(separator: "\n") + "\n", "inputs/ai-usage/claude-code-usage-2026-09.csv")
    }

    /// The gaming patterns planted, one line each, for the planted-pattern tests (fixtures/README.md).
    mutating func planted() throws {
        try write("""
            detector,team,period,expected,what
            leading-without-outcome,Data Platform,2026-Q3,yes,acceptance up \(Int(15 * effect)) points from 2026-08-03 while persistence stays where it was
            acceptance-inflation,Identity,2026-Q3,yes,acceptance up \(Int(10 * effect)) points while AI lines per acceptance fall by \(Int(55 * effect))%
            suppression-instead-of-fixing,Checkout,2026-Q3,yes,no new findings; the last scan suppresses half its results and the September code review excludes lines
            rubber-stamp-reviews,Payments,2026-Q3,yes,\(Int(min(0.9, 0.6 * effect) * 100))% of pull requests approved within minutes without comments
            rubber-stamp-reviews,Search,2026-Q3,either,every September approval within minutes and without comments; Q2's least-loss disclosure pattern hides Search's review metrics as the complement for Docs Tools (the team with fewest members beside it) so the comparison with Q2 has no published baseline: found only if the detector can do without it
            threshold-bunching,Checkout,2026-Q2,yes,person-weeks just under the 30% target topped up to just past it
            pre-review-burst,Identity,2026-Q2,yes,suggestions and pull requests \(Format.fixed(1 + 1.5 * effect, decimals: 1))× in the 14 days before the 2026-06-15 promotion committee
            survey-selection,Checkout,2026-Q3,yes,everyone answers the Q2 survey; in Q3 only about half do and mostly favourably
            churn-after-acceptance,Checkout,2026-Q3,yes,more accepted suggestions later modified or reverted
            leading-without-outcome,Payments,2026-Q3,either,Kotlin suggestions (2026-05-04) lift acceptance from mid-Q2 while persistence stays: Q3 is above Q2 by about three points — at the edge of significance by construction, and named as a recorded change when raised

            """, "planted.csv")
    }

    mutating func repositoriesCSV() throws {
        var lines = ["repository,team,from,to"]
        for (repo, team) in allRepositories { lines.append("\(repo),\"\(team)\",2025-01-01,") }
        try write(lines.joined(separator: "\n") + "\n", "inputs/repositories.csv")
    }

    /// Half of the people also use GitHub Copilot in September.
    mutating func copilot() throws {
        let users = people.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let september = Self.days(Day(year: 2026, month: 9, day: 1)!, Day(year: 2026, month: 9, day: 30)!).filter { $0.isoWeekday <= 5 }
        try copilotUsers(september, wrapLast: true)
        try copilotTeamsAndLegacy(users)
    }

    /// Copilot's per-user daily rows for `days` (half of the people); the last day JSON-wrapped when `wrapLast`.
    mutating func copilotUsers(_ days: [Day], wrapLast: Bool) throws {
        let users = people.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        for day in days {
            var rows: [String] = []
            for (i, p) in users.enumerated() where p.active(day) && chance(0.7) {
                let generations = int(5...60), acceptances = int(0...generations), chat = int(0...12)
                let completion = #"{"feature":"code_completion","user_initiated_interaction_count":0,"code_generation_activity_count":\#(generations),"code_acceptance_activity_count":\#(acceptances),"loc_suggested_to_add_sum":\#(generations * 3),"loc_suggested_to_delete_sum":0,"loc_added_sum":\#(acceptances * 2),"loc_deleted_sum":0}"#
                let agent = #"{"feature":"chat_panel_agent_mode","user_initiated_interaction_count":\#(chat),"code_generation_activity_count":\#(chat * 2),"code_acceptance_activity_count":\#(chat),"loc_suggested_to_add_sum":0,"loc_suggested_to_delete_sum":0,"loc_added_sum":\#(chat * 9),"loc_deleted_sum":\#(chat)}"#
                rows.append(#"{"user_id":\#(700_000 + i),"user_login":"\#(p.login)","day":"\#(day.iso8601)","organization_id":"900001","enterprise_id":"4200","user_initiated_interaction_count":\#(chat),"code_generation_activity_count":\#(generations + chat * 2),"code_acceptance_activity_count":\#(acceptances + chat),"loc_suggested_to_add_sum":\#(generations * 3),"loc_suggested_to_delete_sum":0,"loc_added_sum":\#(acceptances * 2 + chat * 9),"loc_deleted_sum":\#(chat),"used_agent":\#(chat > 0),"used_chat":\#(chat > 0),"used_cli":false,"totals_by_ide":[{"ide":"vscode","user_initiated_interaction_count":\#(chat)}],"totals_by_feature":[\#(completion),\#(agent)]}"#)
            }
            if wrapLast && day == days.last! {
                // The last day arrives in the JSON-wrapped variant GitHub's viewer publishes.
                try write(#"{"report_start_day":"\#(day)","report_end_day":"\#(day)","organization_id":"900001","day_totals":["# + "\n"
                          + rows.joined(separator: ",\n") + "\n]}\n", "inputs/github/copilot/users-1-day/\(day).json")
            } else {
                try write(rows.joined(separator: "\n") + "\n", "inputs/github/copilot/users-1-day/\(day).ndjson")
            }
        }
    }

    mutating func copilotTeamsAndLegacy(_ users: [FixturePerson]) throws {
        // The user-teams report lists only teams with at least five Copilot users.
        let day = Day(year: 2026, month: 9, day: 15)!
        var byTeam: [String: [FixturePerson]] = [:]
        for p in users { if let t = p.team(day) { byTeam[t, default: []].append(p) } }
        var teamLines: [String] = []
        for (index, (team, members)) in byTeam.sorted(by: { $0.key < $1.key }).enumerated() where members.count >= 5 {
            let slug = team.lowercased().replacingOccurrences(of: " & ", with: "-").replacingOccurrences(of: " ", with: "-")
            for (i, p) in members.enumerated() {
                teamLines.append(#"{"user_id":\#(700_000 + i),"user_login":"\#(p.login)","day":"\#(day)","organization_id":"900001","team_id":\#(4000 + index),"slug":"\#(slug)"}"#)
            }
        }
        try write(teamLines.joined(separator: "\n") + "\n", "inputs/github/copilot/user-teams-1-day/\(day).ndjson")
        // The legacy metrics API for Q2 (organisation level; no person-level data).
        var legacy: [String] = []
        for day in Self.days(Day(year: 2026, month: 4, day: 1)!, Day(year: 2026, month: 6, day: 30)!) {
            let suggestions = int(200...900), acceptances = int(40...(suggestions / 3))
            legacy.append(#"{"date":"\#(day)","total_active_users":\#(int(12...20)),"total_engaged_users":\#(int(8...12)),"copilot_ide_code_completions":{"total_engaged_users":9,"languages":[{"name":"swift","total_engaged_users":9}],"editors":[{"name":"vscode","total_engaged_users":9,"models":[{"name":"default","is_custom_model":false,"custom_model_training_date":null,"total_engaged_users":9,"languages":[{"name":"swift","total_engaged_users":6,"total_code_suggestions":\#(suggestions / 2),"total_code_acceptances":\#(acceptances / 2),"total_code_lines_suggested":\#(suggestions),"total_code_lines_accepted":\#(acceptances)},{"name":"kotlin","total_engaged_users":3,"total_code_suggestions":\#(suggestions - suggestions / 2),"total_code_acceptances":\#(acceptances - acceptances / 2),"total_code_lines_suggested":\#(suggestions),"total_code_lines_accepted":\#(acceptances)}]}]}]},"copilot_ide_chat":{"total_engaged_users":4,"editors":[{"name":"vscode","total_engaged_users":4,"models":[{"name":"default","is_custom_model":false,"total_engaged_users":4,"total_chats":\#(int(5...40)),"total_chat_insertion_events":\#(int(0...5)),"total_chat_copy_events":\#(int(0...5))}]}]},"copilot_dotcom_chat":{"total_engaged_users":0,"models":[]},"copilot_dotcom_pull_requests":{"total_engaged_users":0,"repositories":[]}}"#)
        }
        try write("[\n" + legacy.joined(separator: ",\n") + "\n]\n", "inputs/github/copilot/legacy-metrics-2026-q2.json")
    }

    /// A few people try Kiro in the last week of September.
    mutating func kiro() throws {
        try kiro(Self.days(Day(year: 2026, month: 9, day: 24)!, Day(year: 2026, month: 9, day: 30)!))
    }

    mutating func kiro(_ days: [Day]) throws {
        let header = "Date,UserId,Client_Type,Chat_Conversations,Credits_Used,Overage_Cap,Overage_Credits_Used,Overage_Enabled,ProfileId,Subscription_Tier,Total_Messages"
        let profile = "arn:aws:codewhisperer:us-east-1:111122223333:profile/ACMEEXAMPLE"
        for day in days where day.isoWeekday <= 5 {
            for client in ["KIRO_IDE", "KIRO_CLI"] {
                var lines = [header]
                for p in people.enumerated().filter({ $0.offset % 7 == 1 }).map(\.element) where p.active(day) && chance(client == "KIRO_IDE" ? 0.8 : 0.3) {
                    let conversations = int(1...8)
                    lines.append("\(day),\(p.id),\(client),\(conversations),\(conversations * 9).5,0,0,false,\(profile),Pro,\(conversations * int(3...9))")
                }
                let (y, m, d) = day.components
                try write(lines.joined(separator: "\n") + "\n",
                          "inputs/AWSLogs/111122223333/KiroLogs/user_report/us-east-1/\(y)/\(m < 10 ? "0" : "")\(m)/\(d < 10 ? "0" : "")\(d)/00/\(client)_111122223333_user_report_\(day.iso8601.replacingOccurrences(of: "-", with: ""))T020000Z.csv")
            }
        }
    }

    /// Two pull-request code reviews per repository in Q3, with recommendations and some feedback.
    mutating func codeGuruReviewer() throws {
        try codeGuruReviewer([Day(year: 2026, month: 4, day: 14)!, Day(year: 2026, month: 6, day: 9)!,
                              Day(year: 2026, month: 7, day: 14)!, Day(year: 2026, month: 9, day: 8)!], firstIndex: 0)
    }

    /// Code reviews on `days` per repository; `firstIndex` numbers them after earlier ones (pull request ids stay distinct).
    mutating func codeGuruReviewer(_ days: [Day], firstIndex: Int) throws {
        let rules = [("python-resource-leak", "ResourceLeaks", "High"), ("java-concurrency", "ConcurrencyIssues", "Medium"),
                     ("input-validation", "InputValidations", "Low"), ("aws-best-practices", "AWSBestPractices", "Info")]
        for (repo, team) in allRepositories {
            let name = repo.replacingOccurrences(of: "acme/", with: "")
            for (offset, day) in days.enumerated() {
                let n = firstIndex + offset
                let pr = 100 + n * 37 + name.count
                let arn = Self.arnPrefix + "PullRequest-github-acme-\(name)-\(pr)-\(String(format: "%08x", rng.next() & 0xffffffff))"
                let metered = int(1500...3000)
                // Checkout's Q3 reviews find less while September's excludes lines (suppression instead of fixing).
                let findings = team == "Checkout" && (n == 2 || n == 3) ? 1 : int(1...4)
                let suppressed = n == 3 && team == "Search" ? 420 : n == 3 && team == "Checkout" ? Int(Double(metered) * 0.8 * effect) : 0
                try write(#"{"CodeReview":{"Name":"pr-\#(pr)","CodeReviewArn":"\#(arn)","RepositoryName":"\#(name)","Owner":"acme","ProviderType":"GitHub","State":"Completed","StateReason":"Pull request review completed.","CreatedTimeStamp":\#(day.dayNumber * 86400 + 36000).5,"LastUpdatedTimeStamp":\#(day.dayNumber * 86400 + 36600).25,"Type":"PullRequest","PullRequestId":"\#(pr)","SourceCodeType":{"CommitDiff":{"SourceCommit":"a1","DestinationCommit":"b2"}},"Metrics":{"MeteredLinesOfCodeCount":\#(metered),"SuppressedLinesOfCodeCount":\#(suppressed),"FindingsCount":\#(findings)},"AnalysisTypes":["Security","CodeQuality"],"ConfigFileState":"Absent"}}"# + "\n",
                          "inputs/codeguru/reviewer/\(name)/pr-\(pr)-describe.json")
                var recs: [String] = []
                for f in 0..<findings {
                    let rule = rules[(f + n) % rules.count]
                    let id = String(format: "%016llx", rng.next())
                    recs.append(#"{"FilePath":"src/\#(name)/module\#(f).py","RecommendationId":"\#(id)","StartLine":\#(10 + f * 7),"EndLine":\#(12 + f * 7),"Description":"**Problem** a description candor never stores","RecommendationCategory":"\#(rule.1)","RuleMetadata":{"RuleId":"\#(rule.0)","RuleName":"Rule","ShortDescription":"short","LongDescription":"long","RuleTags":["tag"]},"Severity":"\#(rule.2)"}"#)
                    if chance(0.35) {
                        let reviewer = people[int(0...(people.count - 1))]
                        try write(#"{"CodeReviewArn":"\#(arn)","RecommendationFeedbackSummaries":[{"RecommendationId":"\#(id)","Reactions":["\#(chance(0.5) ? "ThumbsDown" : "ThumbsUp")"],"UserId":"\#(reviewer.id)"}]}"# + "\n",
                                  "inputs/codeguru/reviewer/\(name)/pr-\(pr)-feedback-\(f).json")
                    }
                }
                try write(#"{"CodeReviewArn":"\#(arn)","RecommendationSummaries":["# + "\n" + recs.joined(separator: ",\n") + "\n" + #"],"NextToken":null}"# + "\n",
                          "inputs/codeguru/reviewer/\(name)/pr-\(pr)-recommendations.json")
            }
        }
    }

    mutating func codeGuruSecurity() throws {
        for (repo, _) in allRepositories.prefix(4) {
            let name = repo.replacingOccurrences(of: "acme/", with: "")
            var findings: [String] = []
            for i in 0..<int(2...6) {
                let created = Day(year: 2026, month: 7, day: 1)!.adding(days: int(0...60))
                let closed = chance(0.5)
                findings.append(#"{"id":"\#(name)-finding-\#(i)","title":"Hard-coded credentials","description":"never stored","type":"Vulnerability","status":"\#(closed ? "Closed" : "Open")","severity":"\#(["Critical", "High", "Medium", "Low"][i % 4])","createdAt":\#(created.dayNumber * 86400 + 3600),"updatedAt":"\#(Self.time(created.adding(days: closed ? int(1...20) : 0), 12))","generatorId":"AmazonCodeGuruSecurity","detectorId":"python/hardcoded-credentials@v1.0","detectorName":"Hardcoded credentials","detectorTags":["cwe-798"],"ruleId":"python-hardcoded-credentials","resource":{"id":"\#(name)","subResourceId":"scan-1"},"vulnerability":{"id":"v-\#(i)","referenceUrls":[],"relatedVulnerabilities":["CWE-798"],"itemCount":1,"filePath":{"name":"settings.py","path":"src/settings.py","startLine":\#(i + 3),"endLine":\#(i + 4),"codeSnippet":[{"number":\#(i + 3),"content":"never stored"}]}},"remediation":{"recommendation":{"text":"never stored","url":"https://example.invalid"},"suggestedFixes":[]}}"#)
            }
            try write(#"{"findings":["# + "\n" + findings.joined(separator: ",\n") + "\n" + #"],"nextToken":null}"# + "\n", "inputs/codeguru/security/findings-\(name).json")
        }
        var metrics: [String] = []
        for day in Self.days(Day(year: 2026, month: 7, day: 1)!, Day(year: 2026, month: 9, day: 30)!) {
            func s() -> String { #"{"critical":\#(int(0...1)),"high":\#(int(0...3)),"medium":\#(int(0...5)),"low":\#(int(0...4)),"info":\#(int(0...2))}"# }
            metrics.append(#"{"date":\#(day.dayNumber * 86400),"newFindings":\#(s()),"closedFindings":\#(s()),"openFindings":\#(s()),"meanTimeToClose":{"critical":0,"high":4.5,"medium":11.2,"low":0,"info":0}}"#)
        }
        try write(#"{"findingsMetrics":["# + "\n" + metrics.joined(separator: ",\n") + "\n]}\n", "inputs/codeguru/security/findings-metrics-2026-q3.json")
    }

    /// A CodeQL scan of every repository at the start and end of Q3.
    mutating func sarif() throws {
        try sarif([Day(year: 2026, month: 4, day: 2)!, Day(year: 2026, month: 6, day: 28)!,
                   Day(year: 2026, month: 7, day: 2)!, Day(year: 2026, month: 9, day: 28)!], firstIndex: 0)
    }

    /// A scan of every repository on each of `days` (`firstIndex`: how many scans came before).
    mutating func sarif(_ days: [Day], firstIndex: Int) throws {
        let rules = ["py/sql-injection", "py/clear-text-logging-sensitive-data", "py/unused-import", "js/xss", "js/unused-local-variable"]
        for (repo, team) in allRepositories {
            let name = repo.replacingOccurrences(of: "acme/", with: "")
            var counts: [Int] = []
            for (offset, day) in days.enumerated() {
                let n = firstIndex + offset
                var results: [String] = []
                var count = int(3...9)
                // Checkout: findings appear in Q2; in Q3 nothing new, and the last scan suppresses half (issue 6).
                if team == "Checkout" && n <= 3 { count = n == 0 ? 6 : n == 1 ? 12 : 12 }
                counts.append(count)
                for i in 0..<count {
                    let rule = rules[(i + name.count) % rules.count]
                    // Platform & Infra and Checkout suppress instead of fixing in their last scan.
                    let suppress = n == 3 && (team == "Platform & Infra" || team == "Checkout") && i % 2 == 0
                    let suppression = suppress ? #","suppressions":[{"kind":"inSource","justification":"never stored"}]"# : ""
                    let baseline = n > 0 ? #","baselineState":"\#(i % 3 == 0 ? "new" : "unchanged")""# : ""
                    results.append(#"{"ruleId":"\#(rule)","ruleIndex":0,"level":"\#(["error", "warning", "note"][i % 3])","message":{"text":"never stored"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/file\#(i).py","uriBaseId":"%SRCROOT%"},"region":{"startLine":\#(5 + i * 11),"startColumn":1}}}],"partialFingerprints":{"primaryLocationLineHash":"\#(String(format: "%016llx", UInt64(i * 7919 + name.count * 104_729)))"}\#(suppression)\#(baseline)}"#)
                }
                let sha = String(format: "%016llx", rng.next())
                try write("""
                    {"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{
                    "tool":{"driver":{"name":"CodeQL","semanticVersion":"2.18.0","rules":[{"id":"py/sql-injection","shortDescription":{"text":"SQL query built from user-controlled sources"}}]}},
                    "versionControlProvenance":[{"repositoryUri":"https://github.com/\(repo)","revisionId":"\(sha)","branch":"refs/heads/main"}],
                    "invocations":[{"executionSuccessful":true,"endTimeUtc":"\(Self.time(day, 3))"}],
                    "results":[
                    \(results.joined(separator: ",\n"))
                    ]}]}

                    """, "inputs/sarif/\(name)-\(day.iso8601).sarif")
            }
        }
    }

    /// Pull requests, reviews and review comments in Q2 and Q3, as gh api --paginate writes them: about
    /// one pull request per person a week, reviewed within hours, most with some discussion.
    mutating func github() throws {
        try github(from: Self.q2, to: Self.end, suffix: "", firstNumber: 0)
    }

    /// Pull requests created from `first` to `last`, in files named `<repo><suffix>.json`, numbered after `firstNumber`.
    mutating func github(from first: Day, to last: Day, suffix: String, firstNumber: Int) throws {
        for (repo, team) in allRepositories {
            let name = repo.replacingOccurrences(of: "acme/", with: "")
            let repos = Self.repositories[team]!
            var pages: [[String]] = [[]]
            var reviews: [String] = [], comments: [String] = []
            var number = firstNumber
            for created in Self.days(first, last) where created.isoWeekday <= 5 {
                let members = people.filter { $0.team(created) == team && $0.active(created) }
                guard members.count >= 2 else { continue }
                // Identity opens more in the 14 days before the 2026-06-15 promotion committee (pre-review burst).
                let surge = team == "Identity" && created >= Day(year: 2026, month: 6, day: 1)! && created <= Day(year: 2026, month: 6, day: 14)!
                let rate = 0.2 / Double(repos.count) * (surge ? 1 + 1.5 * effect : 1)
                for author in members where chance(rate) {
                    number += 1
                    let createdHour = int(8...14)
                    let merged = chance(0.85)
                    let mergedAt = merged ? "\"\(Self.time(created.adding(days: int(0...3)), min(createdHour + int(1...5), 23)))\"" : "null"
                    let pr = #"{"url":"https://api.github.com/repos/\#(repo)/pulls/\#(number)","id":\#(rng.next() % 1_000_000_000),"number":\#(number),"state":"closed","locked":false,"title":"never stored","user":{"login":"\#(author.login)","id":1,"type":"User"},"body":"never stored","created_at":"\#(Self.time(created, createdHour))","updated_at":"\#(Self.time(created.adding(days: 4), 9))","closed_at":"\#(Self.time(created.adding(days: 4), 9))","merged_at":\#(mergedAt),"draft":false,"head":{"ref":"feature-\#(number)","sha":"abc\#(number)","repo":{"full_name":"\#(repo)"}},"base":{"ref":"main","sha":"def","repo":{"full_name":"\#(repo)","private":true,"owner":{"login":"acme","type":"Organization"}}},"author_association":"MEMBER","labels":[],"requested_reviewers":[]}"#
                    if pages[pages.count - 1].count == 30 { pages.append([]) }
                    pages[pages.count - 1].append(pr)
                    // Rubber stamps: Search in September, Payments through Q3 (issue 6); neither in Q4.
                    let rubberStamp = (team == "Search" && created >= Day(year: 2026, month: 9, day: 1)! && created <= Self.end)
                        || (team == "Payments" && created >= Self.q3 && created <= Self.end && chance(min(0.9, 0.6 * effect)))
                    let reviewer = members.first { $0.login != author.login }!
                    let delay = rubberStamp ? int(1...4) : int(20...300)
                    let reviewId = 90_000 + number * 10 + name.count
                    let at = Self.time(created, createdHour + delay / 60, delay % 60)
                    reviews.append(#"{"id":\#(reviewId),"user":{"login":"\#(reviewer.login)","type":"User"},"body":"never stored","state":"APPROVED","submitted_at":"\#(at)","commit_id":"abc\#(number)","pull_request_url":"https://api.github.com/repos/\#(repo)/pulls/\#(number)","author_association":"MEMBER"}"#)
                    if !rubberStamp {
                        for c in 0..<int(0...3) {
                            comments.append(#"{"id":\#(reviewId * 10 + c),"pull_request_review_id":\#(reviewId),"user":{"login":"\#(reviewer.login)"},"body":"never stored","diff_hunk":"never stored","path":"src/a.py","created_at":"\#(at)","pull_request_url":"https://api.github.com/repos/\#(repo)/pulls/\#(number)"}"#)
                        }
                    }
                }
            }
            try write(pages.map { "[" + $0.joined(separator: ",") + "]" }.joined(separator: "\n") + "\n", "inputs/github/pulls/\(name)\(suffix).json")
            try write("[" + reviews.joined(separator: ",\n") + "]\n", "inputs/github/reviews/\(name)\(suffix).json")
            try write("[" + comments.joined(separator: ",\n") + "]\n", "inputs/github/review-comments/\(name)\(suffix).json")
        }
    }

    /// Production deployments (DevLake webhook JSON) and incidents (CSV) in Q3.
    mutating func delivery() throws {
        try delivery(from: Day(year: 2026, month: 7, day: 1)!, name: "2026-q3", firstIncident: 1)
    }

    /// Thirteen weeks of deployments and incidents from `first`, in files named for the quarter.
    mutating func delivery(from first: Day, name quarter: String, firstIncident: Int) throws {
        var deployments: [String] = []
        var incidents = ["incident_id,repository,created_at,resolved_at,severity,caused_by_deployment"]
        var incidentNumber = firstIncident
        for (repo, _) in allRepositories {
            for week in 0..<13 where chance(0.8) {
                let day = first.adding(days: week * 7 + int(0...4))
                // Q3's ids are `deploy-<repo>-<week>`; later quarters name theirs.
                let id = "deploy-\(repo.replacingOccurrences(of: "acme/", with: ""))-\(quarter == "2026-q3" ? "" : quarter + "-")\(week)"
                let failed = chance(0.12)
                deployments.append(#"{"id":"\#(id)","displayTitle":"never stored","startedDate":"\#(Self.time(day, 10))","finishedDate":"\#(Self.time(day, 10, int(5...40)))","result":"\#(failed ? "FAILURE" : "SUCCESS")","environment":"PRODUCTION","deploymentCommits":[{"repoUrl":"https://github.com/\#(repo)","commitSha":"\#(String(format: "%012llx", rng.next() & 0xffffffffffff))","startedDate":"\#(Self.time(day, 10))","finishedDate":"\#(Self.time(day, 10, 30))"}]}"#)
                if !failed && chance(0.08) {
                    let resolved = chance(0.9) ? Self.time(day.adding(days: int(0...1)), 18) : ""
                    incidents.append("INC-\(incidentNumber),\(repo),\(Self.time(day, 14)),\(resolved),SEV\(int(2...3)),\(id)")
                    incidentNumber += 1
                }
            }
        }
        try write("[\n" + deployments.joined(separator: ",\n") + "\n]\n", "inputs/delivery/deployments-\(quarter).json")
        try write(incidents.joined(separator: "\n") + "\n", "inputs/delivery/incidents-\(quarter).csv")
    }

    /// The Q2 and Q3 developer surveys, read through the survey: mapping in policy.yml. Most people
    /// answer; all of Checkout in Q2, but in Q3 only five of them, mostly favourably (survey selection, issue 6) —
    /// the first of them neutrally on friction.
    mutating func survey() throws {
        try survey([("2026-q2", Day(year: 2026, month: 6, day: 15)!), ("2026-q3", Day(year: 2026, month: 9, day: 14)!)])
    }

    mutating func survey(_ waves: [(String, Day)]) throws {
        for (wave, day) in waves {
            var lines = ["Timestamp,Email Address,Team,I can get my work done without unnecessary friction,I trust the AI suggestions I accept,What would help you most? (optional)"]
            var selectiveAnswers = 0
            let size = people.filter { $0.team(day) == "Checkout" && $0.active(day) }.count
            for p in people {
                guard let team = p.team(day), p.active(day) else { continue }
                let selective = team == "Checkout" && wave == "2026-q3"
                if selective { selectiveAnswers += 1 }
                let everyone = team == "Checkout" && wave == "2026-q2"
                guard selective ? selectiveAnswers <= max(5, Int((Double(size) * (1 - 0.5 * effect)).rounded())) : everyone || chance(0.9) else { continue }
                func score() -> String { String(selective && chance(min(0.95, 0.5 + 0.4 * effect)) ? int(4...5) : int(1...5)) }
                let (y, m, d) = day.adding(days: int(0...4)).components
                // The first of Checkout's Q3 respondents answers neutrally on friction (the draw is still made,
                // so nothing after it moves): "mostly favourably", not all — a team where everyone answered
                // alike is hidden, since its figure would give each person's answer.
                let drawn = score()
                let friction = selective && selectiveAnswers == 1 ? "3" : drawn
                let trust = chance(0.1) ? "" : score()
                lines.append("\(m)/\(d)/\(y) \(int(8...17)):\(int(10...59)):\(int(10...59)),\(p.login)@acme.example,\"\(team)\",\(friction),\(trust),\"never stored, free text\"")
            }
            try write(lines.joined(separator: "\n") + "\n", "inputs/survey/developer-survey-\(wave).csv")
        }
    }

    /// IDE telemetry for June and September: suggestions shown, accepted, modified, rejected and
    /// reverted. Checkout undoes more of what it accepts in September (churn after acceptance, issue 6).
    mutating func events() throws {
        try events([("2026-06", Day(year: 2026, month: 6, day: 1)!, Day(year: 2026, month: 6, day: 30)!),
                    ("2026-09", Day(year: 2026, month: 9, day: 1)!, Day(year: 2026, month: 9, day: 30)!)])
    }

    mutating func events(_ months: [(String, Day, Day)]) throws {
        for (month, first, last) in months {
            var lines: [String] = []
            for day in Self.days(first, last) where day.isoWeekday <= 5 {
                for p in people where p.active(day) && chance(0.6) {
                    let churn = p.team(day) == "Checkout" && day >= Self.q3 && day <= Self.end
                    for n in 1...int(1...3) {
                        let id = "sg-\(day.iso8601)-\(p.login)-\(n)"
                        let at = 9 + n
                        lines.append(#"{"type":"suggestion.shown","time":"\#(Self.time(day, at))","actor":"\#(p.id)","attributes":{"suggestion_id":"\#(id)","tool":"q-developer","language":"python"}}"#)
                        if chance(0.4) {
                            lines.append(#"{"type":"suggestion.accepted","time":"\#(Self.time(day, at, 1))","actor":"\#(p.id)","attributes":{"suggestion_id":"\#(id)","lines":\#(int(1...12)),"code":"never stored"}}"#)
                            if chance(0.08 + (churn ? 0.2 * effect : 0)) { lines.append(#"{"type":"suggestion.modified","time":"\#(Self.time(day, at, 9))","actor":"\#(p.id)","attributes":{"suggestion_id":"\#(id)","lines_changed":\#(int(1...5))}}"#) }
                            if chance(0.04 + (churn ? 0.15 * effect : 0)) { lines.append(#"{"id":"revert-\#(id)","type":"suggestion.reverted","time":"\#(Self.time(day.adding(days: 2), 15))","actor":"\#(p.id)","attributes":{"suggestion_id":"\#(id)","commit":"r\#(int(1000...9999))"}}"#) }
                        } else {
                            lines.append(#"{"type":"suggestion.rejected","time":"\#(Self.time(day, at, 1))","actor":"\#(p.id)","attributes":{"suggestion_id":"\#(id)"}}"#)
                        }
                    }
                }
            }
            try write(lines.joined(separator: "\n") + "\n", "inputs/events/ide-\(month).jsonl")
        }
    }

    mutating func governance() throws {
        var consent = ["person_id,programme,status,effective"]
        for (i, p) in people.enumerated() where i % 5 == 0 {
            consent.append("\(p.id),self-view,opted_in,2026-07-0\(1 + i % 8)")
            if i % 15 == 0 { consent.append("\(p.id),self-view,revoked,2026-09-01") }
        }
        for (i, p) in people.enumerated() where i % 11 == 3 { consent.append("\(p.id),ai-adoption,opted_out,2026-08-01") }
        try write(consent.joined(separator: "\n") + "\n", "inputs/governance/consent.csv")
        try write("""
            date,change,metrics
            2026-05-04,"Amazon Q Developer inline suggestions enabled for Kotlin",ai.acceptance_rate
            2026-07-01,"Teams reorganised: one engineer moved Checkout → Search, one Mobile → Identity",
            2026-08-17,"Search adopts a two-approval rule for the payments path",flow.review_pickup;flow.review_depth

            """, "inputs/governance/policy-changes.csv")
        try write("""
            dispute_id,filed,resolved,outcome,metric,team,period,exclude
            D-2026-01,2026-07-08,2026-07-22,upheld,ai.acceptance_rate,,2026-Q2,
            D-2026-02,2026-09-02,,open,flow.review_pickup,Identity,2026-Q3,
            D-2026-03,2026-08-20,2026-09-03,upheld,flow.review_pickup,Checkout,2026-Q3,days:2026-08-10..2026-08-14

            """, "inputs/governance/disputes.csv")
        try write("""
            date,decision,metric,action
            2026-06-30,"Keep the acceptance rate, always shown beside quality measures",ai.acceptance_rate,keep
            2026-09-29,"Retire accepted lines per active day: it rewards volume",ai.accepted_lines_per_active_day,retire

            """, "inputs/governance/decisions.csv")
        // The approvals that open the security-reviewer view: one for every quarter, one for 2026-Q3 only.
        try write("""
            reference,approver,scope,granted,expires
            SEC-42,security-lead,security-review,2026-10-01,2026-12-31
            SEC-1,security-lead,security-review:2026-Q3,2026-10-01,2026-12-31

            """, "inputs/governance/approvals.csv")
    }
}
