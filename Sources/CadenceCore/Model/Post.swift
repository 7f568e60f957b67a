import Foundation

/// A post's stable id: created once, never reused, the same on every clone of a shared file.
/// Generated ids are ten characters of lower-case base 32 (50 random bits), so two people who
/// add posts on their own clones do not collide; hand-written ids such as `launch-1` work too.
public struct PostID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ rawValue: String) {
        guard PostID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public static func isValid(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { b in
                (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            }
    }

    /// Digits and letters without i, l, o and u, which are easy to misread.
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// A fresh random id not in `existing`.
    public static func generate<G: RandomNumberGenerator>(
        avoiding existing: (PostID) -> Bool, using generator: inout G
    ) -> PostID {
        while true {
            let text = String((0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
            let id = PostID(text)!
            if !existing(id) { return id }
        }
    }

    public var description: String { rawValue }

    /// Whether the id has the shape of one `generate` makes (ten characters of its alphabet),
    /// rather than one typed by hand (`launch-1`). Two posts made apart never share such an id.
    public var looksGenerated: Bool {
        rawValue.count == 10 && rawValue.allSatisfy { PostID.alphabet.contains($0) }
    }

    public static func < (lhs: PostID, rhs: PostID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a post stands on its way to the feed, in order.
public enum PostStatus: String, CaseIterable, Sendable, Comparable {
    case idea, draft, review, approved, scheduled, published

    /// Approved, scheduled and published posts have passed review.
    public var isApproved: Bool { self >= .approved }

    public static func < (lhs: PostStatus, rhs: PostStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// One planned post on one channel, or an undated idea.
public struct Post: Equatable, Sendable {
    public var id: PostID
    public var channel: String
    /// When it goes out; `nil` for an idea that has no date yet.
    public var at: Date?
    public var title: String
    public var text: String
    public var category: String?
    public var status: PostStatus
    public var link: String?
    public var media: [String]
    public var tags: [String]
    public var notes: String
    /// Who last changed the post (git's user.name, else the login name) and when.
    public var changedBy: String?
    public var changedAt: Date?
    /// What a merge could not decide for this post, until someone resolves it.
    public var conflict: PostConflict?
    /// Fields Cadence does not know, kept as they were read so that no one's data is dropped.
    public var extra: JSONObject

    public init(
        id: PostID, channel: String, at: Date? = nil, title: String, text: String = "", category: String? = nil,
        status: PostStatus? = nil, link: String? = nil, media: [String] = [], tags: [String] = [], notes: String = "",
        extra: JSONObject = JSONObject()
    ) {
        self.id = id
        self.channel = channel
        self.at = at
        self.title = title
        self.text = text
        self.category = category
        self.status = status ?? (at == nil ? .idea : .draft)
        self.link = link
        self.media = media
        self.tags = tags
        self.notes = notes
        self.extra = extra
    }

    public var isIdea: Bool { at == nil }

    /// Whether a merge left something here for someone to decide.
    public var hasConflict: Bool { conflict.map { !$0.isEmpty } ?? false }

    /// Records who changed the post, and when: a second after the change before at the
    /// earliest (the planner's clock moves by the minute; a command's by the second), so that
    /// every change is later than the last, as calendars comparing versions (iCalendar's
    /// `SEQUENCE`) need.
    public mutating func stamp(by author: String?, at date: Date) {
        changedBy = author
        let at = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        changedAt = changedAt.map { at > $0 ? at : $0.addingTimeInterval(1) } ?? at
    }
}

extension Post {
    /// This post after a change from `old`: a copy tagged `adapt` (rewrite it for this
    /// channel) whose text was rewritten is adapted, and the tag goes, unless the change set
    /// the tags itself. A "!" added, or a change of case or spacing, is no rewrite (nor is it
    /// to the same-text rule).
    public func adapted(from old: Post) -> Post {
        // Text taken away is no rewrite either: the copy is still to write.
        guard old.tags.contains(NotAdaptedRule.tag), tags == old.tags, !TextMetrics.isBlank(text),
            TextMetrics.normalizedForComparison(text) != TextMetrics.normalizedForComparison(old.text)
        else { return self }
        var post = self
        post.tags.removeAll { $0 == NotAdaptedRule.tag }
        return post
    }
}

/// Which version a merge value came from: the one being merged into (`ours`, "mine" in the
/// planner) or the one merged in (`theirs`).
public enum MergeSide: String, Sendable, Hashable {
    case ours, theirs

    /// The side in words anyone reading the file understands: "Nino's side" and "the side Nino
    /// merged in" when it is known who merged, else "our side" and "their side".
    func name(mergedBy: String?, onReload: Bool = false) -> String {
        // Words that stay true once the merged plan is saved and read again later.
        if onReload { return self == .ours ? "the planner's version" : "the version read from disk" }
        return switch (self, mergedBy) {
        case (.ours, let person?): "\(possessive(person)) side"
        case (.theirs, let person?): "the side \(person) merged in"
        case (.ours, nil): "our side"
        case (.theirs, nil): "their side"
        }
    }
}

/// "Bob's", "the maintainers'".
func possessive(_ name: String) -> String { name.hasSuffix("s") ? name + "'" : name + "'s" }

/// How a conflict calls its two sides: `name` in messages, `choice` for what taking a side is
/// called ("take Bob's", "take the side Nino merged in").
public protocol MergeSideNaming {
    func name(of side: MergeSide) -> String
    func choice(of side: MergeSide) -> String
}

/// A post's unresolved merge: fields both sides changed differently, and whether one side
/// deleted the post that the other changed. Values are as the file writes them (`at` as text).
public struct PostConflict: Equatable, Sendable, MergeSideNaming {
    public struct Values: Equatable, Sendable {
        public var base: JSONValue?
        public var ours: JSONValue?
        public var theirs: JSONValue?
        /// Values an earlier, unresolved conflict on the same field proposed: kept so that a
        /// merge of a merge loses none of them.
        public var others: [JSONValue]

        public init(base: JSONValue?, ours: JSONValue?, theirs: JSONValue?, others: [JSONValue] = []) {
            self.base = base
            self.ours = ours
            self.theirs = theirs
            self.others = others
        }
    }

    /// Field name → the three versions; the post holds `ours` until it is resolved.
    public var fields: [String: Values]
    /// The side that deleted the post the other side changed.
    public var deletedBy: MergeSide?
    /// Who last changed the post on each side, when known, and who merged: "ours" and
    /// "theirs" only mean something to the person who merged.
    public var oursBy: String?
    public var theirsBy: String?
    public var mergedBy: String?
    /// Made by the planner merging its unsaved edits (ours) into the file as changed on disk
    /// (theirs), where both sides are usually the same person's.
    public var onReload = false

    public init(fields: [String: Values] = [:], deletedBy: MergeSide? = nil, oursBy: String? = nil, theirsBy: String? = nil, mergedBy: String? = nil) {
        self.fields = fields
        self.deletedBy = deletedBy
        self.oursBy = oursBy
        self.theirsBy = theirsBy
        self.mergedBy = mergedBy
    }

    public var isEmpty: Bool { fields.isEmpty && deletedBy == nil }

    /// How to call a side to anyone reading the conflict: the person, when known.
    public func name(of side: MergeSide) -> String { person(of: side) ?? side.name(mergedBy: mergedBy, onReload: onReload) }

    /// "by Bob" for a person, "on the side Nino merged in" for a side.
    public func agent(of side: MergeSide) -> String {
        person(of: side).map { "by \($0)" } ?? (onReload ? "in " : "on ") + side.name(mergedBy: mergedBy, onReload: onReload)
    }

    /// What taking a side's values is called: "Bob's", or "the side Nino merged in".
    public func choice(of side: MergeSide) -> String { person(of: side).map(possessive) ?? side.name(mergedBy: mergedBy, onReload: onReload) }

    /// Who last changed the post on that side, when known and not the same on both (nor a
    /// reload, where the sides are versions, not people).
    private func person(of side: MergeSide) -> String? {
        guard !onReload else { return nil }
        let person = side == .ours ? oursBy : theirsBy
        guard let person, person != (side == .ours ? theirsBy : oursBy) else { return nil }
        return person
    }
}

/// A setting both sides changed differently (a channel's name, a rule's parameter), or a
/// channel or category one side deleted while the other still uses it. The calendar holds
/// `ours` until it is resolved.
public struct SettingsConflict: Equatable, Sendable, MergeSideNaming {
    /// Where, as keys from the top of the file: ["channels", "facebook", "rules", "spacing", "minutes"].
    public var path: [String]
    public var values: PostConflict.Values
    public var note: String?
    /// Who merged: "ours" is their side.
    public var mergedBy: String?
    /// Made by the planner reloading a file changed on disk (see `PostConflict.onReload`).
    public var onReload = false
    /// For a channel or category kept because posts used it: the side that deleted it.
    public var deletedBy: MergeSide?

    public init(
        path: [String], values: PostConflict.Values, note: String? = nil, mergedBy: String? = nil, onReload: Bool = false,
        deletedBy: MergeSide? = nil
    ) {
        self.path = path
        self.values = values
        self.note = note
        self.mergedBy = mergedBy
        self.onReload = onReload
        self.deletedBy = deletedBy
    }

    /// For a kept channel or category (`["channels", id]`): how many posts use it now.
    public func users(in calendar: ContentCalendar) -> Int? {
        guard note != nil, path.count == 2 else { return nil }
        switch path[0] {
        case "channels": return calendar.postCount(channel: path[1])
        case "categories": return calendar.postCount(category: path[1])
        default: return nil
        }
    }

    /// Whether the kept channel or category is still defined in the calendar.
    public func isDefined(in calendar: ContentCalendar) -> Bool {
        guard path.count == 2 else { return false }
        return path[0] == "channels" ? calendar.channel(path[1]) != nil : calendar.category(path[1]) != nil
    }

    public func name(of side: MergeSide) -> String { side.name(mergedBy: mergedBy, onReload: onReload) }

    public func choice(of side: MergeSide) -> String { name(of: side) }

    /// The merge driver's mark that one side's file could not be read (`["file", side]`, or
    /// `["file"]` from earlier versions): settling it says the readable side is the one kept.
    public var isUnreadableSide: Bool { path.first == "file" }

    /// The merge driver's mark that the two sides could not be merged into a valid calendar
    /// (`["merge", side]`): the file is the other side, and the changes of `side` are left out.
    public var isUnmergeable: Bool { path.first == "merge" }

    /// The side whose version is not in the file, for the driver's marks: it cannot be taken.
    public var lostSide: MergeSide? {
        guard isUnreadableSide || isUnmergeable, path.count == 2 else { return nil }
        return MergeSide(rawValue: path[1])
    }

    /// `channel facebook › rules › spacing › minutes`
    public var place: String {
        if isUnreadableSide || isUnmergeable { return path[0] }
        guard path.count >= 2, ["channels", "categories"].contains(path[0]) else { return path.joined(separator: " › ") }
        return ([(path[0] == "channels" ? "channel " : "category ") + path[1]] + path.dropFirst(2)).joined(separator: " › ")
    }
}
