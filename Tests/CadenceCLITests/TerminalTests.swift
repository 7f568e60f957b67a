import Foundation
import Testing

/// The real `cadence` binary in a real terminal: a tmux pane of a pinned size, with a pinned
/// locale, time zone and date. Keys go in with send-keys; the screen comes back with
/// capture-pane. Each session has its own tmux server (-L), killed at the end.
final class TmuxSession {
    let cli: CLI
    let socket = "cadence-test-\(UUID().uuidString.prefix(8))"
    private var exits = 0

    /// With `shell`, the pane runs an interactive bash (job control on) in the folder instead,
    /// and the test types the commands.
    init(cli: CLI, width: Int = 100, height: Int = 30, arguments: [String] = [], environment extra: [String: String] = [:], shell: Bool = false) {
        self.cli = cli
        var env = cli.environment
        env["TERM"] = "tmux-256color"
        env["NO_COLOR"] = nil
        env.merge(extra) { $1 }
        let assignments = env.map { "\($0.key)=\(TmuxSession.quote($0.value))" }.sorted().joined(separator: " ")
        let command = shell ? "bash --norc --noprofile -i" : ([CLI.binary.path] + arguments).map(TmuxSession.quote).joined(separator: " ")
        // After cadence ends, the shell says how it ended and stays, so the screen can be read.
        // The status starts a line of its own: a killed cadence leaves the terminal raw (a
        // newline without a carriage return) and the shell's "Killed" message, whose length
        // follows the binary's path, could otherwise wrap it across two lines.
        let script = "cd \(TmuxSession.quote(cli.folder.path)) && env -i \(assignments) \(command); rc=$?; printf '\\r\\n__EXIT__%s\\r\\n' \"$rc\"; sleep 600"
        // The server this starts lives on; it must not hold a pipe this process waits on.
        tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", script], capture: false)
        tmux(["set-option", "-g", "remain-on-exit", "on"])
    }

    deinit { tmux(["kill-server"], capture: false) }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux with posix_spawn and waitpid: Foundation's Process can miss the exit of a
    /// child that forks a daemon (the tmux server) and wait forever.
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) -> String {
        let argv = ["tmux", "-L", socket] + arguments
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return "" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        // The test runner's threads block signals; tmux and the programs it starts must not
        // inherit that, or resizes and SIGTERM never reach the planner.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ)
        close(fds[1])
        var output = Data()
        if spawned == 0 {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                output.append(contentsOf: buffer[0..<n])
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(fds[0])
        return String(decoding: output, as: UTF8.self)
    }

    /// Named keys as tmux knows them: "Enter", "Escape", "C-s", "j".
    func keys(_ keys: String...) { tmux(["send-keys"] + keys) }

    /// Text typed as it is.
    func type(_ text: String) { tmux(["send-keys", "-l", text]) }

    func screen(colours: Bool = false) -> String { tmux(["capture-pane", "-p"] + (colours ? ["-e"] : [])) }

    /// Waits until the screen shows the text (the program answers as fast as it can; a
    /// loaded machine only makes this slower, never wrong).
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if screen().contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the screen never showed “\(text)”:\n\(screen())", sourceLocation: sourceLocation)
        return false
    }

    /// Waits until the screen no longer shows the text.
    @discardableResult
    func waitUntilGone(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !screen().contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the screen kept showing “\(text)”:\n\(screen())", sourceLocation: sourceLocation)
        return false
    }

    /// Waits for cadence to end and returns its exit status.
    func exitStatus(sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        guard waitFor("__EXIT__", sourceLocation: sourceLocation) else { return nil }
        let text = tmux(["capture-pane", "-p", "-J"])
        guard let range = text.range(of: "__EXIT__") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// A planner on the folder's calendar, once its week is on the screen.
    static func planner(_ cli: CLI, environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> TmuxSession {
        let session = TmuxSession(cli: cli, environment: environment)
        session.waitFor("[Week]", sourceLocation: sourceLocation)
        // The status line's plan total is drawn below the grid: once it shows, so does the week.
        session.waitFor(" · plan ", sourceLocation: sourceLocation)
        return session
    }

    /// Opens the new-post form with a and waits until the screen shows `heading`.
    func openNewPostForm(_ heading: String = "New post", sourceLocation: SourceLocation = #_sourceLocation) {
        keys("a")
        waitFor(heading, sourceLocation: sourceLocation)
    }

    /// Adds a post with the keys on the selected cell: a, the title, Enter.
    func addPost(_ title: String, sourceLocation: SourceLocation = #_sourceLocation) {
        openNewPostForm(sourceLocation: sourceLocation)
        type(title)
        keys("Enter")
        waitFor("Added “\(title)”", sourceLocation: sourceLocation)
    }

    /// Saves with s, quits with q, and expects a clean exit.
    func saveAndQuit(sourceLocation: SourceLocation = #_sourceLocation) {
        keys("s")
        waitFor("Saved calendar.json", sourceLocation: sourceLocation)
        keys("q")
        #expect(exitStatus(sourceLocation: sourceLocation) == 0, sourceLocation: sourceLocation)
    }

    /// Presses Tab the given number of times in the post form and waits until the cursor
    /// stands in the field labelled so ("Date", "Time", "Text"). Keys sent with no wait between
    /// them may reach a busy planner in one piece, and a title, Tabs and more text in one
    /// piece is what a paste looks like: waiting keeps them the separate keys a person types.
    func tab(_ times: Int, to label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        tmux(["send-keys"] + Array(repeating: "Tab", count: times))
        let labels = ["Title", "Channel", "Date", "Time", "Status", "Category", "Text", "Link", "Media", "Tags", "Notes"]
        let deadline = Date().addingTimeInterval(15)
        var lines: [Substring] = []
        while Date() < deadline {
            let at = tmux(["display-message", "-p", "#{cursor_x} #{cursor_y}"]).split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            lines = screen().split(separator: "\n", omittingEmptySubsequences: false)
            if at.count == 2, at[1] < lines.count {
                // The label nearest left of the cursor, on its line or (for the text area) above.
                for y in stride(from: at[1], through: 0, by: -1) {
                    let line = y == at[1] ? String(lines[y].prefix(at[0])) : String(lines[y])
                    let nearest = labels.compactMap { name in line.range(of: name, options: .backwards).map { (name, $0.lowerBound) } }.max { $0.1 < $1.1 }
                    if let nearest {
                        if nearest.0 == label { return }
                        break
                    }
                }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the cursor never came to “\(label)”:\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// Whether the pane is on the alternate screen (curses mode) right now.
    var alternateScreen: Bool { tmux(["display-message", "-p", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1" }

    func resize(width: Int, height: Int) { tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"]) }

    /// The process id of cadence (the shell's child in the pane).
    var cadencePID: Int32? {
        guard let shell = Int32(tmux(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8) else { continue }
            // Fields after the command name: state, then the parent's pid.
            guard let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == shell, stat.contains("(cadence)") { return pid }
        }
        return nil
    }

    /// A left click at a cell, as the terminal reports it (X10 mouse encoding).
    func click(x: Int, y: Int) {
        func report(_ button: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
        }
        type(report(0) + report(3))
    }
}

/// Waits until the folder's file exists and holds the text.
func waitForFile(_ cli: CLI, _ name: String, containing text: String, timeout: Double = 15) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if let data = cli.read(name), String(decoding: data, as: UTF8.self).contains(text) { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return false
}

/// Opens the planner, adds a post without saving it, and stops the planner with SIGTERM, so
/// that the post waits in the recovery file.
func stopWithUnsavedWork(_ cli: CLI, adding title: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let tmux = TmuxSession.planner(cli)
    tmux.addPost(title)
    kill(try #require(tmux.cadencePID, sourceLocation: sourceLocation), SIGTERM)
    #expect(tmux.exitStatus() == 143, sourceLocation: sourceLocation)
}

extension TmuxSession {
    /// Starts the planner again and answers yes to restoring the unsaved work it offers.
    static func restoring(_ cli: CLI) -> TmuxSession {
        let tmux = TmuxSession(cli: cli)
        tmux.waitFor("Restore them? [Y/n]")
        tmux.keys("Enter")
        tmux.waitFor("Restored unsaved changes")
        return tmux
    }
}

/// The login running the tests, as a planner's lock names it.
let loginName = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "?"

/// Waits until the file is gone.
func waitForGone(_ cli: CLI, _ name: String, timeout: Double = 15) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if !FileManager.default.fileExists(atPath: cli.path(name)) { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return false
}

/// A calendar file in Berlin with the default template's channels and the given posts
/// (JSON post objects).
func writeCalendar(_ cli: CLI, posts: [String] = []) {
    cli.write("calendar.json", """
        {
          "schemaVersion": 1,
          "name": "Acme Coffee",
          "timeZone": "Europe/Berlin",
          "categories": [{"id": "humour", "name": "Humour"}, {"id": "news", "name": "News"}],
          "rules": {"category-per-week": {"max": {"humour": 1}}},
          "channels": [
            {"id": "facebook", "name": "Facebook", "network": "facebook", "rules": {"posts-per-day": {"min": 1, "max": 5}}},
            {"id": "twitter", "name": "Twitter", "network": "twitter", "rules": {"posts-per-day": {"max": 10}}},
            {"id": "instagram", "name": "Instagram", "network": "instagram"}
          ],
          "posts": [\(posts.joined(separator: ",\n"))]
        }

        """)
}

func post(_ id: String, _ channel: String, _ at: String, _ title: String, status: String = "approved") -> String {
    "{\"id\": \"\(id)\", \"channel\": \"\(channel)\", \"at\": \"\(at)\", \"title\": \"\(title)\", \"status\": \"\(status)\"}"
}

@Suite("The planner in a real terminal", .serialized)
struct TerminalTests {
    @Test func aCalendarInAFolderThatIsNotThereIsNotOffered() {
        let cli = CLI()
        let tmux = TmuxSession(cli: cli, arguments: ["-f", "plans/2027/calendar.json"])
        #expect(tmux.exitStatus() == 2)
        #expect(tmux.screen().contains("cadence: there is no folder plans/2027 for plans/2027/calendar.json; create it first"))
        #expect(!tmux.screen().contains("Create one"))
    }

    @Test func aNewUserCreatesACalendarPlansAPostSavesAndQuits() {
        let cli = CLI()
        let tmux = TmuxSession(cli: cli)
        tmux.waitFor("Create one from the default template, in time zone Europe/Berlin? [Y/n/template/time zone]")
        #expect(tmux.screen().contains("There is no calendar at calendar.json. Templates:"))
        #expect(tmux.screen().contains("  bank           "))
        tmux.keys("Enter")
        tmux.waitFor("[Week]")
        #expect(tmux.alternateScreen)
        let grid = tmux.screen()
        #expect(grid.contains("Content calendar · 2026-W47 · 16–22 Nov 2026 · Europe/Berlin"))
        #expect(grid.contains("Sat 21 •"))
        // Move to Monday next week, add a post with the keyboard, save the form.
        tmux.keys("]", "h", "h", "h", "h", "h", "a")
        tmux.waitFor("New post · Facebook")
        #expect(tmux.screen().contains("Date       2026-11-23    Time 09:00"))
        tmux.type("Winter blend launch")
        tmux.waitFor("Winter blend launch")
        tmux.tab(6, to: "Text")
        tmux.type("Три шага от зерна до чашки ☕")
        tmux.keys("C-s")
        tmux.waitFor("Added “Winter blend launch”")
        #expect(tmux.screen().contains("● unsaved"))
        tmux.saveAndQuit()
        #expect(!tmux.alternateScreen, "the terminal is back on its main screen")
        let file = cli.text()
        #expect(file.contains("\"title\": \"Winter blend launch\""))
        #expect(file.contains("\"at\": \"2026-11-23T09:00:00+01:00\""))
        #expect(file.contains("Три шага от зерна до чашки ☕"))
    }

    @Test func aNewCalendarCanStartFromAnotherTemplateNamedAtTheQuestion() {
        let cli = CLI()
        let tmux = TmuxSession(cli: cli)
        tmux.waitFor("[Y/n/template/time zone]")
        tmux.type("banc")
        tmux.keys("Enter")
        tmux.waitFor("There is no template or time zone 'banc'. Create one from the default template")
        // A template named with a mistyped zone is kept for the next answer.
        tmux.type("bank new york")
        tmux.keys("Enter")
        tmux.waitFor("'new york' (did you mean America/New_York?). Create one from the\nbank template")  // wrapped at a space
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json")))
        // A time zone named at the question replaces the system's (often UTC on a server).
        tmux.type("America/Chicago")
        tmux.keys("Enter")
        tmux.waitFor("Create one from the bank template, in time zone America/Chicago?")
        tmux.keys("Enter")
        tmux.waitFor("[Week]")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
        #expect(cli.text().contains("\"id\": \"inside-the-bank\""))
        #expect(cli.text().contains("\"timeZone\": \"America/Chicago\""))
    }

    @Test func declinedTheNewCalendarIsNotCreated() {
        let cli = CLI()
        let tmux = TmuxSession(cli: cli)
        tmux.waitFor("[Y/n/template/time zone]")
        tmux.keys("n", "Enter")
        #expect(tmux.exitStatus() == 0)
        #expect(tmux.screen().contains("Nothing created."))
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json")))
        // Esc (and Enter) is a no too; at 80 columns the question wraps at a space.
        let narrow = TmuxSession(cli: cli, width: 80, height: 24)
        narrow.waitFor("[Y/n/template/time zone]")
        #expect(narrow.screen().contains("Create one from the default template, in time zone Europe/Berlin?\n[Y/n/template/time zone]"), "\(narrow.screen())")
        narrow.keys("Escape", "Enter")
        #expect(narrow.exitStatus() == 0)
        #expect(narrow.screen().contains("Nothing created."))
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json")))
    }

    @Test func aBrokenDayIsFlaggedAndExplained() {
        let cli = CLI()
        writeCalendar(cli, posts: (8..<14).map { post("f\($0)", "facebook", "2026-11-24T\($0 < 10 ? "0" : "")\($0):00:00+01:00", "Post \($0)") })
        var env = cli.environment
        env["CADENCE_NOW"] = "2026-11-24T07:00:00+01:00"
        let tmux = TmuxSession.planner(cli, environment: env)
        let screen = tmux.screen()
        #expect(screen.contains("6/1–5"))
        #expect(screen.contains("✖"))
        #expect(screen.contains("plan ✖ 1"))
        tmux.keys("!")
        tmux.waitFor("Tue 24 Nov 2026 · Facebook: 6 posts, at most 5 a day")
        tmux.keys("Escape", "Enter")
        tmux.waitFor("Tue 24 Nov 2026 · Facebook · 6 posts (1–5 a day)")
        tmux.keys("Escape", "q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func helpResizeAndTooSmall() {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession.planner(cli)
        tmux.keys("?")
        tmux.waitFor("Cadence keys")
        #expect(tmux.screen().contains("[         previous week (month, day)"))
        tmux.keys("Escape")
        tmux.waitUntilGone("Cadence keys")
        tmux.resize(width: 60, height: 12)
        tmux.waitFor("Cadence needs at least 70×20;")
        #expect(tmux.screen().contains("this terminal is 60×12."))
        tmux.resize(width: 120, height: 34)
        tmux.waitFor("[Week]")
        #expect(tmux.screen().split(separator: "\n").first!.count > 100, "the header spans the wider terminal")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func quittingWithUnsavedChangesAsksAndNoKeepsTheFile() {
        let cli = CLI()
        writeCalendar(cli)
        let before = cli.read()
        let tmux = TmuxSession.planner(cli)
        tmux.addPost("Draft to drop")
        tmux.keys("q")
        tmux.waitFor("Save them before quitting?")
        tmux.keys("Escape")
        tmux.waitUntilGone("Save them before quitting?")
        tmux.keys("q")
        tmux.waitFor("Save them before quitting?")
        tmux.keys("n")
        #expect(tmux.exitStatus() == 0)
        #expect(cli.read() == before)
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json.recovery")))
    }

    @Test func quittingWithYesSavesFirst() {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession.planner(cli)
        tmux.openNewPostForm()
        tmux.type("Keep me")
        tmux.keys("Enter", "q")
        tmux.waitFor("Save them before quitting?")
        tmux.keys("y")
        #expect(tmux.exitStatus() == 0)
        #expect(cli.text().contains("Keep me"))
    }

    @Test func sigtermKeepsUnsavedWorkAndTheNextStartOffersIt() throws {
        let cli = CLI()
        writeCalendar(cli)
        let before = cli.read()
        do {
            let tmux = TmuxSession.planner(cli)
            tmux.addPost("Not saved yet")
            let pid = try #require(tmux.cadencePID)
            kill(pid, SIGTERM)
            tmux.waitFor("Stopped by SIGTERM. Unsaved changes are kept in calendar.json.recovery")
            #expect(tmux.exitStatus() == 143, "128 + SIGTERM, as shells expect")
            #expect(!tmux.alternateScreen)
        }
        #expect(cli.read() == before, "the calendar itself is untouched")
        #expect(FileManager.default.fileExists(atPath: cli.path("calendar.json.recovery")))
        let again = TmuxSession(cli: cli)
        again.waitFor("calendar.json.recovery holds changes that were not saved when Cadence last stopped")
        again.waitFor("Restore them? [Y/n]")
        #expect(again.screen().contains("): 1 post added."), "it says what would come back")
        again.keys("y", "Enter")
        again.waitFor("Restored unsaved changes: s saves them, u takes them back out")
        #expect(again.screen().contains("● unsaved"))
        // The restore is one step: u takes it back out (the file's version, saved), Ctrl-R redoes.
        again.keys("u")
        // Undone, the restored work is still kept aside, never deleted.
        again.waitFor("Undone: the restored changes, kept in calendar.json.recovery.discarded; Ctrl-R redoes")
        #expect(again.screen().contains("calendar.json · saved"))
        #expect(cli.text("calendar.json.recovery.discarded").contains("Not saved yet"))
        again.keys("C-r")
        again.waitFor("Redone: Restored the unsaved changes")
        again.keys("v", "v")
        again.waitFor("Not saved yet")
        again.saveAndQuit()
        #expect(cli.text().contains("Not saved yet"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json.recovery")))
    }

    @Test func undoingTheRestoreAndQuittingAtOnceStillKeepsTheWorkAside() throws {
        let cli = CLI()
        writeCalendar(cli)
        try stopWithUnsavedWork(cli, adding: "Precious")
        let again = TmuxSession.restoring(cli)
        // u and q in one go (a stray paste): nothing unsaved is left, so q does not ask.
        again.keys("u", "q")
        #expect(again.exitStatus() == 0)
        #expect(!cli.text().contains("Precious"))
        #expect(cli.text("calendar.json.recovery.discarded").contains("Precious"), "the restored work is set aside, not deleted")
    }

    @Test func decliningTheRestorePutsTheWorkAsideNotAway() throws {
        let cli = CLI()
        writeCalendar(cli)
        let before = cli.read()
        try stopWithUnsavedWork(cli, adding: "Maybe later")
        let again = TmuxSession(cli: cli)
        again.waitFor("Restore them? [Y/n]")
        // Planner keys typed too soon are no answer: the question comes again.
        again.type("y]]")
        again.keys("Enter")
        again.waitFor("Please answer y or n. Restore them? [Y/n]")
        again.keys("n", "Enter")
        again.waitFor("[Week]")
        #expect(again.screen().contains("The unsaved changes of last time are put aside in calendar.json.recovery.discarded"))
        again.keys("q")
        #expect(again.exitStatus() == 0)
        #expect(again.screen().contains("Put them aside in calendar.json.recovery.discarded."))
        #expect(cli.read() == before)
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json.recovery")))
        #expect(cli.text("calendar.json.recovery.discarded").contains("Maybe later"))
        // Declined a second time, the first set aside stays.
        try stopWithUnsavedWork(cli, adding: "Another time")
        let third = TmuxSession(cli: cli)
        third.waitFor("Restore them? [Y/n]")
        third.keys("n", "Enter")
        third.waitFor("put aside in calendar.json.recovery.discarded.2")
        third.keys("q")
        #expect(third.exitStatus() == 0)
        #expect(cli.text("calendar.json.recovery.discarded").contains("Maybe later"))
        #expect(cli.text("calendar.json.recovery.discarded.2").contains("Another time"))
    }

    @Test func stoppedWhileAskingToRestoreItKeepsTheWorkAndLeavesNoLock() throws {
        let cli = CLI()
        writeCalendar(cli)
        try stopWithUnsavedWork(cli, adding: "Still pending")
        let again = TmuxSession(cli: cli)
        again.waitFor("Restore them? [Y/n]")
        #expect(FileManager.default.fileExists(atPath: cli.path("calendar.json.lock")), "the question is asked under the lock")
        kill(try #require(again.cadencePID), SIGTERM)
        #expect(again.exitStatus() == 143)
        #expect(waitForGone(cli, "calendar.json.lock"))
        #expect(cli.text("calendar.json.recovery").contains("Still pending"), "nothing was answered, so nothing is put aside")
        // Ctrl-C at the question does the same, and the next start asks again.
        let third = TmuxSession(cli: cli)
        third.waitFor("Restore them? [Y/n]")
        third.keys("C-c")
        #expect(third.exitStatus() == 130)
        #expect(waitForGone(cli, "calendar.json.lock"))
        TmuxSession.restoring(cli).saveAndQuit()
        #expect(cli.text().contains("Still pending"))
    }

    @Test func restoredWorkIsMergedWithChangesMadeSince() throws {
        let cli = CLI()
        writeCalendar(cli)
        try stopWithUnsavedWork(cli, adding: "Before the crash")
        // Meanwhile the file moves on (a git pull, say).
        #expect(cli.run("add", "--channel", "twitter", "--at", "2026-11-21 18:00", "--title", "Pulled in").status == 0)
        let again = TmuxSession(cli: cli)
        again.waitFor("Restore them? [Y/n]")
        again.keys("Enter")
        again.waitFor("[Week]")
        again.saveAndQuit()
        let file = cli.text()
        #expect(file.contains("Before the crash") && file.contains("Pulled in"), "neither version wrote over the other")
    }

    @Test func sighupKeepsUnsavedWorkToo() throws {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession.planner(cli)
        tmux.addPost("Hang up")
        kill(try #require(tmux.cadencePID), SIGHUP)
        tmux.waitFor("Stopped by SIGHUP")
        #expect(tmux.exitStatus() == 129)
        #expect(cli.text("calendar.json.recovery").contains("Hang up"))
    }

    /// The terminal window closed (or an SSH connection dropped) under a shell that ignores
    /// SIGHUP: no signal comes, only reads that fail. The planner keeps the work and ends as
    /// on SIGHUP, instead of spinning on the dead terminal (or crashing on its message).
    @Test func aClosedTerminalKeepsUnsavedWorkAndEndsThePlanner() throws {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession(cli: cli)
        tmux.waitFor("[Week]")
        tmux.keys("q")
        // A pane whose shell leads the session: when it ignores SIGHUP, nobody sends one.
        var environment = cli.environment
        environment["TERM"] = "tmux-256color"
        let assignments = environment.map { "\($0.key)=\(TmuxSession.quote($0.value))" }.sorted().joined(separator: " ")
        tmux.tmux(["new-session", "-d", "-s", "closing", "-x", "100", "-y", "30", "bash --norc --noprofile -i"], capture: false)
        tmux.tmux(["send-keys", "-t", "closing", "-l", "trap '' HUP; cd \(TmuxSession.quote(cli.folder.path)) && env \(assignments) \(TmuxSession.quote(CLI.binary.path)); echo $? > exit.txt"])
        tmux.tmux(["send-keys", "-t", "closing", "Enter"])
        func closingScreen() -> String { tmux.tmux(["capture-pane", "-p", "-t", "closing"]) }
        let deadline = Date().addingTimeInterval(15)
        while !closingScreen().contains(" · plan "), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        tmux.tmux(["send-keys", "-t", "closing", "a"])
        while !closingScreen().contains("New post"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        tmux.tmux(["send-keys", "-t", "closing", "-l", "Window closed"])
        tmux.tmux(["send-keys", "-t", "closing", "Enter"])
        while !closingScreen().contains("Added “Window closed”"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(closingScreen().contains("Added “Window closed”"))
        tmux.tmux(["kill-session", "-t", "closing"])
        #expect(waitForFile(cli, "exit.txt", containing: "129"), "ended as on SIGHUP: \(cli.text("exit.txt"))")
        #expect(cli.text("calendar.json.recovery").contains("Window closed"))
    }

    @Test func theTextOpensInTheEditor() {
        let cli = CLI()
        writeCalendar(cli)
        // $VISUAL comes before $EDITOR, as in other programs.
        let tmux = TmuxSession.planner(cli, environment: ["VISUAL": "sed -i s/draft/final/", "EDITOR": "sed -i s/draft/wrong/"])
        tmux.openNewPostForm()
        tmux.type("Edited elsewhere")
        tmux.waitFor("Edited elsewhere")
        tmux.tab(6, to: "Text")
        tmux.type("a draft text")
        tmux.keys("C-e")
        tmux.waitFor("a final text")
        tmux.keys("C-s")
        tmux.waitFor("Added “Edited elsewhere”")
        tmux.saveAndQuit()
        #expect(cli.text().contains("\"text\": \"a final text\""))
    }

    @Test func anEditorThatReadsTheKeyboardGetsIt() throws {
        // Like vim, this editor reads the terminal: it must run in the foreground. Like a shell's
        // read -p, it asks on standard error, which must reach the terminal too.
        let cli = CLI()
        writeCalendar(cli)
        cli.write("editor.sh", "#!/bin/sh\nprintf 'type a line: ' >&2\nread line < /dev/tty\nprintf '%s' \"$line\" > \"$1\"\n")
        chmod(cli.path("editor.sh"), 0o755)
        let tmux = TmuxSession.planner(cli, environment: ["EDITOR": cli.path("editor.sh")])
        tmux.openNewPostForm()
        tmux.type("Typed in the editor")
        tmux.waitFor("Typed in the editor")
        tmux.tab(6, to: "Text")
        tmux.keys("C-e")
        tmux.waitFor("type a line:")
        tmux.type("Written at the editor's prompt")
        tmux.keys("Enter")
        tmux.waitFor("New post · Facebook")
        #expect(tmux.screen().contains("Written at the editor's prompt"), "the form is still open, with the text, nothing lost")
        tmux.keys("C-s")
        tmux.waitFor("Added “Typed in the editor”")
        tmux.keys("C-c")
        #expect(tmux.exitStatus() == 130)
    }

    @Test func aTerminalClosedOnAnOpenFormKeepsItsTypingEvenWhenInvalid() throws {
        let cli = CLI()
        writeCalendar(cli)
        let before = cli.read()
        do {
            let tmux = TmuxSession.planner(cli)
            tmux.openNewPostForm()
            tmux.type("Half-planned launch")
            tmux.waitFor("Half-planned launch")
            // To the time field, and a time that is not one.
            tmux.tab(3, to: "Time")
            tmux.keys("C-u")
            tmux.type("25:")
            tmux.waitFor("Time 25:")  // all of it: "25" alone is not a time either
            tmux.waitFor("not a time")
            kill(try #require(tmux.cadencePID), SIGHUP)
            tmux.waitFor("Stopped by SIGHUP")
            #expect(tmux.exitStatus() == 129)
        }
        #expect(cli.read() == before, "the calendar itself is untouched")
        let again = TmuxSession(cli: cli)
        again.waitFor("Restore them? [Y/n]")
        again.keys("y", "Enter")
        again.waitFor("Restored unsaved changes")
        again.saveAndQuit()
        let post = try #require(cli.listJSON().first { $0["title"] as? String == "Half-planned launch" })
        #expect(post["date"] is NSNull && post["status"] as? String == "idea", "with no valid time it is kept as an idea")
        #expect((post["notes"] as? String)?.contains("date and time were typed as “2026-11-21 25:”") == true)
    }

    @Test func aChangeOnDiskIsMergedWithUnsavedWork() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("p1", "facebook", "2026-11-20T09:00:00+01:00", "Shared post")])
        let tmux = TmuxSession.planner(cli)
        tmux.addPost("From the planner")
        // Someone else changes the file meanwhile (the command line here; a git pull alike):
        // a new post, and an edit to the post the planner has not touched.
        #expect(cli.run("add", "--channel", "twitter", "--at", "2026-11-21 12:00", "--title", "From the command line").status == 0)
        #expect(cli.run("update", "p1", "--title", "Shared post, edited").status == 0)
        tmux.waitFor("calendar.json changed on disk: reloaded, with your unsaved changes merged in")
        #expect(tmux.screen().contains("● unsaved changes"))
        // The two changes may come in one at a time: the agenda shows when both are in.
        tmux.keys("v", "v")
        tmux.waitFor("Shared post, edited")
        tmux.waitFor("From the command line")
        // Undo still works over the new version: the post added here goes, and comes back.
        tmux.keys("u")
        tmux.waitFor("Undone: Added “From the planner”")
        #expect(tmux.screen().contains("· saved"), "without it, the plan is the file on disk")
        tmux.keys("C-r")
        tmux.waitFor("Redone: Added “From the planner”")
        #expect(tmux.screen().contains("● unsaved changes"))
        tmux.saveAndQuit()
        cli.expectTitlesInFile(["From the planner", "From the command line", "Shared post, edited"])
    }

    @Test func aFileBrokenUnderneathIsNeitherTakenNorWrittenOver() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("p1", "facebook", "2026-11-20T09:00:00+01:00", "Shared post")])
        let good = cli.text()
        let tmux = TmuxSession.planner(cli)
        tmux.addPost("From the planner")
        // A merge that stopped half way leaves conflict markers in the file.
        let broken = good.replacingOccurrences(of: "\"Shared post\"", with: "\n<<<<<<< HEAD\n\"Mine\"\n=======\n\"Theirs\"\n>>>>>>> other\n")
        cli.write("calendar.json", broken)
        tmux.waitFor("calendar.json changed on disk but cannot be read; your version is kept")
        #expect(tmux.screen().contains("● unsaved changes · ✖ file on disk unreadable"))
        tmux.keys("s")
        tmux.waitFor("Not saved (mend the file, or move it away, then s): calendar.json changed on disk")
        // Save-and-quit cannot either: the question goes, and the planner stays.
        tmux.keys("q")
        tmux.waitFor("Save them before quitting?")
        tmux.keys("y")
        tmux.waitFor("Not quitting: Not saved (mend the file")
        tmux.addPost("Planned meanwhile")
        #expect(cli.text() == broken, "s does not write over a file it cannot read")
        #expect(tmux.screen().contains("✖ file on disk unreadable"), "the status line keeps saying so after the message has gone")
        // The merge is settled: the file is whole again, with a change of its own.
        cli.write("calendar.json", good.replacingOccurrences(of: "\"Shared post\"", with: "\"Shared post, settled\""))
        tmux.waitFor("calendar.json changed on disk: reloaded, with your unsaved changes merged in")
        #expect(!tmux.screen().contains("unreadable"))
        tmux.saveAndQuit()
        cli.expectTitlesInFile(["From the planner", "Planned meanwhile", "Shared post, settled"])
    }

    @Test func aTerminalThatCannotMoveTheCursorIsRefusedNotScribbledOn() {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession(cli: cli, environment: ["TERM": "dumb"])
        #expect(tmux.exitStatus() == 2)
        #expect(tmux.tmux(["capture-pane", "-p", "-J"]).contains("cadence: this terminal (TERM=dumb) cannot move the cursor, which the planner needs; use one that can, such as TERM=xterm-256color"))
    }

    /// A planner with one post ("Keep me") and a new post's form open, to paste into.
    private func formToPasteInto(_ cli: CLI) -> TmuxSession {
        writeCalendar(cli, posts: [post("p1", "facebook", "2026-11-21T09:00:00+01:00", "Keep me")])
        let tmux = TmuxSession.planner(cli)
        tmux.openNewPostForm("New post · Facebook")
        return tmux
    }

    /// Pastes text through tmux, marked as a paste (bracketed) or not, as terminals differ.
    private func paste(_ text: String, into tmux: TmuxSession, _ cli: CLI, marked: Bool) {
        cli.write("paste.txt", text)
        tmux.tmux(["load-buffer", cli.path("paste.txt")])
        tmux.tmux(["paste-buffer"] + (marked ? ["-p"] : []))
    }

    @Test func pastedTextIsTakenAsTextNeverAsKeys() {
        let cli = CLI()
        let tmux = formToPasteInto(cli)
        // A headline copied with its line break and more: Enter, then "dd", would have saved the
        // form and deleted a post had the paste been taken as keys.
        paste("Pasted headline\rdd", into: tmux, cli, marked: true)
        tmux.waitFor("Pasted headline dd")
        tmux.tab(6, to: "Text")
        // tmux sends the line break as a CR, as terminals do.
        paste("Line one\nLine two", into: tmux, cli, marked: true)
        tmux.waitFor("Line two")
        #expect(tmux.screen().contains("New post · Facebook"), "the form is still open")
        tmux.keys("C-s")
        tmux.waitFor("Added “Pasted headline dd”")
        tmux.saveAndQuit()
        let file = cli.text()
        #expect(file.contains("\"title\": \"Keep me\""))
        #expect(file.contains("\"title\": \"Pasted headline dd\""))
        #expect(file.contains("\"text\": \"Line one\\nLine two\""))
    }

    @Test func onceTheTerminalHasMarkedAPasteABurstWithoutMarksIsKeys() {
        let cli = CLI()
        let tmux = formToPasteInto(cli)
        paste("Winter ", into: tmux, cli, marked: true)
        tmux.waitFor("Winter")
        // Typed ahead over a slow link, the rest of the title, two Tabs and a date arrive in
        // one piece; this terminal marks its pastes, so these are keys: the Tabs move on.
        paste("launch\t\t2026-11-25", into: tmux, cli, marked: false)
        tmux.waitFor("Date       2026-11-25")
        tmux.keys("C-s")
        tmux.waitFor("Added “Winter launch”")
        // Long text without marks (tmux's own paste) is still a paste, not keys: its "s" does
        // not save, its "d" deletes nothing.
        paste("see you all\tat the winter launch, and do bring friends", into: tmux, cli, marked: false)
        tmux.waitFor("Paste not taken")
        #expect(tmux.screen().contains("● unsaved changes"))
        tmux.saveAndQuit()
        #expect(cli.text().contains("\"at\": \"2026-11-25T"), "the date went to the date field")
    }

    @Test func lineKeysTheFilterPromptAndCountedUndoInARealTerminal() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("p1", "facebook", "2026-11-21T09:00:00+01:00", "Keep me")])
        let tmux = TmuxSession.planner(cli)
        // Ctrl-A and Ctrl-E go to the start and end of the title, as in a shell.
        tmux.openNewPostForm("New post · Facebook")
        tmux.type("blend")
        tmux.waitFor("blend")
        tmux.keys("C-a")
        tmux.type("Winter ")
        tmux.waitFor("Winter blend")
        tmux.keys("C-e")
        tmux.type("!")
        tmux.waitFor("Winter blend!")
        tmux.keys("C-s")
        tmux.waitFor("Added “Winter blend!”")
        tmux.addPost("Second")
        // Two steps back at once, said in one message.
        tmux.keys("2")
        tmux.waitFor("2 then a move")
        tmux.keys("u")
        tmux.waitFor("Undone 2 steps, the last: Added “Winter blend!”")
        // The filter prompt starts empty; Up brings back the filter in use.
        tmux.keys("/")
        tmux.waitFor("Filter (words")
        tmux.type("Keep")
        tmux.keys("Enter")
        tmux.waitFor("1 post matches “Keep”")
        tmux.keys("/")
        tmux.waitFor("↑ the filter in use")
        tmux.keys("Up")
        tmux.type(" me")
        tmux.keys("Enter")
        tmux.waitFor("1 post matches “Keep me”")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0, "nothing unsaved: the two posts were undone")
    }

    /// Keys a new user meets in a real terminal: Tab onto the offered date selects it, so
    /// typing replaces it; g's short week is the one nearest the day in view; a mistyped
    /// filter name is pointed out.
    @Test func overtypingTheDateShortWeeksAndAMistypedFilterInARealTerminal() {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession.planner(cli)
        tmux.openNewPostForm("New post · Facebook")
        tmux.type("Overtyped")
        tmux.waitFor("Overtyped")
        tmux.tab(2, to: "Date")
        tmux.type("2026-11-25")
        tmux.keys("C-s")
        tmux.waitFor("Added “Overtyped”")
        // Seen from late November, W01 is the coming January's first week.
        tmux.keys("g")
        tmux.type("W01")
        tmux.keys("Enter")
        tmux.waitFor("2027-W01")
        tmux.keys("/")
        tmux.waitFor("Filter (words")  // else "/" and the words may come as one burst, a paste
        tmux.type("chanel:facebook")
        tmux.keys("Enter")
        tmux.waitFor("did you mean channel:?")
        tmux.keys("Escape")
        tmux.waitUntilGone("did you mean")
        tmux.saveAndQuit()
        #expect(cli.text().contains("\"at\": \"2026-11-25T"), "the date typed over the one offered")
    }

    @Test func vimUsersSaveAndQuitWithColonCommandsAndHearOfKeysThatDoNothing() {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession.planner(cli)
        tmux.openNewPostForm("New post · Facebook")
        tmux.type("Colon saved")
        tmux.keys("C-s")
        tmux.waitFor("Added “Colon saved”")
        tmux.keys("x")
        tmux.waitFor("x does nothing here · ? lists the keys")
        tmux.keys(":")
        tmux.waitFor("Command (w save")
        tmux.keys("w", "Enter")
        tmux.waitFor("Saved calendar.json")
        #expect(cli.text().contains("\"title\": \"Colon saved\""))
        // Saved already: s writes nothing (a plan of years takes seconds to write).
        let saved = try? FileManager.default.attributesOfItem(atPath: cli.path("calendar.json"))[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.05)
        tmux.keys("s")
        tmux.waitFor("Nothing to save: calendar.json holds this plan already")
        #expect((try? FileManager.default.attributesOfItem(atPath: cli.path("calendar.json"))[.modificationDate] as? Date) == saved)
        tmux.keys(":")
        tmux.waitFor("Command (w save")
        tmux.keys("q", "Enter")
        #expect(tmux.exitStatus() == 0)
    }

    /// Today's additions in a real terminal: the week's count of a weekly rule beside the
    /// channel, A approving a post, the error a saved post makes said at once, F1 over a form.
    @Test func weeklyCountsApprovingAndHelpOverAFormInARealTerminal() {
        let cli = CLI.withCalendar()  // the default template: Instagram 3–7 posts a week
        cli.add("--channel", "twitter", "--at", "2026-11-21 18:30", "--title", "Tweet", "--text", "Weekend")
        let tmux = TmuxSession.planner(cli)
        tmux.waitFor("0/3–7 wk ⚠")
        tmux.keys("j")  // Twitter, today
        tmux.keys("A")
        tmux.waitFor("Approved “Tweet”")
        tmux.keys("j")  // Instagram, which needs a picture
        tmux.addPost("Bean origins")
        tmux.waitFor("✖ no image or video; Instagram posts need one")
        tmux.waitFor("1/3–7 wk ⚠")
        tmux.openNewPostForm()
        tmux.keys("F1")
        tmux.waitFor("Cadence keys")
        tmux.keys("Escape")
        tmux.waitFor("New post")
        tmux.keys("Escape")
        tmux.waitUntilGone("New post")
        tmux.saveAndQuit()
        #expect(cli.listJSON().first { $0["title"] as? String == "Tweet" }?["status"] as? String == "approved")
    }

    /// A file whose times carry another zone's offset is rewritten by the next s, as the
    /// planner says when it opens, although nothing was changed in it.
    @Test func sRewritesTimesWrittenWithAnotherZonesOffset() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("p1", "facebook", "2026-11-24T12:00:00+05:00", "From Tashkent")])
        let tmux = TmuxSession.planner(cli)
        tmux.waitFor("the next save writes them")
        tmux.keys("s")
        tmux.waitFor("Saved calendar.json")
        #expect(cli.text().contains("\"at\": \"2026-11-24T08:00:00+01:00\""), "the same moment, in Berlin's time")
        tmux.keys("s")
        tmux.waitFor("Nothing to save")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func cadencePlanOpensThePlannerToo() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("p1", "facebook", "2026-11-21T09:00:00+01:00", "Keep me")])
        let tmux = TmuxSession(cli: cli, arguments: ["plan", "--file", "calendar.json"])
        tmux.waitFor(" · plan ")
        #expect(tmux.screen().contains("09:00 Keep"), "\(tmux.screen())")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
        #expect(cli.run("--help").stdout.contains("'cadence' alone (or 'cadence plan') opens the interactive planner"))
    }

    @Test func aPasteTheTerminalDoesNotMarkIsStillText() {
        let cli = CLI()
        let tmux = formToPasteInto(cli)
        // Without -p, tmux pastes as many terminals do: the text alone, all at once, with no
        // marks around it. Taken as keys, its Enter would save the form and "dd" delete a post.
        paste("Pasted headline\rsecond line, then dd and more", into: tmux, cli, marked: false)
        tmux.waitFor("Pasted headline second line, then dd and more")
        #expect(tmux.screen().contains("New post · Facebook"), "the form is still open")
        tmux.keys("C-s")
        tmux.waitFor("Added “Pasted headline second line, then dd and more”")
        // Words pasted on the week are not keys: "s" does not save, "e" does not edit.
        paste("see you", into: tmux, cli, marked: false)
        tmux.waitFor("Paste not taken")
        #expect(tmux.screen().contains("● unsaved changes"), "nothing was saved")
        tmux.saveAndQuit()
        cli.expectTitlesInFile(["Keep me", "Pasted headline second line, then dd and more"])
    }

    @Test func aFileRemovedUnderneathCountsAsUnsavedAndSWritesItBack() throws {
        let cli = CLI()
        writeCalendar(cli, posts: [post("p1", "facebook", "2026-11-20T09:00:00+01:00", "Shared post")])
        let tmux = TmuxSession.planner(cli)
        #expect(tmux.screen().contains("· saved"))
        // A checkout to a branch without the calendar.
        try FileManager.default.removeItem(atPath: cli.path("calendar.json"))
        tmux.waitFor("calendar.json was removed from disk (a checkout? a deletion?): s writes it back")
        #expect(tmux.screen().contains("● unsaved changes"))
        tmux.keys("q")
        tmux.waitFor("has changes that are not saved")
        tmux.keys("Escape")
        tmux.keys("s")
        tmux.waitFor("Saved calendar.json")
        #expect(cli.text().contains("\"title\": \"Shared post\""))
        #expect(tmux.screen().contains("· saved"))
        // Removed, then back (a checkout there and back again, with a change): just reloaded.
        let saved = cli.text()
        try FileManager.default.removeItem(atPath: cli.path("calendar.json"))
        tmux.waitFor("was removed from disk")
        cli.write("calendar.json", saved.replacingOccurrences(of: "\"Shared post\"", with: "\"Shared post, on the other branch\""))
        tmux.waitFor("calendar.json changed on disk: reloaded")
        #expect(tmux.screen().contains("· saved"))
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
        #expect(cli.text().contains("Shared post, on the other branch"))
    }

    @Test func ctrlZSuspendsToTheShellAndFgBringsThePlannerBack() {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession(cli: cli, environment: ["PS1": "shell$ "], shell: true)
        tmux.waitFor("shell$")
        tmux.type(CLI.binary.path)
        tmux.keys("Enter")
        tmux.waitFor("[Week]")
        tmux.addPost("Before the break")
        tmux.keys("C-z")
        tmux.waitFor("Stopped")
        #expect(!tmux.screen().contains("[Week]"), "the shell has the terminal")
        tmux.type("fg")
        tmux.keys("Enter")
        tmux.waitFor("[Week]")
        #expect(tmux.screen().contains("● unsaved"), "the same session, unsaved work and all")
        // Ctrl-L paints the whole screen again over whatever was written on it.
        let tty = tmux.tmux(["display-message", "-p", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        if let handle = FileHandle(forWritingAtPath: tty) {
            handle.write(Data("\u{1B}[5;20HGARBAGE GARBAGE".utf8))
            try? handle.close()
        }
        tmux.waitFor("GARBAGE GARBAGE")
        tmux.keys("C-l")
        tmux.waitUntilGone("GARBAGE GARBAGE")
        tmux.keys("q", "n")
        tmux.waitFor("shell$")
    }

    @Test func aSecondPlannerThroughASymbolicLinkIsReadOnlyToo() throws {
        let cli = CLI()
        writeCalendar(cli)
        try FileManager.default.createSymbolicLink(atPath: cli.path("link.json"), withDestinationPath: cli.path("calendar.json"))
        let first = TmuxSession.planner(cli)
        let second = TmuxSession(cli: cli, arguments: ["--file", "link.json"])
        second.waitFor("[Week]")
        #expect(second.screen().contains("Read-only: link.json is open in another Cadence (\(loginName), pid"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("link.json.lock")), "the lock is the real file's")
        first.keys("q")
        #expect(first.exitStatus() == 0)
        second.waitFor("link.json is free now: you can plan here")
        #expect(FileManager.default.fileExists(atPath: cli.path("calendar.json.lock")), "the second planner holds it now")
        second.keys("q")
        #expect(second.exitStatus() == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json.lock")), "the last planner out takes the lock file away")
    }

    @Test func aSecondPlannerOnTheSameFileIsReadOnly() {
        let cli = CLI()
        writeCalendar(cli)
        // The first runs on a machine set to UTC: the time is told in the calendar's zone.
        let first = TmuxSession.planner(cli, environment: ["TZ": "UTC"])
        let second = TmuxSession.planner(cli)
        #expect(second.screen().contains("Read-only: calendar.json is open in another Cadence (\(loginName), pid"), "who has it, and which process")
        let hours = TimeZone(identifier: "Europe/Berlin")!.secondsFromGMT() / 3600
        #expect(second.screen().contains(" +0\(hours):00)"), "the time it was opened, with its offset: \(second.screen())")
        #expect(second.screen().contains("· read-only"))
        second.keys("j")
        second.waitUntilGone("Read-only: calendar.json")
        second.keys("a")
        second.waitFor("Read-only: calendar.json is open in another Cadence")
        #expect(!second.screen().contains("New post"), "no form to type into")
        // Once the first has gone, the second takes over.
        first.keys("q")
        #expect(first.exitStatus() == 0)
        second.waitFor("calendar.json is free now: you can plan here")
        second.addPost("Now it is mine")
        second.saveAndQuit()
    }

    @Test func aPlannerKilledOutrightLosesNothingItHadTimeToKeep() throws {
        let cli = CLI()
        writeCalendar(cli)
        do {
            let tmux = TmuxSession.planner(cli)
            tmux.addPost("Kept while idle")
            // An idle moment writes the recovery file, off the keyboard's path.
            #expect(waitForFile(cli, "calendar.json.recovery", containing: "Kept while idle"))
            // SIGKILL: no handler runs, nothing is written at the end.
            kill(try #require(tmux.cadencePID), SIGKILL)
            #expect(tmux.exitStatus() == 137)
        }
        let again = TmuxSession.restoring(cli)
        again.saveAndQuit()
        #expect(cli.text().contains("Kept while idle"))
    }

    @Test func whatIsTypedInAnOpenFormSurvivesAKill() throws {
        let cli = CLI()
        writeCalendar(cli)
        do {
            let tmux = TmuxSession.planner(cli)
            // Nothing unsaved but the form: a long copy half written when the machine dies.
            tmux.openNewPostForm()
            tmux.type("Half written campaign")
            #expect(waitForFile(cli, "calendar.json.recovery", containing: "Half written campaign"))
            tmux.type(" copy")
            #expect(waitForFile(cli, "calendar.json.recovery", containing: "Half written campaign copy"), "the recovery file follows the typing")
            kill(try #require(tmux.cadencePID), SIGKILL)
            #expect(tmux.exitStatus() == 137)
        }
        let again = TmuxSession.restoring(cli)
        again.saveAndQuit()
        #expect(cli.text().contains("Half written campaign copy"))
        // A form closed without saving takes its draft out of the recovery file again.
        let third = TmuxSession(cli: cli)
        third.waitFor("[Week]")
        third.openNewPostForm()
        third.type("Second thoughts")
        #expect(waitForFile(cli, "calendar.json.recovery", containing: "Second thoughts"))
        third.keys("Escape")
        third.waitFor("Esc again discards")
        third.keys("Escape")
        #expect(waitForGone(cli, "calendar.json.recovery"))
        third.keys("q")
        #expect(third.exitStatus() == 0)
    }

    @Test func aCrashRestoresTheTerminalAndThenShowsWhatWentWrong() throws {
        let cli = CLI()
        writeCalendar(cli)
        // Without the runtime's backtrace, which follows the message and waits for a key.
        let tmux = TmuxSession.planner(cli, environment: ["SWIFT_BACKTRACE": "enable=no"])
        let pid = try #require(tmux.cadencePID)
        // Before it traps, the Swift runtime writes "Fatal error: ..." to standard error, as
        // any library's warning would: here, written to the planner's own standard error.
        let stderr = try #require(FileHandle(forWritingAtPath: "/proc/\(pid)/fd/2"))
        stderr.write(Data("Fatal error: Index out of range\n".utf8))
        try stderr.close()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!tmux.screen().contains("Index out of range"), "not drawn over the planner")
        kill(pid, SIGABRT)
        #expect(tmux.exitStatus() == 134, "the crash still ends the program as a crash")
        #expect(!tmux.alternateScreen)
        #expect(tmux.screen().contains("Fatal error: Index out of range"), "shown once the terminal is back")
    }

    @Test func aSecondPlannerLeavesTheFirstOnesUnsavedWorkAlone() {
        let cli = CLI()
        writeCalendar(cli)
        let first = TmuxSession.planner(cli)
        first.addPost("The first one's draft")
        #expect(waitForFile(cli, "calendar.json.recovery", containing: "The first one's draft"))
        // The recovery file is the running planner's, not a stopped one's: no question.
        let second = TmuxSession.planner(cli)
        #expect(!second.screen().contains("Restore them?"))
        #expect(second.screen().contains("Read-only: calendar.json is open in another Cadence"))
        second.keys("q")
        #expect(second.exitStatus() == 0)
        #expect(cli.text("calendar.json.recovery").contains("The first one's draft"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("calendar.json.recovery.discarded")))
        first.saveAndQuit()
        #expect(cli.text().contains("The first one's draft"))
    }

    @Test func aPlannerTakingOverRestoresTheUnsavedWorkTheFirstLeft() throws {
        let cli = CLI()
        writeCalendar(cli)
        let first = TmuxSession.planner(cli)
        first.addPost("The first one's draft")
        let second = TmuxSession.planner(cli)
        second.waitFor("Read-only: calendar.json is open in another Cadence")
        // The first is closed with its terminal: its work goes to the recovery file.
        kill(try #require(first.cadencePID), SIGHUP)
        #expect(first.exitStatus() == Int(128 + SIGHUP))
        second.waitFor("calendar.json is free now; the other Cadence's unsaved work is restored (u undoes, s saves)")
        #expect(second.screen().contains("10:15⚠The"), "the first one's draft, in its cell")
        second.addPost("The second one's post")
        second.saveAndQuit()
        #expect(cli.text().contains("The first one's draft") && cli.text().contains("The second one's post"))
    }

    @Test func ctrlCInAFormWithTypingAsksToBePressedAgain() {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession.planner(cli)
        tmux.openNewPostForm()
        tmux.type("Long copy")
        tmux.keys("C-c")
        tmux.waitFor("Ctrl-C again quits (the form is kept for the next start); Ctrl-S saves it")
        #expect(tmux.screen().contains("Long copy"), "the form is still there")
        tmux.keys("C-c")
        #expect(tmux.exitStatus() == 130)
        #expect(tmux.tmux(["capture-pane", "-p", "-J"]).contains("Stopped by Ctrl-C. Unsaved changes (with what was typed in the open post form, kept as the post “Long copy”)"))
        #expect(cli.text("calendar.json.recovery").contains("Long copy"), "the typing is not lost")
    }

    @Test func aReadOnlyCalendarIsNotReplaced() {
        let cli = CLI()
        writeCalendar(cli)
        chmod(cli.path("calendar.json"), 0o444)
        let before = cli.read()
        let tmux = TmuxSession.planner(cli)
        tmux.openNewPostForm()
        tmux.type("Blocked")
        tmux.keys("Enter", "s")
        tmux.waitFor("cannot be saved: it is read-only (chmod u+w calendar.json to allow changes)")
        #expect(cli.read() == before)
        tmux.keys("C-c")
        #expect(tmux.exitStatus() == 130)
        #expect(cli.text("calendar.json.recovery").contains("Blocked"))
    }

    @Test func ctrlCQuitsAtOnceAndRestoresTheTerminal() {
        let cli = CLI()
        writeCalendar(cli)
        let tmux = TmuxSession.planner(cli)
        tmux.keys("C-c")
        #expect(tmux.exitStatus() == 130)
        #expect(!tmux.alternateScreen)
    }

    @Test func coloursFollowNoColorAndSymbolsStay() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("i1", "instagram", "2026-11-20T12:00:00+01:00", "No picture")])
        let coloured = TmuxSession.planner(cli)
        let withColour = coloured.screen(colours: true)
        #expect(withColour.contains("31m"), "errors are red")
        coloured.keys("q")
        #expect(coloured.exitStatus() == 0)
        let plain = TmuxSession.planner(cli, environment: ["NO_COLOR": "1"])
        let withoutColour = plain.screen(colours: true)
        #expect(withoutColour.contains("✖"), "the symbol carries the meaning")
        #expect(!withoutColour.contains("31m") && !withoutColour.contains("33m") && !withoutColour.contains("36m"))
        plain.keys("q")
        #expect(plain.exitStatus() == 0)
    }

    @Test func postsWrittenForAnotherZoneAreNotedOnOpening() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("x1", "facebook", "2026-11-21T12:00:00+05:00", "Typed in Tashkent")])
        let tmux = TmuxSession.planner(cli)
        tmux.waitFor("1 post's time is written with a UTC offset Europe/Berlin does not have then")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func escapeSequencesInTitlesAreNotSentToTheTerminal() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("x1", "facebook", "2026-11-21T12:00:00+01:00", "\\u001b]2;pwned\\u0007\\u001b[2J")])
        let tmux = TmuxSession.planner(cli)
        #expect(tmux.screen().contains("�]2;…"))
        #expect(tmux.tmux(["display-message", "-p", "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines) != "pwned")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func aCountBeforeAMoveRepeatsIt() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("w1", "facebook", "2026-11-27T09:00:00+01:00", "Friday post")])
        let tmux = TmuxSession.planner(cli)
        tmux.keys("3")
        tmux.waitFor("3 then a move")
        tmux.keys("l", "Enter")  // Saturday 21 Nov + 3 days is Tuesday; 3l again reaches Friday
        tmux.waitFor("Tue 24 Nov 2026 · Facebook · no posts")
        // One key at a time, as a person types (keys that arrive in one piece with a line
        // break after a word would be taken for a pasted line).
        tmux.keys("Escape")
        tmux.waitUntilGone("Tue 24 Nov 2026 · Facebook · no posts")
        tmux.keys("3")
        tmux.waitFor("3 then a move")
        tmux.keys("l", "Enter")
        tmux.waitFor("Fri 27 Nov 2026 · Facebook · 1 post")
        tmux.keys("Escape", "q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func aCopyPastedOnAnotherChannelAndAnIdeaScheduledInARealTerminal() throws {
        let cli = CLI()
        writeCalendar(cli, posts: [
            post("w1", "facebook", "2026-11-22T12:00:00+01:00", "Winter menu"),
            "{\"id\": \"i1\", \"channel\": \"instagram\", \"title\": \"Cocoa reel\", \"status\": \"idea\"}",
        ])
        let tmux = TmuxSession.planner(cli)
        // Sunday's Facebook post, copied and pasted on Twitter the same day: at Twitter's next
        // free time, tagged for rewriting.
        tmux.keys("l", "y")
        tmux.waitFor("Copied “Winter menu”")
        tmux.keys("j", "p")
        tmux.waitFor("tagged adapt: rewrite it for Twitter")
        tmux.waitFor("1/≤10")
        // The ideas: m picks the idea up, the grid comes back to choose its cell, Enter drops it.
        tmux.keys("v")
        tmux.waitFor("[Month]")
        tmux.keys("v")
        tmux.waitFor("[Agenda]")
        tmux.keys("v")
        tmux.waitFor("[Ideas]")
        tmux.waitFor("Cocoa reel")
        tmux.keys("m")
        tmux.waitFor("Moving “Cocoa reel”: choose a cell, then Enter")
        tmux.keys("j", "Enter")
        tmux.waitFor("Scheduled “Cocoa reel” to Instagram, Sun 22 Nov")
        tmux.keys("s")
        #expect(waitForFile(cli, "calendar.json", containing: "Cocoa reel"))
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
        let posts = cli.listJSON()
        let twitter = try #require(posts.first { $0["channel"] as? String == "twitter" })
        #expect(twitter["title"] as? String == "Winter menu")
        #expect(twitter["date"] as? String == "2026-11-22")
        #expect(twitter["tags"] as? [String] == ["adapt"])
        let reel = try #require(posts.first { $0["title"] as? String == "Cocoa reel" })
        #expect(reel["channel"] as? String == "instagram" && reel["date"] as? String == "2026-11-22", "\(reel)")
    }

    @Test func theFormSaysWhatAPostWouldBreakBeforeItIsSavedInARealTerminal() {
        let cli = CLI()
        // Sunday 22 Nov already has Facebook's five; it is Saturday the 21st.
        writeCalendar(cli, posts: (10..<15).map { post("f\($0)", "facebook", "2026-11-22T\($0):00:00+01:00", "Sunday \($0)") })
        let tmux = TmuxSession.planner(cli)
        tmux.keys("l")
        tmux.openNewPostForm()
        tmux.waitFor("✖ 6 Facebook posts that day, at most 5")
        // Today (Saturday) instead, at 9pm typed short: read out, and clean.
        tmux.tab(2, to: "Date")
        tmux.keys("C-u")
        tmux.type("today")
        tmux.tab(1, to: "Time")
        tmux.keys("C-u")
        tmux.type("9pm")
        tmux.waitFor("→ Sat 21 Nov 2026 21:00")
        #expect(!tmux.screen().contains("6 Facebook posts that day"))
        tmux.keys("Escape", "Escape")
        tmux.waitFor("New post discarded")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func aWeekIsPlannedFromAnEmptyCalendarToACleanPlanWithTheKeyboardAlone() {
        let cli = CLI()
        #expect(cli.run("init", "--timezone", "Europe/Berlin", "--name", "Acme").status == 0)
        let tmux = TmuxSession.planner(cli)
        // The week after next, W49 (30 Nov to 6 Dec): it is Saturday 21 November.
        tmux.keys("g")
        tmux.waitFor("Go to a date or week")
        tmux.type("2026-11-30")
        tmux.keys("Enter")
        tmux.waitFor("2026-W49 · 30 Nov – 6 Dec 2026")
        // Facebook wants a post every day: one each, Monday to Sunday.
        for day in 1...7 {
            if day > 1 { tmux.keys("l") }
            tmux.addPost("Facebook day \(day)")
        }
        // Instagram wants three a week, each with a picture or a video: Sunday, Friday, Wednesday.
        tmux.keys("j", "j")
        for (index, day) in ["Sunday", "Friday", "Wednesday"].enumerated() {
            if index > 0 { tmux.keys("h", "h") }
            tmux.openNewPostForm()
            tmux.type("Reel for \(day)")
            // Taken as typed before the Tabs go: in one burst with them it would be a paste.
            tmux.waitFor("Title      Reel for \(day)")
            tmux.tab(8, to: "Media")
            tmux.type("reels/\(day.lowercased()).mp4")
            tmux.keys("Enter")
            tmux.waitFor("Added “Reel for \(day)”")
        }
        // Nothing is left to fix, in the week and in the problems panel.
        tmux.waitFor("2026-W49 ✖ 0 ⚠ 0")
        tmux.keys("!")
        tmux.waitFor("No problems. Every rule is kept.")
        tmux.keys("Escape")
        tmux.saveAndQuit()
        let check = cli.run("check", "--strict")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let posts = cli.listJSON()
        #expect(posts.count == 10)
        #expect(Set(posts.compactMap { $0["date"] as? String }).count == 7)
        #expect(posts.filter { $0["channel"] as? String == "instagram" }.compactMap { $0["date"] as? String }.sorted() == ["2026-12-02", "2026-12-04", "2026-12-06"])
    }

    @Test func aMouseClickSelectsACell() {
        let cli = CLI()
        writeCalendar(cli, posts: [post("t1", "twitter", "2026-11-19T09:00:00+01:00", "Thursday tweet")])
        let tmux = TmuxSession.planner(cli)
        // Twitter's band (rows 11–17) and Thursday's column (x 48–58) on a 100×30 screen.
        tmux.click(x: 52, y: 12)
        tmux.keys("Enter")
        tmux.waitFor("Thu 19 Nov 2026 · Twitter · 1 post")
        tmux.keys("e")
        tmux.waitFor("Edit “Thursday tweet”")
        tmux.keys("Escape", "q")
        #expect(tmux.exitStatus() == 0)
    }
}
