/// A channel's posts in one week (seven days from the calendar's week start) must stay within
/// [min, max]: for a network posted to a few times a week rather than every day. Over the
/// maximum is an error; under the minimum is a warning, as with `posts-per-day`.
public struct PostsPerWeekRule: WeekRule {
    public static let id = "posts-per-week"
    public static let title = "posts a week outside [min, max]"
    public static let rationale =
        "Set a count per network and keep to it, active but not excessive (S2 L9); the kids' store updates its VK community 3–5 times, a count the seed gives without a unit (DIGEST §1a item 5, S3 L232)."
    public static let parameters = CountLimits.parameters

    public let limits: CountLimits
    public let severity: Severity?
    public var min: Int { limits.min }
    public var max: Int? { limits.max }

    public init(min: Int = 0, max: Int?, severity: Severity? = nil) {
        limits = CountLimits(min: min, max: max)
        self.severity = severity
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        limits = try CountLimits(parameters: parameters)
        severity = parameters.severity
    }

    public var summary: String { limits.summary("a week") }

    public func check(weekStart: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation] {
        // A week partly outside the years Cadence plans (31 Dec 2199 runs into 2200) has no minimum.
        let whole = weekStart >= CivilDate.plannable.lowerBound && weekStart.adding(days: 6) <= CivilDate.plannable.upperBound
        guard let problem = limits.problem(posts.count, "a week"), problem.tooMany || whole else { return [] }
        let place = "\(Describe.week(startingOn: weekStart, weekStart: context.calendar.weekStart)) · \(channel.name)"
        // Too many: every post of the week is part of it. Too few: none is at fault, so adding
        // one never counts as breaking the rule (it is still short, but less so).
        return [
            Violation(
                rule: Self.id, severity: severity ?? (problem.tooMany ? .error : .warning), channel: channel.id, subject: .week(weekStart),
                day: weekStart, posts: problem.tooMany ? posts.map(\.id) : [],
                message: "\(place): \(Describe.count(posts.count, "post")), \(problem.limit)")
        ]
    }
}
