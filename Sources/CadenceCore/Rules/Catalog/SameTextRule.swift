/// The same text planned on two or more channels. Every post of such a group is flagged (each
/// channel needs its own words), naming the others.
public struct SameTextRule: PostRule, SeverityOnlyRule {
    public static let id = "same-text"
    public static let title = "identical text on several channels"
    public static let rationale =
        "Don't post the same content in every network; treat each channel as a separate unit, even big news is told differently (DIGEST §3.1, S0 L6, S2 L13)."
    public static let appliesToIdeas = false

    public let severity: Severity?

    public init(severity: Severity? = nil) { self.severity = severity }

    public var summary: String { "text differs between channels" }

    /// Of posts that share a text, those a post on `channel` is flagged for: on another channel
    /// where this rule is in force.
    public static func twins(among group: [Post], besides channel: String, book: RuleBook) -> [Post] {
        group.filter { $0.channel != channel && book.rules(for: $0.channel).has(id) }
    }

    public func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation] {
        let calendar = context.calendar
        let group = calendar.postsSharingText(with: post.id).filter {
            context.book.rules(for: $0.channel).has(Self.id)
        }
        let twins = Self.twins(among: group, besides: post.channel, book: context.book)
        guard !twins.isEmpty else { return [] }
        let others = twins.map { other in
            let name = calendar.channel(other.channel)?.name ?? other.channel
            let when = calendar.local(of: other.id).map { "\($0.date.shortDescription) \(calendar.timeText(of: other.id)!)" } ?? ""
            return "\(name) \(when)"
        }
        return flag(post, "same text as on \(others.joined(separator: ", ")); write it for each channel", severity: severity ?? .warning, in: context, involving: group.map(\.id))
    }
}
