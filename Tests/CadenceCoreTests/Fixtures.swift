import CadenceCore
import Foundation
import Testing

/// Small builders for calendars and posts, so each test states only what it is about.
struct Fixture {
    var calendar: ContentCalendar
    private var counter = 0

    init(zone: String = "Europe/Berlin", weekStart: Weekday = .monday, channels: [Channel]? = nil, rules: RuleSettings = RuleSettings()) {
        calendar = ContentCalendar(
            name: "Test", clock: ZoneClock(identifier: zone)!, weekStart: weekStart,
            categories: [Category(id: "humour", name: "Humour"), Category(id: "news", name: "News"), Category(id: "new-models", name: "New models")],
            channels: channels ?? [
                Channel(id: "facebook", name: "Facebook", network: "facebook", rules: RuleSettings(["posts-per-day": ["min": .int(1), "max": .int(5)]])),
                Channel(id: "twitter", name: "Twitter", network: "twitter", rules: RuleSettings(["posts-per-day": ["max": .int(10)]])),
                Channel(id: "instagram", name: "Instagram", network: "instagram"),
            ],
            rules: rules)
    }

    /// Adds a post at a wall-clock time ("2026-11-24 09:00") in the calendar's zone, or an idea.
    @discardableResult
    mutating func add(
        _ channel: String, _ when: String? = nil, title: String? = nil, text: String = "", category: String? = nil,
        status: PostStatus? = nil, link: String? = nil, media: [String] = []
    ) -> Post {
        counter += 1
        let at = when.map { calendar.clock.date(for: LocalDateTime($0)!)! }
        let post = Post(
            id: PostID(String(format: "p%04d", counter))!, channel: channel, at: at, title: title ?? "Post \(counter)",
            text: text, category: category, status: status, link: link, media: media)
        try! calendar.put(post)
        return post
    }

    func check(from: String, to: String, now: String = "2020-01-01T00:00:00Z") -> [Violation] {
        RuleChecker.check(
            calendar, in: .days(from: CivilDate(iso: from)!, to: CivilDate(iso: to)!), now: ZoneClock.parseTimestamp(now)!)
    }

    func check(day: String, now: String = "2020-01-01T00:00:00Z") -> [Violation] { check(from: day, to: day, now: now) }
}

extension Array where Element == Violation {
    func of(_ rule: String) -> [Violation] { filter { $0.rule == rule } }
}

func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cadence-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
