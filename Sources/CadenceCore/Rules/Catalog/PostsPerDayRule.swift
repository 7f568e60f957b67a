/// A channel's posts on a calendar day must stay within [min, max] (a day with no Facebook
/// post is under its minimum).
public struct PostsPerDayRule: DayRule, CountRule {
    public static let id = "posts-per-day"
    public static let title = "posts a day outside [min, max]"
    public static let rationale =
        "Facebook 1–5 updates a day, Twitter up to 10 (DIGEST §1a items 1–2, S3 L67); set a daily count per network and be active but not excessive (S2 L9)."
    public static let span = "a day"

    public let limits: CountLimits
    public let severity: Severity?

    public init(limits: CountLimits, severity: Severity?) {
        self.limits = limits
        self.severity = severity
    }

    public func check(day: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation] {
        // A day the clocks skipped whole (Samoa's 30 Dec 2011) wants no posts.
        let place = "\(Describe.day(day)) · \(channel.name)"
        return violations(posts, channel: channel, subject: .day(day), day: day, place: place, minimumApplies: context.calendar.clock.hoursIn(day) > 0)
    }
}
