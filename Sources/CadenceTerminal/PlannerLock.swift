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
        /// Someone else has it: who, as the lock file says ("nino, pid 1234, since 10:02 +01:00").
        case heldBy(String)
    }

    private let descriptor: Int32
    private let path: String?

    private init(descriptor: Int32, path: String?) {
        self.descriptor = descriptor
        self.path = path
    }

    /// The holder takes the file away before letting go, so that no `calendar.json.lock` is
    /// left beside the calendar (a planner that dies leaves it, unlocked and harmless).
    deinit {
        if let path { unlink(path) }
        close(descriptor)
    }

    static func path(for calendarPath: String) -> String { CalendarFile.besidePath(calendarPath) + ".lock" }

    /// The time it was taken is written in the calendar's `zone` (the team's, which the
    /// machine's may not be), with its offset.
    static func acquire(for calendarPath: String, zone: TimeZone) -> Outcome {
        let path = path(for: calendarPath)
        var fd: Int32 = -1
        while true {
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            // A folder we cannot write to cannot hold a lock; nor can anyone else's planner, then.
            guard fd >= 0 else { return .acquired(PlannerLock(descriptor: -1, path: nil)) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                close(fd)
                return .heldBy(holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another process")
            }
            // The file locked must still be the one the name gives: a holder that was just
            // leaving may have taken it away after we opened it. Then try again.
            if CalendarFile.isNamed(fd, by: path) { break }
            close(fd)
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm xxx"  // with its offset: the other planner may be in another zone
        formatter.timeZone = zone
        // Who: the login that opened it (on a shared machine, a teammate), then which process.
        let login = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        let note = [login, "pid \(getpid())", "since \(formatter.string(from: Date()))"].compactMap { $0 }.joined(separator: ", ") + "\n"
        ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
        return .acquired(PlannerLock(descriptor: fd, path: path))
    }
}
