import CadenceCore

/// The styles views use, by meaning. Colour adds to symbols and never replaces them, so the
/// planner reads the same with NO_COLOR.
enum Theme {
    static let header = Style(bold: true, reverse: true)
    static let bold = Style(bold: true)
    static let dim = Style(foreground: .gray, dim: true)
    static let error = Style(foreground: .red, bold: true)
    static let warning = Style(foreground: .yellow, bold: true)
    static let today = Style(foreground: .cyan, bold: true)
    static let info = Style(foreground: .green)
    static let line = Style(foreground: .gray)

    static func severity(_ severity: Severity?) -> Style {
        switch severity {
        case .error?: error
        case .warning?: warning
        case nil: .plain
        }
    }

    /// The severity's style, faded (its colour kept, not bold, dimmed) for a day gone by, whose
    /// problems are history now.
    static func severity(_ severity: Severity?, past: Bool) -> Style {
        var style = self.severity(severity)
        if past, severity != nil { (style.bold, style.dim) = (false, true) }
        return style
    }

    /// The symbol that shows a problem without colour.
    static func symbol(_ severity: Severity?) -> String {
        switch severity {
        case .error?: "✖"
        case .warning?: "⚠"
        case nil: ""
        }
    }
}

/// Where the marks of broken rules go: per cell of the grid and per post.
struct Marks {
    struct Cell: Hashable {
        let channel: String
        let day: CivilDate
    }

    var cells: [Cell: Severity] = [:]
    var posts: [PostID: Severity] = [:]
    var days: [CivilDate: Severity] = [:]
    /// Channels whose week breaks their weekly count (the mark goes beside the name).
    var channels: [String: Severity] = [:]

    init(_ violations: [Violation], calendar: ContentCalendar) {
        for v in violations {
            if case .day(let day) = v.subject, let channel = v.channel { mark(Cell(channel: channel, day: day), v.severity) }
            if v.rule == PostsPerWeekRule.id, let channel = v.channel {
                channels[channel] = worst(channels[channel], v.severity)
                // Too few is the week's alone; too many marks its posts, as a category's cap does.
                if v.posts.isEmpty { continue }
            }
            // A week's problem shows on the days of the posts it involves, not on its first day.
            if let day = v.day, !isWeek(v) { days[day] = worst(days[day], v.severity) }
            // Posts a violation involves are marked, and their cells (a week's humour cap marks
            // the humour posts' days).
            // A day's count is the day's (its cell is marked), not any one post's.
            let involved = v.rule == PostsPerDayRule.id ? [] : v.posts
            for id in involved {
                posts[id] = worst(posts[id], v.severity)
                if let post = calendar.posts[id], let local = calendar.local(of: id) {
                    mark(Cell(channel: post.channel, day: local.date), v.severity)
                    days[local.date] = worst(days[local.date], v.severity)
                }
            }
        }
    }

    private func isWeek(_ v: Violation) -> Bool {
        if case .week = v.subject { return true }
        return false
    }

    private mutating func mark(_ cell: Cell, _ severity: Severity) {
        cells[cell] = worst(cells[cell], severity)
    }

    private func worst(_ a: Severity?, _ b: Severity) -> Severity {
        a == .error || b == .error ? .error : .warning
    }
}
