import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct MergeDriver: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge-driver",
            abstract: "Merge three versions of a calendar by meaning (git runs it: %O %A %B %P).",
            discussion: """
                Posts merge by id and field by field; channels, categories and rules key by key. The result is \
                written over OURS. The same field changed differently on both sides is kept as conflict data on \
                the post (or the calendar), the file stays a valid calendar, and the exit status is 1 so that git \
                marks it conflicted; 'cadence check' reports it and the planner resolves it. A side that cannot be \
                read is recorded as a conflict too, so that its loss is never silent. 'cadence git-setup' \
                installs the driver.
                """)

        @Argument(help: "The common ancestor (%O): a file, empty when there is none (or \"\" for none).")
        var base: String

        @Argument(help: "Our version (%A); the result is written here.")
        var ours: String

        @Argument(help: "Their version (%B).")
        var theirs: String

        @Argument(help: "The calendar's path in the repository (%P), for messages.")
        var path: String?

        func run() throws {
            // Git always passes three files; a missing one is a mistyped call, not a side to record.
            for file in [base, ours, theirs] where !(file == base && base.isEmpty) && !FileManager.default.fileExists(atPath: file) {
                throw CadenceError.inputNotFound(path: file)
            }
            let name = path ?? ours
            let author = Git.author(near: ours)
            // Sides follow the person: in a rebase, "mine" is the user's own commit being
            // replayed, and in a stash pop (or an autostash) the user's own edit that was put
            // aside; git passes either as THEIRS.
            let stash = Git.stashBeingApplied()
            let rebasing = stash == nil && Git.isRebasing(in: FileManager.default.currentDirectoryPath)
            let (mine, other) = stash != nil || rebasing ? (theirs, ours) : (ours, theirs)
            // Where each side's version can be seen again, for a side left out of the file.
            let commits: (mine: String, other: String) = stash.map { ($0, "HEAD") } ?? (rebasing ? ("REBASE_HEAD", "HEAD") : ("HEAD", "MERGE_HEAD"))
            // An empty or unreadable base only means less is known: merge as if there were none.
            let baseCalendar = base.isEmpty ? nil : try? CalendarFile.readBytes(base).droppingBlank().map { try CalendarCodec.decode($0, path: "\(name) (base)") }
            // Each side named as git shows it, so that a line and column point somewhere real.
            let ourCalendar = read(mine, name: "\(commits.mine):\(name)")
            let theirCalendar = read(other, name: "\(commits.other):\(name)")

            var calendar: ContentCalendar
            var conflicts = 0
            switch (ourCalendar, theirCalendar) {
            case (.success(let o), .success(let t)):
                do {
                    let result = try CalendarMerge.merge(base: baseCalendar, ours: o, theirs: t, mergedBy: author)
                    calendar = result.calendar
                    conflicts = result.conflicts
                    for (id, newID) in result.renamed {
                        printError("\(name): two posts were made apart under the id '\(id)'; both are kept, the one merged in as '\(newID)'")
                    }
                    for note in result.movedByZone { printError("\(name): the time zone changed: \(note)") }
                    // Each side planned a fine day; together they may not: said, never refused
                    // (the hooks stop a commit on the errors).
                    let made = RuleChecker.problemsMadeByMerging(calendar, sides: [o, t], touched: result.touched, now: (try? CommandEnvironment.current().now) ?? Date())
                    if !made.isEmpty {
                        let shown = made.prefix(5).map { "  \($0.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(Reports.safe($0.message))" }
                        let more = made.count > 5 ? "\n  and \(made.count - 5) more" : ""
                        printError("\(name): the merged plan has \(made.count == 1 ? "a problem" : "problems") neither side had as it stands ('cadence check' lists every problem):\n\(shown.joined(separator: "\n"))\(more)")
                    }
                } catch {
                    // Together the two sides' settings make no valid calendar (a rule whose
                    // minimum passes its maximum, a category deleted that a rule names). Their
                    // posts still come in, merged onto our settings when that works; what is left
                    // out is marked in the file, so that check and the hook stop on it.
                    let ourSettings = try? CalendarMerge.merge(base: baseCalendar, ours: o, theirs: o.replacingPosts(Array(t.posts.values)), mergedBy: author)
                    var kept = ourSettings?.calendar ?? o
                    let left = ourSettings == nil ? "their changes" : "their changes to the settings"
                    kept.conflicts.append(SettingsConflict(
                        path: ["merge", MergeSide.theirs.rawValue], values: .init(base: nil, ours: nil, theirs: nil),
                        note: "\(left) could not be merged into a valid calendar (\(error.localizedDescription)); they are not in this file\(ourSettings == nil ? "" : ", their posts are"). Compare with git show \(commits.other):\(name) and bring them in by hand",
                        mergedBy: author))
                    printError("\(name): \(error.localizedDescription); \(left) are not in it, and the file says so")
                    calendar = kept
                    conflicts = kept.conflictedPosts.count + kept.conflicts.count
                }
            case (.success(let readable), .failure(let problem)):
                calendar = keeping(readable, lost: .theirs, problem, name: name, author: author, commit: commits.other)
                conflicts = 1
            case (.failure(let problem), .success(let readable)):
                calendar = keeping(readable, lost: .ours, problem, name: name, author: author, commit: commits.mine)
                conflicts = 1
            case (.failure(let problem), .failure):
                printError("\(name): neither side could be read (\(problem.message)); left as it was")
                throw ExitCode(1)
            }
            try CalendarFile.write(CalendarCodec.encode(calendar), to: ours, replacing: true)
            guard conflicts > 0 else { return }
            printError("\(name): merged, with \(Describe.count(conflicts, "conflict")) to resolve: run 'cadence check --file \(name)' to see them, then settle them in the planner ('cadence --file \(name)') or with 'cadence resolve' (--all --take mine or theirs, or post ids), then git add it")
            throw ExitCode(1)
        }

        private func read(_ path: String, name: String) -> Result<ContentCalendar, CadenceError> {
            Result { () throws(CadenceError) in
                let bytes = try CalendarFile.readBytes(path)
                // A side committed with git's text-merge markers in it (by a clone without the
                // driver): no checkout can mend that commit, so the message does not offer one.
                if CalendarCodec.holdsConflictMarkers(bytes) {
                    throw .usage("\(name) holds the conflict markers of a merge git made line by line, committed as they were")
                }
                return try CalendarCodec.decode(bytes, path: name)
            }
        }

        /// Keeps the side that reads, and says in the file that the other is missing: check
        /// fails, and the hook will not commit it, until someone looks.
        private func keeping(_ readable: ContentCalendar, lost: MergeSide, _ problem: CadenceError, name: String, author: String?, commit: String) -> ContentCalendar {
            var calendar = readable
            let whose = lost == .theirs ? "their" : "our"
            calendar.conflicts.append(SettingsConflict(
                path: ["file", lost.rawValue], values: .init(base: nil, ours: nil, theirs: nil),
                note: "\(whose) version could not be read (\(problem.message)); its changes are not in this file. Compare with git show \(commit):\(name)",
                mergedBy: author))
            printError("\(name): \(whose) version could not be read: \(problem.message)")
            return calendar
        }
    }
}

extension Array where Element == UInt8 {
    /// nil for a file of nothing but white space (git's empty base when there is none).
    fileprivate func droppingBlank() -> [UInt8]? {
        allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } ? nil : self
    }
}
