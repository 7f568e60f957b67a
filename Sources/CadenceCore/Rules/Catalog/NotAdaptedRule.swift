/// A post pasted from another channel (tagged `adapt`) not yet rewritten for its own. While its
/// text is still the original's, the same-text rule says so already; this one speaks for the
/// rest: a copy with no text yet (a plan of titles first), or one whose tag was left on.
public struct NotAdaptedRule: PostRule, SeverityOnlyRule {
    public static let id = "not-adapted"
    public static let title = "a copy from another channel not yet written for its own"
    public static let rationale =
        "Each channel is a separate unit with its own words, even for big news (DIGEST §3.1, S0 L6, S2 L13): a copy is a draft to rewrite, not a post."
    public static let appliesToIdeas = false

    /// The tag a copy pasted on another channel carries until it is rewritten.
    public static let tag = "adapt"

    public let severity: Severity?

    public init(severity: Severity? = nil) { self.severity = severity }

    public var summary: String { "copies rewritten for the channel" }

    public func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation] {
        guard post.tags.contains(Self.tag) else { return [] }
        // The same words on another channel: the same-text rule's to say, once, unless it says
        // it more softly than this rule would (a calendar that makes unadapted copies errors).
        let own = severity ?? .warning
        let sameText = context.book.rules(for: channel.id).first(SameTextRule.self).map { ($0.severity ?? .warning) >= own } == true
            && !SameTextRule.twins(among: context.calendar.postsSharingText(with: post.id), besides: post.channel, book: context.book).isEmpty
        guard !sameText else { return [] }
        return flag(post, "a copy from another channel, not yet written for \(channel.name) (tagged \(Self.tag): rewrite it, or take the tag off)", severity: own, in: context)
    }
}
