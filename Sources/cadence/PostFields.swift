import ArgumentParser
import CadenceCore
import Foundation

/// The post fields `add` and `update` take.
struct PostFieldOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Channel id or name.", valueName: "id"))
    var channel: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("When it goes out: \"YYYY-MM-DD HH:MM\" in the calendar's time zone, or a day alone (YYYY-MM-DD, today, fri, +3, 12-24) for the channel's next free posting time; \"fri 18:00\" is the coming Friday.", valueName: "date time"))
    var at: String?

    // Text may start with '-' ("-10% today"), so the next argument is taken whatever it looks like.
    @Option(parsing: .unconditional, help: ArgumentHelp("Title (a short name for the plan).", valueName: "text"))
    var title: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The text to publish.", valueName: "text"))
    var text: String?

    @Option(name: .customLong("text-file"), help: ArgumentHelp("Read the text to publish from a file (UTF-8; - reads standard input), for copy too long for a command line.", valueName: "path"))
    var textFile: String?

    @Option(help: ArgumentHelp("Category id or name.", valueName: "name"))
    var category: String?

    @Option(help: ArgumentHelp("One of \(PostStatus.names).", valueName: "status"))
    var status: String?

    @Option(help: ArgumentHelp("The link to share.", valueName: "url"))
    var link: String?

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("An image or video path or URL; repeat for several, or separate them with \", \" (replaces the list on update).", valueName: "path"))
    var media: [String] = []

    @Option(name: .customLong("tag"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A tag; repeat for several (replaces the list on update).", valueName: "tag"))
    var tags: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Notes for the team.", valueName: "text"))
    var notes: String?

    /// The edits these options ask for, checked against the calendar; `old` is the post being
    /// updated. A day alone in `--at` keeps the post's time of day when it is free that day (a
    /// move to another day), else takes the channel's next free posting time (`timePicked`
    /// says which).
    func changes(
        in calendar: ContentCalendar, environment: CommandEnvironment, editing old: Post? = nil
    ) throws(CadenceError) -> (changes: PostChanges, timePicked: TimePick?) {
        try refuseMissingValues()
        var changes = PostChanges()
        var timePicked: TimePick? = nil
        if let channel { changes.channel = try calendar.findChannel(channel).id }
        if let at {
            switch try PlanInput.when(at, field: "--at", clock: calendar.clock, today: environment.today(in: calendar)) {
            case .instant(let instant):
                changes.at = .some(instant)
            case .day(let day):
                guard let channel = changes.channel ?? old?.channel else { throw .usage("--at with a day alone needs --channel") }
                let book = RuleBook(calendar)
                let spacing = book.spacing(of: channel)
                // A day the channel already has its most posts on takes no more this way, as a
                // day with no free time takes none: a time given is taken (the check says so).
                if let full = calendar.dayIsFull(channel: channel, day: day, moving: old, book: book) {
                    let name = calendar.channel(channel)?.name ?? channel
                    throw .usage("--at: \(name) has \(Describe.count(full.count, "post")) on \(day.longDescription), at most \(full.most) a day; give a time, as \"\(day) HH:MM\", to \(old == nil ? "add one" : "move it there") anyway")
                }
                guard let (time, kept) = calendar.timeForDayAlone(channel: channel, day: day, post: old, now: environment.now, spacing: spacing) else {
                    throw .usage("--at: " + calendar.noFreeTime(channel: channel, day: day, spacing: spacing, now: environment.now) + "; give a time, as \"\(day) HH:MM\"")
                }
                changes.at = .some(try PlanInput.instant(LocalDateTime(date: day, time: time), clock: calendar.clock))
                timePicked = kept ? .kept : .picked
            }
        }
        // As an import reads them: a title without spaces around it, and plain new lines
        // (a shell's $'…\r\n' or a Windows file's CRLF), so an export and import changes nothing.
        if let title { changes.title = title.trimmingCharacters(in: .whitespaces) }
        if let text { changes.text = Post.normalisingLineBreaks(text) }
        if let category {
            changes.category = .some(category.isEmpty ? nil : try calendar.findCategory(category).id)
        }
        if let status {
            guard let parsed = PostStatus(rawValue: status.lowercased()) else {
                throw .invalidValue(field: "--status", value: status, expected: "one of \(PostStatus.names)")
            }
            changes.status = parsed
        }
        if let link {
            let trimmed = link.trimmingCharacters(in: .whitespaces)
            changes.link = .some(trimmed.isEmpty ? nil : trimmed)
        }
        if !media.isEmpty {
            // A one-line list splits; an empty item or one with a line break is refused as it is.
            changes.media = media.flatMap { value in
                value.contains(where: \.isNewline) || TextMetrics.isBlank(value) ? [value.trimmingCharacters(in: .whitespaces)] : Post.mediaItems(value)
            }
        }
        if !tags.isEmpty { changes.tags = Post.uniqueTags(tags.map(Post.bareTag)) }
        if let notes { changes.notes = Post.normalisingLineBreaks(notes) }
        return (changes, timePicked)
    }
}

extension PostFieldOptions {
    /// The options whose value is taken whatever it looks like (copy may start with '-', even
    /// be `--SALE--`), so that `--title --help` would make a post titled "--help": a value
    /// that is one of the command's own options means the option's value was left out.
    private func refuseMissingValues() throws(CadenceError) {
        let given: [(String, String?)] =
            [("--at", at), ("--title", title), ("--text", text), ("--notes", notes)]
            + media.map { ("--media", $0) } + tags.map { ("--tag", $0) }
        for case let (option, value?) in given {
            let name = value.split(separator: "=", maxSplits: 1).first.map(String.init) ?? value
            guard Self.optionNames.contains(name) else { continue }
            throw .usage("\(option) is missing its value ('\(value)' is an option); give it as \(option) VALUE")
        }
    }

    /// The options of `add` and `update`, as typed.
    private static let optionNames: Set<String> = [
        "--channel", "--at", "--title", "--text", "--text-file", "--category", "--status", "--link", "--media", "--tag",
        "--notes", "--file", "-f", "--help", "-h", "--version", "--unschedule", "--clear-media", "--clear-tags",
    ]

    /// These options with `--text-file` read into `--text`: done before the calendar is locked
    /// for the change, as standard input may be a person typing.
    func readingTextFile() throws(CadenceError) -> PostFieldOptions {
        guard let textFile else { return self }
        guard text == nil else { throw .usage("give either --text or --text-file, not both") }
        var read = self
        read.text = try Self.readText(textFile)
        read.textFile = nil
        return read
    }

    /// The text in a file, or standard input for `-`: UTF-8, with plain new lines, and without
    /// the line break an editor puts at the end of a file.
    private static func readText(_ path: String) throws(CadenceError) -> String {
        let name = path == "-" ? "standard input" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = Data(try CalendarFile.readBytes(path))
            } catch {
                if case .fileNotFound = error { throw .inputNotFound(path: path) }
                throw error
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .usage("--text-file: \(name) is not UTF-8 text")
        }
        var normal = Post.normalisingLineBreaks(text)
        if normal.hasSuffix("\n") { normal.removeLast() }
        if normal.hasPrefix("\u{FEFF}") { normal.removeFirst() }  // a byte-order mark some editors write
        guard !TextMetrics.isBlank(normal) else {
            throw .usage("--text-file: \(name) is empty; to clear the text, give --text \"\"")
        }
        // Named here, by its line, rather than as the text's: the file is what to mend.
        for (number, line) in normal.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let hidden = line.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\t" }) {
                let code = String(hidden.value, radix: 16, uppercase: true)
                throw .usage("--text-file: \(name) holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)) on line \(number + 1)")
            }
        }
        return normal
    }
}

/// Refuses a `--status` that the post's date contradicts: an idea is a post without a date, and
/// a post without one cannot be scheduled or published. (`update` moves the status along by
/// itself when only the date changes.)
func checkStatusAgreesWithDate(_ post: Post, statusGiven: Bool, adding: Bool) throws(CadenceError) {
    guard statusGiven, let problem = post.statusDateProblem else { return }
    let advice =
        post.isIdea ? "give --at too" + (adding ? "" : " (or leave --status out)")
        : adding ? "leave --at out to add an idea, or give another status" : "give --unschedule to make it an idea, or another status"
    throw .usage("--status: \(problem); \(advice)")
}

/// How a day alone in `--at` got its time.
enum TimePick {
    /// The post's own time of day, free on the new day.
    case kept
    /// The channel's next free posting time, or the first free time.
    case picked
}

/// Tells, on standard error, the time Cadence chose for a post given a day alone.
func reportPickedTime(of post: Post, _ pick: TimePick?, in calendar: ContentCalendar) {
    guard let pick, let local = calendar.local(of: post.id), let channel = calendar.channel(post.channel) else { return }
    let how =
        pick == .kept ? "its time of day, kept"
        : channel.postingTimes.contains(local.time) ? "\(channel.name)'s next free posting time"
        : channel.postingTimes.isEmpty ? "the first free time (\(channel.name) has no posting times)"
        : channel.postingTimes.allSatisfy({ calendar.clock.date(for: LocalDateTime(date: local.date, time: $0)) == nil })
            ? "the first free time (\(channel.name)'s posting times do not exist that day: the clocks skip them)"
        : "the first free time (no posting time of \(channel.name) is free that day)"
    fflush(nil)  // after what standard output said
    writeStandardError("at \(local.date.longDescription) \(local.time): \(how)\n")
}

/// Tells, on standard error, when a post was just given a time already gone and is not marked
/// published: allowed (a post logged after the fact), but more often a mistyped date.
/// A month and day typed without the year (`12-01`) is the nearest such day, which may be
/// just gone: the note says how to name next year's.
func reportPast(of post: Post, typed: String?, in calendar: ContentCalendar, now: Date) {
    guard let typed, let at = post.at, at < now, post.status != .published, let local = calendar.local(of: post.id) else { return }
    fflush(nil)  // after what standard output said
    let when = "\(local.date.longDescription) \(calendar.clock.timeText(at))"
    let day = typed.split(separator: " ").first.map(String.init) ?? ""
    if day.wholeMatch(of: /\d{1,2}-\d{1,2}/) != nil {
        let next = CivilDate(year: local.date.year + 1, month: local.date.month, day: local.date.day).map { "\($0)" } ?? "\(local.date.year + 1)-\(day)"
        printError("saved; note: \(when) is in the past: \(day) is the nearest \(local.date.day) \(CivilDate.fullMonthNames[local.date.month - 1]); for next year's, write \(next)\(typed.dropFirst(day.count)) (--status published if it went out)")
        return
    }
    printError("saved; note: \(when) is in the past (a mistyped date? --status published if it went out)")
}

/// Saves a changed post and returns what the change broke: the violations around the post's
/// old and new days that were not there before.
func savePost(_ post: Post, into calendar: inout ContentCalendar, file: FileOptions, environment: CommandEnvironment) throws(CadenceError) -> [Violation] {
    var post = post
    post.stamp(by: Git.author(near: file.path), at: environment.now)
    if let problem = post.inputProblem(comparedTo: calendar.posts[post.id]) {
        throw .invalidPost(message: "--\(problem.field == "tags" ? "tag" : problem.field): \(problem.message)")
    }
    let before = calendar
    try calendar.put(post)
    try file.save(calendar)
    return RuleChecker.broken(from: [before], to: calendar, around: [before.local(of: post.id)?.date, calendar.local(of: post.id)?.date].compactMap { $0 }, ideas: post.isIdea, now: environment.now)
}

/// Tells, on standard error, what a saved change broke.
func reportBroken(_ violations: [Violation]) {
    guard !violations.isEmpty else { return }
    fflush(nil)  // after what standard output said
    printError("saved; the change breaks these rules:")
    writeStandardError(Reports.violationLines(violations, palette: .plain).map { "  " + $0 + "\n" }.joined())
}

/// Tells, on standard error, how Cadence read a typed time that needs a word: one given with
/// another zone's offset (converted into the calendar's zone), or one typed without an offset
/// that happens twice that night (the clocks go back: Cadence took the first, and says how to
/// write the second).
func reportTypedTime(of post: Post, typed: String?, in calendar: ContentCalendar) {
    guard let typed, let at = post.at, let local = calendar.local(of: post.id) else { return }
    let clock = calendar.clock
    switch PlanInput.reading(of: typed, at: at, clock: clock) {
    case .converted?:
        fflush(nil)  // after what standard output said
        printError("saved; note: \(typed) is \(local.date.longDescription) \(clock.timeText(at)) in \(clock.identifier), the calendar's time zone")
    case .firstOfRepeated(let later)?:
        fflush(nil)  // after what standard output said
        printError("saved; note: \(local.time) happens twice on \(local.date.longDescription) (the clocks go back); this is the first, \(local.time)\(clock.offsetText(at: at)); for the second write \"\(local.date) \(local.time)\(clock.offsetText(at: later))\"")
    case nil:
        break
    }
}
