import Foundation

/// A day on the wall calendar, with no time zone attached: "24 Nov 2026".
///
/// Days are counted as `dayNumber` (days since 1970-01-01) so that ranges, indexes and week
/// arithmetic are plain integer maths; the conversions are Howard Hinnant's civil-date
/// algorithms, valid for the proleptic Gregorian calendar.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date when the three parts name a real day, `nil` otherwise (no rollover).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let isoIndex = ((dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday.allCases[isoIndex]
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The ISO 8601 week that holds this day (weeks start on Monday; week 1 holds the year's
    /// first Thursday, so 1 Jan can belong to the last week of the year before).
    public var isoWeek: WeekID {
        let thursday = adding(days: 3 - weekday.isoIndex)
        let firstOfYear = CivilDate(year: thursday.year, month: 1, day: 1)!
        let week = (thursday.dayNumber - firstOfYear.dayNumber) / 7 + 1
        return WeekID(year: thursday.year, week: week)
    }

    /// The first day of the week that holds this day, for weeks that start on `weekStart`.
    public func startOfWeek(_ weekStart: Weekday) -> CivilDate {
        let back = (weekday.isoIndex - weekStart.isoIndex + 7) % 7
        return adding(days: -back)
    }

    /// `2026-11-24`, the form used in files, CSV and the command line.
    public var description: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `Tue 24 Nov 2026`, the form used in messages and agendas.
    public var longDescription: String {
        "\(weekday.shortName) \(day) \(CivilDate.monthNames[month - 1]) \(year)"
    }

    /// `Tue 24 Nov`, when the year is clear from context.
    public var shortDescription: String {
        "\(weekday.shortName) \(day) \(CivilDate.monthNames[month - 1])"
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    public static let fullMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `YYYY-MM-DD` strictly: four-digit year, two-digit month and day, a real date.
    /// Why text in the form `YYYY-MM-DD` names no day ("February 2026 has 28 days"); `nil`
    /// when it is a day, or not in that form at all.
    public static func missingDay(iso text: some StringProtocol) -> String? {
        guard let (y, m, d) = isoParts(text), CivilDate(year: y, month: m, day: d) == nil else { return nil }
        guard (1...12).contains(m) else { return "there is no month \(m)" }
        guard (1...9999).contains(y) else { return "there is no year \(y)" }
        return "\(fullMonthNames[m - 1]) \(y) has \(CivilDate.daysIn(month: m, year: y)) days"
    }

    /// The numbers of text in the form `YYYY-MM-DD`, whether or not they name a day.
    private static func isoParts(_ text: some StringProtocol) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = Digits.value(bytes[0..<4]), let m = Digits.value(bytes[5..<7]), let d = Digits.value(bytes[8..<10])
        else { return nil }
        return (y, m, d)
    }

    /// The days Cadence plans on: wider than any content plan, and far enough from the ends of
    /// the calendar that the weeks and months around them always exist.
    public static let plannable = CivilDate(year: 1900, month: 1, day: 1)!...CivilDate(year: 2199, month: 12, day: 31)!
    /// `plannable` in words, for messages.
    public static let plannableText = "from 1900 to 2199"

    public init?(iso text: some StringProtocol) {
        guard let (y, m, d) = CivilDate.isoParts(text) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

public enum Weekday: String, CaseIterable, Sendable, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// 0 for Monday … 6 for Sunday.
    public var isoIndex: Int { Weekday.allCases.firstIndex(of: self)! }

    public var shortName: String {
        switch self {
        case .monday: "Mon"
        case .tuesday: "Tue"
        case .wednesday: "Wed"
        case .thursday: "Thu"
        case .friday: "Fri"
        case .saturday: "Sat"
        case .sunday: "Sun"
        }
    }
}

/// An ISO 8601 week, written `2026-W48`.
public struct WeekID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// Parses `YYYY-Www` (also `YYYYWww` and lower-case `w`); `nil` for a week the year lacks.
    public init?(_ text: some StringProtocol) {
        var s = text.uppercased()
        if s.count == 7, !s.contains("-") { s.insert("-", at: s.index(s.startIndex, offsetBy: 4)) }
        let bytes = Array(s.utf8)
        guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W"),
            let y = Digits.value(bytes[0..<4]), let w = Digits.value(bytes[6..<8]), y >= 1, w >= 1,
            w <= WeekID.weeksIn(isoYear: y)
        else { return nil }
        self.init(year: y, week: w)
    }

    /// The Monday that starts this ISO week.
    public var monday: CivilDate {
        let jan4 = CivilDate(year: year, month: 1, day: 4)!
        return jan4.startOfWeek(.monday).adding(days: (week - 1) * 7)
    }

    public static func weeksIn(isoYear: Int) -> Int {
        CivilDate(year: isoYear, month: 12, day: 28)!.isoWeek.week
    }

    public var description: String { pad(year, 4) + "-W" + pad(week, 2) }

    public static func < (lhs: WeekID, rhs: WeekID) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }
}

/// A time of day on the wall clock, to the minute.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minuteOfDay: Int

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.minuteOfDay = hour * 60 + minute
    }

    public init(minuteOfDay: Int) {
        precondition((0..<1440).contains(minuteOfDay))
        self.minuteOfDay = minuteOfDay
    }

    public var hour: Int { minuteOfDay / 60 }
    public var minute: Int { minuteOfDay % 60 }

    /// Parses `HH:MM` (also `H:MM`) on the 24-hour clock.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = Digits.value(Array(parts[0].utf8)[...]), let m = Digits.value(Array(parts[1].utf8)[...])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    public var description: String { pad(hour, 2) + ":" + pad(minute, 2) }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }
}

/// A wall-clock date and time in some zone (the zone is not part of the value).
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CivilDate
    public let time: LocalTime

    public init(date: CivilDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Seconds since 1970-01-01T00:00 on the same wall clock, as if the zone were UTC.
    public var wallSeconds: Int { date.dayNumber * 86_400 + time.minuteOfDay * 60 }

    /// Parses `YYYY-MM-DD HH:MM` (a `T` may stand for the space).
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let separators: Set<Character> = [" ", "T", "t"]
        guard let split = trimmed.firstIndex(where: { separators.contains($0) }),
            let date = CivilDate(iso: trimmed[..<split]),
            let time = LocalTime(trimmed[trimmed.index(after: split)...].trimmingCharacters(in: .whitespaces))
        else { return nil }
        self.init(date: date, time: time)
    }

    public var description: String { "\(date) \(time)" }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }
}

enum Digits {
    /// The value of a run of ASCII digits, `nil` if any byte is not a digit or the run is empty.
    static func value(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var result = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            result = result * 10 + Int(b - 48)
        }
        return result
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
