/// Unresolved merge conflicts, reported by `check` as errors (they cannot be switched off):
/// the plan is not settled until someone decides.
public enum MergeConflicts {
    public static let ruleID = "merge-conflict"

    public static func violation(for post: Post, in calendar: ContentCalendar) -> Violation? {
        guard let conflict = post.conflict, !conflict.isEmpty else { return nil }
        var parts: [String] = []
        if let side = conflict.deletedBy {
            parts.append(side == .theirs ? "deleted in theirs but changed in yours" : "deleted in yours but changed in theirs")
        }
        for field in conflict.fields.keys.sorted() {
            let values = conflict.fields[field]!
            parts.append("\(field) (yours \(show(values.ours)), theirs \(show(values.theirs)))")
        }
        return Violation(
            rule: ruleID, severity: .error, channel: post.channel, subject: .post(post.id),
            day: calendar.local(of: post.id)?.date, posts: [post.id],
            message: "\(Describe.post(post, in: calendar)): merge conflict: \(parts.joined(separator: "; "))")
    }

    public static func violations(ofSettingsIn calendar: ContentCalendar) -> [Violation] {
        calendar.conflicts.map { conflict in
            let detail = conflict.note ?? "yours \(show(conflict.values.ours)), theirs \(show(conflict.values.theirs))"
            return Violation(
                rule: ruleID, severity: .error, channel: conflict.path.first == "channels" ? conflict.path.dropFirst().first : nil,
                subject: .settings, day: nil, posts: [], message: "Settings · \(conflict.place): merge conflict: \(detail)")
        }
    }

    /// A value as a message shows it: text in quotes, cut; absent as "none".
    public static func show(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "none"
        case .string(let s)?: return "“" + DisplayWidth.truncate(s.replacingOccurrences(of: "\n", with: " "), to: 30) + "”"
        case .number(let n)?: return n
        case .bool(let b)?: return b ? "true" : "false"
        case .array(let items)?: return "[" + items.map { show($0) }.joined(separator: ", ") + "]"
        case .object?: return "{…}"
        }
    }
}
