/// A post without an image or video on a network that needs one (Instagram, TikTok, YouTube).
public struct MediaRequiredRule: PostRule, SeverityOnlyRule {
    public static let id = "media-required"
    public static let title = "no image or video where the network needs one"
    public static let rationale =
        "Instagram users expect attractive pictures (DIGEST §3.6, S2 L13); status updates without great photos are ignored (S3 L80)."
    public static let appliesToIdeas = false

    public let severity: Severity?

    public init(severity: Severity? = nil) { self.severity = severity }

    public var summary: String { "image or video required" }

    public func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation] {
        guard post.media.isEmpty else { return [] }
        // The network needs it (a channel set to require it by hand names itself).
        let needer = channel.profile.flatMap { $0.needsMedia ? $0.displayName : nil }
        return flag(post, "no image or video; \(needer ?? channel.name) posts need one", severity: severity ?? .error, in: context)
    }
}
