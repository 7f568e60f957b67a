import Foundation

/// Converts between instants and wall-clock times in one IANA time zone, DST included.
///
/// A post is stored as an instant (the file writes it with its UTC offset, so it is never
/// ambiguous); the rules and the views need its wall-clock day and time in the calendar's zone.
public struct ZoneClock: Sendable, Equatable {
    public let timeZone: TimeZone
    /// The zone's name as the calendar writes it ("UTC" stays "UTC").
    public let identifier: String

    public init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        self.identifier = timeZone.identifier
    }

    /// Plain UTC, as the calendar file writes it.
    public static let utc = ZoneClock(identifier: "UTC")!

    public init?(identifier: String) {
        guard let zone = ZoneClock.zone(named: identifier) else { return nil }
        self.timeZone = zone
        self.identifier = identifier
    }

    /// Looks up an IANA zone name. Foundation also accepts abbreviations such as "EST" and
    /// offsets such as "GMT+1"; a calendar file should name a real place, so those are refused
    /// unless they are plain UTC.
    public static func zone(named identifier: String) -> TimeZone? {
        // Foundation renames "UTC" to "GMT"; Etc/UTC is the same zone under a stable name.
        if identifier == "UTC" || identifier == "Etc/UTC" { return TimeZone(identifier: "Etc/UTC") }
        guard identifier.contains("/") || TimeZone.knownTimeZoneIdentifiers.contains(identifier),
            let zone = TimeZone(identifier: identifier)
        else { return nil }
        return zone
    }

    /// The zone meant by a name that is none: the same name in another case
    /// (`europe/berlin`), its city alone (`berlin`, `new york`), the place an abbreviation
    /// stands for (`EST`: America/New_York), or one a letter or two away (`Europe/Berln`).
    public static func suggestion(for name: String) -> String? {
        let known = TimeZone.knownTimeZoneIdentifiers
        if let same = known.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return same }
        let city = name.replacingOccurrences(of: " ", with: "_").lowercased()
        if !city.contains("/"), let place = known.first(where: { $0.split(separator: "/").last?.lowercased() == city }) { return place }
        if let place = TimeZone.abbreviationDictionary[name.uppercased()], place.contains("/") { return place }
        return TextMetrics.nearest(to: name.lowercased(), among: known.map { $0.lowercased() }).flatMap { near in
            known.first { $0.lowercased() == near }
        }
    }

    /// The zone a user named in `field`, or an error that points to the one meant.
    public static func named(_ name: String, field: String) throws(CadenceError) -> ZoneClock {
        guard let zone = ZoneClock(identifier: name) else {
            throw .invalidValue(field: field, value: name, expected: "an IANA time zone such as Europe/Berlin\(didYouMean(name))")
        }
        return zone
    }

    /// " (did you mean Europe/Berlin?)" for a name that is no zone, or "".
    public static func didYouMean(_ name: String) -> String {
        suggestion(for: name).map { " (did you mean \($0)?)" } ?? ""
    }

    /// Seconds east of UTC in effect at an instant.
    public func offset(atSecond second: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
    }

    /// The wall-clock time of an instant, with the offset in effect then.
    public func local(_ date: Date) -> (dateTime: LocalDateTime, offset: Int) {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        let offset = offset(atSecond: second)
        let wall = second + offset
        let dayNumber = floorDiv(wall, 86_400)
        let minute = (wall - dayNumber * 86_400) / 60
        return (LocalDateTime(date: CivilDate(dayNumber: dayNumber), time: LocalTime(minuteOfDay: minute)), offset)
    }

    public func day(of date: Date) -> CivilDate { local(date).dateTime.date }

    /// What a wall-clock time means in this zone.
    public enum Resolution: Equatable, Sendable {
        /// The usual case: one instant.
        case unique(Date)
        /// The clocks went back and this time happened twice; `earlier` is the first occurrence.
        case repeated(earlier: Date, later: Date)
        /// The clocks went forward over this time; it never happens. `after` is the instant the
        /// same number of minutes past the gap's end.
        case skipped(after: Date)
    }

    /// The furthest any zone's clock runs ahead of UTC (Kiribati, +14:00) and behind it
    /// (-12:00), in seconds.
    private static let furthestAhead = 14 * 3600
    private static let furthestBehind = 12 * 3600

    public func resolve(_ local: LocalDateTime) -> Resolution {
        let wall = local.wallSeconds
        // Offsets run from -12:00 to +14:00, so the instant lies within [wall - 14 h, wall + 12 h];
        // the offsets at both ends of that span cover any single transition inside it (Chatham's
        // +13:45 included, whose instants lie more than half a day before the wall time).
        let before = offset(atSecond: wall - Self.furthestAhead)
        let candidates = Set([before, offset(atSecond: wall + Self.furthestBehind)])
        let instants = candidates.map { wall - $0 }.filter { offset(atSecond: $0) == wall - $0 }.sorted()
        switch instants.count {
        case 0:
            return .skipped(after: Date(timeIntervalSince1970: TimeInterval(wall - before)))
        case 1:
            return .unique(Date(timeIntervalSince1970: TimeInterval(instants[0])))
        default:
            return .repeated(
                earlier: Date(timeIntervalSince1970: TimeInterval(instants[0])),
                later: Date(timeIntervalSince1970: TimeInterval(instants[instants.count - 1])))
        }
    }

    /// The instant for a wall-clock time, taking the first occurrence of a repeated time;
    /// `nil` for a time that the clocks skip.
    public func date(for local: LocalDateTime) -> Date? {
        switch resolve(local) {
        case .unique(let d): d
        case .repeated(let earlier, _): earlier
        case .skipped: nil
        }
    }

    /// The first instant of a calendar day (midnight, or the end of a DST gap at midnight).
    public func startOfDay(_ day: CivilDate) -> Date {
        switch resolve(LocalDateTime(date: day, time: LocalTime(minuteOfDay: 0))) {
        case .unique(let d): d
        case .repeated(let earlier, _): earlier
        case .skipped(let after): after
        }
    }

    /// How long the day lasts in hours: 24, or 23 and 25 on DST changes.
    public func hoursIn(_ day: CivilDate) -> Double {
        startOfDay(day.adding(days: 1)).timeIntervalSince(startOfDay(day)) / 3600
    }

    /// The wall-clock time of an instant as people read it: `02:30`, or `02:30+01:00` in the
    /// hour the clocks go back, when `02:30` happens twice and only the offset tells which.
    public func timeText(_ date: Date) -> String {
        let (local, offset) = local(date)
        guard case .repeated = resolve(local) else { return local.time.description }
        return local.time.description + ZoneClock.offsetText(offset)
    }

    /// RFC 3339 with the offset in effect, e.g. `2026-11-24T09:30:00+01:00`.
    public func rfc3339(_ date: Date) -> String {
        let (local, offset) = local(date)
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        let seconds = second - floorDiv(second, 60) * 60
        return "\(local.date)T\(local.time):\(pad(seconds, 2))\(ZoneClock.offsetText(offset))"
    }

    /// Seconds past the minute of an instant; plans are made to the minute, so a post's time
    /// must have none.
    public static func secondsPastMinute(_ date: Date) -> Int {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        return second - floorDiv(second, 60) * 60
    }

    /// The UTC offset in effect at an instant, as `+01:00`.
    public func offsetText(at date: Date) -> String { ZoneClock.offsetText(local(date).offset) }

    /// `+01:00`, `-03:30`, `+00:00`.
    public static func offsetText(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return sign + pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2)
    }

    /// Parses RFC 3339 / ISO 8601 with an offset: `2026-11-24T09:30:00+01:00`, `…T08:30Z`,
    /// seconds optional. A time without an offset is refused: it would be ambiguous.
    public static func parseTimestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t")
                || bytes[10] == UInt8(ascii: " "),
            let date = CivilDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[13] == UInt8(ascii: ":"),
            let hour = Digits.value(bytes[11..<13]), let minute = Digits.value(bytes[14..<16]),
            let time = LocalTime(hour: hour, minute: minute)
        else { return nil }
        var i = 16
        var second = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            guard i + 3 <= bytes.count, let s = Digits.value(bytes[(i + 1)..<(i + 3)]), s < 60 else { return nil }
            second = s
            i += 3
            // Fractions of a second are accepted and dropped: plans are made to the minute.
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
                guard i > start else { return nil }
            }
        }
        guard i < bytes.count else { return nil }
        var offset = 0
        switch bytes[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == bytes.count, bytes[i + 3] == UInt8(ascii: ":"),
                let oh = Digits.value(bytes[(i + 1)..<(i + 3)]), let om = Digits.value(bytes[(i + 4)..<(i + 6)]),
                oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (bytes[i] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let wall = LocalDateTime(date: date, time: time).wallSeconds + second
        return Date(timeIntervalSince1970: TimeInterval(wall - offset))
    }
}

/// Integer division rounding towards minus infinity (Swift's `/` rounds towards zero).
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
