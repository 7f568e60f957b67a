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

/// How the planner ended: a message to print once the terminal is restored, and the exit
/// status (128 + the signal's number when a signal stopped it, as shells expect).
public struct PlannerExit: Sendable {
    public let message: String?
    public let status: Int32
}

/// The planner's event loop: keys become actions through the key map, the reducer changes the
/// state, the backend runs the effects and draws the screen.
@MainActor
public final class Planner {
    private var state: AppState
    private let options: PlannerOptions
    private let terminal: Terminal
    /// The file as this planner last read or wrote it, and the calendar it held then: the base
    /// for merging when another program changes the file.
    private var disk: DiskFingerprint?
    private var base: ContentCalendar {
        didSet { baseVersion += 1 }
    }
    /// Changes with `base`, so that the recovery writer knows when to write it again.
    private var baseVersion = 0
    /// A version of the file that could not be read or merged, so that it is reported once.
    private var unusable: DiskFingerprint?
    /// Held while this planner may write the file; `nil` when another one has it.
    private var lock: PlannerLock?
    /// The file was removed from disk; a second save writes the calendar there again.
    private var recreateArmed = false
    /// The file as read is not in the canonical form (times with another zone's offset, which
    /// the planner said the next save rewrites): a save writes it even with nothing unsaved.
    private var rewriteDue = false
    private let recovery: RecoveryWriter
    /// The open form's post as the recovery file last got it, and the id a new one takes there.
    private var keptDraft: Post?
    private var draftID: PostID?

    /// Opens the planner on `state`, whose calendar is the file's (as `file` read it) with any
    /// restored unsaved work. When another planner has the file, this one is read-only.
    public init(state: AppState, file: PlannerFile, options: PlannerOptions) {
        self.state = state
        self.options = options
        self.terminal = Terminal(colour: options.colour)
        self.disk = file.fingerprint
        self.base = file.calendar
        self.lock = file.lock
        self.recovery = RecoveryWriter(calendarPath: state.filePath)
        if let holder = file.heldBy {
            self.state.readOnly = "\(state.filePath) is open in another Cadence (\(holder)); close it to plan here"
            self.state.status = .error("Read-only: \(state.filePath) is open in another Cadence (\(holder))")
        } else if self.state.status == nil, let foreign = ForeignOffsets.find(in: file.bytes, calendar: file.calendar) {
            self.state.status = .info(foreign.message(in: file.calendar))
            rewriteDue = true
        }
    }

    /// Runs until the user quits. The terminal is restored on every way out; the returned
    /// message (if any) is for printing afterwards.
    public func run() throws -> PlannerExit {
        try terminal.start()
        defer {
            terminal.stop()
            recovery.flush()
        }
        state.size = terminal.size
        while true {
            terminal.draw(PlannerView.render(state))
            let signal = cadence_guard_take_signal()
            if signal != 0 { return PlannerExit(message: stopped(by: signal), status: 128 + signal) }
            guard let key = terminal.readKey() else {
                // A closed terminal ends the planner as its SIGHUP would.
                if terminal.hungUp { return PlannerExit(message: stopped(by: SIGHUP), status: 128 + SIGHUP) }
                idle()
                continue
            }
            guard let action = KeyMap.action(for: key, in: Reducer.inputMode(state)) else { continue }
            if case .end(let exit) = perform(Reducer.reduce(&state, action)) { return exit }
        }
    }

    private enum Outcome {
        case goOn
        case end(PlannerExit)
    }

    /// Runs the effects the reducer asked for.
    private func perform(_ effects: [Effect]) -> Outcome {
        for effect in effects {
            switch effect {
            case .save:
                _ = save()
            case .saveAndQuit:
                if save() { return .end(PlannerExit(message: nil, status: 0)) }
                // Not saved (the file changed on disk, or cannot be read): the question goes, so
                // that no key meant for the planner answers it, and the message says why.
                if case .confirmQuit? = state.topOverlay {
                    state.overlays.removeLast()
                    if var status = state.status {
                        status.text = "Not quitting: " + status.text
                        state.status = status
                    }
                }
            case .quit:
                // A read-only planner's recovery file is the other planner's.
                if lock != nil { _ = dropRecovery(atOnce: true) }
                return .end(PlannerExit(message: nil, status: 0))
            case .interrupt:
                return .end(PlannerExit(message: keepUnsavedWork(reason: "Ctrl-C"), status: 130))
            case .suspend:
                terminal.suspend { Planner.stopForJobControl() }
                _ = Reducer.reduce(&state, .resize(terminal.size))
            case .repaint:
                terminal.forgetScreen()
            case .editText(let text):
                let result = edit(text)
                _ = Reducer.reduce(&state, .editorFinished(text: result.text, error: result.error))
            }
        }
        return .goOn
    }

    /// Saves under the file's lock, so that a command changing the file at the same moment
    /// either lands before the check below (and is merged in) or waits for this save.
    private func save() -> Bool {
        // "Saving…" shows while it writes: a plan of years takes a second.
        terminal.draw(PlannerView.render(state))
        return (try? CalendarFile.whileLocked(state.filePath) { saveLocked() }) ?? false
    }

    private func saveLocked() -> Bool {
        // Another program (a git pull, the command line, a colleague's editor) changed the file
        // since it was read: saving now would throw that away. Merge it in first, and let the
        // user look before the next save.
        let current = DiskFingerprint(state.filePath)
        if current != disk, current != nil {
            if takeChangesFromDisk() {
                state.status = .error("\(state.filePath) had changed on disk: merged with your changes, nothing written yet. Look, then press s again")
            } else if let status = state.status {
                // The same message again would look like nothing happened.
                state.status = .error("Not saved (mend the file, or move it away, then s): " + status.text)
            }
            return false
        }
        // Gone from disk (a checkout, a deletion): writing it back is a choice, not a side effect.
        if disk != nil, current == nil, !recreateArmed {
            recreateArmed = true
            state.status = .error("\(state.filePath) was removed from disk (a checkout? a deletion?): s again writes it back")
            return false
        }
        // Nothing unsaved, and the file as it was read: nothing to write (a plan of years takes
        // seconds to).
        if !state.hasUnsavedChanges, current != nil, !rewriteDue {
            state.status = .info("Nothing to save: \(state.filePath) holds this plan already")
            return true
        }
        do {
            try CalendarFile.save(state.calendar, to: state.filePath)
            rewriteDue = false
            disk = DiskFingerprint(state.filePath)
            base = state.calendar
            recreateArmed = false
            recovery.submit(.discard)
            _ = Reducer.reduce(&state, .saveFinished(error: nil))
            return true
        } catch {
            _ = Reducer.reduce(&state, .saveFinished(error: error.message))
            return false
        }
    }

    /// While no key comes: time moves on, changes on disk come in, and unsaved work goes to the
    /// recovery file.
    private func idle() {
        _ = Reducer.reduce(&state, .tick(options.now()))
        // A read-only planner takes over once the other one has gone.
        if lock == nil, state.readOnly != nil, case .acquired(let acquired) = PlannerLock.acquire(for: state.filePath, zone: state.calendar.clock.timeZone) {
            lock = acquired
            state.readOnly = nil
            state.status = .info("\(state.filePath) is free now: you can plan here")
            takeUpLeftWork()
        }
        let now = DiskFingerprint(state.filePath)
        // Gone from disk (a checkout to a branch without it, a deletion): the calendar here is
        // now the only copy, so it counts as unsaved, and s writes it back without asking twice.
        if disk != nil, now == nil, !recreateArmed, state.readOnly == nil {
            recreateArmed = true
            state.markNotOnDisk()
            state.status = .error("\(state.filePath) was removed from disk (a checkout? a deletion?): s writes it back")
        }
        // Not while a form or a conflict is open on the screen: it holds a post as it was.
        let busy = state.overlays.contains { if case .form = $0 { true } else if case .resolve = $0 { true } else { false } }
        if now != disk, now != unusable, now != nil, !busy {
            _ = takeChangesFromDisk()
        }
        state.diskUnreadable = now != nil && now == unusable
        guard state.readOnly == nil else { return }
        // What is typed in an open form is unsaved work too: a kill -9 or a crash while a long
        // text is half written must not lose it.
        if draftID.map({ state.calendar.posts[$0] != nil }) ?? true { draftID = state.calendar.newPostID() }
        let draft = draftID.flatMap { state.openFormDraft(newID: $0) }
        guard state.recoveryPending || draft != keptDraft else { return }
        if draft != nil || state.hasUnsavedChanges {
            recovery.submit(.write(state.calendar, base: base, baseVersion: baseVersion, draft: draft))
        } else if let aside = dropRecovery(atOnce: false) {
            state.restoredStep = nil
            state.status = .info("Undone: the restored changes, kept in \(aside); Ctrl-R redoes")
        }
        state.recoveryPending = false
        keptDraft = draft
    }

    /// Nothing unsaved is left: the recovery file goes, unless it holds restored work that was
    /// undone, which is set aside (never deleted, as when the restore is declined). Returns
    /// where it was set aside, if it was. `atOnce`: before returning (on the way out), rather
    /// than in the background.
    private func dropRecovery(atOnce: Bool) -> String? {
        guard state.restoreUndone else {
            if atOnce { recovery.discardNow() } else { recovery.submit(.discard) }
            return nil
        }
        return recovery.putAsideNow()
    }

    /// Taking over from a planner that stopped without saving (closed, killed): its unsaved
    /// work, in the recovery file, comes in as one undoable step, merged onto the file as it is
    /// now, before this planner's own recovery writes can replace it.
    private func takeUpLeftWork() {
        if DiskFingerprint(state.filePath) != disk { takeChangesFromDisk() }
        let recoveryPath = Recovery.path(for: state.filePath)
        do {
            guard let pending = try Recovery.pending(for: state.filePath, saved: CalendarFile.readBytes(state.filePath)) else { return }
            let (restored, newConflicts) = try pending.restored(onto: state.calendar, mergedBy: state.author)
            guard restored != state.calendar else { return }
            let conflicts = newConflicts > 0 ? "; \(Describe.count(newConflicts, "conflict")) to settle (!)" : ""
            try state.commit("Restored the unsaved changes the other Cadence left", calendar: restored)
            state.markRestored()
            state.status = .info("\(state.filePath) is free now; the other Cadence's unsaved work is restored (u undoes, s saves)\(conflicts)")
        } catch {
            let aside = Recovery.putAside(for: state.filePath)
            state.status = .error("\(state.filePath) is free now, but the unsaved changes the other Cadence left in \(recoveryPath) cannot be taken up (\((error as? CadenceError)?.message ?? error.localizedDescription)); they are kept in \(aside)")
        }
    }

    /// The file changed underneath: read it and merge the unsaved edits here into it, three
    /// ways from the version last read. Conflicts are recorded and shown; nothing is dropped.
    /// Returns whether the new version was taken.
    @discardableResult
    private func takeChangesFromDisk() -> Bool {
        let fingerprint = DiskFingerprint(state.filePath)
        let theirs: ContentCalendar
        do {
            theirs = try CalendarFile.load(state.filePath)
        } catch {
            unusable = fingerprint
            // What it means comes first: the details (where the file breaks) may not fit the line.
            state.status = .error("\(state.filePath) changed on disk but cannot be read; your version is kept. \(error.message)")
            return false
        }
        // Back on disk (a checkout back again) counts as changed on disk, too.
        recreateArmed = false
        // Undo goes on over the new version, bar changes of settings (whole calendars); a new
        // time zone moved every post, so undo starts from here.
        func settingsNote(_ dropped: Int, zoneMoved: Bool) -> String {
            dropped == 0 ? "" : zoneMoved ? " (the time zone changed: undo starts from here)" : " (undo now goes back only to your last change of settings)"
        }
        guard state.hasUnsavedEdits else {
            (disk, base) = (fingerprint, theirs)
            let zoneMoved = theirs.clock.identifier != state.calendar.clock.identifier
            let dropped = state.reload(theirs)
            state.status = .info("\(state.filePath) changed on disk: reloaded\(settingsNote(dropped, zoneMoved: zoneMoved))")
            return true
        }
        do {
            let merged = try CalendarMerge.merge(base: base, ours: state.calendar, theirs: theirs, mergedBy: state.author, onReload: true)
            (disk, base) = (fingerprint, theirs)
            // Unsaved still: the idle tick writes the recovery file, on the new base.
            let zoneMoved = merged.calendar.clock.identifier != state.calendar.clock.identifier
            let dropped = state.reload(merged.calendar, onDisk: theirs)
            let conflicts = merged.newConflicts > 0 ? "; \(Describe.count(merged.newConflicts, "conflict")) to settle (!)" : ""
            // Posts the new zone could not keep at their time: the first said, the rest counted.
            let moved = merged.movedByZone.first.map { "; \($0)" + (merged.movedByZone.count > 1 ? " (and \(merged.movedByZone.count - 1) more)" : "") } ?? ""
            state.status = .info("\(state.filePath) changed on disk: reloaded, with your unsaved changes merged in\(conflicts)\(settingsNote(dropped, zoneMoved: zoneMoved))\(moved)")
            return true
        } catch {
            // The file as it was read stays the base, so a save still finds the change on disk
            // and refuses to write over it.
            unusable = fingerprint
            state.status = .error("\(state.filePath) changed on disk and could not be merged; your version is kept in \(Recovery.path(for: state.filePath)). \(error.localizedDescription)")
            recovery.submit(.write(state.calendar, base: base, baseVersion: baseVersion))
            return false
        }
    }

    private func stopped(by signal: Int32) -> String? {
        let name = [SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGINT: "SIGINT"][signal] ?? "signal \(signal)"
        return keepUnsavedWork(reason: name)
    }

    private func keepUnsavedWork(reason: String) -> String? {
        // What is typed in an open form counts as unsaved work too.
        let form = state.keepOpenForm().map { " (with what was typed in the open post form, kept as the post “\($0)”)" } ?? ""
        guard state.hasUnsavedChanges, state.readOnly == nil else { return nil }
        do {
            try recovery.writeNow(state.calendar, base: base)
            return "Stopped by \(reason). Unsaved changes\(form) are kept in \(Recovery.path(for: state.filePath)); the next start offers to restore them."
        } catch {
            return "Stopped by \(reason). Unsaved changes could not be kept: \(error.message)"
        }
    }

    /// Stops this process group as the shell's Ctrl-Z would, and returns once it is continued
    /// (`fg`). Without job control (no shell to come back to) the stop is ignored and it returns
    /// at once.
    private static func stopForJobControl() {
        let previous = signal(SIGTSTP, SIG_DFL)
        kill(0, SIGTSTP)
        signal(SIGTSTP, previous)
    }

    /// Runs a program in this process group, so that it owns the terminal (an editor reading
    /// the keyboard), and waits for it. Foundation's Process starts programs in a group of
    /// their own, where reading the terminal fails.
    private static func runInForeground(_ arguments: [String]) -> Int32 {
        var cArgs = arguments.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The editor gets default signal handling and nothing blocked.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGQUIT, SIGTSTP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], nil, &attributes, &cArgs, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // Exited normally with its status, or killed by a signal.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
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
            let status = Planner.runInForeground(["/bin/sh", "-c", "\(options.editor) \"$1\"", "sh", file.path])
            // A Ctrl-C typed in the editor was the editor's, not a request to quit.
            _ = cadence_guard_take_signal()
            return status
        }
        guard status == 0 else { return (nil, "The editor (\(options.editor)) ended with status \(status); the text is unchanged") }
        guard let data = try? Data(contentsOf: file) else { return (nil, "The edited text could not be read back") }
        return (String(decoding: data, as: UTF8.self), nil)
    }
}
