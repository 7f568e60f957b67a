import CadenceCore

/// A scrolling list in the body: one header line, then items, the selection kept in view.
struct ListLayout {
    let body: Rect
    let rows: Int
    let first: Int

    init(state: AppState, count: Int, selection: Int) {
        body = PlannerView.body(state.size)
        rows = max(1, body.height - 1)
        first = ListLayout.firstVisible(count: count, selection: selection, rows: rows)
    }

    /// The first item shown: the selection stays near the middle once the list is longer than
    /// the screen.
    static func firstVisible(count: Int, selection: Int, rows: Int) -> Int {
        guard count > rows else { return 0 }
        return min(max(0, selection - rows / 2), count - rows)
    }

    var itemsY: Int { body.y + 1 }

    func item(atY y: Int) -> Int? {
        let index = first + (y - itemsY)
        return y >= itemsY && y < itemsY + rows ? index : nil
    }
}

/// Every post in time order, filtered by channel, category, status or words.
enum AgendaView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let items = state.agenda.items
        let layout = ListLayout(state: state, count: items.count, selection: state.agenda.selection)
        let filter = state.agenda.filter.isEmpty ? "all posts" : "filter “\(state.agenda.filter)”"
        buffer.write(" \(Describe.count(items.count, "post")) · \(filter) · / to filter", x: 0, y: layout.body.y, style: Theme.dim)
        guard !items.isEmpty else {
            buffer.write(" Nothing to show. / changes the filter; a adds a post.", x: 0, y: layout.itemsY)
            return
        }
        // Marks for the rows in view only: their weeks' violations (and the ideas').
        let visible = (layout.first..<min(items.count, layout.first + layout.rows)).map { items[$0] }
        let weeks = Set(visible.compactMap { state.calendar.local(of: $0).map { state.calendar.weekStart(of: $0.date) } })
        let marks = Marks(weeks.flatMap { state.violations.shown(inWeekStartingOn: $0, calendar: state.calendar) } + state.violations.ideas, calendar: state.calendar)
        // The first row in view always says its day (or Ideas), even when that began above it:
        // `nil` here is "no row yet", `.some(nil)` the ideas.
        var previousDay: CivilDate?? = nil
        let timeWidth = PostLine.timeWidth(state, visible)
        let columns = PostLine.columns(state, visible.compactMap { state.calendar.posts[$0] })
        for row in 0..<layout.rows {
            let index = layout.first + row
            guard index < items.count, let post = state.calendar.posts[items[index]] else { break }
            let day = state.calendar.local(of: post.id)?.date
            let dayLabel = previousDay == .some(day) ? "" : (day?.longDescription ?? "Ideas")
            previousDay = .some(day)
            let y = layout.itemsY + row
            PostLine.draw(state, post, marks: marks, x: 0, y: y, width: layout.body.width, dayLabel: dayLabel, timeWidth: timeWidth, columns: columns, into: &buffer)
            if index == state.agenda.selection { buffer.restyle(Rect(x: 0, y: y, width: layout.body.width, height: 1)) { $0.reverse = true } }
        }
    }
}

/// Undated posts; `m` schedules one by dropping it on a cell of the week.
enum IdeasView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let ideas = state.ideaList
        let layout = ListLayout(state: state, count: ideas.count, selection: state.ideasSelection)
        buffer.write(" \(Describe.count(ideas.count, "idea")) · a adds one · m schedules the selected one on a cell", x: 0, y: layout.body.y, style: Theme.dim)
        guard !ideas.isEmpty else {
            buffer.write(" No ideas yet. a adds one.", x: 0, y: layout.itemsY)
            return
        }
        let marks = Marks(state.violations.ideas, calendar: state.calendar)
        let columns = PostLine.columns(state, ideas[layout.first..<min(ideas.count, layout.first + layout.rows)])
        for row in 0..<layout.rows {
            let index = layout.first + row
            guard index < ideas.count else { break }
            let y = layout.itemsY + row
            PostLine.draw(state, ideas[index], marks: marks, x: 0, y: y, width: layout.body.width, dayLabel: nil, columns: columns, into: &buffer)
            if index == state.ideasSelection { buffer.restyle(Rect(x: 0, y: y, width: layout.body.width, height: 1)) { $0.reverse = true } }
        }
    }
}

/// One post on one line: day, time, channel, status, title, category, and a problem mark.
enum PostLine {
    /// The width of the time column for these posts: `HH:MM`, or with the UTC offset on the
    /// night the clocks go back (`02:30+01:00`), so that the two 02:30s are told apart.
    static func timeWidth(_ state: AppState, _ posts: some Sequence<PostID>) -> Int {
        posts.reduce(5) { max($0, state.calendar.timeText(of: $1)?.count ?? 5) }
    }

    /// The widths the category and author columns want for these posts (the rows in view):
    /// the widest of each, so that the columns line up from row to row and take no more room
    /// than they need.
    struct Columns {
        var category = 0
        var author = 0
        /// The channel's and the status's, as wide as their longest in view (the title gets the rest).
        var channel = 0
        var status = 0
    }

    /// Who changed a post is told only when it was someone besides the user: planning alone,
    /// the column would say the user's own name on every row (and with a teammate's posts in
    /// view, the user's own rows are the ones left blank).
    static func columns(_ state: AppState, _ posts: some Sequence<Post>) -> Columns {
        posts.reduce(into: Columns()) { columns, post in
            columns.channel = min(12, max(columns.channel, DisplayWidth.of(state.calendar.channel(post.channel)?.name ?? post.channel)))
            columns.status = max(columns.status, post.status.rawValue.count)
            if let category = categoryLabel(post, in: state.calendar) { columns.category = max(columns.category, DisplayWidth.of(category)) }
            if let author = authorLabel(post, me: state.author) { columns.author = max(columns.author, DisplayWidth.of(author)) }
        }
    }

    static func categoryLabel(_ post: Post, in calendar: ContentCalendar) -> String? {
        post.category.map { "[\(Reports.safe(calendar.category($0)?.name ?? $0))]" }
    }

    static func authorLabel(_ post: Post, me: String?) -> String? {
        guard let by = post.changedBy, by != me else { return nil }
        return "· " + Reports.safe(by)
    }

    static func draw(
        _ state: AppState, _ post: Post, marks: Marks, x: Int, y: Int, width: Int, dayLabel: String?, timeWidth: Int = 5,
        columns: Columns, into buffer: inout ScreenBuffer
    ) {
        let calendar = state.calendar
        var column = x
        func field(_ text: String, _ w: Int, _ style: Style = .plain) {
            buffer.write(DisplayWidth.pad(text, to: w), x: column, y: y, style: style, maxWidth: max(0, x + width - column))
            column += w + 1
        }
        if let dayLabel { field(" " + dayLabel, 16, Theme.bold) }
        field(calendar.timeText(of: post.id) ?? "  —  ", timeWidth, Theme.dim)
        let mark = marks.posts[post.id]
        field(Theme.symbol(mark), 1, Theme.severity(mark))
        field(calendar.channel(post.channel)?.name ?? post.channel, columns.channel > 0 ? columns.channel : 12)
        field(post.status.rawValue, columns.status > 0 ? columns.status : 9, Theme.dim)
        let rest = max(0, x + width - column)
        // The category, then who changed the post last (a team sees who planned what), each
        // as wide as the rows in view need, within a share of the row; the author only where
        // the title keeps room enough (not in a day list 80 columns wide).
        let categoryWidth = min(columns.category, rest / 3)
        let authorWidth = rest >= 48 ? min(columns.author, max(14, rest / 4)) : 0
        field(post.title, max(0, rest - 1 - (categoryWidth > 0 ? categoryWidth + 1 : 0) - (authorWidth > 0 ? authorWidth + 1 : 0)))
        if categoryWidth > 0 {
            // A name cut short keeps its brackets: [Behind the sc…].
            let name = post.category.map { Reports.safe(calendar.category($0)?.name ?? $0) } ?? ""
            let label = name.isEmpty ? "" : DisplayWidth.of(name) + 2 <= categoryWidth ? "[\(name)]" : "[" + DisplayWidth.truncate(name, to: max(1, categoryWidth - 2)) + "]"
            field(label, categoryWidth, Theme.dim)
        }
        if authorWidth > 0 { field(DisplayWidth.truncate(authorLabel(post, me: state.author) ?? "", to: authorWidth), authorWidth, Theme.dim) }
    }
}

/// The boxes drawn over the views share this frame: centred, a title, a hint on the last line.
struct OverlayFrame {
    let rect: Rect

    init(state: AppState, width: Int, height: Int) {
        let body = PlannerView.body(state.size)
        // As wide as asked, or the whole width when that leaves a sliver either side (over the
        // full-width post form, a sliver is the form's border doubled).
        rect = body.centered(width: width >= body.width - 2 ? body.width : width, height: min(height, body.height))
    }

    var inner: Rect { rect.inset(1) }

    func draw(title: String, hint: String, into buffer: inout ScreenBuffer) {
        buffer.box(rect, title: title)
        buffer.write(DisplayWidth.truncate(hint, to: inner.width), x: inner.x, y: rect.maxY - 2, style: Theme.dim)
    }
}

/// Where a day list's items are.
struct DayListLayout {
    let frame: OverlayFrame
    let first: Int
    let rows: Int

    /// The problems below the posts, wrapped to the box's width.
    let problemLines: [DayListView.ProblemLine]

    init(state: AppState, list: DayList, count: Int) {
        // The box's width does not depend on its height: wrap the problems first, then size it.
        let width = OverlayFrame(state: state, width: 90, height: 8).inner.width
        // The problems take the room the posts leave on screen, six lines at least.
        let tallest = OverlayFrame(state: state, width: 90, height: 1_000).inner.height
        let limit = max(DayListView.problemLineLimit, tallest - 3 - count)
        let lines = DayListView.problemLines(DayListView.problems(state, list), width: width, limit: limit)
        frame = OverlayFrame(state: state, width: 90, height: max(8, count + lines.count + 6))
        rows = max(1, frame.inner.height - 2 - lines.count - (lines.isEmpty ? 0 : 1))
        problemLines = lines
        first = ListLayout.firstVisible(count: count, selection: list.selection, rows: rows)
    }

    var itemsY: Int { frame.inner.y }

    func item(atY y: Int) -> Int? {
        y >= itemsY && y < itemsY + rows ? first + (y - itemsY) : nil
    }
}

/// A cell's posts (or the whole day's), with the cell's problems below them.
enum DayListView {
    /// The problems of the list's posts and day: the errors first (a post's or the day's, then
    /// the week's, which may be why a post here is marked), then the warnings in the same
    /// order, then another cell's that name one of these posts (the other half of a same-text
    /// pair).
    static func problems(_ state: AppState, _ list: DayList) -> [Violation] {
        let ids = Set(state.postsIn(list).map(\.id))
        let mine = { (v: Violation) in list.channel == nil || v.channel == list.channel }
        func rank(_ v: Violation) -> Int {
            switch v.subject {
            case .post(let id) where ids.contains(id): 0
            case .day where mine(v): 0
            case .week where mine(v): 1
            default: 2
            }
        }
        let found = state.weekViolationsOn(list.day).filter { v in
            (v.subject == .day(list.day) && mine(v)) || v.posts.contains { ids.contains($0) }
        }
        func key(_ v: Violation) -> (Int, Int, Int) {
            let r = rank(v)
            return (r == 2 ? 1 : 0, v.severity == .error ? 0 : 1, r)
        }
        return found.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    static func draw(_ state: AppState, _ list: DayList, into buffer: inout ScreenBuffer) {
        let posts = state.postsIn(list)
        let layout = DayListLayout(state: state, list: list, count: posts.count)
        let frame = layout.frame
        var title = "\(list.day.longDescription) · "
        if let id = list.channel, let channel = state.calendar.channel(id) {
            title += channel.name + " · " + Describe.count(posts.count, "post")
            if let limits = state.dailyLimits(of: id) { title += " (\(limits.summary))" }
        } else {
            title += "all channels · " + Describe.count(posts.count, "post")
        }
        let scope = "Tab \(list.channel == nil ? "this channel" : "whole day") · Esc close"
        frame.draw(title: title, hint: state.readOnly == nil ? "a add · e edit · d delete · y copy · p paste · m move · " + scope : "read-only · " + scope, into: &buffer)
        let marks = Marks(state.weekViolationsOn(list.day), calendar: state.calendar)
        if posts.isEmpty {
            buffer.write("No posts. a adds one at the next free time.", x: frame.inner.x, y: layout.itemsY, style: Theme.dim)
        }
        let timeWidth = PostLine.timeWidth(state, posts.map(\.id))
        let columns = PostLine.columns(state, posts)
        for row in 0..<layout.rows {
            let index = layout.first + row
            guard index < posts.count else { break }
            let y = layout.itemsY + row
            PostLine.draw(state, posts[index], marks: marks, x: frame.inner.x, y: y, width: frame.inner.width, dayLabel: nil, timeWidth: timeWidth, columns: columns, into: &buffer)
            if index == list.selection { buffer.restyle(Rect(x: frame.inner.x, y: y, width: frame.inner.width, height: 1)) { $0.reverse = true } }
        }
        var y = layout.itemsY + layout.rows + 1
        for line in layout.problemLines where y < frame.inner.maxY - 1 {
            if let severity = line.severity {
                buffer.write(Theme.symbol(severity), x: frame.inner.x, y: y, style: Theme.severity(severity))
            }
            buffer.write(line.text, x: frame.inner.x + 2, y: y, style: line.isMore ? Theme.dim : .plain, maxWidth: frame.inner.width - 2)
            y += 1
        }
    }

    /// A line of the problems under a day list: a problem's first line carries its mark.
    struct ProblemLine {
        let severity: Severity?
        let text: String
        /// "+2 more: ! lists the week's problems".
        var isMore = false
    }

    /// The most lines the problems take, so that the posts keep the room.
    static let problemLineLimit = 6

    /// The problems, each wrapped whole (a message cut short hides what to fix); those that do
    /// not fit are counted, for `!` to list.
    static func problemLines(_ problems: [Violation], width: Int, limit: Int = problemLineLimit) -> [ProblemLine] {
        var lines: [ProblemLine] = []
        for (i, v) in problems.enumerated() {
            let wrapped = DisplayWidth.wrap(v.message, width: width - 2)
            let roomLeft = limit - lines.count - (i == problems.count - 1 ? 0 : 1)
            guard wrapped.count <= roomLeft else {
                lines.append(ProblemLine(severity: nil, text: "+\(problems.count - i) more: ! lists the week's problems", isMore: true))
                break
            }
            lines += wrapped.enumerated().map { ProblemLine(severity: $0.offset == 0 ? v.severity : nil, text: $0.element) }
        }
        return lines
    }
}

extension AppState {
    /// The violations of the week that holds `day`.
    func weekViolationsOn(_ day: CivilDate) -> [Violation] {
        violations(inWeekStartingOn: calendar.weekStart(of: day))
    }
}

struct ViolationsLayout {
    let frame: OverlayFrame
    let first: Int
    let rows: Int

    init(state: AppState, count: Int, selection: Int) {
        frame = OverlayFrame(state: state, width: 120, height: max(10, count + 7))
        // The last lines show the selected problem in full.
        rows = max(1, frame.inner.height - 4)
        first = ListLayout.firstVisible(count: count, selection: selection, rows: rows)
    }

    var itemsY: Int { frame.inner.y }

    func item(atY y: Int) -> Int? { y >= itemsY && y < itemsY + rows ? first + (y - itemsY) : nil }
}

/// Every problem in view (or in the whole plan), with its message; Enter shows its place.
enum ViolationsView {
    /// What Tab switches the panel to: the whole plan, or back to the week or month in view;
    /// `nil` in the agenda and the ideas, which list the whole plan either way.
    static func tabLabel(_ state: AppState, _ panel: ViolationsPanel) -> String? {
        guard state.view == .week || state.view == .month else { return nil }
        return panel.wholePlan ? (state.view == .month ? "this month" : "this week") : "whole plan"
    }

    static func draw(_ state: AppState, _ panel: ViolationsPanel, into buffer: inout ScreenBuffer) {
        let items = state.violationsShown(panel)
        let layout = ViolationsLayout(state: state, count: items.count, selection: panel.selection)
        let scope: String
        if panel.wholePlan {
            scope = "the whole plan"
        } else {
            switch state.view {
            case .week: scope = state.weekLabel
            case .month: scope = "\(PlannerView.monthName(state.cursor.day.month)) \(state.cursor.day.year)"
            case .agenda, .ideas: scope = "the whole plan"
            }
        }
        let errorsOnly = state.problemsErrorsOnly
        let title = errorsOnly
            ? "Errors in \(scope): \(Describe.count(items.errorCount, "error")), warnings hidden"
            : "Problems in \(scope): \(Describe.count(items.errorCount, "error")), \(Describe.count(items.warningCount, "warning"))"
        let tab = ViolationsView.tabLabel(state, panel).map { "Tab \($0) · " } ?? ""
        let hint = (items.isEmpty ? "" : "Enter show it · ") + tab + "w \(errorsOnly ? "show" : "hide") warnings · Esc close"
        layout.frame.draw(title: title, hint: hint, into: &buffer)
        if items.isEmpty {
            let empty = errorsOnly ? "No errors. w shows the warnings." : "No problems. Every rule is kept."
            buffer.write(empty, x: layout.frame.inner.x, y: layout.itemsY, style: Theme.info)
        }
        for row in 0..<layout.rows {
            let index = layout.first + row
            guard index < items.count else { break }
            let v = items[index]
            let y = layout.itemsY + row
            let x = buffer.write(Theme.symbol(v.severity) + " ", x: layout.frame.inner.x, y: y, style: Theme.severity(v.severity))
            buffer.write(DisplayWidth.truncate(v.message + "  [\(v.rule)]", to: layout.frame.inner.maxX - x), x: x, y: y)
            if index == panel.selection {
                buffer.restyle(Rect(x: layout.frame.inner.x, y: y, width: layout.frame.inner.width, height: 1)) { $0.reverse = true }
            }
        }
        if items.indices.contains(panel.selection) {
            let v = items[panel.selection]
            let field = TextField(v.message + "  [\(v.rule)]", multiline: true)
            let inner = layout.frame.inner
            for (i, row) in field.rows(width: inner.width).prefix(2).enumerated() {
                buffer.write(String(field.characters[row]), x: inner.x, y: inner.y + layout.rows + i, style: Theme.bold, maxWidth: inner.width)
            }
        }
    }
}

/// Every key, grouped.
/// Where the help's lines go: two columns when the box is wide enough and one does not hold
/// them, one scrolling column otherwise; both columns scroll together when even two do not.
struct HelpLayout {
    typealias Line = (text: String, isHeading: Bool)
    let frame: OverlayFrame
    let rows: Int
    /// The lines of each column: two split between groups of keys (a heading stays with its
    /// keys), or one.
    let columns: [[Line]]

    init(state: AppState) {
        let probe = OverlayFrame(state: state, width: 100, height: .max)
        // A column's last cell stays blank (see `draw`), so the text wraps one short of it.
        let oneColumn = HelpView.lines(width: probe.inner.width - 1)
        frame = OverlayFrame(state: state, width: 100, height: oneColumn.count + 4)
        rows = frame.inner.height - 1
        guard frame.inner.width >= 90, oneColumn.count > rows else {
            columns = [oneColumn]
            return
        }
        let lines = HelpView.lines(width: frame.inner.width / 2 - 1)
        // The heading nearest the middle starts the second column; the blank line before it
        // goes.
        let headings = lines.indices.filter { $0 > 0 && lines[$0].isHeading }
        let split = headings.min { max($0, lines.count - $0) < max($1, lines.count - $1) } ?? (lines.count + 1) / 2
        let end = split > 0 && lines[split - 1].text.isEmpty ? split - 1 : split
        columns = [Array(lines[..<end]), Array(lines[split...])]
    }

    /// The lines of the longest column.
    var perColumn: Int { columns.map(\.count).max() ?? 0 }

    /// How far the lines can scroll.
    var maxScroll: Int { max(0, perColumn - rows) }
}

enum HelpView {
    /// The help's lines for a column `width` wide: what a key does wraps under itself.
    static func lines(width: Int) -> [(text: String, isHeading: Bool)] {
        var lines: [(String, Bool)] = []
        // The key column is as wide as the widest keys, and a space more.
        let keyWidth = KeyMap.helpGroups.flatMap(\.entries).map { DisplayWidth.of($0.keys) }.max().map { $0 + 1 } ?? 9
        func entry(_ keys: String, _ help: String) {
            for (i, part) in DisplayWidth.wrap(help, width: max(10, width - keyWidth - 2)).enumerated() {
                lines.append(("  " + DisplayWidth.pad(i == 0 ? keys : "", to: keyWidth) + part, false))
            }
        }
        for group in KeyMap.helpGroups {
            if !lines.isEmpty { lines.append(("", false)) }
            lines.append((group.name, true))
            for item in group.entries { entry(item.keys, item.help) }
        }
        lines.append(("", false))
        lines.append(("Marks", true))
        entry("✖", "a broken rule (error)")
        entry("⚠", "a broken rule (warning)")
        entry("•today", "today's column")
        entry("2/1–5", "posts that day / the channel's daily limits")
        return lines
    }

    static func draw(_ state: AppState, scroll: Int, into buffer: inout ScreenBuffer) {
        let layout = HelpLayout(state: state)
        let (inner, rows) = (layout.frame.inner, layout.rows)
        layout.frame.draw(title: "Cadence keys", hint: layout.maxScroll > 0 ? "j/k scroll · Esc close" : "Esc close", into: &buffer)
        let start = min(scroll, layout.maxScroll)
        let columnWidth = inner.width / layout.columns.count
        for (c, lines) in layout.columns.enumerated() {
            for row in 0..<rows {
                guard start + row < lines.count else { break }
                let line = lines[start + row]
                buffer.write(DisplayWidth.truncate(line.text, to: columnWidth - 1), x: inner.x + c * columnWidth, y: inner.y + row, style: line.isHeading ? Theme.bold : .plain)
            }
        }
    }
}

/// A one-line question: a date to go to, the agenda filter.
enum PromptView {
    static func draw(_ state: AppState, _ prompt: Prompt, into buffer: inout ScreenBuffer) {
        // The error wraps in the box, which grows to hold it.
        let errorLines = prompt.error.map { DisplayWidth.wrap("✖ " + $0, width: min(64, state.size.width - 2) - 2) } ?? []
        let frame = OverlayFrame(state: state, width: 64, height: 5 + max(1, errorLines.count))
        let current = prompt.kind == .filter && !state.agenda.filter.isEmpty && prompt.field.text.isEmpty
        let enter = current ? "Enter all posts · ↑ the filter in use" : "Enter \(verb(prompt))"
        frame.draw(title: prompt.title, hint: "\(enter) · Esc cancel", into: &buffer)
        let field = Rect(x: frame.inner.x, y: frame.inner.y, width: frame.inner.width, height: 1)
        FieldView.drawLine(prompt.field, in: field, focused: true, into: &buffer)
        for (i, line) in errorLines.enumerated() where frame.inner.y + 1 + i < frame.rect.maxY - 2 {
            buffer.write(line, x: frame.inner.x, y: frame.inner.y + 1 + i, style: Theme.error, maxWidth: frame.inner.width)
        }
    }

    /// What Enter does in the prompt, as its box and the hint line say it.
    static func verb(_ prompt: Prompt) -> String {
        switch prompt.kind {
        case .goToDate: "go"
        case .filter: "filter"
        case .command: "run"
        }
    }
}

/// Quitting with unsaved changes.
enum ConfirmView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let frame = OverlayFrame(state: state, width: 60, height: 6)
        frame.draw(title: "Unsaved changes", hint: "y save and quit · n quit without saving · Esc stay", into: &buffer)
        buffer.write("\(state.filePath) has changes that are not saved.", x: frame.inner.x, y: frame.inner.y, maxWidth: frame.inner.width)
        buffer.write("Save them before quitting?", x: frame.inner.x, y: frame.inner.y + 1, style: Theme.bold, maxWidth: frame.inner.width)
    }
}
