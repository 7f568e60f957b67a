import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write posts as CSV, iCalendar or a bulk-upload file for Buffer or Hootsuite.",
            discussion: """
                csv: RFC 4180, UTF-8, for spreadsheets and 'cadence import'. Columns: \(CSVFormat.columns.joined(separator: ", ")). \
                Ideas have no date or time.

                ics: iCalendar (RFC 5545) for Google Calendar, Outlook, Apple Calendar and Thunderbird: one \
                \(ICalendarFormat.eventMinutes)-minute event per scheduled post, times in UTC, the post's id as the event's UID \
                (importing a newer export updates the events). Ideas are left out.

                buffer: Buffer's bulk upload (Text, Image URL, Tags, Posting Time), one channel per file; a post's link \
                goes at the end of its text, its first http(s) media item is the image.

                hootsuite: Hootsuite's Bulk Composer (no header; MM/DD/YYYY HH:mm, message, link), one channel per file; at most \
                \(BulkUploadFormat.hootsuiteMaxRows) posts, on 5-minute steps.

                buffer and hootsuite take only posts still to come (Hootsuite: 10 minutes ahead); past posts and ideas \
                are left out and counted.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, ics, buffer, hootsuite

            var name: String {
                switch self {
                case .csv: "a CSV export"
                case .ics: "an iCalendar export"
                case .buffer: "a Buffer export"
                case .hootsuite: "a Hootsuite export"
                }
            }

            /// Whether a file that starts so is one this format wrote, which an export may replace.
            func wrote(_ start: Data) -> Bool {
                let text = String(decoding: start.prefix(128), as: UTF8.self)
                return switch self {
                // (Or as versions before the zone column wrote it.)
                case .csv: text.hasPrefix(CSVFormat.columns.joined(separator: ",")) || text.hasPrefix(CSVFormat.columns.filter { $0 != "zone" }.joined(separator: ","))
                case .ics: text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cadence//")
                case .buffer: text.hasPrefix("Text,Image URL,Tags,Posting Time\r\n") || text.hasPrefix("Text,Image URL,Tags,Posting Time\n")
                case .hootsuite: text.wholeMatch(of: /\d\d\/\d\d\/\d{4} \d\d:\d\d,[\s\S]*/) != nil
                }
            }

            /// Whether `existing` (which `wrote` says has this format's shape) is an earlier
            /// export of this calendar, which the new one may replace without --force, such as
            /// last week's file re-exported this week. A sheet someone made by hand with the same
            /// columns must not give way: a CSV export's rows all carry an id, and some are this
            /// calendar's posts; a bulk-upload file's rows carry no id, but most of them (more
            /// than half: a post moved or deleted since is fine) are posts of this calendar on
            /// the channel exported, by their time or their text. An iCalendar file names Cadence
            /// as its maker.
            func isEarlierExport(_ existing: Data, of calendar: ContentCalendar, channels: Set<String>) -> Bool {
                guard self != .ics else { return true }
                guard let records = CSVFormat.records(String(decoding: existing, as: UTF8.self)) else { return false }
                let rows = self == .hootsuite ? records[...] : records.dropFirst()
                guard !rows.isEmpty else { return true }
                if self == .csv {
                    return rows.allSatisfy { !($0.first ?? "").isEmpty }
                        && rows.contains { PostID($0[0]).map { calendar.posts[$0] != nil } ?? false }
                }
                // What the channel's posts say, as each tool's file writes it.
                let onChannels = calendar.posts.values.filter { channels.contains($0.channel) }
                let texts = Set(onChannels.map { self == .buffer ? $0.textAsPosted : $0.text }.filter { !$0.isEmpty })
                let isPost = { (row: [String]) -> Bool in
                    let (when, text): (LocalDateTime?, String)
                    switch self {
                    case .buffer:
                        guard row.count == 4 else { return false }
                        (when, text) = (LocalDateTime(row[3]), row[0])
                    default:
                        guard row.count == 3 else { return false }
                        let m = row[0].wholeMatch(of: /(\d\d)\/(\d\d)\/(\d{4}) (\d\d:\d\d)/)
                        (when, text) = (m.flatMap { LocalDateTime("\($0.3)-\($0.1)-\($0.2) \($0.4)") }, row[1])
                    }
                    if texts.contains(text) { return true }
                    guard let when else { return false }
                    return calendar.posts(on: when.date).contains { channels.contains($0.channel) && calendar.local(of: $0.id)?.time == when.time }
                }
                return rows.count(where: isPost) * 2 > rows.count
            }
        }

        @OptionGroup var file: FileOptions

        @Option(help: "The format: csv, ics (iCalendar), buffer or hootsuite; by default the --output file's extension says, else csv.")
        var format: Format?

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output (- is standard output).", valueName: "path"))
        var output: String?

        @Flag(help: "Write over an existing --output file that is not an export of Cadence in this format.")
        var force = false

        @OptionGroup var range: RangeOptions

        @OptionGroup var only: PostFilterOptions

        /// The file to write; `nil` (or `-`) for standard output.
        var outputFile: String? { output == "-" ? nil : output }

        /// `--format`, else what the output file's name says (`plan.ics`), else CSV. A name
        /// ending in something else (`plan.xlsx`) is refused rather than filled with CSV.
        func chosenFormat() throws(CadenceError) -> Format {
            let ext = outputFile.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
            if let format {
                // An iCalendar file named .csv (or a sheet named .ics) is a mix-up that the
                // next import or calendar app trips on.
                let iCalendarName = ["ics", "ical", "ifb"].contains(ext)
                if let outputFile, (format == .ics && ext == "csv") || (format != .ics && iCalendarName) {
                    throw .invalidValue(
                        field: "--output", value: outputFile,
                        expected: "a name that says what it holds: --format \(format.rawValue) writes \(format.name), so end it in .\(format == .ics ? "ics" : "csv") (or leave --format out to go by the name)")
                }
                return format
            }
            guard let outputFile else { return .csv }
            if ext.isEmpty || ext == "txt" { return .csv }
            if ext == "ical" || ext == "ifb" { return .ics }
            guard let format = Format(rawValue: ext) else {
                throw .invalidValue(
                    field: "--output", value: outputFile,
                    expected: "a name ending in .csv, .txt or .ics, or --format (\(Format.allCases.map(\.rawValue).joined(separator: ", "))) to say what to write")
            }
            return format
        }

        func run() throws {
            // An export never replaces the calendar, whatever its name says.
            if let outputFile, CalendarFile.sameFile(outputFile, file.path) {
                throw CadenceError.invalidValue(field: "--output", value: outputFile, expected: "a file other than the calendar itself")
            }
            let format = try chosenFormat()
            let environment = try CommandEnvironment.current()
            let calendar = try file.load()
            let posts = try PostFilter(
                calendar: calendar, range: range, channel: only.channel, category: only.category, status: only.status,
                today: environment.today(in: calendar)
            ).posts()
            // A post with an unsettled merge conflict holds one side's values for now: a file
            // that publishes (Buffer, Hootsuite) waits for it to be settled; others say so.
            let conflicted = posts.filter(\.hasConflict)
            if let first = calendar.conflicts.first {
                // Settings (a channel's rules, a category) the merge could not decide.
                let what = "the calendar's settings have \(Describe.count(calendar.conflicts.count, "unsettled merge conflict")) (the first: \(first.place))"
                if format == .buffer || format == .hootsuite {
                    throw CadenceError.usage("\(what); settle \(calendar.conflicts.count == 1 ? "it" : "them") before queueing posts (cadence resolve --settings, or the planner), see 'cadence check'")
                }
                printError("note: \(what), see 'cadence check'")
            }
            if let first = conflicted.first {
                let what = "\(Describe.count(conflicted.count, "post")) in this export \(conflicted.count == 1 ? "has" : "have") an unsettled merge conflict (the first: \(first.id) “\(Reports.safe(first.title))”)"
                if format == .buffer || format == .hootsuite {
                    throw CadenceError.usage("\(what); settle it before queueing posts (cadence resolve, or the planner), see 'cadence check'")
                }
                printError("note: \(what); the export holds the version merged into, see 'cadence check'")
            }
            let exported: String
            var left: [String] = []
            var warnings: [String] = []
            var written = posts.count
            // Only a hand edit brings one in; a sheet shows it as � (which import takes as is),
            // a calendar app's file leaves it out.
            let inFile = format == .csv ? posts : posts.filter { post in
                // (A calendar app's file has the dated posts; a bulk upload's, those still to come.)
                guard let at = post.at else { return false }
                return format == .ics || at >= environment.now
            }
            let marked = inFile.filter(\.holdsControlCharacters)
            if let first = marked.first {
                let how = format == .ics ? "left out" : "written as �"
                warnings.append("\(Describe.count(marked.count, "post")) \(marked.count == 1 ? "holds" : "hold") a control character (a hand edit of the file?), \(how) (the first: \(first.id) “\(Reports.safe(first.title))”)")
            }
            switch format {
            case .csv: exported = CSVFormat.export(posts, of: calendar)
            case .ics:
                exported = ICalendarFormat.export(posts, of: calendar)
                written = posts.count { !$0.isIdea }
                if written < posts.count { left.append("\(Describe.count(posts.count - written, "idea")) left out: no date") }
                // RFC 5545 wants at least one event; some calendar apps refuse a file without.
                if written == 0 { warnings.append("no scheduled post to export: the file holds no events, which some calendar apps refuse") }
            case .buffer, .hootsuite:
                let tool = BulkUploadFormat(rawValue: format.rawValue)!
                let export = try tool.export(posts, of: calendar, now: environment.now)
                (exported, written) = (export.csv, export.rows)
                if export.past > 0 { left.append("\(Describe.count(export.past, "past post")) left out") }
                if export.tooSoon > 0 {
                    let minutes = Int(tool.earliestAhead / 60)
                    left.append("\(Describe.count(export.tooSoon, "post")) less than \(minutes) minutes ahead left out: \(tool.toolName) takes posts from \(minutes) minutes ahead")
                }
                if export.ideas > 0 { left.append("\(Describe.count(export.ideas, "idea")) left out: no date") }
                // What the file does carry but a reader should know before uploading it.
                if !export.mediaLeftOut.isEmpty {
                    // Each is to be attached by hand: all are named (the first ten, when more).
                    let count = export.mediaLeftOut.count
                    let what = format == .buffer ? "media the sheet cannot carry (it takes one picture, by its web address)" : "media, which Hootsuite's sheet has no column for"
                    let named = export.mediaLeftOut.prefix(10).map { "\($0.id) “\(Reports.safe($0.title))”" }.joined(separator: ", ") + (count > 10 ? " and \(count - 10) more" : "")
                    warnings.append("\(Describe.count(count, "post")) \(count == 1 ? "has" : "have") \(what): attach \(count == 1 ? "it" : "them") in \(tool.toolName) (\(named))")
                }
                if export.closeToTheLimit > 0 {
                    let minutes = Int(tool.earliestAhead / 60)
                    warnings.append("\(Describe.count(export.closeToTheLimit, "post")) \(export.closeToTheLimit == 1 ? "is" : "are") less than \(minutes + 5) minutes ahead: upload the file now, as \(tool.toolName) refuses a post less than \(minutes) minutes ahead of the upload")
                }
                if export.unapproved > 0 {
                    warnings.append("\(Describe.count(export.unapproved, "post")) in the file \(export.unapproved == 1 ? "is" : "are") not approved yet (idea, draft or review); --status approved,scheduled leaves such posts out")
                }
            }
            let notes = left.isEmpty ? "" : " (\(left.joined(separator: "; ")))"
            if let output = outputFile {
                let channels = try only.channel.map { (c: String) throws(CadenceError) in [try calendar.findChannel(c).id] } ?? Set(posts.map(\.channel))
                try checkOutput(output, format: format, calendar: calendar, channels: channels)
                try CalendarFile.write(Array(exported.utf8), to: output, replacing: true)
                printError("wrote \(Describe.count(written, "post")) to \(output)\(notes)")
            } else {
                print(exported, terminator: "")
                // What was left out, or that nothing was written, still deserves a word, apart
                // from the data.
                if !left.isEmpty || written == 0 && warnings.isEmpty { printError("wrote \(Describe.count(written, "post"))\(notes)") }
            }
            for warning in warnings { printError("note: \(warning)") }
        }

        /// An export never replaces (without --force) a file it did not write.
        private func checkOutput(_ output: String, format: Format, calendar: ContentCalendar, channels: Set<String>) throws(CadenceError) {
            guard FileManager.default.fileExists(atPath: output), !CalendarFile.isDeviceOrPipe(output) else { return }
            guard !force, let existing = FileManager.default.contents(atPath: output), !existing.isEmpty else { return }
            if !format.wrote(existing) {
                // Another of Cadence's exports (a Buffer file where a CSV was asked for): say
                // which, since the format may just have been left out.
                if let other = Format.allCases.first(where: { $0 != format && $0.wrote(existing) }) {
                    throw .fileExists(path: output, advice: "it is \(other.name) of Cadence, and this is \(format.name) (--format \(other.rawValue) writes \(other.name) again); use --force to replace it")
                }
                throw .fileExists(path: output, advice: "it is not \(format.name) of Cadence; use --force to replace it")
            }
            if !format.isEarlierExport(existing, of: calendar, channels: channels) {
                let why = format == .csv ? "its rows are not this calendar's posts" : "most of its rows are not posts of this calendar on the channel exported"
                throw .fileExists(path: output, advice: "it has \(format.name)'s columns but \(why) (a sheet made by hand, or another calendar's export?); use --force to replace it")
            }
        }
    }
}

extension Cadence {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the rows of a CSV file as posts; one bad row and nothing changes.",
            discussion: """
                Columns are found by name: \(CSVFormat.columns.joined(separator: ", ")); channel and title are required for new posts. \
                Rows without an id get a new one, unless they say what a post already says (the same channel, title and \
                text, at the same time; on the same day for a date alone, on any day for no date): those are left out. A row whose id is already in the calendar is refused unless --update. Dates may be \
                written as spreadsheets write them (08.12.2026, 12/8/2026 with --date-order when the sheet does not show the order).
                """)

        @OptionGroup var file: FileOptions

        @Argument(help: "The CSV file to read ('-' for standard input).")
        var source: String

        /// The line (a row, unless a cell spans lines) where the bytes stop being UTF-8.
        static func firstLineNotUTF8(_ data: Data) -> Int {
            var line = 1
            var bytes = data.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&bytes) {
                case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
                case .emptyInput, .error: return line
                }
            }
        }

        @Flag(help: "Rows whose id is already in the calendar replace that post.")
        var update = false

        @Flag(help: "Leave out columns Cadence does not read (a sheet's own columns) instead of refusing the file.")
        var skipUnknownColumns = false

        @Option(help: ArgumentHelp(
            "How to read dates written with slashes: dmy (08/12/2026 is 8 December) or mdy (12/08/2026 is). Needed only when no date in the sheet says (a 13 or more before or after the first slash).",
            valueName: "order"))
        var dateOrder: SheetDates.DateOrder?

        /// What an import did to the calendar, and the summary that says so.
        struct Outcome {
            var added = 0
            var updated = 0
            /// Rows whose post already was as the row says.
            var unchanged = 0
            /// New times in the past (more often a mistyped year than a plan; add says so too),
            /// published posts aside.
            var past: [Post] = []
            /// Posts an update left without the date they had, with the status they had.
            var undated: [(post: Post, was: PostStatus)] = []

            mutating func count(_ post: Post, replacing existing: Post?, now: Date) {
                if existing == nil { added += 1 } else { updated += 1 }
                if let at = post.at, at < now, at != existing?.at, post.status != .published { past.append(post) }
                if let existing, !existing.isIdea, post.isIdea { undated.append((post, existing.status)) }
            }

            func summary(of rows: CSVFormat.Rows, from source: String, in calendar: ContentCalendar) -> [String] {
                var lines: [String] = []
                let already = unchanged == 0 ? "" : "; \(unchanged == 1 ? "1 was" : "\(unchanged) were") already as the sheet says"
                switch (added, updated) {
                case (0, 0) where rows.posts.isEmpty && rows.duplicates.isEmpty: lines.append("Nothing to import: \(source) has no rows under its header")
                case (0, 0) where unchanged == 0: lines.append("Nothing to import: every row of \(source) is already in the calendar")
                case (0, 0): lines.append("Nothing to import: \(unchanged == 1 ? "the post" : "all \(unchanged) posts") in \(source) \(unchanged == 1 ? "is" : "are") already in the calendar as \(unchanged == 1 ? "it is" : "they are")")
                case (_, 0): lines.append("Imported \(Describe.count(added, "post")) from \(source)\(already)")
                case (0, _): lines.append("Updated \(Describe.count(updated, "post")) from \(source)\(already)")
                default: lines.append("Imported \(Describe.count(added, "new post")) and updated \(updated) from \(source)\(already)")
                }
                if !rows.duplicates.isEmpty {
                    let one = rows.duplicates.count == 1
                    lines.append("\(Describe.count(rows.duplicates.count, "row")) left out: \(one ? "it says" : "each says") what a post in the calendar or an earlier row says (the same channel, title and text, at the same time, or on the same day for a date alone; \(one ? "row" : "rows") \(Describe.rows(rows.duplicates))); to import such a row anyway, give it an id of its own in an id column")
                }
                if !rows.skippedColumns.isEmpty {
                    lines.append("Columns left out: \(rows.skippedColumns.map { "'\($0)'" }.joined(separator: ", "))")
                }
                func first(_ count: Int) -> String { count == 1 ? "" : "the first: " }
                if let (post, was) = undated.first {
                    let one = undated.count == 1
                    // A post scheduled or published without a date is an idea again, as with update --unschedule.
                    let status = was == post.status ? post.status.rawValue : "\(was.rawValue) → \(post.status.rawValue)" + (post.status == .idea ? ", as it has no date" : "")
                    lines.append("\(Describe.count(undated.count, "post")) lost \(one ? "its date" : "their dates") (an empty date cell): undated, \(one ? "it is" : "they are") listed with the ideas (\(first(undated.count))\(post.id) “\(Reports.safe(post.title))”, \(status))")
                }
                if let post = past.first, let local = calendar.local(of: post.id) {
                    lines.append("\(Describe.count(past.count, "post")) \(past.count == 1 ? "is" : "are") dated in the past (\(first(past.count))\(post.id) at \(local.date.longDescription) \(local.time)); a mistyped year?")
                }
                let clock = calendar.clock
                if let id = rows.timesPicked.first, let at = calendar.posts[id]?.at {
                    let count = rows.timesPicked.count
                    lines.append("\(Describe.count(count, "row")) gave a day without a time: \(count == 1 ? "it took" : "each took") the next free time that day, the channel's posting times first (\(first(count))\(id) at \(clock.local(at).dateTime.date.longDescription) \(clock.timeText(at)))")
                }
                if let id = rows.convertedTimes.first, let at = calendar.posts[id]?.at {
                    let count = rows.convertedTimes.count
                    let local = clock.local(at).dateTime
                    lines.append("\(Describe.count(count, "row")) gave a time in another zone (by its UTC offset or the zone column): \(count == 1 ? "it is" : "each is") that moment in \(clock.identifier) (\(first(count))\(id) at \(local.date.longDescription) \(local.time))")
                }
                if let id = rows.repeatedTimes.first, let at = calendar.posts[id]?.at, case .repeated(_, let second) = clock.resolve(clock.local(at).dateTime) {
                    let count = rows.repeatedTimes.count
                    let local = clock.local(at).dateTime
                    lines.append("\(Describe.count(count, "row")) gave a time without its offset that happens twice that night (the clocks go back): \(count == 1 ? "it" : "each") took the first (\(first(count))\(id) at \(local.date.longDescription) \(local.time)\(clock.offsetText(at: at))); write \(local.time)\(clock.offsetText(at: second)) in the time column for the second")
                }
                return lines
            }
        }

        func run() throws { try file.changing(change) }

        private func change() throws {
            let environment = try CommandEnvironment.current()
            var calendar = try file.load()
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), isFolder.boolValue {
                throw CadenceError.usage("\(source) is a folder; import takes a CSV file")
            }
            // `-` is standard input; a pipe (`<(…)`, `/dev/stdin`) is read as it comes.
            let source = self.source == "-" ? "standard input" : self.source
            let data: Data
            if self.source == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                do {
                    data = Data(try CalendarFile.readBytes(self.source))
                } catch {
                    if case .fileNotFound = error { throw CadenceError.inputNotFound(path: source) }
                    throw error
                }
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CadenceError.invalidCSV(path: source, row: Import.firstLineNotUTF8(data), column: nil, message: "not UTF-8 text (save the sheet as \"CSV UTF-8\")")
            }
            let rows = try CSVFormat.importRows(
                text, source: source, into: calendar, replacingExisting: update, today: environment.today(in: calendar),
                now: environment.now, skippingUnknownColumns: skipUnknownColumns, dateOrder: dateOrder)
            var outcome = Outcome()
            let author = Git.author(near: file.path)
            for var post in rows.posts {
                // A row that changes nothing leaves its post (and who changed it last) alone, so
                // re-importing an export gives no diff.
                let existing = calendar.posts[post.id]
                guard existing != post else {
                    outcome.unchanged += 1
                    continue
                }
                outcome.count(post, replacing: existing, now: environment.now)
                post.stamp(by: author, at: environment.now)
                try calendar.put(post)
            }
            if outcome.added + outcome.updated > 0 { try file.save(calendar) }
            for line in outcome.summary(of: rows, from: source, in: calendar) { print(line) }
            guard outcome.added + outcome.updated > 0 else { return }
            let selection = DaySelection.weeksWithPosts(in: calendar)
            let violations = RuleChecker.check(calendar, in: selection, now: environment.now)
            if !violations.isEmpty {
                print("The plan now has \(Describe.count(violations.errorCount, "error")) and \(Describe.count(violations.warningCount, "warning")); see 'cadence check'.")
            }
        }
    }
}
