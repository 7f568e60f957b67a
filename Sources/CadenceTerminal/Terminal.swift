import CNCursesW
import CTerminalGuard
import CadenceTUI
import Foundation

/// The only code that calls ncurses: starts and ends curses mode, draws a screen buffer, reads
/// keys, mouse clicks and resizes.
@MainActor
final class Terminal {
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>? { cadence_stdscr() }
    private var previous: ScreenBuffer?
    private let useColour: Bool
    private var colourPairs: [Color: Int16] = [:]
    /// The last left-button press, to tell a double click from two clicks.
    private var lastPress: (x: Int, y: Int, time: Date)?
    private(set) var isActive = false

    init(colour: Bool) {
        useColour = colour
    }

    var size: Size { Size(width: Int(cadence_cols()), height: Int(cadence_lines())) }

    func start() throws(TerminalError) {
        // Wide characters need a UTF-8 locale; fall back to C.UTF-8 when the environment's is not.
        setlocale(LC_ALL, "")
        if String(cString: cadence_codeset()) != "UTF-8" { setlocale(LC_ALL, "C.UTF-8") }
        cadence_guard_install()
        guard let screen = newterm(nil, cadence_stdout(), cadence_stdin()) else {
            throw TerminalError("cannot start the terminal interface (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset"))")
        }
        guard cadence_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalError("this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset")) cannot move the cursor, which the planner needs; use one that can, such as TERM=xterm-256color")
        }
        self.screen = screen
        isActive = true
        // Best effort: without a temporary folder, standard error stays on the terminal.
        _ = cadence_guard_capture_stderr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        wtimeout(window, 250)
        mousemask(cadence_mouse_events(), nil)
        mouseinterval(0)
        cadence_bracketed_paste(1)
        if useColour, has_colors() {
            start_color()
            use_default_colors()
            let gray: Int16 = cadence_colors() >= 16 ? 8 : Int16(COLOR_WHITE)
            let table: [(Color, Int16)] = [
                (.red, Int16(COLOR_RED)), (.green, Int16(COLOR_GREEN)), (.yellow, Int16(COLOR_YELLOW)),
                (.blue, Int16(COLOR_BLUE)), (.magenta, Int16(COLOR_MAGENTA)), (.cyan, Int16(COLOR_CYAN)), (.gray, gray),
            ]
            for (i, (color, code)) in table.enumerated() {
                init_pair(Int16(i + 1), code, -1)
                colourPairs[color] = Int16(i + 1)
            }
        }
    }

    /// Leaves curses mode; safe to call more than once.
    func stop() {
        guard isActive else { return }
        isActive = false
        cadence_bracketed_paste(0)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        cadence_guard_release_stderr()
    }

    /// Hands the terminal to another program ($EDITOR) and takes it back afterwards.
    func suspend<T>(_ body: () throws -> T) rethrows -> T {
        def_prog_mode()
        cadence_bracketed_paste(0)
        endwin()
        cadence_guard_pause_stderr()
        defer {
            cadence_guard_resume_stderr()
            reset_prog_mode()
            cadence_bracketed_paste(1)
            // Whatever the other program left unread (terminal replies, keys) is not for us.
            flushinp()
            // Back in perhaps another terminal (a session attached anew): it has to show again
            // that it marks pastes.
            marksPastes = false
            previous = nil
            wclear(window)
            wrefresh(window)
        }
        return try body()
    }

    /// Forgets what the screen shows, so that the next draw paints all of it (over anything
    /// another program wrote there).
    func forgetScreen() {
        previous = nil
        clearok(window, true)
    }

    /// Draws a buffer, touching only the rows that changed since the last one.
    func draw(_ buffer: ScreenBuffer) {
        let fresh = previous == nil || previous!.size != buffer.size
        if fresh { werase(window) }
        for y in 0..<buffer.size.height {
            if !fresh, let previous, rowEqual(previous, buffer, y) { continue }
            drawRow(buffer, y)
        }
        if let (x, y) = buffer.cursor {
            wmove(window, Int32(y), Int32(x))
        }
        previous = buffer
        wrefresh(window)
    }

    private func rowEqual(_ a: ScreenBuffer, _ b: ScreenBuffer, _ y: Int) -> Bool {
        let w = a.size.width
        for x in 0..<w where a[x, y] != b[x, y] { return false }
        return true
    }

    private func drawRow(_ buffer: ScreenBuffer, _ y: Int) {
        var x = 0
        let width = buffer.size.width
        while x < width {
            let style = buffer[x, y].style
            var run: [wchar_t] = []
            let start = x
            while x < width, buffer[x, y].style == style {
                let cell = buffer[x, y]
                if !cell.isContinuation {
                    for scalar in cell.character.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
                }
                x += 1
            }
            apply(style)
            run.append(0)
            // The bottom-right cell scrolls some terminals when written; curses reports an error
            // there, which is harmless.
            _ = mvwaddnwstr(window, Int32(y), Int32(start), run, Int32(run.count - 1))
        }
        wattrset(window, Int32(bitPattern: UInt32(cadence_attr_normal())))
    }

    private func apply(_ style: Style) {
        var attributes = cadence_attr_normal()
        if style.bold { attributes |= cadence_attr_bold() }
        if style.reverse { attributes |= cadence_attr_reverse() }
        if style.underline { attributes |= cadence_attr_underline() }
        if style.dim { attributes |= cadence_attr_dim() }
        var pair: Int16 = 0
        if let color = style.foreground, let p = colourPairs[color] { pair = p }
        wattr_set(window, attributes, pair, nil)
    }

    /// Keys read ahead with a burst that was not a paste, to be handed out one by one.
    private var pending: [Key] = []

    /// Whether this terminal has marked a paste (bracketed paste): from then on every paste is
    /// known by its marks, and a burst without them is keys typed ahead.
    private var marksPastes = false

    /// The next key or event, or `nil` when none came within a quarter of a second.
    ///
    /// A person's keys come one at a time; text pasted into a terminal that does not mark
    /// pastes comes all at once. A burst of text keys (not one key repeated, as a held-down `j`)
    /// is taken as a paste when it holds several lines (a line break, then eight characters or
    /// more), or, on one line, a space or eight characters or more: its Enter does not save a
    /// form and its letters do not run as commands (`s` saving, `e` editing, `d` deleting a
    /// post). Keys typed ahead that arrive in one piece over a slow connection stay keys: `]hhh`,
    /// `3l` then Enter, a title then Enter (a pasted line that ends in a line break is taken
    /// the same way). A short word cannot be told from keys typed ahead; terminals that mark
    /// pastes (most do, and Cadence asks them to) leave no doubt: once one has, a burst without
    /// marks that holds a Tab is keys (a title, Tab and a date typed ahead over a slow link),
    /// unless it is long (several lines, or more than 32 characters): a paste the terminal did
    /// not mark after all (tmux's own paste, a terminal attached anew) is still text.
    func readKey() -> Key? {
        if !pending.isEmpty { return pending.removeFirst() }
        guard let first = readSingleKey() else { return nil }
        guard case .char = first else { return first }
        var burst = [first]
        wtimeout(window, 0)
        while burst.count < 1_000_000, let next = readSingleKey() { burst.append(next) }
        wtimeout(window, 250)
        let text = burst.compactMap { key -> Character? in
            switch key {
            case .char(let c): c
            case .enter: "\n"
            case .tab: "\t"
            default: nil
            }
        }
        let printable = { (part: ArraySlice<Character>) in part.count { $0 != "\n" && $0 != "\t" } }
        var isPaste: Bool
        let severalLines = text.firstIndex(of: "\n").map { printable(text[($0 + 1)...]) >= 8 }
        if let severalLines {
            isPaste = severalLines
        } else {
            isPaste = text.contains(" ") || printable(text[...]) >= 8
        }
        if marksPastes, text.contains("\t"), severalLines != true, printable(text[...]) <= 32 { isPaste = false }
        if text.count == burst.count, burst.count >= 2, Set(text).count > 1, isPaste {
            return .paste(String(text))
        }
        pending = Array(burst.dropFirst())
        return first
    }

    /// Whether the terminal has gone (its window closed, an SSH connection dropped): reads
    /// then fail at once instead of waiting, and no SIGHUP need come if the shell ignored it.
    var hungUp: Bool {
        var terminal = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&terminal, 1, 0) == 1 else { return false }
        return terminal.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private func readSingleKey() -> Key? {
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            if Int32(character) == cadence_key_paste_start() { return readPaste() }
            return functionKey(Int32(character))
        }
        switch character {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(character) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// The text up to the end of a bracketed paste (or until the terminal goes quiet, should
    /// the end never come).
    private func readPaste() -> Key {
        marksPastes = true
        var text = String.UnicodeScalarView()
        while true {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if Int32(character) == cadence_key_paste_end() { break }
                if Int32(character) == KEY_ENTER { text.append("\n") }
                continue
            }
            if let scalar = Unicode.Scalar(UInt32(character)) { text.append(scalar) }
        }
        return .paste(String(text))
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE:
            previous = nil
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let x = Int(event.x)
            let y = Int(event.y)
            if cadence_is_press(event.bstate) != 0 {
                let now = Date()
                defer { lastPress = (x, y, now) }
                if let last = lastPress, last.x == x, last.y == y, now.timeIntervalSince(last.time) < 0.4 {
                    lastPress = nil
                    return .mouse(MouseEvent(x: x, y: y, kind: .doubleClick))
                }
                return .mouse(MouseEvent(x: x, y: y, kind: .click))
            }
            if cadence_is_wheel_up(event.bstate) != 0 { return .mouse(MouseEvent(x: x, y: y, kind: .scrollUp)) }
            if cadence_is_wheel_down(event.bstate) != 0 { return .mouse(MouseEvent(x: x, y: y, kind: .scrollDown)) }
            return nil
        case KEY_F0...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
