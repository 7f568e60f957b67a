import CadenceCore
import Foundation
import Testing

@Suite("Calendar days and ISO weeks")
struct CivilDateTests {
    @Test func dayNumbersRoundTripAndMatchFoundation() {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        for dayNumber in stride(from: -40_000, through: 60_000, by: 37) {
            let day = CivilDate(dayNumber: dayNumber)
            #expect(day.dayNumber == dayNumber)
            let parts = gregorian.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
            #expect((day.year, day.month, day.day) == (parts.year!, parts.month!, parts.day!))
        }
    }

    @Test func isoWeeksMatchFoundationsISOCalendar() {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        for dayNumber in stride(from: 0, through: 40_000, by: 3) {
            let day = CivilDate(dayNumber: dayNumber)
            let parts = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
            #expect(day.isoWeek == WeekID(year: parts.yearForWeekOfYear!, week: parts.weekOfYear!), "\(day)")
        }
    }

    @Test(arguments: [
        ("2020-12-31", "2020-W53"), ("2021-01-03", "2020-W53"), ("2021-01-04", "2021-W01"),
        ("2024-12-30", "2025-W01"), ("2026-11-24", "2026-W48"), ("2026-12-31", "2026-W53"),
        ("2027-01-01", "2026-W53"), ("2027-01-03", "2026-W53"), ("2027-01-04", "2027-W01"),
    ])
    func isoWeekAcrossYearEnds(day: String, week: String) {
        #expect(date(day).isoWeek.description == week)
    }

    @Test func weekIDParsesAndFindsItsMonday() {
        #expect(WeekID("2026-W48")?.monday == date("2026-11-23"))
        #expect(WeekID("2026w48")?.monday == date("2026-11-23"))
        #expect(WeekID("2026-W53")?.monday == date("2026-12-28"))
        #expect(WeekID("2025-W53") == nil, "2025 has 52 ISO weeks")
        #expect(WeekID("2026-W00") == nil)
        #expect(WeekID("2026-48") == nil)
    }

    @Test func weekStartsOnTheCalendarsDay() {
        #expect(date("2026-11-24").startOfWeek(.monday) == date("2026-11-23"))
        #expect(date("2026-11-24").startOfWeek(.sunday) == date("2026-11-22"))
        #expect(date("2026-11-22").startOfWeek(.sunday) == date("2026-11-22"))
    }

    @Test func strictParsing() {
        #expect(CivilDate(iso: "2026-02-29") == nil)
        #expect(CivilDate(iso: "2028-02-29") != nil)
        #expect(CivilDate(iso: "2026-13-01") == nil)
        #expect(CivilDate(iso: "2026-1-01") == nil)
        #expect(LocalTime("24:00") == nil)
        #expect(LocalTime("9:05")?.description == "09:05")
        #expect(LocalTime("09:5") == nil)
    }
}

@Suite("Time zones and daylight saving time")
struct ZoneClockTests {
    let berlin = ZoneClock(identifier: "Europe/Berlin")!

    @Test func daysLast23Or25HoursOnDSTChanges() {
        #expect(berlin.hoursIn(date("2026-03-29")) == 23)
        #expect(berlin.hoursIn(date("2026-10-25")) == 25)
        #expect(berlin.hoursIn(date("2026-11-24")) == 24)
        let newYork = ZoneClock(identifier: "America/New_York")!
        #expect(newYork.hoursIn(date("2026-03-08")) == 23)
        #expect(newYork.hoursIn(date("2026-11-01")) == 25)
    }

    @Test func skippedAndRepeatedWallClockTimes() {
        let skipped = berlin.resolve(LocalDateTime("2026-03-29 02:30")!)
        guard case .skipped = skipped else {
            Issue.record("02:30 on the spring-forward day should not exist, got \(skipped)")
            return
        }
        #expect(berlin.date(for: LocalDateTime("2026-03-29 02:30")!) == nil)
        guard case .repeated(let earlier, let later) = berlin.resolve(LocalDateTime("2026-10-25 02:30")!) else {
            Issue.record("02:30 on the fall-back day happens twice")
            return
        }
        #expect(later.timeIntervalSince(earlier) == 3600)
        #expect(berlin.rfc3339(earlier) == "2026-10-25T02:30:00+02:00")
        #expect(berlin.rfc3339(later) == "2026-10-25T02:30:00+01:00")
        #expect(berlin.date(for: LocalDateTime("2026-10-25 02:30")!) == earlier)
    }

    /// Chatham runs 12:45 and 13:45 ahead of UTC: its instants lie more than half a day before
    /// the wall time, where a search of half a day either side missed the change.
    @Test func zonesMoreThanTwelveHoursAheadFindTheirChanges() {
        let chatham = ZoneClock(identifier: "Pacific/Chatham")!
        // Clocks go forward 02:45 → 03:45 on 26 Sep 2027.
        #expect(chatham.rfc3339(chatham.date(for: LocalDateTime("2027-09-26 02:30")!)!) == "2027-09-26T02:30:00+12:45")
        #expect(chatham.date(for: LocalDateTime("2027-09-26 03:00")!) == nil)
        guard case .skipped(let after) = chatham.resolve(LocalDateTime("2027-09-26 03:00")!) else {
            Issue.record("03:00 is skipped in Chatham on 26 Sep 2027")
            return
        }
        #expect(chatham.rfc3339(after) == "2027-09-26T04:00:00+13:45")
        #expect(chatham.rfc3339(chatham.date(for: LocalDateTime("2027-09-26 03:45")!)!) == "2027-09-26T03:45:00+13:45")
        // And back 03:45 → 02:45 on 4 Apr 2027: 03:00 happens twice, 02:30 once.
        #expect(chatham.rfc3339(chatham.date(for: LocalDateTime("2027-04-04 02:30")!)!) == "2027-04-04T02:30:00+13:45")
        guard case .repeated(let earlier, let later) = chatham.resolve(LocalDateTime("2027-04-04 03:00")!) else {
            Issue.record("03:00 happens twice in Chatham on 4 Apr 2027")
            return
        }
        #expect(chatham.rfc3339(earlier) == "2027-04-04T03:00:00+13:45")
        #expect(chatham.rfc3339(later) == "2027-04-04T03:00:00+12:45")
        #expect(chatham.hoursIn(date("2027-04-04")) == 25 && chatham.hoursIn(date("2027-09-26")) == 23)
        // Kiritimati, +14:00, and Baker Island's -12:00 neighbour Pago Pago (-11:00) at the edges.
        let kiritimati = ZoneClock(identifier: "Pacific/Kiritimati")!
        #expect(kiritimati.rfc3339(kiritimati.date(for: LocalDateTime("2026-12-31 23:59")!)!) == "2026-12-31T23:59:00+14:00")
        let pagoPago = ZoneClock(identifier: "Pacific/Pago_Pago")!
        #expect(pagoPago.rfc3339(pagoPago.date(for: LocalDateTime("2026-01-01 00:00")!)!) == "2026-01-01T00:00:00-11:00")
    }

    /// Samoa skipped 30 Dec 2011 whole (it crossed the date line): no day to post on.
    @Test func aDayTheClocksSkipWholeWantsNoPosts() {
        let samoa = Fixture(zone: "Pacific/Apia")
        #expect(samoa.calendar.clock.hoursIn(date("2011-12-30")) == 0)
        let found = samoa.check(from: "2011-12-29", to: "2011-12-31", now: "2011-01-01T00:00:00Z").filter { $0.rule == PostsPerDayRule.id && $0.channel == "facebook" }
        #expect(found.compactMap(\.day) == [date("2011-12-29"), date("2011-12-31")])
    }

    @Test func timestampsCarryTheirOffset() {
        let winter = berlin.date(for: LocalDateTime("2026-11-24 09:30")!)!
        #expect(berlin.rfc3339(winter) == "2026-11-24T09:30:00+01:00")
        let summer = berlin.date(for: LocalDateTime("2026-07-01 09:30")!)!
        #expect(berlin.rfc3339(summer) == "2026-07-01T09:30:00+02:00")
        #expect(ZoneClock.parseTimestamp("2026-11-24T09:30:00+01:00") == winter)
        #expect(ZoneClock.parseTimestamp("2026-11-24T08:30Z") == winter)
        #expect(ZoneClock.parseTimestamp("2026-11-24T08:30:00.000Z") == winter)
        #expect(ZoneClock.parseTimestamp("2026-11-24T03:30:00-05:00") == winter)
        #expect(ZoneClock.parseTimestamp("2026-11-24T09:30:00") == nil, "a time without an offset is ambiguous")
        #expect(ZoneClock.parseTimestamp("2026-11-24 09:30") == nil)
    }

    @Test func aPostsDayIsItsDayInTheCalendarsZone() {
        // 23:30 UTC on the 24th is already the 25th in Berlin and still the 24th in New York.
        let instant = ZoneClock.parseTimestamp("2026-11-24T23:30:00Z")!
        #expect(berlin.day(of: instant) == date("2026-11-25"))
        #expect(ZoneClock(identifier: "America/New_York")!.day(of: instant) == date("2026-11-24"))
        #expect(ZoneClock(identifier: "Asia/Tbilisi")!.day(of: instant) == date("2026-11-25"))
    }

    @Test func onlyRealZoneNamesAreAccepted() {
        #expect(ZoneClock(identifier: "Europe/Berlin") != nil)
        #expect(ZoneClock(identifier: "UTC") != nil)
        #expect(ZoneClock(identifier: "Mars/Olympus") == nil)
        #expect(ZoneClock(identifier: "") == nil)
    }
}

@Suite("Short dates as planners type them")
struct ShortDateTests {
    @Test(arguments: [
        // today, a Saturday
        ("2026-11-21", "sat", "2026-11-21"), ("2026-11-21", "Sunday", "2026-11-22"), ("2026-11-21", "fri", "2026-11-27"),
        ("2026-11-21", "thurs", "2026-11-26"), ("2026-11-21", "+3", "2026-11-24"), ("2026-11-21", "-1", "2026-11-20"),
        ("2026-11-21", "+2w", "2026-12-05"), ("2026-11-21", "+0", "2026-11-21"),
        // month and day: the nearest, across a year's end both ways
        ("2026-11-21", "11-01", "2026-11-01"), ("2026-11-21", "1-5", "2027-01-05"), ("2026-11-21", "12-24", "2026-12-24"),
        ("2027-01-10", "12-24", "2026-12-24"), ("2027-01-10", "06-01", "2027-06-01"),
        ("2027-11-21", "02-29", "2028-02-29"), ("2028-09-01", "02-29", "2028-02-29"),
        // a whole date without its zeros, as import reads it
        ("2026-11-21", "2026-1-5", "2026-01-05"), ("2026-11-21", "2027-3-09", "2027-03-09"),
    ])
    func shortFormsNameTheDayAPlannerMeans(today: String, text: String, expected: String) throws {
        let day = try PlanInput.date(text, field: "date", today: CivilDate(iso: today)!)
        #expect(day == CivilDate(iso: expected)!)
    }

    @Test(arguments: ["fr", "02-30", "13-01", "+", "next", "2026-1-5-1", "26-1-5", "2026-001-5", "+12345"])
    func whatIsNoDateIsRefused(text: String) {
        #expect(throws: CadenceError.self) { try PlanInput.date(text, field: "date", today: CivilDate(iso: "2026-11-21")!) }
    }
}

extension ShortDateTests {
    @Test(arguments: [("2026-11-21", "02-29", "February 2027 has 28 days"), ("2026-11-21", "02-30", "February 2027 has 28 days"),
                      ("2026-05-10", "02-29", "February 2026 has 28 days"), ("2026-11-21", "13-01", "there is no month 13"),
                      ("2026-11-21", "04-00", "there is no day 0"), ("2026-11-21", "04-31", "April 2027 has 30 days")])
    func aShortDateThatNamesNoDaySaysWhichYearItLooked(today: String, text: String, reason: String) {
        #expect(throws: CadenceError.invalidValue(field: "date", value: text, expected: "a day that exists; \(reason)")) {
            try PlanInput.date(text, field: "date", today: CivilDate(iso: today)!)
        }
    }
}
