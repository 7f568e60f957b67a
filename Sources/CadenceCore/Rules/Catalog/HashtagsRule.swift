/// More hashtags in a post than the network or the calendar allows.
public struct HashtagsRule: PostRule {
    public static let id = "hashtags"
    public static let title = "too many hashtags"
    public static let rationale =
        "Use hashtags, short and clear (DIGEST §3.7, S3 L96); Instagram allows 5 (ANCHORS §4)."
    public static let parameters: [(name: String, kind: ParameterKind)] = [("max", .count(atLeast: 0))]
    public static let appliesToIdeas = true

    public let max: Int
    public let severity: Severity?

    public init(max: Int, severity: Severity? = nil) {
        self.max = max
        self.severity = severity
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        guard let max = try parameters.int("max") else {
            throw RuleConfigError(key: "max", "give 'max', the most hashtags a post may have")
        }
        self.init(max: max, severity: parameters.severity)
    }

    public var summary: String { "≤ \(max) hashtags" }

    public func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation] {
        guard TextMetrics.mightContainHashtag(post.text) else { return [] }
        let count = TextMetrics.hashtags(in: post.text).count
        guard count > max else { return [] }
        return flag(post, "\(Describe.count(count, "hashtag")), at most \(max)", severity: severity ?? .error, in: context)
    }
}
