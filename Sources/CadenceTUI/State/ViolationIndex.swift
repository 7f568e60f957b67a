import CadenceCore
import Foundation

/// The plan's violations kept per week, so that after an edit only the weeks it touched are
/// checked again, and the status line's totals stay current without a full check per key.
/// The weeks are those `cadence check` looks at by default (weeks that hold a post), so the
/// totals match it.
public struct ViolationIndex: Sendable {
    private var byWeek: [Int: [Violation]] = [:]
    public private(set) var ideas: [Violation] = []
    public private(set) var settings: [Violation] = []
    public private(set) var errors = 0
    public private(set) var warnings = 0
    /// Posts and settings with an unresolved merge conflict.
    public private(set) var mergeConflicts = 0

    public init() {}

    public init(calendar: ContentCalendar, book: RuleBook, now: Date) {
        settings = book.problems + MergeConflicts.violations(ofSettingsIn: calendar)
        let all = RuleChecker.check(calendar, in: .weeksWithPosts(in: calendar), now: now, book: book)
        for v in all {
            if let day = v.day {
                byWeek[calendar.weekStart(of: day).dayNumber, default: []].append(v)
            } else {
                ideas.append(v)
            }
        }
        recount()
    }

    /// Violations shown on days of the week that starts on `start`.
    public func week(startingOn start: CivilDate) -> [Violation] { byWeek[start.dayNumber] ?? [] }

    /// Every violation, in reading order.
    public var all: [Violation] {
        settings + byWeek.keys.sorted().flatMap { byWeek[$0]! } + ideas
    }

    /// Checks again the weeks that hold these days, and the ideas if asked.
    public mutating func refresh(days: Set<CivilDate>, ideas refreshIdeas: Bool, calendar: ContentCalendar, book: RuleBook, now: Date) {
        let starts = Set(days.map { calendar.weekStart(of: $0) })
        for start in starts {
            let end = start.adding(days: 6)
            let hasPosts = (0..<7).contains { calendar.postCount(on: start.adding(days: $0)) > 0 }
            let fresh = hasPosts ? RuleChecker.check(calendar, in: .days(from: start, to: end), now: now, book: book) : []
            count(byWeek[start.dayNumber] ?? [], sign: -1)
            count(fresh, sign: 1)
            byWeek[start.dayNumber] = fresh.isEmpty ? nil : fresh
        }
        if refreshIdeas {
            count(ideas, sign: -1)
            ideas = RuleChecker.check(calendar, in: DaySelection(ranges: [], includesIdeas: true), now: now, book: book)
            count(ideas, sign: 1)
        }
    }

    private mutating func recount() {
        errors = 0
        warnings = 0
        mergeConflicts = 0
        count(settings, sign: 1)
        for list in byWeek.values { count(list, sign: 1) }
        count(ideas, sign: 1)
    }

    private mutating func count(_ violations: [Violation], sign: Int) {
        for v in violations {
            if v.severity == .error { errors += sign } else { warnings += sign }
            if v.rule == MergeConflicts.ruleID { mergeConflicts += sign }
        }
    }
}
