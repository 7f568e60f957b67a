import Foundation

/// Settling what a merge left undecided: a field of a post, a post one side deleted, or a
/// setting, each by taking one side's version.
public enum ConflictResolution {
    /// The post with one conflicting field set to one side's value and its conflict entry gone.
    public static func resolve(_ post: Post, field: String, taking side: MergeSide, in calendar: ContentCalendar) throws(CadenceError) -> Post {
        guard let values = post.conflict?.fields[field] else { return post }
        var object = CalendarCodec.encodePost(post, clock: calendar.clock).objectValue!
        let value = side == .ours ? values.ours : values.theirs
        // A field inside a nested value (an unknown object) is named with dots.
        set(&object, path: field.split(separator: ".").map(String.init), to: value)
        var conflict = post.conflict!
        conflict.fields[field] = nil
        var resolved = try decode(object, id: post.id, in: calendar)
        resolved.conflict = conflict.isEmpty ? nil : conflict
        return resolved
    }

    /// For a post one side deleted and the other changed: `keep` keeps it (and its other
    /// conflicts); otherwise the caller removes it.
    public static func keeping(_ post: Post) -> Post {
        var post = post
        post.conflict?.deletedBy = nil
        if post.conflict?.isEmpty == true { post.conflict = nil }
        return post
    }

    /// A post's conflict settled by one side: the fields given (all of them when `nil`) take
    /// that side's values; with `deletion`, a post that side deleted is removed (`nil`) and one
    /// the other side deleted is kept.
    public static func settle(
        _ post: Post, fields: [String]? = nil, deletion: Bool = true, taking side: MergeSide, in calendar: ContentCalendar
    ) throws(CadenceError) -> Post? {
        guard let conflict = post.conflict else { return post }
        var post = post
        if deletion, let deletedBy = conflict.deletedBy {
            if deletedBy == side { return nil }
            post = keeping(post)
        }
        for field in fields ?? conflict.fields.keys.sorted() {
            post = try resolve(post, field: field, taking: side, in: calendar)
        }
        return post
    }

    /// The calendar with a setting conflict settled by one side's value. Posts a zone taken
    /// moves (their wall-clock times kept) are stamped by `author` at `now`: a change of each,
    /// for calendar apps too.
    public static func resolve(
        _ index: Int, taking side: MergeSide, in calendar: ContentCalendar, by author: String? = nil, at now: Date? = nil
    ) throws(CadenceError) -> ContentCalendar {
        guard calendar.conflicts.indices.contains(index) else { return calendar }
        var settings = calendar.replacingPosts([])
        let conflict = settings.conflicts.remove(at: index)
        // A version the file does not hold cannot be taken: its changes come in by hand.
        if let lost = conflict.lostSide, lost == side {
            throw .usage("\(conflict.name(of: side)) cannot be taken: that version is not in the file (\(conflict.note ?? conflict.place)); bring its changes in by hand, then settle this by taking \(conflict.choice(of: side == .ours ? .theirs : .ours))")
        }
        var root = CalendarCodec.encodeValue(settings).objectValue!
        if conflict.note == nil {
            let value = side == .ours ? conflict.values.ours : conflict.values.theirs
            setInCalendar(&root, path: conflict.path, to: value)
        } else if side == conflict.deletedBy, let users = conflict.users(in: calendar) {
            // A definition kept because posts used it: the side that deleted it has its way
            // once no post does.
            guard users == 0 else { throw stillUsed(conflict, users: users, taking: side, in: calendar) }
            let collection = conflict.path[0]
            root[collection] = .array((root[collection]?.arrayValue ?? []).filter { $0.objectValue?["id"]?.stringValue != conflict.path[1] })
        }
        // The settings are read back as a file would be (so they are checked), the posts as they are.
        settings = try CalendarCodec.decode(JSONWriter.canonicalBytes(.object(root)), path: "calendar")
        for post in calendar.posts.values { try settings.validateReferences(of: post) }
        // Another time zone taken: every post keeps its wall-clock time, as `settings` does.
        let posts = calendar.wallClocksKept(in: settings.clock, stampedBy: author, at: now).calendar.posts.values
        return settings.replacingPosts(Array(posts))
    }

    /// Whether settling a conflict by `side` must wait: it deletes a channel or category that
    /// posts still use.
    public static func mustWait(_ conflict: SettingsConflict, taking side: MergeSide, in calendar: ContentCalendar) -> CadenceError? {
        guard side == conflict.deletedBy, let users = conflict.users(in: calendar), users > 0 else { return nil }
        return stillUsed(conflict, users: users, taking: side, in: calendar)
    }

    /// "channel linkedin cannot be deleted …: 1 post still uses it (ab12 “Hiring”) …".
    private static func stillUsed(_ conflict: SettingsConflict, users: Int, taking side: MergeSide, in calendar: ContentCalendar) -> CadenceError {
        // Named when few: a scan only for a refusal's message.
        let id = conflict.path[1]
        let named = calendar.sortedPosts.lazy.filter { conflict.path[0] == "channels" ? $0.channel == id : $0.category == id }.prefix(3)
            .map { "\($0.id) “\(Reports.safe($0.title))”" }.joined(separator: ", ")
        return .usage("\(conflict.place) cannot be deleted as \(conflict.name(of: side)) did: \(Describe.users(users)) it (\(users > 3 ? "the first: " : "")\(named)); move or remove \(users == 1 ? "it" : "them") first, or take \(conflict.choice(of: side == .ours ? .theirs : .ours)) to keep it")
    }

    /// What settling a settings conflict by one side did, in words (`settled` is the calendar
    /// after it).
    public static func outcome(of conflict: SettingsConflict, taking side: MergeSide, in settled: ContentCalendar) -> String {
        if conflict.isUnreadableSide { return "Settled: the version that could not be read stays out; the file is the version that could" }
        if conflict.isUnmergeable { return "Settled: the changes that could not be merged stay out; the file is \(conflict.name(of: side))" }
        guard conflict.note != nil else { return "Settled \(conflict.place) with \(conflict.name(of: side))" }
        guard let users = conflict.users(in: settled) else {
            // Marked by an earlier Cadence, without the side that deleted it: kept.
            return "Kept \(conflict.place): posts used it (to delete it, move or remove them, then take it out of the file)"
        }
        if !conflict.isDefined(in: settled) { return "Deleted \(conflict.place), as \(conflict.name(of: side)) did" }
        return users == 0 ? "Kept \(conflict.place), as \(conflict.name(of: side)) has it" : "Kept \(conflict.place): \(Describe.users(users)) it"
    }

    /// One post's change from `base` to `target` carried over onto `current`, field by field:
    /// what `current` changed since `base` (a pull, say) stays. Undo and redo use it when a post
    /// changed on disk after the step. `nil` when both changed a field differently, or when the
    /// field is in a merge conflict on `current` (the other side changed it too).
    public static func carry(from base: Post, to target: Post, onto current: Post, in calendar: ContentCalendar) -> Post? {
        let clock = calendar.clock
        let (b, t, c) = (
            CalendarCodec.encodePost(base, clock: clock).objectValue!, CalendarCodec.encodePost(target, clock: clock).objectValue!,
            CalendarCodec.encodePost(current, clock: clock).objectValue!
        )
        let contested = Set((current.conflict?.fields.keys).map { $0.map { String($0.prefix { $0 != "." }) } } ?? [])
        var result = JSONObject()
        for key in CalendarMerge.keys([t, c, b]) {
            let value: JSONValue?
            if CalendarMerge.bookkeeping.contains(key) || b[key] == t[key] {
                value = c[key]
            } else if contested.contains(key) {
                return nil
            } else if b[key] == c[key] || t[key] == c[key] {
                value = t[key]
            } else {
                return nil
            }
            if let value { result[key] = value }
        }
        return try? decode(result, id: current.id, in: calendar)
    }

    /// A post from its JSON, read as the file reads it, against the calendar's settings.
    static func decode(_ object: JSONObject, id: PostID, in calendar: ContentCalendar) throws(CadenceError) -> Post {
        var root = CalendarCodec.encodeValue(calendar.replacingPosts([])).objectValue!
        root["posts"] = .array([.object(object)])
        let single = try CalendarCodec.decode(JSONWriter.canonicalBytes(.object(root)), path: "resolution")
        guard let post = single.posts[id] else { throw .invalidPost(message: "the resolved post could not be read back") }
        return post
    }

    static func set(_ object: inout JSONObject, path: [String], to value: JSONValue?) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
            return
        }
        var inner = object[first]?.objectValue ?? JSONObject()
        set(&inner, path: Array(path.dropFirst()), to: value)
        object[first] = .object(inner)
    }

    /// Like `set`, but "channels" and "categories" are lists found by id.
    static func setInCalendar(_ root: inout JSONObject, path: [String], to value: JSONValue?) {
        guard path.count >= 2, ["channels", "categories"].contains(path[0]), var items = root[path[0]]?.arrayValue,
            let index = items.firstIndex(where: { $0.objectValue?["id"]?.stringValue == path[1] })
        else {
            set(&root, path: path, to: value)
            return
        }
        if path.count == 2 {
            if let value { items[index] = value } else { items.remove(at: index) }
        } else {
            var item = items[index].objectValue!
            set(&item, path: Array(path.dropFirst(2)), to: value)
            items[index] = .object(item)
        }
        root[path[0]] = .array(items)
    }
}
