import CadenceCore

/// Draws the whole screen from the state: header, the current view, overlays, the status line
/// and the key hints. A pure function: the backend draws what it returns, tests read it.
public enum PlannerView {
    public static let minimumSize = Size(width: 70, height: 16)

    public static func isTooSmall(_ size: Size) -> Bool {
        size.width < minimumSize.width || size.height < minimumSize.height
    }

    /// Rows between the header and the status line.
    static func body(_ size: Size) -> Rect { Rect(x: 0, y: 1, width: size.width, height: size.height - 3) }

    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.size)
        guard !isTooSmall(state.size) else {
            drawTooSmall(state.size, into: &buffer)
            return buffer
        }
        drawHeader(state, into: &buffer)
        switch state.view {
        case .week: WeekGridView.draw(state, into: &buffer)
        case .month: MonthView.draw(state, into: &buffer)
        case .agenda: AgendaView.draw(state, into: &buffer)
        case .ideas: IdeasView.draw(state, into: &buffer)
        }
        for overlay in state.overlays {
            buffer.cursor = nil
            switch overlay {
            case .dayList(let list): DayListView.draw(state, list, into: &buffer)
            case .form(let form): PostFormView.draw(state, form, into: &buffer)
            case .violations(let panel): ViolationsView.draw(state, panel, into: &buffer)
            case .help(let scroll): HelpView.draw(state, scroll: scroll, into: &buffer)
            case .prompt(let prompt): PromptView.draw(state, prompt, into: &buffer)
            case .confirmQuit: ConfirmView.draw(state, into: &buffer)
            }
        }
        drawStatus(state, into: &buffer)
        drawHints(state, into: &buffer)
        return buffer
    }

    private static func drawTooSmall(_ size: Size, into buffer: inout ScreenBuffer) {
        let lines = [
            "Cadence needs at least \(minimumSize.width)×\(minimumSize.height);",
            "this terminal is \(size.width)×\(size.height).",
            "Make it bigger, or press q to quit.",
        ]
        for (i, line) in lines.enumerated() {
            let y = max(0, size.height / 2 - 1) + i
            buffer.write(line, x: max(0, (size.width - DisplayWidth.of(line)) / 2), y: y)
        }
    }

    private static func drawHeader(_ state: AppState, into buffer: inout ScreenBuffer) {
        let width = state.size.width
        buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.header)
        let calendar = state.calendar
        let period: String
        switch state.view {
        case .week:
            let start = state.weekStart
            period = "\(Describe.week(startingOn: start, weekStart: calendar.weekStart)) · \(dayRange(start, start.adding(days: 6)))"
        case .month: period = "\(monthName(state.cursor.day.month)) \(state.cursor.day.year)"
        case .agenda: period = state.agenda.filter.isEmpty ? "all posts" : "filter: \(state.agenda.filter)"
        case .ideas: period = Describe.count(calendar.ideas.count, "idea")
        }
        var tabs = ""
        for kind in ViewKind.allCases { tabs += kind == state.view ? "[\(kind.title)] " : " \(kind.title)  " }
        let title = " \(calendar.name.isEmpty ? "Cadence" : calendar.name) · \(period) · \(calendar.clock.identifier)"
        buffer.write(DisplayWidth.truncate(title, to: max(0, width - DisplayWidth.of(tabs) - 1)), x: 0, y: 0, style: Theme.header)
        buffer.write(tabs, x: max(0, width - DisplayWidth.of(tabs)), y: 0, style: Theme.header)
    }

    /// `23–29 Nov 2026`, `30 Nov – 6 Dec 2026`, `28 Dec 2026 – 3 Jan 2027`.
    static func dayRange(_ first: CivilDate, _ last: CivilDate) -> String {
        let m1 = CivilDate.monthNames[first.month - 1]
        let m2 = CivilDate.monthNames[last.month - 1]
        if first.year != last.year { return "\(first.day) \(m1) \(first.year) – \(last.day) \(m2) \(last.year)" }
        if first.month != last.month { return "\(first.day) \(m1) – \(last.day) \(m2) \(last.year)" }
        return "\(first.day)–\(last.day) \(m1) \(last.year)"
    }

    static func monthName(_ month: Int) -> String {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][month - 1]
    }

    private static func drawStatus(_ state: AppState, into buffer: inout ScreenBuffer) {
        let y = state.size.height - 2
        let width = state.size.width
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), style: Theme.header)
        var x = buffer.write(" \(state.filePath)", x: 0, y: y, style: Theme.header)
        x = buffer.write(state.hasUnsavedChanges ? " ● unsaved" : " saved", x: x, y: y, style: Theme.header)
        let week = state.weekViolations
        let planTotals = "plan ✖ \(state.violations.errors) ⚠ \(state.violations.warnings) "
        var totals = planTotals
        if state.view == .week {
            totals = "\(Describe.week(startingOn: state.weekStart, weekStart: state.calendar.weekStart)) ✖ \(week.errorCount) ⚠ \(week.warningCount) · " + planTotals
        }
        var message = ""
        if let status = state.status { message = (status.kind == .error ? " ✖ " : " · ") + status.text }
        // The message comes first; the week's totals give way to it when space is short.
        if x + DisplayWidth.of(message) + DisplayWidth.of(totals) + 1 > width { totals = planTotals }
        let totalsX = width - DisplayWidth.of(totals)
        if let status = state.status {
            var style = Theme.header
            if status.kind == .error { style.foreground = .red }
            buffer.write(DisplayWidth.truncate(message, to: max(0, totalsX - x - 1)), x: x, y: y, style: style)
        }
        buffer.write(totals, x: max(x, totalsX), y: y, style: Theme.header)
    }

    private static func drawHints(_ state: AppState, into buffer: inout ScreenBuffer) {
        let y = state.size.height - 1
        let hints: [(String, String)]
        switch Reducer.inputMode(state) {
        case .grid where state.moving != nil:
            hints = [("hjkl", "choose a cell"), ("Enter", "drop it here"), ("Esc", "cancel the move")]
        case .grid:
            hints = [("hjkl", "move"), ("[ ]", state.view == .month ? "month" : "week"), ("a", "add"), ("Enter", "open"), ("e", "edit"),
                     ("d", "delete"), ("y/p", "copy/paste"), ("m", "move"), ("u", "undo"), ("v", "view"), ("!", "problems"),
                     ("?", "help"), ("s", "save"), ("q", "quit")]
        case .list:
            hints = [("jk", "select"), ("Enter", "open"), ("a", "add"), ("e", "edit"), ("d", "delete"), ("m", "move"), ("Tab", "scope"),
                     ("/", "filter"), ("u", "undo"), ("v", "view"), ("Esc", "close"), ("?", "help"), ("q", "quit")]
        case .form:
            hints = [("Tab", "next field"), ("S-Tab", "back"), ("←→", "choose"), ("Enter", "save"), ("Ctrl-S", "save"),
                     ("Ctrl-E", "$EDITOR"), ("Esc", "cancel")]
        case .prompt: hints = [("Enter", "go"), ("Esc", "cancel")]
        case .confirm: hints = [("y", "save and quit"), ("n", "quit without saving"), ("Esc", "stay")]
        case .help: hints = [("jk", "scroll"), ("Esc", "close")]
        }
        var x = 0
        for (key, what) in hints {
            let width = DisplayWidth.of(key) + DisplayWidth.of(what) + 3
            guard x + width <= state.size.width else { break }
            x = buffer.write(" " + key, x: x, y: y, style: Theme.bold)
            x = buffer.write(" " + what + " ", x: x, y: y, style: Theme.dim)
        }
    }
}
