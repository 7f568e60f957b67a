import ArgumentParser
import CadenceCore
import Foundation

@main
struct Cadence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadence",
        abstract: "Plan social-media posts by channel and week, and see where the plan breaks its cadence rules.",
        discussion: """
            Every command works on one calendar file (--file, default ./calendar.json).
            Exit codes: 0 success; 1 'check' found an error (with --strict, any problem); 2 a usage or file error.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Templates.self, Channels.self, Add.self, Update.self, Remove.self, List.self, Check.self,
            Export.self, Import.self,
        ]
    )

    @OptionGroup var file: FileOptions

    func run() throws {
        // The interactive planner will open here; until then, show what the commands are.
        print(Cadence.helpMessage())
    }

    /// Runs the command line with Cadence's exit codes: usage and file errors are 2, and every
    /// error is one line on standard error.
    static func main() {
        let status: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            status = 0
        } catch let error as CadenceError {
            printError(error.errorDescription ?? "\(error)")
            status = 2
        } catch let error as ExitCode {
            status = error.rawValue
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                status = 0
            } else {
                let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                printError(message + " (see 'cadence --help')")
                status = 2
            }
        }
        Foundation.exit(status)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("cadence: \(message)\n".utf8))
}
