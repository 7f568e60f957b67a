import ArgumentParser
import CadenceCore
import Foundation

/// `--file`, taken by every command.
struct FileOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp("The calendar file.", valueName: "path"))
    var path: String = "calendar.json"

    func load() throws(CadenceError) -> ContentCalendar { try CalendarFile.load(path) }

    func save(_ calendar: ContentCalendar) throws(CadenceError) { try CalendarFile.save(calendar, to: path) }
}

/// `--from`, `--to` and `--week`: which days a command looks at.
struct RangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First day (YYYY-MM-DD, or today).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day, included (YYYY-MM-DD, or today).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("An ISO week (YYYY-Www, or this, next, last).", valueName: "week"))
    var week: String?

    func selection(in calendar: ContentCalendar, today: CivilDate) throws(CadenceError) -> DaySelection? {
        try PlanInput.selection(from: from, to: to, week: week, calendar: calendar, today: today)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// What the process was started with: the present moment (or `CADENCE_NOW`), colours, and the
/// user's template folder. Read once per command and passed along; nothing global.
struct CommandEnvironment {
    let now: Date
    let colour: Bool
    let templateFolder: String?

    static func current() throws(CadenceError) -> CommandEnvironment {
        let env = ProcessInfo.processInfo.environment
        var now = Date()
        if let pinned = env["CADENCE_NOW"], !pinned.isEmpty {
            guard let date = ZoneClock.parseTimestamp(pinned) else {
                throw .invalidValue(field: "CADENCE_NOW", value: pinned, expected: "a time with its offset, like 2026-11-24T09:00:00+01:00")
            }
            now = date
        }
        let noColour = !(env["NO_COLOR"] ?? "").isEmpty || env["TERM"] == "dumb"
        let folder: String? =
            env["CADENCE_TEMPLATES"]
            ?? (env["XDG_CONFIG_HOME"].map { "\($0)/cadence/templates" })
            ?? (env["HOME"].map { "\($0)/.config/cadence/templates" })
        return CommandEnvironment(now: now, colour: !noColour && isatty(STDOUT_FILENO) == 1, templateFolder: folder)
    }

    var palette: Palette { colour ? .ansi : .plain }

    func today(in calendar: ContentCalendar) -> CivilDate { calendar.clock.day(of: now) }
}
