import Foundation

/// What a key means, decided before any logic runs.
public enum Action: Equatable, Sendable {
    // The application
    case quit, interrupt, suspend, repaint, save, undo, redo, showHelp, showViolations, nextView, cancel, accept, decline
    /// `:`, vim's command line: `:w`, `:q`, `:wq`, `:x`, `:q!`, `:12`.
    case command
    /// A key that does nothing where it was pressed, as the user would write it (`x`, `Ctrl-D`).
    case unbound(String)
    case resize(Size)
    case mouse(MouseEvent)
    // Moving around
    case left, right, up, down, previousPeriod, nextPeriod, today, goToDate, pageUp, pageDown, first, last
    /// A digit of a count before a move, as in vim: `6j` moves six down, `12G` to row 12.
    case digit(Int)
    // Posts
    case open, add, edit, delete, copy, paste, move, approve, toggleScope, filter
    /// In the problems panel: the errors alone, or errors and warnings.
    case toggleWarnings
    // Typing in a form or prompt
    case insert(Character), insertText(String), newline, backspace, deleteForward, cursorLeft, cursorRight, lineStart, lineEnd, clearToLineStart, deleteWordBackward
    case nextField, previousField, submit, saveForm, openEditor
    // Settling a merge conflict
    case takeMine(all: Bool), takeTheirs(all: Bool)
    // What the backend reports back
    case saveFinished(error: String?)
    case editorFinished(text: String?, error: String?)
    /// Time passes: the backend's clock (or the pinned `CADENCE_NOW`).
    case tick(Date)
}

/// Which keys are live, from what has the keyboard.
public enum InputMode: Hashable, Sendable {
    /// The week grid and the month overview.
    case grid
    /// A list: the agenda, the ideas, a day's posts, the violations.
    case list
    /// A post form; `picker` when the focused field is chosen with ← and →.
    case form(picker: Bool, multiline: Bool)
    case prompt
    case confirm
    case help
    /// The merge-conflict resolver.
    case resolve
}

/// One entry of the key map: keys, what they do, where, and how the help overlay lists them.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let label: String
    public let action: Action
    public let modes: Set<ModeGroup>
    public let help: String
    public let group: String

    public enum ModeGroup: Hashable, Sendable { case grid, list, form, prompt, confirm, help, resolve }
}

/// The one place keys become actions. The help overlay and the hint line read the same table,
/// so what they say is what the keys do.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        // Move
        .init(keys: [.char("h"), .left], label: "h ←", action: .left, modes: [.grid], help: "previous day", group: "Move"),
        .init(keys: [.char("l"), .right], label: "l →", action: .right, modes: [.grid], help: "next day", group: "Move"),
        .init(keys: [.char("k"), .up], label: "k ↑", action: .up, modes: [.grid, .list, .help], help: "previous channel / item", group: "Move"),
        .init(keys: [.char("j"), .down], label: "j ↓", action: .down, modes: [.grid, .list, .help], help: "next channel / item", group: "Move"),
        .init(keys: [.char("[")], label: "[", action: .previousPeriod, modes: [.grid, .list], help: "previous week (month, day)", group: "Move"),
        .init(keys: [.char("]")], label: "]", action: .nextPeriod, modes: [.grid, .list], help: "next week (month, day)", group: "Move"),
        .init(keys: [.char("t")], label: "t", action: .today, modes: [.grid, .list], help: "today", group: "Move"),
        .init(keys: [.char("g")], label: "g", action: .goToDate, modes: [.grid, .list], help: "go to a date", group: "Move"),
        .init(keys: [.pageUp, .ctrl("b")], label: "PgUp", action: .pageUp, modes: [.grid, .list, .help], help: "page up (the week or month before)", group: "Move"),
        .init(keys: [.pageDown, .ctrl("f")], label: "PgDn", action: .pageDown, modes: [.grid, .list, .help], help: "page down (the week or month after)", group: "Move"),
        .init(keys: [.home], label: "Home", action: .first, modes: [.grid, .list, .help, .resolve], help: "first item (channel; the month's first day)", group: "Move"),
        // In the help, g (gg, as in lists) goes to the top too; in lists g asks for a date first.
        // (Not listed: the help's own keys are on its frame.)
        .init(keys: [.char("g")], label: "gg", action: .first, modes: [.help], help: "the top of the help", group: "Move"),
        .init(keys: [.end, .char("G")], label: "End G", action: .last, modes: [.grid, .list, .help, .resolve], help: "last item (channel; the month's last day)", group: "Move"),
        // Digits are read in `action(for:in:)`; this entry is for the help overlay.
        .init(keys: [], label: "6j 12G gg", action: .digit(0), modes: [.grid, .list], help: "a count repeats a move (and u, Ctrl-R, p); 12G: row 12; gg: the top", group: "Move"),
        // Plan
        .init(keys: [.char("a")], label: "a", action: .add, modes: [.grid, .list], help: "add a post on this channel and day", group: "Plan"),
        .init(keys: [.enter], label: "Enter", action: .open, modes: [.grid, .list], help: "open: the cell's posts, a post, a problem", group: "Plan"),
        .init(keys: [.char("e")], label: "e", action: .edit, modes: [.grid, .list], help: "edit the post", group: "Plan"),
        .init(keys: [.char("d"), .delete], label: "d", action: .delete, modes: [.grid, .list], help: "delete the post (u brings it back)", group: "Plan"),
        .init(keys: [.char("y")], label: "y", action: .copy, modes: [.grid, .list], help: "copy the post", group: "Plan"),
        .init(keys: [.char("p")], label: "p", action: .paste, modes: [.grid, .list], help: "paste it on the selected cell", group: "Plan"),
        .init(keys: [.char("m")], label: "m", action: .move, modes: [.grid, .list], help: "move the post (an idea: schedule it); Enter drops it", group: "Plan"),
        .init(keys: [.char("A")], label: "A", action: .approve, modes: [.grid, .list], help: "approve the post (again: back to review)", group: "Plan"),
        .init(keys: [.char("u")], label: "u", action: .undo, modes: [.grid, .list], help: "undo", group: "Plan"),
        .init(keys: [.ctrl("r")], label: "Ctrl-R", action: .redo, modes: [.grid, .list], help: "redo", group: "Plan"),
        // Views
        .init(keys: [.char("v")], label: "v", action: .nextView, modes: [.grid, .list], help: "next view: week, month, agenda, ideas", group: "Views"),
        .init(keys: [.char("!")], label: "!", action: .showViolations, modes: [.grid, .list], help: "problems in view (Tab: whole plan)", group: "Views"),
        .init(keys: [.char("/")], label: "/", action: .filter, modes: [.grid, .list], help: "filter the agenda", group: "Views"),
        .init(keys: [.char("w")], label: "w", action: .toggleWarnings, modes: [.grid, .list], help: "problems: hide or show the warnings", group: "Views"),
        .init(keys: [.tab], label: "Tab", action: .toggleScope, modes: [.list], help: "this channel / whole day; view / whole plan", group: "Views"),
        .init(keys: [.char("?"), .function(1)], label: "? F1", action: .showHelp, modes: [.grid, .list, .form], help: "this help (in a form, F1)", group: "Views"),
        // File
        .init(keys: [.char("s")], label: "s", action: .save, modes: [.grid, .list], help: "save", group: "File"),
        .init(keys: [.char("q")], label: "q", action: .quit, modes: [.grid, .list], help: "quit (asks first if unsaved)", group: "File"),
        .init(keys: [.char(":")], label: ":", action: .command, modes: [.grid, .list], help: "as in vim: :w save, :q quit, :wq or :x both, :q! quit without saving, :12 row 12", group: "File"),
        .init(keys: [.ctrl("z")], label: "Ctrl-Z", action: .suspend, modes: [.grid, .list, .form, .prompt, .confirm, .help, .resolve], help: "suspend to the shell (fg comes back)", group: "File"),
        .init(keys: [.ctrl("l")], label: "Ctrl-L", action: .repaint, modes: [.grid, .list, .form, .prompt, .confirm, .help, .resolve], help: "redraw the whole screen", group: "File"),
        .init(keys: [.ctrl("c")], label: "Ctrl-C", action: .interrupt, modes: [.grid, .list, .form, .prompt, .confirm, .help, .resolve], help: "quit now (in a form with typing, press it twice); unsaved work is kept for next time", group: "File"),
        // Forms
        .init(keys: [.tab], label: "Tab", action: .nextField, modes: [.form], help: "next field", group: "Form"),
        .init(keys: [.backTab, .up], label: "S-Tab ↑", action: .previousField, modes: [.form], help: "previous field", group: "Form"),
        .init(keys: [.down], label: "↓", action: .nextField, modes: [.form], help: "next field (in Text: next line)", group: "Form"),
        .init(keys: [.enter], label: "Enter", action: .submit, modes: [.form, .prompt], help: "save the form (in Text: a new line)", group: "Form"),
        .init(keys: [.ctrl("s")], label: "Ctrl-S", action: .saveForm, modes: [.form], help: "save the form from any field", group: "Form"),
        .init(keys: [.pageUp], label: "PgUp", action: .pageUp, modes: [.form], help: "in Text: a screen of it up", group: "Form"),
        .init(keys: [.pageDown], label: "PgDn", action: .pageDown, modes: [.form], help: "in Text: a screen of it down", group: "Form"),
        .init(keys: [.ctrl("e")], label: "Ctrl-E", action: .openEditor, modes: [.form], help: "in Text: edit it in $EDITOR; elsewhere: end of line", group: "Form"),
        .init(keys: [.left], label: "←", action: .cursorLeft, modes: [.form, .prompt], help: "previous choice (Channel, Status, Category)", group: "Form"),
        .init(keys: [.right], label: "→", action: .cursorRight, modes: [.form, .prompt], help: "next choice", group: "Form"),
        .init(keys: [.ctrl("w")], label: "Ctrl-W", action: .deleteWordBackward, modes: [.form, .prompt], help: "delete the word before the cursor", group: "Form"),
        .init(keys: [.ctrl("u")], label: "Ctrl-U", action: .clearToLineStart, modes: [.form, .prompt], help: "delete to the start of the line", group: "Form"),
        .init(keys: [.ctrl("a"), .home], label: "Ctrl-A", action: .lineStart, modes: [.form, .prompt], help: "start of the line", group: "Form"),
        .init(keys: [.escape], label: "Esc", action: .cancel, modes: [.grid, .list, .form, .prompt, .confirm, .help], help: "cancel, close; from another view, back to the week", group: "Form"),
        // Merge conflicts
        .init(keys: [.char("m"), .left], label: "m ←", action: .takeMine(all: false), modes: [.resolve], help: "take yours (mine) for this one", group: "Conflicts"),
        .init(keys: [.char("t"), .right], label: "t →", action: .takeTheirs(all: false), modes: [.resolve], help: "take theirs for this one", group: "Conflicts"),
        .init(keys: [.char("M")], label: "M", action: .takeMine(all: true), modes: [.resolve], help: "take yours for every field of this one", group: "Conflicts"),
        .init(keys: [.char("T")], label: "T", action: .takeTheirs(all: true), modes: [.resolve], help: "take theirs for every field of this one", group: "Conflicts"),
        .init(keys: [.char("e")], label: "e", action: .edit, modes: [.resolve], help: "edit the post (saving settles it)", group: "Conflicts"),
        .init(keys: [.char("j"), .down], label: "j ↓", action: .down, modes: [.resolve], help: "next", group: "Conflicts"),
        .init(keys: [.char("k"), .up], label: "k ↑", action: .up, modes: [.resolve], help: "previous", group: "Conflicts"),
        .init(keys: [.escape, .char("q")], label: "Esc", action: .cancel, modes: [.resolve], help: "close", group: "Conflicts"),
        // Answers
        .init(keys: [.char("y"), .char("Y")], label: "y", action: .accept, modes: [.confirm], help: "yes", group: "Answer"),
        .init(keys: [.char("n"), .char("N")], label: "n", action: .decline, modes: [.confirm], help: "no", group: "Answer"),
        .init(keys: [.char("q"), .char("?")], label: "q", action: .cancel, modes: [.help], help: "close help", group: "Answer"),
    ]

    public static func action(for key: Key, in mode: InputMode) -> Action? {
        switch key {
        case .resize(let size): return .resize(size)
        case .mouse(let event): return .mouse(event)
        case .paste(let text):
            // Pasted text goes into the field being typed in, and nowhere else: a paste is never
            // taken for keys (a "d" in it deleting a post).
            // Elsewhere the reducer says it was not taken.
            return .insertText(text)
        default: break
        }
        if mode == .grid || mode == .list, case .char(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
            return .digit(digit)
        }

        let group: KeyBinding.ModeGroup
        switch mode {
        case .grid: group = .grid
        case .list: group = .list
        case .confirm: group = .confirm
        case .help: group = .help
        case .resolve: group = .resolve
        case .prompt:
            group = .prompt
            if let typed = typing(key, multiline: false) { return typed }
            if key == .up { return .up }  // the filter in use, to change it
        case .form(let picker, let multiline):
            group = .form
            if multiline, key == .enter { return .newline }
            // Ctrl-E is the end of the line in a one-line field, as in a shell; in the Text
            // field, where the editor is wanted, it opens $EDITOR.
            if !multiline, key == .ctrl("e") { return .lineEnd }
            if picker, case .char(let c) = key { return .insert(c) }  // jumps to the option with that letter
            if !picker, let typed = typing(key, multiline: multiline) { return typed }
        }
        if let bound = bindings.first(where: { $0.modes.contains(group) && $0.keys.contains(key) }) { return bound.action }
        // On the grid and in lists, a key that does nothing is said, not silently dropped.
        guard mode == .grid || mode == .list else { return nil }
        switch key {
        case .char(let c): return .unbound(c == " " ? "Space" : String(c))
        case .ctrl(let c): return .unbound("Ctrl-\(c.uppercased())")
        case .tab: return .unbound("Tab")
        case .backTab: return .unbound("Shift-Tab")
        case .backspace: return .unbound("Backspace")
        case .function(let n): return .unbound("F\(n)")
        default: return nil
        }
    }

    /// Keys that edit text in a field.
    private static func typing(_ key: Key, multiline: Bool) -> Action? {
        switch key {
        case .char(let c): .insert(c)
        case .backspace: .backspace
        case .delete: .deleteForward
        case .home, .ctrl("a"): .lineStart
        case .end: .lineEnd
        case .ctrl("e") where !multiline: .lineEnd
        case .ctrl("u"): .clearToLineStart
        case .ctrl("w"): .deleteWordBackward
        case .up where multiline: .up
        case .down where multiline: .down
        default: nil
        }
    }

    /// The help overlay's groups, in order, with each binding's keys and words.
    public static var helpGroups: [(name: String, entries: [(keys: String, help: String)])] {
        var groups: [(name: String, entries: [(keys: String, help: String)])] = []
        for binding in bindings where binding.group != "Answer" && binding.modes != [.help] {
            if groups.last?.name != binding.group { groups.append((binding.group, [])) }
            groups[groups.count - 1].entries.append((binding.label, binding.help))
        }
        return groups
    }
}
