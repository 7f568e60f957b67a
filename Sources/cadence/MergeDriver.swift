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
                marks it conflicted; 'cadence check' reports it and the planner resolves it. 'cadence git-setup' \
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
            let baseBytes = try CalendarFile.readBytes(base)
            let baseCalendar = baseBytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) ? nil : try CalendarCodec.decode(baseBytes, path: "\(name) (base)")
            let ourCalendar = try CalendarCodec.decode(try CalendarFile.readBytes(ours), path: "\(name) (ours)")
            let theirCalendar = try CalendarCodec.decode(try CalendarFile.readBytes(theirs), path: "\(name) (theirs)")
            let result: CalendarMerge.Result
            do {
                result = try CalendarMerge.merge(base: baseCalendar, ours: ourCalendar, theirs: theirCalendar)
            } catch {
                printError("\(name): \(error.localizedDescription); left as ours")
                throw ExitCode(1)
            }
            try CalendarFile.write(CalendarCodec.encode(result.calendar), to: ours, replacing: true)
            guard result.conflicts > 0 else { return }
            printError("\(name): merged, with \(Describe.count(result.conflicts, "conflict")) to resolve: run 'cadence check --file \(name)' to see them and 'cadence --file \(name)' to resolve them, then git add it")
            throw ExitCode(1)
        }
    }
}
