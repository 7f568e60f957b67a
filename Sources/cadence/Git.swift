import CadenceCore
import Foundation

/// The few things Cadence asks git: who the user is, where the repository is, its settings.
enum Git {
    /// Runs git with arguments in a folder; the trimmed output, or `nil` when git fails or is
    /// missing.
    @discardableResult
    static func run(_ arguments: [String], in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether a rebase is under way in the repository around `folder`. Git then hands a merge
    /// driver the branch being rebased onto as "ours" and the user's own commit, being replayed,
    /// as "theirs": the other way round from a merge. (`git am` also uses rebase-apply, but
    /// applies patches onto the user's own branch, so it is not one.)
    static func isRebasing(in folder: String) -> Bool {
        func exists(_ name: String) -> Bool {
            guard let path = run(["rev-parse", "--git-path", name], in: folder) else { return false }
            return FileManager.default.fileExists(atPath: path.hasPrefix("/") ? path : folder + "/" + path)
        }
        return exists("rebase-merge") || (exists("rebase-apply") && !exists("rebase-apply/applying"))
    }

    /// The stash git is applying (`stash@{0}` unless one was named) when it runs the merge for
    /// `git stash pop` or `apply` (also what `--autostash` runs after a pull or rebase), else
    /// `nil`: the stash, the user's own uncommitted edit, is then THEIRS. Git says so only in its
    /// command line, so the processes that started this one are read (Linux's /proc; elsewhere
    /// this is `nil`).
    static func stashBeingApplied() -> String? {
        var pid = getppid()
        for _ in 0..<6 where pid > 1 {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if let stash = arguments.firstIndex(of: "stash"), let verb = arguments[stash...].firstIndex(where: { $0 == "pop" || $0 == "apply" }) {
                return arguments[(verb + 1)...].first { !$0.hasPrefix("-") } ?? "stash@{0}"
            }
            // The parent's id is the field after the command's name, which is in parentheses.
            guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat").map({ String(decoding: $0, as: UTF8.self) }),
                let close = stat.lastIndex(of: ")"),
                let parent = stat[stat.index(after: close)...].split(separator: " ").dropFirst().first.flatMap({ Int32($0) })
            else { return nil }
            pid = parent
        }
        return nil
    }

    /// What to tell a user whose clone would merge the calendar as text: the repository's
    /// .gitattributes names Cadence's merge driver for it (the team ran git-setup), but this
    /// clone's config does not define the driver, so git silently merges line by line and a
    /// merge of two plans can break the file. `nil` when the file is not in git, not set up for
    /// the driver, or the driver is there.
    static func missingMergeDriver(for calendarPath: String) -> String? {
        let url = URL(fileURLWithPath: calendarPath)
        let folder = url.deletingLastPathComponent().path
        // The driver first: in a clone that is set up, one git process at start is enough.
        guard run(["config", "merge.cadence.driver"], in: folder) == nil,
            let attribute = run(["check-attr", "merge", "--", url.lastPathComponent], in: folder),
            attribute.hasSuffix(": merge: cadence")
        else { return nil }
        return "this clone would merge \(url.lastPathComponent) as text: run 'cadence git-setup' once here (.gitattributes names Cadence's merge driver; this clone lacks it)"
    }

    /// Who is changing the plan: git's user.name for the calendar's folder, else the login name.
    static func author(near calendarPath: String) -> String? {
        let folder = URL(fileURLWithPath: calendarPath).deletingLastPathComponent().path
        if let name = run(["config", "user.name"], in: folder), !name.isEmpty { return name }
        let env = ProcessInfo.processInfo.environment
        return [env["USER"], env["LOGNAME"], NSUserName()].compactMap { $0 }.first { !$0.isEmpty }
    }
}
