// swift-tools-version: 6.1
// candor — team-level developer telemetry reports that teach, not threaten.
// Layout and dependency choices: see README.md ("Architecture") and ../shared/DESIGN.md.

import PackageDescription

let package = Package(
    name: "candor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "candor", targets: ["candor"]),
        .library(name: "CandorKit", targets: ["CandorKit"]),
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
        // Only Sources/CandorKit/Report/CommonMark.swift imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // All logic lives here; the executable only parses arguments.
        .target(
            name: "CandorKit",
            dependencies: [
                "CCmark",
                .product(name: "GRDB", package: "GRDB.swift"),
                // GRDB's own SQLite module: Store/ActivityUpserter.swift binds bulk rows directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "candor",
            dependencies: [
                "CandorKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic, seeded generator of the synthetic organisation in fixtures/acme.
        .executableTarget(
            name: "candor-fixtures",
            dependencies: ["CandorKit"]
        ),
        // Throughput against `sqlite3 .import` of the same files: swift run -c release candor-bench
        .executableTarget(
            name: "candor-bench",
            dependencies: ["CandorKit"]
        ),
        // Helpers shared by the test targets.
        .target(
            name: "CandorTestSupport",
            path: "Tests/CandorTestSupport"
        ),
        .testTarget(
            name: "CandorKitTests",
            // GRDB only to play the attacker in audit-log tampering tests.
            dependencies: ["CandorKit", "CandorTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "CandorEndToEndTests",
            dependencies: ["CandorKit", "CandorTestSupport", "candor", "candor-fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
