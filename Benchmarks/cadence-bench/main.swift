import CadenceCore
import CadenceTUI
import Foundation

// A repeatable benchmark of the core: generate calendars of N posts (same seed, same calendar
// every run), then time load (read, parse, index), check (every week that holds a post) and
// save (canonical encoding and atomic write). Each size runs in a child process of its own so
// that its peak memory is its own.
//
//   swift run -c release cadence-bench                 # 10,000 and 100,000 posts
//   swift run -c release cadence-bench 50000           # other sizes
//   cadence-bench --one 10000 --runs 5                 # one size, in this process
//   cadence-bench --generate 100000 big.json           # write the calendar, to try by hand

func generateCalendar(posts count: Int) throws -> ContentCalendar {
    var calendar = try TemplateCatalog.find("default", userFolder: nil)
        .instantiate(name: "Benchmark", zone: ZoneClock(identifier: "Europe/Berlin")!)
    var random = SeededGenerator(state: 42)
    let channels = calendar.channels.map(\.id)
    let categories = calendar.categories.map(\.id)
    let titles = ["Autumn sale", "Новая коллекция", "ახალი მოდელები", "Behind the scenes", "新商品", "Customer story"]
    let texts = [
        "Our autumn collection is here: warm, light and made to last. #autumn #style",
        "Новая коллекция уже в магазине — приходите примерить! #новинки",
        "ახალი მოდელები უკვე მაღაზიაშია. გელოდებით! 👋",
        "How we pick the wool for our sweaters, step by step, with photos from the mill.",
    ]
    // About ten posts a day across four channels, from 1 Jan 2024 on.
    let firstDay = CivilDate(year: 2024, month: 1, day: 1)!.dayNumber
    for i in 0..<count {
        let day = CivilDate(dayNumber: firstDay + i / 10)
        let minute = Int(random.next(upperBound: UInt32(16 * 60))) + 7 * 60
        let local = LocalDateTime(date: day, time: LocalTime(minuteOfDay: minute))
        let at = calendar.clock.date(for: local) ?? calendar.clock.startOfDay(day)
        let idea = random.next(upperBound: UInt32(50)) == 0
        let channel = channels[Int(random.next(upperBound: UInt32(channels.count)))]
        // A dated post is a draft or further along; an idea has no date.
        let status = idea ? PostStatus.idea : PostStatus.allCases[1 + Int(random.next(upperBound: UInt32(5)))]
        let post = Post(
            id: calendar.newPostID(), channel: channel, at: idea ? nil : at,
            title: "\(titles[i % titles.count]) \(i)", text: texts[Int(random.next(upperBound: UInt32(texts.count)))] + " \(i)",
            category: categories[Int(random.next(upperBound: UInt32(categories.count)))],
            status: status,
            link: i % 3 == 0 ? "https://shop.example/p/\(i)" : nil, media: channel == "instagram" ? ["img/\(i).jpg"] : [],
            tags: i % 4 == 0 ? ["campaign-\(i % 12)"] : [])
        try calendar.put(post)
    }
    return calendar
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func format(_ s: Double) -> String {
    s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s)
}

/// Runs one size and prints one Markdown table row.
func benchmarkOne(posts: Int, runs: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cadence-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("calendar.json").path

    var calendar = try generateCalendar(posts: posts)
    try CalendarFile.save(calendar, to: path)
    let fileSize = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    // What `check` and the planner do besides loading: scan the file for times written in
    // another zone's offsets; and a CSV export of every post.
    let bytes = try CalendarFile.readBytes(path)
    var scans: [Double] = []
    var exports: [Double] = []
    var filters: [Double] = []

    var loads: [Double] = []
    var checks: [Double] = []
    var saves: [Double] = []
    var violations = 0
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    for _ in 0..<runs {
        loads.append(try seconds { calendar = try CalendarFile.load(path) })
        checks.append(seconds {
            violations = RuleChecker.check(calendar, in: .weeksWithPosts(in: calendar), now: now).count
        })
        saves.append(try seconds { try CalendarFile.save(calendar, to: path) })
        scans.append(seconds { _ = ForeignOffsets.find(in: bytes, calendar: calendar) })
        exports.append(seconds { _ = CSVFormat.export(calendar.sortedPosts, of: calendar) })
        // The agenda filtered by a word: every post's words folded and searched.
        filters.append(seconds {
            let query = AgendaQuery("коллекция", calendar: calendar)
            _ = calendar.sortedPosts.count { query.matches($0) }
        })
    }
    // One keystroke's worth of work in the planner: re-check the week of one post after a change.
    var weekChecks: [Double] = []
    let someDay = CivilDate(dayNumber: calendar.daysWithPosts[calendar.daysWithPosts.count / 2])
    let weekStart = calendar.weekStart(of: someDay)
    for _ in 0..<max(runs, 20) {
        weekChecks.append(seconds {
            _ = RuleChecker.check(calendar, in: .days(from: weekStart, to: weekStart.adding(days: 6)), now: now)
        })
    }
    // The planner: opening it (a full check for the status line's totals), then keystrokes:
    // a move (reduce and draw the screen) and an edit (a post added through the form, which
    // re-checks the weeks it touches), each the median of 20.
    var state = AppState(calendar: calendar, filePath: path, now: now, size: Size(width: 120, height: 40))
    let open = seconds { state = AppState(calendar: calendar, filePath: path, now: now, size: Size(width: 120, height: 40)) }
    state.cursor.day = someDay
    var moves: [Double] = []
    var edits: [Double] = []
    for i in 0..<20 {
        moves.append(seconds {
            Reducer.reduce(&state, i % 2 == 0 ? .right : .left)
            _ = PlannerView.render(state)
        })
        Reducer.reduce(&state, .add)
        for c in "Bench \(i)" { Reducer.reduce(&state, .insert(c)) }
        edits.append(seconds {
            Reducer.reduce(&state, .saveForm)
            _ = PlannerView.render(state)
        })
    }
    // Typing in the form's text: a character, the live count and the redraw.
    var typed: [Double] = []
    Reducer.reduce(&state, .add)
    for _ in 0..<6 { Reducer.reduce(&state, .nextField) }
    for i in 0..<40 {
        typed.append(seconds {
            Reducer.reduce(&state, .insert(i % 7 == 6 ? " " : "ж"))
            _ = PlannerView.render(state)
        })
    }
    Reducer.reduce(&state, .cancel)
    Reducer.reduce(&state, .cancel)  // the second Esc discards a form with typing in it
    // The planner's clock moving on a minute, which re-checks the posts falling due.
    var ticks: [Double] = []
    for i in 1...20 {
        ticks.append(seconds { Reducer.reduce(&state, .tick(now.addingTimeInterval(Double(i) * 60))) })
    }
    // The same edit with the agenda (every post, in order) on screen.
    Reducer.reduce(&state, .nextView)
    Reducer.reduce(&state, .nextView)
    precondition(state.view == .agenda && state.agenda.items.count == state.calendar.posts.count)
    var agendaEdits: [Double] = []
    for i in 0..<20 {
        Reducer.reduce(&state, .add)
        for c in "Agenda \(i)" { Reducer.reduce(&state, .insert(c)) }
        agendaEdits.append(seconds {
            Reducer.reduce(&state, .saveForm)
            _ = PlannerView.render(state)
        })
    }
    // The agenda's filter typed in the planner: the first folds every post's words, the next
    // ones (after an edit) only what changed since.
    func filterAgenda(_ word: String) -> Double {
        Reducer.reduce(&state, .filter)
        for c in word { Reducer.reduce(&state, .insert(c)) }
        return seconds { Reducer.reduce(&state, .submit) }
    }
    let firstFilter = filterAgenda("коллекция")
    var againFilters: [Double] = []
    for word in ["кофе", "launch", "коллекция"] {
        Reducer.reduce(&state, .add)
        for c in "Между фильтрами" { Reducer.reduce(&state, .insert(c)) }
        Reducer.reduce(&state, .saveForm)
        againFilters.append(filterAgenda(word))
    }
    // A key in the panel of the whole plan's problems (thousands of them).
    Reducer.reduce(&state, .showViolations)
    Reducer.reduce(&state, .toggleScope)
    precondition(state.violationsShown(ViolationsPanel(wholePlan: true)).count > 1000)
    var panelKeys: [Double] = []
    for i in 0..<20 {
        panelKeys.append(seconds {
            Reducer.reduce(&state, i % 2 == 0 ? .down : .up)
            _ = PlannerView.render(state)
        })
    }
    // A git merge of the whole file: each side edited ten posts.
    var ours = calendar
    var theirs = calendar
    let ids = Array(calendar.posts.keys.sorted().prefix(40))
    for (i, id) in ids.enumerated() where i < 20 {
        var post = calendar.posts[id]!
        post.title += i % 2 == 0 ? " (ours)" : ""
        post.text += i % 2 == 1 ? " (theirs)" : ""
        if i % 2 == 0 { try ours.put(post) } else { try theirs.put(post) }
    }
    var merges: [Double] = []
    for _ in 0..<runs {
        // As the merge driver does it: the merge, then what the two plans break together.
        merges.append(try seconds {
            let merged = try CalendarMerge.merge(base: calendar, ours: ours, theirs: theirs)
            _ = RuleChecker.problemsMadeByMerging(merged.calendar, sides: [ours, theirs], touched: merged.touched, now: now)
        })
    }
    let row = [
        Describe.number(posts), String(format: "%.1f MB", Double(fileSize) / 1e6), format(median(loads)),
        format(median(checks)), format(median(saves)), String(format: "%.2f ms", median(weekChecks) * 1000),
        format(open), String(format: "%.2f ms", median(moves) * 1000), String(format: "%.2f ms", median(edits) * 1000),
        String(format: "%.2f ms", median(agendaEdits) * 1000), String(format: "%.2f ms", median(ticks) * 1000),
        String(format: "%.2f ms", median(panelKeys) * 1000), String(format: "%.2f ms", median(typed) * 1000),
        format(median(merges)), format(median(scans)), format(median(exports)), format(median(filters)), format(firstFilter), format(median(againFilters)), String(format: "%.0f MiB", peakMemoryMiB()), Describe.number(violations),
    ]
    print("| " + row.joined(separator: " | ") + " |")
}

func machineDescription() -> String {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
        .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
    return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(String(format: "%.0f", memory)) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)"
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--generate", arguments.count == 3, let posts = Int(arguments[1]) {
    // A calendar to try the planner on by hand: cadence-bench --generate 100000 big.json
    try CalendarFile.save(try generateCalendar(posts: posts), to: arguments[2])
} else if let index = arguments.firstIndex(of: "--one"), index + 1 < arguments.count, let posts = Int(arguments[index + 1]) {
    let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 3
    try benchmarkOne(posts: posts, runs: runs)
} else {
    let sizes = arguments.compactMap { Int($0) }.isEmpty ? [10_000, 100_000] : arguments.compactMap { Int($0) }
    print("Machine: \(machineDescription())")
    print("Median of runs (5 for up to 20,000 posts, else 3); week check, keys, edits and clock tick: median of 20 runs.\n")
    print("| posts | file | load | check (all weeks) | save | check one week | planner opens | key (move + draw) | edit (add + re-check + draw) | edit in the agenda | clock tick | key in all problems | type in a form | merge | offsets scan | CSV export | filter by a word | agenda filter (first) | agenda filter (again) | peak memory | violations |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for posts in sizes {
        fflush(nil)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        child.arguments = ["--one", String(posts), "--runs", posts <= 20_000 ? "5" : "3"]
        try child.run()
        child.waitUntilExit()
        if child.terminationStatus != 0 { exit(child.terminationStatus) }
    }
}
