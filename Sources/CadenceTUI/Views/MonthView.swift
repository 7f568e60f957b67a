import CadenceCore

/// Where the month overview's days go: the month's weeks (four to six) of seven days, two
/// lines each, with a blank line between weeks when the screen has room for one.
struct MonthLayout {
    let body: Rect
    /// The first day shown: the start of the week that holds the 1st.
    let firstDay: CivilDate
    let month: Int
    let cellWidth: Int
    let cellHeight = 2
    /// The weeks that hold a day of the month.
    let weekCount: Int
    /// Lines from one week to the next: 3, or 2 (no gap) on a short screen.
    let rowStep: Int

    init(state: AppState) {
        body = PlannerView.body(state.size)
        let day = state.cursor.day
        let first = CivilDate(year: day.year, month: day.month, day: 1)!
        let last = CivilDate(year: day.year, month: day.month, day: CivilDate.daysIn(month: day.month, year: day.year))!
        firstDay = state.calendar.weekStart(of: first)
        month = day.month
        cellWidth = max(6, (body.width - 2 - 6) / 7)
        weekCount = (last.dayNumber - firstDay.dayNumber) / 7 + 1
        rowStep = body.height - 3 >= weekCount * 3 ? 3 : 2
    }

    /// The weeks shown, by their first day.
    var weekStarts: [CivilDate] { (0..<weekCount).map { firstDay.adding(days: 7 * $0) } }

    var gridY: Int { body.y + 3 }
    func x(_ column: Int) -> Int { 1 + column * (cellWidth + 1) }
    func y(_ week: Int) -> Int { gridY + week * rowStep }

    func day(x px: Int, y py: Int) -> CivilDate? {
        for week in 0..<weekCount {
            for column in 0..<7 where Rect(x: x(column), y: y(week), width: cellWidth, height: cellHeight).contains(x: px, y: py) {
                return firstDay.adding(days: week * 7 + column)
            }
        }
        return nil
    }

    /// The same day of the month `months` away (the last day when that month is shorter).
    static func shift(_ day: CivilDate, months: Int) -> CivilDate {
        let index = day.year * 12 + (day.month - 1) + months
        let year = index / 12
        let month = index % 12 + 1
        return CivilDate(year: year, month: month, day: min(day.day, CivilDate.daysIn(month: month, year: year)))!
    }
}

/// The month at a glance: for every day, each channel's number of posts, the broken days marked.
enum MonthView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let layout = MonthLayout(state: state)
        let calendar = state.calendar
        // A legend: counts are per channel, in this order.
        var legend = "Posts a day per channel:"
        for (i, channel) in calendar.channels.enumerated() { legend += " \(i + 1)=\(channel.name)" }
        buffer.write(DisplayWidth.truncate(legend, to: layout.body.width - 2), x: 1, y: layout.body.y, style: Theme.dim)
        for column in 0..<7 {
            let weekday = layout.firstDay.adding(days: column).weekday.shortName
            buffer.write(weekday, x: layout.x(column), y: layout.body.y + 2, style: Theme.bold)
        }
        let marks = Marks(layout.weekStarts.flatMap { state.violations(inWeekStartingOn: $0) }, calendar: calendar)
        for week in 0..<layout.weekCount {
            for column in 0..<7 {
                let day = layout.firstDay.adding(days: week * 7 + column)
                let rect = Rect(x: layout.x(column), y: layout.y(week), width: layout.cellWidth, height: layout.cellHeight)
                guard rect.maxY <= layout.body.maxY else { continue }
                drawDay(state, day: day, inMonth: day.month == layout.month, marks: marks, rect: rect, into: &buffer)
            }
        }
    }

    private static func drawDay(_ state: AppState, day: CivilDate, inMonth: Bool, marks: Marks, rect: Rect, into buffer: inout ScreenBuffer) {
        let calendar = state.calendar
        // The next and last month's days in the first and last weeks show too, dimmed: a week
        // that spans two months (the year's last) is judged from one screen.
        let severity = marks.days[day]
        var style = inMonth ? Theme.bold : Theme.dim
        if day == state.today { style = Theme.today }
        var label = "\(day.day)"
        // Today is marked in words when they fit, else by the dot alone (as the week grid does).
        if day == state.today { label += DisplayWidth.of("\(label) •today") <= rect.width - 2 ? " •today" : " •" }
        let x = buffer.write(label, x: rect.x, y: rect.y, style: style, maxWidth: rect.width - 2)
        // A neighbouring month's day keeps its colours, faded: not bold, dimmed; so does a day
        // gone by, whose problems are history now (the hook lets them be, too).
        let marked = Theme.severity(severity, past: !inMonth || day < state.today)
        if severity != nil { buffer.write(" " + Theme.symbol(severity), x: x, y: rect.y, style: marked) }
        let posts = calendar.posts(on: day)
        let counts = calendar.channels.map { channel in posts.filter { $0.channel == channel.id }.count }
        var text = counts.map(String.init).joined(separator: "·")
        if DisplayWidth.of(text) > rect.width { text = "Σ\(posts.count)" }
        let countStyle = severity != nil ? marked : posts.isEmpty || !inMonth ? Theme.dim : .plain
        buffer.write(text, x: rect.x, y: rect.y + 1, style: countStyle, maxWidth: rect.width)
        if day == state.cursor.day { buffer.restyle(rect) { $0.reverse = true } }
    }
}
