// candor-bench — candor against the tools a team would use instead, from exported files to reports.
//
//     swift build -c release --product candor && swift build -c release --product candor-bench
//     .build/release/candor-bench [--people 1000,10000,100000] [--seed N] [--disclosure-teams 4000]
//     .build/release/candor-bench --people 0                    (the disclosure bench alone)
//     .build/release/candor-bench --json FOLDER [--repeat N]    (the JSON parser alone on pull-request exports)
//
// First, disclosure control alone: one table of --disclosure-teams teams decided by least loss, beside
// the rules it replaced. Then, per size, the JSON parser alone on the generated pull-request export
// (tokenizer; record stream, every member built; ingest's path, the reader's projection and the reader:
// MB/s on one core, best of three).
// For each size it generates one quarter (2026-Q3) of an organisation in every source candor reads
// (ScaleOrganisation.swift: the rates per person are the same at every size), then measures, in the
// same run and on the same files:
//   sqlite3 .import   the Q Developer CSVs imported into one typed table by the sqlite3 CLI (Debian's
//                     sqlite3 package) — the floor for "load the CSVs into SQLite"
//   DuckDB            scripts/bench-duckdb.py: team × week aggregates for every source with per-person
//                     rows (DuckDB from PyPI; skipped when python3 cannot import duckdb)
//   candor Q Dev      `candor ingest` of the same Q Developer CSVs (parse, validate, pseudonymise, upsert)
//   candor others     `candor ingest` of every other source (directory first)
//   report all        the governance review, the transparency report, a summary per team (Markdown,
//                     HTML, .eml) and the manifest
// It prints times, the ratios (targets: Q Dev ingest ≤ 1.2× sqlite3 .import; ingest + report for
// 10,000 people ≤ 3× DuckDB), candor's peak memory per step, and the growth from the smallest to the
// largest size. candor runs as the release binary beside this one, as a user runs it.
// CANDOR_BENCH_KEEP=1 keeps the generated organisations in /tmp/candor-bench-PID (for profiling).

import CandorPolicy
import CandorStorage
import CandorVocabulary
import Foundation

func argument(_ name: String, default value: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return value
}

let sizes = argument("--people", default: "1000,10000,100000").split(separator: ",").compactMap { Int($0) }.filter { $0 >= 10 }
let seed = UInt64(argument("--seed", default: "20261125")) ?? 20_261_125
let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let candorBinary = here.appendingPathComponent("candor").path
// --json FOLDER: the JSON bench alone on a folder of pull-request exports (for profiling the parser).
if let i = CommandLine.arguments.firstIndex(of: "--json"), i + 1 < CommandLine.arguments.count {
    let repeats = Int(argument("--repeat", default: "1")) ?? 1
    for _ in 0..<max(repeats, 1) {
        guard let json = try JSONBench.run(pulls: URL(fileURLWithPath: CommandLine.arguments[i + 1])) else { print("no .json files there"); exit(1) }
        print("JSON, one core: \(f(json.megabytes, 0)) MB, \(json.records) records: tokenizer \(f(json.tokenizer, 0)) MB/s · record stream \(f(json.stream, 0)) MB/s (target ≥ 100) · projected, with the reader \(f(json.reader, 0)) MB/s"
              + (json.rejected > 0 ? " (\(json.rejected) records refused by the reader)" : ""))
    }
    exit(0)
}
// --people 0: the disclosure bench alone (it needs no candor binary).
if sizes.isEmpty && argument("--people", default: "") == "0" {
    DisclosureBench.run(teams: Int(argument("--disclosure-teams", default: "4000")) ?? 4000, seed: seed)
    exit(0)
}
guard !sizes.isEmpty, FileManager.default.isExecutableFile(atPath: candorBinary) else {
    print("usage: candor-bench [--people 1000,10000,100000 | --people 0 (disclosure only)] [--seed N] [--disclosure-teams 4000] | --json FOLDER [--repeat N]; build the candor binary first: swift build -c release --product candor (looked for \(candorBinary))")
    exit(1)
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

/// What one child process cost.
struct Measured { var seconds: Double; var peakMiB: Double; var output: String }

/// A child that exited with a non-zero status, when the caller asked to handle that itself.
struct ChildFailed: Error { var status: Int32 }

/// Runs a program (no shell) and waits for it with wait4, so its own peak resident set is known;
/// its exit status must be 0. Standard output is captured when `capture` is set, else discarded;
/// standard error passes through.
func run(_ executable: String, _ arguments: [String], stdin input: String? = nil, capture: Bool = false,
         failureIsFatal: Bool = true) throws -> Measured {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var inPipe: [Int32] = [-1, -1]
    if input != nil {
        guard pipe(&inPipe) == 0 else { throw POSIXError(.EMFILE) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_addclose(&actions, inPipe[1])
    }
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("candor-bench-out-\(getpid())").path
    if capture {
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let start = clock.now
    let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT) }
    if let input {
        close(inPipe[0])
        let bytes = Array(input.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(inPipe[1], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
        close(inPipe[1])
    }
    var waitStatus: Int32 = 0
    var usage = rusage()
    while wait4(pid, &waitStatus, 0, &usage) < 0 && errno == EINTR {}
    let elapsed = seconds(clock.now - start)
    let exited = waitStatus & 0x7f == 0, code = (waitStatus >> 8) & 0xff
    guard exited && code == 0 else {
        if !failureIsFatal { throw ChildFailed(status: waitStatus) }
        print("\(executable) \(arguments.joined(separator: " ")) failed (status \(waitStatus))")
        exit(1)
    }
    var output = ""
    if capture {
        output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputFile)
    }
    return Measured(seconds: elapsed, peakMiB: Double(usage.ru_maxrss) / 1024, output: output)
}

func which(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let p = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

/// A python3 that can import duckdb, if any.
func pythonWithDuckDB() -> String? {
    for candidate in [which("python3"), "/usr/bin/python3"].compactMap({ $0 }) {
        if (try? run(candidate, ["-c", "import duckdb"], failureIsFatal: false)) != nil { return candidate }
    }
    return nil
}

func files(under folder: URL, suffix: String) -> [String] {
    guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    return e.compactMap { ($0 as? URL)?.path }.filter { $0.hasSuffix(suffix) }.sorted()
}

func bytes(under folder: URL) -> Int {
    guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
    return e.reduce(0) { total, item in total + (((try? (item as? URL)?.resourceValues(forKeys: [.fileSizeKey]))??.fileSize) ?? 0) }
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
func f(_ v: Double, _ decimals: Int = 2) -> String { v.isNaN ? "n/a" : Format.fixed(v, decimals: decimals) }

let work = FileManager.default.temporaryDirectory.appendingPathComponent("candor-bench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { if ProcessInfo.processInfo.environment["CANDOR_BENCH_KEEP"] != "1" { try? FileManager.default.removeItem(at: work) } }

let sqlite3 = which("sqlite3")
let python = pythonWithDuckDB()
/// scripts/bench-duckdb.py, found from the binary's folder upwards (.build/<triple>/release) or the working directory.
let duckdbScript: String = {
    var folder = here
    for _ in 0..<5 {
        let candidate = folder.appendingPathComponent("scripts/bench-duckdb.py").path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return FileManager.default.currentDirectoryPath + "/scripts/bench-duckdb.py"
}()
let duckdb = python != nil && FileManager.default.fileExists(atPath: duckdbScript) ? python : nil
print("candor-bench: one quarter (2026-Q3) in every source; wall-clock seconds on this machine (\(ProcessInfo.processInfo.activeProcessorCount) cores); seed \(seed)")
print("baselines: \(sqlite3.map { "sqlite3 CLI (\($0))" } ?? "sqlite3 CLI not found — install Debian's sqlite3"); "
      + (duckdb != nil ? "DuckDB via \(duckdb!) \(duckdbScript)" : "DuckDB not importable by python3 — pip install duckdb"))
print("")
DisclosureBench.run(teams: Int(argument("--disclosure-teams", default: "4000")) ?? 4000, seed: seed)

struct Result {
    var people: Int, teams: Int, qRows: Int, records: Int, inputMiB: Double
    var generate: Double, sqliteImport: Double, duckDB: Double
    var qIngest: Measured, otherIngest: Measured, report: Measured
    var total: Double { qIngest.seconds + otherIngest.seconds + report.seconds }
    var peakMiB: Double { max(qIngest.peakMiB, otherIngest.peakMiB, report.peakMiB) }
}
var results: [Result] = []

for people in sizes {
    let folder = work.appendingPathComponent("\(people)")
    let clock = ContinuousClock()
    let generateStart = clock.now
    var organisation = ScaleOrganisation(people: people, folder: folder, seed: seed &+ UInt64(people))
    try organisation.writeAll()
    let generate = seconds(clock.now - generateStart)
    let inputBytes = bytes(under: organisation.inputs)
    print("\(people) people: \(organisation.teamCount) teams, \(organisation.qDeveloperRows) Q Developer rows, "
          + "\(f(Double(inputBytes) / 1_048_576, 0)) MiB of exports, generated in \(f(generate, 1)) s")
    fflush(nil)   // progress appears as it happens, even when the output is redirected
    // The JSON bench runs as a child: it holds the whole export in memory, and a child spawned later
    // by this process would inherit that resident set into its own peak (Linux counts a child's peak
    // from the image it was spawned from), so candor's peaks would be overstated.
    let pulls = organisation.inputs.appendingPathComponent("github/pulls").path
    if FileManager.default.fileExists(atPath: pulls) {
        let json = try run(here.appendingPathComponent("candor-bench").path, ["--json", pulls], capture: true)
        print("  " + json.output.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "JSON, one core:", with: "JSON, one core, store excluded:"))
        fflush(nil)
    }

    // Baseline 1: sqlite3 .import of the same Q Developer CSVs into one typed table.
    var sqliteImport = Double.nan
    let qFiles = files(under: organisation.qDeveloperFolder, suffix: ".csv")
    if let sqlite3 {
        let db = folder.appendingPathComponent("baseline.sqlite").path
        let metrics = QDeveloperMetric.allCases.map(\.rawValue).sorted()
        let columns = (["UserId TEXT", "Date TEXT"] + metrics.map { "\($0) INTEGER" }).joined(separator: ", ")
        _ = try run(sqlite3, [db], stdin: "CREATE TABLE t (\(columns));\n")
        let script = qFiles.map { ".import --csv --skip 1 '\($0)' t\n" }.joined()
        sqliteImport = try run(sqlite3, [db], stdin: script).seconds
        let count = try run(sqlite3, [db, "SELECT count(*) FROM t"], capture: true).output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Int(count) == organisation.qDeveloperRows else { print("sqlite3 imported \(count) rows, not \(organisation.qDeveloperRows)"); exit(1) }
    }

    // Baseline 2: DuckDB, team × week aggregates from the same files.
    var duckSeconds = Double.nan
    if let duckdb {
        let m = try run(duckdb, [duckdbScript, folder.path], capture: true)
        guard let json = try? JSONSerialization.jsonObject(with: Data(m.output.utf8)) as? [String: Any], let s = json["seconds"] as? Double else {
            print("bench-duckdb.py printed no result: \(m.output)"); exit(1)
        }
        duckSeconds = s
    }

    // candor, as a user runs it: a workspace; the Q Developer CSVs; then every other source.
    let key = folder.appendingPathComponent("candor.key").path
    try PseudonymKey.generate().write(to: key)
    let policy = folder.appendingPathComponent("policy.yml").path
    try Data(organisation.policy().utf8).write(to: URL(fileURLWithPath: policy))
    // A folder of its own, which candor makes private (no FS001 warning about the shared work folder).
    let database = folder.appendingPathComponent("store/candor.sqlite").path
    let common = ["--policy", policy, "--database", database, "--now", "2026-10-05T09:00:00Z", "-q"]
    let qIngest = try run(candorBinary, ["ingest"] + common + [organisation.qDeveloperFolder.path])
    let others = try FileManager.default.contentsOfDirectory(atPath: organisation.inputs.path).sorted().filter { $0 != "AWSLogs" && $0 != "directory.csv" }
        .map { organisation.inputs.appendingPathComponent($0).path }
    let accounts = organisation.inputs.appendingPathComponent("AWSLogs/\(ScaleOrganisation.account)")
    let kiro = try FileManager.default.contentsOfDirectory(atPath: accounts.path).filter { $0 != "QDeveloperLogs" }.sorted().map { accounts.appendingPathComponent($0).path }
    let otherIngest = try run(candorBinary, ["ingest"] + common + [organisation.inputs.appendingPathComponent("directory.csv").path] + others + kiro)
    let store = try CandorStore(path: database)
    let counts = try store.tableCounts()
    guard counts["qdev_activity"] == organisation.qDeveloperRows else {
        print("candor stored \(counts["qdev_activity"] ?? 0) Q Developer rows, not \(organisation.qDeveloperRows)"); exit(1)
    }
    let records = counts.filter { $0.key != "source_file" }.values.reduce(0, +)
    let report = try run(candorBinary, ["report", "all", "--period", ScaleOrganisation.period.description, "--out", folder.appendingPathComponent("reports").path] + common)
    let r = Result(people: people, teams: organisation.teamCount, qRows: organisation.qDeveloperRows, records: records,
                   inputMiB: Double(inputBytes) / 1_048_576, generate: generate, sqliteImport: sqliteImport, duckDB: duckSeconds,
                   qIngest: qIngest, otherIngest: otherIngest, report: report)
    results.append(r)
    print("  sqlite3 .import \(f(sqliteImport)) s · candor Q Dev ingest \(f(qIngest.seconds)) s (\(f(qIngest.seconds / sqliteImport))×) · "
          + "other sources \(f(otherIngest.seconds)) s · report all \(f(report.seconds)) s · DuckDB \(f(duckSeconds)) s · peak \(f(r.peakMiB, 0)) MiB")
    fflush(nil)
}

print("")
print(pad("people", 8) + pad("teams", 6) + pad("records", 10) + pad("MiB in", 7) + pad("import", 8) + pad("Q ingest", 9) + pad("ratio", 7)
      + pad("others", 8) + pad("report", 8) + pad("total", 8) + pad("DuckDB", 7) + pad("ratio", 7) + pad("peak MiB (Q/others/report)", 26))
for r in results {
    print(pad(String(r.people), 8) + pad(String(r.teams), 6) + pad(String(r.records), 10) + pad(f(r.inputMiB, 0), 7)
          + pad(f(r.sqliteImport), 8) + pad(f(r.qIngest.seconds), 9) + pad(f(r.qIngest.seconds / r.sqliteImport) + "×", 7)
          + pad(f(r.otherIngest.seconds), 8) + pad(f(r.report.seconds), 8) + pad(f(r.total), 8) + pad(f(r.duckDB), 7)
          + pad(f(r.total / r.duckDB, 1) + "×", 7)
          + "\(f(r.qIngest.peakMiB, 0)) / \(f(r.otherIngest.peakMiB, 0)) / \(f(r.report.peakMiB, 0))")
}
print("""

  records  rows candor stored, every source   import  sqlite3 .import of the Q Developer CSVs
  Q ingest candor ingest of the same CSVs (ratio: ÷ import, target ≤ 1.2)
  others   candor ingest of every other source          report  candor report all (every report, every team)
  total    Q ingest + others + report: exported files to the full report set
  DuckDB   team × week aggregates from the same files (ratio: total ÷ DuckDB, target ≤ 3 at 10,000 people, ≤ 5 at 100,000)
""")
if let first = results.first, let last = results.last, results.count > 1 {
    let rows = Double(last.records) / Double(first.records)
    func growth(_ a: Double, _ b: Double) -> String { "×\(f(b / a, 1))" }
    print("growth \(first.people) → \(last.people) people: records ×\(f(rows, 1)); Q ingest \(growth(first.qIngest.seconds, last.qIngest.seconds)), "
          + "others \(growth(first.otherIngest.seconds, last.otherIngest.seconds)), report \(growth(first.report.seconds, last.report.seconds)), "
          + "total \(growth(first.total, last.total)) (linear: ×\(f(rows, 1))); peak memory \(growth(first.peakMiB, last.peakMiB)) (flat: ×1.0)")
}
