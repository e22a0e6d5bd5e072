// candor-fixtures — writes the synthetic organisation in fixtures/acme.
//
//     swift run candor-fixtures fixtures/acme
//
// Deterministic: the same seed gives byte-identical files, so the committed fixtures and the
// example reports built from them can be checked by tests. fixtures/README.md describes what
// is planted where.

import CandorAnalysis
import CandorVocabulary
import Foundation

struct Person {
    var id: String
    var memberships: [(team: String, from: Day, to: Day?)]
    var activeProbability: Double
    var acceptance: Double
    var volume: Double
    var inDirectory: Bool
    var start: Day
    var end: Day?
}

// Arguments: OUTPUT_DIR [--seed N] [--effect X]. The defaults write fixtures/acme; another seed and
// effect size write an independent organisation with the same plants at different strengths (the
// second planted-pattern test uses one).
var positional: [String] = []
var seed: UInt64 = 20_260_401
var effect = 1.0
var argumentIterator = CommandLine.arguments.dropFirst().makeIterator()
while let argument = argumentIterator.next() {
    switch argument {
    case "--seed": seed = argumentIterator.next().flatMap { UInt64($0) } ?? 0
    case "--effect": effect = argumentIterator.next().flatMap { Double($0) } ?? 0
    default: positional.append(argument)
    }
}
guard positional.count == 1, seed > 0, effect > 0, effect <= 2 else {
    FileHandle.standardError.write(Data("usage: candor-fixtures OUTPUT_DIR [--seed N] [--effect 0.5…2]   (e.g. fixtures/acme)\n".utf8))
    exit(1)
}
let output = URL(fileURLWithPath: positional[0])
var rng = SeededGenerator(seed: seed)
/// A second stream for the planted patterns, so planting never shifts the main stream.
var plantRng = SeededGenerator(seed: seed ^ 0x5eed_0f_9a7e)

let firstDay = Day(year: 2026, month: 4, day: 1)!
let lastDay = Day(year: 2026, month: 9, day: 30)!
/// The fourth quarter's files are written last, from their own streams (fixtures/README.md).
let fourthQuarterLastDay = Day(year: 2026, month: 12, day: 31)!
let q3 = Day(year: 2026, month: 7, day: 1)!

// Teams, their sizes and a team-level acceptance tendency. "Docs Tools" (3 people) is below the
// default minimum group size, so every report must suppress it.
let teams: [(name: String, size: Int, acceptance: Double)] = [
    ("Checkout", 10, 0.31), ("Data Platform", 9, 0.27), ("Identity", 8, 0.34), ("Mobile", 8, 0.24),
    ("Payments", 8, 0.29), ("Platform & Infra", 7, 0.36), ("Search", 7, 0.22), ("Docs Tools", 3, 0.40),
]

var people: [Person] = []
for team in teams {
    for _ in 0..<team.size {
        people.append(Person(
            id: rng.uuid(), memberships: [(team.name, Day(year: 2025, month: 1, day: 6)!, nil)],
            activeProbability: 0.55 + 0.4 * rng.unit(),
            acceptance: min(0.9, max(0.05, team.acceptance + 0.12 * (rng.unit() - 0.5))),
            volume: 15 + 60 * rng.unit(), inDirectory: true, start: firstDay, end: nil))
    }
}
// Team moves at the start of Q3: one person Checkout → Search, one Mobile → Identity.
@MainActor func move(_ index: Int, to team: String, on day: Day) {
    let current = people[index].memberships.removeLast()
    people[index].memberships.append((current.team, current.from, day.adding(days: -1)))
    people[index].memberships.append((team, day, nil))
}
move(0, to: "Search", on: q3)
move(teams[0].size + teams[1].size + teams[2].size, to: "Identity", on: q3)
// A leaver at the end of Q2 (Payments) and a new hire in Q3 (Data Platform).
let leaver = teams[0..<4].reduce(0) { $0 + $1.size } + 1
people[leaver].end = Day(year: 2026, month: 6, day: 30)!
people[leaver].memberships[0].to = people[leaver].end
people.append(Person(id: rng.uuid(), memberships: [("Data Platform", Day(year: 2026, month: 7, day: 20)!, nil)],
                     activeProbability: 0.8, acceptance: 0.26, volume: 40, inDirectory: true,
                     start: Day(year: 2026, month: 7, day: 20)!, end: nil))
// Contractors with Q Developer seats who are not in the directory: one all along, a second from Q3.
people.append(Person(id: rng.uuid(), memberships: [], activeProbability: 0.7, acceptance: 0.3, volume: 30,
                     inDirectory: false, start: firstDay, end: nil))
people.append(Person(id: rng.uuid(), memberships: [], activeProbability: 0.7, acceptance: 0.33, volume: 30,
                     inDirectory: false, start: q3, end: nil))

let metrics = QDeveloperMetric.allCases
let legacyHeader = ["UserId", "Date"] + QDeveloperMetric.legacyEightColumnSet.map(\.rawValue)
let fullHeader = ["UserId", "Date"] + metrics.map(\.rawValue).sorted()

@MainActor func write(_ text: String, _ relative: String) throws {
    let url = output.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

/// The team a person belongs to on a day.
func team(of p: Person, on day: Day) -> String? {
    p.memberships.first { day >= $0.from && ($0.to.map { day <= $0 } ?? true) }?.team
}

/// Planted shifts in acceptance (fixtures/README.md): Payments from 2026-05-04, when the policy-change
/// log enables Kotlin suggestions (explained); Data Platform from 2026-08-03, with no change (unexplained,
/// and its persistence does not follow: leading without outcome); Identity through Q3, while the lines
/// kept from each acceptance fall (acceptance inflation).
@MainActor func plantedShift(_ team: String?, _ day: Day) -> Double {
    if team == "Payments" && day >= Day(year: 2026, month: 5, day: 4)! { return 0.10 }
    if team == "Data Platform" && day >= Day(year: 2026, month: 8, day: 3)! { return 0.15 * effect }
    // Identity's inflation ends with Q3 (the team took up the Q3 review's prompt).
    if team == "Identity" && day >= q3 && day <= lastDay { return 0.10 * effect }
    // Mobile from 2026-10-12, when the policy-change log enables Swift suggestions (explained).
    if team == "Mobile" && day >= Day(year: 2026, month: 10, day: 12)! { return 0.08 * effect }
    return 0
}

/// Identity's Q2 burst: more suggestions in the 14 days before the 2026-06-15 promotion committee.
@MainActor func burst(_ team: String?, _ day: Day) -> Double {
    team == "Identity" && day >= Day(year: 2026, month: 6, day: 1)! && day <= Day(year: 2026, month: 6, day: 14)! ? 1 + 1.5 * effect : 1
}

/// One person's counts for a day, or nil when they did not use Q Developer that day.
@MainActor func activity(_ p: Person, on day: Day) -> [QDeveloperMetric: Int]? {
    if day < p.start { return nil }
    if let end = p.end, day > end { return nil }
    let weekend = day.isoWeekday >= 6
    if rng.unit() > p.activeProbability * (weekend ? 0.08 : 1) { return nil }
    var c: [QDeveloperMetric: Int] = [:]
    let shown = Int(p.volume * (0.5 + rng.unit()) * burst(team(of: p, on: day), day))
    var accepted = 0
    let rate = p.acceptance + plantedShift(team(of: p, on: day), day)
    for _ in 0..<shown where rng.unit() < rate { accepted += 1 }
    c[.inlineSuggestionsCount] = shown
    c[.inlineAcceptanceCount] = accepted
    let lines = accepted * (1 + Int(rng.next() % 4))
    // Identity's Q3 acceptances keep fewer lines each (acceptance inflation).
    c[.inlineAICodeLines] = team(of: p, on: day) == "Identity" && day >= q3 && day <= lastDay ? max(accepted, Int(Double(lines) * (1 - 0.55 * effect))) : lines
    let chats = Int(rng.next() % 9)
    c[.chatMessagesSent] = chats * 2
    c[.chatMessagesInteracted] = chats > 0 ? Int(rng.next() % UInt64(chats + 1)) : 0
    c[.chatAICodeLines] = chats > 0 ? Int(rng.next() % 40) : 0
    if rng.unit() < 0.15 {
        let generated = 1 + Int(rng.next() % 5)
        c[.codeReviewFindingsCount] = generated + Int(rng.next() % 3)
        c[.codeFixGenerationEventCount] = generated
        c[.codeFixAcceptanceEventCount] = Int(rng.next() % UInt64(generated + 1))
        c[.codeFixGeneratedLines] = generated * 6
        c[.codeFixAcceptedLines] = (c[.codeFixAcceptanceEventCount] ?? 0) * 6
        c[.codeReviewSucceededEventCount] = generated
    }
    if rng.unit() < 0.1 {
        let events = 1 + Int(rng.next() % 3)
        c[.inlineChatTotalEventCount] = events
        c[.inlineChatAcceptanceEventCount] = Int(rng.next() % UInt64(events + 1))
        c[.inlineChatAcceptedLineAdditions] = (c[.inlineChatAcceptanceEventCount] ?? 0) * 5
    }
    if rng.unit() < 0.05 {
        c[.testGenerationEventCount] = 1
        c[.testGenerationGeneratedTests] = 3
        c[.testGenerationAcceptedTests] = Int(rng.next() % 4)
        c[.testGenerationGeneratedLines] = 60
        c[.testGenerationAcceptedLines] = (c[.testGenerationAcceptedTests] ?? 0) * 20
    }
    return c
}

// Every person-day first, in the main stream's order; then the plants that need whole weeks.
var generated: [Day: [(person: Int, counts: [QDeveloperMetric: Int])]] = [:]
var dayCursor = firstDay
while dayCursor <= lastDay {
    generated[dayCursor] = people.indices.compactMap { i in activity(people[i], on: dayCursor).map { (i, $0) } }
    dayCursor = dayCursor.adding(days: 1)
}

// Threshold bunching (Checkout, Q2): person-weeks a little under the published 30% target are topped
// up to just past it — the team "makes the number".
let target = 0.30
var personWeeks: [String: [(day: Day, row: Int)]] = [:]
for (day, rowsOfDay) in generated where day < q3 {
    for (r, row) in rowsOfDay.enumerated() where team(of: people[row.person], on: day) == "Checkout" {
        personWeeks["\(row.person)|\(day.isoWeekStart.iso8601)", default: []].append((day, r))
    }
}
for key in personWeeks.keys.sorted() {
    let cells = personWeeks[key]!.sorted { $0.day < $1.day }
    let shown = cells.reduce(0) { $0 + (generated[$1.day]![$1.row].counts[.inlineSuggestionsCount] ?? 0) }
    var accepted = cells.reduce(0) { $0 + (generated[$1.day]![$1.row].counts[.inlineAcceptanceCount] ?? 0) }
    guard shown > 0, Double(accepted) / Double(shown) >= target - 0.06, Double(accepted) / Double(shown) < target,
          plantRng.unit() < min(1, 0.9 * effect) else { continue }
    var missing = Int((target * Double(shown)).rounded(.up)) - accepted
    for cell in cells where missing > 0 {
        var counts = generated[cell.day]![cell.row].counts
        let room = (counts[.inlineSuggestionsCount] ?? 0) - (counts[.inlineAcceptanceCount] ?? 0)
        let add = min(room, missing)
        counts[.inlineAcceptanceCount, default: 0] += add
        counts[.inlineAICodeLines, default: 0] += 2 * add
        generated[cell.day]![cell.row].counts = counts
        missing -= add; accepted += add
    }
}

let account = "111122223333"
var files = 0, rows = 0

/// Writes one day's Q Developer report(s) as the S3 export lays them out.
@MainActor func writeQDeveloperDay(_ day: Day, _ dayRows: [(person: Int, counts: [QDeveloperMetric: Int])]) throws {
    let (y, m, d) = day.components
    let legacy = m == 4                        // April: the 2025-era 8-column file
    let crlf = m == 6                          // June: CRLF line endings
    let isoDates = m >= 7                      // from July: YYYY-MM-DD dates
    let header = legacy ? legacyHeader : fullHeader
    var lines: [String] = []
    for (index, counts) in dayRows {
        let p = people[index]
        let date = isoDates ? "\(y)-\(pad(m))-\(pad(d))" : "\(pad(m))-\(pad(d))-\(y)"
        var fields = [legacy ? "\"\(p.id)\"" : p.id, date]
        for column in header.dropFirst(2) {
            let v = counts[QDeveloperMetric(rawValue: column)!] ?? 0
            // Legacy files leave zero cells blank, as the real April 2025 sample does.
            fields.append(legacy && v == 0 ? "" : String(v))
        }
        lines.append(fields.joined(separator: ","))
    }
    let eol = crlf ? "\r\n" : "\n"
    let folder = "inputs/AWSLogs/\(account)/QDeveloperLogs/by_user_analytic/us-east-1/\(y)/\(pad(m))/\(pad(d))/00"
    let stamp = "\(y)\(pad(m))\(pad(d))T000000Z"
    // The week of 2026-08-03 arrives split into two part files, as exports over the size limit are.
    let split = day >= Day(year: 2026, month: 8, day: 3)! && day <= Day(year: 2026, month: 8, day: 9)!
    let parts = split ? [Array(lines.prefix(lines.count / 2)), Array(lines.dropFirst(lines.count / 2))] : [lines]
    for (i, part) in parts.enumerated() {
        let suffix = split ? "_part_\(i + 1)" : ""
        let text = ([header.joined(separator: ",")] + part).joined(separator: eol) + eol
        try write(text, "\(folder)/\(account)_by_user_analytic_\(stamp)\(suffix).csv")
        files += 1
    }
    // 2026-08-14 is delivered twice: a late re-delivery repeats every row with one extra column
    // this version of candor does not know. Ingesting both must not double count.
    if day == Day(year: 2026, month: 8, day: 14)! {
        let extraHeader = header + ["Region"]
        let text = ([extraHeader.joined(separator: ",")] + lines.map { $0 + ",us-east-1" }).joined(separator: eol) + eol
        try write(text, "\(folder)/\(account)_by_user_analytic_\(y)\(pad(m))\(pad(d))T060000Z_redelivery.csv")
        files += 1
    }
    rows += lines.count
}
var day = firstDay
while day <= lastDay {
    try writeQDeveloperDay(day, generated[day]!)
    day = day.adding(days: 1)
}

func login(_ index: Int) -> String { "acme-dev-" + (index < 10 ? "0" : "") + String(index) }

// Departments group the teams; "Docs Tools" (too small alone) sits in Platform, so protecting it
// takes the department level into account too.
let departments = ["Checkout": "Commerce", "Payments": "Commerce", "Mobile": "Product", "Search": "Product",
                   "Data Platform": "Platform", "Identity": "Platform", "Platform & Infra": "Platform", "Docs Tools": "Platform"]
// Each team's mailing list, where its emailed summary goes.
func teamEmail(_ team: String) -> String {
    "team-" + team.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-") + "@acme.example"
}
var directory = ["person_id,team,from,to,github_login,department,team_email"]
for (index, p) in people.enumerated() where p.inDirectory {
    for m in p.memberships {
        directory.append("\(p.id),\(m.team.contains(",") ? "\"\(m.team)\"" : m.team),\(m.from),\(m.to?.iso8601 ?? ""),\(login(index)),\(departments[m.team] ?? ""),\(teamEmail(m.team))")
    }
}
try write(directory.joined(separator: "\n") + "\n", "inputs/directory.csv")

// Every other export format, for the same people and teams.
let everyone = people.enumerated().map { index, p in
    FixturePerson(
        id: p.id, login: login(index),
        team: { day in p.memberships.first { day >= $0.from && ($0.to.map { day <= $0 } ?? true) }?.team },
        active: { day in day >= p.start && (p.end.map { day <= $0 } ?? true) })
}
var others = OtherFormats(output: output, people: everyone, teams: teams.map(\.name), effect: effect)
others.rng = SeededGenerator(seed: seed == 20_260_401 ? 90_210 : seed &* 31 &+ 7)
try others.writeAll()

// The example key: fixed bytes from the seed, so the fixture database is reproducible.
// Its own stream, so changing what is planted never changes every pseudonym.
var keyBytes: [UInt8] = []
var keyRng = SeededGenerator(seed: seed ^ 0x6b65_7900)
for _ in 0..<4 { withUnsafeBytes(of: keyRng.next().littleEndian) { keyBytes += $0 } }
try write("# EXAMPLE KEY for the synthetic fixtures/acme organisation only. Never use it for real data.\n"
          + Data(keyBytes).base64EncodedString() + "\n", "candor.key")

// The fourth quarter (fixtures/README.md), added later without changing a byte of what is above:
// its own stream, new files only. Q Developer first, then every other source.
rng = SeededGenerator(seed: seed ^ 0x0004_2026_0001)
day = Day(year: 2026, month: 10, day: 1)!
while day <= fourthQuarterLastDay {
    try writeQDeveloperDay(day, people.indices.compactMap { i in activity(people[i], on: day).map { (i, $0) } })
    day = day.adding(days: 1)
}
others.rng = SeededGenerator(seed: seed ^ 0x0004_2026_0002)
try others.fourthQuarter()

print("wrote \(files) Q Developer files (\(rows) person-day rows) for \(people.count) people, the directory, and \(others.files) files in the other formats, to \(output.path)")
