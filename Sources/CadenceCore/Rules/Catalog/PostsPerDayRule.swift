/// A channel's posts on a calendar day must stay within [min, max]. Over the maximum is an
/// error; under the minimum (a day with no Facebook post) is a warning.
public struct PostsPerDayRule: DayRule {
    public static let id = "posts-per-day"
    public static let title = "posts a day outside [min, max]"
    public static let rationale =
        "Facebook 1–5 updates a day, Twitter up to 10 (DIGEST §1a items 1–2, S3 L67); set a daily count per network and be active but not excessive (S2 L9)."
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
        case nil: "at least \(min) a day"
        case let max? where min == 0: "at most \(max) a day"
        case let max?: "\(min)–\(max) a day"
        }
    }

    public func check(day: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation] {
        let count = posts.count
        let place = "\(Describe.day(day)) · \(channel.name)"
        if let max, count > max {
            return [
                Violation(
                    rule: Self.id, severity: severity ?? .error, channel: channel.id, subject: .day(day), day: day,
                    posts: posts.map(\.id), message: "\(place): \(Describe.count(count, "post")), at most \(max) a day")
            ]
        }
        // A day the clocks skipped whole (Samoa's 30 Dec 2011) wants no posts.
        // Too few: no post is at fault, so adding one never counts as breaking the rule.
        if count < min, context.calendar.clock.hoursIn(day) > 0 {
            return [
                Violation(
                    rule: Self.id, severity: severity ?? .warning, channel: channel.id, subject: .day(day), day: day,
                    posts: [], message: "\(place): \(Describe.count(count, "post")), at least \(min) a day")
            ]
        }
        return []
    }
}
