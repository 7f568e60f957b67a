import Algorithms
import Foundation

/// One content calendar: its channels, categories, rule settings and posts, with indexes by day
/// and by text that every change keeps up to date, so that a week's posts or a day's rules are
/// found without scanning the whole plan.
public struct ContentCalendar: Sendable {
    public var name: String
    public internal(set) var clock: ZoneClock
    /// The first day of the calendar's weeks; Monday gives ISO weeks.
    public var weekStart: Weekday
    public var categories: [Category]
    public var channels: [Channel]
    /// Calendar-wide rule settings, laid over each network's defaults; a channel's own settings
    /// are laid over these.
    public var rules: RuleSettings
    public var extra: JSONObject
    /// Settings a merge could not decide, until someone resolves them.
    public var conflicts: [SettingsConflict] = []
    public private(set) var posts: [PostID: Post]
    private var index = PlanIndex()

    public init(
        name: String, clock: ZoneClock, weekStart: Weekday = .monday, categories: [Category] = [],
        channels: [Channel] = [], rules: RuleSettings = RuleSettings(), extra: JSONObject = JSONObject(),
        posts: [Post] = []
    ) {
        self.name = name
        self.clock = clock
        self.weekStart = weekStart
        self.categories = categories
        self.channels = channels
        self.rules = rules
        self.extra = extra
        self.posts = Dictionary(posts.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        rebuildIndex()
    }

    public var timeZone: TimeZone { clock.timeZone }

    /// The same settings and conflicts with other posts, indexed afresh. References are not
    /// checked: the caller has (see `validateReferences(of:)`).
    public func replacingPosts(_ posts: [Post]) -> ContentCalendar {
        var copy = self
        copy.posts = Dictionary(posts.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        copy.rebuildIndex()
        return copy
    }

    // MARK: Lookups

    public func channel(_ id: String) -> Channel? { channels.first { $0.id == id } }
    public func category(_ id: String) -> Category? { categories.first { $0.id == id } }

    /// Finds a channel by id or, ignoring case, by name.
    public func findChannel(_ text: String) throws(CadenceError) -> Channel {
        if let exact = channel(text) { return exact }
        let lowered = text.lowercased()
        if let match = channels.first(where: { $0.id == lowered || $0.name.lowercased() == lowered }) { return match }
        throw .unknownChannel(text, known: channels.map(\.id))
    }

    /// Finds a category by id or, ignoring case, by name.
    public func findCategory(_ text: String) throws(CadenceError) -> Category {
        if let exact = category(text) { return exact }
        let lowered = text.lowercased()
        if let match = categories.first(where: { $0.id == lowered || $0.name.lowercased() == lowered }) { return match }
        throw .unknownCategory(text, known: categories.map(\.id))
    }

    /// Finds a post by its id or by an unambiguous start of it (at least four characters), as
    /// git does with commit ids.
    public func findPost(_ text: String) throws(CadenceError) -> Post {
        if let id = PostID(text), let post = posts[id] { return post }
        let lowered = text.lowercased()
        guard lowered.count >= 4 else { throw .shortPostID(text) }
        let matches = posts.keys.filter { $0.rawValue.hasPrefix(lowered) }
        guard let first = matches.first else { throw .unknownPost(text) }
        guard matches.count == 1 else { throw .ambiguousPost(text, matches: matches.sorted().map(\.rawValue)) }
        return posts[first]!
    }

    /// A scheduled post's time as lists and messages show it (see `ZoneClock.timeText`).
    public func timeText(of id: PostID) -> String? { posts[id]?.at.map(clock.timeText) }

    /// The wall-clock date and time of a scheduled post in the calendar's zone.
    public func local(of id: PostID) -> LocalDateTime? { index.local[id] }

    /// A day's scheduled posts, in time order (then channel, then id).
    public func posts(on day: CivilDate) -> [Post] {
        (index.byDay[day.dayNumber] ?? []).map { posts[$0]! }
    }

    public func posts(on day: CivilDate, channel: String) -> [Post] {
        (index.byDay[day.dayNumber] ?? []).compactMap { id in
            let post = posts[id]!
            return post.channel == channel ? post : nil
        }
    }

    /// The number of scheduled posts on a day, without building them.
    public func postCount(on day: CivilDate) -> Int { index.byDay[day.dayNumber]?.count ?? 0 }

    /// How many posts (ideas included) are on a channel, or in a category: kept as posts come
    /// and go, so asking costs nothing.
    public func postCount(channel: String) -> Int { index.perChannel[channel] ?? 0 }
    public func postCount(category: String) -> Int { index.perCategory[category] ?? 0 }

    /// Days (as day numbers) that hold at least one scheduled post, in order.
    public var daysWithPosts: [Int] { index.byDay.keys.sorted() }

    public var ideaCount: Int { index.ideas.count }

    /// The posts that hold an unresolved merge conflict, from the index (no scan of the plan).
    public var conflictedPosts: [Post] { index.conflicted.map { posts[$0]! } }

    /// Undated posts, by channel then id.
    public var ideas: [Post] {
        index.ideas.map { posts[$0]! }
    }

    /// Scheduled posts whose text reads the same as `text` (ignoring case and spacing).
    public func postsSharing(text: String) -> [Post] {
        let key = TextMetrics.normalizedForComparison(text)
        guard !key.isEmpty, let group = index.byText[key] else { return [] }
        return group.ids.map { posts[$0]! }
    }

    /// The scheduled posts whose text reads the same as this scheduled post's, itself included;
    /// empty when no other post shares its text.
    public func postsSharingText(with id: PostID) -> [Post] {
        guard let key = index.textKey[id], case .many(let ids)? = index.byText[key] else { return [] }
        return ids.map { posts[$0]! }.sorted(by: canonicalOrder)
    }

    /// All posts in the file's order: by time, then channel, then id; ideas last.
    public var sortedPosts: [Post] {
        var result: [Post] = []
        result.reserveCapacity(posts.count)
        for day in index.byDay.keys.sorted() {
            result.append(contentsOf: index.byDay[day]!.map { posts[$0]! })
        }
        result.append(contentsOf: ideas)
        return result
    }

    public func weekStart(of day: CivilDate) -> CivilDate { day.startOfWeek(weekStart) }

    // MARK: Changes

    /// Adds a post or replaces the post with the same id. Channel and category must exist.
    public mutating func put(_ post: Post) throws(CadenceError) {
        try validateReferences(of: post)
        if let old = posts[post.id] { unindex(old) }
        posts[post.id] = post
        indexPost(post)
    }

    @discardableResult
    public mutating func remove(_ id: PostID) -> Post? {
        guard let old = posts.removeValue(forKey: id) else { return nil }
        unindex(old)
        return old
    }

    /// A fresh id, never used by a post in this calendar.
    public func newPostID() -> PostID {
        var generator = SystemRandomNumberGenerator()
        return PostID.generate(avoiding: { posts[$0] != nil }, using: &generator)
    }

    public func validateReferences(of post: Post) throws(CadenceError) {
        guard channel(post.channel) != nil else { throw .unknownChannel(post.channel, known: channels.map(\.id)) }
        if let category = post.category, self.category(category) == nil {
            throw .unknownCategory(category, known: categories.map(\.id))
        }
    }

    // MARK: Index

    private mutating func rebuildIndex() {
        index = PlanIndex()
        var local: [PostID: LocalDateTime] = [:]
        local.reserveCapacity(posts.count)
        for post in posts.values {
            if post.hasConflict { index.conflicted.insert(post.id) }
            index.perChannel[post.channel, default: 0] += 1
            if let category = post.category { index.perCategory[category, default: 0] += 1 }
            guard let at = post.at else {
                index.ideas.append(post.id)
                continue
            }
            let wall = clock.local(at).dateTime
            local[post.id] = wall
            index.byDay[wall.date.dayNumber, default: []].append(post.id)
            addToTextIndex(post)
        }
        index.local = local
        index.ideas.sort { canonicalOrder(posts[$0]!, posts[$1]!) }
        for (day, ids) in index.byDay {
            index.byDay[day] = ids.sorted { canonicalOrder(posts[$0]!, posts[$1]!) }
        }
    }

    private mutating func indexPost(_ post: Post) {
        if post.hasConflict { index.conflicted.insert(post.id) }
        index.perChannel[post.channel, default: 0] += 1
        if let category = post.category { index.perCategory[category, default: 0] += 1 }
        guard let at = post.at else {
            index.ideas.insert(post.id, at: index.ideas.partitioningIndex { canonicalOrder(post, posts[$0]!) })
            return
        }
        let wall = clock.local(at).dateTime
        index.local[post.id] = wall
        var ids = index.byDay[wall.date.dayNumber] ?? []
        let position = ids.partitioningIndex { canonicalOrder(post, posts[$0]!) }
        ids.insert(post.id, at: position)
        index.byDay[wall.date.dayNumber] = ids
        addToTextIndex(post)
    }

    private mutating func unindex(_ post: Post) {
        index.conflicted.remove(post.id)
        index.perChannel[post.channel, default: 1] -= 1
        if index.perChannel[post.channel] == 0 { index.perChannel[post.channel] = nil }
        if let category = post.category {
            index.perCategory[category, default: 1] -= 1
            if index.perCategory[category] == 0 { index.perCategory[category] = nil }
        }
        guard post.at != nil else {
            index.ideas.removeAll { $0 == post.id }
            return
        }
        if let wall = index.local.removeValue(forKey: post.id) {
            let day = wall.date.dayNumber
            index.byDay[day]?.removeAll { $0 == post.id }
            if index.byDay[day]?.isEmpty == true { index.byDay[day] = nil }
        }
        if let key = index.textKey.removeValue(forKey: post.id) {
            if index.byText[key]?.remove(post.id) == false { index.byText[key] = nil }
        }
    }

    private mutating func addToTextIndex(_ post: Post) {
        let key = TextMetrics.normalizedForComparison(post.text)
        guard !key.isEmpty else { return }
        // A new text starts as this post alone (adding it again changes nothing).
        index.byText[key, default: .one(post.id)].add(post.id)
        index.textKey[post.id] = key
    }
}

/// The order posts are written and listed in: by instant, then channel, then id; ideas last.
public func canonicalOrder(_ a: Post, _ b: Post) -> Bool {
    switch (a.at, b.at) {
    case (nil, nil): return (a.channel, a.id) < (b.channel, b.id)
    case (nil, _): return false
    case (_, nil): return true
    case (let x?, let y?):
        if x != y { return x < y }
        return (a.channel, a.id) < (b.channel, b.id)
    }
}

extension ContentCalendar {
    /// The order the planner and `cadence list` show posts in: by instant, then by the
    /// calendar's order of channels (the week grid's rows), then id; ideas last, by channel in
    /// the same order, then by title as a person sorts them (case aside, numbers by value), so
    /// that a backlog reads in an order one can find things in (ids are random).
    public func plannerOrder(_ a: Post, _ b: Post) -> Bool {
        if a.at == nil, b.at == nil {
            if a.channel != b.channel { return channelPosition(a.channel) < channelPosition(b.channel) }
            switch a.title.compare(b.title, options: [.caseInsensitive, .numeric]) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: return (a.title, a.id) < (b.title, b.id)
            }
        }
        guard let x = a.at, let y = b.at, x == y, a.channel != b.channel else { return canonicalOrder(a, b) }
        return channelPosition(a.channel) < channelPosition(b.channel)
    }

    /// `posts`, in the file's order, put into the planner's order: only posts at the same
    /// instant on different channels change places, and the ideas at the end.
    public func inPlannerOrder(_ posts: [Post]) -> [Post] {
        var result = posts
        var start = 0
        while start < result.count, result[start].at != nil {
            var end = start + 1
            while end < result.count, result[end].at != nil, result[end].at == result[start].at { end += 1 }
            if end - start > 1 { result[start..<end].sort(by: plannerOrder) }
            start = end
        }
        result[start...].sort(by: plannerOrder)
        return result
    }

    /// The ideas in the planner's order.
    public var ideasInPlannerOrder: [Post] { ideas.sorted(by: plannerOrder) }

    private func channelPosition(_ id: String) -> Int { channels.firstIndex { $0.id == id } ?? .max }
}

extension ContentCalendar: Equatable {
    /// Two calendars are equal when their content is; the indexes follow from it.
    public static func == (lhs: ContentCalendar, rhs: ContentCalendar) -> Bool {
        lhs.name == rhs.name && lhs.clock == rhs.clock && lhs.weekStart == rhs.weekStart
            && lhs.categories == rhs.categories && lhs.channels == rhs.channels && lhs.rules == rhs.rules
            && lhs.extra == rhs.extra && lhs.conflicts == rhs.conflicts && lhs.posts == rhs.posts
    }
}

/// Derived lookups, rebuilt from the posts on load and kept in step by every change.
struct PlanIndex: Sendable {
    /// Day number → scheduled posts that day in canonical order.
    var byDay: [Int: [PostID]] = [:]
    /// Wall-clock time of every scheduled post.
    var local: [PostID: LocalDateTime] = [:]
    /// Undated posts in canonical order (by channel, then id).
    var ideas: [PostID] = []
    /// Normalised text → scheduled posts with that text, for the same-text rule.
    var byText: [String: TextGroup] = [:]
    /// Each scheduled post's normalised text (shares its storage with the `byText` key).
    var textKey: [PostID: String] = [:]
    /// Posts holding an unresolved merge conflict (few, and none in a settled plan).
    var conflicted: Set<PostID> = []
    /// Posts per channel id and per category id.
    var perChannel: [String: Int] = [:]
    var perCategory: [String: Int] = [:]
}

/// The scheduled posts that share one normalised text. Nearly every text is a post's own, so
/// one post is kept as it is: a set for each would cost an allocation per post on load.
enum TextGroup: Sendable {
    case one(PostID)
    /// Two or more.
    case many(Set<PostID>)

    var ids: [PostID] {
        switch self {
        case .one(let id): [id]
        case .many(let ids): Array(ids)
        }
    }

    /// Adds the post in place (a set is never copied to grow by one).
    mutating func add(_ id: PostID) {
        switch self {
        case .one(let only):
            if only != id { self = .many([only, id]) }
        case .many(var ids):
            self = .one(id)  // lets go of the set, so that inserting into it copies nothing
            ids.insert(id)
            self = .many(ids)
        }
    }

    /// Removes the post in place; `false` when none is left.
    mutating func remove(_ id: PostID) -> Bool {
        switch self {
        case .one(let only):
            return only != id
        case .many(var ids):
            self = .one(id)
            ids.remove(id)
            self = ids.count == 1 ? .one(ids.first!) : .many(ids)
            return true
        }
    }
}
