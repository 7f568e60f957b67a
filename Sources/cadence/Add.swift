import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a post (an idea when no --at is given) and print its id.",
            usage: """
                cadence add --channel <id> --title <text> [--at <date time>] [--text <text>] [--category <name>] [--status <status>] \
                [--link <url>] [--media <path> ...] [--tag <tag> ...] [--notes <text>] [--file <path>]
                """,
            discussion: "--channel and --title are required. Problems the new post causes (a day over its limit, say) are printed on standard error.")

        @OptionGroup var file: FileOptions
        @OptionGroup var fields: PostFieldOptions

        func run() throws {
            // Checked here, not in validate(), which the parser runs before it reports an
            // unknown option: `--chanel` is a typo to name, not a missing --channel.
            if fields.channel == nil { throw ValidationError("Missing expected argument '--channel <id>'") }
            if fields.title == nil { throw ValidationError("Missing expected argument '--title <text>'") }
            let fields = try self.fields.readingTextFile()
            try file.changing { try change(fields) }
        }

        private func change(_ fields: PostFieldOptions) throws {
            let environment = try CommandEnvironment.current()
            var calendar = try file.load()
            let (changes, timePicked) = try fields.changes(in: calendar, environment: environment)
            let blank = Post(id: calendar.newPostID(), channel: changes.channel!, at: changes.at ?? nil, title: "")
            let post = changes.applied(to: blank)
            try checkStatusAgreesWithDate(post, statusGiven: changes.status != nil, adding: true)
            let broken = try savePost(post, into: &calendar, file: file, environment: environment)
            print(post.id)
            reportPickedTime(of: post, timePicked, in: calendar)
            reportPast(of: post, typed: fields.at, in: calendar, now: environment.now)
            reportTypedTime(of: post, typed: fields.at, in: calendar)
            reportBroken(broken)
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a post's fields; the id may be shortened to a unique start of at least four characters.",
            discussion: """
                --at with a day alone moves the post to that day at its own time of day when that is free there, else at the \
                channel's next free posting time. "" clears --category and --link. Setting a field settles a merge conflict on \
                that field; changing a post one side of a merge deleted keeps it. (cadence resolve settles whole conflicts.)
                """)

        @OptionGroup var file: FileOptions

        @Argument(help: "The post's id.")
        var id: String

        @OptionGroup var fields: PostFieldOptions

        @Flag(help: "Take the date off: the post goes back to the ideas.")
        var unschedule = false

        @Flag(help: "Remove all media.")
        var clearMedia = false

        @Flag(help: "Remove all tags.")
        var clearTags = false

        func run() throws {
            let fields = try self.fields.readingTextFile()
            try file.changing { try change(fields) }
        }

        private func change(_ fields: PostFieldOptions) throws {
            let environment = try CommandEnvironment.current()
            var calendar = try file.load()
            let old = try calendar.findPost(id)
            if unschedule, fields.at != nil {
                throw CadenceError.usage("--at and --unschedule cannot be used together")
            }
            var (changes, timePicked) = try fields.changes(in: calendar, environment: environment, editing: old)
            if unschedule { changes.at = .some(nil) }
            // --media and --tag replace the lists already: with them, a clear is a no-op (the
            // list ends up holding the new items, in whatever order the flags came).
            if clearMedia, changes.media == nil { changes.media = [] }
            if clearTags, changes.tags == nil { changes.tags = [] }
            guard !changes.isEmpty else {
                throw CadenceError.usage("nothing to change: give a field such as --title or --at (see 'cadence update --help')")
            }
            // A copy tagged adapt whose text is rewritten here is adapted, as in the planner's
            // form, unless --tag says what the tags are.
            var post = changes.applied(to: old)
            if changes.tags == nil { post = post.adapted(from: old) }
            try checkStatusAgreesWithDate(post, statusGiven: changes.status != nil, adding: false)
            // Setting a field by hand settles a merge conflict on it, even to the value it has
            // now (keeping your side); editing a post one side deleted keeps it.
            post = post.settlingConflict(on: Set(changes.fieldNames))
            guard post != old else {
                print("No change to \(post.id) “\(Reports.safe(post.title))”")
                return
            }
            let broken = try savePost(post, into: &calendar, file: file, environment: environment)
            print("Updated \(post.id) “\(Reports.safe(post.title))”")
            if let before = old.conflict, !before.isEmpty { Cadence.reportSettled(before, now: post.conflict, id: post.id) }
            reportPickedTime(of: post, timePicked, in: calendar)
            reportPast(of: post, typed: fields.at, in: calendar, now: environment.now)
            reportTypedTime(of: post, typed: fields.at, in: calendar)
            reportBroken(broken)
        }
    }

    /// What an update did to a post's merge conflict: the fields it settled, a deletion it
    /// overruled, and what is left to settle.
    private static func reportSettled(_ before: PostConflict, now after: PostConflict?, id: PostID) {
        let settled = before.fields.keys.filter { after?.fields[$0] == nil }.sorted()
        var said: [String] = []
        if !settled.isEmpty { said.append("settled the merge conflict on \(settled.joined(separator: ", ")) with the value given") }
        if let side = before.deletedBy, after?.deletedBy == nil {
            said.append("kept the post, which was deleted \(before.agent(of: side))")
        }
        if let left = after, !left.isEmpty {
            said.append("still to settle: \(left.fields.keys.sorted().joined(separator: ", ")) (cadence resolve \(id) --take mine or theirs)")
        }
        if !said.isEmpty { print("  " + said.joined(separator: "; ")) }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove posts by id (or a unique start of at least four characters).")

        @OptionGroup var file: FileOptions

        @Argument(help: "The posts' ids.")
        var ids: [String]

        func validate() throws {
            if ids.isEmpty { throw ValidationError("Missing expected argument '<ids>'") }
        }

        func run() throws { try file.changing(change) }

        private func change() throws {
            var calendar = try file.load()
            let now = try CommandEnvironment.current().now
            // Every id is found before anything is removed: one bad id changes nothing.
            var seen = Set<PostID>()
            let posts = try ids.map { (id: String) throws(CadenceError) -> Post in try calendar.findPost(id) }
                .filter { seen.insert($0.id).inserted }
            let before = calendar
            for post in posts { calendar.remove(post.id) }
            try file.save(calendar)
            for post in posts { print("Removed \(post.id) “\(Reports.safe(post.title))”") }
            // A week left short of its posts (Instagram's three) is said, as add and update do.
            let days = posts.compactMap { before.local(of: $0.id)?.date }
            reportBroken(RuleChecker.broken(from: [before], to: calendar, around: days, ideas: false, now: now))
        }
    }
}
