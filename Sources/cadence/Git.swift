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

    /// Who is changing the plan: git's user.name for the calendar's folder, else the login name.
    static func author(near calendarPath: String) -> String? {
        let folder = URL(fileURLWithPath: calendarPath).deletingLastPathComponent().path
        if let name = run(["config", "user.name"], in: folder), !name.isEmpty { return name }
        let env = ProcessInfo.processInfo.environment
        return [env["USER"], env["LOGNAME"], NSUserName()].compactMap { $0 }.first { !$0.isEmpty }
    }
}
