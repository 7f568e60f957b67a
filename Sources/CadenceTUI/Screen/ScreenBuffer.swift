import CadenceCore

/// The colours views may ask for; the backend maps them to terminal colours, or drops them when
/// colour is off (NO_COLOR, a terminal without colours): symbols carry the meaning then.
public enum Color: UInt8, Sendable, CaseIterable {
    case red, green, yellow, blue, magenta, cyan, gray
}

public struct Style: Equatable, Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false

    public init(foreground: Color? = nil, background: Color? = nil, bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
}

/// One terminal cell. A character two columns wide fills its cell and marks the next one as its
/// continuation.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: Style
    public var isContinuation: Bool

    public static let blank = Cell(character: " ", style: .plain, isContinuation: false)
}

public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The rect shrunk by `n` on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }

    /// A rect of at most the given size, centred in this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let width = min(w, self.width)
        let height = min(h, self.height)
        return Rect(x: x + (self.width - width) / 2, y: y + (self.height - height) / 2, width: width, height: height)
    }
}

/// What a view draws into: a grid of cells, compared and drawn by the terminal backend, or read
/// back as lines of text by tests. Everything written is made safe for a terminal: control
/// characters from a calendar file never reach it.
public struct ScreenBuffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should rest (a text field's insertion point), if anywhere.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set {
            cursorX = newValue?.x
            cursorY = newValue?.y ?? 0
        }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width * size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Writes text from (x, y), cut at `maxWidth` columns (and the screen's edge), and returns
    /// the column after the last character written. A wide character that would not fit whole
    /// is left out.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let limit = min(size.width, x + (maxWidth ?? size.width))
        var column = x
        for character in text {
            let safe = ScreenBuffer.safe(character)
            let width = DisplayWidth.of(safe)
            if width == 0 { continue }
            if column + width > limit { break }
            if column >= 0 {
                set(x: column, y: y, Cell(character: safe, style: style, isContinuation: false))
                // A wide character (or a Devanagari conjunct) covers the columns after it.
                for extra in 1..<width where column + extra < size.width {
                    set(x: column + extra, y: y, Cell(character: " ", style: style, isContinuation: true))
                }
            }
            column += width
        }
        return column
    }

    public mutating func fill(_ rect: Rect, character: Character = " ", style: Style = .plain) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) {
                set(x: x, y: y, Cell(character: character, style: style, isContinuation: false))
            }
        }
    }

    /// Changes the style of cells without changing their characters.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) {
                change(&cells[y * size.width + x].style)
            }
        }
    }

    /// A box outline with an optional title in its top edge.
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = .plain) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        fill(rect, style: style)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        write("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
        write("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            write("│", x: rect.x, y: y, style: style)
            write("│", x: rect.maxX - 1, y: y, style: style)
        }
        if let title, rect.width > 6 {
            var titleStyle = style
            titleStyle.bold = true
            write(" " + DisplayWidth.truncate(title, to: rect.width - 6) + " ", x: rect.x + 2, y: rect.y, style: titleStyle)
        }
    }

    private mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, x < size.width, y >= 0, y < size.height else { return }
        let index = y * size.width + x
        // Overwriting part of a wide character blanks the rest of it.
        let rowStart = y * size.width
        let rowEnd = rowStart + size.width
        if cells[index].isContinuation, !cell.isContinuation {
            var head = index - 1
            while head > rowStart, cells[head].isContinuation { head -= 1 }
            for i in head..<index { cells[i] = .blank }
        }
        var next = index + 1
        while next < rowEnd, cells[next].isContinuation {
            cells[next] = .blank
            next += 1
        }
        cells[index] = cell
    }

    /// Control characters (escape sequences among them) become a visible placeholder.
    static func safe(_ character: Character) -> Character {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return " " }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) {
            return first == "\t" ? " " : "�"
        }
        // Terminals disagree on how wide joined emoji (👨‍👩‍👧, 👍🏽) are; the first one alone
        // takes two columns everywhere, so the grid stays aligned.
        if scalars.count > 1, scalars.contains(where: { $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value) }) {
            return Character(first)
        }
        // A symbol that is text by default and asked to be a picture (❤️: ❤ and VS16) is two
        // columns to some terminals and one to others (and to ncurses); shown as text, it is
        // one column everywhere.
        if scalars.count > 1, !first.properties.isEmojiPresentation, scalars.contains("\u{FE0F}") {
            return Character(first)
        }
        return character
    }

    /// The screen as text, one string per row, trailing spaces removed: what tests compare.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.size == rhs.size && lhs.cells == rhs.cells && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }
}
