import Foundation

/// The calendar file format: reading it strictly, with every problem reported at its place, and
/// writing it in one canonical form so that a team can share it in git.
///
/// Canonical form: the same calendar always gives the same bytes; top-level keys, channel and
/// post fields in a fixed order, then any unknown fields sorted; posts by time, then channel,
/// then id, ideas last; two-space indent; UTF-8 as is; a final newline.
public enum CalendarCodec {
    /// The newest format this Cadence reads and the one it writes.
    public static let schemaVersion = 1

    /// A problem at a byte offset, turned into line and column by the caller that has the bytes.
    struct Failure: Error {
        let offset: Int
        let message: String
    }

    /// What a template leaves open and `init` fills in.
    public struct TemplateFill: Sendable {
        public let zone: ZoneClock
        public let name: String?

        public init(zone: ZoneClock, name: String?) {
            self.zone = zone
            self.name = name
        }
    }

    /// Reads a calendar file, or a template (no time zone needed, a `description` allowed)
    /// when `template` says what to fill in.
    public static func decode(_ bytes: [UInt8], path: String, template: TemplateFill? = nil) throws(CadenceError) -> ContentCalendar {
        do {
            let root = try JSONParser.parse(bytes)
            return try decode(root, path: path, template: template)
        } catch let error as JSONSyntaxError {
            let (line, column) = lineAndColumn(of: error.offset, in: bytes)
            var message = error.message
            // Git merged it as text: say how to merge it by meaning instead.
            if holdsConflictMarkers(bytes) {
                message += "; the file holds git's conflict markers (git merged it as text): while the merge is on, run 'cadence git-setup', then 'git checkout -m \(path)' to merge it by meaning; once they are committed, 'cadence resolve --markers --take mine' (or theirs) rebuilds one side"
            }
            throw .invalidFile(path: path, line: line, column: column, message: message)
        } catch let failure as Failure {
            let (line, column) = lineAndColumn(of: failure.offset, in: bytes)
            throw .invalidFile(path: path, line: line, column: column, message: failure.message)
        } catch let error as CadenceError {
            throw error
        } catch {
            throw .fileUnreadable(path: path, reason: "\(error)")
        }
    }

    /// Whether the bytes hold git's text-merge conflict markers (a line starting `<<<<<<< `).
    public static func holdsConflictMarkers(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("<<<<<<< ".utf8)) || String(decoding: bytes, as: UTF8.self).contains("\n<<<<<<< ")
    }

    static func decode(_ root: JSONNode, path: String, template: TemplateFill?) throws -> ContentCalendar {
        var top = try FieldReader(root, context: nil)
        // The version comes first: a newer file may hold things this Cadence cannot read.
        guard let versionNode = top.take("schemaVersion") else {
            throw Failure(offset: root.offset, message: "missing \"schemaVersion\" (is this a Cadence calendar?)")
        }
        guard case .number(let text) = versionNode.kind, let version = Int(text), version >= 1 else {
            throw Failure(offset: versionNode.offset, message: "\"schemaVersion\" must be a whole number of at least 1")
        }
        if version > schemaVersion { throw CadenceError.newerSchema(path: path, found: version, supported: schemaVersion) }

        var name = try top.string("name") ?? ""
        let clock: ZoneClock
        if let template {
            _ = try top.string("description")
            _ = top.take("timeZone")
            clock = template.zone
            if let given = template.name { name = given }
        } else {
            guard let zoneNode = top.take("timeZone") else {
                throw Failure(offset: root.offset, message: "missing \"timeZone\" (an IANA zone such as \"Europe/Berlin\")")
            }
            let zoneName: String? = if case .string(let name) = zoneNode.kind { name } else { nil }
            guard let zoneName, let zone = ZoneClock(identifier: zoneName) else {
                let found = zoneName.map { ", not \"\($0)\"" + ZoneClock.didYouMean($0) } ?? ""
                throw Failure(offset: zoneNode.offset, message: "\"timeZone\" must be an IANA time zone such as \"Europe/Berlin\"\(found)")
            }
            clock = zone
        }
        var weekStart = Weekday.monday
        if let node = top.take("weekStart") {
            guard case .string(let s) = node.kind, let day = Weekday(rawValue: s.lowercased()) else {
                throw Failure(offset: node.offset, message: "\"weekStart\" must be a day such as \"monday\" or \"sunday\"")
            }
            weekStart = day
        }

        let categories = try top.list("categories") { node in try decodeCategory(node) }
        try requireUnique(categories.map { ($0.value.id, $0.offset) }, what: "category")
        let rules = try decodeRules(top.take("rules"), context: "calendar")
        let decodedChannels = try top.list("channels") { node in try decodeChannel(node) }
        let channels = decodedChannels.map { (value: $0.value.channel, offset: $0.offset) }
        try requireUnique(channels.map { ($0.value.id, $0.offset) }, what: "channel")

        let conflicts = try top.list("conflicts") { node in try decodeSettingsConflict(node) }.map(\.value)
        let postNodes = try top.list("posts") { node in node }
        var posts: [Post] = []
        posts.reserveCapacity(postNodes.count)
        let channelIDs = Set(channels.map(\.value.id))
        let categoryIDs = Set(categories.map(\.value.id))
        var seenIDs = Set<PostID>()
        for item in postNodes {
            let post = try decodePost(item.value, channels: channelIDs, categories: categoryIDs)
            if !seenIDs.insert(post.id).inserted {
                throw Failure(offset: item.offset, message: "post \"\(post.id)\": the id is used by another post too")
            }
            posts.append(post)
        }

        var calendar = ContentCalendar(
            name: name, clock: clock, weekStart: weekStart, categories: categories.map(\.value),
            channels: channels.map(\.value), rules: rules.settings, extra: top.rest(), posts: posts)
        calendar.conflicts = conflicts
        // Rules may name categories; those must exist.
        for (settings, offset) in [(rules.settings, rules.offset)] + channels.map({ ($0.value.rules, $0.offset) }) {
            for (id, params) in settings.byRule {
                for key in ["max", "categories"] {
                    let names: [String]
                    switch (id, params[key]) {
                    case (CategoryPerWeekRule.id, .object(let map)?) where key == "max": names = map.keys
                    case (LinkRequiredRule.id, .array(let items)?) where key == "categories": names = items.compactMap(\.stringValue)
                    default: continue
                    }
                    if let missing = names.first(where: { !categoryIDs.contains($0) }) {
                        throw Failure(offset: offset, message: "rule \(id) names the category \"\(missing)\", which \"categories\" does not define")
                    }
                }
            }
        }
        // Settings that only fail once the layers are merged (a min above a max, a rule put in
        // force without its parameters) are file errors too, shown where the channel sets the
        // rule, or else where the calendar does.
        if let problem = RuleBook(calendar).settingsProblems.first {
            let channel = decodedChannels.first { $0.value.channel.id == problem.channel }
            let offset = channel?.value.ruleOffsets[problem.rule] ?? rules.keyOffsets[problem.rule] ?? channel?.offset ?? root.offset
            throw Failure(offset: offset, message: "channel \"\(problem.channel)\": rule \(problem.rule): \(problem.message)")
        }
        return calendar
    }

    static func decodeCategory(_ node: JSONNode) throws -> Category {
        var reader = try FieldReader(node, context: "a category")
        let id = try reader.requiredString("id")
        guard Channel.isValidID(id) else {
            throw Failure(offset: reader.offset(of: "id"), message: "category id \"\(id)\" must be lower-case letters, digits, '-' or '_'")
        }
        reader.context = "category \"\(id)\""
        let name = try reader.string("name") ?? id
        return Category(id: id, name: name, extra: reader.rest())
    }

    static func decodeChannel(_ node: JSONNode) throws -> (channel: Channel, ruleOffsets: [String: Int]) {
        var reader = try FieldReader(node, context: "a channel")
        let id = try reader.requiredString("id")
        guard Channel.isValidID(id) else {
            throw Failure(offset: reader.offset(of: "id"), message: "channel id \"\(id)\" must be lower-case letters, digits, '-' or '_'")
        }
        reader.context = "channel \"\(id)\""
        let name = try reader.string("name") ?? id
        let network = try reader.string("network")
        // A network Cadence does not know would quietly leave out that network's limits.
        if let network, NetworkProfile.named(network) == nil {
            let near = NetworkProfile.nearest(to: network).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw Failure(
                offset: reader.offset(of: "network"),
                message: "channel \"\(id)\": network \"\(network)\" is not one Cadence knows\(near); networks are \(NetworkProfile.all.map(\.id).joined(separator: ", ")). For another network leave \"network\" out and set the channel's rules")
        }
        let postingTimes = try reader.list("postingTimes") { node in
            guard case .string(let text) = node.kind, let time = LocalTime(text) else {
                let found = if case .string(let text) = node.kind { "\"\(text)\"" } else { node.typeName }
                throw Failure(offset: node.offset, message: "channel \"\(id)\": field \"postingTimes\" must list times of day as \"HH:MM\", found \(found)")
            }
            return time
        }
        let rules = try decodeRules(reader.take("rules"), context: "channel \"\(id)\"")
        let channel = Channel(id: id, name: name, network: network, postingTimes: postingTimes.map(\.value), rules: rules.settings, extra: reader.rest())
        return (channel, rules.keyOffsets)
    }

    static func decodeRules(_ node: JSONNode?, context: String) throws -> (settings: RuleSettings, offset: Int, keyOffsets: [String: Int]) {
        guard let node else { return (RuleSettings(), 0, [:]) }
        guard case .object(let members) = node.kind else {
            throw Failure(offset: node.offset, message: "\(context): \"rules\" must be an object of rule settings")
        }
        var settings = RuleSettings()
        var keyOffsets: [String: Int] = [:]
        for member in members {
            keyOffsets[member.key] = member.keyOffset
            guard case .object = member.value.kind, case .object(let params) = member.value.value else {
                throw Failure(offset: member.value.offset, message: "\(context): rule \"\(member.key)\" must be an object of settings, such as {\"max\": 5}")
            }
            settings[member.key] = params
            if let problem = RuleCatalog.validate(RuleSettings([member.key: params])) {
                let offset = problem.error.key.flatMap { key in
                    if case .object(let inner) = member.value.kind { return inner.first { $0.key == key }?.keyOffset }
                    return nil
                } ?? member.keyOffset
                throw Failure(offset: offset, message: "\(context): rule \(problem.rule): \(problem.error.message)")
            }
        }
        return (settings, node.offset, keyOffsets)
    }

    static func decodePost(_ node: JSONNode, channels: Set<String>, categories: Set<String>) throws -> Post {
        var reader = try FieldReader(node, context: "a post")
        let idText = try reader.requiredString("id")
        guard let id = PostID(idText) else {
            throw Failure(offset: reader.offset(of: "id"), message: "post id \"\(idText)\" must be lower-case letters, digits, '-' or '_'")
        }
        reader.context = "post \"\(id)\""
        let channel = try reader.requiredString("channel")
        guard channels.contains(channel) else {
            throw Failure(offset: reader.offset(of: "channel"), message: "post \"\(id)\": field \"channel\": no channel \"\(channel)\" in \"channels\"")
        }
        var at: Date? = nil
        if let text = try reader.string("at") {
            guard let date = ZoneClock.parseTimestamp(text) else {
                throw Failure(
                    offset: reader.offset(of: "at"),
                    message: "post \"\(id)\": field \"at\": \"\(text)\" is not a date and time with its UTC offset, like \"2026-11-24T09:30:00+01:00\"")
            }
            // The day as written (in the calendar's zone when Cadence wrote it).
            guard let day = CivilDate(iso: text.prefix(10)), CivilDate.plannable.contains(day) else {
                throw Failure(
                    offset: reader.offset(of: "at"),
                    message: "post \"\(id)\": field \"at\": \"\(text)\" is outside the years Cadence plans (\(CivilDate.plannableText))")
            }
            // Plans are made to the minute: seconds would be lost on the way through a sheet.
            let seconds = ZoneClock.secondsPastMinute(date)
            guard seconds == 0 else {
                throw Failure(
                    offset: reader.offset(of: "at"),
                    message: "post \"\(id)\": field \"at\": \"\(text)\" is \(seconds) s past the minute; posts go out on whole minutes (:00 seconds)")
            }
            at = date
        }
        let title = try reader.requiredString("title")
        let text = try reader.string("text") ?? ""
        let category = try reader.string("category")
        if let category, !categories.contains(category) {
            throw Failure(offset: reader.offset(of: "category"), message: "post \"\(id)\": field \"category\": no category \"\(category)\" in \"categories\"")
        }
        var status: PostStatus? = nil
        if let s = try reader.string("status") {
            guard let parsed = PostStatus(rawValue: s) else {
                throw Failure(offset: reader.offset(of: "status"), message: "post \"\(id)\": field \"status\": \"\(s)\" is not one of \(PostStatus.names)")
            }
            status = parsed
        }
        let link = try reader.string("link")
        let media = try reader.strings("media")
        let tags = try reader.strings("tags")
        let notes = try reader.string("notes") ?? ""
        let changedBy = try reader.string("changedBy")
        var changedAt: Date? = nil
        if let text = try reader.string("changedAt") {
            guard let date = ZoneClock.parseTimestamp(text) else {
                throw Failure(offset: reader.offset(of: "changedAt"), message: "post \"\(id)\": field \"changedAt\": \"\(text)\" is not a date and time with its UTC offset")
            }
            changedAt = date
        }
        let conflict = try reader.take("conflict").map { try decodePostConflict($0, post: id) }
        var post = Post(
            id: id, channel: channel, at: at, title: title, text: text, category: category, status: status,
            link: link.flatMap { $0.isEmpty ? nil : $0 }, media: media, tags: tags, notes: notes, extra: reader.rest())
        post.changedBy = changedBy
        post.changedAt = changedAt
        post.conflict = conflict
        if let problem = post.contentProblem {
            throw Failure(offset: reader.offset(of: problem.field), message: "post \"\(id)\": field \"\(problem.field)\": \(problem.message)")
        }
        return post
    }

    static func decodeValues(_ reader: inout FieldReader) -> PostConflict.Values {
        PostConflict.Values(
            base: reader.take("base")?.value, ours: reader.take("ours")?.value, theirs: reader.take("theirs")?.value,
            others: reader.take("others")?.value.arrayValue ?? [])
    }

    static func decodePostConflict(_ node: JSONNode, post id: PostID) throws -> PostConflict {
        var reader = try FieldReader(node, context: "post \"\(id)\": \"conflict\"")
        var conflict = PostConflict()
        conflict.oursBy = try reader.string("oursBy")
        conflict.theirsBy = try reader.string("theirsBy")
        conflict.mergedBy = try reader.string("mergedBy")
        conflict.onReload = try reader.bool("onReload") ?? false
        if let side = try reader.string("deletedBy") {
            guard let parsed = MergeSide(rawValue: side) else {
                throw Failure(offset: reader.offset(of: "deletedBy"), message: "post \"\(id)\": \"conflict\": \"deletedBy\" must be \"ours\" or \"theirs\"")
            }
            conflict.deletedBy = parsed
        }
        if let fields = reader.take("fields") {
            guard case .object(let members) = fields.kind else {
                throw Failure(offset: fields.offset, message: "post \"\(id)\": \"conflict\": \"fields\" must be an object")
            }
            for member in members {
                var values = try FieldReader(member.value, context: "post \"\(id)\": conflict on \"\(member.key)\"")
                conflict.fields[member.key] = decodeValues(&values)
            }
        }
        return conflict
    }

    static func decodeSettingsConflict(_ node: JSONNode) throws -> SettingsConflict {
        var reader = try FieldReader(node, context: "a conflict")
        let path = try reader.strings("path")
        guard !path.isEmpty else { throw Failure(offset: node.offset, message: "a conflict needs its \"path\"") }
        let values = decodeValues(&reader)
        var deletedBy: MergeSide? = nil
        if let side = try reader.string("deletedBy") {
            guard let parsed = MergeSide(rawValue: side) else {
                throw Failure(offset: reader.offset(of: "deletedBy"), message: "a conflict's \"deletedBy\" must be \"ours\" or \"theirs\"")
            }
            deletedBy = parsed
        }
        return SettingsConflict(
            path: path, values: values, note: try reader.string("note"), mergedBy: try reader.string("mergedBy"),
            onReload: try reader.bool("onReload") ?? false, deletedBy: deletedBy)
    }

    static func requireUnique(_ items: [(String, Int)], what: String) throws {
        var seen = Set<String>()
        for (id, offset) in items where !seen.insert(id).inserted {
            let plural = what.hasSuffix("y") ? what.dropLast() + "ies" : what + "s"
            throw Failure(offset: offset, message: "two \(plural) have the id \"\(id)\"")
        }
    }

    // MARK: Writing

    public static func encode(_ calendar: ContentCalendar) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 1024 + calendar.posts.count * 320)
        writer.write(encodeValue(calendar), level: 0)
        return writer.bytes + [0x0A]
    }

    /// The calendar as the JSON value the file holds.
    public static func encodeValue(_ calendar: ContentCalendar) -> JSONValue {
        var root = JSONObject()
        root["schemaVersion"] = .int(schemaVersion)
        root["name"] = .string(calendar.name)
        root["timeZone"] = .string(calendar.clock.identifier)
        root["weekStart"] = .string(calendar.weekStart.rawValue)
        root["categories"] = .array(calendar.categories.map(encodeCategory))
        root["rules"] = encodeRules(calendar.rules)
        root["channels"] = .array(calendar.channels.map(encodeChannel))
        if !calendar.conflicts.isEmpty { root["conflicts"] = .array(calendar.conflicts.map(encodeSettingsConflict)) }
        root["posts"] = .array(calendar.sortedPosts.map { encodePost($0, clock: calendar.clock) })
        appendExtra(calendar.extra, to: &root)
        return .object(root)
    }

    static func encodeValues(_ values: PostConflict.Values, into object: inout JSONObject) {
        if let base = values.base { object["base"] = base }
        if let ours = values.ours { object["ours"] = ours }
        if let theirs = values.theirs { object["theirs"] = theirs }
        if !values.others.isEmpty { object["others"] = .array(values.others) }
    }

    static func encodeSettingsConflict(_ conflict: SettingsConflict) -> JSONValue {
        var object = JSONObject(["path": .array(conflict.path.map(JSONValue.string))])
        encodeValues(conflict.values, into: &object)
        if let note = conflict.note { object["note"] = .string(note) }
        if let mergedBy = conflict.mergedBy { object["mergedBy"] = .string(mergedBy) }
        if conflict.onReload { object["onReload"] = .bool(true) }
        if let deleter = conflict.deletedBy { object["deletedBy"] = .string(deleter.rawValue) }
        return .object(object)
    }

    static func encodeCategory(_ category: Category) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(category.id)
        object["name"] = .string(category.name)
        appendExtra(category.extra, to: &object)
        return .object(object)
    }

    static func encodeChannel(_ channel: Channel) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(channel.id)
        object["name"] = .string(channel.name)
        if let network = channel.network { object["network"] = .string(network) }
        if !channel.postingTimes.isEmpty { object["postingTimes"] = .array(channel.postingTimes.map { .string($0.description) }) }
        object["rules"] = encodeRules(channel.rules)
        appendExtra(channel.extra, to: &object)
        return .object(object)
    }

    /// Rules in the catalog's order, their parameters sorted; rules Cadence does not know
    /// cannot be in a loaded calendar, but would follow in name order.
    static func encodeRules(_ settings: RuleSettings) -> JSONValue {
        let order = RuleCatalog.ids
        let ids = settings.byRule.keys.sorted { (order.firstIndex(of: $0) ?? Int.max, $0) < (order.firstIndex(of: $1) ?? Int.max, $1) }
        return .object(JSONObject(ids.map { JSONObject.Member(key: $0, value: .object(settings.byRule[$0]!.canonicalized)) }))
    }

    static func encodePost(_ post: Post, clock: ZoneClock) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(post.id.rawValue)
        object["channel"] = .string(post.channel)
        if let at = post.at { object["at"] = .string(clock.rfc3339(at)) }
        object["title"] = .string(post.title)
        if !post.text.isEmpty { object["text"] = .string(post.text) }
        if let category = post.category { object["category"] = .string(category) }
        object["status"] = .string(post.status.rawValue)
        if let link = post.link, !link.isEmpty { object["link"] = .string(link) }
        if !post.media.isEmpty { object["media"] = .array(post.media.map(JSONValue.string)) }
        if !post.tags.isEmpty { object["tags"] = .array(post.tags.map(JSONValue.string)) }
        if !post.notes.isEmpty { object["notes"] = .string(post.notes) }
        if let changedBy = post.changedBy { object["changedBy"] = .string(changedBy) }
        if let changedAt = post.changedAt { object["changedAt"] = .string(clock.rfc3339(changedAt)) }
        object["conflict"] = encodeConflict(of: post)
        appendExtra(post.extra, to: &object)
        return .object(object)
    }

    /// A post's open conflict as the file writes it; nil when there is none.
    public static func encodeConflict(of post: Post) -> JSONValue? {
        guard let conflict = post.conflict, !conflict.isEmpty else { return nil }
        var value = JSONObject()
        if let side = conflict.deletedBy { value["deletedBy"] = .string(side.rawValue) }
        if let name = conflict.oursBy { value["oursBy"] = .string(name) }
        if let name = conflict.theirsBy { value["theirsBy"] = .string(name) }
        if let name = conflict.mergedBy { value["mergedBy"] = .string(name) }
        if conflict.onReload { value["onReload"] = .bool(true) }
        if !conflict.fields.isEmpty {
            value["fields"] = .object(JSONObject(conflict.fields.keys.sorted().map { key in
                var values = JSONObject()
                encodeValues(conflict.fields[key]!, into: &values)
                return .init(key: key, value: .object(values))
            }))
        }
        return .object(value)
    }

    static func appendExtra(_ extra: JSONObject, to object: inout JSONObject) {
        for member in extra.canonicalized.members where object[member.key] == nil {
            object[member.key] = member.value
        }
    }
}

/// Reads an object's fields one by one; what is left over is kept as unknown fields.
struct FieldReader {
    private let members: [JSONNode.Member]
    private var used = Set<String>()
    let objectOffset: Int
    var context: String?

    init(_ node: JSONNode, context: String?) throws {
        guard case .object(let members) = node.kind else {
            throw CalendarCodec.Failure(offset: node.offset, message: context.map { "expected \($0) as an object, found \(node.typeName)" } ?? "expected an object, found \(node.typeName)")
        }
        self.members = members
        self.objectOffset = node.offset
        self.context = context
    }

    private func prefix(_ key: String) -> String {
        (context.map { "\($0): " } ?? "") + "field \"\(key)\""
    }

    func offset(of key: String) -> Int {
        members.first { $0.key == key }?.value.offset ?? objectOffset
    }

    mutating func take(_ key: String) -> JSONNode? {
        guard let member = members.first(where: { $0.key == key }) else { return nil }
        used.insert(key)
        return member.value
    }

    mutating func string(_ key: String) throws -> String? {
        guard let node = take(key) else { return nil }
        switch node.kind {
        case .string(let s): return s
        case .null: return nil
        default: throw CalendarCodec.Failure(offset: node.offset, message: "\(prefix(key)) must be text, found \(node.typeName)")
        }
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let node = take(key) else { return nil }
        switch node.kind {
        case .bool(let b): return b
        case .null: return nil
        default: throw CalendarCodec.Failure(offset: node.offset, message: "\(prefix(key)) must be true or false, found \(node.typeName)")
        }
    }

    mutating func requiredString(_ key: String) throws -> String {
        guard let value = try string(key) else {
            throw CalendarCodec.Failure(offset: objectOffset, message: "\(context ?? "object"): missing field \"\(key)\"")
        }
        return value
    }

    mutating func strings(_ key: String) throws -> [String] {
        guard let node = take(key) else { return [] }
        if case .null = node.kind { return [] }
        guard case .array(let items) = node.kind else {
            throw CalendarCodec.Failure(offset: node.offset, message: "\(prefix(key)) must be a list of text, found \(node.typeName)")
        }
        return try items.map { item in
            guard case .string(let s) = item.kind else {
                throw CalendarCodec.Failure(offset: item.offset, message: "\(prefix(key)) must be a list of text, found \(item.typeName) in it")
            }
            return s
        }
    }

    mutating func list<T>(_ key: String, _ transform: (JSONNode) throws -> T) throws -> [(value: T, offset: Int)] {
        guard let node = take(key) else { return [] }
        guard case .array(let items) = node.kind else {
            throw CalendarCodec.Failure(offset: node.offset, message: "\(prefix(key)) must be a list, found \(node.typeName)")
        }
        return try items.map { (try transform($0), $0.offset) }
    }

    /// The fields nobody took: kept so that saving never drops them.
    func rest() -> JSONObject {
        JSONObject(members.filter { !used.contains($0.key) }.map { .init(key: $0.key, value: $0.value.value) })
    }
}
