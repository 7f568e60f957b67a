import CSV
import Foundation

/// Posts as RFC 4180 CSV (UTF-8, CRLF, a header row, one post per row), for spreadsheets and
/// bulk tools. Columns are found by name on import, in any order. Lists (media, tags) hold one
/// item per line inside their cell; tags may also be given separated by commas.
///
/// A time in the hour that happens twice when clocks go back carries its UTC offset
/// (`02:30+01:00`, the second 02:30 in Berlin), so the post comes back at the same instant.
///
/// Cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
/// return) get a leading `'` on export, and lose it again on import, so export then import gives
/// back the same posts.
public enum CSVFormat {
    public static let columns = ["id", "date", "time", "channel", "category", "status", "title", "text", "link", "media", "tags", "notes"]

    // MARK: Export

    public static func export(_ posts: [Post], of calendar: ContentCalendar) -> String {
        write([columns] + posts.map { post in
            let local = calendar.local(of: post.id)
            let cells = [
                post.id.rawValue, local.map { $0.date.description } ?? "", post.at.map { timeCell($0, clock: calendar.clock) } ?? "",
                post.channel, post.category ?? "", post.status.rawValue, post.title, post.text, post.link ?? "",
                post.media.joined(separator: "\n"), post.tags.joined(separator: "\n"), post.notes,
            ]
            return cells.map(neutralise)
        })
    }

    /// Rows as RFC 4180 text, each ending in CRLF; nothing for no rows.
    static func write(_ rows: [[String]]) -> String {
        let stream = OutputStream(toMemory: ())
        // The writer only fails on a broken stream; a memory stream does not break.
        let writer = try! CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try! writer.write(row: row) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return data.isEmpty ? "" : String(decoding: data, as: UTF8.self) + "\r\n"
    }

    /// `HH:MM`, with the offset when the wall-clock time is one that happens twice.
    static func timeCell(_ date: Date, clock: ZoneClock) -> String {
        let (local, offset) = clock.local(date)
        if case .repeated = clock.resolve(local) { return "\(local.time)\(ZoneClock.offsetText(offset))" }
        return local.time.description
    }

    /// Reads `HH:MM` or `HH:MM±HH:MM` on a day: the instant, or why not.
    static func instant(day: CivilDate, timeCell: String, clock: ZoneClock) throws(CadenceError) -> Date {
        let text = timeCell.trimmingCharacters(in: .whitespaces)
        // Spreadsheets save time cells as HH:MM:SS; whole minutes are fine. A UTC offset (or
        // Z) after the time is read as `--at` reads it.
        let offsetStart = text.firstIndex { "+-Zz".contains($0) } ?? text.endIndex
        var clockPart = text[..<offsetStart]
        if clockPart.split(separator: ":", omittingEmptySubsequences: false).count == 3 {
            guard clockPart.hasSuffix(":00") else {
                throw .invalidValue(field: "time", value: text, expected: "a time as HH:MM (posts go out on whole minutes)")
            }
            clockPart = clockPart.dropLast(3)
        }
        return try PlanInput.instant(day: day, timeWithOffset: String(clockPart + text[offsetStart...]), field: "time", clock: clock, value: text)
    }

    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether the cell, past any leading `'`, starts like a formula.
    static func looksLikeFormula(afterQuotes cell: String) -> Bool {
        guard let first = cell.drop(while: { $0 == "'" }).unicodeScalars.first else { return false }
        return formulaStarts.contains(Character(first))
    }

    /// Adds one `'` before a cell that starts (past any `'`) like a formula.
    public static func neutralise(_ cell: String) -> String {
        looksLikeFormula(afterQuotes: cell) ? "'" + cell : cell
    }

    /// Removes the `'` that `neutralise` added.
    public static func restore(_ cell: String) -> String {
        cell.hasPrefix("'") && looksLikeFormula(afterQuotes: cell) ? String(cell.dropFirst()) : cell
    }

    // MARK: Import

    /// Reads every row into a post, checking all of them first: one bad row and no post is
    /// returned; the error names the row (the header is row 1) and the column.
    ///
    /// Rows with an `id` keep it; an id already in the calendar is an error unless
    /// `replacingExisting`, when the row replaces that post. Rows without an id get a new one.
    ///
    /// Cells are separated by commas, or by semicolons when the header has semicolons and no
    /// comma (a spreadsheet set to a language that writes decimal commas saves CSV that way).
    /// A column Cadence does not read is an error, unless `skippingUnknownColumns`.
    public static func importPosts(
        _ text: String, source: String, into calendar: ContentCalendar, replacingExisting: Bool, today: CivilDate,
        skippingUnknownColumns: Bool = false
    ) throws(CadenceError) -> [Post] {
        try importRows(text, source: source, into: calendar, replacingExisting: replacingExisting, today: today, skippingUnknownColumns: skippingUnknownColumns).posts
    }

    /// The posts of an import, and those that were given a day alone.
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
    }

    /// `importPosts`; with `now`, a row with a date and no time takes its channel's next free
    /// posting time that day (after the rows before it), as `add --at` with a day alone does.
    public static func importRows(
        _ text: String, source: String, into calendar: ContentCalendar, replacingExisting: Bool, today: CivilDate,
        now: Date? = nil, skippingUnknownColumns: Bool = false
    ) throws(CadenceError) -> Rows {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.drop(while: \.isWhitespace).first == "{" {
            throw .invalidCSV(path: source, row: 1, column: nil, message: "this is JSON (a calendar file?), not CSV; import takes a sheet with a header row naming the columns: \(columns.joined(separator: ", "))")
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Unicode.Scalar = firstLine.contains(";") && !firstLine.contains(",") ? ";" : ","
        // The CSV reader is lenient about quotes; RFC 4180 is not, and a stray quote would
        // silently join rows. Check the structure first.
        if let problem = structureProblem(text, delimiter: delimiter) {
            throw .invalidCSV(path: source, row: problem.row, column: nil, message: problem.message)
        }
        let noHeader = CadenceError.invalidCSV(path: source, row: 1, column: nil, message: "no header row (the first row names the columns: \(columns.joined(separator: ", ")))")
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            throw noHeader
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if header.allSatisfy(\.isEmpty) { throw noHeader }
        var position: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            guard columns.contains(name) else {
                if skippingUnknownColumns { continue }
                throw .invalidCSV(
                    path: source, row: 1, column: name,
                    message: "unknown column; columns are \(columns.joined(separator: ", ")) (--skip-unknown-columns leaves others out)")
            }
            guard position[name] == nil else {
                throw .invalidCSV(path: source, row: 1, column: name, message: "the column appears twice")
            }
            position[name] = i
        }
        for required in ["channel", "title"] where position[required] == nil {
            throw .invalidCSV(path: source, row: 1, column: required, message: "the header has no '\(required)' column")
        }
        // A post's time is its date and its time of day: one without the other names no time.
        for (present, missing) in [("date", "time"), ("time", "date")] where position[present] != nil && position[missing] == nil {
            throw .invalidCSV(path: source, row: 1, column: nil, message: "the header has a '\(present)' column but no '\(missing)' column; a post's time takes both (date YYYY-MM-DD, time HH:MM)")
        }

        var posts: [Post] = []
        var timesPicked: [PostID] = []
        var repeatedTimes: [PostID] = []
        var convertedTimes: [PostID] = []
        // Rows with a day alone get their time once every row with a time of its own is in
        // place (a later row's 13:00 is not taken first): (row, where in `posts`, the day).
        var dayAlone: [(row: Int, index: Int, day: CivilDate)] = []
        var generator = SystemRandomNumberGenerator()
        var idsInFile = Set<PostID>()
        var taken = Set(calendar.posts.keys)
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
        var rowNumber = 1
        while let row = reader.next() {
            rowNumber += 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.count == header.count else {
                throw .invalidCSV(
                    path: source, row: rowNumber, column: nil,
                    message: "\(Describe.count(row.count, "cell")), but the header has \(header.count) (an unclosed quote?)")
            }
            func cell(_ name: String) -> String {
                position[name].map { restore(row[$0]) } ?? ""
            }
            func fail(_ column: String, _ message: String) -> CadenceError {
                .invalidCSV(path: source, row: rowNumber, column: column, message: message)
            }
            /// The date column's day, or why it names none.
            func day(_ text: String) throws(CadenceError) -> CivilDate {
                if let missing = CivilDate.missingDay(iso: text) { throw fail("date", "'\(text)' is not a day: \(missing)") }
                guard let date = CivilDate(iso: text) else { throw fail("date", "'\(text)' is not a date as YYYY-MM-DD") }
                guard CivilDate.plannable.contains(date) else { throw fail("date", "'\(text)' is outside the years Cadence plans (\(CivilDate.plannableText))") }
                return date
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
            taken.insert(id)

            let channel: Channel
            do { channel = try calendar.findChannel(cell("channel").trimmingCharacters(in: .whitespaces)) } catch {
                throw fail("channel", error.message)
            }
            let dateText = cell("date").trimmingCharacters(in: .whitespaces)
            let timeText = cell("time").trimmingCharacters(in: .whitespaces)
            var at: Date? = nil
            // A whole timestamp in the date cell (as some tools write one column) is one moment.
            let dateHoldsTime = dateText.count > 10 && CivilDate(iso: dateText.prefix(10)) != nil
            if dateHoldsTime, !timeText.isEmpty {
                throw fail("date", "'\(dateText)' holds a time too; put the day alone (YYYY-MM-DD) here, or leave the time column empty")
            }
            switch (dateText.isEmpty, timeText.isEmpty) {
            case (true, true): break
            case (true, false): throw fail("date", "a time is given without a date")
            case (false, true) where dateHoldsTime:
                do { at = try PlanInput.dateTime(dateText, field: "date", clock: calendar.clock, today: today) } catch {
                    if case .invalidValue(_, let value, let expected) = error { throw fail("date", "'\(value)' is not valid; expected \(expected)") }
                    throw fail("date", error.message)
                }
            case (false, true):
                guard now != nil else { throw fail("time", "a date is given without a time (HH:MM)") }
                let date = try day(dateText)
                // Noon for now (dated, so the status follows as for any dated row); see below.
                at = calendar.clock.date(for: LocalDateTime(date: date, time: LocalTime(hour: 12, minute: 0)!))
                dayAlone.append((rowNumber, posts.count, date))
            case (false, false):
                let date = try day(dateText)
                do { at = try instant(day: date, timeCell: timeText, clock: calendar.clock) } catch {
                    if case .invalidValue(_, let value, let expected) = error {
                        throw fail("time", "'\(value)' is not valid; expected \(expected)")
                    }
                    throw fail("time", error.message)
                }
            }
            // A time given with another zone's offset (converted), or one the clocks repeat
            // without its offset (the first taken): the summary says so, as add does.
            if let at, dayAlone.last?.index != posts.count {
                switch PlanInput.reading(of: dateHoldsTime ? dateText : "\(dateText) \(timeText)", at: at, clock: calendar.clock) {
                case .converted?: convertedTimes.append(id)
                case .firstOfRepeated?: repeatedTimes.append(id)
                case nil: break
                }
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
            guard !TextMetrics.isBlank(title) else { throw fail("title", "a post needs a title") }
            // The row's columns set the post's fields; a column the file does not have leaves a
            // replaced post's field as it was (a sheet of ids, channels and titles renames).
            func has(_ name: String) -> Bool { position[name] != nil }
            var changes = PostChanges()
            changes.channel = channel.id
            changes.title = title
            if has("date") || has("time") { changes.at = .some(at) }
            if has("text") { changes.text = cell("text") }
            if has("category") { changes.category = .some(category) }
            changes.status = status
            if has("link") {
                let link = cell("link").trimmingCharacters(in: .whitespacesAndNewlines)
                changes.link = .some(link.isEmpty ? nil : link)
            }
            if has("media") { changes.media = items(cell("media"), separators: ["\n", "\r\n"]) }
            if has("tags") {
                // One tag a line (as exported) or separated by commas, or both: a tag holds no comma.
                changes.tags = Post.uniqueTags(items(cell("tags"), separators: ["\n", "\r\n", ","]))
            }
            if has("notes") { changes.notes = cell("notes") }
            let existing = replacingExisting ? calendar.posts[id] : nil
            let post = changes.applied(to: existing ?? Post(id: id, channel: channel.id, title: title))
            if let problem = post.inputProblem(comparedTo: existing) { throw fail(problem.field, problem.message) }
            posts.append(post)
        }
        // The rows with a day alone, in order, each at its channel's next free posting time
        // among every other row and the calendar (a post a row updates keeps its own time of
        // day when free, as `--at` does).
        if let now, !dayAlone.isEmpty {
            var working = calendar
            let waiting = Set(dayAlone.map { posts[$0.index].id })
            for post in posts where !waiting.contains(post.id) { try? working.put(post) }
            let book = RuleBook(calendar)
            for (row, index, date) in dayAlone {
                var post = posts[index]
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
                posts[index] = post
                try? working.put(post)
                if !kept { timesPicked.append(post.id) }
                if case .firstOfRepeated? = PlanInput.reading(of: "\(date)", at: at, clock: calendar.clock) { repeatedTimes.append(post.id) }
            }
        }
        return Rows(posts: posts, timesPicked: timesPicked, repeatedTimes: repeatedTimes, convertedTimes: convertedTimes)
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

    private static func items(_ cell: String, separators: Set<Character>) -> [String] {
        cell.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
