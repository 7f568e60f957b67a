import CadenceCore

/// Draws the whole screen from the state: header, the current view, overlays, the status line
/// and the key hints. A pure function: the backend draws what it returns, tests read it.
public enum PlannerView {
    /// Below this the form does not fit: the planner says so instead.
    public static let minimumSize = Size(width: 70, height: 20)

    public static func isTooSmall(_ size: Size) -> Bool {
        size.width < minimumSize.width || size.height < minimumSize.height
    }

    /// Rows between the header and the status line.
    static func body(_ size: Size) -> Rect { Rect(x: 0, y: 1, width: size.width, height: size.height - 3) }

    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.size)
        guard !isTooSmall(state.size) else {
            drawTooSmall(state, into: &buffer)
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
            case .resolve(let resolver): ResolverView.draw(state, resolver, into: &buffer)
            }
        }
        // A message too long for the last line takes up to three, and the status line moves up
        // over the view's bottom rows until the next key.
        let message = messageLines(state)
        drawStatus(state, y: state.size.height - 1 - max(1, message.count), into: &buffer)
        if message.isEmpty {
            drawHints(state, into: &buffer)
        } else {
            let style = state.status?.kind == .error ? Theme.error : Theme.info
            for (i, line) in message.enumerated() {
                let y = state.size.height - message.count + i
                buffer.fill(Rect(x: 0, y: y, width: state.size.width, height: 1))
                buffer.write(line, x: 0, y: y, style: style)
            }
        }
        return buffer
    }

    private static func drawTooSmall(_ state: AppState, into buffer: inout ScreenBuffer) {
        let size = state.size
        var lines = [
            "Cadence needs at least \(minimumSize.width)×\(minimumSize.height);",
            "this terminal is \(size.width)×\(size.height).",
            "Make it bigger, or press q to quit.",
        ]
        // In a form or a prompt, q is a letter being typed: the way out is to grow the screen.
        switch state.topOverlay {
        case .form?, .prompt?: lines[2] = "Make it bigger to go on."
        default: break
        }
        if case .confirmQuit? = state.topOverlay {
            lines = ["Unsaved changes. Save before quitting?", "y save and quit · n quit without saving", "Esc stay"]
        }
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
            let days = dayRange(state.weekStart, state.weekStart.adding(days: 6))
            // An ISO week by its number; another by its days ("1–7 Nov 2026 (Sun–Sat)"), which
            // "week of Sun 1 Nov 2026" would only repeat, leaving the time zone no room.
            if calendar.weekStart == .monday {
                period = "\(state.weekLabel) · \(days)"
            } else {
                let first = state.weekStart.weekday.shortName
                let last = state.weekStart.adding(days: 6).weekday.shortName
                period = "\(days) (\(first)–\(last))"
            }
        case .month: period = "\(monthName(state.cursor.day.month)) \(state.cursor.day.year)"
        case .agenda: period = state.agenda.filter.isEmpty ? "all posts" : "filter: \(state.agenda.filter)"
        case .ideas: period = Describe.count(calendar.ideaCount, "idea")
        }
        let tabs = HeaderTabs.text(current: state.view)
        let room = max(0, width - DisplayWidth.of(tabs) - 1)
        let name = calendar.name.isEmpty ? "Cadence" : calendar.name
        var title = " \(name) · \(period) · \(calendar.clock.identifier)"
        // The time zone goes first when space is short, then the name is cut.
        if DisplayWidth.of(title) > room { title = " \(name) · \(period)" }
        if DisplayWidth.of(title) > room {
            title = " " + DisplayWidth.truncate(name, to: max(1, room - DisplayWidth.of(period) - 4)) + " · " + period
        }
        buffer.write(DisplayWidth.truncate(title, to: room), x: 0, y: 0, style: Theme.header)
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

    static func monthName(_ month: Int) -> String { CivilDate.fullMonthNames[month - 1] }

    /// The file, whether it has unsaved changes, and the errors and warnings of the week and
    /// of the whole plan.
    private static func drawStatus(_ state: AppState, y: Int, into buffer: inout ScreenBuffer) {
        let width = state.size.width
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), style: Theme.header)
        // The counts on the right matter most; the file's path gives way, keeping its end.
        var totals = "plan ✖ \(state.violations.errors) ⚠ \(state.violations.warnings) "
        let conflicts = state.conflictCount
        if conflicts > 0 { totals = "\(Describe.count(conflicts, "merge conflict")) (!) · " + totals }
        if state.view == .week {
            // The settings' problems are in every week's view, as the problems panel lists them.
            let week = state.weekViolations + state.violations.settings
            // The plan is the weeks that hold posts: a week without any is not in its totals.
            let start = state.calendar.weekStart(of: state.cursor.day)
            let empty = (0..<7).allSatisfy { state.calendar.postCount(on: start.adding(days: $0)) == 0 }
            totals = "\(state.weekLabel)\(empty ? " (no posts)" : "") ✖ \(week.errorCount) ⚠ \(week.warningCount) · " + totals
        }
        // The flags in words, or shorter when the file's name would not fit beside them.
        func flagText(short: Bool) -> String {
            var flags = state.hasUnsavedChanges ? (short ? " ● unsaved" : " ● unsaved changes") : state.diskUnreadable ? "" : " · saved"
            if state.diskUnreadable { flags += short ? " · ✖ unreadable" : " · ✖ file on disk unreadable" }
            if state.moving != nil { flags += short ? " · moving" : " · moving a post" }
            if state.readOnly != nil { flags += " · read-only" }
            return flags
        }
        var flags = flagText(short: false)
        if width - DisplayWidth.of(totals) - DisplayWidth.of(flags) - 2 < DisplayWidth.of(state.filePath) { flags = flagText(short: true) }
        let room = width - DisplayWidth.of(totals) - DisplayWidth.of(flags) - 2
        let path = DisplayWidth.of(state.filePath) <= room ? state.filePath : "…" + DisplayWidth.suffix(state.filePath, width: max(0, room - 1))
        var x = buffer.write(" \(path)", x: 0, y: y, style: Theme.header)
        x = buffer.write(flags, x: x, y: y, style: Theme.header, maxWidth: max(0, width - x - DisplayWidth.of(totals) - 1))
        buffer.write(totals, x: max(x + 1, width - DisplayWidth.of(totals)), y: y, style: Theme.header)
    }

    /// The last line: the latest message when there is one (until the next key), otherwise
    /// the keys that work right now.
    /// The latest message, wrapped to the screen's width (at most three lines, the last cut
    /// with … should it still not fit); none when there is no message.
    static func messageLines(_ state: AppState) -> [String] {
        guard let status = state.status else { return [] }
        let width = state.size.width
        let lines = DisplayWidth.wrap((status.kind == .error ? "✖ " : "") + status.text, width: width - 2)
        guard lines.count > 3 else { return lines.map { " " + $0 } }
        let last = DisplayWidth.truncate(lines[2...].joined(separator: " "), to: width - 2)
        return (lines[0..<2] + [last]).map { " " + $0 }
    }

    private static func drawHints(_ state: AppState, into buffer: inout ScreenBuffer) {
        let y = state.size.height - 1
        var hints: [(String, String)]
        let mode = Reducer.inputMode(state)
        if let count = state.pendingCount {
            // What a count waits for, as vim's showcmd shows it.
            // [ ] move by days only in the agenda itself.
            let days = state.view == .agenda && state.topOverlay == nil ? " [ ]" : ""
            hints = [(String(count), "then a move: " + (mode == .grid ? "hjkl ←↓↑→ [ ]" : "jk ↓↑\(days) PgUp PgDn") + ", u, Ctrl-R or p")]
            if mode == .list { hints.append(("G", "row \(count)")) }
            hints.append(("Esc", "cancel the count"))
            drawHintList(hints, y: y, into: &buffer, width: state.size.width)
            return
        }
        switch mode {
        case .grid where state.moving != nil:
            hints = [("hjkl", "choose a cell"), ("Enter", "drop it here"), ("Esc", "cancel the move")]
        case .grid:
            let week = [("hjkl", "move"), ("[ ]", "week"), ("a", "add"), ("Enter", "open"),
                        ("e", "edit"), ("d", "delete"), ("m", "move"), ("u", "undo"), ("v", "view"), ("!", "problems"),
                        ("s", "save"), ("?", "help"), ("q", "quit"), ("y/p", "copy/paste"), ("g", "go to"), ("t", "today")]
            // The month shows counts: posts are worked on in the week, which Enter opens.
            let monthOnly = ["[ ]": "month", "Enter": "open the week"]
            let postKeys: Set<String> = ["e", "d", "m", "y/p"]
            hints = state.view != .month ? week
                : week.filter { !postKeys.contains($0.0) }.map { ($0.0, monthOnly[$0.0] ?? $0.1) }
        case .list:
            if case .violations(let panel)? = state.topOverlay {
                // A problem is shown, not edited: Enter takes you to it.
                let listed = !state.violationsShown(panel).isEmpty
                hints = (listed ? [("jk", "select"), ("Enter", "show it")] : [])
                    + (ViolationsView.tabLabel(state, panel).map { [("Tab", $0)] } ?? [])
                    + [("w", state.problemsErrorsOnly ? "show warnings" : "hide warnings"), ("Esc", "close"), ("?", "help"), ("q", "quit")]
                break
            }
            if state.topOverlay == nil {
                // The agenda and the ideas: views, not lists over the week.
                let days: [(String, String)] = state.view == .agenda ? [("[ ]", "day")] : []
                hints = [("jk", "select"), ("Enter", "open"), ("a", "add"), ("e", "edit"), ("d", "delete"), ("m", "move"),
                         ("Esc", "week"), ("?", "help"), ("q", "quit"), ("v", "view"), ("/", "filter"), ("u", "undo")] + days
                break
            }
            hints = [("jk", "select"), ("Enter", "open"), ("a", "add"), ("e", "edit"), ("d", "delete"), ("m", "move"),
                     ("Esc", "close"), ("?", "help"), ("q", "quit"), ("Tab", "scope"), ("/", "filter"), ("u", "undo"), ("v", "view")]
        case .form(_, let multiline):
            // Ctrl-E opens the editor from the Text field; elsewhere it is the end of the line.
            // The way to save and the way out first: what does not fit is left out from the end.
            hints = [("Tab", "next field"), ("Enter", "save (Text: new line)"), ("Ctrl-S", "save"), ("Esc", "cancel"), ("S-Tab", "back")]
                + (multiline ? [("Ctrl-E", "$EDITOR")] : []) + [("←→", "choose"), ("Ctrl-U", "delete to line start")]
        case .prompt:
            var verb = "go"
            if case .prompt(let prompt)? = state.topOverlay { verb = PromptView.verb(prompt) }
            hints = [("Enter", verb), ("Esc", "cancel")]
        case .confirm: hints = [("y", "save and quit"), ("n", "quit without saving"), ("Esc", "stay")]
        case .help: hints = [("jk", "scroll"), ("Esc", "close")]
        case .resolve:
            var choices = (ours: "ours", theirs: "theirs")
            var isPost = true
            if case .resolve(let resolver)? = state.topOverlay {
                choices = ResolverView.sideWords(state, resolver.target).choices
                if case .setting = resolver.target { isPost = false }
            }
            // A setting is settled by a side; only a post opens in the form.
            hints = [("m", "take \(choices.ours)"), ("t", "take \(choices.theirs)"), ("M/T", "all")] + (isPost ? [("e", "edit")] : [])
                + [("jk", "choose"), ("Esc", "close")]
        }
        if state.readOnly != nil, mode == .grid || mode == .list {
            // Read-only: offer only what works (the status line says why).
            let editing: Set<String> = ["a", "e", "d", "m", "y/p", "u", "s"]
            hints = hints.filter { !editing.contains($0.0) }
        }
        drawHintList(hints, y: y, into: &buffer, width: state.size.width)
    }

    private static func drawHintList(_ hints: [(String, String)], y: Int, into buffer: inout ScreenBuffer, width screenWidth: Int) {
        // In order while they fit; but the way to help and the way out always keep their room.
        func width(_ hint: (String, String)) -> Int { DisplayWidth.of(hint.0) + DisplayWidth.of(hint.1) + 3 }
        let essential: Set<String> = ["?", "q", "v", "Esc"]
        var reserved = hints.filter { essential.contains($0.0) }.map(width).reduce(0, +)
        var x = 0
        for hint in hints {
            let isEssential = essential.contains(hint.0)
            if isEssential { reserved -= width(hint) }
            guard x + width(hint) + reserved <= screenWidth else {
                if isEssential { break } else { continue }
            }
            x = buffer.write(" " + hint.0, x: x, y: y, style: Theme.bold)
            x = buffer.write(" " + hint.1 + " ", x: x, y: y, style: Theme.dim)
        }
    }
}

/// The views' tabs at the right of the header, `[Week]  Month   Agenda   Ideas`, which a click
/// switches between.
enum HeaderTabs {
    static func text(current: ViewKind) -> String {
        ViewKind.allCases.map { label($0, current: current) }.joined()
    }

    private static func label(_ kind: ViewKind, current: ViewKind) -> String {
        kind == current ? "[\(kind.title)] " : " \(kind.title)  "
    }

    /// The view whose tab is at column `x` of the header, on a screen `width` columns wide.
    static func view(atX x: Int, width: Int, current: ViewKind) -> ViewKind? {
        var start = max(0, width - DisplayWidth.of(text(current: current)))
        for kind in ViewKind.allCases {
            let end = start + DisplayWidth.of(label(kind, current: current))
            if x >= start && x < end - 1 { return kind }
            start = end
        }
        return nil
    }
}
