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
