import CadenceCore
import Foundation
import Testing

@Suite("posts-per-day")
struct PostsPerDayTests {
    @Test func exactlyAtTheMaximumIsFineOneOverIsAnError() {
        var f = Fixture()
        for hour in 8..<13 { f.add("facebook", "2026-11-24 \(hour):00") }
        #expect(f.check(day: "2026-11-24").of("posts-per-day").isEmpty)
        f.add("facebook", "2026-11-24 18:00")
        let found = f.check(day: "2026-11-24").of("posts-per-day")
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(found.first?.message == "Tue 24 Nov 2026 · Facebook: 6 posts, at most 5 a day")
        #expect(found.first?.posts.count == 6)
        #expect(found.first?.subject == .day(date("2026-11-24")))
    }

    @Test func underTheMinimumIsAWarningOnEveryDayInRange() {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:00")
        let found = f.check(from: "2026-11-23", to: "2026-11-25").of("posts-per-day")
        #expect(found.map(\.day) == [date("2026-11-23"), date("2026-11-25")])
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found.first?.message == "Mon 23 Nov 2026 · Facebook: no posts, at least 1 a day")
    }

    @Test func daysAreCalendarDaysInTheCalendarsZone() {
        // 23:59 belongs to the 24th, 00:00 to the 25th.
        var f = Fixture(channels: [Channel(id: "facebook", name: "Facebook", rules: ["posts-per-day": ["max": .int(1)]])])
        f.add("facebook", "2026-11-24 23:59")
        f.add("facebook", "2026-11-25 00:00")
        #expect(f.check(from: "2026-11-24", to: "2026-11-25").of("posts-per-day").isEmpty)
        f.add("facebook", "2026-11-25 00:01")
        #expect(f.check(from: "2026-11-24", to: "2026-11-25").of("posts-per-day").map(\.day) == [date("2026-11-25")])
    }

    @Test func aTwentyFiveHourDayIsStillOneDay() {
        // On 25 Oct 2026 Berlin's clocks go back: 00:30 and 23:30 are 24 hours apart on one day.
        var f = Fixture(channels: [Channel(id: "facebook", name: "Facebook", rules: ["posts-per-day": ["max": .int(2)]])])
        f.add("facebook", "2026-10-25 00:30")
        f.add("facebook", "2026-10-25 02:30")
        f.add("facebook", "2026-10-25 23:30")
        let found = f.check(from: "2026-10-24", to: "2026-10-26").of("posts-per-day")
        #expect(found.map(\.day) == [date("2026-10-25")])
        #expect(found.first?.posts.count == 3)
    }

    @Test func aTwentyThreeHourDayIsStillOneDay() {
        var f = Fixture(channels: [Channel(id: "facebook", name: "Facebook", rules: ["posts-per-day": ["max": .int(1)]])])
        f.add("facebook", "2026-03-28 23:30")
        f.add("facebook", "2026-03-29 00:30")
        f.add("facebook", "2026-03-29 23:30")
        f.add("facebook", "2026-03-30 00:30")
        #expect(f.check(from: "2026-03-28", to: "2026-03-30").of("posts-per-day").map(\.day) == [date("2026-03-29")])
    }

    @Test func severityCanBeChangedOrSwitchedOff() {
        var f = Fixture(rules: ["posts-per-day": ["severity": .string("warning")]])
        for hour in 8..<14 { f.add("facebook", "2026-11-24 \(hour):00") }
        #expect(f.check(day: "2026-11-24").of("posts-per-day").map(\.severity) == [.warning])
        f.calendar.rules = ["posts-per-day": ["severity": .string("off")]]
        #expect(f.check(day: "2026-11-24").of("posts-per-day").isEmpty)
    }
}

@Suite("posts-per-week")
struct PostsPerWeekTests {
    func fixture(weekStart: Weekday = .monday, min: Int = 3, max: Int = 4) -> Fixture {
        Fixture(
            weekStart: weekStart,
            channels: [Channel(id: "instagram", name: "Instagram", rules: ["posts-per-week": ["min": .int(min), "max": .int(max)]])])
    }

    @Test func underTheMinimumIsAWarningOverTheMaximumAnError() {
        var f = fixture()
        f.add("instagram", "2026-11-23 11:00")
        var found = f.check(from: "2026-11-23", to: "2026-11-29").of("posts-per-week")
        #expect(found.map(\.message) == ["2026-W48 · Instagram: 1 post, at least 3 a week"])
        #expect(found.first?.severity == .warning && found.first?.subject == .week(date("2026-11-23")))
        #expect(found.first?.posts == [], "a week short of posts is no one post's fault")
        f.add("instagram", "2026-11-25 11:00")
        f.add("instagram", "2026-11-29 23:59")  // Sunday night is still the week
        f.add("instagram", "2026-11-30 00:00")  // Monday is the next
        #expect(f.check(from: "2026-11-23", to: "2026-11-29").of("posts-per-week").isEmpty)
        f.add("instagram", "2026-11-27 11:00")
        f.add("instagram", "2026-11-28 11:00")
        found = f.check(from: "2026-11-23", to: "2026-11-29").of("posts-per-week")
        #expect(found.map(\.message) == ["2026-W48 · Instagram: 5 posts, at most 4 a week"])
        #expect(found.first?.severity == .error && found.first?.posts.count == 5)
    }

    @Test func theWeekOfTheClockChangeIsSevenCalendarDays() {
        // Berlin's clocks go back on Sun 25 Oct 2026: the week is 169 hours, still one week.
        var f = fixture(min: 0, max: 2)
        f.add("instagram", "2026-10-19 00:30")
        f.add("instagram", "2026-10-25 23:30")
        #expect(f.check(from: "2026-10-19", to: "2026-10-25").of("posts-per-week").isEmpty)
        f.add("instagram", "2026-10-25 02:30")
        #expect(f.check(day: "2026-10-21").of("posts-per-week").map(\.message) == ["2026-W43 · Instagram: 3 posts, at most 2 a week"])
    }

    @Test func weeksFollowTheCalendarsWeekStart() {
        var f = fixture(weekStart: .sunday, min: 0, max: 1)
        f.add("instagram", "2027-01-02 23:00")  // Saturday: the week before
        f.add("instagram", "2027-01-03 01:00")
        f.add("instagram", "2027-01-09 23:00")
        #expect(f.check(from: "2027-01-03", to: "2027-01-09").of("posts-per-week").map(\.message) == ["week of Sun 3 Jan 2027 · Instagram: 2 posts, at most 1 a week"])
    }

    @Test func settingsAreChecked() {
        let below = Fixture(channels: [Channel(id: "instagram", name: "Instagram", rules: ["posts-per-week": ["min": .int(5), "max": .int(3)]])])
        #expect(RuleBook(below.calendar).settingsProblems.map(\.message) == ["max (3) is below min (5)"])
        let empty = Fixture(channels: [Channel(id: "instagram", name: "Instagram", rules: ["posts-per-week": [:]])])
        #expect(RuleBook(empty.calendar).settingsProblems.map(\.message) == ["give min, max or both"])
    }
}

@Suite("category-per-week")
struct CategoryPerWeekTests {
    let humourOnce: RuleSettings = ["category-per-week": ["max": .object(["humour": .int(1)])]]

    @Test func oneHumourPostAWeekIsFineTwoAreAnError() {
        var f = Fixture(rules: humourOnce)
        f.add("facebook", "2026-11-23 09:00", category: "humour")
        f.add("twitter", "2026-11-24 09:00", category: "humour")  // another channel: its own count
        #expect(f.check(from: "2026-11-23", to: "2026-11-29").of("category-per-week").isEmpty)
        f.add("facebook", "2026-11-29 21:00", category: "humour")
        let found = f.check(from: "2026-11-23", to: "2026-11-29").of("category-per-week")
        #expect(found.count == 1)
        #expect(found.first?.message == "2026-W48 · Facebook: 2 posts in Humour, at most 1 a week")
        #expect(found.first?.subject == .week(date("2026-11-23")))
        #expect(found.first?.severity == .error)
    }

    @Test func anISOWeekSpansTheYearEnd() {
        var f = Fixture(rules: humourOnce)
        f.add("facebook", "2026-12-31 09:00", category: "humour")
        f.add("facebook", "2027-01-02 09:00", category: "humour")
        let found = f.check(day: "2027-01-01").of("category-per-week")
        #expect(found.map(\.message) == ["2026-W53 · Facebook: 2 posts in Humour, at most 1 a week"])
    }

    @Test func sundayToMondayIsANewISOWeek() {
        var f = Fixture(rules: humourOnce)
        f.add("facebook", "2027-01-03 23:00", category: "humour")
        f.add("facebook", "2027-01-04 01:00", category: "humour")
        #expect(f.check(from: "2027-01-01", to: "2027-01-10").of("category-per-week").isEmpty)
    }

    @Test func weeksFollowTheCalendarsWeekStart() {
        var f = Fixture(weekStart: .sunday, rules: humourOnce)
        f.add("facebook", "2027-01-03 23:00", category: "humour")
        f.add("facebook", "2027-01-04 01:00", category: "humour")
        let found = f.check(from: "2027-01-03", to: "2027-01-09").of("category-per-week")
        #expect(found.map(\.message) == ["week of Sun 3 Jan 2027 · Facebook: 2 posts in Humour, at most 1 a week"])
    }
}

@Suite("spacing")
struct SpacingTests {
    func fixture(minutes: Int) -> Fixture {
        Fixture(channels: [Channel(id: "facebook", name: "Facebook", rules: ["spacing": ["minutes": .int(minutes)]])])
    }

    @Test func exactlyTheGapIsFineOneMinuteLessIsFlagged() {
        var f = fixture(minutes: 60)
        f.add("facebook", "2026-11-24 09:00", title: "A")
        f.add("facebook", "2026-11-24 10:00", title: "B")
        #expect(f.check(day: "2026-11-24").of("spacing").isEmpty)
        f.add("facebook", "2026-11-24 10:59", title: "C")
        let found = f.check(day: "2026-11-24").of("spacing")
        #expect(found.map(\.message) == ["Tue 24 Nov 2026 · Facebook: “B” at 10:00 and “C” at 10:59 are 59 min apart, at least 1 h"])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.posts.count == 2)
    }

    @Test func acrossMidnight() {
        var f = fixture(minutes: 60)
        f.add("facebook", "2026-11-24 23:50", title: "Late")
        f.add("facebook", "2026-11-25 00:10", title: "Early")
        let found = f.check(day: "2026-11-25").of("spacing")
        #expect(found.map(\.message) == ["Wed 25 Nov 2026 · Facebook: “Late” at Tue 24 Nov 23:50 and “Early” at 00:10 are 20 min apart, at least 1 h"])
    }

    @Test func acrossTheSpringDSTGapTheRealGapCounts() {
        // 01:30 CET and 03:10 CEST are 40 real minutes apart, though the clock says 100.
        var f = fixture(minutes: 60)
        f.add("facebook", "2026-03-29 01:30")
        f.add("facebook", "2026-03-29 03:10")
        #expect(f.check(day: "2026-03-29").of("spacing").first?.message.contains("40 min apart") == true)
    }

    @Test func otherChannelsDoNotCount() {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:00")
        f.add("twitter", "2026-11-24 09:05")
        #expect(f.check(day: "2026-11-24").of("spacing").isEmpty)
    }
}

@Suite("post rules")
struct PostRuleTests {
    @Test func textLengthAtTheLimitAndOneOver() {
        var f = Fixture()
        f.add("twitter", "2026-11-24 09:00", text: String(repeating: "a", count: 280))
        #expect(f.check(day: "2026-11-24").of("text-length").isEmpty)
        f.add("twitter", "2026-11-24 10:00", title: "Long", text: String(repeating: "a", count: 281))
        let found = f.check(day: "2026-11-24").of("text-length")
        #expect(found.map(\.message) == ["Tue 24 Nov 2026 10:00 · Twitter · “Long”: 281 characters, at most 280"])
        #expect(found.first?.severity == .error)
    }

    @Test(arguments: ["ქ", "Ж", "👨‍👩‍👧", "🇬🇪", "é", "日"])
    func charactersAreCountedAsPeopleSeeThem(character: String) {
        // 300 Georgian letters are 900 bytes, 300 family emoji far more; each is one character.
        var f = Fixture(channels: [Channel(id: "bluesky", name: "Bluesky", network: "bluesky")])
        f.add("bluesky", "2026-11-24 09:00", text: String(repeating: character, count: 300))
        #expect(f.check(day: "2026-11-24").of("text-length").isEmpty)
        f.add("bluesky", "2026-11-24 10:00", text: String(repeating: character, count: 301))
        #expect(f.check(day: "2026-11-24").of("text-length").first?.message.hasSuffix("301 characters, at most 300") == true)
    }

    @Test(arguments: [("ქ", 1), ("Ж", 1), ("é", 1), ("e\u{301}", 1), ("—", 1), ("日", 2), ("한", 2), ("🔥", 2), ("👨‍👩‍👧", 2), ("👍🏽", 2), ("🇬🇪", 2), ("❤️", 2)])
    func onXAnEmojiOrACJKCharacterCountsTwo(character: String, weight: Int) {
        // X's own count: Latin, Cyrillic, Georgian and common punctuation 1; the rest 2.
        var f = Fixture()
        let fits = 280 / weight
        f.add("twitter", "2026-11-24 09:00", text: String(repeating: character, count: fits))
        #expect(f.check(day: "2026-11-24").of("text-length").isEmpty)
        f.add("twitter", "2026-11-24 10:00", text: String(repeating: character, count: fits + 1))
        #expect(f.check(day: "2026-11-24").of("text-length").first?.message.hasSuffix("\(280 + weight) characters, at most 280") == true)
    }

    @Test func onXALinkCountsAs23() {
        var f = Fixture()
        let url = "https://example.com/" + String(repeating: "x", count: 100)
        f.add("twitter", "2026-11-24 09:00", text: String(repeating: "a", count: 256) + " " + url)  // 257 + 23 = 280
        #expect(f.check(day: "2026-11-24").of("text-length").isEmpty)
        f.add("twitter", "2026-11-24 10:00", text: String(repeating: "a", count: 257) + " " + url)
        #expect(f.check(day: "2026-11-24").of("text-length").count == 1)
    }

    @Test func theLinkFieldCountsSinceItGoesOutAtTheEndOfTheText() {
        var f = Fixture()
        let url = "https://example.com/" + String(repeating: "x", count: 100)
        // 255 + 2 (the blank line before the link) + 23 = 280.
        f.add("twitter", "2026-11-24 09:00", text: String(repeating: "a", count: 255), link: url)
        // The same link already in the text is not counted twice.
        f.add("twitter", "2026-11-24 12:00", text: String(repeating: "a", count: 256) + " " + url, link: url)
        #expect(f.check(day: "2026-11-24").of("text-length").isEmpty)
        f.add("twitter", "2026-11-24 15:00", title: "Over", text: String(repeating: "a", count: 256), link: url)
        #expect(f.check(day: "2026-11-24").of("text-length").map(\.message) == ["Tue 24 Nov 2026 15:00 · Twitter · “Over”: 281 characters with its link, at most 280"])
        // A link field written without https:// is a link too: X counts it 23.
        f.add("twitter", "2026-11-25 09:00", text: String(repeating: "a", count: 255), link: "acme.example/" + String(repeating: "x", count: 100))
        #expect(f.check(day: "2026-11-25").of("text-length").isEmpty)
    }

    @Test func instagramNeedsMedia() {
        var f = Fixture()
        f.add("instagram", "2026-11-24 09:00", title: "Photo", media: ["a.jpg"])
        f.add("instagram", "2026-11-24 12:00", title: "Bare")
        f.add("instagram", nil, title: "Idea")  // ideas are not asked for media yet
        f.add("facebook", "2026-11-24 12:00", title: "Text only")
        let found = RuleChecker.check(f.calendar, in: .weeksWithPosts(in: f.calendar), now: Date(timeIntervalSince1970: 0)).of("media-required")
        #expect(found.map(\.message) == ["Tue 24 Nov 2026 12:00 · Instagram · “Bare”: no image or video; Instagram posts need one"])
        // The network needs it, whatever the channel is called.
        let index = f.calendar.channels.firstIndex { $0.id == "instagram" }!
        f.calendar.channels[index].name = "Shop ქართული"
        let renamed = RuleChecker.check(f.calendar, in: .weeksWithPosts(in: f.calendar), now: Date(timeIntervalSince1970: 0)).of("media-required")
        #expect(renamed.map(\.message) == ["Tue 24 Nov 2026 12:00 · Shop ქართული · “Bare”: no image or video; Instagram posts need one"])
    }

    @Test func hashtagsAtTheLimitAndOneOver() {
        var f = Fixture()
        f.add("instagram", "2026-11-24 09:00", text: "#one #two #три #ოთხი #五 and #1 is a number", media: ["a"])
        #expect(f.check(day: "2026-11-24").of("hashtags").isEmpty)
        f.add("instagram", "2026-11-24 12:00", text: "#one #two #three #four #five #six", media: ["a"])
        #expect(f.check(day: "2026-11-24").of("hashtags").first?.message.hasSuffix("6 hashtags, at most 5") == true)
        #expect(TextMetrics.hashtags(in: "#a#b#c#d#e#f").count == 6, "written without spaces, still six")
        #expect(TextMetrics.hashtags(in: "C#code and a#b").isEmpty, "not at the start of a word")
        #expect(TextMetrics.hashtags(in: "Menu: https://acme.example/menu#winter, www.acme.example/#a #real").map(String.init) == ["#real"], "a link's #fragment is no hashtag")
        #expect(TextMetrics.hashtags(in: "Menu: acme.example/#menu #real").map(String.init) == ["#real"], "nor after a slash, the scheme left out")
    }

    @Test func sameTextOnTwoChannelsFlagsEachPost() {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:00", title: "Sale", text: "Autumn  sale starts\ntoday!")
        f.add("twitter", "2026-11-24 10:00", title: "Sale", text: "autumn sale starts today!")
        f.add("facebook", "2026-11-25 09:00", title: "Again", text: "Own words")
        f.add("facebook", "2026-11-26 09:00", title: "Repeat", text: "Own words")  // same channel: not flagged
        let found = f.check(from: "2026-11-23", to: "2026-11-29").of("same-text")
        #expect(found.map(\.message) == [
            "Tue 24 Nov 2026 09:00 · Facebook · “Sale”: same text as on Twitter Tue 24 Nov 10:00; write it for each channel",
            "Tue 24 Nov 2026 10:00 · Twitter · “Sale”: same text as on Facebook Tue 24 Nov 09:00; write it for each channel",
        ])
        #expect(found.allSatisfy { $0.posts.count == 2 && $0.severity == .warning })
        // A post whose twin is outside the checked days is still flagged.
        var g = Fixture()
        g.add("facebook", "2026-11-24 09:00", text: "Hello")
        g.add("twitter", "2026-12-24 10:00", text: "hello")
        #expect(g.check(day: "2026-11-24").of("same-text").map(\.posts.count) == [2])
    }

    @Test func theTextIndexFollowsPostsJoiningAndLeavingAText() {
        var f = Fixture()
        let a = f.add("facebook", "2026-11-24 09:00", text: "Winter blend")
        let b = f.add("twitter", "2026-11-24 10:00", text: "winter  blend")
        let c = f.add("instagram", "2026-11-24 11:00", text: "WINTER BLEND")
        #expect(f.calendar.postsSharingText(with: a.id).map(\.id) == [a.id, b.id, c.id])
        f.calendar.remove(b.id)
        #expect(f.calendar.postsSharingText(with: c.id).map(\.id) == [a.id, c.id])
        var changed = c
        changed.text = "Own words"
        try? f.calendar.put(changed)
        #expect(f.calendar.postsSharingText(with: a.id).isEmpty, "alone with its text again")
        #expect(f.calendar.postsSharing(text: "winter blend").map(\.id) == [a.id])
        try? f.calendar.put(b)
        #expect(f.calendar.postsSharingText(with: b.id).map(\.id) == [a.id, b.id])
        #expect(f.check(day: "2026-11-24").of("same-text").count == 2)
    }

    @Test func aCopyNotYetWrittenForItsChannelIsFlaggedOnce() {
        var f = Fixture()
        func tagged(_ post: Post) {
            var post = post
            post.tags = ["adapt"]
            try? f.calendar.put(post)
        }
        // Titles planned first: a copy with no text yet.
        tagged(f.add("twitter", "2026-11-24 10:00", title: "Winter blend"))
        // A copy with the original's words: the same-text rule says so, this one does not.
        f.add("facebook", "2026-11-25 09:00", title: "Sale", text: "Autumn sale")
        tagged(f.add("twitter", "2026-11-25 10:00", title: "Sale", text: "autumn sale"))
        // Not a copy: no tag.
        f.add("instagram", "2026-11-26 11:00", title: "Reel")
        let found = f.check(from: "2026-11-23", to: "2026-11-29")
        #expect(found.of("not-adapted").map(\.message) == [
            "Tue 24 Nov 2026 10:00 · Twitter · “Winter blend”: a copy from another channel, not yet written for Twitter (tagged adapt: rewrite it, or take the tag off)",
        ])
        #expect(found.of("not-adapted").allSatisfy { $0.severity == .warning })
        #expect(found.of("same-text").count == 2)
        // A calendar that makes unadapted copies errors hears of the copy with the original's
        // words too: the same-text warning is softer.
        f.calendar.rules["not-adapted"] = ["severity": .string("error")]
        let strict = f.check(from: "2026-11-23", to: "2026-11-29").of("not-adapted")
        #expect(strict.count == 2 && strict.allSatisfy { $0.severity == .error }, "\(strict.map(\.message))")
        f.calendar.rules["not-adapted"] = nil
        // Rewritten, the copy is adapted: the tag goes (a "!" added is no rewrite).
        let copy = f.calendar.posts[PostID("p0003")!]!
        var shouted = copy
        shouted.text = "Autumn sale!"
        #expect(shouted.adapted(from: copy).tags == ["adapt"])
        var rewritten = copy
        rewritten.text = "Our autumn sale: 20% off every bag, today only"
        #expect(rewritten.adapted(from: copy).tags.isEmpty)
        var retagged = rewritten
        retagged.tags = ["adapt", "sale"]
        #expect(retagged.adapted(from: copy).tags == ["adapt", "sale"], "tags set in the same change stay as set")
        var emptied = copy
        emptied.text = ""
        #expect(emptied.adapted(from: copy).tags == ["adapt"], "text taken away is no rewrite")
        // Where the original's channel does not ask for its own words, same-text is silent:
        // not-adapted speaks for the copy.
        f.calendar.channels[0].rules["same-text"] = ["severity": .string("off")]
        #expect(f.check(from: "2026-11-23", to: "2026-11-29").of("not-adapted").map(\.posts) == [[PostID("p0001")!], [PostID("p0003")!]])
    }

    @Test func sameTextSwitchedOffOnAChannelLeavesItOut() {
        var f = Fixture()
        f.calendar.channels[1].rules["same-text"] = ["severity": .string("off")]
        f.add("facebook", "2026-11-24 09:00", text: "Hello")
        f.add("twitter", "2026-11-24 10:00", text: "Hello")
        #expect(f.check(day: "2026-11-24").of("same-text").isEmpty)
    }

    @Test func bareURLInTextButNotInTheLinkField() {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:00", text: "See our shop", link: "https://shop.example.com")
        #expect(f.check(day: "2026-11-24").of("bare-url").isEmpty)
        f.add("facebook", "2026-11-24 11:00", text: "Go to www.shop.example.com now.")
        #expect(f.check(day: "2026-11-24").of("bare-url").first?.message.contains("(www.shop.example.com)") == true)
    }

    @Test func unapprovedWithin24Hours() {
        var f = Fixture()
        f.add("facebook", "2026-11-25 09:00", title: "Tomorrow")
        f.add("facebook", "2026-11-25 09:01", title: "Later", status: .draft)
        f.add("facebook", "2026-11-25 08:00", title: "OK", status: .approved)
        let found = f.check(day: "2026-11-25", now: "2026-11-24T09:00:00+01:00").of("unapproved-soon")
        #expect(found.map(\.message) == ["Wed 25 Nov 2026 09:00 · Facebook · “Tomorrow”: due in 24 h and still draft"])
        let overdue = f.check(day: "2026-11-25", now: "2026-11-25T10:00:00+01:00").of("unapproved-soon")
        #expect(overdue.first?.message.hasSuffix("was due 1 h ago and is still draft") == true)
    }

    @Test func linkRequiredForNewModels() throws {
        let calendar = try TemplateCatalog.find("kids-store-vk", userFolder: nil).instantiate(name: nil, zone: ZoneClock(identifier: "Europe/Moscow")!)
        var f = Fixture()
        f.calendar = calendar
        f.add("vk", "2026-11-24 10:00", title: "Winter overalls", category: "new-models")
        f.add("vk", "2026-11-24 12:00", title: "Winter boots", category: "new-models", link: "https://shop.example/boots")
        let found = f.check(day: "2026-11-24").of("link-required")
        #expect(found.map(\.message) == ["Tue 24 Nov 2026 10:00 · VK · “Winter overalls”: New models posts need a link, and the link is empty"])
        // And the store's 3–5 a day: two posts are too few.
        #expect(f.check(day: "2026-11-24").of("posts-per-day").first?.message == "Tue 24 Nov 2026 · VK: 2 posts, at least 3 a day")
    }

    @Test func aCalendarWideSeverityAdjustsButDoesNotSwitchRulesOn() {
        var f = Fixture(rules: ["media-required": ["severity": .string("warning")], "posts-per-day": ["severity": .string("warning")]])
        f.add("facebook", "2026-11-24 09:00", title: "Text only")
        f.add("instagram", "2026-11-24 12:00", title: "No picture")
        let found = f.check(day: "2026-11-24")
        #expect(found.of("media-required").map(\.channel) == ["instagram"])
        #expect(found.of("media-required").first?.severity == .warning)
        #expect(found.filter { $0.subject == .settings }.isEmpty, "channels without a posts-per-day rule are left alone")
        // On a channel's own rules, naming the rule puts it in force there.
        f.calendar.channels[0].rules["media-required"] = ["severity": .string("warning")]
        #expect(f.check(day: "2026-11-24").of("media-required").compactMap(\.channel).sorted() == ["facebook", "instagram"])
    }

    @Test func unusableSettingsAreReportedNotIgnored() {
        var f = Fixture()
        f.calendar.channels[0].rules["posts-per-day"] = ["min": .int(5), "max": .int(2)]
        let found = f.check(day: "2026-11-24")
        #expect(found.first?.subject == .settings)
        #expect(found.first?.message == "Settings · Facebook: rule posts-per-day: max (2) is below min (5)")
    }
}

@Suite("Text metrics")
struct TextMetricsTests {
    @Test func wrappingKeepsANumberWithItsUnit() {
        #expect(DisplayWidth.wrap("within 1 h of another post", width: 9) == ["within", "1 h of", "another", "post"])
        #expect(DisplayWidth.wrap("posts 1 h apart; 30 min, 2 h)", width: 8) == ["posts", "1 h", "apart;", "30 min,", "2 h)"])
        #expect(DisplayWidth.wrap("Facebook has 5 hours", width: 14) == ["Facebook has 5", "hours"], "a word that only starts like a unit is a word")
    }

    @Test func displayWidthOfScripts() {
        #expect(DisplayWidth.of("Привет") == 6)
        #expect(DisplayWidth.of("ქართული") == 7)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.pad("日本", to: 6) == "日本  ")
        #expect(DisplayWidth.truncate("日本語テキスト", to: 7) == "日本語…")
        #expect(DisplayWidth.of("a\u{AD}b") == 2, "a soft hyphen takes no column")
        #expect(DisplayWidth.of("©\u{FE0F}") == 2 && DisplayWidth.of("©") == 1)
        #expect(DisplayWidth.of("и\u{0306}") == 1, "a Cyrillic letter with a combining breve")
        // A Devanagari conjunct is one character to a reader but a column per consonant to a
        // terminal (as wcwidth counts it: नमस्ते दुनिया takes 10).
        #expect(DisplayWidth.of("स्त") == 2)
        #expect(DisplayWidth.of("नमस्ते दुनिया") == 10)
        #expect(DisplayWidth.of("👨\u{200D}👩\u{200D}👧") == 2, "a family emoji stays one picture")
    }

    @Test func everyLetterOfTheOneColumnScriptsIsOneColumnWide() {
        // Latin, Cyrillic and Georgian letters are counted without a Unicode lookup; here the
        // lookup confirms each one: printable, not an emoji, not a mark, not East Asian wide.
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x24F, 0x400...0x482, 0x10A0...0x10FF]
        for scalar in ranges.joined().compactMap(Unicode.Scalar.init) {
            let p = scalar.properties
            let zero = [.nonspacingMark, .enclosingMark, .format].contains(p.generalCategory)
            let expected = zero ? 0 : (p.isEmojiPresentation ? 2 : 1)
            #expect(DisplayWidth.of(Character(scalar)) == expected, "U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
    }

    @Test func urlsStopAtSentencePunctuation() {
        #expect(TextMetrics.urls(in: "Read https://a.example/x?y=1. Then go.").map(String.init) == ["https://a.example/x?y=1"])
        #expect(TextMetrics.urls(in: "no links here, just http:// and www.").isEmpty)
    }

    /// X links a bare domain too (`acme.com/menu`) and counts it as 23; `Node.js`, an e-mail
    /// address and a sentence's full stop are no links.
    @Test func bareDomainsCountAsLinksOnX() {
        #expect(TextMetrics.bareDomains(in: "See acme.com, (coffee.ge/menu) and Node.js or info@acme.com. Done.").map(String.init) == ["acme.com", "coffee.ge/menu"])
        let text = String(repeating: "a", count: 257) + " acme.com"
        #expect(TextMetrics.networkLength(text, linkLength: 23, wideCount: 2) == 281)
        #expect(TextMetrics.networkLength(text, linkLength: nil) == 266, "networks that count links as typed")
    }
}

@Suite("Checking week by week")
struct IncrementalCheckTests {
    @Test func weeksCheckedOneAtATimeGiveTheWholeCheck() {
        var f = Fixture(rules: ["category-per-week": ["max": .object(["humour": .int(1)])]])
        // Posts across a year end, midnight pairs, duplicates across weeks, DST.
        let times = ["2026-12-27 23:50", "2026-12-28 00:10", "2026-12-31 09:00", "2027-01-01 09:00", "2027-01-03 22:00",
                     "2027-01-04 08:00", "2027-03-28 01:30", "2027-03-28 03:10"]
        for (i, time) in times.enumerated() {
            f.add(i % 2 == 0 ? "facebook" : "twitter", time, text: i % 3 == 0 ? "same words" : "own words \(i)", category: i < 4 ? "humour" : nil)
            f.add("facebook", time, text: "x \(i)", category: "humour")
        }
        let now = ZoneClock.parseTimestamp("2026-12-28T08:00:00+01:00")!
        let whole = RuleChecker.check(f.calendar, in: .weeksWithPosts(in: f.calendar), now: now)
        let book = RuleBook(f.calendar)
        var pieces: [Violation] = []
        for range in DaySelection.weeksWithPosts(in: f.calendar).ranges {
            for start in stride(from: range.lowerBound, through: range.upperBound, by: 7) {
                pieces += RuleChecker.check(f.calendar, in: DaySelection(ranges: [start...(start + 6)]), now: now, book: book)
            }
        }
        pieces += RuleChecker.check(f.calendar, in: DaySelection(ranges: [], includesIdeas: true), now: now, book: book)
        #expect(!whole.isEmpty)
        #expect(Set(pieces) == Set(whole))
        #expect(pieces.count == whole.count)
    }
}

@Suite("Same-text normalisation")
struct NormalisationTests {
    @Test func caseAndEveryKindOfWhiteSpaceAreIgnored() {
        let variants = [
            "Autumn sale\nstarts  today", " autumn\u{00A0}SALE\tstarts\u{3000}today ", "AUTUMN\u{2009}sale\r\nstarts\u{202F}today",
        ]
        #expect(Set(variants.map(TextMetrics.normalizedForComparison)) == ["autumn sale starts today"])
        #expect(TextMetrics.normalizedForComparison("Привет,\u{2028}МИР ქართული") == "привет мир ქართული")
        #expect(TextMetrics.normalizedForComparison("Autumn sale starts today!") == "autumn sale starts today", "a \"!\" added is no rewrite")
        #expect(TextMetrics.normalizedForComparison("#Sale: today.") == "sale today")
        #expect(TextMetrics.normalizedForComparison("!!! ...") == "")
        #expect(TextMetrics.normalizedForComparison("sale,today") == "sale today" && TextMetrics.normalizedForComparison("1.5") != TextMetrics.normalizedForComparison("15"))
        #expect(TextMetrics.normalizedForComparison(" \n\t ") == "")
        #expect(TextMetrics.normalizedForComparison("a—b") == "a—b", "a dash is not white space")
    }

    @Test func quickByteTestsFindWhatTheFullScansFind() {
        for text in ["see https://x.example", "WWW.EXAMPLE.COM", "http://", "www.", "no link: here", "ww.example", "a://b"] {
            #expect(TextMetrics.mightContainURL(text) || TextMetrics.urls(in: text).isEmpty, "\(text)")
        }
        #expect(TextMetrics.mightContainHashtag("ფასდაკლება ＃ახალი"))
        #expect(!TextMetrics.mightContainHashtag("no tags"))
    }
}
