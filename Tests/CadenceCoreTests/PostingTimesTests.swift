import CadenceCore
import Foundation
import Testing

@Suite("Posting times")
struct PostingTimesTests {
    /// Facebook posts at 09:00, 13:00 and 18:00 and keeps an hour between posts.
    func fixture() -> Fixture {
        let times = ["18:00", "09:00", "13:00", "13:00"].map { LocalTime($0)! }  // any order, a duplicate
        return Fixture(channels: [Channel(id: "facebook", name: "Facebook", network: "facebook", postingTimes: times)])
    }

    func next(_ f: Fixture, _ day: String, now: String = "2026-11-20T08:00:00+01:00") -> String {
        f.calendar.nextFreeTime(channel: "facebook", day: CivilDate(iso: day)!, now: ZoneClock.parseTimestamp(now)!, spacing: 60).description
    }

    @Test func aNewPostTakesTheFirstFreePostingTime() {
        var f = fixture()
        #expect(f.calendar.channels[0].postingTimes.map(\.description) == ["09:00", "13:00", "18:00"], "sorted, once each")
        #expect(next(f, "2026-11-24") == "09:00")
        f.add("facebook", "2026-11-24 09:00")
        #expect(next(f, "2026-11-24") == "13:00")
        f.add("facebook", "2026-11-24 12:30")
        #expect(next(f, "2026-11-24") == "18:00", "13:00 is 30 minutes from 12:30; Facebook keeps an hour")
        f.add("facebook", "2026-11-24 18:00")
        #expect(next(f, "2026-11-24") == "10:00", "no posting time free: the first free quarter hour from 09:00")
    }

    @Test func todayOnlyTimesStillAheadCount() {
        let f = fixture()
        #expect(next(f, "2026-11-24", now: "2026-11-24T09:00:00+01:00") == "13:00", "09:00 is now, not ahead")
        #expect(next(f, "2026-11-24", now: "2026-11-24T08:59:00+01:00") == "09:00")
        #expect(next(f, "2026-11-24", now: "2026-11-24T18:10:00+01:00") == "18:15", "the day's posting times are past")
        #expect(next(f, "2026-11-25", now: "2026-11-24T18:10:00+01:00") == "09:00", "tomorrow starts afresh")
    }

    @Test func aPostingTimeTheClocksSkipIsPassedOver() {
        var f = Fixture(channels: [Channel(id: "facebook", name: "Facebook", postingTimes: [LocalTime("02:30")!, LocalTime("20:00")!])])
        #expect(next(f, "2027-03-28") == "20:00", "02:30 does not exist in Berlin on 28 Mar 2027")
        #expect(next(f, "2027-03-29") == "02:30")
        f.add("facebook", "2027-03-29 02:30")
        #expect(next(f, "2027-03-29") == "20:00")
    }

    @Test func theFileKeepsPostingTimesInOrderAndRefusesABadOne() throws {
        let bytes = CalendarCodec.encode(fixture().calendar)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"network\": \"facebook\",\n      \"postingTimes\": [\"09:00\", \"13:00\", \"18:00\"],\n"))
        #expect(try CalendarCodec.decode(bytes, path: "x.json") == fixture().calendar)
        let bad = "{\n  \"schemaVersion\": 1,\n  \"timeZone\": \"UTC\",\n  \"channels\": [\n    {\"id\": \"vk\", \"postingTimes\": [\"10:00\", \"25:00\"]}\n  ]\n}"
        do {
            _ = try CalendarCodec.decode(Array(bad.utf8), path: "plan.json")
            Issue.record("25:00 loaded")
        } catch {
            #expect(error.errorDescription == "plan.json:5:44: channel \"vk\": field \"postingTimes\" must list times of day as \"HH:MM\", found \"25:00\"")
        }
    }
}
