import Foundation

/// Three-way merge of calendars by meaning, not by lines: posts by id and field by field;
/// channels and categories by id; rules and every other setting key by key.
///
/// - A change on one side only is taken.
/// - A post added on either side is kept; one deleted on one side and untouched on the other is
///   deleted.
/// - The same field changed differently on both sides is a conflict: the result keeps ours (the
///   version merged into) and records base, ours and theirs on the post (or, for a setting, on
///   the calendar), so the file stays a valid calendar and `check` reports it until resolved.
/// - A post deleted on one side and changed on the other is kept, with the deletion recorded.
/// - Tags and media merge as sets: additions and removals from both sides.
/// - Who changed a post last (`changedBy`, `changedAt`) follows the later change, never a
///   conflict.
public enum CalendarMerge {
    public struct Result: Sendable {
        public let calendar: ContentCalendar
        /// Posts with an unresolved conflict and settings conflicts, after the merge.
        public let conflicts: Int
        /// How many of those the merge itself found (the rest were already there).
        public let newConflicts: Int
    }

    public enum Failure: Error, LocalizedError {
        case unusable(String)

        public var errorDescription: String? {
            switch self {
            case .unusable(let why): "the merged calendar is not valid: \(why)"
            }
        }
    }

    public static func merge(base: ContentCalendar?, ours: ContentCalendar, theirs: ContentCalendar) throws -> Result {
        var merger = Merger()
        let baseRoot = base.map(CalendarCodec.encodeValue)?.objectValue
        let merged = merger.root(base: baseRoot, ours: CalendarCodec.encodeValue(ours).objectValue!, theirs: CalendarCodec.encodeValue(theirs).objectValue!)
        let bytes = JSONWriter.canonicalBytes(.object(merged))
        let calendar: ContentCalendar
        do {
            calendar = try CalendarCodec.decode(bytes, path: "merge")
        } catch {
            throw Failure.unusable(error.errorDescription ?? "\(error)")
        }
        let conflicted = calendar.posts.values.filter { $0.conflict.map { !$0.isEmpty } ?? false }.count + calendar.conflicts.count
        return Result(calendar: calendar, conflicts: conflicted, newConflicts: merger.found)
    }
}

/// The merge itself, on the JSON the file holds.
private struct Merger {
    var settings: [SettingsConflict] = []
    var found = 0

    mutating func root(base: JSONObject?, ours: JSONObject, theirs: JSONObject) -> JSONObject {
        var result = JSONObject()
        for key in keys(base, ours, theirs) {
            switch key {
            case "posts":
                result[key] = .array(keyed(base?[key], ours[key], theirs[key], path: [key], posts: true))
            case "channels", "categories":
                result[key] = .array(keyed(base?[key], ours[key], theirs[key], path: [key], posts: false))
            case "conflicts":
                continue  // written below: the ones both sides had and the new ones
            default:
                var calendarLevel: [(String, PostConflict.Values)]? = nil
                result[key] = value(base?[key], ours[key], theirs[key], path: [key], postConflicts: &calendarLevel)
            }
        }
        keepUsedDefinitions(&result, base: base, ours: ours, theirs: theirs)
        // Conflicts either side had not resolved yet stay; ours first, no duplicates.
        var all: [JSONValue] = []
        for list in [ours["conflicts"], theirs["conflicts"]] {
            if case .array(let items)? = list {
                for item in items where !all.contains(item) { all.append(item) }
            }
        }
        all += settings.map(CalendarCodec.encodeSettingsConflict)
        if !all.isEmpty { result["conflicts"] = .array(all) }
        return result
    }

    /// Lists of objects with ids (posts, channels, categories), merged element by element. The
    /// order is ours, then what only theirs added.
    mutating func keyed(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, path: [String], posts: Bool) -> [JSONValue] {
        let b = index(base)
        let o = index(ours)
        let t = index(theirs)
        var order = o.order
        for id in t.order where o.items[id] == nil { order.append(id) }
        for id in b.order where o.items[id] == nil && t.items[id] == nil { order.append(id) }
        var result: [JSONValue] = []
        for id in order {
            let (bv, ov, tv) = (b.items[id], o.items[id], t.items[id])
            if ov == tv {
                if let ov { result.append(ov) }
            } else if bv == ov {
                if let tv { result.append(tv) }  // changed, added or deleted on theirs only
            } else if bv == tv {
                if let ov { result.append(ov) }
            } else if ov == nil || tv == nil {
                // Deleted on one side, changed on the other: keep the change, note the deletion.
                let kept = (ov ?? tv)!.objectValue!
                let deletedBy: MergeSide = ov == nil ? .ours : .theirs
                found += 1
                if posts {
                    var post = kept
                    var conflict = post["conflict"]?.objectValue ?? JSONObject()
                    conflict["deletedBy"] = .string(deletedBy.rawValue)
                    post["conflict"] = .object(conflict)
                    result.append(.object(post))
                } else {
                    settings.append(SettingsConflict(
                        path: path + [id], values: .init(base: bv, ours: ov, theirs: tv),
                        note: "deleted by \(deletedBy == .ours ? "ours" : "theirs"), changed by the other side; kept"))
                    result.append(.object(kept))
                }
            } else {
                if posts {
                    result.append(.object(post(bv?.objectValue, ov!.objectValue!, tv!.objectValue!)))
                } else {
                    var calendarLevel: [(String, PostConflict.Values)]? = nil
                    result.append(value(bv, ov, tv, path: path + [id], postConflicts: &calendarLevel) ?? ov!)
                }
            }
        }
        return result
    }

    private func index(_ list: JSONValue?) -> (order: [String], items: [String: JSONValue]) {
        guard case .array(let items)? = list else { return ([], [:]) }
        var order: [String] = []
        var byID: [String: JSONValue] = [:]
        for item in items {
            guard let id = item.objectValue?["id"]?.stringValue, byID[id] == nil else { continue }
            order.append(id)
            byID[id] = item
        }
        return (order, byID)
    }

    /// One post changed on both sides: field by field, conflicts recorded on the post.
    mutating func post(_ base: JSONObject?, _ ours: JSONObject, _ theirs: JSONObject) -> JSONObject {
        var conflicts: [String: PostConflict.Values] = [:]
        var result = JSONObject()
        let stamps: Set<String> = ["changedBy", "changedAt", "conflict"]
        for key in keys(base, ours, theirs) where !stamps.contains(key) {
            var fieldConflicts: [(String, PostConflict.Values)]? = []
            result[key] = value(base?[key], ours[key], theirs[key], path: [key], postConflicts: &fieldConflicts)
            for (field, values) in fieldConflicts ?? [] { conflicts[field] = values }
        }
        // The later change says who changed the post last.
        let oursAt = ours["changedAt"]?.stringValue.flatMap(ZoneClock.parseTimestamp) ?? .distantPast
        let theirsAt = theirs["changedAt"]?.stringValue.flatMap(ZoneClock.parseTimestamp) ?? .distantPast
        let later = theirsAt > oursAt ? theirs : ours
        result["changedBy"] = later["changedBy"]
        result["changedAt"] = later["changedAt"]
        // Conflicts the post already had stay, unless this merge decided those fields again.
        var conflict = JSONObject()
        var fields = JSONObject()
        for side in [theirs, ours] {
            if case .object(let old)? = side["conflict"] {
                if let deleted = old["deletedBy"] { conflict["deletedBy"] = deleted }
                if case .object(let oldFields)? = old["fields"] {
                    for member in oldFields { fields[member.key] = member.value }
                }
            }
        }
        found += conflicts.count
        for (field, values) in conflicts {
            var entry = JSONObject()
            CalendarCodec.encodeValues(values, into: &entry)
            fields[field] = .object(entry)
        }
        if !fields.isEmpty { conflict["fields"] = .object(fields.canonicalized) }
        if !conflict.isEmpty { result["conflict"] = .object(conflict) }
        return result
    }

    /// One value three ways. `postConflicts` is non-nil inside a post: conflicts go there,
    /// named by their path inside the post; otherwise they are the calendar's.
    mutating func value(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, path: [String], postConflicts: inout [(String, PostConflict.Values)]?) -> JSONValue? {
        if ours == theirs { return ours }
        if base == ours { return theirs }
        if base == theirs { return ours }
        if case .object(let o)? = ours, case .object(let t)? = theirs {
            let b: JSONObject? = base?.objectValue
            var result = JSONObject()
            for key in keys(b, o, t) {
                if let merged = value(b?[key], o[key], t[key], path: path + [key], postConflicts: &postConflicts) {
                    result[key] = merged
                }
            }
            return .object(result)
        }
        if let last = path.last, last == "tags" || last == "media",
            let o = strings(ours), let t = strings(theirs)
        {
            return .array(setMerge(strings(base) ?? [], o, t).map(JSONValue.string))
        }
        let values = PostConflict.Values(base: base, ours: ours, theirs: theirs)
        if postConflicts != nil {
            postConflicts!.append((path.joined(separator: "."), values))
        } else {
            found += 1
            settings.append(SettingsConflict(path: path, values: values))
        }
        return ours
    }

    private func strings(_ value: JSONValue?) -> [String]? {
        guard let value else { return [] }
        guard case .array(let items) = value else { return nil }
        let result = items.compactMap(\.stringValue)
        return result.count == items.count ? result : nil
    }

    /// Items both sides kept, plus each side's additions, less each side's removals.
    private func setMerge(_ base: [String], _ ours: [String], _ theirs: [String]) -> [String] {
        let removed = Set(base).subtracting(ours).union(Set(base).subtracting(theirs))
        var result: [String] = []
        for item in ours + theirs where !removed.contains(item) && !result.contains(item) { result.append(item) }
        return result
    }

    private func keys(_ objects: JSONObject?...) -> [String] {
        var seen = Set<String>()
        var order: [String] = []
        for object in objects {
            for key in object?.keys ?? [] where seen.insert(key).inserted { order.append(key) }
        }
        return order
    }

    /// A channel or category one side deleted while the merged posts (or rules) still use it
    /// comes back, with the deletion recorded: the file must stay valid, and nothing is lost.
    mutating func keepUsedDefinitions(_ result: inout JSONObject, base: JSONObject?, ours: JSONObject, theirs: JSONObject) {
        let posts = result["posts"]?.arrayValue ?? []
        let usedChannels = Set(posts.compactMap { $0.objectValue?["channel"]?.stringValue })
        let usedCategories = Set(posts.compactMap { $0.objectValue?["category"]?.stringValue })
        for (collection, used) in [("channels", usedChannels), ("categories", usedCategories)] {
            guard case .array(var items)? = result[collection] else { continue }
            let present = Set(items.compactMap { $0.objectValue?["id"]?.stringValue })
            for id in used.subtracting(present).sorted() {
                let sources = [ours, theirs, base].compactMap { $0?[collection] }
                guard let definition = sources.lazy.compactMap({ list -> JSONValue? in
                    guard case .array(let all) = list else { return nil }
                    return all.first { $0.objectValue?["id"]?.stringValue == id }
                }).first else { continue }
                items.append(definition)
                found += 1
                let deletedBy = index(ours[collection]).items[id] == nil ? "ours" : "theirs"
                settings.append(SettingsConflict(
                    path: [collection, id], values: .init(base: nil, ours: nil, theirs: nil),
                    note: "deleted by \(deletedBy), but posts still use it; kept"))
            }
            result[collection] = .array(items)
        }
    }
}
