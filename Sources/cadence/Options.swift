import ArgumentParser
import CadenceCore
import Foundation

/// `--file`, taken by every command.
struct FileOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp("The calendar file.", valueName: "path"))
    var path: String = "calendar.json"

    func validate() throws {
        if path.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CadenceError.usage("--file: the path is empty; name the calendar file (calendar.json by default)")
        }
    }

    func load() throws(CadenceError) -> ContentCalendar { try CalendarFile.load(path) }

    func save(_ calendar: ContentCalendar) throws(CadenceError) { try CalendarFile.save(calendar, to: path) }

    /// Runs a command that reads, changes and saves the calendar, taking turns with any other
    /// command (or planner save) changing it at the same moment.
    func changing(_ body: () throws -> Void) throws {
        // A pipe (`<(git show …)`, a FIFO) can be read, but a change saved into it would be
        // gone: refused before anything is read (a FIFO nobody writes to would wait forever).
        if CalendarFile.isDeviceOrPipe(path) {
            throw CadenceError.usage("\(path) is a pipe or a device, not a file: a change could not be kept there (list, check and export read one)")
        }
        try CalendarFile.whileLocked(path, body)
    }
}

/// `--from`, `--to` and `--week`: which days a command looks at.
struct RangeOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("First day (YYYY-MM-DD, or today, fri, +3, 12-24).", valueName: "date"))
    var from: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Last day, included (YYYY-MM-DD, or today, fri, +3, 12-24).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("An ISO week (YYYY-Www, or W48 for the nearest, this, next, last).", valueName: "week"))
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
    /// `CADENCE_NOW`, when set: the planner's clock then stands still.
    let pinnedNow: Date?
    let colour: Bool
    /// Colours are allowed (NO_COLOR unset, TERM not dumb), whatever standard output is.
    let colourAllowed: Bool
    let templateFolder: String?
    /// `TZ` as set, if it is.
    let tz: String?

    static func current() throws(CadenceError) -> CommandEnvironment {
        let env = ProcessInfo.processInfo.environment
        var pinnedNow: Date? = nil
        if let pinned = env["CADENCE_NOW"], !pinned.isEmpty {
            guard let date = ZoneClock.parseTimestamp(pinned) else {
                throw .invalidValue(field: "CADENCE_NOW", value: pinned, expected: "a time with its offset, like 2026-11-24T09:00:00+01:00")
            }
            pinnedNow = date
        }
        let now = pinnedNow ?? Date()
        let noColour = !(env["NO_COLOR"] ?? "").isEmpty || env["TERM"] == "dumb"
        let folder: String? =
            env["CADENCE_TEMPLATES"]
            ?? (env["XDG_CONFIG_HOME"].map { "\($0)/cadence/templates" })
            ?? (env["HOME"].map { "\($0)/.config/cadence/templates" })
        return CommandEnvironment(
            now: now, pinnedNow: pinnedNow, colour: !noColour && isatty(STDOUT_FILENO) == 1, colourAllowed: !noColour,
            templateFolder: folder, tz: env["TZ"])
    }

    /// The system's IANA time zone: `TZ` when set, else what /etc/localtime points to (or
    /// /etc/timezone). A zone Cadence cannot name is an error, never a silent GMT.
    func systemTimeZone() throws(CadenceError) -> ZoneClock {
        if let tz {
            var name = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
            if let range = name.range(of: "zoneinfo/") { name = String(name[range.upperBound...]) }
            if name.isEmpty { return ZoneClock.utc }  // TZ="" means UTC to the C library
            guard let zone = ZoneClock(identifier: name) else {
                throw .invalidValue(field: "TZ", value: tz, expected: "an IANA time zone such as Europe/Berlin\(ZoneClock.didYouMean(name)) (or create the calendar with 'cadence init --timezone Europe/Berlin')")
            }
            return zone
        }
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/etc/localtime"),
            let range = link.range(of: "zoneinfo/"), let zone = ZoneClock(identifier: String(link[range.upperBound...]))
        {
            return zone
        }
        if let text = try? String(contentsOfFile: "/etc/timezone", encoding: .utf8),
            let zone = ZoneClock(identifier: text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            return zone
        }
        throw .invalidValue(field: "--timezone", value: "", expected: "a time zone: the system's cannot be told; give one, as in 'cadence init --timezone Europe/Berlin'")
    }

    var palette: Palette { colour ? .ansi : .plain }

    func today(in calendar: ContentCalendar) -> CivilDate { calendar.clock.day(of: now) }
}

extension SheetDates.DateOrder: ExpressibleByArgument {}
