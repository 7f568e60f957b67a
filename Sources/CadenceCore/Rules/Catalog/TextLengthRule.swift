/// A post's text longer than the network allows, counted in characters as people see them.
public struct TextLengthRule: PostRule {
    public static let id = "text-length"
    public static let title = "text longer than the network allows"
    public static let rationale =
        "Plan each campaign for the chosen network's characteristics (DIGEST §3.1, S3 L335); limits per network from ANCHORS §4."
    public static let parameters: [(name: String, kind: ParameterKind)] = [("max", .count(atLeast: 1)), ("linkLength", .count(atLeast: 1)), ("wideCount", .count(atLeast: 1))]
    public static let appliesToIdeas = true

    public let max: Int
    /// When set, every web address counts as this many characters (X counts 23).
    public let linkLength: Int?
    /// When set, an emoji or a Chinese, Japanese or Korean character (and the like) counts as
    /// this many (X counts 2).
    public let wideCount: Int?
    public let severity: Severity?

    public init(max: Int, linkLength: Int? = nil, wideCount: Int? = nil, severity: Severity? = nil) {
        self.max = max
        self.linkLength = linkLength
        self.wideCount = wideCount
        self.severity = severity
    }

    /// The text's length as this network counts it.
    public func length(of text: String) -> Int {
        TextMetrics.networkLength(text, linkLength: linkLength, wideCount: wideCount)
    }

    /// The length of a post as it goes out: its text, then its link field after a blank line
    /// (unless the text holds the link). Where links count a fixed length, the link field counts
    /// that whatever its form: `acme.example/menu` is a link there as much as `https://…`.
    public func postedLength(text: String, link: String?) -> Int {
        let posted = Post.postedText(text: text, link: link)
        guard let linkLength, posted != text else { return length(of: posted) }
        return length(of: text) + (text.isEmpty ? 0 : 2) + linkLength
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        guard let max = try parameters.int("max", atLeast: 1) else {
            throw RuleConfigError(key: "max", "give 'max', the most characters a post may have")
        }
        self.init(
            max: max, linkLength: try parameters.int("linkLength", atLeast: 1), wideCount: try parameters.int("wideCount", atLeast: 1),
            severity: parameters.severity)
    }

    public var summary: String {
        // Short, to keep the rules' column of `cadence channels` narrow.
        switch (linkLength, wideCount) {
        case (nil, nil): return "text ≤ \(Describe.number(max)) characters"
        case (let link?, nil): return "text ≤ \(Describe.number(max)) characters (a link counts \(link))"
        case (nil, let wide?): return "text ≤ \(Describe.number(max)) (emoji/CJK \(wide) each)"
        case (let link?, let wide?): return "text ≤ \(Describe.number(max)) (links \(link), emoji/CJK \(wide) each)"
        }
    }

    public func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation] {
        // Cheap bound first, on the text and the link field apart, so that most posts are let
        // through without being joined and measured: a text has no more characters than UTF-8
        // bytes (X's weights never exceed a character's bytes: what counts 2 takes 3 or more);
        // the link field, which goes out at the end, adds two line breaks and itself, or X's
        // fixed count for a link. A web address in the text is always measured, since a short
        // one counts for more than its own length.
        let linkPart = post.link.map { $0.isEmpty ? 0 : 2 + Swift.max($0.utf8.count, linkLength ?? 0) } ?? 0
        let measure = post.text.utf8.count * Swift.max(1, (wideCount ?? 1) - 2) + linkPart > max
            || (linkLength != nil && TextMetrics.mightContainURL(post.text))
        guard measure else { return [] }
        let length = postedLength(text: post.text, link: post.link)
        guard length > max else { return [] }
        let withLink = post.textAsPosted == post.text ? "" : " with its link"
        return flag(post, "\(Describe.number(length)) characters\(withLink), at most \(Describe.number(max))", severity: severity ?? .error, in: context)
    }
}
