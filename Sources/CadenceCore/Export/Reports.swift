import Foundation

/// Colours for text reports: ANSI on a terminal that wants them, nothing otherwise (NO_COLOR,
/// pipes, files).
public struct Palette: Sendable {
    public let error: @Sendable (String) -> String
    public let warning: @Sendable (String) -> String
    public let heading: @Sendable (String) -> String
    public let dim: @Sendable (String) -> String

    public static let plain = Palette(error: { $0 }, warning: { $0 }, heading: { $0 }, dim: { $0 })
    public static let ansi = Palette(
        error: { "\u{1B}[1;31m\($0)\u{1B}[0m" }, warning: { "\u{1B}[33m\($0)\u{1B}[0m" },
        heading: { "\u{1B}[1m\($0)\u{1B}[0m" }, dim: { "\u{1B}[2m\($0)\u{1B}[0m" })

    public init(
        error: @escaping @Sendable (String) -> String, warning: @escaping @Sendable (String) -> String,
        heading: @escaping @Sendable (String) -> String, dim: @escaping @Sendable (String) -> String
    ) {
        self.error = error
        self.warning = warning
        self.heading = heading
        self.dim = dim
    }
}

/// The agenda, the violations and the channels as text and JSON, for the command line.
public enum Reports {
    // MARK: Agenda

    /// Posts grouped by day, then channel (in the calendar's order); ideas at the end.
    public static func agendaText(_ posts: [Post], of calendar: ContentCalendar, palette: Palette = .plain) -> String {
        guard !posts.isEmpty else { return "No posts.\n" }
        let channelRank = Dictionary(uniqueKeysWithValues: calendar.channels.enumerated().map { ($1.id, $0) })
        var groups: [(day: CivilDate?, posts: [Post])] = []
        for post in posts {
            let day = calendar.local(of: post.id)?.date
            // (Not `if let last = groups.last`: that copy would hold the list, and every append
            // would copy it again: quadratic for the ideas, all in one group.)
            if !groups.isEmpty, groups[groups.count - 1].day == day {
                groups[groups.count - 1].posts.append(post)
            } else {
                groups.append((day, [post]))
            }
        }
        var out = ""
        for (i, group) in groups.enumerated() {
            if i > 0 { out += "\n" }
            out += palette.heading(group.day?.longDescription ?? "Ideas") + "\n"
            let byChannel = Dictionary(grouping: group.posts, by: \.channel)
            // Times line up; on the day the clocks go back some carry their offset.
            let times = Dictionary(uniqueKeysWithValues: group.posts.map { ($0.id, calendar.timeText(of: $0.id) ?? "  —  ") })
            let timeWidth = times.values.map(\.count).max() ?? 5
            for channel in byChannel.keys.sorted(by: { (channelRank[$0] ?? .max, $0) < (channelRank[$1] ?? .max, $1) }) {
                out += "  " + (calendar.channel(channel)?.name ?? channel) + "\n"
                for post in byChannel[channel]! {
                    let time = times[post.id]!.padding(toLength: timeWidth, withPad: " ", startingAt: 0)
                    // Generated ids are ten characters; hand-typed ones may be shorter.
                    let id = post.id.rawValue.padding(toLength: max(10, post.id.rawValue.count), withPad: " ", startingAt: 0)
                    var line = "    \(time)  \(palette.dim(id))  \(DisplayWidth.pad(post.status.rawValue, to: 9))  \(safe(post.title))"
                    if let category = post.category { line += palette.dim("  [\(calendar.category(category)?.name ?? category)]") }
                    if post.conflict != nil { line += "  (!) merge conflict" }
                    out += line + "\n"
                }
            }
        }
        return out
    }

    /// Posts as a JSON list, every field present, for scripts.
    public static func postsJSON(_ posts: [Post], of calendar: ContentCalendar) -> String {
        let items: [JSONValue] = posts.map { post in
            let local = calendar.local(of: post.id)
            var object = JSONObject()
            object["id"] = .string(post.id.rawValue)
            object["channel"] = .string(post.channel)
            object["date"] = local.map { .string($0.date.description) } ?? .null
            // `02:30+01:00` in the hour the clocks go back, as `list` and the sheets write it.
            object["time"] = post.at.map { .string(calendar.clock.timeText($0)) } ?? .null
            object["at"] = post.at.map { .string(calendar.clock.rfc3339($0)) } ?? .null
            object["title"] = .string(post.title)
            object["text"] = .string(post.text)
            object["category"] = post.category.map(JSONValue.string) ?? .null
            object["status"] = .string(post.status.rawValue)
            object["link"] = post.link.map(JSONValue.string) ?? .null
            object["media"] = .array(post.media.map(JSONValue.string))
            object["tags"] = .array(post.tags.map(JSONValue.string))
            object["notes"] = .string(post.notes)
            object["changedBy"] = post.changedBy.map(JSONValue.string) ?? .null
            object["changedAt"] = post.changedAt.map { .string(calendar.clock.rfc3339($0)) } ?? .null
            object["conflict"] = CalendarCodec.encodeConflict(of: post)
            CalendarCodec.appendExtra(post.extra, to: &object)
            return .object(object)
        }
        return String(decoding: JSONWriter.canonicalBytes(.array(items)), as: UTF8.self)
    }

    // MARK: Violations

    /// `error    Tue 24 Nov 2026 · Facebook: 6 posts, at most 5 a day  [posts-per-day]`
    public static func violationLines(_ violations: [Violation], palette: Palette = .plain) -> [String] {
        violations.map { v in
            let label = v.severity == .error ? palette.error("error  ") : palette.warning("warning")
            return "\(label)  \(safe(v.message))  \(palette.dim("[\(v.rule)]"))"
        }
    }

    /// With `today`, the summary says how many problems are on days (or weeks) gone by, which
    /// no one can mend any more, and how to leave them out.
    public static func checkText(_ violations: [Violation], selection: DaySelection, palette: Palette = .plain, today: CivilDate? = nil) -> String {
        var out = violationLines(violations, palette: palette).map { $0 + "\n" }.joined()
        if !violations.isEmpty { out += "\n" }
        let errors = violations.errorCount
        let warnings = violations.warningCount
        var summary = errors == 0 && warnings == 0
            ? "No problems found"
            : "\(Describe.count(errors, "error")), \(Describe.count(warnings, "warning"))"
        if let today {
            // Merge conflicts are told wherever they are, and can be settled whenever.
            let gone = violations.count { v in
                guard v.rule != MergeConflicts.ruleID else { return false }
                if case .week(let start) = v.subject { return start.adding(days: 6) < today }
                return v.day.map { $0 < today } ?? false
            }
            if gone > 0 { summary += " (\(gone) on days gone by: --from today leaves \(gone == 1 ? "it" : "them") out)" }
        }
        return out + summary + " · checked " + scopeText(selection) + "\n"
    }

    static func scopeText(_ selection: DaySelection) -> String {
        var parts: [String] = []
        if let first = selection.first, let last = selection.last {
            let days = selection.dayCount
            // The weeks without posts between those checked are said, not hidden in the span.
            let gaps = zip(selection.ranges, selection.ranges.dropFirst()).map { CivilDate(dayNumber: $0.upperBound + 1)...CivilDate(dayNumber: $1.lowerBound - 1) }
            let weeks = gaps.reduce(0) { $0 + ($1.upperBound.dayNumber - $1.lowerBound.dayNumber + 1) / 7 }
            let passed = gaps.isEmpty ? ""
                : gaps.count <= 3 ? "; passed over \(Describe.count(weeks, "week")) without posts: " + gaps.map { "\($0.lowerBound) … \($0.upperBound)" }.joined(separator: ", ")
                : "; passed over \(Describe.count(weeks, "week")) without posts"
            parts.append(first == last ? "\(first)" : "\(first) … \(last) (\(Describe.count(days, "day"))\(passed))")
        }
        if selection.includesIdeas { parts.append("ideas") }
        return parts.isEmpty ? "nothing (no posts)" : parts.joined(separator: " and ")
    }

    public static func checkJSON(_ violations: [Violation], selection: DaySelection, calendar: ContentCalendar) -> String {
        var root = JSONObject()
        root["errors"] = .int(violations.errorCount)
        root["warnings"] = .int(violations.warningCount)
        root["from"] = selection.first.map { .string($0.description) } ?? .null
        root["to"] = selection.last.map { .string($0.description) } ?? .null
        root["ideas"] = .bool(selection.includesIdeas)
        root["violations"] = .array(violations.map { v in
            var object = JSONObject()
            object["rule"] = .string(v.rule)
            object["severity"] = .string(v.severity.rawValue)
            object["channel"] = v.channel.map(JSONValue.string) ?? .null
            switch v.subject {
            case .day(let day): object["day"] = .string(day.description)
            case .week(let start):
                // Always YYYY-Www, as --week reads it: the ISO week of the week's Monday (for
                // Monday weeks, the week itself; for Sunday weeks, the one that starts next day).
                let monday = start.adding(days: (Weekday.monday.isoIndex - start.weekday.isoIndex + 7) % 7)
                object["week"] = .string(monday.isoWeek.description)
                object["weekStart"] = .string(start.description)
            case .post(let id):
                object["post"] = .string(id.rawValue)
                object["day"] = v.day.map { .string($0.description) } ?? .null
            case .settings: break
            }
            object["posts"] = .array(v.posts.map { .string($0.rawValue) })
            object["message"] = .string(v.message)
            return .object(object)
        })
        return String(decoding: JSONWriter.canonicalBytes(.object(root)), as: UTF8.self)
    }

    // MARK: Channels

    public static func channelsText(_ calendar: ContentCalendar, palette: Palette = .plain) -> String {
        guard !calendar.channels.isEmpty else { return "No channels.\n" }
        let tables = calendar.channels.map { channelRows($0, in: calendar) }
        // The details are never cut: the column is as wide as the widest, the same for all.
        let width = max(42, tables.flatMap { $0 }.map { DisplayWidth.of($0.detail) }.max() ?? 0)
        var out = ""
        for (i, (channel, rows)) in zip(calendar.channels, tables).enumerated() {
            if i > 0 { out += "\n" }
            let network = channel.profile?.displayName ?? channel.network ?? "no network"
            // A channel one side of a merge deleted, kept because posts use it, says so.
            let kept = calendar.conflicts.contains { $0.path == ["channels", channel.id] } ? "  ✖ deleted on one side of a merge, kept ('cadence check')" : ""
            out += palette.heading("\(channel.id)") + "  \(safe(channel.name))  (network: \(network))\(kept)\n"
            for row in rows {
                let name = DisplayWidth.pad(row.name, to: 18)
                if row.source.isEmpty {
                    out += "  \(name) \(row.detail)\n"
                } else {
                    let padded = row.detail + String(repeating: " ", count: max(0, width - DisplayWidth.of(row.detail)))
                    out += "  \(name) \(padded) \(palette.dim(row.source))\n"
                }
            }
        }
        return out
    }

    /// A channel's posting times and rules in force: what each says, and where it is set.
    private static func channelRows(_ channel: Channel, in calendar: ContentCalendar) -> [(name: String, detail: String, source: String)] {
        let times = channel.postingTimes.isEmpty ? "none (new posts take the first free time from 09:00)" : channel.postingTimes.map(\.description).joined(separator: " ")
        var rows: [(name: String, detail: String, source: String)] = [("posting times", times, channel.postingTimes.isEmpty ? "" : "channel")]
        let layers = RuleBook.layers(for: channel, in: calendar)
        let settings = RuleBook.settings(for: channel, in: calendar)
        for type in RuleCatalog.all {
            guard let params = settings[type.id] else { continue }
            // The most specific layer that mentions the rule is where it comes from; a rule
            // switched off, from the layer that switched it off.
            var source = layers.last { $0.settings[type.id] != nil }?.source ?? ""
            let detail: String
            do {
                if let rule = try RuleCatalog.build(type.id, settings: params) {
                    let severity = (params["severity"]?.stringValue).map { " (\($0))" } ?? ""
                    detail = rule.summary + severity
                } else {
                    detail = "off"
                    source = layers.last { $0.settings[type.id]?["severity"] != nil }?.source ?? source
                }
            } catch {
                detail = "invalid: \(error.message)"
            }
            rows.append((type.id, safe(detail), source))
        }
        // A rule or the times a merge left unsettled are in force as the file holds them for
        // now: said, so that no one takes them for decided. A calendar-wide rule's conflict
        // matters where the calendar's setting is the one in force; a rule the merge left off
        // (no row) gets one to say so; anything else of the channel (its name) is said below.
        var unsettled: [String: String] = [:]  // row key: where the conflicting setting is
        var others: [String] = []
        for conflict in calendar.conflicts {
            let path = conflict.path
            if path.first == "rules", path.count > 1 {
                unsettled[path[1], default: "calendar"] = "calendar"
            } else if path.count > 2, path[0] == "channels", path[1] == channel.id {
                if path[2] == "rules", path.count > 3 { unsettled[path[3]] = "channel" }
                else if path[2] == "postingTimes" { unsettled["postingTimes"] = "channel" }
                else { others.append(conflict.place) }
            }
        }
        let mark = "  ✖ merge conflict, unsettled ('cadence check')"
        var marked = rows.enumerated().map { i, row in
            let key = i == 0 ? "postingTimes" : row.name
            guard let level = unsettled.removeValue(forKey: key), level == "channel" || row.source == "calendar" else { return row }
            return (row.name, row.detail + mark, row.source)
        }
        for (rule, level) in unsettled.sorted(by: { $0.key < $1.key }) where level == "channel" || RuleBook.layers(for: channel, in: calendar).last(where: { $0.settings[rule] != nil })?.source ?? "calendar" == "calendar" {
            marked.append((rule, "off for now" + mark, level))
        }
        for place in others { marked.append(("merge conflict", place + mark, "")) }
        return marked
    }

    /// Text from the file made safe for a terminal: control characters (escape sequences among
    /// them) become visible placeholders instead of acting on the terminal.
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || isBidiControl($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) {
                continue  // would turn the rest of the line around (and could disguise it)
            } else if scalar == "\n" {
                out.append("⏎")
            } else if scalar == "\t" {
                out.append(" ")  // as the planner shows it
            } else if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) {
                out.append("�")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Embeddings, overrides and isolates: they reorder what follows them on the terminal's line.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
