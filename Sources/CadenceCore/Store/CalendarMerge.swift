import Foundation

/// Three-way merge of calendars by meaning, not by lines: posts by id and field by field;
/// channels and categories by id; rules and every other setting key by key.
///
/// - A change on one side only is taken.
/// - A post added on either side is kept; one deleted on one side and untouched on the other is
///   deleted. Two posts that share an id typed by hand, made independently on each side, are
///   both kept (theirs gets a new id, the same for the same merge); an id Cadence made is one
///   post on both sides (a cherry-picked commit), merged field by field without a base.
/// - The same field changed differently on both sides is a conflict: the result keeps ours (the
///   version merged into) and records base, ours and theirs on the post (or, for a setting, on
///   the calendar), with who stood on each side, so the file stays a valid calendar and `check`
///   reports it until resolved.
/// - A post deleted on one side and changed on the other is kept, with the deletion recorded.
/// - Tags, media and a channel's posting times merge as sets: additions and removals from both
///   sides; posting times both sides cut, one of them adding others, are a conflict.
/// - Who changed a post last (`changedBy`, `changedAt`) follows the later change; a change of
///   those alone is not a change of the post.
/// - Conflict data itself merges like any value: a conflict one side resolved stays resolved;
///   one that meets a new conflict on the same field keeps every value proposed.
public enum CalendarMerge {
    public struct Result: Sendable {
        public let calendar: ContentCalendar
        /// Posts with an unresolved conflict and settings conflicts, after the merge.
        public let conflicts: Int
        /// How many conflicts the merge itself found (the rest were already there).
        public let newConflicts: Int
        /// Posts made apart under one id (typed by hand): the id each side's had, and the new
        /// one the merged-in side's post got so that both stay.
        public var renamed: [(id: PostID, newID: PostID)] = []
        /// Posts the time-zone move could not keep at their wall-clock time: at a time the new
        /// zone skips (moved past the gap), or folded onto the minute of a post of their
        /// channel planned an hour before (the second of a repeated time the new zone has
        /// once). Said, so that no post moves in silence.
        public var movedByZone: [String] = []
        /// The posts the two sides left differently (changed, added or deleted on one side or
        /// both): where the merged plan can differ from either, found as the merge goes.
        public var touched: Set<PostID> = []
    }

    public enum Failure: Error, LocalizedError {
        case unusable(String)

        public var errorDescription: String? {
            switch self {
            case .unusable(let why): "the merged calendar is not valid: \(why)"
            }
        }
    }

    /// `mergedBy` names who merges (git's user.name): conflicts say whose side was "ours".
    /// `onReload`: the planner merging its unsaved edits (ours) into the file changed on disk
    /// (theirs); conflicts then call the sides by those names.
    public static func merge(base: ContentCalendar?, ours: ContentCalendar, theirs: ContentCalendar, mergedBy: String? = nil, onReload: Bool = false) throws -> Result {
        // One side moved the calendar to another time zone, keeping each post's wall-clock
        // time (`cadence settings --timezone`): the base and the other side come into that zone
        // the same way, so that a post the other side planned for 08:30 is at 08:30 there too,
        // and a post neither side changed stays unchanged. Both sides moving it, each to
        // another zone, is a conflict on the zone, recorded below; meanwhile every post is in
        // ours, at its wall-clock time, and taking theirs moves them all to that zone alike.
        // (Both moving it to the same zone needs the base brought there; with no base, two
        // zones are a conflict too.)
        var (base, ours, theirs) = (base, ours, theirs)
        var zoneClash: PostConflict.Values?
        var zoneNotes: [(id: PostID, at: Date, text: String)] = []
        let (baseZone, ourZone, theirZone) = (base?.clock.identifier, ours.clock.identifier, theirs.clock.identifier)
        if Set([baseZone, ourZone, theirZone].compactMap { $0 }).count > 1 {
            let target = ourZone == baseZone ? theirs.clock : ours.clock
            if ourZone != theirZone, ourZone != baseZone, theirZone != baseZone {
                zoneClash = PostConflict.Values(base: baseZone.map(JSONValue.string), ours: .string(ourZone), theirs: .string(theirZone))
            }
            base = base?.wallClocksKept(in: target).calendar
            func move(_ side: ContentCalendar) -> ContentCalendar {
                guard side.clock.identifier != target.identifier else { return side }
                let moved = side.wallClocksKept(in: target)
                func named(_ post: Post) -> String {
                    let wall = side.clock.local(post.at!).dateTime
                    return "post \(post.id) “\(post.title)” (\(wall.date) \(wall.time) in \(side.clock.identifier))"
                }
                // Only posts this side added or changed: one it left as the base had it gives
                // way to the other side's version (which the zone change moved, or removed).
                func touched(_ post: Post) -> Bool { base?.posts[post.id] != moved.calendar.posts[post.id] }
                for post in moved.skipped where touched(post) {
                    let at = moved.calendar.posts[post.id]!.at!
                    zoneNotes.append((post.id, at, "\(named(post)) falls in a time the clocks of \(target.identifier) skip: it is at \(target.timeText(at)) now"))
                }
                for post in moved.folded where touched(post) {
                    zoneNotes.append((post.id, moved.calendar.posts[post.id]!.at!,
                        "\(named(post)) was the second of a time that happens twice; \(target.identifier) has it once: it is on the minute of its channel's post planned an hour before now"))
                }
                return moved.calendar
            }
            ours = move(ours)
            theirs = move(theirs)
        }
        // Most posts are the same on both sides, or changed on one side only: they are settled
        // as they are. Only the posts both sides changed go through the field-by-field merge,
        // which works on the file's JSON; a calendar of years merges in time with its edits.
        var settled: [Post] = []
        var contested = Set<PostID>()
        var touched = Set<PostID>()
        let ids = Set(base?.posts.keys ?? [:].keys).union(ours.posts.keys).union(theirs.posts.keys)
        for id in ids {
            let (b, o, t) = (base?.posts[id], ours.posts[id], theirs.posts[id])
            if o == t {
                if let o { settled.append(o) }
                continue
            }
            touched.insert(id)
            if b == o {
                if let t { settled.append(t) }
            } else if b == t {
                if let o { settled.append(o) }
            } else {
                contested.insert(id)
            }
        }
        func only(_ calendar: ContentCalendar?) -> JSONObject? {
            guard let calendar else { return nil }
            return CalendarCodec.encodeValue(calendar.replacingPosts(contested.compactMap { calendar.posts[$0] })).objectValue
        }
        var merger = Merger(mergedBy: mergedBy, takenIDs: Set(ids.map(\.rawValue)), settled: settled)
        merger.onReload = onReload
        let merged = merger.root(base: only(base), ours: only(ours)!, theirs: only(theirs)!)
        var calendar: ContentCalendar
        do {
            calendar = try CalendarCodec.decode(JSONWriter.canonicalBytes(.object(merged)), path: "merge")
        } catch {
            // The merged calendar exists only in memory: its line and column name nothing.
            if case .invalidFile(_, _, _, let message) = error { throw Failure.unusable(message) }
            throw Failure.unusable(error.message)
        }
        for post in settled {
            do {
                try calendar.validateReferences(of: post)
            } catch {
                throw Failure.unusable("post \(post.id): \(error.message)")
            }
        }
        calendar = calendar.replacingPosts(Array(calendar.posts.values) + settled)
        var found = merger.found
        if let zoneClash {
            found += 1
            calendar.conflicts.append(SettingsConflict(path: ["timeZone"], values: zoneClash, mergedBy: mergedBy, onReload: onReload))
        }
        // One conflict on the zone at most (a merge of merges may bring several): the zone in
        // force as ours, every other zone proposed kept.
        let zoneConflicts = calendar.conflicts.filter { $0.path == ["timeZone"] }
        if zoneConflicts.count > 1 || zoneConflicts.first.map({ $0.values.ours != .string(calendar.clock.identifier) }) == true {
            let current = JSONValue.string(calendar.clock.identifier)
            var proposed: [JSONValue] = []
            for conflict in zoneConflicts {
                for value in [conflict.values.ours, conflict.values.theirs] + conflict.values.others.map(Optional.some) {
                    if let value, value != current, !proposed.contains(value) { proposed.append(value) }
                }
            }
            calendar.conflicts.removeAll { $0.path == ["timeZone"] }
            if let theirsZone = proposed.first {
                var one = zoneConflicts.last!
                one.values = PostConflict.Values(base: one.values.base, ours: current, theirs: theirsZone, others: Array(proposed.dropFirst()))
                calendar.conflicts.append(one)
            }
        }
        let conflicted = calendar.conflictedPosts.count + calendar.conflicts.count
        var result = Result(calendar: calendar, conflicts: conflicted, newConflicts: found)
        // Said only of posts the merged calendar holds where the move put them.
        result.movedByZone = zoneNotes.filter { calendar.posts[$0.id]?.at == $0.at }.map(\.text)
        result.renamed = merger.renamed
        result.touched = touched
        return result
    }
}

extension CalendarMerge {
    /// Fields that record who changed a post and its open conflicts: merged apart.
    static let bookkeeping: Set<String> = ["changedBy", "changedAt", "conflict"]

    /// Every key of the objects, once, in the order they first appear.
    static func keys(_ objects: [JSONObject?]) -> [String] {
        var seen = Set<String>()
        var order: [String] = []
        for object in objects {
            for key in object?.keys ?? [] where seen.insert(key).inserted { order.append(key) }
        }
        return order
    }
}

/// The merge itself, on the JSON the file holds.
private struct Merger {
    let mergedBy: String?
    /// Every post id on any side: a new id must be none of them.
    var takenIDs: Set<String>
    /// Posts settled without a field merge; the channels and categories they use must stay.
    let settled: [Post]
    var settings: [SettingsConflict] = []
    var found = 0
    var onReload = false
    var renamed: [(id: PostID, newID: PostID)] = []

    init(mergedBy: String?, takenIDs: Set<String>, settled: [Post]) {
        self.mergedBy = mergedBy
        self.takenIDs = takenIDs
        self.settled = settled
    }

    static let bookkeeping = CalendarMerge.bookkeeping

    mutating func root(base: JSONObject?, ours: JSONObject, theirs: JSONObject) -> JSONObject {
        var result = JSONObject()
        for key in keys(base, ours, theirs) {
            switch key {
            case "posts":
                result[key] = .array(posts(base?[key], ours[key], theirs[key]))
            case "channels", "categories":
                result[key] = .array(definitions(base?[key], ours[key], theirs[key], path: [key]))
            case "conflicts":
                continue  // below, once the new ones are known
            default:
                result[key] = setting(base?[key], ours[key], theirs[key], path: [key])
            }
        }
        keepUsedDefinitions(&result, base: base, ours: ours, theirs: theirs)
        // Settings conflicts merge as a set: one side resolving one resolves it.
        var all = setMerge(base?["conflicts"]?.arrayValue ?? [], ours["conflicts"]?.arrayValue ?? [], theirs["conflicts"]?.arrayValue ?? [])
        all += settings.map(CalendarCodec.encodeSettingsConflict)
        result["conflicts"] = all.isEmpty ? nil : .array(all)
        return result
    }

    // MARK: Posts

    mutating func posts(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?) -> [JSONValue] {
        var result: [JSONValue] = []
        for (_, bv, ov, tv) in aligned(base, ours, theirs) {
            if same(ov, tv) {
                if let ov, let tv { result.append(.object(later(ov, tv))) }
            } else if same(bv, ov) {
                if let tv { result.append(.object(tv)) }  // changed, added or deleted on theirs only
            } else if same(bv, tv) {
                if let ov { result.append(.object(ov)) }
            } else if ov == nil || tv == nil {
                // Deleted on one side, changed on the other: keep the change, note the deletion.
                var post = (ov ?? tv)!
                var conflict = post["conflict"]?.objectValue ?? JSONObject()
                conflict["deletedBy"] = .string((ov == nil ? MergeSide.ours : .theirs).rawValue)
                sign(&conflict, ours: ov, theirs: tv)
                post["conflict"] = .object(conflict)
                found += 1
                result.append(.object(post))
            } else if bv == nil, independent(ov!, tv!), let typed = ov!["id"]?.stringValue.flatMap(PostID.init), !typed.looksGenerated {
                // One id typed by hand for two posts made apart: both stay. (An id Cadence made
                // is one post on both sides, a commit cherry-picked and then changed: merged
                // field by field below, with no base, so what differs is a conflict.) The new
                // id follows from the post, so the same merge made twice gives the same file.
                var renamed = tv!
                var generator = SeededGenerator(seed: JSONWriter.canonicalBytes(.object(renamed)))
                let id = PostID.generate(avoiding: { takenIDs.contains($0.rawValue) }, using: &generator)
                takenIDs.insert(id.rawValue)
                if let old = renamed["id"]?.stringValue.flatMap(PostID.init) { self.renamed.append((old, id)) }
                renamed["id"] = .string(id.rawValue)
                result.append(.object(ov!))
                result.append(.object(renamed))
            } else {
                result.append(.object(post(bv, ov!, tv!)))
            }
        }
        return result
    }

    /// One post changed on both sides: field by field, conflicts recorded on the post.
    mutating func post(_ base: JSONObject?, _ ours: JSONObject, _ theirs: JSONObject) -> JSONObject {
        var fresh: [(String, PostConflict.Values)] = []
        var result = JSONObject()
        // A field in conflict in the base that both sides have settled since (a criss-cross
        // merge, whose base git makes by merging two bases) was settled apart: its base value
        // is no common ground, and two different settlements are a conflict, not one side's.
        func contested(_ post: JSONObject?) -> Set<String> {
            Set((post?["conflict"]?.objectValue?["fields"]?.objectValue?.keys ?? []).map { String($0.prefix { $0 != "." }) })
        }
        let settledApart = contested(base).subtracting(contested(ours)).subtracting(contested(theirs))
        for key in keys(base, ours, theirs) where !Merger.bookkeeping.contains(key) {
            let (merged, clashes) = merge(settledApart.contains(key) ? nil : base?[key], ours[key], theirs[key], path: [key])
            result[key] = merged
            fresh += clashes.map { ($0.path.joined(separator: "."), $0.values) }
        }
        // An approval covers the content it was given to: approved (or scheduled) on one side
        // while the other side changed what the post says is for someone to decide, not an
        // approval carried over to words the approver never saw.
        if !fresh.contains(where: { $0.0 == "status" }) {
            func approved(_ post: JSONObject?) -> Bool { post?["status"]?.stringValue.flatMap(PostStatus.init(rawValue:)).map { $0 >= .approved } ?? false }
            // Changed by `other` into something `side`, which approved, did not see.
            func unseen(_ other: JSONObject, by side: JSONObject) -> Bool {
                ["title", "text", "link", "media"].contains { other[$0] != base?[$0] && other[$0] != side[$0] }
            }
            // (Both sides approved, each its own words: what differs is already a conflict of
            // its own, and either settlement keeps words someone approved.)
            let approvedHere = { (side: JSONObject, other: JSONObject) in
                side["status"] != base?["status"] && side["status"] != other["status"] && approved(side) && unseen(other, by: side)
            }
            if approvedHere(ours, theirs) || approvedHere(theirs, ours) {
                // Until someone decides, the post keeps the status of the side that did not
                // approve: it is not shown (or exported) as approved with words no one approved.
                fresh.append(("status", PostConflict.Values(base: base?["status"], ours: ours["status"], theirs: theirs["status"])))
                result["status"] = approvedHere(ours, theirs) ? theirs["status"] : ours["status"]
            }
        }
        let stamp = later(ours, theirs)
        result["changedBy"] = stamp["changedBy"]
        result["changedAt"] = stamp["changedAt"]
        // Both sides' changes together make a version neither side had: a change later than
        // both (by a second, the same whichever way the merge runs), so that a calendar app
        // that has either side's event takes it as an update.
        if !same(result, ours), !same(result, theirs), let text = stamp["changedAt"]?.stringValue, let at = ZoneClock.parseTimestamp(text) {
            result["changedAt"] = .string(ZoneClock.utc.rfc3339(at.addingTimeInterval(1)))
        }
        // Conflict data already there merges like a value: resolved on one side, resolved here.
        // Where both sides changed it differently, ours: a conflict about a conflict helps no one.
        var conflict = merge(base?["conflict"], ours["conflict"], theirs["conflict"], path: ["conflict"]).value?.objectValue ?? JSONObject()
        keepProposals(in: &conflict, result: result, ours: ours)
        if !fresh.isEmpty {
            var fields = conflict["fields"]?.objectValue ?? JSONObject()
            for (field, values) in fresh {
                var values = values
                // An older conflict on the same field: its values stay as others.
                if let old = fields[field]?.objectValue {
                    for proposed in [old["ours"], old["theirs"]] + (old["others"]?.arrayValue ?? []).map(Optional.some) {
                        if let proposed, proposed != values.ours, proposed != values.theirs, !values.others.contains(proposed) {
                            values.others.append(proposed)
                        }
                    }
                }
                var entry = JSONObject()
                CalendarCodec.encodeValues(values, into: &entry)
                fields[field] = .object(entry)
            }
            conflict["fields"] = .object(fields.canonicalized)
            sign(&conflict, ours: ours, theirs: theirs)
            found += fresh.count
        }
        result["conflict"] = conflict.isEmpty ? nil : .object(conflict)
        return result
    }

    /// A field one side changed while the other side brought a conflict on it (a planner's
    /// unsaved title meeting a `git pull` that left the title in conflict): the merged value is
    /// one more proposal, kept in the conflict so that settling it does not lose it. Reloading,
    /// it is the planner's own, the newest of "mine"; the older one stays as also proposed.
    private func keepProposals(in conflict: inout JSONObject, result: JSONObject, ours: JSONObject) {
        guard var fields = conflict["fields"]?.objectValue else { return }
        func value(at path: String, in post: JSONObject) -> JSONValue? {
            var value: JSONValue? = .object(post)
            for key in path.split(separator: ".") { value = value?.objectValue?[String(key)] }
            return value
        }
        for field in fields.keys {
            guard var entry = fields[field]?.objectValue else { continue }
            let current = value(at: field, in: result)
            // The planner took the incoming value itself: both now say the same, settled.
            if onReload, current == value(at: field, in: ours), current == entry["theirs"] {
                fields[field] = nil
                continue
            }
            var others = entry["others"]?.arrayValue ?? []
            guard current != entry["ours"], current != entry["theirs"], !others.contains(where: { $0 == current }), let current else { continue }
            if onReload, current == value(at: field, in: ours) {
                if let older = entry["ours"], older != entry["theirs"], !others.contains(older) { others.append(older) }
                entry["ours"] = current
            } else {
                others.append(current)
            }
            entry["others"] = others.isEmpty ? nil : .array(others)
            fields[field] = .object(entry.canonicalized)
        }
        conflict["fields"] = fields.isEmpty ? nil : .object(fields)
    }

    /// Says who stood on each side of a new conflict, and who merged.
    private func sign(_ conflict: inout JSONObject, ours: JSONObject?, theirs: JSONObject?) {
        conflict["oursBy"] = ours?["changedBy"]
        conflict["theirsBy"] = theirs?["changedBy"]
        conflict["mergedBy"] = mergedBy.map(JSONValue.string)
        conflict["onReload"] = onReload ? .bool(true) : nil
    }

    /// "on Anna's side", "in the version read from disk".
    private func onSide(_ side: MergeSide) -> String { (onReload ? "in " : "on ") + side.name(mergedBy: mergedBy, onReload: onReload) }

    private func settingsConflict(path: [String], values: PostConflict.Values, note: String? = nil, deleter: MergeSide? = nil) -> SettingsConflict {
        SettingsConflict(path: path, values: values, note: note, mergedBy: mergedBy, onReload: onReload, deletedBy: deleter)
    }

    /// Equal but for who changed them and when.
    private func same(_ a: JSONObject?, _ b: JSONObject?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        func content(_ o: JSONObject) -> JSONObject {
            var o = o
            o["changedBy"] = nil
            o["changedAt"] = nil
            return o
        }
        return content(a) == content(b)
    }

    /// Two posts under one id that no common history joins: different in what they are.
    private func independent(_ a: JSONObject, _ b: JSONObject) -> Bool {
        a["channel"] != b["channel"] || a["title"] != b["title"] || a["at"] != b["at"]
    }

    /// The version changed later, by its changedAt.
    private func later(_ a: JSONObject, _ b: JSONObject) -> JSONObject {
        let aAt = a["changedAt"]?.stringValue.flatMap(ZoneClock.parseTimestamp) ?? .distantPast
        let bAt = b["changedAt"]?.stringValue.flatMap(ZoneClock.parseTimestamp) ?? .distantPast
        return bAt > aAt ? b : a
    }

    // MARK: Channels and categories

    /// Definitions by id; a deletion against a change keeps the changed one and says so.
    mutating func definitions(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, path: [String]) -> [JSONValue] {
        var result: [JSONValue] = []
        for (id, bv, ov, tv) in aligned(base, ours, theirs) {
            if ov == tv {
                if let ov { result.append(.object(ov)) }
            } else if bv == ov {
                if let tv { result.append(.object(tv)) }
            } else if bv == tv {
                if let ov { result.append(.object(ov)) }
            } else if ov == nil || tv == nil {
                let (deleter, changer): (MergeSide, MergeSide) = ov == nil ? (.ours, .theirs) : (.theirs, .ours)
                found += 1
                settings.append(settingsConflict(
                    path: path + [id], values: .init(base: bv.map(JSONValue.object), ours: ov.map(JSONValue.object), theirs: tv.map(JSONValue.object)),
                    note: "deleted \(onSide(deleter)), changed \(onSide(changer)); kept"))
                result.append(.object((ov ?? tv)!))
            } else if let merged = setting(bv.map(JSONValue.object), .object(ov!), .object(tv!), path: path + [id]) {
                result.append(merged)
            }
        }
        return result
    }

    /// The three versions of each item of a list of objects with ids, in ours' order, then
    /// what only theirs added, then what only base had (gone from both sides: nil, nil).
    private func aligned(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?)
        -> [(id: String, base: JSONObject?, ours: JSONObject?, theirs: JSONObject?)]
    {
        let (b, o, t) = (index(base), index(ours), index(theirs))
        var seen = Set(o.order)
        var order = o.order
        for id in t.order + b.order where seen.insert(id).inserted { order.append(id) }
        return order.map { ($0, b.items[$0], o.items[$0], t.items[$0]) }
    }

    private func index(_ list: JSONValue?) -> (order: [String], items: [String: JSONObject]) {
        var order: [String] = []
        var byID: [String: JSONObject] = [:]
        for item in list?.arrayValue ?? [] {
            guard let object = item.objectValue, let id = object["id"]?.stringValue, byID[id] == nil else { continue }
            order.append(id)
            byID[id] = object
        }
        return (order, byID)
    }

    // MARK: Values

    typealias Clash = (path: [String], values: PostConflict.Values)

    /// One value three ways: the result (ours where both sides changed it differently) and
    /// the places where they did, by their path from `path`.
    func merge(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, path: [String]) -> (value: JSONValue?, clashes: [Clash]) {
        if ours == theirs { return (ours, []) }
        if base == ours { return (theirs, []) }
        if base == theirs { return (ours, []) }
        if case .object(let o)? = ours, case .object(let t)? = theirs {
            let b = base?.objectValue
            var result = JSONObject()
            var clashes: [Clash] = []
            for key in keys(b, o, t) {
                let (merged, inner) = merge(b?[key], o[key], t[key], path: path + [key])
                if let merged { result[key] = merged }
                clashes += inner
            }
            return (.object(result), clashes)
        }
        if let last = path.last, last == "tags" || last == "media" || last == "postingTimes" {
            let (b, o, t) = (base?.arrayValue ?? [], ours?.arrayValue ?? [], theirs?.arrayValue ?? [])
            // Media in two new orders, or with two new covers (each side chose another first
            // picture), or settled apart (no base): for someone to decide.
            if last == "media" {
                let cover = { (side: [JSONValue]) in side.first != b.first }
                let twoOrders = reordered(o, from: b) && reordered(t, from: b) && o.filter(t.contains) != t.filter(o.contains)
                let twoCovers = cover(o) && cover(t) && o.first != t.first
                if base == nil || twoOrders || twoCovers {
                    return (ours, [(path, PostConflict.Values(base: base, ours: ours, theirs: theirs))])
                }
            }
            // Posting times both sides cut, one of them putting others in (09:00 made 10:00 here,
            // 11:00 there; one slot kept here, another chosen there), are two schedules, not
            // one to add up; nor is a merge that would leave none where each side kept some.
            if last == "postingTimes" {
                let cuts = { (side: [JSONValue]) in b.contains { !side.contains($0) } }
                let adds = { (side: [JSONValue]) in side.contains { !b.contains($0) } }
                let merged = setMerge(b, o, t)
                if cuts(o) && cuts(t) && (adds(o) || adds(t)) || merged.isEmpty && !o.isEmpty && !t.isEmpty {
                    return (ours, [(path, PostConflict.Values(base: base, ours: ours, theirs: theirs))])
                }
                return (.array(merged), [])
            }
            return (.array(setMerge(b, o, t)), [])
        }
        return (ours, [(path, PostConflict.Values(base: base, ours: ours, theirs: theirs))])
    }

    /// A setting three ways; what both sides changed differently becomes a calendar conflict.
    mutating func setting(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, path: [String]) -> JSONValue? {
        let (merged, clashes) = merge(base, ours, theirs, path: path)
        for clash in clashes {
            settings.append(settingsConflict(path: clash.path, values: clash.values))
        }
        found += clashes.count
        return merged
    }

    /// Whether a side put the items it kept from the base in another order.
    private func reordered(_ side: [JSONValue], from base: [JSONValue]) -> Bool { side.filter(base.contains) != base.filter(side.contains) }

    /// Items both sides kept, plus each side's additions, less each side's removals, in the
    /// order of the side that reordered them (a carousel's order, its cover first), else ours.
    private func setMerge(_ base: [JSONValue], _ ours: [JSONValue], _ theirs: [JSONValue]) -> [JSONValue] {
        let removed = base.filter { !ours.contains($0) || !theirs.contains($0) }
        let first = !reordered(ours, from: base) && reordered(theirs, from: base) ? theirs : ours
        var result: [JSONValue] = []
        for item in first + ours + theirs where !removed.contains(item) && !result.contains(item) { result.append(item) }
        return result
    }

    private func keys(_ objects: JSONObject?...) -> [String] { CalendarMerge.keys(objects) }

    /// A channel or category one side deleted while the merged posts still use it comes back,
    /// with the deletion recorded: the file must stay valid, and nothing is lost.
    mutating func keepUsedDefinitions(_ result: inout JSONObject, base: JSONObject?, ours: JSONObject, theirs: JSONObject) {
        let posts = result["posts"]?.arrayValue ?? []
        let usedChannels = Set(posts.compactMap { $0.objectValue?["channel"]?.stringValue } + settled.map(\.channel))
        let usedCategories = Set(posts.compactMap { $0.objectValue?["category"]?.stringValue } + settled.compactMap(\.category))
        for (collection, used) in [("channels", usedChannels), ("categories", usedCategories)] {
            var items = result[collection]?.arrayValue ?? []
            let present = Set(items.compactMap { $0.objectValue?["id"]?.stringValue })
            for id in used.subtracting(present).sorted() {
                let sources = [ours, theirs, base].compactMap { $0?[collection] }.map(index)
                guard let source = sources.first(where: { $0.items[id] != nil }) else { continue }
                // Back in its place: after the nearest definition before it that is still there.
                let before = source.order.prefix { $0 != id }.reversed()
                let place = before.lazy.compactMap { earlier in items.firstIndex { $0.objectValue?["id"]?.stringValue == earlier } }.first
                items.insert(.object(source.items[id]!), at: place.map { $0 + 1 } ?? 0)
                found += 1
                let deleter = index(ours[collection]).items[id] == nil ? MergeSide.ours : .theirs
                let key = collection == "channels" ? "channel" : "category"
                let users = posts.filter { $0.objectValue?[key]?.stringValue == id }.count
                    + settled.filter { (collection == "channels" ? $0.channel : $0.category) == id }.count
                settings.append(settingsConflict(
                    path: [collection, id], values: .init(base: nil, ours: nil, theirs: nil),
                    note: "deleted \(onSide(deleter)), but \(Describe.users(users)) it; kept", deleter: deleter))
            }
            result[collection] = .array(items)
        }
    }
}
