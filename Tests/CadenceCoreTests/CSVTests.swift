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

    @Test func controlCharactersOfAHandEditedFileExportAsVisibleMarksThatImport() throws {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:00", title: "bell\u{07} esc\u{1B}[31m", text: "nul\u{00}x\nline two\ttab")
        let calendar = f.calendar
        let csv = CSVFormat.export(calendar.sortedPosts, of: calendar)
        #expect(!csv.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x1B || $0.value == 0 }, "nothing a terminal would run")
        #expect(csv.contains(",bell\u{FFFD} esc\u{FFFD}[31m,\"nul\u{FFFD}x\nline two\ttab\","))
        var empty = calendar
        empty.remove(PostID("p0001")!)
        let imported = try CSVFormat.importPosts(csv, source: "x.csv", into: empty, replacingExisting: false, today: date("2026-11-21"))
        #expect(imported.map(\.title) == ["bell\u{FFFD} esc\u{FFFD}[31m"])
    }

    @Test func formulaCellsAreNeutralised() {
        let calendar = tricky()
        let csv = CSVFormat.export(calendar.sortedPosts, of: calendar)
        #expect(csv.hasPrefix("id,date,time,zone,channel,category,status,title,text,link,media,tags,notes\r\n"))
        #expect(csv.contains(",'=SUM(A1:A9),"))
        #expect(csv.contains(",'-5% today,'+1 @everyone\tnow,"))
        #expect(csv.contains(",'@mention in notes\r\n"))
        #expect(csv.contains(",''=already quoted,"), "a leading quote before a formula gets one more")
        #expect(!csv.contains(",=") && !csv.contains(",+") && !csv.contains(",-") && !csv.contains(",@"))
    }

    @Test func theRepeatedHourCarriesItsOffset() throws {
        var f = Fixture()
        let second = Post(id: PostID("late")!, channel: "facebook", at: ZoneClock.parseTimestamp("2026-10-25T02:20:00+01:00"), title: "Second 02:20")
        try f.calendar.put(second)
        f.add("facebook", "2026-10-25 02:30", title: "First 02:30")
        let csv = CSVFormat.export(f.calendar.sortedPosts, of: f.calendar)
        #expect(csv.contains("p0001,2026-10-25,02:30+02:00,Europe/Berlin,facebook"))
        #expect(csv.contains("late,2026-10-25,02:20+01:00,Europe/Berlin,facebook"))
        var empty = f.calendar
        for id in f.calendar.posts.keys { empty.remove(id) }
        let back = try CSVFormat.importPosts(csv, source: "x.csv", into: empty, replacingExisting: false, today: date("2026-11-21"))
        #expect(back == f.calendar.sortedPosts)
        // A time with an offset is that moment, as on the command line (converted when the
        // zone's clock says another time then); without one, a time the clocks skip is none.
        #expect(importError("date,time,channel,title\n2026-10-25,02:30+05:00,facebook,x\n") == "imported")
        #expect(importError("date,time,channel,title\n2027-03-28,02:30+01:00,facebook,x\n") == "imported")
        #expect(importError("date,time,channel,title\n2027-03-28,02:30,facebook,x\n")
            == "in.csv: row 2, column 'time': 2027-03-28 02:30 does not exist in Europe/Berlin: the clocks skip it (they go forward that night); pick another time; nothing was imported")
    }

    @Test func aSheetFromACalendarInAnotherZoneKeepsEachPostsMoment() throws {
        var berlin = Fixture()
        berlin.add("facebook", "2026-11-24 09:00", title: "Morning in Berlin")
        berlin.add("twitter", "2026-11-24 23:30", title: "Late in Berlin")
        berlin.add("instagram", nil, title: "An idea has no zone")
        let csv = CSVFormat.export(berlin.calendar.sortedPosts, of: berlin.calendar)
        #expect(csv.contains("p0001,2026-11-24,09:00,Europe/Berlin,facebook,"))
        #expect(csv.contains("p0003,,,,instagram,"), "an idea has no time, so no zone")
        let newYork = Fixture(zone: "America/New_York").calendar
        let rows = try CSVFormat.importRows(csv, source: "berlin.csv", into: newYork, replacingExisting: false, today: date("2026-11-21"))
        for post in rows.posts {
            #expect(post.at == berlin.calendar.posts[post.id]!.at, "\(post.title) at the moment planned")
        }
        let late = try #require(rows.posts.first { $0.title == "Late in Berlin" }?.at)
        #expect(newYork.clock.local(late).dateTime.description == "2026-11-24 17:30")
        #expect(rows.convertedTimes.map(\.rawValue) == ["p0001", "p0002"])
        // A zone whose clock reads the same then converts nothing worth a word.
        let paris = try CSVFormat.importRows(
            "date,time,zone,channel,title\n2026-11-24,09:00,Europe/Paris,facebook,Same clock\n2026-11-24,09:00,,facebook,The calendar's own\n",
            source: "in.csv", into: berlin.calendar, replacingExisting: false, today: date("2026-11-21"))
        #expect(paris.convertedTimes.isEmpty)
        #expect(paris.posts.map { berlin.calendar.clock.timeText($0.at!) } == ["09:00", "09:00"])
    }

    @Test func aTwelveHourTimeWithAnOffsetIsThatMomentWithoutANoteAboutTheRepeatedHour() throws {
        let calendar = Fixture().calendar
        let rows = try CSVFormat.importRows(
            "date,time,channel,title\n2026-10-25,2:30 AM+01:00,facebook,Second\n2026-10-25 2:30 AM+02:00,,twitter,First\n",
            source: "in.csv", into: calendar, replacingExisting: false, today: date("2026-10-01"))
        #expect(rows.repeatedTimes.isEmpty, "each row said which 02:30 by its offset")
        #expect(rows.posts.map { calendar.clock.rfc3339($0.at!) } == ["2026-10-25T02:30:00+01:00", "2026-10-25T02:30:00+02:00"])
    }

    @Test func listsWithSemicolonsAndHashtagsReadAsSheetsInOtherLanguagesWriteThem() throws {
        let rows = try CSVFormat.importRows(
            "date;time;channel;title;media;tags\n2026-12-01;09:00;facebook;Lists;\"https://a.example/x.jpg; https://a.example/y.jpg\";\"#sale; #осень, #Sale\"\n",
            source: "in.csv", into: Fixture().calendar, replacingExisting: false, today: date("2026-11-21"))
        #expect(rows.posts[0].media == ["https://a.example/x.jpg", "https://a.example/y.jpg"])
        #expect(rows.posts[0].tags == ["sale", "осень"], "without the #, once each")
        #expect(Post.mediaItems("summer; sale.jpg") == ["summer; sale.jpg"], "a name with a semicolon, not two files")
    }

    @Test func aZoneThatIsNoneIsNamedByRowAndColumn() {
        #expect(importError("date,time,zone,channel,title\n2026-11-24,09:00,Europe/Berlin,facebook,Fine\n2026-11-24,09:00,Europe/Berln,facebook,Bad\n")
            == "in.csv: row 3, column 'zone': 'Europe/Berln' is not a time zone (did you mean Europe/Berlin?); name one as the tz database does, such as Europe/Berlin, or leave the cell empty for the calendar's; nothing was imported")
        #expect(importError("date,time,zone,channel,title\n2026-11-24,09:00,EST,facebook,Abbreviated\n")
            == "in.csv: row 2, column 'zone': 'EST' is not a time zone (did you mean America/New_York?); name one as the tz database does, such as Europe/Berlin, or leave the cell empty for the calendar's; nothing was imported")
        // A zone and an offset that disagree, and a time the named zone's clocks repeat, are
        // not guessed at.
        #expect(importError("date,time,zone,channel,title\n2026-12-08,09:00+01:00,America/New_York,facebook,Both\n")
            == "in.csv: row 2, column 'zone': '2026-12-08 09:00+01:00' has the UTC offset +01:00, but America/New_York is at -05:00 then; write the time without an offset, or empty the zone cell; nothing was imported")
        #expect(importError("date,time,zone,channel,title\n2027-11-07,01:30,America/New_York,facebook,Twice\n")
            == "in.csv: row 2, column 'time': '2027-11-07 01:30' happens twice in America/New_York that night (the clocks go back); write 01:30-04:00 for the first or 01:30-05:00 for the second; nothing was imported")
        #expect(importError("date,time,zone,channel,title\n2027-11-07,01:30-05:00,America/New_York,facebook,The second\n") == "imported")
        #expect(importError("zone,channel,title\nEurope/Berlin,facebook,Zone without a day\n")
            == "in.csv: row 1: the header has a 'zone' column but no 'date' column; a post's time takes both (date YYYY-MM-DD, time HH:MM); nothing was imported")
    }

    @Test func aTimeCellTakesTheShortFormsTheCommandLineTakes() throws {
        let csv = "date,time,channel,title\n2026-11-24,930,facebook,A\n2026-11-25,0930,facebook,B\n2026-11-26,9,facebook,C\n2026-11-27,9pm,facebook,D\n"
        let calendar = Fixture().calendar
        let posts = try CSVFormat.importPosts(csv, source: "in.csv", into: calendar, replacingExisting: false, today: date("2026-11-21"))
        let times = posts.sorted { $0.title < $1.title }.map { calendar.clock.local($0.at!).dateTime.description }
        #expect(times == ["2026-11-24 09:30", "2026-11-25 09:30", "2026-11-26 09:00", "2026-11-27 21:00"])
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
            == "in.csv: row 3, column 'date': '2026-11-31' is not a day: November 2026 has 30 days; nothing was imported")
        #expect(importError(head + "2300-01-01,09:00,facebook,Far\n")
            == "in.csv: row 2, column 'date': '2300-01-01' is outside the years Cadence plans (from 1900 to 2199); nothing was imported")
        #expect(importError(head + "2026-11-24,9h,facebook,Bad\n") == "in.csv: row 2, column 'time': '9h' is not valid; expected a time as HH:MM, or 1:00 to 12:59 with AM or PM; nothing was imported")
        #expect(importError(head + "2026-11-24,09:00,tiktok,Bad\n")
            == "in.csv: row 2, column 'channel': unknown channel 'tiktok'; this calendar has facebook, twitter, instagram; nothing was imported")
        #expect(importError(head + "2026-03-29,02:30,facebook,Gap\n").contains("row 2, column 'time': 2026-03-29 02:30 does not exist in Europe/Berlin"))
        #expect(importError(head + "2026-11-24,,facebook,No time\n") == "in.csv: row 2, column 'time': a date is given without a time (HH:MM); nothing was imported")
        #expect(importError(head + "2026-11-24,09:00,facebook\n") == "in.csv: row 2: 3 cells, but the header has 4; leave a cell empty with nothing between two separators (a,,c); nothing was imported")
        #expect(importError(head + "2026-11-24\n") == "in.csv: row 2: 1 cell, but the header has 4; leave a cell empty with nothing between two separators (a,,c); nothing was imported")
        #expect(importError(head + "2026-11-24,09:00,facebook,Bell\u{07}\n") == "in.csv: row 2, column 'title': holds a control character (U+0007); take it out; nothing was imported")
        #expect(importError("channel,title,text\nfacebook,Fine,\"Line one\r\nLine two\ttab\"\n") == "imported", "line breaks and tabs in a text are fine")
        #expect(importError(head + "2026-11-24,09:00,facebook,Fine,extra\n") == "in.csv: row 2: 5 cells, but the header has 4; a cell that holds a comma goes in quotes (\"a, b\"); nothing was imported")
        #expect(importError("channel,title,time\nfacebook,Sale,09:00\n")
            == "in.csv: row 1: the header has a 'time' column but no 'date' column; a post's time takes both (date YYYY-MM-DD, time HH:MM); nothing was imported")
        #expect(importError("\n") == "in.csv: row 1: no header row (the first row names the columns: id, date, time, zone, channel, category, status, title, text, link, media, tags, notes); nothing was imported")
        #expect(importError("{\n  \"schemaVersion\": 1\n}\n").hasPrefix("in.csv: row 1: this is JSON (a calendar file?), not CSV; import takes a sheet with a header row"))
        #expect(importError("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n").hasPrefix("in.csv: row 1: this is an iCalendar file (an export for calendar apps), not CSV; import takes a sheet"))
        #expect(importError("channel,title\nfacebook,\"Line one\r\nLine two\"\n") == "in.csv: row 2, column 'title': holds a line break; a title is one line (the text takes many); nothing was imported")
        #expect(importError(head + "2026-11-24,09:00,facebook,\"\"\n") == "in.csv: row 2, column 'title': a post needs a title; nothing was imported")
        #expect(importError("date,channel,title,colour\n") == "in.csv: row 1, column 'colour': unknown column; columns are id, date, time, zone, channel, category, status, title, text, link, media, tags, notes (--skip-unknown-columns leaves others out); nothing was imported")
        #expect(importError(head + "2026-11-24,09:00:30,facebook,Seconds\n") == "in.csv: row 2, column 'time': '09:00:30' is not valid; expected a time on the minute (posts go out on whole minutes); nothing was imported")
        #expect(importError("date,title\n") == "in.csv: row 1, column 'channel': the header has no 'channel' column; nothing was imported")
        #expect(importError("channel,title,status\nfacebook,x,done\n").hasPrefix("in.csv: row 2, column 'status': 'done' is not one of idea"))
        #expect(importError("channel,title\nfacebook,ok\nfacebook,\"unclosed\n") == "in.csv: row 3: a quote opened in this row is never closed; nothing was imported")
        #expect(importError("channel,title\nfacebook,\"a\"b\n") == "in.csv: row 2: text after the closing quote of a cell (a quote inside a cell is written \"\"); nothing was imported")
        #expect(importError("channel,title,text\nfacebook,a,\"two\nlines\"\nfacebook,\"x\"\"y\",z\n") == "imported")
    }

    @Test func columnsAreFoundByNameInAnyOrderAndBlankRowsSkipped() throws {
        let csv = "\u{FEFF}Title,Channel,Tags,Time,Date\r\nHello,Facebook,\"a, b\",09:30,2026-11-24\r\n,,,,\r\nIdea,twitter,\"sale, winter\nდღე, Sale\",,\r\n"
        let posts = try CSVFormat.importPosts(csv, source: "x.csv", into: Fixture().calendar, replacingExisting: false, today: date("2026-11-21"))
        #expect(posts.map(\.title) == ["Hello", "Idea"])
        #expect(posts[1].tags == ["sale", "winter", "დღე"], "commas and line breaks in one cell; a repeat, in any case, once")
        #expect(posts[0].channel == "facebook" && posts[0].tags == ["a", "b"] && posts[0].status == .draft)
        #expect(posts[1].at == nil && posts[1].status == .idea)
    }

    @Test func aSheetSavedBySpreadsheetSoftwareImports() throws {
        // Semicolons between cells (a spreadsheet in a language with decimal commas), time
        // cells with seconds, a column of the sheet's own left out when asked.
        let csv = "Date;Time;Channel;Title;Text;Owner\r\n2026-11-24;09:30:00;facebook;\"Launch; at last\";\"a, b\";Nino\r\n2026-11-25;14:00:00+01:00;twitter;Thread;;Giorgi\r\n"
        func read(skipping: Bool) throws -> [Post] {
            try CSVFormat.importPosts(csv, source: "x.csv", into: Fixture().calendar, replacingExisting: false, today: date("2026-11-21"), skippingUnknownColumns: skipping)
        }
        #expect(throws: CadenceError.self) { try read(skipping: false) }
        let posts = try read(skipping: true)
        let calendar = Fixture().calendar
        #expect(posts.map { "\(calendar.clock.local($0.at!).dateTime) \($0.channel) \($0.title) \($0.text)" }
            == ["2026-11-24 09:30 facebook Launch; at last a, b", "2026-11-25 14:00 twitter Thread "])
    }
}

@Suite("Templates")
struct TemplateTests {
    @Test func builtInTemplatesLoadWithTheirRules() throws {
        let names = TemplateCatalog.builtIn.map(\.name).sorted()
        #expect(names == ["bank", "default", "kids-store-vk"])
        let zone = ZoneClock(identifier: "Asia/Tbilisi")!
        for template in TemplateCatalog.builtIn {
            #expect(!template.description.isEmpty)
            let calendar = try template.instantiate(name: nil, zone: zone)
            #expect(RuleBook(calendar).problems.isEmpty, "\(template.name)")
            #expect(calendar.clock.identifier == "Asia/Tbilisi")
        }
        let defaults = try TemplateCatalog.find("default", userFolder: nil).instantiate(name: "Acme", zone: zone)
        #expect(defaults.name == "Acme")
        #expect(defaults.channels.map(\.id) == ["facebook", "twitter", "instagram", "linkedin"])
        let facebook = RuleBook(defaults).rules(for: "facebook").all.compactMap { $0 as? PostsPerDayRule }.first
        #expect((facebook?.min, facebook?.max) == (1, 5))
        let bank = try TemplateCatalog.find("bank", userFolder: nil).instantiate(name: nil, zone: zone)
        #expect(bank.categories.count == 9)
        #expect((RuleBook(bank).rules(for: "facebook").all.compactMap { $0 as? PostsPerDayRule }.first?.max) == 2)
        #expect(try TemplateCatalog.find("kids-store-vk", userFolder: nil).instantiate(name: nil, zone: zone).categories.count == 7)
    }

    @Test func aUserFolderAddsTemplates() throws {
        let folder = temporaryFolder()
        try Data("{\"schemaVersion\": 1, \"description\": \"Ours\", \"channels\": [{\"id\": \"threads\", \"network\": \"threads\"}]}".utf8)
            .write(to: folder.appendingPathComponent("team.json"))
        let team = try TemplateCatalog.find("team", userFolder: folder.path)
        #expect(team.description == "Ours")
        #expect(try team.instantiate(name: nil, zone: ZoneClock(identifier: "UTC")!).channels.map(\.id) == ["threads"])
        #expect(throws: CadenceError.unknownTemplate("nope", known: ["default", "bank", "kids-store-vk", "team"])) {
            try TemplateCatalog.find("nope", userFolder: folder.path)
        }
    }
}

@Suite("Links typed in")
struct LinkTests {
    @Test(arguments: [
        "https://acme.example/menu", "acme.example/menu", "www.acme.example", "https://example.com:8080/a?b=c#d",
        "https://[::1]/x", "http://[2001:db8::1]:8080/", "https://example.com./x", "https://user@host.example/x",
        "http://192.168.0.1/x", "https://пример.рф/путь", "HTTPS://ACME.EXAMPLE", "localhost:3000",
        "tiktok.com/@acme", "medium.com/@acme/post-1", "google.com/maps/@52.52,13.40,15z", "192.168.1.1/x",
        "acme.example/share?u=https://acme.example/menu", "acme.example/winter.jpg", "https://img.example/reel.mp4",
    ])
    func aWebAddressIsTaken(link: String) {
        #expect(Post.linkProblem(link) == nil)
    }

    @Test(arguments: [
        ("see our site", "holds a space"), ("https://", "names no site"), ("3.14", "names no site"), ("x..y", "names no site"),
        ("https://-bad-.com", "names no site"), ("https://example.com:99999/", "has a port that is not one"),
        ("https://example.com:abc/", "has a port that is not one"), ("https://a.b/\u{200B}x", "holds an invisible character (U+200B)"),
        ("://acme.example", "is not a web address (http:// or https://)"), ("ftp://acme.example/f", "is not a web address"),
        ("mailto:team@acme.example", "is an e-mail address or a phone number"), ("x@acme.example", "is an e-mail address"),
        ("tel:+491234", "or a phone number"), ("https:acme.example", "lacks the // after its scheme"),
        ("javascript:alert(1)", "is not a web address (http:// or https://)"), ("data:text/html,hi", "is not a web address"),
        ("winter.jpg", "is a picture's or video's file name, not a web address (it goes in media)"), ("Reel.MP4", "file name"),
    ])
    func anythingElseIsRefusedSayingWhy(link: String, why: String) {
        #expect(Post.linkProblem(link)?.contains(why) == true, "\(Post.linkProblem(link) ?? "taken")")
    }
}
