// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Cadence",
    products: [
        .executable(name: "cadence", targets: ["cadence"]),
        .library(name: "CadenceCore", targets: ["CadenceCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
    ],
    targets: [
        // The model, rules, store and exports: no UI, Foundation only (plus a CSV codec and
        // swift-algorithms' binary search).
        .target(
            name: "CadenceCore",
            dependencies: [.product(name: "CSV", package: "CSV.swift"), .product(name: "Algorithms", package: "swift-algorithms")],
            plugins: ["EmbedTemplates"]
        ),
        // The planner's logic and views: state, actions, a pure reducer, views drawn into a
        // screen buffer. No terminal in it.
        .target(name: "CadenceTUI", dependencies: ["CadenceCore", .product(name: "Algorithms", package: "swift-algorithms")]),
        // ncursesw, through a module map and a small shim header.
        .systemLibrary(
            name: "CNCursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Restores the terminal from signal handlers (async-signal-safe C).
        .target(name: "CTerminalGuard"),
        // The thin backend: the only code that calls ncurses.
        .target(name: "CadenceTerminal", dependencies: ["CadenceTUI", "CNCursesW", "CTerminalGuard"]),
        // The command line: a thin layer over CadenceCore; with no subcommand, the planner.
        .executableTarget(
            name: "cadence",
            dependencies: [
                "CadenceCore",
                "CadenceTerminal",
                "CTerminalGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Turns templates/*.json into Swift source so the binary carries them wherever it runs.
        .executableTarget(name: "embed-templates"),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["embed-templates"]
        ),
        // Load, check and save times for generated calendars: `swift run -c release cadence-bench`.
        .executableTarget(
            name: "cadence-bench",
            dependencies: ["CadenceCore", "CadenceTUI"],
            path: "Benchmarks/cadence-bench"
        ),
        .testTarget(name: "CadenceCoreTests", dependencies: ["CadenceCore"]),
        .testTarget(name: "CadenceTUITests", dependencies: ["CadenceTUI"]),
        // Drives the built `cadence` binary; depending on it makes `swift test` build it first.
        .testTarget(name: "CadenceCLITests", dependencies: ["cadence"]),
    ]
)
