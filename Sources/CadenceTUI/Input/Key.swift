/// A key or terminal event, as the backend reads it and before it means anything.
public enum Key: Equatable, Hashable, Sendable {
    /// A printable character.
    case char(Character)
    /// Ctrl and a letter, given in lower case: `.ctrl("r")`.
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, tab, backTab, escape, backspace, delete
    case function(Int)
    case mouse(MouseEvent)
    case resize(Size)
    /// Text the terminal says was pasted (bracketed paste), to be taken as text, not keys.
    case paste(String)
}

public struct MouseEvent: Equatable, Hashable, Sendable {
    public enum Kind: Equatable, Hashable, Sendable { case click, doubleClick, scrollUp, scrollDown }
    public var x: Int
    public var y: Int
    public var kind: Kind

    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}

