import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write posts as CSV or iCalendar, to standard output or a file.",
            discussion: """
                csv: RFC 4180, UTF-8, for spreadsheets and 'cadence import'. Columns: \(CSVFormat.columns.joined(separator: ", ")). \
                Ideas have no date or time.

                ics: iCalendar (RFC 5545) for Google Calendar, Outlook, Apple Calendar and Thunderbird: one \
                \(ICalendarFormat.eventMinutes)-minute event per scheduled post, times in UTC, the post's id as the event's UID \
                (importing a newer export updates the events). Ideas are left out.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, ics

            /// How a file this format wrote begins, so that an export may replace an earlier one.
            var signature: String {
                switch self {
                case .csv: CSVFormat.columns.joined(separator: ",")
                case .ics: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cadence//"
                }
            }
        }

        @OptionGroup var file: FileOptions

        @Option(help: "The format: csv or ics (iCalendar); by default the --output file's extension says, else csv.")
        var format: Format?

        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
        var output: String?

        @Flag(help: "Write over an existing --output file that is not an export of Cadence in this format.")
        var force = false

        @OptionGroup var range: RangeOptions

        @Option(help: ArgumentHelp("Only this channel (id or name).", valueName: "id"))
        var channel: String?

        /// `--format`, else what the output file's name says (`plan.ics`), else CSV.
        var chosenFormat: Format {
            if let format { return format }
            return output.flatMap { Format(rawValue: URL(fileURLWithPath: $0).pathExtension.lowercased()) } ?? .csv
        }

        func run() throws {
            let format = chosenFormat
            let environment = try CommandEnvironment.current()
            let calendar = try file.load()
            if let output { try checkOutput(output) }
            let posts = try PostFilter(
                calendar: calendar, range: range, channel: channel, today: environment.today(in: calendar)
            ).posts()
            let exported: String
            var written = posts.count
            switch format {
            case .csv: exported = CSVFormat.export(posts, of: calendar)
            case .ics:
                exported = ICalendarFormat.export(posts, of: calendar)
                written = posts.count { !$0.isIdea }
            }
            if let output {
                try CalendarFile.write(Array(exported.utf8), to: output, replacing: true)
                let skipped = posts.count - written
                printError("wrote \(Describe.count(written, "post")) to \(output)" + (skipped > 0 ? " (\(Describe.count(skipped, "idea")) left out: no date)" : ""))
            } else {
                FileHandle.standardOutput.write(Data(exported.utf8))
            }
        }

        /// An export never replaces the calendar, nor (without --force) a file it did not write.
        private func checkOutput(_ output: String) throws(CadenceError) {
            guard FileManager.default.fileExists(atPath: output) else { return }
            if CalendarFile.sameFile(output, file.path) {
                throw .invalidValue(field: "--output", value: output, expected: "a file other than the calendar itself")
            }
            guard !force else { return }
            let format = chosenFormat
            let signature = format.signature
            let existing = FileManager.default.contents(atPath: output).map { String(decoding: $0.prefix(signature.utf8.count), as: UTF8.self) }
            if let existing, !existing.isEmpty, existing != signature {
                let kind = format == .csv ? "a CSV export" : "an iCalendar export"
                throw .fileExists(path: output, advice: "it is not \(kind) of Cadence; use --force to replace it")
            }
        }
    }
}

extension Cadence {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the rows of a CSV file as posts; one bad row and nothing changes.",
            discussion: """
                Columns are found by name: \(CSVFormat.columns.joined(separator: ", ")); channel and title are required. \
                Rows without an id get a new one; a row whose id is already in the calendar is refused unless --update.
                """)

        @OptionGroup var file: FileOptions

        @Argument(help: "The CSV file to read.")
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

        func run() throws { try file.changing(change) }

        private func change() throws {
            let environment = try CommandEnvironment.current()
            var calendar = try file.load()
            guard let data = FileManager.default.contents(atPath: source) else { throw CadenceError.inputNotFound(path: source) }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CadenceError.invalidCSV(path: source, row: Import.firstLineNotUTF8(data), column: nil, message: "not UTF-8 text (save the sheet as \"CSV UTF-8\")")
            }
            let posts = try CSVFormat.importPosts(
                text, source: source, into: calendar, replacingExisting: update, today: environment.today(in: calendar))
            var (added, replaced) = (0, 0)
            let author = Git.author(near: file.path)
            for var post in posts {
                // A row that changes nothing leaves its post (and who changed it last) alone, so
                // re-importing an export gives no diff.
                if let existing = calendar.posts[post.id] {
                    if existing == post { continue }
                    replaced += 1
                } else {
                    added += 1
                }
                post.stamp(by: author, at: environment.now)
                try calendar.put(post)
            }
            if added + replaced > 0 { try file.save(calendar) }
            let unchanged = posts.count - added - replaced
            let notes = [replaced > 0 ? "\(replaced) replaced" : nil, unchanged > 0 ? "\(unchanged) unchanged" : nil].compactMap { $0 }
            print("Imported \(Describe.count(posts.count, "post")) from \(source)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"))
            let selection = DaySelection.weeksWithPosts(in: calendar)
            let violations = RuleChecker.check(calendar, in: selection, now: environment.now)
            if !violations.isEmpty {
                print("The plan now has \(Describe.count(violations.errorCount, "error")) and \(Describe.count(violations.warningCount, "warning")); see 'cadence check'.")
            }
        }
    }
}
