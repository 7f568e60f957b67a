/// Dates and times as spreadsheets write them into CSV in their users' languages: ISO
/// (`2026-12-08`, `2026-12-8`, `2026/12/08`), day first with dots (`08.12.2026`), and with
/// slashes or dashes in either order (`12/8/2026` in the United States, `08/12/2026` in
/// Britain, `08-12-2026` in the Netherlands); times on the 24-hour clock or with AM and PM
/// (`9:00 AM`).
///
/// Slashes and dashes alone cannot say which number is the day, so a sheet settles it for all
/// its rows: a row whose first number is over 12 makes it day first, one whose second is makes
/// it month first, and a sheet without either needs to be told (`DateOrder`) unless the two
/// readings are the same day (`5/5/2027`).
public enum SheetDates {
    /// Which number comes first in a date written with slashes.
    public enum DateOrder: String, Sendable, CaseIterable {
        /// Day, month, year: `08/12/2026` is 8 December.
        case dmy
        /// Month, day, year: `12/08/2026` is 8 December.
        case mdy
    }

    /// A date cell's numbers, before they are known to name a day.
    enum Written: Equatable {
        /// Year first, or day first with dots: the order is plain.
        case plain(year: Int, month: Int, day: Int)
        /// Two numbers and a year with slashes or dashes.
        case slashed(first: Int, second: Int, year: Int)
        /// A year of two digits (`08.12.26`), which could be any century.
        case shortYear
    }

    static func written(_ text: some StringProtocol) -> Written? {
        // The usual cell, ISO, without a pattern (a regex is compiled on every call).
        if let date = CivilDate(iso: text) { return .plain(year: date.year, month: date.month, day: date.day) }
        let text = String(text)
        if let m = text.wholeMatch(of: /(\d{4})([-\/.])(\d{1,2})\2(\d{1,2})/) {
            return .plain(year: Int(m.1)!, month: Int(m.3)!, day: Int(m.4)!)
        }
        if let m = text.wholeMatch(of: /(\d{1,2})\.(\d{1,2})\.(\d{4})/) {
            return .plain(year: Int(m.3)!, month: Int(m.2)!, day: Int(m.1)!)
        }
        if let m = text.wholeMatch(of: /(\d{1,2})([\/\-])(\d{1,2})\2(\d{4})/) {
            return .slashed(first: Int(m.1)!, second: Int(m.3)!, year: Int(m.4)!)
        }
        if text.wholeMatch(of: /\d{1,2}([.\-\/])\d{1,2}\1\d\d/) != nil { return .shortYear }
        return nil
    }

    /// The order a sheet's slashed dates follow, from the dates themselves: `nil` when none
    /// tells (every number 12 or under), or the rows that contradict each other.
    public static func order(of cells: some Sequence<(row: Int, text: String)>) -> Result<DateOrder?, Contradiction> {
        var dayFirst: (row: Int, text: String)? = nil
        var monthFirst: (row: Int, text: String)? = nil
        for cell in cells {
            guard case .slashed(let first, let second, _)? = written(cell.text.prefix { $0 != " " }) else { continue }
            if first > 12, second <= 12, dayFirst == nil { dayFirst = cell }
            if second > 12, first <= 12, monthFirst == nil { monthFirst = cell }
            if let dayFirst, let monthFirst {
                return .failure(Contradiction(dayFirst: dayFirst, monthFirst: monthFirst))
            }
        }
        return .success(dayFirst != nil ? .dmy : monthFirst != nil ? .mdy : nil)
    }

    /// Two rows whose slashed dates need opposite orders.
    public struct Contradiction: Error, Sendable {
        public let dayFirst: (row: Int, text: String)
        public let monthFirst: (row: Int, text: String)
    }

    /// The day a date cell names, or why it names none (the reason follows "'cell' ").
    public static func day(_ text: String, order: DateOrder?) -> Result<CivilDate, Problem> {
        let (year, month, day): (Int, Int, Int)
        switch written(text) {
        case nil: return .failure(.notADate)
        case .shortYear?: return .failure(.shortYear)
        case .plain(let y, let m, let d)?: (year, month, day) = (y, m, d)
        case .slashed(let first, let second, let y)?:
            if let order {
                (year, month, day) = order == .dmy ? (y, second, first) : (y, first, second)
            } else {
                // Without an order, a date is taken only when both readings agree or one alone
                // is a day (13/13/2026 is neither; 12/8/2026 could be either).
                let readings = Set([(second, first), (first, second)].compactMap { month, day in CivilDate(year: y, month: month, day: day) })
                if readings.count > 1 { return .failure(.ambiguous(first: first, second: second)) }
                guard let only = readings.first else {
                    return .failure(.noSuchDay(first > 12 && second > 12 ? "there is no month \(max(first, second))" : "neither \(first) nor \(second) makes it one"))
                }
                (year, month, day) = (only.year, only.month, only.day)
            }
        }
        let iso = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if let missing = CivilDate.missingDay(iso: iso) { return .failure(.noSuchDay(missing)) }
        guard let date = CivilDate(iso: iso) else { return .failure(.notADate) }
        return .success(date)
    }

    public enum Problem: Error, Equatable, Sendable {
        case notADate
        case shortYear
        case ambiguous(first: Int, second: Int)
        case noSuchDay(String)

        /// Says what is wrong with the cell, after "'cell' ".
        public var message: String {
            switch self {
            case .notADate: "is not a date (YYYY-MM-DD, or as a spreadsheet writes one: 08.12.2026, 12/8/2026)"
            case .shortYear: "has a two-digit year; write the year in full (2026)"
            case .ambiguous(let first, let second):
                "could be \(name(day: first, month: second)) or \(name(day: second, month: first)), and no date in the sheet says which: "
                    + "write dates as YYYY-MM-DD, or give --date-order dmy (day first) or mdy (month first)"
            case .noSuchDay(let why): "is not a day: \(why)"
            }
        }

        private func name(day: Int, month: Int) -> String {
            "\(day) \(CivilDate.fullMonthNames[month - 1])"
        }
    }

    /// A time cell on the 12-hour clock (`9:00 AM`, `9 AM`, `12:30 pm`, `9:00:00 PM`, a UTC offset
    /// after it kept: `9:00 AM+01:00`) as `HH:MM` on the 24-hour clock (seconds and offset
    /// kept); `nil` for an hour the 12-hour clock has not (`13:00 PM`). Other text passes as it
    /// is, for the time reader to judge.
    public static func twentyFourHour(_ text: String) -> String? {
        guard text.contains(where: { "AaPp".contains($0) }) else { return text }
        // 9:30 pm, and 1.30 am as 9.30 is taken (ASCII digits only: \d takes others too).
        guard let m = text.wholeMatch(of: /([0-9]{1,2})(?:[:.]([0-9]{2})(:[0-9]{2})?)?\s*([AaPp])\.?\s?[Mm]\.?\s*([+-][0-9]{2}:?[0-9]{2}|[+-][0-9]{2}|[Zz])?/) else { return text }
        guard let hour = Int(m.1), (1...12).contains(hour) else { return nil }
        let pm = m.4.lowercased() == "p"
        let hour24 = hour % 12 + (pm ? 12 : 0)
        return "\(pad(hour24, 2)):\(m.2 ?? "00")\(m.3 ?? "")\(m.5 ?? "")"
    }
}
