/// A channel's posts in one week (seven days from the calendar's week start) must stay within
/// [min, max]: for a network posted to a few times a week rather than every day. Over the
/// maximum is an error; under the minimum is a warning, as with `posts-per-day`.
public struct PostsPerWeekRule: WeekRule {
    public static let id = "posts-per-week"
    public static let title = "posts a week outside [min, max]"
    public static let rationale =
        "Set a count per network and keep to it, active but not excessive (S2 L9); the kids' store updates its VK community 3–5 times, a count the seed gives without a unit (DIGEST §1a item 5, S3 L232)."
    public static let parameters: [(name: String, kind: ParameterKind)] = [("min", .count(atLeast: 0)), ("max", .count(atLeast: 0))]

    public let min: Int
    public let max: Int?
    public let severity: Severity?

    public init(min: Int = 0, max: Int?, severity: Severity? = nil) {
        self.min = min
        self.max = max
        self.severity = severity
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        let min = try parameters.int("min") ?? 0
        let max = try parameters.int("max")
        if let max, max < min { throw RuleConfigError(key: "max", "max (\(max)) is below min (\(min))") }
        if max == nil, min == 0 { throw RuleConfigError(key: nil, "give min, max or both") }
        self.init(min: min, max: max, severity: parameters.severity)
    }

    public var summary: String {
        switch max {
        case nil: "at least \(min) a week"
        case let max? where min == 0: "at most \(max) a week"
        case let max?: "\(min)–\(max) a week"
        }
    }

    public func check(weekStart: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation] {
        let count = posts.count
        let place = "\(Describe.week(startingOn: weekStart, weekStart: context.calendar.weekStart)) · \(channel.name)"
        // Too many: every post of the week is part of it. Too few: none is at fault, so adding
        // one never counts as breaking the rule (it is still short, but less so).
        let problem: (severity: Severity, limit: String, posts: [PostID])
        if let max, count > max {
            problem = (severity ?? .error, "at most \(max) a week", posts.map(\.id))
        } else if count < min, weekStart.adding(days: 6) <= CivilDate.plannable.upperBound {
            // (The week of 31 Dec 2199 runs into 2200, which Cadence does not plan.)
            problem = (severity ?? .warning, "at least \(min) a week", [])
        } else {
            return []
        }
        return [
            Violation(
                rule: Self.id, severity: problem.severity, channel: channel.id, subject: .week(weekStart), day: weekStart,
                posts: problem.posts, message: "\(place): \(Describe.count(count, "post")), \(problem.limit)")
        ]
    }
}
