import Algorithms
import CadenceCore
import Foundation

/// The plan's violations kept per week, so that after an edit only the weeks it touched are
/// checked again, and the status line's totals stay current without a full check per key.
/// The weeks are those `cadence check` looks at by default (weeks that hold a post), so the
/// totals match it.
public struct ViolationIndex: Sendable {
    private var byWeek: [Int: [Violation]] = [:]
    /// The errors among `byWeek`'s, so that the panel's errors alone cost no scan of the plan.
    private var errorsByWeek: [Int: [Violation]] = [:]
    /// The warnings among `byWeek`'s, so that the panel lists every error before any warning.
    private var warningsByWeek: [Int: [Violation]] = [:]
    /// The keys of `byWeek` in order, kept as weeks gain and lose problems.
    private var weekOrder: [Int] = []
    public private(set) var ideas: [Violation] = []
    public private(set) var settings: [Violation] = []
    /// `settings` and `ideas` split by severity, kept as they change, so that the panel reads
    /// them in place.
    private var settingsErrors: [Violation] = [], settingsWarnings: [Violation] = []
    private var ideasErrors: [Violation] = [], ideasWarnings: [Violation] = []
    public private(set) var errors = 0
    public private(set) var warnings = 0
    /// Posts and settings with an unresolved merge conflict.
    public private(set) var mergeConflicts = 0
    /// The weeks (by their first day's number) that hold a post's merge conflict.
    private var conflictWeeks = Set<Int>()

    public init(calendar: ContentCalendar, book: RuleBook, now: Date) {
        settings = RuleChecker.settingsViolations(calendar, book: book)
        let all = RuleChecker.check(calendar, in: .weeksWithPosts(in: calendar), now: now, book: book)
        for v in all {
            if let day = v.day {
                byWeek[calendar.weekStart(of: day).dayNumber, default: []].append(v)
            } else {
                ideas.append(v)
            }
        }
        weekOrder = byWeek.keys.sorted()
        for (week, list) in byWeek {
            errorsByWeek[week] = Self.errors(list)
            warningsByWeek[week] = Self.warnings(list)
            if list.contains(where: Self.isConflict) { conflictWeeks.insert(week) }
        }
        recount()
        split()
    }

    private mutating func split() {
        settingsErrors = Self.errors(settings)
        settingsWarnings = Self.warnings(settings)
        ideasErrors = Self.errors(ideas)
        ideasWarnings = Self.warnings(ideas)
    }

    /// Violations shown on days of the week that starts on `start`.
    public func week(startingOn start: CivilDate) -> [Violation] { byWeek[start.dayNumber] ?? [] }

    /// The violations to show for the week that starts on `start`: its own, and a gap across its
    /// end (Sun 23:30 and Mon 00:10), which is filed on the later day but involves this week's
    /// post too. Only the next week's first day is looked at, so this costs no scan.
    public func shown(inWeekStartingOn start: CivilDate, calendar: ContentCalendar) -> [Violation] {
        let next = start.adding(days: 7)
        let spilling = (byWeek[next.dayNumber] ?? []).filter { v in
            v.day == next && v.rule == SpacingRule.id
                && v.posts.contains { (calendar.local(of: $0)?.date ?? next) < next }
        }
        return week(startingOn: start) + spilling
    }

    /// Every violation, read in place (nothing is copied): merge conflicts first, as they stop a
    /// commit (only the few weeks that hold one are copied, to take them out of their place),
    /// then the other errors, then the warnings, each in reading order, so that a plan's many
    /// warnings never hide its errors.
    public var all: ViolationList {
        let warningLists = [settingsWarnings] + weekOrder.compactMap { warningsByWeek[$0] } + [ideasWarnings]
        return ViolationList(errorLists + warningLists, errors: errors, warnings: warnings)
    }

    /// The errors of `all`, in the same order.
    public var allErrors: ViolationList { ViolationList(errorLists, errors: errors, warnings: 0) }

    private var errorLists: [[Violation]] {
        conflictsFirst(settings: settingsErrors, weeks: errorsByWeek, ideas: ideasErrors)
    }

    static func isConflict(_ v: Violation) -> Bool { v.rule == MergeConflicts.ruleID }

    private func conflictsFirst(settings: [Violation], weeks: [Int: [Violation]], ideas: [Violation]) -> [[Violation]] {
        let ordered = weekOrder.compactMap { week in weeks[week].map { (week, $0) } }
        guard !conflictWeeks.isEmpty || ideas.contains(where: Self.isConflict) else { return [settings] + ordered.map(\.1) + [ideas] }
        var first = settings.filter(Self.isConflict)
        var rest: [[Violation]] = [settings.filter { !Self.isConflict($0) }]
        for (week, list) in ordered {
            if conflictWeeks.contains(week) {
                first += list.filter(Self.isConflict)
                rest.append(list.filter { !Self.isConflict($0) })
            } else {
                rest.append(list)
            }
        }
        first += ideas.filter(Self.isConflict)
        return [first] + rest + [ideas.filter { !Self.isConflict($0) }]
    }

    private static func errors(_ list: [Violation]) -> [Violation] { list.filter { $0.severity == .error } }
    private static func warnings(_ list: [Violation]) -> [Violation] { list.filter { $0.severity == .warning } }

    /// Checks again the weeks that hold these days, and the ideas if asked.
    public mutating func refresh(days: Set<CivilDate>, ideas refreshIdeas: Bool, calendar: ContentCalendar, book: RuleBook, now: Date) {
        let starts = Set(days.map { calendar.weekStart(of: $0) })
        for start in starts {
            let end = start.adding(days: 6)
            let hasPosts = (0..<7).contains { calendar.postCount(on: start.adding(days: $0)) > 0 }
            let fresh = hasPosts ? RuleChecker.check(calendar, in: .days(from: start, to: end), now: now, book: book) : []
            count(byWeek[start.dayNumber] ?? [], sign: -1)
            count(fresh, sign: 1)
            let key = start.dayNumber
            let was = byWeek[key] != nil
            byWeek[key] = fresh.isEmpty ? nil : fresh
            if fresh.contains(where: Self.isConflict) { conflictWeeks.insert(key) } else { conflictWeeks.remove(key) }
            let freshErrors = Self.errors(fresh)
            errorsByWeek[key] = freshErrors.isEmpty ? nil : freshErrors
            let freshWarnings = Self.warnings(fresh)
            warningsByWeek[key] = freshWarnings.isEmpty ? nil : freshWarnings
            if was != !fresh.isEmpty {
                let at = weekOrder.partitioningIndex { $0 >= key }
                if was { weekOrder.remove(at: at) } else { weekOrder.insert(key, at: at) }
            }
        }
        // A channel or category kept for the posts that used it says how many use it now:
        // a post moved off it changes that (counting them costs nothing; see postCount).
        if calendar.conflicts.contains(where: { $0.deletedBy != nil }) {
            count(settings, sign: -1)
            settings = RuleChecker.settingsViolations(calendar, book: book)
            count(settings, sign: 1)
        }
        if refreshIdeas {
            count(ideas, sign: -1)
            ideas = RuleChecker.check(calendar, in: DaySelection(ranges: [], includesIdeas: true), now: now, book: book)
            count(ideas, sign: 1)
        }
        split()
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

/// Violations in reading order, made of lists kept elsewhere and read in place, so that a panel of
/// the whole plan costs no copy of its thousands of problems per key.
public struct ViolationList: RandomAccessCollection, Sendable {
    private let segments: [[Violation]]
    /// The index of each segment's first violation.
    private let starts: [Int]
    public let endIndex: Int
    public let errorCount: Int
    public let warningCount: Int

    public var startIndex: Int { 0 }

    /// The lists in order; the totals when already known, else they are counted.
    public init(_ segments: [[Violation]], errors: Int? = nil, warnings: Int? = nil) {
        self.segments = segments.filter { !$0.isEmpty }
        var starts: [Int] = []
        var total = 0
        for segment in self.segments {
            starts.append(total)
            total += segment.count
        }
        self.starts = starts
        endIndex = total
        let counted = errors == nil || warnings == nil ? self.segments.reduce(0) { $0 + $1.errorCount } : 0
        errorCount = errors ?? counted
        warningCount = warnings ?? (total - counted)
    }

    public subscript(position: Int) -> Violation {
        precondition(position >= 0 && position < endIndex, "violation index out of range")
        // The last segment that starts at or before the position.
        let segment = starts.partitioningIndex { $0 > position } - 1
        return segments[segment][position - starts[segment]]
    }
}
