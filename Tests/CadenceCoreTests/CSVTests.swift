import CadenceCore
import Foundation
import Testing

@Suite("CSV export and import")
struct CSVTests {
    func tricky() -> ContentCalendar {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:00", title: "=SUM(A1:A9)", text: "Line one, \"quoted\"\nline two", category: "news", link: "https://example.com/?a=1&b=2", media: ["a.jpg", "b, c.png"])
        f.add("twitter", "2026-10-25 02:30", title: "-5% today", text: "+1 @everyone\tnow")
        f.add("instagram", nil, title: "ქართული იდეა", text: "'=already quoted", media: ["x.jpg"])
        var calendar = f.calendar
        var post = calendar.posts[PostID("p0002")!]!
        post.tags = ["sale", "ტეგი"]
        post.notes = "@mention in notes"
        try! calendar.put(post)
        return calendar
    }

    @Test func exportThenImportGivesBackTheSamePosts() throws {
        let calendar = tricky()
        let csv = CSVFormat.export(calendar.sortedPosts, of: calendar)
        var empty = calendar
        for id in calendar.posts.keys { empty.remove(id) }
        let imported = try CSVFormat.importPosts(csv, source: "x.csv", into: empty, replacingExisting: false, today: date("2026-11-21"))
        #expect(imported == calendar.sortedPosts)
    }

    @Test func formulaCellsAreNeutralised() {
        let calendar = tricky()
        let csv = CSVFormat.export(calendar.sortedPosts, of: calendar)
        #expect(csv.hasPrefix("id,date,time,channel,category,status,title,text,link,media,tags,notes\r\n"))
        #expect(csv.contains(",'=SUM(A1:A9),"))
        #expect(csv.contains(",'-5% today,'+1 @everyone\tnow,"))
        #expect(csv.contains(",'@mention in notes\r\n"))
        #expect(csv.contains(",''=already quoted,"), "a leading quote before a formula gets one more")
        #expect(!csv.contains(",=") && !csv.contains(",+") && !csv.contains(",-") && !csv.contains(",@"))
    }

    @Test func theRepeatedHourKeepsItsFirstOccurrence() throws {
        let calendar = tricky()
        let csv = CSVFormat.export(calendar.sortedPosts, of: calendar)
        #expect(csv.contains("p0002,2026-10-25,02:30,twitter"))
    }

    func importError(_ csv: String) -> String {
        do {
            _ = try CSVFormat.importPosts(csv, source: "in.csv", into: Fixture().calendar, replacingExisting: false, today: date("2026-11-21"))
            return "imported"
        } catch {
            return error.errorDescription!
        }
    }

    @Test func everyBadRowIsNamedByRowAndColumn() {
        let head = "date,time,channel,title\n"
        #expect(importError(head + "2026-11-24,09:00,facebook,Fine\n2026-11-31,09:00,facebook,Bad\n")
            == "in.csv: row 3, column 'date': '2026-11-31' is not a date as YYYY-MM-DD; nothing was imported")
        #expect(importError(head + "2026-11-24,9am,facebook,Bad\n") == "in.csv: row 2, column 'time': '9am' is not a time as HH:MM; nothing was imported")
        #expect(importError(head + "2026-11-24,09:00,tiktok,Bad\n")
            == "in.csv: row 2, column 'channel': unknown channel 'tiktok'; this calendar has facebook, twitter, instagram; nothing was imported")
        #expect(importError(head + "2026-03-29,02:30,facebook,Gap\n").contains("row 2, column 'time': 2026-03-29 02:30 does not exist in Europe/Berlin"))
        #expect(importError(head + "2026-11-24,,facebook,No time\n") == "in.csv: row 2, column 'time': a date is given without a time (HH:MM); nothing was imported")
        #expect(importError(head + "2026-11-24,09:00,facebook\n") == "in.csv: row 2: 3 cells, but the header has 4 (an unclosed quote?); nothing was imported")
        #expect(importError(head + "2026-11-24,09:00,facebook,\"\"\n") == "in.csv: row 2, column 'title': a post needs a title; nothing was imported")
        #expect(importError("date,channel,title,colour\n") == "in.csv: row 1, column 'colour': unknown column; columns are id, date, time, channel, category, status, title, text, link, media, tags, notes; nothing was imported")
        #expect(importError("date,title\n") == "in.csv: row 1, column 'channel': the header has no 'channel' column; nothing was imported")
        #expect(importError("channel,title,status\nfacebook,x,done\n").hasPrefix("in.csv: row 2, column 'status': 'done' is not one of idea"))
    }

    @Test func columnsAreFoundByNameInAnyOrderAndBlankRowsSkipped() throws {
        let csv = "\u{FEFF}Title,Channel,Tags,Time,Date\r\nHello,Facebook,\"a, b\",09:30,2026-11-24\r\n,,,,\r\nIdea,twitter,,,\r\n"
        let posts = try CSVFormat.importPosts(csv, source: "x.csv", into: Fixture().calendar, replacingExisting: false, today: date("2026-11-21"))
        #expect(posts.map(\.title) == ["Hello", "Idea"])
        #expect(posts[0].channel == "facebook" && posts[0].tags == ["a", "b"] && posts[0].status == .draft)
        #expect(posts[1].at == nil && posts[1].status == .idea)
    }
}

@Suite("Templates")
struct TemplateTests {
    @Test func builtInTemplatesLoadWithTheirRules() throws {
        let names = TemplateCatalog.builtIn.map(\.name).sorted()
        #expect(names == ["bank", "default", "kids-store-vk"])
        let zone = TimeZone(identifier: "Asia/Tbilisi")!
        for template in TemplateCatalog.builtIn {
            #expect(!template.description.isEmpty)
            let calendar = try template.instantiate(name: nil, timeZone: zone)
            #expect(RuleBook(calendar).problems.isEmpty, "\(template.name)")
            #expect(calendar.timeZone.identifier == "Asia/Tbilisi")
        }
        let defaults = try TemplateCatalog.find("default", userFolder: nil).instantiate(name: "Acme", timeZone: zone)
        #expect(defaults.name == "Acme")
        #expect(defaults.channels.map(\.id) == ["facebook", "twitter", "instagram", "linkedin"])
        let facebook = RuleBook(defaults).rules(for: "facebook").all.compactMap { $0 as? PostsPerDayRule }.first
        #expect((facebook?.min, facebook?.max) == (1, 5))
        let bank = try TemplateCatalog.find("bank", userFolder: nil).instantiate(name: nil, timeZone: zone)
        #expect(bank.categories.count == 9)
        #expect((RuleBook(bank).rules(for: "facebook").all.compactMap { $0 as? PostsPerDayRule }.first?.max) == 2)
        #expect(try TemplateCatalog.find("kids-store-vk", userFolder: nil).instantiate(name: nil, timeZone: zone).categories.count == 7)
    }

    @Test func aUserFolderAddsTemplates() throws {
        let folder = temporaryFolder()
        try Data("{\"schemaVersion\": 1, \"description\": \"Ours\", \"channels\": [{\"id\": \"threads\", \"network\": \"threads\"}]}".utf8)
            .write(to: folder.appendingPathComponent("team.json"))
        let team = try TemplateCatalog.find("team", userFolder: folder.path)
        #expect(team.description == "Ours")
        #expect(try team.instantiate(name: nil, timeZone: TimeZone(identifier: "UTC")!).channels.map(\.id) == ["threads"])
        #expect(throws: CadenceError.unknownTemplate("nope", known: ["default", "bank", "kids-store-vk", "team"])) {
            try TemplateCatalog.find("nope", userFolder: folder.path)
        }
    }
}
