/// A channel's posts on a calendar day must stay within [min, max]. Over the maximum is an
/// error; under the minimum (a day with no Facebook post) is a warning.
public struct PostsPerDayRule: DayRule {
    public static let id = "posts-per-day"
    public static let title = "posts a day outside [min, max]"
    public static let rationale =
        "Facebook 1–5 updates a day, Twitter up to 10 (DIGEST §1a items 1–2, S3 L67); set a daily count per network and be active but not excessive (S2 L9)."
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

    public var summary: String { limits.summary("a day") }

    public func check(day: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation] {
        // A day the clocks skipped whole (Samoa's 30 Dec 2011) wants no posts.
        guard let problem = limits.problem(posts.count, "a day"), problem.tooMany || context.calendar.clock.hoursIn(day) > 0 else { return [] }
        // Too many: every post of the day is part of it. Too few: none is at fault, so adding
        // one never counts as breaking the rule.
        return [
            Violation(
                rule: Self.id, severity: severity ?? (problem.tooMany ? .error : .warning), channel: channel.id, subject: .day(day), day: day,
                posts: problem.tooMany ? posts.map(\.id) : [],
                message: "\(Describe.day(day)) · \(channel.name): \(Describe.count(posts.count, "post")), \(problem.limit)")
        ]
    }
}
