import Foundation

/// A post due within the next N hours (or overdue by less than N hours) that nobody has
/// approved yet.
public struct UnapprovedSoonRule: PostRule {
    public static let id = "unapproved-soon"
    public static let title = "a post due soon that is not approved"
    public static let rationale =
        "Plan in a shared calendar so colleagues can give feedback before a post goes out (DIGEST §3.10, S2 L11)."
    public static let parameters: [(name: String, kind: ParameterKind)] = [("hours", .count(atLeast: 1))]
    public static let appliesToIdeas = false

    public let hours: Int
    public let severity: Severity?

    public init(hours: Int, severity: Severity? = nil) {
        self.hours = hours
        self.severity = severity
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        self.init(hours: try parameters.int("hours", atLeast: 1) ?? 24, severity: parameters.severity)
    }

    public var summary: String { "approved \(hours) h before it is due" }
    public var clockHorizonHours: Int? { hours }

    public func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation] {
        guard let at = post.at, !post.status.isApproved else { return [] }
        let minutes = Int((at.timeIntervalSince(context.now) / 60).rounded())
        guard abs(minutes) <= hours * 60 else { return [] }
        let detail = minutes >= 0
            ? "due in \(Describe.duration(minutes: minutes)) and still \(post.status.rawValue)"
            : "was due \(Describe.duration(minutes: -minutes)) ago and is still \(post.status.rawValue)"
        return flag(post, detail, severity: severity ?? .warning, in: context)
    }
}
