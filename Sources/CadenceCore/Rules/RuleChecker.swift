import Algorithms
import Foundation

/// Which days a check looks at: sorted, disjoint ranges of day numbers, plus whether undated
/// ideas are checked too.
public struct DaySelection: Equatable, Sendable {
    public private(set) var ranges: [ClosedRange<Int>]
    public var includesIdeas: Bool

    public init(ranges: [ClosedRange<Int>], includesIdeas: Bool = false) {
        var merged: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
        self.includesIdeas = includesIdeas
    }

    /// The days from `from` to `to`, both included.
    public static func days(from: CivilDate, to: CivilDate) -> DaySelection {
        DaySelection(ranges: from <= to ? [from.dayNumber...to.dayNumber] : [])
    }

    /// Every day of every week that holds at least one scheduled post, and the ideas: what
    /// `cadence check` looks at when not told otherwise.
    public static func weeksWithPosts(in calendar: ContentCalendar) -> DaySelection {
        var ranges: [ClosedRange<Int>] = []
        for dayNumber in calendar.daysWithPosts {
            let start = calendar.weekStart(of: CivilDate(dayNumber: dayNumber)).dayNumber
            if let last = ranges.last, last.lowerBound == start { continue }
            ranges.append(start...(start + 6))
        }
        return DaySelection(ranges: ranges, includesIdeas: true)
    }

    public var isEmpty: Bool { ranges.isEmpty }
    public var dayCount: Int { ranges.reduce(0) { $0 + $1.count } }

    public func contains(_ day: CivilDate) -> Bool {
        let n = day.dayNumber
        let i = ranges.partitioningIndex { $0.upperBound >= n }
        return i < ranges.count && ranges[i].contains(n)
    }

    public var first: CivilDate? { ranges.first.map { CivilDate(dayNumber: $0.lowerBound) } }
    public var last: CivilDate? { ranges.last.map { CivilDate(dayNumber: $0.upperBound) } }

    /// The first days of the weeks that overlap the selection.
    public func weekStarts(_ weekStart: Weekday) -> [CivilDate] {
        var starts: [CivilDate] = []
        for range in ranges {
            var start = CivilDate(dayNumber: range.lowerBound).startOfWeek(weekStart)
            while start.dayNumber <= range.upperBound {
                if starts.last != start { starts.append(start) }
                start = start.adding(days: 7)
            }
        }
        return starts
    }
}

/// What a rule may look at while checking: the whole calendar (through its indexes), the days
/// being checked, the present moment and every channel's rules.
public struct CheckContext: Sendable {
    public let calendar: ContentCalendar
    public let selection: DaySelection
    public let now: Date
    public let book: RuleBook
}

/// The rules in force on each channel, built once per check from the layered settings.
public struct RuleBook: Sendable {
    public struct ChannelRules: Sendable {
        public var all: [any CadenceRule] = []
        public var day: [any DayRule] = []
        public var week: [any WeekRule] = []
        public var post: [any PostRule] = []

        public func has(_ id: String) -> Bool { all.contains { type(of: $0).id == id } }

        /// The rule of this kind in force, if any.
        public func first<R: CadenceRule>(_ kind: R.Type) -> R? { all.lazy.compactMap { $0 as? R }.first }
    }

    public private(set) var byChannel: [String: ChannelRules] = [:]
    /// Settings that cannot be used, reported as errors so that they are never silently ignored.
    public private(set) var problems: [Violation] = []
    /// The same problems as channel, rule and reason, for pointing at the file.
    public private(set) var settingsProblems: [(channel: String, rule: String, message: String)] = []

    public init(_ calendar: ContentCalendar) {
        for channel in calendar.channels {
            var rules = ChannelRules()
            let settings = RuleBook.settings(for: channel, in: calendar)
            for type in RuleCatalog.all {
                guard let params = settings[type.id] else { continue }
                do throws(RuleConfigError) {
                    guard let rule = try RuleCatalog.build(type.id, settings: params) else { continue }
                    if let missing = rule.referencedCategories.first(where: { calendar.category($0) == nil }) {
                        throw RuleConfigError(key: nil, "names the category '\(missing)', which the calendar does not define")
                    }
                    rules.all.append(rule)
                    if let r = rule as? any DayRule { rules.day.append(r) }
                    if let r = rule as? any WeekRule { rules.week.append(r) }
                    if let r = rule as? any PostRule { rules.post.append(r) }
                } catch {
                    settingsProblems.append((channel.id, type.id, error.message))
                    problems.append(
                        Violation(
                            rule: type.id, severity: .error, channel: channel.id, subject: .settings, day: nil, posts: [],
                            message: "Settings · \(channel.name): rule \(type.id): \(error.message)"))
                }
            }
            byChannel[channel.id] = rules
        }
    }

    /// One source of rule settings.
    public struct Layer: Sendable {
        public let source: String
        public let settings: RuleSettings
        /// Whether naming a rule here with only a `severity` puts the rule in force. The
        /// calendar-wide layer only adjusts (or switches off) rules in force by another layer:
        /// `"media-required": {"severity": "warning"}` there must not ask Facebook for pictures.
        public let severityAloneEnables: Bool
    }

    /// Where a channel's settings come from, most general first.
    public static func layers(for channel: Channel, in calendar: ContentCalendar) -> [Layer] {
        var layers = [Layer(source: "Cadence default", settings: RuleCatalog.baseDefaults, severityAloneEnables: true)]
        if let profile = channel.profile {
            layers.append(Layer(source: "\(profile.displayName) default", settings: profile.ruleDefaults, severityAloneEnables: true))
        }
        layers.append(Layer(source: "calendar", settings: calendar.rules, severityAloneEnables: false))
        layers.append(Layer(source: "channel", settings: channel.rules, severityAloneEnables: true))
        return layers
    }

    /// The settings in force on a channel: each layer laid over the one before, parameter by
    /// parameter, keeping the rules that some layer puts in force.
    public static func settings(for channel: Channel, in calendar: ContentCalendar) -> RuleSettings {
        var merged = RuleSettings()
        var inForce = Set<String>()
        for layer in layers(for: channel, in: calendar) {
            merged = merged.overlaid(with: layer.settings)
            for (id, params) in layer.settings.byRule where layer.severityAloneEnables || params.keys.contains(where: { $0 != "severity" }) {
                inForce.insert(id)
            }
        }
        return RuleSettings(merged.byRule.filter { inForce.contains($0.key) })
    }

    public func rules(for channel: String) -> ChannelRules { byChannel[channel] ?? ChannelRules() }

    /// The widest span, in hours either side of now, over which any rule in force reads the
    /// clock; `nil` when no rule does, so the verdicts never change as time passes.
    public var clockHorizonHours: Int? {
        byChannel.values.flatMap(\.all).compactMap(\.clockHorizonHours).max()
    }
}

/// Runs every rule over the selected days and returns the violations in reading order: by day,
/// then channel (in the calendar's order), then errors before warnings.
public enum RuleChecker {
    /// Unresolved merge conflicts are reported wherever their posts are, in the selection or
    /// not: the plan is not settled until someone decides every one of them.
    public static func check(_ calendar: ContentCalendar, in selection: DaySelection, now: Date) -> [Violation] {
        let book = RuleBook(calendar)
        let inSelection = check(calendar, in: selection, now: now, book: book)
        let elsewhere = calendar.conflictedPosts.filter { post in
            guard let day = calendar.local(of: post.id)?.date.dayNumber else { return !selection.includesIdeas }
            return !selection.ranges.contains { $0.contains(day) }
        }
        let conflicts = elsewhere.compactMap { MergeConflicts.violation(for: $0, in: calendar) }
        return settingsViolations(calendar, book: book) + (conflicts.isEmpty ? inSelection : sorted(inSelection + conflicts, channelOrder: calendar.channels.map(\.id)))
    }

    /// What is wrong with the settings rather than the plan: rule settings that cannot be used
    /// and settings a merge left undecided. They come first in reading order.
    public static func settingsViolations(_ calendar: ContentCalendar, book: RuleBook) -> [Violation] {
        sorted(book.problems + MergeConflicts.violations(ofSettingsIn: calendar), channelOrder: calendar.channels.map(\.id))
    }

    /// The violations in the selected days only, with rules already built (settings problems
    /// are the book's own `problems`). Checking weeks one at a time gives exactly the
    /// violations of checking them together, which lets the planner re-check only what an
    /// edit touched.
    public static func check(_ calendar: ContentCalendar, in selection: DaySelection, now: Date, book: RuleBook) -> [Violation] {
        let context = CheckContext(calendar: calendar, selection: selection, now: now, book: book)
        var found: [Violation] = []
        let channels = calendar.channels

        // Only the days Cadence plans: the week of 31 Dec 2199 runs into 2200, which asks for nothing.
        let plannable = CivilDate.plannable.lowerBound.dayNumber...CivilDate.plannable.upperBound.dayNumber
        for range in selection.ranges where range.overlaps(plannable) {
            for dayNumber in range.clamped(to: plannable) {
                let day = CivilDate(dayNumber: dayNumber)
                let dayPosts = calendar.posts(on: day)
                for channel in channels {
                    let rules = book.rules(for: channel.id)
                    let posts = dayPosts.filter { $0.channel == channel.id }
                    for rule in rules.day { found += rule.check(day: day, posts: posts, channel: channel, in: context) }
                    for post in posts {
                        if let conflict = MergeConflicts.violation(for: post, in: calendar) { found.append(conflict) }
                        for rule in rules.post { found += rule.check(post: post, channel: channel, in: context) }
                    }
                }
            }
        }

        for start in selection.weekStarts(calendar.weekStart) {
            let weekPosts = (0..<7).flatMap { calendar.posts(on: start.adding(days: $0)) }
            for channel in channels {
                let rules = book.rules(for: channel.id)
                guard !rules.week.isEmpty else { continue }
                let posts = weekPosts.filter { $0.channel == channel.id }
                for rule in rules.week { found += rule.check(weekStart: start, posts: posts, channel: channel, in: context) }
            }
        }

        if selection.includesIdeas {
            for post in calendar.ideas {
                if let conflict = MergeConflicts.violation(for: post, in: calendar) { found.append(conflict) }
                guard let channel = calendar.channel(post.channel) else { continue }
                for rule in book.rules(for: channel.id).post where type(of: rule).appliesToIdeas {
                    found += rule.check(post: post, channel: channel, in: context)
                }
            }
        }
        return sorted(found, channelOrder: channels.map(\.id))
    }

    /// What the rules that read a post alone say of a post being written (a form's draft, not
    /// yet in the calendar), each as its severity and the words after the post's description:
    /// `no image or video; Instagram posts need one`. The same-text rule compares the
    /// calendar's copy of the post with others, so it is left out (a form looks the typed text
    /// up with `postsSharing(text:)`); so are rules named in `leavingOut` (shown some other way).
    public static func draftProblems(
        _ post: Post, in calendar: ContentCalendar, book: RuleBook, now: Date, leavingOut: Set<String> = []
    ) -> [(severity: Severity, rule: String, detail: String)] {
        guard let channel = calendar.channel(post.channel) else { return [] }
        let context = CheckContext(calendar: calendar, selection: DaySelection(ranges: []), now: now, book: book)
        let lead = Describe.post(post, in: calendar) + ": "
        var found: [(severity: Severity, rule: String, detail: String)] = []
        for rule in book.rules(for: channel.id).post {
            let kind = type(of: rule)
            guard kind.id != SameTextRule.id, !leavingOut.contains(kind.id), post.at != nil || kind.appliesToIdeas else { continue }
            for v in rule.check(post: post, channel: channel, in: context) {
                found.append((v.severity, v.rule, v.message.hasPrefix(lead) ? String(v.message.dropFirst(lead.count)) : v.message))
            }
        }
        return found.sorted { $0.severity > $1.severity }
    }

    static func sorted(_ violations: [Violation], channelOrder: [String]) -> [Violation] {
        let channelRank = Dictionary(uniqueKeysWithValues: channelOrder.enumerated().map { ($1, $0) })
        let ruleRank = Dictionary(uniqueKeysWithValues: RuleCatalog.ids.enumerated().map { ($1, $0) })
        func key(_ v: Violation) -> (Int, Int, Int, Int, String) {
            (
                v.subject == .settings ? Int.min : v.day?.dayNumber ?? Int.max,
                v.channel.flatMap { channelRank[$0] } ?? -1,
                v.severity == .error ? 0 : 1,
                ruleRank[v.rule] ?? Int.max,
                v.message
            )
        }
        return violations.sorted { key($0) < key($1) }
    }
}

extension Array where Element == Violation {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
}

extension RuleChecker {
    /// What a change from `before` to `calendar` broke around `days` (the changed posts' old
    /// and new days): the violations there that none of the versions before had. A merge has
    /// two versions before it, one per side.
    public static func broken(from before: [ContentCalendar], to calendar: ContentCalendar, around days: some Sequence<CivilDate>, ideas: Bool, now: Date) -> [Violation] {
        // Where the change can break a rule: the weeks of the days, and the days either side
        // (spacing looks across midnight); the ideas when it is one.
        let ranges = Set(days).map { day in
            let start = calendar.weekStart(of: day)
            return min(start, day.adding(days: -1)).dayNumber...max(start.adding(days: 6), day.adding(days: 1)).dayNumber
        }
        guard !ranges.isEmpty || ideas else { return [] }
        let selection = DaySelection(ranges: ranges.sorted { $0.lowerBound < $1.lowerBound }, includesIdeas: ideas)
        // Only what the change broke: what was wrong already is not news (`check` lists it).
        // (Within the selection only: a post's change breaks nothing elsewhere.) A problem is the
        // same one when it is the same rule at the same place with no post drawn in that was not in
        // it before: its words may change with a title, a time or a post that left it.
        var already: [Violation.Place: [Set<PostID>]] = [:]
        for version in before {
            for v in check(version, in: selection, now: now, book: RuleBook(version)) { already[v.place, default: []].append(Set(v.posts)) }
        }
        return check(calendar, in: selection, now: now, book: RuleBook(calendar)).filter { v in
            let posts = Set(v.posts)
            return !(already[v.place] ?? []).contains { posts.isSubset(of: $0) }
        }
    }

    /// What a merge broke that neither side broke alone: two people each planned a fine day,
    /// and together it holds six posts, or two at one minute, or none at all (each deleted one
    /// of its two). Only around the posts the two sides left differently (`touched`, as the
    /// merge found them), on their days in the merged plan and on each side. Merge conflicts
    /// are left out (they are told anyway).
    public static func problemsMadeByMerging(
        _ merged: ContentCalendar, sides: [ContentCalendar], touched: some Sequence<PostID>, now: Date
    ) -> [Violation] {
        var days = Set<CivilDate>()
        for id in touched {
            for version in [merged] + sides {
                if let day = version.local(of: id)?.date { days.insert(day) }
            }
        }
        // A week left without posts is passed over by a plain check, and so here.
        return broken(from: sides, to: merged, around: days, ideas: false, now: now).filter { v in
            guard v.rule != MergeConflicts.ruleID else { return false }
            guard let day = v.day else { return true }
            let start = merged.weekStart(of: day)
            return (0..<7).contains { merged.postCount(on: start.adding(days: $0)) > 0 }
        }
    }
}
