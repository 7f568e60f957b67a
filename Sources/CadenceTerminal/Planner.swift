import CTerminalGuard
import CadenceCore
import CadenceTUI
import Foundation

/// How the planner runs: the present moment, colours, the editor for long texts.
public struct PlannerOptions: Sendable {
    /// The present moment; pinned by `CADENCE_NOW` for tests and scripts.
    public var now: @Sendable () -> Date
    /// Colours on (they are off with NO_COLOR, or on terminals without them).
    public var colour: Bool
    /// The command that edits a file: `$VISUAL`, `$EDITOR`, or `vi`.
    public var editor: String

    public init(now: @escaping @Sendable () -> Date, colour: Bool, editor: String) {
        self.now = now
        self.colour = colour
        self.editor = editor
    }
}

/// Unsaved work kept beside the calendar (`calendar.json.recovery`), written whenever the
/// planner is idle with unsaved edits and when it is stopped, so that a crash or a closed
/// terminal loses nothing. It is a calendar file itself.
public enum Recovery {
    public static func path(for calendarPath: String) -> String { calendarPath + ".recovery" }

    /// The recovery file's calendar, when there is one that differs from the saved file.
    public static func pending(for calendarPath: String) throws(CadenceError) -> (calendar: ContentCalendar, written: Date)? {
        let path = path(for: calendarPath)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        if let saved = FileManager.default.contents(atPath: calendarPath), saved == data {
            discard(for: calendarPath)
            return nil
        }
        let calendar = try CalendarCodec.decode([UInt8](data), path: path)
        let written = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        return (calendar, written)
    }

    public static func write(_ calendar: ContentCalendar, for calendarPath: String) throws(CadenceError) {
        try CalendarFile.write(CalendarCodec.encode(calendar), to: path(for: calendarPath), replacing: true)
    }

    public static func discard(for calendarPath: String) {
        try? FileManager.default.removeItem(atPath: path(for: calendarPath))
    }
}

/// The planner's event loop: keys become actions through the key map, the reducer changes the
/// state, the backend runs the effects and draws the screen.
@MainActor
public final class Planner {
    private var state: AppState
    private let options: PlannerOptions
    private let terminal: Terminal

    public init(state: AppState, options: PlannerOptions) {
        self.state = state
        self.options = options
        self.terminal = Terminal(colour: options.colour)
    }

    /// Runs until the user quits. The terminal is restored on every way out; the returned
    /// message (if any) is for printing afterwards.
    public func run() throws -> String? {
        try terminal.start()
        defer { terminal.stop() }
        state.size = terminal.size
        while true {
            terminal.draw(PlannerView.render(state))
            let signal = cadence_guard_take_signal()
            if signal != 0 { return stopped(by: signal) }
            guard let key = terminal.readKey() else {
                idle()
                continue
            }
            guard let action = KeyMap.action(for: key, in: Reducer.inputMode(state)) else { continue }
            if case .end(let message) = perform(Reducer.reduce(&state, action)) { return message }
        }
    }

    private enum Outcome {
        case goOn
        /// The planner ends; the message, if any, is printed after the terminal is restored.
        case end(String?)
    }

    /// Runs the effects the reducer asked for.
    private func perform(_ effects: [Effect]) -> Outcome {
        for effect in effects {
            switch effect {
            case .save:
                _ = save()
            case .saveAndQuit:
                if save() { return .end(nil) }
            case .quit:
                Recovery.discard(for: state.filePath)
                return .end(nil)
            case .interrupt:
                return .end(keepUnsavedWork(reason: "Ctrl-C"))
            case .editText(let text):
                let result = edit(text)
                _ = Reducer.reduce(&state, .editorFinished(text: result.text, error: result.error))
            }
        }
        return .goOn
    }

    private func save() -> Bool {
        do {
            try CalendarFile.save(state.calendar, to: state.filePath)
            Recovery.discard(for: state.filePath)
            _ = Reducer.reduce(&state, .saveFinished(error: nil))
            return true
        } catch {
            _ = Reducer.reduce(&state, .saveFinished(error: error.errorDescription ?? "\(error)"))
            return false
        }
    }

    /// While no key comes: time moves on, and unsaved work goes to the recovery file.
    private func idle() {
        _ = Reducer.reduce(&state, .tick(options.now()))
        guard state.recoveryPending else { return }
        if state.hasUnsavedChanges {
            try? Recovery.write(state.calendar, for: state.filePath)
        } else {
            Recovery.discard(for: state.filePath)
        }
        state.recoveryPending = false
    }

    private func stopped(by signal: Int32) -> String? {
        let name = [SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGINT: "SIGINT"][signal] ?? "signal \(signal)"
        return keepUnsavedWork(reason: name)
    }

    private func keepUnsavedWork(reason: String) -> String? {
        guard state.hasUnsavedChanges else { return nil }
        do {
            try Recovery.write(state.calendar, for: state.filePath)
            return "Stopped by \(reason). Unsaved changes are kept in \(Recovery.path(for: state.filePath)); the next start offers to restore them."
        } catch {
            return "Stopped by \(reason). Unsaved changes could not be kept: \(error.errorDescription ?? "\(error)")"
        }
    }

    /// Opens the text in the user's editor, with the terminal handed over meanwhile.
    private func edit(_ text: String) -> (text: String?, error: String?) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cadence-\(UUID().uuidString).txt")
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            return (nil, "Cannot open the editor: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let status: Int32 = terminal.suspend {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\(options.editor) \"$1\"", "sh", file.path]
            do {
                try process.run()
                process.waitUntilExit()
                return process.terminationStatus
            } catch {
                return -1
            }
        }
        guard status == 0 else { return (nil, "The editor (\(options.editor)) ended with status \(status); the text is unchanged") }
        guard let data = try? Data(contentsOf: file) else { return (nil, "The edited text could not be read back") }
        return (String(decoding: data, as: UTF8.self), nil)
    }
}
