// swift-tools-version: 6.1
// candor — team-level developer telemetry reports that teach, not threaten.
//
// The target graph below is the architecture (docs/architecture.md draws it). Data flows one way,
// and each stage may import only the stages beneath it, so the compiler refuses a backward arrow:
//
//   CandorVocabulary   values every stage shares: days, periods, timestamps, digests, diagnostics,
//                      atomic files, formats, records (reader → store) and facts (store → analysis)
//   CandorParsing      byte sources, the CSV reader, the JSON tokenizer and record stream
//   CandorPolicy       policy file, field gates, pseudonymiser (the only maker of a Pseudonym),
//                      consent rules, audiences, purposes
//   CandorIngest       one adapter folder per source: reader(s) and format detection — no SQLite
//   CandorStorage      schema, migrations, writers, reads, tiers, purge, audit trail — the only SQL,
//                      the only target that depends on GRDB
//   CandorAnalysis     metrics, statistics, scorecard, signals, disclosure — pure: no GRDB, no file I/O
//   CandorMail         MIME messages and delivery through a sendmail-compatible command
//   CandorReport       view models, escaping, templates, the one libcmark file, charts
//   CandorPipeline     orchestration: ingest runs, report requests (purpose → access → build → audit)
//   candor             the executable: argument parsing only

import PackageDescription

let package = Package(
    name: "candor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "candor", targets: ["candor"]),
        .library(name: "CandorPipeline", targets: ["CandorPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation, from the system (Debian: libcmark-dev).
        // Only Sources/CandorReport/CommonMark.swift imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(
            name: "CandorVocabulary",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "CandorParsing",
            dependencies: ["CandorVocabulary"]
        ),
        .target(
            name: "CandorPolicy",
            dependencies: [
                "CandorVocabulary",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "CandorIngest",
            dependencies: ["CandorVocabulary", "CandorParsing", "CandorPolicy"]
        ),
        .target(
            name: "CandorStorage",
            dependencies: [
                "CandorVocabulary", "CandorPolicy",
                .product(name: "GRDB", package: "GRDB.swift"),
                // GRDB's own SQLite module: ActivityUpserter.swift binds bulk rows directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "CandorAnalysis",
            dependencies: ["CandorVocabulary", "CandorPolicy"]
        ),
        .target(
            name: "CandorMail",
            dependencies: ["CandorVocabulary"]
        ),
        .target(
            name: "CandorReport",
            dependencies: [
                "CandorVocabulary", "CandorPolicy", "CandorAnalysis", "CandorMail", "CCmark",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "CandorPipeline",
            dependencies: [
                "CandorVocabulary", "CandorParsing", "CandorPolicy", "CandorIngest", "CandorStorage",
                "CandorAnalysis", "CandorMail", "CandorReport",
            ]
        ),
        .executableTarget(
            name: "candor",
            dependencies: [
                "CandorPipeline", "CandorVocabulary", "CandorParsing", "CandorPolicy", "CandorStorage", "CandorAnalysis",
                "CandorMail", "CandorReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic, seeded generator of the synthetic organisation in fixtures/acme.
        .executableTarget(
            name: "candor-fixtures",
            dependencies: ["CandorVocabulary", "CandorAnalysis"]
        ),
        // Throughput against `sqlite3 .import` of the same files: swift run -c release candor-bench
        .executableTarget(
            name: "candor-bench",
            dependencies: ["CandorVocabulary", "CandorParsing", "CandorPolicy", "CandorIngest", "CandorStorage", "CandorAnalysis"]
        ),
        // Helpers shared by the test targets.
        .target(
            name: "CandorTestSupport",
            path: "Tests/CandorTestSupport"
        ),
        // One test target per library target, depending on that target and the ones beneath it only.
        .testTarget(name: "CandorVocabularyTests", dependencies: ["CandorVocabulary"]),
        .testTarget(name: "CandorParsingTests", dependencies: ["CandorParsing", "CandorVocabulary"]),
        .testTarget(name: "CandorPolicyTests", dependencies: ["CandorPolicy", "CandorVocabulary", "CandorTestSupport"]),
        .testTarget(name: "CandorIngestTests", dependencies: ["CandorIngest", "CandorParsing", "CandorPolicy", "CandorVocabulary"]),
        .testTarget(
            name: "CandorStorageTests",
            // GRDB only to play the attacker in audit-log tampering tests.
            dependencies: ["CandorStorage", "CandorPolicy", "CandorVocabulary", "CandorTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Analysis is pure: its tests need no database.
        .testTarget(name: "CandorAnalysisTests", dependencies: ["CandorAnalysis", "CandorPolicy", "CandorVocabulary", "CandorTestSupport"]),
        .testTarget(name: "CandorMailTests", dependencies: ["CandorMail", "CandorVocabulary"]),
        .testTarget(
            name: "CandorReportTests",
            dependencies: ["CandorReport", "CandorAnalysis", "CandorPolicy", "CandorVocabulary", "CandorTestSupport"]
        ),
        .testTarget(
            name: "CandorPipelineTests",
            dependencies: [
                "CandorPipeline", "CandorVocabulary", "CandorParsing", "CandorPolicy", "CandorIngest", "CandorStorage",
                "CandorAnalysis", "CandorReport", "CandorTestSupport",
            ]
        ),
        .testTarget(
            name: "CandorEndToEndTests",
            dependencies: [
                "CandorPipeline", "CandorVocabulary", "CandorPolicy", "CandorStorage", "CandorAnalysis", "CandorMail", "CandorReport",
                "CandorTestSupport", "candor", "candor-fixtures",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
