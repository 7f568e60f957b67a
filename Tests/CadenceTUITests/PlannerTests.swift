import CadenceCore
import CadenceTUI
import Foundation
import Testing

@Suite("Week grid")
struct WeekGridTests {
    @Test func theWeekByChannelWithCountsTitlesAndMarks() {
        let state = plannerState(size: Size(width: 80, height: 20)) { calendar in
            for hour in 8..<14 { calendar.add("f\(hour)", "facebook", "2026-11-25 \(hour):00", "Post \(hour)", status: .approved) }
            calendar.add("t1", "twitter", "2026-11-24 09:00", "ქართული ტვიტი", status: .approved)
            calendar.add("i1", "instagram", "2026-11-26 12:00", "日本語のポスト", status: .approved)
        }
        let lines = screen(state)
        #expect(lines == [
            " Acme · 2026-W48 · 23–29 Nov 2026               [Week]  Month   Agenda   Ideas",
            "          │Mon 23   │Tue 24 • │Wed 25   │Thu 26   │Fri 27   │Sat 28   │Sun 29",
            "──────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────",
            " Facebook │0/1–5   ⚠│0/1–5   ⚠│6/1–5   ✖│0/1–5   ⚠│0/1–5   ⚠│0/1–5   ⚠│0/1–5   ⚠",
            " 1–5 a day│         │         │Post 8   │         │         │         │",
            "          │         │         │+5 more  │         │         │         │",
            "──────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────",
            " Twitter  │0/≤10    │1/≤10    │0/≤10    │0/≤10    │0/≤10    │0/≤10    │0/≤10",
            " ≤10 a day│         │ქართული… │         │         │         │         │",
            "          │         │         │         │         │         │         │",
            "──────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────",
            " Instagram│         │         │         │1       ✖│         │         │",
            " 1/3–7 wk⚠│         │         │         │✖日本語… │         │         │",
            "          │         │         │         │         │         │         │",
            "──────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────",
            " LinkedIn │         │         │         │         │         │         │",
            "          │         │         │         │         │         │         │",
            "          │         │         │         │         │         │         │",
            " plan.json · saved                              2026-W48 ✖ 2 ⚠ 7 · plan ✖ 2 ⚠ 7",
            " hjkl move  [ ] week  a add  Enter open  e edit  m move  v view  ? help  q quit",  // views, help and the way out always fit
        ])
    }

    @Test func aWeekFromSundayShowsItsDaysAndTheZoneInTheHeader() throws {
        var calendar = try TemplateCatalog.find("default", userFolder: nil).instantiate(name: "NY Bagels", zone: ZoneClock(identifier: "America/New_York")!)
        calendar.weekStart = .sunday
        let state = AppState(calendar: calendar, filePath: "plan.json", now: ZoneClock.parseTimestamp("2026-11-24T10:00:00-05:00")!, size: Size(width: 100, height: 30))
        let lines = screen(state)
        #expect(lines[0].hasPrefix(" NY Bagels · 22–28 Nov 2026 (Sun–Sat) · America/New_York"), "\(lines[0])")
        #expect(lines[1].hasPrefix("           │Sun 22     │Mon 23"), "\(lines[1])")
    }

    @Test func theCursorCellIsReversedAndFollowsTheKeys() {
        var state = plannerState()
        let before = PlannerView.render(state)
        press(&state, .char("l"), .char("j"), .down, .left, .right)
        #expect(state.cursor == GridCursor(channel: 2, day: CivilDate(iso: "2026-11-25")!))
        let buffer = PlannerView.render(state)
        #expect(before != buffer)
        // The selected cell (Instagram, Wed 25) is drawn in reverse: one block of the grid's body.
        let body = 1..<(buffer.size.height - 2)
        let reversed = body.flatMap { y in (0..<buffer.size.width).filter { buffer[$0, y].style.reverse }.map { ($0, y) } }
        #expect(Set(reversed.map(\.1)) == Set(15..<20), "Instagram's band of rows")
        #expect(Set(reversed.map(\.0)) == Set(36..<47), "Wed 25's column")
    }

    @Test func weeksMoveWithBracketsAndTodayComesBack() {
        var state = plannerState()
        press(&state, .char("]"), .char("]"))
        #expect(screen(state)[0].contains("2026-W50 · 7–13 Dec 2026"))
        press(&state, .char("["), .char("["), .char("["))
        #expect(screen(state)[0].contains("2026-W47 · 16–22 Nov 2026"))
        press(&state, .char("t"))
        #expect(state.cursor.day == CivilDate(iso: "2026-11-24")!)
        press(&state, .char("g"))
        type(&state, "2027-01-01")
        press(&state, .enter)
        #expect(screen(state)[0].contains("2026-W53 · 28 Dec 2026 – 3 Jan 2027"))
        press(&state, .char("g"))
        type(&state, "2027-02-30")
        press(&state, .enter)
        #expect(screen(state).has("✖ no such day: February 2027 has 28 days"))
        press(&state, .ctrl("u"))
        type(&state, "2027-W53")
        press(&state, .enter)
        #expect(screen(state).has("✖ no such week: 2027 has 52 ISO weeks"))
        press(&state, .ctrl("u"))
        type(&state, "someday")
        press(&state, .enter)
        #expect(screen(state).has("✖ not a date or week (2026-12-24, 12-24, fri, W52, next)"))
        press(&state, .ctrl("u"))
        type(&state, "2027-W10")
        press(&state, .enter)
        #expect(screen(state)[0].contains("2027-W10 · 8–14 Mar 2027"))
        press(&state, .char("g"))
        type(&state, "next")
        press(&state, .enter)
        #expect(screen(state)[0].contains("2026-W49 · 30 Nov – 6 Dec 2026"), "the week after today's")
        // Short forms, the one nearest the day in view: in December, January is the coming one.
        press(&state, .char("g"))
        type(&state, "w52")
        press(&state, .enter)
        #expect(screen(state)[0].contains("2026-W52 · 21–27 Dec 2026"))
        press(&state, .char("g"))
        type(&state, "1-5")
        press(&state, .enter)
        #expect(state.cursor.day == CivilDate(iso: "2027-01-05")!)
        press(&state, .char("g"))
        type(&state, "W3")
        press(&state, .enter)
        #expect(screen(state)[0].contains("2027-W03 · 18–24 Jan 2027"))
        // From the first days of 2027, in 2026's 53rd week, 12-28 is the Monday just gone.
        press(&state, .char("g"))
        type(&state, "2027-01-01")
        press(&state, .enter)
        press(&state, .char("g"))
        type(&state, "12-28")
        press(&state, .enter)
        #expect(state.cursor.day == CivilDate(iso: "2026-12-28")! && screen(state)[0].contains("2026-W53 · 28 Dec 2026 – 3 Jan 2027"))
        press(&state, .char("g"))
        type(&state, "W1")
        press(&state, .enter)
        #expect(screen(state)[0].contains("2027-W01 · 4–10 Jan 2027"))
        press(&state, .char("g"))
        type(&state, "W53")
        press(&state, .enter)
        #expect(screen(state)[0].contains("2026-W53"), "the nearest year that has one")
    }

    @Test func aClickSelectsTheCellUnderIt() {
        var state = plannerState(size: Size(width: 80, height: 20))
        // Twitter's band is rows 7–9; Fri 27 is the fifth day column (x 51…59).
        Reducer.reduce(&state, .mouse(MouseEvent(x: 53, y: 8, kind: .click)))
        #expect(state.cursor == GridCursor(channel: 1, day: CivilDate(iso: "2026-11-27")!))
        Reducer.reduce(&state, .mouse(MouseEvent(x: 3, y: 8, kind: .click)))
        #expect(state.cursor.channel == 1, "a click outside the cells changes nothing")
    }

    @Test func aClickOnAHeaderTabOpensItsView() {
        var state = plannerState()
        func click(_ title: String) {
            let header = screen(state)[0]
            let x = header.distance(from: header.startIndex, to: header.range(of: title)!.lowerBound)
            press(&state, .mouse(MouseEvent(x: x + 1, y: 0, kind: .click)))
        }
        click("Agenda")
        #expect(state.view == .agenda)
        #expect(screen(state)[0].hasSuffix(" Week   Month  [Agenda]  Ideas"))
        click("Ideas")
        #expect(state.view == .ideas)
        click("Month")
        #expect(state.view == .month)
        click("Week")
        #expect(state.view == .week)
        press(&state, .mouse(MouseEvent(x: 5, y: 0, kind: .click)))
        #expect(state.view == .week && state.topOverlay == nil, "the calendar's name is no tab")
    }

    @Test func aClickInTheFormFocusesAFieldAndPicksAnOption() throws {
        // Wide enough for the grid to show either side of the form.
        var state = plannerState(size: Size(width: 140, height: 30))
        press(&state, .char("a"))
        let lines = screen(state)
        func at(_ text: String, row: Int) -> Int { lines[row].distance(from: lines[row].startIndex, to: lines[row].range(of: text)!.lowerBound) }
        let channelRow = lines.firstIndex { $0.contains("│Channel") }!
        press(&state, .mouse(MouseEvent(x: at("Instagram", row: channelRow) + 2, y: channelRow, kind: .click)))
        var form = try #require(topForm(state))
        #expect(form.focus == .channel && state.calendar.channels[form.channel].id == "instagram")
        #expect(screen(state)[channelRow].contains("[Instagram]"))
        let statusRow = lines.firstIndex { $0.contains("│Status") }!
        press(&state, .mouse(MouseEvent(x: at("approved", row: statusRow), y: statusRow, kind: .click)))
        form = try #require(topForm(state))
        #expect(form.focus == .status && form.statusValue == .approved)
        let dateRow = lines.firstIndex { $0.contains("│Date") }!
        press(&state, .mouse(MouseEvent(x: at("Time", row: dateRow) + 6, y: dateRow, kind: .click)))
        #expect(try #require(topForm(state)).focus == .time)
        press(&state, .mouse(MouseEvent(x: at("Date", row: dateRow) + 12, y: dateRow, kind: .click)))
        #expect(try #require(topForm(state)).focus == .date)
        // A click beside the box, on a field's row or the text's, is not the form's.
        let textRow = lines.firstIndex { $0.contains("│Text") }!
        let left = lines[textRow].distance(from: lines[textRow].startIndex, to: lines[textRow].range(of: "│Text")!.lowerBound)
        for (x, y) in [(left - 1, textRow), (left - 1, statusRow), (state.size.width - 1, textRow)] where x >= 0 {
            press(&state, .mouse(MouseEvent(x: x, y: y, kind: .click)))
            #expect(try #require(topForm(state)).focus == .date, "a click at \(x),\(y)")
        }
    }
}

@Suite("Planning with the keyboard")
struct PlanningTests {
    @Test func theFormPutsAnErrorBeforeAWarning() {
        var state = plannerState(size: Size(width: 80, height: 24)) { calendar in
            for hour in 11...15 { calendar.add("t\(hour)aaaaa", "facebook", "2026-11-24 \(hour):00", "Tuesday \(hour)") }
        }
        // It is Tue 24 Nov 10:00: 09:00 today is past, and the day has Facebook's five.
        press(&state, .char("a"), .tab, .tab, .tab, .ctrl("u"))
        type(&state, "9")
        let row = screen(state).first { $0.contains("Time 9") } ?? ""
        #expect(row.contains("→ 09:00; ✖ 6 Facebook posts that day"), "the error is never the part cut off: \(row)")
        // Told in full below the fields, one to a line, errors first.
        var lines = screen(state)
        var first = lines.firstIndex { $0.hasPrefix("│✖ 6 Facebook posts that day, at most 5 ") }
        #expect(first.map { lines[$0 + 1].hasPrefix("│⚠ in the past ") } == true, "\(lines.joined(separator: "\n"))")
        // More than three: the rest counted on the last line.
        press(&state, .tab, .tab)
        for _ in 0..<7 { press(&state, .right) }
        state.calendar.add("h1aaaaaa", "facebook", "2026-11-23 09:00", "Monday joke", category: "humour")
        press(&state, .backTab, .backTab, .ctrl("u"))
        type(&state, "1030")
        press(&state, .tab, .tab, .tab)
        type(&state, "More at https://acme.example/winter")
        lines = screen(state)
        first = lines.firstIndex { $0.hasPrefix("│✖ 6 Facebook posts that day, at most 5 ") }
        #expect(first.map { lines[$0 + 1].hasPrefix("│✖ 2 Humour posts that week, at most 1 ") && lines[$0 + 2].contains("(+1 more)") } == true, "\(lines.joined(separator: "\n"))")
    }

    @Test func theFormSaysWhatThePostItselfBreaksBeforeItIsSaved() {
        var state = plannerState()
        press(&state, .char("j"), .char("j"), .char("a"))  // Instagram
        type(&state, "Winter reel")
        #expect(screen(state).has("✖ no image or video; Instagram posts need one"), "\(screen(state).joined(separator: "\n"))")
        // Six hashtags where Instagram allows five (an error), and a link left in the text (a warning).
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)
        type(&state, "#a #b #c #d #e #f at https://acme.example/reel")
        var lines = screen(state)
        #expect(lines.has("│✖ no image or video; Instagram posts need one"), "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("✖ 6 hashtags, at most 5") })
        #expect(lines.contains { $0.contains("⚠") && $0.contains("https://acme.example/reel") })
        // With a picture, that error is gone; the warnings stay until the text is fixed.
        press(&state, .tab, .tab)
        type(&state, "reel.mp4")
        lines = screen(state)
        #expect(!lines.has("no image or video"))
        #expect(lines.contains { $0.contains("6 hashtags") })
    }

    @Test func aLongCaptionScrollsOnlyAsTheCursorNeedsAndAClickPlacesTheCursor() throws {
        var state = plannerState(size: Size(width: 80, height: 24))
        press(&state, .char("a"))
        type(&state, "Caption")
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)
        #expect(topForm(state)?.focus == .text)
        for n in 1...20 {
            if n > 1 { press(&state, .enter) }
            type(&state, "line \(n)")
        }
        func shown() -> [Int] {
            screen(state).compactMap { row in row.firstMatch(of: #/│line ([0-9]+) /#).flatMap { Int($0.1) } }
        }
        let height = shown().count
        #expect(shown().last == 20 && height >= 3, "\(screen(state).joined(separator: "\n"))")
        // PgUp: a screen of it up, the first row shown becoming the last; PgDn back.
        press(&state, .pageUp)
        #expect(shown().last == 20 - (height - 1) && topForm(state)?.text.cursorPosition(width: 200).row == 19 - (height - 1), "\(shown())")
        press(&state, .pageDown)
        #expect(shown().last == 20, "\(shown())")
        // Up within what is shown moves the cursor, not the text; past the top, one row at a time.
        press(&state, .up)
        #expect(shown().last == 20, "the text stays put: \(shown())")
        for _ in 0..<(height + 2) { press(&state, .up) }
        let line = try #require(topForm(state)?.text.cursorPosition(width: 200).row).advanced(by: 1)
        #expect(shown().first == line, "the cursor's line is the top one shown, the lines after it show: \(shown())")
        // A click on a line shown puts the cursor there.
        let lines = screen(state)
        let y = try #require(lines.firstIndex { $0.contains("│line \(line + 2) ") })
        press(&state, .mouse(MouseEvent(x: 4, y: y, kind: .click)))
        #expect(topForm(state)?.text.cursorPosition(width: 200).row == line + 1, "on line \(line + 2)")
        #expect(shown().first == line, "a click scrolls nothing")
        // A click on the Text label focuses the text and moves nothing.
        let label = try #require(screen(state).firstIndex { $0.hasPrefix("│Text") })
        press(&state, .mouse(MouseEvent(x: 2, y: label, kind: .click)))
        #expect(topForm(state)?.text.cursorPosition(width: 200).row == line + 1 && shown().first == line)
    }

    @Test func aFirstClickInALongTextJustOpenedMovesNothingButTheCursor() throws {
        let caption = (1...40).map { "line \($0)" }.joined(separator: "\n")
        var state = plannerState(size: Size(width: 80, height: 24)) { calendar in
            calendar.add("p1", "facebook", "2026-11-25 09:00", "Long caption", text: caption, status: .approved)
        }
        press(&state, .char("l"), .char("e"))
        #expect(topForm(state) != nil)
        func shown() -> [Int] {
            screen(state).compactMap { row in row.firstMatch(of: #/│line ([0-9]+) /#).flatMap { Int($0.1) } }
        }
        let before = shown()
        #expect(before.last == 40, "\(screen(state).joined(separator: "\n"))")
        let y = try #require(screen(state).firstIndex { $0.contains("│line \(before[0]) ") })
        press(&state, .mouse(MouseEvent(x: 3, y: y, kind: .click)))
        #expect(shown() == before, "the text stays under the mouse")
        #expect(topForm(state)?.text.cursorPosition(width: 200).row == before[0] - 1)
        // Help over the full-width form is one clean box.
        press(&state, .function(1))
        #expect(!screen(state).contains { $0.contains("┌┌") || $0.contains("││") }, "\(screen(state).joined(separator: "\n"))")
    }

    @Test func invisibleCharactersTakeNoColumnUnderTheCursor() {
        var field = TextField("x\u{200B}y\u{00AD}z", multiline: true)
        #expect(field.cursorPosition(width: 80).column == 3, "the screen shows xyz")
        field.place(row: 0, column: 1, width: 80)
        field.insert("Q")
        #expect(field.text.filter { $0.isLetter } == "xQyz")
    }

    @Test func aClickPastTheEndOfAWrappedRowStaysOnIt() {
        var field = TextField("one two three four", multiline: true)
        // At width 9: "one two " and "three " wrap, "four" ends the text.
        #expect(field.rows(width: 9).count == 3)
        field.place(row: 0, column: 20, width: 9)
        #expect(field.cursorPosition(width: 9).row == 0, "at the end of the first row, not the start of the next")
        field.place(row: 2, column: 20, width: 9)
        #expect(field.cursor == field.characters.count)
    }

    @Test func theFormSaysWhenTheTextIsTheSameAsOnAnotherChannel() {
        var state = plannerState { calendar in
            calendar.add("f1", "facebook", "2026-11-25 09:00", "Winter", text: "Our winter menu is here.", status: .approved)
        }
        press(&state, .char("j"), .char("a"))  // Twitter, Tuesday
        type(&state, "Winter tweet")
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)
        type(&state, "our winter menu is HERE!")
        #expect(screen(state).contains { $0.contains("⚠ same text as on Facebook Wed 25 Nov 09:00") }, "\(screen(state).joined(separator: "\n"))")
        type(&state, " Try the cocoa.")
        #expect(!screen(state).contains { $0.contains("same text") }, "rewritten: nothing to say")
    }

    @Test func theFormSaysAWeeksLimitAndABadLinkAndRepeatsNothingThatFits() {
        var state = plannerState { calendar in
            for day in 23...29 { calendar.add("i\(day)", "instagram", "2026-11-\(day) 19:00", "Reel \(day)", status: .approved) }
        }
        press(&state, .char("j"), .char("j"), .char("a"))  // Instagram, Tuesday
        type(&state, "Eighth")
        var lines = screen(state)
        #expect(lines.contains { $0.contains("✖ 8 Instagram posts that week, at most 7") }, "\(lines.joined(separator: "\n"))")
        // Told beside the date when it fits, whatever the posting times after it: not again below.
        press(&state, .escape, .escape, .char("]"), .char("a"))  // next week: room for it
        lines = screen(state)
        #expect(lines.filter { $0.contains("✖ no image or video; Instagram posts need one") }.count == 1, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Time") && $0.contains("✖ no image or video") })
        // A link half typed hides nothing else the post breaks, and is told itself.
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab, .tab)
        type(&state, "see shop")
        lines = screen(state)
        #expect(lines.contains { $0.contains("no image or video; Instagram posts need one") } && lines.contains { $0.contains("✖ link: 'see shop' holds a space") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func theFormSaysWhatThePostWouldBreakOnItsDayAsItIsTyped() {
        var state = plannerState { calendar in
            for hour in 9...13 { calendar.add("f\(hour)aaaa", "facebook", "2026-11-25 \(hour):00", "Wednesday \(hour)") }
            calendar.add("thuaaaaa", "facebook", "2026-11-26 18:00", "Thursday menu", category: "humour")
        }
        // Wednesday has Facebook's five already: the form says so before anything is saved.
        press(&state, .char("l"), .char("a"))
        #expect(screen(state).has("✖ 6 Facebook posts that day, at most 5"), "\(screen(state).joined(separator: "\n"))")
        // Thursday at half past six is 30 minutes after its evening post; the short time is read out.
        press(&state, .tab, .tab, .ctrl("u"))
        type(&state, "thu")
        press(&state, .tab, .ctrl("u"))
        type(&state, "6:30pm")
        let lines = screen(state)
        #expect(!lines.has("posts that day"))
        #expect(!lines.has("Humour posts"), "no category chosen yet")
        #expect(lines.has("→ Thu 26 Nov 2026 18:30; ⚠ 30 min from the 18:00 post"), "\(lines.joined(separator: "\n"))")
        #expect(lines.has("│⚠ 30 min from the 18:00 post (1 h apart)"), "in full on the message line")
        press(&state, .ctrl("u"))
        type(&state, "19:00")
        #expect(!screen(state).has("from the 18:00 post"), "an hour after it is fine")
        // A second humour post in the week (Thursday's menu is one): said before saving.
        press(&state, .tab, .tab)
        #expect(topForm(state)?.focus == .category)
        for _ in 0..<7 { press(&state, .right) }
        #expect(screen(state).has("✖ 2 Humour posts that week, at most 1"), "\(screen(state).joined(separator: "\n"))")
        // At its very minute: said so, not "0 min from".
        for _ in 0..<7 { press(&state, .left) }
        press(&state, .backTab, .backTab, .ctrl("u"))
        type(&state, "18:00")
        #expect(screen(state).has("⚠ at the same time as the 18:00 post"), "\(screen(state).joined(separator: "\n"))")
        // Editing a post on its own full day counts it once: no note.
        press(&state, .escape, .escape)
        #expect(state.topOverlay == nil)
        press(&state, .enter, .char("e"))
        #expect(topForm(state)?.base != nil)
        #expect(!screen(state).has("posts that day"), "\(screen(state).joined(separator: "\n"))")
        // A calendar that made the daily count a warning gets a warning.
        press(&state, .escape)
        state.calendar.channels[0].rules = RuleSettings(["posts-per-day": ["min": .int(1), "max": .int(5), "severity": .string("warning")]])
        state.reload(state.calendar)
        while state.topOverlay != nil { press(&state, .escape) }
        press(&state, .char("a"))
        #expect(screen(state).has("⚠ 6 Facebook posts that day, at most 5"), "\(screen(state).joined(separator: "\n"))")
    }

    @Test func addAPostWithTheFormAndSeeTheCellAndCountsFollow() {
        var state = plannerState()
        press(&state, .char("a"))
        guard case .form(let form)? = state.topOverlay else {
            Issue.record("a opens the form")
            return
        }
        #expect(form.focus == .title)
        #expect(form.date.text == "2026-11-24" && form.time.text == "13:00", "Facebook's next posting time today (09:00 is past)")
        #expect(screen(state).has("posting times 09:00 13:00 18:00"))
        #expect(!screen(state).has("in the past"))
        // A time already gone is allowed (a post logged after the fact) but said.
        press(&state, .tab, .tab, .tab, .ctrl("u"))
        type(&state, "09:30")
        #expect(screen(state).has("⚠ in the past; posting times 09:00 13:00 18:00"))
        press(&state, .tab)
        for _ in 0..<4 { press(&state, .right) }  // the status: draft to published
        #expect(topForm(state)?.statusValue == .published)
        #expect(!screen(state).has("in the past"), "a published post is meant to be in the past")
        press(&state, .backTab, .ctrl("u"))
        type(&state, "13:00")
        press(&state, .tab)
        for _ in 0..<4 { press(&state, .left) }
        press(&state, .backTab, .backTab, .backTab, .backTab)
        #expect(topForm(state)?.focus == .title && topForm(state)?.statusValue == .draft)
        // Another channel: its own next posting time, until a time is typed.
        press(&state, .tab, .right)
        #expect(topForm(state)?.time.text == "12:00", "Twitter posts at 08:30, 12:00, …; 08:30 is past")
        // Tab selects the time offered: typing replaces it, an arrow first edits it.
        press(&state, .tab, .tab)
        #expect(topForm(state)?.replacesOnType == true)
        type(&state, "14:15")
        #expect(topForm(state)?.time.text == "14:15", "typed over, not added to")
        press(&state, .backTab, .tab, .right, .backspace)
        type(&state, "0")
        #expect(topForm(state)?.time.text == "14:10", "after an arrow, keys edit")
        press(&state, .backTab, .tab, .backspace)
        #expect(topForm(state)?.time.text == "", "Backspace takes the whole value Tab selected")
        // Come back after editing in the middle: the cursor goes to the end, so Ctrl-U takes
        // the whole value shown selected.
        type(&state, "13:00")
        press(&state, .left, .left, .backTab, .tab, .ctrl("u"))
        #expect(topForm(state)?.time.text == "", "\(String(describing: topForm(state)?.time.text))")
        type(&state, "12:05")
        press(&state, .backTab, .backTab, .left)
        #expect(topForm(state)?.channel == 0 && topForm(state)?.time.text == "12:05", "a typed time stays")
        press(&state, .tab, .tab)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "13:00")
        press(&state, .backTab, .backTab, .backTab)
        type(&state, "Winter blend")
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)  // to Text
        type(&state, "Line one")
        press(&state, .enter)  // a new line inside the text
        type(&state, "#coffee")
        press(&state, .ctrl("s"))
        #expect(state.overlays.isEmpty)
        let post = state.calendar.posts.values.first { $0.title == "Winter blend" }
        #expect(post?.text == "Line one\n#coffee")
        #expect(post?.channel == "facebook" && post?.status == .draft)
        #expect(state.hasUnsavedChanges)
        let lines = screen(state)
        #expect(lines.has("1/1–5"))
        #expect(lines.has("13:00⚠Wint"), "due in 3 hours and not approved: flagged at once")
        #expect(lines[28].contains("● unsaved changes"))
        #expect(lines[29] == " Added “Winter blend”")
    }

    @Test func theFormChecksDateAndTimeAsTheyAreTypedAndRefusesToSaveThem() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "Spring")
        press(&state, .tab, .tab)  // Date
        for _ in 0..<10 { press(&state, .backspace) }
        type(&state, "2027-03-28")
        press(&state, .tab)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "02:30")
        #expect(screen(state).has("✖ time: skipped by the DST change"))
        press(&state, .enter)
        guard case .form(let form)? = state.topOverlay else {
            Issue.record("the form stays open")
            return
        }
        #expect(form.error == "Time: skipped by the DST change")
        #expect(form.focus == .time)
        press(&state, .backspace, .backspace, .backspace, .backspace, .backspace)
        type(&state, "9:30")
        #expect(!screen(state).has("✖ time"), "one-digit hours are times too")
        press(&state, .backTab)
        for _ in 0..<10 { press(&state, .backspace) }
        type(&state, "2027-02-29")
        #expect(screen(state).has("✖ date: no such day: February 2027 has 28 days"))
        press(&state, .backspace)
        type(&state, "8")
        press(&state, .enter)
        #expect(state.overlays.isEmpty)
        #expect(state.calendar.posts.values.contains { $0.title == "Spring" })
        #expect(state.calendar.posts.values.first { $0.title == "Spring" }.flatMap { state.calendar.local(of: $0.id) }?.description == "2027-02-28 09:30")
    }

    @Test func theTextCountsAgainstTheChannelsLimitLive() {
        var state = plannerState()
        press(&state, .char("j"), .char("a"))  // Twitter: 280, links count 23
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)
        type(&state, String(repeating: "ж", count: 281))
        #expect(screen(state).has("✖ 281 / 280"))
        press(&state, .backspace)
        #expect(screen(state).has("280 / 280"))
        #expect(!screen(state).has("✖ 280"))
    }

    @Test func picklistsChangeTheChannelStatusAndCategory() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "Joke")
        press(&state, .tab, .right, .right)  // Channel: Facebook → Instagram
        press(&state, .tab, .tab, .tab, .char("a"))  // Status: approved
        press(&state, .tab, .char("h"), .char("h"))  // Category: How-to, then Humour
        #expect(screen(state).has("[Instagram]"))
        press(&state, .ctrl("s"))
        let post = state.calendar.posts.values.first { $0.title == "Joke" }
        #expect(post?.channel == "instagram" && post?.status == .approved && post?.category == "humour")
    }

    @Test func deleteUndoRedoWithoutLimit() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Only post") }
        press(&state, .char("d"))
        #expect(state.calendar.posts.isEmpty)
        #expect(screen(state).has("Deleted “Only post” · u brings it back"))
        press(&state, .char("u"))
        #expect(state.calendar.posts[PostID("p1")!]?.title == "Only post")
        #expect(!state.hasUnsavedChanges, "undone back to the saved state")
        #expect(screen(state).has("Undone: Deleted “Only post”") && !screen(state).has("u brings it back"))
        press(&state, .ctrl("r"))
        #expect(state.calendar.posts.isEmpty)
        #expect(screen(state).has("Redone: Deleted “Only post”"))
        for i in 0..<30 {
            addPost(&state, "P\(i)")
        }
        #expect(state.calendar.posts.count == 30)
        for _ in 0..<31 { press(&state, .char("u")) }
        #expect(state.calendar.posts[PostID("p1")!] != nil && state.calendar.posts.count == 1)
    }

    @Test func copyToAnotherChannelIsMarkedForAdapting() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Sale", text: "Autumn sale today") }
        press(&state, .char("y"), .char("j"), .char("l"), .char("p"))
        let copy = state.calendar.posts.values.first { $0.channel == "twitter" }
        #expect(copy?.title == "Sale" && copy?.text == "Autumn sale today")
        #expect(copy?.tags == ["adapt"])
        #expect(state.calendar.local(of: copy!.id)?.description == "2026-11-25 08:30", "Twitter's first posting time, not Facebook's 09:00")
        #expect(screen(state).has("tagged adapt"))
        // Until it is adapted, the same-text rule flags both.
        #expect(state.violations.all.filter { $0.rule == "same-text" }.count == 2)
        // A "!" added is no rewrite: the tag and the warning stay.
        press(&state, .char("e"))
        for _ in 0..<6 { press(&state, .tab) }
        #expect(topForm(state)?.focus == .text)
        type(&state, "!")
        press(&state, .ctrl("s"))
        #expect(state.calendar.posts[copy!.id]?.tags == ["adapt"])
        #expect(state.violations.all.filter { $0.rule == "same-text" }.count == 2)
        // Its text rewritten in the form, it is adapted: the tag goes with the warning.
        press(&state, .char("e"))
        for _ in 0..<6 { press(&state, .tab) }
        press(&state, .backspace)
        type(&state, " #sale")
        press(&state, .ctrl("s"))
        let adapted = state.calendar.posts[copy!.id]
        #expect(adapted?.text == "Autumn sale today #sale" && adapted?.tags == [], "\(String(describing: adapted))")
        #expect(state.status?.text.contains("· no longer tagged adapt") == true, "\(String(describing: state.status))")
        #expect(state.violations.all.filter { $0.rule == "same-text" }.isEmpty)
    }

    @Test func aCountPastesThatManyCopiesAtFreeTimes() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Tip", status: .approved) }
        press(&state, .char("y"), .char("l"), .char("3"), .char("p"))
        let copies = state.calendar.posts(on: CivilDate(iso: "2026-11-25")!, channel: "facebook")
        #expect(copies.map(\.title) == ["Tip", "Tip", "Tip"])
        #expect(copies.compactMap { state.calendar.timeText(of: $0.id) } == ["09:00", "13:00", "18:00"], "the channel's free posting times")
        #expect(state.status?.text.hasPrefix("Pasted 3 copies of “Tip” on Facebook, Wed 25 Nov at 09:00, 13:00 and 18:00") == true, "\(String(describing: state.status))")
        #expect(state.status?.text.hasSuffix(" · u takes them all back") == true)
        // A fourth finds Facebook's posting times taken, and says why it is at another time.
        press(&state, .char("p"))
        #expect(state.status?.text.hasPrefix("Pasted “Tip” on Facebook, Wed 25 Nov 10:00 (Facebook's posting times were taken)") == true, "\(String(describing: state.status))")
        press(&state, .char("u"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-25")!, channel: "facebook").count == 3)
        // The three of 3p are one step, as in vim; redo puts all three back.
        press(&state, .char("u"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-25")!, channel: "facebook").isEmpty)
        #expect(state.status?.text == "Undone: Pasted 3 copies of “Tip”", "\(String(describing: state.status))")
        press(&state, .ctrl("r"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-25")!, channel: "facebook").count == 3)
        press(&state, .char("u"))
        // A count while moving a post drops it once, not again.
        press(&state, .char("h"), .char("m"), .char("l"), .char("l"), .char("2"), .char("p"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-26")!, channel: "facebook").map(\.title) == ["Tip"])
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-24")!, channel: "facebook").isEmpty)
        // A full day is not double-booked: the copies stop at the channel's most posts a day
        // (Facebook's five) ...
        press(&state, .char("9"), .char("9"), .char("p"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-26")!, channel: "facebook").count == 5)
        #expect(state.status == .error("Pasted 4 copies, then: Not pasted: Facebook has 5 posts on Thu 26 Nov, at most 5 a day; paste it on another day"), "\(String(describing: state.status))")
        press(&state, .char("p"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-26")!, channel: "facebook").count == 5)
        // ... unless the calendar made the daily count a warning only: then it takes a sixth.
        state.calendar.channels[0].rules = RuleSettings(["posts-per-day": ["min": .int(1), "max": .int(5), "severity": .string("warning")]])
        state.reload(state.calendar)
        press(&state, .char("p"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-26")!, channel: "facebook").count == 6)
        #expect(screen(state).contains { $0.contains("│6/1–5  +2 ⚠│") }, "\(screen(state).joined(separator: "\n"))")
        // ... or where the free times end (LinkedIn keeps two hours between posts: eight).
        press(&state, .char("j"), .char("j"), .char("j"), .char("9"), .char("9"), .char("p"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-26")!, channel: "linkedin").count == 8)
        #expect(state.status?.text.hasSuffix("Not pasted: no free time left on Thu 26 Nov for LinkedIn (posts 2 h apart); a adds a post at a time you type") == true, "\(String(describing: state.status))")
        // A long stray count makes at most fifty (Twitter, with no daily limit here, keeps 15 minutes).
        state.calendar.channels[1].rules = RuleSettings()
        state.reload(state.calendar)
        press(&state, .char("k"), .char("k"), .char("9"), .char("9"), .char("p"))
        #expect(state.calendar.posts(on: CivilDate(iso: "2026-11-26")!, channel: "twitter").count == 50)
        #expect(state.status?.text.contains("at most 50 at once") == true, "\(String(describing: state.status))")
    }

    @Test func aCountedUndoSaysHowManyStepsItTook() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Tip", status: .approved) }
        press(&state, .char("y"), .char("l"), .char("p"), .char("p"), .char("p"))
        press(&state, .char("2"), .char("u"))
        #expect(state.status == .info("Undone 2 steps, the last: Pasted “Tip” on Facebook, Wed 25 Nov 13:00"), "\(String(describing: state.status))")
        press(&state, .char("5"), .char("u"))
        #expect(state.status == .info("Undone: Pasted “Tip” on Facebook, Wed 25 Nov 09:00 · nothing more to undo"), "\(String(describing: state.status))")
        #expect(state.calendar.posts.count == 1)
        press(&state, .char("3"), .ctrl("r"))
        #expect(state.status == .info("Redone 3 steps, the last: Pasted “Tip” on Facebook, Wed 25 Nov 18:00"), "\(String(describing: state.status))")
        #expect(state.calendar.posts.count == 4)
    }

    @Test func moveAPostToAnotherDayAndChannel() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Teaser") }
        press(&state, .char("m"))
        #expect(state.moving == PostID("p1"))
        #expect(screen(state).last!.contains("Moving “Teaser”: choose a cell, then Enter"))
        press(&state, .char("j"))
        #expect(screen(state).last!.contains("Enter drop it here"), "the hints say what the keys do while moving")
        // The post in hand is dropped or put back before another post is added, edited or deleted.
        for key in ["a", "e", "d", "y"] {
            press(&state, .char(Character(key)))
            #expect(state.overlays.isEmpty && state.moving == PostID("p1"), "\(key)")
            #expect(state.status == .error("Still moving a post: Enter drops it here, Esc cancels the move"), "\(key)")
        }
        press(&state, .char("v"), .char("a"))
        #expect(state.overlays.isEmpty && state.status == .error("Still moving a post: Enter opens the week to drop it, Esc cancels the move"))
        press(&state, .enter)
        press(&state, .char("l"), .char("l"), .enter)
        let post = state.calendar.posts[PostID("p1")!]!
        #expect(post.channel == "twitter")
        #expect(state.calendar.local(of: post.id)?.description == "2026-11-26 08:30", "on another channel, its posting time")
        press(&state, .char("u"))
        #expect(state.calendar.posts[PostID("p1")!]!.channel == "facebook")
    }

    @Test func aMoveStartsOnThePostsOwnCellAndKeepsItsSpacing() {
        var state = plannerState {
            $0.add("f1", "facebook", "2026-11-23 09:00", "Facebook Monday")
            $0.add("t1", "twitter", "2026-11-23 09:30", "Twitter Monday")
            $0.add("f2", "facebook", "2026-11-25 09:30", "Facebook Wednesday")
            $0.add("i1", "instagram", nil, "An Instagram idea")
        }
        // From the whole day's list on Facebook's cell: the Twitter post, m, Enter: it stays.
        press(&state, .char("h"), .enter, .tab, .char("j"), .char("m"))
        #expect(state.cursorChannel?.id == "twitter" && state.cursor.day == CivilDate(iso: "2026-11-23")!)
        press(&state, .enter)
        #expect(state.calendar.posts[PostID("t1")!]!.channel == "twitter")
        #expect(state.calendar.local(of: PostID("t1")!)?.description == "2026-11-23 09:30")
        // Moved onto a cell with a post at its time: the next free time, as a paste.
        press(&state, .char("k"), .char("m"), .char("l"), .char("l"), .enter)
        #expect(state.calendar.local(of: PostID("f1")!)?.description == "2026-11-25 13:00", "09:00 is 30 minutes from 09:30; Facebook wants 60: its next posting time")
        #expect(state.status?.text == "Moved “Facebook Monday” to Facebook, Wed 25 Nov 13:00 (09:00 is within 1 h of another Facebook post)", "\(String(describing: state.status))")
        press(&state, .char("u"), .char("k"))
        press(&state, .char("j"), .char("m"), .char("k"), .char("l"), .char("l"), .enter)
        #expect(state.calendar.posts[PostID("t1")!]!.channel == "facebook")
        #expect(state.calendar.local(of: PostID("t1")!)?.description != "2026-11-25 09:30", "not on top of “Facebook Wednesday”")
        #expect(state.status?.text.hasPrefix("Moved “Twitter Monday” to Facebook, Wed 25 Nov 13:00") == true && state.status?.text.contains("(") == false,
                "another channel's own posting times, with no reason made up: \(String(describing: state.status))")
        // An idea's move starts on its channel's row.
        press(&state, .char("v"), .char("v"), .char("v"), .char("m"))
        #expect(state.cursorChannel?.id == "instagram")
    }

    @Test func aPostMovedOntoTodayAfterItsTimeSaysWhyItTookAnother() {
        var state = plannerState { $0.add("f1", "facebook", "2026-11-25 09:00", "Facebook Wednesday") }
        // It is Tue 24 Nov 10:00: Wednesday's 09:00 has gone on Tuesday.
        press(&state, .char("l"), .char("m"), .char("h"), .enter)
        #expect(state.status?.text == "Moved “Facebook Wednesday” to Facebook, Tue 24 Nov 13:00 (09:00 has passed)", "\(String(describing: state.status))")
    }

    @Test func theWholeDayListsPostsAtOneTimeInTheGridsChannelOrder() {
        var state = plannerState {
            $0.add("a1", "instagram", "2026-11-24 09:00", "Instagram at nine")
            $0.add("b1", "twitter", "2026-11-24 09:00", "Twitter at nine")
            $0.add("c1", "facebook", "2026-11-24 09:00", "Facebook at nine")
            $0.add("d1", "linkedin", "2026-11-24 08:00", "LinkedIn at eight")
        }
        press(&state, .enter, .tab)
        guard case .dayList(let list)? = state.topOverlay else {
            Issue.record("the day's list is open")
            return
        }
        #expect(state.postsIn(list).map(\.title) == ["LinkedIn at eight", "Facebook at nine", "Twitter at nine", "Instagram at nine"])
        let rows = ["LinkedIn at eight", "Facebook at nine", "Twitter at nine", "Instagram at nine"].map { title in screen(state).firstIndex { $0.contains(title) } }
        #expect(rows.allSatisfy { $0 != nil } && rows == rows.sorted { $0! < $1! }, "\(rows)")
        #expect(!screen(state).has("Esc cl…"), "the list's hint fits at 100 columns")
    }

    @Test func aCellWithSeveralPostsAsksWhichOne() {
        var state = plannerState {
            $0.add("p1", "facebook", "2026-11-24 09:00", "Morning")
            $0.add("p2", "facebook", "2026-11-24 15:00", "Afternoon")
        }
        press(&state, .char("e"))
        guard case .dayList? = state.topOverlay else {
            Issue.record("several posts: the cell's list opens")
            return
        }
        press(&state, .char("j"), .char("e"))
        guard case .form(let form)? = state.topOverlay else {
            Issue.record("e on the list edits the selected post")
            return
        }
        #expect(form.title.text == "Afternoon")
        press(&state, .escape, .char("d"))
        #expect(state.calendar.posts[PostID("p2")!] == nil)
        press(&state, .tab)
        guard case .dayList(let list)? = state.topOverlay else {
            Issue.record("the list stays open after a delete")
            return
        }
        #expect(list.channel == nil, "Tab lists the whole day")
        // A filter from the list shows the agenda, not the list over it.
        press(&state, .char("/"))
        type(&state, "Morning")
        press(&state, .enter)
        #expect(state.overlays.isEmpty && state.view == .agenda)
    }

    @Test func ideasAreScheduledByDroppingThemOnACell() {
        var state = plannerState { $0.add("i1", "instagram", nil, "Latte art") }
        press(&state, .char("v"), .char("v"), .char("v"))
        #expect(state.view == .ideas)
        #expect(screen(state).has("Latte art"))
        press(&state, .char("m"))
        #expect(state.view == .week)
        #expect(state.cursorChannel?.id == "instagram", "the move starts on the idea's channel")
        press(&state, .enter)
        let post = state.calendar.posts[PostID("i1")!]!
        #expect(post.channel == "instagram" && post.status == .draft)
        #expect(state.calendar.local(of: post.id)?.description == "2026-11-24 11:00", "Instagram's first posting time")
        #expect(screen(state).has("Scheduled “Latte art” to Instagram, Tue 24 Nov 11:00"))
    }

    @Test func ideasAreListedByChannelThenTitleAndANewOneIsSelectedWhereItSorts() {
        // Ids are random: the list must not follow them.
        var state = plannerState { calendar in
            calendar.add("zz1", "instagram", nil, "Latte art")
            calendar.add("aa1", "instagram", nil, "barista portraits")
            calendar.add("mm1", "twitter", nil, "Poll 10: milk")
            calendar.add("mm2", "twitter", nil, "Poll 9: beans")
            calendar.add("bb1", "facebook", nil, "Roastery tour")
        }
        press(&state, .char("v"), .char("v"), .char("v"))
        func titles() -> [String] { state.ideaList.map(\.title) }
        // Facebook, Twitter, Instagram: the week grid's rows; case aside; 9 before 10.
        #expect(titles() == ["Roastery tour", "Poll 9: beans", "Poll 10: milk", "barista portraits", "Latte art"])
        let lines = screen(state)
        let rows = ["Roastery tour", "Poll 9: beans", "Poll 10: milk", "barista portraits", "Latte art"].map { title in lines.firstIndex { $0.contains(title) } ?? -1 }
        #expect(rows == rows.sorted() && !rows.contains(-1))
        // A new idea is selected where it sorts, and so is one retitled.
        press(&state, .char("a"))
        type(&state, "Autumn menu")
        press(&state, .ctrl("s"))
        #expect(titles().first == "Autumn menu" && state.ideasSelection == 0)
        press(&state, .char("e"), .ctrl("u"))
        type(&state, "Winter menu")
        press(&state, .ctrl("s"))
        #expect(titles() == ["Roastery tour", "Winter menu", "Poll 9: beans", "Poll 10: milk", "barista portraits", "Latte art"])
        #expect(state.ideaList[state.ideasSelection].title == "Winter menu")
        // Undo puts the title back and follows the idea.
        press(&state, .char("u"))
        #expect(state.ideaList[state.ideasSelection].title == "Autumn menu" && state.ideasSelection == 0)
    }

    @Test func anIdeaGivenADateInTheFormBecomesADraftAndBack() {
        var state = plannerState { $0.add("i1", "twitter", nil, "Customer of the week") }
        press(&state, .char("v"), .char("v"), .char("v"), .char("e"))
        press(&state, .tab, .tab)
        type(&state, "2026-11-28")
        #expect(topForm(state)?.time.text == "08:30", "the empty time takes Twitter's first free posting time")
        // Taking the date away takes the offered time with it; a date again brings it back.
        press(&state, .ctrl("u"))
        #expect(topForm(state)?.time.text == "")
        type(&state, "2026-11-28")
        #expect(topForm(state)?.time.text == "08:30")
        press(&state, .tab, .ctrl("u"))
        type(&state, "12:00")
        press(&state, .ctrl("s"))
        #expect(state.calendar.posts[PostID("i1")!]?.status == .draft, "as add --at and dropping it with m do")
        #expect(state.calendar.timeText(of: PostID("i1")!) == "12:00")
        // Scheduled, then its date taken away: an idea again.
        var post = state.calendar.posts[PostID("i1")!]!
        post.status = .scheduled
        try! state.commit("Scheduled", put: [post])
        state.view = .week
        state.focus(on: post)
        press(&state, .enter, .char("e"), .tab, .tab, .ctrl("u"), .tab, .ctrl("u"), .ctrl("s"))
        #expect(state.calendar.posts[PostID("i1")!]?.status == .idea)
        #expect(state.calendar.posts[PostID("i1")!]?.at == nil)
    }

    @Test func escLeavesTheOtherViewsForTheWeekAndTheirHintsSaySo() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Post") }
        press(&state, .char("v"), .char("v"))
        #expect(state.view == .agenda)
        state.status = nil  // the view's name gives way to the hints at the next key
        #expect(screen(state).last!.contains("Esc week") && !screen(state).last!.contains("Tab scope"), "\(screen(state).last!)")
        press(&state, .escape)
        #expect(state.view == .week)
        for presses in 1...3 {
            for _ in 0..<presses { press(&state, .char("v")) }
            #expect(state.view != .week)
            press(&state, .escape)
            #expect(state.view == .week, "from view \(presses)")
        }
        // A list over the week still closes with Esc, and keeps its own hints.
        press(&state, .enter)
        #expect(screen(state).last!.contains("Esc close"))
        press(&state, .escape)
        #expect(state.overlays.isEmpty && state.view == .week)
    }

    @Test func quittingAsksFirstWhenThereAreUnsavedChanges() {
        var state = plannerState()
        #expect(press(&state, .char("q")) == [.quit])
        press(&state, .char("a"))
        type(&state, "x")
        press(&state, .enter)
        #expect(press(&state, .char("q")).isEmpty)
        #expect(screen(state).has("Save them before quitting?"))
        #expect(press(&state, .char("y")) == [.saveAndQuit])
        #expect(press(&state, .char("n")) == [.quit])
        press(&state, .escape)
        #expect(state.overlays.isEmpty)
        #expect(press(&state, .char("s")) == [.save])
        Reducer.reduce(&state, .saveFinished(error: nil))
        #expect(!state.hasUnsavedChanges)
        #expect(press(&state, .char("q")) == [.quit])
        #expect(press(&state, .ctrl("c")) == [.interrupt])
        // In a form with typing, one Ctrl-C only warns; another key disarms it; two quit.
        press(&state, .char("a"))
        #expect(press(&state, .ctrl("c")) == [.interrupt], "nothing typed yet: it quits at once")
        type(&state, "Long copy")
        #expect(press(&state, .ctrl("c")).isEmpty)
        #expect(screen(state).has("Ctrl-C again quits (the form is kept for the next start); Ctrl-S saves it"))
        type(&state, "!")
        #expect(press(&state, .ctrl("c")).isEmpty, "a key in between starts over")
        #expect(press(&state, .ctrl("c")) == [.interrupt])
        #expect(topForm(state)?.title.text == "Long copy!")
    }

    @Test func aFailedSaveSaysWhyAndLosesNothing() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "x")
        press(&state, .enter)
        Reducer.reduce(&state, .saveFinished(error: "plan.json: cannot be saved: Permission denied; the file on disk is unchanged"))
        #expect(state.hasUnsavedChanges)
        #expect(screen(state)[29] == " ✖ plan.json: cannot be saved: Permission denied; the file on disk is unchanged")
        #expect(screen(state)[28].contains("● unsaved changes"))
        // Saving on the way out fails: the planner stays, the question goes, and a key meant
        // for the planner (n, say) cannot answer it unseen.
        #expect(press(&state, .char("q")).isEmpty)
        #expect(press(&state, .char("y")) == [.saveAndQuit])
        Reducer.reduce(&state, .saveFinished(error: "plan.json: cannot be saved: it is read-only"))
        #expect(state.overlays.isEmpty)
        #expect(screen(state).last! == " ✖ plan.json: cannot be saved: it is read-only · Not quitting: the changes are still unsaved")
        #expect(press(&state, .char("n")).isEmpty)
        #expect(state.hasUnsavedChanges)
    }
}

@Suite("Views, overlays and the screen size")
struct ViewTests {
    @Test func helpListsEveryKeyGroupedAndClosesWithEsc() {
        var state = plannerState()
        press(&state, .char("?"))
        // Everything, scrolling through.
        var lines = screen(state)
        for _ in 0..<30 {
            press(&state, .char("j"))
            lines += screen(state)
        }
        for text in ["Cadence keys", "Move", "Plan", "Views", "File", "Form", "Conflicts", "take theirs", "Ctrl-R", "redo", "undo", "Marks"] {
            #expect(lines.has(text), "\(text)")
        }
        press(&state, .escape)
        #expect(state.overlays.isEmpty)
    }

    @Test func everyBindingReachesItsActionInItsModes() {
        for binding in KeyMap.bindings {
            for key in binding.keys {
                for group in binding.modes {
                    let mode: InputMode
                    switch group {
                    case .grid: mode = .grid
                    case .list: mode = .list
                    // Ctrl-E opens the editor from the Text field (elsewhere it ends the line).
                    case .form: mode = binding.action == .openEditor ? .form(picker: false, multiline: true) : .form(picker: true, multiline: false)
                    case .prompt: mode = .prompt
                    case .confirm: mode = .confirm
                    case .help: mode = .help
                    case .resolve: mode = .resolve
                    }
                    if case .char = key, group == .form || group == .prompt { continue }  // typed as text there
                    #expect(KeyMap.action(for: key, in: mode) == binding.action, "\(key) in \(group)")
                }
            }
        }
    }

    @Test func theViolationsPanelListsAndJumps() {
        var state = plannerState { calendar in
            for hour in 8..<16 { calendar.add("f\(hour)", "facebook", "2026-12-02 \(hour):00", "P\(hour)", status: .approved) }
        }
        press(&state, .char("!"))
        #expect(screen(state).has("Problems in 2026-W48"))
        // The hint line offers what works here, not the editing keys of a list of posts.
        #expect(screen(state).last!.hasPrefix(" jk select  Enter show it  Tab whole plan  w hide warnings  Esc close"))
        press(&state, .tab)
        let lines = screen(state)
        #expect(lines.has("Problems in the whole plan"))
        #expect(lines.has("✖ Wed 2 Dec 2026 · Facebook: 8 posts, at most 5 a day  [posts-per-day]"))
        let index = state.violationsShown(ViolationsPanel(wholePlan: true)).firstIndex { $0.rule == "posts-per-day" && $0.severity == .error }!
        for _ in 0..<index { press(&state, .char("j")) }
        press(&state, .enter)
        #expect(state.view == .week)
        #expect(state.cursor == GridCursor(channel: 0, day: CivilDate(iso: "2026-12-02")!))
        // The cell's list opens on the post that went over (the sixth), to move or delete it.
        guard case .dayList(let list)? = state.topOverlay else {
            Issue.record("the cell's list is not open")
            return
        }
        #expect(state.postsIn(list).count == 8 && state.postsIn(list)[list.selection].title == "P13")
        // Dropped back on its own cell, a post is not changed (no undo step, nothing unsaved).
        press(&state, .char("m"), .enter)
        #expect(state.status == .info("“P13” stays where it was"), "\(String(describing: state.status))")
        #expect(!state.hasUnsavedChanges)
    }

    @Test func aMoveOntoADayWithNoFreeTimeLeftIsRefused() {
        var state = plannerState { calendar in
            for hour in 9..<24 { calendar.add("f\(hour)", "facebook", "2026-11-26 \(hour):00", "P\(hour)", status: .approved) }
            calendar.add("m", "facebook", "2026-11-25 10:00", "Mover", status: .approved)
        }
        press(&state, .char("l"), .char("m"), .char("l"), .enter)
        #expect(state.status == .error("Not moved: Facebook has 15 posts on Thu 26 Nov, at most 5 a day; choose another cell (Esc cancels the move)"), "\(String(describing: state.status))")
        #expect(state.calendar.local(of: PostID("m")!)?.description == "2026-11-25 10:00")
        #expect(!state.hasUnsavedChanges)
        // The move is still on: the next cell takes it.
        #expect(state.moving == PostID("m"))
        press(&state, .char("l"), .enter)
        #expect(state.calendar.local(of: PostID("m")!)?.description == "2026-11-27 10:00")
        #expect(state.moving == nil)
    }

    @Test func anEmptyWeekSaysWhatItNeedsAsCheckWeekDoes() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Only post", status: .approved) }
        press(&state, .char("]"))
        // 2026-W49 has no posts: Facebook wants at least one a day, every day.
        let lines = screen(state)
        #expect(lines[3].components(separatedBy: "0/1–5     ⚠").count - 1 == 7, "\(lines[3])")
        // Instagram wants three posts a week: its count and mark are under its name.
        #expect(lines[16] == " 0/3–7 wk ⚠│           │           │           │           │           │           │", "\(lines[16])")
        #expect(lines.has("2026-W49 (no posts) ✖ 0 ⚠ 8 · plan ✖ 0 ⚠ 7"), "the week's own warnings, not in the plan's")
        press(&state, .char("!"))
        #expect(screen(state).has("Mon 30 Nov 2026 · Facebook: no posts, at least 1 a day"))
        // The plan's totals are `cadence check`'s: the weeks that hold posts.
        #expect(state.violations.warnings == 7)
        // The last week Cadence plans ends in 2200: its days after 2199 ask for nothing.
        press(&state, .char("g"))
        type(&state, "2199-12-31")
        press(&state, .enter)
        #expect(screen(state).has("2200-W01 (no posts) ✖ 0 ⚠ 2"), "Mon 30 and Tue 31 Dec 2199 only")
    }

    @Test func aGapAcrossTheWeeksEndMarksTheSundayPostToo() {
        var state = plannerState { calendar in
            calendar.add("sun", "facebook", "2026-11-29 23:40", "Late", status: .approved)
            calendar.add("mon", "facebook", "2026-11-30 00:10", "Early", status: .approved)
        }
        // The gap is filed on Monday, in the next week, but the Sunday post of this week is half
        // of it: its cell and post are marked here, and the week's problems list it.
        #expect(screen(state).has("23:40⚠Late"))
        press(&state, .char("!"))
        #expect(screen(state).has("“Late” at Sun 29 Nov 23:40 and “Early” at 00:10 are 30 min apart"))
        press(&state, .escape, .char("]"))
        #expect(screen(state).has("00:10⚠Early"))
        // Moving the Sunday post away clears both weeks.
        press(&state, .char("["))
        state.cursor = GridCursor(channel: 0, day: CivilDate(iso: "2026-11-29")!)
        press(&state, .char("d"))
        #expect(!screen(state).dropLast().has("23:40"))
        press(&state, .char("]"))
        #expect(screen(state).has("00:10 Early"))
    }

    @Test func theWholePlanListsEveryErrorBeforeAnyWarning() {
        var state = plannerState { calendar in
            // This week's empty days are warnings; the errors are weeks later.
            calendar.add("a", "facebook", "2026-11-24 09:00", "Early", status: .approved)
            for hour in 8..<14 { calendar.add("f\(hour)", "facebook", "2026-12-16 \(hour):00", "P\(hour)", status: .approved) }
            calendar.add("j1", "facebook", "2026-12-30 09:00", "Joke one", category: "humour", status: .approved)
            calendar.add("j2", "facebook", "2026-12-31 09:00", "Joke two", category: "humour", status: .approved)
        }
        press(&state, .char("!"), .tab)
        let all = state.violationsShown(ViolationsPanel(wholePlan: true))
        #expect(all.errorCount == 2 && all.warningCount > 2)
        #expect(all.prefix(2).map(\.rule) == ["posts-per-day", "category-per-week"])
        #expect(all.dropFirst(2).allSatisfy { $0.severity == .warning })
        let lines = screen(state)
        let first = lines.firstIndex { $0.contains("✖ Wed 16 Dec 2026 · Facebook: 6 posts, at most 5 a day") }
        let warning = lines.firstIndex { $0.contains("⚠ Mon 23 Nov 2026") }
        #expect(first != nil && warning != nil && first! < warning!)
    }

    @Test func theProblemsPanelHidesWarningsAndRemembersIt() {
        var state = plannerState { calendar in
            for hour in 8..<14 { calendar.add("f\(hour)", "facebook", "2026-12-02 \(hour):00", "P\(hour)", status: .approved) }
        }
        press(&state, .char("!"), .tab)
        let all = state.violationsShown(ViolationsPanel(wholePlan: true))
        #expect(all.errorCount == 1 && all.warningCount > 1)
        // Select the error among the warnings, then hide the warnings: it stays selected.
        let error = all.firstIndex { $0.severity == .error }!
        for _ in 0..<error { press(&state, .char("j")) }
        press(&state, .char("w"))
        var lines = screen(state)
        #expect(lines.has("Errors in the whole plan: 1 error, warnings hidden"))
        #expect(!lines.has("│⚠ "))
        #expect(lines.has("✖ Wed 2 Dec 2026 · Facebook: 6 posts, at most 5 a day"))
        #expect(lines.last!.contains("w show warnings"))
        guard case .violations(let panel)? = state.topOverlay else {
            Issue.record("the problems panel is not open")
            return
        }
        #expect(panel.selection == 0 && state.violationsShown(panel)[0] == all[error])
        // Enter still goes to the broken day.
        press(&state, .enter)
        #expect(state.cursor.day == CivilDate(iso: "2026-12-02")!)
        // The panel opens as it was left, and says so when a week has no errors.
        press(&state, .escape, .char("!"))
        lines = screen(state)
        #expect(lines.has("Errors in 2026-W49: 1 error, warnings hidden"))
        press(&state, .escape, .char("["), .char("!"))
        lines = screen(state)
        #expect(lines.has("Errors in 2026-W48: no errors, warnings hidden"))
        #expect(lines.has("No errors. w shows the warnings."))
        #expect(!lines.has("Enter show it"), "nothing to show: Enter is not offered")
        press(&state, .enter)
        #expect(state.status?.text == "No error to open here (w shows the warnings)", "\(String(describing: state.status))")
        press(&state, .escape, .char("]"), .char("!"), .char("w"))
        lines = screen(state)
        #expect(lines.has("Problems in 2026-W49: 1 error, 7 warnings"))
        #expect(lines.has("│⚠ "))
        // An edit that mends the day takes its error out of the errors alone too.
        press(&state, .char("w"), .escape, .enter, .char("d"), .escape, .char("!"), .tab)
        lines = screen(state)
        #expect(lines.has("Errors in the whole plan: no errors, warnings hidden"))
        #expect(lines.has("No errors. w shows the warnings.") && !lines.has("│✖ "))
    }

    @Test func monthAgendaAndIdeas() {
        var state = plannerState { calendar in
            calendar.add("p1", "facebook", "2026-11-24 09:00", "Sale", category: "promo")
            calendar.add("p2", "twitter", "2026-11-30 12:00", "Thread")
            calendar.add("p3", "facebook", "2026-12-01 09:00", "Advent")
            calendar.add("i1", "linkedin", nil, "Hiring")
        }
        press(&state, .char("v"))
        var lines = screen(state)
        #expect(lines[0].contains("November 2026") && lines[0].contains("[Month]"))
        #expect(lines.has("24 •today ⚠"))
        #expect(lines.has("1·0·0·0"))
        var probe = state
        press(&probe, .char("l"))  // the hints come back after the view's message
        let hints = screen(probe).last!
        #expect(hints.contains("Enter open the week") && !hints.contains("e edit"), "the month's hints: only keys it has")
        press(&state, .char("]"))
        #expect(screen(state)[0].contains("December 2026"))
        press(&state, .char("v"))
        lines = screen(state)
        #expect(lines.has("4 posts · all posts"))
        #expect(lines.has("Tue 24 Nov 2026") && lines.has("Sale") && lines.has("Hiring"))
        press(&state, .char("/"))
        type(&state, "channel:facebook")
        press(&state, .enter)
        lines = screen(state)
        #expect(lines.has("2 posts match “channel:facebook”"))
        #expect(lines.has("2 posts · filter"))
        #expect(!lines.has("Thread"))
        press(&state, .char("/"))
        for _ in 0..<16 { press(&state, .backspace) }
        type(&state, "#promo")
        press(&state, .enter)
        #expect(state.agenda.items == [PostID("p1")!])
        press(&state, .char("v"))
        #expect(screen(state).has("1 idea"))
    }

    @Test func pastedTextGoesIntoTheFieldAndNowhereElse() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Keep me") }
        press(&state, .paste("dd"))
        #expect(state.calendar.posts.count == 1 && state.topOverlay == nil, "a paste on the grid does nothing")
        #expect(state.status == .info("Paste not taken: pasted text goes into a form or a prompt (a adds a post)"), "but says so")
        press(&state, .char("a"))
        press(&state, .paste("Headline\r\nwith\ttab\u{1b}[31m"))
        #expect(topForm(state)?.title.text == "Headline with tab[31m", "one line: breaks and tabs as spaces, no escape")
        press(&state, .paste(" and\u{2028}more"), .char("\u{2029}"))
        #expect(topForm(state)?.title.text == "Headline with tab[31m and more", "Unicode's line separators are line breaks too")
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)
        press(&state, .paste("One\r\nTwo\rThree\n\u{2028}Four"))
        #expect(topForm(state)?.text.text == "One\nTwo\nThree\n\nFour")
    }

    @Test func ctrlWDeletesTheWordBeforeTheCursor() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "Winter blend  launch")
        press(&state, .ctrl("w"))
        #expect(topForm(state)?.title.text == "Winter blend  ")
        press(&state, .ctrl("w"))
        #expect(topForm(state)?.title.text == "Winter ")
        press(&state, .ctrl("u"))
        #expect(topForm(state)?.title.text == "")
    }

    @Test func textBackFromTheEditorHasPlainLineBreaksAndNoTrailingBlankLines() {
        var state = plannerState()
        press(&state, .char("a"))
        _ = Reducer.reduce(&state, .editorFinished(text: "First\r\nSecond\r\n\r\n", error: nil))
        #expect(topForm(state)?.text.text == "First\nSecond")
        // An escape sequence or a NUL the editor let in goes, and it is said.
        _ = Reducer.reduce(&state, .editorFinished(text: "Red \u{1B}[31malert\u{0}\tend\n", error: nil))
        #expect(topForm(state)?.text.text == "Red [31malert\tend")
        #expect(state.status == .info("The text is back from the editor · 2 control characters left out"))
    }

    @Test func aFilterNamingNoChannelCategoryOrStatusSaysSoInsteadOfMatchingNothing() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Sale") }
        press(&state, .char("/"))
        type(&state, "channel:tiktok")
        press(&state, .enter)
        #expect(screen(state).has("✖ unknown channel 'tiktok'; this calendar has"), "the prompt stays open and says why")
        for _ in 0..<6 { press(&state, .backspace) }
        type(&state, "Facebook status:drafted")
        press(&state, .enter)
        #expect(screen(state).has("✖ unknown status 'drafted'; a status is one of idea, draft,"))
        #expect(screen(state).has("review, approved, scheduled, published"), "the message wraps; nothing is cut")
        #expect(screen(state).last!.contains("Enter filter"), "the hint line says what Enter does, as the box does")
        for _ in 0..<2 { press(&state, .backspace) }
        press(&state, .enter)
        #expect(state.topOverlay == nil && state.agenda.items == [PostID("p1")!])
        #expect(screen(state).has("1 post matches “channel:Facebook status:draft”"))
        // A filter word mistyped is said so, not searched for as words; a time is words.
        press(&state, .char("/"))
        type(&state, "chanel:facebook")
        press(&state, .enter)
        #expect(screen(state).has("✖ no filter 'chanel:'; did you mean channel:? (channel:"))
        #expect(screen(state).has("category:, status:, tag:, #category, or words)"), "the message wraps; nothing is cut")
        press(&state, .ctrl("u"))
        type(&state, "09:00 re:launch")
        press(&state, .enter)
        #expect(state.topOverlay == nil, "words with a colon that are no filter's name stay words")
        press(&state, .char("/"))
        type(&state, "chan:facebook")
        press(&state, .enter)
        #expect(screen(state).has("✖ no filter 'chan:'; did you mean channel:?"), "a filter's name cut short is one too")
        // A category mistyped is named, with the one meant.
        press(&state, .ctrl("u"))
        type(&state, "#humor")
        press(&state, .enter)
        #expect(screen(state).has("unknown category 'humor' (did you mean humour?)"), "\(screen(state).joined(separator: "\n"))")
        press(&state, .ctrl("u"))
        type(&state, "09:00")
        press(&state, .enter)
        #expect(state.agenda.items == [PostID("p1")!], "the time is found as words are")
    }

    @Test func theMonthShowsAllItsWeeksAtTheSmallestSize() {
        // November 2026 spans six weeks (26 Oct … 6 Dec); at 70×20 they fit without gaps.
        var state = plannerState(size: Size(width: 70, height: 20))
        press(&state, .char("v"))
        let lines = screen(state)
        #expect(lines.contains { $0.hasPrefix(" 30 ") }, "the last week, with Mon 30 Nov")
        #expect(lines.has("24 •") && !lines.has("•toda"), "today's mark is the dot when the word does not fit")
        press(&state, .mouse(MouseEvent(x: 2, y: lines.firstIndex { $0.hasPrefix(" 30 ") }!, kind: .click)))
        #expect(state.cursor.day == CivilDate(year: 2026, month: 11, day: 30)!)
    }

    /// In the agenda the day in view is the selected post's: g's short forms and Esc back to
    /// the week start from it.
    @Test func theAgendasDayInViewFollowsTheSelection() {
        var state = plannerState { calendar in
            calendar.add("a", "facebook", "2026-11-24 09:00", "November")
            calendar.add("b", "facebook", "2027-01-02 09:00", "January")
        }
        press(&state, .char("v"), .char("v"))
        #expect(state.view == .agenda)
        press(&state, .char("G"))
        #expect(state.cursor.day == CivilDate(iso: "2027-01-02")!)
        press(&state, .char("g"))
        type(&state, "06-15")
        press(&state, .enter)
        #expect(state.cursor.day == CivilDate(iso: "2027-06-15")!, "nearest 2 Jan 2027, not today")
        press(&state, .char("g"))
        type(&state, "2027-01-02")
        press(&state, .enter, .escape)
        #expect(state.view == .week && screen(state)[0].contains("2026-W53"), "Esc goes to the selected post's week")
    }

    /// The year's last week spans two months: December's view shows January's first days
    /// with their counts and marks, dimmed, not blank.
    @Test func theMonthShowsTheNeighbouringMonthsDaysToo() {
        var state = plannerState { calendar in
            calendar.add("ny", "instagram", "2027-01-01 11:00", "Happy new year")  // no picture: an error
        }
        press(&state, .char("g"))
        type(&state, "2026-12-24")
        press(&state, .enter, .char("v"))
        let lines = screen(state)
        let lastWeek = try! #require(lines.firstIndex { $0.hasPrefix(" 28 ") })
        #expect(lines[lastWeek].contains("1 ✖"), "Fri 1 Jan carries its mark: \(lines[lastWeek])")
        #expect(lines[lastWeek + 1].contains("0·0·1"), "and its count: \(lines[lastWeek + 1])")
    }

    @Test func theMonthFadesTheMarksOfDaysGoneBy() {
        // Today is Tue 24 Nov 2026: Mon 23 wanted a Facebook post it never got.
        var state = plannerState { $0.add("p1", "facebook", "2026-11-25 09:00", "Tomorrow", status: .approved) }
        press(&state, .char("v"))
        let buffer = PlannerView.render(state)
        func markStyle(_ day: Int) -> Style? {
            // From the bottom: the neighbouring October's 26 shows above.
            for y in (0..<buffer.size.height).reversed() {
                let line = buffer.lines[y]
                guard let range = line.range(of: " \(day) ⚠") else { continue }
                let x = DisplayWidth.of(String(line[..<range.upperBound])) - 1
                return buffer[x, y].style
            }
            return nil
        }
        #expect(markStyle(23)?.dim == true, "Mon 23 Nov is history")
        #expect(markStyle(26)?.dim == false, "Thu 26 Nov can still be mended")
    }

    @Test func theWeekFadesTheMarksOfDaysGoneByToo() {
        // Today is Tue 24 Nov 2026: every day of the week wants a Facebook post it lacks.
        let state = plannerState()
        let buffer = PlannerView.render(state)
        let row = buffer.lines[3]
        #expect(row.hasPrefix(" Facebook"), "\(row)")
        let xs = row.indices.filter { row[$0] == "⚠" }.map { DisplayWidth.of(String(row[..<$0])) }
        #expect(xs.count == 7, "\(row)")
        #expect(buffer[xs[0], 3].style.dim, "Mon 23 is history")
        #expect(!buffer[xs[2], 3].style.dim, "Wed 25 can still be mended")
    }

    @Test func spacesAroundATitleAreDroppedAsTheCommandLineDropsThem() {
        var state = plannerState()
        addPost(&state, "  Launch day  ")
        #expect(state.calendar.posts.values.map(\.title) == ["Launch day"])
        #expect(state.status?.text == "Added “Launch day”", "\(String(describing: state.status))")
    }

    @Test func aLongPathGivesWayToTheCountsInTheStatusLine() {
        var state = plannerState(size: Size(width: 70, height: 20), path: "/home/anna/work/clients/acme-coffee/plans/2026/calendar.json")
        addPost(&state, "Launch")
        let status = screen(state)[18]
        #expect(status.hasPrefix(" …") && status.contains("/2026/calendar.json ● unsaved 2026-W48"), "the flags in short, for more of the path: \(status)")
        // A short name stays whole at 80 columns while moving a post: the flags give way.
        var narrow = plannerState(size: Size(width: 80, height: 24), path: "calendar.json") { $0.add("p1", "facebook", "2026-11-24 09:00", "Teaser") }
        press(&narrow, .char("l"))
        addPost(&narrow, "Launch")
        press(&narrow, .char("h"), .char("m"))
        #expect(narrow.moving == PostID("p1"))
        let line = screen(narrow)[22]
        #expect(line.hasPrefix(" calendar.json ● unsaved · moving "), "\(line)")
        #expect(status.hasSuffix("2026-W48 ✖ 0 ⚠ 8 · plan ✖ 0 ⚠ 8"), "\(status)")
    }

    @Test func aTooSmallTerminalSaysSoAndComesBack() {
        var state = plannerState(size: Size(width: 50, height: 10))
        #expect(screen(state).has("Cadence needs at least 70×20;"))
        #expect(screen(state).has("this terminal is 50×10."))
        press(&state, .char("a"))
        #expect(state.overlays.isEmpty, "keys other than q do nothing meanwhile")
        press(&state, .resize(Size(width: 100, height: 30)))
        #expect(screen(state)[0].contains("2026-W48"))
        // In a form, q is a letter: the screen does not offer it as the way out.
        press(&state, .char("a"), .resize(Size(width: 50, height: 10)))
        #expect(screen(state).has("Make it bigger to go on.") && !screen(state).has("press q"))
    }

    @Test func unicodeTitlesLineUp() {
        let state = plannerState(size: Size(width: 120, height: 30)) { calendar in
            calendar.add("a", "facebook", "2026-11-23 09:00", "ქართული სათაური")
            calendar.add("b", "facebook", "2026-11-24 09:00", "Новая коллекция")
            calendar.add("c", "facebook", "2026-11-25 09:00", "日本語のタイトル")
            calendar.add("d", "facebook", "2026-11-26 09:00", "🎉 Party")
        }
        let buffer = PlannerView.render(state)
        // Every row has the same column separators in the same places, whatever the script.
        let row = buffer.lines[4]
        let bars = row.indices.filter { row[$0] == "│" }.map { row.distance(from: row.startIndex, to: $0) }
        let header = buffer.lines[1]
        let headerBars = header.indices.filter { header[$0] == "│" }.map { header.distance(from: header.startIndex, to: $0) }
        #expect(DisplayWidth.of(row.prefix(bars.last! + 1)) == DisplayWidth.of(header.prefix(headerBars.last! + 1)))
        #expect(row.contains("ქართ") && row.contains("Новая") && row.contains("日本") && row.contains("🎉"))
    }

    @Test func titlesWithEscapeSequencesAreShownSafely() {
        let state = plannerState { $0.add("x", "facebook", "2026-11-24 09:00", "\u{1B}]0;pwned\u{07}\u{1B}[2J") }
        let buffer = PlannerView.render(state)
        #expect(!buffer.cells.contains { $0.character.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
        #expect(buffer.lines.has("09:00⚠�]0;…"), "cut with an ellipsis like any title")
    }
}

@Suite("Live checking")
struct LiveCheckingTests {
    @Test func everyEditRechecksOnlyWhatItTouchesAndTheTotalsMatchAFullCheck() {
        var state = plannerState { calendar in
            for day in 0..<60 {
                let date = CivilDate(iso: "2026-11-01")!.adding(days: day)
                calendar.add("f\(day)", "facebook", "\(date) 09:00", "Daily \(day)", text: day % 7 == 0 ? "Same words" : "Own \(day)")
                if day % 3 == 0 { calendar.add("t\(day)", "twitter", "\(date) 09:00", "Tweet \(day)", text: "same  WORDS") }
            }
        }
        func matchesFullCheck() -> Bool {
            let full = RuleChecker.check(state.calendar, in: .weeksWithPosts(in: state.calendar), now: state.now)
            let fresh = ViolationIndex(calendar: state.calendar, book: RuleBook(state.calendar), now: state.now)
            let all = Array(state.violations.all)
            // Errors, then warnings, each in reading order.
            let inOrder = [Severity.error, .warning].allSatisfy { severity in
                let days = all.filter { $0.severity == severity }.compactMap(\.day)
                return zip(days, days.dropFirst()).allSatisfy { $0 <= $1 }
            }
            return state.violations.errors == full.errorCount && state.violations.warnings == full.warningCount
                && Set(all) == Set(full) && all == Array(fresh.all) && inOrder
                && !all.drop { $0.severity == .error }.contains { $0.severity == .error }
        }
        #expect(matchesFullCheck())
        // Six posts on one day, a text edit, a move across a week boundary, a delete, undo.
        for _ in 0..<6 {
            addPost(&state, "Extra")
        }
        #expect(matchesFullCheck())
        press(&state, .char("e"))
        if case .dayList? = state.topOverlay { press(&state, .enter) }
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)
        type(&state, "same words")
        press(&state, .ctrl("s"))
        press(&state, .escape)
        #expect(state.calendar.posts.values.contains { $0.text.hasSuffix("same words") })
        #expect(matchesFullCheck())
        state.cursor.day = CivilDate(iso: "2026-11-29")!
        press(&state, .char("m"))
        press(&state, .char("l"), .enter)
        #expect(matchesFullCheck())
        let count = state.calendar.posts.count
        press(&state, .char("d"))
        if case .dayList? = state.topOverlay { press(&state, .char("d"), .escape) }
        #expect(state.calendar.posts.count == count - 1 && state.overlays.isEmpty)
        #expect(matchesFullCheck())
        press(&state, .char("u"), .char("u"), .char("u"), .ctrl("r"))
        #expect(matchesFullCheck())
        // Six posts on a day of a week of its own, months ahead, then before the rest, then
        // gone again: each week joins the list in its place and leaves it.
        let before = state.violations.all.count
        for day in ["2027-03-10", "2026-10-01"] {
            state.cursor.day = CivilDate(iso: day)!
            for _ in 0..<6 {
                addPost(&state, "Crowded")
            }
            #expect(matchesFullCheck())
        }
        #expect(state.violations.all.count > before + 1)
        for _ in 0..<12 { press(&state, .char("u")) }
        #expect(matchesFullCheck() && state.violations.all.count == before)
    }

    @Test func aFilterWordFindsTextWhateverItsCaseAndAccents() {
        var state = plannerState { calendar in
            calendar.add("c1", "facebook", "2026-11-24 09:00", "Café opening")
            calendar.add("c2", "facebook", "2026-11-25 09:00", "Ёлка на площади")
            calendar.add("c3", "facebook", "2026-11-26 09:00", "ახალი წელი")
            calendar.add("c4", "facebook", "2026-11-27 09:00", "Cabinet")
        }
        func found(_ query: String) -> [String] {
            var copy = state
            copy.rebuildAgenda(AgendaQuery(query, calendar: copy.calendar))
            return copy.agenda.items.map(\.rawValue)
        }
        #expect(found("cafe") == ["c1"])
        #expect(found("CAFÉ") == ["c1"])
        #expect(found("елка") == ["c2"])
        #expect(found("წელი") == ["c3"])
        #expect(found("caf") == ["c1"], "not Cabinet")
        press(&state, .char("v"), .char("v"), .char("/"))
        type(&state, "cafe")
        press(&state, .enter)
        #expect(screen(state).has("Café opening") && !screen(state).has("Cabinet"))
    }

    @Test func theAgendaFollowsEditsAndMatchesAFreshFilter() {
        var state = plannerState { calendar in
            for day in 0..<10 {
                let date = CivilDate(iso: "2026-11-20")!.adding(days: day)
                calendar.add("f\(day)", "facebook", "\(date) 09:00", "Post \(day)")
                calendar.add("t\(day)", "twitter", "\(date) 12:00", "Tweet \(day)")
            }
            calendar.add("i1", "facebook", nil, "Idea")
        }
        press(&state, .char("v"), .char("v"), .char("/"))
        type(&state, "channel:facebook")
        press(&state, .enter)
        func matchesFreshFilter() -> Bool {
            var fresh = state
            fresh.rebuildAgenda()
            return fresh.agenda.items == state.agenda.items
        }
        func selected() -> String { state.agenda.items[state.agenda.selection].rawValue }
        #expect(state.agenda.items.count == 11)
        #expect(selected() == "f4", "the filter keeps the selection on the day in view (Tue 24), not the plan's first post")
        // Move the third post past the last one by its date: the list re-sorts, the selection follows.
        press(&state, .home, .down, .down, .char("e"), .tab, .tab)
        for _ in 0..<10 { press(&state, .backspace) }
        type(&state, "2026-12-05")
        press(&state, .ctrl("s"))
        #expect(matchesFreshFilter())
        #expect(selected() == "f2" && state.agenda.selection == 9, "after f9, before the idea")
        // Off the filter by its channel: it leaves the list; the row below is selected.
        press(&state, .char("e"), .tab, .right, .ctrl("s"))
        #expect(matchesFreshFilter() && state.agenda.items.count == 10)
        #expect(selected() == "i1")
        // Undo brings it back in its place; delete and add keep the order too.
        press(&state, .char("u"))
        #expect(matchesFreshFilter() && state.agenda.items.count == 11)
        press(&state, .char("k"), .char("d"))
        #expect(matchesFreshFilter() && state.agenda.items.count == 10)
        addPost(&state, "Fresh")
        #expect(matchesFreshFilter() && state.agenda.items.count == 11)
        press(&state, .char("u"), .char("u"), .ctrl("r"))
        #expect(matchesFreshFilter())
    }

    @Test func theAgendaListsPostsAtTheSameTimeInTheGridsOrderOfChannels() {
        // The grid's rows: Facebook, Twitter, Instagram, LinkedIn (not the ids' alphabet).
        var state = plannerState { calendar in
            calendar.add("a1", "instagram", "2026-11-24 12:00", "Reel")
            calendar.add("a2", "twitter", "2026-11-24 12:00", "Thread")
            calendar.add("a3", "facebook", "2026-11-24 12:00", "Album")
            calendar.add("a4", "linkedin", "2026-11-24 09:00", "Hiring")
        }
        press(&state, .char("v"), .char("v"))
        #expect(state.agenda.items.map(\.rawValue) == ["a4", "a3", "a2", "a1"])
        // Moving the LinkedIn post to noon puts it last among them, as in the grid.
        press(&state, .char("e"), .tab, .tab, .tab)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "12:00")
        press(&state, .ctrl("s"))
        #expect(state.agenda.items.map(\.rawValue) == ["a3", "a2", "a1", "a4"])
        var fresh = state
        fresh.rebuildAgenda()
        #expect(fresh.agenda.items == state.agenda.items)
    }

    @Test func asTheClockMovesPostsFallDueAndOverdueOnesAgeOut() {
        // Unapproved drafts every six hours for three weeks around "now" (Tue 24 Nov 10:00);
        // the default rule flags those within 24 hours of the clock.
        var state = plannerState { calendar in
            for step in 0..<(21 * 4) {
                let hour = CivilDate(iso: "2026-11-16")!.adding(days: step / 4)
                calendar.add("p\(step)", "facebook", "\(hour) \(String(format: "%02d", step % 4 * 6)):00", "Draft \(step)", status: .draft)
            }
        }
        func flagged() -> Set<String> {
            Set(state.violations.all.filter { $0.rule == "unapproved-soon" }.flatMap(\.posts).map(\.rawValue))
        }
        func matchesFullCheck() -> Bool {
            let full = RuleChecker.check(state.calendar, in: .weeksWithPosts(in: state.calendar), now: state.now)
            return Set(state.violations.all) == Set(full)
        }
        let first = flagged()
        #expect(first.count == 8)
        #expect(first.contains("p32") && !first.contains("p28") && !first.contains("p41"))
        // A minute, two days, a week on (a laptop closed over a holiday), then a month back.
        let dates = ["2026-11-24T10:01:00+01:00", "2026-11-26T18:30:00+01:00", "2026-12-03T12:00:00+01:00", "2026-10-20T09:00:00+02:00"]
        for date in dates {
            Reducer.reduce(&state, .tick(ZoneClock.parseTimestamp(date)!))
            #expect(matchesFullCheck(), "after the clock moved to \(date)")
        }
        Reducer.reduce(&state, .tick(ZoneClock.parseTimestamp("2026-11-26T18:30:00+01:00")!))
        #expect(flagged().contains("p42") && !flagged().contains("p32"))
        press(&state, .char("!"))
        #expect(screen(state).has("due in 5 h 30 min and still draft"))
    }
}

@Suite("Details found by hand")
struct DetailTests {
    @Test func joinedEmojiKeepTheGridAligned() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        let end = buffer.write("👨‍👩‍👧👍🏽x", x: 0, y: 0)
        #expect(end == 5, "each joined emoji is drawn as its first, two columns wide")
        #expect(buffer.lines == ["👨👍x"])
    }

    @Test func theFormFitsTheSmallestScreen() {
        var state = plannerState(size: PlannerView.minimumSize)
        press(&state, .char("a"))
        let lines = screen(state)
        for label in ["Title", "Channel", "Date", "Status", "Category", "Text", "Link", "Media", "Tags", "Notes"] {
            #expect(lines.contains { $0.contains("│" + label) }, "\(label) inside the box")
        }
        press(&state, .ctrl("s"))
        #expect(screen(state).has("✖ a post needs a title"))
    }

    @Test func theChannelColumnHoldsTheDailyLimitsOfAShortName() throws {
        let calendar = try TemplateCatalog.find("kids-store-vk", userFolder: nil).instantiate(name: "Kids", zone: ZoneClock(identifier: "Europe/Berlin")!)
        var state = AppState(calendar: calendar, filePath: "plan.json", now: ZoneClock.parseTimestamp("2026-11-24T10:00:00+01:00")!, size: Size(width: 120, height: 30))
        #expect(screen(state).has(" 3–5 a day │"), "\(screen(state).joined(separator: "\n"))")
        // VK's text has no limit: the counter says so rather than "no characters".
        press(&state, .char("a"), .tab, .tab, .tab, .tab, .tab, .tab)
        #expect(screen(state).has("0 / no limit"))
        type(&state, "Привет")
        #expect(screen(state).has("6 / no limit"))
    }

    @Test func aFormThatCannotBeSavedSaysWhyOnTheStatusLineToo() {
        var state = plannerState()
        press(&state, .char("a"), .ctrl("s"))
        #expect(screen(state).last!.contains("✖ Not saved: a post needs a title") || screen(state).suffix(2).joined().contains("Not saved: a post needs a title"), "\(screen(state).suffix(3))")
        #expect(topForm(state) != nil)
    }

    @Test func helpKeepsAColumnBetweenKeysAndWhatTheyDo() {
        var state = plannerState(size: Size(width: 120, height: 60))
        press(&state, .char("?"))
        let lines = screen(state)
        #expect(lines.has("  6j 12G gg a count repeats a move"), "\(lines.joined(separator: "\n"))")
        #expect(lines.has("  [          previous week") || lines.has("  [         previous week"))
    }

    @Test func helpKeepsEachHeadingWithItsKeys() {
        var state = plannerState(size: Size(width: 120, height: 35))
        press(&state, .char("?"))
        let lines = screen(state)
        // Two columns: each line's left half and right half.
        let inner = lines.compactMap { line -> (String, String)? in
            guard let open = line.firstIndex(of: "│"), let close = line.lastIndex(of: "│"), open < close else { return nil }
            let text = Array(line[line.index(after: open)..<close])
            return (String(text.prefix(text.count / 2)).trimmingCharacters(in: .whitespaces), String(text.dropFirst(text.count / 2)).trimmingCharacters(in: .whitespaces))
        }
        for column in [inner.map(\.0), inner.map(\.1)] {
            let filled = column.enumerated().filter { !$0.element.isEmpty }
            // A heading ("File", "Plan") is never a column's last line with text.
            if let last = filled.last { #expect(!KeyMap.helpGroups.map(\.name).contains(last.element), "\(last.element) ends a column:\n\(lines.joined(separator: "\n"))") }
        }
        #expect(!lines.has("the top of the help"), "the help's own keys are on its frame, not listed as the planner's")
    }

    @Test func vimsGAndPageKeysWorkOnTheGridToo() {
        var state = plannerState()
        press(&state, .char("G"))
        #expect(state.cursor.channel == state.calendar.channels.count - 1, "G: the last channel")
        press(&state, .home)
        #expect(state.cursor.channel == 0)
        press(&state, .end)
        #expect(state.cursor.channel == state.calendar.channels.count - 1)
        press(&state, .char("3"), .char("G"))
        #expect(state.cursor.channel == 2, "3G: the third channel")
        #expect(state.status == nil, "the count was taken: \(String(describing: state.status))")
        press(&state, .char("g"), .char("g"))
        #expect(state.cursor.channel == 0)
        let day = state.cursor.day
        press(&state, .ctrl("f"))
        #expect(state.cursor.day == day.adding(days: 7), "Ctrl-F: the next week")
        press(&state, .pageUp)
        #expect(state.cursor.day == day)
        // The month: G and gg are its last and first days.
        press(&state, .char("v"))
        press(&state, .char("G"))
        #expect(state.cursor.day == CivilDate(iso: "2026-11-30")!)
        press(&state, .char("g"), .char("g"))
        #expect(state.cursor.day == CivilDate(iso: "2026-11-01")!)
        press(&state, .pageDown)
        #expect(state.cursor.day == CivilDate(iso: "2026-12-01")!)
        // A count on the month counts its weeks, and stops at its last.
        press(&state, .char("3"), .char("G"))
        #expect(state.cursor.day == CivilDate(iso: "2026-12-15")!)
        press(&state, .char("9"), .char("G"))
        #expect(state.cursor.day == CivilDate(iso: "2026-12-29")!, "still December")
    }

    @Test func vimsCommandLineSavesAndQuits() {
        var state = plannerState()
        func run(_ command: String) -> [Effect] {
            press(&state, .char(":"))
            type(&state, command)
            return Reducer.reduce(&state, .submit)
        }
        addPost(&state, "Launch")
        #expect(run("w") == [.save])
        #expect(run("q") == [])
        if case .confirmQuit? = state.topOverlay {} else { Issue.record("unsaved: :q asks first, as q does") }
        press(&state, .escape)
        #expect(run("wq") == [.saveAndQuit])
        #expect(run("x") == [.saveAndQuit])
        #expect(run("q!") == [.quit], "q! quits without saving")
        #expect(run("3") == [] && state.cursor.channel == 2 && state.overlays.isEmpty, ":3 goes to row 3")
        #expect(run("0") == [] && state.cursor.channel == 0 && state.overlays.isEmpty, ":0 goes to the top")
        #expect(run("") == [] && state.overlays.isEmpty, "an empty command does nothing")
        // With nothing unsaved, :x and :wq just quit.
        var saved = plannerState()
        press(&saved, .char(":"))
        type(&saved, "x")
        #expect(Reducer.reduce(&saved, .submit) == [.quit])
        #expect(run("wqa") == [])
        #expect(topPrompt(state)?.error?.hasPrefix("no command 'wqa': w saves, q quits") == true)
        press(&state, .escape)
        #expect(state.overlays.isEmpty)
    }

    @Test func aKeyThatDoesNothingHereSaysSo() {
        var state = plannerState()
        press(&state, .char("x"))
        #expect(state.status == .info("x does nothing here · ? lists the keys"))
        press(&state, .ctrl("d"))
        #expect(state.status == .info("Ctrl-D does nothing here · ? lists the keys"))
        press(&state, .char("w"))
        #expect(state.status == .info("w hides or shows the warnings in the problems list (! opens it)"))
        press(&state, .char("v"), .char("v"), .char("x"))
        #expect(state.status == .info("x does nothing here · ? lists the keys"), "in the agenda too")
        press(&state, .char("2"), .char("x"))
        #expect(state.status?.text.hasSuffix("the count 2 was dropped") == true, "\(String(describing: state.status))")
        press(&state, .tab)
        #expect(state.status?.text.hasPrefix("Tab switches a cell's list") == true, "in the agenda: \(String(describing: state.status))")
        press(&state, .escape, .tab)
        #expect(state.status == .info("Tab does nothing here · ? lists the keys"), "on the week")
        press(&state, .backspace)
        #expect(state.status == .info("Backspace does nothing here · ? lists the keys"))
        press(&state, .function(1))
        if case .help? = state.topOverlay {} else { Issue.record("F1 opens the help") }
        press(&state, .escape)
        // The quit question takes Y and N too.
        addPost(&state, "Unsaved")
        press(&state, .char("q"))
        #expect(Reducer.reduce(&state, KeyMap.action(for: .char("Y"), in: Reducer.inputMode(state))!) == [.saveAndQuit])
    }

    @Test func aStatusTheDateOverrulesIsSaidWhenTheFormIsSaved() {
        var state = plannerState()
        press(&state, .char("v"), .char("v"), .char("v"))  // the ideas
        press(&state, .char("a"))
        type(&state, "Edge")
        for _ in 0..<4 { press(&state, .tab) }
        #expect(topForm(state)?.focus == .status)
        press(&state, .right, .right, .right)
        #expect(topForm(state)?.statusValue == .approved)
        press(&state, .ctrl("s"))
        #expect(state.status == .info("Added “Edge” · saved as an idea: it has no date"), "\(String(describing: state.status))")
    }

    @Test func aReadOnlyPlannerOffersNoEditingKeys() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Sale") }
        state.readOnly = "plan.json is open in another Cadence (pid 1); close it to plan here"
        var hints = screen(state).last!
        for key in [" a add", " e edit", " d delete", " m move", " s save", " u undo"] { #expect(!hints.contains(key), "\(key) in \(hints)") }
        #expect(hints.contains("? help") && hints.contains("q quit"))
        press(&state, .char("l"), .enter)
        let lines = screen(state)
        #expect(lines.has("read-only · Tab whole day · Esc close") && !lines.has("a add · e edit"))
        hints = lines.last!
        #expect(!hints.contains(" e edit") && hints.contains("Esc close"))
    }

    @Test func helpScrollsWhenEvenTwoColumnsDoNotHoldIt() {
        var state = plannerState(size: Size(width: 100, height: 24))
        press(&state, .char("?"))
        #expect(!screen(state).has("posts that day /"))
        for _ in 0..<40 { press(&state, .char("j")) }
        #expect(screen(state).has("posts that day /"))
        // Past the end, k scrolls back at once.
        for _ in 0..<10 { press(&state, .char("j")) }
        let atEnd = screen(state)
        press(&state, .char("k"))
        #expect(screen(state) != atEnd)
    }

    @Test func theCursorsChannelStaysOnScreenHoweverItMoves() {
        // Eight channels on 70×20: five rows show at a time.
        var state = plannerState(size: Size(width: 70, height: 20)) { calendar in
            for name in ["Telegram", "VK", "Threads", "Mastodon"] { calendar.channels.append(Channel(id: name.lowercased(), name: name)) }
        }
        #expect(!screen(state).has("Mastodon"))
        for _ in 0..<7 { Reducer.reduce(&state, .mouse(MouseEvent(x: 30, y: 8, kind: .scrollDown))) }
        #expect(state.cursor.channel == 7)
        #expect(screen(state).has("Mastodon"), "the wheel scrolls the rows with the cursor")
        // Undo takes the cursor back to the post it undoes, wherever the rows were.
        addPost(&state, "On Mastodon")
        for _ in 0..<7 { press(&state, .char("k")) }
        #expect(screen(state).has("Facebook") && !screen(state).has("Mastodon"))
        press(&state, .char("u"))
        #expect(state.cursor.channel == 7 && screen(state).has("Mastodon"))
    }

    @Test func readOnlyRefusesAnEditBeforeAnyTyping() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Morning") }
        state.readOnly = "plan.json is open in another Cadence (pid 1)"
        // Enter in the agenda, in the cell's list, and e in the week: no form opens.
        press(&state, .char("v"), .char("v"), .enter)
        #expect(state.overlays.isEmpty)
        #expect(screen(state).last == " ✖ Read-only: plan.json is open in another Cadence (pid 1)")
        press(&state, .char("v"), .char("v"), .char("e"))
        #expect(state.overlays.isEmpty)
        press(&state, .char("s"))
        #expect(screen(state).last == " ✖ Read-only: plan.json is open in another Cadence (pid 1)")
    }

    @Test func aCellsListKeepsASelectionThroughUndoAndRedo() {
        var state = plannerState {
            $0.add("p1", "facebook", "2026-11-24 09:00", "Morning")
            $0.add("p2", "facebook", "2026-11-24 15:00", "Afternoon")
        }
        press(&state, .enter, .char("j"), .char("d"))
        #expect(state.calendar.posts[PostID("p2")!] == nil)
        press(&state, .char("u"), .char("j"), .ctrl("r"))
        #expect(state.calendar.posts[PostID("p2")!] == nil)
        press(&state, .enter)
        #expect(topForm(state)?.title.text == "Morning", "the one post left is selected")
    }

    @Test func choiceListsSayWhenOptionsAreHidden() {
        var state = plannerState(size: Size(width: 70, height: 20))
        press(&state, .char("a"), .tab, .tab, .tab, .tab, .tab)  // Category
        var line = screen(state).first { $0.contains("│Category") }!
        #expect(line.contains("[—]"))
        #expect(line.contains("›"), "more to the right")
        for _ in 0..<7 { press(&state, .right) }
        line = screen(state).first { $0.contains("│Category") }!
        #expect(line.contains("‹") && line.contains("[Humour]"))
        #expect(!line.contains("›"), "Humour is the last")
    }

    @Test func upAndDownLeaveTheTextAtItsEdges() {
        var state = plannerState()
        press(&state, .char("a"), .tab, .tab, .tab, .tab, .tab, .tab)
        type(&state, "one")
        press(&state, .enter)
        type(&state, "two")
        press(&state, .up)
        #expect(topForm(state)?.focus == .text)
        press(&state, .up)
        #expect(topForm(state)?.focus == .category)
        press(&state, .down, .down, .down)
        guard let form = topForm(state) else { return }
        #expect(form.focus == .link)
    }

    @Test func escOnAFormWithTypingAsksOnce() {
        var state = plannerState()
        press(&state, .char("a"))
        press(&state, .escape)
        #expect(state.overlays.isEmpty, "an untouched form closes at once")
        press(&state, .char("a"))
        type(&state, "Half a thought")
        press(&state, .escape)
        #expect(!state.overlays.isEmpty)
        #expect(screen(state).last == " Esc again discards this form; Ctrl-S saves it")
        press(&state, .escape)
        #expect(state.overlays.isEmpty)
        #expect(state.calendar.posts.isEmpty)
    }

    @Test func theFormsCountTakesInTheLink() {
        var state = plannerState()
        state.cursor.channel = 1  // Twitter
        press(&state, .char("a"))
        type(&state, "Launch")
        for _ in 0..<6 { press(&state, .tab) }  // to Text
        type(&state, "abc")
        #expect(screen(state).has("3 / 280") && !screen(state).has("with link"))
        press(&state, .tab)  // to Link
        type(&state, "https://example.com/launch")
        #expect(screen(state).has("28 / 280 with link"), "3 + a blank line + 23 for the link")
    }

    @Test func aNewPostOnADayWithNoFreeTimeLeftSaysSo() {
        var state = plannerState { calendar in
            for hour in stride(from: 8, through: 22, by: 2) { calendar.add("l\(hour)", "linkedin", "2026-11-25 \(hour):00", "L\(hour)") }
        }
        state.cursor = GridCursor(channel: 3, day: CivilDate(iso: "2026-11-25")!)
        press(&state, .char("a"))
        #expect(topForm(state)?.time.text == "09:00")
        #expect(screen(state).last == " No free time left on Wed 25 Nov for LinkedIn (posts 2 h apart); 09:00 is offered")
        press(&state, .escape)
        state.cursor.day = CivilDate(iso: "2026-11-26")!
        press(&state, .char("a"))
        #expect(topForm(state)?.time.text == "08:00")
        #expect(!screen(state).last!.contains("No free time"))
    }

    @Test func jumpingToAPostsProblemSelectsThatPostForEditing() throws {
        var state = plannerState { calendar in
            calendar.add("t1", "twitter", "2026-11-26 09:00", "Short one", text: "fine")
            calendar.add("t2", "twitter", "2026-11-26 12:00", "Long one", text: String(repeating: "x", count: 300))
            calendar.add("t3", "twitter", "2026-11-26 16:00", "Another", text: "fine")
        }
        press(&state, .char("!"))
        let index = state.violationsShown(ViolationsPanel()).firstIndex { $0.rule == TextLengthRule.id }!
        for _ in 0..<index { press(&state, .char("j")) }
        press(&state, .enter)
        #expect(state.view == .week && state.cursor.day == CivilDate(iso: "2026-11-26")!)
        guard case .dayList(let list)? = state.topOverlay else {
            Issue.record("the cell's list is not open")
            return
        }
        #expect(state.postsIn(list)[list.selection].title == "Long one")
        press(&state, .char("e"))
        #expect(try #require(topForm(state)).editing == PostID("t2")!, "e edits the post the problem is about")
    }

    @Test func jumpingToAWeeksProblemSelectsThePostThatWentOver() throws {
        var state = plannerState { calendar in
            calendar.add("h1", "facebook", "2026-11-24 09:00", "Cat in the roastery", category: "humour")
            calendar.add("h2", "facebook", "2026-11-27 12:00", "Barista puns", category: "humour")
        }
        press(&state, .char("!"))
        let index = try #require(state.violationsShown(ViolationsPanel()).firstIndex { $0.rule == CategoryPerWeekRule.id })
        for _ in 0..<index { press(&state, .char("j")) }
        press(&state, .enter)
        #expect(state.view == .week && state.cursor.day == CivilDate(iso: "2026-11-27")!, "not the week's Monday")
        guard case .dayList(let list)? = state.topOverlay else {
            Issue.record("the cell's list is not open")
            return
        }
        #expect(state.postsIn(list)[list.selection].title == "Barista puns")
    }

    @Test func anOpenFormIsKeptWhenThePlannerStopsAndItsBadTimeGoesIntoTheNotes() throws {
        var state = plannerState { calendar in
            calendar.add("p1", "facebook", "2026-11-24 09:00", "Morning news")
        }
        #expect(state.keepOpenForm() == nil, "no form, nothing to keep")
        press(&state, .enter)
        press(&state, .char("e"))
        _ = try #require(topForm(state))
        #expect(state.keepOpenForm() == nil, "an untouched form adds nothing")
        press(&state, .enter)
        press(&state, .char("e"))
        // The title cleared, the time made invalid.
        press(&state, .ctrl("u"))
        press(&state, .tab, .tab, .tab, .ctrl("u"))
        type(&state, "9:")
        #expect(state.keepOpenForm() == "Morning news", "an emptied title falls back to the old one")
        let post = try #require(state.calendar.posts[PostID("p1")!])
        #expect(state.overlays.isEmpty)
        #expect(post.at == at("2026-11-24 09:00", state.calendar), "the time it had stays")
        #expect(post.notes == "Kept from a form left open: date and time were typed as “2026-11-24 9:”")
        #expect(state.hasUnsavedChanges)
        state.undo()
        #expect(state.calendar.posts[PostID("p1")!]?.notes == "", "one undoable step")
    }

    @Test func restoredWorkCanStillBeUndoneAfterAReload() throws {
        // A planner took over and restored the unsaved work another left: a change of posts
        // alone, which undo takes back after the file changes on disk too.
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Mine") }
        let read = state.calendar
        var restored = read
        try restored.put(Post(id: PostID("p2")!, channel: "facebook", at: at("2026-11-24 13:00", read), title: "Left unsaved"))
        try state.commit("Restored the unsaved changes the other Cadence left", calendar: restored)
        state.markRestored()
        var disk = read
        var theirs = disk.posts[PostID("p1")!]!
        theirs.title = "Pulled"
        try disk.put(theirs)
        let merged = try CalendarMerge.merge(base: read, ours: state.calendar, theirs: disk, onReload: true).calendar
        #expect(state.reload(merged, onDisk: disk) == 0, "nothing dropped: no settings changed")
        press(&state, .char("u"))
        #expect(state.status == .info("Undone: Restored the unsaved changes the other Cadence left"), "\(String(describing: state.status))")
        #expect(state.calendar.posts[PostID("p2")!] == nil && state.calendar.posts[PostID("p1")!]?.title == "Pulled")
        #expect(state.restoreUndone && !state.hasUnsavedEdits)
    }

    @Test func aNewTimeZoneOnDiskStartsUndoAfreshKeepingTheUnsavedWork() throws {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Saved") }
        let read = state.calendar
        try state.commit("Added “Unsaved”", put: [Post(id: PostID("p2")!, channel: "facebook", at: at("2026-11-24 13:00", read), title: "Unsaved")])
        // Someone ran `cadence settings --timezone Europe/London` on the file.
        let disk = try read.inZone(ZoneClock(identifier: "Europe/London")!)
        let merged = try CalendarMerge.merge(base: read, ours: state.calendar, theirs: disk, onReload: true).calendar
        #expect(state.reload(merged, onDisk: disk) == 1)
        #expect(state.calendar.local(of: PostID("p2")!)?.description == "2026-11-24 13:00", "its wall-clock time kept")
        press(&state, .char("u"))
        #expect(state.status == .info("Nothing to undo"), "not a false 'changed on disk since'")
        #expect(state.hasUnsavedEdits && state.calendar.posts[PostID("p2")!] != nil)
    }

    @Test func undoGoesOnAfterAReloadButNeverOverAChangeMadeOnDisk() throws {
        var state = plannerState { calendar in
            calendar.add("p1", "facebook", "2026-11-24 09:00", "Mine")
            calendar.add("p2", "facebook", "2026-11-24 12:00", "Shared")
        }
        let p1 = state.calendar.posts[PostID("p1")!]!
        var renamed = p1
        renamed.title = "Mine, renamed"
        try state.commit("Renamed “Mine”", put: [renamed])
        var p2 = state.calendar.posts[PostID("p2")!]!
        p2.title = "Shared, edited here"
        try state.commit("Edited “Shared”", put: [p2])
        var settings = state.calendar
        settings.name = "Acme, renamed"
        try state.commit("Settings", calendar: settings)
        var p3 = renamed
        p3.id = PostID("p3")!
        p3.title = "Added here"
        try state.commit("Added “Added here”", put: [p3])
        #expect(state.hasUnsavedEdits)

        // The file changed on disk: someone else edited p2 too (the merge kept a conflict, or
        // their title won: either way p2 is not as this planner left it).
        var disk = state.calendar
        var theirs = p2
        theirs.title = "Shared, edited there"
        try disk.put(theirs)
        let dropped = state.reload(disk)
        #expect(dropped == 3, "the settings change holds whole calendars from before: it goes, and all before it")

        press(&state, .char("u"))
        #expect(state.status == .info("Undone: Added “Added here”"))
        #expect(state.calendar.posts[PostID("p3")!] == nil)
        press(&state, .char("u"))
        #expect(state.status == .info("Nothing to undo"), "nothing beyond the settings change")
        press(&state, .ctrl("r"))
        #expect(state.calendar.posts[PostID("p3")!]?.title == "Added here")
        #expect(state.hasUnsavedEdits)
    }

    @Test func aSaveAfterAReloadThatDroppedTheRestoreCountsAsSaved() throws {
        // Unsaved work restored at start is one step holding whole calendars; a change on disk
        // then merged in drops it, leaving nothing to undo. Saving must still count as saved.
        var state = plannerState { calendar in calendar.add("p1", "facebook", "2026-11-24 09:00", "On disk") }
        var restored = state.calendar
        restored.add("p2", "facebook", "2026-11-25 09:00", "Restored")
        try state.commit("Restored the unsaved changes", calendar: restored)
        state.markRestored()
        var disk = state.calendar
        disk.add("p3", "twitter", "2026-11-25 12:00", "From the command line")
        state.reload(disk)
        #expect(state.hasUnsavedChanges)
        _ = Reducer.reduce(&state, .saveFinished(error: nil))
        #expect(!state.hasUnsavedChanges, "saved")
        #expect(screen(state).has("· saved"), "the status line says so")
    }

    @Test func undoKeepsWhatChangedOnDiskSinceAndRefusesOnlyTheSameField() throws {
        var state = plannerState { calendar in calendar.add("p1", "facebook", "2026-11-24 09:00", "Mine") }
        addPost(&state, "An older change")
        var mine = state.calendar.posts[PostID("p1")!]!
        mine.title = "Mine, edited here"
        try state.commit("Edited “Mine”", put: [mine])
        // On disk, the team added a note to the same post.
        var disk = state.calendar
        var theirs = mine
        theirs.notes = "A note from the team"
        try disk.put(theirs)
        state.reload(disk)
        press(&state, .char("u"))
        #expect(state.status == .info("Undone: Edited “Mine”"))
        #expect(state.calendar.posts[PostID("p1")!]?.title == "Mine", "the title goes back")
        #expect(state.calendar.posts[PostID("p1")!]?.notes == "A note from the team", "their note stays")
        press(&state, .char("u"))
        #expect(!state.calendar.posts.values.contains { $0.title == "An older change" }, "older steps follow")
        press(&state, .ctrl("r"), .ctrl("r"))
        #expect(state.calendar.posts[PostID("p1")!]?.title == "Mine, edited here")
        #expect(state.calendar.posts[PostID("p1")!]?.notes == "A note from the team")
        // The team changed the title too: that undo is refused, and says why.
        disk = state.calendar
        theirs = state.calendar.posts[PostID("p1")!]!
        theirs.title = "The team's title"
        try disk.put(theirs)
        state.reload(disk)
        press(&state, .char("u"))
        #expect(state.status == .error("Cannot undo Edited “Mine”: “The team's title” was changed on disk since, in the same fields; edit it by hand (this step is dropped; u goes on with the step before)"))
        #expect(state.calendar.posts[PostID("p1")!]?.title == "The team's title")
        // The refused step does not stand in front of the older ones.
        press(&state, .char("u"))
        #expect(state.status?.text.hasPrefix("Undone: ") == true, "\(String(describing: state.status))")
        #expect(!state.calendar.posts.values.contains { $0.title == "An older change" })
        #expect(state.calendar.posts[PostID("p1")!]?.title == "The team's title")
    }

    @Test func undoingEveryUnsavedEditAfterAReloadLeavesNothingUnsaved() throws {
        var state = plannerState { calendar in calendar.add("p1", "facebook", "2026-11-24 09:00", "Mine") }
        var mine = state.calendar.posts[PostID("p1")!]!
        mine.title = "Mine, edited here"
        try state.commit("Edited “Mine”", put: [mine])
        var disk = state.calendar
        try disk.put(Post(id: PostID("p9")!, channel: "twitter", at: at("2026-11-25 10:00", disk), title: "From the team"))
        state.reload(disk)
        #expect(state.hasUnsavedChanges)
        press(&state, .char("u"))
        #expect(state.calendar.posts[PostID("p1")!]?.title == "Mine")
        #expect(state.calendar.posts[PostID("p9")!] != nil, "the team's post stays")
        #expect(!state.hasUnsavedChanges, "back to the file as it is on disk")
    }

    @Test func undoOfAFieldInConflictAfterAReloadIsRefusedAndTheEditStaysUnsaved() throws {
        var state = plannerState { calendar in calendar.add("p1", "facebook", "2026-11-24 09:00", "Fri post") }
        let base = state.calendar
        var mine = state.calendar.posts[PostID("p1")!]!
        mine.title = "MINE"
        try state.commit("Edited “Fri post”", put: [mine])
        // Meanwhile the file's title changed too: the reload keeps both in a conflict.
        var disk = base
        var theirs = base.posts[PostID("p1")!]!
        theirs.title = "DISK"
        try disk.put(theirs)
        let merged = try CalendarMerge.merge(base: base, ours: state.calendar, theirs: disk, mergedBy: nil, onReload: true)
        state.reload(merged.calendar, onDisk: disk)
        #expect(state.conflictCount == 1)
        press(&state, .char("u"))
        #expect(state.status?.text.hasPrefix("Cannot undo Edited “Fri post”: “MINE” was changed on disk since, in the same fields") == true, "\(String(describing: state.status))")
        #expect(state.calendar.posts[PostID("p1")!]?.title == "MINE", "neither side is thrown away")
        #expect(state.conflictCount == 1)
        #expect(state.hasUnsavedChanges, "the plan here is not the file on disk")
        #expect(screen(state).has("● unsaved changes"))
    }

    @Test func aLongNameInTheResolverIsCutBeforeItsValue() throws {
        var state = plannerState { calendar in
            calendar.add("p1", "facebook", "2026-11-24 09:00", "Ours")
            var post = calendar.posts[PostID("p1")!]!
            post.conflict = PostConflict(
                fields: ["title": .init(base: .string("Before"), ours: .string("Ours"), theirs: .string("Theirs"))],
                oursBy: "Alexandra Beridze-Tsereteli of Marketing", theirsBy: "Konstantine Gamsakhurdia of Sales")
            try! calendar.put(post)
        }
        press(&state, .enter, .enter)
        let lines = screen(state)
        #expect(lines.has("m Alexandra Beridze-Tsereteli…: “Ours”"), "\(lines.joined(separator: "\n"))")
        #expect(lines.has("t Konstantine Gamsakhurdia of…: “Theirs”"))
    }

    @Test func aCellsProblemsWrapWholeAndTheRestAreCounted() {
        var state = plannerState { calendar in
            for (i, time) in ["09:00", "09:10", "09:20", "09:30", "09:40", "09:50"].enumerated() {
                calendar.add("p\(i)", "facebook", "2026-11-24 \(time)", "Post \(i) with a long enough title to name", text: "Same words everywhere")
            }
            calendar.add("t1", "twitter", "2026-11-24 12:00", "Tweet", text: "Same words everywhere")
        }
        press(&state, .enter)
        let lines = screen(state)
        #expect(lines.has("│⚠ Tue 24 Nov 2026 · Facebook: “Post 0 with a long enough tit…” at 09:00 and “Post 1 with│"))
        #expect(lines.has("│  a long enough tit…” at 09:10 are 10 min apart, at least 1 h "), "a problem wraps whole: \(lines.joined(separator: "\n"))")
        // The room the posts leave is the problems': the cell's error first, then its warnings.
        #expect(lines.has("│✖ Tue 24 Nov 2026 · Facebook: 6 posts, at most 5 a day "))
        #expect(lines.firstIndex { $0.contains("│✖ Tue 24 Nov") }! < lines.firstIndex { $0.contains("│⚠ Tue 24 Nov") }!)
        #expect(lines.has("│  +11 more: ! lists the week's problems "))
    }

    @Test func theHelpWrapsWhatAKeyDoesInsteadOfCuttingIt() {
        for size in [Size(width: 100, height: 30), Size(width: 130, height: 40), Size(width: 80, height: 24)] {
            var state = plannerState(size: size)
            press(&state, .char("?"))
            var seen = screen(state)
            for _ in 0..<30 {
                press(&state, .char("j"))
                seen += screen(state)
            }
            #expect(!seen.has("…"), "nothing is cut at \(size.width)×\(size.height)")
            #expect(seen.has("quit now (in a form") && seen.has("next time"), "at \(size.width)×\(size.height)")
        }
    }

    @Test func aLongMessageWrapsAboveTheLastLineUntilTheNextKey() {
        var state = plannerState(path: "/home/nino/projects/coffee-lab/marketing/calendar.json")
        let detail = "/home/nino/projects/coffee-lab/marketing/calendar.json:14:3: expected a field name in double quotes, found '<'"
        state.status = .error("/home/nino/projects/coffee-lab/marketing/calendar.json changed on disk but cannot be read; your version is kept. " + detail)
        let lines = screen(state)
        let bottom = lines.suffix(3).joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(bottom.contains("✖ /home/nino/projects/coffee-lab/marketing/calendar.json changed on disk"))
        #expect(bottom.contains(detail), "the line and column are not cut off")
        #expect(lines[lines.count - 4].contains("· saved"), "the status line moves up over the view")
        press(&state, .char("l"))
        #expect(screen(state)[lines.count - 2].contains("· saved"), "and comes back down at the next key")
    }

    @Test func homeEndAndGJumpToTheEndsOfAListAndOfTheHelp() {
        var state = plannerState { calendar in
            for day in 0..<40 { calendar.add("f\(day)", "facebook", "\(CivilDate(iso: "2026-11-01")!.adding(days: day)) 09:00", "Post \(day)") }
        }
        press(&state, .char("v"), .char("v"))
        #expect(state.agenda.items.count == 40 && state.agenda.selection == 23, "at today, 24 Nov")
        press(&state, .char("G"))
        #expect(state.agenda.selection == 39)
        #expect(screen(state).has("Post 39"), "the last post is in view")
        press(&state, .home)
        #expect(state.agenda.selection == 0)
        press(&state, .end)
        #expect(state.agenda.selection == 39)

        press(&state, .char("?"))
        let top = screen(state)
        press(&state, .end)
        #expect(screen(state) != top, "End scrolls the help to its end")
        #expect(screen(state).has("Conflicts") || screen(state).has("Answer"))
        press(&state, .home)
        #expect(screen(state) == top)
    }

    @Test func aFilterAgainFindsWhatChangedSinceTheLastOne() throws {
        var state = plannerState {
            $0.add("p1", "facebook", "2026-11-24 09:00", "Winter blend")
            $0.add("p2", "twitter", "2026-11-25 09:00", "Thread")
        }
        func filter(_ words: String) -> [String] { filterAgenda(&state, words) }
        #expect(filter("зима") == [])
        var post = state.calendar.posts[PostID("p2")!]!
        post.title = "Тред: зима близко"
        try state.commit("Edited", put: [post])
        #expect(filter("зима") == ["p2"], "the changed post's words, not the ones folded before")
        var renamed = state.calendar
        renamed.channels[0].name = "Зимний Facebook"
        try state.commit("Renamed", calendar: renamed)
        #expect(filter("зимн") == ["p1"], "a channel's new name")
        #expect(filter("blend зимн") == ["p1"] && filter("BLEND") == ["p1"])
    }

    @Test func aFilterTakesQuotedPhrasesAndNamesWithSpacesAndSaysWhatAnEmptyKeyNeeds() {
        var state = plannerState {
            $0.add("p1", "facebook", "2026-11-24 09:00", "Winter blend launch", category: "behind-the-scenes")
            $0.add("p2", "twitter", "2026-11-25 09:00", "Blend of winter")
        }
        func filter(_ words: String) -> [String] { filterAgenda(&state, words) }
        #expect(filter("winter blend") == ["p1", "p2"], "both words, anywhere")
        #expect(filter("\"winter blend\"") == ["p1"], "the phrase")
        #expect(filter("#\"Behind the scenes\"") == ["p1"])
        #expect(filter("category:\"behind the scenes\" launch") == ["p1"])
        _ = filter("tag:")
        #expect(topPrompt(state)?.error == "tag: needs a value, such as tag:winter")
        press(&state, .ctrl("u"))
        type(&state, "status:")
        press(&state, .enter)
        #expect(topPrompt(state)?.error == "status: needs a value, such as status:draft")
    }

    @Test func theFiltersByteSearchFindsWordsAnywhereAndOnlyWhole() {
        #expect(AgendaQuery.contains("зимний кофе", "кофе"), "at the end")
        #expect(AgendaQuery.contains("зимний кофе", "зим"), "at the start")
        #expect(!AgendaQuery.contains("зимний кофе", "кофеин"), "longer than what is there")
        #expect(!AgendaQuery.contains("коф", "кофе"), "longer than the text")
        #expect(AgendaQuery.contains("aab", "ab"), "after a false start")
        #expect(AgendaQuery.contains("", "") && AgendaQuery.contains("x", ""))
        #expect(!AgendaQuery.contains("", "x"))
    }

    @Test func agendaWordsFindCategoriesAndChannels() {
        var state = plannerState {
            $0.add("p1", "facebook", "2026-11-24 09:00", "Monday joke", category: "humour")
            $0.add("p2", "twitter", "2026-11-25 09:00", "Thread")
            $0.add("p3", "facebook", "2026-11-26 09:00", "Approved joke", category: "humour", status: .approved)
        }
        press(&state, .char("/"))
        type(&state, "humour")
        press(&state, .enter)
        #expect(state.agenda.items == [PostID("p1")!, PostID("p3")!])
        press(&state, .char("/"), .ctrl("u"))
        type(&state, "twitter")
        press(&state, .enter)
        #expect(state.agenda.items == [PostID("p2")!])
        // Fields by name, together: all must hold.
        press(&state, .char("/"), .ctrl("u"))
        type(&state, "category:Humour status:approved")
        press(&state, .enter)
        #expect(state.agenda.items == [PostID("p3")!])
        press(&state, .char("/"), .ctrl("u"))
        type(&state, "status:draft")
        press(&state, .enter)
        #expect(state.agenda.items == [PostID("p1")!, PostID("p2")!])
    }

    @Test func theFilterPromptStartsEmptyAndUpBringsBackTheFilterInUse() {
        var state = plannerState {
            $0.add("p1", "facebook", "2026-11-24 09:00", "Monday joke", category: "humour")
            $0.add("p3", "facebook", "2026-11-26 09:00", "Approved joke", category: "humour", status: .approved)
        }
        press(&state, .char("/"))
        type(&state, "humour")
        press(&state, .enter)
        press(&state, .char("/"))
        #expect(topPrompt(state)?.field.text == "", "typing makes a new filter, as vim's / does")
        #expect(screen(state).has("Enter all posts · ↑ the filter in use · Esc cancel"))
        press(&state, .up)
        type(&state, " status:approved")
        #expect(topPrompt(state)?.field.text == "humour status:approved")
        press(&state, .enter)
        #expect(state.agenda.items == [PostID("p3")!])
        // Ctrl-A and Ctrl-E go to the start and end of the line, as in a shell.
        press(&state, .char("/"), .up, .ctrl("a"))
        type(&state, "joke ")
        press(&state, .ctrl("e"))
        type(&state, "!")
        #expect(topPrompt(state)?.field.text == "joke humour status:approved!")
        press(&state, .escape)
        // An empty filter shows everything again.
        press(&state, .char("/"), .enter)
        #expect(state.agenda.items.count == 2 && screen(state).has("All posts"))
    }

    @Test func ctrlEIsTheEndOfALineAndOpensTheEditorFromTheText() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "Tip")
        #expect(!screen(state).has("$EDITOR"), "the editor is offered where it works: in Text")
        press(&state, .ctrl("a"))
        type(&state, "A ")
        #expect(press(&state, .ctrl("e")).isEmpty, "no editor from the title")
        type(&state, "!")
        #expect(topForm(state)?.title.text == "A Tip!")
        for _ in 0..<6 { press(&state, .tab) }
        #expect(topForm(state)?.focus == .text)
        #expect(screen(state).has("Ctrl-E: $EDITOR"))
        #expect(press(&state, .ctrl("e")) == [.editText("")])
    }

    @Test func aLinkThatIsNoWebAddressIsFlaggedInTheForm() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "Menu")
        while topForm(state)?.focus != .link { press(&state, .tab) }
        type(&state, "our menu page")
        press(&state, .ctrl("s"))
        #expect(topForm(state)?.focus == .link, "the form stays open on the link")
        #expect(screen(state).has("Link: 'our menu page' holds a space"))
        #expect(state.calendar.posts.isEmpty)
        press(&state, .ctrl("u"))
        type(&state, "acme.example/menu")
        press(&state, .ctrl("s"))
        #expect(state.calendar.posts.values.first?.link == "acme.example/menu")
    }

    @Test func theTwoTimesOfTheNightTheClocksGoBackAreToldApartInLists() throws {
        var state = plannerState { calendar in
            calendar.add("first", "facebook", "2026-10-25 02:30", "First 02:30", status: .published)
            try! calendar.put(Post(id: PostID("second")!, channel: "facebook", at: ZoneClock.parseTimestamp("2026-10-25T02:30:00+01:00"), title: "Second 02:30", status: .published))
            calendar.add("later", "facebook", "2026-10-25 09:00", "Morning", status: .published)
        }
        press(&state, .char("g"))
        type(&state, "2026-10-25")
        press(&state, .enter, .enter)
        let lines = screen(state)
        #expect(lines.has("│02:30+02:00   Facebook published First 02:30"), "\(lines.joined(separator: "\n"))")
        #expect(lines.has("│02:30+01:00   Facebook published Second 02:30"))
        #expect(lines.has("│09:00         Facebook published Morning"), "the column lines up")
    }

    @Test func aDoubleClickOpensTheRowClickedEvenWhenTheListScrollsToIt() {
        var state = plannerState { calendar in
            for i in 10..<50 { calendar.add("i\(i)", "instagram", nil, "Idea \(i)") }
        }
        press(&state, .char("v"), .char("v"), .char("v"))
        let lines = screen(state)
        let y = try! #require(lines.firstIndex { $0.contains("Idea 30") })
        // The first click selects the row (and the list scrolls to keep it in the middle); the
        // second, at the same place, opens it.
        press(&state, .mouse(MouseEvent(x: 20, y: y, kind: .click)))
        #expect(!screen(state)[y].contains("Idea 30"), "the list has scrolled under the pointer")
        press(&state, .mouse(MouseEvent(x: 20, y: y, kind: .doubleClick)))
        #expect(topForm(state)?.title.text == "Idea 30")
    }

    @Test func ggGoesToTheTopOfTheHelp() {
        var state = plannerState()
        func scroll() -> Int? { if case .help(let scroll)? = state.topOverlay { scroll } else { nil } }
        press(&state, .char("?"), .char("G"))
        #expect((scroll() ?? 0) > 0)
        press(&state, .char("g"), .char("g"))
        #expect(scroll() == 0)
    }

    @Test func theQuitQuestionWorksOnATooSmallScreen() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "x")
        press(&state, .enter)
        press(&state, .resize(Size(width: 60, height: 15)))
        press(&state, .char("q"))
        #expect(screen(state).has("Unsaved changes. Save before quitting?"))
        #expect(press(&state, .char("n")) == [.quit])
    }

    @Test func editingSaysUpdatedNotSaved() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Only") }
        press(&state, .char("e"))
        type(&state, ", edited")
        press(&state, .ctrl("s"))
        #expect(screen(state).last == " Updated “Only, edited”")
    }

    @Test func escOnAFormSaysWhatWasDropped() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Morning") }
        press(&state, .char("e"), .escape)
        #expect(state.overlays.isEmpty)
        #expect(screen(state).last!.contains("Nothing changed"))
        press(&state, .char("e"))
        type(&state, "!")
        press(&state, .escape, .escape)
        #expect(screen(state).last!.contains("Changes discarded"))
        press(&state, .char("a"), .escape)
        #expect(screen(state).last!.contains("No post added"))
    }

    @Test func editingAPostAtTheRepeatedHourKeepsItsInstant() throws {
        // 25 Oct 2026 in Berlin: 02:00–03:00 happens twice. The post is at the second 02:30.
        let second = ZoneClock.parseTimestamp("2026-10-25T02:30:00+01:00")!
        var state = plannerState {
            try! $0.put(Post(id: PostID("late")!, channel: "facebook", at: second, title: "After the change"))
        }
        press(&state, .char("g"))
        type(&state, "2026-10-25")
        press(&state, .enter)
        press(&state, .char("e"))
        #expect(try #require(topForm(state)).time.text == "02:30+01:00", "the offset tells which 02:30")
        #expect(screen(state).has("Time 02:30+01:00"))
        type(&state, ", edited")
        press(&state, .ctrl("s"))
        let post = try #require(state.calendar.posts[PostID("late")!])
        #expect(post.title == "After the change, edited")
        #expect(post.at == second, "the title changed, not the hour")
        // A new time that happens twice is its first occurrence, as everywhere else.
        press(&state, .char("e"), .tab, .tab, .tab, .ctrl("u"))
        type(&state, "02:45")
        #expect(screen(state).has("the first of two; 02:45+01:00 is the second"), "the form says which, as add does")
        press(&state, .ctrl("s"))
        #expect(state.calendar.posts[PostID("late")!]?.at == ZoneClock.parseTimestamp("2026-10-25T02:45:00+02:00"))
        // The offset picks the second one; a wrong offset is refused with the two right ones.
        press(&state, .char("e"), .tab, .tab, .tab, .ctrl("u"))
        type(&state, "02:45+03:00")
        #expect(screen(state).has("✖ time: twice that night: 02:45+02:00 or 02:45+01:00"))
        press(&state, .ctrl("s"))
        #expect(topForm(state)?.error == "Time: twice that night: 02:45+02:00 or 02:45+01:00")
        press(&state, .ctrl("u"))
        type(&state, "02:45+01:00")
        press(&state, .ctrl("s"))
        #expect(state.topOverlay == nil)
        #expect(state.calendar.posts[PostID("late")!]?.at == ZoneClock.parseTimestamp("2026-10-25T02:45:00+01:00"))
        // On an ordinary day the offset must be that day's.
        press(&state, .char("e"), .tab, .tab, .ctrl("u"))
        type(&state, "2026-11-02")
        press(&state, .tab, .ctrl("u"))
        type(&state, "10:00+02:00")
        #expect(screen(state).has("✖ time: is 10:00+01:00 that day"))
    }
}

extension TextEditingTests {
    @Test func f1OpensTheHelpOverAFormAndEscComesBack() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "What?")
        #expect(topForm(state)?.title.text == "What?", "? is typed in a form")
        press(&state, .function(1))
        guard case .help? = state.topOverlay else { Issue.record("no help over the form"); return }
        press(&state, .escape)
        #expect(topForm(state)?.title.text == "What?", "back in the form, with what was typed")
    }

    @Test func theFormsKeyLineKeepsSaveAndCancelOnANarrowScreen() {
        for width in [70, 80] {
            var state = plannerState(size: Size(width: width, height: 24))
            press(&state, .char("a"))
            let hints = screen(state).last!
            #expect(hints.contains("Ctrl-S save") && hints.contains("Esc cancel"), "\(hints)")
            #expect(DisplayWidth.of(hints) <= width)
        }
    }

    @Test func shiftAApprovesAPostAndAgainSendsItBackToReview() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 13:00", "Teaser") }
        #expect(screen(state).contains { $0.contains("⚠") }, "due in 3 h and still draft")
        press(&state, .char("A"))
        #expect(state.calendar.posts[PostID("p1")!]?.status == .approved)
        #expect(state.status == .info("Approved “Teaser”"))
        #expect(!state.violations(inWeekStartingOn: state.weekStart).contains { $0.rule == UnapprovedSoonRule.id })
        press(&state, .char("A"))
        #expect(state.calendar.posts[PostID("p1")!]?.status == .review && state.status == .info("“Teaser” back to review"))
        press(&state, .char("u"), .char("u"))
        #expect(state.calendar.posts[PostID("p1")!]?.status == .draft, "each an undoable step")
        // From a cell's list, the agenda and the ideas too; an idea needs a date first.
        press(&state, .enter, .char("A"))
        #expect(state.calendar.posts[PostID("p1")!]?.status == .approved)
        press(&state, .escape, .char("v"), .char("v"), .char("A"))
        #expect(state.calendar.posts[PostID("p1")!]?.status == .review)
        press(&state, .char("a"))
        type(&state, "Someday")
        press(&state, .tab, .tab, .ctrl("u"), .ctrl("s"), .char("v"), .char("A"))
        #expect(state.status == .error("“Someday” is an idea: it is approved once it has a date (m schedules it)"), "\(String(describing: state.status))")
        press(&state, .resize(Size(width: 160, height: 60)), .char("?"))
        #expect(screen(state).has("A         approve the post (again: back to"))
    }

    @Test func theProblemsInViewListErrorsFirst() {
        var state = plannerState { calendar in
            for hour in 8..<14 { calendar.add("f\(hour)", "facebook", "2026-11-26 \(hour):00", "Post \(hour)", status: .approved) }
        }
        press(&state, .char("!"))
        let rows = screen(state).filter { $0.contains("│✖ ") || $0.contains("│⚠ ") }
        #expect(rows.first?.contains("✖ Thu 26 Nov 2026 · Facebook: 6 posts, at most 5 a day") == true, "\(rows)")
        #expect(rows.dropFirst().allSatisfy { $0.contains("│⚠ ") }, "then the warnings, Monday's first")
    }

    @Test func savingAPostThatBreaksARuleSaysWhichAtOnce() {
        var state = plannerState()
        press(&state, .char("j"), .char("j"))  // Instagram, which needs a picture
        addPost(&state, "Bean origins")
        #expect(state.status == .error("Added “Bean origins” · ✖ no image or video; Instagram posts need one"), "\(String(describing: state.status))")
        press(&state, .char("k"))  // Twitter: a post with no problem says only what it did
        addPost(&state, "Morning tweet")
        #expect(state.status == .info("Added “Morning tweet”"))
    }

    @Test func anIdeasShortDateCountsFromTheDayInView() {
        var state = plannerState()  // today: Tue 24 Nov 2026
        press(&state, .char("g"))
        type(&state, "2026-12-15")
        press(&state, .enter, .char("v"), .char("v"), .char("v"), .char("a"))  // the ideas
        #expect(topForm(state)?.date.text == "")
        press(&state, .tab, .tab)
        type(&state, "fri")
        #expect(screen(state).has("→ Fri 18 Dec 2026"))
    }

    @Test func aLetterNoChoiceStartsWithIsSaid() throws {
        var state = plannerState()
        press(&state, .char("a"))
        while topForm(state)?.focus != .status { press(&state, .tab) }
        press(&state, .char("u"))
        #expect(topForm(state)?.statusValue == .draft)
        #expect(screen(state).last!.contains("No status starts with “u”; ← → go through them"), "\(screen(state).last!)")
        press(&state, .char("a"))
        #expect(topForm(state)?.statusValue == .approved && !screen(state).last!.contains("No status"))
        press(&state, .tab, .paste("Promo codes"))
        #expect(topForm(state)?.focus == .category && topForm(state)?.category == 0)
        #expect(screen(state).last!.contains("Paste not taken: category is chosen from a list"), "\(screen(state).last!)")
    }
}

@Suite("Lists line up")
struct ListAlignmentTests {
    @Test func categoriesOfAnyLengthStartInOneColumn() {
        var state = plannerState(size: Size(width: 80, height: 24)) { calendar in
            calendar.add("a1", "facebook", "2026-11-24 09:00", "Вопрос недели: чем вы греетесь", category: "community")
            calendar.add("a2", "twitter", "2026-11-25 09:00", "Как выбрать тёплую куртку", category: "how-to")
            calendar.add("a3", "twitter", "2026-11-25 12:00", "No category")
            calendar.add("a4", "instagram", "2026-11-26 09:00", "Roastery tour", category: "behind-the-scenes")
        }
        press(&state, .char("v"), .char("v"))
        let rows = screen(state).filter { $0.contains("09:00") }
        #expect(rows.count == 3, "\(screen(state).joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("[Behind") && $0.contains("…]") }, "a name cut short keeps its brackets: \(rows.joined(separator: "\n"))")
        let starts = rows.map { DisplayWidth.of($0.components(separatedBy: "[")[0]) }
        #expect(Set(starts).count == 1, "\(rows.joined(separator: "\n"))")
        // At 100 columns, with authors of any length, categories and names keep their columns.
        state.size = Size(width: 100, height: 30)
        #expect(screen(state).has("Вопрос недели: чем вы греетесь"), "no one named in view: no author column, the title has its room")
        for (id, name) in [("a1", "Bo"), ("a2", "Alexandra Konstantinopoulou")] {
            var post = state.calendar.posts[PostID(id)!]!
            post.changedBy = name
            try? state.calendar.put(post)
        }
        state.reload(state.calendar)
        let wide = screen(state).filter { $0.contains("09:00") }
        #expect(Set(wide.map { DisplayWidth.of($0.components(separatedBy: "[")[0]) }).count == 1, "\(wide.joined(separator: "\n"))")
        let named = wide.filter { $0.contains("· ") }
        #expect(named.count == 2 && Set(named.map { DisplayWidth.of($0.components(separatedBy: "· ")[0]) }).count == 1, "\(wide.joined(separator: "\n"))")
        // Planning alone, every post is the user's own: no column says so on every row.
        state.author = "Bo"
        for id in ["a1", "a2", "a3", "a4"] {
            var post = state.calendar.posts[PostID(id)!]!
            post.changedBy = "Bo"
            try? state.calendar.put(post)
        }
        state.reload(state.calendar)
        #expect(!screen(state).contains { $0.contains("· Bo") }, "\(screen(state).joined(separator: "\n"))")
    }
}

extension ListAlignmentTests {
    @Test func aPickerScrollsOnlyWhenTheChoiceWouldNotShow() {
        var state = plannerState(size: Size(width: 80, height: 24))
        press(&state, .char("a"))
        for _ in 0..<5 { press(&state, .tab) }
        #expect(topForm(state)?.focus == .category)
        press(&state, .right)
        let row = screen(state).first { $0.contains("Category") } ?? ""
        #expect(row.contains("  —  [News]"), "the first options stay while there is room: \(row)")
        for _ in 0..<6 { press(&state, .right) }
        let last = screen(state).first { $0.contains("Category") } ?? ""
        #expect(last.contains("[Humour]") && last.contains("‹"), "the last one scrolls into view: \(last)")
    }
}

@Suite("Who planned what")
struct AuthorTests {
    @Test func theListsAndTheFormSayWhoChangedAPostLast() throws {
        var state = plannerState { calendar in
            calendar.add("p1", "facebook", "2026-11-24 09:00", "Teaser")
            var post = calendar.posts[PostID("p1")!]!
            post.stamp(by: "Bob Jones", at: ZoneClock.parseTimestamp("2026-11-23T16:05:00+01:00")!)
            try! calendar.put(post)
            calendar.add("p2", "facebook", "2026-11-24 13:00", "Nobody's")
        }
        press(&state, .enter)
        let lines = screen(state)
        #expect(lines.contains { $0.contains("Teaser") && $0.contains("· Bob Jones") }, "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains("draft      Nobody's") && $0.contains("· ") }, "no one is named for a post the file names no one for")
        // With or without a category, one person's name starts in the same column.
        var withCategory = state.calendar.posts[PostID("p1")!]!
        withCategory.category = "news"
        var without = state.calendar.posts[PostID("p1")!]!
        without.id = PostID("p3")!
        without.at = at("2026-11-24 18:00", state.calendar)
        try state.calendar.put(withCategory)
        try state.calendar.put(without)
        state.reload(state.calendar)
        press(&state, .escape, .enter)
        let rows = screen(state).filter { $0.contains("· Bob Jones") }
        #expect(rows.count == 2)
        #expect(Set(rows.map { DisplayWidth.of($0.components(separatedBy: "· Bob Jones")[0]) }).count == 1, "\(rows.joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("[News]") })
        press(&state, .char("e"))
        #expect(screen(state).has("Last changed by Bob Jones, Mon 23 Nov 2026 16:05"))
        // A post the planner changes is signed by whoever plans here.
        state.author = "Anna"
        press(&state, .tab, .tab, .ctrl("u"))
        type(&state, "2026-11-26")
        press(&state, .ctrl("s"))
        #expect(state.calendar.posts[PostID("p1")!]!.changedBy == "Anna")
        press(&state, .char("v"), .char("v"))  // the agenda says so too: to a teammate
        #expect(screen(state).contains { $0.contains("Teaser") && !$0.contains("· Anna") }, "her own post is left blank to her")
        state.author = "Bob Jones"
        #expect(screen(state).contains { $0.contains("Teaser") && $0.contains("· Anna") })
        // A name too long for the form's line is cut before the date is.
        state.author = "Anna-Katharina Schmidt-Hohenberg (Social Media, Acme Coffee Roasters GmbH)"
        press(&state, .char("e"), .char("!"), .ctrl("s"), .char("e"))
        let line = try #require(screen(state).first { $0.contains("Last changed by") })
        #expect(line.contains("Last changed by Anna-Katharina") && line.contains("…, Tue 24 Nov 2026 10:00"), "\(line)")
    }
}

@Suite("Settling merge conflicts in the planner")
struct ConflictTests {
    /// Both sides changed the title and the text of one post, and the Facebook channel's name.
    func conflicted() throws -> AppState {
        let base = plannerState { $0.add("p1", "facebook", "2026-11-25 09:00", "Launch", text: "Base text") }.calendar
        var ours = base
        var theirs = base
        var mine = base.posts[PostID("p1")!]!
        mine.title = "Launch (mine)"
        mine.text = "My text"
        try ours.put(mine)
        ours.channels[0].name = "FB"
        var other = mine
        other.title = "Launch (theirs)"
        other.text = "Their text"
        try theirs.put(other)
        theirs.channels[0].name = "Facebook page"
        let merged = try CalendarMerge.merge(base: base, ours: ours, theirs: theirs, mergedBy: "Nino").calendar
        return AppState(calendar: merged, filePath: "plan.json", now: ZoneClock.parseTimestamp("2026-11-24T10:00:00+01:00")!, size: Size(width: 100, height: 30))
    }

    /// Opens the problems of the whole plan and Enter on the first merge conflict of this kind.
    func openConflict(_ state: inout AppState, setting: Bool) {
        press(&state, .char("!"), .tab)
        let shown = state.violationsShown(ViolationsPanel(wholePlan: true))
        guard let index = shown.firstIndex(where: { $0.rule == "merge-conflict" && ($0.subject == .settings) == setting }) else {
            Issue.record("no merge conflict listed")
            return
        }
        for _ in 0..<index { press(&state, .char("j")) }
        press(&state, .enter)
    }

    @Test func takeYoursForOneFieldTheirsForTheRestThenUndo() throws {
        var state = try conflicted()
        #expect(state.conflictCount == 2)
        #expect(screen(state).has("2 merge conflicts (!)"))
        // The settings' conflict counts in the week's errors too, as the problems panel lists it.
        let weekErrors = state.weekViolations.errorCount
        #expect(screen(state).has("\(state.weekLabel) ✖ \(weekErrors + 1) "), "\(screen(state)[28])")
        openConflict(&state, setting: false)
        guard case .resolve? = state.topOverlay else {
            Issue.record("Enter on a conflict opens it")
            return
        }
        #expect(state.items(of: Resolver(target: .post(PostID("p1")!))) == [.field("text"), .field("title")])
        press(&state, .char("m"))  // the text: yours
        #expect(state.calendar.posts[PostID("p1")!]?.text == "My text")
        #expect(state.calendar.posts[PostID("p1")!]?.conflict?.fields.keys.sorted() == ["title"])
        press(&state, .char("T"))  // the rest: theirs
        let post = try #require(state.calendar.posts[PostID("p1")!])
        #expect(post.title == "Launch (theirs)" && post.text == "My text" && !post.hasConflict)
        #expect(state.overlays.isEmpty)
        #expect(screen(state).last == " Settled · 1 conflict left (!)")
        press(&state, .char("u"))
        #expect(state.calendar.posts[PostID("p1")!]?.conflict?.fields.keys.sorted() == ["title"], "undo brings the conflict back")
    }

    @Test func theWholePlansProblemsListMergeConflictsFirst() throws {
        let state = try conflicted()
        let shown = state.violationsShown(ViolationsPanel(wholePlan: true))
        #expect(shown.count > 2)
        #expect(shown.prefix(2).allSatisfy { $0.rule == MergeConflicts.ruleID }, "\(shown.prefix(3).map(\.message))")
        #expect(!shown.dropFirst(2).contains { $0.rule == MergeConflicts.ruleID }, "each once")
        #expect(shown.count == state.violations.errors + state.violations.warnings)
    }

    @Test func takeAllOfYoursOrTheirsForASetting() throws {
        var state = try conflicted()
        openConflict(&state, setting: true)
        // Which setting it is shows whole, on a line of its own.
        let place = state.calendar.conflicts[0].place
        #expect(screen(state).has(place), "\(place) in \(screen(state).joined(separator: "\n"))")
        press(&state, .char("t"))
        #expect(state.calendar.channels[0].name == "Facebook page")
        #expect(state.calendar.conflicts.isEmpty && state.conflictCount == 1)
        press(&state, .char("u"))
        #expect(state.calendar.channels[0].name == "FB" && state.calendar.conflicts.count == 1)
        openConflict(&state, setting: false)
        press(&state, .char("M"))
        #expect(state.calendar.posts[PostID("p1")!]?.title == "Launch (mine)")
        #expect(state.conflictCount == 1)
    }

    /// The form settles the conflict on the fields changed in it, as `cadence update` does;
    /// the rest stay to settle and the form and the status line say so.
    @Test func editingThePostSettlesWhatTheFormChanged() throws {
        var state = try conflicted()
        openConflict(&state, setting: false)
        press(&state, .char("e"))
        guard let form = topForm(state) else { return }
        #expect(form.title.text == "Launch (mine)", "the form starts from yours")
        #expect(screen(state).has("· ✖ merge conflict: text, title"), "the form shows what is in conflict")
        #expect(state.status?.text == "A field you change here settles its conflict; the rest stay for ! (M keeps yours, T theirs)")
        press(&state, .ctrl("s"))
        #expect(state.calendar.posts[PostID("p1")!]?.conflict?.fields.keys.sorted() == ["text", "title"], "saving unchanged settles nothing")
        #expect(screen(state).last == " Nothing changed; the merge conflict is still to settle (! lists it)")
        openConflict(&state, setting: false)
        press(&state, .char("e"))
        type(&state, " – final")
        press(&state, .ctrl("s"))
        let post = try #require(state.calendar.posts[PostID("p1")!])
        #expect(post.title == "Launch (mine) – final")
        #expect(post.conflict?.fields.keys.sorted() == ["text"], "the text is still to settle")
        #expect(state.status?.text == "Updated “Launch (mine) – final” · settled the merge conflict on title · still to settle: text (! lists it)")
    }
}

@Suite("A short screen")
struct ShortScreenTests {
    @Test func postsBeyondACellsLinesAreCountedOnItsFirstLine() throws {
        var state = plannerState(size: Size(width: 100, height: 20))
        addPost(&state, "Winter blend")
        addPost(&state, "Barista tips")
        addPost(&state, "Latte art")
        let lines = screen(state)
        let row = try #require(lines.firstIndex { $0.hasPrefix(" Facebook") })
        // Room for two titles: the first two posts by time, and one more counted.
        #expect(lines[row].contains("│3/1–5  +1 ⚠│"), "\(lines[row])")
        #expect(lines[row + 1].contains("│10:15⚠Latt…│"), "\(lines[row + 1])")
        #expect(lines[row + 2].contains("│13:00⚠Wint…│"), "\(lines[row + 2])")
        #expect(!lines.has("more"))
        // A narrow cell has no room for the count: its last line says it instead.
        state.size = Size(width: 70, height: 20)
        let narrow = screen(state)
        #expect(narrow[row + 1].contains("│⚠Latte…│"), "\(narrow[row + 1])")
        #expect(narrow[row + 2].contains("│+2 more│"), "\(narrow[row + 2])")
    }
}

@Suite("Editing text")
struct TextEditingTests {
    @Test func upAndDownInWrappedTextKeepTheCursorsColumn() throws {
        var state = plannerState()
        press(&state, .char("a"))
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)  // Text
        #expect(try #require(topForm(state)).focus == .text)
        type(&state, Array(repeating: "abcdefg", count: 40).joined(separator: " "))
        press(&state, .left, .left, .left)
        let start = try #require(PlannerView.render(state).cursor)
        press(&state, .up)
        let up = try #require(PlannerView.render(state).cursor)
        #expect(up.y == start.y - 1 && up.x == start.x, "\(start) → \(up)")
        press(&state, .up)
        let twice = try #require(PlannerView.render(state).cursor)
        #expect(twice.y == start.y - 2 && twice.x == start.x, "\(start) → \(twice)")
        press(&state, .down, .down)
        let back = try #require(PlannerView.render(state).cursor)
        #expect(back.y == start.y && back.x == start.x, "\(start) → \(back)")
    }
}

extension TextEditingTests {
    @Test func backspaceTakesAJoinedEmojiTypedOneCodePointAtATimeWhole() throws {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "Team ")
        // The terminal hands over one code point at a time.
        for scalar in "👨‍👩‍👧 👍🏽 Café".unicodeScalars where scalar != "é" { press(&state, .char(Character(scalar))) }
        for scalar in "e\u{301}".unicodeScalars { press(&state, .char(Character(scalar))) }
        #expect(try #require(topForm(state)).title.text == "Team 👨‍👩‍👧 👍🏽 Café")
        #expect(try #require(topForm(state)).title.characters.count == 13)
        press(&state, .backspace)
        #expect(try #require(topForm(state)).title.text == "Team 👨‍👩‍👧 👍🏽 Caf")
        press(&state, .backspace, .backspace, .backspace, .backspace)
        #expect(try #require(topForm(state)).title.text == "Team 👨‍👩‍👧 👍🏽")
        press(&state, .backspace)
        #expect(try #require(topForm(state)).title.text == "Team 👨‍👩‍👧 ")
        press(&state, .backspace, .backspace)
        #expect(try #require(topForm(state)).title.text == "Team ")
    }
}

extension TextEditingTests {
    @Test func savingAPostAsItWasChangesNothing() throws {
        var state = plannerState()
        addPost(&state, "Winter blend")
        let saved = state.calendar
        press(&state, .char("e"))
        #expect(topForm(state) != nil)
        press(&state, .ctrl("s"))
        #expect(state.topOverlay == nil)
        #expect(screen(state).last == " Nothing changed")
        #expect(state.calendar == saved, "no new change stamp")
        press(&state, .char("u"))
        #expect(state.calendar.posts.isEmpty, "the one undo step is the post's adding")
    }
}

extension TextEditingTests {
    @Test func dateAndTimeProblemsTooLongBesideTheFieldsAreToldInFullBelow() {
        var state = plannerState()
        press(&state, .char("a"))
        type(&state, "Spring")
        press(&state, .tab, .tab, .ctrl("u"))
        type(&state, "2026-02-30")
        press(&state, .tab, .ctrl("u"))
        type(&state, "25:00")
        let lines = screen(state)
        #expect(lines.has("✖ date: no such day: February 2026 has 28 days; time: not… │"))
        #expect(lines.has("│✖ date: no such day: February 2026 has 28 days; time: not a time (HH:MM, 930, 9pm)   "))
    }

    @Test func theTimeTakesTheFormsPeopleType() throws {
        var state = plannerState()  // today: Tue 24 Nov 2026 10:00
        for (typed, meant) in [("930", "09:30"), ("1415", "14:15"), ("9.45", "09:45"), ("21", "21:00"), ("9pm", "21:00"), ("9:30 am", "09:30")] {
            press(&state, .char("a"))
            type(&state, "At \(typed)")
            press(&state, .tab, .tab, .ctrl("u"))
            type(&state, "2026-11-27")
            press(&state, .tab, .ctrl("u"))
            type(&state, typed)
            #expect(!screen(state).has("not a time"), "\(typed)")
            press(&state, .ctrl("s"))
            let post = try #require(state.calendar.posts.values.first { $0.title == "At \(typed)" }, "\(typed)")
            #expect(state.calendar.local(of: post.id)?.time.description == meant, "\(typed)")
        }
        // Digits of other scripts (a Japanese or an Arabic keyboard's) are not a time, and do
        // not stop the planner.
        press(&state, .char("a"), .tab, .tab, .tab)
        for typed in ["９", "٩٣٠"] {
            press(&state, .ctrl("u"))
            type(&state, typed)
            #expect(screen(state).has("not a time"), "\(typed)")
        }
    }
}

@Suite("Where posts and the agenda land")
struct AgendaPlaceTests {
    @Test func theAgendaOpensAtTheWeekInView() throws {
        var state = plannerState()
        addPost(&state, "This week")
        press(&state, .char("]"), .char("]"))
        addPost(&state, "In two weeks")
        press(&state, .char("]"))
        addPost(&state, "In three weeks")
        press(&state, .char("["), .char("["))  // the week in view holds no post: the next one after it
        press(&state, .char("v"), .char("v"))
        #expect(state.view == .agenda)
        let selected = try #require(state.calendar.posts[state.agenda.items[state.agenda.selection]])
        #expect(selected.title == "In two weeks")
        press(&state, .char("t"), .escape, .char("v"), .char("v"))
        #expect(state.agenda.selection == 0, "today: this week's post")
        // In the agenda, t and g move within it, to that day's posts or the next ones.
        press(&state, .char("G"))
        #expect(state.agenda.selection == 2)
        press(&state, .char("t"))
        #expect(state.view == .agenda && state.agenda.selection == 0)
        press(&state, .char("g"))
        type(&state, "2026-12-06")
        press(&state, .enter)
        #expect(state.view == .agenda)
        #expect(state.calendar.posts[state.agenda.items[state.agenda.selection]]?.title == "In two weeks")
        #expect(screen(state).last!.contains("Sun 6 Dec 2026"))
    }
}

extension AgendaPlaceTests {
    @Test func aPasteOrMoveIntoThePastSaysSo() {
        var state = plannerState()
        addPost(&state, "Winter blend")
        press(&state, .char("y"), .char("h"), .char("p"))
        #expect(screen(state).last!.hasPrefix(" Pasted “Winter blend” on Facebook, Mon 23 Nov 13:00 · ⚠ in the past"), "\(screen(state).last!)")
        press(&state, .char("l"), .char("l"), .char("p"))
        #expect(!screen(state).last!.contains("in the past"))
        press(&state, .char("m"), .char("h"), .char("h"), .char("h"), .enter)
        #expect(screen(state).last!.hasSuffix("· ⚠ in the past"), "\(screen(state).last!)")
    }
}

extension AgendaPlaceTests {
    @Test func aCopyPastedOnTodayIsNotPutInThePast() {
        var state = plannerState { $0.add("m", "facebook", "2026-11-23 09:00", "Monday's", status: .published) }
        press(&state, .char("h"), .char("y"), .char("l"), .char("p"))
        let copies = state.calendar.posts(on: CivilDate(iso: "2026-11-24")!, channel: "facebook")
        #expect(copies.compactMap { state.calendar.timeText(of: $0.id) } == ["13:00"], "09:00 is gone today (it is 10:00): the next free posting time")
    }
}

extension TextEditingTests {
    @Test func theFormCountsAsTheChannelsNetworkDoes() {
        var state = plannerState()
        press(&state, .char("j"), .char("a"))  // Twitter
        press(&state, .tab, .tab, .tab, .tab, .tab, .tab)  // Text
        type(&state, "Кофе 🔥 日本")
        // X: 4 Cyrillic letters and 2 spaces count 1 each; the emoji and the two CJK characters 2.
        #expect(screen(state).has("12 / 280"))
    }
}

extension AgendaPlaceTests {
    @Test func undoInAListSelectsThePostItBringsBack() throws {
        var state = plannerState { calendar in
            calendar.add("a1", "facebook", "2026-11-24 09:00", "First")
            calendar.add("a2", "facebook", "2026-11-24 12:00", "Second")
            calendar.add("a3", "facebook", "2026-11-24 15:00", "Third")
            calendar.add("i1", "facebook", nil, "Idea one")
            calendar.add("i2", "facebook", nil, "Idea two")
            calendar.add("i3", "facebook", nil, "Idea three")
        }
        func selected() -> String { state.agenda.items[state.agenda.selection].rawValue }
        press(&state, .char("v"), .char("v"))
        press(&state, .char("j"))
        #expect(selected() == "a2")
        press(&state, .char("d"))
        #expect(selected() == "a3", "the row after the deleted post")
        press(&state, .char("u"))
        #expect(selected() == "a2", "the post brought back, not the one after it")
        press(&state, .ctrl("r"))
        #expect(selected() == "a3")

        press(&state, .char("v"))  // the ideas
        #expect(state.view == .ideas)
        let first = try #require(state.ideaList.first).id
        press(&state, .char("d"), .char("j"))
        #expect(state.ideaList.count == 2 && state.ideasSelection == 1)
        press(&state, .char("u"))
        #expect(state.ideaList[state.ideasSelection].id == first)
    }

    @Test func anotherViewClosesTheCellsListAndTheProblems() {
        var state = plannerState { $0.add("p1", "facebook", "2026-11-24 09:00", "Teaser") }
        press(&state, .enter)
        guard case .dayList? = state.topOverlay else { Issue.record("no list"); return }
        press(&state, .char("v"))
        #expect(state.view == .month && state.overlays.isEmpty, "the list was the week's")
        press(&state, .char("!"), .char("v"))
        #expect(state.view == .agenda && state.overlays.isEmpty)
        press(&state, .char("v"), .char("a"))
        #expect(topForm(state)?.date.text == "", "on the ideas, a adds an idea")
    }

    @Test func aMoveEndsWhenAListOpens() {
        var state = plannerState()
        addPost(&state, "Winter blend")
        press(&state, .char("m"))
        #expect(state.moving != nil)
        press(&state, .char("v"))  // the month: a cell can still be chosen there
        #expect(state.moving != nil)
        press(&state, .char("v"))  // the agenda: no cells
        #expect(state.moving == nil)
        #expect(screen(state).last!.hasPrefix(" Agenda view · move cancelled"), "\(screen(state).last!)")
    }
}

@Suite("Counts before a move, as in vim")
struct CountTests {
    @Test func aCountRepeatsAMoveInTheGrid() {
        var state = plannerState()
        let start = state.cursor.day
        press(&state, .char("3"), .char("l"))
        #expect(state.cursor.day == start.adding(days: 3))
        press(&state, .char("2"), .char("["))
        #expect(state.cursor.day == start.adding(days: 3 - 14))
        press(&state, .char("1"), .char("0"), .left)
        #expect(state.cursor.day == start.adding(days: 3 - 14 - 10), "two digits make ten")
        press(&state, .char("9"), .char("j"))
        #expect(state.cursor.channel == state.calendar.channels.count - 1, "stops at the last channel")
        press(&state, .char("l"))
        #expect(state.cursor.day == start.adding(days: 3 - 14 - 10 + 1), "the count was used up")
    }

    @Test func theCountShowsUntilTheMoveAndEscDropsIt() {
        var state = plannerState()
        let start = state.cursor
        press(&state, .char("4"))
        #expect(screen(state).last!.hasPrefix(" 4 then a move: hjkl ←↓↑→ [ ], u, Ctrl-R or p  Esc cancel the count"), "\(screen(state).last!)")
        press(&state, .char("2"))
        #expect(screen(state).last!.hasPrefix(" 42 then a move"))
        press(&state, .escape)
        #expect(state.pendingCount == nil && state.cursor == start)
        #expect(screen(state).last!.hasPrefix(" hjkl move"))
        press(&state, .char("l"))
        #expect(state.cursor.day == start.day.adding(days: 1), "Esc dropped the count, not the next move")
        // A lone 0 is no count; a count before a key that is no move is dropped.
        press(&state, .char("0"), .char("l"))
        #expect(state.cursor.day == start.day.adding(days: 2))
        press(&state, .char("5"), .char("a"))
        #expect(topForm(state) != nil && state.pendingCount == nil)
        #expect(state.status == .info("The count 5 was dropped: it goes with a move, u, Ctrl-R or p"))
        press(&state, .escape)
        // u and Ctrl-R take a count, as in vim.
        for title in ["One", "Two", "Three"] { addPost(&state, title) }
        #expect(state.calendar.posts.count == 3)
        press(&state, .char("2"), .char("u"))
        #expect(state.calendar.posts.values.map(\.title) == ["One"])
        press(&state, .char("2"), .ctrl("r"))
        #expect(state.calendar.posts.count == 3)
        press(&state, .char("l"))
        addPost(&state, "Four")
        press(&state, .char("y"), .char("3"), .char("e"))
        #expect(topForm(state) != nil)
        #expect(state.status?.text.contains("count 3 was dropped") == true, "\(String(describing: state.status))")
    }

    @Test func aCountGoesDownAListAndBeforeGToThatRow() {
        var state = plannerState { calendar in
            for day in 1...9 { calendar.add("p\(day)", "facebook", "2026-12-0\(day) 10:00", "Post \(day)") }
        }
        press(&state, .char("v"), .char("v"), .home)
        func selected() -> String { state.agenda.items[state.agenda.selection].rawValue }
        press(&state, .char("3"), .char("j"))
        #expect(selected() == "p4")
        press(&state, .char("7"), .char("G"))
        #expect(selected() == "p7")
        press(&state, .char("G"))
        #expect(selected() == "p9", "G alone: the last row")
        press(&state, .char("g"), .char("g"))
        #expect(selected() == "p1" && state.topOverlay == nil, "gg: the first row, as in vim")
        press(&state, .char("G"))
        press(&state, .char("4"), .char("0"), .char("k"))
        #expect(selected() == "p1", "stops at the first row")
        press(&state, .char("2"))
        #expect(screen(state).last!.hasPrefix(" 2 then a move: jk ↓↑ [ ] PgUp PgDn, u, Ctrl-R or p  G row 2  Esc cancel the count"), "\(screen(state).last!)")
        press(&state, .escape, .char("!"), .char("3"))  // the problems panel: no days to step through
        #expect(screen(state).last!.hasPrefix(" 3 then a move: jk ↓↑ PgUp PgDn, u, Ctrl-R or p  G row 3"), "\(screen(state).last!)")
    }
}

extension TextEditingTests {
    @Test func theFormTakesShortDatesAndShowsTheDayTheyMean() throws {
        var state = plannerState()  // today: Tue 24 Nov 2026
        press(&state, .char("a"))
        type(&state, "Weekend teaser")
        press(&state, .tab, .tab, .ctrl("u"))  // Date
        type(&state, "fri")
        #expect(screen(state).has("→ Fri 27 Nov 2026"), "\(screen(state).joined(separator: "\n"))")
        press(&state, .ctrl("u"))
        type(&state, "02-30")
        #expect(screen(state).has("✖ date: no such day: February 2027 has 28 days"), "the February nearest today")
        press(&state, .ctrl("u"))
        type(&state, "zz")
        #expect(screen(state).has("✖ date: not a date (2026-12-24, 12-24, fri, +3)"))
        press(&state, .ctrl("u"))
        type(&state, "+1w")
        #expect(screen(state).has("→ Tue 1 Dec 2026"))
        press(&state, .ctrl("s"))
        let post = try #require(state.calendar.posts.values.first { $0.title == "Weekend teaser" })
        #expect(state.calendar.local(of: post.id)?.date == CivilDate(iso: "2026-12-01"))
        // Written out in full, the date needs no translation.
        press(&state, .char("e"))
        #expect(topForm(state)?.date.text == "2026-12-01")
        #expect(!screen(state).has("→ Tue"))
        // A weekday, +3 and 12-24 count from the day the form opened on: in the week of 14
        // Dec, fri is that week's Friday; today and tomorrow stay today's.
        press(&state, .escape, .char("g"))
        type(&state, "2026-12-15")
        press(&state, .enter, .char("a"), .tab, .tab, .ctrl("u"))
        for (typed, meant) in [("fri", "Fri 18 Dec 2026"), ("+3", "Fri 18 Dec 2026"), ("mon", "Mon 21 Dec 2026"), ("12-01", "Tue 1 Dec 2026"), ("tomorrow", "Wed 25 Nov 2026")] {
            type(&state, typed)
            #expect(screen(state).has("→ \(meant)"), "\(typed)")
            press(&state, .ctrl("u"))
        }
    }
}

@Suite("The ends of the calendar")
struct CalendarEndTests {
    @Test func movesStopAtTheLastAndFirstDayCadencePlans() {
        var state = plannerState()
        press(&state, .char("g"))
        type(&state, "2199-12-30")
        press(&state, .enter)
        #expect(state.cursor.day == CivilDate(iso: "2199-12-30")!)
        press(&state, .char("]"))
        #expect(state.cursor.day == CivilDate(iso: "2199-12-31")!)
        #expect(screen(state).has("Cadence plans from 1900 to 2199; this is as far as it goes"))
        press(&state, .char("v"), .char("]"))  // the month view there draws
        #expect(screen(state).has("December 2199"))
        press(&state, .char("9"), .char("9"), .char("9"), .char("9"), .char("["))
        #expect(state.cursor.day == CivilDate(iso: "1900-01-01")!)
        press(&state, .char("["), .escape, .char("h"))
        #expect(state.cursor.day == CivilDate(iso: "1900-01-01")!)
        #expect(screen(state).has("1900-W01"))
        press(&state, .char("g"))
        type(&state, "2200-01-01")
        press(&state, .enter)
        #expect(screen(state).has("from 1900 to 2199"))
        press(&state, .escape, .char("a"), .tab, .tab, .ctrl("u"))  // the form's Date
        type(&state, "2200-01-01")
        #expect(screen(state).has("✖ date: Cadence plans from 1900 to 2199"))
    }
}

extension AgendaPlaceTests {
    @Test func theFirstRowInViewAlwaysSaysItsDay() throws {
        var state = plannerState { calendar in
            for day in 25...26 {
                for hour in 0..<24 { calendar.add("d\(day)-\(hour)", "twitter", String(format: "2026-11-%02d %02d:00", day, hour), "Tweet \(hour)") }
            }
            calendar.add("i1", "facebook", nil, "An idea")
        }
        press(&state, .char("v"), .char("v"), .home)
        press(&state, .char("4"), .char("0"), .char("j"))  // scrolls: the day began above the first row
        let lines = screen(state)
        let firstRow = try #require(lines.first { $0.contains("Tweet") })
        #expect(firstRow.contains("Wed 25 Nov 2026"), "\(firstRow)")
        #expect(lines.filter { $0.contains("Wed 25 Nov 2026") }.count == 1)
        press(&state, .char("G"))
        #expect(screen(state).has(" Ideas"))
    }
}

extension TextEditingTests {
    @Test func theOfferedTimeFollowsTheDayUntilATimeIsTyped() throws {
        var state = plannerState { calendar in  // today: Tue 24 Nov 2026, 10:00
            calendar.add("f1", "facebook", "2026-11-27 09:00", "Friday morning")
        }
        press(&state, .char("a"))
        type(&state, "Weekend teaser")
        #expect(topForm(state)?.time.text == "13:00", "today's next posting time after 10:00")
        press(&state, .tab, .tab, .ctrl("u"))  // Date
        type(&state, "fri")
        #expect(topForm(state)?.time.text == "13:00", "Friday's 09:00 is taken")
        press(&state, .ctrl("u"))
        type(&state, "sat")
        #expect(topForm(state)?.time.text == "09:00", "Saturday's first posting time")
        press(&state, .tab, .ctrl("u"))  // Time: one's own
        type(&state, "15:30")
        press(&state, .backTab, .ctrl("u"))
        type(&state, "+3")
        #expect(topForm(state)?.time.text == "15:30", "a typed time stays")
        press(&state, .ctrl("s"))
        let post = try #require(state.calendar.posts.values.first { $0.title == "Weekend teaser" })
        #expect(state.calendar.local(of: post.id)?.description == "2026-11-27 15:30")
    }
}
