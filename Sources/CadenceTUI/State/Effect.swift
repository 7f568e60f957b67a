/// Work the reducer asks the terminal backend to do; the backend reports back with an action.
public enum Effect: Equatable, Sendable {
    /// Write the calendar to its file, then report `saveFinished`.
    case save
    /// Save, and quit if that worked.
    case saveAndQuit
    /// Quit: nothing is unsaved, or the user chose to throw it away (the recovery file goes too).
    case quit
    /// Quit at once (Ctrl-C), keeping unsaved work in the recovery file for next time.
    case interrupt
    /// Stop for the shell's job control (Ctrl-Z); the screen comes back on `fg`.
    case suspend
    /// Draw the whole screen again, whatever the terminal shows now (Ctrl-L).
    case repaint
    /// Open this text in `$EDITOR`, then report `editorFinished`.
    case editText(String)
}
