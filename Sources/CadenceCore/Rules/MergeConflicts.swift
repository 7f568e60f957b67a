/// Unresolved merge conflicts, reported by `check` as errors (they cannot be switched off):
/// the plan is not settled until someone decides.
public enum MergeConflicts {
    public static let ruleID = "merge-conflict"

    public static func violation(for post: Post, in calendar: ContentCalendar) -> Violation? {
        guard post.hasConflict, let conflict = post.conflict else { return nil }
        var parts: [String] = []
        let ours = conflict.name(of: .ours)
        let theirs = conflict.name(of: .theirs)
        if let side = conflict.deletedBy {
            // The deleting side first, as the subject: "deleted on the side Bob merged in,
            // changed by Bob" read as if Bob had done both.
            parts.append("\(conflict.name(of: side)) deleted it, and it was changed \(conflict.agent(of: side == .ours ? .theirs : .ours))")
        }
        for field in conflict.fields.keys.sorted() {
            let values = conflict.fields[field]!
            var text = "\(field) (\(ours) \(show(values.ours, field: field, in: calendar)), \(theirs) \(show(values.theirs, field: field, in: calendar))"
            if !values.others.isEmpty { text += ", also " + values.others.map { show($0, field: field, in: calendar) }.joined(separator: ", ") }
            // A status only one side changed is in conflict because the other side changed what
            // the post says: an approval of words its giver did not see.
            if field == "status", values.ours == values.base || values.theirs == values.base {
                let approver = values.ours == values.base ? theirs : ours
                text += "; \(approver) approved it before the other side changed what it says"
            }
            parts.append(text + ")")
        }
        return Violation(
            rule: ruleID, severity: .error, channel: post.channel, subject: .post(post.id),
            day: calendar.local(of: post.id)?.date, posts: [post.id],
            message: "\(Describe.post(post, in: calendar)): merge conflict: \(parts.joined(separator: "; "))")
    }

    public static func violations(ofSettingsIn calendar: ContentCalendar) -> [Violation] {
        calendar.conflicts.map { conflict in
            let detail = detail(of: conflict, in: calendar)
            return Violation(
                rule: ruleID, severity: .error, channel: conflict.path.first == "channels" ? conflict.path.dropFirst().first : nil,
                subject: .settings, day: nil, posts: [], message: "Settings · \(conflict.place): merge conflict: \(detail)")
        }
    }

    /// What `check` says of a settings conflict: the two values, or for a kept definition who
    /// deleted it and how many posts use it now (they may have moved since the merge).
    public static func detail(of conflict: SettingsConflict, in calendar: ContentCalendar) -> String {
        if let deleter = conflict.deletedBy, let users = conflict.users(in: calendar) {
            let deleted = "deleted " + (conflict.onReload ? "in " : "on ") + conflict.name(of: deleter)
            return users == 0
                ? "\(deleted); no post uses it now: taking that side deletes it, the other keeps it"
                : "\(deleted), but \(Describe.users(users)) it; kept"
        }
        if let note = conflict.note { return note }
        // A value one side took out (a rule deleted) is said so, not shown as "none".
        func said(_ value: JSONValue?) -> String { value == nil && conflict.values.base != nil ? "deleted it" : show(value) }
        return "\(conflict.name(of: .ours)) \(said(conflict.values.ours)), \(conflict.name(of: .theirs)) \(said(conflict.values.theirs))"
    }

    /// A value as a message shows it: text in quotes, cut; absent as "none"; a post's time in the
    /// calendar's zone.
    public static func show(_ value: JSONValue?, field: String? = nil, in calendar: ContentCalendar? = nil) -> String {
        if field == "at" || field == "changedAt", let calendar, let text = value?.stringValue, let date = ZoneClock.parseTimestamp(text) {
            let local = calendar.clock.local(date).dateTime
            return "\(local.date.shortDescription) \(local.date.year) \(calendar.clock.timeText(date))"
        }
        // A post without a date is an idea: "none" would read as a lost value.
        if field == "at", value == nil || value == .null { return "no date (an idea)" }
        switch value {
        case nil, .null?: return "none"
        case .string(let s)?: return "“" + DisplayWidth.truncate(s.replacingOccurrences(of: "\n", with: " "), to: 30) + "”"
        case .number(let n)?: return n
        case .bool(let b)?: return b ? "true" : "false"
        case .array(let items)?: return "[" + items.map { show($0) }.joined(separator: ", ") + "]"
        case .object(let object)?:
            // A rule's settings and the like: the keys and values, the first few.
            let members = Array(object)
            let shown = members.prefix(4).map { "\($0.key) \(show($0.value))" }
            return "{" + shown.joined(separator: ", ") + (members.count > 4 ? ", …" : "") + "}"
        }
    }
}
