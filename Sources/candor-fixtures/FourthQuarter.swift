import CandorVocabulary
import Foundation

/// The fourth quarter of 2026 (issue 21): every source again, in new files only, written after
/// everything else from its own stream, so every file of Q2 and Q3 keeps its bytes and their figures
/// stay. What changes, so that the index has a real trend to show (fixtures/README.md): Identity's
/// acceptance inflation and the rubber stamps of Payments and Search end with Q3; Mobile's acceptance
/// rises from 2026-10-12, when the policy-change log enables Swift suggestions; Checkout answers
/// the survey as everyone else does again.
extension OtherFormats {
    static let q4 = Day(year: 2026, month: 10, day: 1)!, q4End = Day(year: 2026, month: 12, day: 31)!

    mutating func fourthQuarter() throws {
        let december = Self.days(Day(year: 2026, month: 12, day: 1)!, Self.q4End)
        try copilotUsers(december.filter { $0.isoWeekday <= 5 }, wrapLast: false)
        try kiro(Self.days(Day(year: 2026, month: 12, day: 7)!, Day(year: 2026, month: 12, day: 18)!))
        try codeGuruReviewer([Day(year: 2026, month: 10, day: 13)!, Day(year: 2026, month: 12, day: 8)!], firstIndex: 4)
        try codeGuruSecurityFourthQuarter()
        try sarif([Day(year: 2026, month: 10, day: 2)!, Day(year: 2026, month: 12, day: 28)!], firstIndex: 4)
        try github(from: Self.q4, to: Self.q4End, suffix: "-2026-q4", firstNumber: 1000)
        try delivery(from: Self.q4, name: "2026-q4", firstIncident: 101)
        try survey([("2026-q4", Day(year: 2026, month: 12, day: 14)!)])
        try events([("2026-12", Day(year: 2026, month: 12, day: 1)!, Self.q4End)])
        try governanceFourthQuarter()
    }

    /// A later GetFindings export of the same four repositories: new findings opened in Q4, some closed.
    mutating func codeGuruSecurityFourthQuarter() throws {
        for (repo, _) in allRepositories.prefix(4) {
            let name = repo.replacingOccurrences(of: "acme/", with: "")
            var findings: [String] = []
            for i in 0..<int(1...4) {
                let created = Self.q4.adding(days: int(0...70))
                let closed = chance(0.6)
                findings.append(#"{"id":"\#(name)-finding-q4-\#(i)","title":"Hard-coded credentials","description":"never stored","type":"Vulnerability","status":"\#(closed ? "Closed" : "Open")","severity":"\#(["High", "Medium", "Critical", "Low"][i % 4])","createdAt":\#(created.dayNumber * 86400 + 3600),"updatedAt":"\#(Self.time(created.adding(days: closed ? int(1...12) : 0), 12))","generatorId":"AmazonCodeGuruSecurity","detectorId":"python/hardcoded-credentials@v1.0","detectorName":"Hardcoded credentials","detectorTags":["cwe-798"],"ruleId":"python-hardcoded-credentials","resource":{"id":"\#(name)","subResourceId":"scan-2"},"vulnerability":{"id":"v-q4-\#(i)","referenceUrls":[],"relatedVulnerabilities":["CWE-798"],"itemCount":1,"filePath":{"name":"settings.py","path":"src/settings.py","startLine":\#(i + 30),"endLine":\#(i + 31),"codeSnippet":[{"number":\#(i + 30),"content":"never stored"}]}},"remediation":{"recommendation":{"text":"never stored","url":"https://example.invalid"},"suggestedFixes":[]}}"#)
            }
            try write(#"{"findings":["# + "\n" + findings.joined(separator: ",\n") + "\n" + #"],"nextToken":null}"# + "\n", "inputs/codeguru/security/findings-\(name)-2026-q4.json")
        }
    }

    /// The governance inputs the fourth quarter adds: its policy change, and the approval that opens the
    /// security-reviewer view after the 2026 ones expire.
    mutating func governanceFourthQuarter() throws {
        try write("""
            date,change,metrics
            2026-10-12,"Amazon Q Developer inline suggestions enabled for Swift (the Mobile team's request)",ai.acceptance_rate

            """, "inputs/governance/policy-changes-2026-q4.csv")
        // A Q4 decision with the accountability columns: who approved it, what else was weighed, when to look again.
        try write("""
            date,decision,metric,action,approver,alternatives,review
            2026-11-18,"Keep Swift suggestions for Mobile and look again once a quarter of data is in",ai.acceptance_rate,keep,engineering-board,"Disable them again; extend them to every team now",2027-02-15

            """, "inputs/governance/decisions-2026-q4.csv")
        try write("""
            reference,approver,scope,granted,expires
            SEC-57,security-lead,security-review,2027-01-04,2027-03-31

            """, "inputs/governance/approvals-2027.csv")
    }
}
