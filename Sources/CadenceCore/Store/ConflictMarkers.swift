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
    /// One side of a marked file.
    public struct Side: Equatable, Sendable {
        /// The text with every marked block replaced by that side's lines.
        public var text: String
        /// How many blocks there were.
        public var blocks: Int
        /// For each line of `text`, its line in the marked file (from 1).
        public var fileLines: [Int]
        /// What the markers call each side (`HEAD`, a branch), from the first block.
        public var oursLabel = ""
        public var theirsLabel = ""
    }

    /// Every marked block replaced by one side's lines.
    public static func taking(_ side: MergeSide, from text: String, path: String) throws(CadenceError) -> Side {
        enum Part { case shared, ours, base, theirs }
        var part = Part.shared
        var kept: [String] = []
        var fileLines: [Int] = []
        var labels = ["", ""]
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
                if labels[0].isEmpty { labels[0] = line.dropFirst(7).trimmingCharacters(in: .whitespacesAndNewlines) }
            } else if marker(line, "|||||||") {
                guard part == .ours else { throw misplaced(number, line) }
                part = .base
            } else if marker(line, "=======") {
                guard part == .ours || part == .base else { throw misplaced(number, line) }
                part = .theirs
            } else if marker(line, ">>>>>>>") {
                guard part == .theirs else { throw misplaced(number, line) }
                part = .shared
                if labels[1].isEmpty { labels[1] = line.dropFirst(7).trimmingCharacters(in: .whitespacesAndNewlines) }
            } else if part == .shared || (part == .ours && side == .ours) || (part == .theirs && side == .theirs) {
                kept.append(line)
                fileLines.append(number)
            }
        }
        if part != .shared {
            throw .invalidFile(path: path, line: opened, column: 1, message: "the conflict block that starts here ('<<<<<<<') never ends ('>>>>>>>'); mend the markers by hand")
        }
        return Side(text: kept.joined(separator: "\n"), blocks: blocks, fileLines: fileLines, oursLabel: labels[0], theirsLabel: labels[1])
    }
}
