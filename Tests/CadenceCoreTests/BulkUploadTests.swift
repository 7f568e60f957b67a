import CSV
import CadenceCore
import Foundation
import Testing

@Suite("Buffer and Hootsuite bulk uploads")
struct BulkUploadTests {
    let now = ZoneClock.parseTimestamp("2026-11-21T10:00:00+01:00")!

    func rows(_ csv: String) throws -> [[String]] {
        let reader = try CSVReader(string: csv)
        return reader.map { $0 }
    }

    @Test func bufferTakesTextImageTagsAndTheLocalTimeOfOneChannel() throws {
        var f = Fixture()
        f.add("facebook", "2026-11-20 09:00", title: "Past", text: "Yesterday")
        f.add("facebook", "2026-11-24 09:30", title: "Sale", text: "Winter sale, \"today\"", link: "https://example.com/sale", media: ["local.jpg", "https://cdn.example.com/a.jpg"])
        var tagged = f.add("facebook", "2026-07-01 00:15", title: "Old summer", text: "Summer")
        tagged.tags = ["x"]
        try f.calendar.put(tagged)
        f.add("facebook", "2026-11-25 08:00", title: "Image only", media: ["https://cdn.example.com/b.png"])
        f.add("facebook", nil, title: "An idea", text: "Some day")
        let export = try BulkUploadFormat.buffer.export(f.calendar.sortedPosts, of: f.calendar, now: now)
        #expect((export.rows, export.past, export.ideas) == (2, 2, 1))
        #expect(try rows(export.csv) == [
            ["Text", "Image URL", "Tags", "Posting Time"],
            ["Winter sale, \"today\"\n\nhttps://example.com/sale", "https://cdn.example.com/a.jpg", "", "2026-11-24 09:30"],
            ["", "https://cdn.example.com/b.png", "", "2026-11-25 08:00"],
        ])
    }

    @Test func bufferRefusesSeveralChannelsAndAPostWithNothingToPost() {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:30", text: "A")
        f.add("twitter", "2026-11-24 10:30", text: "B")
        #expect(throws: CadenceError.usage("Buffer takes one file per channel (every row goes to the profiles chosen at upload); this export has posts on facebook, twitter: give --channel")) {
            try BulkUploadFormat.buffer.export(f.calendar.sortedPosts, of: f.calendar, now: now)
        }
        var empty = Fixture()
        empty.add("facebook", "2026-11-24 09:30", title: "Empty", media: ["photo.jpg"])
        #expect(throws: CadenceError.refusedPosts(tool: "Buffer", reasons: ["post p0001 (“Empty”, 2026-11-24 09:30) has no text and no image URL; Buffer needs one of them"])) {
            try BulkUploadFormat.buffer.export(empty.calendar.sortedPosts, of: empty.calendar, now: now)
        }
        // Every post the tool would refuse is named at once, to be mended in one go.
        empty.add("facebook", "2026-11-25 09:30", title: "Empty too")
        empty.add("facebook", "2026-11-26 09:30", title: "Fine", text: "Something to say")
        let error = #expect(throws: CadenceError.self) {
            try BulkUploadFormat.buffer.export(empty.calendar.sortedPosts, of: empty.calendar, now: now)
        }
        #expect(error?.message == """
            2 posts would be refused by Buffer, so nothing was written:
              post p0001 (“Empty”, 2026-11-24 09:30) has no text and no image URL; Buffer needs one of them
              post p0002 (“Empty too”, 2026-11-25 09:30) has no text and no image URL; Buffer needs one of them
            """)
    }

    @Test func buffersPictureColumnTakesAPictureNotAVideo() throws {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:30", text: "Reel", media: ["https://cdn.example.com/v/reel.MP4?x=1", "https://cdn.example.com/p/cover.jpg"])
        let export = try BulkUploadFormat.buffer.export(f.calendar.sortedPosts, of: f.calendar, now: now)
        #expect(try rows(export.csv)[1][1] == "https://cdn.example.com/p/cover.jpg")
        #expect(export.mediaLeftOut.count == 1, "the video is to be attached in Buffer")
        var video = Fixture()
        video.add("instagram", "2026-11-24 11:00", title: "Reel only", text: "Reel", media: ["https://cdn.example.com/v/reel.mp4"])
        #expect(throws: CadenceError.refusedPosts(tool: "Buffer", reasons: ["post p0001 (“Reel only”, 2026-11-24 11:00) has a video (https://cdn.example.com/v/reel.mp4), which the sheet's picture column cannot take, and Instagram posts need one; Buffer's sheet takes a picture by its address: give the post an https:// image in its media"])) {
            try BulkUploadFormat.buffer.export(video.calendar.sortedPosts, of: video.calendar, now: now)
        }
    }

    @Test func hootsuiteTakesUSDatesFiveMinuteStepsAndPostsTenMinutesAhead() throws {
        var f = Fixture()
        f.add("facebook", "2026-11-21 10:05", title: "Too soon", text: "Soon")
        f.add("facebook", "2026-11-21 10:10", title: "Just in time", text: "Ten minutes ahead")
        f.add("facebook", "2026-12-01 18:45", title: "December", text: "Текст, with a comma", link: "https://example.com")
        let export = try BulkUploadFormat.hootsuite.export(f.calendar.sortedPosts, of: f.calendar, now: now)
        #expect((export.rows, export.past, export.tooSoon) == (2, 0, 1))
        #expect(export.closeToTheLimit == 1, "10:10 is ten minutes ahead: an upload a few minutes late loses it")
        #expect(try rows(export.csv) == [
            ["11/21/2026 10:10", "Ten minutes ahead", ""],
            ["12/01/2026 18:45", "Текст, with a comma", "https://example.com"],
        ])

        f.add("facebook", "2026-12-02 09:03", title: "Odd minute", text: "x")
        #expect(throws: CadenceError.refusedPosts(tool: "Hootsuite", reasons: ["post p0004 (“Odd minute”, 2026-12-02 09:03) is not on a 5-minute step; Hootsuite takes times such as 09:05 or 09:10"])) {
            try BulkUploadFormat.hootsuite.export(f.calendar.sortedPosts, of: f.calendar, now: now)
        }
        // Every row of a file goes to the profiles picked at upload: one channel per file.
        f.add("instagram", "2026-12-03 09:00", title: "Elsewhere", text: "y")
        #expect(throws: CadenceError.usage("Hootsuite takes one file per channel (every row goes to the profiles chosen at upload); this export has posts on facebook, instagram: give --channel")) {
            try BulkUploadFormat.hootsuite.export(f.calendar.sortedPosts.filter { $0.title != "Odd minute" }, of: f.calendar, now: now)
        }
    }

    @Test func hootsuiteTakesAtMost350Posts() throws {
        var f = Fixture()
        for i in 0..<351 {
            let day = CivilDate(iso: "2026-12-01")!.adding(days: i / 10)
            f.add("twitter", "\(day) \(pad2(8 + i % 10)):00", text: "Post \(i)")
        }
        #expect(throws: CadenceError.usage("Hootsuite takes at most 350 posts in one file; this export has 351: narrow it with --from and --to, or --week")) {
            try BulkUploadFormat.hootsuite.export(f.calendar.sortedPosts, of: f.calendar, now: now)
        }
        let week = f.calendar.sortedPosts.filter { f.calendar.local(of: $0.id)!.date < CivilDate(iso: "2026-12-08")! }
        #expect(try BulkUploadFormat.hootsuite.export(week, of: f.calendar, now: now).rows == 70)
    }

    func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
