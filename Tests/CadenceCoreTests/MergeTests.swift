import CadenceCore
import Foundation
import Testing

@Suite("Three-way merge")
struct MergeTests {
    func base() -> ContentCalendar {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:00", title: "Monday", text: "Hello", category: "news")
        f.add("twitter", "2026-11-24 10:00", title: "Thread", text: "One")
        f.add("instagram", "2026-11-25 12:00", title: "Photo", media: ["a.jpg"])
        var calendar = f.calendar
        var post = calendar.posts[PostID("p0001")!]!
        post.tags = ["launch", "q4"]
        try! calendar.put(post)
        return calendar
    }

    func edit(_ calendar: ContentCalendar, _ id: String, _ change: (inout Post) -> Void) -> ContentCalendar {
        var calendar = calendar
        var post = calendar.posts[PostID(id)!]!
        change(&post)
        try! calendar.put(post)
        return calendar
    }

    func add(_ calendar: ContentCalendar, _ id: String, _ title: String, day: String = "2026-11-24 15:00") -> ContentCalendar {
        var calendar = calendar
        try! calendar.put(Post(id: PostID(id)!, channel: "facebook", at: calendar.clock.date(for: LocalDateTime(day)!), title: title))
        return calendar
    }

    @Test func whatTheTwoPlansBreakTogetherIsFoundAndWhatEitherBrokeAloneIsNot() throws {
        // Tuesday has two Facebook posts; each side deletes one: together, the day has none.
        let b = add(base(), "extra", "Second Tuesday post", day: "2026-11-24 12:00")
        var ours = b
        ours.remove(PostID("p0001")!)
        var theirs = b
        theirs.remove(PostID("extra")!)
        let merged = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        let tuesday = CivilDate(iso: "2026-11-24")!
        let emptied = RuleChecker.problemsMadeByMerging(merged.calendar, sides: [ours, theirs], touched: merged.touched, now: .distantPast)
        #expect(emptied.map(\.rule) == ["posts-per-day"] && emptied.first?.day == tuesday, "\(emptied.map(\.message))")
        // Each side adds a sixth post on Tuesday (five there already): together, seven.
        var five = b
        for hour in [14, 16, 18] { five = add(five, "f\(hour)", "At \(hour)", day: "2026-11-24 \(hour):00") }
        let sixOurs = add(five, "o6", "Ours", day: "2026-11-24 20:00")
        let sixTheirs = add(five, "t6", "Theirs", day: "2026-11-24 22:00")
        let seven = try CalendarMerge.merge(base: five, ours: sixOurs, theirs: sixTheirs)
        let made = RuleChecker.problemsMadeByMerging(seven.calendar, sides: [sixOurs, sixTheirs], touched: seven.touched, now: .distantPast)
        // Each side alone already had six, over the five allowed: the seventh post is drawn in.
        #expect(made.contains { $0.rule == "posts-per-day" && $0.message.contains("7 posts") }, "\(made.map(\.message))")
        // What a side had already, the shortfall on Monday, is not news.
        #expect(!made.contains { $0.day == CivilDate(iso: "2026-11-23") }, "\(made.map(\.message))")
        // A merge of one side's edit alone makes nothing new.
        let retitled = edit(b, "p0002") { $0.title = "Thread, retitled" }
        let plain = try CalendarMerge.merge(base: b, ours: b, theirs: retitled)
        #expect(plain.touched == [PostID("p0002")!])
        #expect(RuleChecker.problemsMadeByMerging(plain.calendar, sides: [b, retitled], touched: plain.touched, now: .distantPast).isEmpty)
    }

    @Test func postsAddedOnBothSidesOnTheSameDayAreAllKept() throws {
        let b = base()
        let ours = add(b, "mine1", "Mine")
        let theirs = add(add(b, "their1", "Theirs"), "their2", "Theirs too", day: "2026-11-24 18:00")
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        #expect(result.conflicts == 0)
        #expect(Set(result.calendar.posts.keys.map(\.rawValue)) == ["p0001", "p0002", "p0003", "mine1", "their1", "their2"])
    }

    @Test func twoPostsMadeApartUnderOneHandTypedIdAreBothKeptAndTheRenameIsReported() throws {
        let b = base()
        let ours = add(b, "launch", "Our launch")
        let theirs = add(b, "launch", "Their launch", day: "2026-11-26 10:00")
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        #expect(result.conflicts == 0)
        #expect(result.calendar.posts[PostID("launch")!]?.title == "Our launch")
        #expect(result.renamed.count == 1 && result.renamed.first?.id == PostID("launch")!)
        let newID = try #require(result.renamed.first?.newID)
        #expect(result.calendar.posts[newID]?.title == "Their launch")
    }

    @Test func aReloadInThePlannerCallsTheSidesYourUnsavedVersionAndTheVersionOnDisk() throws {
        let b = base()
        // The same person on both sides, as on one machine: names would not tell them apart.
        let ours = edit(b, "p0001") {
            $0.title = "Typed in the planner"
            $0.stamp(by: "Anna", at: Date(timeIntervalSince1970: 1_790_000_000))
        }
        let theirs = edit(b, "p0001") {
            $0.title = "Set from the command line"
            $0.stamp(by: "Anna", at: Date(timeIntervalSince1970: 1_790_000_100))
        }
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs, mergedBy: "Anna", onReload: true)
        let message = RuleChecker.check(result.calendar, in: .weeksWithPosts(in: result.calendar), now: .distantPast).of("merge-conflict").first?.message
        #expect(message?.hasSuffix("merge conflict: title (the planner's version “Typed in the planner”, the version read from disk “Set from the command line”)") == true, "\(message ?? "none")")
        // Kept as such in the file.
        let reread = try CalendarCodec.decode(CalendarCodec.encode(result.calendar), path: "calendar.json")
        #expect(reread.posts[PostID("p0001")!]?.conflict?.choice(of: .theirs) == "the version read from disk")
    }

    @Test func editsToDifferentFieldsOfOnePostAreBothKept() throws {
        let b = base()
        let ours = edit(b, "p0001") {
            $0.notes = "Checked with legal"
            $0.stamp(by: "Anna", at: ZoneClock.parseTimestamp("2026-11-20T10:00:00+01:00")!)
        }
        let theirs = edit(b, "p0001") {
            $0.text = "Hello there"
            $0.status = .approved
            $0.stamp(by: "Boris", at: ZoneClock.parseTimestamp("2026-11-20T11:00:00+01:00")!)
        }
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        let post = result.calendar.posts[PostID("p0001")!]!
        #expect(result.conflicts == 0)
        #expect((post.notes, post.text, post.status) == ("Checked with legal", "Hello there", .approved))
        #expect(post.conflict == nil)
        // A version neither side had is a change after both, the same whichever way it merges.
        #expect(post.changedBy == "Boris" && post.changedAt == ZoneClock.parseTimestamp("2026-11-20T11:00:01+01:00"))
        #expect(try CalendarMerge.merge(base: b, ours: theirs, theirs: ours).calendar.posts[PostID("p0001")!]!.changedAt == post.changedAt)
    }

    @Test func theSameFieldChangedDifferentlyIsARecordedConflict() throws {
        let b = base()
        let ours = edit(b, "p0001") { $0.title = "Ours" }
        let theirs = edit(b, "p0001") { $0.title = "Theirs" }
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        let post = result.calendar.posts[PostID("p0001")!]!
        #expect(result.conflicts == 1)
        #expect(post.title == "Ours", "the file keeps ours in place, and stays a valid calendar")
        #expect(post.conflict?.fields["title"] == PostConflict.Values(base: .string("Monday"), ours: .string("Ours"), theirs: .string("Theirs")))
        // The conflict is in the file, and check reports it.
        let text = String(decoding: CalendarCodec.encode(result.calendar), as: UTF8.self)
        #expect(text.contains("\"conflict\": {\n        \"fields\": {\n          \"title\": {\n            \"base\": \"Monday\",\n            \"ours\": \"Ours\",\n            \"theirs\": \"Theirs\""))
        let found = RuleChecker.check(result.calendar, in: .weeksWithPosts(in: result.calendar), now: .distantPast).of("merge-conflict")
        #expect(found.map(\.message) == ["Tue 24 Nov 2026 09:00 · Facebook · “Ours”: merge conflict: title (our side “Ours”, their side “Theirs”)"])
        #expect(found.first?.severity == .error)
        // Checking any other days still reports it: the plan is not settled until it is.
        let later = RuleChecker.check(result.calendar, in: .days(from: CivilDate(iso: "2027-01-04")!, to: CivilDate(iso: "2027-01-10")!), now: .distantPast)
        #expect(later.of("merge-conflict").map(\.message) == found.map(\.message))
    }

    @Test func aDeletionAgainstAnEditKeepsThePostAndSaysSo() throws {
        let b = base()
        var ours = b
        ours.remove(PostID("p0002")!)
        let theirs = edit(b, "p0002") { $0.text = "Two" }
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        let post = try #require(result.calendar.posts[PostID("p0002")!])
        #expect(post.text == "Two")
        #expect(post.conflict?.deletedBy == .ours)
        // Deleted on one side and untouched on the other: deleted.
        let quiet = try CalendarMerge.merge(base: b, ours: ours, theirs: b)
        #expect(quiet.calendar.posts[PostID("p0002")!] == nil)
        #expect(quiet.conflicts == 0)
    }

    @Test func tagsAndMediaMergeAsSets() throws {
        let b = base()
        let ours = edit(b, "p0001") { $0.tags = ["launch", "q4", "coffee"] }
        let theirs = edit(b, "p0001") { $0.tags = ["q4", "winter"] }
        let post = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs).calendar.posts[PostID("p0001")!]!
        #expect(post.tags == ["q4", "coffee", "winter"])
        #expect(post.conflict == nil)
    }

    @Test func anApprovalDoesNotCarryOverToTextTheApproverNeverSaw() throws {
        let b = base()
        let approved = edit(b, "p0001") { $0.status = .approved }
        let rewritten = edit(b, "p0001") { $0.text = "20% off everything, today only!!!" }
        for (ours, theirs) in [(approved, rewritten), (rewritten, approved)] {
            let post = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs).calendar.posts[PostID("p0001")!]!
            #expect(post.text == "20% off everything, today only!!!")
            let values = try #require(post.conflict?.fields["status"], "the approval is for someone to decide again")
            #expect(Set([values.ours, values.theirs].compactMap { $0?.stringValue }) == ["approved", "draft"])
            #expect(post.status == .draft, "not shown as approved until someone decides")
            let merged = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs).calendar
            let message = MergeConflicts.violation(for: post, in: merged)?.message ?? ""
            #expect(message.contains("approved it before the other side changed what it says"), "\(message)")
        }
        // Approved while the other side only moved it: nothing to decide.
        let moved = edit(b, "p0001") { $0.notes = "Moved to the morning" }
        #expect(try CalendarMerge.merge(base: b, ours: approved, theirs: moved).calendar.posts[PostID("p0001")!]!.conflict == nil)
        // Both retitled it alike, and one approved that title: the approver saw it.
        let retitledAndApproved = edit(b, "p0001") { $0.title = "Monday 2026"; $0.status = .approved }
        let retitledAndNoted = edit(b, "p0001") { $0.title = "Monday 2026"; $0.notes = "Checked" }
        let alike = try CalendarMerge.merge(base: b, ours: retitledAndNoted, theirs: retitledAndApproved).calendar.posts[PostID("p0001")!]!
        #expect(alike.conflict == nil && alike.status == .approved)
        // Both approved, each retitling it: the titles are to decide, not the approval (also
        // with no base to go by, as when the base holds git's markers).
        let made = add(b, "a24m9pd8ch", "Made by Cadence")
        let ourTitle = edit(made, "a24m9pd8ch") { $0.title = "Ours"; $0.status = .approved }
        let theirTitle = edit(made, "a24m9pd8ch") { $0.title = "Theirs"; $0.status = .approved }
        for common in [made, nil] {
            let both = try CalendarMerge.merge(base: common, ours: ourTitle, theirs: theirTitle).calendar.posts[PostID("a24m9pd8ch")!]!
            #expect(both.conflict?.fields.keys.sorted() == ["title"], "\(String(describing: both.conflict))")
            #expect(both.status == .approved)
        }
    }

    @Test func postsTheZoneMoveCannotKeepAreNamedNotMovedInSilence() throws {
        let b = base()
        let moved = try b.inZone(ZoneClock(identifier: "America/New_York")!)
        // In Berlin: a post at a time New York's clocks skip, and two an hour apart in the
        // hour Berlin repeats (New York has it once).
        var added = add(b, "skip1", "Skipped", day: "2027-03-14 02:30")
        added = add(added, "first1", "First", day: "2027-10-31 02:30")
        try added.put(Post(id: PostID("second1")!, channel: "facebook", at: ZoneClock.parseTimestamp("2027-10-31T02:30:00+01:00"), title: "Second"))
        for (ours, theirs) in [(moved, added), (added, moved)] {
            let notes = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs).movedByZone.sorted()
            #expect(notes.count == 2, "\(notes)")
            #expect(notes.contains { $0.hasPrefix("post second1 “Second” (2027-10-31 02:30 in Europe/Berlin) was the second of a time that happens twice") })
            #expect(notes.contains { $0 == "post skip1 “Skipped” (2027-03-14 02:30 in Europe/Berlin) falls in a time the clocks of America/New_York skip: it is at 03:30 now" })
        }
        #expect(try CalendarMerge.merge(base: b, ours: added, theirs: added).movedByZone.isEmpty, "no zone moved, nothing to say")
        // A post both sides had at such a time, which the side changing the zone first moved
        // away (settings refuses it otherwise), is where that side put it, and not named.
        let old = add(b, "skipold", "Old skipped", day: "2027-03-14 02:30")
        let movedAway = try edit(old, "skipold") { $0.at = old.clock.date(for: LocalDateTime("2027-03-14 04:00")!) }.inZone(ZoneClock(identifier: "America/New_York")!)
        for (ours, theirs) in [(movedAway, old), (old, movedAway)] {
            let result = try CalendarMerge.merge(base: old, ours: ours, theirs: theirs)
            #expect(result.movedByZone.isEmpty, "\(result.movedByZone)")
            #expect(result.calendar.local(of: PostID("skipold")!)?.description == "2027-03-14 04:00", "04:00, as that side moved it, kept in New York")
        }
    }

    @Test func aSideThatMovedTheZoneTakesTheOthersPostsAtTheirWallClockTimes() throws {
        let b = base()
        let newYork = ZoneClock(identifier: "America/New_York")!
        let moved = try b.inZone(newYork)
        // The other side, still in Berlin, adds a post at 08:30 and retitles one.
        var added = add(b, "bob1", "Bob's, 08:30", day: "2026-11-26 08:30")
        added = edit(added, "p0002") { $0.title = "Thread, retitled" }
        for (ours, theirs) in [(moved, added), (added, moved)] {
            let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
            let merged = result.calendar
            #expect(result.conflicts == 0)
            #expect(merged.clock.identifier == "America/New_York")
            #expect(merged.local(of: PostID("bob1")!)?.description == "2026-11-26 08:30", "08:30 as planned, in the new zone")
            #expect(merged.local(of: PostID("p0001")!)?.description == "2026-11-24 09:00", "an unchanged post is unchanged")
            #expect(merged.posts[PostID("p0002")!]?.title == "Thread, retitled")
            #expect(merged.local(of: PostID("p0002")!)?.description == "2026-11-24 10:00")
        }
    }

    @Test func bothSidesMovingTheZoneElsewhereIsOneConflictOnTheZone() throws {
        let b = base()
        let ours = try b.inZone(ZoneClock(identifier: "Asia/Tokyo")!)
        var theirs = try b.inZone(ZoneClock(identifier: "America/Chicago")!)
        try theirs.put(Post(id: PostID("bob1")!, channel: "facebook", at: theirs.clock.date(for: LocalDateTime("2026-11-26 12:00")!), title: "Bob's noon"))
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs, mergedBy: "Alice")
        var merged = result.calendar
        #expect(result.newConflicts == 1 && merged.conflicts.map(\.path) == [["timeZone"]], "the zone, not every post's time")
        #expect(merged.conflictedPosts.isEmpty)
        #expect(merged.clock.identifier == "Asia/Tokyo", "ours until settled")
        #expect(merged.local(of: PostID("p0001")!)?.description == "2026-11-24 09:00")
        #expect(merged.local(of: PostID("bob1")!)?.description == "2026-11-26 12:00")
        // Taking theirs moves every post to Chicago, at the same wall-clock times.
        merged = try ConflictResolution.resolve(0, taking: .theirs, in: merged)
        #expect(merged.clock.identifier == "America/Chicago" && merged.conflicts.isEmpty)
        #expect(merged.local(of: PostID("p0001")!)?.description == "2026-11-24 09:00")
        #expect(merged.local(of: PostID("bob1")!)?.description == "2026-11-26 12:00")
    }

    @Test func bothSidesMovingToTheSameZoneOrWithoutABaseMergeByWallClock() throws {
        let b = base()
        let newYork = ZoneClock(identifier: "America/New_York")!
        let moved = try b.inZone(newYork)
        let rescheduled = edit(moved, "p0001") { $0.at = newYork.date(for: LocalDateTime("2026-11-25 10:00")!) }
        var deleted = moved
        deleted.remove(PostID("p0002")!)
        let same = try CalendarMerge.merge(base: b, ours: rescheduled, theirs: deleted)
        #expect(same.conflicts == 0 && same.calendar.clock.identifier == "America/New_York")
        #expect(same.calendar.local(of: PostID("p0001")!)?.description == "2026-11-25 10:00" && same.calendar.posts[PostID("p0002")!] == nil)
        // No base (the file made apart on each side): theirs comes in at its wall-clock times,
        // and the zone is one conflict, which taking theirs settles without moving them again.
        var theirs = try b.inZone(newYork)
        try theirs.put(Post(id: PostID("bob1")!, channel: "facebook", at: newYork.date(for: LocalDateTime("2026-11-26 09:00")!), title: "Bob's nine"))
        var apart = try CalendarMerge.merge(base: nil, ours: b, theirs: theirs).calendar
        #expect(apart.conflicts.map(\.path) == [["timeZone"]] && apart.clock.identifier == "Europe/Berlin")
        #expect(apart.local(of: PostID("bob1")!)?.description == "2026-11-26 09:00")
        apart = try ConflictResolution.resolve(0, taking: .theirs, in: apart)
        #expect(apart.clock.identifier == "America/New_York" && apart.local(of: PostID("bob1")!)?.description == "2026-11-26 09:00")
    }

    @Test func aMergeOfMergesKeepsOneConflictOnTheZone() throws {
        let b = base()
        let tokyo = try b.inZone(ZoneClock(identifier: "Asia/Tokyo")!)
        let chicago = try b.inZone(ZoneClock(identifier: "America/Chicago")!)
        let alice = try CalendarMerge.merge(base: b, ours: tokyo, theirs: chicago).calendar
        let bob = try CalendarMerge.merge(base: b, ours: chicago, theirs: tokyo).calendar
        let merged = try CalendarMerge.merge(base: b, ours: alice, theirs: bob).calendar
        let zones = merged.conflicts.filter { $0.path == ["timeZone"] }
        #expect(zones.count == 1, "\(zones)")
        #expect(zones.first?.values.ours == .string(merged.clock.identifier), "ours is the zone in force")
        #expect(merged.conflictedPosts.isEmpty)
    }

    @Test func theTimesAConflictProposesMoveWithTheZone() throws {
        let b = base()
        let ours = edit(b, "p0001") { $0.at = b.clock.date(for: LocalDateTime("2026-11-27 18:00")!) }
        let theirs = edit(b, "p0001") { $0.at = b.clock.date(for: LocalDateTime("2026-11-26 13:00")!) }
        let merged = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs).calendar
        let moved = try merged.inZone(ZoneClock(identifier: "America/New_York")!)
        let values = try #require(moved.posts[PostID("p0001")!]?.conflict?.fields["at"])
        #expect(values.ours?.stringValue == "2026-11-27T18:00:00-05:00" && values.theirs?.stringValue == "2026-11-26T13:00:00-05:00")
        #expect(values.base?.stringValue == "2026-11-24T09:00:00-05:00")
    }

    @Test func conflictValuesReadAsWords() {
        let rule = JSONValue.object(JSONObject(["min": .number("1"), "max": .number("2")]))
        #expect(MergeConflicts.show(rule) == "{min 1, max 2}", "a rule's settings, not {…}")
        #expect(MergeConflicts.show(nil, field: "at", in: base()) == "no date (an idea)")
        #expect(MergeConflicts.show(nil, field: "link") == "none")
    }

    @Test func aCarouselReorderedOnOneSideKeepsItsOrder() throws {
        let b = edit(base(), "p0003") { $0.media = ["1.jpg", "2.jpg", "3.jpg"] }
        let reordered = edit(b, "p0003") { $0.media = ["3.jpg", "1.jpg", "2.jpg"] }
        let added = edit(b, "p0003") { $0.media = ["1.jpg", "2.jpg", "3.jpg", "4.jpg"] }
        for (ours, theirs) in [(reordered, added), (added, reordered)] {
            let post = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs).calendar.posts[PostID("p0003")!]!
            #expect(post.media == ["3.jpg", "1.jpg", "2.jpg", "4.jpg"], "the new cover stays first, the addition joins")
        }
        // Two new orders: a conflict, not one cover chosen unseen.
        let other = edit(b, "p0003") { $0.media = ["2.jpg", "1.jpg", "3.jpg"] }
        let post = try CalendarMerge.merge(base: b, ours: reordered, theirs: other).calendar.posts[PostID("p0003")!]!
        #expect(post.conflict?.fields["media"] != nil)
        #expect(post.media == ["3.jpg", "1.jpg", "2.jpg"], "ours stands until it is decided")
        // A new picture put first on one side (a new cover), the others reordered on the other.
        let newCover = edit(b, "p0003") { $0.media = ["x.jpg", "1.jpg", "2.jpg", "3.jpg"] }
        let covers = try CalendarMerge.merge(base: b, ours: newCover, theirs: reordered).calendar.posts[PostID("p0003")!]!
        #expect(covers.conflict?.fields["media"] != nil, "two covers chosen")
    }

    @Test func postingTimesMergeAsSetsAndStayInOrder() throws {
        var b = base()
        b.channels[0].postingTimes = [LocalTime("09:00")!, LocalTime("13:00")!]
        var ours = b
        ours.channels[0].postingTimes = [LocalTime("09:00")!, LocalTime("13:00")!, LocalTime("18:00")!]
        var theirs = b
        theirs.channels[0].postingTimes = [LocalTime("07:30")!, LocalTime("09:00")!]
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        #expect(result.conflicts == 0)
        #expect(result.calendar.channels[0].postingTimes.map(\.description) == ["07:30", "09:00", "18:00"], "13:00 removed, 07:30 and 18:00 added")

        // Both moved the times (one slot a day, at 10:00 here and 11:00 there): two schedules,
        // not one with both slots.
        var mine = b
        mine.channels[0].postingTimes = [LocalTime("10:00")!]
        var other = b
        other.channels[0].postingTimes = [LocalTime("11:00")!]
        let moved = try CalendarMerge.merge(base: b, ours: mine, theirs: other)
        #expect(moved.conflicts == 1)
        #expect(moved.calendar.conflicts.first?.place.contains("postingTimes") == true, "\(String(describing: moved.calendar.conflicts.first?.place))")
        #expect(moved.calendar.channels[0].postingTimes.map(\.description) == ["10:00"], "ours kept until settled")
        // One slot kept here, another chosen there: two schedules too.
        var kept = b
        kept.channels[0].postingTimes = [LocalTime("13:00")!]
        #expect(try CalendarMerge.merge(base: b, ours: kept, theirs: other).conflicts == 1)
        // Both cut different slots, adding none: what both kept.
        var noMorning = b
        noMorning.channels[0].postingTimes = [LocalTime("13:00")!]
        var noNoon = b
        noNoon.channels[0].postingTimes = [LocalTime("09:00")!]
        let cut = try CalendarMerge.merge(base: b, ours: noMorning, theirs: noNoon)
        #expect(cut.conflicts == 1, "nothing left where each side kept one: a conflict, not no times at all")
    }

    @Test func channelsCategoriesAndRulesMergeKeyByKey() throws {
        var b = base()
        b.channels[0].rules["spacing"] = ["minutes": .int(60)]
        var ours = b
        ours.channels[0].name = "Facebook page"
        ours.channels[0].rules["posts-per-day"] = ["min": .int(1), "max": .int(4)]
        ours.categories.append(Category(id: "promo", name: "Promo"))
        var theirs = b
        theirs.channels[1].name = "X"
        theirs.channels[0].rules["spacing"] = ["minutes": .int(90)]
        theirs.rules["hashtags"] = ["max": .int(3)]
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        #expect(result.conflicts == 0)
        let c = result.calendar
        #expect(c.channels.map(\.name) == ["Facebook page", "X", "Instagram"])
        #expect(c.channels[0].rules["posts-per-day"] == ["min": .int(1), "max": .int(4)])
        #expect(c.channels[0].rules["spacing"] == ["minutes": .int(90)])
        #expect(c.rules["hashtags"] == ["max": .int(3)])
        #expect(c.categories.map(\.id).contains("promo"))
        // The same setting changed on both sides is a settings conflict, reported by check.
        var other = b
        other.channels[0].name = "FB"
        let clash = try CalendarMerge.merge(base: b, ours: ours, theirs: other)
        #expect(clash.calendar.channels[0].name == "Facebook page")
        #expect(clash.calendar.conflicts.map(\.place) == ["channel facebook › name"])
        let found = RuleChecker.check(clash.calendar, in: .weeksWithPosts(in: clash.calendar), now: .distantPast).of("merge-conflict")
        #expect(found.map(\.message) == ["Settings · channel facebook › name: merge conflict: our side “Facebook page”, their side “FB”"])
        // A rule one side deleted while the other changed it says so.
        var dropped = b
        dropped.channels[0].rules["spacing"] = nil
        let deleted = try CalendarMerge.merge(base: b, ours: theirs, theirs: dropped)
        let said = RuleChecker.check(deleted.calendar, in: .weeksWithPosts(in: deleted.calendar), now: .distantPast).of("merge-conflict")
        #expect(said.map(\.message) == ["Settings · channel facebook › rules › spacing: merge conflict: our side {minutes 90}, their side deleted it"])
    }

    @Test func aChannelDeletedOnOneSideButUsedOnTheOtherComesBack() throws {
        let b = base()
        var ours = b
        ours.remove(PostID("p0003")!)
        ours.channels.removeAll { $0.id == "instagram" }
        let theirs = add(b, "ig2", "New photo")
        var theirsWithPost = theirs
        var post = theirsWithPost.posts[PostID("ig2")!]!
        post.channel = "instagram"
        try theirsWithPost.put(post)
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirsWithPost)
        #expect(result.calendar.channel("instagram") != nil)
        #expect(result.calendar.conflicts.first?.note == "deleted on our side, but 1 post still uses it; kept")
    }

    @Test func aDefinitionThatComesBackKeepsItsPlace() throws {
        let b = base()
        var ours = b
        ours.remove(PostID("p0002")!)
        ours.channels.removeAll { $0.id == "twitter" }
        var theirs = b
        try theirs.put(Post(id: PostID("tw2")!, channel: "twitter", at: b.clock.date(for: LocalDateTime("2026-11-26 09:00")!), title: "New thread"))
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        #expect(result.calendar.channels.map(\.id) == ["facebook", "twitter", "instagram"], "not moved to the end")
    }

    @Test func whoChangedAPostLastFollowsTheLaterChange() throws {
        let b = base()
        let ours = edit(b, "p0001") {
            $0.title = "Ours"
            $0.stamp(by: "Nino", at: Date(timeIntervalSince1970: 1_790_000_000))
        }
        let theirs = edit(b, "p0001") {
            $0.text = "Theirs"
            $0.stamp(by: "Oleg", at: Date(timeIntervalSince1970: 1_790_000_100))
        }
        let post = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs).calendar.posts[PostID("p0001")!]!
        #expect(post.changedBy == "Oleg")
        #expect(post.conflict == nil, "who changed it is never a conflict")
    }

    @Test func aConflictResolvedOnOneSideStaysResolved() throws {
        let b = base()
        let conflicted = try CalendarMerge.merge(base: b, ours: edit(b, "p0001") { $0.title = "A" }, theirs: edit(b, "p0001") { $0.title = "B" }).calendar
        // One person settles it; another, from the conflicted version, only adds notes.
        let resolved = try ConflictResolution.resolve(conflicted.posts[PostID("p0001")!]!, field: "title", taking: .theirs, in: conflicted)
        var settled = conflicted
        try settled.put(resolved)
        let noted = edit(conflicted, "p0001") { $0.notes = "Checked with legal" }
        for (mine, other) in [(settled, noted), (noted, settled)] {
            let post = try CalendarMerge.merge(base: conflicted, ours: mine, theirs: other).calendar.posts[PostID("p0001")!]!
            #expect(post.title == "B" && post.notes == "Checked with legal")
            #expect(post.conflict == nil, "the settled conflict does not come back")
        }
    }

    @Test func aConflictSettledDifferentlyOnBothSidesIsAConflictAgain() throws {
        // A criss-cross merge: each side settled the same conflict its own way; git's base is
        // the merge of the two bases, conflict and all.
        let b = base()
        let conflicted = try CalendarMerge.merge(base: b, ours: edit(b, "p0001") { $0.title = "X" }, theirs: edit(b, "p0001") { $0.title = "Y" }).calendar
        let post = conflicted.posts[PostID("p0001")!]!
        var x = conflicted
        try x.put(ConflictResolution.resolve(post, field: "title", taking: .ours, in: conflicted))
        var y = conflicted
        try y.put(ConflictResolution.resolve(post, field: "title", taking: .theirs, in: conflicted))
        for (mine, other, kept) in [(x, y, "X"), (y, x, "Y")] {
            let merged = try CalendarMerge.merge(base: conflicted, ours: mine, theirs: other).calendar.posts[PostID("p0001")!]!
            #expect(merged.title == kept)
            let values = try #require(merged.conflict?.fields["title"], "neither settlement wins unseen")
            #expect(Set([values.ours, values.theirs].compactMap { $0?.stringValue }) == ["X", "Y"])
        }
        // Settled alike on both sides: nothing to decide.
        #expect(try CalendarMerge.merge(base: conflicted, ours: x, theirs: x).calendar.posts[PostID("p0001")!]!.conflict == nil)
    }

    @Test func aConflictMetByANewOneKeepsEveryProposedValue() throws {
        let b = base()
        let conflicted = try CalendarMerge.merge(base: b, ours: edit(b, "p0001") { $0.title = "A" }, theirs: edit(b, "p0001") { $0.title = "B" }).calendar
        let third = edit(b, "p0001") { $0.title = "C" }
        let post = try CalendarMerge.merge(base: b, ours: third, theirs: conflicted).calendar.posts[PostID("p0001")!]!
        let values = try #require(post.conflict?.fields["title"])
        let all = [values.ours, values.theirs].compactMap { $0?.stringValue } + values.others.compactMap(\.stringValue)
        #expect(Set(all) == ["A", "B", "C"], "none of the three titles is lost")
    }

    /// The planner's unsaved title meets a `git pull` that left the title in conflict: the
    /// base of the reload is the file before the pull, where the title is the pull's "ours".
    @Test func anUnsavedEditMeetingAConflictFromDiskStaysAChoice() throws {
        let b = base()
        let before = edit(b, "p0001") { $0.title = "Alice" }
        let pulled = try CalendarMerge.merge(base: b, ours: before, theirs: edit(b, "p0001") { $0.title = "Bob" }).calendar
        let planner = edit(before, "p0001") { $0.title = "Alice, in the planner" }
        for onReload in [true, false] {
            let post = try CalendarMerge.merge(base: before, ours: planner, theirs: pulled, onReload: onReload).calendar.posts[PostID("p0001")!]!
            #expect(post.title == "Alice, in the planner")
            let values = try #require(post.conflict?.fields["title"])
            let all = [values.ours, values.theirs].compactMap { $0?.stringValue } + values.others.compactMap(\.stringValue)
            #expect(Set(all) == ["Alice", "Bob", "Alice, in the planner"], "no title is lost")
            if onReload {
                #expect(values.ours?.stringValue == "Alice, in the planner", "the planner's is the newest of mine: m takes it")
                #expect(values.others.compactMap(\.stringValue) == ["Alice"])
            }
        }
        // The planner typed the incoming title itself: both agree, nothing is left to settle.
        let agreeing = edit(before, "p0001") { $0.title = "Bob" }
        let settled = try CalendarMerge.merge(base: before, ours: agreeing, theirs: pulled, onReload: true).calendar.posts[PostID("p0001")!]!
        #expect(settled.title == "Bob" && !settled.hasConflict)
    }

    /// A commit cherry-picked onto another branch and changed there, then the branches merged:
    /// both sides added the post with no base. An id Cadence made is one post, not two.
    @Test func aCherryPickedPostChangedOnOneSideIsOnePost() throws {
        let b = base()
        var ours = b
        let id = PostID("h731n5z6d2")!
        try ours.put(Post(id: id, channel: "twitter", at: b.clock.date(for: LocalDateTime("2026-12-23 12:00")!), title: "Last orders"))
        let theirs = edit(ours, id.rawValue) { $0.title = "Last orders before Xmas" }
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        #expect(result.renamed.isEmpty)
        #expect(result.calendar.posts.values.count { $0.channel == "twitter" && $0.title.hasPrefix("Last orders") } == 1, "one post, not a copy")
        let values = try #require(result.calendar.posts[id]?.conflict?.fields["title"])
        #expect(values.ours?.stringValue == "Last orders" && values.theirs?.stringValue == "Last orders before Xmas" && values.base == nil)
        // Hand-typed ids made apart still give two posts, and the same merge the same new id.
        var a = b
        try a.put(Post(id: PostID("xmas")!, channel: "facebook", at: b.clock.date(for: LocalDateTime("2026-12-24 09:00")!), title: "Ours"))
        var t = b
        try t.put(Post(id: PostID("xmas")!, channel: "twitter", at: b.clock.date(for: LocalDateTime("2026-12-24 10:00")!), title: "Theirs"))
        let once = try CalendarMerge.merge(base: b, ours: a, theirs: t).renamed.map(\.newID)
        let twice = try CalendarMerge.merge(base: b, ours: a, theirs: t).renamed.map(\.newID)
        #expect(once.count == 1 && once == twice)
    }

    @Test func twoPostsMadeApartUnderOneIdAreBothKept() throws {
        let b = base()
        var ours = b
        try ours.put(Post(id: PostID("launch-1")!, channel: "facebook", at: b.clock.date(for: LocalDateTime("2026-11-25 09:00")!), title: "Ours"))
        var theirs = b
        try theirs.put(Post(id: PostID("launch-1")!, channel: "twitter", at: b.clock.date(for: LocalDateTime("2026-11-26 09:00")!), title: "Theirs"))
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        #expect(result.conflicts == 0)
        #expect(Set(result.calendar.posts.values.map(\.title)).isSuperset(of: ["Ours", "Theirs"]))
        #expect(result.calendar.posts[PostID("launch-1")!]?.title == "Ours")
    }

    @Test func aChangeOfWhoChangedItAloneIsNoChange() throws {
        let b = base()
        var ours = b
        ours.remove(PostID("p0002")!)
        let theirs = edit(b, "p0002") { $0.stamp(by: "Bob", at: Date(timeIntervalSince1970: 1_790_000_000)) }
        let result = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs)
        #expect(result.calendar.posts[PostID("p0002")!] == nil)
        #expect(result.conflicts == 0)
    }

    @Test func conflictsNameThePeopleOnEachSide() throws {
        let b = base()
        let ours = edit(b, "p0001") {
            $0.title = "Nino's"
            $0.stamp(by: "Nino", at: Date(timeIntervalSince1970: 1_790_000_000))
        }
        let theirs = edit(b, "p0001") {
            $0.title = "Oleg's"
            $0.stamp(by: "Oleg", at: Date(timeIntervalSince1970: 1_790_000_100))
        }
        let merged = try CalendarMerge.merge(base: b, ours: ours, theirs: theirs, mergedBy: "Nino").calendar
        let found = RuleChecker.check(merged, in: .weeksWithPosts(in: merged), now: .distantPast).of("merge-conflict")
        #expect(found.map(\.message) == ["Tue 24 Nov 2026 09:00 · Facebook · “Nino's”: merge conflict: title (Nino “Nino's”, Oleg “Oleg's”)"])
        #expect(merged.posts[PostID("p0001")!]?.conflict?.mergedBy == "Nino")
    }

    /// Random edit sequences from one base, merged both ways: every edit that does not truly
    /// conflict is kept, a true conflict is recorded, and the result is always a valid calendar.
    @Test(arguments: 0..<4)
    func randomEditsMergeWithoutLosingAnything(seedBlock: Int) throws {
        for round in 0..<60 {
            var random = splitMix(seed: UInt64(seedBlock * 1000 + round))
            let b = randomBase(&random)
            let ours = randomEdits(b, &random, prefix: "o")
            let theirs = randomEdits(b, &random, prefix: "t")
            for (mine, other) in [(ours, theirs), (theirs, ours)] {
                let result = try CalendarMerge.merge(base: b, ours: mine, theirs: other)
                // Valid: it round-trips through the file format.
                let reread = try CalendarCodec.decode(CalendarCodec.encode(result.calendar), path: "merged")
                #expect(reread == result.calendar)
                try expectKept(base: b, ours: mine, theirs: other, merged: result.calendar)
            }
        }
    }


    func randomBase(_ random: inout SeededGenerator) -> ContentCalendar {
        var f = Fixture()
        for i in 0..<12 {
            let day = 23 + Int.random(in: 0..<7, using: &random)
            f.add(["facebook", "twitter", "instagram"].randomElement(using: &random)!, "2026-11-\(day) \(8 + i):00",
                  title: "Post \(i)", text: "Text \(i)", category: Bool.random(using: &random) ? "news" : nil, media: ["m\(i).jpg"])
        }
        return f.calendar
    }

    func randomEdits(_ base: ContentCalendar, _ random: inout SeededGenerator, prefix: String) -> ContentCalendar {
        var calendar = base
        for step in 0..<Int.random(in: 1...8, using: &random) {
            let ids = calendar.posts.keys.sorted()
            switch Int.random(in: 0..<8, using: &random) {
            case 0:
                let id = PostID("\(prefix)\(step)")!
                try! calendar.put(Post(id: id, channel: "twitter", at: calendar.clock.date(for: LocalDateTime("2026-11-26 0\(step):30")!), title: "Added \(prefix)\(step)"))
            case 1 where !ids.isEmpty:
                calendar.remove(ids.randomElement(using: &random)!)
            case 2 where !ids.isEmpty:
                var post = calendar.posts[ids.randomElement(using: &random)!]!
                post.title = "Title by \(prefix) \(Int.random(in: 0..<3, using: &random))"
                try! calendar.put(post)
            case 3 where !ids.isEmpty:
                var post = calendar.posts[ids.randomElement(using: &random)!]!
                post.text = "Text by \(prefix)"
                try! calendar.put(post)
            case 4 where !ids.isEmpty:
                var post = calendar.posts[ids.randomElement(using: &random)!]!
                post.at = calendar.clock.date(for: LocalDateTime("2026-11-2\(Int.random(in: 3...9, using: &random)) 1\(step):15")!)
                try! calendar.put(post)
            case 5 where !ids.isEmpty:
                var post = calendar.posts[ids.randomElement(using: &random)!]!
                post.tags.append("\(prefix)-tag")
                try! calendar.put(post)
            case 6 where !ids.isEmpty:
                var post = calendar.posts[ids.randomElement(using: &random)!]!
                post.status = PostStatus.allCases.randomElement(using: &random)!
                post.category = Bool.random(using: &random) ? "humour" : nil
                try! calendar.put(post)
            case 7:
                calendar.channels[Int.random(in: 0..<3, using: &random)].name = "Renamed by \(prefix)"
            default:
                break
            }
        }
        return calendar
    }

    /// Field by field: what one side changed is in the result; what both changed the same way
    /// is too; what both changed differently is a recorded conflict holding both values.
    func expectKept(base: ContentCalendar, ours: ContentCalendar, theirs: ContentCalendar, merged: ContentCalendar) throws {
        func fields(_ calendar: ContentCalendar) -> [String: JSONObject] {
            var result: [String: JSONObject] = [:]
            for post in CalendarCodec.encodeValue(calendar).objectValue!["posts"]!.arrayValue! {
                let object = post.objectValue!
                result[object["id"]!.stringValue!] = object
            }
            return result
        }
        let (b, o, t, m) = (fields(base), fields(ours), fields(theirs), fields(merged))
        for id in Set(b.keys).union(o.keys).union(t.keys) {
            let (bp, op, tp) = (b[id], o[id], t[id])
            switch (op, tp) {
            case (nil, nil):
                #expect(m[id] == nil, "\(id) deleted on both sides")
            case (nil, let theirsPost?):
                if theirsPost == bp { #expect(m[id] == nil, "\(id) deleted by ours only") } else { #expect(m[id] != nil, "\(id) changed by theirs is kept") }
            case (let oursPost?, nil):
                if oursPost == bp { #expect(m[id] == nil, "\(id) deleted by theirs only") } else { #expect(m[id] != nil, "\(id) changed by ours is kept") }
            case (let oursPost?, let theirsPost?):
                let result = try #require(m[id])
                let conflict = result["conflict"]?.objectValue?["fields"]?.objectValue
                for key in Set(oursPost.keys).union(theirsPost.keys).union(bp?.keys ?? []) where !["tags", "media", "conflict"].contains(key) {
                    let (bv, ov, tv) = (bp?[key], oursPost[key], theirsPost[key])
                    if ov == tv {
                        #expect(result[key] == ov, "\(id).\(key) same on both sides")
                    } else if bv != ov && bv != tv {
                        #expect(result[key] == ov, "\(id).\(key) conflict keeps ours in place")
                        #expect(conflict?[key]?.objectValue?["theirs"] == tv, "\(id).\(key) conflict records theirs")
                    } else if conflict?[key] != nil {
                        // Changed on one side only, yet in conflict: an approval of content the
                        // other side changed, which waits at the status it had.
                        #expect(key == "status" && result[key] == bv, "\(id).\(key) an approval waits")
                    } else if bv == ov {
                        #expect(result[key] == tv, "\(id).\(key) changed by theirs only")
                    } else {
                        #expect(result[key] == ov, "\(id).\(key) changed by ours only")
                    }
                }
            }
        }
    }

    func splitMix(seed: UInt64) -> SeededGenerator { SeededGenerator(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1) }
}

@Suite("What a merge left unsettled, where settings are listed")
struct UnsettledSettingsTests {
    @Test func channelsListMarksARuleAndTimesAMergeLeftUnsettled() throws {
        var base = Fixture().calendar
        base.channels[0].rules["posts-per-day"] = ["min": .int(1), "max": .int(5)]
        base.channels[0].postingTimes = [LocalTime("09:00")!]
        var ours = base
        ours.channels[0].rules["posts-per-day"] = ["min": .int(1), "max": .int(4)]
        ours.channels[0].postingTimes = [LocalTime("10:00")!]
        var theirs = base
        theirs.channels[0].rules["posts-per-day"] = ["min": .int(1), "max": .int(3)]
        theirs.channels[0].postingTimes = [LocalTime("11:00")!]
        let merged = try CalendarMerge.merge(base: base, ours: ours, theirs: theirs, mergedBy: "Nino").calendar
        let text = Reports.channelsText(merged)
        let lines = text.split(separator: "\n")
        let rule = try #require(lines.first { $0.contains("posts-per-day") })
        #expect(rule.contains("1–4 a day") && rule.contains("✖ merge conflict, unsettled ('cadence check')"), "\(rule)")
        let times = try #require(lines.first { $0.contains("posting times") })
        #expect(times.contains("10:00") && times.contains("✖ merge conflict"), "\(times)")
        #expect(lines.filter { $0.contains("✖") }.count == 2, "nothing else is marked:\n\(text)")
    }

    @Test func aCalendarWideRuleInConflictIsMarkedWhereItIsInForce() throws {
        var base = Fixture().calendar
        base.rules["spacing"] = ["minutes": .int(60)]
        base.channels[1].rules["spacing"] = ["minutes": .int(15)]
        var ours = base
        ours.rules["spacing"] = ["minutes": .int(90)]
        var theirs = base
        theirs.rules["spacing"] = ["minutes": .int(120)]
        let merged = try CalendarMerge.merge(base: base, ours: ours, theirs: theirs).calendar
        let text = Reports.channelsText(merged)
        let blocks = text.components(separatedBy: "\n\n")
        let spacing = { (block: String) in block.split(separator: "\n").first { $0.contains("spacing") }.map(String.init) ?? "" }
        #expect(spacing(blocks[0]).contains("✖ merge conflict"), "\(blocks[0])")
        #expect(!spacing(blocks[1]).contains("✖"), "the channel's own spacing is in force there: \(blocks[1])")
    }
}

@Suite("Git's conflict markers committed as text")
struct ConflictMarkerTests {
    @Test func eachSideIsRebuiltFromLFAndCRLFFilesAlike() throws {
        let marked = "{\n<<<<<<< HEAD\n  \"a\": 1\n||||||| base\n  \"a\": 0\n=======\n  \"a\": 2\n>>>>>>> other\n}\n"
        let ours = try ConflictMarkers.taking(.ours, from: marked, path: "c.json")
        #expect(ours.text == "{\n  \"a\": 1\n}\n" && ours.blocks == 1)
        #expect(ours.fileLines == [1, 3, 9, 10], "each kept line's line in the marked file")
        #expect((ours.oursLabel, ours.theirsLabel) == ("HEAD", "other"))
        #expect(try ConflictMarkers.taking(.theirs, from: marked, path: "c.json").text == "{\n  \"a\": 2\n}\n")
        let crlf = marked.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try ConflictMarkers.taking(.theirs, from: crlf, path: "c.json").text == "{\r\n  \"a\": 2\r\n}\r\n")
    }

    @Test func markersOutOfPlaceAreNamedByLine() {
        #expect(throws: CadenceError.invalidFile(path: "c.json", line: 2, column: 1, message: "the conflict marker '=======' is out of place (no block is open, or one is open already); mend the markers by hand")) {
            try ConflictMarkers.taking(.ours, from: "{\n=======\n}\n", path: "c.json")
        }
    }
}
