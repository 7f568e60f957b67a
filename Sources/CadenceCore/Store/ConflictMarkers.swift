import Foundation

/// Git's text-merge conflict markers, when they were committed by mistake: a clone without
/// Cadence's merge driver merged the calendar as text, and the file with its markers went into
/// history. No merge is in progress any more, so git cannot merge it again; Cadence rebuilds one
/// side of it instead.
///
/// A marked block is `<<<<<<< ours`, our lines, optionally `||||||| base` and the base's lines
/// (diff3 style), `=======`, their lines, `>>>>>>> theirs`. JSON holds no line breaks inside a
/// string, so a line starting with one of these is always a marker.
public enum ConflictMarkers {
    /// The text with every marked block replaced by one side's lines, and how many blocks
    /// there were.
    public static func taking(_ side: MergeSide, from text: String, path: String) throws(CadenceError) -> (text: String, blocks: Int) {
        enum Part { case shared, ours, base, theirs }
        var part = Part.shared
        var kept: [String] = []
        var blocks = 0
        var opened = 0
        // Split on the line feed alone, by scalars: in a CRLF file "\r\n" is one Character, and
        // each line keeps its "\r" for the join.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        func marker(_ line: String, _ sign: String) -> Bool {
            line.hasPrefix(sign) && (line.count == 7 || line.dropFirst(7).first == " " || line.dropFirst(7).first == "\r")
        }
        func misplaced(_ number: Int, _ line: String) -> CadenceError {
            .invalidFile(path: path, line: number, column: 1, message: "the conflict marker '\(line.prefix(7))' is out of place (no block is open, or one is open already); mend the markers by hand")
        }
        for (i, line) in lines.enumerated() {
            let number = i + 1
            if marker(line, "<<<<<<<") {
                guard part == .shared else { throw misplaced(number, line) }
                (part, opened) = (.ours, number)
                blocks += 1
            } else if marker(line, "|||||||") {
                guard part == .ours else { throw misplaced(number, line) }
                part = .base
            } else if marker(line, "=======") {
                guard part == .ours || part == .base else { throw misplaced(number, line) }
                part = .theirs
            } else if marker(line, ">>>>>>>") {
                guard part == .theirs else { throw misplaced(number, line) }
                part = .shared
            } else if part == .shared || (part == .ours && side == .ours) || (part == .theirs && side == .theirs) {
                kept.append(line)
            }
        }
        if part != .shared {
            throw .invalidFile(path: path, line: opened, column: 1, message: "the conflict block that starts here ('<<<<<<<') never ends ('>>>>>>>'); mend the markers by hand")
        }
        return (kept.joined(separator: "\n"), blocks)
    }
}
