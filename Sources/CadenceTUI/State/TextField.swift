import CadenceCore

/// An editable line or block of text with a cursor, counted in characters as people see them.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Insertion point: 0 … characters.count.
    public private(set) var cursor: Int
    public let multiline: Bool
    /// The first wrapped row a text area shows, kept from key to key so that it scrolls only
    /// when the cursor would leave it (see `firstShownRow`).
    public var scroll = 0

    public init(_ text: String = "", multiline: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        self.multiline = multiline
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = characters.count
        }
    }

    public var isEmpty: Bool { characters.isEmpty }

    public mutating func insert(_ character: Character) {
        if character == "\n" || character == "\r\n", !multiline { return }
        // Unicode's line and paragraph separators: a new line where lines are kept, else none.
        if character == "\u{2028}" || character == "\u{2029}" {
            if multiline { insert("\n" as Character) }
            return
        }
        // The terminal sends a joined emoji (👨‍👩‍👧, 👍🏽) or an accent typed apart one code point
        // at a time: a code point that joins the character before it becomes part of it, so
        // that Backspace and the arrows take the whole character as people see it.
        if cursor > 0 {
            let joined = String(characters[cursor - 1]) + String(character)
            if joined.count == 1 {
                characters[cursor - 1] = Character(joined)
                return
            }
        }
        characters.insert(character, at: cursor)
        cursor += 1
    }

    public mutating func insert(_ text: String) {
        for c in text { insert(c) }
    }

    /// Pasted text, as text: line breaks become new lines in a multi-line field and spaces in a
    /// one-line one; other control characters (a stray escape) are left out.
    public mutating func paste(_ text: String) {
        var pasted: [Character] = []
        for c in Post.normalisingLineBreaks(text) {
            if c == "\n" || c == "\u{2028}" || c == "\u{2029}" {
                if multiline { pasted.append("\n") } else if pasted.last != " " { pasted.append(" ") }
            } else if c == "\t" {
                pasted.append(multiline ? c : " ")
            } else if !c.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                pasted.append(c)
            }
        }
        characters.insert(contentsOf: pasted, at: cursor)
        cursor += pasted.count
    }


    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U, as in a shell).
    public mutating func deleteToLineStart() {
        var start = cursor
        while start > 0, characters[start - 1] != "\n" { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-W: the word before the cursor, and the spaces after it.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace, characters[start - 1] != "\n" { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        if start == cursor, start > 0 { start -= 1 }  // a line break on its own goes like a character
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(characters.count, cursor + 1) }

    /// To the start of the line (or of the text, in a one-line field).
    public mutating func home() {
        while cursor > 0, characters[cursor - 1] != "\n" { cursor -= 1 }
    }

    public mutating func end() {
        while cursor < characters.count, characters[cursor] != "\n" { cursor += 1 }
    }

    /// The columns a character takes as the screen draws it: none for one it leaves out (a
    /// zero-width space, a soft hyphen), so that the cursor stands where typing goes.
    static func columns(_ character: Character) -> Int { DisplayWidth.of(ScreenBuffer.safe(character)) }

    /// The text broken into rows of at most `width` columns: at line breaks, and between words
    /// where it can. Each row is a range of character indexes (without the line break).
    public func rows(width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var rows: [Range<Int>] = []
        var start = 0
        var column = 0
        var lastSpace: Int? = nil
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "\n" {
                rows.append(start..<i)
                start = i + 1
                column = 0
                lastSpace = nil
                i += 1
                continue
            }
            let w = TextField.columns(c)
            if column + w > width, i > start {
                if let space = lastSpace, space > start {
                    rows.append(start..<(space + 1))
                    start = space + 1
                } else {
                    rows.append(start..<i)
                    start = i
                }
                column = characters[start..<i].reduce(0) { $0 + TextField.columns($1) }
                lastSpace = nil
                continue
            }
            if c == " " { lastSpace = i }
            column += w
            i += 1
        }
        rows.append(start..<characters.count)
        return rows
    }

    /// The row and column of the cursor when wrapped at `width`.
    public func cursorPosition(width: Int) -> (row: Int, column: Int) {
        let rows = rows(width: width)
        for (index, row) in rows.enumerated() {
            let endsHere = index == rows.count - 1 || rows[index + 1].lowerBound > cursor
            if cursor >= row.lowerBound, cursor <= row.upperBound, endsHere {
                return (index, characters[row.lowerBound..<cursor].reduce(0) { $0 + TextField.columns($1) })
            }
        }
        return (rows.count - 1, 0)
    }

    /// Up or down one wrapped row, keeping the column where it can.
    public mutating func vertical(_ delta: Int, width: Int) {
        let (row, column) = cursorPosition(width: width)
        let target = row + delta
        guard target >= 0, target < rows(width: width).count else {
            cursor = delta < 0 ? 0 : characters.count
            return
        }
        place(row: target, column: column, width: width)
    }

    /// The cursor to a wrapped row (the last, past it) at a column, or the row's end when it is
    /// shorter: where a click lands.
    public mutating func place(row: Int, column: Int, width: Int) {
        let rows = rows(width: width)
        let number = max(0, min(row, rows.count - 1))
        let target = rows[number]
        // A row the text wraps from (no line break ends it) ends before its last character:
        // the cursor after it stands at the start of the next row.
        let wrapped = number < rows.count - 1 && rows[number + 1].lowerBound == target.upperBound
        let last = wrapped ? max(target.lowerBound, target.upperBound - 1) : target.upperBound
        var index = target.lowerBound
        var used = 0
        while index < last {
            let w = TextField.columns(characters[index])
            if used + w > column { break }
            used += w
            index += 1
        }
        cursor = index
    }

    /// The first row an area `height` rows high shows: `scroll`, moved just enough to show the
    /// cursor, and no further down than the text needs.
    public func firstShownRow(width: Int, height: Int) -> Int {
        let count = rows(width: width).count
        let cursorRow = cursorPosition(width: width).row
        let height = max(1, height)
        return max(0, min(max(scroll, cursorRow - height + 1), cursorRow, count - height))
    }
}
