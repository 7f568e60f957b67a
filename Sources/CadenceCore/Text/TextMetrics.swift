/// Measuring post text the way people and networks see it.
public enum TextMetrics {
    /// Characters as a person counts them: grapheme clusters, so "ქართული" is 7, "Привет" is 6,
    /// and a family emoji or a flag is 1, whatever their bytes or code points.
    public static func characterCount(_ text: String) -> Int { text.count }

    /// The length a network counts, where every link may count as a fixed `linkLength` (X: 23).
    public static func networkLength(_ text: String, linkLength: Int?) -> Int {
        guard let linkLength else { return text.count }
        let links = urls(in: text)
        return text.count - links.reduce(0) { $0 + $1.count } + links.count * linkLength
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

    /// Hashtags as networks count them: `#` at the start of a word followed by letters, digits
    /// or `_`, with at least one letter (`#1` is not a hashtag). Works for any script: `#ქართული`.
    public static func hashtags(in text: String) -> [Substring] {
        var result: [Substring] = []
        var previous: Character? = nil
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "#" || c == "＃", previous.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "&") }) ?? true {
                var end = text.index(after: index)
                var hasLetter = false
                while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" {
                    if text[end].isLetter { hasLetter = true }
                    end = text.index(after: end)
                }
                if hasLetter {
                    result.append(text[index..<end])
                    previous = text[text.index(before: end)]
                    index = end
                    continue
                }
            }
            previous = c
            index = text.index(after: index)
        }
        return result
    }

    /// The text reduced to what makes two posts "the same text": case, spacing and line breaks
    /// ignored. Empty for a text with nothing in it.
    public static func normalizedForComparison(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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
