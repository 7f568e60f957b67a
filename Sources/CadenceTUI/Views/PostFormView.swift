import CadenceCore

/// Where the post form's fields go; the reducer uses it for the text area's width and clicks.
struct PostFormLayout {
    let frame: Rect
    let labelWidth = 10
    /// The lines below the fields that list the form's notes one to a line, when they do not
    /// fit beside the date: one at least (the message line), at most three (the text area gives
    /// up the others).
    private(set) var noteLines = 1
    /// What the form says beside its date and below its fields, worked out once per layout.
    private(set) var notes: PostFormView.Notes?

    /// With `form`, room is made for its notes; without, the text area's width is all it tells.
    init(state: AppState, form: PostForm? = nil) {
        let body = PlannerView.body(state.size)
        // Full width unless the grid shows properly either side: a sliver of it beside the
        // form reads as part of the form ("│⚠").
        frame = body.centered(width: body.width > 130 ? 100 : body.width, height: body.height)
        if let form {
            let notes = PostFormView.notes(state, form, layout: self)
            self.notes = notes
            // An error on saving takes the first of these lines; the fields stay where they are.
            noteLines = max(1, min(3, notes.listed.count, inner.height - 12))
        }
    }

    var inner: Rect { frame.inset(1) }
    var inputX: Int { inner.x + labelWidth + 1 }
    var inputWidth: Int { inner.maxX - inputX }

    /// Lines of the form, top to bottom: Title, Channel, Date+Time, Status, Category, the Text
    /// label, the text area (what is left), Link, Media, Tags, Notes, then the message lines.
    /// The keys are on the screen's hint line.
    var textHeight: Int { max(1, inner.height - 10 - noteLines) }
    /// The width the text wraps at, as drawn: the last column keeps the cursor at a full row's end.
    var textWidth: Int { textArea.width - 1 }

    func y(_ field: PostForm.Field) -> Int {
        switch field {
        case .title: inner.y
        case .channel: inner.y + 1
        case .date, .time: inner.y + 2
        case .status: inner.y + 3
        case .category: inner.y + 4
        case .text: inner.y + 5
        case .link: inner.y + 6 + textHeight
        case .media: inner.y + 7 + textHeight
        case .tags: inner.y + 8 + textHeight
        case .notes: inner.y + 9 + textHeight
        }
    }

    var textArea: Rect { Rect(x: inner.x, y: inner.y + 6, width: inner.width, height: textHeight) }
    var messageY: Int { inner.y + 10 + textHeight }

    /// The time field sits right of the date, on the same line.
    var timeX: Int { inputX + 14 }

    /// The options of the form's pickers.
    static func options(_ field: PostForm.Field, in calendar: ContentCalendar) -> [String]? {
        switch field {
        case .channel: calendar.channels.map(\.name)
        case .status: PostStatus.allCases.map(\.rawValue)
        case .category: ["—"] + calendar.categories.map(\.name)
        default: nil
        }
    }

    /// What a click at (px, py) lands on: a field, and in a picker the option under it.
    func target(x px: Int, y py: Int, form: PostForm, calendar: ContentCalendar) -> (field: PostForm.Field, option: Int?)? {
        // Only clicks inside the form's box count: the grid around it is not the form's.
        guard frame.contains(x: px, y: py) else { return nil }
        if textArea.contains(x: textArea.x, y: py) { return (.text, nil) }
        guard var field = PostForm.Field.allCases.first(where: { y($0) == py && $0 != .time }) else { return nil }
        if field == .date && px >= timeX { field = .time }
        guard let options = PostFormLayout.options(field, in: calendar) else { return (field, nil) }
        let selected = switch field {
        case .channel: form.channel
        case .status: form.status
        default: form.category
        }
        return (field, Picker.option(atX: px, options, selected: selected, at: inputX, width: inputWidth))
    }
}

/// The post form: every field, the text's length against the channel's limit, the date and
/// time checked as they are typed.
enum PostFormView {
    /// " · ✖ merge conflict: title, text": the fields of the post still to settle, so that
    /// editing it does not hide them (a field changed here settles its own).
    static func conflictNote(_ post: Post?) -> String {
        guard let conflict = post?.conflict, !conflict.isEmpty else { return "" }
        let fields = conflict.fields.keys.sorted()
        return " · ✖ merge conflict: " + (fields.isEmpty ? "deleted on one side" : fields.joined(separator: ", "))
    }

    static func draw(_ state: AppState, _ form: PostForm, into buffer: inout ScreenBuffer) {
        let layout = PostFormLayout(state: state, form: form)
        let calendar = state.calendar
        let channelName = calendar.channels.indices.contains(form.channel) ? calendar.channels[form.channel].name : "?"
        let title = form.editing == nil
            ? (form.date.isEmpty ? "New idea · \(channelName)" : "New post · \(channelName)")
            : "Edit “\(DisplayWidth.truncate(form.base?.title ?? "", to: 40))”" + conflictNote(form.base)
        buffer.box(layout.frame, title: title)

        func label(_ field: PostForm.Field, x: Int? = nil) {
            let style = form.focus == field ? Style(bold: true, underline: true) : Theme.dim
            buffer.write(field.label, x: x ?? layout.inner.x, y: layout.y(field), style: style)
        }
        func line(_ field: PostForm.Field, _ text: TextField, x: Int? = nil, width: Int? = nil) {
            label(field, x: x.map { $0 - layout.labelWidth / 2 - 1 })
            let rect = Rect(x: x ?? layout.inputX, y: layout.y(field), width: width ?? layout.inputWidth, height: 1)
            FieldView.drawLine(text, in: rect, focused: form.focus == field, selected: form.replacesOnType && form.focus == field, into: &buffer)
        }

        line(.title, form.title)
        label(.channel)
        Picker.draw(PostFormLayout.options(.channel, in: calendar)!, selected: form.channel, focused: form.focus == .channel,
                    at: layout.inputX, y: layout.y(.channel), width: layout.inputWidth, into: &buffer)

        // Date and time side by side, each with what is wrong with it, as typed.
        line(.date, form.date, width: 12)
        let timeX = layout.timeX
        buffer.write("Time", x: timeX, y: layout.y(.time), style: form.focus == .time ? Style(bold: true, underline: true) : Theme.dim)
        let timeWidth = timeWidth(form)
        FieldView.drawLine(
            form.time, in: Rect(x: timeX + 5, y: layout.y(.time), width: timeWidth, height: 1), focused: form.focus == .time,
            selected: form.replacesOnType && form.focus == .time, into: &buffer)
        let notes = layout.notes ?? notes(state, form, layout: layout)
        buffer.write(DisplayWidth.truncate(notes.line, to: layout.inner.maxX - notes.x), x: notes.x, y: layout.y(.date), style: notes.style)

        label(.status)
        Picker.draw(PostFormLayout.options(.status, in: calendar)!, selected: form.status, focused: form.focus == .status,
                    at: layout.inputX, y: layout.y(.status), width: layout.inputWidth, into: &buffer)
        label(.category)
        Picker.draw(PostFormLayout.options(.category, in: calendar)!, selected: form.category, focused: form.focus == .category,
                    at: layout.inputX, y: layout.y(.category), width: layout.inputWidth, into: &buffer)

        // The text, with its length as the channel's network counts it.
        label(.text)
        let (count, limit, withLink) = form.textLength(in: calendar, book: state.book)
        let counter = limit.map { "\(Describe.number(count)) / \(Describe.number($0))" } ?? "\(Describe.number(count)) / no limit"
        let over = limit.map { count > $0 } ?? false
        let counterText = (over ? "✖ " : "") + counter + (withLink ? " with link" : "")
        buffer.write(counterText, x: layout.inner.maxX - DisplayWidth.of(counterText), y: layout.y(.text), style: over ? Theme.error : Theme.dim)
        if form.focus == .text { buffer.write("Ctrl-E: $EDITOR", x: layout.inputX, y: layout.y(.text), style: Theme.dim) }
        FieldView.drawArea(form.text, in: layout.textArea, focused: form.focus == .text, into: &buffer)

        line(.link, form.link)
        line(.media, form.media)
        line(.tags, form.tags)
        line(.notes, form.notes)
        if let error = form.error {
            buffer.write("✖ " + error, x: layout.inner.x, y: layout.messageY, style: Theme.error, maxWidth: layout.inner.width)
        } else if !notes.listed.isEmpty {
            // Cut short beside the date, the notes are told in full, one to a line, errors
            // first; those with no room left are counted on the last line.
            let room = layout.noteLines
            for (index, note) in notes.listed.prefix(room).enumerated() {
                let left = notes.listed.count - room
                let text = index == room - 1 && left > 0 ? "\(note) (+\(left) more)" : note
                let style = note.hasPrefix("✖") ? Theme.error : note.hasPrefix("⚠") ? Theme.warning : notes.style
                buffer.write(DisplayWidth.truncate(text, to: layout.inner.width), x: layout.inner.x, y: layout.messageY + index, style: style)
            }
        } else if form.focus == .media || form.focus == .tags {
            buffer.write("Separate several with commas.", x: layout.inner.x, y: layout.messageY, style: Theme.dim)
        } else if let post = form.base, let changed = lastChange(post, in: calendar, width: layout.inner.width) {
            buffer.write(changed, x: layout.inner.x, y: layout.messageY, style: Theme.dim, maxWidth: layout.inner.width)
        }
    }

    /// What the form says beside its date, as typed: what is wrong with the date or time, else
    /// the day and time meant, what the post would break (errors first, then a time gone, then
    /// warnings) and the channel's posting times; and, when that does not fit, the notes to list
    /// one to a line below the fields (empty when it fits).
    struct Notes {
        let line: String
        let x: Int
        let style: Style
        let listed: [String]
    }

    static func notes(_ state: AppState, _ form: PostForm, layout: PostFormLayout) -> Notes {
        let calendar = state.calendar
        let problems = [form.dateProblem(today: state.today).map { "date: \($0)" }, form.timeProblem(calendar: calendar, today: state.today).map { "time: \($0)" }]
            .compactMap { $0 }
        // The channel's posting times, to pick from when typing a time by hand.
        let postingTimes = calendar.channels.indices.contains(form.channel) ? calendar.channels[form.channel].postingTimes : []
        let schedule = postingTimes.isEmpty ? "" : "posting times " + postingTimes.map(\.description).joined(separator: " ")
        let past = problems.isEmpty && form.isInThePast(in: calendar, now: state.now)
        // A short form (fri, +3, 12-24) shows the day it stands for.
        let dayMeant = form.dateMeaning(today: state.today).map(\.longDescription)
        var meaning = dayMeant == nil && form.timeMeaning == nil ? nil : "→ " + [dayMeant, form.timeMeaning].compactMap { $0 }.joined(separator: " ")
        if problems.isEmpty, let second = form.secondOfRepeatedTime(in: calendar, today: state.today) {
            // The clocks go back that night: the plain time is the first; the offset says the second.
            meaning = [meaning, "the first of two; \(second) is the second"].compactMap { $0 }.joined(separator: "; ")
        }
        // What the post would break (a full day, a post too close, a picture missing), live, as typed.
        let cadence = problems.isEmpty ? form.cadenceNotes(in: calendar, book: state.book, now: state.now) : []
        // Errors first, then what is past, then the warnings, then the channel's posting times.
        let warnings = cadence.filter { $0.hasPrefix("✖") } + (past ? ["⚠ in the past"] : []) + cadence.filter { !$0.hasPrefix("✖") }
        // The posting times come last, the first thing to cut: the notes are what must show.
        let told =
            !problems.isEmpty ? "✖ " + problems.joined(separator: "; ")
            : form.date.isEmpty && form.time.isEmpty ? (["no date: an idea"] + warnings).joined(separator: "; ")
            : ([meaning] + warnings).compactMap { $0 }.joined(separator: "; ")
        let line = problems.isEmpty && !schedule.isEmpty && !(form.date.isEmpty && form.time.isEmpty) ? [told, schedule].filter { !$0.isEmpty }.joined(separator: "; ") : told
        let style = !problems.isEmpty || cadence.contains { $0.hasPrefix("✖") } ? Theme.error : past || !cadence.isEmpty ? Theme.warning : Theme.dim
        let x = layout.timeX + 5 + timeWidth(form) + 2
        let cut = (!problems.isEmpty || !warnings.isEmpty) && DisplayWidth.of(told) > layout.inner.maxX - x
        return Notes(line: line, x: x, style: style, listed: cut ? (problems.isEmpty ? warnings : [line]) : [])
    }

    /// The time field's width: wide enough for `02:30+01:00`, the second 02:30 of a night the
    /// clocks go back.
    static func timeWidth(_ form: PostForm) -> Int { max(7, min(12, form.time.text.count + 1)) }

    /// "Last changed by Bob, Mon 7 Dec 2026 10:02", as the file records it; a name too long
    /// for `width` is cut (…) before the date is.
    static func lastChange(_ post: Post, in calendar: ContentCalendar, width: Int) -> String? {
        guard let by = post.changedBy else { return nil }
        let when = post.changedAt.map { at in
            let local = calendar.clock.local(at).dateTime
            return ", \(local.date.longDescription) \(local.time)"
        } ?? ""
        let lead = "Last changed by "
        let room = max(8, width - DisplayWidth.of(lead) - DisplayWidth.of(when))
        return lead + DisplayWidth.truncate(Reports.safe(by), to: room) + when
    }
}

/// A row of choices; the chosen one is bracketed (so it shows without colour too), and ‹ ›
/// say that more lie to the left or right.
enum Picker {
    /// The labels drawn for the options, the chosen one in brackets.
    private static func labels(_ options: [String], selected: Int) -> [String] {
        options.enumerated().map { $0 == selected ? "[\($1)]" : " \($1) " }
    }

    /// The options shown and the column each starts at: the widest window around the chosen
    /// option that fits, after a `‹ ` when options are hidden to the left.
    private static func visible(_ options: [String], selected: Int, at x: Int, width: Int) -> [(index: Int, x: Int)] {
        let labels = labels(options, selected: selected)
        let widths = labels.map { DisplayWidth.of($0) + 1 }
        let room = width - 4  // the two arrows and their spaces
        // From the first option when the chosen one fits after it (the list does not scroll
        // until it must), else as far right as the chosen one needs; then as many more as fit.
        var start = 0
        var used = widths[0...selected].reduce(0, +)
        while start < selected, used > room {
            used -= widths[start]
            start += 1
        }
        var end = selected + 1
        while true {
            if end < labels.count, used + widths[end] <= room {
                used += widths[end]
                end += 1
            } else if start > 0, used + widths[start - 1] <= room {
                start -= 1
                used += widths[start]
            } else {
                break
            }
        }
        var column = x + 2
        return (start..<end).map { index in
            defer { column += widths[index] }
            return (index, column)
        }
    }

    static func draw(_ options: [String], selected: Int, focused: Bool, at x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer) {
        guard options.indices.contains(selected) else { return }
        let labels = labels(options, selected: selected)
        let shown = visible(options, selected: selected, at: x, width: width)
        var column = buffer.write(shown[0].index > 0 ? "‹ " : "  ", x: x, y: y, style: Theme.bold)
        for (i, _) in shown {
            let style = i == selected ? Style(bold: true, reverse: focused) : Theme.dim
            column = buffer.write(labels[i], x: column, y: y, style: style)
            column = buffer.write(" ", x: column, y: y)
        }
        if shown[shown.count - 1].index < labels.count - 1 { buffer.write("›", x: column, y: y, style: Theme.bold) }
    }

    /// The option drawn at column `px`, for a click; the arrows step to the hidden ones.
    static func option(atX px: Int, _ options: [String], selected: Int, at x: Int, width: Int) -> Int? {
        guard options.indices.contains(selected) else { return nil }
        let shown = visible(options, selected: selected, at: x, width: width)
        let widths = labels(options, selected: selected).map(DisplayWidth.of)
        if px < x + 2 { return shown[0].index > 0 ? shown[0].index - 1 : nil }
        if let hit = shown.first(where: { px >= $0.x && px < $0.x + widths[$0.index] }) { return hit.index }
        let last = shown[shown.count - 1]
        return px >= last.x + widths[last.index] + 1 && last.index < options.count - 1 ? last.index + 1 : nil
    }
}

/// Text fields: one line that scrolls sideways, or an area that wraps; the focused one shows
/// where typing goes.
enum FieldView {
    /// `selected`: the value shows in reverse, as typing will replace it.
    static func drawLine(_ field: TextField, in rect: Rect, focused: Bool, selected: Bool = false, into buffer: inout ScreenBuffer) {
        guard rect.width > 0 else { return }
        var style = Style(underline: true)
        if !focused { style.foreground = nil }
        buffer.fill(rect, style: style)
        let characters = field.characters
        // Scroll so that the cursor stays in view.
        var start = 0
        var width = characters[0..<field.cursor].reduce(0) { $0 + max(1, DisplayWidth.of($1)) }
        while width > rect.width - 1, start < field.cursor {
            width -= max(1, DisplayWidth.of(characters[start]))
            start += 1
        }
        buffer.write(String(characters[start...]), x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
        if selected {
            buffer.restyle(Rect(x: rect.x, y: rect.y, width: min(width, rect.width - 1), height: 1)) { $0.reverse = true }
        }
        if focused {
            let x = rect.x + width
            buffer.restyle(Rect(x: x, y: rect.y, width: 1, height: 1)) { $0.reverse = true }
            buffer.cursor = (x, rect.y)
        }
    }

    static func drawArea(_ field: TextField, in rect: Rect, focused: Bool, into buffer: inout ScreenBuffer) {
        guard rect.width > 0, rect.height > 0 else { return }
        buffer.fill(rect, character: " ", style: Style(underline: false))
        let rows = field.rows(width: rect.width - 1)  // as PostFormLayout.textWidth
        let (cursorRow, cursorColumn) = field.cursorPosition(width: rect.width - 1)
        let first = field.firstShownRow(width: rect.width - 1, height: rect.height)
        for (i, row) in rows.enumerated().dropFirst(first).prefix(rect.height) {
            buffer.write(String(field.characters[row]), x: rect.x, y: rect.y + i - first, maxWidth: rect.width)
        }
        if rows.count > rect.height {
            buffer.write("↕", x: rect.maxX - 1, y: rect.y, style: Theme.dim)
        }
        if focused {
            let x = rect.x + cursorColumn
            let y = rect.y + cursorRow - first
            buffer.restyle(Rect(x: x, y: y, width: 1, height: 1)) { $0.reverse = true }
            buffer.cursor = (x, y)
        }
    }
}
