import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct Settings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change the calendar's name, time zone and first day of the week.",
            discussion: """
                Without options, shows them. A new time zone keeps every post at the same \
                wall-clock date and time (09:00 stays 09:00), as when the calendar was made in \
                the wrong zone; weeks, days and the rules follow the new settings at once.
                """)

        @OptionGroup var file: FileOptions

        @Option(help: ArgumentHelp("The calendar's name.", valueName: "text"))
        var name: String?

        @Option(
            name: [.customLong("timezone"), .customLong("zone")],
            help: ArgumentHelp("IANA time zone, such as Europe/Berlin; posts keep their wall-clock times.", valueName: "zone"))
        var timezone: String?

        @Option(help: ArgumentHelp("The first day of the week: monday (ISO weeks), sunday, saturday, ….", valueName: "day"))
        var weekStart: String?

        func run() throws {
            guard name != nil || timezone != nil || weekStart != nil else {
                show(try file.load())
                return
            }
            try file.changing(change)
        }

        private func show(_ calendar: ContentCalendar) {
            print("name        \(Reports.safe(calendar.name))")
            print("time zone   \(calendar.clock.identifier)")
            print("weeks start \(calendar.weekStart.rawValue)\(calendar.weekStart == .monday ? " (ISO weeks)" : "")")
        }

        private func change() throws {
            var firstOfTwo: [Post] = []
            let old = try file.load()
            var calendar = old
            if let name {
                guard !TextMetrics.isBlank(name) else { throw CadenceError.usage("--name: a calendar needs a name") }
                calendar.name = name.trimmingCharacters(in: .whitespaces)
            }
            if let weekStart {
                guard let day = PlanInput.weekday(named: weekStart) else {
                    throw CadenceError.invalidValue(field: "--week-start", value: weekStart, expected: "a day of the week, such as monday or sunday")
                }
                calendar.weekStart = day
            }
            if let timezone {
                let zone = try ZoneClock.named(timezone, field: "--timezone")
                firstOfTwo = calendar.postsTakingTheFirstOfTwo(in: zone)
                calendar = try calendar.inZone(zone, stampedBy: Git.author(near: file.path), at: try CommandEnvironment.current().now)
                // A zone named here settles a merge's conflict on the zone.
                calendar.conflicts.removeAll { $0.path == ["timeZone"] }
            }
            guard calendar != old else {
                print("No change: the calendar already has these settings")
                return
            }
            try file.save(calendar)
            show(calendar)
            // As moved: at their times in the new zone.
            firstOfTwo = firstOfTwo.compactMap { calendar.posts[$0.id] }
            if !firstOfTwo.isEmpty {
                // Said after the settings, on standard error, as add and update say it.
                fflush(nil)
                let named = firstOfTwo.prefix(5).map { post in
                    let local = calendar.clock.local(post.at!).dateTime
                    return "\(post.id) “\(Reports.safe(post.title))” at \(local.date) \(local.time)"
                }
                let more = firstOfTwo.count > 5 ? " and \(firstOfTwo.count - 5) more" : ""
                let one = firstOfTwo.count == 1
                // The second occurrence of the first post's time, written as --at takes it.
                let first = firstOfTwo[0]
                let wall = calendar.clock.local(first.at!).dateTime
                var example = "\(first.id) --at \"\(wall.date) \(wall.time)+HH:MM\""
                if case .repeated(_, let second) = calendar.clock.resolve(wall) {
                    example = "\(first.id) --at \"\(wall.date) \(wall.time)\(calendar.clock.rfc3339(second).suffix(6))\""
                }
                writeStandardError(
                    "cadence: note: \(Describe.count(firstOfTwo.count, "post")) \(one ? "is" : "are") now at a time that happens twice in \(calendar.clock.identifier) (the clocks go back that night) and \(one ? "takes" : "take") the first: \(named.joined(separator: ", "))\(more); for the second, give its offset: cadence update \(example)\n")
            }
        }
    }
}
