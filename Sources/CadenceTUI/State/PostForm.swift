import CadenceCore
import Foundation

/// The post form: every field of a post, edited in place, checked as it is typed.
public struct PostForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case title, channel, date, time, status, category, text, link, media, tags, notes

        public var label: String {
            switch self {
            case .title: "Title"
            case .channel: "Channel"
            case .date: "Date"
            case .time: "Time"
            case .status: "Status"
            case .category: "Category"
            case .text: "Text"
            case .link: "Link"
            case .media: "Media"
            case .tags: "Tags"
            case .notes: "Notes"
            }
        }

        /// Fields chosen from a list with ← and → rather than typed.
        public var isPicker: Bool { self == .channel || self == .status || self == .category }
    }

    /// The post being edited; `nil` for a new one.
    public var editing: PostID?
    /// The post as it was, so fields the form does not show (unknown ones) are kept.
    public var base: Post?
    /// The day the form opened on (the cell's, the post's, or for an idea the day in view): a
    /// weekday, `+3` or `12-24` typed in the date count from it, so that `fri` is the first
    /// Friday from the day being planned, not from today. `nil`: from today.
    public var anchor: CivilDate?
    public var focus: Field = .title
    /// Whether typing replaces the focused field's value instead of adding to it: the date
    /// and the time as offered, once Tab comes to them (as a selected value in other forms).
    public var replacesOnType = false
    public var title: TextField
    public var channel: Int
    public var date: TextField
    public var time: TextField
    public var status: Int
    /// 0 for none, otherwise 1 + the index in the calendar's categories.
    public var category: Int
    public var text: TextField
    public var link: TextField
    public var media: TextField
    public var tags: TextField
    public var notes: TextField
    public var error: String?
    /// Esc was pressed once on a form with changes; a second Esc discards them.
    public var discardArmed = false
    /// Ctrl-C was pressed once with typing in the form: the next one quits.
    public var interruptArmed = false
    /// The time Cadence offered a new post; while the time field still shows it, it follows
    /// the channel and the day chosen.
    public var suggestedTime: String?
    private var initialMedia: String
    /// The form as it opened, to tell whether anything was typed.
    private var initialValues: [String] = []

    /// A new post on a channel, on a day at a time (or an idea when `day` is `nil`).
    public init(newOn channel: Int, day: CivilDate?, time: LocalTime?, status: PostStatus = .draft) {
        anchor = day
        title = TextField()
        self.channel = channel
        date = TextField(day?.description ?? "")
        self.time = TextField(time?.description ?? "")
        suggestedTime = time?.description
        self.status = PostStatus.allCases.firstIndex(of: day == nil ? .idea : status)!
        category = 0
        text = TextField(multiline: true)
        link = TextField()
        media = TextField()
        tags = TextField()
        notes = TextField()
        initialMedia = ""
        initialValues = values
    }

    public init(editing post: Post, in calendar: ContentCalendar) {
        editing = post.id
        base = post
        anchor = calendar.local(of: post.id)?.date
        title = TextField(post.title)
        channel = calendar.channels.firstIndex { $0.id == post.channel } ?? 0
        date = TextField(calendar.local(of: post.id)?.date.description ?? "")
        time = TextField(calendar.timeText(of: post.id) ?? "")
        status = PostStatus.allCases.firstIndex(of: post.status)!
        category = post.category.flatMap { id in calendar.categories.firstIndex { $0.id == id } }.map { $0 + 1 } ?? 0
        text = TextField(post.text, multiline: true)
        link = TextField(post.link ?? "")
        initialMedia = post.media.joined(separator: ", ")
        media = TextField(initialMedia)
        tags = TextField(post.tags.joined(separator: ", "))
        notes = TextField(post.notes)
        initialValues = values
    }

    private var values: [String] {
        [title.text, date.text, time.text, text.text, link.text, media.text, tags.text, notes.text, "\(channel)", "\(status)", "\(category)"]
    }

    /// Whether anything differs from the form as it opened.
    public var hasChanges: Bool { values != initialValues }

    /// The text field that has the focus, if the focused field is typed into.
    public var focusedText: TextField? {
        get {
            switch focus {
            case .title: title
            case .date: date
            case .time: time
            case .text: text
            case .link: link
            case .media: media
            case .tags: tags
            case .notes: notes
            case .channel, .status, .category: nil
            }
        }
        set {
            guard let newValue else { return }
            switch focus {
            case .title: title = newValue
            case .date: date = newValue
            case .time: time = newValue
            case .text: text = newValue
            case .link: link = newValue
            case .media: media = newValue
            case .tags: tags = newValue
            case .notes: notes = newValue
            case .channel, .status, .category: break
            }
        }
    }

    public mutating func moveFocus(_ delta: Int) {
        let all = Field.allCases
        focus = all[(focus.rawValue + delta + all.count) % all.count]
        selectIfOffered()
    }

    /// The date and time, once focus comes to them, are selected whole: typing replaces them.
    /// The cursor goes to the end, so that the selection shown is the whole value.
    public mutating func selectIfOffered() {
        replacesOnType = (focus == .date || focus == .time) && !(focusedText?.isEmpty ?? true)
        if replacesOnType { focusedText?.end() }
    }

    /// Empties the focused field when typing is to replace what it holds.
    mutating func takeOvertype() {
        guard replacesOnType else { return }
        replacesOnType = false
        focusedText = TextField()
    }

    /// ← and → on a picker field.
    public mutating func pick(_ delta: Int, in calendar: ContentCalendar) {
        func step(_ value: Int, count: Int) -> Int { count == 0 ? 0 : (value + delta + count) % count }
        switch focus {
        case .channel: channel = step(channel, count: calendar.channels.count)
        case .status: status = step(status, count: PostStatus.allCases.count)
        case .category: category = step(category, count: calendar.categories.count + 1)
        default: break
        }
    }

    /// Picks an option of the focused picker by its place in the list (a click on it).
    public mutating func choose(option: Int) {
        switch focus {
        case .channel: channel = option
        case .status: status = option
        case .category: category = option
        default: break
        }
    }

    /// Picks the next option of a picker field that starts with a letter (typing it again
    /// goes on to the next such option). Returns whether an option starts with it.
    @discardableResult
    public mutating func pick(startingWith letter: Character, in calendar: ContentCalendar) -> Bool {
        let lower = String(letter).lowercased()
        func next(after current: Int, in names: [String]) -> Int? {
            guard !names.isEmpty else { return nil }
            for step in 1...names.count {
                let i = (current + step) % names.count
                if names[i].lowercased().hasPrefix(lower) { return i }
            }
            return nil
        }
        switch focus {
        case .channel:
            guard let i = next(after: channel, in: calendar.channels.map(\.name)) else { return false }
            channel = i
        case .status:
            guard let i = next(after: status, in: PostStatus.allCases.map(\.rawValue)) else { return false }
            status = i
        case .category:
            guard let i = next(after: category, in: ["—"] + calendar.categories.map(\.name)) else { return false }
            category = i
        default: return false
        }
        return true
    }

    public var statusValue: PostStatus { PostStatus.allCases[status] }

    // MARK: Checking as you type

    /// What is wrong with the date as typed, if anything.
    public func dateProblem(today: CivilDate) -> String? {
        let text = date.text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return time.text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : "needs a date" }
        switch PlanInput.read(date: text, today: today, near: anchor) {
        case .day: return nil
        case .missing(let why): return "no such day: \(why)"
        case .outside: return "Cadence plans \(CivilDate.plannableText)"
        case .notADate: return "not a date (2026-12-24, 12-24, fri, +3)"
        }
    }

    /// The day a short form typed in the date stands for (`fri` → Fri 27 Nov 2026), to show
    /// beside it; `nil` when the date is written out in full, or is not one.
    public func dateMeaning(today: CivilDate) -> CivilDate? {
        let text = date.text.trimmingCharacters(in: .whitespaces)
        guard CivilDate(iso: text) == nil, case .day(let day) = PlanInput.read(date: text, today: today, near: anchor) else { return nil }
        return day
    }

    /// What is wrong with the time as typed, if anything (including a time the clocks skip).
    public func timeProblem(calendar: ContentCalendar, today: CivilDate) -> String? {
        let text = PlanInput.normalisedTime(time.text)
        if text.isEmpty { return date.text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : "needs a time" }
        let clockText = text.firstIndex { $0 == "+" || $0 == "-" }.map { String(text[..<$0]) } ?? text
        guard let parsed = LocalTime(clockText) else { return "not a time (HH:MM, 930, 9pm)" }
        guard let day = try? PlanInput.date(date.text, field: "date", today: today, near: anchor),
            instant(in: calendar, today: today) == nil
        else { return nil }
        // A time that is not one on that day: say which it can be.
        let clock = calendar.clock
        switch clock.resolve(LocalDateTime(date: day, time: parsed)) {
        case .skipped: return "skipped by the DST change"
        case .repeated(let earlier, let later): return "twice that night: \(parsed)\(clock.offsetText(at: earlier)) or \(parsed)\(clock.offsetText(at: later))"
        case .unique(let at): return "is \(parsed)\(clock.offsetText(at: at)) that day"
        }
    }

    /// The text's length as the selected channel's network counts it (with the link, which goes
    /// out at its end), and its limit.
    public func textLength(in calendar: ContentCalendar, book: RuleBook) -> (count: Int, limit: Int?, withLink: Bool) {
        let posted = Post.postedText(text: text.text, link: link.text)
        let withLink = posted != text.text
        guard calendar.channels.indices.contains(channel) else { return (posted.count, nil, withLink) }
        let rule = book.rules(for: calendar.channels[channel].id).first(TextLengthRule.self)
        return (rule?.postedLength(text: text.text, link: link.text) ?? posted.count, rule?.max, withLink)
    }

    /// The moment the date and time as typed stand for; `nil` for none or one not valid.
    public func instant(in calendar: ContentCalendar, today: CivilDate) -> Date? {
        let dateText = date.text.trimmingCharacters(in: .whitespaces)
        guard !dateText.isEmpty, let day = try? PlanInput.date(dateText, field: "date", today: today, near: anchor) else { return nil }
        // `02:30+01:00` picks the second 02:30 of a night the clocks go back; a plain `02:30`
        // is the first.
        return try? PlanInput.instant(day: day, time: PlanInput.normalisedTime(time.text), field: "time", clock: calendar.clock)
    }

    /// The second occurrence, as it is typed (`02:30+01:00`), when the time typed without an
    /// offset happens twice that night (the clocks go back) and so means the first.
    public func secondOfRepeatedTime(in calendar: ContentCalendar, today: CivilDate) -> String? {
        let text = time.text.trimmingCharacters(in: .whitespaces)
        guard PlanInput.typedOffset(text) == nil, let at = instant(in: calendar, today: today),
            case .repeated(_, let later) = calendar.clock.resolve(calendar.clock.local(at).dateTime)
        else { return nil }
        return calendar.clock.timeText(later)
    }

    /// The time a short form typed in the time stands for (`9pm` → 21:00, `930` → 09:30), to
    /// show beside it; `nil` when it is written out in full, or is not a time.
    public var timeMeaning: String? {
        let typed = time.text.trimmingCharacters(in: .whitespaces)
        let normal = PlanInput.normalisedTime(typed)
        guard !typed.isEmpty, normal != typed, LocalTime(normal) != nil else { return nil }
        return normal
    }

    /// What the post as typed would break, before it is saved, each short: its channel's count,
    /// category and spacing rules ("6 Facebook posts that day, at most 5", "2 Humour posts
    /// that week, at most 1", "35 min from the 18:00 post (1 h apart)") and its own rules ("no
    /// image or video; Instagram posts need one", "6 hashtags, at most 5"); errors first.
    /// An idea gets only its own rules' notes. Only the days around the post are read (the
    /// calendar's day index), never every post.
    public func cadenceNotes(in calendar: ContentCalendar, book: RuleBook, now: Date) -> [String] {
        let today = calendar.clock.day(of: now)
        guard calendar.channels.indices.contains(channel) else { return [] }
        let at = instant(in: calendar, today: today)
        // What the post's own rules say (a picture missing, too many hashtags, a link left in
        // the text); its length has its counter.
        var own: [String] = []
        // A title not typed yet, or a link half typed, is no reason to keep quiet about the rest.
        var probe = self
        var shownElsewhere: Set<String> = [TextLengthRule.id, UnapprovedSoonRule.id]
        if TextMetrics.isBlank(title.text) { probe.title = TextField("-") }
        if let problem = linkProblem {
            probe.link = TextField("")
            shownElsewhere.insert(LinkRequiredRule.id)
            own.append("✖ link: \(problem)")
        }
        if case .success(let draft) = probe.post(in: calendar, today: today, newID: base?.id ?? PostForm.draftID) {
            // The status is in the form to see, and saving says it if it is still unapproved.
            own += RuleChecker.draftProblems(draft, in: calendar, book: book, now: now, leavingOut: shownElsewhere).map {
                "\($0.severity == .error ? "✖" : "⚠") \($0.detail)"
            }
        }
        guard let at else { return own.filter { $0.hasPrefix("✖") } + own.filter { !$0.hasPrefix("✖") } }
        let channel = calendar.channels[channel]
        let day = calendar.clock.day(of: at)
        var notes: [String] = []
        let rules = book.rules(for: channel.id)
        func symbol(_ severity: Severity?, default level: Severity) -> String { (severity ?? level) == .error ? "✖" : "⚠" }
        // The post being edited is not counted twice.
        if let reached = calendar.dailyMaximumReached(channel: channel.id, day: day, besides: base?.id, book: book) {
            notes.append("\(symbol(reached.severity, default: .error)) \(Describe.count(reached.count + 1, "\(channel.name) post")) that day, at most \(reached.most)")
        }
        if let reached = calendar.weeklyMaximumReached(channel: channel.id, day: day, besides: base?.id, book: book) {
            notes.append("\(symbol(reached.severity, default: .error)) \(Describe.count(reached.count + 1, "\(channel.name) post")) that week, at most \(reached.most)")
        }
        if category > 0, calendar.categories.indices.contains(category - 1), let weekly = rules.first(CategoryPerWeekRule.self) {
            let chosen = calendar.categories[category - 1]
            if let limit = weekly.limits.first(where: { $0.category == chosen.id }) {
                let start = calendar.weekStart(of: day)
                let others = (0..<7).reduce(0) { sum, offset in
                    sum + calendar.posts(on: start.adding(days: offset), channel: channel.id).count { $0.category == chosen.id && $0.id != base?.id }
                }
                if others >= limit.max {
                    notes.append("\(symbol(weekly.severity, default: .error)) \(Describe.count(others + 1, "\(chosen.name) post")) that week, at most \(limit.max)")
                }
            }
        }
        if let spacing = rules.first(SpacingRule.self) {
            if let closest = calendar.nearestTooClose(channel: channel.id, at: at, spacing: spacing.minutes, ignoring: base?.id) {
                let gap = Int(abs(closest.at!.timeIntervalSince(at)) / 60)
                // Named by its time, which is short and says which (a title can be long).
                let other = "the \(calendar.clock.timeText(closest.at!)) post"
                let near = gap == 0 ? "at the same time as \(other)" : "\(Describe.duration(minutes: gap)) from \(other) (\(Describe.duration(minutes: spacing.minutes)) apart)"
                notes.append("\(symbol(spacing.severity, default: .warning)) \(near)")
            }
        }
        notes += own
        // The same words planned on another channel (the rule reads the saved text, so it is
        // looked up here by what is typed).
        if let sameText = rules.first(SameTextRule.self) {
            let others = SameTextRule.twins(among: calendar.postsSharing(text: text.text), besides: channel.id, book: book).filter { $0.id != base?.id }.sorted { ($0.at ?? .distantPast, $0.id) < ($1.at ?? .distantPast, $1.id) }
            if let first = others.first {
                let name = calendar.channel(first.channel)?.name ?? first.channel
                let when = calendar.local(of: first.id).map { "\($0.date.shortDescription) \(calendar.timeText(of: first.id)!)" } ?? ""
                let more = others.count > 1 ? " and \(others.count - 1) more" : ""
                notes.append("\(symbol(sameText.severity, default: .warning)) same text as on \(name) \(when)\(more)")
            }
        }
        return notes.filter { $0.hasPrefix("✖") } + notes.filter { !$0.hasPrefix("✖") }
    }

    /// The id a new post's draft is checked under, before it has one of its own.
    private static let draftID = PostID("-")!

    /// Planned for a moment already gone, and not marked published: worth a word, not a refusal
    /// (a post may be logged after the fact).
    public func isInThePast(in calendar: ContentCalendar, now: Date) -> Bool {
        guard let at = instant(in: calendar, today: calendar.clock.day(of: now)) else { return false }
        return at < now && statusValue != .published
    }

    // MARK: Saving

    /// The fields (as the file names them) in which two versions of a post differ.
    static func changedFields(from a: Post, to b: Post) -> Set<String> {
        var changed = Set<String>()
        if a.channel != b.channel { changed.insert("channel") }
        if a.at != b.at { changed.insert("at") }
        if a.title != b.title { changed.insert("title") }
        if a.text != b.text { changed.insert("text") }
        if a.status != b.status { changed.insert("status") }
        if a.category != b.category { changed.insert("category") }
        if a.link != b.link { changed.insert("link") }
        if a.media != b.media { changed.insert("media") }
        if a.tags != b.tags { changed.insert("tags") }
        if a.notes != b.notes { changed.insert("notes") }
        return changed
    }

    /// The post the form describes, or the field at fault and why.
    public func post(in calendar: ContentCalendar, today: CivilDate, newID: PostID) -> Result<Post, FormProblem> {
        guard !TextMetrics.isBlank(title.text) else {
            return .failure(FormProblem(field: .title, message: "a post needs a title"))
        }
        guard calendar.channels.indices.contains(channel) else {
            return .failure(FormProblem(field: .channel, message: "the calendar has no channels"))
        }
        if let problem = dateProblem(today: today) { return .failure(FormProblem(field: .date, message: "Date: \(problem)")) }
        if let problem = timeProblem(calendar: calendar, today: today) { return .failure(FormProblem(field: .time, message: "Time: \(problem)")) }
        let at = instant(in: calendar, today: today)
        var post = base ?? Post(id: newID, channel: "", title: "")
        post.channel = calendar.channels[channel].id
        post.at = at
        post.title = title.text.trimmingCharacters(in: .whitespaces)
        post.text = text.text
        // As on the command line: an idea given a date becomes a draft; a post scheduled or
        // published that loses its date is an idea again.
        var status = statusValue
        if at != nil, status == .idea { status = .draft }
        if at == nil, base?.at != nil, status >= .scheduled { status = .idea }
        post.status = at == nil && base == nil ? .idea : status
        post.category = category == 0 ? nil : calendar.categories[category - 1].id
        let linkText = link.text.trimmingCharacters(in: .whitespaces)
        post.link = linkText.isEmpty ? nil : linkText
        // Media are only split again when edited, so a path holding a comma survives a form.
        if media.text != initialMedia { post.media = PostForm.list(media.text) }
        post.tags = Post.tagItems(tags.text)
        // A copy whose text is rewritten here is adapted (see `Post.adapted`).
        if let base { post = post.adapted(from: base) }
        post.notes = notes.text
        // A field changed here settles its merge conflict (this is the value wanted); the
        // others stay to settle, as `cadence update` leaves them. Any change keeps a post the
        // other side deleted.
        if let base { post = post.settlingConflict(on: PostForm.changedFields(from: base, to: post)) }
        if let problem = post.contentProblem {
            let field = Field.allCases.first { $0.label.lowercased() == problem.field } ?? .title
            return .failure(FormProblem(field: field, message: problem.message))
        }
        if let problem = linkProblem { return .failure(FormProblem(field: .link, message: "Link: \(problem)")) }
        return .success(post)
    }

    /// A link typed here that is no web address (one read from the file is left as it is).
    var linkProblem: String? {
        let text = link.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text != base?.link else { return nil }
        return Post.linkProblem(text)
    }

    /// The form's typing as a post, for when the form cannot stay open (the terminal closed,
    /// the planner was stopped): the post as saving would give it when the form is valid;
    /// otherwise the nearest valid post, with what it could not take (a date or time that is
    /// not one) written into its notes, so that nothing typed is lost. `nil` when nothing was
    /// typed.
    public func rescued(in calendar: ContentCalendar, today: CivilDate, newID: PostID) -> Post? {
        guard hasChanges else { return nil }
        if case .success(let post) = post(in: calendar, today: today, newID: newID) { return post }
        var form = self
        var lost: [String] = []
        if TextMetrics.isBlank(title.text) {
            form.title = TextField(base?.title ?? "Unfinished post")
        }
        if dateProblem(today: today) != nil || timeProblem(calendar: calendar, today: today) != nil {
            lost.append("date and time were typed as “\(date.text) \(time.text)”")
            form.date = TextField(base.flatMap { calendar.local(of: $0.id) }?.date.description ?? "")
            form.time = TextField(base.flatMap { calendar.timeText(of: $0.id) } ?? "")
        }
        if linkProblem != nil {
            lost.append("the link was typed as “\(link.text)”")
            form.link = TextField(base?.link ?? "")
        }
        if !lost.isEmpty {
            let note = "Kept from a form left open: " + lost.joined(separator: "; ")
            form.notes = TextField(notes.text.isEmpty ? note : notes.text + "\n" + note)
        }
        return try? form.post(in: calendar, today: today, newID: newID).get()
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

public struct FormProblem: Error, Equatable, Sendable {
    public let field: PostForm.Field
    public let message: String
}
