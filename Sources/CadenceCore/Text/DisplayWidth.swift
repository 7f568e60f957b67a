/// How many terminal columns text takes, so that Georgian, Cyrillic, CJK and emoji line up in
/// agendas and in the TUI. Pure Swift (no locale, no libc `wcwidth`), so the answer is the same
/// everywhere.
public enum DisplayWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        // Most text is letters of one scalar in scripts one column wide (Latin, Cyrillic,
        // Georgian): answered without looking up Unicode properties.
        if iterator.next() == nil, isPlainNarrow(first.value) { return 1 }
        // Control characters are never shown as they are; they take the one column of the
        // placeholder that stands for them.
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 1 }
        // An emoji shown as a picture (by default, or asked for with VS16) takes two columns.
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) || scalars.contains("\u{FE0F}") && first.properties.isEmoji {
            return 2
        }
        // Otherwise a terminal adds up the scalars' widths: a Devanagari conjunct (one
        // character to a reader, स्त) takes a column for each consonant; marks take none.
        var width = 0
        for scalar in scalars { width += isWide(scalar.value) ? 2 : isZeroWidth(scalar) ? 0 : 1 }
        return width
    }

    /// Printable ASCII, Latin-1 and Latin Extended (bar the soft hyphen), Cyrillic letters and
    /// Georgian: one column each, never emoji, never marks.
    static func isPlainNarrow(_ v: UInt32) -> Bool {
        (0x20..<0x7F).contains(v) || ((0xA0..<0x250).contains(v) && v != 0xAD) || (0x400..<0x483).contains(v)
            || (0x10A0..<0x1100).contains(v)
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value == 0x200B || (0x1160...0x11FF).contains(scalar.value)
        }
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15), outside the emoji handled above.
    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335,
        0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
        0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D,
        0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4,
        0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7,
        0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0,
        0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    /// Cuts text to at most `width` columns, ending in `…` when it had to cut.
    public static func truncate(_ text: some StringProtocol, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return String(text) }
        var result = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            result.append(c)
            used += w
        }
        // "Seed 7c3f…", not "Seed …": no space left before the ellipsis.
        while result.last == " " { result.removeLast() }
        return result + "…"
    }

    /// The end of text that fits in `width` columns (for paths, whose end says the most).
    public static func suffix(_ text: String, width: Int) -> String {
        var result: [Character] = []
        var used = 0
        for c in text.reversed() {
            let w = of(c)
            if used + w > width { break }
            result.append(c)
            used += w
        }
        return String(result.reversed())
    }

    /// Breaks text into lines of at most `width` columns, at spaces where it can (a word wider
    /// than a line is broken inside). Line breaks in the text are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            for word in keepingUnits(paragraph.split(separator: " ", omittingEmptySubsequences: true)) {
                var word = Substring(word)
                var w = of(word)
                if used > 0, used + 1 + w <= width {
                    line += " " + word
                    used += 1 + w
                    continue
                }
                if used > 0 { lines.append(line) }
                (line, used) = ("", 0)
                while w > width {  // a word longer than a line: as much as fits, then the rest
                    var cut = word.startIndex
                    var cutWidth = 0
                    while cut < word.endIndex, cutWidth + of(word[cut]) <= width {
                        cutWidth += of(word[cut])
                        cut = word.index(after: cut)
                    }
                    if cut == word.startIndex { cut = word.index(after: cut) }  // wider than the line itself
                    lines.append(String(word[..<cut]))
                    word = word[cut...]
                    w = of(word)
                }
                (line, used) = (String(word), w)
            }
            lines.append(line)
        }
        return lines
    }

    /// The words of a line, with a number and its unit kept together ("1 h", "30 min"), so
    /// that a wrapped message never leaves "1" at the end of one line and "h" at the start of
    /// the next.
    static func keepingUnits(_ words: [Substring]) -> [Substring] {
        let units: Set<Substring> = ["h", "min", "s", "d"]
        var kept: [Substring] = []
        for word in words {
            let bare = word.prefix { $0.isLetter }
            if let last = kept.last, last.last?.isNumber == true, units.contains(bare), bare.count == word.prefix(while: { !",.;:)".contains($0) }).count {
                kept[kept.count - 1] = Substring(last + " " + word)
            } else {
                kept.append(word)
            }
        }
        return kept
    }

    /// Pads text with spaces to `width` columns (cutting it first if it is wider).
    public static func pad(_ text: some StringProtocol, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }
}
