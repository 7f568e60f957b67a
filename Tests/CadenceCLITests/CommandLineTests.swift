import Foundation
import Testing

@Suite("cadence settings")
struct SettingsCommandTests {
    @Test func aNewTimeZoneKeepsEveryPostsWallClockTime() throws {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "Launch")
        #expect(cli.run("settings").stdout == "name        Content calendar\ntime zone   Europe/Berlin\nweeks start monday (ISO weeks)\n")
        let sequence = { () -> String in
            let ics = cli.run("export", "--format", "ics").stdout
            return ics.split(separator: "\r\n").first { $0.hasPrefix("SEQUENCE:") }.map(String.init) ?? ""
        }
        let before = sequence()
        let changed = cli.run("settings", "--zone", "America/New_York", "--week-start", "sunday", "--name", "Acme NYC")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout == "name        Acme NYC\ntime zone   America/New_York\nweeks start sunday\n")
        #expect(cli.text().contains("\"at\": \"2026-11-24T09:00:00-05:00\""), "09:00 stays 09:00, in New York now")
        #expect(cli.listJSON().first?["time"] as? String == "09:00")
        #expect(sequence() != before, "calendar apps take the new moment as a change of the event")
        #expect(cli.run("check", "--week", "next").stdout.contains("week of Sun 22 Nov 2026"), "weeks start on Sunday now")
        #expect(cli.run("settings", "--week-start", "Sunday").stdout == "No change: the calendar already has these settings\n")
        _ = id
    }

    @Test func postsInTheHourTheClocksRepeatKeepTheirOccurrence() {
        // 25 Oct 2026: Berlin and Paris both repeat 02:00–03:00; New York does not.
        let cli = CLI.withCalendar()
        let first = cli.add("--channel", "twitter", "--at", "2026-10-25 02:30+02:00", "--title", "First", "--status", "published")
        cli.add("--channel", "twitter", "--at", "2026-10-25 02:30+01:00", "--title", "Second", "--status", "published")
        let before = cli.read()
        #expect(cli.run("settings", "--zone", "Europe/Berlin").stdout == "No change: the calendar already has these settings\n")
        #expect(cli.read() == before)
        #expect(cli.run("settings", "--zone", "Europe/Paris").status == 0)
        let text = cli.text()
        #expect(text.contains("\"at\": \"2026-10-25T02:30:00+02:00\"") && text.contains("\"at\": \"2026-10-25T02:30:00+01:00\""), "the first stays first, the second second")
        #expect(!cli.run("check").stdout.contains("0 min apart"))
        // New York has one 02:30 that night: the second would become the first's very minute.
        let paris = cli.read()
        let refused = cli.run("settings", "--zone", "America/New_York")
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("cadence: 1 post is at the second of a time that happens twice in Europe/Paris (the clocks go back), which America/New_York has once, where a post of the same channel is at the first: "), "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix(" “Second” at 2026-10-25 02:30; move it first (cadence update ID --at …)\n"), "\(refused.stderr)")
        #expect(cli.read() == paris)
        // With the first gone, nothing lands on anything: the second takes New York's 02:30.
        #expect(cli.run("remove", first).status == 0)
        #expect(cli.run("settings", "--zone", "America/New_York").status == 0)
        #expect(cli.text().contains("\"at\": \"2026-10-25T02:30:00-04:00\""))
    }

    /// A zone that repeats a time the old one has once puts the post at the first: said, with
    /// how to name the second, since a zone changed and changed back lands an hour off.
    @Test func aPostLandingOnATimeTheNewZoneRepeatsIsNoted() {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "facebook", "--at", "2027-10-31 02:30+01:00", "--title", "Night owl")
        let away = cli.run("settings", "--zone", "Asia/Tbilisi")
        #expect(away.status == 0 && away.stderr.isEmpty, "Tbilisi has 02:30 once: \(away.stderr)")
        let back = cli.run("settings", "--zone", "Europe/Berlin")
        #expect(back.status == 0)
        #expect(back.stderr == "cadence: note: 1 post is now at a time that happens twice in Europe/Berlin (the clocks go back that night) and takes the first: \(id) “Night owl” at 2027-10-31 02:30; for the second, give its offset: cadence update \(id) --at \"2027-10-31 02:30+01:00\"\n", "\(back.stderr)")
        #expect(cli.text().contains("\"at\": \"2027-10-31T02:30:00+02:00\""))
        // What the note says to do puts it back where it was.
        #expect(cli.run("update", id, "--at", "2027-10-31 02:30+01:00").status == 0)
        #expect(cli.text().contains("\"at\": \"2027-10-31T02:30:00+01:00\""))
    }

    @Test func twoPostsAnHourApartInTheRepeatedHourAreNeverFoldedOntoOneMinute() {
        // London's second 01:30 on 25 Oct 2026 is 01:30 UTC: moving to UTC, the second stays
        // put and the first would come onto it.
        let cli = CLI.withCalendar()
        #expect(cli.run("settings", "--zone", "Europe/London").status == 0)
        cli.add("--channel", "twitter", "--at", "2026-10-25 01:30+01:00", "--title", "First", "--status", "published")
        cli.add("--channel", "twitter", "--at", "2026-10-25 01:30+00:00", "--title", "Second", "--status", "published")
        let before = cli.read()
        let refused = cli.run("settings", "--zone", "UTC")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(" “Second” at 2026-10-25 01:30; move it first"), "\(refused.stderr)")
        #expect(cli.read() == before)
        // On two channels, an hour apart or not, nothing collides.
        cli.add("--channel", "facebook", "--at", "2026-10-25 01:30+00:00", "--title", "Other channel", "--status", "published")
        #expect(cli.run("remove", cli.listJSON().first { $0["title"] as? String == "First" }!["id"] as! String).status == 0)
        #expect(cli.run("settings", "--zone", "UTC").status == 0)
    }

    @Test func aTimeTheNewZoneSkipsIsRefusedAndNothingChanges() {
        // New York's clocks skip 02:00–03:00 on Sun 8 Mar 2026; Berlin's do not.
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "twitter", "--at", "2026-03-08 02:30", "--title", "Night tweet", "--status", "published")
        let before = cli.read()
        let refused = cli.run("settings", "--zone", "America/New_York")
        #expect(refused.status == 2)
        #expect(refused.stderr == "cadence: 1 post would fall in a time the clocks of America/New_York skip: \(id) “Night tweet” at 2026-03-08 02:30; move it first (cadence update ID --at …)\n", "\(refused.stderr)")
        #expect(cli.read() == before)
        #expect(cli.run("settings", "--zone", "Mars/Base").status == 2)
        #expect(cli.run("settings", "--week-start", "someday").stderr == "cadence: --week-start: 'someday' is not valid; expected a day of the week, such as monday or sunday\n")
        #expect(cli.read() == before)
    }
}

@Suite("cadence init, templates, channels")
struct SetupCommandTests {
    @Test func initCreatesACalendarFromATemplateAndNeverOverwrites() throws {
        let cli = CLI()
        let created = cli.run("init", "--template", "bank", "--timezone", "Asia/Tbilisi", "--name", "ბანკი")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Created calendar.json from the 'bank' template: ბანკი"))
        let text = cli.text()
        #expect(text.contains("\"name\": \"ბანკი\""))
        #expect(text.contains("\"timeZone\": \"Asia/Tbilisi\""))
        #expect(text.contains("\"max\": 2"))

        let again = cli.run("init", "--template", "default")
        #expect(again.status == 2)
        #expect(again.stderr == "cadence: calendar.json already exists; Cadence never overwrites a calendar (choose another --file)\n")
        #expect(cli.text() == text)
    }

    @Test func initUsesTheSystemZoneUnlessTold() {
        var cli = CLI()
        cli.environment["TZ"] = "America/New_York"
        #expect(cli.run("init", "-f", "plan.json").status == 0)
        #expect(cli.text("plan.json").contains("\"timeZone\": \"America/New_York\""))
    }

    @Test(arguments: [(":Europe/Berlin", "Europe/Berlin"), ("/usr/share/zoneinfo/Asia/Tbilisi", "Asia/Tbilisi"), ("", "UTC")])
    func initReadsTheSystemZoneFromTZ(tz: String, zone: String) {
        var cli = CLI()
        cli.environment["TZ"] = tz
        let result = cli.run("init")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(cli.text().contains("\"timeZone\": \"\(zone)\""))
    }

    @Test func initRefusesASystemZoneItCannotName() {
        var cli = CLI()
        cli.environment["TZ"] = "EST5EDT"
        let result = cli.run("init")
        #expect(result.status == 2)
        #expect(result.stderr == "cadence: TZ: 'EST5EDT' is not valid; expected an IANA time zone such as Europe/Berlin (or create the calendar with 'cadence init --timezone Europe/Berlin')\n")
        #expect(cli.read() == nil)
    }

    @Test func initRefusesBadInput() {
        let cli = CLI()
        let zone = cli.run("init", "--timezone", "Mars/Olympus")
        #expect(zone.status == 2)
        #expect(zone.stderr == "cadence: --timezone: 'Mars/Olympus' is not valid; expected an IANA time zone such as Europe/Berlin\n")
        // --zone is the same option, given once.
        let twice = cli.run("init", "--zone", "Europe/Kyiv", "--timezone", "Europe/Berlin")
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("--timezone given twice ('Europe/Kyiv' and 'Europe/Berlin')"), "\(twice.stderr)")
        #expect(cli.run("help", "help").status == 0, "help on help is no unknown command")
        let template = cli.run("init", "--template", "nope")
        #expect(template.status == 2)
        #expect(template.stderr == "cadence: unknown template 'nope'; available: default, bank, kids-store-vk\n")
        #expect(cli.read() == nil)
        let created = cli.run("init", "--zone", "Europe/Kyiv")
        #expect(created.status == 0 && created.stdout.contains("time zone Europe/Kyiv"), "\(created.stdout)")
    }

    @Test func templatesListsEachWithOneLine() {
        let result = CLI().run("templates")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("default        Everyday rules for Facebook (1–5 posts a day), Twitter (up to 10), Instagram (3–7 a week) and LinkedIn"))
        #expect(lines[1].hasPrefix("bank           "))
        #expect(lines[2].hasPrefix("kids-store-vk  "))
    }

    @Test func yourOwnTemplatesAreFoundReplaceBuiltInOnesAndBrokenOnesAreNamed() throws {
        var cli = CLI()
        let folder = cli.path(".config/cadence/templates")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let builtIn = try #require(cli.run("init", "-f", "seed.json", "--timezone", "Europe/Berlin").status == 0 ? cli.read("seed.json") : nil)
        // A template is a calendar without posts or zone, with a description.
        var template = try #require(try JSONSerialization.jsonObject(with: builtIn) as? [String: Any])
        template["posts"] = nil
        template["timeZone"] = nil
        template["name"] = "House"
        template["description"] = "Our house rules"
        try JSONSerialization.data(withJSONObject: template).write(to: URL(fileURLWithPath: folder + "/default.json"))
        template["description"] = "Pop-up shop"
        try JSONSerialization.data(withJSONObject: template).write(to: URL(fileURLWithPath: cli.path("popup.json")))
        cli.write(".config/cadence/templates/broken.json", "{\"name\": ,}")
        cli.write(".config/cadence/templates/empty.json", "{}")

        let listed = cli.run("templates")
        #expect(listed.status == 0)
        #expect(listed.stdout.hasPrefix("default        Our house rules  (\(folder)/default.json)\n"), "yours replaces the built-in one")
        #expect(!listed.stdout.contains("empty"), "a file that is JSON but no calendar is not offered")
        #expect(listed.stderr == """
            cadence: template 'broken' is broken: \(folder)/broken.json:1:10: expected a value, found ','
            cadence: template 'empty' is broken: \(folder)/empty.json:1:1: missing "schemaVersion" (is this a Cadence calendar?)

            """)
        let made = cli.run("init", "-f", "house.json", "--timezone", "Europe/Berlin")
        #expect(made.stdout.hasPrefix("Created house.json from the 'default' template: House"))
        // A file named directly; a folder named by CADENCE_TEMPLATES.
        #expect(cli.run("init", "-f", "direct.json", "--template", "./popup.json").stdout.hasPrefix("Created direct.json from the 'popup' template"))
        cli.environment["CADENCE_TEMPLATES"] = cli.folder.path
        #expect(cli.run("templates").stdout.contains("popup          Pop-up shop  (\(cli.path("popup.json")))"))
    }

    @Test func lastYearsCalendarAsATemplateGivesItsSettingsNotItsPosts() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "Old post")
        let result = cli.run("init", "-f", "next.json", "--template", "./calendar.json", "--name", "Next year")
        #expect(result.status == 0 && result.stdout.contains("  without the template's 1 post: a new calendar starts empty\n"))
        #expect(cli.run("list", "-f", "next.json").stdout == "No posts.\n")
        #expect(cli.run("channels", "-f", "next.json").stdout == cli.run("channels").stdout)
    }

    @Test func channelsShowsTheRulesInForceAndWhereTheyComeFrom() {
        let result = CLI.withCalendar().run("channels")
        #expect(result.status == 0)
        #expect(result.stdout.contains("facebook  Facebook  (network: Facebook)\n  posting times      09:00 13:00 18:00"))
        #expect(result.stdout.contains("  posting times      09:00 13:00 18:00                          channel\n  posts-per-day      1–5 a day"))
        #expect(result.stdout.contains("  text-length        text ≤ 280 (links 23, emoji/CJK 2 each)    X (Twitter) default"))
        #expect(result.stdout.contains("  hashtags           ≤ 5 hashtags"))
        // Long settings are shown whole, the column as wide as the longest.
        let cli = CLI()
        #expect(cli.run("init", "--template", "kids-store-vk", "--timezone", "Europe/Moscow").status == 0)
        var text = cli.text()
        let rules = text.range(of: "\"rules\": {\n")!
        text.replaceSubrange(rules, with: "\"rules\": {\n    \"category-per-week\": {\"max\": {\"new-models\": 2, \"ugc\": 2, \"style\": 3, \"care\": 2}},\n")
        cli.write("calendar.json", text)
        let long = cli.run("channels")
        #expect(long.status == 0, "\(long.stderr)")
        let line = long.stdout.split(separator: "\n").first { $0.contains("category-per-week") }.map(String.init) ?? ""
        #expect(line.contains("care ≤ 2 a week") && line.hasSuffix(" calendar"), "\(line)")
        #expect(!long.stdout.contains("…"))
        // A rule the calendar switches off says so, and where.
        let off = CLI.withCalendar()
        off.write("calendar.json", off.text().replacingOccurrences(of: "\"rules\": {\n    \"category-per-week\"", with: "\"rules\": {\n    \"posts-per-week\": {\"severity\": \"off\"},\n    \"category-per-week\""))
        let offLine = off.run("channels").stdout.split(separator: "\n").first { $0.contains("posts-per-week") }.map(String.init) ?? ""
        #expect(offLine.contains(" off ") && offLine.hasSuffix(" calendar"), "\(offLine)")
    }

    @Test func withoutATerminalThePlannerPointsToTheCommands() {
        let result = CLI.withCalendar().run()
        #expect(result.status == 2)
        #expect(result.stderr == "cadence: the planner needs a terminal; for scripts, use the commands (cadence --help)\n")
        let help = CLI().run("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: cadence"))
        #expect(help.stdout.contains("SUBCOMMANDS:"))
    }
}

@Suite("cadence add, update, remove, list")
struct PostCommandTests {
    @Test func aCalendarReadsFromAPipe() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "Piped")
        // As in `cadence -f <(git show HEAD:calendar.json) list`.
        let piped = cli.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cat calendar.json | '\(CLI.binary.path)' -f /dev/stdin list"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("Piped"))
    }

    @Test func listNeverSendsControlOrDirectionCharactersToTheTerminal() {
        let cli = CLI.withCalendar()
        // A hand-edited (or hostile) file: the commands refuse control characters, a file may hold them.
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "PLACEHOLDER")
        cli.write("calendar.json", cli.text().replacingOccurrences(of: "PLACEHOLDER", with: "\\u001b[31mRed \u{202E}txet"))
        let out = cli.run("list").stdout
        #expect(out.contains("�[31mRed txet"))
        #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test func commandsChangingOneCalendarAtOnceTakeTurnsAndLoseNothing() throws {
        let cli = CLI.withCalendar()
        // Started together, as a script's `&` or two team members' scripts would.
        let processes = try (1...12).map { n in
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["add", "--channel", n % 2 == 0 ? "facebook" : "twitter", "--title", "Post \(n)"]
            process.currentDirectoryURL = cli.folder
            process.environment = cli.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let titles = Set(cli.listJSON().compactMap { $0["title"] as? String })
        #expect(titles == Set((1...12).map { "Post \($0)" }))
    }

    @Test func ideasAreListedByChannelThenTitleNotById() throws {
        let cli = CLI.withCalendar()
        for (channel, title) in [("twitter", "Poll 10: milk"), ("facebook", "roastery tour"), ("twitter", "Poll 9: beans"), ("facebook", "Autumn menu")] {
            _ = cli.add("--channel", channel, "--title", title)
        }
        let text = cli.run("list")
        let titles = text.stdout.split(separator: "\n").compactMap { line in
            ["Facebook", "Twitter", "Autumn menu", "roastery tour", "Poll 9: beans", "Poll 10: milk"].first { line.hasSuffix($0) }
        }
        #expect(titles == ["Facebook", "Autumn menu", "roastery tour", "Twitter", "Poll 9: beans", "Poll 10: milk"], "\(text.stdout)")
        #expect(cli.listJSON().compactMap { $0["title"] as? String } == ["Autumn menu", "roastery tour", "Poll 9: beans", "Poll 10: milk"])
    }

    @Test func addListUpdateRemove() throws {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "facebook", "--at", "2026-11-24 09:30", "--title", "Запуск осенней коллекции",
            "--text", "Новая коллекция уже здесь", "--category", "product", "--link", "https://shop.example/autumn",
            "--media", "img/a.jpg", "--media", "img/b.jpg", "--tag", "launch", "--tag", "autumn")
        #expect(id.count == 10)
        let idea = cli.add("--channel", "LinkedIn", "--title", "Behind the scenes")

        var posts = cli.listJSON()
        #expect(posts.count == 2)
        #expect(posts[0]["id"] as? String == id)
        #expect(posts[0]["date"] as? String == "2026-11-24")
        #expect(posts[0]["time"] as? String == "09:30")
        #expect(posts[0]["at"] as? String == "2026-11-24T09:30:00+01:00")
        #expect(posts[0]["status"] as? String == "draft")
        #expect(posts[0]["media"] as? [String] == ["img/a.jpg", "img/b.jpg"])
        #expect(posts[0]["tags"] as? [String] == ["launch", "autumn"])
        #expect(posts[1]["id"] as? String == idea)
        #expect(posts[1]["channel"] as? String == "linkedin")
        #expect(posts[1]["status"] as? String == "idea")
        #expect(posts[1]["date"] is NSNull)

        let text = cli.run("list")
        #expect(text.stdout == """
            Tue 24 Nov 2026
              Facebook
                09:30  \(id)  draft      Запуск осенней коллекции  [Product]

            Ideas
              LinkedIn
                  —    \(idea)  idea       Behind the scenes

            """)

        let updated = cli.run("update", String(id.prefix(5)), "--status", "approved", "--at", "2026-11-25 10:00", "--clear-tags")
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stdout == "Updated \(id) “Запуск осенней коллекции”\n")
        posts = cli.listJSON()
        #expect(posts[0]["date"] as? String == "2026-11-25")
        #expect(posts[0]["status"] as? String == "approved")
        #expect(posts[0]["tags"] as? [String] == [])

        let nothing = cli.run("update", id)
        #expect(nothing.status == 2)
        #expect(nothing.stderr == "cadence: nothing to change: give a field such as --title or --at (see 'cadence update --help')\n")
        #expect(cli.run("update", id, "--at", "2026-11-25 10:00", "--unschedule").stderr == "cadence: --at and --unschedule cannot be used together\n")
        #expect(cli.run("update", id, "--status", "idea").stderr == "cadence: --status: an idea is a post without a date; give --unschedule to make it an idea, or another status\n")
        #expect(cli.run("update", idea, "--status", "published").stderr == "cadence: --status: a post without a date cannot be published; give --at too (or leave --status out)\n")

        let scheduled = cli.run("update", idea, "--at", "2026-11-26 12:00")
        #expect(scheduled.status == 0)
        #expect(cli.listJSON("--week", "2026-W48").count == 2)
        #expect(cli.listJSON("--channel", "linkedin").count == 1)
        #expect(cli.listJSON("--from", "2026-11-26").count == 1)

        let removed = cli.run("remove", idea)
        #expect(removed.stdout == "Removed \(idea) “Behind the scenes”\n")
        #expect(cli.listJSON().map { $0["id"] as? String } == [id])
    }

    @Test func addWarnsAboutWhatThePostBreaks() {
        let cli = CLI.withCalendar()
        for hour in 8..<13 { cli.add("--channel", "facebook", "--at", "2026-11-24 \(hour):00", "--title", "Post \(hour)") }
        let sixth = cli.run("add", "--channel", "facebook", "--at", "2026-11-24 18:00", "--title", "One too many")
        #expect(sixth.status == 0)
        #expect(sixth.stderr == "cadence: saved; the change breaks these rules:\n  error    Tue 24 Nov 2026 · Facebook: 6 posts, at most 5 a day  [posts-per-day]\n")
        // What was broken before is not news: a post elsewhere in the week breaks nothing new.
        let wednesday = cli.run("add", "--channel", "facebook", "--at", "2026-11-25 09:00", "--title", "Wednesday")
        #expect(wednesday.status == 0)
        #expect(wednesday.stderr == "")
        // Moving it on leaves Wednesday without a post: that is new, on the day it left.
        let id = wednesday.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let moved = cli.run("update", id, "--at", "2026-11-26 09:00")
        #expect(moved.stderr == "cadence: saved; the change breaks these rules:\n  warning  Wed 25 Nov 2026 · Facebook: no posts, at least 1 a day  [posts-per-day]\n")
    }

    @Test(arguments: [
        (["add", "--channel", "tiktok", "--title", "x"], "cadence: unknown channel 'tiktok'; this calendar has facebook, twitter, instagram, linkedin\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "2026-11-31 10:00"], "cadence: --at: '2026-11-31 10:00' is not valid; expected a day that exists; November 2026 has 30 days\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "tomorrow 25:00"], "cadence: --at: 'tomorrow 25:00' is not valid; expected a date and time as \"YYYY-MM-DD HH:MM\"\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "2027-03-28 02:30"], "cadence: 2027-03-28 02:30 does not exist in Europe/Berlin: the clocks skip it (they go forward that night); pick another time\n"),
        (["add", "--channel", "facebook", "--title", "x", "--category", "humor"], "cadence: unknown category 'humor' (did you mean humour?); this calendar has news, product, how-to, behind-the-scenes, community, promo, humour\n"),
        (["add", "--channel", "facebook", "--title", "x", "--status", "done"], "cadence: --status: 'done' is not valid; expected one of idea, draft, review, approved, scheduled, published\n"),
        (["add", "--channel", "facebook"], "cadence: missing expected argument '--title <text>' (see 'cadence add --help')\n"),
        (["add", "--chanel", "facebook", "--title", "x"], "cadence: unknown option '--chanel'. Did you mean '--channel'? (see 'cadence add --help')\n"),
        (["add", "--channel", "facebook", "--title", "  "], "cadence: --title: a post needs a title\n"),
        (["update", "nope1", "--title", "x"], "cadence: no post with id 'nope1' (see 'cadence list' for ids)\n"),
        (["add", "--channel", "facebook", "--title", "x\u{1B}[31mRED"], "cadence: --title: holds a control character (U+001B); take it out\n"),
        (["add", "--channel", "facebook", "--title", "x", "--tag", "a,b"], "cadence: --tag: tag 'a,b' is empty or holds a comma or line break\n"),
        (["add", "--channel", "facebook", "--title", "x", "--tag", "a;b"], "cadence: --tag: tag 'a;b' holds a semicolon, which separates tags (as a comma does); give each tag on its own\n"),
        (["add", "--channel", "facebook", "--title", "one\u{2028}two"], "cadence: --title: holds a line break; a title is one line (the text takes many)\n"),
        (["update", "nope1"], "cadence: no post with id 'nope1' (see 'cadence list' for ids)\n"),
        (["remove", "nope1"], "cadence: no post with id 'nope1' (see 'cadence list' for ids)\n"),
        (["remove", "abc"], "cadence: no post with id 'abc'; give the whole id or at least its first four characters (see 'cadence list' for ids)\n"),
        (["list", "--week", "2026-W54"], "cadence: --week: '2026-W54' is not valid; expected a week that exists; 2026 has 53 ISO weeks\n"),
        (["list", "--week", "2025-W53"], "cadence: --week: '2025-W53' is not valid; expected a week that exists; 2025 has 52 ISO weeks\n"),
        (["list", "--week", "next week"], "cadence: --week: 'next week' is not valid; expected an ISO week as YYYY-Www, such as 2026-W48 (or W48, this, next, last)\n"),
        (["list", "--file", ""], "cadence: --file: the path is empty; name the calendar file (calendar.json by default) (see 'cadence list --help')\n"),
        (["list", "--week", "W60"], "cadence: --week: 'W60' is not valid; expected a week that exists; a year has 52 or 53 ISO weeks\n"),
        (["list", "--from", "2026-2-30"], "cadence: --from: '2026-2-30' is not valid; expected a day that exists; February 2026 has 28 days\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "1899-12-31"], "cadence: --at: '1899-12-31' is not valid; expected a day from 1900 to 2199 (1899-12-31 is outside the years Cadence plans)\n"),
        (["add", "--channel", "facebook", "--title", "x", "--link", "see our site"], "cadence: --link: 'see our site' holds a space; expected a web address, such as https://acme.example/menu\n"),
        (["add", "--channel", "facebook", "--title", "x", "--link", "https://"], "cadence: --link: 'https://' names no site (a host like acme.example); expected a web address, such as https://acme.example/menu\n"),
        (["list", "--week", "2026-W48", "--from", "today"], "cadence: give either --week or --from/--to, not both\n"),
        (["list", "--channel", "facebook", "--channel=twitter"], "cadence: --channel given twice ('facebook' and 'twitter'); give it once (see 'cadence list --help')\n"),
        (["add", "-f", "calendar.json", "--title", "x", "--channel", "facebook", "--file", "other.json"], "cadence: --file given twice ('calendar.json' and 'other.json'); give it once (see 'cadence add --help')\n"),
        (["list", "--from", "2026-11-30", "--to", "2026-11-01"], "cadence: --to: '2026-11-01' is not valid; expected a date on or after --from (2026-11-30)\n"),
        (["list", "--from", "2027-02-29"], "cadence: --from: '2027-02-29' is not valid; expected a day that exists; February 2027 has 28 days\n"),
        (["check", "--from", "30.11.2026"], "cadence: --from: '30.11.2026' is not valid; expected a date as YYYY-MM-DD (or 12-24, fri, +3, today, tomorrow)\n"),
        (["list", "--from", "02-30"], "cadence: --from: '02-30' is not valid; expected a day that exists; February 2027 has 28 days\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "2200-01-01 10:00"], "cadence: --at: '2200-01-01 10:00' is not valid; expected a day from 1900 to 2199 (2200-01-01 is outside the years Cadence plans)\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "2200-01-01T10:00:00Z"], "cadence: --at: '2200-01-01T10:00:00Z' is not valid; expected a day from 1900 to 2199 (2200-01-01 is outside the years Cadence plans)\n"),
        (["list", "--week", "1899-W52"], "cadence: --week: '1899-W52' is not valid; expected a day from 1900 to 2199 (1899-12-25 is outside the years Cadence plans)\n"),
        (["list", "--from", "+9999w"], "cadence: --from: '+9999w' is not valid; expected a day from 1900 to 2199 (2218-07-11 is outside the years Cadence plans)\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "fr 09:00"], "cadence: --at: 'fr 09:00' is not valid; expected a date and time as \"YYYY-MM-DD HH:MM\"\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "fr"], "cadence: --at: 'fr' is not valid; expected a date and time as \"YYYY-MM-DD HH:MM\", or a day alone for the channel's next free posting time\n"),
        (["list", "--file", "missing.json"], "cadence: missing.json: no such file (create one with 'cadence init')\n"),
        (["add", "--channel", "facebook", "--title", "x", "--media", "a\nb"], "cadence: --media: media item 'a\\nb' is empty or holds a line break\n"),
        (["add", "--channel", "facebook", "--title", "two\nlines"], "cadence: --title: holds a line break; a title is one line (the text takes many)\n"),
        (["add", "--channel", "facebook", "--title", "\rcr"], "cadence: --title: holds a line break; a title is one line (the text takes many)\n"),
        (["init", "--file", "second.json", "--name", " "], "cadence: --name: a calendar needs a name (leave --name out for the template's)\n"),
        (["list", "--file", "/dev/null"], "cadence: /dev/null: cannot be read: it is a device, not a file\n"),
        (["merge-driver", "calendar.json", "calendar.json", "missing.json"], "cadence: missing.json: no such file\n"),
        (["frobnicate"], "cadence: unknown command 'frobnicate'; the commands are plan, init, settings, templates, channels, add, update, remove, list, check, export, import, resolve, git-setup, merge-driver (see 'cadence --help')\n"),
        (["help", "frobnicate"], "cadence: unknown command 'frobnicate'; the commands are plan, init, settings, templates, channels, add, update, remove, list, check, export, import, resolve, git-setup, merge-driver (see 'cadence --help')\n"),
        (["add", "--channel", "facebook", "--title", "x", "--status", "scheduled"], "cadence: --status: a post without a date cannot be scheduled; give --at too\n"),
        (["add", "--channel", "facebook", "--title", "x", "--at", "2026-11-25 10:00", "--status", "idea"], "cadence: --status: an idea is a post without a date; leave --at out to add an idea, or give another status\n"),
        (["list", "--format", "xml"], "cadence: the value 'xml' is invalid for '--format <format>'; give one of 'text' and 'json' (see 'cadence list --help')\n"),
        (["check", "--week"], "cadence: missing value for '--week <week>' (see 'cadence check --help')\n"),
    ])
    func rejectedInputExitsTwoWithOneLineAndLeavesTheFileUntouched(arguments: [String], message: String) {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "Existing")
        let before = cli.read()
        let result = cli.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
        #expect(cli.read() == before)
    }

    @Test func addReportsWhatAnIdeaOrANeighbouringDayBreaks() {
        let cli = CLI.withCalendar()
        let idea = cli.run("add", "--channel", "twitter", "--title", "Long idea", "--text", String(repeating: "x", count: 300))
        #expect(idea.status == 0)
        #expect(idea.stderr.contains("error    Idea · Twitter · “Long idea”: 300 characters, at most 280  [text-length]"))
        cli.add("--channel", "facebook", "--at", "2026-11-30 00:20", "--title", "Monday")
        let sunday = cli.run("add", "--channel", "facebook", "--at", "2026-11-29 23:40", "--title", "Sunday")
        #expect(sunday.stderr.contains("“Sunday” at Sun 29 Nov 23:40 and “Monday” at 00:20 are 40 min apart, at least 1 h  [spacing]"))
    }

    @Test func theLastPlannedWeekChecksOnlyItsPlannedDays() {
        let cli = CLI.withCalendar()
        let check = cli.run("check", "--week", "2200-W01")
        #expect(check.stdout.hasSuffix("no errors, 2 warnings · checked 2199-12-30 … 2199-12-31 (2 days)\n"), "\(check.stdout)")
        #expect(!check.stdout.contains("2200"))
    }

    @Test func theSameFileWrittenTwoWaysIsOneFile() {
        let cli = CLI.withCalendar()
        let result = cli.run("-f", "calendar.json", "list", "--file", "./calendar.json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(symlink("calendar.json", cli.path("link.json")) == 0)
        #expect(cli.run("list", "--file", "calendar.json", "--file", "link.json").status == 0, "a link to the file is the file")
        #expect(cli.run("list", "--channel", "facebook", "--channel", "Facebook").status == 0, "a channel whatever its case")
    }

    @Test func aProblemThatWasThereAlreadyIsNotNewsWhateverItsWords() {
        let cli = CLI.withCalendar()
        let a = cli.add("--channel", "facebook", "--at", "2026-12-01 09:00", "--title", "A", "--text", "Same words")
        cli.add("--channel", "twitter", "--at", "2026-12-01 12:00", "--title", "B", "--text", "Same words")
        // A third post with the text draws it into the others' problems: news.
        let third = cli.run("add", "--channel", "linkedin", "--at", "2026-12-01 15:00", "--title", "C", "--text", "Same words")
        #expect(third.stderr.contains("“A”: same text as on Twitter Tue 1 Dec 12:00, LinkedIn Tue 1 Dec 15:00"), "\(third.stderr)")
        // Renaming A changes its problem's words, not the problem.
        let renamed = cli.run("update", a, "--title", "A, renamed")
        #expect(renamed.status == 0 && renamed.stderr.isEmpty, "\(renamed.stderr)")
        // C leaving the group makes the others' problems smaller: nothing newly broken.
        let left = cli.run("update", third.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--text", "Words of its own")
        #expect(left.status == 0 && left.stderr.isEmpty, "\(left.stderr)")
    }

    @Test func friendlierInput() {
        let cli = CLI.withCalendar()
        // "Tomorrow" with a capital letter, a tag starting with '-' (given twice: kept once), a range that starts after the last post.
        let id = cli.add("--channel", "facebook", "--at", "Tomorrow 10:00", "--title", "x", "--tag", "-10%", "--tag", "-10%")
        let post = cli.listJSON()[0]
        #expect(post["date"] as? String == "2026-11-22")
        #expect(post["tags"] as? [String] == ["-10%"])
        // Promotional copy starts with '-' and may hold spaces: still a value, not an option.
        #expect(cli.run("update", id, "--title", "-50% off today", "--text", "--- new ---", "--notes", "-").status == 0)
        let updated = cli.listJSON()[0]
        #expect(updated["title"] as? String == "-50% off today" && updated["text"] as? String == "--- new ---" && updated["notes"] as? String == "-")
        #expect(cli.run("check", "--from", "2026-12-05").status == 0)
        #expect(cli.run("list", "--to", "2026-11-01").stdout == "No posts.\n")
        // Unscheduling a scheduled post makes it an idea again.
        #expect(cli.run("update", id, "--status", "scheduled").status == 0)
        #expect(cli.run("update", id, "--unschedule").status == 0)
        #expect(cli.listJSON()[0]["status"] as? String == "idea")
        #expect(cli.run("import", "nothing.csv").stderr == "cadence: nothing.csv: no such file\n")
        let folder = cli.run("import", ".")
        #expect(folder.status == 2 && folder.stderr == "cadence: . is a folder; import takes a CSV file\n")
        cli.write("header.csv", "id,date,time,channel,title\n")
        let before = cli.read()
        let headerOnly = cli.run("import", "header.csv")
        #expect(headerOnly.status == 0 && headerOnly.stdout == "Nothing to import: header.csv has no rows under its header\n")
        #expect(cli.read() == before)
    }

    @Test func aDayAloneTakesTheChannelsNextFreePostingTime() {
        // Now is Sat 21 Nov 2026 10:00 in Berlin; Facebook posts at 09:00, 13:00 and 18:00.
        let cli = CLI.withCalendar()
        var result = cli.run("add", "--channel", "facebook", "--at", "today", "--title", "Noon")
        #expect(result.status == 0 && result.stderr.hasPrefix("at Sat 21 Nov 2026 13:00: Facebook's next free posting time\n"), "09:00 is past")
        result = cli.run("add", "--channel", "facebook", "--at", "2026-11-21", "--title", "Evening")
        #expect(result.stderr.hasPrefix("at Sat 21 Nov 2026 18:00: Facebook's next free posting time\n"))
        #expect(!result.stderr.contains("note:"), "a date is no time with an offset: no note of a conversion")
        result = cli.run("add", "--channel", "facebook", "--at", "today", "--title", "Late")
        #expect(result.stderr.hasPrefix("at Sat 21 Nov 2026 10:15: the first free time (no posting time of Facebook is free that day)\n"))
        // update --at with a day alone moves the post to that day at its own time when free
        // there, else at the channel's next free posting time (its own time not in the way).
        let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        result = cli.run("update", id, "--at", "tomorrow")
        #expect(result.status == 0 && result.stderr.hasPrefix("at Sun 22 Nov 2026 10:15: its time of day, kept\n"))
        cli.add("--channel", "facebook", "--at", "2026-11-23 10:00", "--title", "Taken")
        result = cli.run("update", id, "--at", "mon")
        #expect(result.status == 0 && result.stderr.hasPrefix("at Mon 23 Nov 2026 09:00: Facebook's next free posting time\n"))
        #expect(cli.listJSON().map { "\($0["date"]!) \($0["time"]!) \($0["title"]!)" }
            == ["2026-11-21 13:00 Noon", "2026-11-21 18:00 Evening", "2026-11-23 09:00 Late", "2026-11-23 10:00 Taken"])
        // A post already gone (logged after the fact) keeps its time of day too, its own day included.
        let logged = cli.add("--channel", "facebook", "--at", "2026-11-10 10:30", "--title", "Logged", "--status", "published")
        result = cli.run("update", logged, "--at", "2026-11-10")
        #expect(result.status == 0 && result.stdout.hasPrefix("No change"), "\(result.stdout) \(result.stderr)")
        result = cli.run("update", logged, "--at", "2026-11-11")
        #expect(result.status == 0 && result.stderr.hasPrefix("at Wed 11 Nov 2026 10:30: its time of day, kept\n"), "\(result.stderr)")
        // A post to come moved back to a past day keeps its time of day there too.
        let ahead = cli.add("--channel", "facebook", "--at", "2026-12-02 11:00", "--title", "Ahead")
        result = cli.run("update", ahead, "--at", "2026-11-12")
        #expect(result.stderr.hasPrefix("at Thu 12 Nov 2026 11:00: its time of day, kept\n"), "\(result.stderr)")
        // A bad day is refused and changes nothing.
        let before = cli.read()
        result = cli.run("add", "--channel", "facebook", "--at", "2026-02-30", "--title", "x")
        #expect(result.status == 2 && result.stderr == "cadence: --at: '2026-02-30' is not valid; expected a day that exists; February 2026 has 28 days\n")
        result = cli.run("add", "--channel", "facebook", "--at", "someday", "--title", "x")
        #expect(result.status == 2 && result.stderr.contains("expected a date and time as \"YYYY-MM-DD HH:MM\", or a day alone"))
        #expect(cli.read() == before)
    }

    @Test func aTimeTakesTheFormsPeopleType() {
        let cli = CLI.withCalendar()
        for (typed, meant) in [("2026-12-01 930", "09:30"), ("fri 9:30 pm", "21:30"), ("2026-12-02 9pm", "21:00"), ("2026-12-03 14", "14:00"), ("2026-12-04 1.30 am", "01:30")] {
            let result = cli.run("add", "--channel", "linkedin", "--at", typed, "--title", typed)
            #expect(result.status == 0, "\(typed): \(result.stderr)")
            #expect(cli.listJSON().first { $0["title"] as? String == typed }?["time"] as? String == meant, "\(typed)")
        }
        #expect(cli.run("add", "--channel", "linkedin", "--at", "2026-12-01 ９", "--title", "x").status == 2)
    }

    @Test func aDayOrPostingTimesTheClocksSkipAreSaidToBe() {
        // Samoa skipped Fri 30 Dec 2011 whole; Berlin skips 02:00–03:00 on Sun 29 Mar 2026.
        let samoa = CLI()
        #expect(samoa.run("init", "--zone", "Pacific/Apia").status == 0)
        let skipped = samoa.run("add", "--channel", "twitter", "--at", "2011-12-30", "--title", "x")
        #expect(skipped.status == 2)
        #expect(skipped.stderr == "cadence: --at: Fri 30 Dec 2011 did not happen in Pacific/Apia: the clocks skipped the whole day; give a time, as \"2011-12-30 HH:MM\"\n", "\(skipped.stderr)")
        let cli = CLI.withCalendar()
        cli.write("calendar.json", cli.text().replacingOccurrences(of: "[\"09:00\", \"13:00\", \"18:00\"]", with: "[\"02:30\", \"02:45\"]"))
        let night = cli.run("add", "--channel", "facebook", "--at", "2026-03-29", "--title", "Night owl")
        #expect(night.status == 0)
        #expect(night.stderr.hasPrefix("at Sun 29 Mar 2026 09:00: the first free time (Facebook's posting times do not exist that day: the clocks skip them)\n"), "\(night.stderr)")
    }

    @Test func aDayWithNoFreeTimeLeftIsRefusedNotDoubleBooked() throws {
        // LinkedIn keeps its posts 2 h apart: 08:00 and 12:00, then 10:00 to 22:00, then none.
        let cli = CLI.withCalendar()
        for _ in 0..<8 {
            #expect(cli.run("add", "--channel", "linkedin", "--at", "2026-11-30", "--title", "Post").status == 0)
        }
        let times = cli.listJSON("--channel", "linkedin").compactMap { $0["time"] as? String }
        #expect(times == ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "22:00"])
        let before = cli.read()
        let full = cli.run("add", "--channel", "linkedin", "--at", "2026-11-30", "--title", "One too many")
        #expect(full.status == 2)
        #expect(full.stderr == "cadence: --at: no free time left on Mon 30 Nov 2026 for LinkedIn: every time from 09:00 is within 2 h of another of its posts; give a time, as \"2026-11-30 HH:MM\"\n")
        #expect(cli.read() == before)
        #expect(cli.run("add", "--channel", "linkedin", "--at", "2026-11-30 23:30", "--title", "One too many").status == 0, "a time given is taken")
        // Facebook takes at most five a day: a sixth given a day alone is refused too.
        for hour in 9..<14 { cli.add("--channel", "facebook", "--at", "2026-12-01 \(hour):00", "--title", "Post \(hour)") }
        let sixth = cli.run("add", "--channel", "facebook", "--at", "2026-12-01", "--title", "Sixth")
        #expect(sixth.status == 2)
        #expect(sixth.stderr == "cadence: --at: Facebook has 5 posts on Tue 1 Dec 2026, at most 5 a day; give a time, as \"2026-12-01 HH:MM\", to add one anyway\n", "\(sixth.stderr)")
        // A post moved within its own full day adds none; one moved in from elsewhere is refused.
        let nine = try #require(cli.listJSON("--from", "2026-12-01", "--to", "2026-12-01").first { $0["time"] as? String == "09:00" }?["id"] as? String)
        #expect(cli.run("update", nine, "--at", "2026-12-01").status == 0)
        let elsewhere = cli.add("--channel", "facebook", "--at", "2026-12-02 09:00", "--title", "Wednesday")
        #expect(cli.run("update", elsewhere, "--at", "2026-12-01").stderr.hasSuffix("to move it there anyway\n"))
        // A team that made the daily count a warning only gets the sixth, with the warning.
        let data = try #require(cli.read())
        var file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var channels = try #require(file["channels"] as? [[String: Any]])
        channels[0]["rules"] = ["posts-per-day": ["min": 1, "max": 5, "severity": "warning"]]
        file["channels"] = channels
        let edited = try JSONSerialization.data(withJSONObject: file)
        cli.write("calendar.json", try #require(String(data: edited, encoding: .utf8)))
        #expect(cli.run("update", elsewhere, "--at", "2026-12-01").status == 0)
        #expect(cli.run("check").stdout.contains("warning  Tue 1 Dec 2026 · Facebook: 6 posts, at most 5 a day  [posts-per-day]"))
        // Late in the day, today has no time left ahead: refused, not put in the past.
        var late = cli
        late.environment["CADENCE_NOW"] = "2026-12-07T23:50:00+01:00"
        let gone = late.run("add", "--channel", "twitter", "--at", "today", "--title", "Too late")
        #expect(gone.status == 2)
        #expect(gone.stderr == "cadence: --at: no time is left on Mon 7 Dec 2026 for Twitter: it is 23:50 already; give a time, as \"2026-12-07 HH:MM\"\n", "\(gone.stderr)")
        late.environment["CADENCE_NOW"] = "2026-12-07T23:40:00+01:00"
        #expect(late.run("add", "--channel", "twitter", "--at", "today", "--title", "Just in time").stderr.hasPrefix("at Mon 7 Dec 2026 23:45"))
    }

    @Test func aTimeAlreadyGoneIsSavedWithANote() {
        // Now is Sat 21 Nov 2026 10:00 in Berlin.
        let cli = CLI.withCalendar()
        var result = cli.run("add", "--channel", "twitter", "--at", "2025-11-20 09:00", "--title", "Last year?")
        #expect(result.status == 0)
        #expect(result.stderr == "cadence: saved; note: Thu 20 Nov 2025 09:00 is in the past (a mistyped date? --status published if it went out)\n")
        let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        result = cli.run("update", id, "--title", "Last year")
        #expect(result.status == 0 && result.stderr.isEmpty, "a change that leaves the time alone says nothing")
        result = cli.run("add", "--channel", "twitter", "--at", "2026-11-21 09:30", "--title", "Went out", "--status", "published")
        #expect(result.status == 0 && result.stderr.isEmpty, "a published post belongs in the past")
        result = cli.run("add", "--channel", "twitter", "--at", "2026-11-21 10:30", "--title", "Soon", "--status", "approved")
        #expect(result.status == 0 && result.stderr.isEmpty)
    }

    @Test func theSecondOccurrenceOfARepeatedTimeIsPickedByItsOffset() {
        var cli = CLI.withCalendar()
        cli.environment["CADENCE_NOW"] = "2026-10-20T10:00:00+02:00"
        let first = cli.run("add", "--channel", "facebook", "--at", "2026-10-25 02:30", "--title", "First")
        #expect(first.status == 0)
        #expect(first.stderr == "cadence: saved; note: 02:30 happens twice on Sun 25 Oct 2026 (the clocks go back); this is the first, 02:30+02:00; for the second write \"2026-10-25 02:30+01:00\"\n")
        // A sheet's row says so too.
        cli.write("night.csv", "date,time,channel,title\n2026-10-25,02:40,instagram,From a sheet\n")
        let sheet = cli.run("import", "night.csv")
        #expect(sheet.stdout.contains("1 row gave a time without its offset that happens twice that night (the clocks go back): it took the first ("), "\(sheet.stdout)")
        #expect(sheet.stdout.contains(" at Sun 25 Oct 2026 02:40+02:00); write 02:40+01:00 in the time column for the second\n"))
        let second = cli.run("add", "--channel", "twitter", "--at", "2026-10-25 02:30+01:00", "--title", "Second")
        #expect(second.status == 0 && second.stderr.isEmpty, "the offset says which; no note")
        // A timestamp as the file and other tools write it, seconds and all, is one instant.
        cli.add("--channel", "linkedin", "--at", "2026-10-25T02:45:00Z", "--title", "Third")
        let seconds = cli.run("add", "--channel", "linkedin", "--at", "2026-10-25T02:45:30Z", "--title", "x")
        #expect(seconds.status == 2 && seconds.stderr == "cadence: --at: '2026-10-25T02:45:30Z' is not valid; expected a time on the minute (posts go out on whole minutes)\n")
        let part = cli.run("add", "--channel", "linkedin", "--at", "2026-10-25T02:45:00.5Z", "--title", "x")
        #expect(part.status == 2 && part.stderr == "cadence: --at: '2026-10-25T02:45:00.5Z' is not valid; expected a time on the minute (posts go out on whole minutes)\n", "a part of a second is not dropped silently")
        // Written with a space, as a sheet or a person writes it, the same holds.
        for typed in ["2026-10-25 02:45:30+01:00", "2026-10-25 02:45:30Z", "2026-10-25 02:45:00.5+01:00"] {
            let spaced = cli.run("add", "--channel", "linkedin", "--at", typed, "--title", "x")
            #expect(spaced.status == 2 && spaced.stderr == "cadence: --at: '\(typed)' is not valid; expected a time on the minute (posts go out on whole minutes)\n", "\(spaced.stderr)")
        }
        #expect(cli.listJSON().map { "\($0["at"]!) \($0["title"]!)" } == ["2026-10-25T02:30:00+02:00 First", "2026-10-25T02:40:00+02:00 From a sheet", "2026-10-25T02:30:00+01:00 Second", "2026-10-25T03:45:00+01:00 Third"])
        #expect(cli.listJSON().map { $0["time"] as? String } == ["02:30+02:00", "02:40+02:00", "02:30+01:00", "03:45"], "the JSON's time tells the two apart too")
        // Another zone's offset is a time there, converted as a timestamp is, and the note says
        // what it became.
        let elsewhere = cli.run("add", "--channel", "twitter", "--at", "2026-10-25 02:30+05:00", "--title", "Tbilisi")
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stderr.hasPrefix("cadence: saved; note: 2026-10-25 02:30+05:00 is Sat 24 Oct 2026 23:30 in Europe/Berlin, the calendar's time zone\n"), "\(elsewhere.stderr)")
        let utc = cli.run("add", "--channel", "instagram", "--at", "2026-10-26 12:00Z", "--title", "Noon UTC")
        #expect(utc.stderr.hasPrefix("cadence: saved; note: 2026-10-26 12:00Z is Mon 26 Oct 2026 13:00 in Europe/Berlin, the calendar's time zone\n"), "\(utc.stderr)")
        let saved = cli.listJSON().map { "\($0["at"]!) \($0["title"]!)" }
        #expect(saved.contains("2026-10-24T23:30:00+02:00 Tbilisi") && saved.contains("2026-10-26T13:00:00+01:00 Noon UTC"), "\(saved)")
    }

    @Test func offsetsAreReadInEveryFormOnTheCommandLineAndInASheet() {
        let cli = CLI.withCalendar()
        #expect(cli.run("add", "--channel", "facebook", "--at", "2026-12-03T10:00+0100", "--title", "Compact").stderr.isEmpty, "Berlin's own offset: no note")
        // On the day the clocks change, an offset the zone had that morning is still a moment.
        let spring = cli.run("add", "--channel", "twitter", "--at", "2027-03-28 10:00+01:00", "--title", "Spring")
        #expect(spring.status == 0 && spring.stderr.hasPrefix("cadence: saved; note: 2027-03-28 10:00+01:00 is Sun 28 Mar 2027 11:00 in Europe/Berlin"), "\(spring.stderr)")
        // Converted into the second 02:30 of the night the clocks go back: it says which.
        let night = cli.run("add", "--channel", "linkedin", "--at", "2026-10-25 03:30+02:00", "--title", "Night")
        #expect(night.stderr.contains("note: 2026-10-25 03:30+02:00 is Sun 25 Oct 2026 02:30+01:00 in Europe/Berlin"), "\(night.stderr)")
        let hours = cli.run("add", "--channel", "facebook", "--at", "2026-12-03 11:00+04", "--title", "Hours")
        #expect(hours.stderr.hasPrefix("cadence: saved; note: 2026-12-03 11:00+04 is Thu 3 Dec 2026 08:00 in Europe/Berlin"), "\(hours.stderr)")
        cli.write("times.csv", "date,time,channel,title\n2026-12-04,14:00+04:00,facebook,Elsewhere\n2026-12-04,09:00Z,twitter,UTC\n2026-12-04,09:30:00+01:00,linkedin,Seconds\n")
        let imported = cli.run("import", "times.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 rows gave a time in another zone (by its UTC offset or the zone column): each is that moment in Europe/Berlin (the first: "), "\(imported.stdout)")
        let saved = cli.listJSON().map { "\($0["at"]!) \($0["title"]!)" }
        #expect(saved == ["2026-10-25T02:30:00+01:00 Night", "2026-12-03T08:00:00+01:00 Hours", "2026-12-03T10:00:00+01:00 Compact", "2026-12-04T09:30:00+01:00 Seconds",
                          "2026-12-04T10:00:00+01:00 UTC", "2026-12-04T11:00:00+01:00 Elsewhere", "2027-03-28T11:00:00+02:00 Spring"], "\(saved)")
    }

    @Test func aSheetExportedInBerlinImportsIntoANewYorkCalendarAtTheSameMoments() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-12-04 09:00", "--title", "Berlin breakfast")
        cli.add("--channel", "twitter", "--at", "2026-12-04 23:30", "--title", "Berlin night")
        #expect(cli.run("export", "--format", "csv", "--output", "berlin.csv").status == 0)
        #expect(cli.text("berlin.csv").contains(",2026-12-04,09:00,Europe/Berlin,facebook,"))
        #expect(cli.run("init", "--file", "ny.json", "--timezone", "America/New_York").status == 0)
        let imported = cli.run("import", "--file", "ny.json", "berlin.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 rows gave a time in another zone (by its UTC offset or the zone column): each is that moment in America/New_York (the first: "), "\(imported.stdout)")
        let at = cli.listJSON("--file", "ny.json").map { "\($0["at"]!) \($0["title"]!)" }
        #expect(at == ["2026-12-04T03:00:00-05:00 Berlin breakfast", "2026-12-04T17:30:00-05:00 Berlin night"], "\(at)")
        // A zone mistyped in a sheet is named, and nothing is imported.
        cli.write("typo.csv", "date,time,zone,channel,title\n2026-12-05,09:00,Europe/Berlni,facebook,Typo\n")
        let typo = cli.run("import", "--file", "ny.json", "typo.csv")
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("typo.csv: row 2, column 'zone': 'Europe/Berlni' is not a time zone (did you mean Europe/Berlin?)"), "\(typo.stderr)")
    }

    @Test func titlesAndTextsAreTidiedAsAnImportWouldSoAnExportComesBackTheSame() {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "facebook", "--at", "2026-12-04 09:00", "--title", "  Spaced title  ", "--text", "a\r\nb\rc", "--notes", "one\r\ntwo", "--tag", "#Winter")
        let saved = cli.listJSON().first { $0["id"] as? String == id }
        #expect(saved?["tags"] as? [String] == ["Winter"], "a hashtag habit's # is not part of the tag")
        #expect(saved?["title"] as? String == "Spaced title")
        #expect(saved?["text"] as? String == "a\nb\nc")
        #expect(saved?["notes"] as? String == "one\ntwo")
        #expect(cli.run("export", "--format", "csv", "--output", "plan.csv").status == 0)
        let before = cli.text()
        let again = cli.run("import", "--update", "plan.csv")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(cli.listJSON().first { $0["id"] as? String == id }?["text"] as? String == "a\nb\nc")
        #expect(cli.text() == before || again.stdout.contains("already"), "\(again.stdout)")
    }

    @Test func aRowThatEmptiesTheDateSaysWhatBecameOfThePostsStatus() {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "facebook", "--at", "2026-12-04 09:00", "--title", "Unplanned")
        let scheduled = cli.add("--channel", "facebook", "--at", "2026-12-05 09:00", "--title", "Was booked", "--status", "scheduled")
        cli.write("undate.csv", "id,date\n\(id),\n")
        let imported = cli.run("import", "--update", "undate.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 post lost its date (an empty date cell): undated, it is listed with the ideas (\(id) “Unplanned”, draft)"), "\(imported.stdout)")
        // A scheduled post without a date is an idea again, and the summary says so.
        cli.write("undate.csv", "id,date\n\(scheduled),\n")
        let again = cli.run("import", "--update", "undate.csv")
        #expect(again.stdout.contains("listed with the ideas (\(scheduled) “Was booked”, scheduled → idea, as it has no date)"), "\(again.stdout)")
        #expect(cli.listJSON().first { $0["id"] as? String == scheduled }?["status"] as? String == "idea")
    }

    @Test func shellsCompleteTheCommandsAndOptions() {
        for shell in ["bash", "zsh", "fish"] {
            let script = CLI().run("--generate-completion-script", shell)
            #expect(script.status == 0)
            #expect(script.stdout.contains("resolve") && script.stdout.contains("markers"), "\(shell)")
        }
    }

    @Test func anEmptyExportToStandardOutputSaysSo() {
        let cli = CLI.withCalendar()
        let empty = cli.run("export", "--format", "hootsuite", "--channel", "facebook")
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr == "cadence: wrote no posts\n", "\(empty.stderr)")
    }

    @Test func timeZonesMistypedArePointedToTheOneMeant() {
        let cli = CLI()
        let abbreviated = cli.run("init", "--timezone", "EST")
        #expect(abbreviated.status == 2)
        #expect(abbreviated.stderr.contains("(did you mean America/New_York?)"), "\(abbreviated.stderr)")
        #expect(cli.run("init", "--timezone", "europe/berlin").stderr.contains("(did you mean Europe/Berlin?)"))
        #expect(cli.run("init", "--timezone", "berlin").stderr.contains("(did you mean Europe/Berlin?)"), "a city alone")
        #expect(cli.run("init", "--timezone", "new york").stderr.contains("(did you mean America/New_York?)"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json")))
    }

    @Test func aMonthAndDayJustGoneSaysHowToNameNextYears() {
        let cli = CLI.withCalendar()
        // Today is 21 November 2026: 11-20 is the nearest 20 November, yesterday.
        let added = cli.run("add", "--channel", "facebook", "--at", "11-20 10:00", "--title", "Yesterday")
        #expect(added.status == 0)
        #expect(added.stderr.contains("note: Fri 20 Nov 2026 10:00 is in the past: 11-20 is the nearest 20 November; for next year's, write 2027-11-20 10:00 (--status published if it went out)"), "\(added.stderr)")
    }

    @Test(.enabled(if: getuid() == 0, "giving a file to another owner takes root"))
    func aSaveKeepsTheFilesOwnerAndGroupSoATeammateCanStillReadIt() throws {
        let cli = CLI.withCalendar()
        let path = cli.path("calendar.json")
        #expect(chown(path, 1000, 2000) == 0 && chmod(path, 0o660) == 0)
        #expect(cli.run("add", "--channel", "facebook", "--title", "Saved by root").status == 0)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect((info.st_uid, info.st_gid, info.st_mode & 0o777) == (1000, 2000, 0o660), "owner, group and mode as they were")
    }

    @Test(.enabled(if: getuid() == 0, "running as another user takes root"))
    func aFolderThatTakesNoNewFileIsNamedWhenASaveFails() throws {
        let cli = CLI.withCalendar()
        let before = cli.text()
        // The file anyone may write, its folder no one but root may add to: run as nobody.
        #expect(chmod(cli.path("calendar.json"), 0o666) == 0 && chmod(cli.folder.path, 0o555) == 0)
        defer { chmod(cli.folder.path, 0o755) }
        let result = cli.run(URL(fileURLWithPath: "/usr/bin/setpriv"), ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary.path, "add", "--channel", "facebook", "--title", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("does not let a new file be made there"), "\(result.stderr)")
        #expect(cli.text() == before)
    }

    @Test func aSaveClearsTheTemporaryFilesSavesKilledHalfWayLeft() throws {
        let cli = CLI.withCalendar()
        let (old, fresh) = (cli.path(".calendar.json.tmp-Ab12Cd"), cli.path(".calendar.json.tmp-Ef34Gh"))
        cli.write(".calendar.json.tmp-Ab12Cd", "{ half a plan")
        cli.write(".calendar.json.tmp-Ef34Gh", "{ a save going on now")
        var twoHoursAgo = [timespec(tv_sec: time(nil) - 7200, tv_nsec: 0), timespec(tv_sec: time(nil) - 7200, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, old, &twoHoursAgo, 0) == 0)
        #expect(cli.run("add", "--channel", "facebook", "--title", "Saved").status == 0)
        #expect(!FileManager.default.fileExists(atPath: old), "an hour old: left by a save that died")
        #expect(FileManager.default.fileExists(atPath: fresh), "a recent one may be another save's")
    }

    @Test func aChangeToAPipeIsRefusedRatherThanLost() throws {
        let cli = CLI.withCalendar()
        #expect(mkfifo(cli.path("pipe.json"), 0o644) == 0)
        let add = cli.run("add", "--file", "pipe.json", "--channel", "facebook", "--title", "Nowhere")
        #expect(add.status == 2)
        #expect(add.stderr == "cadence: pipe.json is a pipe or a device, not a file: a change could not be kept there (list, check and export read one)\n", "\(add.stderr)")
    }

    @Test func aSymlinkedCalendarStaysALink() throws {
        let cli = CLI.withCalendar()
        try FileManager.default.createDirectory(atPath: cli.path("shared"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: cli.path("calendar.json"), toPath: cli.path("shared/plan.json"))
        try FileManager.default.createSymbolicLink(atPath: cli.path("calendar.json"), withDestinationPath: "shared/plan.json")
        cli.add("--channel", "facebook", "--title", "Through the link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cli.path("calendar.json")) == "shared/plan.json")
        #expect(cli.text("shared/plan.json").contains("Through the link"))
    }

    @Test func aReadOnlyCalendarIsRefused() {
        let cli = CLI.withCalendar()
        chmod(cli.path("calendar.json"), 0o444)
        let before = cli.read()
        let result = cli.run("add", "--channel", "facebook", "--title", "x")
        #expect(result.status == 2)
        #expect(result.stderr == "cadence: calendar.json: cannot be saved: it is read-only (chmod u+w calendar.json to allow changes); the file on disk is unchanged\n")
        #expect(cli.read() == before)
    }

    @Test func aFileSizeLimitMetWhileSavingLeavesTheFileAndNoLitter() throws {
        let cli = CLI.withCalendar()
        let before = cli.read()
        // ulimit -f 2: files of at most 2 KiB; the new version, with a long title, is bigger.
        let long = String(repeating: "x", count: 4000)
        let result = cli.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -f 2; exec \"$0\" add --channel facebook --title \(long)", CLI.binary.path])
        #expect(result.status == 2)
        #expect(result.stderr == "cadence: calendar.json: cannot be saved: File too large; the file on disk is unchanged\n", "\(result.stderr)")
        #expect(cli.read() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.contains(".tmp-") }.isEmpty, "no temporary file left")
    }

    @Test func aMalformedFileIsNeverWrittenOver() {
        let cli = CLI()
        let broken = """
            {
              "schemaVersion": 1,
              "timeZone": "Europe/Berlin",
              "channels": [ { "id": "facebook" } ],
              "posts": [
                { "id": "a1", "channel": "facebook", "title": "One" }
                { "id": "a2", "channel": "facebook", "title": "Two" }
              ]
            }

            """
        cli.write("calendar.json", broken)
        for arguments in [["add", "--channel", "facebook", "--title", "x"], ["remove", "a1"], ["update", "a1", "--title", "y"], ["check"], ["list"]] {
            let result = cli.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == "cadence: calendar.json:7:5: expected ',' or ']' after a list item, found '{'\n")
        }
        #expect(cli.text() == broken)
    }

    @Test func aFileFromANewerCadenceIsRefused() {
        let cli = CLI()
        let newer = "{\"schemaVersion\": 9, \"timeZone\": \"UTC\", \"posts\": {\"by-id\": {}}}\n"
        cli.write("calendar.json", newer)
        let result = cli.run("add", "--channel", "x", "--title", "y")
        #expect(result.status == 2)
        #expect(result.stderr.contains("calendar.json has schemaVersion 9, written by a newer Cadence; this one reads up to 1"))
        #expect(cli.text() == newer)
    }

    @Test func savesAreCanonicalWhateverOrderTheFileWasIn() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "twitter", "--at", "2026-11-24 09:00", "--title", "B")
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "A")
        cli.add("--channel", "facebook", "--title", "Idea")
        let canonical = cli.text()
        let facebookFirst = canonical.range(of: "\"title\": \"A\"")!.lowerBound < canonical.range(of: "\"title\": \"B\"")!.lowerBound
        #expect(facebookFirst, "same time: channel order")
        #expect(canonical.range(of: "\"title\": \"Idea\"")!.lowerBound > canonical.range(of: "\"title\": \"B\"")!.lowerBound, "ideas last")
        // A save after a no-op change gives the same bytes.
        let id = cli.listJSON()[0]["id"] as! String
        #expect(cli.run("update", id, "--title", "A").status == 0)
        #expect(cli.text() == canonical)
    }
}

extension PostCommandTests {
    @Test func theMergeDriverTakesAnEmptyBaseArgumentForNone() {
        let cli = CLI.withCalendar()
        cli.write("theirs.json", cli.text())
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:30", "--title", "Ours")
        #expect(cli.run("add", "--channel", "twitter", "--at", "2026-11-24 10:00", "--title", "Theirs", "--file", "theirs.json").status == 0)
        let merged = cli.run("merge-driver", "", "calendar.json", "theirs.json")
        #expect(merged.status == 0, "\(merged.stderr)")
        cli.expectTitlesInFile(["Ours", "Theirs"])
    }
}

@Suite("cadence list, update, remove: filters, dates and ids")
struct SelectionCommandTests {
    /// Monday's approved news post with two pictures, and Friday's tweet in review.
    func twoPosts() -> (cli: CLI, monday: String, friday: String) {
        let cli = CLI.withCalendar()
        let monday = cli.add("--channel", "facebook", "--at", "2026-11-23 09:00", "--title", "Monday news", "--category", "news",
            "--status", "approved", "--media", "a.jpg", "--media", "b.jpg")
        let friday = cli.add("--channel", "twitter", "--at", "2026-11-20 12:00", "--title", "Friday tweet", "--status", "review")
        return (cli, monday, friday)
    }

    func titles(_ result: CLI.Result) -> [String] {
        result.stdout.split(separator: "\n").compactMap { line in
            ["Monday news", "Friday tweet"].first { line.contains($0) }
        }
    }

    @Test func listFiltersByCategoryStatusAndNamedDaysAndWeeks() {
        let (cli, _, _) = twoPosts()
        // Today is Sat 21 Nov 2026 (CADENCE_NOW).
        #expect(titles(cli.run("list", "--category", "news")) == ["Monday news"])
        #expect(titles(cli.run("list", "--status", "review")) == ["Friday tweet"])
        #expect(titles(cli.run("list", "--week", "next")) == ["Monday news"])
        #expect(titles(cli.run("list", "--week", "this")) == ["Friday tweet"])
        #expect(cli.run("list", "--week", "last").stdout == "No posts.\n")
        // A week's number alone, as the planner's g takes it: this year's W48 (next to today's W47).
        #expect(titles(cli.run("list", "--week", "W48")) == ["Monday news"])
        #expect(titles(cli.run("list", "--week", "w47")) == ["Friday tweet"])
        // A date without its zeros, as people write it and sheets read it.
        #expect(titles(cli.run("list", "--from", "2026-11-1", "--to", "2026-11-21")) == ["Friday tweet"])
        #expect(titles(cli.run("list", "--from", "yesterday", "--to", "Today")) == ["Friday tweet"])
        #expect(titles(cli.run("list", "--from", "tomorrow")) == ["Monday news"])
        #expect(cli.run("list", "--from", "fri", "--to", "+8").stdout == "No posts.\n", "the coming Friday, not yesterday")
        #expect(titles(cli.run("list", "--from", "mon", "--to", "+2")) == ["Monday news"])
        #expect(titles(cli.run("list", "--from", "11-20", "--to", "11-21")) == ["Friday tweet"])
        // A negative day is a value, not an option; a weekday in --to counts from --from.
        #expect(titles(cli.run("list", "--from", "-1", "--to", "-1")) == ["Friday tweet"])
        #expect(titles(cli.run("list", "--from", "mon", "--to", "sun")) == ["Monday news"], "Mon 23 to Sun 29, asked on a Saturday")
    }

    @Test func shortDatesPlanTheComingDays() throws {
        let cli = CLI.withCalendar()
        // Today is Sat 21 Nov 2026 (CADENCE_NOW).
        cli.add("--channel", "facebook", "--at", "mon 09:00", "--title", "Monday")
        cli.add("--channel", "facebook", "--at", "Saturday 18:00", "--title", "Tonight")
        cli.add("--channel", "facebook", "--at", "+1w 10:00", "--title", "In a week")
        cli.add("--channel", "facebook", "--at", "01-05 10:00", "--title", "After new year")
        cli.add("--channel", "twitter", "--at", "-1", "--title", "Yesterday")
        let posts = cli.listJSON()
        let when = Dictionary(uniqueKeysWithValues: posts.map { ($0["title"] as! String, "\($0["date"]!) \($0["time"]!)") })
        #expect(when["Yesterday"]?.hasPrefix("2026-11-20 ") == true)
        #expect(when.filter { $0.key != "Yesterday" } == ["Monday": "2026-11-23 09:00", "Tonight": "2026-11-21 18:00", "In a week": "2026-11-28 10:00", "After new year": "2027-01-05 10:00"])
    }

    @Test func clearingAListAndGivingItNewItemsKeepsTheNewItems() throws {
        let (cli, monday, friday) = twoPosts()
        let updated = cli.run("update", monday, "--clear-media", "--media", "new.jpg", "--clear-tags", "--tag", "t2")
        #expect(updated.status == 0, "\(updated.stderr)")
        let post = try #require(cli.listJSON().first { $0["id"] as? String == monday })
        #expect(post["media"] as? [String] == ["new.jpg"])
        #expect(post["tags"] as? [String] == ["t2"])
        // The same id twice is one post removed, said once.
        let removed = cli.run("remove", friday, String(friday.prefix(5)))
        #expect(removed.status == 0)
        #expect(removed.stdout == "Removed \(friday) “Friday tweet”\n")
        // A removal that leaves a week short of Instagram's three posts says so, as update does.
        let photos = (0..<3).map { day in
            cli.add("--channel", "instagram", "--at", "2026-12-0\(day + 1) 11:00", "--title", "Photo \(day)", "--media", "p.jpg")
        }
        let short = cli.run("remove", photos[0])
        #expect(short.status == 0)
        #expect(short.stderr == "cadence: saved; the change breaks these rules:\n  warning  2026-W49 · Instagram: 2 posts, at least 3 a week  [posts-per-week]\n", "\(short.stderr)")
    }

    @Test func relativeWeeksAreTheCalendarsWeeks() {
        let cli = CLI.withCalendar()
        cli.write("calendar.json", cli.text().replacingOccurrences(of: "\"weekStart\": \"monday\"", with: "\"weekStart\": \"sunday\""))
        cli.add("--channel", "facebook", "--at", "2026-11-21 09:00", "--title", "Saturday before")
        cli.add("--channel", "facebook", "--at", "2026-11-22 09:00", "--title", "Sunday")
        cli.add("--channel", "facebook", "--at", "2026-11-28 09:00", "--title", "Saturday after")
        // Sunday 22 Nov: this week runs from today to Saturday 28.
        let sunday = ["CADENCE_NOW": "2026-11-22T10:00:00+01:00"]
        let this = cli.run(CLI.binary, ["list", "--week", "this"], extra: sunday).stdout
        #expect(this.contains("Sunday") && this.contains("Saturday after") && !this.contains("Saturday before"), "\(this)")
        let last = cli.run(CLI.binary, ["list", "--week", "last"], extra: sunday).stdout
        #expect(last.contains("Saturday before") && !last.contains("Sunday"), "\(last)")
        #expect(cli.run(CLI.binary, ["check", "--week", "next"], extra: sunday).stdout.contains("2026-11-29 … 2026-12-05"))
    }

    @Test func listShowsATabAsTheSpaceItLooksLike() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "Tab\ttitle", "--text", "PLACEHOLDER")
        cli.write("calendar.json", cli.text().replacingOccurrences(of: "PLACEHOLDER", with: "bell\\u0007"))
        let listed = cli.run("list").stdout
        #expect(listed.contains("Tab title"), "\(listed)")
        #expect(!listed.contains("\t") && !listed.contains("\u{7}"))
    }

    @Test func removeChecksEveryIdBeforeRemovingAny() {
        let (cli, monday, friday) = twoPosts()
        let before = cli.read()
        let refused = cli.run("remove", monday, "nope1")
        #expect(refused.status == 2)
        #expect(refused.stderr == "cadence: no post with id 'nope1' (see 'cadence list' for ids)\n")
        #expect(cli.read() == before, "the good id was not removed either")
        #expect(cli.run("remove", monday, friday).status == 0)
        #expect(cli.listJSON().isEmpty)
    }

    @Test func anIdPrefixThatFitsSeveralPostsIsRefused() {
        let cli = CLI()
        writeCalendar(cli, posts: [
            post("abcd2345", "facebook", "2026-11-24T09:00:00+01:00", "One"),
            post("abcd6789", "facebook", "2026-11-24T12:00:00+01:00", "Two"),
        ])
        let before = cli.read()
        for arguments in [["update", "abcd", "--title", "x"], ["remove", "abcd"]] {
            let refused = cli.run(arguments)
            #expect(refused.status == 2)
            #expect(refused.stderr == "cadence: 'abcd' matches several posts (abcd2345, abcd6789); type more of the id\n")
        }
        #expect(cli.read() == before)
        #expect(cli.run("remove", "abcd6").status == 0, "one more character is enough")
        #expect(cli.listJSON().map { $0["id"] as? String } == ["abcd2345"])
    }

    @Test func idsShortenToFourCharactersAndListsAreCleared() throws {
        let (cli, monday, _) = twoPosts()
        let tooShort = cli.run("update", String(monday.prefix(3)), "--title", "x")
        #expect(tooShort.status == 2)
        let cleared = cli.run("update", String(monday.prefix(4)), "--clear-media")
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(cleared.stdout.hasPrefix("Updated \(monday) “Monday news”"))
        let post = try #require(cli.listJSON().first { $0["id"] as? String == monday })
        #expect((post["media"] as? [String]) == [])
        #expect(cli.run("update", monday, "--media", "c.jpg").status == 0)
        #expect((cli.listJSON().first { $0["id"] as? String == monday }?["media"] as? [String]) == ["c.jpg"], "--media replaces the list")
    }
}

@Suite("cadence check")
struct CheckCommandTests {
    @Test func exitCodesFollowTheWorstProblem() {
        let cli = CLI.withCalendar()
        #expect(cli.run("check").stdout == "No problems found · checked ideas\n")
        // Warnings only: Facebook has no post on most days of the week.
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "One", "--status", "approved")
        let warnings = cli.run("check")
        #expect(warnings.status == 0)
        #expect(warnings.stdout.contains("warning  Mon 23 Nov 2026 · Facebook: no posts, at least 1 a day  [posts-per-day]"))
        #expect(warnings.stdout.contains("warning  2026-W48 · Instagram: no posts, at least 3 a week  [posts-per-week]"))
        #expect(warnings.stdout.hasSuffix("no errors, 7 warnings · checked 2026-11-23 … 2026-11-29 (7 days) and ideas\n"))
        #expect(cli.run("check", "--strict").status == 1)
        // One day checked: its own rules, and the rules of its whole week (Instagram's count).
        let day = cli.run("check", "--from", "2026-11-24", "--to", "2026-11-24", "--strict")
        #expect(day.status == 1)
        #expect(day.stdout == "warning  2026-W48 · Instagram: no posts, at least 3 a week  [posts-per-week]\n\nno errors, 1 warning · checked 2026-11-24\n", "\(day.stdout)")

        cli.add("--channel", "instagram", "--at", "2026-11-25 09:00", "--title", "No picture", "--status", "approved")
        let errors = cli.run("check", "--week", "2026-W48")
        #expect(errors.status == 1)
        #expect(errors.stdout.contains("error    Wed 25 Nov 2026 09:00 · Instagram · “No picture”: no image or video; Instagram posts need one  [media-required]"))
        #expect(cli.run("check", "--week", "2026-W49").status == 0)
    }

    /// The file's time zone changed by hand: the posts keep their moments, and check says
    /// their times are written for another zone instead of moving them in silence.
    @Test func postsWrittenForAnotherTimeZoneAreNoted() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2027-01-01 09:00", "--title", "New year")
        #expect(!cli.run("check").stderr.contains("note"), "a calendar as Cadence wrote it gets no note")
        cli.write("calendar.json", cli.text().replacingOccurrences(of: "\"timeZone\": \"Europe/Berlin\"", with: "\"timeZone\": \"America/Los_Angeles\""))
        let check = cli.run("check")
        #expect(check.stderr == "cadence: note: 1 post's time is written with a UTC offset America/Los_Angeles does not have then (the first, 2027-01-01T09:00:00+01:00, is Fri 1 Jan 2027 00:00 here): written for another time zone? They keep their moments; check their days and times, and the next save writes them in America/Los_Angeles's time\n", "\(check.stderr)")
    }

    /// A range open at one end reaches as far as a plain check: to the end of the last week
    /// with posts, or from the start of the first.
    @Test func aRangeOpenAtOneEndCoversTheWholeWeeksOfThePlan() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "twitter", "--at", "2026-12-15 09:00", "--title", "Tuesday", "--status", "approved")
        let from = cli.run("check", "--from", "2026-12-14")
        #expect(from.stdout.contains("Sun 20 Dec 2026 · Facebook: no posts"), "\(from.stdout)")
        #expect(from.stdout.hasSuffix("· checked 2026-12-14 … 2026-12-20 (7 days)\n"), "\(from.stdout)")
        let to = cli.run("check", "--to", "2026-12-20")
        #expect(to.stdout.contains("Mon 14 Dec 2026 · Facebook: no posts"), "\(to.stdout)")
        #expect(to.stdout.hasSuffix("· checked 2026-12-14 … 2026-12-20 (7 days)\n"), "\(to.stdout)")
        // Past the plan's end, the day given is all there is.
        #expect(cli.run("check", "--from", "2030-01-01").stdout.hasSuffix("· checked 2030-01-01\n"))
    }

    @Test func longCopyComesFromAFileOrStandardInput() {
        let cli = CLI.withCalendar()
        // Written in an editor on Windows: CRLF, and the line break at the end of the file.
        cli.write("copy.txt", "Зимнее меню ☕\r\nPart two\r\n")
        let id = cli.add("--channel", "linkedin", "--title", "Winter", "--text-file", "copy.txt")
        #expect(cli.listJSON().first?["text"] as? String == "Зимнее меню ☕\nPart two")
        let piped = cli.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf 'From a pipe\\n' | \"$0\" update \(id) --text-file -", CLI.binary.path])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(cli.listJSON().first?["text"] as? String == "From a pipe")
        let before = cli.read("calendar.json")
        let both = cli.run("update", id, "--text", "x", "--text-file", "copy.txt")
        #expect(both.status == 2 && both.stderr == "cadence: give either --text or --text-file, not both\n")
        let missing = cli.run("update", id, "--text-file", "nope.txt")
        #expect(missing.status == 2 && missing.stderr == "cadence: nope.txt: no such file\n", "\(missing.stderr)")
        cli.write("latin1.txt", "")
        FileManager.default.createFile(atPath: cli.path("latin1.txt"), contents: Data([0x43, 0x61, 0x66, 0xE9]))
        let latin = cli.run("update", id, "--text-file", "latin1.txt")
        #expect(latin.status == 2 && latin.stderr == "cadence: --text-file: latin1.txt is not UTF-8 text\n", "\(latin.stderr)")
        cli.write("escape.txt", "Winter\nmenu \u{1B}[31mred\n")
        #expect(cli.run("update", id, "--text-file", "escape.txt").stderr == "cadence: --text-file: escape.txt holds a control character (U+001B) on line 2\n")
        cli.write("empty.txt", "\n")
        #expect(cli.run("update", id, "--text-file", "empty.txt").stderr == "cadence: --text-file: empty.txt is empty; to clear the text, give --text \"\"\n")
        #expect(cli.read("calendar.json") == before)
    }

    /// A copy pasted in the planner carries the adapt tag; its text rewritten here adapts it,
    /// as the planner's form does, and until then check says it.
    @Test func rewritingACopysTextTakesItsAdaptTagOff() {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "twitter", "--at", "2026-12-01 12:00", "--title", "Winter blend", "--tag", "adapt", "--status", "approved")
        #expect(cli.run("check", "--week", "2026-W49").stdout.contains("“Winter blend”: a copy from another channel, not yet written for Twitter (tagged adapt: rewrite it, or take the tag off)  [not-adapted]"))
        #expect(cli.run("update", id, "--text", "Winter blend is here: cocoa, cardamom, a little orange.").status == 0)
        #expect(cli.listJSON().first?["tags"] as? [String] == [])
        #expect(!cli.run("check", "--week", "2026-W49").stdout.contains("not-adapted"))
        // New words with the tag given again: the tags are as given.
        #expect(cli.run("update", id, "--text", "Fresh words", "--tag", "adapt").status == 0)
        #expect(cli.listJSON().first?["tags"] as? [String] == ["adapt"])
    }

    /// Problems on days gone by cannot be mended: the summary counts them and says how to
    /// leave them out (a --strict check of a plan with history never passes otherwise).
    @Test func problemsOnDaysGoneByAreCountedInTheSummary() {
        let cli = CLI.withCalendar()  // it is Saturday 21 November
        cli.add("--channel", "twitter", "--at", "2026-11-18 09:00", "--title", "Wednesday", "--status", "published")
        let check = cli.run("check")
        // Mon 16 to Fri 20 without a Facebook post are past; the week's Instagram count is not
        // (two days are left to post in).
        #expect(check.stdout.contains("no errors, 8 warnings (5 on days gone by: --from today leaves them out) · checked 2026-11-16 … 2026-11-22 (7 days) and ideas\n"), "\(check.stdout)")
        let fromToday = cli.run("check", "--from", "today").stdout
        #expect(fromToday.hasSuffix("no errors, 3 warnings · checked 2026-11-21 … 2026-11-22 (2 days)\n"), "\(fromToday)")
    }

    @Test func anOptionWhoseValueWasLeftOutIsNotTakenForTheNext() {
        let cli = CLI.withCalendar()
        let before = cli.read("calendar.json")
        let result = cli.run("add", "--channel", "linkedin", "--title", "--help")
        #expect(result.status == 2 && result.stderr == "cadence: --title is missing its value ('--help' is an option); give it as --title VALUE\n", "\(result.stderr)")
        #expect(cli.run("add", "--channel", "linkedin", "--title", "Sale", "--tag", "--status=draft").status == 2)
        #expect(cli.read("calendar.json") == before)
        // Copy that merely starts with dashes is still copy.
        #expect(cli.run("add", "--channel", "linkedin", "--title", "-50% off", "--text", "--- new ---").status == 0)
        #expect(cli.run("add", "--channel", "linkedin", "--title", "--SALE--", "--tag", "--new").status == 0)
    }

    /// A whole-plan check passes over weeks without posts, and says which.
    @Test func weeksWithoutPostsBetweenThoseCheckedAreNamed() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "twitter", "--at", "2026-11-24 09:00", "--title", "W48", "--status", "approved")
        cli.add("--channel", "twitter", "--at", "2026-12-08 09:00", "--title", "W50", "--status", "approved")
        #expect(cli.run("check").stdout.hasSuffix("· checked 2026-11-23 … 2026-12-13 (14 days; passed over 1 week without posts: 2026-11-30 … 2026-12-06) and ideas\n"), "\(cli.run("check").stdout)")
    }

    @Test func jsonListsStructuredViolations() throws {
        let cli = CLI.withCalendar()
        for hour in 8..<14 { cli.add("--channel", "facebook", "--at", "2026-11-24 \(hour):00", "--title", "P\(hour)", "--status", "approved") }
        cli.add("--channel", "facebook", "--at", "2026-11-25 09:00", "--title", "Joke 1", "--category", "humour", "--status", "approved")
        cli.add("--channel", "facebook", "--at", "2026-11-26 09:00", "--title", "Joke 2", "--category", "humour", "--status", "approved")
        let result = cli.run("check", "--format", "json", "--from", "2026-11-24", "--to", "2026-11-26")
        #expect(result.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(root["errors"] as? Int == 2)
        #expect(root["from"] as? String == "2026-11-24")
        let violations = try #require(root["violations"] as? [[String: Any]])
        let day = try #require(violations.first { $0["rule"] as? String == "posts-per-day" })
        #expect(day["severity"] as? String == "error")
        #expect(day["channel"] as? String == "facebook")
        #expect(day["day"] as? String == "2026-11-24")
        #expect((day["posts"] as? [String])?.count == 6)
        #expect(day["message"] as? String == "Tue 24 Nov 2026 · Facebook: 6 posts, at most 5 a day")
        let week = try #require(violations.first { $0["rule"] as? String == "category-per-week" })
        #expect(week["week"] as? String == "2026-W48")
        #expect(week["message"] as? String == "2026-W48 · Facebook: 2 posts in Humour, at most 1 a week")

        // Weeks from Sunday: still YYYY-Www (the one --week takes for it), with the first day.
        cli.write("calendar.json", cli.text().replacingOccurrences(of: "\"weekStart\": \"monday\"", with: "\"weekStart\": \"sunday\""))
        let sunday = cli.run("check", "--format", "json", "--week", "2026-W48")
        let sundayRoot = try #require(try JSONSerialization.jsonObject(with: Data(sunday.stdout.utf8)) as? [String: Any])
        let sundayWeek = try #require((sundayRoot["violations"] as? [[String: Any]])?.first { $0["rule"] as? String == "category-per-week" })
        #expect(sundayWeek["week"] as? String == "2026-W48")
        #expect(sundayWeek["weekStart"] as? String == "2026-11-22")
    }

    @Test func theHourTheClocksRepeatShowsItsOffsets() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "twitter", "--at", "2026-10-25 02:30", "--title", "First 02:30")
        cli.write("later.csv", "channel,title,date,time,text\r\ntwitter,Second 02:30,2026-10-25,02:30+01:00,See https://example.com\r\ntwitter,Breakfast,2026-10-25,09:00,\r\n")
        #expect(cli.run("import", "later.csv").status == 0)
        let list = cli.run("list", "--from", "2026-10-25", "--to", "2026-10-25").stdout.split(separator: "\n")
        #expect(list.contains { $0.hasPrefix("    02:30+02:00  ") && $0.hasSuffix("First 02:30") })
        #expect(list.contains { $0.hasPrefix("    02:30+01:00  ") && $0.hasSuffix("Second 02:30") })
        #expect(list.contains { $0.hasPrefix("    09:00        ") && $0.hasSuffix("Breakfast") }, "other times as usual, lined up")
        #expect(cli.run("check", "--from", "2026-10-25", "--to", "2026-10-25").stdout.contains("Sun 25 Oct 2026 02:30+01:00 · Twitter · “Second 02:30”"))
    }

    @Test func unapprovedPostsAreFlaggedAgainstTheCurrentTime() {
        var cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-22 09:00", "--title", "Sunday draft")
        cli.environment["CADENCE_NOW"] = "2026-11-21T10:00:00+01:00"
        #expect(cli.run("check", "--week", "2026-W47").stdout.contains("“Sunday draft”: due in 23 h and still draft  [unapproved-soon]"))
        cli.environment["CADENCE_NOW"] = "2026-11-19T10:00:00+01:00"
        #expect(!cli.run("check", "--week", "2026-W47").stdout.contains("unapproved-soon"))
    }
}

@Suite("cadence export and import")
struct CSVCommandTests {
    @Test func exportThenImportGivesBackTheSamePosts() throws {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "=HYPERLINK(\"http://evil\")",
            "--text", "Line one, \"quoted\"\nline two", "--category", "news", "--media", "a.jpg", "--media", "b c.png", "--tag", "x")
        cli.add("--channel", "twitter", "--at", "2026-10-25 02:30", "--title", "ქართული", "--text", "-10% @всем\tсегодня", "--notes", "+1")
        cli.add("--channel", "instagram", "--title", "Idea 日本")
        let original = cli.listJSON()
        #expect(original.count == 3)

        let exported = cli.run("export", "--format", "csv", "-o", "plan.csv")
        #expect(exported.status == 0, "\(exported.stderr)")
        let csv = cli.text("plan.csv")
        #expect(csv.hasPrefix("id,date,time,zone,channel,category,status,title,text,link,media,tags,notes\r\n"))
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), "formulas are neutralised")
        #expect(csv.contains(",'-10% @всем\tсегодня,"))
        #expect(cli.run("export").stdout == csv, "standard output unless --output")

        // A fresh calendar with the same channels takes the rows back unchanged.
        let other = CLI.withCalendar()
        try FileManager.default.copyItem(atPath: cli.path("plan.csv"), toPath: other.path("plan.csv"))
        let imported = other.run("import", "plan.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("Imported 3 posts from plan.csv"))
        #expect(NSArray(array: other.listJSON()).isEqual(to: original))

        // Importing the same rows again is refused (the ids exist) unless --update.
        let again = other.run("import", "plan.csv")
        #expect(again.status == 2)
        #expect(again.stderr.contains("row 2, column 'id': post '"))
        let bytes = other.read()
        // A day later: a post the rows did replace would get a new changedAt.
        let update = other.run(CLI.binary, ["import", "plan.csv", "--update"], extra: ["CADENCE_NOW": "2026-11-22T10:00:00+01:00"])
        #expect(update.stdout == "Nothing to import: all 3 posts in plan.csv are already in the calendar as they are\n", "\(update.stdout) \(update.stderr)")
        #expect(other.read() == bytes, "rows that change nothing leave the file as it was (no new changedAt)")
    }

    @Test func anUpdateFromASheetWithFewerColumnsLeavesTheOthersAlone() throws {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "Old title", "--text", "Body",
            "--category", "news", "--status", "approved", "--link", "https://example.com", "--media", "a.jpg", "--tag", "x", "--notes", "n")
        let idea = cli.add("--channel", "twitter", "--title", "An idea")
        let before = try #require(cli.listJSON().first { $0["id"] as? String == id })
        cli.write("titles.csv", "id,channel,title\r\n\(id),facebook,New title\r\n")
        let renamed = cli.run("import", "titles.csv", "--update")
        #expect(renamed.status == 0, "\(renamed.stderr)")
        let after = try #require(cli.listJSON().first { $0["id"] as? String == id })
        #expect(after["title"] as? String == "New title")
        // An id shortened to a unique start, as on the command line, is that post.
        cli.write("short.csv", "id,channel,title\r\n\(id.prefix(5)),facebook,Shorter\r\n")
        // Without --update it is refused, not taken for a new post that shadows the old one.
        let file = cli.read()
        let shadow = cli.run("import", "short.csv")
        #expect(shadow.status == 2)
        #expect(shadow.stderr == "cadence: short.csv: row 2, column 'id': '\(id.prefix(5))' is the start of post \(id) already in the calendar (use --update to change that post, or leave the id empty for a new one); nothing was imported\n")
        #expect(cli.read() == file)
        let short = cli.run("import", "short.csv", "--update")
        #expect(short.status == 0 && short.stdout.hasPrefix("Updated 1 post from short.csv\n"), "\(short.stdout) \(short.stderr)")
        #expect(cli.listJSON().count == 2)
        #expect(cli.run("update", id, "--title", "New title").status == 0)
        for field in ["date", "time", "text", "category", "status", "link", "media", "tags", "notes"] {
            #expect(NSArray(array: [after[field] ?? NSNull()]).isEqual(to: [before[field] ?? NSNull()]), "\(field) stays")
        }
        // Dates from a sheet: the idea gets one and becomes a draft; empty date and time cells
        // take the post back to the ideas, still approved (a status that needs no date).
        cli.write("dates.csv", "id,channel,title,date,time\r\n\(idea),twitter,An idea,2026-11-25,10:00\r\n\(id),facebook,New title,,\r\n")
        #expect(cli.run("import", "dates.csv", "--update").status == 0)
        let posts = cli.listJSON()
        let scheduled = try #require(posts.first { $0["id"] as? String == idea })
        #expect(scheduled["date"] as? String == "2026-11-25")
        #expect(scheduled["status"] as? String == "draft")
        let unscheduled = try #require(posts.first { $0["id"] as? String == id })
        #expect(unscheduled["date"] == nil || unscheduled["date"] is NSNull)
        #expect(unscheduled["status"] as? String == "approved")
    }

    @Test func exportNeverWritesOverTheCalendarOrAnotherFile() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "A")
        let calendar = cli.read()
        let onto = cli.run("export", "--output", "calendar.json")
        #expect(onto.status == 2)
        #expect(onto.stderr == "cadence: --output: 'calendar.json' is not valid; expected a file other than the calendar itself\n")
        #expect(cli.read() == calendar)
        cli.write("notes.txt", "my notes\n")
        let other = cli.run("export", "--output", "notes.txt")
        #expect(other.status == 2)
        #expect(other.stderr == "cadence: notes.txt already exists; it is not a CSV export of Cadence; use --force to replace it\n")
        #expect(cli.read("notes.txt") == Data("my notes\n".utf8))
        #expect(cli.run("export", "--output", "notes.txt", "--force").status == 0)
        #expect(cli.run("export", "--output", "notes.txt").status == 0, "an earlier export may be replaced")
        cli.add("--channel", "twitter", "--at", "2026-11-25 09:00", "--title", "B")
        #expect(cli.run("export", "--output", "notes.txt").status == 0, "also once the plan has changed")
    }

    @Test func exportKeepsASheetMadeByHandWithTheExportsColumns() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "A", "--text", "Planned")
        let header = "id,date,time,zone,channel,category,status,title,text,link,media,tags,notes"
        // A sheet being prepared for import: the export's header, rows without ids.
        let sheet = "\(header)\r\n,2026-12-01,10:00,facebook,,draft,My row,,,,,\r\n"
        cli.write("sheet.csv", sheet)
        let csv = cli.run("export", "--output", "sheet.csv")
        #expect(csv.status == 2)
        #expect(csv.stderr == "cadence: sheet.csv already exists; it has a CSV export's columns but its rows are not this calendar's posts (a sheet made by hand, or another calendar's export?); use --force to replace it\n")
        #expect(cli.text("sheet.csv") == sheet)
        let queue = "Text,Image URL,Tags,Posting Time\r\nMy own queue,,,2026-12-01 10:00\r\n"
        cli.write("queue.csv", queue)
        let buffer = cli.run("export", "--format", "buffer", "--channel", "facebook", "--output", "queue.csv")
        #expect(buffer.stderr == "cadence: queue.csv already exists; it has a Buffer export's columns but most of its rows are not posts of this calendar on the channel exported (a sheet made by hand, or another calendar's export?); use --force to replace it\n")
        #expect(cli.text("queue.csv") == queue)
        // Buffer's own earlier file gives way, even after a change to the plan.
        #expect(cli.run("export", "--format", "buffer", "--channel", "facebook", "--output", "buffer.csv").status == 0)
        cli.add("--channel", "facebook", "--at", "2026-11-25 09:00", "--title", "B", "--text", "Later")
        #expect(cli.run("export", "--format", "buffer", "--channel", "facebook", "--output", "buffer.csv").status == 0)
        #expect(cli.text("buffer.csv").contains("Later"))
        // Last week's file takes this week's export: its rows are this calendar's posts.
        cli.add("--channel", "facebook", "--at", "2026-12-01 09:00", "--title", "C", "--text", "Next week")
        #expect(cli.run("export", "--format", "buffer", "--channel", "facebook", "--week", "2026-W48", "--output", "weekly.csv").status == 0)
        let weekly = cli.run("export", "--format", "buffer", "--channel", "facebook", "--week", "2026-W49", "--output", "weekly.csv")
        #expect(weekly.status == 0, "\(weekly.stderr)")
        #expect(cli.text("weekly.csv").contains("Next week") && !cli.text("weekly.csv").contains("Later"))
        // Re-saved with plain line breaks (an editor, git's line-ending conversion): still ours.
        cli.write("weekly.csv", cli.text("weekly.csv").replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(cli.run("export", "--format", "buffer", "--channel", "facebook", "--week", "2026-W49", "--output", "weekly.csv").status == 0)
        #expect(cli.run("export", "--format", "hootsuite", "--channel", "facebook", "--week", "2026-W48", "--output", "hs.csv").status == 0)
        #expect(cli.run("export", "--format", "hootsuite", "--channel", "facebook", "--week", "2026-W49", "--output", "hs.csv").status == 0)
        // A post moved since is fine: most rows are still the plan's.
        #expect(cli.run("update", cli.listJSON().first { $0["title"] as? String == "C" }!["id"] as! String, "--at", "2026-12-01 10:00").status == 0)
        #expect(cli.run("export", "--format", "hootsuite", "--channel", "facebook", "--week", "2026-W49", "--output", "hs.csv").status == 0)
        // One row of the plan among rows of one's own is still a sheet made by hand.
        let mixed = cli.text("hs.csv") + "12/24/2026 09:00,Christmas by hand,\r\n12/25/2026 09:00,Boxing day by hand,\r\n"
        cli.write("hs.csv", mixed)
        #expect(cli.run("export", "--format", "hootsuite", "--channel", "facebook", "--week", "2026-W49", "--output", "hs.csv").status == 2)
        #expect(cli.text("hs.csv") == mixed)
        // Another channel's file is not this export's.
        #expect(cli.run("export", "--format", "buffer", "--channel", "twitter", "--output", "weekly.csv").status == 2)
        // An empty file holds nothing to lose.
        cli.write("empty.csv", "")
        #expect(cli.run("export", "--output", "empty.csv").status == 0)
    }

    @Test func oneBadRowAndNothingChanges() {
        let cli = CLI.withCalendar()
        cli.write("in.csv", "date,time,channel,title\n2026-11-24,09:00,facebook,Fine\n2026-11-24,09:00,myspace,Bad\n")
        let before = cli.read()
        let result = cli.run("import", "in.csv")
        #expect(result.status == 2)
        #expect(result.stderr == "cadence: in.csv: row 3, column 'channel': unknown channel 'myspace'; this calendar has facebook, twitter, instagram, linkedin; nothing was imported\n")
        #expect(cli.read() == before)

        // A sheet saved in a legacy encoding: the row where the text stops being UTF-8.
        FileManager.default.createFile(atPath: cli.path("latin1.csv"), contents: Data("channel,title\r\ntwitter,Fine\r\ntwitter,Caf".utf8) + Data([0xE9]) + Data("\r\n".utf8))
        let latin1 = cli.run("import", "latin1.csv")
        #expect(latin1.status == 2)
        #expect(latin1.stderr == "cadence: latin1.csv: row 3: not UTF-8 text (save the sheet as \"CSV UTF-8\"); nothing was imported\n")
        #expect(cli.read() == before)
    }

    /// Sheets as spreadsheets in other languages save them: Excel's `sep=;` line, German and
    /// US dates, AM and PM, trailing empty columns, a date and time in one cell.
    @Test func sheetsFromSpreadsheetsInOtherLanguagesImport() {
        let cli = CLI.withCalendar()
        cli.write("de.csv", "sep=;\r\nchannel;title;date;time;;\r\nfacebook;Glühwein;08.12.2026;9:00 AM;;\r\nfacebook;Stollen;2026/12/9;14:30:00;;\r\n")
        let german = cli.run("import", "de.csv")
        #expect(german.status == 0 && german.stdout.hasPrefix("Imported 2 posts from de.csv\n"), "\(german.stderr)")
        // US dates: 12/13 says the month comes first, so 12/8 is 8 December; a date and a
        // time in one cell, as Excel writes a date-time cell.
        cli.write("us.csv", "channel,title,date\nfacebook,Cocoa,12/8/2026 9:00 PM\nfacebook,Cookies,12/13/2026 12:30 am\n")
        #expect(cli.run("import", "us.csv").status == 0)
        #expect(cli.listJSON().map { "\($0["at"]!) \($0["title"]!)" } == [
            "2026-12-08T09:00:00+01:00 Glühwein", "2026-12-08T21:00:00+01:00 Cocoa", "2026-12-09T14:30:00+01:00 Stollen", "2026-12-13T00:30:00+01:00 Cookies",
        ])
        // Dates that could be either are not guessed: the error says how to tell.
        let before = cli.read()
        cli.write("either.csv", "channel,title,date,time\nfacebook,Which,12/08/2026,10:00\n")
        let either = cli.run("import", "either.csv")
        #expect(either.status == 2)
        #expect(either.stderr == "cadence: either.csv: row 2, column 'date': '12/08/2026' could be 12 August or 8 December, and no date in the sheet says which: write dates as YYYY-MM-DD, or give --date-order dmy (day first) or mdy (month first); nothing was imported\n")
        cli.write("both.csv", "channel,title,date,time\nfacebook,A,13/12/2026,10:00\nfacebook,B,12/14/2026,10:00\n")
        #expect(cli.run("import", "both.csv").stderr == "cadence: both.csv: row 3, column 'date': '12/14/2026' puts the month first, but row 2's '13/12/2026' does not; write every date one way (YYYY-MM-DD is safest); nothing was imported\n")
        for (sheet, message) in [
            ("channel,title,date,time\nfacebook,A,08.12.26,10:00\n", "row 2, column 'date': '08.12.26' has a two-digit year; write the year in full (2026)"),
            ("channel,title,date,time\nfacebook,A,2026-12-08,13:00 PM\n", "row 2, column 'time': '13:00 PM' is not valid; expected a time as HH:MM, or 1:00 to 12:59 with AM or PM"),
            ("channel,title,,\nfacebook,A,,oops\n", "row 2: cell 4 holds 'oops', but its column has no name in the header; name it or empty it (--skip-unknown-columns leaves it out)"),
            ("channel\ttitle,x\nfacebook\tA,1\n", "row 1, column 'channel\\ttitle': unknown column (it holds a tab: cells are separated by commas here, so a sheet's tabs do not split them); columns are id, date, time, zone, channel, category, status, title, text, link, media, tags, notes (--skip-unknown-columns leaves others out)"),
            ("channel,title,date,time,status\nfacebook,A,2026-12-08,10:00,idea\n", "row 2, column 'status': 'idea': an idea is a post without a date, and this one has one; give another status (such as draft) or no date"),
        ] {
            cli.write("bad.csv", sheet)
            let bad = cli.run("import", "bad.csv")
            #expect(bad.status == 2 && bad.stderr == "cadence: bad.csv: \(message); nothing was imported\n", "\(bad.stderr)")
        }
        #expect(cli.read() == before)
        cli.write("either.csv", "channel,title,date,time\nfacebook,Which,12/08/2026,10:00\n")
        #expect(cli.run("import", "--date-order", "dmy", "either.csv").stdout.contains("1 post is dated in the past (")
            && cli.listJSON().contains { $0["title"] as? String == "Which" && $0["at"] as? String == "2026-08-12T10:00:00+02:00" }, "the past date is pointed out")
        // A sheet's own columns, left out on request, are named.
        cli.write("own.csv", "channel,title,date,time,Owner,Budget\nfacebook,Own columns,2026-12-11,10:00,Nino,50\n")
        let own = cli.run("import", "--skip-unknown-columns", "own.csv")
        #expect(own.status == 0 && own.stdout.contains("Columns left out: 'Owner', 'Budget'\n"), "\(own.stdout)")
        // A tab-separated sheet (Google Sheets' TSV).
        cli.write("tabs.tsv", "channel\ttitle\tdate\ttime\ninstagram\tTabs\t2026-12-10\t11:00\n")
        #expect(cli.run("import", "tabs.tsv").status == 0 && cli.listJSON().contains { $0["title"] as? String == "Tabs" })
    }

    /// Importing a sheet again, or one that grew by a few rows, does not plan its posts twice.
    @Test func rowsAlreadyInTheCalendarAreLeftOut() {
        let cli = CLI.withCalendar()
        let sheet = "channel,title,text,date,time,media\nfacebook,Weekly tip,Grind fresh,2026-12-08,09:00,\"https://cdn.example/a.jpg, https://cdn.example/b.jpg\"\ntwitter,Poll,Which roast?,2026-12-08,10:00,\n"
        cli.write("plan.csv", sheet)
        #expect(cli.run("import", "plan.csv").stdout.hasPrefix("Imported 2 posts"))
        #expect(cli.listJSON().first?["media"] as? [String] == ["https://cdn.example/a.jpg", "https://cdn.example/b.jpg"], "a comma between addresses separates them")
        let before = cli.read()
        let again = cli.run("import", "plan.csv")
        #expect(again.status == 0 && again.stdout == "Nothing to import: every row of plan.csv is already in the calendar\n2 rows left out: each says what a post in the calendar or an earlier row says (the same channel, title and text, at the same time, or on the same day for a date alone; rows 2 and 3); to import such a row anyway, give it an id of its own in an id column\n", "\(again.stdout)")
        #expect(cli.read() == before)
        cli.write("plan.csv", sheet + "instagram,Latte art,Swan,2026-12-09,11:00,latte.jpg\n")
        let grown = cli.run("import", "plan.csv")
        #expect(grown.stdout.hasPrefix("Imported 1 post from plan.csv\n2 rows left out"), "\(grown.stdout)")
        #expect(cli.listJSON().count == 3)
        // Updating by id, the channel and title may be left out of the sheet.
        let id = cli.listJSON().first!["id"] as! String
        cli.write("approve.csv", "id,status\n\(id),approved\n")
        let approve = cli.run("import", "--update", "approve.csv")
        #expect(approve.status == 0 && approve.stdout.hasPrefix("Updated 1 post from approve.csv"), "\(approve.stderr)")
        #expect(cli.listJSON().first.map { "\($0["status"]!) \($0["title"]!) \($0["channel"]!)" } == "approved Weekly tip facebook")
        cli.write("approve.csv", "id,status\nnosuchpost,approved\n")
        #expect(cli.run("import", "--update", "approve.csv").stderr == "cadence: approve.csv: row 2, column 'channel': a new post needs a channel (no post 'nosuchpost' is in the calendar to update); nothing was imported\n")
    }

    @Test func exportFiltersByChannelAndDays() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "A")
        cli.add("--channel", "twitter", "--at", "2026-11-24 10:00", "--title", "B")
        cli.add("--channel", "twitter", "--at", "2026-12-24 10:00", "--title", "C")
        let rows = cli.run("export", "--channel", "twitter", "--week", "2026-W48").stdout.split(separator: "\r\n")
        #expect(rows.count == 2)
        #expect(rows[1].contains(",B,"))
    }
}

@Suite("Pipes, devices and output that cannot be written")
struct OutputTests {
    /// Runs cadence with its standard output sent where the shell command says.
    func run(_ cli: CLI, _ redirect: String, _ arguments: [String]) -> CLI.Result {
        cli.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" \"$@\" \(redirect)", CLI.binary.path] + arguments)
    }

    @Test func aFullDiskOrAClosedOutputIsAnErrorNotASuccess() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "Winter blend")
        for arguments in [["export"], ["export", "--format", "ics"], ["list"], ["list", "--format", "json"], ["check"], ["channels"]] {
            let result = run(cli, ">/dev/full", arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == "cadence: could not write the output: No space left on device\n", "\(arguments)")
        }
        // Output bigger than one buffer fails at an earlier write, whose reason is gone by the
        // end: still an error, and no made-up reason.
        for day in 1...28 {
            cli.add("--channel", "twitter", "--at", "2026-12-\(day < 10 ? "0" : "")\(day) 09:00", "--title", String(repeating: "Long title ", count: 30))
        }
        let big = run(cli, ">/dev/full", ["list"])
        #expect(big.status == 2)
        #expect(big.stderr == "cadence: could not write all of the output (is the disk full?)\n", "\(big.stderr)")
        let before = cli.read()
        let closed = run(cli, ">&-", ["add", "--channel", "twitter", "--title", "Lost id"])
        #expect(closed.status == 2 && closed.stderr.hasPrefix("cadence: could not write the output: "))
        #expect(cli.read() != before, "the post was added; only its id could not be shown")
    }

    @Test func importReadsStandardInputAndPipes() {
        let cli = CLI.withCalendar()
        cli.write("rows.csv", "channel,title\r\nfacebook,From a pipe\r\n")
        let stdin = cli.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "sed 's/a pipe/standard input/' rows.csv | \"$0\" import -", CLI.binary.path])
        #expect(stdin.status == 0 && stdin.stdout.hasPrefix("Imported 1 post from standard input\n"), "\(stdin.stderr)")
        let fifo = cli.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "mkfifo rows.pipe; timeout -s KILL 10 cat rows.csv > rows.pipe & \"$0\" import rows.pipe; wait", CLI.binary.path])
        #expect(fifo.status == 0 && fifo.stdout.hasPrefix("Imported 1 post from rows.pipe\n"), "\(fifo.stderr)")
        cli.expectTitlesInFile(["From standard input", "From a pipe"])
        let before = cli.read()
        let bad = cli.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf 'channel,title\\r\\nnope,x\\r\\n' | \"$0\" import -", CLI.binary.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("cadence: standard input: row 2, column 'channel': unknown channel 'nope'"))
        #expect(cli.read() == before)
    }

    @Test func importedRowsWithADayAloneTakeTheNextFreePostingTimes() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-12-01 09:00", "--title", "Already there")
        cli.write("plan.csv", """
            date,time,channel,title
            2026-12-01,,facebook,Second
            2026-12-01,,facebook,Third
            2026-12-01T15:00:00+01:00,,twitter,One column
            2026-12-02 10:00,,twitter,Typed

            """)
        let result = cli.run("import", "plan.csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 rows gave a day without a time: each took the next free time that day, the channel's posting times first (the first: "), "\(result.stdout)")
        let saved = cli.listJSON().map { "\($0["at"]!) \($0["title"]!)" }
        #expect(saved == ["2026-12-01T09:00:00+01:00 Already there", "2026-12-01T13:00:00+01:00 Second", "2026-12-01T15:00:00+01:00 One column",
                          "2026-12-01T18:00:00+01:00 Third", "2026-12-02T10:00:00+01:00 Typed"], "the rows before count: \(saved)")
        // A later row's own time is not taken first.
        cli.write("later.csv", "date,time,channel,title\n2026-12-08,,facebook,A2\n2026-12-08,,facebook,B2\n2026-12-08,13:00,facebook,C2\n")
        #expect(cli.run("import", "later.csv").status == 0)
        let dec8 = cli.listJSON().filter { ($0["date"] as? String) == "2026-12-08" }.map { "\($0["time"]!) \($0["title"]!)" }
        #expect(dec8 == ["09:00 A2", "13:00 C2", "18:00 B2"], "\(dec8)")
        // A row that updates a post keeps its time of day when free, as update --at does.
        let typed = cli.listJSON().first { $0["title"] as? String == "Typed" }!["id"] as! String
        cli.write("again.csv", "id,date,time,channel,title\n\(typed),2026-12-03,,twitter,Typed\n")
        let again = cli.run("import", "again.csv", "--update")
        #expect(again.status == 0 && !again.stdout.contains("without a time"), "\(again.stdout)")
        #expect(cli.listJSON().contains { $0["at"] as? String == "2026-12-03T10:00:00+01:00" && $0["title"] as? String == "Typed" })
        // A time in both cells is refused, naming the cell.
        let before = cli.read()
        cli.write("both.csv", "date,time,channel,title\n2026-12-03T10:00,10:00,facebook,Both\n")
        let both = cli.run("import", "both.csv")
        #expect(both.status == 2)
        #expect(both.stderr == "cadence: both.csv: row 2, column 'date': '2026-12-03T10:00' holds a time too; put the day alone here, or leave the time column empty; nothing was imported\n")
        #expect(cli.read() == before)
    }

    @Test func anExportIntoAPipeWritesIntoIt() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "Winter blend")
        #expect(mkfifo(cli.path("pipe"), 0o600) == 0)
        // The pipe is read by a second program while cadence writes into it.
        let both = cli.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "timeout -s KILL 10 cat pipe > got.csv & timeout -s KILL 10 \"$0\" export --output pipe; wait", CLI.binary.path])
        #expect(both.status == 0 && both.stderr == "cadence: wrote 1 post to pipe\n")
        #expect(cli.text("got.csv").contains(",Winter blend,"))
        var info = stat()
        #expect(stat(cli.path("pipe"), &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "still a pipe, not replaced by a file")
    }
}

@Suite("cadence export --format ics")
struct ICalendarCommandTests {
    /// Reads an export with a real iCalendar parser (Python's icalendar, which the test command
    /// installs): the events as the parser sees them, unescaped and unfolded.
    func parse(_ cli: CLI, _ file: String) throws -> [[String: String]] {
        let script = """
            import icalendar, json, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            print(json.dumps([{'uid': str(e['UID']), 'start': e['DTSTART'].dt.isoformat(), 'end': (e['DTSTART'].dt + e['DURATION'].dt).isoformat(),
                'summary': str(e['SUMMARY']), 'description': str(e['DESCRIPTION']), 'url': str(e.get('URL', ''))}
                for e in cal.walk('VEVENT')]))
            """
        let result = cli.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, cli.path(file)])
        try #require(result.status == 0, "python3 with icalendar could not read the export: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]])
    }

    @Test func calendarsReadTheExportAsOneEventPerScheduledPost() throws {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:30", "--title", "Зимняя распродажа, -20%; сегодня",
            "--text", "ქართული ტექსტი\nSecond line, with a comma; and a \\ backslash " + String(repeating: "日本語 ", count: 20),
            "--link", "https://example.com/sale?a=1&b=2", "--status", "approved")
        cli.add("--channel", "twitter", "--at", "2026-10-25 02:30", "--title", "The first 02:30")
        cli.add("--channel", "instagram", "--title", "An idea")
        let result = cli.run("export", "--format", "ics", "--output", "plan.ics")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "cadence: wrote 2 posts to plan.ics (1 idea left out: no date)\n")

        let posts = cli.listJSON().filter { $0["date"] is String }
        let events = try parse(cli, "plan.ics")
        #expect(events.count == 2)
        let utc = ISO8601DateFormatter()
        for (post, event) in zip(posts, events) {
            let id = try #require(post["id"] as? String)
            #expect(event["uid"] == "\(id)@cadence")
            let atText = try #require(post["at"] as? String)
            let at = try #require(utc.date(from: atText))
            #expect(utc.date(from: event["start"] ?? "") == at, "\(event)")
            #expect(utc.date(from: event["end"] ?? "") == at.addingTimeInterval(15 * 60))
            #expect(event["description"]?.hasPrefix(post["text"] as? String ?? "") == true)
        }
        #expect(events[0]["start"] == "2026-10-25T00:30:00+00:00", "the first 02:30 of the night the clocks go back, in summer time")
        #expect(events[1]["summary"] == "Facebook · Зимняя распродажа, -20%; сегодня")
        #expect(events[1]["url"] == "https://example.com/sale?a=1&b=2")
        #expect(cli.run("export", "--format", "ics").stdout == cli.text("plan.ics"), "standard output unless --output")
        let empty = cli.run("export", "--format", "ics", "--week", "2027-W10")
        #expect(empty.status == 0 && empty.stderr == "cadence: note: no scheduled post to export: the file holds no events, which some calendar apps refuse\n", "\(empty.stderr)")
    }

    @Test func anICalendarExportReplacesOnlyAnEarlierOne() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:00", "--title", "A")
        #expect(cli.run("export", "--format", "ics", "--output", "plan.ics").status == 0)
        #expect(cli.run("export", "--format", "ics", "--output", "plan.ics").status == 0, "an earlier export may be replaced")
        // A CSV export onto it: the name says iCalendar, and so does the file (named without an extension).
        #expect(cli.run("export", "--format", "csv", "--output", "plan.ics").status == 2)
        #expect(cli.run("export", "--format", "ics", "--output", "feed").status == 0)
        let onto = cli.run("export", "--format", "csv", "--output", "feed")
        #expect(onto.status == 2)
        #expect(onto.stderr == "cadence: feed already exists; it is an iCalendar export of Cadence, and this is a CSV export (--format ics writes an iCalendar export again); use --force to replace it\n", "\(onto.stderr)")
        cli.write("mine.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n")
        let other = cli.run("export", "--format", "ics", "--output", "mine.ics")
        #expect(other.status == 2)
        #expect(other.stderr == "cadence: mine.ics already exists; it is not an iCalendar export of Cadence; use --force to replace it\n")
        #expect(cli.text("mine.ics").contains("Google"))
        #expect(cli.run("export", "--output", "week.ICS").status == 0)
        #expect(cli.text("week.ICS").hasPrefix("BEGIN:VCALENDAR\r\n"), "the file's extension picks the format")
        #expect(cli.run("export", "--output", "week.txt").status == 0)
        #expect(cli.text("week.txt").hasPrefix("id,date,time,"), "CSV unless the name says otherwise")
    }
}

@Suite("cadence export --format buffer|hootsuite")
struct BulkUploadCommandTests {
    @Test func anExportNamesItsFormatAndWaitsForConflictsBeforeQueueing() {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "facebook", "--at", "2026-11-24 09:30", "--title", "Sale", "--text", "Winter sale")
        // A name that says no format Cadence writes is refused, not filled with CSV.
        let xlsx = cli.run("export", "--output", "plan.xlsx")
        #expect(xlsx.status == 2)
        #expect(xlsx.stderr == "cadence: --output: 'plan.xlsx' is not valid; expected a name ending in .csv, .txt or .ics, or --format (csv, ics, buffer, hootsuite) to say what to write\n")
        #expect(cli.read("plan.xlsx") == nil)
        #expect(cli.run("export", "--format", "csv", "--output", "plan.xlsx").status == 0, "--format says it")
        // A name that says another format than --format is a mix-up the next import trips on.
        let mixed = cli.run("export", "--format", "ics", "--output", "plan.csv")
        #expect(mixed.status == 2 && mixed.stderr == "cadence: --output: 'plan.csv' is not valid; expected a name that says what it holds: --format ics writes an iCalendar export, so end it in .ics (or leave --format out to go by the name)\n", "\(mixed.stderr)")
        #expect(cli.run("export", "--format", "buffer", "--output", "queue.ics").status == 2)
        #expect(cli.read("plan.csv") == nil && cli.read("queue.ics") == nil)
        // - is standard output.
        let dash = cli.run("export", "--output", "-")
        #expect(dash.status == 0 && dash.stdout.hasPrefix("id,date,time,zone,channel"))
        #expect(cli.read("-") == nil)
        // A merge conflict on the post: the same title changed on both sides.
        cli.write("base.json", cli.text())
        cli.write("theirs.json", cli.text())
        #expect(cli.run("update", id, "--title", "Ours").status == 0)
        #expect(cli.run("update", id, "--title", "Theirs", "--file", "theirs.json").status == 0)
        #expect(cli.run("merge-driver", "base.json", "calendar.json", "theirs.json").status == 1)
        let csv = cli.run("export")
        #expect(csv.status == 0)
        #expect(csv.stderr == "cadence: note: 1 post in this export has an unsettled merge conflict (the first: \(id) “Ours”); the export holds the version merged into, see 'cadence check'\n")
        let buffer = cli.run("export", "--format", "buffer", "--output", "buffer.csv")
        #expect(buffer.status == 2)
        #expect(buffer.stderr.hasPrefix("cadence: 1 post in this export has an unsettled merge conflict"))
        #expect(buffer.stderr.hasSuffix("; settle it before queueing posts (cadence resolve, or the planner), see 'cadence check'\n"))
        #expect(cli.read("buffer.csv") == nil)
    }

    /// A picture the sheet cannot carry is named before the upload; where the network needs
    /// one (Instagram), Buffer's file is not written at all.
    @Test func mediaTheSheetCannotCarryAndUnapprovedPostsAreNamed() {
        let cli = CLI.withCalendar()
        let local = cli.add("--channel", "instagram", "--at", "2026-11-25 11:00", "--title", "Latte art", "--text", "Swan", "--media", "img/latte.jpg")
        let before = cli.read()
        let refused = cli.run("export", "--format", "buffer", "--channel", "instagram", "-o", "ig.csv")
        #expect(refused.status == 2)
        #expect(refused.stderr == "cadence: post \(local) (“Latte art”, 2026-11-25 11:00) has no picture on the web (img/latte.jpg), and Instagram posts need one; Buffer's sheet takes a picture by its address: give the post an https:// image in its media\n")
        #expect(cli.read("ig.csv") == nil && cli.read() == before)
        #expect(cli.run("update", local, "--media", "https://cdn.example/latte.jpg, img/latte-2.jpg", "--status", "approved").status == 0)
        let buffer = cli.run("export", "--format", "buffer", "--channel", "instagram")
        #expect(buffer.status == 0 && buffer.stdout.contains("Swan,https://cdn.example/latte.jpg,,2026-11-25 11:00"))
        #expect(buffer.stderr == "cadence: note: 1 post has media the sheet cannot carry (it takes one picture, by its web address): attach it in Buffer (\(local) “Latte art”)\n")
        // Hootsuite's sheet has no picture column; drafts are pointed out, and --status leaves them out.
        cli.add("--channel", "facebook", "--at", "2026-11-25 12:00", "--title", "Draft", "--text", "Not yet")
        let approvedID = cli.add("--channel", "facebook", "--at", "2026-11-25 13:00", "--title", "Ready", "--text", "Go", "--media", "cup.jpg", "--status", "approved", "--link", "acme.example/go")
        let hootsuite = cli.run("export", "--format", "hootsuite", "--channel", "facebook")
        #expect(hootsuite.stdout == "11/25/2026 12:00,Not yet,\r\n11/25/2026 13:00,Go,https://acme.example/go\r\n", "a link as people write it goes as a full address")
        #expect(hootsuite.stderr == "cadence: note: 1 post has media, which Hootsuite's sheet has no column for: attach it in Hootsuite (\(approvedID) “Ready”)\ncadence: note: 1 post in the file is not approved yet (idea, draft or review); --status approved,scheduled leaves such posts out\n")
        let approved = cli.run("export", "--format", "hootsuite", "--channel", "facebook", "--status", "approved,scheduled")
        #expect(approved.stdout == "11/25/2026 13:00,Go,https://acme.example/go\r\n" && !approved.stderr.contains("not approved"))
        #expect(cli.run("export", "--status", "approved,later").stderr == "cadence: --status: 'later' is not valid; expected one of idea, draft, review, approved, scheduled, published, or several separated by commas\n")
        #expect(cli.run("list", "--status", "draft,approved").stdout.components(separatedBy: "draft").count == 2)
    }

    /// A text longer than the network takes would be refused at upload: the export stops and
    /// names every such post, one a line.
    @Test func aControlCharacterOfAHandEditIsShownAndSaid() {
        let cli = CLI.withCalendar()
        let id = cli.add("--channel", "facebook", "--at", "2026-11-25 12:00", "--title", "Bell", "--text", "Ding")
        cli.write("calendar.json", cli.text().replacingOccurrences(of: "\"title\": \"Bell\"", with: "\"title\": \"Bell\\u0007\\u001b[31m\""))
        let csv = cli.run("export", "--format", "csv")
        #expect(csv.status == 0)
        #expect(csv.stdout.contains(",Bell\u{FFFD}\u{FFFD}[31m,Ding,") && !csv.stdout.contains("\u{1B}"), "nothing a terminal would run")
        #expect(csv.stderr == "cadence: note: 1 post holds a control character (a hand edit of the file?), written as � (the first: \(id) “Bell��[31m”)\n", "\(csv.stderr)")
        let ics = cli.run("export", "--format", "ics")
        #expect(ics.stdout.contains("SUMMARY:Facebook · Bell[31m") && ics.stderr.contains("holds a control character (a hand edit of the file?), left out"), "\(ics.stderr)")
    }

    @Test func aTextTooLongForTheNetworkStopsTheBulkUpload() {
        let cli = CLI.withCalendar()
        let long = cli.add("--channel", "twitter", "--at", "2026-11-25 12:00", "--title", "Thread", "--text", String(repeating: "ა", count: 281))
        let empty = cli.add("--channel", "twitter", "--at", "2026-11-26 12:00", "--title", "Empty")
        for (format, tool, emptyReason) in [("buffer", "Buffer", "has no text and no image URL; Buffer needs one of them"), ("hootsuite", "Hootsuite", "has no text; Hootsuite needs a message")] {
            let refused = cli.run("export", "--format", format, "--channel", "twitter", "-o", "\(format).csv")
            #expect(refused.status == 2)
            #expect(refused.stderr == """
                cadence: 2 posts would be refused by \(tool), so nothing was written:
                  post \(long) (“Thread”, 2026-11-25 12:00) has a text of 281 characters, at most 280 on Twitter; \(tool) would refuse it: shorten the text
                  post \(empty) (“Empty”, 2026-11-26 12:00) \(emptyReason)

                """, "\(refused.stderr)")
            #expect(cli.read("\(format).csv") == nil)
        }
        // A calendar that makes the limit a warning still cannot make the tool take the post.
        cli.write("calendar.json", cli.text().replacingOccurrences(of: "\"rules\": {\n    \"category-per-week\"", with: "\"rules\": {\n    \"text-length\": {\"severity\": \"warning\"},\n    \"category-per-week\""))
        #expect(cli.run("check").stdout.contains("warning  Wed 25 Nov 2026 12:00 · Twitter · “Thread”: 281 characters, at most 280  [text-length]"))
        #expect(cli.run("export", "--format", "buffer", "--channel", "twitter").stderr.contains("has a text of 281 characters, at most 280 on Twitter; Buffer would refuse it"))
        #expect(cli.run("update", long, "--text", String(repeating: "ა", count: 280)).status == 0)
        #expect(cli.run("remove", empty).status == 0)
        #expect(cli.run("export", "--format", "hootsuite", "--channel", "twitter").status == 0)
    }

    @Test func aSettingsConflictAlsoHoldsBackTheBulkUploads() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:30", "--title", "Sale", "--text", "Winter sale")
        // Facebook's daily maximum changed differently on both sides.
        let text = cli.text()
        #expect(text.contains("\"max\" : 5") || text.contains("\"max\": 5"))
        func maximum(_ n: Int) -> String { text.replacingOccurrences(of: "\"max\": 5", with: "\"max\": \(n)").replacingOccurrences(of: "\"max\" : 5", with: "\"max\" : \(n)") }
        cli.write("base.json", text)
        cli.write("theirs.json", maximum(3))
        cli.write("calendar.json", maximum(4))
        #expect(cli.run("merge-driver", "base.json", "calendar.json", "theirs.json").status == 1)
        for tool in ["buffer", "hootsuite"] {
            let refused = cli.run("export", "--format", tool, "--output", "\(tool).csv")
            #expect(refused.status == 2)
            #expect(refused.stderr == "cadence: the calendar's settings have 1 unsettled merge conflict (the first: channel facebook › rules › posts-per-day › max); settle it before queueing posts (cadence resolve --settings, or the planner), see 'cadence check'\n")
            #expect(cli.read("\(tool).csv") == nil)
        }
        let csv = cli.run("export")
        #expect(csv.status == 0 && csv.stdout.contains("Winter sale"))
        #expect(csv.stderr == "cadence: note: the calendar's settings have 1 unsettled merge conflict (the first: channel facebook › rules › posts-per-day › max), see 'cadence check'\n")
        #expect(cli.run("resolve", "--settings", "--take", "mine").status == 0)
        #expect(cli.run("export", "--format", "buffer").status == 0)
    }

    @Test func theUpcomingPostsOfOneChannelGoToBuffer() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "facebook", "--at", "2026-11-20 09:00", "--title", "Past", "--text", "Yesterday")
        cli.add("--channel", "facebook", "--at", "2026-11-24 09:30", "--title", "Sale", "--text", "Winter sale", "--link", "https://example.com/s")
        cli.add("--channel", "twitter", "--at", "2026-11-24 10:00", "--title", "Tweet", "--text", "Hi")
        let before = cli.read()

        let both = cli.run("export", "--format", "buffer", "--output", "buffer.csv")
        #expect(both.status == 2)
        #expect(both.stderr == "cadence: Buffer takes one file per channel (every row goes to the profiles chosen at upload); this export has posts on facebook, twitter: give --channel\n")
        #expect(cli.read("buffer.csv") == nil, "nothing is written")

        let facebook = cli.run("export", "--format", "buffer", "--channel", "facebook", "--output", "buffer.csv")
        #expect(facebook.status == 0, "\(facebook.stderr)")
        #expect(facebook.stderr == "cadence: wrote 1 post to buffer.csv (1 past post left out)\ncadence: note: 1 post in the file is not approved yet (idea, draft or review); --status approved,scheduled leaves such posts out\n")
        #expect(cli.text("buffer.csv") == "Text,Image URL,Tags,Posting Time\r\n\"Winter sale\n\nhttps://example.com/s\",,,2026-11-24 09:30\r\n")
        #expect(cli.run("export", "--format", "buffer", "--channel", "facebook", "--output", "buffer.csv").status == 0, "an earlier export may be replaced")
        #expect(cli.read() == before, "exports never change the calendar")
    }

    @Test func theSecondOfTwoRepeatedTimesIsRefusedBySheetsWithoutOffsets() {
        var cli = CLI.withCalendar()
        cli.environment["CADENCE_NOW"] = "2026-10-20T10:00:00+02:00"
        cli.add("--channel", "twitter", "--at", "2026-10-25 02:30", "--title", "First", "--text", "One")
        let second = cli.add("--channel", "twitter", "--at", "2026-10-25 02:30+01:00", "--title", "Second", "--text", "Two")
        for tool in ["buffer", "hootsuite"] {
            let refused = cli.run("export", "--format", tool)
            #expect(refused.status == 2 && refused.stdout.isEmpty)
            #expect(refused.stderr == "cadence: post \(second) (“Second”, 2026-10-25 02:30+01:00) is in the second 02:30 of a night the clocks go back; \(tool == "buffer" ? "Buffer" : "Hootsuite")'s sheet has no UTC offset to tell it from the first: move the post out of that hour\n")
        }
        #expect(cli.run("update", second, "--at", "2026-10-25 03:30").status == 0)
        #expect(cli.run("export", "--format", "buffer").stdout == "Text,Image URL,Tags,Posting Time\r\nOne,,,2026-10-25 02:30\r\nTwo,,,2026-10-25 03:30\r\n")
    }

    @Test func hootsuiteRefusesATimeOffItsFiveMinuteStepsAndWritesNothing() {
        let cli = CLI.withCalendar()
        cli.add("--channel", "twitter", "--at", "2026-11-24 10:00", "--title", "Fine", "--text", "On the hour")
        let odd = cli.add("--channel", "twitter", "--at", "2026-11-24 10:07", "--title", "Odd", "--text", "Seven past")
        // Now is 21 Nov 10:00: a post five minutes ahead is still to come, but too soon for Hootsuite.
        cli.add("--channel", "twitter", "--at", "2026-11-21 10:05", "--title", "Soon", "--text", "In five minutes")
        let refused = cli.run("export", "--format", "hootsuite", "--output", "hootsuite.csv")
        #expect(refused.status == 2)
        #expect(refused.stderr == "cadence: post \(odd) (“Odd”, 2026-11-24 10:07) is not on a 5-minute step; Hootsuite takes times such as 09:05 or 09:10\n")
        #expect(cli.read("hootsuite.csv") == nil)
        #expect(cli.run("update", odd, "--at", "2026-11-24 10:10").status == 0)
        let written = cli.run("export", "--format", "hootsuite")
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "11/24/2026 10:00,On the hour,\r\n11/24/2026 10:10,Seven past,\r\n")
        #expect(written.stderr == "cadence: wrote 2 posts (1 post less than 10 minutes ahead left out: Hootsuite takes posts from 10 minutes ahead)\ncadence: note: 2 posts in the file are not approved yet (idea, draft or review); --status approved,scheduled leaves such posts out\n")
        cli.write("hootsuite.csv", written.stdout)
        #expect(cli.run("export", "--format", "hootsuite", "--output", "hootsuite.csv").status == 0, "an earlier export may be replaced")
        #expect(cli.run("export", "--format", "buffer", "--output", "hootsuite.csv").stderr
            == "cadence: hootsuite.csv already exists; it is a Hootsuite export of Cadence, and this is a Buffer export (--format hootsuite writes a Hootsuite export again); use --force to replace it\n")
    }
}
