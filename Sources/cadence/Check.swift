import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show where the plan breaks its cadence rules.",
            discussion: """
                Without --from, --to or --week, every day of every week that holds a scheduled post is checked, \
                and the ideas too. Exits 0 when there is no error (warnings are still shown), 1 when there is \
                one (with --strict, when there is any problem), 2 for a usage or file error.
                """)

        @OptionGroup var file: FileOptions
        @OptionGroup var range: RangeOptions

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @Flag(help: "Fail on warnings too.")
        var strict = false

        func run() throws {
            let environment = try CommandEnvironment.current()
            let bytes = try CalendarFile.readBytes(file.path)
            let calendar = try CalendarCodec.decode(bytes, path: file.path)
            if let foreign = ForeignOffsets.find(in: bytes, calendar: calendar) { printError("note: " + foreign.message(in: calendar)) }
            if let missing = Git.missingMergeDriver(for: file.path) { printError("note: " + missing) }
            let selection = try range.selection(in: calendar, today: environment.today(in: calendar))
                ?? .weeksWithPosts(in: calendar)
            let violations = RuleChecker.check(calendar, in: selection, now: environment.now)
            switch format {
            case .text: print(Reports.checkText(violations, selection: selection, palette: environment.palette, today: environment.today(in: calendar)), terminator: "")
            case .json: print(Reports.checkJSON(violations, selection: selection, calendar: calendar), terminator: "")
            }
            if violations.errorCount > 0 || (strict && !violations.isEmpty) { throw ExitCode(1) }
        }
    }
}
