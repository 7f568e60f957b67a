import Foundation

/// Where a new post goes on a day: the first of the channel's posting times that keeps the
/// spacing from its other posts; when it has none free, the first such quarter hour from 09:00.
/// The planner's form, paste and move and `cadence add --at DATE` all ask this.
extension ContentCalendar {
    /// Whether a post on `channel` at `time` on `day` keeps `spacing` minutes from the channel's
    /// other posts (a time the clocks skip is never free).
    public func isFree(channel: String, day: CivilDate, time: LocalTime, spacing: Int, ignoring: PostID? = nil) -> Bool {
        guard let instant = clock.date(for: LocalDateTime(date: day, time: time)) else { return false }
        return nearestTooClose(channel: channel, at: instant, spacing: spacing, ignoring: ignoring) == nil
    }

    /// The channel's post nearest `instant` among those less than `spacing` minutes from it
    /// (the days either side read through the day index), or `nil` when the time keeps the
    /// spacing.
    public func nearestTooClose(channel: String, at instant: Date, spacing: Int, ignoring: PostID? = nil) -> Post? {
        let day = clock.day(of: instant)
        var nearest: (post: Post, gap: TimeInterval)?
        for offset in -1...1 {
            for post in posts(on: day.adding(days: offset), channel: channel) where post.id != ignoring {
                let gap = abs(post.at!.timeIntervalSince(instant))
                if gap < Double(spacing) * 60, gap < nearest?.gap ?? .infinity { nearest = (post, gap) }
            }
        }
        return nearest?.post
    }

    /// The time a new post on `channel` takes on `day`, or `nil` when no posting time and no
    /// quarter hour from 09:00 keeps the spacing. Only times after `now` count on the day `now`
    /// falls on.
    public func freeTime(channel: String, day: CivilDate, now: Date, spacing: Int, ignoring: PostID? = nil) -> LocalTime? {
        let earliest = earliestMinute(on: day, now: now)
        for time in self.channel(channel)?.postingTimes ?? [] where time.minuteOfDay >= earliest {
            if isFree(channel: channel, day: day, time: time, spacing: spacing, ignoring: ignoring) { return time }
        }
        // Quarter hours still ahead (none after 23:45 once that has gone).
        for minute in stride(from: max(9 * 60, (earliest + 14) / 15 * 15), to: 24 * 60, by: 15) {
            let time = LocalTime(minuteOfDay: minute)
            if isFree(channel: channel, day: day, time: time, spacing: spacing, ignoring: ignoring) { return time }
        }
        return nil
    }

    /// The time a post given a day alone takes (`--at 2026-12-01`, a sheet's date without a
    /// time): an existing post's own time of day when it is free there (on today, only while it
    /// is still ahead, unless the post is already gone: one logged after the fact keeps the
    /// time it went out), else `freeTime`. `nil` when nothing is free.
    public func timeForDayAlone(channel: String, day: CivilDate, post old: Post?, now: Date, spacing: Int) -> (time: LocalTime, kept: Bool)? {
        if let old, let oldAt = old.at, old.channel == channel {
            let time = clock.local(oldAt).dateTime.time
            if let instant = clock.date(for: LocalDateTime(date: day, time: time)), instant > now || oldAt <= now || day != clock.day(of: now),
                isFree(channel: channel, day: day, time: time, spacing: spacing, ignoring: old.id)
            {
                return (time, true)
            }
        }
        return freeTime(channel: channel, day: day, now: now, spacing: spacing, ignoring: old?.id).map { ($0, false) }
    }

    /// The channel's posts on `day` and its most a day (posts-per-day's maximum) when the day
    /// has room for no more: a post given a day alone (`add --at DAY`, a paste, a move) takes
    /// none there. A post being moved is not counted, and one moved within its own day adds
    /// none; `nil` when there is room. A calendar that made posts-per-day a warning only takes
    /// the post, which then shows the warning.
    public func dayIsFull(channel: String, day: CivilDate, moving post: Post?, book: RuleBook) -> (count: Int, most: Int)? {
        if let post, post.channel == channel, let at = post.at, clock.day(of: at) == day { return nil }
        guard let reached = dailyMaximumReached(channel: channel, day: day, besides: post?.id, book: book), reached.severity == .error else { return nil }
        return (reached.count, reached.most)
    }

    /// The channel's posts on `day` (`besides` one, being added or edited) when they are
    /// already at posts-per-day's maximum, with that maximum and the rule's severity; `nil`
    /// when one more fits.
    public func dailyMaximumReached(channel: String, day: CivilDate, besides id: PostID?, book: RuleBook) -> (count: Int, most: Int, severity: Severity)? {
        guard let rule = book.rules(for: channel).first(PostsPerDayRule.self), let most = rule.max else { return nil }
        let count = posts(on: day, channel: channel).count { $0.id != id }
        return count >= most ? (count, most, rule.severity ?? .error) : nil
    }

    /// The channel's week limit, when the week of `day` already holds that many of its posts
    /// besides `id` (another would go over): how many, the most allowed and the severity.
    public func weeklyMaximumReached(channel: String, day: CivilDate, besides id: PostID?, book: RuleBook) -> (count: Int, most: Int, severity: Severity)? {
        guard let rule = book.rules(for: channel).first(PostsPerWeekRule.self), let most = rule.limits.max else { return nil }
        let start = weekStart(of: day)
        let count = (0..<7).reduce(0) { sum, offset in sum + posts(on: start.adding(days: offset), channel: channel).count { $0.id != id } }
        return count >= most ? (count, most, rule.severity ?? .error) : nil
    }

    /// Why `freeTime` found nothing, for messages: "no free time left on Tue 1 Dec 2026 for
    /// Facebook: every time from 09:00 is within 1 h of another of its posts".
    public func noFreeTime(channel: String, day: CivilDate, spacing: Int, now: Date? = nil) -> String {
        let name = self.channel(channel)?.name ?? channel
        // A day the clocks skipped whole (Samoa's 30 Dec 2011).
        if clock.hoursIn(day) == 0 {
            return "\(day.longDescription) did not happen in \(clock.identifier): the clocks skipped the whole day"
        }
        // Late today, the day itself has run out: no quarter hour is left ahead.
        if let now, day == clock.day(of: now), earliestMinute(on: day, now: now) > 23 * 60 + 45 {
            return "no time is left on \(day.longDescription) for \(name): it is \(clock.timeText(now)) already"
        }
        return "no free time left on \(day.longDescription) for \(name): every time from 09:00 is within \(Describe.duration(minutes: spacing)) of another of its posts"
    }

    /// `freeTime`, or when nothing is free 09:00 (or the next quarter hour today): a time to
    /// offer anyway in a form, where the user sees the spacing warning and can change it.
    public func nextFreeTime(channel: String, day: CivilDate, now: Date, spacing: Int, ignoring: PostID? = nil) -> LocalTime {
        freeTime(channel: channel, day: day, now: now, spacing: spacing, ignoring: ignoring)
            ?? LocalTime(minuteOfDay: firstQuarter(from: earliestMinute(on: day, now: now)))
    }

    /// The first minute of `day` still ahead of `now`.
    private func earliestMinute(on day: CivilDate, now: Date) -> Int {
        day == clock.day(of: now) ? clock.local(now).dateTime.time.minuteOfDay + 1 : 0
    }

    /// The first quarter hour from 09:00 not before `minute` (the last of the day at the latest).
    private func firstQuarter(from minute: Int) -> Int {
        min(23 * 60 + 45, max(9 * 60, (minute + 14) / 15 * 15))
    }
}

extension RuleBook {
    /// The gap a channel's posts keep: its spacing rule's minutes, an hour when it has none.
    public func spacing(of channel: String) -> Int {
        rules(for: channel).first(SpacingRule.self)?.minutes ?? 60
    }
}
