// candor-bench — ingest and report throughput against the baseline a team would use instead.
//
//     swift run -c release candor-bench [--people 1000,10000] [--rows 1000000] [--days 92]
//
// `--rows N` adds an organisation sized to give about N rows. candor runs as the release `candor`
// binary beside this one, like a user would run it, so its peak memory is measured too.
//
// For each organisation size it writes one Amazon Q Developer user activity CSV (46 columns,
// one row per active person-day) and a directory, then measures, in the same run:
//   baseline  `sqlite3 :memory:`-free `.import --csv --skip 1` of the same CSV into a typed table
//             (sqlite3 CLI; Debian package `sqlite3`)
//   ingest    candor's ingest of the same CSV (parse, validate, pseudonymise, upsert), one transaction
//   report    the governance review for the quarter (query, statistics, Markdown, HTML)
//   all       `report all`: the governance review, the transparency report, 40 team summaries
//             (Markdown, HTML and .eml each) and the manifest
// and prints times, rows per second, and the ratio ingest ÷ baseline (target ≤ 1.0).

import CandorKit
import Foundation

func argument(_ name: String, default value: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return value
}

var sizes = argument("--people", default: "1000,10000").split(separator: ",").compactMap { Int($0) }
let days = Int(argument("--days", default: "92")) ?? 92
if let rows = Int(argument("--rows", default: "")) { sizes.append(max(1, Int((Double(rows) / (Double(days) * 0.6)).rounded()))) }
let candorBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("candor").path
guard FileManager.default.isExecutableFile(atPath: candorBinary) else {
    print("build the candor binary first: swift build -c release --product candor (looked for \(candorBinary))")
    exit(1)
}

/// Runs a command, returning its wall time; its exit status must be 0.
func runTimed(_ executable: String, _ arguments: [String]) throws -> Double {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    try p.run()
    p.waitUntilExit()
    let elapsed = seconds(clock.now - start)
    guard p.terminationStatus == 0 else {
        print("\(executable) \(arguments.joined(separator: " ")) failed with status \(p.terminationStatus)")
        exit(1)
    }
    return elapsed
}

/// The largest peak RSS of any finished child process so far, in MiB.
func childrenMaxRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
let period = Period("2026-Q3")!
let work = FileManager.default.temporaryDirectory.appendingPathComponent("candor-bench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
// CANDOR_BENCH_KEEP=1 keeps the generated organisations (for profiling).
defer { if ProcessInfo.processInfo.environment["CANDOR_BENCH_KEEP"] != "1" { try? FileManager.default.removeItem(at: work) } }

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

func time(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    return seconds(clock.now - start)
}

func sqlite3Path() -> String? {
    for p in ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"] where FileManager.default.isExecutableFile(atPath: p) { return p }
    return nil
}

func runSQLite(_ database: String, script: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: sqlite3Path()!)
    p.arguments = [database]
    let input = Pipe()
    p.standardInput = input
    try p.run()
    input.fileHandleForWriting.write(Data(script.utf8))
    try input.fileHandleForWriting.close()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw NSError(domain: "sqlite3", code: Int(p.terminationStatus)) }
}


print("candor-bench: \(days) days of Q Developer activity per organisation; times are wall-clock seconds on this machine")
// Children's peak RSS survives exec: when `swift run` compiled something first, its compiler's peak is
// already counted and would hide candor's. Then the column says so instead of misleading.
let inheritedRSS = childrenMaxRSSMiB()
if inheritedRSS > 0 {
    print("(peak RSS not measured: this process inherited \(Format.fixed(inheritedRSS, decimals: 0)) MiB from the build; run .build/release/candor-bench directly to measure it)")
}
print("")
print(pad("people", 8) + pad("rows", 10) + pad("CSV MiB", 9) + pad("sqlite3 .import", 17) + pad("candor ingest", 15)
      + pad("ratio", 7) + pad("rows/s", 10) + pad("report", 9) + pad("all", 8) + "ingest peak RSS MiB")

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }

var results: [(people: Int, rows: Int, ingest: Double)] = []
for people in sizes {
    var rng = SeededGenerator(seed: UInt64(people))
    let folder = work.appendingPathComponent("\(people)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let csvPath = folder.appendingPathComponent("by_user_analytic.csv").path
    let metrics = QDeveloperMetric.allCases.map(\.rawValue).sorted()
    let header = (["UserId", "Date"] + metrics).joined(separator: ",")
    var ids: [String] = []
    for _ in 0..<people { ids.append(rng.uuid()) }
    // Write the CSV.
    var rows = 0
    _ = FileManager.default.createFile(atPath: csvPath, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: csvPath))
    var buffer = header + "\n"
    let accepted = metrics.firstIndex(of: "Inline_AcceptanceCount")!, shown = metrics.firstIndex(of: "Inline_SuggestionsCount")!
    for d in 0..<days {
        let day = period.first.adding(days: d).iso8601
        for id in ids where rng.next() % 10 < 6 {
            var values = [Int](repeating: 0, count: metrics.count)
            for i in values.indices where rng.next() % 3 == 0 { values[i] = Int(rng.next() % 50) }
            values[shown] = 10 + Int(rng.next() % 60)
            values[accepted] = Int(rng.next() % UInt64(values[shown] + 1))
            buffer += id + "," + day + "," + values.map(String.init).joined(separator: ",") + "\n"
            rows += 1
            if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }
    }
    handle.write(Data(buffer.utf8))
    try handle.close()
    let csvBytes = (try FileManager.default.attributesOfItem(atPath: csvPath)[.size] as? Int) ?? 0
    var directory = "person_id,team,from,to,team_email\n"
    for (i, id) in ids.enumerated() { directory += "\(id),Team \(i % 40),2026-01-01,,team-\(i % 40)@bench.example\n" }
    let directoryPath = folder.appendingPathComponent("directory.csv").path
    try Data(directory.utf8).write(to: URL(fileURLWithPath: directoryPath))

    // Baseline: sqlite3 .import into a typed table, same file.
    var baseline = Double.nan
    if sqlite3Path() != nil {
        let db = folder.appendingPathComponent("baseline.sqlite").path
        let columns = (["UserId TEXT", "Date TEXT"] + metrics.map { "\($0) INTEGER" }).joined(separator: ", ")
        try runSQLite(db, script: "CREATE TABLE t (\(columns));\n")
        baseline = try time { try runSQLite(db, script: ".import --csv --skip 1 \(csvPath) t\n") }
    }

    // candor, run as a user runs it: a workspace, the directory (not timed), then the activity CSV.
    let key = folder.appendingPathComponent("candor.key").path
    try PseudonymKey.generate().write(to: key)
    let policy = folder.appendingPathComponent("policy.yml").path
    try Data("version: 1\npurpose: benchmark\nkey_file: candor.key\nemail: {from: bench@bench.example}\n".utf8).write(to: URL(fileURLWithPath: policy))
    let database = folder.appendingPathComponent("candor.sqlite").path
    _ = try runTimed(candorBinary, ["ingest", "--policy", policy, "--database", database, "-q", directoryPath])
    let ingest = try runTimed(candorBinary, ["ingest", "--policy", policy, "--database", database, "-q", csvPath])
    let ingestRSS = childrenMaxRSSMiB()
    let store = try CandorStore(path: database)
    guard try store.tableCounts()["qdev_activity"] == rows else {
        print("candor did not store every row")
        exit(1)
    }
    let report = try runTimed(candorBinary, ["report", "governance", "--period", period.description, "--policy", policy,
                                             "--database", database, "--out", folder.appendingPathComponent("reports").path, "--now", "2026-10-05"])
    let all = try runTimed(candorBinary, ["report", "all", "--period", period.description, "--policy", policy, "-q",
                                          "--database", database, "--out", folder.appendingPathComponent("all").path, "--now", "2026-10-05"])
    results.append((people, rows, ingest))
    print(pad(String(people), 8) + pad(String(rows), 10) + pad(Format.fixed(Double(csvBytes) / 1_048_576, decimals: 1), 9)
          + pad(baseline.isNaN ? "n/a" : Format.fixed(baseline, decimals: 2), 17) + pad(Format.fixed(ingest, decimals: 2), 15)
          + pad(baseline.isNaN ? "n/a" : Format.fixed(ingest / baseline, decimals: 2) + "×", 7)
          + pad(Format.count(Int(Double(rows) / ingest)), 10) + pad(Format.fixed(report, decimals: 2), 9) + pad(Format.fixed(all, decimals: 2), 8)
          + (inheritedRSS > 0 ? "–" : Format.fixed(ingestRSS, decimals: 0)))
}
if let first = results.first, let last = results.last, results.count > 1 {
    let rowGrowth = Double(last.rows) / Double(first.rows)
    let timeGrowth = last.ingest / first.ingest
    print("")
    print("growth \(first.people) → \(last.people) people: rows ×\(Format.fixed(rowGrowth, decimals: 1)), ingest time ×\(Format.fixed(timeGrowth, decimals: 1)) (linear would be ×\(Format.fixed(rowGrowth, decimals: 1)))")
}
if sqlite3Path() == nil { print("\nsqlite3 CLI not found: install Debian's sqlite3 package for the baseline column") }
