import ArgumentParser
import CTerminalGuard
import CadenceCore
import CadenceTUI
import CadenceTerminal
import Foundation

@main
struct Cadence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadence",
        abstract: "Plan social-media posts by channel and week, and see where the plan breaks its cadence rules.",
        discussion: """
            'cadence' alone (or 'cadence plan') opens the interactive planner: the week's grid, keyboard first (? lists the keys).
            Every command works on one calendar file (--file, default ./calendar.json).
            Exit codes: 0 success; 1 'check' found an error (with --strict, any problem); 2 a usage or file error.
            """,
        version: "0.1.0",
        subcommands: [
            Plan.self, Init.self, Settings.self, Templates.self, Channels.self, Add.self, Update.self, Remove.self, List.self, Check.self,
            Export.self, Import.self, Resolve.self, GitSetup.self, MergeDriver.self,
        ]
    )

    @OptionGroup var file: FileOptions

    /// With no subcommand: the interactive planner. `main` runs commands on the main thread,
    /// where the terminal must be driven.
    func run() throws {
        try MainActor.assumeIsolated { try runPlanner() }
    }

    /// `cadence plan`: the planner, by name, for those who look for a command to open it.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the interactive planner (as 'cadence' alone does).")

        @OptionGroup var file: FileOptions

        func run() throws { try Cadence.parse(["--file", file.path]).run() }
    }

    /// "2 posts added, 1 changed", what unsaved work holds against the version it started from.
    static func describeChanges(from old: ContentCalendar, to new: ContentCalendar) -> String {
        let added = new.posts.keys.count { old.posts[$0] == nil }
        let removed = old.posts.keys.count { new.posts[$0] == nil }
        let changed = new.posts.count { id, post in old.posts[id].map { $0 != post } ?? false }
        let parts = [
            added > 0 ? Describe.count(added, "post") + " added" : nil,
            changed > 0 ? Describe.count(changed, "post") + " changed" : nil,
            removed > 0 ? Describe.count(removed, "post") + " removed" : nil,
        ].compactMap { $0 }
        return parts.isEmpty ? "changes to the settings" : parts.joined(separator: ", ")
    }

    @MainActor
    private func runPlanner() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CadenceError.usage("the planner needs a terminal; for scripts, use the commands (cadence --help)")
        }
        let environment = try CommandEnvironment.current()
        if !FileManager.default.fileExists(atPath: file.path) {
            guard try offerToCreate(environment) else { return }
        }
        let opened = try PlannerFile.open(file.path)
        let author = Git.author(near: file.path)
        var recovered: ContentCalendar?
        var aside: String?
        if let pending = try opened.pendingRecovery() {
            let written = opened.calendar.clock.local(pending.written).dateTime
            print("\(Recovery.path(for: file.path)) holds changes that were not saved when Cadence last stopped")
            print("(\(written.date.longDescription) \(written.time)): \(Cadence.describeChanges(from: pending.base ?? opened.calendar, to: pending.calendar)).")
            if try ask("Restore them?") {
                let restored = try pending.restored(onto: opened.calendar, mergedBy: author)
                recovered = restored.calendar
                if let base = pending.base, base != opened.calendar {
                    print("The file changed since; your changes were merged into it" + (restored.newConflicts > 0 ? " (\(Describe.count(restored.newConflicts, "conflict")) to settle)." : "."))
                }
            } else {
                aside = opened.putRecoveryAside()
                print("Put them aside in \(aside!).")
            }
        }
        var state = AppState(
            calendar: opened.calendar, filePath: file.path, now: environment.now, size: Size(width: 80, height: 24))
        state.author = author
        if let recovered, recovered != opened.calendar {
            // One step over the file as it is, so that u takes the restored work back out.
            try state.commit("Restored the unsaved changes", calendar: recovered)
            state.markRestored()
            state.status = .info("Restored unsaved changes: s saves them, u takes them back out")
        } else if let aside {
            state.status = .info("The unsaved changes of last time are put aside in \(aside)")
        } else if let missing = Git.missingMergeDriver(for: file.path) {
            state.status = .error(missing.prefix(1).uppercased() + missing.dropFirst())
        }
        let pinned = environment.pinnedNow
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let options = PlannerOptions(now: { pinned ?? Date() }, colour: environment.colourAllowed, editor: editor)
        let exit = try Planner(state: state, file: opened, options: options).run()
        if let message = exit.message { print(message) }
        if exit.status != 0 { throw ExitCode(exit.status) }
    }

    /// No calendar yet: offer to create one, in the system's zone, from the default template or
    /// another one named at the question.
    private func offerToCreate(_ environment: CommandEnvironment) throws -> Bool {
        let folder = (file.path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard folder.isEmpty || FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue else {
            throw CadenceError.usage("there is no folder \(folder) for \(file.path); create it first (mkdir -p \(folder))")
        }
        var zone = try environment.systemTimeZone()
        let templates = TemplateCatalog.all(userFolder: environment.templateFolder).templates
        print("There is no calendar at \(file.path). Templates:")
        let width = templates.map { DisplayWidth.of($0.name) }.max() ?? 0
        // Wrapped to the terminal, each description under itself (an 80-column terminal would
        // otherwise cut words in two).
        let room = max(20, Cadence.terminalWidth() - width - 5)
        for template in templates {
            let lines = DisplayWidth.wrap(template.description, width: room)
            print("  \(DisplayWidth.pad(template.name, to: width))  \(lines.first ?? "")")
            for line in lines.dropFirst() { print(String(repeating: " ", count: width + 4) + line) }
        }
        // A template's name picks it; a time zone's (Europe/Berlin) replaces the system's, which
        // on a server or in a container is often UTC. What one answer names stays for the next.
        var chosen = templates.first { $0.name == "default" } ?? templates[0]
        func offer() -> String { "Create one from the \(chosen.name) template, in time zone \(zone.identifier)?" }
        var question = offer()
        while true {
            guard let answer = try ask(question, choices: "Y/n/template/time zone") else {
                print("Nothing created. 'cadence init --help' shows the other options.")
                return false
            }
            if ["", "y", "yes"].contains(answer.lowercased()) { break }
            // A template and a zone may come together, in either order ("bank Europe/Berlin").
            var named = false
            var unknown: [String] = []
            for word in answer.split(separator: " ").map(String.init) {
                if let template = templates.first(where: { $0.name == word }) {
                    chosen = template
                    named = true
                } else if let clock = ZoneClock(identifier: word) {
                    zone = clock
                } else {
                    unknown.append(word)
                }
            }
            if !unknown.isEmpty {
                // The words together may name a place ("new york").
                let words = unknown.joined(separator: " ")
                question = "There is no template or time zone '\(words)'\(ZoneClock.didYouMean(words)). " + offer()
                continue
            }
            // A zone alone is asked about again; a template is taken at once.
            if named { break }
            question = offer()
        }
        try CalendarFile.create(try chosen.instantiate(name: nil, zone: zone), at: file.path)
        return true
    }

    /// A yes-or-no question on the terminal: a yes (Enter, y, yes) or a no (n, no, the end of
    /// input); anything else is asked again, so that planner keys typed too soon (`y]]`)
    /// answer nothing.
    private func ask(_ question: String) throws -> Bool {
        var prompt = question
        while true {
            guard let answer = try ask(prompt, choices: "Y/n") else { return false }
            if ["", "y", "yes"].contains(answer.lowercased()) { return true }
            prompt = "Please answer y or n. " + question
        }
    }

    /// Asks on the terminal and returns the answer, trimmed: empty for Enter, `nil` for no (`n`,
    /// `no`, or the end of input). Ctrl-C, SIGTERM or SIGHUP while it waits stops Cadence in
    /// order (the lock beside the calendar goes with it), answering nothing.
    private func ask(_ question: String, choices: String) throws -> String? {
        // Wrapped at spaces to the terminal's width, the answer typed after the last line.
        let lines = DisplayWidth.wrap(question + " [\(choices)]", width: Cadence.terminalWidth() - 1)
        for line in lines.dropLast() { print(line) }
        print((lines.last ?? "") + " ", terminator: "")
        fflush(nil)
        cadence_guard_catch_quit()
        // read(2), not readLine: a signal must end the wait, and readLine tries again.
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let got = read(STDIN_FILENO, &byte, 1)
            let signal = cadence_guard_take_signal()
            if signal != 0 {
                print("")
                throw ExitCode(128 + signal)
            }
            if got < 0, errno == EINTR { continue }
            guard got == 1 else {
                print("")
                return nil
            }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        let answer = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        // Esc (then Enter, as the terminal is reading a line) is a no, as it is in the planner;
        // the sequences arrow keys send are dropped, not read as an Esc.
        let keys = answer.replacing(/\x{1B}\[[0-9;]*[A-Za-z~]|\x{1B}O[A-Za-z]/, with: "").trimmingCharacters(in: .whitespaces)
        if keys.contains("\u{1B}") { return nil }
        return ["n", "no"].contains(keys.lowercased()) ? nil : keys
    }

    /// The terminal's width in columns (80 when standard output is no terminal).
    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Runs the command line with Cadence's exit codes: usage and file errors are 2, and every
    /// error is one line on standard error.
    static func main() {
        // A file-size limit (ulimit -f) met while saving: a clean error from write(2), and the
        // temporary file removed, rather than death by SIGXFSZ with the file left behind.
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        let status: Int32
        do {
            // `cadence help nope` would print the overview and succeed: say the command is not one.
            let names = configuration.subcommands.map { $0._commandName }
            if arguments.first == "help", let asked = arguments.dropFirst().first, !asked.hasPrefix("-"), !names.contains(asked), asked != "help" {
                throw CadenceError.usage("unknown command '\(asked)'; the commands are \(names.joined(separator: ", ")) (see 'cadence --help')")
            }
            let joined = textValuesJoined(arguments)
            var command = try parseAsRoot(joined)
            if let repeated = repeatedOption(in: joined) {
                let name = joined.first { Cadence.configuration.subcommands.map { $0._commandName }.contains($0) }
                throw CadenceError.usage("\(repeated); give it once (see '\(["cadence", name, "--help"].compactMap { $0 }.joined(separator: " "))')")
            }
            try command.run()
            status = 0
        } catch let error as CadenceError {
            printError(error.message)
            status = 2
        } catch let error as ExitCode {
            status = error.rawValue
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                status = 0
            } else {
                let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                let names = configuration.subcommands.map { $0._commandName }
                let command = arguments.first { names.contains($0) }
                if command == nil, let first = arguments.first, !first.hasPrefix("-"), message == "Unexpected argument '\(first)'" {
                    printError("unknown command '\(first)'; the commands are \(names.joined(separator: ", ")) (see 'cadence --help')")
                } else {
                    printError(usageMessage(message) + " (see '\(["cadence", command, "--help"].compactMap { $0 }.joined(separator: " "))')")
                }
                status = 2
            }
        }
        Foundation.exit(outputWritten(status))
    }

    /// The argument parser's message in Cadence's voice: "missing expected argument
    /// '--title <text>'", "the value 'xml' is invalid for '--format <format>'; give one of 'text'
    /// and 'json'".
    static func usageMessage(_ message: String) -> String {
        var text = message.replacingOccurrences(of: ". Please provide ", with: "; give ")
        if text.hasSuffix(".") { text.removeLast() }
        if let first = text.first, let second = text.dropFirst().first, first.isUppercase, second.isLowercase {
            text = first.lowercased() + text.dropFirst()
        }
        return text
    }

    /// The exit status once standard output is flushed: a command whose output could not be
    /// written (a full disk, a closed descriptor) did not do its job, whatever it did besides.
    static func outputWritten(_ status: Int32) -> Int32 {
        let failure = cadence_flush_stdout()
        guard failure != 0 else { return status }
        printError(failure > 0 ? "could not write the output: \(String(cString: strerror(failure)))" : "could not write all of the output (is the disk full?)")
        return status == 0 ? 2 : status
    }
}

/// Options that take one value: the argument parser keeps the last of several, silently
/// dropping the others (`--channel facebook --channel twitter` would list Twitter alone).
private let singleValueOptions: Set<String> = [
    "--at", "--category", "--channel", "--file", "--format", "--from", "--link", "--name", "--notes", "--output", "--status",
    "--take", "--template", "--text", "--timezone", "--title", "--to", "--week", "--date-order", "--week-start",
]

/// Other names of those options (short ones, --zone for --timezone).
private let shortOptions = ["-f": "--file", "-o": "--output", "--zone": "--timezone"]

/// Options whose values are names that case does not change.
private let caseless: Set<String> = ["--channel", "--category", "--status", "--format", "--week", "--take", "--template", "--date-order", "--week-start"]

/// "--channel given twice ('facebook' and 'twitter')" when a one-value option comes more than
/// once with different values; the same value twice does no harm.
func repeatedOption(in arguments: [String]) -> String? {
    var seen: [String: String] = [:]
    var i = 0
    while i < arguments.count, arguments[i] != "--" {
        let argument = arguments[i]
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = shortOptions[String(parts[0])] ?? String(parts[0])
        guard singleValueOptions.contains(name) else {
            i += 1
            continue
        }
        let value = parts.count == 2 ? String(parts[1]) : (i + 1 < arguments.count ? arguments[i + 1] : "")
        i += parts.count == 2 ? 1 : 2
        // A path is the same file however it is written (`calendar.json`, `./calendar.json`, a
        // link to it); a channel, status or week, whatever its case.
        let same = { (a: String, b: String) in
            if a == b { return true }
            if ["--file", "--output"].contains(name) {
                return URL(fileURLWithPath: a).standardizedFileURL == URL(fileURLWithPath: b).standardizedFileURL || CalendarFile.sameFile(a, b)
            }
            return caseless.contains(name) && a.lowercased() == b.lowercased()
        }
        if let earlier = seen[name], !same(earlier, value) { return "\(name) given twice ('\(earlier)' and '\(value)')" }
        seen[name] = value
    }
    return nil
}

/// Options whose value is free text, which may start with '-' ("-50% today", "--- new ---").
private let textOptions: Set<String> = ["--title", "--text", "--notes", "--name", "--media", "--tag"]

/// `--title "-50% off"` as `--title=-50% off`: the argument parser takes a word starting with
/// '-' for an option before it knows the option before it wants a value.
func textValuesJoined(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var i = 0
    while i < arguments.count {
        let argument = arguments[i]
        if argument == "--" {
            result += arguments[i...]
            break
        }
        if textOptions.contains(argument), i + 1 < arguments.count, arguments[i + 1].hasPrefix("-") {
            result.append(argument + "=" + arguments[i + 1])
            i += 2
        } else {
            result.append(argument)
            i += 1
        }
    }
    return result
}

func printError(_ message: String) {
    writeStandardError("cadence: \(message)\n")
}

/// Writes to standard error, dropping what cannot be written: a terminal closed under the
/// planner (or a closed pipe) must not turn a clean exit into a crash, as `FileHandle.write`
/// does when the write fails.
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
