import Foundation

/// Reading what people type: dates, times, weeks and day ranges, in the calendar's zone.
public enum PlanInput {
    /// What typed text says as a day: one Cadence plans on, one that does not exist (and why:
    /// "February 2027 has 28 days"), a real day outside the years Cadence plans, or no date.
    public enum DateReading: Equatable, Sendable {
        case day(CivilDate)
        case missing(String)
        case outside(CivilDate)
        case notADate
    }

    /// Reads `YYYY-MM-DD` or a short form (`shortDate`): `today`, `fri`, `+3`, `12-24` (days in
    /// the calendar's zone). `near`: the day a weekday, `+3` or `12-24` counts from, when not
    /// today (a form opened on a day of another week).
    public static func read(date text: String, today: CivilDate, near: CivilDate? = nil) -> DateReading {
        let trimmed = paddedISODate(text.trimmingCharacters(in: .whitespaces))
        if let missing = CivilDate.missingDay(iso: trimmed) { return .missing(missing) }
        let day: CivilDate
        if let date = CivilDate(iso: trimmed) {
            day = date
        } else {
            do {
                guard let short = try shortDate(trimmed.lowercased(), today: today, near: near ?? today) else { return .notADate }
                day = short
            } catch let missing {
                return .missing(missing.reason)
            }
        }
        return CivilDate.plannable.contains(day) ? .day(day) : .outside(day)
    }

    /// `2026-12-8` as `2026-12-08` (as people write it, and sheets read it); anything else as
    /// it is.
    static func paddedISODate(_ text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), parts[1].count + parts[2].count < 4
        else { return text }
        return "\(parts[0])-\(parts[1].count == 1 ? "0" : "")\(parts[1])-\(parts[2].count == 1 ? "0" : "")\(parts[2])"
    }

    /// The day `read(date:today:)` finds, or an error naming the field and saying why.
    public static func date(_ text: String, field: String, today: CivilDate, near: CivilDate? = nil) throws(CadenceError) -> CivilDate {
        try day(read(date: text, today: today, near: near), field: field, value: text, notADate: "a date as YYYY-MM-DD (or 12-24, fri, +3, today, tomorrow)")
    }

    /// The day of a reading, or the error for it (`notADate`: what was expected instead).
    private static func day(_ reading: DateReading, field: String, value: String, notADate: String) throws(CadenceError) -> CivilDate {
        switch reading {
        case .day(let day): return day
        case .missing(let why): throw .invalidValue(field: field, value: value, expected: "a day that exists; \(why)")
        case .outside(let day): throw outside(day, field: field, value: value)
        case .notADate: throw .invalidValue(field: field, value: value, expected: notADate)
        }
    }

    /// The weekday a word names (`fri`, `Friday`, `thurs`: three letters at least).
    public static func weekday(named word: String) -> Weekday? {
        let word = word.lowercased().trimmingCharacters(in: .whitespaces)
        return word.count >= 3 ? Weekday.allCases.first { $0.rawValue.hasPrefix(word) } : nil
    }

    /// The day, when Cadence plans on it (`CivilDate.plannable`).
    static func plannable(_ day: CivilDate, field: String, value: String) throws(CadenceError) -> CivilDate {
        guard CivilDate.plannable.contains(day) else { throw outside(day, field: field, value: value) }
        return day
    }

    private static func outside(_ day: CivilDate, field: String, value: String) -> CadenceError {
        .invalidValue(field: field, value: value, expected: "a day \(CivilDate.plannableText) (\(day) is outside the years Cadence plans)")
    }

    /// Why a short date names no day ("February 2027 has 28 days").
    struct MissingDay: Error { let reason: String }

    /// The short forms a planner types: `today`, `tomorrow`, `yesterday`; a weekday (`fri`,
    /// `friday`: that day this week or the next, today included); `+3` or `-1` days and `+2w`
    /// weeks from today; `12-24` (month and day: the one nearest today, so in November `01-05`
    /// is next January and `11-01` this month's first). `nil` for none of them. A weekday,
    /// `+3` and `12-24` count from `near` instead of today when given.
    static func shortDate(_ word: String, today: CivilDate, near: CivilDate? = nil) throws(MissingDay) -> CivilDate? {
        let from = near ?? today
        switch word {
        case "today": return today
        case "tomorrow": return today.adding(days: 1)
        case "yesterday": return today.adding(days: -1)
        default: break
        }
        if let weekday = weekday(named: word) {
            return from.adding(days: (weekday.isoIndex - from.weekday.isoIndex + 7) % 7)
        }
        if let match = word.wholeMatch(of: /([+-])(\d{1,4})([dw]?)/) {
            let amount = Int(match.2)! * (match.3 == "w" ? 7 : 1)
            return from.adding(days: match.1 == "-" ? -amount : amount)
        }
        if let match = word.wholeMatch(of: /(\d{1,2})-(\d{1,2})/) {
            let (month, day) = (Int(match.1)!, Int(match.2)!)
            guard (1...12).contains(month) else { throw MissingDay(reason: "there is no month \(month)") }
            guard day >= 1 else { throw MissingDay(reason: "there is no day 0") }
            // The such day nearest today; when the month lacks it in each of those years (02-29),
            // the nearest end of that month says which year the message is about.
            let years = from.year - 1...from.year + 1
            func distance(_ day: CivilDate) -> Int { abs(day.dayNumber - from.dayNumber) }
            if let nearest = years.compactMap({ CivilDate(year: $0, month: month, day: day) }).min(by: { distance($0) < distance($1) }) {
                return nearest
            }
            let year = years.min { a, b in
                distance(CivilDate(year: a, month: month, day: CivilDate.daysIn(month: month, year: a))!)
                    < distance(CivilDate(year: b, month: month, day: CivilDate.daysIn(month: month, year: b))!)
            }!
            throw MissingDay(reason: "\(CivilDate.fullMonthNames[month - 1]) \(year) has \(CivilDate.daysIn(month: month, year: year)) days")
        }
        return nil
    }

    /// `HH:MM` on the 24-hour clock.
    public static func time(_ text: String, field: String) throws(CadenceError) -> LocalTime {
        guard let time = LocalTime(text.trimmingCharacters(in: .whitespaces)) else {
            throw .invalidValue(field: field, value: text, expected: "a time as HH:MM (24-hour)")
        }
        return time
    }

    /// `YYYY-MM-DD HH:MM` (or `today 09:30`), turned into an instant in the calendar's zone. A
    /// time the clocks skip is refused; a repeated one (clocks going back) means its first
    /// occurrence.
    public static func dateTime(_ text: String, field: String, clock: ZoneClock, today: CivilDate) throws(CadenceError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // "2026-11-24T09:30" (ISO) or "2026-11-24 09:30" / "Tomorrow 09:30".
        let isISO = trimmed.count > 10 && CivilDate(iso: trimmed.prefix(10)) != nil && "Tt".contains(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 10)])
        // A full RFC 3339 timestamp (`2026-11-24T08:30:00Z`, as other tools write) is one instant.
        if isISO, let instant = ZoneClock.parseTimestamp(trimmed) {
            try onTheMinute(instant, typed: trimmed, field: field, value: text)
            _ = try plannable(clock.day(of: instant), field: field, value: text)
            return instant
        }
        // The date, then the time (which may hold a space: "fri 9:30 pm").
        let parts = isISO
            ? [trimmed.prefix(10), trimmed.dropFirst(11)]
            : trimmed.firstIndex(of: " ").map { [trimmed[..<$0], trimmed[$0...].drop { $0 == " " }] } ?? [trimmed[...]]
        guard parts.count == 2, !parts[1].isEmpty else {
            throw .invalidValue(field: field, value: text, expected: "a date and time as \"YYYY-MM-DD HH:MM\"")
        }
        // A day that does not exist, or that Cadence does not plan on, says so.
        let date = try day(read(date: String(parts[0]), today: today), field: field, value: text, notADate: "a date and time as \"YYYY-MM-DD HH:MM\"")
        // A UTC offset after the time picks one occurrence of a repeated time. Zero seconds, as
        // in a timestamp copied from the file, are fine: plans are made to the minute.
        var timeText = normalisedTime(String(parts[1]))
        if let match = timeText.wholeMatch(of: /(\d{1,2}:\d\d):00(?:\.0+)?([^.\d].*)?/) { timeText = String(match.1 + (match.2 ?? "")) }
        if timeText.contains(where: { "+-Zz".contains($0) }) {
            return try instant(day: date, timeWithOffset: timeText, field: field, clock: clock, value: text)
        }
        guard let time = LocalTime(timeText) else {
            throw .invalidValue(field: field, value: text, expected: "a date and time as \"YYYY-MM-DD HH:MM\"")
        }
        return try instant(LocalDateTime(date: date, time: time), clock: clock)
    }

    /// `HH:MM` with a UTC offset (`+01:00`, `+0100`, `+01`, or `Z`): that moment. With the
    /// zone's own offset it is that wall-clock time (the offset picks one of the two of a time
    /// the clocks repeat); with any other, a time elsewhere, converted into the calendar's zone
    /// as a timestamp is (`add` and `import` say so).
    public static func instant(day: CivilDate, timeWithOffset text: String, field: String, clock: ZoneClock, value: String? = nil) throws(CadenceError) -> Date {
        var time = text.trimmingCharacters(in: .whitespaces)
        if time.last == "Z" || time.last == "z" { time = time.dropLast() + "+00:00" }
        // A time without an offset is a wall-clock time (and needs no pattern, which costs a
        // regex compiled per call: a sheet's every row comes here).
        guard time.contains(where: { $0 == "+" || $0 == "-" }) else { return try instant(day: day, time: time, field: field, clock: clock) }
        if let m = time.wholeMatch(of: /(\d{1,2}:\d\d)([+-])(\d\d):?(\d\d)?/) { time = "\(m.1)\(m.2)\(m.3):\(m.4 ?? "00")" }
        guard let moment = ZoneClock.parseTimestamp("\(day)T\(time)") else {
            return try instant(day: day, time: time, field: field, clock: clock)
        }
        try onTheMinute(moment, typed: time, field: field, value: value ?? text)
        _ = try plannable(clock.day(of: moment), field: field, value: value ?? text)
        return moment
    }

    /// Refuses a timestamp with seconds past the minute, or parts of a second (which the
    /// parser drops): posts go out on whole minutes.
    private static func onTheMinute(_ instant: Date, typed: String, field: String, value: String) throws(CadenceError) {
        let fraction = typed.firstMatch(of: /:\d\d\.(\d+)/).map { $0.1.contains { $0 != "0" } } ?? false
        guard ZoneClock.secondsPastMinute(instant) == 0, !fraction else {
            throw .invalidValue(field: field, value: value, expected: "a time on the minute (posts go out on whole minutes)")
        }
    }

    /// The UTC offset typed after a time (`10:00+04`, `10:00:00Z`, `…T10:00+0100`), as
    /// `+HH:MM`; `nil` when none was typed (a date alone has none: `2026-12-01`).
    public static func typedOffset(_ text: String) -> String? {
        // Most texts end in a time without one: said so before the pattern runs.
        let tail = text.trimmingCharacters(in: .whitespaces).suffix(6)
        guard tail.contains(where: { "+-Zz".contains($0) }) else { return nil }
        guard let m = text.trimmingCharacters(in: .whitespaces).firstMatch(of: offsetPattern) else { return nil }
        return m.1.map { "\($0):\(m.2 ?? "00")" } ?? "+00:00"
    }

    /// Built once: a regex literal is compiled again at each use, and a sheet's every row with
    /// an offset comes here. (Read only, never changed: safe to share.)
    nonisolated(unsafe) private static let offsetPattern = /\d:\d\d(?::\d\d)?(?:\.\d+)?(?:([+-]\d\d):?(\d\d)?|[Zz])$/

    /// How a typed time was read, when that needs a word: given with another zone's offset
    /// (converted), or without one at a time the clocks repeat (the first was taken).
    public enum Reading: Equatable, Sendable {
        case converted
        case firstOfRepeated(second: Date)
    }

    /// `Reading` of the text typed for `instant`, if it needs a word.
    public static func reading(of text: String, at instant: Date, clock: ZoneClock) -> Reading? {
        if let given = typedOffset(text) { return given == clock.offsetText(at: instant) ? nil : .converted }
        guard case .repeated(let earlier, let later) = clock.resolve(clock.local(instant).dateTime), instant == earlier else { return nil }
        return .firstOfRepeated(second: later)
    }


    /// What `--at` may say: a date and time, or a day alone (the time then comes from the
    /// channel's posting times).
    public enum When: Equatable, Sendable {
        case instant(Date)
        case day(CivilDate)
    }

    /// `YYYY-MM-DD HH:MM` as `dateTime` reads it, or a day alone (`2026-11-24`, `tomorrow`).
    public static func when(_ text: String, field: String, clock: ZoneClock, today: CivilDate) throws(CadenceError) -> When {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // A time follows a space (`fri 09:00`) or an ISO date's T (`2026-11-24T09:00`).
        let hasTime = trimmed.contains(" ") || (trimmed.count > 10 && CivilDate(iso: trimmed.prefix(10)) != nil)
        guard hasTime else {
            switch read(date: trimmed, today: today) {
            case .notADate:
                throw .invalidValue(field: field, value: text, expected: "a date and time as \"YYYY-MM-DD HH:MM\", or a day alone for the channel's next free posting time")
            case let reading:
                // A day that does not exist, or one outside the years Cadence plans, says so.
                return .day(try day(reading, field: field, value: text, notADate: ""))
            }
        }
        return .instant(try dateTime(text, field: field, clock: clock, today: today))
    }

    nonisolated(unsafe) private static let hourAndMinutes = /([0-9]{1,2})[.h]?([0-9]{2})/
    nonisolated(unsafe) private static let hourAlone = /[0-9]{1,2}/

    /// A time as people type it, written `HH:MM` (an offset after it kept): `9` → `09:00`,
    /// `930` or `0930` → `09:30`, `9.30` → `09:30`, `9am` and `9:30 pm` on the 24-hour clock.
    /// Anything else comes back as it was, for the caller to refuse.
    public static func normalisedTime(_ text: String) -> String {
        let typed = text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty, !typed.contains(":") || typed.contains(where: { "AaPp".contains($0) }) else { return typed }
        if typed.contains(where: { "AaPp".contains($0) }) { return SheetDates.twentyFourHour(typed) ?? typed }
        if let m = typed.wholeMatch(of: hourAndMinutes), let hour = Int(m.1) { return "\(pad(hour, 2)):\(m.2)" }
        if typed.wholeMatch(of: hourAlone) != nil, let hour = Int(typed) { return "\(pad(hour, 2)):00" }
        return typed
    }

    /// `HH:MM` on a day, or `HH:MM±HH:MM` to pick one of the two occurrences of a time the
    /// clocks repeat (`02:30+01:00` is the second 02:30 in Berlin in autumn).
    public static func instant(day: CivilDate, time text: String, field: String, clock: ZoneClock) throws(CadenceError) -> Date {
        let split = text.firstIndex { $0 == "+" || $0 == "-" }
        guard let time = LocalTime(split.map { String(text[..<$0]) } ?? text) else {
            throw .invalidValue(field: field, value: text, expected: "a time as HH:MM")
        }
        let local = LocalDateTime(date: day, time: time)
        guard let split else { return try instant(local, clock: clock) }
        guard let date = ZoneClock.parseTimestamp("\(day)T\(time):00\(text[split...])"),
            clock.local(date).dateTime == local
        else {
            // Say which offsets the time does have that day.
            let offsets: [Date] = switch clock.resolve(local) {
            case .unique(let date): [date]
            case .repeated(let earlier, let later): [earlier, later]
            case .skipped: []
            }
            let actual = offsets.map(clock.offsetText(at:))
            let expected = actual.isEmpty
                ? "a time that exists; the clocks skip \(time) on \(day) in \(clock.identifier)"
                : "\(time) with its offset on \(day) in \(clock.identifier): \(actual.map { "\(time)\($0)" }.joined(separator: " or "))"
            throw .invalidValue(field: field, value: text, expected: expected)
        }
        return date
    }

    public static func instant(_ local: LocalDateTime, clock: ZoneClock) throws(CadenceError) -> Date {
        guard let instant = clock.date(for: local) else { throw .skippedTime(local, zone: clock.identifier) }
        return instant
    }

    /// The first day of a week given as `YYYY-Www` (the ISO week; when the calendar's weeks
    /// start on another day, its week that holds the ISO week's Monday), or as `this`, `next`
    /// or `last`: the calendar's weeks around today, or as `W01`: that week of the year nearest
    /// `near` (today unless given; in December, W01 is the coming January's first week).
    public static func weekStart(_ text: String, field: String, calendar: ContentCalendar, today: CivilDate, near: CivilDate? = nil) throws(CadenceError) -> CivilDate {
        let relative = ["last": -7, "this": 0, "next": 7]
        if let offset = relative[text.lowercased()] { return calendar.weekStart(of: today).adding(days: offset) }
        var text = text
        if let number = shortWeekNumber(text) {
            let here = near ?? today
            let years = (here.isoWeek.year - 1...here.isoWeek.year + 1).filter { number >= 1 && number <= WeekID.weeksIn(isoYear: $0) }
            guard let year = years.min(by: { abs(WeekID(year: $0, week: number).monday.dayNumber - here.dayNumber) < abs(WeekID(year: $1, week: number).monday.dayNumber - here.dayNumber) })
            else { throw .invalidValue(field: field, value: text, expected: "a week that exists; a year has 52 or 53 ISO weeks") }
            text = "\(year)-W\(pad(number, 2))"
        }
        guard let week = WeekID(text) else {
            let digits = text.uppercased().split(separator: "-W")
            if digits.count == 2, let year = Int(digits[0]), let number = Int(digits[1]), year >= 1, number > WeekID.weeksIn(isoYear: year) {
                throw .invalidValue(field: field, value: text, expected: "a week that exists; \(year) has \(WeekID.weeksIn(isoYear: year)) ISO weeks")
            }
            throw .invalidValue(field: field, value: text, expected: "an ISO week as YYYY-Www, such as 2026-W48 (or W48, this, next, last)")
        }
        return calendar.weekStart(of: try plannable(week.monday, field: field, value: text))
    }

    /// The number of a week written as `W7` or `W07` (any number of digits, so that `W60` can
    /// be told it is no week), or `nil`.
    public static func shortWeekNumber(_ text: String) -> Int? {
        guard text.count >= 2, text.first == "W" || text.first == "w", text.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text.dropFirst())
    }

    /// The days a `--from/--to/--week` combination names, or `nil` when none is given.
    ///
    /// `--week` is read by `weekStart`. A missing end of a range runs to the end of the week of
    /// the calendar's last scheduled day (or from the start of its first one's week), as far as
    /// a `check` without a range looks.
    public static func selection(
        from: String?, to: String?, week: String?, calendar: ContentCalendar, today: CivilDate
    ) throws(CadenceError) -> DaySelection? {
        if let week {
            guard from == nil, to == nil else {
                throw .usage("give either --week or --from/--to, not both")
            }
            let start = try PlanInput.weekStart(week, field: "--week", calendar: calendar, today: today)
            // The week of 31 Dec 2199 runs into 2200: only its planned days are looked at.
            let days = CivilDate.plannable.clamped(to: start...start.adding(days: 6))
            return .days(from: days.lowerBound, to: days.upperBound)
        }
        guard from != nil || to != nil else { return nil }
        let days = calendar.daysWithPosts
        let fromDay = try from.map { (s: String) throws(CadenceError) in try date(s, field: "--from", today: today) }
        // `--from mon --to sun` means that week's Sunday: a weekday in --to is the first one on
        // or after --from (other forms count from today, as everywhere).
        let toToday = to.flatMap(weekday(named:)) != nil ? fromDay ?? today : today
        let given = (from: fromDay, to: try to.map { (s: String) throws(CadenceError) in try date(s, field: "--to", today: toToday) })
        // An open end runs to the end of the plan's last week (or from the start of its first),
        // the weeks a plain check looks at, and never past the end that was given.
        let firstWeek = days.first.map { calendar.weekStart(of: CivilDate(dayNumber: $0)) }
        let lastWeekEnd = days.last.map { calendar.weekStart(of: CivilDate(dayNumber: $0)).adding(days: 6) }
        let first = given.from ?? min(firstWeek ?? today, given.to ?? today)
        let last = given.to ?? max(lastWeekEnd ?? today, first)
        guard first <= last else {
            throw .invalidValue(field: "--to", value: last.description, expected: "a date on or after --from (\(first))")
        }
        return .days(from: first, to: last)
    }
}
