import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading and writing calendar files on disk. Saves are atomic: the new content goes to a
/// temporary file beside the calendar, is flushed to disk, takes the old file's permissions and
/// is renamed over it, so a crash leaves either the old file or the new one, never half of one.
public enum CalendarFile {
    public static func load(_ path: String) throws(CadenceError) -> ContentCalendar {
        let bytes = try readBytes(path)
        return try CalendarCodec.decode(bytes, path: path)
    }

    public static func readBytes(_ path: String) throws(CadenceError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw .fileUnreadable(path: path, reason: "it is a folder") }
        var info = stat()
        // A pipe (`-f <(git show HEAD:calendar.json)`) reads fine; a device does not.
        if stat(path, &info) == 0, [S_IFCHR, S_IFBLK].contains(info.st_mode & S_IFMT) {
            throw .fileUnreadable(path: path, reason: "it is a device, not a file")
        }
        // Read with read(2) to the end: a pipe has no size to ask for beforehand.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .fileUnreadable(path: path, reason: errnoText(errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .fileUnreadable(path: path, reason: errnoText(errno))
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Runs `body` (a read, a change and a save) while holding an exclusive advisory lock on the
    /// calendar file, so that two commands changing one calendar at once take turns instead of
    /// the later save throwing away the earlier one's change. A save renames a new file into
    /// place, so the lock is taken on the file the path names once it is held; a file that
    /// cannot be opened is not locked (reading it fails with the right message anyway).
    public static func whileLocked<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let target = resolvingLinks(path)
        var fd: Int32 = -1
        while true {
            fd = open(target, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { break }
            while flock(fd, LOCK_EX) != 0, errno == EINTR {}
            // Still the file the path names (no save replaced it while we waited): ours.
            if isNamed(fd, by: target) { break }
            close(fd)
            fd = -1
            if !FileManager.default.fileExists(atPath: target) { break }
        }
        defer { if fd >= 0 { close(fd) } }
        return try body()
    }

    /// Writes the calendar in canonical form, replacing the file atomically.
    public static func save(_ calendar: ContentCalendar, to path: String) throws(CadenceError) {
        try write(CalendarCodec.encode(calendar), to: path, replacing: true)
    }

    /// Creates a new calendar file; fails, changing nothing, if the path already exists.
    public static func create(_ calendar: ContentCalendar, at path: String) throws(CadenceError) {
        try write(CalendarCodec.encode(calendar), to: path, replacing: false)
    }

    /// Writes bytes through a temporary file in the same folder, then renames it into place (or,
    /// when not `replacing`, links it into place, which fails if the name is taken).
    public static func write(_ bytes: [UInt8], to path: String, replacing: Bool) throws(CadenceError) {
        // A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written to, never replaced.
        if replacing, isDeviceOrPipe(path) {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { throw .cannotWrite(path: path, reason: errnoText(errno)) }
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
            return
        }
        // A calendar reached through a symbolic link is replaced where it really lives, and the
        // link stays a link.
        let target = resolvingLinks(path)
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        var template = Array((folder + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            // The file may be writable and its folder not: the new version goes beside it.
            let reason = errnoText(errno)
            throw .cannotWrite(path: path, reason: errno == EACCES || errno == EROFS ? "its folder \(folder) does not let a new file be made there (\(reason)); a save writes the new version beside the old, then swaps them" : reason)
        }
        let tempPath = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var keepTemp = false
        defer {
            if !keepTemp { unlink(tempPath) }
        }

        do {
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
            // Keep the permissions of the file being replaced; a new file gets the usual ones.
            // A file nobody may write to is not replaced, even by someone who could.
            var info = stat()
            let mode: mode_t
            if stat(target, &info) == 0 {
                mode = info.st_mode & 0o7777
                if replacing, mode & 0o222 == 0 {
                    throw CadenceError.cannotWrite(path: path, reason: "it is read-only (chmod u+w \(path) to allow changes)")
                }
                // And its owner and group, as far as this user may give them (a team's shared
                // group above all): a file swapped in is otherwise the saver's alone.
                if fchown(fd, info.st_uid, info.st_gid) != 0 { _ = fchown(fd, uid_t.max, info.st_gid) }
            } else {
                let mask = umask(0)
                umask(mask)
                mode = 0o666 & ~mask
            }
            guard fchmod(fd, mode) == 0, fsync(fd) == 0 else {
                throw CadenceError.cannotWrite(path: path, reason: errnoText(errno))
            }
        } catch let error as CadenceError {
            throw error
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }

        if replacing {
            guard rename(tempPath, target) == 0 else { throw .cannotWrite(path: path, reason: errnoText(errno)) }
            keepTemp = true
            removeStaleTemporaries(of: url)
        } else {
            guard link(tempPath, target) == 0 else {
                if errno == EEXIST { throw .fileExists(path: path) }
                throw .cannotWrite(path: path, reason: errnoText(errno))
            }
        }
        syncFolder(folder)
    }

    /// `first` when no file has that name, else the first of `first.2`, `first.3`, … that is
    /// free: for files set aside, which never replace an earlier one.
    public static func unusedName(_ first: String) -> String {
        var name = first
        var number = 1
        while FileManager.default.fileExists(atPath: name) {
            number += 1
            name = "\(first).\(number)"
        }
        return name
    }

    /// Temporary files a save killed half way left beside the file (`.calendar.json.tmp-…`),
    /// once they are an hour old: no save still writes one then, and each holds a whole plan.
    static func removeStaleTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let hourAgo = Date().addingTimeInterval(-3600).timeIntervalSince1970
        for name in names where name.hasPrefix(prefix) && name.count == prefix.count + 6 {
            var info = stat()
            let path = folder + "/" + name
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Double(info.st_mtim.tv_sec) < hourAgo { unlink(path) }
        }
    }

    /// Where the files that go beside a calendar (its lock, its recovery file) belong: beside
    /// the real file when `path` is a symbolic link to it, so that every way of opening one
    /// calendar finds the same lock; `path` itself otherwise (messages keep the name typed).
    public static func besidePath(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        return resolvingLinks(path)
    }

    /// The file a path names once symbolic links are followed (the path itself when it does not
    /// exist yet, with its folder resolved).
    public static func resolvingLinks(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self)
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard let resolvedFolder = realpath(folder, nil) else { return path }
        defer { free(resolvedFolder) }
        let base = String(decoding: UnsafeRawBufferPointer(start: resolvedFolder, count: strlen(resolvedFolder)), as: UTF8.self)
        return (base as NSString).appendingPathComponent(url.lastPathComponent)
    }

    /// Whether two paths name the same file (after links), for refusing to write over a calendar.
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Flushes the folder entry so the rename itself survives a power cut.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Whether an open file is still the one `path` names: no rename or removal has put another
    /// file (or none) in its place since it was opened.
    public static func isNamed(_ fd: Int32, by path: String) -> Bool {
        var held = stat()
        var named = stat()
        return fstat(fd, &held) == 0 && stat(path, &named) == 0 && held.st_dev == named.st_dev && held.st_ino == named.st_ino
    }

    /// Whether the path names something other than a file or a folder: a device such as
    /// `/dev/null`, a pipe, a socket (links followed).
    public static func isDeviceOrPipe(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG && info.st_mode & S_IFMT != S_IFDIR
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(CadenceError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress! + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: errnoText(errno))
            }
            written += n
        }
    }

    static func errnoText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `write(2)`, named apart from `CalendarFile.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
