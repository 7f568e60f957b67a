import Algorithms
import CadenceCore
import Foundation

public enum ViewKind: String, CaseIterable, Sendable {
    case week, month, agenda, ideas

    public var title: String { rawValue.capitalized }
}

/// The selected cell of the week grid (and the selected day of the month overview).
public struct GridCursor: Equatable, Sendable {
    public var channel: Int
    public var day: CivilDate

    public init(channel: Int, day: CivilDate) {
        self.channel = channel
        self.day = day
    }
}

public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable { case info, error }
    public var text: String
    public var kind: Kind

    public static func info(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .info) }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .error) }
}

/// Windows drawn over the current view; the last one has the keyboard.
public enum Overlay: Sendable {
    case dayList(DayList)
    case form(PostForm)
    case violations(ViolationsPanel)
    case help(scroll: Int)
    case prompt(Prompt)
    case confirmQuit
    case resolve(Resolver)
}

/// Settling a merge conflict: a post's fields (or its deletion), or a setting.
public struct Resolver: Equatable, Sendable {
    public enum Target: Equatable, Sendable {
        case post(PostID)
        /// An index into the calendar's settings conflicts.
        case setting(Int)

        public var postID: PostID? {
            if case .post(let id) = self { id } else { nil }
        }
    }

    /// One decision: a field, or whether to keep a post one side deleted.
    public enum Item: Hashable, Sendable {
        case deletion(MergeSide)
        case field(String)
    }

    public var target: Target
    public var selection = 0

    public init(target: Target, selection: Int = 0) {
        self.target = target
        self.selection = selection
    }
}

/// A cell's posts (one channel on one day) or the whole day across channels.
public struct DayList: Equatable, Sendable {
    public var day: CivilDate
    /// `nil` lists every channel.
    public var channel: String?
    public var selection = 0

    public init(day: CivilDate, channel: String?, selection: Int = 0) {
        self.day = day
        self.channel = channel
        self.selection = selection
    }
}

public struct ViolationsPanel: Equatable, Sendable {
    /// The whole plan, or only what is in view.
    public var wholePlan = false
    public var selection = 0

    public init(wholePlan: Bool = false, selection: Int = 0) {
        self.wholePlan = wholePlan
        self.selection = selection
    }
}

public struct Prompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case goToDate
        case filter
        /// vim's command line, after `:`.
        case command
    }
    public var kind: Kind
    public var field: TextField
    public var error: String?

    public var title: String {
        switch kind {
        case .goToDate: "Go to a date or week (2026-12-24, 12-24, W52, next)"
        case .filter: "Filter (words; channel: category: status: tag:)"
        case .command: "Command (w save, q quit, wq save and quit, q! quit without saving, 12 row 12)"
        }
    }
}

/// The agenda's filter and selection; `items` is rebuilt when the filter or the plan changes.
public struct AgendaState: Equatable, Sendable {
    public var filter = ""
    public var selection = 0
    public var items: [PostID] = []
}

/// Everything the planner shows and remembers. Views draw it; the reducer changes it.
public struct AppState: Sendable {
    public var calendar: ContentCalendar
    public let filePath: String
    /// The present moment (pinned by `CADENCE_NOW` in tests and scripts).
    public var now: Date
    public var size: Size
    public var view: ViewKind = .week
    public var cursor: GridCursor
    public var overlays: [Overlay] = []
    public private(set) var history = History()
    public private(set) var violations: ViolationIndex
    public private(set) var book: RuleBook
    public var status: StatusMessage?
    /// The post `y` copied, pasted by `p`.
    public var clipboard: Post?
    /// The post `m` picked up, dropped on the cell where Enter is pressed.
    public var moving: PostID?
    /// A count typed before a move (`6` of `6j`), until the move or Esc.
    public var pendingCount: Int?
    /// Whether the problems panel hides its warnings, showing the errors alone (kept while it
    /// is closed, so it opens the same way next time).
    public var problemsErrorsOnly = false
    public var agenda = AgendaState()
    public var ideasSelection = 0
    /// The ideas in the planner's order (by channel, then title), kept as ideas change rather
    /// than sorted per key.
    public private(set) var ideaOrder: [PostID] = []
    /// Unsaved edits that the recovery file does not hold yet.
    public var recoveryPending = false
    /// First row of channels shown when they do not all fit.
    public var channelScroll = 0
    /// Who edits: stamped on every post changed here (git's user.name, else the login).
    public var author: String?
    /// Why edits are refused, when the planner is read-only (another Cadence has the file).
    public var readOnly: String?
    /// The file on disk changed into something that cannot be read (a merge left conflict
    /// markers in it, a bad hand edit): the status line says so for as long as it lasts.
    public var diskUnreadable = false

    public init(calendar: ContentCalendar, filePath: String, now: Date, size: Size) {
        self.calendar = calendar
        self.filePath = filePath
        self.now = now
        self.size = size
        let book = RuleBook(calendar)
        self.book = book
        self.violations = ViolationIndex(calendar: calendar, book: book, now: now)
        cursor = GridCursor(channel: 0, day: calendar.clock.day(of: now))
        sortIdeas()
    }

    /// The ideas, as the ideas view lists them.
    public var ideaList: [Post] { ideaOrder.map { calendar.posts[$0]! } }

    private mutating func sortIdeas() { ideaOrder = calendar.ideasInPlannerOrder.map(\.id) }

    public var today: CivilDate { calendar.clock.day(of: now) }
    public var weekStart: CivilDate { calendar.weekStart(of: cursor.day) }

    /// The selected week as the header and messages name it: "2026-W48".
    public var weekLabel: String { Describe.week(startingOn: weekStart, weekStart: calendar.weekStart) }
    public var weekDays: [CivilDate] { (0..<7).map { weekStart.adding(days: $0) } }
    public var hasUnsavedChanges: Bool { history.isDirty }
    /// Edits made here since the file was read or saved (unlike `hasUnsavedChanges`, not
    /// counting the file's removal from disk).
    public var hasUnsavedEdits: Bool { history.hasEdits }
    public var topOverlay: Overlay? { overlays.last }

    public var cursorChannel: Channel? {
        calendar.channels.indices.contains(cursor.channel) ? calendar.channels[cursor.channel] : nil
    }

    /// The violations of the week in view.
    public var weekViolations: [Violation] { violations(inWeekStartingOn: weekStart) }

    /// The violations to show for a week (with a gap across its end, see
    /// `ViolationIndex.shown`; `spill: false` leaves that to the next week, for lists of several
    /// weeks). A week without posts is not in the index (the plan's totals count the weeks with
    /// posts, as `cadence check` does), so its days' minimums are checked here when it is on
    /// screen, as `cadence check --week` does: an empty week to plan says what it needs.
    public func violations(inWeekStartingOn start: CivilDate, spill: Bool = true) -> [Violation] {
        let indexed = spill ? violations.shown(inWeekStartingOn: start, calendar: calendar) : violations.week(startingOn: start)
        guard indexed.isEmpty, !(0..<7).contains(where: { calendar.postCount(on: start.adding(days: $0)) > 0 }) else { return indexed }
        return RuleChecker.check(calendar, in: .days(from: start, to: start.adding(days: 6)), now: now, book: book)
    }

    /// The posts of the selected cell.
    public var cursorPosts: [Post] {
        guard let channel = cursorChannel else { return [] }
        return calendar.posts(on: cursor.day, channel: channel.id)
    }

    /// The limits the channel's posts-per-day rule sets, for the grid's "2/1–5".
    public func dailyLimits(of channel: String) -> PostsPerDayRule? {
        book.rules(for: channel).first(PostsPerDayRule.self)
    }

    /// The limits the channel's posts-per-week rule sets, for the grid's "2/3–7 wk".
    public func weeklyLimits(of channel: String) -> PostsPerWeekRule? {
        book.rules(for: channel).first(PostsPerWeekRule.self)
    }

    // MARK: Editing, undo and redo

    /// Applies an edit as one undoable step: the posts to add or replace and the ids to remove.
    public mutating func commit(_ label: String, put newPosts: [Post], remove ids: [PostID] = []) throws(CadenceError) {
        if let readOnly { throw .invalidPost(message: "Read-only: \(readOnly)") }
        let newPosts = newPosts.map { post in
            var post = post
            post.stamp(by: author, at: now)
            return post
        }
        for post in newPosts {
            try calendar.validateReferences(of: post)
            if let problem = post.contentProblem { throw .invalidPost(message: "\(problem.field): \(problem.message)") }
        }
        var before: [Post?] = []
        var after: [Post?] = []
        for post in newPosts {
            before.append(calendar.posts[post.id])
            after.append(post)
        }
        for id in ids where calendar.posts[id] != nil {
            before.append(calendar.posts[id])
            after.append(nil)
        }
        let change = History.Change(label: label, before: before, after: after)
        apply(change.after, replacing: change.before)
        history.record(change)
        status = .info(label)
    }

    /// Makes the last `count` undo steps one, under `label` (a counted paste's copies).
    mutating func combineLastSteps(_ count: Int, label: String) { history.combineLast(count, label: label) }

    /// Puts the typing of an open post form into the calendar as one undoable step, for a
    /// planner that is being stopped (a closed terminal, a signal), so that the recovery file
    /// keeps it. Returns the title of the post kept, if any.
    public mutating func keepOpenForm() -> String? {
        guard let post = openFormDraft(newID: calendar.newPostID()) else { return nil }
        do {
            try commit("Kept the open form’s “\(post.title)”", put: [post])
        } catch {
            return nil
        }
        overlays.removeAll()
        return post.title
    }

    /// What the open post form holds so far, made into a post as `keepOpenForm` keeps it (a new
    /// post takes `newID`); nil when no form is open, nothing is typed in it, or read-only.
    public func openFormDraft(newID: PostID) -> Post? {
        guard readOnly == nil, let form = overlays.lazy.reversed().compactMap({ overlay -> PostForm? in
            if case .form(let form) = overlay { form } else { nil }
        }).first else { return nil }
        return form.rescued(in: calendar, today: today, newID: form.editing ?? newID)
    }

    /// Replaces the whole calendar (a settings change) as one undoable step.
    public mutating func commit(_ label: String, calendar new: ContentCalendar) throws(CadenceError) {
        if let readOnly { throw .invalidPost(message: "Read-only: \(readOnly)") }
        let change: History.Change
        if new.replacingPosts(Array(calendar.posts.values)) == calendar {
            // Posts alone changed (unsaved work restored): a change of posts, which undo can
            // still take back after a reload from disk.
            var before: [Post?] = []
            var after: [Post?] = []
            for (id, post) in new.posts where calendar.posts[id] != post {
                before.append(calendar.posts[id])
                after.append(post)
            }
            for (id, post) in calendar.posts where new.posts[id] == nil {
                before.append(post)
                after.append(nil)
            }
            change = History.Change(label: label, before: before, after: after)
            apply(change.after, replacing: change.before)
        } else {
            change = History.Change(label: label, calendarBefore: calendar, calendarAfter: new)
            replace(with: new)
        }
        history.record(change)
        status = .info(label)
    }

    /// The undo step that brought back unsaved work from the recovery file, if any: undoing it
    /// must not throw that work away, so the backend then sets the file aside, as declining
    /// the restore does.
    public var restoredStep: Int?

    /// Records the change just committed as the restore of unsaved work.
    public mutating func markRestored() { restoredStep = history.nextUndo?.serial }

    /// Whether the restore of unsaved work has been undone (and is not redone).
    public var restoreUndone: Bool { restoredStep.map { history.isUndone(serial: $0) } ?? false }

    /// The file was removed from disk: what is here is the only copy of the calendar now.
    public mutating func markNotOnDisk() {
        history.notOnDisk = true
        recoveryPending = true
    }

    /// Takes a calendar that changed on disk (already merged with the edits here). Undo and
    /// redo go on over the new version for changes to posts (see `History.rebase`); returns how
    /// many changes of settings can no longer be undone.
    ///
    /// `onDisk` is the file's version when `new` merges edits here into it: undoing them all
    /// counts as no unsaved changes only when it gives that version back.
    @discardableResult
    public mutating func reload(_ new: ContentCalendar, onDisk: ContentCalendar? = nil) -> Int {
        // Another time zone moved every post (their wall-clock times kept): the steps hold
        // them as they were, so undo starts afresh from here, as after a change of settings.
        let zoneMoved = new.clock.identifier != calendar.clock.identifier
        replace(with: new)
        let dropped = zoneMoved ? history.forgetAll() : history.rebase()
        reloadedDisk = onDisk == new ? nil : onDisk
        checkAgainstDisk()
        recoveryPending = history.isDirty
        return dropped
    }

    /// The file's version since the last reload that merged edits into it, until a save.
    private var reloadedDisk: ContentCalendar?

    /// Back at the step the file was read at, after such a reload: whether the plan here is
    /// that version. (Compared only then, not per key.)
    private mutating func checkAgainstDisk() {
        history.divergesFromDisk = reloadedDisk.map { history.atSavedStep && calendar != $0 } ?? false
    }

    private mutating func replace(with new: ContentCalendar) {
        calendar = new
        book = RuleBook(calendar)
        violations = ViolationIndex(calendar: calendar, book: book, now: now)
        sortIdeas()
        cursor.channel = min(cursor.channel, max(0, calendar.channels.count - 1))
        recoveryPending = true
        if view == .agenda { rebuildAgenda() }
    }

    public mutating func undo() {
        guard let change = history.nextUndo else { return status = .info("Nothing to undo") }
        guard let posts = stepPosts(change, back: true) else {
            // A step that can no longer be taken must not stand in front of the older ones.
            history.dropNextUndo()
            checkAgainstDisk()
            return
        }
        step(history.popUndo()!, back: true, posts)
        checkAgainstDisk()
    }

    public mutating func redo() {
        guard let change = history.nextRedo else { return status = .info("Nothing to redo") }
        guard let posts = stepPosts(change, back: false) else {
            history.dropNextRedo()
            checkAgainstDisk()
            return
        }
        step(history.popRedo()!, back: false, posts)
        checkAgainstDisk()
    }

    /// What undoing (or redoing) a change puts in place of what. A post that changed on disk
    /// since (a pull merged in) keeps that change: the step is carried over onto it field by
    /// field. When both changed one field, the step is refused and the message says which post.
    private mutating func stepPosts(_ change: History.Change, back: Bool) -> (to: [Post?], from: [Post?])? {
        let (expected, target) = back ? (change.after, change.before) : (change.before, change.after)
        var result: (to: [Post?], from: [Post?]) = ([], [])
        for (now, then) in zip(expected, target) {
            guard let id = (now ?? then)?.id else { continue }
            let current = calendar.posts[id]
            if current == now {
                result.to.append(then)
            } else if let now, let then, let current, let carried = ConflictResolution.carry(from: now, to: then, onto: current, in: calendar) {
                result.to.append(carried)
            } else {
                let title = (current ?? now ?? then).map { "“\($0.title)”" } ?? "a post"
                let next = back ? (history.hasOlderUndo ? "; u goes on with the step before" : "") : ""
                status = .error("Cannot \(back ? "undo" : "redo") \(change.label): \(title) was changed on disk since, in the same fields; edit it by hand (this step is dropped\(next))")
                return nil
            }
            result.from.append(current)
        }
        return result
    }

    /// Puts a change's posts back as they were (`back`) or as it left them, and shows where.
    private mutating func step(_ change: History.Change, back: Bool, _ posts: (to: [Post?], from: [Post?])) {
        if let snapshot = back ? change.calendarBefore : change.calendarAfter {
            replace(with: snapshot)
            status = .info("\(back ? "Undone" : "Redone"): \(change.label)")
            return
        }
        let (to, from) = posts
        apply(to, replacing: from)
        status = .info("\(back ? "Undone" : "Redone"): \(change.label)")
        reveal(to.compactMap { $0 }.first ?? from.compactMap { $0 }.first)
    }

    /// Shows where a post is after an undo or redo: its cell in the grid, and its row in the
    /// agenda or the ideas when that list is open (a post brought back is selected, not the one
    /// after it).
    private mutating func reveal(_ post: Post?) {
        focus(on: post)
        guard let post else { return }
        switch view {
        case .agenda:
            if let row = agenda.items.firstIndex(of: post.id) { agenda.selection = row }
        case .ideas:
            if let row = ideaOrder.firstIndex(of: post.id) { ideasSelection = row }
        case .week, .month: break
        }
    }

    /// Moves the cursor to a post's cell (its channel and day).
    public mutating func focus(on post: Post?) {
        guard let post, let at = post.at, let index = calendar.channels.firstIndex(where: { $0.id == post.channel }) else { return }
        cursor = GridCursor(channel: index, day: calendar.clock.day(of: at))
    }

    public mutating func markSaved() {
        history.markSaved()
        reloadedDisk = nil
        recoveryPending = false
    }

    /// The decisions a resolver offers, in order.
    public func items(of resolver: Resolver) -> [Resolver.Item] {
        switch resolver.target {
        case .post(let id):
            guard let conflict = calendar.posts[id]?.conflict else { return [] }
            return (conflict.deletedBy.map { [.deletion($0)] } ?? []) + conflict.fields.keys.sorted().map { .field($0) }
        case .setting(let index):
            return calendar.conflicts.indices.contains(index) ? [.field(calendar.conflicts[index].place)] : []
        }
    }

    /// How many posts and settings wait for a merge conflict to be settled (kept as the
    /// violations change, so the status line reads it without a scan).
    public var conflictCount: Int { violations.mergeConflicts }

    /// Puts `versions` in place of `old` (a `nil` version means removed) and re-checks only the
    /// weeks those posts touch.
    private mutating func apply(_ versions: [Post?], replacing old: [Post?]) {
        var affected: [Post] = []
        for (new, previous) in zip(versions, old) {
            if let previous { affected += [previous] + calendar.postsSharing(text: previous.text) }
            if let new {
                try? calendar.put(new)
            } else if let previous {
                calendar.remove(previous.id)
            }
        }
        for new in versions.compactMap({ $0 }) { affected += [new] + calendar.postsSharing(text: new.text) }
        var days = Set<CivilDate>()
        for post in affected {
            guard let at = post.at else { continue }
            let day = calendar.clock.day(of: at)
            // Spacing looks across midnight, so the neighbouring days' weeks may change too.
            days.formUnion([day.adding(days: -1), day, day.adding(days: 1)])
        }
        let touchesIdeas = affected.contains { $0.at == nil }
        violations.refresh(days: days, ideas: touchesIdeas, calendar: calendar, book: book, now: now)
        if (versions + old).contains(where: { $0?.isIdea == true }) {
            sortIdeas()
            // An idea added or retitled in the ideas view stays selected where it now sorts.
            if view == .ideas, let idea = versions.lazy.compactMap({ $0 }).first(where: \.isIdea),
               let row = ideaOrder.firstIndex(of: idea.id) {
                ideasSelection = row
            }
        }
        recoveryPending = true
        if view == .agenda { updateAgenda(replacing: old, with: versions) }
    }

    /// Moves the clock on. Only rules that read the clock can change their verdict, and only
    /// for posts within their horizon of the old or the new time, so only those weeks are checked
    /// again; a plan of years does not stall once a minute.
    public mutating func advanceClock(to date: Date) {
        let previous = now
        now = date
        guard let hours = book.clockHorizonHours else { return }
        let span = TimeInterval(hours) * 3600
        // A day either side covers a post whose local day differs from the instant's.
        let first = calendar.clock.day(of: min(previous, date) - span).adding(days: -1)
        let last = calendar.clock.day(of: max(previous, date) + span).adding(days: 1)
        let start = calendar.weekStart(of: first).dayNumber
        guard (last.dayNumber - start) / 7 < 520 else {
            // The clock jumped by years (a machine woke from a long sleep): check everything.
            violations = ViolationIndex(calendar: calendar, book: book, now: now)
            return
        }
        let days = Set(stride(from: start, through: last.dayNumber, by: 7).map { CivilDate(dayNumber: $0) })
        violations.refresh(days: days, ideas: false, calendar: calendar, book: book, now: now)
    }

    // MARK: Agenda

    /// Filters the whole plan for the agenda: when it opens or its filter changes (`query`:
    /// the filter's, when the caller has it already).
    public mutating func rebuildAgenda(_ query: AgendaQuery? = nil) {
        let query = query ?? AgendaQuery(agenda.filter, calendar: calendar)
        let posts = calendar.sortedPosts
        var matching = posts
        if query.hasWords {
            searchIndex.keep(for: calendar)
            matching = posts.filter { query.matches($0, searchText: searchIndex.text(of: $0, in: calendar)) }
        } else {
            matching = posts.filter { query.matches($0) }
        }
        agenda.items = calendar.inPlannerOrder(matching).map(\.id)
        agenda.selection = min(agenda.selection, max(0, agenda.items.count - 1))
    }

    /// The posts' words folded for the agenda's filter, from one filter to the next.
    private var searchIndex = SearchIndex()

    /// Keeps the agenda in step after an edit without filtering the plan again: the changed
    /// posts leave the list and their new versions go back in order if they still match. The
    /// selection stays on the post it was on, or at its row when that post is gone.
    private mutating func updateAgenda(replacing old: [Post?], with new: [Post?]) {
        let changed = Set((old + new).compactMap { $0?.id })
        let selected = agenda.items.indices.contains(agenda.selection) ? agenda.items[agenda.selection] : nil
        agenda.items.removeAll { changed.contains($0) }
        let query = AgendaQuery(agenda.filter, calendar: calendar)
        for post in new.compactMap({ $0 }) where calendar.posts[post.id] == post && query.matches(post) {
            let row = agenda.items.partitioningIndex { !calendar.plannerOrder(calendar.posts[$0]!, post) }
            agenda.items.insert(post.id, at: row)
        }
        if let selected, let row = agenda.items.firstIndex(of: selected) {
            agenda.selection = row
        }
        agenda.selection = min(agenda.selection, max(0, agenda.items.count - 1))
    }
}

/// Undo and redo without limit. Each change holds the posts as they were before and after.
public struct History: Sendable {
    public struct Change: Sendable {
        public var serial = 0
        public let label: String
        public let before: [Post?]
        public let after: [Post?]
        /// For a change of settings: the whole calendar before and after.
        public let calendarBefore: ContentCalendar?
        public let calendarAfter: ContentCalendar?

        public init(label: String, before: [Post?], after: [Post?]) {
            self.label = label
            self.before = before
            self.after = after
            calendarBefore = nil
            calendarAfter = nil
        }

        public init(label: String, calendarBefore: ContentCalendar, calendarAfter: ContentCalendar) {
            self.label = label
            before = []
            after = []
            self.calendarBefore = calendarBefore
            self.calendarAfter = calendarAfter
        }
    }

    private var undoStack: [Change] = []
    private var redoStack: [Change] = []
    private var nextSerial = 1
    /// The serial of the change the file on disk matches (0: the state at start).
    private var savedSerial = 0

    /// Whether there is anything to undo or redo.
    public var isEmpty: Bool { undoStack.isEmpty && redoStack.isEmpty }

    /// The file was removed from disk since it was read or saved.
    var notOnDisk = false

    /// Whether the file on disk differs from the calendar here.
    public var isDirty: Bool { notOnDisk || hasEdits }
    /// Whether there are edits since the file was read or saved.
    public var hasEdits: Bool { !atSavedStep || divergesFromDisk }
    /// Whether undo and redo stand where the file was last read or saved.
    var atSavedStep: Bool { (undoStack.last?.serial ?? floorSerial) == savedSerial }
    /// Back at that step, yet not as the file is: a reload merged edits here into a newer
    /// version on disk, and undoing them could not give that version back whole (a conflict).
    var divergesFromDisk = false
    /// The serial of the state with nothing left to undo (0: the state at start).
    private var floorSerial = 0

    var nextUndo: Change? { undoStack.last }
    var nextRedo: Change? { redoStack.last }

    /// The calendar was replaced by a newer version from disk, with the edits here merged in.
    /// Changes to posts can still be undone and redone there (each one only while its posts are
    /// as it left them); a change of settings holds whole calendars from before, so it goes,
    /// with everything beyond it. Returns how many changes went.
    mutating func rebase() -> Int {
        var dropped = 0
        if let i = undoStack.lastIndex(where: { $0.calendarBefore != nil }) {
            floorSerial = undoStack[i].serial
            undoStack.removeFirst(i + 1)
            dropped += i + 1
        }
        if let i = redoStack.lastIndex(where: { $0.calendarBefore != nil }) {
            redoStack.removeFirst(i + 1)
            dropped += i + 1
        }
        notOnDisk = false
        return dropped
    }

    /// Forgets every step (the calendar changed under all of them), keeping whether there are
    /// unsaved edits. Returns how many went.
    mutating func forgetAll() -> Int {
        let dropped = undoStack.count + redoStack.count
        floorSerial = undoStack.last?.serial ?? floorSerial
        undoStack.removeAll()
        redoStack.removeAll()
        notOnDisk = false
        return dropped
    }

    mutating func record(_ change: Change) {
        var change = change
        change.serial = nextSerial
        nextSerial += 1
        undoStack.append(change)
        redoStack.removeAll()
    }

    /// Makes the last `count` steps one (`3p`'s three pastes, which one u takes back), under
    /// `label`. Steps of posts alone; with a change of settings among them, nothing changes.
    mutating func combineLast(_ count: Int, label: String) {
        guard count > 1, undoStack.count >= count else { return }
        let steps = undoStack.suffix(count)
        guard steps.allSatisfy({ $0.calendarBefore == nil }) else { return }
        var combined = Change(label: label, before: steps.flatMap(\.before), after: steps.flatMap(\.after))
        combined.serial = steps.last!.serial
        undoStack.removeLast(count)
        undoStack.append(combined)
    }

    /// Forgets the next step to undo (or redo), which can no longer be taken.
    mutating func dropNextUndo() { undoStack.removeLast() }
    mutating func dropNextRedo() { redoStack.removeLast() }

    /// Whether there is a step to undo below the next one.
    var hasOlderUndo: Bool { undoStack.count > 1 }

    /// Whether the change is undone (waiting in the redo stack).
    func isUndone(serial: Int) -> Bool { redoStack.contains { $0.serial == serial } }

    mutating func popUndo() -> Change? {
        guard let change = undoStack.popLast() else { return nil }
        redoStack.append(change)
        return change
    }

    mutating func popRedo() -> Change? {
        guard let change = redoStack.popLast() else { return nil }
        undoStack.append(change)
        return change
    }

    mutating func markSaved() {
        // With nothing left to undo, the floor: a reload may have dropped steps (a restore, a
        // change of settings) below which there is nothing.
        savedSerial = undoStack.last?.serial ?? floorSerial
        notOnDisk = false
        divergesFromDisk = false
    }
}

/// Each post's words folded as the agenda's filter looks for them (`AgendaQuery.searchText`),
/// kept from one filter to the next: folding a plan of years takes seconds, and between two
/// filters only the posts changed since need it again. A change of the names the words hold
/// (a channel's, a category's) or of the time zone starts it afresh.
struct SearchIndex: Sendable {
    private var texts: [PostID: (post: Post, text: String)] = [:]
    private var names: [String] = []

    /// Forgets every text when the calendar's names or zone are not those they were made with.
    mutating func keep(for calendar: ContentCalendar) {
        let now = [calendar.clock.identifier] + calendar.channels.map { "\($0.id)=\($0.name)" } + calendar.categories.map { "\($0.id)=\($0.name)" }
        // Names changed, or many texts are of posts gone since: afresh.
        if now != names || texts.count > 2 * calendar.posts.count + 1000 { (texts, names) = ([:], now) }
    }

    mutating func text(of post: Post, in calendar: ContentCalendar) -> String {
        if let kept = texts[post.id], kept.post == post { return kept.text }
        let text = AgendaQuery.searchText(of: post, in: calendar)
        texts[post.id] = (post, text)
        return text
    }
}

/// The agenda's filter: words to find in a title, text, notes or time, and `channel:`,
/// `category:` (or `#name`), `status:` and `tag:` terms.
public struct AgendaQuery: Sendable {
    let calendar: ContentCalendar
    var words: [String] = []
    var channels: [String] = []
    var categories: [String] = []
    var statuses: [PostStatus] = []
    var tags: [String] = []
    /// The first term that names no channel, category or status of this calendar: such a
    /// filter would match nothing for a reason the user cannot see, so the prompt says why.
    public private(set) var problem: String?

    public init(_ text: String, calendar: ContentCalendar) {
        self.calendar = calendar
        for term in AgendaQuery.terms(text) {
            let lower = term.lowercased()
            if let key = AgendaQuery.keys.first(where: { lower == $0 + ":" }) {
                // `tag:` with nothing after it finds nothing for a reason worth saying.
                let example = switch key {
                case "channel": "channel:\(calendar.channels.first?.id ?? "facebook")"
                case "category": "category:\(calendar.categories.first?.id ?? "news") (or #\(calendar.categories.first?.id ?? "news"))"
                case "status": "status:draft"
                default: "tag:winter"
                }
                problem = problem ?? "\(key): needs a value, such as \(example)"
            } else if lower.hasPrefix("channel:") {
                let name = String(term.dropFirst(8))
                do { channels.append(try calendar.findChannel(name).id) } catch {
                    channels.append(name.lowercased())
                    problem = problem ?? error.localizedDescription
                }
            } else if lower.hasPrefix("category:") || (lower.hasPrefix("#") && lower.count > 1) {
                let name = lower.hasPrefix("#") ? String(term.dropFirst()) : String(term.dropFirst(9))
                do { categories.append(try calendar.findCategory(name).id) } catch {
                    categories.append(name.lowercased())
                    problem = problem ?? error.localizedDescription
                }
            } else if lower.hasPrefix("status:") {
                let name = String(lower.dropFirst(7))
                if let status = PostStatus(rawValue: name) {
                    statuses.append(status)
                } else {
                    problem = problem ?? "unknown status '\(name)'; a status is one of \(PostStatus.allCases.map(\.rawValue).joined(separator: ", "))"
                }
            } else if lower.hasPrefix("tag:"), lower.count > 4 {
                tags.append(AgendaQuery.folded(String(term.dropFirst(4))))
            } else if let key = term.wholeMatch(of: /([A-Za-z]+):.*/)?.1.lowercased(),
                let meant = AgendaQuery.keys.first(where: { key.count >= 2 && $0.hasPrefix(key) }) ?? TextMetrics.nearest(to: key, among: AgendaQuery.keys)
            {
                // `chanel:x` is a filter mistyped, not words to find: it would find nothing.
                problem = problem ?? "no filter '\(key):'; did you mean \(meant):? (\(AgendaQuery.keys.map { $0 + ":" }.joined(separator: ", ")), #category, or words)"
            } else {
                words.append(AgendaQuery.folded(term))
            }
        }
    }

    static let keys = ["channel", "category", "status", "tag"]

    /// The filter's terms: words apart, or several in double quotes taken together (`"winter
    /// blend"` as one phrase, `#"Behind the scenes"` or `category:"Behind the scenes"` for a
    /// name with spaces); the quotes themselves go.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var quoted = false
        for c in text {
            if c == "\"" {
                quoted.toggle()
            } else if c.isWhitespace, !quoted {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }

    /// Whether it looks for words (which need the posts' texts), not only at fields.
    var hasWords: Bool { !words.isEmpty }

    /// Whether the post matches; `searchText` is its `searchText(of:in:)` when the caller keeps
    /// it from an earlier filter.
    public func matches(_ post: Post, searchText: String? = nil) -> Bool {
        if !channels.isEmpty, !channels.contains(post.channel) { return false }
        if !categories.isEmpty, !categories.contains(post.category ?? "") { return false }
        if !statuses.isEmpty, !statuses.contains(post.status) { return false }
        if !tags.isEmpty {
            let own = post.tags.map(AgendaQuery.folded)
            guard tags.allSatisfy(own.contains) else { return false }
        }
        guard !words.isEmpty else { return true }
        let haystack = searchText ?? AgendaQuery.searchText(of: post, in: calendar)
        return words.allSatisfy { AgendaQuery.contains(haystack, $0) }
    }

    /// Whether `text` holds `word`, byte for byte (both folded the same way): the word's first
    /// byte found with memchr, the rest compared with memcmp, over the UTF-8; far quicker than
    /// comparing characters, which a filter does for every post of the plan.
    public static func contains(_ text: String, _ word: String) -> Bool {
        var (text, word) = (text, word)
        return text.withUTF8 { t in
            word.withUTF8 { w in
                guard let first = w.first else { return true }
                guard t.count >= w.count, let base = t.baseAddress, let needle = w.baseAddress else { return false }
                var start = base
                let last = base + (t.count - w.count)
                while start <= last {
                    guard let hit = memchr(start, Int32(first), last - start + 1) else { return false }
                    let at = hit.assumingMemoryBound(to: UInt8.self)
                    if memcmp(at, needle, w.count) == 0 { return true }
                    start = UnsafePointer(at) + 1
                }
                return false
            }
        }
    }

    /// The post's words as a filter looks for them, folded: its title, text, notes and tags,
    /// and what the agenda shows beside them (the channel's and category's names, the time).
    static func searchText(of post: Post, in calendar: ContentCalendar) -> String {
        let names = [calendar.channel(post.channel)?.name, post.category.flatMap { calendar.category($0)?.name }, post.category, calendar.timeText(of: post.id)]
        return folded(([post.title, post.text, post.notes, post.tags.joined(separator: " ")] + names.compactMap { $0 }).joined(separator: "\n"))
    }

    /// Text as a search compares it: without case or accents, so that “cafe” finds “Café” and
    /// “елка” finds “Ёлка”.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
