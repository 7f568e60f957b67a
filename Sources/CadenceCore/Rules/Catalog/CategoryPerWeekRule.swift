/// At most N posts of a category on a channel in one week (seven days from the week start).
public struct CategoryPerWeekRule: WeekRule {
    public static let id = "category-per-week"
    public static let title = "too many posts of one category in a week"
    public static let rationale =
        "The bank's plan allows humour, but no more than one humorous post a week (DIGEST §2A item 9, S3 L272)."
    public static let parameters: [(name: String, kind: ParameterKind)] = [("max", .limits)]

    /// Category id → most posts a week, in the order written.
    public let limits: [(category: String, max: Int)]
    public let severity: Severity?

    public init(limits: [(category: String, max: Int)], severity: Severity? = nil) {
        self.limits = limits
        self.severity = severity
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        guard let limits = try parameters.intMap("max"), !limits.isEmpty else {
            throw RuleConfigError(key: "max", "give 'max' as categories and their weekly limits, e.g. {\"humour\": 1}")
        }
        self.init(limits: limits.map { (category: $0.0, max: $0.1) }, severity: parameters.severity)
    }

    public var referencedCategories: [String] { limits.map(\.category) }

    public var summary: String {
        limits.map { "\($0.category) ≤ \($0.max) a week" }.joined(separator: ", ")
    }

    public func check(weekStart: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation] {
        limits.compactMap { limit in
            let matching = posts.filter { $0.category == limit.category }
            guard matching.count > limit.max else { return nil }
            let name = context.calendar.category(limit.category)?.name ?? limit.category
            let week = Describe.week(startingOn: weekStart, weekStart: context.calendar.weekStart)
            return Violation(
                rule: Self.id, severity: severity ?? .error, channel: channel.id, subject: .week(weekStart),
                day: weekStart, posts: matching.map(\.id),
                message: "\(week) · \(channel.name): \(Describe.count(matching.count, "post")) in \(name), at most \(limit.max) a week")
        }
    }
}
