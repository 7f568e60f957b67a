import Foundation

/// Posts whose `at` the file writes with a UTC offset the calendar's zone does not have at that
/// moment: written for another zone (the file's `timeZone` changed by hand, a post typed in
/// with another offset). They keep their moments, so their wall-clock times here are not the
/// ones the file shows; `check` and the planner say so rather than move them in silence.
public struct ForeignOffsets: Sendable {
    public let count: Int
    /// The first such timestamp as the file writes it, and its moment.
    public let firstWritten: String
    public let firstAt: Date

    /// Scans the file's bytes for `"at": "…"` members (a quote inside a text is escaped, so
    /// the pattern is only ever a key): one pass, no second parse of the file.
    public static func find(in bytes: [UInt8], calendar: ContentCalendar) -> ForeignOffsets? {
        let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":")
        let key: [UInt8] = Array("\"at\"".utf8)
        var count = 0
        var first: (String, Date)? = nil
        var i = 0
        let end = bytes.count
        while i + key.count < end {
            guard bytes[i] == quote, bytes[i + 1] == UInt8(ascii: "a"), bytes[i + 2] == UInt8(ascii: "t"), bytes[i + 3] == quote else {
                i += 1
                continue
            }
            var j = i + key.count
            while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
            guard j < end, bytes[j] == colon else {
                i = j
                continue
            }
            j += 1
            while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            guard j < end, bytes[j] == quote else {
                i = j
                continue
            }
            let start = j + 1
            var close = start
            while close < end, bytes[close] != quote { close += 1 }
            i = close + 1
            let text = String(decoding: bytes[start..<min(close, end)], as: UTF8.self)
            guard let at = ZoneClock.parseTimestamp(text), let written = writtenOffset(text) else { continue }
            let second = Int(at.timeIntervalSince1970.rounded(.down))
            if written != calendar.clock.offset(atSecond: second) {
                count += 1
                if first == nil { first = (text, at) }
            }
        }
        guard let first else { return nil }
        return ForeignOffsets(count: count, firstWritten: first.0, firstAt: first.1)
    }

    /// Seconds east of UTC that a timestamp's text ends with (`Z`, `+01:00`, `-0530`). Read
    /// byte by byte: this runs once per post of the file.
    static func writtenOffset(_ text: String) -> Int? {
        let bytes = Array(text.utf8.suffix(6))
        guard let last = bytes.last else { return nil }
        if last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") { return 0 }
        func digit(_ b: UInt8) -> Int? { (48...57).contains(b) ? Int(b) - 48 : nil }
        // `+01:00` (six bytes) or `+0100` (the last five).
        let form = bytes.count == 6 && bytes[3] == UInt8(ascii: ":") ? [bytes[0], bytes[1], bytes[2], bytes[4], bytes[5]] : Array(bytes.suffix(5))
        guard form.count == 5, form[0] == UInt8(ascii: "+") || form[0] == UInt8(ascii: "-"),
            let h1 = digit(form[1]), let h2 = digit(form[2]), let m1 = digit(form[3]), let m2 = digit(form[4])
        else { return nil }
        return (form[0] == UInt8(ascii: "-") ? -1 : 1) * ((h1 * 10 + h2) * 3600 + (m1 * 10 + m2) * 60)
    }

    /// What the note says.
    public func message(in calendar: ContentCalendar) -> String {
        let clock = calendar.clock
        let local = clock.local(firstAt).dateTime
        let which = count == 1 ? "1 post's time is" : "\(count) posts' times are"
        return "\(which) written with a UTC offset \(clock.identifier) does not have then (the first, \(firstWritten), is "
            + "\(local.date.longDescription) \(clock.timeText(firstAt)) here): written for another time zone? They keep their moments; "
            + "check their days and times, and the next save writes them in \(clock.identifier)'s time"
    }
}
