import Foundation

/// Everything a user can get wrong or run into, each with a one-line message that names what
/// is wrong and where (a list of posts refused, one line each). The command line prints it; the TUI shows it in its status line.
public enum CadenceError: Error, LocalizedError, Equatable, Sendable {
    case fileNotFound(path: String)
    case fileUnreadable(path: String, reason: String)
    /// A syntax or content problem at a place in a calendar file.
    case invalidFile(path: String, line: Int, column: Int, message: String)
    case newerSchema(path: String, found: Int, supported: Int)
    /// A file is in the way; `advice` says what to do (the default suits a calendar).
    case fileExists(path: String, advice: String = "Cadence never overwrites a calendar (choose another --file)")
    case inputNotFound(path: String)
    case cannotWrite(path: String, reason: String)
    case unknownChannel(String, known: [String])
    case unknownCategory(String, known: [String])
    case unknownPost(String)
    /// A start of an id too short to look a post up by (fewer than four characters).
    case shortPostID(String)
    case ambiguousPost(String, matches: [String])
    /// A value typed by the user (an option, a CSV cell) that does not parse.
    case invalidValue(field: String, value: String, expected: String)
    case skippedTime(LocalDateTime, zone: String)
    case invalidCSV(path: String, row: Int, column: String?, message: String)
    case unknownTemplate(String, known: [String])
    case invalidTemplate(name: String, message: String)
    case invalidPost(message: String)
    /// Posts a bulk upload would refuse: each reason on a line of its own (the first ten).
    case refusedPosts(tool: String, reasons: [String])
    /// A command used in a way or a place where it cannot work.
    case usage(String)

    public var errorDescription: String? { message }

    /// The message: a line break or other control character in a value the user gave (a
    /// pasted `--media`, say) is shown escaped, so that each line stays one line.
    public var message: String {
        if case .refusedPosts(let tool, let reasons) = self {
            if reasons.count == 1 { return Self.oneLine(reasons[0]) }
            let more = reasons.count > 10 ? "\n  and \(reasons.count - 10) more" : ""
            return "\(reasons.count) posts would be refused by \(tool), so nothing was written:"
                + reasons.prefix(10).map { "\n  " + Self.oneLine($0) }.joined() + more
        }
        return Self.oneLine(unescapedMessage)
    }

    private static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return text.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
    }

    private var unescapedMessage: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file (create one with 'cadence init')"
        case .fileUnreadable(let path, let reason):
            return "\(path): cannot be read: \(reason)"
        case .invalidFile(let path, let line, let column, let message):
            return "\(path):\(line):\(column): \(message)"
        case .newerSchema(let path, let found, let supported):
            return "\(path) has schemaVersion \(found), written by a newer Cadence; this one reads up to \(supported). Update Cadence to open it; the file was not changed."
        case .fileExists(let path, let advice):
            return "\(path) already exists; \(advice)"
        case .inputNotFound(let path):
            return "\(path): no such file"
        case .cannotWrite(let path, let reason):
            let unchanged = FileManager.default.fileExists(atPath: path) ? "; the file on disk is unchanged" : ""
            return "\(path): cannot be saved: \(reason)\(unchanged)"
        case .unknownChannel(let name, let known):
            return "unknown channel '\(name)'\(CadenceError.didYouMean(name, known)); this calendar has \(CadenceError.list(known))"
        case .unknownCategory(let name, let known):
            return "unknown category '\(name)'\(CadenceError.didYouMean(name, known)); this calendar has \(CadenceError.list(known))"
        case .unknownPost(let id):
            return "no post with id '\(id)' (see 'cadence list' for ids)"
        case .shortPostID(let id):
            return "no post with id '\(id)'; give the whole id or at least its first four characters (see 'cadence list' for ids)"
        case .ambiguousPost(let id, let matches):
            return "'\(id)' matches several posts (\(matches.prefix(5).joined(separator: ", "))); type more of the id"
        case .invalidValue(let field, let value, let expected):
            return "\(field): '\(value)' is not valid; expected \(expected)"
        case .skippedTime(let local, let zone):
            return "\(local) does not exist in \(zone): the clocks skip it (they go forward that night); pick another time"
        case .invalidCSV(let path, let row, let column, let message):
            let place = column.map { "row \(row), column '\($0)'" } ?? "row \(row)"
            return "\(path): \(place): \(message); nothing was imported"
        case .unknownTemplate(let name, let known):
            return "unknown template '\(name)'; available: \(CadenceError.list(known))"
        case .invalidTemplate(let name, let message):
            return "template '\(name)' is broken: \(message)"
        case .invalidPost(let message), .usage(let message):
            return message
        case .refusedPosts:
            return ""  // (`message` writes these, a line each)
        }
    }

    /// " (did you mean humour?)" for a name one or two letters from a known one, or "".
    static func didYouMean(_ name: String, _ known: [String]) -> String {
        let lowered = name.lowercased()
        guard lowered.count >= 3, let near = TextMetrics.nearest(to: lowered, among: known.map { $0.lowercased() }) else { return "" }
        return " (did you mean \(known.first { $0.lowercased() == near } ?? near)?)"
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.joined(separator: ", ")
    }
}
