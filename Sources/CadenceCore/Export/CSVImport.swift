import CSV
import Foundation

/// Reading a sheet of posts: `CSVFormat`'s own export, or one a person made in a spreadsheet.
extension CSVFormat {
    /// Reads every row into a post, checking all of them first: one bad row and no post is
    /// returned; the error names the row (the header is row 1) and the column.
    ///
    /// Rows with an `id` keep it; an id already in the calendar is an error unless
    /// `replacingExisting`, when the row replaces that post. Rows without an id get a new one.
    ///
    /// Cells are separated by commas, or by semicolons when the header has semicolons and no
    /// comma (a spreadsheet set to a language that writes decimal commas saves CSV that way), or
    /// by tabs when it has neither; Excel's `sep=;` first line names the separator outright.
    /// A column Cadence does not read is an error, unless `skippingUnknownColumns`; a column
    /// without a name and without cells (a sheet's trailing commas) is no column.
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
        /// Posts whose row gave a time with another zone's UTC offset, converted into the
        /// calendar's zone.
        public var convertedTimes: [PostID] = []
        /// Rows without an id that say what a post already in the calendar (or an earlier row)
        /// says: the same channel, day, title and text. They are left out, so that importing
        /// a sheet again, or one that grew by a few rows, does not plan everything twice.
        public var duplicates: [Int] = []
    }

    /// What makes a row the same post as another, for `Rows.duplicates`.
    private struct Sameness: Hashable {
        let channel: String
        let day: CivilDate?
        let title: String
        let text: String

        init(_ post: Post, day: CivilDate?) {
            (channel, self.day, title, text) = (post.channel, day, post.title, post.text)
        }
    }

    /// `importPosts`; with `now`, a row with a date and no time takes its channel's next free
    /// posting time that day (after the rows before it), as `add --at` with a day alone does.
    /// Dates written with slashes follow `dateOrder`, or the order the sheet's own dates show.
    public static func importRows(
        _ text: String, source: String, into calendar: ContentCalendar, replacingExisting: Bool, today: CivilDate,
        now: Date? = nil, skippingUnknownColumns: Bool = false, dateOrder: SheetDates.DateOrder? = nil
    ) throws(CadenceError) -> Rows {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.drop(while: \.isWhitespace).first == "{" {
            throw .invalidCSV(path: source, row: 1, column: nil, message: "this is JSON (a calendar file?), not CSV; import takes a sheet with a header row naming the columns: \(columns.joined(separator: ", "))")
        }
        // The row the header is on: 2 under Excel's `sep=` line.
        var headerRow = 1
        var firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        var delimiter: Unicode.Scalar = ","
        if let named = firstLine.wholeMatch(of: /sep=(.)\r?/), let scalar = named.1.unicodeScalars.first {
            delimiter = scalar
            text = String(text.dropFirst(firstLine.count + 1))
            headerRow = 2
            firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        } else if !firstLine.contains(",") {
            delimiter = firstLine.contains(";") ? ";" : firstLine.contains("\t") ? "\t" : ","
        }
        // The CSV reader is lenient about quotes; RFC 4180 is not, and a stray quote would
        // silently join rows. Check the structure first.
        if let problem = structureProblem(text, delimiter: delimiter) {
            throw .invalidCSV(path: source, row: problem.row + headerRow - 1, column: nil, message: problem.message)
        }
        let noHeader = CadenceError.invalidCSV(path: source, row: headerRow, column: nil, message: "no header row (the first row names the columns: \(columns.joined(separator: ", ")))")
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            throw noHeader
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if header.allSatisfy(\.isEmpty) { throw noHeader }
        // Every record, numbered as rows (the header is `headerRow`), blank ones left out.
        var records: [(row: Int, cells: [String])] = []
        for (i, cells) in reader.enumerated() where !cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            records.append((headerRow + 1 + i, cells))
        }
        var position: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                // Trailing commas a sheet writes after its last column name nothing and hold
                // nothing; a cell under a column without a name is someone's data, though.
                if !skippingUnknownColumns, let record = records.first(where: { i < $0.cells.count && !$0.cells[i].trimmingCharacters(in: .whitespaces).isEmpty }) {
                    throw .invalidCSV(
                        path: source, row: record.row, column: nil,
                        message: "cell \(i + 1) holds '\(record.cells[i])', but its column has no name in the header; name it or empty it (--skip-unknown-columns leaves it out)")
                }
                continue
            }
            guard columns.contains(name) else {
                if skippingUnknownColumns { continue }
                let tabs = delimiter != "\t" && name.contains("\t") ? " (it holds a tab: cells are separated by commas here, so a sheet's tabs do not split them)" : ""
                throw .invalidCSV(
                    path: source, row: headerRow, column: name,
                    message: "unknown column\(tabs); columns are \(columns.joined(separator: ", ")) (--skip-unknown-columns leaves others out)")
            }
            guard position[name] == nil else {
                throw .invalidCSV(path: source, row: headerRow, column: name, message: "the column appears twice")
            }
            position[name] = i
        }
        // Updating, a sheet of ids and the fields to change is enough; new posts need both.
        for required in ["channel", "title"] where position[required] == nil && !replacingExisting {
            throw .invalidCSV(path: source, row: headerRow, column: required, message: "the header has no '\(required)' column")
        }
        // A time of day names no moment without its date. (A date alone does: it takes the
        // channel's next free time, or holds a whole timestamp.)
        if position["time"] != nil, position["date"] == nil {
            throw .invalidCSV(path: source, row: headerRow, column: nil, message: "the header has a 'time' column but no 'date' column; a post's time takes both (date YYYY-MM-DD, time HH:MM)")
        }
        // Which number comes first in dates written with slashes: as told, or as the sheet's
        // own dates show (a 13/… or …/13 somewhere).
        var slashOrder = dateOrder
        if dateOrder == nil, let column = position["date"] {
            switch SheetDates.order(of: records.lazy.filter { column < $0.cells.count }.map { (row: $0.row, text: $0.cells[column].trimmingCharacters(in: .whitespaces)) }) {
            case .success(let order): slashOrder = order
            case .failure(let both):
                let (later, earlier, reading) = both.dayFirst.row > both.monthFirst.row
                    ? (both.dayFirst, both.monthFirst, "puts the day first") : (both.monthFirst, both.dayFirst, "puts the month first")
                throw .invalidCSV(
                    path: source, row: later.row, column: "date",
                    message: "'\(later.text)' \(reading), but row \(earlier.row)'s '\(earlier.text)' does not; write every date one way (YYYY-MM-DD is safest)")
            }
        }

        var rows = Rows()
        // Rows with a day alone get their time once every row with a time of its own is in
        // place (a later row's 13:00 is not taken first): (row, where in `posts`, the day).
        var dayAlone: [(row: Int, index: Int, day: CivilDate)] = []
        var generator = SystemRandomNumberGenerator()
        var idsInFile = Set<PostID>()
        var taken = Set(calendar.posts.keys)
        // What the calendar's posts say, to leave out rows that say it again; made at the
        // first row without an id.
        var said: Set<Sameness>? = nil
        // The calendar's ids in order, to find those a shortened id starts without a scan per row.
        let sortedIDs = calendar.posts.keys.map(\.rawValue).sorted()
        func ids(startingWith prefix: String) -> [PostID] {
            var i = sortedIDs.partitioningIndex { $0 >= prefix }
            var found: [PostID] = []
            while i < sortedIDs.count, sortedIDs[i].hasPrefix(prefix) {
                found.append(PostID(sortedIDs[i])!)
                i += 1
            }
            return found
        }
        for (rowNumber, row) in records {
            guard row.count == header.count else {
                let advice = row.count < header.count
                    ? "leave a cell empty with nothing between two separators (a,,c)"
                    : "a cell that holds a \(delimiter == "," ? "comma" : delimiter == ";" ? "semicolon" : "separator") goes in quotes (\"a, b\")"
                throw .invalidCSV(
                    path: source, row: rowNumber, column: nil,
                    message: "\(Describe.count(row.count, "cell")), but the header has \(header.count); \(advice)")
            }
            func cell(_ name: String) -> String {
                position[name].map { restore(row[$0]) } ?? ""
            }
            func fail(_ column: String, _ message: String) -> CadenceError {
                .invalidCSV(path: source, row: rowNumber, column: column, message: message)
            }
            /// The date column's day, or why it names none (quoting the cell it is in).
            func day(_ text: String, in cell: String? = nil) throws(CadenceError) -> CivilDate {
                let shown = cell ?? text
                switch SheetDates.day(text, order: slashOrder) {
                case .failure(let problem): throw fail("date", "'\(shown)' \(problem.message)")
                case .success(let date):
                    guard CivilDate.plannable.contains(date) else { throw fail("date", "'\(shown)' is outside the years Cadence plans (\(CivilDate.plannableText))") }
                    return date
                }
            }
            /// The moment a time cell (or the time in a date cell) names on a day.
            func moment(_ date: CivilDate, _ time: String, column: String) throws(CadenceError) -> Date {
                do { return try instant(day: date, timeCell: time, clock: calendar.clock) } catch {
                    if case .invalidValue(_, let value, let expected) = error { throw fail(column, "'\(value)' is not valid; expected \(expected)") }
                    throw fail(column, error.message)
                }
            }

            var id: PostID
            let idText = cell("id").trimmingCharacters(in: .whitespaces)
            if idText.isEmpty {
                id = PostID.generate(avoiding: { taken.contains($0) }, using: &generator)
            } else {
                guard var parsed = PostID(idText) else {
                    throw fail("id", "'\(idText)' is not a post id (lower-case letters, digits, '-' or '_')")
                }
                // An id not in the calendar that starts one there: updating, it is that post's
                // shortened id (a unique start of at least four characters, as on the command
                // line); adding, it would shadow that post's short form, so it is refused.
                if calendar.posts[parsed] == nil, idText.count >= 4 {
                    let matches = ids(startingWith: parsed.rawValue)
                    if !replacingExisting, let longer = matches.first {
                        throw fail("id", "'\(idText)' is the start of post \(longer) already in the calendar (use --update to change that post, or leave the id empty for a new one)")
                    }
                    if matches.count > 1 {
                        throw fail("id", "'\(idText)' is the start of several posts' ids (\(matches.map(\.rawValue).joined(separator: ", "))); give more of it")
                    }
                    if let match = matches.first { parsed = match }
                }
                guard idsInFile.insert(parsed).inserted else { throw fail("id", "post '\(idText)' appears in an earlier row too") }
                if calendar.posts[parsed] != nil, !replacingExisting {
                    throw fail("id", "post '\(idText)' is already in the calendar (use --update to replace existing posts)")
                }
                id = parsed
            }

            // The post a row updates: its channel and title stay when the row leaves them out.
            let existing = replacingExisting ? calendar.posts[id] : nil
            let channelText = cell("channel").trimmingCharacters(in: .whitespaces)
            var channel: Channel? = nil
            if !channelText.isEmpty || existing == nil {
                guard position["channel"] != nil, !channelText.isEmpty else {
                    throw fail("channel", "a new post needs a channel" + (idText.isEmpty ? "" : " (no post '\(idText)' is in the calendar to update)"))
                }
                do { channel = try calendar.findChannel(channelText) } catch { throw fail("channel", error.message) }
            }
            let dateText = cell("date").trimmingCharacters(in: .whitespaces)
            let timeText = cell("time").trimmingCharacters(in: .whitespaces)
            var at: Date? = nil
            // The day of a row whose time waits for the others (a date alone).
            var waitsOn: CivilDate? = nil
            // A whole timestamp in the date cell (as some tools write one column) is one
            // moment: ISO (`2026-12-08T09:00:00+01:00`), or a sheet's date and time (`12/8/2026 9:00 AM`).
            let isoMoment = dateText.count > 10 && CivilDate(iso: dateText.prefix(10)) != nil
            let sheetMoment = !isoMoment && dateText.contains(" ")
            if isoMoment || sheetMoment, !timeText.isEmpty {
                throw fail("date", "'\(dateText)' holds a time too; put the day alone here, or leave the time column empty")
            }
            switch (dateText.isEmpty, timeText.isEmpty) {
            case (true, true): break
            case (true, false): throw fail("date", "a time is given without a date")
            case (false, true) where isoMoment:
                do { at = try PlanInput.dateTime(dateText, field: "date", clock: calendar.clock, today: today) } catch {
                    if case .invalidValue(_, let value, let expected) = error { throw fail("date", "'\(value)' is not valid; expected \(expected)") }
                    throw fail("date", error.message)
                }
            case (false, true) where sheetMoment:
                let space = dateText.firstIndex(of: " ")!
                at = try moment(day(String(dateText[..<space]), in: dateText), String(dateText[space...]), column: "date")
            case (false, true):
                guard now != nil else { throw fail("time", "a date is given without a time (HH:MM)") }
                let date = try day(dateText)
                // Noon for now (dated, so the status follows as for any dated row); see below.
                at = calendar.clock.date(for: LocalDateTime(date: date, time: LocalTime(hour: 12, minute: 0)!))
                waitsOn = date
            case (false, false):
                at = try moment(day(dateText), timeText, column: "time")
            }
            var category: String? = nil
            let categoryText = cell("category").trimmingCharacters(in: .whitespaces)
            if !categoryText.isEmpty {
                do { category = try calendar.findCategory(categoryText).id } catch { throw fail("category", error.message) }
            }
            var status: PostStatus? = nil
            let statusText = cell("status").trimmingCharacters(in: .whitespaces).lowercased()
            if !statusText.isEmpty {
                guard let parsed = PostStatus(rawValue: statusText) else {
                    throw fail("status", "'\(statusText)' is not one of \(PostStatus.names)")
                }
                status = parsed
            }
            let title = cell("title")
            if TextMetrics.isBlank(title), existing == nil || position["title"] != nil && !title.isEmpty {
                throw fail("title", "a post needs a title")
            }
            // The row's columns set the post's fields; a column the file does not have leaves a
            // replaced post's field as it was (a sheet of ids, channels and titles renames).
            func has(_ name: String) -> Bool { position[name] != nil }
            var changes = PostChanges()
            changes.channel = channel?.id
            if !title.isEmpty { changes.title = title }
            if has("date") { changes.at = .some(at) }
            if has("text") { changes.text = cell("text") }
            if has("category") { changes.category = .some(category) }
            changes.status = status
            if has("link") {
                let link = cell("link").trimmingCharacters(in: .whitespacesAndNewlines)
                changes.link = .some(link.isEmpty ? nil : link)
            }
            if has("media") { changes.media = Post.mediaItems(cell("media")) }
            if has("tags") {
                // One tag a line (as exported) or separated by commas, or both: a tag holds no comma.
                changes.tags = Post.uniqueTags(cell("tags").split(whereSeparator: { $0.isNewline || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            }
            if has("notes") { changes.notes = cell("notes") }
            let post = changes.applied(to: existing ?? Post(id: id, channel: channel!.id, title: title))
            if let problem = post.inputProblem(comparedTo: existing) { throw fail(problem.field, problem.message) }
            if status != nil, let problem = post.statusDateProblem {
                throw fail("status", "'\(statusText)': \(problem), and " + (post.isIdea ? "this one has none; give a date or another status" : "this one has one; give another status (such as draft) or no date"))
            }
            if idText.isEmpty {
                let sameness = Sameness(post, day: post.at.map(calendar.clock.day(of:)))
                if said == nil {
                    said = Set(calendar.posts.values.map { Sameness($0, day: calendar.local(of: $0.id)?.date) })
                }
                guard said!.insert(sameness).inserted else {
                    rows.duplicates.append(rowNumber)
                    continue
                }
            }
            taken.insert(id)
            // A time given with another zone's offset (converted), or one the clocks repeat
            // without its offset (the first taken): the summary says so, as add does.
            if let at, waitsOn == nil {
                switch PlanInput.reading(of: isoMoment ? dateText : "\(dateText) \(timeText)", at: at, clock: calendar.clock) {
                case .converted?: rows.convertedTimes.append(id)
                case .firstOfRepeated?: rows.repeatedTimes.append(id)
                case nil: break
                }
            }
            if let waitsOn { dayAlone.append((rowNumber, rows.posts.count, waitsOn)) }
            rows.posts.append(post)
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
                        message: working.noFreeTime(channel: post.channel, day: date, spacing: spacing) + "; give a time (HH:MM)")
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
        guard let text = SheetDates.twentyFourHour(typed) else {
            throw .invalidValue(field: "time", value: typed, expected: "a time as HH:MM, or 1:00 to 12:59 with AM or PM")
        }
        // Spreadsheets save time cells as HH:MM:SS; whole minutes are fine. A UTC offset (or
        // Z) after the time is read as `--at` reads it.
        let offsetStart = text.firstIndex { "+-Zz".contains($0) } ?? text.endIndex
        var clockPart = text[..<offsetStart]
        if clockPart.split(separator: ":", omittingEmptySubsequences: false).count == 3 {
            guard clockPart.hasSuffix(":00") else {
                throw .invalidValue(field: "time", value: typed, expected: "a time as HH:MM (posts go out on whole minutes)")
            }
            clockPart = clockPart.dropLast(3)
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
