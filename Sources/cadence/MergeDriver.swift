import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct MergeDriver: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge-driver",
            abstract: "Merge three versions of a calendar by meaning (git runs it: %O %A %B %P).",
            discussion: """
                Posts merge by id and field by field; channels, categories and rules key by key. The result is \
                written over OURS. The same field changed differently on both sides is kept as conflict data on \
                the post (or the calendar), the file stays a valid calendar, and the exit status is 1 so that git \
                marks it conflicted; 'cadence check' reports it and the planner resolves it. A side that cannot be \
                read is recorded as a conflict too, so that its loss is never silent. 'cadence git-setup' \
                installs the driver.
                """)

        @Argument(help: "The common ancestor (%O); empty when there is none.")
        var base: String

        @Argument(help: "Our version (%A); the result is written here.")
        var ours: String

        @Argument(help: "Their version (%B).")
        var theirs: String

        @Argument(help: "The calendar's path in the repository (%P), for messages.")
        var path: String?

        func run() throws {
            let name = path ?? ours
            let author = Git.author(near: ours)
            let baseCalendar = read(base, name: "\(name) (base)", emptyIsNone: true)
            let ourCalendar = read(ours, name: "\(name) (ours)", emptyIsNone: false)
            let theirCalendar = read(theirs, name: "\(name) (theirs)", emptyIsNone: false)

            var calendar: ContentCalendar
            var conflicts = 0
            switch (ourCalendar, theirCalendar) {
            case (.success(let o?), .success(let t?)):
                // An unreadable base only means less is known: merge as if there were none.
                let b = try? baseCalendar.get()
                let result: CalendarMerge.Result
                do {
                    result = try CalendarMerge.merge(base: b.flatMap { $0 }, ours: o, theirs: t, mergedBy: author)
                } catch {
                    printError("\(name): \(error.localizedDescription); left as ours, their changes are not in it")
                    throw ExitCode(1)
                }
                calendar = result.calendar
                conflicts = result.conflicts
            case (.success(let readable?), .failure(let problem)), (.failure(let problem), .success(let readable?)):
                // Keep the side that reads, and say in the file that the other is missing: check
                // fails, and the hook will not commit it, until someone looks.
                let lost: MergeSide = theirCalendar.isFailure ? .theirs : .ours
                calendar = readable
                calendar.conflicts.append(SettingsConflict(
                    path: ["file"], values: .init(base: nil, ours: nil, theirs: nil),
                    note: "\(lost == .theirs ? "their" : "our") version could not be read (\(problem)); its changes are not in this file. Compare with git show \(lost == .theirs ? "MERGE_HEAD" : "HEAD"):\(name)",
                    mergedBy: author))
                conflicts = 1
                printError("\(name): \(lost == .theirs ? "their" : "our") version could not be read: \(problem)")
            case (.failure(let problem), _), (_, .failure(let problem)):
                printError("\(name): neither side could be read (\(problem)); left as it was")
                throw ExitCode(1)
            case (.success(nil), _), (_, .success(nil)):
                printError("\(name): a side is empty; left as it was")
                throw ExitCode(1)
            }
            try CalendarFile.write(CalendarCodec.encode(calendar), to: ours, replacing: true)
            guard conflicts > 0 else { return }
            printError("\(name): merged, with \(Describe.count(conflicts, "conflict")) to resolve: run 'cadence check --file \(name)' to see them and 'cadence --file \(name)' to resolve them, then git add it")
            throw ExitCode(1)
        }

        private func read(_ path: String, name: String, emptyIsNone: Bool) -> Result<ContentCalendar?, ReadProblem> {
            do {
                let bytes = try CalendarFile.readBytes(path)
                if emptyIsNone, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .success(nil) }
                return .success(try CalendarCodec.decode(bytes, path: name))
            } catch {
                return .failure(ReadProblem(text: error.errorDescription ?? "\(error)"))
            }
        }
    }
}

struct ReadProblem: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
