import Foundation

/// Two posts on one channel closer than N minutes. Measured between real instants, so posts on
/// either side of midnight or of a DST change are compared correctly.
public struct SpacingRule: DayRule {
    public static let id = "spacing"
    public static let title = "two posts on a channel too close together"
    public static let rationale =
        "Publishing too much at once overloads followers' feeds and makes them unsubscribe; spread posts through the day (DIGEST §1b items 9–10, S3 L65–67)."
    public static let parameters: [(name: String, kind: ParameterKind)] = [("minutes", .count(atLeast: 1))]

    public let minutes: Int
    public let severity: Severity?

    public init(minutes: Int, severity: Severity? = nil) {
        self.minutes = minutes
        self.severity = severity
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        guard let minutes = try parameters.int("minutes", atLeast: 1) else {
            throw RuleConfigError(key: "minutes", "give 'minutes', the shortest gap allowed between two posts")
        }
        self.init(minutes: minutes, severity: parameters.severity)
    }

    public var summary: String { "at least \(Describe.duration(minutes: minutes)) apart" }

    public func check(day: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation] {
        guard !posts.isEmpty else { return [] }
        // The channel's last post of the day before counts too: 23:50 and 00:10 are 20 minutes apart.
        var sequence = Array(context.calendar.posts(on: day.adding(days: -1), channel: channel.id).suffix(1))
        sequence += posts
        var found: [Violation] = []
        for (earlier, later) in zip(sequence, sequence.dropFirst()) {
            guard let a = earlier.at, let b = later.at else { continue }
            let gap = Int(b.timeIntervalSince(a) / 60)
            guard gap < minutes else { continue }
            let calendar = context.calendar
            func when(_ post: Post) -> String {
                guard let local = calendar.local(of: post.id), let time = calendar.timeText(of: post.id) else { return "" }
                return local.date == day ? time : "\(local.date.shortDescription) \(time)"
            }
            found.append(
                Violation(
                    rule: Self.id, severity: severity ?? .warning, channel: channel.id, subject: .day(day), day: day,
                    posts: [earlier.id, later.id],
                    message: "\(Describe.day(day)) · \(channel.name): “\(DisplayWidth.truncate(earlier.title, to: 30))” at \(when(earlier)) and “\(DisplayWidth.truncate(later.title, to: 30))” at \(when(later)) are \(Describe.duration(minutes: gap)) apart, at least \(Describe.duration(minutes: minutes))"
                ))
        }
        return found
    }
}
