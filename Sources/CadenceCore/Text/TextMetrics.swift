import Foundation

/// Measuring post text the way people and networks see it.
public enum TextMetrics {
    /// The name a mistyped one is closest to, at most `within` letters off (added, removed or
    /// changed), the first of equally close ones; `nil` for none that near.
    public static func nearest(to typed: String, among names: [String], within: Int = 2) -> String? {
        let key = Array(typed)
        let scored = names.map { ($0, editDistance(key, Array($0))) }.filter { $0.1 <= within }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance: the fewest letters added, removed or changed to turn one into the other.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Characters as a person counts them: grapheme clusters, so "ქართული" is 7, "Привет" is 6,
    /// and a family emoji or a flag is 1, whatever their bytes or code points.
    public static func characterCount(_ text: String) -> Int { text.count }

    /// The length a network counts, where every link may count as a fixed `linkLength` (X: 23)
    /// and, with `wideCount`, an emoji or a character beyond the Latin, Cyrillic, Georgian and
    /// other scripts X counts as one (Chinese, Japanese, Korean, Devanagari…) counts that much
    /// (X: 2, its "weighted length").
    public static func networkLength(_ text: String, linkLength: Int?, wideCount: Int? = nil) -> Int {
        // A link the network makes itself of a bare domain (`acme.com/menu`) counts as one too.
        let links = linkLength == nil ? [] : (urls(in: text) + bareDomains(in: text)).sorted { $0.startIndex < $1.startIndex }
        let linksLength = links.count * (linkLength ?? 0)
        guard let wideCount else { return text.count - links.reduce(0) { $0 + $1.count } + linksLength }
        var length = linksLength
        var index = text.startIndex
        var nextLink = links.makeIterator()
        var link = nextLink.next()
        while index < text.endIndex {
            if let current = link, index == current.startIndex {
                index = current.endIndex
                link = nextLink.next()
                continue
            }
            length += weight(of: text[index], wide: wideCount)
            index = text.index(after: index)
        }
        return length
    }

    /// One character's weight in X's count: an emoji counts `wide` whatever its code points;
    /// otherwise each code point counts 1 in the ranges X counts as narrow, else `wide`.
    static func weight(of character: Character, wide: Int) -> Int {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        // Most characters are one code point: no need to compose them first.
        if scalars.count == 1 {
            if first.value <= 0x10FF { return 1 }
            return narrow(first) ? 1 : wide
        }
        let isEmoji = first.properties.isEmojiPresentation
            || (first.properties.isEmoji && scalars.count > 1 && scalars.contains { $0.value == 0xFE0F || $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value) })
        if isEmoji { return wide }
        return String(character).precomposedStringWithCanonicalMapping.unicodeScalars.reduce(0) { $0 + (narrow($1) ? 1 : wide) }
    }

    private static func narrow(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x10FF, 0x2000...0x200D, 0x2010...0x201F, 0x2032...0x2037: true
        default: false
        }
    }

    /// Full web addresses written into the text: `http://…`, `https://…` and `www.…`, each up to
    /// the next white space.
    public static func urls(in text: String) -> [Substring] {
        var result: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            let atWordStart = index == text.startIndex || !text[text.index(before: index)].isLetter
            if atWordStart, let scheme = ["https://", "http://", "www."].first(where: { rest.lowercasedPrefix($0) }) {
                var end = text.index(index, offsetBy: scheme.count)
                guard end < text.endIndex, !text[end].isWhitespace else {
                    index = end
                    continue
                }
                while end < text.endIndex, !text[end].isWhitespace { end = text.index(after: end) }
                // Closing punctuation belongs to the sentence, not the address.
                while end > index, let last = text[..<end].last, ".,;:!?)»\"'".contains(last) {
                    end = text.index(before: end)
                }
                result.append(text[index..<end])
                index = end
            } else {
                index = text.index(after: index)
            }
        }
        return result
    }

    /// Top-level domains a network turns into a link when a word ends in one (`acme.com`,
    /// `coffee.ge/menu`): the common ones, not the whole list, so that `Node.js` stays a word.
    static let linkedDomains: Set<String> = [
        "com", "org", "net", "io", "co", "info", "biz", "app", "dev", "me", "ai", "ly", "tv", "shop", "store", "online", "site",
        "xyz", "blog", "news", "eu", "uk", "de", "fr", "it", "es", "nl", "pl", "ru", "ua", "by", "kz", "ge", "am", "az", "ro",
        "md", "bg", "cz", "sk", "hu", "at", "ch", "be", "se", "no", "dk", "fi", "ee", "lv", "lt", "gr", "tr", "us", "ca", "au",
        "nz", "in", "jp", "cn", "kr", "br", "mx", "ar", "il", "ae",
    ]

    /// Domains written without `http://` or `www.` (`acme.com`, `coffee.ge/menu`) that X and
    /// other networks link anyway, up to the next white space; not an e-mail address.
    public static func bareDomains(in text: String) -> [Substring] {
        // Most texts have no `x.yz` at all (a sentence's full stop is followed by a space): said
        // so in one pass over the bytes before any word is looked at, as every check counts
        // every text.
        guard mightHoldDomain(text) else { return [] }
        var result: [Substring] = []
        for word in text.split(whereSeparator: \.isWhitespace) {
            var (start, end) = (word.startIndex, word.endIndex)
            // Punctuation around it belongs to the sentence, not the address.
            while start < end, "(«\"'“".contains(word[start]) { start = word.index(after: start) }
            while end > start, ".,;:!?)»\"'”".contains(word[word.index(before: end)]) { end = word.index(before: end) }
            let candidate = word[start..<end]
            let host = candidate.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            guard let dot = host.lastIndex(of: "."), dot != host.startIndex,
                linkedDomains.contains(host[host.index(after: dot)...].lowercased()),
                host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }),
                !host.contains(".."), host.first != "-",
                !["http", "www."].contains(where: { candidate.lowercased().hasPrefix($0) })
            else { continue }
            result.append(candidate)
        }
        return result
    }

    /// Whether a letter or digit, a dot and two letters follow each other somewhere.
    static func mightHoldDomain(_ text: String) -> Bool {
        func isAlnum(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) }
        func isLetter(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }
        var window: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for b in text.utf8 {
            if isLetter(b), isLetter(window.2), window.1 == UInt8(ascii: "."), isAlnum(window.0) { return true }
            window = (window.1, window.2, b)
        }
        return false
    }

    /// Hashtags as networks count them: `#` at the start of a word followed by letters, digits
    /// or `_`, with at least one letter (`#1` is not a hashtag). Works for any script: `#ქართული`.
    /// A web address's `#fragment` is part of the address, not a hashtag.
    public static func hashtags(in text: String) -> [Substring] {
        var result: [Substring] = []
        var previous: Character? = nil
        var index = text.startIndex
        var links = (mightContainURL(text) ? urls(in: text) : []).makeIterator()
        var link = links.next()
        while index < text.endIndex {
            if let current = link, index >= current.startIndex {
                if index < current.endIndex { index = current.endIndex }
                previous = current.last
                link = links.next()
                continue
            }
            let c = text[index]
            // After a slash it is an address's fragment (`acme.example/#menu`), not a hashtag.
            if c == "#" || c == "＃", previous.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "&" || $0 == "/") }) ?? true {
                var end = text.index(after: index)
                var hasLetter = false
                while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" {
                    if text[end].isLetter { hasLetter = true }
                    end = text.index(after: end)
                }
                if hasLetter {
                    result.append(text[index..<end])
                    // "#one#two" is two hashtags: a new one may start right after one ends.
                    previous = nil
                    index = end
                    continue
                }
            }
            previous = c
            index = text.index(after: index)
        }
        return result
    }

    /// Whether the text is empty or only white space (spaces, tabs, line breaks), without
    /// Foundation's trimming, which copies the string: this runs for every post a file holds.
    public static func isBlank(_ text: some StringProtocol) -> Bool {
        !text.unicodeScalars.contains { !$0.properties.isWhitespace }
    }

    /// The text reduced to what makes two posts "the same text": case, spacing, line breaks
    /// and ASCII punctuation (read as a space) ignored: a "!" added is no rewrite for another
    /// channel. Empty for a text with nothing in it.
    public static func normalizedForComparison(_ text: String) -> String {
        // Works on UTF-8 bytes: this runs for every post when a calendar loads, and
        // Character.isWhitespace or appending scalars one by one is many times slower.
        let lowered = text.lowercased()
        let bytes = Array(lowered.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let length = whitespaceLength(bytes, at: i)
            if length > 0 {
                pendingSpace = !out.isEmpty
                i += length
                continue
            }
            let byte = bytes[i]
            i += 1
            // ASCII punctuation counts as a space between words ("sale,today" is "sale today").
            if (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The byte length of the white-space character starting at `i`, or 0 when there is none.
    static func whitespaceLength(_ b: [UInt8], at i: Int) -> Int {
        let first = b[i]
        if first < 0x80 { return (0x09...0x0D).contains(first) || first == 0x20 ? 1 : 0 }
        let count = b.count
        switch first {
        case 0xC2 where i + 1 < count:
            return b[i + 1] == 0x85 || b[i + 1] == 0xA0 ? 2 : 0  // NEL, no-break space
        case 0xE1 where i + 2 < count:
            return b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : 0  // Ogham space
        case 0xE2 where i + 2 < count:
            if b[i + 1] == 0x80 { return (0x80...0x8A).contains(b[i + 2]) || [0xA8, 0xA9, 0xAF].contains(b[i + 2]) ? 3 : 0 }
            return b[i + 1] == 0x81 && b[i + 2] == 0x9F ? 3 : 0  // medium mathematical space
        case 0xE3 where i + 2 < count:
            return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0  // ideographic space
        default:
            return 0
        }
    }

    /// A quick test on the bytes: could the text hold a web address at all?
    public static func mightContainURL(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var run = 0  // consecutive 'w' or 'W'
        var slashRun = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "/"):
                slashRun = previous == UInt8(ascii: ":") || slashRun == 1 ? slashRun + 1 : 0
                if slashRun == 2 { return true }
            case UInt8(ascii: "w"), UInt8(ascii: "W"):
                run += 1
                slashRun = 0
            case UInt8(ascii: "."):
                if run >= 3 { return true }
                run = 0
                slashRun = 0
            default:
                run = 0
                if b != UInt8(ascii: ":") { slashRun = 0 }
            }
            previous = b
        }
        return false
    }

    /// A quick test on the bytes: could the text hold a hashtag (`#` or the full-width `＃`)?
    public static func mightContainHashtag(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let b = utf8.next() {
            if b == UInt8(ascii: "#") { return true }
            if b == 0xEF, utf8.next() == 0xBC, utf8.next() == 0x83 { return true }
        }
        return false
    }
}

extension Substring {
    fileprivate func lowercasedPrefix(_ prefix: String) -> Bool {
        var i = startIndex
        for p in prefix {
            guard i < endIndex, self[i].lowercased() == String(p) else { return false }
            i = index(after: i)
        }
        return true
    }
}
