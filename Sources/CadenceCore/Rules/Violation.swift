import Foundation

/// A place where a plan breaks one of its rules.
public struct Violation: Equatable, Hashable, Sendable {
    public enum Subject: Equatable, Hashable, Sendable {
        case day(CivilDate)
        /// The week that starts on this day.
        case week(CivilDate)
        case post(PostID)
        /// The calendar's settings themselves.
        case settings
    }

    public let rule: String
    public let severity: Severity
    /// The channel it concerns, if any.
    public let channel: String?
    public let subject: Subject
    /// The day to show it on: the day itself, the week's first day, or the post's day (`nil`
    /// for an idea or a settings problem).
    public let day: CivilDate?
    /// The posts involved, in canonical order.
    public let posts: [PostID]
    /// `Tue 24 Nov 2026 · Facebook: 6 posts, at most 5 a day`
    public let message: String

    public init(
        rule: String, severity: Severity, channel: String?, subject: Subject, day: CivilDate?, posts: [PostID],
        message: String
    ) {
        self.rule = rule
        self.severity = severity
        self.channel = channel
        self.subject = subject
        self.day = day
        self.posts = posts
        self.message = message
    }

    /// Where a problem is, apart from its words and the posts in it: the same rule, severity,
    /// channel and subject, to tell a problem that was already there from a new one.
    public struct Place: Hashable, Sendable {
        let rule: String
        let severity: Severity
        let channel: String?
        let subject: Subject
    }

    public var place: Place { Place(rule: rule, severity: severity, channel: channel, subject: subject) }
}

/// The words messages use for days, weeks and posts, so that every rule reads the same.
public enum Describe {
    /// `Tue 24 Nov 2026`
    public static func day(_ day: CivilDate) -> String { day.longDescription }

    /// `2026-W48` for ISO weeks; `week of Sun 22 Nov 2026` when weeks start on another day.
    public static func week(startingOn start: CivilDate, weekStart: Weekday) -> String {
        weekStart == .monday ? start.isoWeek.description : "week of \(start.longDescription)"
    }

    /// `Tue 24 Nov 2026 09:00 · Instagram · “Autumn sale”`, or `Idea · …` when undated.
    public static func post(_ post: Post, in calendar: ContentCalendar) -> String {
        let when = calendar.local(of: post.id).map { "\($0.date.longDescription) \(calendar.timeText(of: post.id)!)" } ?? "Idea"
        let channel = calendar.channel(post.channel)?.name ?? post.channel
        return "\(when) · \(channel) · “\(DisplayWidth.truncate(post.title, to: 40))”"
    }

    /// Row numbers for a message: `3, 5 and 9`, or the first few and how many more.
    public static func rows(_ numbers: [Int], showing limit: Int = 5) -> String {
        let shown = numbers.prefix(limit).map(String.init)
        if numbers.count > limit { return shown.joined(separator: ", ") + " and \(numbers.count - limit) more" }
        return shown.count < 2 ? shown.joined() : shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    /// `6 posts`, `1 post`, `no posts`.
    public static func count(_ n: Int, _ noun: String) -> String {
        n == 0 ? "no \(noun)s" : n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }

    /// `1 post still uses`, `3 posts still use`: what keeps a channel or category in use.
    public static func users(_ n: Int) -> String {
        "\(count(n, "post")) still use\(n == 1 ? "s" : "")"
    }

    /// `45 min`, `2 h`, `1 h 30 min`.
    public static func duration(minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    /// `63,206`
    public static func number(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
