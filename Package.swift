// swift-tools-version:6.0
// GroupLedger: an event-sourced, verifiable record ledger for school groups (集团化办学).
// Dependencies point one way: groupledger (CLI) → LedgerReports / LedgerJournal → LedgerCore (and CSHA256).
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "GroupLedger",
    products: [
        .library(name: "GroupLedger", targets: ["LedgerCore", "LedgerJournal", "LedgerReports"]),
        .executable(name: "groupledger", targets: ["groupledger"]),
    ],
    dependencies: [],
    targets: [
        // Pure domain core: values, canonical JSON, envelope rules. No file I/O, no clock.
        .target(name: "LedgerCore", swiftSettings: strictSettings),
        // SHA-256 block compression with the CPU's SHA extensions, detected at run time; the
        // portable Swift code in LedgerJournal is the fallback.
        .target(name: "CSHA256"),
        // The journal: SHA-256, Merkle tree, line codec, append/lock/fsync/recover, reader, verifier.
        .target(name: "LedgerJournal", dependencies: ["LedgerCore", "CSHA256"], swiftSettings: strictSettings),
        // Renderers that turn events and results into text; they return strings and print nothing.
        .target(name: "LedgerReports", dependencies: ["LedgerCore"], swiftSettings: strictSettings),
        // The command-line tool: argument parsing, commands, output and exit codes.
        .executableTarget(
            name: "groupledger",
            dependencies: ["LedgerCore", "LedgerJournal", "LedgerReports"],
            swiftSettings: strictSettings
        ),
        // Writes a valid journal of N events through the checked append path, for a seed.
        .executableTarget(
            name: "generate-journal",
            dependencies: ["LedgerCore", "LedgerJournal"],
            path: "Tools/generate-journal",
            swiftSettings: strictSettings
        ),
        // Starting the built executables from the tests and tools (posix_spawn; Foundation's
        // Process crashes now and then on Linux, see the file).
        .target(name: "CChildProcessSpawn", path: "Tools/child-process-spawn"),
        .target(name: "ChildProcess", dependencies: ["CChildProcessSpawn"], path: "Tools/child-process", swiftSettings: strictSettings),
        // The crash (SIGKILL mid-append) and concurrency (processes appending at once) tests,
        // with figures; the CLI tests run a small version of each.
        .executableTarget(
            name: "journal-stress",
            dependencies: ["LedgerCore", "LedgerJournal", "ChildProcess"],
            path: "Tools/journal-stress",
            swiftSettings: strictSettings
        ),
        // Benchmarks print figures; they are not tests.
        .executableTarget(
            name: "groupledger-bench",
            dependencies: ["LedgerCore", "LedgerJournal"],
            path: "Tools/bench",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore"], swiftSettings: strictSettings),
        .testTarget(name: "LedgerReportsTests", dependencies: ["LedgerCore", "LedgerReports"], swiftSettings: strictSettings),
        .testTarget(
            name: "LedgerJournalTests",
            dependencies: ["LedgerCore", "LedgerJournal"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GroupLedgerCLITests",
            // Depending on the executable makes `swift test` build it; the tests run the binary.
            dependencies: ["LedgerCore", "LedgerJournal", "ChildProcess", "groupledger", "generate-journal", "journal-stress"],
            // Golden outputs are read from the source tree by path, not bundled.
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
    ]
)
