/// A channel's posts in one week (seven days from the calendar's week start) must stay within
/// [min, max]: for a network posted to a few times a week rather than every day.
public struct PostsPerWeekRule: WeekRule, CountRule {
    public static let id = "posts-per-week"
    public static let title = "posts a week outside [min, max]"
    public static let rationale =
        "Set a count per network and keep to it, active but not excessive (S2 L9); the kids' store updates its VK community 3–5 times, a count the seed gives without a unit (DIGEST §1a item 5, S3 L232)."
    public static let span = "a week"

    public let limits: CountLimits
    public let severity: Severity?

    public init(limits: CountLimits, severity: Severity?) {
        self.limits = limits
        self.severity = severity
    }

    public func check(weekStart: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation] {
        // A week partly outside the years Cadence plans (31 Dec 2199 runs into 2200) has no minimum.
        let whole = weekStart >= CivilDate.plannable.lowerBound && weekStart.adding(days: 6) <= CivilDate.plannable.upperBound
        let place = "\(Describe.week(startingOn: weekStart, weekStart: context.calendar.weekStart)) · \(channel.name)"
        return violations(posts, channel: channel, subject: .week(weekStart), day: weekStart, place: place, minimumApplies: whole)
    }
}
