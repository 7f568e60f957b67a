import CadenceCore
import Foundation
import Testing

@Suite("iCalendar export")
struct ICalendarTests {
    /// The content lines of an export, unfolded (RFC 5545 §3.1: a line break followed by a
    /// space continues the line).
    func unfolded(_ ics: String) -> [String] {
        ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    func events(_ ics: String) -> [[String]] {
        var events: [[String]] = []
        for line in unfolded(ics) {
            if line == "BEGIN:VEVENT" { events.append([]) } else if line != "END:VEVENT", !events.isEmpty { events[events.count - 1].append(line) }
        }
        return events
    }

    func value(_ name: String, in event: [String]) -> String? {
        event.first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    @Test func oneEventPerScheduledPostInUTCWithItsIdAsUID() throws {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:30", title: "Winter sale", category: "news", status: .approved, link: "https://example.com/sale")
        f.add("twitter", "2026-07-01 00:15", title: "Summer, midnight")
        f.add("instagram", nil, title: "An idea")
        let ics = ICalendarFormat.export(f.calendar.sortedPosts, of: f.calendar)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cadence//"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(unfolded(ics).contains("X-WR-TIMEZONE:Europe/Berlin"))
        let events = events(ics)
        #expect(events.count == 2, "the idea has no date and is left out")
        let summer = events[0]
        #expect(value("UID", in: summer) == "p0002@cadence")
        #expect(value("DTSTART", in: summer) == "20260630T221500Z", "00:15 in Berlin summer time is 22:15 UTC the day before")
        #expect(value("SUMMARY", in: summer) == "Twitter · Summer\\, midnight")
        #expect(value("STATUS", in: summer) == "TENTATIVE")
        let sale = events[1]
        #expect(value("DTSTART", in: sale) == "20261124T083000Z")
        #expect(value("DURATION", in: sale) == "PT15M")
        #expect(value("CATEGORIES", in: sale) == "Facebook,News")
        #expect(value("STATUS", in: sale) == "CONFIRMED", "approved posts are confirmed")
        #expect(value("URL", in: sale) == "https://example.com/sale")
        #expect(ICalendarFormat.export(f.calendar.sortedPosts, of: f.calendar) == ics, "the same plan gives the same bytes")
    }

    @Test func aChangedPostGetsAGreaterSequenceSoCalendarsTakeItAsAnUpdate() throws {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:30", title: "Winter sale")
        var post = f.calendar.posts[PostID("p0001")!]!
        post.stamp(by: "Anna", at: ZoneClock.parseTimestamp("2026-11-20T10:00:00+01:00")!)
        try f.calendar.put(post)
        let before = try #require(value("SEQUENCE", in: events(ICalendarFormat.export(f.calendar.sortedPosts, of: f.calendar))[0]).flatMap { Int($0) })
        post.at = ZoneClock.parseTimestamp("2026-11-25T13:00:00+01:00")
        post.stamp(by: "Anna", at: ZoneClock.parseTimestamp("2026-11-21T08:00:00+01:00")!)
        try f.calendar.put(post)
        let after = try #require(value("SEQUENCE", in: events(ICalendarFormat.export(f.calendar.sortedPosts, of: f.calendar))[0]).flatMap { Int($0) })
        #expect(after > before)
        #expect(after < Int(Int32.max), "an RFC 5545 integer")
        // A clock behind the last change (the planner's moves by the minute), or two changes
        // in one second: each change is still a second later than the one before.
        post.stamp(by: "Boris", at: ZoneClock.parseTimestamp("2026-11-21T07:59:00+01:00")!)
        #expect(post.changedAt == ZoneClock.parseTimestamp("2026-11-21T08:00:01+01:00") && post.changedBy == "Boris")
        post.stamp(by: "Boris", at: ZoneClock.parseTimestamp("2026-11-21T08:00:01+01:00")!)
        try f.calendar.put(post)
        let again = try #require(value("SEQUENCE", in: events(ICalendarFormat.export(f.calendar.sortedPosts, of: f.calendar))[0]).flatMap { Int($0) })
        #expect(again == after + 2)
    }

    @Test func bothOccurrencesOfTheRepeatedHourKeepTheirInstants() throws {
        var f = Fixture()
        let first = f.add("twitter", "2026-10-25 02:30", title: "First 02:30")
        var second = f.add("twitter", "2026-10-25 03:30", title: "Second 02:30")
        second.at = first.at!.addingTimeInterval(3600)
        try f.calendar.put(second)
        let starts = events(ICalendarFormat.export(f.calendar.sortedPosts, of: f.calendar)).map { value("DTSTART", in: $0) }
        #expect(starts == ["20261025T003000Z", "20261025T013000Z"])
    }

    @Test func textIsEscapedAndLinesFoldAtSeventyFiveBytesWithoutSplittingACharacter() throws {
        var f = Fixture()
        let text = "Строка один; два\\три\nქართული ტექსტი 日本語の長い文章 " + String(repeating: "🙂ა", count: 40) + "\u{1B}[31m"
        f.add("facebook", "2026-11-24 09:00", title: "Title", text: text, link: "not a url")
        let ics = ICalendarFormat.export(f.calendar.sortedPosts, of: f.calendar)
        for line in ics.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        #expect(!ics.contains("\u{1B}"), "control characters are dropped")
        let event = try #require(events(ics).first)
        let description = try #require(value("DESCRIPTION", in: event))
        #expect(description.hasPrefix("Строка один\\; два\\\\три\\nქართული ტექსტი 日本語の長い文章 🙂ა"))
        #expect(description.contains("[31m\\n\\nStatus: draft\\nLink: not a url"))
        #expect(value("URL", in: event) == nil, "a link that is not a URI stays in the description only")
    }
}
