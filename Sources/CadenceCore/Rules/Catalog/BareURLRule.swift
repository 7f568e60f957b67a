/// A full web address pasted into the text instead of the link field.
public struct BareURLRule: PostRule, SeverityOnlyRule {
    public static let id = "bare-url"
    public static let title = "a full URL in the text"
    public static let rationale =
        "Full URLs in status updates look bad; put the link in the link field and let the network build a preview (DIGEST §3.7, S3 L92–96)."
    public static let appliesToIdeas = true

    public let severity: Severity?

    public init(severity: Severity? = nil) { self.severity = severity }

    public var summary: String { "no full URLs in the text" }

    public func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation] {
        guard TextMetrics.mightContainURL(post.text) else { return [] }
        guard let url = TextMetrics.urls(in: post.text).first else { return [] }
        return flag(post, "a full URL in the text (\(DisplayWidth.truncate(url, to: 40))); put it in the link field", severity: severity ?? .warning, in: context)
    }
}
