import CadenceCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An advisory lock beside the calendar (`calendar.json.lock`), so that a second planner on the
/// same file opens read-only. The lock is the kernel's (flock): it goes when the holder exits or
/// dies, whatever happens to the file. The file holds who has it, for the message.
final class PlannerLock {
    enum Outcome {
        case acquired(PlannerLock)
        /// Someone else has it: who, as the lock file says ("pid 1234, since 10:02 +01:00").
        case heldBy(String)
    }

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    static func path(for calendarPath: String) -> String { CalendarFile.besidePath(calendarPath) + ".lock" }

    static func acquire(for calendarPath: String) -> Outcome {
        let path = path(for: calendarPath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        // A folder we cannot write to cannot hold a lock; nor can anyone else's planner, then.
        guard fd >= 0 else { return .acquired(PlannerLock(descriptor: -1)) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            return .heldBy(holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another process")
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm xxx"  // with its offset: the other planner may be in another zone
        let note = "pid \(getpid()), since \(formatter.string(from: Date()))\n"
        ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
        return .acquired(PlannerLock(descriptor: fd))
    }
}
