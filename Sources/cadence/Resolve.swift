import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle merge conflicts by taking one side: yours (mine) or the one merged in (theirs).",
            discussion: """
                Give post ids, or --all for every conflict in the file (posts and settings), or --settings \
                for the settings' conflicts only. Taking a side sets every conflicting field of a post to that \
                side's value; a post that side deleted is removed, one the other side deleted is kept. To settle \
                field by field, use 'cadence update ID --FIELD …' or the planner. Then git add the calendar.
                With --markers, for git's conflict markers committed by mistake (a clone without the merge driver \
                merged the file as text): the two sides of the merge commit that committed them are merged by \
                meaning, what both changed settled with --take's side; without that commit, every marked block \
                takes that side's lines and the other side's own posts are kept. The marked file is kept beside \
                the calendar (.markers).
                """)

        enum Side: String, ExpressibleByArgument, CaseIterable {
            case mine, theirs

            var merge: MergeSide { self == .mine ? .ours : .theirs }
        }

        @OptionGroup var file: FileOptions

        @Argument(help: "The posts' ids (or unique starts of at least four characters).")
        var ids: [String] = []

        @Option(help: ArgumentHelp("The side to take: mine (the version merged into) or theirs (the one merged in).", valueName: "side"))
        var take: Side

        @Flag(help: "Every conflict in the file, posts and settings.")
        var all = false

        @Flag(help: "The conflicts in the settings (channels, categories, rules).")
        var settings = false

        @Flag(help: "The file holds git's conflict markers as text: take that side of every marked block.")
        var markers = false

        func validate() throws {
            if markers {
                if !ids.isEmpty || all || settings { throw ValidationError("--markers takes a side of every marked block: give it alone, with --take") }
                return
            }
            if ids.isEmpty, !all, !settings { throw ValidationError("Say what to settle: post ids, --all or --settings") }
            if all, !ids.isEmpty || settings { throw ValidationError("--all settles everything: give it alone, without ids or --settings") }
        }

        func run() throws { try file.changing(settle) }

        private func settle() throws {
            if markers { return try takeMarkedSide() }
            let environment = try CommandEnvironment.current()
            var calendar = try file.load()
            var posts: [Post] = try ids.map { (id: String) throws(CadenceError) -> Post in try calendar.findPost(id) }
            for post in posts where post.conflict == nil {
                throw CadenceError.usage("post \(post.id) “\(Reports.safe(post.title))” has no merge conflict")
            }
            if all { posts = calendar.posts.values.filter { $0.conflict != nil }.sorted { $0.id < $1.id } }
            let settingCount = all || settings ? calendar.conflicts.count : 0
            guard !posts.isEmpty || settingCount > 0 else {
                print("No merge conflicts to settle in \(file.path)")
                return
            }
            let (report, waiting) = try settle(posts: posts, settings: settingCount, in: &calendar, now: environment.now)
            try file.save(calendar)
            for line in report { print(line) }
            let left = calendar.posts.values.count { $0.conflict != nil } + calendar.conflicts.count
            print(left == 0 ? "No merge conflicts left: check the plan ('cadence check'), then git add \(file.path)" : "\(Describe.count(left, "merge conflict")) left ('cadence check' lists them)")
            // A script going on to `git add` must not take a conflict left for later as settled.
            if waiting { throw ExitCode(1) }
        }

        /// Settles the posts' conflicts and the first `settings` of the settings' with `--take`'s
        /// side; what was done, line by line, and whether a setting had to wait.
        /// A lone setting that must wait is refused (nothing changes) unless `mayLeave`.
        private func settle(posts: [Post], settings settingCount: Int, in calendar: inout ContentCalendar, now: Date, mayLeave: Bool = false) throws -> (report: [String], waiting: Bool) {
            let side = take.merge
            let author = Git.author(near: file.path)
            var report: [String] = []
            var seen = Set<PostID>()
            for post in posts where seen.insert(post.id).inserted {
                let conflict = post.conflict!
                let title = "\(post.id) “\(Reports.safe(post.title))”"
                guard var settled = try ConflictResolution.settle(post, taking: side, in: calendar) else {
                    calendar.remove(post.id)
                    report.append("Removed \(title): deleted \(conflict.agent(of: side))")
                    continue
                }
                settled.stamp(by: author, at: now)
                try calendar.put(settled)
                var taken = conflict.fields.keys.sorted()
                if let deleter = conflict.deletedBy { taken.insert("kept, though deleted \(conflict.agent(of: deleter))", at: 0) }
                // Named as it is now: a settled title is the one taken.
                report.append("Settled \(post.id) “\(Reports.safe(settled.title))” with \(conflict.name(of: side)): \(taken.joined(separator: ", "))")
            }
            var index = 0
            var waiting = false
            for _ in 0..<settingCount {
                let conflict = calendar.conflicts[index]
                // Deleting a channel or category posts still use waits: alone, that is refused;
                // among others, it is left for later and the rest are settled.
                if let wait = ConflictResolution.mustWait(conflict, taking: side, in: calendar) {
                    if settingCount == 1, posts.isEmpty, !mayLeave { throw wait }
                    report.append("Left \(conflict.place) unsettled: " + wait.message)
                    waiting = true
                    index += 1
                    continue
                }
                calendar = try ConflictResolution.resolve(index, taking: side, in: calendar, by: author, at: now)
                report.append(ConflictResolution.outcome(of: conflict, taking: side, in: calendar))
            }
            return (report, waiting)
        }

        /// The merge commit whose calendar is these very bytes (the markers as committed, not
        /// touched since), with its two parents' calendars (mine is the first, the side marked
        /// HEAD) and their merge base's; `nil` when git cannot tell or a side cannot be read.
        private func markedMerge(_ bytes: [UInt8], folder: String, name: String) -> (commit: String, base: ContentCalendar?, mine: ContentCalendar, theirs: ContentCalendar)? {
            guard let log = Git.run(["log", "--merges", "--format=%H", "-n", "20", "--", name], in: folder) else { return nil }
            let marked = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            func calendar(_ revision: String) -> ContentCalendar? {
                Git.run(["show", "\(revision):./\(name)"], in: folder).flatMap { try? CalendarCodec.decode(Array($0.utf8), path: "\(revision):\(name)") }
            }
            for commit in log.split(separator: "\n").map(String.init) where Git.run(["show", "\(commit):./\(name)"], in: folder) == marked {
                guard let mine = calendar("\(commit)^1"), let theirs = calendar("\(commit)^2") else { return nil }
                let base = Git.run(["merge-base", "\(commit)^1", "\(commit)^2"], in: folder).flatMap(calendar)
                return (commit, base, mine, theirs)
            }
            return nil
        }

        /// Merges the two sides of the commit that made the markers by meaning, settles what
        /// truly conflicts with --take's side, and writes the result (the marked file kept).
        /// Returns false, having written nothing, when the two sides make no valid calendar together
        /// (the line-by-line rebuild is then what is left).
        private func mergeMarkedSides(_ sides: (commit: String, base: ContentCalendar?, mine: ContentCalendar, theirs: ContentCalendar), bytes: [UInt8]) throws -> Bool {
            let environment = try CommandEnvironment.current()
            guard let result = try? CalendarMerge.merge(base: sides.base, ours: sides.mine, theirs: sides.theirs, mergedBy: Git.author(near: file.path)) else { return false }
            var calendar = result.calendar
            let conflicted = calendar.posts.values.filter { $0.conflict != nil }.sorted { $0.id < $1.id }
            // A setting that must wait (a channel one side deleted that the other's posts use)
            // stays recorded in the file, to settle once the markers are gone.
            let (report, waiting) = try settle(posts: conflicted, settings: calendar.conflicts.count, in: &calendar, now: environment.now, mayLeave: true)
            let kept = CalendarFile.unusedName(file.path + ".markers")
            try CalendarFile.write(bytes, to: kept, replacing: false)
            try file.save(calendar)
            let short = String(sides.commit.prefix(7))
            print("Merged by meaning the two sides of commit \(short), which committed git's markers: the posts of both are kept, each with its own fields; the file as it was is in \(kept), to compare")
            if sides.base == nil {
                print("Their common version could not be read: a post one side deleted is back, and what each side changed is settled as a conflict")
            }
            for (id, newID) in result.renamed { print("Two posts were made apart under the id '\(id)': both are kept, the one merged in as '\(newID)'") }
            for note in result.movedByZone { print("The time zone changed: \(note)") }
            if result.newConflicts > 0 { print("What both sides changed differently, settled with \(take.rawValue) (the side marked \(take == .mine ? "<<<<<<<" : ">>>>>>>") in \(short)):") }
            for line in report { print("  " + line) }
            print("Check the plan ('cadence check'), then git add \(file.path) and commit it")
            if waiting { throw ExitCode(1) }
            return true
        }

        /// Rebuilds the calendar from one side of git's committed conflict markers. The marked
        /// file is kept beside it, and nothing is written unless that side is a valid calendar.
        private func takeMarkedSide() throws {
            let bytes = try CalendarFile.readBytes(file.path)
            guard CalendarCodec.holdsConflictMarkers(bytes) else {
                throw CadenceError.usage("\(file.path) holds no git conflict markers; for merge conflicts Cadence recorded, give post ids, --all or --settings")
            }
            // While git is still merging the file (a merge, rebase or stash pop stopped on it),
            // both sides are there to be merged by meaning: taking one would drop the other's
            // posts, and in a rebase the side marked "ours" is not even the user's own.
            let url = URL(fileURLWithPath: file.path)
            if let unmerged = Git.run(["ls-files", "-u", "--", url.lastPathComponent], in: url.deletingLastPathComponent().path), !unmerged.isEmpty {
                throw CadenceError.usage(
                    "git is still merging \(file.path): run 'cadence git-setup' (once per clone), then 'git checkout -m \(file.path)' to merge it by meaning with both sides kept; --markers is for markers already committed")
            }
            // The merge commit that committed these very markers still has both sides as they
            // were: merged by meaning now, every post of both is kept, each with its own fields
            // (lines git merged one by one may have mixed two posts), and --take settles only
            // what truly conflicts.
            if let sides = markedMerge(bytes, folder: url.deletingLastPathComponent().path, name: url.lastPathComponent),
                try mergeMarkedSides(sides, bytes: bytes)
            {
                return
            }
            let marked = String(decoding: bytes, as: UTF8.self)
            let side = try ConflictMarkers.taking(take.merge, from: marked, path: file.path)
            var calendar: ContentCalendar
            do { calendar = try CalendarCodec.decode(Array(side.text.utf8), path: file.path) } catch {
                // Named by its line in the marked file, which is the one the user opens.
                var why = error.message
                if case .invalidFile(let path, let line, let column, let message) = error, side.fileLines.indices.contains(line - 1) {
                    why = "\(path):\(side.fileLines[line - 1]):\(column): \(message)"
                }
                throw CadenceError.usage("\(take.rawValue) of every marked block does not give a valid calendar (\(why)); nothing was written: try --take \(take == .mine ? "theirs" : "mine"), or mend the markers by hand")
            }
            // A post only the other side has was added there (or deleted here): a block of lines
            // holds whole posts, so taking one side would drop it in silence. It is kept, and
            // named, so that a deletion meant is one 'cadence remove' away.
            let other: Side = take == .mine ? .theirs : .mine
            var added: [Post] = []
            var left: [String] = []
            var unread: String?
            let otherCalendar: ContentCalendar?
            do {
                let otherSide = try ConflictMarkers.taking(other.merge, from: marked, path: file.path)
                do {
                    otherCalendar = try CalendarCodec.decode(Array(otherSide.text.utf8), path: file.path)
                } catch {
                    // Named by its line in the marked file, as for the side taken.
                    if case .invalidFile(let path, let line, let column, let message) = error, otherSide.fileLines.indices.contains(line - 1) {
                        throw CadenceError.usage("\(path):\(otherSide.fileLines[line - 1]):\(column): \(message)")
                    }
                    throw error
                }
            } catch {
                otherCalendar = nil
                unread = (error as? CadenceError)?.message ?? error.localizedDescription
            }
            if let otherCalendar {
                for post in otherCalendar.posts.values.sorted(by: { $0.id < $1.id }) where calendar.posts[post.id] == nil {
                    do {
                        try calendar.put(post)
                        added.append(post)
                    } catch {
                        left.append("\(post.id) “\(Reports.safe(post.title))” (\(error.message))")
                    }
                }
            }
            // An earlier marked file stays: this one takes the next free name.
            let kept = CalendarFile.unusedName(file.path + ".markers")
            try CalendarFile.write(bytes, to: kept, replacing: false)
            try file.save(calendar)
            // Which lines those were, as the markers name them (HEAD, a branch).
            let label = take == .mine ? side.oursLabel : side.theirsLabel
            let named = label.isEmpty ? "" : " (the lines marked \(take == .mine ? "<<<<<<<" : ">>>>>>>") \(label))"
            print("Took \(take.rawValue)\(named) of \(Describe.count(side.blocks, "marked block")) in \(file.path); the file as it was is in \(kept), to compare")
            if !added.isEmpty {
                let whence = take == .mine ? "added on their side, or deleted on yours" : "added on your side, or deleted on theirs"
                print("Kept \(Describe.count(added.count, "post")) only \(other.rawValue) had (\(whence); 'cadence remove ID' if it was meant to go):")
                for post in added { print("  \(post.id) \(Describe.post(post, in: calendar))") }
            }
            if let unread {
                print("Could not read \(other.rawValue) (\(unread)): posts only it had are not in the file; compare with \(kept)")
            }
            if !left.isEmpty {
                print("Not kept, as \(take.rawValue) cannot hold them (in \(kept) still): \(left.joined(separator: "; "))")
            }
            guard unread == nil, left.isEmpty else {
                // Written, as the best this side gives, but not to be committed as it is: a
                // script going on to `git add` stops here.
                print("Bring those posts in by hand (compare with \(kept)), then check the plan and git add \(file.path)")
                throw ExitCode(1)
            }
            print("Check the plan ('cadence check'), then git add \(file.path) and commit it")
        }
    }
}
