import Foundation

/// Moving a calendar to another time zone keeps what people planned: the wall-clock date and
/// time of each post (09:00 stays 09:00, because the zone was wrong, or the team moved).
extension ContentCalendar {
    /// The calendar in another time zone, each post at the same wall-clock date and time there.
    /// A time the new zone's clocks skip cannot be kept, nor can the second of a time that
    /// happens twice (02:30 on the night the clocks go back) where the new zone has it once and
    /// the channel has a post at the first: it would land on that post's very minute. Both are
    /// refused with the posts they concern. Posts moved to another moment are stamped by
    /// `author` at `now`, when given.
    public func inZone(_ zone: ZoneClock, stampedBy author: String? = nil, at now: Date? = nil) throws(CadenceError) -> ContentCalendar {
        let (moved, skipped, folded) = wallClocksKept(in: zone, stampedBy: author, at: now)
        func listed(_ posts: [Post]) -> String {
            let named = posts.map { post in
                let wall = clock.local(post.at!).dateTime
                return "\(post.id) “\(post.title)” at \(wall.date) \(wall.time)"
            }.sorted()
            return named.prefix(5).joined(separator: ", ") + (named.count > 5 ? " and \(named.count - 5) more" : "")
        }
        var reasons: [String] = []
        if !skipped.isEmpty {
            reasons.append("\(Describe.count(skipped.count, "post")) would fall in a time the clocks of \(zone.identifier) skip: \(listed(skipped))")
        }
        if !folded.isEmpty {
            reasons.append(
                "\(Describe.count(folded.count, "post")) \(folded.count == 1 ? "is" : "are") at the second of a time that happens twice in \(clock.identifier) (the clocks go back), which \(zone.identifier) has once, where a post of the same channel is at the first: \(listed(folded))")
        }
        guard reasons.isEmpty else {
            let count = skipped.count + folded.count
            throw .invalidPost(message: reasons.joined(separator: "; ") + "; move \(count == 1 ? "it" : "them") first (cadence update ID --at …)")
        }
        return moved
    }

    /// The calendar in another zone with each post's wall-clock time kept, the times proposed in
    /// its merge conflicts too; a time the new zone skips goes as far past the gap as it was
    /// into it (02:30 on a night 02:00 becomes 03:00 is 03:30). Returns those posts (as they
    /// were) too. A merge takes a side's posts into the zone the other side moved to this way.
    /// With `now`, a post moved to another moment is stamped by `author` then: a change of it,
    /// for calendar apps too. `folded` are posts at a time the old zone repeats that would land
    /// on the very minute of a post of their channel planned at the other occurrence (the new
    /// zone has that time once): the later of each such pair.
    public func wallClocksKept(in zone: ZoneClock, stampedBy author: String? = nil, at now: Date? = nil) -> (calendar: ContentCalendar, skipped: [Post], folded: [Post]) {
        var moved = self
        moved.clock = zone
        guard zone.identifier != clock.identifier else { return (moved, [], []) }
        var skipped: [Post] = []
        // Posts at a time the old clocks repeat, by where they land: two of a channel planned an
        // hour apart (the first and the second 02:30) may land on one minute in the new zone.
        struct LandingKey: Hashable {
            let channel: String
            let at: Date
        }
        var landings: [LandingKey: [Post]] = [:]
        var posts: [Post] = []
        posts.reserveCapacity(self.posts.count)
        for var post in self.posts.values {
            if let at = post.at {
                let kept = sameWallClock(at, in: zone)
                if !kept.exists { skipped.append(post) }
                if kept.repeatedHere { landings[LandingKey(channel: post.channel, at: kept.date), default: []].append(post) }
                post.at = kept.date
                if let now, kept.date != at { post.stamp(by: author, at: now) }
            }
            if var conflict = post.conflict, var values = conflict.fields["at"] {
                // The times each side proposed, as strings of the file: moved alike.
                func move(_ value: JSONValue?) -> JSONValue? {
                    guard let text = value?.stringValue, let at = ZoneClock.parseTimestamp(text) else { return value }
                    return .string(zone.rfc3339(sameWallClock(at, in: zone).date))
                }
                values.base = move(values.base)
                values.ours = move(values.ours)
                values.theirs = move(values.theirs)
                values.others = values.others.map { move($0) ?? $0 }
                conflict.fields["at"] = values
                post.conflict = conflict
            }
            posts.append(post)
        }
        // Of posts folded onto one minute, the later ones are named (the first keeps the minute).
        let folded = landings.values.flatMap { group -> [Post] in
            guard let first = group.map({ $0.at! }).min(), group.contains(where: { $0.at! != first }) else { return [] }
            return group.filter { $0.at! != first }
        }
        return (moved.replacingPosts(posts), skipped, folded)
    }

    /// The posts whose wall-clock time `zone`'s clocks show twice (the night they go back) and
    /// this calendar's once: moved there, each takes the first of the two, which is worth a
    /// word (a zone changed and changed back puts such a post an hour off where it was).
    public func postsTakingTheFirstOfTwo(in zone: ZoneClock) -> [Post] {
        guard zone.identifier != clock.identifier else { return [] }
        return posts.values.filter { post in
            guard let at = post.at else { return false }
            let wall = clock.local(at).dateTime
            guard case .repeated = zone.resolve(wall) else { return false }
            if case .repeated = clock.resolve(wall) { return false }
            return true
        }.sorted { ($0.at!, $0.id) < ($1.at!, $1.id) }
    }

    /// The instant at the wall-clock time `at` shows on this calendar's clock, on `zone`'s: the
    /// same of two occurrences of a repeated hour (the second 02:30 stays the second), the
    /// same moment when both clocks read alike; `exists` is false for a time `zone` skips;
    /// `repeatedHere` is true for a time this calendar's clocks repeat (which `zone` may not).
    private func sameWallClock(_ at: Date, in zone: ZoneClock) -> (date: Date, exists: Bool, repeatedHere: Bool) {
        let wall = clock.local(at).dateTime
        var repeatedHere = false
        var wasLater = false
        if case .repeated(_, let second) = clock.resolve(wall) {
            repeatedHere = true
            wasLater = at == second
        }
        switch zone.resolve(wall) {
        case .unique(let there): return (there, true, repeatedHere)
        case .repeated(let earlier, let later):
            if zone.local(at).dateTime == wall { return (at, true, repeatedHere) }
            return (wasLater ? later : earlier, true, repeatedHere)
        case .skipped(let after): return (after, false, repeatedHere)
        }
    }
}
