import CSV
import Foundation

/// Reading a sheet of posts: `CSVFormat`'s own export, or one a person made in a spreadsheet.
extension CSVFormat {
    /// Reads every row into a post, checking all of them first: one bad row and no post is
    /// returned; the error names the row (the header is row 1) and the column.
    ///
    /// Rows with an `id` keep it; an id already in the calendar is an error unless
    /// `replacingExisting`, when the row updates that post (the columns the sheet has). Rows
    /// without an id get a new one.
    public static func importPosts(
        _ text: String, source: String, into calendar: ContentCalendar, replacingExisting: Bool, today: CivilDate,
        skippingUnknownColumns: Bool = false
    ) throws(CadenceError) -> [Post] {
        try importRows(text, source: source, into: calendar, replacingExisting: replacingExisting, today: today, skippingUnknownColumns: skippingUnknownColumns).posts
    }

    /// The posts of an import, and what the summary says about how rows were read.
    public struct Rows: Sendable {
        public var posts: [Post] = []
        /// Posts whose row gave a date without a time and that took their channel's next free
        /// posting time that day (with `now`, as `--at` with a day alone does; a post a row
        /// updates keeps its own time of day when it is free, and is not listed).
        public var timesPicked: [PostID] = []
        /// Posts whose row gave, without a UTC offset, a time that happens twice that night
        /// (the clocks go back): each took the first.
        public var repeatedTimes: [PostID] = []
        /// Posts whose row gave a time in another zone (with its UTC offset, or in the zone its
        /// `zone` cell names), converted into the calendar's zone.
        public var convertedTimes: [PostID] = []
        /// Rows without an id that say what a post already in the calendar (or an earlier row)
        /// says: the same channel, title and text, at the same time (or on the same day, for a
        /// row that gave a day alone; on any day, for a row without a date). They are left out,
        /// so that importing a sheet again, or one that grew by a few rows, plans nothing twice.
        public var duplicates: [Int] = []
        /// Columns left out by `skippingUnknownColumns`, as the header names them.
        public var skippedColumns: [String] = []
    }

    /// `importPosts`; with `now`, a row with a date and no time takes its channel's next free
    /// posting time that day (after the rows before it), as `add --at` with a day alone does.
    /// Dates written with slashes or dashes follow `dateOrder`, or the order the sheet's own
    /// dates show.
    public static func importRows(
        _ text: String, source: String, into calendar: ContentCalendar, replacingExisting: Bool, today: CivilDate,
        now: Date? = nil, skippingUnknownColumns: Bool = false, dateOrder: SheetDates.DateOrder? = nil
    ) throws(CadenceError) -> Rows {
        let sheet = try Sheet(text, source: source, skippingUnknownColumns: skippingUnknownColumns, updating: replacingExisting)
        var reader = RowReader(sheet: sheet, calendar: calendar, updating: replacingExisting, today: today, now: now, dateOrder: try sheet.dateOrder(given: dateOrder))
        var rows = Rows(skippedColumns: sheet.skipped)
        // Rows with a day alone get their time once every row with a time of its own is in
        // place (a later row's 13:00 is not taken first): (row, where in `posts`, the day).
        var dayAlone: [(row: Int, index: Int, day: CivilDate)] = []
        var repeats = Repeats()
        for (number, cells) in sheet.records {
            let row = try reader.read(number, cells)
            if row.idGiven == false, !repeats.isNew(row.post, waitsOn: row.waitsOn, in: calendar) {
                rows.duplicates.append(number)
                continue
            }
            reader.taken.insert(row.post.id)
            switch row.reading {
            case .converted?: rows.convertedTimes.append(row.post.id)
            case .firstOfRepeated?: rows.repeatedTimes.append(row.post.id)
            case nil: break
            }
            if let day = row.waitsOn { dayAlone.append((number, rows.posts.count, day)) }
            rows.posts.append(row.post)
        }
        // The rows with a day alone, in order, each at its channel's next free posting time
        // among every other row and the calendar (a post a row updates keeps its own time of
        // day when free, as `--at` does).
        if let now, !dayAlone.isEmpty {
            var working = calendar
            let waiting = Set(dayAlone.map { rows.posts[$0.index].id })
            for post in rows.posts where !waiting.contains(post.id) { try? working.put(post) }
            let book = RuleBook(calendar)
            for (row, index, date) in dayAlone {
                var post = rows.posts[index]
                let spacing = book.spacing(of: post.channel)
                let existing = replacingExisting ? calendar.posts[post.id] : nil
                guard let (time, kept) = working.timeForDayAlone(channel: post.channel, day: date, post: existing, now: now, spacing: spacing),
                    let at = calendar.clock.date(for: LocalDateTime(date: date, time: time))
                else {
                    throw .invalidCSV(
                        path: source, row: row, column: "time",
                        message: working.noFreeTime(channel: post.channel, day: date, spacing: spacing, now: now) + "; give a time (HH:MM)")
                }
                post.at = at
                rows.posts[index] = post
                try? working.put(post)
                if !kept { rows.timesPicked.append(post.id) }
                if case .firstOfRepeated? = PlanInput.reading(of: "\(date)", at: at, clock: calendar.clock) { rows.repeatedTimes.append(post.id) }
            }
        }
        return rows
    }

    /// Reads a time cell on a day: `HH:MM`, `HH:MM:00` (as sheets save times), `9:00 AM`, each
    /// with a UTC offset (or Z) after it or not: the instant, or why not.
    static func instant(day: CivilDate, timeCell: String, clock: ZoneClock) throws(CadenceError) -> Date {
        let typed = timeCell.trimmingCharacters(in: .whitespaces)
        let expected = "a time as HH:MM, or 1:00 to 12:59 with AM or PM"
        // The short forms `--at` and the form take (930, 0930, 9, 9pm) are read here too.
        guard let text = SheetDates.twentyFourHour(PlanInput.normalisedTime(typed)) else {
            throw .invalidValue(field: "time", value: typed, expected: expected)
        }
        // Spreadsheets save time cells as HH:MM:SS (or HH:MM:SS.000); whole minutes are fine. A
        // UTC offset (or Z) after the time is read as `--at` reads it.
        let offsetStart = text.firstIndex { "+-Zz".contains($0) } ?? text.endIndex
        var clockPart = text[..<offsetStart]
        if clockPart.utf8.count > 5, let seconds = clockPart.wholeMatch(of: /(\d{1,2}:\d\d):(\d\d)(?:\.(\d+))?/) {
            guard seconds.2 == "00", seconds.3?.allSatisfy({ $0 == "0" }) ?? true else {
                throw .invalidValue(field: "time", value: typed, expected: "a time on the minute (posts go out on whole minutes)")
            }
            clockPart = seconds.1
        } else if LocalTime(String(clockPart)) == nil {
            throw .invalidValue(field: "time", value: typed, expected: expected)
        }
        return try PlanInput.instant(day: day, timeWithOffset: String(clockPart + text[offsetStart...]), field: "time", clock: clock, value: typed)
    }

    /// The records of a CSV text, the header (if any) first; `nil` when it is not RFC 4180.
    public static func records(_ text: String) -> [[String]]? {
        guard structureProblem(text) == nil, let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return nil }
        return Array(reader)
    }

    /// The first place where the text is not RFC 4180: a quote never closed, or text right
    /// after a closing quote. Rows are counted as records (the header is row 1).
    static func structureProblem(_ text: String, delimiter: Unicode.Scalar = ",") -> (row: Int, message: String)? {
        var row = 1
        var inQuotes = false
        var quoteRow = 1
        var afterClosingQuote = false
        var fieldStart = true
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = scalars.next()
                    if next == "\"" { continue }
                    inQuotes = false
                    afterClosingQuote = true
                    pending = next
                }
                continue
            }
            if afterClosingQuote, c != delimiter, c != "\r", c != "\n" {
                return (row, "text after the closing quote of a cell (a quote inside a cell is written \"\")")
            }
            afterClosingQuote = false
            switch c {
            case "\r": break
            case delimiter: fieldStart = true
            case "\n":
                row += 1
                fieldStart = true
            case "\"" where fieldStart:
                inQuotes = true
                quoteRow = row
                fieldStart = false
            default: fieldStart = false
            }
        }
        return inQuotes ? (quoteRow, "a quote opened in this row is never closed") : nil
    }
}

/// A sheet's shape: its separator, its columns and its rows, checked before any row is read.
///
/// Cells are separated by commas, or by semicolons when the header has semicolons and no comma
/// (a spreadsheet set to a language that writes decimal commas saves CSV that way), or by tabs
/// when it has neither; Excel's `sep=;` first line names the separator outright (and, as Excel
/// hides it, is no row). A column Cadence does not read is an error unless skipped; a column
/// without a name and without cells (a sheet's trailing commas) is no column.
struct Sheet {
    let source: String
    let delimiter: Unicode.Scalar
    /// Column names as the header spells them.
    let header: [String]
    /// Where each column Cadence reads is, by its lower-case name.
    private(set) var position: [String: Int] = [:]
    /// Every record with its row number (the header is row 1), blank ones left out.
    private(set) var records: [(row: Int, cells: [String])] = []
    private(set) var skipped: [String] = []

    init(_ text: String, source: String, skippingUnknownColumns: Bool, updating: Bool) throws(CadenceError) {
        self.source = source
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.drop(while: \.isWhitespace).first == "{" {
            throw .invalidCSV(path: source, row: 1, column: nil, message: "this is JSON (a calendar file?), not CSV; import takes a sheet with a header row naming the columns: \(CSVFormat.columns.joined(separator: ", "))")
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        if firstLine.trimmingCharacters(in: .whitespaces).uppercased() == "BEGIN:VCALENDAR" {
            throw .invalidCSV(path: source, row: 1, column: nil, message: "this is an iCalendar file (an export for calendar apps), not CSV; import takes a sheet with a header row naming the columns: \(CSVFormat.columns.joined(separator: ", "))")
        }
        if let named = firstLine.wholeMatch(of: /[Ss][Ee][Pp]=(.)\r?/), let scalar = named.1.unicodeScalars.first {
            delimiter = scalar
            text = String(text.dropFirst(firstLine.count + 1))
        } else if !firstLine.contains(",") {
            delimiter = firstLine.contains(";") ? ";" : firstLine.contains("\t") ? "\t" : ","
        } else {
            delimiter = ","
        }
        // The CSV reader is lenient about quotes; RFC 4180 is not, and a stray quote would
        // silently join rows. Check the structure first.
        if let problem = CSVFormat.structureProblem(text, delimiter: delimiter) {
            throw .invalidCSV(path: source, row: problem.row, column: nil, message: problem.message)
        }
        let noHeader = CadenceError.invalidCSV(path: source, row: 1, column: nil, message: "no header row (the first row names the columns: \(CSVFormat.columns.joined(separator: ", ")))")
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter) } catch { throw noHeader }
        header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        if header.allSatisfy(\.isEmpty) { throw noHeader }
        for (i, cells) in reader.enumerated() where !cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            records.append((2 + i, cells))
        }
        try readColumns(skippingUnknown: skippingUnknownColumns)
        let required = ["channel", "title"].filter { position[$0] == nil }
        if let missing = required.first, !updating {
            // A sheet of ids and the fields to change updates posts, with --update.
            let hint = position["id"] != nil ? " (to change posts by their ids, give --update)" : ""
            throw .invalidCSV(path: source, row: 1, column: missing, message: "the header has no '\(missing)' column\(hint)")
        }
        // A time of day names no moment without its date. (A date alone does: it takes the
        // channel's next free time, or holds a whole timestamp.)
        for column in ["time", "zone"] where position[column] != nil && position["date"] == nil {
            throw .invalidCSV(path: source, row: 1, column: nil, message: "the header has a '\(column)' column but no 'date' column; a post's time takes both (date YYYY-MM-DD, time HH:MM)")
        }
    }

    private mutating func readColumns(skippingUnknown: Bool) throws(CadenceError) {
        for (i, name) in header.enumerated() {
            let key = name.lowercased()
            if key.isEmpty {
                // Trailing commas a sheet writes after its last column name nothing and hold
                // nothing; a cell under a column without a name is someone's data, though.
                if !skippingUnknown, let record = records.first(where: { i < $0.cells.count && !isBlank($0.cells[i]) }) {
                    throw .invalidCSV(
                        path: source, row: record.row, column: nil,
                        message: "cell \(i + 1) holds '\(record.cells[i])', but its column has no name in the header; name it or empty it (--skip-unknown-columns leaves it out)")
                }
                continue
            }
            guard CSVFormat.columns.contains(key) else {
                if skippingUnknown {
                    skipped.append(name)
                    continue
                }
                let tabs = delimiter != "\t" && name.contains("\t") ? " (it holds a tab: cells are separated by \(separatorName) here, so a sheet's tabs do not split them)" : ""
                throw .invalidCSV(
                    path: source, row: 1, column: name,
                    message: "unknown column\(tabs); columns are \(CSVFormat.columns.joined(separator: ", ")) (--skip-unknown-columns leaves others out)")
            }
            guard position[key] == nil else {
                throw .invalidCSV(path: source, row: 1, column: name, message: "the column appears twice")
            }
            position[key] = i
        }
        // A row longer than the header only by empty cells at its end (a sheet's stray commas)
        // is the header's width; one shorter, or longer with something in the extra cells, is
        // not guessed at.
        for (index, record) in records.enumerated() {
            var cells = record.cells
            while cells.count > header.count, isBlank(cells.last!) { cells.removeLast() }
            guard cells.count == header.count else {
                let advice = cells.count < header.count
                    ? "leave a cell empty with nothing between two separators (a,,c)"
                    : "a cell that holds a \(separatorName.dropLast()) goes in quotes (\"a\(Character(delimiter)) b\")"
                throw .invalidCSV(path: source, row: record.row, column: nil, message: "\(Describe.count(cells.count, "cell")), but the header has \(header.count); \(advice)")
            }
            records[index].cells = cells
        }
    }

    /// "commas", "semicolons", "tabs".
    var separatorName: String {
        switch delimiter {
        case ",": "commas"
        case ";": "semicolons"
        case "\t": "tabs"
        default: "'\(delimiter)'s"
        }
    }

    private func isBlank(_ cell: String) -> Bool { cell.trimmingCharacters(in: .whitespaces).isEmpty }

    /// Which number comes first in dates written with slashes or dashes: as told, or as the
    /// sheet's own dates show (a 13/… or …/13 somewhere), or none when they do not say.
    func dateOrder(given: SheetDates.DateOrder?) throws(CadenceError) -> SheetDates.DateOrder? {
        guard given == nil, let column = position["date"] else { return given }
        switch SheetDates.order(of: records.lazy.map { (row: $0.row, text: $0.cells[column].trimmingCharacters(in: .whitespaces)) }) {
        case .success(let order): return order
        case .failure(let both):
            let (later, earlier, reading) = both.dayFirst.row > both.monthFirst.row
                ? (both.dayFirst, both.monthFirst, "puts the day first") : (both.monthFirst, both.dayFirst, "puts the month first")
            throw .invalidCSV(
                path: source, row: later.row, column: "date",
                message: "'\(later.text)' \(reading), but row \(earlier.row)'s '\(earlier.text)' does not; write every date one way (YYYY-MM-DD is safest)")
        }
    }

    func has(_ column: String) -> Bool { position[column] != nil }

    /// A row's cell in a column Cadence reads ("" when the sheet has no such column), with
    /// the `'` an export put before a formula-like cell taken off.
    func cell(_ column: String, of cells: [String]) -> String {
        position[column].map { CSVFormat.restore(cells[$0]) } ?? ""
    }
}

/// One row of a sheet read into a post.
struct RowReader {
    let sheet: Sheet
    let calendar: ContentCalendar
    let updating: Bool
    let today: CivilDate
    let now: Date?
    let dateOrder: SheetDates.DateOrder?
    /// Ids in the calendar and those the rows so far took.
    var taken: Set<PostID>
    private var idsInFile = Set<PostID>()
    /// The calendar's ids in order, to find those a shortened id starts without a scan per row.
    private let sortedIDs: [String]
    /// The zones `zone` cells named so far, looked up once each.
    private var zones: [String: ZoneClock] = [:]

    init(sheet: Sheet, calendar: ContentCalendar, updating: Bool, today: CivilDate, now: Date?, dateOrder: SheetDates.DateOrder?) {
        (self.sheet, self.calendar, self.updating, self.today, self.now, self.dateOrder) = (sheet, calendar, updating, today, now, dateOrder)
        taken = Set(calendar.posts.keys)
        sortedIDs = calendar.posts.keys.map(\.rawValue).sorted()
    }

    struct Row {
        var post: Post
        /// Whether the row named its post's id.
        var idGiven: Bool
        /// The day of a row that gave a date alone: its time waits for the other rows'.
        var waitsOn: CivilDate?
        /// How its time was read, when that needs a word.
        var reading: PlanInput.Reading?
    }

    mutating func read(_ number: Int, _ cells: [String]) throws(CadenceError) -> Row {
        // Local copies: the helpers below must not hold on to `self`, which `postID` changes.
        let (sheet, calendar, source) = (self.sheet, self.calendar, self.sheet.source)
        func fail(_ column: String, _ message: String) -> CadenceError {
            .invalidCSV(path: source, row: number, column: column, message: message)
        }
        /// An error about a value, as the row's column says it.
        func failing(_ column: String, _ error: CadenceError) -> CadenceError {
            if case .invalidValue(_, let value, let expected) = error { return fail(column, "'\(value)' is not valid; expected \(expected)") }
            return fail(column, error.message)
        }
        func cell(_ column: String) -> String { sheet.cell(column, of: cells) }
        let idText = cell("id").trimmingCharacters(in: .whitespaces)
        let id: PostID
        if idText.isEmpty {
            let taken = self.taken
            var generator = SystemRandomNumberGenerator()
            id = PostID.generate(avoiding: { taken.contains($0) }, using: &generator)
        } else {
            id = try postID(idText, fail: fail)
        }
        // The post a row updates: its channel and title stay when the row leaves them out.
        let existing = updating ? calendar.posts[id] : nil
        let channelText = cell("channel").trimmingCharacters(in: .whitespaces)
        var channel: Channel? = nil
        if !channelText.isEmpty || existing == nil {
            guard !channelText.isEmpty else {
                throw fail("channel", "a new post needs a channel" + (idText.isEmpty ? "" : " (no post '\(idText)' is in the calendar to update)"))
            }
            do { channel = try calendar.findChannel(channelText) } catch { throw fail("channel", error.message) }
        }
        let zoneText = cell("zone").trimmingCharacters(in: .whitespaces)
        let clock = try zone(zoneText, fail: fail)
        let (at, waitsOn, reading) = try when(
            cell("date").trimmingCharacters(in: .whitespaces), cell("time").trimmingCharacters(in: .whitespaces),
            clock: zoneText.isEmpty ? nil : clock, fail: fail, failing: failing)
        var category: String? = nil
        let categoryText = cell("category").trimmingCharacters(in: .whitespaces)
        if !categoryText.isEmpty {
            do { category = try calendar.findCategory(categoryText).id } catch { throw fail("category", error.message) }
        }
        var status: PostStatus? = nil
        let statusText = cell("status").trimmingCharacters(in: .whitespaces).lowercased()
        if !statusText.isEmpty {
            guard let parsed = PostStatus(rawValue: statusText) else { throw fail("status", "'\(statusText)' is not one of \(PostStatus.names)") }
            status = parsed
        }
        // A title is one line without spaces around it; a text's line breaks are plain new
        // lines, whatever the sheet's were (CRLF from Windows).
        let title = cell("title").trimmingCharacters(in: .whitespaces)
        if title.isEmpty, existing == nil || sheet.has("title") && !cell("title").isEmpty {
            throw fail("title", "a post needs a title")
        }
        // The row's columns set the post's fields; a column the file does not have leaves an
        // updated post's field as it was (a sheet of ids and statuses approves).
        var changes = PostChanges()
        changes.channel = channel?.id
        if !title.isEmpty { changes.title = title }
        if sheet.has("date") { changes.at = .some(at) }
        if sheet.has("text") { changes.text = Post.normalisingLineBreaks(cell("text")) }
        if sheet.has("category") { changes.category = .some(category) }
        changes.status = status
        if sheet.has("link") {
            let link = cell("link").trimmingCharacters(in: .whitespacesAndNewlines)
            changes.link = .some(link.isEmpty ? nil : link)
        }
        if sheet.has("media") { changes.media = Post.mediaItems(cell("media")) }
        if sheet.has("tags") {
            // One tag a line (as exported) or separated by commas or semicolons: a tag holds
            // none of them.
            changes.tags = Post.tagItems(cell("tags"))
        }
        if sheet.has("notes") { changes.notes = Post.normalisingLineBreaks(cell("notes")) }
        let post = changes.applied(to: existing ?? Post(id: id, channel: channel!.id, title: title))
        if let problem = post.inputProblem(comparedTo: existing) { throw fail(problem.field, problem.message) }
        if status != nil, let problem = post.statusDateProblem {
            throw fail("status", "'\(statusText)': \(problem), and " + (post.isIdea ? "this one has none; give a date or another status" : "this one has one; give another status (such as draft) or no date"))
        }
        return Row(post: post, idGiven: !idText.isEmpty, waitsOn: waitsOn, reading: reading)
    }

    /// The id a row names: a post's own, a unique start of one (updating), or a new one.
    private mutating func postID(_ text: String, fail: (String, String) -> CadenceError) throws(CadenceError) -> PostID {
        guard var parsed = PostID(text) else { throw fail("id", "'\(text)' is not a post id (lower-case letters, digits, '-' or '_')") }
        // An id not in the calendar that starts ones there: updating, a unique start of four
        // characters or more is that post's shortened id (as on the command line); otherwise
        // it would shadow their short forms, and is refused.
        if calendar.posts[parsed] == nil {
            let matches = ids(startingWith: parsed.rawValue)
            let named = matches.prefix(3).map(\.rawValue).joined(separator: ", ") + (matches.count > 3 ? ", …" : "")
            if !matches.isEmpty, !updating {
                throw fail("id", "'\(text)' is the start of \(matches.count == 1 ? "post" : "posts") \(named) already in the calendar (use --update to change \(matches.count == 1 ? "that post" : "one of them"), or leave the id empty for a new one)")
            }
            if !matches.isEmpty, text.count < 4 {
                throw fail("id", "'\(text)' is the start of \(named); a shortened id takes four characters or more")
            }
            if matches.count > 1 { throw fail("id", "'\(text)' is the start of several posts' ids (\(named)); give more of it") }
            if let match = matches.first { parsed = match }
        }
        guard idsInFile.insert(parsed).inserted else { throw fail("id", "post '\(text)' appears in an earlier row too") }
        if calendar.posts[parsed] != nil, !updating {
            throw fail("id", "post '\(text)' is already in the calendar (use --update to replace existing posts)")
        }
        return parsed
    }

    /// The clock of the zone a row's `zone` cell names: the calendar's when it is empty.
    private mutating func zone(_ name: String, fail: (String, String) -> CadenceError) throws(CadenceError) -> ZoneClock {
        if name.isEmpty || name == calendar.clock.identifier { return calendar.clock }
        if let known = zones[name] { return known }
        guard let clock = ZoneClock(identifier: name) else {
            throw fail("zone", "'\(name)' is not a time zone\(ZoneClock.didYouMean(name)); name one as the tz database does, such as \(calendar.clock.identifier), or leave the cell empty for the calendar's")
        }
        zones[name] = clock
        return clock
    }

    private func ids(startingWith prefix: String) -> [PostID] {
        var i = sortedIDs.partitioningIndex { $0 >= prefix }
        var found: [PostID] = []
        while i < sortedIDs.count, sortedIDs[i].hasPrefix(prefix) {
            found.append(PostID(sortedIDs[i])!)
            i += 1
        }
        return found
    }

    /// The moment a row's date and time cells name, as wall-clock time where `named` keeps it
    /// (the zone the row's zone cell names; the calendar's without one); for a date alone (with
    /// `now`) noon that day in the calendar's zone for now, and the day, whose time is picked
    /// once every row is read.
    private func when(
        _ dateText: String, _ timeText: String, clock named: ZoneClock?, fail: (String, String) -> CadenceError, failing: (String, CadenceError) -> CadenceError
    ) throws(CadenceError) -> (at: Date?, waitsOn: CivilDate?, reading: PlanInput.Reading?) {
        /// The date column's day, or why it names none (quoting the cell it is in).
        func day(_ text: String) throws(CadenceError) -> CivilDate {
            switch SheetDates.day(text, order: dateOrder) {
            case .failure(let problem): throw fail("date", "'\(dateText)' \(problem.message)")
            case .success(let date):
                guard CivilDate.plannable.contains(date) else { throw fail("date", "'\(dateText)' is outside the years Cadence plans (\(CivilDate.plannableText))") }
                return date
            }
        }
        let clock = named ?? calendar.clock
        func moment(_ date: CivilDate, _ time: String, column: String) throws(CadenceError) -> Date {
            do { return try CSVFormat.instant(day: date, timeCell: time, clock: clock) } catch { throw failing(column, error) }
        }
        // A whole timestamp in the date cell (as some tools write one column) is one moment:
        // ISO with its T (`2026-12-08T09:00:00+01:00`), or a date and a time (`12/8/2026 9:00 PM`).
        let isoMoment = dateText.count > 10 && CivilDate(iso: dateText.prefix(10)) != nil && "Tt".contains(dateText[dateText.index(dateText.startIndex, offsetBy: 10)])
        let space = dateText.firstIndex(of: " ")
        if isoMoment || space != nil, !timeText.isEmpty {
            throw fail("date", "'\(dateText)' holds a time too; put the day alone here, or leave the time column empty")
        }
        let at: Date
        switch (dateText.isEmpty, timeText.isEmpty) {
        case (true, true): return (nil, nil, nil)
        case (true, false): throw fail("date", "a time is given without a date")
        case (false, true) where isoMoment:
            do { at = try PlanInput.dateTime(dateText, field: "date", clock: clock, today: today) } catch { throw failing("date", error) }
        case (false, true) where space != nil:
            at = try moment(day(String(dateText[..<space!])), String(dateText[space!...]), column: "date")
        case (false, true):
            guard now != nil else { throw fail("time", "a date is given without a time (HH:MM)") }
            let date = try day(dateText)
            // Noon for now (dated, so the status follows as for any dated row).
            return (calendar.clock.date(for: LocalDateTime(date: date, time: LocalTime(hour: 12, minute: 0)!)), date, nil)
        case (false, false):
            at = try moment(day(dateText), timeText, column: "time")
        }
        // A time given with another zone's offset or in another zone (converted), or one the
        // clocks repeat without its offset (the first taken): the summary says so, as add does.
        // (A 12-hour time as 24-hour: the offset after "2:30 AM+02:00" must be seen.)
        let typed: String
        if isoMoment {
            typed = dateText
        } else if let space {
            let rest = dateText[space...].trimmingCharacters(in: .whitespaces)
            typed = "\(dateText[..<space]) \(SheetDates.twentyFourHour(rest) ?? rest)"
        } else {
            typed = "\(dateText) \(SheetDates.twentyFourHour(timeText) ?? timeText)"
        }
        if let named {
            // A zone named beside a time with an offset: they must agree. A time the named
            // zone's clocks repeat needs its offset to say which (another zone's summary note
            // could not show it).
            let offset = named.offsetText(at: at)
            let given = PlanInput.typedOffset(typed)
            if let given, given != offset {
                throw fail("zone", "'\(typed)' has the UTC offset \(given), but \(named.identifier) is at \(offset) then; write the time without an offset, or empty the zone cell")
            }
            if given == nil, named != calendar.clock, case .repeated(let first, let second) = named.resolve(named.local(at).dateTime) {
                let time = named.local(at).dateTime.time
                throw fail(
                    isoMoment || space != nil ? "date" : "time",
                    "'\(typed)' happens twice in \(named.identifier) that night (the clocks go back); write \(time)\(named.offsetText(at: first)) for the first or \(time)\(named.offsetText(at: second)) for the second")
            }
        }
        let reading = PlanInput.reading(of: typed, at: at, clock: clock)
        guard clock != calendar.clock, reading != .converted else { return (at, nil, reading) }
        return (at, nil, clock.local(at).dateTime == calendar.clock.local(at).dateTime ? nil : .converted)
    }
}

/// What the calendar's posts and the rows read so far say, to leave out a row without an id
/// that says it again (`Rows.duplicates`). The calendar is asked day by day through its index;
/// only a row without a date needs every post, gathered once when the first such row comes.
struct Repeats {
    private struct Said: Hashable {
        let channel: String
        let title: String
        let text: String
        /// The wall-clock day and time, the day alone, or neither.
        let day: CivilDate?
        let time: LocalTime?
    }

    /// The rows read so far, each said three ways: at its time, on its day, and at all.
    private var rows: Set<Said> = []
    /// The calendar's posts said at all (no day), for rows without a date.
    private var anyDay: Set<Said>? = nil

    /// Whether no post said it yet; remembers it when new. A row with a date alone is compared
    /// by its day, one without a date by channel, title and text on any day.
    mutating func isNew(_ post: Post, waitsOn: CivilDate?, in calendar: ContentCalendar) -> Bool {
        let (title, text) = Repeats.content(post)
        let local = post.at.map { calendar.clock.local($0).dateTime }
        let day = waitsOn ?? local?.date
        let time = waitsOn == nil ? local?.time : nil
        guard !rows.contains(Said(channel: post.channel, title: title, text: text, day: day, time: time)) else { return false }
        let same = { (other: Post) in other.channel == post.channel && Repeats.content(other) == (title, text) }
        if let day {
            // The channel's posts that day (at that time, when the row gave one).
            let there = calendar.posts(on: day, channel: post.channel)
            if there.contains(where: { same($0) && (time == nil || calendar.local(of: $0.id)?.time == time) }) { return false }
        } else {
            if anyDay == nil {
                anyDay = Set(calendar.posts.values.map { Said(channel: $0.channel, title: Repeats.content($0).0, text: Repeats.content($0).1, day: nil, time: nil) })
            }
            if anyDay!.contains(Said(channel: post.channel, title: title, text: text, day: nil, time: nil)) { return false }
        }
        rows.insert(Said(channel: post.channel, title: title, text: text, day: nil, time: nil))
        if let day {
            rows.insert(Said(channel: post.channel, title: title, text: text, day: day, time: nil))
            if let time { rows.insert(Said(channel: post.channel, title: title, text: text, day: day, time: time)) }
        }
        return true
    }

    /// Title and text as compared: spaces around them and the kind of line break do not count.
    private static func content(_ post: Post) -> (String, String) {
        (post.title.trimmingCharacters(in: .whitespacesAndNewlines), Post.normalisingLineBreaks(post.text).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
