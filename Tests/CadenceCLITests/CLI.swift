import Foundation
import Testing

/// Runs the built `cadence` binary in a folder of its own, the way a user or a script does.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let folder: URL
    var environment: [String: String]

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cadence-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "Europe/Berlin", "HOME": folder.path,
            "NO_COLOR": "1", "CADENCE_NOW": "2026-11-21T10:00:00+01:00",
        ]
    }

    /// The binary SwiftPM built next to this test bundle (or `CADENCE_BIN`).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["CADENCE_BIN"] { return URL(fileURLWithPath: path) }
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBundle.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("cadence")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("cannot find the cadence binary near \(testBundle.path); build it or set CADENCE_BIN")
    }()

    @discardableResult
    func run(_ arguments: String...) -> Result { run(arguments) }

    func run(_ arguments: [String]) -> Result { run(CLI.binary, arguments) }

    /// Runs any program in this folder with this environment (plus `extra`).
    func run(_ executable: URL, _ arguments: [String], extra: [String: String] = [:]) -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try! process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func read(_ name: String = "calendar.json") -> Data? { FileManager.default.contents(atPath: path(name)) }

    /// The file as text; empty when there is none.
    func text(_ name: String = "calendar.json") -> String { String(decoding: read(name) ?? Data(), as: UTF8.self) }

    func write(_ name: String, _ text: String) {
        FileManager.default.createFile(atPath: path(name), contents: Data(text.utf8))
    }

    /// A calendar from the default template, in Berlin.
    static func withCalendar(template: String = "default") -> CLI {
        let cli = CLI()
        let result = cli.run("init", "--template", template, "--timezone", "Europe/Berlin")
        precondition(result.status == 0, result.stderr)
        return cli
    }

    /// Adds a post and returns its id.
    @discardableResult
    func add(_ arguments: String...) -> String {
        let result = run(["add"] + arguments)
        #expect(result.status == 0, "add \(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `list --format json`, parsed.
    /// Each title is a post's in the calendar file as written.
    func expectTitlesInFile(_ titles: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let file = text()
        for title in titles {
            #expect(file.contains("\"title\": \"\(title)\""), "\(title)", sourceLocation: sourceLocation)
        }
    }

    func listJSON(_ extra: String...) -> [[String: Any]] {
        let result = run(["list", "--format", "json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        guard let posts = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [[String: Any]] else {
            Issue.record("list --format json printed no list of posts: \(result.stdout)")
            return []
        }
        return posts
    }
}
