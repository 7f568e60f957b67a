import CadenceCore

/// Where the week grid's parts go on a screen: a name column, seven day columns, one band of
/// rows per channel. The reducer uses the same layout to turn a mouse click into a cell.
struct WeekGridLayout {
    let body: Rect
    let nameWidth: Int
    let columnWidth: Int
    let rowHeight: Int
    let visibleRows: Int
    let firstChannel: Int

    init(state: AppState) {
        body = PlannerView.body(state.size)
        // Room for each channel's name and its daily limits under it ("3–5 a day").
        let names = state.calendar.channels.map { channel in
            max(
                DisplayWidth.of(channel.name),
                state.dailyLimits(of: channel.id).map { DisplayWidth.of(WeekGridView.limitText($0.min, $0.max) + " a day") } ?? 0,
                state.weeklyLimits(of: channel.id).map { DisplayWidth.of("99/" + WeekGridView.limitText($0.min, $0.max) + " wk") } ?? 0)
        }.max() ?? 6
        // The name column gives way first on narrow screens: titles matter more.
        nameWidth = min(body.width < 100 ? 10 : 16, max(9, names + 2))
        columnWidth = max(4, (body.width - nameWidth - 7) / 7)
        let channels = max(1, state.calendar.channels.count)
        let available = body.height - 2  // day names and a rule
        rowHeight = max(2, (available - (channels - 1)) / channels)
        visibleRows = max(1, min(channels, (available + 1) / (rowHeight + 1)))
        // Where the rows were scrolled to, moved as little as needed to show the cursor's row.
        let cursor = min(state.cursor.channel, channels - 1)
        let showingCursor = min(max(state.channelScroll, cursor - visibleRows + 1), cursor)
        firstChannel = max(0, min(showingCursor, channels - visibleRows))
    }

    var headerY: Int { body.y }
    var firstRowY: Int { body.y + 2 }
    func columnX(_ day: Int) -> Int { nameWidth + 1 + day * (columnWidth + 1) }
    func rowY(_ visibleIndex: Int) -> Int { firstRowY + visibleIndex * (rowHeight + 1) }

    func cellRect(visibleRow: Int, day: Int) -> Rect {
        Rect(x: columnX(day), y: rowY(visibleRow), width: columnWidth, height: rowHeight)
    }

    /// The channel (index in the calendar) and day (0–6) under a screen position.
    func cell(x: Int, y: Int) -> (channel: Int, day: Int)? {
        for row in 0..<visibleRows {
            for day in 0..<7 where cellRect(visibleRow: row, day: day).contains(x: x, y: y) {
                return (firstChannel + row, day)
            }
        }
        return nil
    }
}

/// The week: one row per channel, one column per day; each cell shows the channel's posts that
/// day against its daily limits, and as many titles (with times) as fit.
enum WeekGridView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let layout = WeekGridLayout(state: state)
        let calendar = state.calendar
        let marks = Marks(state.weekViolations, calendar: calendar)
        let days = state.weekDays

        // Day names, today marked.
        for (i, day) in days.enumerated() {
            let isToday = day == state.today
            var label = layout.columnWidth >= 8 ? "\(day.weekday.shortName) \(day.day)" : "\(day.weekday.shortName.prefix(2)) \(day.day)"
            if isToday { label += DisplayWidth.of(label) + 7 <= layout.columnWidth ? " •today" : " •" }
            var style = isToday ? Theme.today : Theme.bold
            if let severity = marks.days[day], !isToday { style = Theme.severity(severity, past: day < state.today) }
            buffer.write(DisplayWidth.truncate(label, to: layout.columnWidth), x: layout.columnX(i), y: layout.headerY, style: style)
            buffer.write("│", x: layout.columnX(i) - 1, y: layout.headerY, style: Theme.line)
        }
        rule(layout, y: layout.headerY + 1, into: &buffer)

        guard !calendar.channels.isEmpty else {
            buffer.write("This calendar has no channels: add them to \(state.filePath) (see README).", x: 1, y: layout.firstRowY)
            return
        }
        for row in 0..<layout.visibleRows {
            let index = layout.firstChannel + row
            let channel = calendar.channels[index]
            let y = layout.rowY(row)
            buffer.write(DisplayWidth.truncate(channel.name, to: layout.nameWidth - 1), x: 1, y: y, style: Theme.bold)
            drawLimits(state, channel: channel, marks: marks, x: 1, y: y + 1, lines: layout.rowHeight - 1, width: layout.nameWidth - 1, into: &buffer)
            for (i, day) in days.enumerated() {
                let rect = layout.cellRect(visibleRow: row, day: i)
                for line in 0..<layout.rowHeight { buffer.write("│", x: rect.x - 1, y: rect.y + line, style: Theme.line) }
                drawCell(state, channel: channel, day: day, marks: marks, in: rect, into: &buffer)
                if state.cursor.channel == index, state.cursor.day == day {
                    buffer.restyle(rect) { $0.reverse = true }
                }
            }
            if row < layout.visibleRows - 1 { rule(layout, y: y + layout.rowHeight, into: &buffer) }
        }
        let hidden = calendar.channels.count - layout.visibleRows
        if hidden > 0 {
            let note = " ↕ \(layout.visibleRows) of \(calendar.channels.count) channels "
            buffer.write(note, x: 1, y: layout.body.maxY - 1, style: Theme.dim)
        }
    }

    private static func rule(_ layout: WeekGridLayout, y: Int, into buffer: inout ScreenBuffer) {
        var line = String(repeating: "─", count: layout.nameWidth)
        for _ in 0..<7 { line += "┼" + String(repeating: "─", count: layout.columnWidth) }
        buffer.write(line, x: 0, y: y, style: Theme.line, maxWidth: layout.body.width)
    }

    private static func drawCell(_ state: AppState, channel: Channel, day: CivilDate, marks: Marks, in rect: Rect, into buffer: inout ScreenBuffer) {
        let calendar = state.calendar
        let posts = calendar.posts(on: day, channel: channel.id)
        let severity = marks.cells[Marks.Cell(channel: channel.id, day: day)]
        // First line: how many posts against the daily limits, and the mark of a broken rule.
        var count = ""
        if let limits = state.dailyLimits(of: channel.id) {
            count = "\(posts.count)/" + limitText(limits.min, limits.max)
        } else if !posts.isEmpty {
            count = "\(posts.count)"
        }
        let symbol = Theme.symbol(severity)
        // A day gone by keeps its marks, faded: its problems are history.
        let past = day < state.today
        let countEnd = buffer.write(count, x: rect.x, y: rect.y, style: severity == nil ? Theme.dim : Theme.severity(severity, past: past), maxWidth: rect.width - 2)
        if !symbol.isEmpty { buffer.write(symbol, x: rect.maxX - 1, y: rect.y, style: Theme.severity(severity, past: past)) }

        let lines = rect.height - 1
        guard lines > 0 else { return }
        // Posts beyond the cell's lines are counted on its first line (`3/1–5  +1`), or, when
        // the cell is too narrow for that, on its last line instead of a post.
        var shown = min(posts.count, lines)
        var moreLine = false
        if posts.count > lines {
            let more = "+\(posts.count - lines)"
            let x = rect.maxX - 2 - DisplayWidth.of(more)
            if x > countEnd {
                buffer.write(more, x: x, y: rect.y, style: Theme.dim)
            } else {
                shown = lines - 1
                moreLine = true
            }
        }
        // Narrow cells keep the title and drop the time (the cell's list shows it).
        let showTime = rect.width >= 11
        for (i, post) in posts.prefix(shown).enumerated() {
            let y = rect.y + 1 + i
            let time = showTime ? calendar.local(of: post.id)?.time.description ?? "" : ""
            let mark = marks.posts[post.id]
            var x = buffer.write(time, x: rect.x, y: y, style: mark == nil ? Theme.dim : Theme.severity(mark, past: past), maxWidth: rect.width)
            if showTime || mark != nil {
                x = buffer.write(mark == nil ? " " : Theme.symbol(mark), x: x, y: y, style: Theme.severity(mark, past: past), maxWidth: rect.maxX - x)
            }
            var style = Style.plain
            if state.moving == post.id { style.underline = true }
            buffer.write(DisplayWidth.truncate(post.title, to: max(0, rect.maxX - x)), x: x, y: y, style: style, maxWidth: rect.maxX - x)
        }
        if moreLine {
            buffer.write("+\(posts.count - shown) more", x: rect.x, y: rect.y + 1 + shown, style: Theme.dim, maxWidth: rect.width)
        }
    }

    /// Under a channel's name: its daily limits ("1–5 a day"; each cell counts its day against
    /// them) and the week's posts against its weekly limits ("2/3–7 wk", marked when the week
    /// breaks them). With one line only, the week's count, which no cell shows.
    private static func drawLimits(
        _ state: AppState, channel: Channel, marks: Marks, x: Int, y: Int, lines: Int, width: Int, into buffer: inout ScreenBuffer
    ) {
        var parts: [(text: String, style: Style)] = []
        if let daily = state.dailyLimits(of: channel.id) {
            parts.append((limitText(daily.min, daily.max) + " a day", Theme.dim))
        }
        if let weekly = state.weeklyLimits(of: channel.id) {
            let count = state.weekDays.reduce(0) { $0 + state.calendar.posts(on: $1, channel: channel.id).count }
            var text = "\(count)/" + limitText(weekly.min, weekly.max) + " wk"
            var style = Theme.dim
            if let severity = marks.channels[channel.id] {
                // The mark stays whole on a narrow column: the text gives way to it.
                let symbol = Theme.symbol(severity)
                let room = width - DisplayWidth.of(symbol)
                text = DisplayWidth.of(text) < room ? text + " " + symbol : DisplayWidth.truncate(text, to: room) + symbol
                style = Theme.severity(severity, past: state.weekDays.last! < state.today)
            }
            parts.append((text, style))
        }
        for (i, part) in parts.suffix(max(0, lines)).enumerated() {
            buffer.write(DisplayWidth.truncate(part.text, to: width), x: x, y: y + i, style: part.style)
        }
    }

    /// `1–5`, `≤10`, `≥1`.
    static func limitText(_ min: Int, _ max: Int?) -> String {
        switch max {
        case nil: "≥\(min)"
        case let max? where min == 0: "≤\(max)"
        case let max?: "\(min)–\(max)"
        }
    }
}
