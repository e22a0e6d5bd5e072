import CandorAnalysis
import CandorVocabulary
import Foundation

/// Appends bytes to a file through a 1 MiB buffer; integers are written digit by digit, so
/// generating millions of rows costs little next to what is measured.
final class ByteWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    func callAsFunction(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    func int(_ v: Int) {
        if v < 0 { buffer.append(UInt8(ascii: "-")); int(-v); return }
        if v >= 10 { int(v / 10) }
        buffer.append(UInt8(ascii: "0") + UInt8(v % 10))
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

/// A synthetic organisation of any size, for one quarter, in every source candor reads — written as
/// streams so generating 100,000 people needs no more memory than generating 1,000.
///
/// People sit in teams of 8–40 (drawn from the seed), ten teams to a department, one repository per
/// team. The rates per person are the same at every size, so rows grow linearly with people:
///
/// | source | per person in the quarter |
/// | --- | --- |
/// | Amazon Q Developer activity (one CSV per day, S3 layout) | active 60% of weekdays, 8% of weekend days: about 41 rows |
/// | Kiro user reports (per day and client) | 1 person in 10, half their weekdays: about 3 rows |
/// | Copilot users-1-day (NDJSON per weekday) | 1 person in 10 (a pilot group), 70% of weekdays: about 4.6 rows |
/// | Copilot user-teams | one day, teams with at least five Copilot users |
/// | GitHub pull requests, reviews, review comments | one pull request a week each, one review, 0–3 comments |
/// | CodeGuru Reviewer | per repository: two code reviews with 1–4 recommendations, some feedback |
/// | CodeGuru Security | findings for 1 repository in 10; one metrics file |
/// | SARIF | per repository: a scan at the start and the end of the quarter |
/// | deployments (DevLake JSON), incidents (CSV) | per repository: most weeks one deployment; 8% cause an incident |
/// | developer survey | 70% answer |
/// | IDE events (JSON lines) | 1 person in 20, 60% of September weekdays, 2 suggestions each |
/// | directory, repositories, consent, policy changes, disputes, decisions | one file each |
struct ScaleOrganisation {
    let people: Int
    let folder: URL
    var rng: SeededGenerator

    static let period = Period("2026-Q3")!
    static let account = "111122223333"

    private(set) var ids: [String] = []
    /// Team index of each person (contiguous ranges).
    private(set) var teamOf: [Int] = []
    private(set) var teamCount = 0
    private(set) var qDeveloperRows = 0

    init(people: Int, folder: URL, seed: UInt64) {
        self.people = people
        self.folder = folder
        rng = SeededGenerator(seed: seed)
        ids.reserveCapacity(people)
        for _ in 0..<people { ids.append(rng.uuid()) }
        var team = 0, left = 0
        for _ in 0..<people {
            if left == 0 { left = 8 + Int(rng.next() % 33); team += 1 }
            teamOf.append(team - 1)
            left -= 1
        }
        teamCount = team
    }

    var inputs: URL { folder.appendingPathComponent("inputs") }
    var qDeveloperFolder: URL { inputs.appendingPathComponent("AWSLogs/\(Self.account)/QDeveloperLogs") }

    func teamName(_ t: Int) -> String { "Team \(t + 1)" }
    func repository(_ t: Int) -> String { "bench/team-\(t + 1)-service" }
    func login(_ p: Int) -> String { "bench-dev-\(p)" }
    var days: [Day] { (Self.period.first.dayNumber...Self.period.last.dayNumber).map(Day.init(dayNumber:)) }
    var weekdays: [Day] { days.filter { $0.isoWeekday <= 5 } }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { rng.unit() < p }

    static func time(_ day: Day, _ hour: Int, _ minute: Int = 0) -> String {
        "\(day.iso8601)T\(hour < 10 ? "0" : "")\(min(hour, 23)):\(minute < 10 ? "0" : "")\(minute):00Z"
    }

    func writer(_ relative: String) throws -> ByteWriter { try ByteWriter(inputs.appendingPathComponent(relative)) }

    /// Every source, into `inputs/`.
    mutating func writeAll() throws {
        try directory()
        try qDeveloper()
        try kiro()
        try copilot()
        try github()
        try codeGuruReviewer()
        try codeGuruSecurity()
        try sarif()
        try delivery()
        try survey()
        try events()
        try governance()
    }

    func policy() -> String {
        """
        version: 1
        purpose: Benchmark organisation — help teams understand how AI assistants affect their work; never used to evaluate individuals.
        minimum_group_size: 5
        key_file: candor.key
        survey:
          team_column: Team
          submitted_column: Timestamp
          scale: 5
          favourable_from: 4
          items:
            - id: friction
              column: "I can get my work done without unnecessary friction"
            - id: ai.trust
              column: "I trust the AI suggestions I accept"
        targets:
          ai.acceptance_rate: 0.30
        email: {from: "Bench Developer Experience <devex@bench.example>"}

        """
    }

    func directory() throws {
        let w = try writer("directory.csv")
        w("person_id,team,from,to,github_login,department,team_email\n")
        for p in 0..<people {
            let t = teamOf[p]
            w("\(ids[p]),\(teamName(t)),2026-01-05,,\(login(p)),Department \(t / 10 + 1),team-\(t + 1)@bench.example\n")
        }
        try w.close()
        let r = try writer("repositories.csv")
        r("repository,team,from,to\n")
        for t in 0..<teamCount { r("\(repository(t)),\(teamName(t)),2026-01-05,\n") }
        try r.close()
    }

    /// One Amazon Q Developer user activity report per day, all 46 columns in the export's order.
    mutating func qDeveloper() throws {
        let metrics = QDeveloperMetric.allCases.map(\.rawValue).sorted()
        let shown = metrics.firstIndex(of: "Inline_SuggestionsCount")!, accepted = metrics.firstIndex(of: "Inline_AcceptanceCount")!
        let lines = metrics.firstIndex(of: "Inline_AICodeLines")!
        let header = (["UserId", "Date"] + metrics).joined(separator: ",") + "\n"
        var values = [Int](repeating: 0, count: metrics.count)
        for day in days {
            let (y, m, d) = day.components
            let stamp = "\(y)\(m < 10 ? "0" : "")\(m)\(d < 10 ? "0" : "")\(d)"
            let w = try writer("AWSLogs/\(Self.account)/QDeveloperLogs/by_user_analytic/us-east-1/\(y)/\(m < 10 ? "0" : "")\(m)/\(d < 10 ? "0" : "")\(d)/00/\(Self.account)_by_user_analytic_\(stamp)T000000Z.csv")
            w(header)
            let rate = day.isoWeekday <= 5 ? 0.6 : 0.08
            let date = day.iso8601
            for p in 0..<people where chance(rate) {
                for i in values.indices { values[i] = rng.next() % 4 == 0 ? Int(rng.next() % 30) : 0 }
                values[shown] = 10 + Int(rng.next() % 60)
                values[accepted] = Int(rng.next() % UInt64(values[shown] / 2 + 1))
                values[lines] = values[accepted] * (1 + Int(rng.next() % 4))
                w(ids[p]); w(","); w(date)
                for v in values { w(","); w.int(v) }
                w("\n")
                qDeveloperRows += 1
            }
            try w.close()
        }
    }

    mutating func kiro() throws {
        let header = "Date,UserId,Client_Type,Chat_Conversations,Credits_Used,Overage_Cap,Overage_Credits_Used,Overage_Enabled,ProfileId,Subscription_Tier,Total_Messages\n"
        let profile = "arn:aws:codewhisperer:us-east-1:\(Self.account):profile/BENCHEXAMPLE"
        for day in weekdays {
            let (y, m, d) = day.components
            let w = try writer("AWSLogs/\(Self.account)/KiroLogs/user_report/us-east-1/\(y)/\(m < 10 ? "0" : "")\(m)/\(d < 10 ? "0" : "")\(d)/00/KIRO_IDE_\(Self.account)_user_report_\(day.iso8601.replacingOccurrences(of: "-", with: ""))T020000Z.csv")
            w(header)
            for p in stride(from: 1, to: people, by: 10) where chance(0.5) {
                let conversations = int(1...8)
                w("\(day.iso8601),\(ids[p]),KIRO_IDE,\(conversations),\(conversations * 9).5,0,0,false,\(profile),Pro,\(conversations * int(3...9))\n")
            }
            try w.close()
        }
    }

    mutating func copilot() throws {
        for day in weekdays {
            let w = try writer("github/copilot/users-1-day/\(day.iso8601).ndjson")
            for p in stride(from: 0, to: people, by: 10) where chance(0.7) {
                let generations = int(5...60), acceptances = int(0...generations), chat = int(0...12)
                w(#"{"user_id":\#(700_000 + p),"user_login":"\#(login(p))","day":"\#(day.iso8601)","organization_id":"900001","enterprise_id":"4200","user_initiated_interaction_count":\#(chat),"code_generation_activity_count":\#(generations + chat * 2),"code_acceptance_activity_count":\#(acceptances + chat),"loc_suggested_to_add_sum":\#(generations * 3),"loc_suggested_to_delete_sum":0,"loc_added_sum":\#(acceptances * 2 + chat * 9),"loc_deleted_sum":\#(chat),"used_agent":\#(chat > 0),"used_chat":\#(chat > 0),"used_cli":false,"totals_by_ide":[{"ide":"vscode","user_initiated_interaction_count":\#(chat)}],"totals_by_feature":[{"feature":"code_completion","user_initiated_interaction_count":0,"code_generation_activity_count":\#(generations),"code_acceptance_activity_count":\#(acceptances),"loc_suggested_to_add_sum":\#(generations * 3),"loc_suggested_to_delete_sum":0,"loc_added_sum":\#(acceptances * 2),"loc_deleted_sum":0},{"feature":"chat_panel_agent_mode","user_initiated_interaction_count":\#(chat),"code_generation_activity_count":\#(chat * 2),"code_acceptance_activity_count":\#(chat),"loc_suggested_to_add_sum":0,"loc_suggested_to_delete_sum":0,"loc_added_sum":\#(chat * 9),"loc_deleted_sum":\#(chat)}]}"# + "\n")
            }
            try w.close()
        }
        // GitHub teams (one per department here) with at least five Copilot users, on one day.
        let day = Day(year: 2026, month: 9, day: 15)!
        let w = try writer("github/copilot/user-teams-1-day/\(day.iso8601).ndjson")
        var members: [Int: [Int]] = [:]
        for p in stride(from: 0, to: people, by: 10) { members[teamOf[p] / 10, default: []].append(p) }
        for (department, list) in members.sorted(by: { $0.key < $1.key }) where list.count >= 5 {
            for p in list { w(#"{"user_id":\#(700_000 + p),"user_login":"\#(login(p))","day":"\#(day.iso8601)","organization_id":"900001","team_id":\#(4000 + department),"slug":"department-\#(department + 1)"}"# + "\n") }
        }
        try w.close()
    }

    /// Per repository (one per team), as `gh api --paginate --slurp` writes them: one pull request per
    /// person a week, one review each (a few within minutes, most within hours) and 0–3 comments.
    mutating func github() throws {
        var start = 0
        for t in 0..<teamCount {
            var end = start
            while end < people && teamOf[end] == t { end += 1 }
            let repo = repository(t), name = "team-\(t + 1)-service"
            let pulls = try writer("github/pulls/\(name).json"), reviews = try writer("github/reviews/\(name).json"), comments = try writer("github/review-comments/\(name).json")
            pulls("["); reviews("["); comments("[")
            var number = 0, firstComment = true
            for created in weekdays {
                for author in start..<end where end - start >= 2 && chance(0.2) {
                    number += 1
                    let hour = int(8...14)
                    let merged = chance(0.85)
                    let mergedAt = merged ? "\"\(Self.time(created.adding(days: int(0...3)), hour + int(1...5)))\"" : "null"
                    if number > 1 { pulls(",\n"); reviews(",\n") }
                    pulls(#"{"url":"https://api.github.com/repos/\#(repo)/pulls/\#(number)","id":\#(rng.next() % 1_000_000_000),"number":\#(number),"state":"closed","locked":false,"title":"never stored","user":{"login":"\#(login(author))","id":1,"type":"User"},"body":"never stored","created_at":"\#(Self.time(created, hour))","updated_at":"\#(Self.time(created.adding(days: 4), 9))","closed_at":"\#(Self.time(created.adding(days: 4), 9))","merged_at":\#(mergedAt),"draft":false,"head":{"ref":"feature-\#(number)","sha":"abc\#(number)","repo":{"full_name":"\#(repo)"}},"base":{"ref":"main","sha":"def","repo":{"full_name":"\#(repo)","private":true,"owner":{"login":"bench","type":"Organization"}}},"author_association":"MEMBER","labels":[],"requested_reviewers":[]}"#)
                    var reviewer = start + int(0...(end - start - 1))
                    if reviewer == author { reviewer = reviewer + 1 < end ? reviewer + 1 : start }
                    let delay = chance(0.1) ? int(1...4) : int(20...300)
                    let reviewId = number
                    let at = Self.time(created, hour + delay / 60, delay % 60)
                    reviews(#"{"id":\#(reviewId),"user":{"login":"\#(login(reviewer))","type":"User"},"body":"never stored","state":"APPROVED","submitted_at":"\#(at)","commit_id":"abc\#(number)","pull_request_url":"https://api.github.com/repos/\#(repo)/pulls/\#(number)","author_association":"MEMBER"}"#)
                    for c in 0..<int(0...3) {
                        if !firstComment { comments(",\n") }
                        firstComment = false
                        comments(#"{"id":\#(reviewId * 10 + c),"pull_request_review_id":\#(reviewId),"user":{"login":"\#(login(reviewer))"},"body":"never stored","diff_hunk":"never stored","path":"src/a.py","created_at":"\#(at)","pull_request_url":"https://api.github.com/repos/\#(repo)/pulls/\#(number)"}"#)
                    }
                }
            }
            pulls("]\n"); reviews("]\n"); comments("]\n")
            try pulls.close(); try reviews.close(); try comments.close()
            start = end
        }
    }

    mutating func codeGuruReviewer() throws {
        let rules = [("python-resource-leak", "ResourceLeaks", "High"), ("java-concurrency", "ConcurrencyIssues", "Medium"),
                     ("input-validation", "InputValidations", "Low"), ("aws-best-practices", "AWSBestPractices", "Info")]
        let arnPrefix = "arn:aws:codeguru-reviewer:us-east-1:\(Self.account):association:5f0e8a52-0c61-4c42-9b55-a1c7e0e2b001:code-review:"
        var start = 0
        for t in 0..<teamCount {
            var end = start
            while end < people && teamOf[end] == t { end += 1 }
            let name = "team-\(t + 1)-service"
            for (n, day) in [Day(year: 2026, month: 7, day: 14)!, Day(year: 2026, month: 9, day: 8)!].enumerated() {
                let pr = 100 + n
                let arn = arnPrefix + "PullRequest-github-bench-\(name)-\(pr)-\(String(format: "%08x", rng.next() & 0xffffffff))"
                let findings = int(1...4), metered = int(1500...3000)
                let describe = try writer("codeguru/reviewer/\(name)/pr-\(pr)-describe.json")
                describe(#"{"CodeReview":{"Name":"pr-\#(pr)","CodeReviewArn":"\#(arn)","RepositoryName":"\#(name)","Owner":"bench","ProviderType":"GitHub","State":"Completed","StateReason":"Pull request review completed.","CreatedTimeStamp":\#(day.dayNumber * 86400 + 36000).5,"LastUpdatedTimeStamp":\#(day.dayNumber * 86400 + 36600).25,"Type":"PullRequest","PullRequestId":"\#(pr)","SourceCodeType":{"CommitDiff":{"SourceCommit":"a1","DestinationCommit":"b2"}},"Metrics":{"MeteredLinesOfCodeCount":\#(metered),"SuppressedLinesOfCodeCount":0,"FindingsCount":\#(findings)},"AnalysisTypes":["Security","CodeQuality"],"ConfigFileState":"Absent"}}"# + "\n")
                try describe.close()
                let recs = try writer("codeguru/reviewer/\(name)/pr-\(pr)-recommendations.json")
                recs(#"{"CodeReviewArn":"\#(arn)","RecommendationSummaries":["#)
                for f in 0..<findings {
                    let rule = rules[(f + n) % rules.count]
                    let id = String(format: "%016llx", rng.next())
                    recs((f > 0 ? ",\n" : "\n") + #"{"FilePath":"src/module\#(f).py","RecommendationId":"\#(id)","StartLine":\#(10 + f * 7),"EndLine":\#(12 + f * 7),"Description":"never stored","RecommendationCategory":"\#(rule.1)","RuleMetadata":{"RuleId":"\#(rule.0)","RuleName":"Rule","ShortDescription":"short","LongDescription":"long","RuleTags":["tag"]},"Severity":"\#(rule.2)"}"#)
                    if chance(0.35) {
                        let feedback = try writer("codeguru/reviewer/\(name)/pr-\(pr)-feedback-\(f).json")
                        feedback(#"{"CodeReviewArn":"\#(arn)","RecommendationFeedbackSummaries":[{"RecommendationId":"\#(id)","Reactions":["\#(chance(0.5) ? "ThumbsDown" : "ThumbsUp")"],"UserId":"\#(ids[start + int(0...(end - start - 1))])"}]}"# + "\n")
                        try feedback.close()
                    }
                }
                recs("\n" + #"],"NextToken":null}"# + "\n")
                try recs.close()
            }
            start = end
        }
    }

    mutating func codeGuruSecurity() throws {
        for t in stride(from: 0, to: teamCount, by: 10) {
            let name = "team-\(t + 1)-service"
            let w = try writer("codeguru/security/findings-\(name).json")
            w(#"{"findings":["#)
            for i in 0..<int(2...6) {
                let created = Self.period.first.adding(days: int(0...60))
                let closed = chance(0.5)
                w((i > 0 ? ",\n" : "\n") + #"{"id":"\#(name)-finding-\#(i)","title":"Hard-coded credentials","description":"never stored","type":"Vulnerability","status":"\#(closed ? "Closed" : "Open")","severity":"\#(["Critical", "High", "Medium", "Low"][i % 4])","createdAt":\#(created.dayNumber * 86400 + 3600),"updatedAt":"\#(Self.time(created.adding(days: closed ? int(1...20) : 0), 12))","generatorId":"AmazonCodeGuruSecurity","detectorId":"python/hardcoded-credentials@v1.0","detectorName":"Hardcoded credentials","detectorTags":["cwe-798"],"ruleId":"python-hardcoded-credentials","resource":{"id":"\#(name)","subResourceId":"scan-1"},"vulnerability":{"id":"v-\#(i)","referenceUrls":[],"relatedVulnerabilities":["CWE-798"],"itemCount":1,"filePath":{"name":"settings.py","path":"src/settings.py","startLine":\#(i + 3),"endLine":\#(i + 4),"codeSnippet":[{"number":\#(i + 3),"content":"never stored"}]}},"remediation":{"recommendation":{"text":"never stored","url":"https://example.invalid"},"suggestedFixes":[]}}"#)
            }
            w("\n" + #"],"nextToken":null}"# + "\n")
            try w.close()
        }
        let w = try writer("codeguru/security/findings-metrics-2026-q3.json")
        w(#"{"findingsMetrics":["#)
        for (i, day) in days.enumerated() {
            func s() -> String { #"{"critical":\#(int(0...1)),"high":\#(int(0...3)),"medium":\#(int(0...5)),"low":\#(int(0...4)),"info":\#(int(0...2))}"# }
            w((i > 0 ? ",\n" : "\n") + #"{"date":\#(day.dayNumber * 86400),"newFindings":\#(s()),"closedFindings":\#(s()),"openFindings":\#(s()),"meanTimeToClose":{"critical":0,"high":4.5,"medium":11.2,"low":0,"info":0}}"#)
        }
        w("\n]}\n")
        try w.close()
    }

    mutating func sarif() throws {
        let rules = ["py/sql-injection", "py/clear-text-logging-sensitive-data", "py/unused-import", "js/xss", "js/unused-local-variable"]
        for t in 0..<teamCount {
            let name = "team-\(t + 1)-service"
            for (n, day) in [Day(year: 2026, month: 7, day: 2)!, Day(year: 2026, month: 9, day: 28)!].enumerated() {
                let w = try writer("sarif/\(name)-\(day.iso8601).sarif")
                w("""
                    {"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{
                    "tool":{"driver":{"name":"CodeQL","semanticVersion":"2.18.0","rules":[{"id":"py/sql-injection","shortDescription":{"text":"SQL query built from user-controlled sources"}}]}},
                    "versionControlProvenance":[{"repositoryUri":"https://github.com/\(repository(t))","revisionId":"\(String(format: "%016llx", rng.next()))","branch":"refs/heads/main"}],
                    "invocations":[{"executionSuccessful":true,"endTimeUtc":"\(Self.time(day, 3))"}],
                    "results":[
                    """)
                for i in 0..<int(3...9) {
                    let baseline = n > 0 ? #","baselineState":"\#(i % 3 == 0 ? "new" : "unchanged")""# : ""
                    w((i > 0 ? ",\n" : "") + #"{"ruleId":"\#(rules[(i + t) % rules.count])","ruleIndex":0,"level":"\#(["error", "warning", "note"][i % 3])","message":{"text":"never stored"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/file\#(i).py","uriBaseId":"%SRCROOT%"},"region":{"startLine":\#(5 + i * 11),"startColumn":1}}}],"partialFingerprints":{"primaryLocationLineHash":"\#(String(format: "%016llx", UInt64(i * 7919 + t * 104_729)))"}\#(baseline)}"#)
                }
                w("\n]}]}\n")
                try w.close()
            }
        }
    }

    mutating func delivery() throws {
        let deployments = try writer("delivery/deployments-2026-q3.json")
        let incidents = try writer("delivery/incidents-2026-q3.csv")
        deployments("[")
        incidents("incident_id,repository,created_at,resolved_at,severity,caused_by_deployment\n")
        var first = true, incident = 1
        for t in 0..<teamCount {
            let repo = repository(t)
            for week in 0..<13 where chance(0.8) {
                let day = Self.period.first.adding(days: week * 7 + int(0...4))
                let id = "deploy-team-\(t + 1)-\(week)"
                let failed = chance(0.12)
                deployments((first ? "\n" : ",\n") + #"{"id":"\#(id)","displayTitle":"never stored","startedDate":"\#(Self.time(day, 10))","finishedDate":"\#(Self.time(day, 10, int(5...40)))","result":"\#(failed ? "FAILURE" : "SUCCESS")","environment":"PRODUCTION","deploymentCommits":[{"repoUrl":"https://github.com/\#(repo)","commitSha":"\#(String(format: "%012llx", rng.next() & 0xffffffffffff))","startedDate":"\#(Self.time(day, 10))","finishedDate":"\#(Self.time(day, 10, 30))"}]}"#)
                first = false
                if !failed && chance(0.08) {
                    let resolved = chance(0.9) ? Self.time(day.adding(days: int(0...1)), 18) : ""
                    incidents("INC-\(incident),\(repo),\(Self.time(day, 14)),\(resolved),SEV\(int(2...3)),\(id)\n")
                    incident += 1
                }
            }
        }
        deployments("\n]\n")
        try deployments.close(); try incidents.close()
    }

    mutating func survey() throws {
        let w = try writer("survey/developer-survey-2026-q3.csv")
        w("Timestamp,Email Address,Team,I can get my work done without unnecessary friction,I trust the AI suggestions I accept,What would help you most? (optional)\n")
        for p in 0..<people where chance(0.7) {
            let day = Day(year: 2026, month: 9, day: 14)!.adding(days: int(0...4))
            let (y, m, d) = day.components
            let trust = chance(0.1) ? "" : String(int(1...5))
            w("\(m)/\(d)/\(y) \(int(8...17)):\(int(10...59)):\(int(10...59)),\(login(p))@bench.example,\(teamName(teamOf[p])),\(int(1...5)),\(trust),\"never stored, free text\"\n")
        }
        try w.close()
    }

    mutating func events() throws {
        let w = try writer("events/ide-2026-09.jsonl")
        for day in weekdays where day >= Day(year: 2026, month: 9, day: 1)! {
            for p in stride(from: 3, to: people, by: 20) where chance(0.6) {
                for n in 1...2 {
                    let id = "sg-\(day.iso8601)-\(p)-\(n)"
                    let at = 9 + n
                    w(#"{"type":"suggestion.shown","time":"\#(Self.time(day, at))","actor":"\#(ids[p])","attributes":{"suggestion_id":"\#(id)","tool":"q-developer","language":"python"}}"# + "\n")
                    if chance(0.4) {
                        w(#"{"type":"suggestion.accepted","time":"\#(Self.time(day, at, 1))","actor":"\#(ids[p])","attributes":{"suggestion_id":"\#(id)","lines":\#(int(1...12)),"code":"never stored"}}"# + "\n")
                        if chance(0.08) { w(#"{"type":"suggestion.modified","time":"\#(Self.time(day, at, 9))","actor":"\#(ids[p])","attributes":{"suggestion_id":"\#(id)","lines_changed":\#(int(1...5))}}"# + "\n") }
                    } else {
                        w(#"{"type":"suggestion.rejected","time":"\#(Self.time(day, at, 1))","actor":"\#(ids[p])","attributes":{"suggestion_id":"\#(id)"}}"# + "\n")
                    }
                }
            }
        }
        try w.close()
    }

    func governance() throws {
        let consent = try writer("governance/consent.csv")
        consent("person_id,programme,status,effective\n")
        for p in stride(from: 0, to: people, by: 5) { consent("\(ids[p]),self-view,opted_in,2026-07-0\(1 + p % 8)\n") }
        for p in stride(from: 3, to: people, by: 50) { consent("\(ids[p]),ai-adoption,opted_out,2026-08-01\n") }
        try consent.close()
        let changes = try writer("governance/policy-changes.csv")
        changes("date,change,metrics\n2026-08-03,\"Inline suggestions enabled for Kotlin\",ai.acceptance_rate\n")
        try changes.close()
        let disputes = try writer("governance/disputes.csv")
        disputes("dispute_id,filed,resolved,outcome,metric\nD-2026-01,2026-07-08,2026-07-22,upheld,ai.acceptance_rate\n")
        try disputes.close()
        let decisions = try writer("governance/decisions.csv")
        decisions("date,decision,metric,action\n2026-09-29,\"Keep the acceptance rate, beside quality measures\",ai.acceptance_rate,keep\n")
        try decisions.close()
    }
}
