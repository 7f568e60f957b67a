import Foundation

/// Scheduled posts as an iCalendar file (RFC 5545), which Google Calendar, Outlook, Apple
/// Calendar and Thunderbird import or subscribe to, so that the plan shows beside everything
/// else in the team's calendars.
///
/// Each scheduled post is one event: `Facebook · Title` as its summary, the text, status,
/// category, link, media, tags and notes in its description, and the post's id in its `UID`,
/// so importing a newer export updates the events instead of adding them again. Times are
/// written in UTC (`20261124T083000Z`), which every calendar reads without a time-zone table
/// and shows in its own zone; the calendar's zone is named in `X-WR-TIMEZONE`. A post is an
/// instant, shown as a short event of `eventMinutes`. Ideas have no date and are left out.
///
/// The output depends only on the calendar: `DTSTAMP` is when the post was last changed (or
/// its time, when no one is recorded), so exporting the same plan twice gives the same bytes.
/// `SEQUENCE` grows with every change of the post (the seconds from 2000 to its last change,
/// which each change moves on), which calendars compare, with the `UID`, to take an event as an update of one they have.
public enum ICalendarFormat {
    public static let eventMinutes = 15

    public static func export(_ posts: [Post], of calendar: ContentCalendar) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Cadence//Cadence content calendar//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text(calendar.name),
            "X-WR-TIMEZONE:" + text(calendar.clock.identifier),
        ]
        for post in posts {
            guard let at = post.at else { continue }
            lines += event(post, at: at, in: calendar)
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func event(_ post: Post, at: Date, in calendar: ContentCalendar) -> [String] {
        let channel = calendar.channel(post.channel)?.name ?? post.channel
        let category = post.category.map { calendar.category($0)?.name ?? $0 }
        var details = [
            "Status: \(post.status.rawValue)" + (category.map { " · Category: \($0)" } ?? ""),
        ]
        if let link = post.link, !link.isEmpty { details.append("Link: \(link)") }
        if !post.media.isEmpty { details.append("Media: " + post.media.joined(separator: ", ")) }
        if !post.tags.isEmpty { details.append("Tags: " + post.tags.map { "#" + $0 }.joined(separator: " ")) }
        if !post.notes.isEmpty { details.append("Notes: " + post.notes) }
        if post.hasConflict { details.append("Unresolved merge conflict: see 'cadence check'.") }
        let description = (post.text.isEmpty ? "" : post.text + "\n\n") + details.joined(separator: "\n")

        var lines = [
            "BEGIN:VEVENT",
            "UID:\(post.id.rawValue)@cadence",
            "DTSTAMP:" + utc(post.changedAt ?? at),
            "SEQUENCE:\(sequence(of: post))",
            "DTSTART:" + utc(at),
            "DURATION:PT\(eventMinutes)M",
            "SUMMARY:" + text("\(channel) · \(post.title)"),
            "DESCRIPTION:" + text(description),
            "CATEGORIES:" + ([channel] + (category.map { [$0] } ?? [])).map(text).joined(separator: ","),
            "STATUS:" + (post.status.isApproved ? "CONFIRMED" : "TENTATIVE"),
        ]
        if let changed = post.changedAt { lines.append("LAST-MODIFIED:" + utc(changed)) }
        if let link = post.link.map(Post.fullAddress), isURI(link) { lines.append("URL:" + link) }
        lines.append("END:VEVENT")
        return lines
    }

    /// The seconds from 2000 to the post's last change (0 when none is recorded): larger for
    /// every later change (each is stamped a second after the last at the earliest), and held
    /// to the 32-bit integer RFC 5545 allows (reached in 2068).
    static func sequence(of post: Post) -> Int {
        guard let changed = post.changedAt else { return 0 }
        return min(Int(Int32.max), max(0, Int(changed.timeIntervalSince1970 - 946_684_800)))
    }

    /// `20261124T083000Z`: the RFC 3339 form in UTC, without its separators.
    static func utc(_ date: Date) -> String {
        String(ZoneClock.utc.rfc3339(date).dropLast(6).filter { $0 != "-" && $0 != ":" }) + "Z"
    }

    /// A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11);
    /// control characters, which the format does not allow, dropped.
    static func text(_ value: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        var afterCR = false
        for scalar in value.unicodeScalars {
            // CRLF is one line break, said once.
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n" where afterCR: continue
            case "\n", "\r": out += "\\n"
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) { continue }  // (C1 too)
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A link worth a `URL` property: an absolute URI with no spaces or control characters.
    static func isURI(_ link: String) -> Bool {
        guard let colon = link.firstIndex(of: ":"), colon != link.startIndex,
            link[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        return link.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
    }

    /// Folds a content line to at most 75 bytes per line (§3.1), never inside a UTF-8
    /// sequence: the continuation lines start with a space, which unfolding removes.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = String.UnicodeScalarView()
        var width = 0
        for scalar in line.unicodeScalars {
            let bytes = UTF8.width(scalar)
            if width + bytes > 75 {
                out.append(contentsOf: "\r\n ".unicodeScalars)
                width = 1
            }
            out.append(scalar)
            width += bytes
        }
        return String(out)
    }
}
