import CadenceCore
import Foundation
import Synchronization

/// Unsaved work kept beside the calendar (`calendar.json.recovery`), written whenever the
/// planner is idle with unsaved edits and when it is stopped, so that a crash or a closed
/// terminal loses nothing. It is a calendar file itself. Beside it, `….recovery.base` holds the
/// version of the file those edits were made on: when the file has changed since (a `git pull`
/// after the crash), restoring merges the two instead of writing over the newer file.
public enum Recovery {
    public static func path(for calendarPath: String) -> String { CalendarFile.besidePath(calendarPath) + ".recovery" }
    static func basePath(for calendarPath: String) -> String { path(for: calendarPath) + ".base" }

    /// The recovery file's calendar (and the version it was based on, when known), when there
    /// is one that differs from the saved file's bytes.
    static func pending(for calendarPath: String, saved: [UInt8]) throws(CadenceError) -> PendingRecovery? {
        let path = path(for: calendarPath)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes = try CalendarFile.readBytes(path)
        if bytes == saved {
            discard(for: calendarPath)
            return nil
        }
        let calendar = try CalendarCodec.decode(bytes, path: path)
        let base = try? CalendarFile.load(basePath(for: calendarPath))
        let written = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        return PendingRecovery(calendar: calendar, base: base, written: written)
    }

    /// Writes the recovery file, and the base beside it when given.
    static func write(_ calendar: ContentCalendar, base: ContentCalendar?, for calendarPath: String) throws(CadenceError) {
        if let base { try CalendarFile.write(CalendarCodec.encode(base), to: basePath(for: calendarPath), replacing: true) }
        try CalendarFile.write(CalendarCodec.encode(calendar), to: path(for: calendarPath), replacing: true)
    }

    static func discard(for calendarPath: String) {
        try? FileManager.default.removeItem(atPath: path(for: calendarPath))
        try? FileManager.default.removeItem(atPath: basePath(for: calendarPath))
    }

    /// Moves the recovery file aside (`….recovery.discarded`, or `.discarded.2` and on when
    /// that is taken) rather than deleting it, when the user declines it: a wrong key must not
    /// cost a day's work, nor a second one the first's.
    static func putAside(for calendarPath: String) -> String {
        let aside = CalendarFile.unusedName(path(for: calendarPath) + ".discarded")
        try? FileManager.default.moveItem(atPath: path(for: calendarPath), toPath: aside)
        try? FileManager.default.removeItem(atPath: basePath(for: calendarPath))
        return aside
    }
}

/// Unsaved work left by a planner that stopped without saving.
public struct PendingRecovery: Sendable {
    public let calendar: ContentCalendar
    /// The file as those edits found it, when known.
    public let base: ContentCalendar?
    public let written: Date

    /// The unsaved work on top of the file as it is now: merged into it when the file changed
    /// since the work was based on it (a pull after a crash), with how many conflicts that left.
    public func restored(onto current: ContentCalendar, mergedBy author: String?) throws -> (calendar: ContentCalendar, newConflicts: Int) {
        guard let base, base != current else { return (calendar, 0) }
        let merged = try CalendarMerge.merge(base: base, ours: calendar, theirs: current, mergedBy: author, onReload: true)
        return (merged.calendar, merged.newConflicts)
    }
}

/// Keeps the recovery files in step with the planner off the main thread: encoding and writing
/// a plan of years takes most of a second, which a key must not wait for. Only the latest
/// request is carried out (a write superseded by a newer one, or by a discard, is skipped), in
/// the order asked; the base is written again only when it has changed.
final class RecoveryWriter: Sendable {
    enum Job: Sendable {
        /// The calendar (with an open form's post put in, when given), and the base with a
        /// number that changes whenever the base does.
        case write(ContentCalendar, base: ContentCalendar, baseVersion: Int, draft: Post? = nil)
        case discard
    }

    private let calendarPath: String
    private let queue = DispatchQueue(label: "cadence.recovery")
    private let latest = Mutex<Job?>(nil)
    /// The base version on disk beside the recovery file (touched on the queue only).
    private let writtenBase = Mutex<Int?>(nil)

    init(calendarPath: String) {
        self.calendarPath = calendarPath
    }

    func submit(_ job: Job) {
        latest.withLock { $0 = job }
        queue.async { [self] in
            guard let job = latest.withLock({ slot in defer { slot = nil }; return slot }) else { return }
            run(job)
        }
    }

    /// Waits until every request made so far is on disk.
    func flush() { queue.sync {} }

    /// Writes now, on this thread, once earlier requests are done: for the last words of a
    /// planner being stopped, whose failure must be reported.
    func writeNow(_ calendar: ContentCalendar, base: ContentCalendar) throws(CadenceError) {
        flush()
        try Recovery.write(calendar, base: base, for: calendarPath)
    }

    func discardNow() {
        flush()
        Recovery.discard(for: calendarPath)
    }

    /// Moves the recovery file aside (see `Recovery.putAside`) once earlier requests are done;
    /// returns where.
    func putAsideNow() -> String {
        flush()
        writtenBase.withLock { $0 = nil }
        return Recovery.putAside(for: calendarPath)
    }

    private func run(_ job: Job) {
        switch job {
        case .write(var calendar, let base, let version, let draft):
            // Here, off the keyboard's thread: putting a post in copies a large calendar.
            if let draft { try? calendar.put(draft) }
            let fresh = writtenBase.withLock { $0 } != version
            // Like the key that asked for it, a failed write is retried with the next change.
            guard (try? Recovery.write(calendar, base: fresh ? base : nil, for: calendarPath)) != nil else { return }
            writtenBase.withLock { $0 = version }
        case .discard:
            Recovery.discard(for: calendarPath)
            writtenBase.withLock { $0 = nil }
        }
    }
}

/// What identifies the calendar file's content on disk, to notice another program changing it.
struct DiskFingerprint: Equatable {
    let inode: UInt64
    let size: Int64
    let modified: Int64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}

/// The calendar file as the planner opens it. The lock comes first: a second planner must not
/// offer, or set aside, the recovery file that the first one is writing. The fingerprint is
/// taken before the bytes are read, so a change made meanwhile is noticed rather than missed.
public struct PlannerFile {
    public let path: String
    public let calendar: ContentCalendar
    let bytes: [UInt8]
    let fingerprint: DiskFingerprint?
    /// Held while this planner may write the file; nil when another planner has it.
    let lock: PlannerLock?
    /// Who has the file open for writing, when it is not this planner.
    public let heldBy: String?

    public static func open(_ path: String) throws(CadenceError) -> PlannerFile {
        var lock: PlannerLock?
        var heldBy: String?
        let fingerprint = DiskFingerprint(path)
        let bytes = try CalendarFile.readBytes(path)
        let calendar = try CalendarCodec.decode(bytes, path: path)
        switch PlannerLock.acquire(for: path, zone: calendar.clock.timeZone) {
        case .acquired(let acquired): lock = acquired
        case .heldBy(let holder): heldBy = holder
        }
        return PlannerFile(path: path, calendar: calendar, bytes: bytes, fingerprint: fingerprint, lock: lock, heldBy: heldBy)
    }

    /// Unsaved work a stopped planner left, when this planner is the one to take it up.
    public func pendingRecovery() throws(CadenceError) -> PendingRecovery? {
        guard lock != nil else { return nil }
        return try Recovery.pending(for: path, saved: bytes)
    }

    /// Declines the pending recovery: it is moved aside, never deleted. Returns where.
    public func putRecoveryAside() -> String { Recovery.putAside(for: path) }
}
