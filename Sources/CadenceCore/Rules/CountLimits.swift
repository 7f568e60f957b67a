/// How many posts a channel may have in a span (a day, a week): at least `min`, at most `max`,
/// as `posts-per-day` and `posts-per-week` read them from their settings.
public struct CountLimits: Sendable, Equatable {
    public let min: Int
    public let max: Int?

    public static let parameters: [(name: String, kind: ParameterKind)] = [("min", .count(atLeast: 0)), ("max", .count(atLeast: 0))]

    public init(min: Int = 0, max: Int?) {
        self.min = min
        self.max = max
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        let min = try parameters.int("min") ?? 0
        let max = try parameters.int("max")
        if let max, max < min { throw RuleConfigError(key: "max", "max (\(max)) is below min (\(min))") }
        if max == nil, min == 0 { throw RuleConfigError(key: nil, "give min, max or both") }
        self.init(min: min, max: max)
    }

    /// "1–5 a day", "at most 10 a day", "at least 3 a week".
    public func summary(_ span: String) -> String {
        switch max {
        case nil: "at least \(min) \(span)"
        case let max? where min == 0: "at most \(max) \(span)"
        case let max?: "\(min)–\(max) \(span)"
        }
    }

    /// What is wrong with `count`: too many ("at most 5 a day") or too few ("at least 1 a
    /// day"); `nil` when it is within the limits.
    public func problem(_ count: Int, _ span: String) -> (tooMany: Bool, limit: String)? {
        if let max, count > max { return (true, "at most \(max) \(span)") }
        if count < min { return (false, "at least \(min) \(span)") }
        return nil
    }
}

/// A rule on how many posts a channel has in a span (`posts-per-day`, `posts-per-week`): its
/// limits, read from `min` and `max`; over the maximum is an error, under the minimum a warning.
public protocol CountRule: CadenceRule {
    /// "a day", "a week".
    static var span: String { get }
    var limits: CountLimits { get }
    var severity: Severity? { get }
    init(limits: CountLimits, severity: Severity?)
}

extension CountRule {
    public static var parameters: [(name: String, kind: ParameterKind)] { CountLimits.parameters }

    public init(min: Int = 0, max: Int?, severity: Severity? = nil) {
        self.init(limits: CountLimits(min: min, max: max), severity: severity)
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        self.init(limits: try CountLimits(parameters: parameters), severity: parameters.severity)
    }

    public var min: Int { limits.min }
    public var max: Int? { limits.max }
    public var summary: String { limits.summary(Self.span) }

    /// The problem with the span's `posts`, if any: "<place>: 6 posts, at most 5 a day". Too
    /// many involves every post of the span; too few none (adding one never counts as
    /// breaking the rule: it is still short, but less so), and only when `minimumApplies`.
    func violations(_ posts: [Post], channel: Channel, subject: Violation.Subject, day: CivilDate, place: String, minimumApplies: Bool) -> [Violation] {
        guard let problem = limits.problem(posts.count, Self.span), problem.tooMany || minimumApplies else { return [] }
        return [
            Violation(
                rule: Self.id, severity: severity ?? (problem.tooMany ? .error : .warning), channel: channel.id, subject: subject, day: day,
                posts: problem.tooMany ? posts.map(\.id) : [], message: "\(place): \(Describe.count(posts.count, "post")), \(problem.limit)")
        ]
    }
}
